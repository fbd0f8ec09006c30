"""What the whole article says about where and when its events happen.

News names a meeting's city and day once and then leans on them: a dateline ("RIYADH
(Reuters) –", "ABU DHABI, UAE:") places the lead paragraph; an attack on a country happens in
that country; "talks in Saudi Arabia" are the talks the article elsewhere puts in Riyadh; an
act told right after a dated meeting of its party happened at that meeting; an event the
top of the story reports without a day happened on the day of writing; and a timeline's
dated heading ("February 28, 2022 – Direct meeting") dates what its section tells. These
rules only fill fields the event's own sentence left empty, and each filled field says which
rule filled it and keeps the span of text it rests on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

from pipeline.contract.values import DateBasis, DatePrecision, PlaceBasis
from pipeline.extract.dates import find_date_expressions, resolve_date
from pipeline.extract.places import country_place, is_country, resolve_place
from pipeline.extract.records import Event, Place
from pipeline.extract.wars import opponent
from pipeline.ingest.datelines import datelines

# Meetings happen in a city; a ceasefire or a deployment "in Ukraine" covers the country.
CITY_TYPES = {"CONSULT"}
# A heading is a short line: longer ones are prose however they begin.
HEADING_WORDS = 12
# What may follow a heading's date: nothing, or a dash or colon and its title.
HEADING_TITLE = re.compile(r"\s*(?:$|[-–—:|]\s*\S)")


@dataclass(frozen=True)
class NewsDay:
    """The day the lead dates its news to, and the expression saying so."""

    day: dt.date
    text: str
    start: int


@dataclass(frozen=True)
class Dateline:
    """The place a dateline names, its offsets, and the paragraph it opens."""

    place: Place
    text: str
    start: int
    paragraph_end: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the article's first paragraphs, when its place is known."""
    for match, paragraph_end in datelines(text):
        place = resolve_place(match["place"].title())
        if place is not None:
            return Dateline(place, match["place"], match.start("place"), paragraph_end)
    return None


@dataclass(frozen=True)
class SectionDate:
    """A heading that opens with a calendar date ("February 28, 2022 – Direct meeting"),
    which dates the section below it, as in timelines and live blogs."""

    day: dt.date
    precision: DatePrecision
    text: str
    start: int


def dated_sections(text: str) -> list[SectionDate]:
    """The article's dated headings, in order: lines of a few words, without sentence-final
    punctuation, that begin with a date naming its year and hold nothing else but a title.
    A range ("March-April 2022") does not begin with its date and is no one day."""
    sections = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        start = offset + line.index(stripped) if stripped else offset
        offset += len(line)
        if not stripped or len(stripped.split()) > HEADING_WORDS or stripped[-1] in ".!?\"”":
            continue
        found = find_date_expressions(stripped)
        if not found or found[0].start != 0 or not HEADING_TITLE.match(stripped[found[0].end:]):
            continue
        day, precision = resolve_date(found[0].text, None)
        if day is not None and precision in {"day", "month"}:
            sections.append(SectionDate(day, precision, found[0].text, start))
    return sections


def section_of(sections: list[SectionDate], offset: int) -> SectionDate | None:
    """The dated section a text offset lies in: below its heading, before the next one."""
    return next((s for s in reversed(sections) if s.start < offset), None)


def _placed(event: Event, place: Place, text: str, start: int, basis: PlaceBasis) -> Event:
    return replace(event, place=place, place_text=text, place_start=start, place_basis=basis)


def _dated(event: Event, day: dt.date, basis: DateBasis) -> Event:
    return replace(event, date=day, date_precision="day", date_text=None, date_start=None,
                   date_basis=basis)


def place_by_dateline(events: list[Event], dateline: Dateline | None,
                      attacks: set[int]) -> list[Event]:
    """Events of the dateline's paragraph that name no place happen at the dateline, except
    attacks (`attacks` holds their trigger offsets), which are placed by their target."""
    if dateline is None:
        return events
    return [_placed(e, dateline.place, dateline.text, dateline.start, "dateline")
            if e.place is None and e.trigger_start not in attacks
            and dateline.start <= e.evidence_start < dateline.paragraph_end else e
            for e in events]


def _attacked(event: Event) -> Place | None:
    """The country an attack is on: its target's, else, when it names no target, that of
    its attacker's opponent in the war ("Russian airstrikes")."""
    targets = [ea.actor for ea in event.actors if ea.role == "target" and ea.actor.type == "GPE"]
    if targets:
        place = resolve_place(targets[0].name)
        return place if place is not None and is_country(place) else None
    if any(ea.role == "target" for ea in event.actors):
        return None
    foes = [opponent(ea.actor.country) for ea in event.actors if ea.role == "source"]
    return next((country_place(foe) for foe in foes if foe), None)


def place_by_target(events: list[Event], attacks: set[int]) -> list[Event]:
    """An attack, or a halt to attacks, with no place of its own happens in the country it
    is on."""
    placed = []
    for event in events:
        place = _attacked(event) if event.place is None and event.trigger_start in attacks \
            else None
        placed.append(_placed(event, place, event.trigger_text, event.trigger_start, "target")
                      if place is not None else event)
    return placed


def refine_countries(events: list[Event], dateline: Dateline | None) -> list[Event]:
    """A meeting placed only in a country takes the city of that country the article places
    its other events in, when the article names exactly one such city: "talks in Saudi
    Arabia" are the talks it reports from Riyadh."""
    cities: Counter[Place] = Counter()
    spans: dict[Place, tuple[str, int]] = {}
    placed = [(e.place, e.place_text, e.place_start) for e in events]
    if dateline is not None:
        placed.append((dateline.place, dateline.text, dateline.start))
    for place, text, start in placed:
        if place is not None and not is_country(place) and text is not None and start is not None:
            cities[place] += 1
            spans.setdefault(place, (text, start))
    refined = []
    for event in events:
        candidates = {c for c in cities
                      if event.place is not None and is_country(event.place)
                      and event.event_type in CITY_TYPES
                      and c.country == event.place.country}
        if len(candidates) == 1:
            city = candidates.pop()
            event = _placed(event, city, *spans[city], "article")
        refined.append(event)
    return refined


def date_by_publication(events: list[Event], lead: tuple[int, int] | None,
                        published: dt.date | None, news: NewsDay | None) -> list[Event]:
    """An event the top of the story (its headline, standfirst or lead) reports as having
    happened, with no day of its own, happened on the day of the news: the day the lead
    dates what happened, else the day of writing. News leads with what has just happened."""
    if published is None or lead is None:
        return events
    dated = []
    for event in events:
        if event.date is None and event.status == "occurred" and event.evidence_start < lead[1]:
            event = _dated(event, published, "publication") if news is None else replace(
                event, date=news.day, date_precision="day", date_text=news.text,
                date_start=news.start, date_basis="lead")
        dated.append(event)
    return dated


# What parties say and do at a meeting: the acts a report of the meeting goes on to tell.
SAID_AT_MEETINGS = {"REQUEST", "ACCUSE", "REJECT", "SUPPORT", "THREATEN", "AGREE", "CONCEDE",
                    "RETREAT", "COOPERATE"}


def _meeting_before(event: Event, meetings: list[Event]) -> Event | None:
    """The latest meeting reported before the event that one of its actors took part in."""
    actors = {ea.actor for ea in event.actors}
    return next((m for m in reversed(meetings) if m.evidence_start <= event.evidence_start
                 and actors & {ea.actor for ea in m.actors}), None)


def at_meetings(events: list[Event]) -> list[Event]:
    """An undated act of a party to a dated meeting the article has just reported (a demand,
    an accusation, a deal, a lunch with some of them) happened at that meeting, on its day: a
    report of talks goes on to tell what was said there. The meeting must have happened, on
    a day the text states."""
    meetings = [e for e in events if e.event_type == "CONSULT" and e.status == "occurred"
                and e.date_basis == "clause" and e.date_precision == "day"]
    placed = []
    for event in events:
        meeting = _meeting_before(event, meetings) if (
            (event.event_type in SAID_AT_MEETINGS or event.event_type == "CONSULT"
             and event.mode != "phone")
            and event.status == "occurred" and event.date is None) else None
        if meeting is not None:
            event = replace(event, date=meeting.date, date_precision=meeting.date_precision,
                            date_text=meeting.date_text, date_start=meeting.date_start,
                            date_basis="meeting")
            if event.place is None:
                event = _at_place_of(event, meeting)
        placed.append(event)
    return placed


def at_meetings_that_day(events: list[Event]) -> list[Event]:
    """A dated act of a party to a meeting held that same day, reported before it, happened
    where the meeting was: "the sides met in Istanbul ... agreed on Friday to swap
    prisoners". So did, or will, another meeting that day of a side taking part: a day of
    negotiations is held in one city ("Following a meeting with the Europeans, the Ukrainian
    side held talks with the Americans later in the day"). Runs once every event has what
    dates the article gives it."""
    meetings = [e for e in events if e.event_type == "CONSULT" and e.status == "occurred"
                and e.date_precision == "day" and e.place is not None and e.mode != "phone"]
    return [_at_meeting_that_day(e, meetings) if e.event_type in SAID_AT_MEETINGS
            else _in_city_of_the_day(e, meetings) if e.event_type == "CONSULT" else e
            for e in events]


def _same_side(a: Event, b: Event) -> bool:
    """Whether a party to one meeting is at the other: the same actor, or a country (its
    government, its delegation) and someone of that country. Two people of one country can
    be in two cities on one day."""
    a_actors, b_actors = {ea.actor for ea in a.actors}, {ea.actor for ea in b.actors}
    if a_actors & b_actors:
        return True
    return any(x.country == y.country and not x.type == y.type == "PERSON"
               for x in a_actors for y in b_actors if x.country)


def _in_city_of_the_day(event: Event, meetings: list[Event]) -> Event:
    if (event.status == "hypothetical" or event.place is not None or event.date is None
            or event.date_precision != "day" or event.mode == "phone"):
        return event
    cities = [m for m in meetings if m.date == event.date and m.place is not None
              and not is_country(m.place) and _same_side(m, event)]
    nearest = min(cities, key=lambda m: abs(m.evidence_start - event.evidence_start),
                  default=None)
    return event if nearest is None else _at_place_of(event, nearest)


def _at_meeting_that_day(event: Event, meetings: list[Event]) -> Event:
    if (event.status != "occurred" or event.place is not None or event.date is None
            or event.date_precision != "day"):
        return event
    meeting = _meeting_before(event, [m for m in meetings if m.date == event.date])
    return event if meeting is None else _at_place_of(event, meeting)


def _at_place_of(event: Event, meeting: Event) -> Event:
    """The event placed where the meeting it happened at was, if the text places that."""
    if meeting.place is None:
        return event
    return _placed(event, meeting.place, meeting.place_text or "", meeting.place_start or 0,
                   "meeting")
