"""Date expressions found in prose and resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.dates import (
    find_date_expressions,
    narrative_year,
    offset_date,
    resolve_date,
)

SUNDAY = dt.date(2026, 2, 15)
THURSDAY = dt.date(2025, 4, 24)


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        ("Friday", SUNDAY, False, (dt.date(2026, 2, 13), "day")),
        ("Friday", SUNDAY, True, (dt.date(2026, 2, 20), "day")),
        ("Tuesday", dt.date(2025, 2, 17), True, (dt.date(2025, 2, 18), "day")),
        ("early Thursday", THURSDAY, False, (THURSDAY, "day")),
        ("Thursday morning", THURSDAY, False, (THURSDAY, "day")),
        ("next week", SUNDAY, True, (dt.date(2026, 2, 16), "week")),
        ("this week", THURSDAY, True, (dt.date(2025, 4, 21), "week")),
        ("this weekend", SUNDAY, False, (dt.date(2026, 2, 14), "week")),
        ("later this month", SUNDAY, True, (dt.date(2026, 2, 1), "month")),
        ("August 2025", SUNDAY, False, (dt.date(2025, 8, 1), "month")),
        ("four years ago", SUNDAY, False, (dt.date(2022, 1, 1), "year")),
        ("three-year-old", SUNDAY, False, (dt.date(2023, 1, 1), "year")),
        ("10-day-old", SUNDAY, False, (dt.date(2026, 2, 5), "day")),
        ("February 17", SUNDAY, False, (dt.date(2026, 2, 17), "day")),
        ("February 10", SUNDAY, True, (dt.date(2026, 2, 10), "day")),
        ("June 17", SUNDAY, False, (dt.date(2025, 6, 17), "day")),
        ("February 24 2022", SUNDAY, False, (dt.date(2022, 2, 24), "day")),
        ("24 February, 2022", None, False, (dt.date(2022, 2, 24), "day")),
        ("2014", None, False, (dt.date(2014, 1, 1), "year")),
        ("yesterday", THURSDAY, False, (dt.date(2025, 4, 23), "day")),
        ("in recent days", THURSDAY, False, (dt.date(2025, 4, 21), "week")),
    ],
)
def test_resolves_expression(text, published, future, expected):
    assert resolve_date(text, published, future) == expected


def test_relative_expression_needs_a_publication_date():
    assert resolve_date("on Friday", None) == (None, None)
    assert resolve_date("next week", None) == (None, None)


def test_text_without_a_date_resolves_to_nothing():
    assert resolve_date("the peace talks", SUNDAY) == (None, None)


def test_month_without_year_points_back_for_past_events_and_forward_for_planned():
    assert resolve_date("in March", SUNDAY, future=False) == (dt.date(2025, 3, 1), "month")
    assert resolve_date("in March", SUNDAY, future=True) == (dt.date(2026, 3, 1), "month")


def test_finds_expressions_with_exact_offsets():
    text = ("The Kremlin revealed on Friday that talks will take place next week in Geneva, "
            "days ahead of the invasion's anniversary on February 24 2022.")
    found = find_date_expressions(text)
    assert [e.text for e in found] == ["Friday", "next week", "February 24 2022"]
    assert all(text[e.start:e.end] == e.text for e in found)


def test_modal_may_is_not_a_month():
    assert find_date_expressions("Talks may resume, officials said.") == []
    assert [e.text for e in find_date_expressions("Talks resumed in May.")] == ["May"]


@pytest.mark.parametrize(
    ("duration", "later", "expected"),
    [
        ("two days", True, (dt.date(2026, 2, 17), "day")),
        ("just two days", True, (dt.date(2026, 2, 17), "day")),
        ("less than a week", False, (dt.date(2026, 2, 8), "week")),
        ("three weeks", False, (dt.date(2026, 1, 25), "week")),
        ("two months", True, (dt.date(2026, 4, 1), "month")),
        ("a while", True, (None, None)),
    ],
)
def test_durations_away_from_an_anchor(duration, later, expected):
    assert offset_date(duration, SUNDAY, later) == expected


def test_dates_agree_at_the_coarser_precision():
    from pipeline.extract.dates import dates_agree
    day = dt.date(2026, 2, 17)
    assert dates_agree(day, "day", day, "day")
    assert not dates_agree(day, "day", dt.date(2026, 2, 18), "day")
    assert dates_agree(day, "day", dt.date(2026, 2, 16), "week")
    assert dates_agree(day, "month", dt.date(2026, 2, 1), "day")
    assert not dates_agree(day, "month", dt.date(2026, 3, 1), "day")
    assert dates_agree(dt.date(2022, 2, 24), "day", dt.date(2022, 1, 1), "year")


def test_undated_text_gives_a_yearless_day_the_year_it_last_named():
    assert resolve_date("March 10", None, year=2022) == (dt.date(2022, 3, 10), "day")
    assert resolve_date("in early April", None, year=2022) == (dt.date(2022, 4, 1), "month")
    assert resolve_date("last March", None, year=2022) == (None, None)
    assert resolve_date("on Friday", None, year=2022) == (None, None)


def test_narrative_year_is_that_of_the_last_dated_month_not_of_a_bare_year():
    text = "The war began in February 2022. During the 2024 campaign, talks stalled. On May 3"
    assert narrative_year(text, text.index("On May")) == 2022
    assert narrative_year(text, text.index("The war")) is None
    later = text + " 2023 they resumed. By June"
    assert narrative_year(later, len(later)) == 2023
