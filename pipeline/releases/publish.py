"""Publishing a validated release folder, safely under crashes and concurrent builds.

A release is written into a hidden staging folder beside the published ones, flushed to
disk and renamed into place only when complete, then `latest` is switched with an atomic
rename, so readers never see a half-written release and a build killed at any point leaves
the previous one untouched; the next build removes the staging folders killed builds left.
Publication holds the output folder's lock (pipeline.releases.lock), so two builds never interleave.

Versioning: a release is named `<UTC build date>.<content hash>`, where the content hash
is the first 8 hex digits of SHA-256 over the sorted SHA-256 sums of the Parquet tables.
Identical tables give the same hash; when a published release already has it, nothing new
is published and `latest` points at that release. The files listed in SHA256SUMS depend on
the tables alone (datapackage.json carries the content hash, not the date), so two builds
of the same input give the same SHA256SUMS on any day; what depends on the day or on the
previous release (build time, changes.json, CHANGES.md) and the DuckDB file, which is not
byte-reproducible, have their checksums in release.json instead.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import EXTRACTOR_VERSION, __version__
from pipeline.contract.contracts import TABLE_ORDER, table as contract, views
from pipeline.contract.ids import sha256_file
from pipeline.quality.accuracy import score
from pipeline.quality.reports import TableReport
from pipeline.releases import changes
from pipeline.releases.card import card
from pipeline.releases.croissant import croissant
from pipeline.releases.datapackage import datapackage
from pipeline.releases.exports import write_csv, write_geojson
from pipeline.releases.layout import (
    ACCURACY_JSON,
    CARD_FILE,
    CHANGES_JSON,
    CHANGES_MD,
    CHECKSUMS_FILE,
    CROISSANT_FILE,
    DATAPACKAGE_FILE,
    DUCKDB_FILE,
    IN_MANIFEST,
    LATEST_PREFIX,
    MANIFEST_CHECKSUM_FILE,
    MANIFEST_FILE,
    REPORT_HTML,
    REPORT_JSON,
    REPORT_MD,
    STAGING_PREFIX,
    content_hash,
    current_release,
    read_checksums,
)
from pipeline.releases.lock import DEFAULT_WAIT_SECONDS, output_lock
from pipeline.releases.report_html import write_report
from pipeline.releases.verify import verify

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


log = logging.getLogger(__name__)
# The steps of publication a log reader sees: each Parquet file written, each table of the
# DuckDB file, and the release renamed into place before `latest` is switched. Between any
# two a killed build must leave `latest` intact (tests/test_crash_safety.py kills it there).
STEPS = ("parquet", "duckdb", "published")


def _passed(step: str, message: str) -> None:
    log.debug(message, extra={"publication_step": step})


# What each profile carries of the articles, which belong to their publishers: the licence
# of the data covers Parley's own work (ids, offsets, codes, hashes), not their texts.
SOURCE_TEXTS = {
    "full": "Carries the clean text of every article, the evidence sentences and the quotes. "
            "The texts belong to their publishers: keep a full release for your own use.",
    "public": "Carries no article text but the quoted statements; documents.clean_sha256 "
              "and the offsets let `parley rehydrate` restore the text from the articles.",
    "none": "Carries no article text and no quotes: offsets and SHA-256 hashes only.",
}


@dataclass(frozen=True)
class Published:
    version: str
    path: Path
    new: bool  # False when an identical release already existed


def _write_parquet(data: pa.Table, path: Path) -> None:
    # Fixed writer settings and no pandas metadata: the same rows give the same bytes.
    pq.write_table(data, path, compression="zstd", use_dictionary=True,
                   write_statistics=True, store_schema=True)


def _write_tables(tables: Mapping[str, pa.Table], folder: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    for name in TABLE_ORDER:
        file = f"{name}.parquet"
        _write_parquet(tables[name], folder / file)
        sums[file] = sha256_file(folder / file)
        _passed("parquet", f"wrote {file}")
    return sums


def _write_duckdb(tables: Mapping[str, pa.Table], path: Path, profile: str) -> None:
    """Tables, not views over Parquet paths, so the file opens from any folder on its own,
    and the views of schemas/views.yaml over them. Rows go in through a registered Arrow
    table, never through SQL text."""
    con = duckdb.connect(str(path))
    try:
        for name in TABLE_ORDER:
            spec = contract(name).in_profile(profile)
            con.execute(spec.duckdb_ddl())
            con.register("incoming", tables[name])
            con.execute(f'INSERT INTO "{name}" SELECT * FROM incoming')
            con.unregister("incoming")
            # Descriptions come from our own contracts, never from article text.
            con.execute(f"COMMENT ON TABLE \"{name}\" IS '{_sql_literal(spec.description)}'")
            for col in spec.columns:
                con.execute(f"COMMENT ON COLUMN \"{name}\".\"{col.name}\" "
                            f"IS '{_sql_literal(col.description)}'")
            _passed("duckdb", f"wrote table {name} into {path.name}")
        for view in views():
            if profile in view.profiles:
                con.execute(view.duckdb_ddl())
                con.execute(f"COMMENT ON VIEW \"{view.name}\" IS "
                            f"'{_sql_literal(view.description)}'")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _sql_literal(text: str) -> str:
    return text.replace("'", "''")


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


def _releases_with(releases: Path, digest: str) -> list[Path]:
    """Published releases of these tables: `<date>.<digest>`, or `<date>.<digest>-<n>` when
    one of that name was found damaged and the tables published again."""
    return [candidate for candidate in sorted(releases.iterdir())
            if not candidate.name.startswith(".") and candidate.is_dir()
            and candidate.name.split(".", 1)[-1].split("-", 1)[0] == digest]


def _intact_release(candidates: list[Path], sums: Mapping[str, str]) -> Path | None:
    """The first of `candidates` whose every file still matches its checksums (verify) and
    whose tables are these: a damaged release is never pointed at again."""
    for candidate in candidates:
        try:  # the tables it lists; verify then checks every file against the lists
            listed = read_checksums(candidate / CHECKSUMS_FILE)
        except (OSError, ValueError):
            continue
        same_tables = all(listed.get(f) == digest for f, digest in sums.items())
        if same_tables and verify(candidate, expectations=False).ok:
            return candidate
    return None


def _free_name(releases: Path, version: str) -> str:
    """`version`, or `version-<n>` when a damaged release already holds that name (releases
    are never rewritten)."""
    name, n = version, 1
    while (releases / name).exists():
        n += 1
        name = f"{version}-{n}"
    return name


def remove_leftovers(out_dir: Path) -> list[str]:
    """Staging folders and `latest` links left by builds that were killed mid-way.

    Call only while holding the output lock: then no live build owns any of them."""
    removed = []
    for staging in sorted((out_dir / "releases").glob(f"{STAGING_PREFIX}*")):
        shutil.rmtree(staging, ignore_errors=True)
        removed.append(f"releases/{staging.name}")
    for link in sorted(out_dir.glob(f"{LATEST_PREFIX}*")):
        link.unlink(missing_ok=True)
        removed.append(link.name)
    return removed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """Every file of the folder on disk before the rename that makes it visible, so a power
    cut cannot leave a published name over missing data."""
    for path in folder.iterdir():
        _fsync(path)
    _fsync(folder)


def point_latest(out_dir: Path, release: Path) -> None:
    """Switch `latest` atomically: a new link is made beside it and renamed over it."""
    link = out_dir / "latest"
    tmp = out_dir / f"{LATEST_PREFIX}{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path("releases") / release.name, target_is_directory=True)
    os.replace(tmp, link)
    _fsync(out_dir)


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2, default=str) + "\n", encoding="utf-8")


def _describe(tables: Mapping[str, pa.Table], staging: Path, sums: dict[str, str], digest: str,
              profile: str, gold_dir: Path | None) -> None:
    """datapackage.json, accuracy.json (when some document has gold), croissant.json and
    the card, each added to `sums`: each describes the files written before it, and the
    card lists them all, itself included."""
    _write_json(staging / DATAPACKAGE_FILE,
                datapackage(tables, sums, staging, digest, profile, LICENSE,
                            SOURCE_TEXTS[profile]))
    sums[DATAPACKAGE_FILE] = sha256_file(staging / DATAPACKAGE_FILE)
    accuracy = score(tables, gold_dir) if gold_dir is not None else None
    if accuracy is not None and accuracy.documents_scored:
        _write_json(staging / ACCURACY_JSON, accuracy.to_dict())
        sums[ACCURACY_JSON] = sha256_file(staging / ACCURACY_JSON)
    _write_json(staging / CROISSANT_FILE, croissant(sums, digest, profile, LICENSE))
    sums[CROISSANT_FILE] = sha256_file(staging / CROISSANT_FILE)
    (staging / CARD_FILE).write_text(
        card(tables, sorted([*sums, CARD_FILE]), digest, profile, accuracy, LICENSE,
             SOURCE_TEXTS[profile]), encoding="utf-8")
    sums[CARD_FILE] = sha256_file(staging / CARD_FILE)


def _stage(tables: Mapping[str, pa.Table], reports: Mapping[str, TableReport],
           staging: Path, sums: dict[str, str], version: str, digest: str,
           previous: Path | None, now: dt.datetime, profile: str,
           gold_dir: Path | None) -> None:
    """Everything but the Parquet files (already in `staging`, summed in `sums`)."""
    _write_json(staging / REPORT_JSON, [reports[n].to_dict() for n in TABLE_ORDER])
    (staging / REPORT_MD).write_text(_report_markdown(reports), encoding="utf-8")
    exported = [*write_csv(tables, staging), write_geojson(tables, staging)]
    for file in (REPORT_JSON, REPORT_MD, *exported):
        sums[file] = sha256_file(staging / file)
    _describe(tables, staging, sums, digest, profile, gold_dir)
    (staging / CHECKSUMS_FILE).write_text("".join(f"{sums[f]}  {f}\n" for f in sorted(sums)),
                                          encoding="utf-8")
    with ThreadPoolExecutor(1) as writer:  # DuckDB works outside the GIL: both cores help
        duckdb_written = writer.submit(_write_duckdb, tables, staging / DUCKDB_FILE, profile)
        diff = changes.compare(previous, previous.name if previous else None, tables)
        duckdb_written.result()
    _write_json(staging / CHANGES_JSON, diff)
    (staging / CHANGES_MD).write_text(changes.markdown(diff, version, now), encoding="utf-8")
    write_report(tables, reports, diff, version, staging)
    manifest = {
        "version": version, "built_at": now.isoformat(timespec="seconds"),
        "package_version": __version__, "extractor_version": EXTRACTOR_VERSION,
        "content_hash": digest, "previous_version": diff["previous_version"],
        "text_profile": profile,
        "rows": {n: tables[n].num_rows for n in TABLE_ORDER},
        "files": {f: sha256_file(staging / f)
                  for f in IN_MANIFEST},
        "note": (f"{CHECKSUMS_FILE} covers the files that depend on the tables alone and are "
                 f"byte-identical for identical input; {DUCKDB_FILE} is not byte-reproducible "
                 f"and {CHANGES_JSON}, {CHANGES_MD}, {REPORT_HTML} depend on the previous "
                 "release, so their checksums are recorded here."),
    }
    _write_json(staging / MANIFEST_FILE, manifest)
    (staging / MANIFEST_CHECKSUM_FILE).write_text(
        f"{sha256_file(staging / MANIFEST_FILE)}  {MANIFEST_FILE}\n", encoding="utf-8")


def publish(tables: Mapping[str, pa.Table], reports: Mapping[str, TableReport],
            out_dir: Path, now: dt.datetime | None = None,
            wait: float = DEFAULT_WAIT_SECONDS, profile: str = "full",
            gold_dir: Path | None = None) -> Published:
    """Write, check and atomically publish a release of validated tables, holding the output
    folder's lock (waiting up to `wait` seconds for another build to finish). `profile` says
    how much article text the release carries (PROFILES); the tables are those of the full
    contracts, and a narrower profile leaves its columns out. The documents that have gold
    annotations in `gold_dir` are scored (accuracy.json, and the card says how well)."""
    tables = {name: contract(name).in_profile(profile).project(data)
              for name, data in tables.items()}
    failed = [o.describe() for r in reports.values() for o in r.failures]
    if failed:
        raise ValueError("refusing to publish a release that failed validation: "
                         + "; ".join(failed))
    now = now or dt.datetime.now(dt.UTC)
    out_dir = Path(out_dir)
    with output_lock(out_dir, wait):
        releases = out_dir / "releases"
        releases.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out_dir)
        staging = releases / f"{STAGING_PREFIX}{os.getpid()}-{now:%Y%m%dT%H%M%S%f}"
        staging.mkdir()
        try:
            sums = _write_tables(tables, staging)
            digest = content_hash(sums)
            existing = _intact_release(_releases_with(releases, digest), sums)
            if existing is not None:
                shutil.rmtree(staging)
                point_latest(out_dir, existing)
                return Published(existing.name, existing, new=False)
            version = _free_name(releases, f"{now:%Y-%m-%d}.{digest}")
            _stage(tables, reports, staging, sums, version, digest, current_release(out_dir),
                   now, profile, gold_dir)
            _flush_folder(staging)
            final = releases / version
            os.rename(staging, final)  # fails rather than overwrite: a release is never rewritten
            _fsync(releases)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _passed("published", f"release {version} is in place; switching latest")
        point_latest(out_dir, final)
    return Published(version, final, new=True)
