"""Reported clauses read from the parse."""

from __future__ import annotations

import pytest

from pipeline.extract.indirect import reported_clauses
from pipeline.extract.nlp import english


@pytest.fixture(scope="module")
def nlp():
    return english()


def clauses(nlp, text: str) -> list[tuple[str, str]]:
    return [(cue.text, clause.text) for cue, clause in reported_clauses(nlp(text))]


def test_that_clause_without_complementiser(nlp):
    assert clauses(nlp, "Zelensky warned that the front line would not hold.") == [
        ("warned", "the front line would not hold")
    ]


def test_according_to_frames_the_rest_of_the_sentence(nlp):
    text = "According to officials, the delegation will arrive in Geneva on Monday."
    assert clauses(nlp, text) == [
        ("According", "the delegation will arrive in Geneva on Monday")
    ]


def test_verbs_that_do_not_report_give_nothing(nlp):
    assert clauses(nlp, "The delegation arrived in Geneva after the strikes had ended.") == []


def test_reported_clause_stops_at_the_paragraph_break(nlp):
    doc = nlp("Story continues below\n\nThe convoy reached Kharkiv on Monday, the ministry said.")
    assert [(cue.text, clause.text) for cue, clause in reported_clauses(doc)] == [
        ("said", "The convoy reached Kharkiv on Monday")]
