"""Putting the article text back into a release published without it.

A `public` or `none` release keeps every document's raw and clean-text SHA-256 and every
span's offsets, but no article text. Whoever has the articles can restore it: each
document's source is found among their own files (by the raw file's SHA-256, else by url,
else by title), read and cleaned by the same ingestion code, and accepted only if the clean
text hashes to what the release recorded. Every text column is then refilled from that text
by its offsets (and checked against its own hash where the release kept one), the tables are
validated by the full contracts and published as a `full` release: the same tables, byte
for byte, that a full build of those articles gives. A document that cannot be found, or
whose text differs, is reported with its reason and nothing is written: no text is guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.contracts import TABLE_ORDER, Table, table as contract
from pipeline.contract.ids import text_sha256
from pipeline.engine.ingest_stage import ingest
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.publish import publish
from pipeline.releases.verify import verify

# Columns of a document that come from its article files rather than from the release.
FROM_ARTICLES = ("clean_text", "metadata_json")
# Span text columns whose text the release hashed, and the column holding the hash.
HASHED = {"evidence_text": "evidence_sha256", "text": "text_sha256"}


@dataclass
class Rehydration:
    release: Path | None = None  # the full release written, None when nothing was
    version: str | None = None
    restored: int = 0
    problems: list[str] = field(default_factory=list)
    matched_by: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Source:
    """One document as the user's files give it."""

    row: dict
    found_by: str


def rehydrate(release: Path, raw_dir: Path, out_dir: Path) -> Rehydration:
    """A full release in `out_dir` from `release` and the articles under `raw_dir`."""
    outcome = Rehydration()
    checked = verify(release, expectations=False)
    if not checked.ok:
        outcome.problems = [f"the release is not intact: {p}" for p in checked.problems]
        return outcome
    tables = {name: pq.read_table(release / f"{name}.parquet") for name in TABLE_ORDER}
    ingested = ingest(raw_dir)
    sources = _find_sources(tables["documents"].to_pylist(), ingested.documents, outcome)
    if outcome.problems:
        return outcome
    removed: dict[str, list[str]] = {}
    for line in ingested.removed_lines:  # in raw_start order within each document
        removed.setdefault(line["doc_id"], []).append(line["text"])
    full = {name: _restored(name, tables[name], sources, removed, outcome)
            for name in TABLE_ORDER}
    if outcome.problems:
        return outcome
    reports = {name: validate_table(name, full[name],
                                    {t: full[t] for t in required_tables(name)})
               for name in TABLE_ORDER}
    failed = [o.describe() for r in reports.values() for o in r.failures]
    if failed:
        outcome.problems = [f"the restored tables fail validation: {f}" for f in failed]
        return outcome
    published = publish(full, reports, out_dir, profile="full")
    outcome.release, outcome.version = published.path, published.version
    outcome.restored = len(sources)
    return outcome


def _find_sources(documents: list[dict], candidates: list[dict],
                  outcome: Rehydration) -> dict[str, _Source]:
    """Each release document's source among the user's files, or a problem saying why not."""
    by_sha = {c["raw_sha256"]: c for c in candidates}
    by_url = _unique_index(candidates, "url")
    by_title = _unique_index(candidates, "title")
    found: dict[str, _Source] = {}
    for doc in documents:
        match = _match(doc, by_sha, by_url, by_title)
        if match is None:
            outcome.problems.append(
                f"{doc['source_file']} (doc_id {doc['doc_id'][:12]}): no file under the raw "
                "folder has its SHA-256, url or title; add the article to restore its text")
            continue
        if match.row["clean_sha256"] != doc["clean_sha256"]:
            outcome.problems.append(
                f"{doc['source_file']} (doc_id {doc['doc_id'][:12]}): "
                f"{match.row['source_file']}, found by {match.found_by}, cleans to a "
                "different text than the release was built from (the file was changed); "
                "it was not used")
            continue
        found[doc["doc_id"]] = match
        outcome.matched_by[match.found_by] += 1
    return found


def _unique_index(rows: list[dict], key: str) -> dict[str, dict]:
    """Rows by a field's value, for values only one row has: an ambiguous url or title
    identifies no file."""
    seen: dict[str, list[dict]] = {}
    for row in rows:
        if row.get(key):
            seen.setdefault(row[key], []).append(row)
    return {value: found[0] for value, found in seen.items() if len(found) == 1}


def _match(doc: dict, by_sha: Mapping[str, dict], by_url: Mapping[str, dict],
           by_title: Mapping[str, dict]) -> _Source | None:
    if doc["raw_sha256"] in by_sha:
        return _Source(by_sha[doc["raw_sha256"]], "raw_sha256")
    if doc.get("url") and doc["url"] in by_url:
        return _Source(by_url[doc["url"]], "url")
    if doc.get("title") and doc["title"] in by_title:
        return _Source(by_title[doc["title"]], "title")
    return None


def _restored(name: str, data: pa.Table, sources: Mapping[str, _Source],
              removed: Mapping[str, list[str]], outcome: Rehydration) -> pa.Table:
    """The table with every column of the full contract, the missing ones refilled; rebuilt
    from its rows as a build makes it (Arrow read back from Parquet names its list fields
    otherwise, and would be written to other bytes). `removed` holds the texts of the
    paragraphs the cleaner removed from each of the user's files, in order."""
    spec = contract(name)
    missing = [c for c in spec.column_names if c not in data.column_names]
    spans = {s.text: s for s in spec.spans}
    rows = data.to_pylist()
    for column in missing:
        if name == "documents" and column in FROM_ARTICLES:
            for row in rows:
                row[column] = sources[row["doc_id"]].row[column]
        elif name == "removed_lines" and column == "text":
            _restore_removed(rows, sources, removed, outcome)
        elif column in spans:
            span = spans[column]
            for row in rows:
                row[column] = _span_text(row, span.start, span.end, sources)
                hash_column = HASHED.get(column)
                if (row[column] is not None and hash_column in row
                        and text_sha256(row[column]) != row[hash_column]):
                    outcome.problems.append(f"{name}.{column} of row {_key(spec, row)} does "
                                            "not match its hash")
        else:
            outcome.problems.append(f"{name}.{column} cannot be restored from the articles")
    return spec.from_rows(rows)


def _restore_removed(rows: list[dict], sources: Mapping[str, _Source],
                     removed: Mapping[str, list[str]], outcome: Rehydration) -> None:
    """Removed paragraphs come from the raw text, which the clean text does not hold: they
    are taken, in order, from the cleaning of the user's own files (whose offsets may differ:
    a copy saved with other line endings cleans to the same text), and checked against their
    hash."""
    seen: Counter[str] = Counter()
    for row in rows:  # sorted by doc_id and raw_start, as the contract sorts them
        texts = removed.get(sources[row["doc_id"]].row["doc_id"], [])
        k = seen[row["doc_id"]]
        seen[row["doc_id"]] += 1
        text = texts[k] if k < len(texts) else None
        if text is None or text_sha256(text) != row["text_sha256"]:
            outcome.problems.append(f"removed_lines.text of row doc_id={row['doc_id']}, "
                                    f"raw_start={row['raw_start']} does not match its hash")
        row["text"] = text


def _span_text(row: dict, start: str, end: str, sources: Mapping[str, _Source]) -> str | None:
    if row[start] is None or row[end] is None:
        return None
    return sources[row["doc_id"]].row["clean_text"][row[start]:row[end]]


def _key(spec: Table, row: dict) -> str:
    return ", ".join(f"{k}={row[k]}" for k in spec.primary_key)
