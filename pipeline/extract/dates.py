"""Find date expressions in news prose and resolve them against the publication date.

News dates events relative to the day of writing ("on Friday", "next week", "four years
ago"), so a date is only as good as the publication date it is anchored to: relative
expressions resolve to None when that is unknown. Each result carries a precision (day, week,
month or year) so that "in March 2022" is not mistaken for March 1st.

Conventions for coarse dates: a week is represented by its Monday (a weekend by its
Saturday), a month by its first day, a year by January 1st.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.contract.values import DatePrecision

_MONTHS = {
    name: i + 1
    for i, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ))
    for name in names
}
# A day this close to the publication date is this year's, whatever the tense says.
_NEAR_DAYS = 31
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3,
    "several": 3, "a couple of": 2,
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
_COUNT = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|"
    r"several|a couple of)"
)

# Longest forms first: the scanner keeps the first match at each position.
_PATTERNS = [
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
    rf"\b{_COUNT}\s+(?:days?|weeks?|months?|years?)\s+ago\b",
    # "Russia's three-year-old invasion": begun that long before the time of writing
    rf"\b{_COUNT}-(?:day|week|month|year)-old\b",
    rf"\b(?:(?:early|late|last|next|this)\s+)?{_WEEKDAY}(?:\s+{_PART})?\b",
    rf"\b(?:early|late|mid-?)?\s?{_MONTH},?\s+{_YEAR}\b",
    rf"\b{_MONTH}\s+{_DAY}\b(?![,\s]+{_YEAR})",
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b",
    r"\b(?:(?:earlier|later)\s+)?(?:this|next|last)\s+(?:week|weekend|month|year)\b",
    rf"\b(?:(?:early|late|mid-?)\s?)?(?:last|next|this)\s+{_MONTH}\b",
    rf"\b(?:in|by|since|until|during)\s+(?:(?:early|late|mid-?)\s?)?{_MONTH}\b(?!\s+\d)",
    r"\b(?:today|tonight|yesterday|tomorrow)\b",
    r"\b(?:recent|coming|past\s+few|next\s+few)\s+(?:days|weeks)\b",
    rf"\b{_YEAR}\b",
]
_SCANNER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# A bare month counts only after a preposition ("in May", not "may"); the preposition is
# context, not part of the expression.
_LEADING_PREPOSITION = re.compile(r"^(?:in|by|since|until|during)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in a text, with offsets into that text."""

    start: int
    end: int
    text: str


def find_date_expressions(text: str) -> list[DateExpression]:
    """Every date expression in `text`, left to right, without overlaps."""
    found = []
    for m in _SCANNER.finditer(text):
        value = m.group(0)
        stripped = _LEADING_PREPOSITION.sub("", value.strip())
        if not stripped:
            continue
        start = m.start() + value.index(stripped)
        found.append(DateExpression(start, start + len(stripped), stripped))
    return found


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _weekday(name: str, modifier: str | None, published: dt.date, future: bool) -> dt.date:
    """The day of the week meant: past events take the latest one on or before publication,
    planned ones the next one on or after it ("last"/"next" exclude the publication day)."""
    target = _WEEKDAYS.index(name)
    if modifier == "next" or (future and modifier != "last"):
        ahead = (target - published.weekday()) % 7
        if modifier == "next" and ahead == 0:
            ahead = 7
        return published + dt.timedelta(days=ahead)
    back = (published.weekday() - target) % 7
    if modifier == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_in_context(month: int, published: dt.date, future: bool) -> dt.date:
    """A month named without its year: the latest such month for past events, the next one
    for planned events (the current month counts for both)."""
    year = published.year
    if future and month < published.month:
        year += 1
    elif not future and month > published.month:
        year -= 1
    return dt.date(year, month, 1)


def _day_in_context(month: int, day: int, published: dt.date, future: bool) -> dt.date | None:
    """A day named without its year: the latest such day for past events, the next one for
    planned events, except that a day within a month of publication keeps its year whatever
    the tense ("set the truce for May 12" written on May 10 means this May 12)."""
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return None
    if abs((candidate - published).days) <= _NEAR_DAYS:
        return candidate
    if future and candidate < published:
        return _safe_date(candidate.year + 1, month, day)
    if not future and candidate > published:
        return _safe_date(candidate.year - 1, month, day)
    return candidate


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", text.lower().replace("mid-", "mid "))


def _count(text: str) -> int | None:
    number = re.match(r"\s*(\d+|a couple of|a few|\w+)", text.lower())
    if not number:
        return None
    word = number.group(1)
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def _resolve_ago(words: list[str], text: str,
                 published: dt.date) -> tuple[dt.date, DatePrecision] | None:
    count = _count(text)
    if count is None:
        return None
    unit = words[-2].rstrip("s")
    if unit == "day":
        return published - dt.timedelta(days=count), "day"
    if unit == "week":
        return _monday(published - dt.timedelta(weeks=count)), "week"
    if unit == "month":
        return _shift_months(published, -count), "month"
    return dt.date(published.year - count, 1, 1), "year"


def _resolve_relative(
    words: list[str], published: dt.date, future: bool
) -> tuple[dt.date, DatePrecision] | None:
    """Expressions made of deictic words only: "today", "next week", "later this month"."""
    unit = words[-1]
    offset = {"next": 1, "last": -1}.get(words[-2], 0) if len(words) > 1 else 0
    if unit in {"today", "tonight"}:
        return published, "day"
    if unit == "yesterday":
        return published - dt.timedelta(days=1), "day"
    if unit == "tomorrow":
        return published + dt.timedelta(days=1), "day"
    if unit in {"days", "weeks"}:
        return _monday(published), "week"
    if unit == "week":
        return _monday(published) + dt.timedelta(weeks=offset), "week"
    if unit == "weekend":
        saturday = _weekday("saturday", None, published, future and published.weekday() < 5)
        return saturday + dt.timedelta(weeks=offset), "week"
    if unit == "month":
        return _shift_months(published, offset), "month"
    if unit == "year":
        return dt.date(published.year + offset, 1, 1), "year"
    return None


def resolve_date(
    text: str, published: dt.date | None, future: bool = False, year: int | None = None,
) -> tuple[dt.date | None, DatePrecision | None]:
    """The date an expression refers to and its precision (day, week, month or year).

    `future` says the sentence reports a planned event, which decides whether a bare weekday
    or month lies before or after publication. Without a publication date, a day or month
    named without its year takes `year`, the year the text last gave (see `narrative_year`).
    Returns (None, None) for text that is not a date expression, or for a relative one when
    there is no publication date.
    """
    words = _words(text)
    if not words:
        return None, None
    years = [int(w) for w in words if re.fullmatch(_YEAR, w)]
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    days = [int(w) for w in words if w.isdigit() and int(w) <= 31]
    if years and (months or len(words) == 1):
        return _resolve_calendar(years[0], months, days)
    if published is None:
        if year is None or not months or set(words) & _RELATIVE_WORDS:
            return None, None
        return _resolve_calendar(year, months, days)
    return _resolve_from_publication(words, text, months, days, published, future)


# Words that place a month relative to the time of writing, which an undated text leaves open.
_RELATIVE_WORDS = {"last", "next", "this", "ago", "old"}


def narrative_year(text: str, before: int) -> int | None:
    """The year of the last date before offset `before` that names its month and year ("in
    February 2022", "March 5, 2022"): an undated timeline or retrospective writes "On March 10"
    meaning that year, as its reader does. A bare year ("the 2024 campaign") names a period,
    not the time the narrative is at, and does not count."""
    return year_at(year_marks(text), before)


def year_marks(text: str) -> list[tuple[int, int]]:
    """(end offset, year) of each date in `text` that names its month and year, in order: a
    text's marks are found once and looked up for each of its sentences (`year_at`)."""
    marks = []
    for expr in find_date_expressions(text):
        words = _words(expr.text)
        if any(w in _MONTHS for w in words) and (found := [w for w in words
                                                           if re.fullmatch(_YEAR, w)]):
            marks.append((expr.end, int(found[-1])))
    return marks


def year_at(marks: list[tuple[int, int]], before: int) -> int | None:
    """The year of the last of `marks` that ends before offset `before`."""
    return next((year for end, year in reversed(marks) if end <= before), None)


def _resolve_calendar(year: int, months: list[int], days: list[int],
                      ) -> tuple[dt.date | None, DatePrecision | None]:
    """An expression that names its year ("March 5, 2025", "in March 2022", "2014"): it
    needs no publication date, so it resolves even in an undated article."""
    if months and days:
        found = _safe_date(year, months[0], days[0])
        return (found, "day") if found else (None, None)
    if months:
        return dt.date(year, months[0], 1), "month"
    return dt.date(year, 1, 1), "year"


def _resolve_from_publication(words: list[str], text: str, months: list[int], days: list[int],
                              published: dt.date, future: bool,
                              ) -> tuple[dt.date | None, DatePrecision | None]:
    """An expression without a year ("on Friday", "May 12", "two weeks ago"): only the
    publication date places it, and the tense decides on which side of that date."""
    modifier = next((w for w in words if w in {"last", "next", "this"}), None)
    weekdays = [w for w in words if w in _WEEKDAYS]
    if weekdays:
        return _weekday(weekdays[0], modifier, published, future), "day"
    if words[-1] == "ago":
        return _resolve_ago(words, text, published) or (None, None)
    if words[-1] == "old" and len(words) >= 3:
        return (_resolve_ago([*words[:-2], words[-2] + "s", "ago"], text, published)
                or (None, None))
    if months and days:
        found = _day_in_context(months[0], days[0], published, future)
        return (found, "day") if found else (None, None)
    if months:
        return _resolve_month(months[0], modifier, published, future), "month"
    return _resolve_relative(words, published, future) or (None, None)


def _resolve_month(month: int, modifier: str | None, published: dt.date,
                   future: bool) -> dt.date:
    """A month without a year. "next March" and "last March" are counted from a month after
    or before publication, so that neither means the current month whatever the tense; a
    bare month takes its side of the publication date from the tense."""
    if modifier == "next":
        return _month_in_context(month, published + dt.timedelta(days=31), True)
    if modifier == "last":
        return _month_in_context(month, published - dt.timedelta(days=31), False)
    return _month_in_context(month, published, future)


def offset_date(
    duration: str, anchor: dt.date, later: bool
) -> tuple[dt.date | None, DatePrecision | None]:
    """The day a duration away from `anchor` ("two days before the summit" said on the day
    of writing puts the summit two days later), with a precision as coarse as the duration's
    unit; "less than a week" is only known to the week."""
    words = _words(duration)
    units = {"day": 1, "week": 7, "month": 30, "year": 365}
    unit = next((w.rstrip("s") for w in reversed(words) if w.rstrip("s") in units), None)
    count = _count(re.sub(r"^\s*(?:less|more|fewer)\s+than\s+|^\s*(?:just|only|about|some)\s+",
                          "", duration.lower()))
    if unit is None or count is None:
        return None, None
    sign = 1 if later else -1
    if unit == "month":
        return _shift_months(anchor, sign * count), "month"
    if unit == "year":
        return dt.date(anchor.year + sign * count, 1, 1), "year"
    day = anchor + dt.timedelta(days=sign * count * units[unit])
    vague = re.search(r"\b(?:less|more|fewer|about|some)\b", duration.lower())
    return day, "week" if unit == "week" or vague else "day"


def dates_agree(a: dt.date, a_precision: str | None, b: dt.date, b_precision: str | None) -> bool:
    """Whether two dates can name the same time: the same day, or the same week, month or
    year when either is only known that coarsely (a headline's "this week" and the body's
    "next week" can be the same talks; "four years ago" and "February 24 2022" the same
    invasion)."""
    coarse = {a_precision, b_precision}
    if "year" in coarse:
        return a.year == b.year
    if "month" in coarse:
        return (a.year, a.month) == (b.year, b.month)
    return abs((a - b).days) <= (7 if "week" in coarse else 0)
