"""Partition parts: each hash bucket's extracted tables, as Parquet files on disk.

Extraction is partitioned by the first hex digit of the document id (a content hash), so
buckets are even in size and a document always lands in the same one. Each bucket writes
its part of every extracted table to a folder named by the bucket and by a digest of the
document ids it covers; the assembling steps read the parts that match the current
documents. A part is therefore never stale: new or removed documents change the digest, and
a bucket nobody re-extracted shows up as a missing part, not as silently old rows. Each part
also records the SHA-256 of its files: a part damaged on disk, even into valid Parquet with
one value changed, counts as missing, so it is extracted again and never assembled.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.contract.ids import sha256_file

BUCKETS = tuple(f"{i:x}" for i in range(16))
_CHECKSUMS = "checksums.json"


class MissingPart(LookupError):
    """A bucket has documents but no extracted part for exactly those documents."""


def bucket_of(doc_id: str) -> str:
    return doc_id[0]


def by_bucket(doc_ids: Iterable[str]) -> dict[str, list[str]]:
    """The document ids of each bucket that has any, sorted."""
    out: dict[str, list[str]] = {}
    for doc_id in sorted(doc_ids):
        out.setdefault(bucket_of(doc_id), []).append(doc_id)
    return out


def _name(bucket: str, doc_ids: list[str]) -> str:
    digest = hashlib.sha256("\n".join(doc_ids).encode()).hexdigest()[:16]
    return f"{bucket}-{digest}"


class PartStore:
    """The parts under one folder (inside the cache folder of one extractor fingerprint)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.damaged = 0  # parts found on disk but not intact, since this store was made

    def _folder(self, bucket: str, doc_ids: list[str]) -> Path:
        return self.root / _name(bucket, doc_ids)

    def has(self, bucket: str, doc_ids: list[str]) -> bool:
        """Whether the bucket's part for these documents is on disk and intact."""
        folder = self._folder(bucket, doc_ids)
        checksums = _checksums(folder)
        intact = checksums is not None and all(_intact(folder, name, checksums)
                                               for name in checksums)
        self.damaged += folder.is_dir() and not intact
        return intact

    def write(self, bucket: str, doc_ids: list[str], tables: Mapping[str, pa.Table]) -> None:
        """Write a bucket's part atomically (a temporary folder renamed), then remove the
        bucket's parts for other document sets."""
        folder = self._folder(bucket, doc_ids)
        tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        checksums = {}
        for name, table in tables.items():
            pq.write_table(table, tmp / f"{name}.parquet")
            checksums[name] = sha256_file(tmp / f"{name}.parquet")
        (tmp / _CHECKSUMS).write_text(json.dumps(
            {"part": folder.name, "files": checksums}, sort_keys=True), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        for old in self.root.glob(f"{bucket}-*"):
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)

    def read(self, doc_ids: Iterable[str], name: str) -> list[pa.Table]:
        """Table `name` from the part of every bucket, in bucket order; raises MissingPart."""
        tables = []
        for bucket, ids in by_bucket(doc_ids).items():
            folder = self._folder(bucket, ids)
            checksums = _checksums(folder)
            if checksums is None or not _intact(folder, name, checksums):
                raise MissingPart(
                    f"Bucket {bucket} has {len(ids)} document(s) but no intact extracted part "
                    f"for them: materialise the `extractions` asset for partition {bucket} (or run "
                    "the whole build_release job / `parley build`) before assembling tables.")
            tables.append(pq.read_table(folder / f"{name}.parquet"))
        return tables


def _checksums(folder: Path) -> dict[str, str] | None:
    """The checksums a part recorded for its files, if it is a part written for its name."""
    try:
        recorded = json.loads((folder / _CHECKSUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("part") != folder.name:
        return None
    files = recorded.get("files")
    return files if isinstance(files, dict) else None


def _intact(folder: Path, name: str, checksums: dict[str, str]) -> bool:
    path = folder / f"{name}.parquet"
    return name in checksums and path.is_file() and sha256_file(path) == checksums[name]
