"""Extraction from clean text: plain functions over spaCy documents, with no Dagster in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.extract.records import Extracted


def extract_chunk(items: Sequence[tuple[str, str, dt.date | None]]) -> list[tuple[str, Extracted]]:
    """(doc_id, Extracted) for (doc_id, clean text, publication date) items: the unit of work
    handed to a worker, where the model is loaded. The extractors are imported on the call,
    so the process that hands out the work, which never parses, never imports spaCy."""
    from pipeline.extract.document import extract_chunk as extract

    return extract(items)
