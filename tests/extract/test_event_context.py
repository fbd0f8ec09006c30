"""What the whole article says about when its events happen: dated section headings."""

from __future__ import annotations

import datetime as dt

from pipeline.extract.event_context import dated_sections, section_of

TIMELINE = (
    "A timeline of the talks\n"
    "\n"
    "June 3, 2024 – First round\n"
    "The delegations met for five hours.\n"
    "July 2024: Second round\n"
    "They met again.\n"
    "August-September 2024 – Shuttle diplomacy\n"
    "May 2 was the day the envoys said they would meet again.\n"
)


def test_a_short_line_opening_with_a_dated_title_heads_a_section():
    sections = dated_sections(TIMELINE)
    assert [(s.day, s.precision, s.text) for s in sections] == [
        (dt.date(2024, 6, 3), "day", "June 3, 2024"),
        (dt.date(2024, 7, 1), "month", "July 2024"),
    ]
    assert TIMELINE[sections[0].start:].startswith("June 3, 2024")


def test_a_range_or_a_sentence_opening_with_a_date_heads_no_section():
    assert dated_sections("August-September 2024 – Shuttle diplomacy\n") == []
    assert dated_sections("June 3, 2024 was the day the envoys met in Geneva.\n") == []


def test_an_offset_lies_in_the_section_of_the_heading_above_it():
    sections = dated_sections(TIMELINE)
    assert section_of(sections, TIMELINE.index("five hours")) == sections[0]
    assert section_of(sections, TIMELINE.index("met again")) == sections[1]
    assert section_of(sections, TIMELINE.index("timeline")) is None
