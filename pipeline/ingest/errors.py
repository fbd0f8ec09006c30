"""The one way any ingestion step says "this input does not become a document"."""

from __future__ import annotations


class Rejected(Exception):
    """Raised by readers and decoders so the stage can record a rejected row instead of crashing.

    `reason` is one of the codes allowed by schemas/rejected.yaml; `message` tells the person
    curating the raw folder what was wrong and what to do about it.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message
