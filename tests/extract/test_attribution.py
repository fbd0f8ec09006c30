"""Speaker resolution from a cue verb to an actor mention."""

from __future__ import annotations

import pytest

from pipeline.extract.attribution import Speakers
from pipeline.extract.nlp import english
from pipeline.extract.records import Actor, Mention

STARMER = Actor("Keir Starmer", "PERSON", "GBR")
MACRON = Actor("Emmanuel Macron", "PERSON", "FRA")


@pytest.fixture(scope="module")
def nlp():
    return english()


def attribute(nlp, text: str, cue: str, names: dict[str, Actor]):
    doc = nlp(text)
    mentions = [Mention(text.index(f), text.index(f) + len(f), f, a, "registry")
                for f, a in names.items()]
    verb = next(t for t in doc if t.text == cue)
    return Speakers(doc, mentions, []).attribute(verb)


def test_role_noun_resolves_to_person_introduced_with_that_title(nlp):
    text = ("Prime Minister Keir Starmer met Emmanuel Macron in Paris. "
            "The minister added that talks would go on.")
    found = attribute(nlp, text, "added", {"Keir Starmer": STARMER, "Emmanuel Macron": MACRON})
    assert found.speaker == STARMER
    assert text[found.speaker_start:found.speaker_end] == "The minister"


def test_relative_pronoun_resolves_to_its_antecedent(nlp):
    text = "Keir Starmer, who said the plan was sound, left early."
    assert attribute(nlp, text, "said", {"Keir Starmer": STARMER}).speaker == STARMER


def test_unknown_role_keeps_its_span_without_an_actor(nlp):
    text = "Keir Starmer arrived. A spokesperson said the meeting had ended."
    found = attribute(nlp, text, "said", {"Keir Starmer": STARMER})
    assert found.speaker is None
    assert text[found.speaker_start:found.speaker_end] == "A spokesperson"


NAFTOGAZ = Actor("Naftogaz", "ORG", "UKR")
DEFENCE_MINISTRY = Actor("Defence Ministry", "ORG", "RUS")


def test_it_resolves_to_the_organisation_that_was_the_subject(nlp):
    text = "Naftogaz cut gas supplies on Monday. It said repairs would take a week."
    found = attribute(nlp, text, "said", {"Naftogaz": NAFTOGAZ})
    assert found.speaker == NAFTOGAZ
    assert text[found.speaker_start:found.speaker_end] == "It"


def test_the_company_resolves_to_the_organisation_named_before(nlp):
    text = "Naftogaz raised prices in March. The company said demand had fallen."
    assert attribute(nlp, text, "said", {"Naftogaz": NAFTOGAZ}).speaker == NAFTOGAZ


NORTHERN_RAILWAY = Actor("Northern Prairie Railway", "ORG", None)


@pytest.mark.parametrize("text", [
    "Northern Prairie Railway cut its winter timetable. The railway said frost slows trains.",
    "A paper by Northern Prairie Railway covers frost. The paper said frost slows trains.",
])
def test_a_railway_and_its_paper_speak_for_the_railway_named_before(nlp, text):
    found = attribute(nlp, text, "said", {"Northern Prairie Railway": NORTHERN_RAILWAY})
    assert found.speaker == NORTHERN_RAILWAY


def test_it_without_an_organisation_stays_unknown(nlp):
    text = "Keir Starmer spoke on Monday. It said nothing new."
    assert attribute(nlp, text, "said", {"Keir Starmer": STARMER}).speaker is None


def test_statement_speaks_for_the_body_that_issued_it(nlp):
    text = "A statement from the Defence Ministry said the drills had ended."
    found = attribute(nlp, text, "said", {"Defence Ministry": DEFENCE_MINISTRY})
    assert found.speaker == DEFENCE_MINISTRY
    assert text[found.speaker_start:found.speaker_end].startswith("A statement")


@pytest.mark.parametrize("first", [
    "The talks went on, according to a readout issued by the Defence Ministry on Monday.",
    "The Defence Ministry said in a statement that the talks went on.",
    "The Defence Ministry released a statement on the talks.",
])
def test_the_statement_speaks_for_whoever_issued_the_document_before(nlp, first):
    text = first + " Officials met again. The statement added that the drills had ended."
    found = attribute(nlp, text, "added", {"Defence Ministry": DEFENCE_MINISTRY})
    assert found.speaker == DEFENCE_MINISTRY and found.method == "issuer"


def test_the_statement_with_no_document_before_speaks_for_no_one(nlp):
    text = "The Defence Ministry met the press. The statement added that the drills had ended."
    assert attribute(nlp, text, "added", {"Defence Ministry": DEFENCE_MINISTRY}).speaker is None


def test_he_is_who_spoke_in_the_sentence_before_not_the_last_man_named(nlp):
    names = {"Andrii Sybiha": Actor("Andrii Sybiha", "PERSON", "UKR"),
             "David Lammy": Actor("David Lammy", "PERSON", "GBR"),
             "Donald Trump": Actor("Donald Trump", "PERSON", "USA"),
             "Vladimir Putin": Actor("Vladimir Putin", "PERSON", "RUS")}
    text = ("Andrii Sybiha says he had a call with David Lammy before the meeting of "
            "Donald Trump and Vladimir Putin. He told reporters the two discussed more aid.")
    found = attribute(nlp, text, "told", names)
    assert found.speaker == names["Andrii Sybiha"] and found.method == "pronoun"


def test_telling_after_a_reported_clause_is_the_sayer_s(nlp):
    text = ("Keir Starmer said Emmanuel Macron kept his promise, telling reporters "
            "that the summit had been useful.")
    found = attribute(nlp, text, "telling", {"Keir Starmer": STARMER, "Emmanuel Macron": MACRON})
    assert found.speaker == STARMER


def test_he_prefers_who_spoke_to_who_acted_in_the_sentence_before(nlp):
    text = "Keir Starmer said Emmanuel Macron kept his promise. He told reporters it was a lot."
    found = attribute(nlp, text, "told", {"Keir Starmer": STARMER, "Emmanuel Macron": MACRON})
    assert found.speaker == STARMER


VARGA = Actor("Thomas Varga", "PERSON", "HUN")


def test_he_is_the_man_named_in_the_sentence_before_even_outside_subject_position(nlp):
    text = ("Keir Starmer announced that the summit went well. The new tariffs hurt farmers like "
            "Thomas Varga, 61. \u201cIt is hard,\u201d he said.")
    found = attribute(nlp, text, "said", {"Keir Starmer": STARMER, "Thomas Varga": VARGA})
    assert (found.speaker, found.method) == (VARGA, "pronoun")


def test_a_man_named_beside_an_earlier_he_does_not_take_over_the_chain(nlp):
    text = ("Keir Starmer announced that the summit went well. Unlike Thomas Varga, he has "
            "not visited the farms. \u201cIt is hard,\u201d he said.")
    found = attribute(nlp, text, "said", {"Keir Starmer": STARMER, "Thomas Varga": VARGA})
    assert found.speaker == STARMER


def test_her_statement_speaks_for_the_woman_her_stands_for(nlp):
    olga = Actor("Olga Stefanishyna", "PERSON", "UKR")
    text = ("Olga Stefanishyna met Keir Starmer in May, then resigned. "
            "\u201cWe kept our word,\u201d her statement said.")
    found = attribute(nlp, text, "said", {"Olga Stefanishyna": olga, "Keir Starmer": STARMER})
    assert (found.speaker, found.method) == (olga, "pronoun")
    assert text[found.speaker_start:found.speaker_end] == "her statement"


def test_its_report_speaks_for_the_body_it_stands_for(nlp):
    text = "Naftogaz cut gas supplies on Monday. Its report said repairs would take a week."
    found = attribute(nlp, text, "said", {"Naftogaz": NAFTOGAZ})
    assert found.speaker == NAFTOGAZ


def test_he_after_a_photo_caption_goes_on_with_the_man_before_the_picture(nlp):
    text = ("Keir Starmer announced that the summit went well.\n\nThomas Varga looks at his "
            "field near Szeged in 2020. ( Jane Roe / The Daily Star )\n\nThe tariffs drew "
            "attention. \u201cIt is hard,\u201d he says.")
    found = attribute(nlp, text, "says", {"Keir Starmer": STARMER, "Thomas Varga": VARGA})
    assert found.speaker == STARMER


def test_pronoun_skips_a_name_that_is_not_a_person(nlp):
    text = ("Taras Melnyk chairs the budget committee. Bill C-74 passed on Tuesday. "
            "He said the vote showed unity.")
    melnyk = Actor("Taras Melnyk", "PERSON", "UKR")
    bill = Actor("Bill C-74", "PERSON", None)
    found = attribute(nlp, text, "said", {"Taras Melnyk": melnyk, "Bill C-74": bill})
    assert found.speaker == melnyk


def test_pronoun_agrees_in_gender_with_its_antecedent(nlp):
    text = ("Olga Stefanishyna met Keir Starmer in Brussels. She said Kyiv was ready to sign.")
    olga = Actor("Olga Stefanishyna", "PERSON", "UKR")
    found = attribute(nlp, text, "said", {"Olga Stefanishyna": olga, "Keir Starmer": STARMER})
    assert found.speaker == olga


def test_someone_whose_hopes_are_reported_is_a_person_a_pronoun_can_stand_for(nlp):
    text = ("Taras Melnyk met the mayor on Monday. Quillon Aster hopes the bridge will reopen "
            "by spring. \u201cWe need it,\u201d he said.")
    aster = Actor("Quillon Aster", "PERSON", "UKR")
    melnyk = Actor("Taras Melnyk", "PERSON", "UKR")
    found = attribute(nlp, text, "said", {"Taras Melnyk": melnyk, "Quillon Aster": aster})
    assert found.speaker == aster


def test_pronoun_with_only_non_people_before_it_stays_unknown(nlp):
    text = "Bill C-74 passed on Tuesday after a long debate. He said the vote showed unity."
    bill = Actor("Bill C-74", "PERSON", None)
    found = attribute(nlp, text, "said", {"Bill C-74": bill})
    assert found.speaker is None
    assert text[found.speaker_start:found.speaker_end] == "He"


ROE = Actor("Jane Roe", "PERSON", "GBR")
DOE = Actor("John Doe", "PERSON", "GBR")
REUTERS = Actor("Reuters", "ORG", "GBR")


def test_a_person_in_apposition_to_the_speaker_noun_is_the_speaker(nlp):
    text = "John Doe opened the bakery in 2019. His partner, Jane Roe, said business was slow."
    found = attribute(nlp, text, "said", {"John Doe": DOE, "Jane Roe": ROE})
    assert (found.speaker, found.method) == (ROE, "apposition")


def test_a_person_named_inside_an_apposition_is_not_the_speaker(nlp):
    text = ("The baker, younger sister of John Doe of Mill Lane, said business was slow.")
    found = attribute(nlp, text, "said", {"John Doe": DOE})
    assert found.speaker != DOE


def test_a_trade_describes_the_person_the_text_follows(nlp):
    text = ("John Doe fixed the pipes on Mill Lane for twenty years. "
            "The 52-year-old plumber said the winter had been hard.")
    found = attribute(nlp, text, "said", {"John Doe": DOE})
    assert (found.speaker, found.method) == (DOE, "description")


def test_a_modified_definite_description_re_mentions_the_person_followed(nlp):
    text = ("John Doe has run the bakery on Mill Lane for twenty years. "
            "The genial owner said prices would rise.")
    found = attribute(nlp, text, "said", {"John Doe": DOE})
    assert (found.speaker, found.method) == (DOE, "description")


def test_a_description_goes_to_the_person_just_named_in_full_not_one_met_in_passing(nlp):
    text = ("Then there is John Doe, who like Roe learned to bake in Lyon. "
            "\u201cWe only use local flour,\u201d says the 52-year-old founder of the bakery.")
    found = attribute(nlp, text, "says", {"John Doe": DOE, "Roe": ROE})
    assert (found.speaker, found.method) == (DOE, "description")


def test_who_is_quoted_as_saying_something_says_it(nlp):
    text = "Prices will rise, John Doe was quoted as saying in the bakery's newsletter."
    assert attribute(nlp, text, "saying", {"John Doe": DOE}).speaker == DOE


def test_a_closing_quotation_mark_is_never_the_speaker(nlp):
    text = ("John Doe opened the bakery in 2019. \u201cWe bake at night,\u2019\u2019 says the "
            "cheerful owner of the bakery.")
    found = attribute(nlp, text, "says", {"John Doe": DOE})
    assert text[found.speaker_start:found.speaker_end].startswith("the cheerful owner")


@pytest.mark.parametrize("speaker", ["The senior official", "The new report", "The owner"])
def test_anonymous_sources_things_and_bare_nouns_describe_no_one_named(nlp, speaker):
    text = f"John Doe has run the bakery for twenty years. {speaker} said prices would rise."
    assert attribute(nlp, text, "said", {"John Doe": DOE}).speaker is None


def test_each_speaker_says_how_it_was_found(nlp):
    text = "John Doe arrived late. He said the talks had ended."
    found = attribute(nlp, text, "said", {"John Doe": DOE})
    assert (found.speaker, found.method) == (DOE, "pronoun")
    found = attribute(nlp, "John Doe said the talks had ended.", "said", {"John Doe": DOE})
    assert found.method == "syntax"


def test_the_head_of_a_country_s_delegation_is_its_person_named_last(nlp):
    text = ("Emmanuel Macron met Keir Starmer in Geneva on Wednesday. More talks will follow "
            "soon, the head of the British delegation added.")
    found = attribute(nlp, text, "added", {"Emmanuel Macron": MACRON, "Keir Starmer": STARMER})
    assert (found.speaker, found.method) == (STARMER, "role")


def test_a_sayer_between_the_closing_quote_and_the_cue_is_the_speaker(nlp):
    text = ("Joint talks between British, French, and German delegations in Paris have been "
            "“tense, but useful,” London’s chief negotiator, Keir Starmer, said after the final "
            "session of the consultations ended.")
    found = attribute(nlp, text, "said", {"Keir Starmer": STARMER})
    assert found.speaker == STARMER
    assert text[found.speaker_start:found.speaker_end] == "London’s chief negotiator, Keir Starmer"


def test_a_he_said_goes_on_with_the_he_who_spoke_before_it(nlp):
    scholz = Actor("Olaf Scholz", "PERSON", "DEU")
    names = {"Keir Starmer": STARMER, "Emmanuel Macron": MACRON, "Olaf Scholz": scholz}
    text = ("Keir Starmer spoke in London on Monday. He said the plan, drafted by his friends "
            "Emmanuel Macron and Olaf Scholz, would work. \u201cIt is a good plan,\u201d he "
            "said.")
    doc = nlp(text)
    mentions = [Mention(text.index(f), text.index(f) + len(f), f, a, "registry")
                for f, a in names.items()]
    speakers = Speakers(doc, mentions, [(text.index("\u201c"), text.index("\u201d") + 1)])
    first, second = (t for t in doc if t.text == "said")
    assert speakers.attribute(first).speaker == STARMER
    assert speakers.attribute(second).speaker == STARMER


def test_a_name_the_parser_cut_off_after_a_subhead_is_the_cue_s_subject(nlp):
    text = "Language as a priority\n\nStarmer said he is ready."
    doc = nlp(text)
    start = text.index("Starmer")
    speakers = Speakers(doc, [Mention(start, start + 7, "Starmer", STARMER, "surname")], [])
    assert speakers.attribute(next(t for t in doc if t.text == "said")).speaker == STARMER


def test_a_dateline_before_the_sayer_is_not_the_sayer(nlp):
    text = "LONDON, Feb 3 (Reuters) - Keir Starmer said on Tuesday that the talks would go on."
    assert attribute(nlp, text, "said", {"Keir Starmer": STARMER}).speaker == STARMER


def test_a_news_agency_quoting_a_source_is_not_the_speaker(nlp):
    text = "Reuters quoted John Doe as saying that the ceasefire would not hold."
    found = attribute(nlp, text, "saying", {"John Doe": DOE, "Reuters": REUTERS})
    assert found.speaker == DOE


@pytest.mark.parametrize("text", [
    "The Defence Ministry issued a statement saying the drills had ended.",
    "The Defence Ministry released a letter urging calm in the region.",
])
def test_a_document_saying_something_speaks_for_whoever_issued_it(nlp, text):
    cue = "saying" if "saying" in text else "urging"
    found = attribute(nlp, text, cue, {"Defence Ministry": DEFENCE_MINISTRY})
    assert found.speaker == DEFENCE_MINISTRY


@pytest.mark.parametrize(("text", "cue"), [
    ("Keir Starmer won the vote by telling voters that prices would fall.", "telling"),
    ("Keir Starmer praised the deal before noting that talks would go on.", "noting"),
    ("Keir Starmer won not by boasting, but by telling voters that prices would fall.",
     "telling"),
])
def test_a_gerund_after_a_preposition_shares_the_verb_s_subject(nlp, text, cue):
    assert attribute(nlp, text, cue, {"Keir Starmer": STARMER}).speaker == STARMER


@pytest.mark.parametrize("text", [
    "Keir Starmer repeated his claim that the talks had stalled.",
    "Keir Starmer's claim that the talks had stalled was denied.",
    "The claim by Keir Starmer that the talks had stalled was denied.",
])
def test_a_claim_noun_speaks_for_its_owner_author_or_whoever_made_it(nlp, text):
    assert attribute(nlp, text, "claim", {"Keir Starmer": STARMER}).speaker == STARMER


def test_a_cue_parsed_as_modifying_the_name_before_it_is_that_name_s(nlp):
    text = "South Dakota Sen. John Doe, a member of the Senate leadership, called on him to go."
    assert attribute(nlp, text, "called", {"John Doe": DOE}).speaker == DOE


def test_the_statement_after_a_body_s_words_is_that_body_s(nlp):
    text = ("The Defence Ministry said the drills had ended. "
            "The statement added that the troops would return to base.")
    found = attribute(nlp, text, "added", {"Defence Ministry": DEFENCE_MINISTRY})
    assert found.speaker == DEFENCE_MINISTRY


def test_the_statement_after_a_person_s_words_speaks_for_no_one(nlp):
    text = "John Doe said the drills had ended. The statement added that the troops would return."
    assert attribute(nlp, text, "added", {"John Doe": DOE}).speaker is None
