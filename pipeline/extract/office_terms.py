"""The earliest day an undated article can have been written, from the offices it names.

An article that gives no year anywhere still dates itself to a reader who knows who held
which office: "US President Donald Trump" and "President Volodymyr Zelensky" were both in
office together only from 2019 to 2021 and again from January 2025. The registry's office
terms (pipeline/registry/actors.yaml) give those spans; the period this dataset covers (the
peace process after Russia's full-scale invasion of Ukraine) cuts off the earlier ones. The
result is a lower bound, not a date: it only says from which year a day named without its
year ("on April 19") is to be read.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from pipeline.extract.registry import Entry, Office, load_registry
from pipeline.ingest.date_estimate import TermWindow

# A title followed by a capitalised name of up to four words: "President Donald Trump".
_NAME = r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
# "former President Trump", "then-Prime Minister Johnson", "the late President" name a past
# holder: they say nothing about when the article was written.
_PAST_HOLDER = re.compile(
    r"\b(?:former|ex|then|late|one-time|onetime|erstwhile)[\s-]+(?:[A-Z][\w.]*\s+){0,2}$",
    re.IGNORECASE)
_LOOK_BEHIND = 40


@cache
def _titled_name() -> re.Pattern[str]:
    phrases = sorted(load_registry().titles, key=len, reverse=True)
    titles = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"\b(?i:(?P<title>{titles}))\s+{_NAME}")


def _holder(name: str) -> Entry | None:
    """The registry person a capitalised name begins with ("Donald Trump said" → Trump)."""
    registry = load_registry()
    words = name.split()
    for n in range(len(words), 0, -1):
        entry = registry.by_alias(" ".join(words[:n])) or registry.by_name(" ".join(words[:n]))
        if entry is not None and entry.actor.type == "PERSON":
            return entry
    return None


def _terms(entry: Entry, title: str) -> list[Office]:
    return [o for o in entry.offices if o.title == title]


def _intersect(spans: list[tuple[dt.date, dt.date | None]],
               terms: list[Office]) -> list[tuple[dt.date, dt.date | None]]:
    out = []
    for start, end in spans:
        for office in terms:
            lo = max(start, office.start)
            ends = [e for e in (end, office.end) if e is not None]
            hi = min(ends) if ends else None
            if hi is None or lo < hi:
                out.append((lo, hi))
    return sorted(out)


def earliest_writing_day(text: str, coverage_start: dt.date) -> TermWindow | None:
    """The first day from `coverage_start` on which every person the text titles with a
    present office ("President Trump", not "former President Obama") held it, or None when
    the text titles no one the registry knows, or titles them in offices never held together.
    """
    registry = load_registry()
    spans: list[tuple[dt.date, dt.date | None]] = [(coverage_start, None)]
    names: list[str] = []
    for match in _titled_name().finditer(text):
        if _PAST_HOLDER.search(text[max(0, match.start() - _LOOK_BEHIND):match.start()]):
            continue
        entry = _holder(match["name"])
        title = registry.titles.get(match["title"].lower())
        if entry is None or title is None or not (terms := _terms(entry, title)):
            continue
        spans = _intersect(spans, terms)
        if not spans:
            return None
        if entry.name not in names:
            names.append(entry.name)
    if not names:
        return None
    return TermWindow(spans[0][0], tuple(names))
