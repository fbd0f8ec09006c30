"""Noticing new or changed files in the raw folder, for the sensor.

Files are hashed only when their size or modification time changed since the last look,
so a quiet folder costs a directory walk, not a read of every article.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.contract.ids import sha256_file

# path relative to the raw folder -> (size, mtime_ns, sha256)
Listing = dict[str, tuple[int, int, str]]


def scan(raw_dir: Path, previous: Listing) -> Listing:
    listing: Listing = {}
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(raw_dir).as_posix()
        stat = path.stat()
        old = previous.get(rel)
        if old and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
            listing[rel] = old
        else:
            listing[rel] = (stat.st_size, stat.st_mtime_ns, sha256_file(path))
    return listing


def changed(previous: Listing, current: Listing) -> list[str]:
    """Files that are new or whose content changed (a touched but identical file is not)."""
    return sorted(p for p, entry in current.items()
                  if p not in previous or previous[p][2] != entry[2])


def content_key(listing: Listing) -> str:
    """A run key for the folder's content: paths and hashes, not times."""
    text = "".join(f"{p}\0{entry[2]}\n" for p, entry in sorted(listing.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
