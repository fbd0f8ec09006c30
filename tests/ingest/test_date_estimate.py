"""A publication date estimated from the URL or the days the text reports, with its basis."""

import datetime as dt

import pytest

from pipeline.extract.office_terms import earliest_writing_day
from pipeline.ingest.date_estimate import COVERAGE_START, date_from_text, date_in_url


@pytest.mark.parametrize("url, expected", [
    ("https://news.example.org/2025/03/12/talks-resume.html", dt.date(2025, 3, 12)),
    ("https://example.com/world/2025-11-24/geneva-talks", dt.date(2025, 11, 24)),
    ("https://example.com/a/20250312-kyiv", dt.date(2025, 3, 12)),
    ("https://example.com/story/879018", None),
    ("https://2025.example.com/news/1302/13/", None),
    (None, None),
])
def test_a_date_in_the_url_path(url, expected):
    found = date_in_url(url)
    assert (found.date if found else None) == expected
    if found:
        assert found.source == "url" and "URL path" in found.basis


def test_the_latest_day_reported_as_past_is_the_estimate():
    text = ("Envoys met in Paris on Tuesday, January 6, 2026, after talks on Sunday, "
            "January 4, 2026. They will meet again on January 20, 2026.")
    found = date_from_text(text)
    assert found.date == dt.date(2026, 1, 6) and found.source == "estimated"
    assert "Tuesday, January 6, 2026" in found.basis


def test_a_weekday_fixes_the_year_of_a_day_given_without_one():
    text = ("The two sides began talks on Friday, January 23, the first such meeting since "
            "the invasion of 2022.")
    assert date_from_text(text).date == dt.date(2026, 1, 23)


def test_a_weekday_in_a_text_naming_no_year_is_read_from_the_period_covered():
    text = "Envoys met on Thursday (Nov 20) and again over the weekend, officials said."
    found = date_from_text(text)
    assert found.date == dt.date(2025, 11, 20)  # the first Thursday, 20 November, from 2022
    assert "Thursday (Nov 20" in found.basis


def test_a_bare_day_takes_the_year_of_an_anchored_one():
    text = ("A truce held from Sunday, January 25, 2026, to Sunday, February 1. Heavy strikes "
            "followed overnight into February 3.")
    assert date_from_text(text).date == dt.date(2026, 2, 3)


def test_a_text_that_names_a_later_year_is_looking_back_and_gives_no_estimate():
    text = ("Kuleba and Lavrov met in Antalya on March 10, 2022. The 2024 campaign brought "
            "promises of a quick deal.")
    assert date_from_text(text) is None


def test_no_day_no_estimate():
    assert date_from_text("Talks went on on Tuesday, officials said.") is None
    assert date_from_text("Talks are due on Friday, March 13.") is None


def test_a_text_naming_no_year_reads_its_bare_days_from_the_offices_it_names():
    text = ("US President Donald Trump said on March 3 that envoys would travel to Riyadh. "
            "They met there on March 11.")
    window = earliest_writing_day(text, COVERAGE_START)
    found = date_from_text(text, window)
    assert found.date == dt.date(2025, 3, 11) and found.source == "estimated"
    assert "Donald Trump" in found.basis and "March 11" in found.basis
    assert date_from_text(text) is None  # without the offices, a bare day has no year
