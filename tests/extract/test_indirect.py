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


@pytest.mark.parametrize(("text", "expected"), [
    ("Kyiv denied the allegations.", [("denied", "the allegations")]),
    ("The envoy called the plan a trap for Ukraine.",
     [("called", "the plan a trap for Ukraine")]),
    ("Moscow accused the mayor of stalling the exchange of prisoners.",
     [("accused", "the mayor of stalling the exchange of prisoners")]),
])
def test_object_of_a_claiming_verb_is_the_claim(nlp, text, expected):
    assert clauses(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The minister told Reuters on Monday.",
    "The envoy called his former boss from Geneva.",
    "The striker added a goal in the second half of the match.",
    "Moscow denied Kyiv the weapons it had asked for.",
    "The court denied the journalists access to the hearing.",
])
def test_object_that_is_a_listener_or_a_thing_is_no_claim(nlp, text):
    assert clauses(nlp, text) == []


def test_what_a_poll_shows_is_its_finding(nlp):
    text = "The latest poll shows the mayor with a ten-point lead in Odesa."
    assert clauses(nlp, text) == [("shows", "the mayor with a ten-point lead in Odesa")]


def test_polls_described_by_a_participle_are_the_source(nlp):
    text = "New polls showing the governor far ahead were published on Friday."
    assert clauses(nlp, text) == [("showing", "the governor far ahead")]


def test_a_person_who_finds_something_judges_and_reports_nothing(nlp):
    assert clauses(nlp, "She found the coaching sessions particularly useful.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Moscow repeated its claim that the talks had stalled.",
     [("claim", "the talks had stalled")]),
    ("The proposal to freeze the front line drew criticism.",
     [("proposal", "to freeze the front line")]),
])
def test_claim_noun_carries_its_clause(nlp, text, expected):
    assert clauses(nlp, text) == expected


def test_relative_clause_of_a_claim_noun_is_no_content(nlp):
    assert clauses(nlp, "The claim that he made on Sunday was false.") == []


def test_cue_set_into_the_clause_reports_the_clause(nlp):
    text = "By then, they said, the bank was cooperating with the regulators."
    assert clauses(nlp, text) == [("said", "the bank was cooperating with the regulators")]


def test_clause_after_the_cue_wins_over_an_opening_phrase_parsed_as_one(nlp):
    text = ("In an interview focused largely on foreign policy, Trump said defeating the "
            "militants is a higher priority.")
    assert clauses(nlp, text) == [("said", "defeating the militants is a higher priority")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Zelensky called for an immediate ceasefire along the front line.",
     [("called", "an immediate ceasefire along the front line")]),
    ("The senator called on him to withdraw.", [("called", "him to withdraw")]),
    ("The mayor has called for the ministry to release the full report.",
     [("called", "the ministry to release the full report")]),
    ("She warned of retaliation if the strikes continued.",
     [("warned", "retaliation if the strikes continued")]),
    ("The candidate claimed to have won the vote in every district.",
     [("claimed", "to have won the vote in every district")]),
])
def test_claim_after_a_preposition_or_claimed_to(nlp, text, expected):
    assert clauses(nlp, text) == expected


def test_a_pledge_is_an_intention_not_reported_content(nlp):
    assert clauses(nlp, "Putin vowed to continue the offensive until spring.") == []


@pytest.mark.parametrize("text", [
    "The negotiator would not say what the delegation will do next.",
    "The ministry declined to say why the convoy had turned back.",
])
def test_a_question_left_unanswered_is_not_what_was_said(nlp, text):
    assert clauses(nlp, text) == []


def test_how_something_was_said_is_not_what_was_said(nlp):
    assert clauses(nlp, "He said, his voice breaking with emotion.") == []


def test_clauses_of_one_cue_run_on_together(nlp):
    text = "Kyiv said the strikes had stopped, and that talks would resume."
    assert clauses(nlp, text) == [("said", "the strikes had stopped, and that talks would resume")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Peskov said the talks had stalled and warned Kyiv against new strikes.",
     [("said", "the talks had stalled")]),
    ("Peskov said the delegation had read the draft and found it wanting.",
     [("said", "the delegation had read the draft and found it wanting")]),
    ("He kept insisting he is winning and urging his supporters to defy the party.",
     [("insisting", "he is winning"), ("urging", "his supporters to defy the party")]),
])
def test_the_speaker_s_next_act_is_not_part_of_what_was_said(nlp, text, expected):
    assert clauses(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The envoy did not say that the talks had failed.",
    "The minister would not comment on the remarks by the European leaders.",
])
def test_what_a_speaker_did_not_say_is_no_claim(nlp, text):
    assert clauses(nlp, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("A new poll shows the mayor pulling ahead.", [("shows", "the mayor pulling ahead")]),
    ("There were new polls showing Kyiv ahead.", [("showing", "Kyiv ahead")]),
    ("Several of the latest surveys show that the coalition has lost ground.",
     [("show", "the coalition has lost ground")]),
    ("The ministry spent twice its budget on the bridge, audit records show.",
     [("show", "The ministry spent twice its budget on the bridge")]),
])
def test_what_a_poll_or_record_shows(nlp, text, expected):
    assert clauses(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister acknowledged the delays in the programme.",
     [("acknowledged", "the delays in the programme")]),
    ("The senator touted her long record on trade.", [("touted", "her long record")]),
    ("Analysts predicted a sharp fall in exports.", [("predicted", "a sharp fall in exports")]),
    ("The mayor blamed the storm for the delays.", [("blamed", "the storm for the delays")]),
    ("The mayor blamed the contractors.", []),
    ("She called herself a moderate.", [("called", "herself a moderate")]),
    ("A hacker calling himself Cobalt Bear posted the files.", []),
])
def test_objects_that_are_the_claim(nlp, text, expected):
    assert clauses(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Her comments about the ceasefire drew criticism.", [("comments", "the ceasefire")]),
    ("Allegations of fraud in the tender were dismissed.",
     [("Allegations", "fraud in the tender")]),
    ("The statement on Sunday was short.", []),
    ("Speculation that the talks would collapse grew.",
     [("Speculation", "the talks would collapse")]),
])
def test_nouns_of_saying_with_their_preposition_or_clause(nlp, text, expected):
    assert clauses(nlp, text) == expected


def test_content_stops_at_a_colon_that_opens_a_quotation(nlp):
    text = "She said the delay was deliberate: “They want us to wait.”"
    assert clauses(nlp, text) == [("said", "the delay was deliberate")]


def test_a_contrast_with_another_claim_ends_the_content(nlp):
    text = "Most voters say the plan is unfair, while others call it overdue."
    assert clauses(nlp, text)[0] == ("say", "the plan is unfair")
