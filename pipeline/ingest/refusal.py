"""A raw input that did not become a document, as a row of the rejected table."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Refusal:
    source_file: str
    raw_sha256: str | None
    reason: str
    message: str

    def row(self) -> dict:
        return asdict(self)
