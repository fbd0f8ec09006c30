"""The cache's entries as JSON: data a build can read back, never code it would run.

Pickle would restore anything, including an object crafted to run code on load, from a cache
folder that anyone with write access to the output can touch. The cache holds only a few
record types (what a file reads as, what a document yields), so they are written as JSON
with a tag naming the record, and read back only into those types.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from functools import cache


class NotARecord(ValueError):
    """The JSON names a type the cache does not hold, or is not shaped like an entry."""


@cache
def _records() -> dict[str, type]:
    """The record types an entry may hold. Imported here: the ingest stage, which they belong
    to, itself imports the cache."""
    from pipeline.extract.records import (
        Actor,
        Event,
        EventActor,
        Extracted,
        Mention,
        Place,
        Quote,
    )
    from pipeline.ingest.clean import Cleaned, RemovedLine
    from pipeline.ingest.metadata import Metadata
    from pipeline.ingest.readers import Article
    from pipeline.ingest.refusal import Refusal

    return {cls.__name__: cls for cls in (Article, Cleaned, RemovedLine, Metadata, Refusal,
                                          Extracted, Mention, Actor, Quote, Event, EventActor,
                                          Place)}


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"record": type(value).__name__,
                "fields": {f.name: _encode(getattr(value, f.name))
                           for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"the cache does not store {type(value).__name__} values")


def _decode(value: object) -> object:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "record" in value:
        cls = _records().get(value["record"])
        if cls is None:
            raise NotARecord(f"unknown record type {value['record']!r}")
        return cls(**{k: _decode(v) for k, v in value["fields"].items()})
    if "tuple" in value:
        return tuple(_decode(v) for v in value["tuple"])
    if "dict" in value:
        return {_decode(k): _decode(v) for k, v in value["dict"]}
    if "date" in value:
        return dt.date.fromisoformat(value["date"])
    raise NotARecord("an object that is no record, tuple, mapping or date")


def dumps(value: object) -> bytes:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode()


def loads(data: bytes) -> object:
    """The value `dumps` wrote; NotARecord (a ValueError) for anything else."""
    try:
        return _decode(json.loads(data))
    except (TypeError, KeyError, RecursionError) as exc:
        raise NotARecord(str(exc)) from exc
