"""The reporting-cue lexicon as applied to parsed tokens."""

from __future__ import annotations

import pytest

from pipeline.extract.cues import cue_text, is_reporting_cue, is_speech_cue
from pipeline.extract.nlp import english


@pytest.fixture(scope="module")
def nlp():
    return english()


def token(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


def test_phrasal_cue_counts_with_its_particle(nlp):
    doc_text = "“We are not there,” Glees went on."
    went = token(nlp, doc_text, "went")
    assert is_speech_cue(went)
    start, end = cue_text(went)
    assert doc_text[start:end] == "went on"


def test_go_without_particle_is_not_a_cue(nlp):
    assert not is_speech_cue(token(nlp, "Starmer went to Paris on Monday.", "went"))


def test_belief_verbs_report_but_do_not_introduce_quotes(nlp):
    thinks = token(nlp, "Trump thinks the war will end soon.", "thinks")
    assert is_reporting_cue(thinks) and not is_speech_cue(thinks)
