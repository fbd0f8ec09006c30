"""Checking a published release as a downloader would: files, checksums, counts and contracts.

Nothing is trusted from the build that wrote the release: every checksum is recomputed,
every table is read back from its Parquet file, its row count compared with datapackage.json
and release.json, and the same Great Expectations suites as the release gate run again on
the files as published. Each problem is one sentence naming the file or table at fault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.contracts import PROFILES, TABLE_ORDER
from pipeline.contract.ids import sha256_file
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.layout import (
    CHECKSUMS_FILE,
    DATAPACKAGE_FILE,
    MANIFEST_CHECKSUM_FILE,
    MANIFEST_FILE,
    content_hash,
    is_release_file_name,
    read_checksums,
)


@dataclass
class Verification:
    release: Path
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    tables_checked: int = 0
    expectations_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _load_json(path: Path, problems: list[str]) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path.name} is missing")
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(f"{path.name} cannot be read as JSON ({exc})")
        return None
    if not isinstance(value, dict):
        problems.append(f"{path.name} is not a JSON object")
        return None
    return value


def _check_file(release: Path, file: str, expected: str, listed_in: str, report: Verification
                ) -> None:
    path = release / file
    if not path.is_file():
        report.problems.append(f"{file} is missing (listed in {listed_in})")
        return
    report.files_checked += 1
    if sha256_file(path) != expected:
        report.problems.append(f"{file} does not match its checksum in {listed_in}: the file "
                               "is damaged or was changed after publication")


def _check_checksums(release: Path, manifest: dict | None, report: Verification) -> None:
    """Every file named by SHA256SUMS and by release.json, and the content hash."""
    try:
        sums = read_checksums(release / CHECKSUMS_FILE)
    except FileNotFoundError:
        report.problems.append(f"{CHECKSUMS_FILE} is missing")
        sums = {}
    except ValueError as exc:
        report.problems.append(str(exc))
        sums = {}
    for file, expected in sums.items():
        _check_file(release, file, expected, CHECKSUMS_FILE, report)
    for name in TABLE_ORDER:
        if sums and f"{name}.parquet" not in sums:
            report.problems.append(f"{CHECKSUMS_FILE} does not list {name}.parquet")
    if manifest is not None:
        for file, expected in (manifest.get("files") or {}).items():
            if is_release_file_name(file):
                _check_file(release, file, expected, MANIFEST_FILE, report)
            else:
                report.problems.append(f"{MANIFEST_FILE} names {file!r}, which is not a file "
                                       "of the release folder")
        parquet_sums = {f: s for f, s in sums.items() if f.endswith(".parquet")}
        if parquet_sums and content_hash(parquet_sums) != manifest.get("content_hash"):
            report.problems.append(f"the content hash in {MANIFEST_FILE} "
                                   f"({manifest.get('content_hash')}) is not the hash of the "
                                   "Parquet checksums")


def _check_manifest_checksum(release: Path, report: Verification) -> None:
    """release.json against the checksum kept beside it."""
    try:
        sums = read_checksums(release / MANIFEST_CHECKSUM_FILE)
    except FileNotFoundError:
        report.problems.append(f"{MANIFEST_CHECKSUM_FILE} is missing")
        return
    except ValueError as exc:
        report.problems.append(str(exc))
        return
    if set(sums) != {MANIFEST_FILE}:
        report.problems.append(f"{MANIFEST_CHECKSUM_FILE} must name {MANIFEST_FILE} alone")
        return
    _check_file(release, MANIFEST_FILE, sums[MANIFEST_FILE], MANIFEST_CHECKSUM_FILE, report)


def _check_unlisted(release: Path, manifest: dict | None, report: Verification) -> None:
    """Files in the release folder that no checksum covers: added after publication."""
    try:
        listed = set(read_checksums(release / CHECKSUMS_FILE))
    except (OSError, ValueError):
        listed = set()  # already reported
    listed |= set((manifest or {}).get("files") or {})
    listed |= {MANIFEST_FILE, MANIFEST_CHECKSUM_FILE, CHECKSUMS_FILE}
    for path in sorted(release.iterdir()):
        if path.name not in listed:
            report.problems.append(f"{path.name} is not listed in {CHECKSUMS_FILE} or "
                                   f"{MANIFEST_FILE}: it was added after publication")


def _read_tables(release: Path, report: Verification) -> dict[str, pa.Table]:
    tables = {}
    for name in TABLE_ORDER:
        path = release / f"{name}.parquet"
        if not path.is_file():
            report.problems.append(f"table {name}: {path.name} is missing")
            continue
        try:
            tables[name] = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            report.problems.append(f"table {name}: {path.name} cannot be read ({exc})")
    return tables


def _check_datapackage_hashes(release: Path, package: dict | None, report: Verification
                              ) -> None:
    for resource in (package or {}).get("resources", []):
        file = resource.get("path", "")
        path = release / file
        if is_release_file_name(file) and path.is_file() and \
                resource.get("hash") != f"sha256:{sha256_file(path)}":
            report.problems.append(f"{file} does not match its hash in {DATAPACKAGE_FILE}")


def _check_counts(tables: dict[str, pa.Table], package: dict | None, manifest: dict | None,
                  report: Verification) -> None:
    declared: list[tuple[str, dict]] = []
    if package is not None:
        declared.append((DATAPACKAGE_FILE, {r.get("name"): r.get("rows")
                                            for r in package.get("resources", [])}))
    if manifest is not None:
        declared.append((MANIFEST_FILE, manifest.get("rows") or {}))
    for source, rows in declared:
        for name in TABLE_ORDER:
            if name not in rows:
                report.problems.append(f"{source} does not describe the table {name}")
            elif name in tables and tables[name].num_rows != rows[name]:
                report.problems.append(f"table {name} has {tables[name].num_rows} rows but "
                                       f"{source} says {rows[name]}")


def _profile(manifest: dict | None, report: Verification) -> str:
    """The release's text profile; releases from before profiles existed are full."""
    profile = (manifest or {}).get("text_profile", "full")
    if profile not in PROFILES:
        report.problems.append(f"{MANIFEST_FILE} names an unknown text profile {profile!r}; "
                               f"validating as full")
        return "full"
    return profile


def _check_contracts(tables: dict[str, pa.Table], profile: str, report: Verification) -> None:
    for name in TABLE_ORDER:
        if name not in tables:
            continue
        needed = required_tables(name, profile)
        missing = [t for t in needed if t not in tables]
        if missing:
            report.problems.append(f"table {name} cannot be validated without "
                                   f"{', '.join(missing)}")
            continue
        result = validate_table(name, tables[name], {t: tables[t] for t in needed}, profile)
        report.tables_checked += 1
        report.expectations_checked += len(result.outcomes)
        report.problems.extend(f"validation: {o.describe()}" for o in result.failures)


def verify(release: Path, expectations: bool = True) -> Verification:
    """Every problem found in the release folder; none means it is intact. Without
    `expectations`, only files, checksums and row counts are checked (seconds faster)."""
    report = Verification(Path(release))
    if not report.release.is_dir():
        report.problems.append(f"{release} is not a release folder")
        return report
    manifest = _load_json(report.release / MANIFEST_FILE, report.problems)
    if manifest is not None and manifest.get("version") != report.release.resolve().name:
        report.problems.append(f"the folder {report.release.resolve().name} holds release "
                               f"{manifest.get('version')} according to {MANIFEST_FILE}")
    package = _load_json(report.release / DATAPACKAGE_FILE, report.problems)
    _check_manifest_checksum(report.release, report)
    _check_checksums(report.release, manifest, report)
    _check_unlisted(report.release, manifest, report)
    _check_datapackage_hashes(report.release, package, report)
    tables = _read_tables(report.release, report)
    _check_counts(tables, package, manifest, report)
    if expectations:
        _check_contracts(tables, _profile(manifest, report), report)
    return report
