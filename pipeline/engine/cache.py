"""A per-document cache on disk, so a build after adding one article works on that article.

Entries are keyed by content (the raw file's or document's SHA-256) under a folder named
by the extractor fingerprint, so a change to any extraction code, registry, table contract
or model can never serve stale results. Each entry is JSON (pipeline.engine.cache_codec:
data, never code), names the stage and key it was written for, carries the SHA-256 of its
payload and is
written to a temporary file and renamed, so a corrupted, half-written or misplaced entry is
detected on read, discarded, counted and recomputed, never published.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from collections import Counter
from collections.abc import Callable
from functools import cache as memoise
from pathlib import Path
from typing import TypeVar

from pipeline import EXTRACTOR_VERSION
from pipeline.contract.contracts import SCHEMA_DIR
from pipeline.engine import cache_codec

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent.parent
# Everything whose change can change an extracted row.
_FINGERPRINTED = ("ingest/*.py", "extract/*.py", "registry/*.yaml", "engine/ingest_stage.py",
                  "engine/tables.py", "engine/cache_codec.py", "contract/ids.py",
                  "contract/values.py")
_DIGEST = 32


@memoise
def extractor_fingerprint() -> str:
    """Hash of the extraction code, registries, table contracts (the parts are written to
    their schemas), spaCy version and extractor version."""
    spacy = importlib.metadata.version("spacy")
    digest = hashlib.sha256(f"{EXTRACTOR_VERSION}\0spacy {spacy}\0".encode())
    files = [(path.relative_to(_PACKAGE).as_posix(), path)
             for pattern in _FINGERPRINTED for path in sorted(_PACKAGE.glob(pattern))]
    files += [(f"schemas/{path.name}", path) for path in sorted(SCHEMA_DIR.glob("*.yaml"))]
    for name, path in files:
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class DocumentCache:
    """Per-document results as JSON, one file per (stage, key)."""

    def __init__(self, root: Path) -> None:
        self.root = root / extractor_fingerprint()
        self.stats: Counter[str] = Counter()

    def _path(self, stage: str, key: str) -> Path:
        return self.root / stage / key[:2] / f"{key}.json"

    def has(self, stage: str, key: str) -> bool:
        return self._path(stage, key).is_file()

    def load(self, stage: str, key: str) -> object | None:
        """The cached value, or None when absent or damaged (a damaged entry is removed)."""
        path = self._path(stage, key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.stats[f"{stage}_miss"] += 1
            return None
        payload = data[_DIGEST:]
        try:
            if hashlib.sha256(payload).digest() != data[:_DIGEST]:
                raise ValueError("checksum mismatch")
            head, _, body = payload.partition(b"\n")
            if json.loads(head) != {"stage": stage, "key": key}:
                raise ValueError("an entry written for another key")
            value = cache_codec.loads(body)
        except (ValueError, UnicodeDecodeError):  # NotARecord and JSON errors are ValueErrors
            path.unlink(missing_ok=True)
            self.stats[f"{stage}_damaged"] += 1
            return None
        self.stats[f"{stage}_hit"] += 1
        return value

    def store(self, stage: str, key: str, value: object) -> None:
        path = self._path(stage, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        head = json.dumps({"stage": stage, "key": key}, sort_keys=True).encode()
        payload = head + b"\n" + cache_codec.dumps(value)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)

    def computed(self, stage: str, key: str, compute: Callable[[], T]) -> T:
        value = self.load(stage, key)
        if value is None:
            value = compute()
            self.store(stage, key, value)
        return value  # type: ignore[return-value]
