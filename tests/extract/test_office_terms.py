"""The earliest day an undated text can have been written, from the offices it names."""

import datetime as dt

from pipeline.extract.office_terms import earliest_writing_day
from pipeline.ingest.date_estimate import COVERAGE_START


def test_titled_people_date_the_text_to_the_terms_they_share():
    text = ("President Donald Trump spoke with Russian President Vladimir Putin for two hours, "
            "the White House said.")
    window = earliest_writing_day(text, COVERAGE_START)
    assert window.start == dt.date(2025, 1, 20)  # Trump's second term; the first is too early
    assert set(window.names) == {"Donald Trump", "Vladimir Putin"}


def test_a_former_holder_says_nothing_about_the_time_of_writing():
    text = "Former US President Joe Biden and then-President Barack Obama were not consulted."
    assert earliest_writing_day(text, COVERAGE_START) is None


def test_untitled_names_give_no_window():
    assert earliest_writing_day("Trump and Putin spoke for two hours.", COVERAGE_START) is None


def test_offices_never_held_together_give_no_window():
    text = "President Joe Biden met President Donald Trump in the Oval Office."
    assert earliest_writing_day(text, COVERAGE_START) is None
