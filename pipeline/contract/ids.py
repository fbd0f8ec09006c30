"""Content-derived identifiers: the same content gets the same id in every build and release."""

from __future__ import annotations

import hashlib
from pathlib import Path

_SEP = "\x1f"  # unit separator: cannot occur in names, so ("a b", "c") and ("a", "b c") differ


def short_hash(kind: str, *parts: object) -> str:
    """16 hex digits of SHA-256 over the kind and the parts; 64 bits keep collisions negligible
    at the scale of a news corpus while staying readable in a query."""
    text = _SEP.join([kind, *("" if p is None else str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def actor_id(canonical_name: str) -> str:
    return short_hash("actor", canonical_name)


def place_id(name: str, country: str | None) -> str:
    return short_hash("place", name, country)


def text_sha256(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes: what a release keeps of a text it leaves out, so
    text restored from elsewhere can be checked against it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in blocks so a large file costs no memory."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
