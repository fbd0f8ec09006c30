"""The pipeline's stages over a whole corpus, as plain functions.

Dagster assets and the CLI both run these (the CLI through the same assets), so there is
one code path; nothing here imports Dagster. Every per-document result goes through the
document cache, so a build repeats no work for documents it has seen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
from spacy.tokens import Doc, DocBin

from pipeline import EXTRACTOR_VERSION
from pipeline.cache import DocumentCache
from pipeline.contracts import table
from pipeline.extract.actors import find_mentions
from pipeline.extract.events import find_events
from pipeline.extract.nlp import english
from pipeline.extract.quotes import find_quotes
from pipeline.ingest import Ingested, ingest
from pipeline.tables import actors_and_mentions, event_tables, mentions_by_doc, quotes_table

# Languages the extractors understand; other documents are kept but not extracted from.
EXTRACTED_LANGUAGES = frozenset({"en"})
PARSE = "parse"
# Parsing is the dominant cost, so it uses every core; worker start-up (a model load per
# process) only pays off for a batch of some size.
PARSE_PROCESSES = int(os.environ.get("PARLEY_PARSE_PROCESSES", min(2, os.cpu_count() or 1)))
PARALLEL_FROM_DOCUMENTS = 64


def read_raw(raw_dir: Path, cache: DocumentCache) -> Ingested:
    if not raw_dir.is_dir():
        raise FileNotFoundError(
            f"The raw folder {raw_dir} does not exist. Create it and put articles in it, or "
            "point Parley at another folder (parley build --raw DIR).")
    return ingest(raw_dir, cache=cache)


def document_tables(ingested: Ingested) -> tuple[pa.Table, pa.Table]:
    """The documents and rejected tables."""
    docs = [{**d, "extractor_version": EXTRACTOR_VERSION} for d in ingested.documents]
    return table("documents").from_rows(docs), table("rejected").from_rows(ingested.rejected)


def _extractable(documents: pa.Table) -> list[dict]:
    columns = ["doc_id", "language", "published_at", "clean_text"]
    return [r for r in documents.select(columns).to_pylist()
            if r["language"] in EXTRACTED_LANGUAGES]


def parse(documents: pa.Table, cache: DocumentCache) -> list[str]:
    """Parse every extractable document not parsed before; returns the parsed doc ids.

    The parses live in the cache, not in the asset's output, so later stages load only the
    ones they need and the corpus is never held in memory as spaCy documents.
    """
    rows = _extractable(documents)
    todo = [r for r in rows if not cache.has(PARSE, r["doc_id"])]
    cache.stats.update({f"{PARSE}_hit": len(rows) - len(todo), f"{PARSE}_miss": len(todo)})
    processes = PARSE_PROCESSES if len(todo) >= PARALLEL_FROM_DOCUMENTS else 1
    texts = (r["clean_text"] for r in todo)
    for row, doc in zip(todo, english().pipe(texts, n_process=processes, batch_size=16)):
        cache.store(PARSE, row["doc_id"], DocBin(docs=[doc]).to_bytes())
    return [r["doc_id"] for r in rows]


def _parsed(cache: DocumentCache, row: dict) -> Doc:
    data = cache.load(PARSE, row["doc_id"])
    if data is None:  # removed or damaged since the parse stage: parse again
        doc = english()(row["clean_text"])
        cache.store(PARSE, row["doc_id"], DocBin(docs=[doc]).to_bytes())
        return doc
    (doc,) = DocBin().from_bytes(data).get_docs(english().vocab)
    return doc


def _per_document(documents: pa.Table, parsed: Iterable[str], cache: DocumentCache,
                  stage: str, extract: Callable[[dict, Doc], list]) -> Iterator[tuple[str, list]]:
    """Each parsed document's results for one stage, computed only on a cache miss."""
    parsed = set(parsed)
    for row in _extractable(documents):
        doc_id = row["doc_id"]
        if doc_id in parsed:
            yield doc_id, cache.computed(stage, doc_id,
                                         lambda: extract(row, _parsed(cache, row)))


def extract_actors(documents: pa.Table, parsed: list[str],
                   cache: DocumentCache) -> tuple[pa.Table, pa.Table]:
    """The actors and mentions tables."""
    return actors_and_mentions(dict(_per_document(
        documents, parsed, cache, "mentions",
        lambda row, doc: find_mentions(doc, row["published_at"]))))


def extract_quotes(documents: pa.Table, parsed: list[str], cache: DocumentCache,
                   actors: pa.Table, mentions: pa.Table) -> pa.Table:
    known = mentions_by_doc(actors, mentions)
    return quotes_table(dict(_per_document(
        documents, parsed, cache, "quotes",
        lambda row, doc: find_quotes(doc, known.get(row["doc_id"], [])))))


def extract_events(documents: pa.Table, parsed: list[str], cache: DocumentCache,
                   actors: pa.Table, mentions: pa.Table) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The events, event_actors and places tables."""
    known = mentions_by_doc(actors, mentions)
    return event_tables(dict(_per_document(
        documents, parsed, cache, "events",
        lambda row, doc: find_events(doc, known.get(row["doc_id"], []), row["published_at"]))))
