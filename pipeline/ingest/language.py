"""Which language a document is written in.

The extractors are English-only, so a non-English document must be labelled rather than
dropped: downstream stages skip it, and the release still shows it was received. py3langid
ships its model inside the wheel, runs offline and is deterministic.
"""

from __future__ import annotations

import re

import py3langid

_CODE = re.compile(r"^[a-z]{2,3}$")
# Enough text for a confident guess; more only costs time.
_SAMPLE_CHARS = 5000


def normalise_code(value: object) -> str | None:
    """An ISO 639 code from a metadata value such as "en", "EN", "en-GB" or "en_US"."""
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return primary if _CODE.match(primary) else None


def preload() -> None:
    """Load the model now (it loads on first use, most of a second)."""
    detect_language("")


def detect_language(text: str) -> str:
    """The most likely ISO 639-1 code of `text`."""
    code, _ = py3langid.classify(text[:_SAMPLE_CHARS])
    return code
