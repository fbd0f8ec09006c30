"""What a release folder holds and how a reader finds its way in it.

The names of its files, the checksum list and the content hash that names a release, and
where `latest` points: what both publication (`releases/publish.py`) and verification
(`releases/verify.py`) need, so that neither imports the other's internals.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

DUCKDB_FILE = "parley.duckdb"
CHECKSUMS_FILE = "SHA256SUMS"
MANIFEST_FILE = "release.json"
# release.json names the checksums of the files outside SHA256SUMS, so its own is kept apart.
MANIFEST_CHECKSUM_FILE = "release.json.sha256"
DATAPACKAGE_FILE = "datapackage.json"
CHANGES_JSON = "changes.json"
CHANGES_MD = "CHANGES.md"
REPORT_MD = "validation.md"
REPORT_JSON = "validation.json"
# The dataset card, the report a person looks at, the Croissant metadata and the accuracy
# measured on the shipped gold (issue 19).
CARD_FILE = "README.md"
REPORT_HTML = "report.html"
CROISSANT_FILE = "croissant.json"
ACCURACY_JSON = "accuracy.json"
# The files release.json sums because they are not byte-reproducible or depend on the
# previous release (SHA256SUMS covers those that depend on the tables alone).
IN_MANIFEST = (CHECKSUMS_FILE, DUCKDB_FILE, CHANGES_JSON, CHANGES_MD, REPORT_HTML)
STAGING_PREFIX = ".incomplete-"
LATEST_PREFIX = ".latest-"


def read_checksums(path: Path) -> dict[str, str]:
    """SHA256SUMS as {file: sha256}; a malformed line, or one naming anything but a file of
    the release folder itself, is refused rather than followed."""
    sums = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, sep, file = line.partition("  ")
        if not sep or len(digest) != 64 or not is_release_file_name(file):
            raise ValueError(f"{path.name} line {number} is not '<sha256>  <file>': {line[:80]!r}")
        sums[file] = digest
    return sums


def is_release_file_name(name: str) -> bool:
    """A plain file name inside the release folder: no folders, no way out of it."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name


def content_hash(sums: Mapping[str, str]) -> str:
    text = "".join(f"{sums[f]}  {f}\n" for f in sorted(sums) if f.endswith(".parquet"))
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def current_release(out_dir: Path) -> Path | None:
    """The complete release `latest` points at, or None before the first release."""
    link = out_dir / "latest"
    if not link.is_symlink():
        return None
    target = link.resolve()
    return target if (target / MANIFEST_FILE).is_file() else None
