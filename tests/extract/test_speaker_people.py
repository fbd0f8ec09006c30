"""Surnames tied to full names, and gender read from the article or the given name."""

from __future__ import annotations

import pytest

from pipeline.extract.nlp import english
from pipeline.extract.records import Actor, Mention
from pipeline.extract.speaker_people import FEMALE, MALE, genders, link_surnames

KOVALENKO = Actor("Olena Kovalenko", "PERSON", "UKR")
MARCHENKO = Actor("Petro Marchenko", "PERSON", "UKR")
LOOSE_MATCH = Actor("Pavlo Marchuk", "PERSON", "UKR", in_registry=True)


@pytest.fixture(scope="module")
def nlp():
    return english()


def mention(text: str, form: str, actor: Actor, method: str = "ner", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(form, start + 1)
    return Mention(start, start + len(form), form, actor, method)


def test_missed_surname_becomes_a_mention_of_the_full_name(nlp):
    text = "Petro Marchenko runs the port. Marchenko said it would reopen."
    linked = link_surnames(nlp(text), [mention(text, "Petro Marchenko", MARCHENKO)])
    assert [(m.text, m.actor, m.method) for m in linked] == [
        ("Petro Marchenko", MARCHENKO, "ner"), ("Marchenko", MARCHENKO, "surname")]


def test_surname_matched_loosely_to_another_person_moves_to_the_one_named(nlp):
    text = "Petro Marchenko runs the port. Marchenko said it would reopen."
    found = [mention(text, "Petro Marchenko", MARCHENKO),
             mention(text, "Marchenko", LOOSE_MATCH, "fuzzy", nth=1)]
    assert [m.actor for m in link_surnames(nlp(text), found)] == [MARCHENKO, MARCHENKO]


def test_shared_surname_goes_to_the_person_the_story_follows(nlp):
    text = ("Petro Kovalenko leads the negotiators. Petro Kovalenko flew to Istanbul. "
            "His daughter, Olena Kovalenko, is a lawyer. Kovalenko said the talks would resume.")
    petro = Actor("Petro Kovalenko", "PERSON", "UKR")
    found = [mention(text, "Petro Kovalenko", petro),
             mention(text, "Petro Kovalenko", petro, nth=1),
             mention(text, "Olena Kovalenko", KOVALENKO),
             mention(text, "Kovalenko", KOVALENKO, nth=3)]
    assert link_surnames(nlp(text), found)[-1].actor == petro


def test_gender_from_honorific_before_the_given_name_lexicon(nlp):
    text = "Ms. Sam Rivera met Olena Kovalenko and Petro Marchenko."
    rivera = Actor("Sam Rivera", "PERSON", "USA")
    found = [mention(text, "Sam Rivera", rivera), mention(text, "Olena Kovalenko", KOVALENKO),
             mention(text, "Petro Marchenko", MARCHENKO)]
    assert genders(nlp(text), found) == {rivera: FEMALE, KOVALENKO: FEMALE, MARCHENKO: MALE}


def test_unknown_given_name_has_no_gender(nlp):
    text = "Quillon Aster spoke."
    aster = Actor("Quillon Aster", "PERSON", "USA")
    assert genders(nlp(text), [mention(text, "Quillon Aster", aster)]) == {}


def test_an_unknown_given_name_takes_the_gender_of_the_pronouns_that_follow_it(nlp):
    text = ("Quillon Aster hid beneath the stairs while her brother ran for help. Later "
            "Quillon Aster said she had heard the shots. Tomas Brel and Aster said nothing.")
    aster = Actor("Quillon Aster", "PERSON", "USA")
    brel = Actor("Tomas Brel", "PERSON", "USA")
    found = [mention(text, "Quillon Aster", aster), mention(text, "Quillon Aster", aster, nth=1),
             mention(text, "Tomas Brel", brel), mention(text, "Aster", aster, nth=2)]
    assert genders(nlp(text), found) == {aster: FEMALE}


def test_pronouns_of_both_genders_tell_nothing(nlp):
    text = "Quillon Aster said he and his sister met her lawyer and her mother."
    aster = Actor("Quillon Aster", "PERSON", "USA")
    assert genders(nlp(text), [mention(text, "Quillon Aster", aster)]) == {}


def test_famous_namesake_met_by_surname_yields_to_the_person_introduced(nlp):
    text = "Analyst Lisa Harris spoke to the council. Harris said the port would reopen."
    kamala = Actor("Kamala Harris", "PERSON", "USA", in_registry=True)
    lisa = Actor("Lisa Harris", "PERSON", None)
    found = [mention(text, "Lisa Harris", lisa),
             mention(text, "Harris", kamala, "registry", nth=1)]
    assert [m.actor for m in link_surnames(nlp(text), found)] == [lisa, lisa]


def test_two_word_surname_links_to_the_full_name(nlp):
    text = "Abir Al Basha opened a bakery in Lviv. Al Basha said business was good."
    abir = Actor("Abir Al Basha", "PERSON", None)
    found = [mention(text, "Abir Al Basha", abir),
             mention(text, "Al Basha", Actor("Al Basha", "PERSON", None), nth=1)]
    assert [m.actor for m in link_surnames(nlp(text), found)] == [abir, abir]


def test_pronouns_in_a_sentence_where_one_comes_before_the_name_tell_nothing(nlp):
    text = ("Quillon Aster said her door was locked. He told police he made Aster hide in "
            "his cellar. Later he said he drove Aster to his cabin in his truck.")
    aster = Actor("Quillon Aster", "PERSON", "USA")
    found = [mention(text, "Quillon Aster", aster), mention(text, "Aster", aster, nth=1),
             mention(text, "Aster", aster, nth=2)]
    assert genders(nlp(text), found) == {aster: FEMALE}
