"""Reading JSON from untrusted files without letting one file stop a build.

`json.loads` raises more than JSONDecodeError on hostile input: RecursionError for arrays
nested a hundred thousand deep, ValueError for a number of thousands of digits. And JSON may
carry lone surrogates ("\\ud800") that no UTF-8 writer accepts, so a title holding one breaks
the Parquet files long after reading. Every such file must become a `rejected` row or a
clean value, so all of it is handled here, once, for articles, JSON Lines and sidecars alike.
"""

from __future__ import annotations

import json
import re

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


class BadJson(ValueError):
    """The text is not JSON that Parley can read; the message says why, for a person."""


def _clean(value: object) -> object:
    """The value with every lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def load_json(text: str) -> object:
    """The JSON value of `text`, with lone surrogates replaced; BadJson when it is not JSON,
    is nested too deep, or holds a number too long to read."""
    try:
        return _clean(json.loads(text))
    except json.JSONDecodeError as exc:
        raise BadJson(str(exc)) from exc
    except RecursionError as exc:
        raise BadJson("it is nested too deeply to read") from exc
    except ValueError as exc:  # an integer of thousands of digits
        raise BadJson(f"it holds a value Python cannot read: {exc}") from exc
