"""Quote-mark span detection on raw text: no parsing involved."""

from __future__ import annotations

from pipeline.extract.quote_marks import find_marked_spans


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_marked_spans(text)]


def test_straight_and_curly_double_quotes():
    assert texts('He said "yes" and she said “no way”.') == ["yes", "no way"]


def test_apostrophes_inside_and_after_words_are_ignored():
    assert texts("Russia’s envoys don’t trust the Europeans’ plan.") == []


def test_single_quotes_inside_double_quotes_are_part_of_the_outer_quote():
    assert texts("“Few think ‘might is right’ works,” he said.") == [
        "Few think ‘might is right’ works,"]


def test_multi_paragraph_quote_spans_from_first_to_last_paragraph():
    text = "He said: “First part.\n\n“Second part.”\nAfter."
    [span] = find_marked_spans(text)
    assert text[span.start:span.end] == "First part.\n\n“Second part."


def test_unclosed_quote_ends_with_its_paragraph():
    text = "“It is over. We lost.\nNext paragraph without marks."
    [span] = find_marked_spans(text)
    assert text[span.start:span.end] == "It is over. We lost."
    assert span.close_mark is None


def test_closing_mark_typed_as_opening_mark():
    assert texts("”This is landing rockets,” he wrote.") == ["This is landing rockets,"]


def test_guillemets():
    assert texts("Peskov said «the talks are over» on Monday.") == ["the talks are over"]
