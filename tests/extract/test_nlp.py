"""Sentence boundaries of the English pipeline: line breaks and abbreviations."""

from __future__ import annotations

from pipeline.extract.nlp import english


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in english()(text).sents]


def test_a_full_stop_before_a_lower_case_word_ends_an_abbreviation_not_a_sentence():
    text = "Jane Roe, who lost 9 lbs. “and a dress size” since May, says the plan worked."
    assert sentences(text) == [text]


def test_a_line_break_starts_a_sentence():
    assert sentences("Talks resume\nThe envoys met in Geneva on Monday.") == [
        "Talks resume", "The envoys met in Geneva on Monday."]


def test_a_word_in_lower_case_after_a_word_carries_on_the_sentence():
    text = "Tax as priority issue\n\nPerrault said she\u2019s \u201cnowhere near a decision.\u201d"
    assert sentences(text)[1:] == ["Perrault said she\u2019s \u201cnowhere near a decision.\u201d"]
