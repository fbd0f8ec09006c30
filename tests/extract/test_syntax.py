"""The parse helpers every extractor shares."""

from __future__ import annotations

from pipeline.extract.nlp import english
from pipeline.extract.syntax import (
    DEFINITE_DETERMINERS,
    NOMINAL_SUBJECTS,
    has_determiner,
    inside,
    lemma,
    subjects_of,
    within,
)


def test_a_definite_noun_phrase_and_the_sentence_it_lies_in():
    doc = english()("The envoys held talks in Geneva. A new round followed.")
    first, second = list(doc.sents)
    envoys, talks, geneva, round_ = doc[1], doc[3], doc[5], doc[9]
    assert has_determiner(envoys, DEFINITE_DETERMINERS)
    assert not has_determiner(round_, DEFINITE_DETERMINERS)
    assert within(talks, first) and not within(round_, first) and within(round_, second)
    assert envoys.dep_ in NOMINAL_SUBJECTS and lemma(doc[2]) == "hold"
    assert inside(geneva, doc[2]) and not inside(doc[2], geneva)


def test_a_dateline_the_parse_made_a_subject_is_not_one():
    doc = english()("ABU DHABI, UAE: Representatives from Ukraine and Russia began talks.")
    began = next(t for t in doc if t.text == "began")
    assert [t.text for t in subjects_of(began, NOMINAL_SUBJECTS)] == ["Representatives"]
    doc = english()("Durning says it helps \u2014 a scaffold, she calls it \u2014 to start.")
    says = next(t for t in doc if t.text == "says")
    assert "Durning" in [t.text for t in subjects_of(says, NOMINAL_SUBJECTS)]
