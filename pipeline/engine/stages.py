"""The pipeline's stages over a whole corpus, as plain functions.

Dagster assets and the CLI both run these (the CLI through the same assets), so there is
one code path; nothing here imports Dagster. Extraction runs per hash bucket (the Dagster
partitions) and writes each bucket's part of the tables; assembly joins the parts. Every
per-document result goes through the document cache, so a build repeats no work for
documents it has seen, and a bucket whose documents are unchanged is not touched at all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa

from pipeline import EXTRACTOR_VERSION
from pipeline.contract.contracts import table
from pipeline.engine import progress
from pipeline.engine.cache import DocumentCache
from pipeline.engine.fanout import map_chunks
from pipeline.engine.ingest_stage import Ingested, ingest
from pipeline.engine.parts import PartStore, bucket_of, by_bucket
from pipeline.engine.tables import assemble_actors, assemble_events, assemble_quotes, part_tables
from pipeline.extract import extract_chunk
from pipeline.extract.records import Extracted

# Languages the extractors understand; other documents are kept but not extracted from.
EXTRACTED_LANGUAGES = frozenset({"en"})
EXTRACTED = "extracted"
# Documents per worker task: enough for nlp.pipe batching, few enough to balance workers.
CHUNK = 16
PARALLEL_FROM_DOCUMENTS = 32


def extract_all(items: list[tuple[str, str, dt.date | None]],
                ) -> Iterator[tuple[str, Extracted]]:
    """(doc_id, Extracted) for (doc_id, clean text, publication date) items, in any order."""
    return map_chunks(extract_chunk, items, chunk=CHUNK, parallel_from=PARALLEL_FROM_DOCUMENTS,
                      preloaded=True)


def read_raw(raw_dir: Path, cache: DocumentCache) -> Ingested:
    if not raw_dir.is_dir():
        raise FileNotFoundError(
            f"The raw folder {raw_dir} does not exist. Create it and put articles in it, or "
            "point Parley at another folder (parley build --raw DIR).")
    return ingest(raw_dir, cache=cache)


def document_tables(ingested: Ingested) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The documents, rejected and removed_lines tables."""
    docs = [{**d, "extractor_version": EXTRACTOR_VERSION} for d in ingested.documents]
    return (table("documents").from_rows(docs), table("rejected").from_rows(ingested.rejected),
            table("removed_lines").from_rows(ingested.removed_lines))


def _extractable(documents: pa.Table, *columns: str) -> list[dict]:
    """The documents in an extracted language, with `doc_id` and the given columns."""
    rows = documents.select(["doc_id", "language", *columns]).to_pylist()
    return [r for r in rows if r["language"] in EXTRACTED_LANGUAGES]


def extractable_ids(documents: pa.Table) -> list[str]:
    return [r["doc_id"] for r in _extractable(documents)]


def part_store(cache: DocumentCache) -> PartStore:
    """Parts live beside the cache entries of the same extractor fingerprint."""
    return PartStore(cache.root / "parts")


def extract_buckets(documents: pa.Table, buckets: Iterable[str],
                    cache: DocumentCache) -> Counter[str]:
    """Write the part of each of `buckets` for the current documents; returns counts of
    documents extracted, taken from the cache, and of parts written or already current.

    Work is handed out bucket by bucket and a bucket's part is written as soon as its last
    document comes back, so writing overlaps the workers' parsing and only the unfinished
    buckets' records are held in memory."""
    store, wanted = part_store(cache), set(buckets)
    rows = {r["doc_id"]: r for r in _extractable(documents, "published_at", "clean_text")}
    present = {b: ids for b, ids in by_bucket(rows).items() if b in wanted}
    todo = {b: ids for b, ids in present.items() if not store.has(b, ids)}
    pending = {b: {i for i in ids if not cache.has(EXTRACTED, i)} for b, ids in todo.items()}
    found: dict[str, dict[str, Extracted]] = {b: {} for b in todo}
    counts: Counter[str] = Counter(parts_current=len(present) - len(todo),
                                   parts_damaged=store.damaged)

    def write(bucket: str) -> None:
        results = found.pop(bucket)
        for doc_id in todo[bucket]:
            if doc_id not in results:
                results[doc_id] = _cached(cache, rows[doc_id])
                counts["documents_from_cache"] += 1
        store.write(bucket, todo[bucket], part_tables(results))
        counts["parts_written"] += 1

    items = [(i, rows[i]["clean_text"], rows[i]["published_at"])
             for b in sorted(pending) for i in sorted(pending[b])]
    total = sum(len(ids) for ids in todo.values())
    with progress.step(f"parsing and extracting {total} documents", total=total) as shown:
        shown.advance(total - len(items))
        if not total:
            shown.note(f"extracted parts current in all {len(present)} partitions")
        for doc_id, extracted in extract_all(items):
            cache.store(EXTRACTED, doc_id, extracted)
            counts["documents_extracted"] += 1
            bucket = bucket_of(doc_id)
            found[bucket][doc_id] = extracted
            pending[bucket].discard(doc_id)
            if not pending[bucket]:
                write(bucket)
            shown.advance()
        for bucket in sorted(found):  # buckets whose documents were all in the cache
            write(bucket)
    return counts


def _cached(cache: DocumentCache, row: dict) -> Extracted:
    """A document's results from the cache, recomputed here if the entry was lost or damaged
    since extraction."""
    item = (row["doc_id"], row["clean_text"], row["published_at"])
    return cache.computed(EXTRACTED, row["doc_id"], lambda: extract_chunk([item])[0][1])


def _parts(documents: pa.Table, cache: DocumentCache, *names: str) -> list[list[pa.Table]]:
    """The parts of each named table for the current documents."""
    store, doc_ids = part_store(cache), extractable_ids(documents)
    return [store.read(doc_ids, name) for name in names]


def assembled_actors(documents: pa.Table, cache: DocumentCache) -> tuple[pa.Table, pa.Table]:
    """The actors and mentions tables."""
    actors, mentions = _parts(documents, cache, "actors", "mentions")
    return assemble_actors(actors), table("mentions").from_parts(mentions)


def assembled_quotes(documents: pa.Table, cache: DocumentCache) -> pa.Table:
    (quotes,) = _parts(documents, cache, "quotes")
    return assemble_quotes(quotes)


def assembled_events(documents: pa.Table,
                     cache: DocumentCache) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    """The events, event_actors, places and real_events tables."""
    published = dict(zip(documents.column("doc_id").to_pylist(),
                         documents.column("published_at").to_pylist(), strict=True))
    events, event_actors, places, actors = _parts(documents, cache, "events", "event_actors",
                                                  "places", "actors")
    return assemble_events(events, event_actors, places, actors, published)
