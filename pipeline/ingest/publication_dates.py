"""Publication dates: parse what metadata says, and find one a text states outright.

A wrong date is worse than none, because every relative date in the extractions ("on
Friday", "next week") is resolved against it. So only explicit, complete dates are taken:
a labelled publication line ("Published 12 March 2025") or a wire-style dateline ("KYIV,
March 12, 2025 (Reuters) -"). Nothing relative is ever parsed, and no clock is read.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser

from pipeline.ingest.boilerplate import is_publication_line

# Relative expressions are refused, but dateparser still wants a base; fixing it keeps runs
# reproducible.
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],
}
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_LABEL = re.compile(r"^(?:(?:first )?published|posted|updated|last updated|last modified|date)"
                    r"(?:\s+on)?\s*[:|-]?\s*", re.I)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_FULL_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
              rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")
# "KYIV, Ukraine, March 12, 2025 (Reuters) —": place in capitals, a full date, a dash.
_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'’-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'’-]{{1,30}})?,?\s+({_FULL_DATE})"
    r"\s*(?:\([A-Za-z .&/]{1,40}\))?\s*[-–—:]")
_PLAUSIBLE_YEARS = range(1990, 2101)
# The latest publication date taken, for the page-date reader too: left to itself it caps
# dates at the machine's local "today", so the same page read in two time zones, or on two
# days, would give two dates.
LATEST_DATE = f"{_PLAUSIBLE_YEARS[-1]}-12-31"
_HEAD_LINES = 12


def parse_date(value: object) -> dt.date | None:
    """A calendar date from a metadata value, or None when it does not name one day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    iso = _ISO.match(value)
    parsed: dt.date | None
    if iso:
        try:
            parsed = dt.date(*map(int, iso.groups()))
        except ValueError:
            return None
    else:
        found = dateparser.parse(value, languages=["en"], settings=_SETTINGS)
        parsed = found.date() if found else None
    return parsed if parsed and parsed.year in _PLAUSIBLE_YEARS else None


def date_in_text(text: str) -> dt.date | None:
    """The publication date a text states outright near its top, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_HEAD_LINES]
    for line in lines:
        if is_publication_line(line):
            found = parse_date(_first_date(_LABEL.sub("", line, count=1)))
            if found:
                return found
    for line in lines:
        dateline = _DATELINE.match(line)
        if dateline:
            return parse_date(dateline.group(1))
    return None


def _first_date(text: str) -> str:
    """Keep "12 March 2025" out of "12 March 2025 | Updated 13 March 2025"."""
    match = re.search(_FULL_DATE, text)
    return match.group(0) if match else re.split(r"\s*[|·•]\s*", text)[0]
