"""The pipeline's stages over a whole corpus, as plain functions.

Dagster assets and the CLI both run these (the CLI through the same assets), so there is
one code path; nothing here imports Dagster.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
from spacy.tokens import Doc, DocBin

from pipeline import EXTRACTOR_VERSION
from pipeline.contracts import table
from pipeline.extract.actors import find_mentions
from pipeline.extract.events import find_events
from pipeline.extract.nlp import english
from pipeline.extract.quotes import find_quotes
from pipeline.ingest import Ingested, ingest
from pipeline.tables import actors_and_mentions, event_tables, mentions_by_doc, quotes_table

# Languages the extractors understand; other documents are kept but not extracted from.
EXTRACTED_LANGUAGES = frozenset({"en"})


def read_raw(raw_dir: Path) -> Ingested:
    if not raw_dir.is_dir():
        raise FileNotFoundError(
            f"The raw folder {raw_dir} does not exist. Create it and put articles in it, or "
            "point Parley at another folder (parley build --raw DIR).")
    return ingest(raw_dir)


def document_tables(ingested: Ingested) -> tuple[pa.Table, pa.Table]:
    """The documents and rejected tables."""
    docs = [{**d, "extractor_version": EXTRACTOR_VERSION} for d in ingested.documents]
    return table("documents").from_rows(docs), table("rejected").from_rows(ingested.rejected)


def parse(documents: pa.Table) -> dict[str, bytes]:
    """One spaCy parse per extractable document, serialised so later stages reuse it."""
    rows = [r for r in documents.select(["doc_id", "language", "clean_text"]).to_pylist()
            if r["language"] in EXTRACTED_LANGUAGES]
    nlp = english()
    out = {}
    for row, doc in zip(rows, nlp.pipe(r["clean_text"] for r in rows)):
        out[row["doc_id"]] = DocBin(docs=[doc]).to_bytes()
    return out


def _docs(documents: pa.Table, parses: Mapping[str, bytes]) -> Iterator[tuple[dict, Doc]]:
    vocab = english().vocab
    for row in documents.select(["doc_id", "published_at"]).to_pylist():
        if row["doc_id"] in parses:
            (doc,) = DocBin().from_bytes(parses[row["doc_id"]]).get_docs(vocab)
            yield row, doc


def extract_actors(documents: pa.Table, parses: Mapping[str, bytes]) -> tuple[pa.Table, pa.Table]:
    """The actors and mentions tables."""
    found = {row["doc_id"]: find_mentions(doc, row["published_at"])
             for row, doc in _docs(documents, parses)}
    return actors_and_mentions(found)


def extract_quotes(documents: pa.Table, parses: Mapping[str, bytes], actors: pa.Table,
                   mentions: pa.Table) -> pa.Table:
    known = mentions_by_doc(actors, mentions)
    return quotes_table({row["doc_id"]: find_quotes(doc, known.get(row["doc_id"], []))
                         for row, doc in _docs(documents, parses)})


def extract_events(documents: pa.Table, parses: Mapping[str, bytes], actors: pa.Table,
                   mentions: pa.Table) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The events, event_actors and places tables."""
    known = mentions_by_doc(actors, mentions)
    return event_tables({
        row["doc_id"]: find_events(doc, known.get(row["doc_id"], []), row["published_at"])
        for row, doc in _docs(documents, parses)})
