"""The records the extractors return for one document.

Offsets are character offsets into the document's clean text, and every `*_text` field is
exactly `clean_text[start:end]`, so each row of the release can be traced to its evidence.
Actors are referred to by their canonical name; the release derives actor ids from it.
Fields that take one of a contract's value sets are typed with it (pipeline.contract.values).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.contract.values import (
    ActorSector,
    ActorType,
    AttributionMethod,
    ConsultMode,
    DateBasis,
    DatePrecision,
    EventRole,
    EventStatus,
    MentionMethod,
    PlaceBasis,
    PloverType,
    QuoteKind,
    SpeakerKind,
)


@dataclass(frozen=True, order=True)
class Actor:
    """A real-world actor as resolved by the actor extractor."""

    name: str  # canonical English name
    type: ActorType
    country: str | None  # ISO 3166-1 alpha-3
    in_registry: bool = False
    sector: ActorSector | None = None  # of a GROUP: "Turkish police" is Turkey's COP


@dataclass(frozen=True, order=True)
class Mention:
    """A span naming or referring to an actor."""

    start: int
    end: int
    text: str
    actor: Actor
    method: MentionMethod


@dataclass(frozen=True, order=True)
class Quote:
    """A quotation or reported statement with its speaker, when the article says who."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: str | None
    speaker: Actor | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_text: str | None = None
    attribution: AttributionMethod | None = None  # how the speaker was found
    speaker_kind: SpeakerKind = "unattributed"


@dataclass(frozen=True, order=True)
class Place:
    """A gazetteer place."""

    name: str
    country: str | None  # ISO 3166-1 alpha-3
    latitude: float | None
    longitude: float | None
    geonames_id: int | None = None


@dataclass(frozen=True, order=True)
class EventActor:
    actor: Actor
    role: EventRole
    # A group actor has no mention; the phrase that names it in the event's report is kept
    # here instead ("Turkish police"), with its offset.
    text: str | None = None
    start: int | None = None


@dataclass(frozen=True, order=True)
class Event:
    """One real-world event reported by the document, typed with PLOVER."""

    event_type: PloverType
    status: EventStatus
    trigger_start: int
    trigger_end: int
    trigger_text: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    actors: tuple[EventActor, ...] = ()
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    date_start: int | None = None  # offset of date_text; None when the date was inferred
    place: Place | None = None
    place_text: str | None = None
    place_start: int | None = None  # offset of place_text
    # Where the date and the place were found (see schemas/events.yaml: date_basis, place_basis)
    date_basis: DateBasis | None = None
    place_basis: PlaceBasis | None = None
    mode: ConsultMode | None = None  # PLOVER mode of a CONSULT


@dataclass(frozen=True)
class Extracted:
    """One document's mentions, quotes and events."""

    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
