"""Estimating a publication date that no metadata gives, from the URL or the text itself.

Half the articles collected from the web carry no date, and without one no relative date
("on Tuesday", "last week") can be resolved. News gives its own day away: many sites put it
in the URL path (`/2025/03/12/`), and a report names the days of what it reports ("on
Friday (Oct 17)", "on Tuesday, January 6, 2026"). The latest day the text reports as past is
then a close lower bound of when it was written. Every estimate says what it rests on, so a
user can tell it from a date the publisher stated; no clock is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1)
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
# "Tuesday, January 6, 2026", "Friday (Oct 17)", "6 January 2026", "Jan. 23": a day of a
# month, with a weekday before it or a year after it or both.
_DAYS_OF_MONTH = tuple(
    re.compile(rf"\b(?:{_WEEKDAY},?\s*\(?\s*)?{day_of_month}\b(?:,?\s+{_YEAR}\b)?",
               re.IGNORECASE)
    for day_of_month in (rf"{_MONTH}\s+{_DAY}", rf"{_DAY}\s+(?:of\s+)?{_MONTH}"))
_ANY_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# Words just before a day that say it has not come yet ("will meet on", "until", "due on").
_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|scheduled|due|planned|plans?|expected|upcoming|next|until|"
    r"ahead|set to|to be held|deadline|by)\b", re.IGNORECASE)
_LOOK_BEHIND = 60
# A sentence ends at a stop before a capital or a quote: "Dec. 2, 2025" goes on.
_SENTENCE = re.compile(r".+?(?:[.!?]+(?=\s+[A-Z\"“‘'(])|\n|$)", re.DOTALL)
_URL_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})([/_-]?)(?P<month>0[1-9]|1[0-2])\2(?P<day>0[1-9]|[12]\d|3[01])"
    r"(?!\d)")
# A weekday with a day of a month but no year repeats every few years: the year is the first
# one from the latest year the text names that puts that day on that weekday. A text that
# names no year is read from the year the period this dataset covers begins: the peace
# process after Russia's full-scale invasion of Ukraine in February 2022.
_YEARS_AHEAD = 7
COVERAGE_START_YEAR = 2022
COVERAGE_START = dt.date(COVERAGE_START_YEAR, 1, 1)


@dataclass(frozen=True)
class TermWindow:
    """The earliest day a text can have been written, and the people whose offices say so
    (found by pipeline/extract/office_terms.py from the registry's terms of office)."""

    start: dt.date
    names: tuple[str, ...]


@dataclass(frozen=True)
class Estimate:
    """A publication date with what it was read from."""

    date: dt.date
    source: str  # url or estimated
    basis: str


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_in_url(url: str | None) -> Estimate | None:
    """The date a URL path states (`/2025/03/12/`, `/2025-03-12/`, `20250312`), if one."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for match in _URL_DATE.finditer(path):
        found = _safe(int(match["year"]), int(match["month"]), int(match["day"]))
        if found:
            return Estimate(found, "url", f"URL path {match.group(0)!r}")
    return None


def _anchored(match: re.Match, latest_year: int) -> dt.date | None:
    """The day a match names when its year is given, or fixed by its weekday."""
    month, day = _MONTHS[match["month"].lower()], int(match["day"])
    weekday = match["weekday"].lower() if match["weekday"] else None
    if match["year"]:
        found = _safe(int(match["year"]), month, day)
        return found if found and weekday in {None, _WEEKDAYS[found.weekday()]} else None
    if weekday is None:
        return None
    for year in range(latest_year, latest_year + _YEARS_AHEAD):
        found = _safe(year, month, day)
        if found and _WEEKDAYS[found.weekday()] == weekday:
            return found
    return None


def _past_days(text: str) -> list[re.Match]:
    """Days of months the text names, except those just after a word of things to come."""
    found = []
    for sentence in _SENTENCE.finditer(text):
        for pattern in _DAYS_OF_MONTH:
            for match in pattern.finditer(text, sentence.start(), sentence.end()):
                before = text[max(sentence.start(), match.start() - _LOOK_BEHIND):match.start()]
                if not _FUTURE.search(before):
                    found.append(match)
    return found


def date_from_text(text: str, written_from: TermWindow | None = None) -> Estimate | None:
    """The latest day the text reports as past. Days whose year is given or fixed by their
    weekday anchor the estimate; a bare "February 3" then counts in the year of the latest
    anchored day (or the next, when it would otherwise fall most of a year before it). A text
    that names a later year than any such day is looking back, and gives no estimate.

    `written_from` is the earliest day the text can have been written, known from the offices
    it names (see `office_terms`). A text that names no year is read from there rather than
    from the start of the period covered, and its bare days, when none is anchored, count as
    the first such day on or after it."""
    years = [int(y) for y in _ANY_YEAR.findall(text)]
    start_year = written_from.start.year if written_from else COVERAGE_START_YEAR
    latest_year = max(years) if years else start_year
    days = _past_days(text)
    anchored = [(day, m) for m in days if (day := _anchored(m, latest_year))]
    if not anchored:
        return _first_bare_days(days, written_from) if written_from and not years else None
    anchor = max(day for day, _ in anchored)
    # A day is anchored by its own year or, failing that, by the latest year the text names
    # (the start of the period covered when it names none).
    if anchor.year < latest_year:
        return None  # the text names a later year: these days are its background
    for match in days:
        if match["year"] or match["weekday"]:
            continue
        day = _safe(anchor.year, _MONTHS[match["month"].lower()], int(match["day"]))
        if day and (anchor - day).days > 300:
            day = _safe(anchor.year + 1, day.month, day.day)
        if day:
            anchored.append((day, match))
    day, match = max(anchored, key=lambda pair: (pair[0], -pair[1].start()))
    return Estimate(day, "estimated",
                    f"latest date the text reports as past: {match.group(0).strip()!r}")


def _first_bare_days(days: list[re.Match], written_from: TermWindow) -> Estimate | None:
    """The latest of the bare days a text without a year reports as past, each read as its
    first occurrence on or after the earliest day the text can have been written."""
    found = []
    start = written_from.start
    for match in days:
        month, day_of_month = _MONTHS[match["month"].lower()], int(match["day"])
        for year in (start.year, start.year + 1):
            if (when := _safe(year, month, day_of_month)) and when >= start:
                found.append((when, match))
                break
    if not found:
        return None
    latest, match = max(found, key=lambda pair: (pair[0], -pair[1].start()))
    return Estimate(latest, "estimated",
                    f"latest date the text reports as past: {match.group(0).strip()!r}, first "
                    f"on or after {start.isoformat()}, when {', '.join(written_from.names)} "
                    "all held the offices the text gives them")
