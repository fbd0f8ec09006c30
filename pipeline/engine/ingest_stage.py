"""The ingestion stage: every file under the raw folder becomes a document or a refusal.

Plain Python, so it is tested and run without Dagster; the `raw_documents` asset calls
`ingest` through `engine/stages.py`. Each file is read by `pipeline.ingest` in a worker
process, and what was read is kept in the document cache under the file's hash.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from pipeline.contract.ids import text_sha256
from pipeline.engine import progress
from pipeline.engine.cache import DocumentCache
from pipeline.engine.fanout import map_chunks
from pipeline.extract.office_terms import earliest_writing_day
from pipeline.ingest.clean import RemovedLine
from pipeline.ingest.date_estimate import COVERAGE_START, date_from_text, date_in_url
from pipeline.ingest.discover import discover
from pipeline.ingest.language import normalise_code
from pipeline.ingest.metadata import FolderMetadata, Metadata, load_metadata
from pipeline.ingest.outlets import publisher
from pipeline.ingest.publication_dates import parse_date
from pipeline.ingest.readers import Article, read_file
from pipeline.ingest.refusal import Refusal

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
READ = "read"
# Files per worker task, and the batch size from which reading is spread over processes.
READ_CHUNK = 32
PARALLEL_FROM_FILES = 64


@dataclass(frozen=True)
class Ingested:
    """Rows for the documents, rejected and removed_lines tables (documents without
    extractor_version), sorted."""

    documents: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    removed_lines: list[dict] = field(default_factory=list)


def ingest(raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES,
           cache: DocumentCache | None = None) -> Ingested:
    raw_dir = Path(raw_dir)
    found = discover(raw_dir)
    metadata = load_metadata(raw_dir, found.metadata_files, found.files)
    articles: dict[str, list[Article]] = defaultdict(list)
    refused = [*found.refused, *metadata.refused]
    units = _read_all(raw_dir, found.files, max_bytes, cache)
    for rel in found.files:
        for unit in units[rel]:
            if isinstance(unit, Refusal):
                refused.append(unit)
            else:
                articles[unit.raw_sha256].append(unit)
    leading = [sorted(copies, key=lambda a: a.source_file) for copies in articles.values()]
    documents = [_document(copies, metadata) for copies in leading]
    removed = [_removed_row(copies[0].raw_sha256, line) for copies in leading
               for line in copies[0].cleaned.removed]
    return Ingested(sorted(documents, key=lambda d: d["doc_id"]),
                    [r.row() for r in sorted(refused)],
                    sorted(removed, key=lambda r: (r["doc_id"], r["raw_start"])))


def _removed_row(doc_id: str, line: RemovedLine) -> dict:
    return {"doc_id": doc_id, "raw_start": line.raw_start, "raw_end": line.raw_end,
            "text": line.text, "text_sha256": text_sha256(line.text), "reason": line.reason}


def read_files(raw_dir: Path, max_bytes: int, files: list[str]) -> list[tuple[str, list]]:
    """What each file reads as: the unit of work a worker process runs."""
    return [(rel, list(read_file(raw_dir, rel, max_bytes))) for rel in files]


def _cache_key(raw_dir: Path, rel: str, max_bytes: int) -> str | None:
    """The key of a file's reading: its name and bytes. Links and oversized files have none:
    their outcome is not their content."""
    path = raw_dir / rel
    if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
        return None
    return hashlib.sha256(f"{rel}\0{max_bytes}\0".encode() + path.read_bytes()).hexdigest()


def _read_all(raw_dir: Path, files: list[str], max_bytes: int,
              cache: DocumentCache | None) -> dict[str, list[Article | Refusal]]:
    """What every file reads as, from the cache when the same bytes were read under the same
    name before; the rest is read on the worker processes."""
    keys = {rel: _cache_key(raw_dir, rel, max_bytes) if cache else None for rel in files}
    units = {rel: cache.load(READ, key) for rel, key in keys.items()
             if cache is not None and key is not None}
    todo = [rel for rel in files if units.get(rel) is None]
    with progress.step(f"reading {len(files)} files", total=len(files)) as shown:
        shown.advance(len(files) - len(todo))
        for rel, read in map_chunks(partial(read_files, raw_dir, max_bytes), todo,
                                    chunk=READ_CHUNK, parallel_from=PARALLEL_FROM_FILES,
                                    preloaded=True):
            units[rel] = read
            key = keys[rel]
            if cache is not None and key is not None:
                cache.store(READ, key, read)
            shown.advance()
    # The cache gives back the readings stored under a key, and every file it had no reading
    # of (None) has just been read.
    return cast("dict[str, list[Article | Refusal]]", units)


def _document(copies: list[Article], metadata: FolderMetadata) -> dict:
    """One document for the same bytes under one or more names; the first name leads."""
    first = copies[0]
    given = Metadata()
    for article in reversed(copies):
        given = metadata.for_file(_file_of(article.source_file)).over(given)
    merged = given.over(first.found)
    published_at, published_at_source, published_at_basis = _publication(
        given, first, merged.fields.get("url"))
    return {
        "doc_id": first.raw_sha256,
        "source_file": first.source_file,
        "source_files": [a.source_file for a in copies],
        "title": merged.fields.get("title", first.title),
        "outlet": publisher(merged.fields.get("outlet"), merged.fields.get("url")),
        "url": merged.fields.get("url"),
        "published_at": published_at,
        "published_at_source": published_at_source,
        "published_at_basis": published_at_basis,
        "language": normalise_code(merged.fields.get("language")) or first.detected_language,
        "format": first.format,
        "clean_text": first.cleaned.text,
        "clean_sha256": text_sha256(first.cleaned.text),
        "clean_to_raw": json.dumps([list(a) for a in first.cleaned.anchors],
                                   separators=(",", ":")),
        "raw_sha256": first.raw_sha256,
        "raw_bytes": first.raw_bytes,
        "metadata_json": (json.dumps(merged.extra, sort_keys=True, ensure_ascii=False)
                          if merged.extra else None),
        "metadata_warnings": sorted({*merged.warnings, *_date_warnings(given, first)}),
    }


def _publication(given: Metadata, article: Article,
                 url: object) -> tuple[object, str | None, str | None]:
    """Curated metadata, then the file's own metadata, then a date the text states, then one
    the URL path gives, then one estimated from the days the text reports."""
    for date_value, source in ((given.fields.get("published_at"), "metadata"),
                               (article.found.fields.get("published_at"),
                                article.found_date_source)):
        parsed = parse_date(date_value)
        if parsed:
            return parsed, source, f"{source} field published_at"
    if article.text_date:
        return article.text_date, "text", "publication line or dateline in the text"
    # A photo caption is not the article, but its date ("at the Kremlin on Dec. 2, 2025")
    # is as good a clue to when the article was written as a date in the text.
    captions = [r.text for r in article.cleaned.removed if r.reason == "caption"]
    text = "\n\n".join([article.cleaned.text, *captions])
    estimate = date_in_url(url if isinstance(url, str) else None) or date_from_text(
        text, earliest_writing_day(text, COVERAGE_START))
    if estimate:
        return estimate.date, estimate.source, estimate.basis
    return None, None, None


def _date_warnings(given: Metadata, article: Article) -> list[str]:
    """A published_at that metadata gives but that names no plausible day is not used; say
    so rather than drop it silently."""
    return [f"published_at {value[:40]!r} is not a date from 1990 to 2100; ignored"
            for value in (given.fields.get("published_at"),
                          article.found.fields.get("published_at"))
            if value and parse_date(value) is None]


def _file_of(source_file: str) -> str:
    """The file a unit came from: "feed.jsonl#L3" comes from feed.jsonl."""
    return source_file.split("#", 1)[0]
