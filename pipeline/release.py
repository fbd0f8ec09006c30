"""Publishing a validated release folder.

A release is written into a hidden temporary folder beside the published ones and renamed
into place only when complete, then `latest` is switched with an atomic rename, so readers
never see a half-written release and a failed build leaves the previous one untouched.

Versioning: a release is named `<UTC build date>.<content hash>`, where the content hash
is the first 8 hex digits of SHA-256 over the sorted SHA-256 sums of the Parquet tables.
Identical tables give the same hash; when a published release already has it, nothing new
is published and `latest` points at that release.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import EXTRACTOR_VERSION, __version__
from pipeline.contracts import TABLE_ORDER, table as contract
from pipeline.validation import TableReport

DUCKDB_FILE = "parley.duckdb"
CHECKSUMS_FILE = "SHA256SUMS"
MANIFEST_FILE = "release.json"
DATAPACKAGE_FILE = "datapackage.json"
REPORT_MD = "validation.md"
REPORT_JSON = "validation.json"
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


@dataclass(frozen=True)
class Published:
    version: str
    path: Path
    new: bool  # False when an identical release already existed


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_parquet(data: pa.Table, path: Path) -> None:
    # Fixed writer settings and no pandas metadata: the same rows give the same bytes.
    pq.write_table(data, path, compression="zstd", use_dictionary=True,
                   write_statistics=True, store_schema=True)


def _write_duckdb(tables: Mapping[str, pa.Table], path: Path) -> None:
    """Tables, not views over Parquet paths, so the file opens from any folder on its own."""
    con = duckdb.connect(str(path))
    try:
        for name in TABLE_ORDER:
            spec = contract(name)
            con.execute(spec.duckdb_ddl())
            con.register("incoming", tables[name])
            con.execute(f'INSERT INTO "{name}" SELECT * FROM incoming')
            con.unregister("incoming")
            # Descriptions come from our own contracts, never from article text.
            con.execute(f"COMMENT ON TABLE \"{name}\" IS '{_sql_literal(spec.description)}'")
            for col in spec.columns:
                con.execute(f"COMMENT ON COLUMN \"{name}\".\"{col.name}\" "
                            f"IS '{_sql_literal(col.description)}'")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _sql_literal(text: str) -> str:
    return text.replace("'", "''")


def _datapackage(tables: Mapping[str, pa.Table], sums: Mapping[str, str], folder: Path) -> dict:
    resources = []
    for name in TABLE_ORDER:
        spec = contract(name)
        file = f"{name}.parquet"
        resources.append({
            "name": name, "title": spec.title, "description": spec.description,
            "path": file, "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "bytes": (folder / file).stat().st_size, "hash": f"sha256:{sums[file]}",
            "rows": tables[name].num_rows, "schema": spec.frictionless_schema(),
        })
    return {
        "profile": "data-package", "name": "parley", "title": "Parley",
        "description": ("The Russia-Ukraine peace process as the news reports it: actors, "
                        "quotes with their speakers, and PLOVER-typed events, each traced to "
                        "character offsets in the cleaned article text."),
        "version": None, "licenses": [LICENSE],
        "parley": {"package_version": __version__, "extractor_version": EXTRACTOR_VERSION},
        "resources": resources,
    }


def _report_markdown(reports: Mapping[str, TableReport]) -> str:
    lines = ["# Validation report", "",
             "Great Expectations suites derived from `schemas/`, run on every table before "
             "publication.", "",
             "| table | rows | expectations | failed |", "|---|---:|---:|---:|"]
    for name in TABLE_ORDER:
        r = reports[name]
        lines.append(f"| {name} | {r.rows} | {len(r.outcomes)} | {len(r.failures)} |")
    for name in TABLE_ORDER:
        lines += ["", f"## {name}", "", "| column | expectation | result |", "|---|---|---|"]
        for o in reports[name].outcomes:
            result = "passed" if o.success else f"FAILED ({o.unexpected_count or 0} rows)"
            lines.append(f"| {o.column or '(table)'} | {o.expectation} | {result} |")
    return "\n".join(lines) + "\n"


def content_hash(sums: Mapping[str, str]) -> str:
    text = "".join(f"{sums[f]}  {f}\n" for f in sorted(sums) if f.endswith(".parquet"))
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def _existing_release(releases: Path, digest: str) -> Path | None:
    for candidate in sorted(releases.glob(f"*.{digest}")):
        if (candidate / MANIFEST_FILE).is_file():
            return candidate
    return None


def point_latest(out_dir: Path, release: Path) -> None:
    """Switch `latest` atomically: a new link is made beside it and renamed over it."""
    link = out_dir / "latest"
    tmp = out_dir / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path("releases") / release.name, target_is_directory=True)
    os.replace(tmp, link)


def publish(tables: Mapping[str, pa.Table], reports: Mapping[str, TableReport],
            out_dir: Path, now: dt.datetime | None = None) -> Published:
    """Write, check and atomically publish a release of validated tables."""
    failed = [o.describe() for r in reports.values() for o in r.failures]
    if failed:
        raise ValueError("refusing to publish a release that failed validation: "
                         + "; ".join(failed))
    now = now or dt.datetime.now(dt.timezone.utc)
    releases = out_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f".incomplete-{os.getpid()}-{now:%Y%m%dT%H%M%S%f}"
    staging.mkdir()
    try:
        sums: dict[str, str] = {}
        for name in TABLE_ORDER:
            file = f"{name}.parquet"
            _write_parquet(tables[name], staging / file)
            sums[file] = sha256_file(staging / file)
        digest = content_hash(sums)
        existing = _existing_release(releases, digest)
        if existing is not None:
            shutil.rmtree(staging)
            point_latest(out_dir, existing)
            return Published(existing.name, existing, new=False)
        version = f"{now:%Y-%m-%d}.{digest}"
        package = _datapackage(tables, sums, staging)
        package["version"] = version
        (staging / DATAPACKAGE_FILE).write_text(json.dumps(package, indent=2) + "\n")
        (staging / REPORT_JSON).write_text(json.dumps(
            [reports[n].to_dict() for n in TABLE_ORDER], indent=2) + "\n")
        (staging / REPORT_MD).write_text(_report_markdown(reports))
        for file in (DATAPACKAGE_FILE, REPORT_JSON, REPORT_MD):
            sums[file] = sha256_file(staging / file)
        (staging / CHECKSUMS_FILE).write_text(
            "".join(f"{sums[f]}  {f}\n" for f in sorted(sums)))
        _write_duckdb(tables, staging / DUCKDB_FILE)
        manifest = {
            "version": version, "built_at": now.isoformat(timespec="seconds"),
            "package_version": __version__, "extractor_version": EXTRACTOR_VERSION,
            "content_hash": digest,
            "rows": {n: tables[n].num_rows for n in TABLE_ORDER},
            "files": {DUCKDB_FILE: sha256_file(staging / DUCKDB_FILE),
                      CHECKSUMS_FILE: sha256_file(staging / CHECKSUMS_FILE)},
            "note": (f"{CHECKSUMS_FILE} covers the deterministic files; {DUCKDB_FILE} is not "
                     "byte-reproducible, so its checksum is recorded here."),
        }
        (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        final = releases / version
        os.rename(staging, final)  # fails rather than overwrite: a release is never rewritten
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    point_latest(out_dir, final)
    return Published(version, final, new=True)
