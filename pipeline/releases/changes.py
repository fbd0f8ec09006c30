"""What a release adds, removes and changes against the release `latest` pointed at before.

Rows are matched by their table's primary key (from schemas/), so a row whose key is kept but
whose values differ is "changed", not removed and added. Documents are keyed by doc_id, the
SHA-256 of the raw bytes: an edited article is a removed document and an added one, both
listed with their source file so a reader sees which file was edited. Published releases are
never touched: a document removed from the raw folder is missing from the next release only.

Counts are always exact; the keys listed per table are capped so that a change of extractor,
which rewrites most rows, does not make changes.json as large as the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.contracts import TABLE_ORDER, table as contract

MAX_LISTED = 1000
_DOCUMENT_FIELDS = ("doc_id", "source_file", "title")


def _key(row: dict, primary_key: tuple[str, ...]) -> object:
    if len(primary_key) == 1:
        return row[primary_key[0]]
    return tuple(row[k] for k in primary_key)


def _json_key(key: object, primary_key: tuple[str, ...]) -> object:
    if len(primary_key) == 1:
        return key
    assert isinstance(key, tuple)  # _key builds one value per primary-key column
    return dict(zip(primary_key, key, strict=True))


def _rows_by_key(data: pa.Table, primary_key: tuple[str, ...]) -> dict[object, dict]:
    return {_key(row, primary_key): row for row in data.to_pylist()}


def _read_previous(previous: Path) -> tuple[dict[str, pa.Table], list[str]]:
    """The previous release's tables, and the names of those that could not be read."""
    tables, unreadable = {}, []
    for name in TABLE_ORDER:
        path = previous / f"{name}.parquet"
        if not path.is_file():
            continue  # a table new in this release: every row is added
        try:
            tables[name] = pq.read_table(path)
        except (OSError, pa.ArrowException):
            unreadable.append(name)
    return tables, unreadable


def _sorted_keys(keys: set) -> list:
    return sorted(keys, key=lambda k: tuple(map(str, k)) if isinstance(k, tuple) else (str(k),))


def _changed_keys(before: pa.Table | None, after: pa.Table,
                  primary_key: tuple[str, ...]) -> dict[str, set]:
    """Keys added, removed and changed, compared in DuckDB: whole-table set operations are
    what keeps a small incremental release cheap to publish."""
    if before is None:
        before = after.schema.empty_table()
    keys = ", ".join(f'"{k}"' for k in primary_key)
    con = duckdb.connect()
    try:
        con.register("new", after)
        con.register("old", before)

        def fetch(sql: str) -> set:
            return {row[0] if len(row) == 1 else row for row in con.execute(sql).fetchall()}

        # Values are compared on the columns both releases have: a release of another text
        # profile (pipeline.contract.contracts.PROFILES) lacks some, and has the same rows.
        shared = ", ".join(f'"{c}"' for c in after.schema.names if c in before.schema.names)
        differing = (f"SELECT {shared} FROM new EXCEPT SELECT {shared} FROM old" if shared
                     else "new")
        return {
            "added": fetch(f"SELECT {keys} FROM new ANTI JOIN old USING ({keys})"),
            "removed": fetch(f"SELECT {keys} FROM old ANTI JOIN new USING ({keys})"),
            "changed": fetch(f"SELECT {keys} FROM ({differing}) SEMI JOIN old USING ({keys})"),
        }
    finally:
        con.close()


def _table_changes(name: str, before: pa.Table | None, after: pa.Table) -> dict:
    primary_key = contract(name).primary_key
    kinds = {kind: _sorted_keys(found)
             for kind, found in _changed_keys(before, after, primary_key).items()}
    result: dict = {"rows_before": None if before is None else before.num_rows,
                    "rows_after": after.num_rows, "primary_key": list(primary_key)}
    result.update({kind: len(keys) for kind, keys in kinds.items()})
    result.update({f"{kind}_keys": [_json_key(k, primary_key) for k in keys[:MAX_LISTED]]
                   for kind, keys in kinds.items()})
    result["keys_truncated"] = any(len(keys) > MAX_LISTED for keys in kinds.values())
    return result


def _documents(before: pa.Table | None, after: pa.Table, keys: dict) -> dict:
    """The documents behind the table's added, removed and changed doc_ids, with their files,
    in source-file order (what a person scans for)."""
    old = _rows_by_key(before, ("doc_id",)) if before is not None else {}
    new = _rows_by_key(after, ("doc_id",))
    described = {}
    for kind, rows in (("added", new), ("removed", old), ("changed", new)):
        described[kind] = sorted(({f: rows[doc_id][f] for f in _DOCUMENT_FIELDS}
                                  for doc_id in keys[f"{kind}_keys"]),
                                 key=lambda doc: (doc["source_file"], doc["doc_id"]))
    return described


def compare(previous: Path | None, previous_version: str | None,
            tables: Mapping[str, pa.Table]) -> dict:
    """changes.json: what `tables` add, remove and change against the release in `previous`."""
    before, unreadable = _read_previous(previous) if previous is not None else ({}, [])
    per_table = {name: _table_changes(name, before.get(name), tables[name])
                 for name in TABLE_ORDER}
    return {
        "previous_version": previous_version,
        "unreadable_previous_tables": unreadable,
        "documents": _documents(before.get("documents"), tables["documents"],
                                per_table["documents"]),
        "tables": per_table,
    }


def markdown(changes: Mapping, version: str, built_at: dt.datetime) -> str:
    """CHANGES.md: the same facts as changes.json, for a person."""
    previous = changes["previous_version"]
    lines = [f"# Changes in {version}", "",
             f"Built {built_at.isoformat(timespec='seconds')}. "
             + (f"Compared with the previous release, {previous}." if previous
                else "First release in this folder: everything is new."), ""]
    if changes["unreadable_previous_tables"]:
        lines += ["Tables of the previous release that could not be read (counted as new): "
                  + ", ".join(changes["unreadable_previous_tables"]), ""]
    docs = changes["documents"]
    lines += ["## Documents", "",
              f"{len(docs['added'])} added, {len(docs['removed'])} removed, "
              f"{len(docs['changed'])} changed."]
    for kind in ("added", "removed", "changed"):
        for doc in docs[kind]:
            lines.append(f"- {kind}: `{doc['source_file']}` {doc['title'] or '(no title)'} "
                         f"(doc_id {doc['doc_id'][:12]})")
    lines += ["", "## Rows per table", "",
              "| table | before | after | added | removed | changed |",
              "|---|---:|---:|---:|---:|---:|"]
    for name in TABLE_ORDER:
        t = changes["tables"][name]
        before = "-" if t["rows_before"] is None else t["rows_before"]
        lines.append(f"| {name} | {before} | {t['rows_after']} | {t['added']} | "
                     f"{t['removed']} | {t['changed']} |")
    lines += ["", "Rows are matched by primary key; changes.json lists the keys "
              f"(at most {MAX_LISTED} per table and kind)."]
    return "\n".join(lines) + "\n"
