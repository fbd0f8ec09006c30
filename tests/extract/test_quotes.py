"""Behaviour of find_quotes on short news-style texts, one construction per test."""

from __future__ import annotations

import pytest

from pipeline.extract.nlp import english
from pipeline.extract.quotes import find_quotes
from pipeline.extract.records import Actor, Mention, Quote

STARMER = Actor("Keir Starmer", "PERSON", "GBR")
GLEES = Actor("Anthony Glees", "PERSON", "GBR")
TRUMP = Actor("Donald Trump", "PERSON", "USA")
ZELENSKY = Actor("Volodymyr Zelensky", "PERSON", "UKR")
KREMLIN = Actor("Kremlin", "ORG", "RUS")
UKRAINE = Actor("Ukraine", "GPE", "UKR")
REUTERS = Actor("Reuters", "ORG", "GBR")
LIB_DEMS = Actor("Liberal Democrats", "ORG", "GBR")
KOVALENKO = Actor("Olena Kovalenko", "PERSON", "UKR")
MARCHENKO = Actor("Petro Marchenko", "PERSON", "UKR")


@pytest.fixture(scope="module")
def nlp():
    return english()


def mentions_of(text: str, names: dict[str, Actor]) -> list[Mention]:
    """Every occurrence of each surface form, as the actor extractor would report it."""
    found = []
    for form, actor in names.items():
        start = text.find(form)
        while start != -1:
            found.append(Mention(start, start + len(form), form, actor, "registry"))
            start = text.find(form, start + 1)
    return found


def run(nlp, text: str, names: dict[str, Actor], kinds=("direct", "partial")) -> list[Quote]:
    quotes = find_quotes(nlp(text), mentions_of(text, names))
    for q in quotes:
        assert q.text == text[q.start:q.end]
        if q.speaker_start is not None:
            assert q.speaker_text == text[q.speaker_start:q.speaker_end]
    return [q for q in quotes if q.kind in kinds]


def test_said_before_with_colon(nlp):
    text = "Keir Starmer said: “We will not walk away from Ukraine.”"
    [q] = run(nlp, text, {"Keir Starmer": STARMER})
    assert (q.text, q.kind, q.cue, q.speaker) == (
        "We will not walk away from Ukraine.", "direct", "said", STARMER)
    assert q.speaker_text == "Keir Starmer"


def test_said_after(nlp):
    text = "“The talks were constructive,” Zelensky said on Friday."
    [q] = run(nlp, text, {"Zelensky": ZELENSKY})
    assert (q.text, q.cue, q.speaker) == ("The talks were constructive,", "said", ZELENSKY)


def test_said_x_inversion(nlp):
    text = "“There is no deal yet,” said Donald Trump, speaking at the White House."
    [q] = run(nlp, text, {"Donald Trump": TRUMP})
    assert (q.cue, q.speaker) == ("said", TRUMP)


def test_told_reporters(nlp):
    text = "Trump told reporters: “Russia wants to make a deal and time is running out.”"
    [q] = run(nlp, text, {"Trump": TRUMP})
    assert (q.cue, q.speaker, q.kind) == ("told", TRUMP, "direct")


def test_according_to(nlp):
    text = "“The ceasefire must come first,” according to Volodymyr Zelensky."
    [q] = run(nlp, text, {"Volodymyr Zelensky": ZELENSKY})
    assert (q.cue, q.speaker) == ("according to", ZELENSKY)


def test_fragment_is_partial_with_governing_cue(nlp):
    text = "Professor Anthony Glees described the decision as “bizarre” on Sunday."
    [q] = run(nlp, text, {"Anthony Glees": GLEES})
    assert (q.text, q.kind, q.cue, q.speaker) == ("bizarre", "partial", "described", GLEES)


def test_multi_paragraph_quote_is_one_span(nlp):
    text = (
        "Anthony Glees said: “Europe has been left outside the room.\n"
        "“That is a failure of diplomacy on every side.”\n"
        "Talks resume next week."
    )
    [q] = run(nlp, text, {"Anthony Glees": GLEES})
    assert q.text == ("Europe has been left outside the room.\n"
                      "“That is a failure of diplomacy on every side.")
    assert q.speaker == GLEES


def test_interrupted_quote_gives_two_quotes_with_one_speaker(nlp):
    text = "“We did not get there,” Starmer said, “but we are closer than ever before.”"
    first, second = run(nlp, text, {"Starmer": STARMER})
    assert first.text == "We did not get there,"
    assert second.text == "but we are closer than ever before."
    assert first.speaker == second.speaker == STARMER
    assert first.cue == second.cue == "said"


def test_guillemets(nlp):
    text = "The Kremlin said: «Moscow is ready to continue the negotiations in Istanbul.»"
    [q] = run(nlp, text, {"Kremlin": KREMLIN})
    assert (q.text, q.speaker) == (
        "Moscow is ready to continue the negotiations in Istanbul.", KREMLIN)


def test_apostrophes_are_not_quote_marks(nlp):
    text = "Russia’s envoys didn’t attend, and the Europeans’ plan was shelved by Ukraine’s allies."
    assert run(nlp, text, {}) == []


def test_single_curly_quotes_as_quotation_marks(nlp):
    text = "Starmer said the plan was ‘the only way forward’ for Europe’s security."
    [q] = run(nlp, text, {"Starmer": STARMER})
    assert (q.text, q.kind, q.speaker) == ("the only way forward", "partial", STARMER)


def test_scare_quote_is_excluded(nlp):
    text = "Starmer’s ‘coalition of the willing’ has been frozen out of the talks in Geneva."
    assert run(nlp, text, {"Starmer": STARMER}) == []


def test_pronoun_speaker_resolves_to_latest_subject(nlp):
    text = (
        "Anthony Glees, an expert on security, was scathing about the summit with Trump.\n"
        "He said: “This is the last thing Europe needed.”"
    )
    [q] = run(nlp, text, {"Anthony Glees": GLEES, "Trump": TRUMP})
    assert (q.speaker, q.speaker_text, q.cue) == (GLEES, "He", "said")


def test_paragraph_quote_continues_known_speaker(nlp):
    text = (
        "“We are not there yet,” Glees said.\n"
        "“Europe still has cards to play in these talks.”"
    )
    first, second = run(nlp, text, {"Glees": GLEES})
    assert second.speaker == first.speaker == GLEES
    assert second.cue == "said"


def test_unnamed_speaker_stays_none(nlp):
    text = (
        "Donald Trump met Volodymyr Zelensky in Washington.\n"
        "“Many homes were destroyed in the night,” said a local official in Kyiv."
    )
    [q] = run(nlp, text, {"Donald Trump": TRUMP, "Volodymyr Zelensky": ZELENSKY})
    assert q.speaker is None
    assert q.speaker_text == "a local official in Kyiv"
    assert q.cue == "said"


def test_indirect_speech_is_the_reported_clause(nlp):
    text = "Trump has suggested that a peace deal would require Ukraine to give up territory."
    [q] = run(nlp, text, {"Trump": TRUMP}, kinds=("indirect",))
    assert q.text == "a peace deal would require Ukraine to give up territory"
    assert (q.cue, q.speaker) == ("suggested", TRUMP)


def test_mixed_indirect_clause_keeps_the_quoted_fragment_too(nlp):
    text = ("Zelensky warned that such concessions would serve as a "
            "“springboard for a new offensive”.")
    quotes = run(nlp, text, {"Zelensky": ZELENSKY}, kinds=("indirect", "partial"))
    assert {q.kind: q.text for q in quotes} == {
        "indirect": "such concessions would serve as a “springboard for a new offensive”",
        "partial": "springboard for a new offensive",
    }
    assert all(q.speaker == ZELENSKY for q in quotes)


def test_a_belief_is_kept_apart_from_reported_speech(nlp):
    text = ("Olena Kovalenko believes the ceasefire will hold. "
            "Petro Marchenko said the ceasefire would collapse.")
    names = {"Olena Kovalenko": KOVALENKO, "Petro Marchenko": MARCHENKO}
    quotes = run(nlp, text, names, kinds=("indirect", "belief"))
    assert {(q.kind, q.speaker, q.text) for q in quotes} == {
        ("belief", KOVALENKO, "the ceasefire will hold"),
        ("indirect", MARCHENKO, "the ceasefire would collapse"),
    }


def test_a_finding_is_reported_content_and_a_feared_outcome_a_stance(nlp):
    text = ("A new poll shows Zelensky with a clear lead. "
            "Kyiv's fears that the ceasefire would collapse grew.")
    quotes = run(nlp, text, {"Zelensky": ZELENSKY}, kinds=("indirect", "belief"))
    assert {(q.kind, q.cue, q.text) for q in quotes} == {
        ("indirect", "shows", "Zelensky with a clear lead"),
        ("belief", "fears", "the ceasefire would collapse"),
    }
    assert [q.speaker_text for q in quotes if q.kind == "indirect"] == ["A new poll"]


def test_claim_stated_in_a_that_clause_is_a_quote_without_a_speaker(nlp):
    text = ("The announcement that the summit was off came late. "
            "It was announced that the delegations would meet again. "
            "Threats to walk out of the talks grew.")
    quotes = run(nlp, text, {}, kinds=("indirect",))
    assert [(q.text, q.speaker_kind) for q in quotes] == [
        ("the summit was off", "unattributed"),
        ("the delegations would meet again", "unattributed"),
    ]


def test_words_quoted_under_an_agreement_to_act_are_the_outer_speaker_s(nlp):
    text = ("Keir Starmer suggested that Trump and Zelensky have agreed to provide "
            "“robust guarantees” for Ukraine.")
    [q] = run(nlp, text, {"Keir Starmer": STARMER, "Zelensky": ZELENSKY}, kinds=("partial",))
    assert (q.text, q.cue, q.speaker) == ("robust guarantees", "suggested", STARMER)


def test_he_after_a_long_quote_is_who_spoke_before_it_not_whom_he_spoke_of(nlp):
    text = ("Keir Starmer said Donald Trump kept his word on the pause, telling reporters "
            "it had held.\n\n“It was a week. No, he kept it. We will take anything,” he said.")
    names = {"Keir Starmer": STARMER, "Donald Trump": TRUMP}
    [q] = run(nlp, text, names, kinds=("direct",))
    assert q.speaker == STARMER


def test_a_he_after_a_colon_framed_quote_goes_on_with_its_speaker(nlp):
    text = ("Keir Starmer says the rules are old. Petro Marchenko is more blunt: “The rules "
            "failed.”\n\nA new chapter\n\nHe says the ministry ignored the warnings, and "
            "that it will pay for it.")
    names = {"Keir Starmer": STARMER, "Petro Marchenko": MARCHENKO}
    quotes = run(nlp, text, names, kinds=("indirect",))
    assert [q.speaker for q in quotes if q.text.startswith("the ministry")] == [MARCHENKO]


def test_a_cue_in_a_relative_clause_before_a_colon_does_not_take_the_quote(nlp):
    text = ("“I am unhappy,” Trump said, before announcing the “big news” the Kremlin had "
            "promised for Monday: “We will be doing tariffs if we have no deal.”")
    names = {"Trump": TRUMP, "Kremlin": KREMLIN}
    quotes = run(nlp, text, names, kinds=("direct",))
    assert [q.speaker for q in quotes] == [TRUMP, TRUMP]


def test_a_body_urging_in_a_with_phrase_is_the_speaker(nlp):
    text = ("The plan drew wide criticism, with the Lib Dems urging the government to "
            "“hold firm” on sanctions.")
    [q] = run(nlp, text, {"Lib Dems": LIB_DEMS}, kinds=("partial",))
    assert (q.text, q.cue, q.speaker) == ("hold firm", "urging", LIB_DEMS)


def test_hailing_reports_words(nlp):
    [q] = run(nlp, "Zelensky hails “productive” talks in Geneva.", {"Zelensky": ZELENSKY})
    assert (q.text, q.cue, q.speaker) == ("productive", "hails", ZELENSKY)


@pytest.mark.parametrize("name", ["Geneva Declaration", "Coalition of the Willing"])
def test_a_quoted_name_in_title_case_is_no_quote(nlp, name):
    text = f"Zelensky said the “{name}” would protect Ukraine."
    assert run(nlp, text, {"Zelensky": ZELENSKY}) == []


def test_a_quoted_phrase_in_lower_case_beside_a_name_is_still_a_quote(nlp):
    text = "Zelensky called the Geneva plan “deeply troubling” on Monday."
    [q] = run(nlp, text, {"Zelensky": ZELENSKY})
    assert (q.kind, q.text) == ("partial", "deeply troubling")


def test_direct_quote_is_not_repeated_as_indirect(nlp):
    text = "He said, “We cannot allow any divisions in the alliance.”"
    kinds = ("direct", "partial", "indirect")
    assert [q.kind for q in run(nlp, text, {}, kinds=kinds)] == ["direct"]


def test_clause_reached_from_two_cues_is_one_quote_by_the_known_speaker(nlp):
    text = "Kyiv confirmed, according to Reuters, that the convoy had reached Kharkiv."
    quotes = run(nlp, text, {"Reuters": REUTERS}, kinds=("indirect",))
    assert len({(q.start, q.end) for q in quotes}) == len(quotes)
    [q] = [q for q in quotes if q.text == "the convoy had reached Kharkiv"]
    assert (q.cue, q.speaker) == ("according to", REUTERS)


def test_clause_reached_from_two_cues_keeps_the_first_cue_on_a_tie(nlp):
    text = "Kyiv confirmed, according to Reuters, that the convoy had reached Kharkiv."
    quotes = run(nlp, text, {"Kyiv": UKRAINE, "Reuters": REUTERS}, kinds=("indirect",))
    [q] = [q for q in quotes if q.text == "the convoy had reached Kharkiv"]
    assert (q.cue, q.speaker) == ("confirmed", UKRAINE)


def test_speaker_text_keeps_the_description_after_the_name(nlp):
    text = "Olena Kovalenko, a professor at Kyiv University, said the talks had stalled."
    [q] = run(nlp, text, {"Olena Kovalenko": KOVALENKO}, kinds=("indirect",))
    assert q.speaker == KOVALENKO
    assert q.speaker_text == "Olena Kovalenko, a professor at Kyiv University"


def test_surname_alone_resolves_to_the_person_named_in_full(nlp):
    text = ("Olena Kovalenko chairs the city council.\n"
            "“We will rebuild the bridge by spring,” Kovalenko told reporters.")
    mentions = mentions_of(text, {"Olena Kovalenko": KOVALENKO})
    [q] = [q for q in find_quotes(nlp(text), mentions) if q.kind == "direct"]
    assert (q.speaker, q.speaker_text) == (KOVALENKO, "Kovalenko")


def test_she_skips_the_man_named_last(nlp):
    text = ("Olena Kovalenko chairs the city council. Petro Marchenko runs the port.\n"
            "“We will rebuild the bridge by spring,” she said.")
    [q] = run(nlp, text, {"Olena Kovalenko": KOVALENKO, "Petro Marchenko": MARCHENKO})
    assert (q.speaker, q.speaker_text) == (KOVALENKO, "she")


def test_quote_without_cue_continues_the_speaker_of_the_reported_sentence_before(nlp):
    text = ("Petro Marchenko said the convoy had reached Kharkiv. "
            "“It arrived before dawn and nobody was hurt.”")
    [q] = run(nlp, text, {"Petro Marchenko": MARCHENKO})
    assert (q.text, q.kind, q.speaker) == (
        "It arrived before dawn and nobody was hurt.", "direct", MARCHENKO)


def test_cueless_quote_paragraph_goes_to_the_person_the_paragraph_before_follows(nlp):
    text = ("Olena Kovalenko lost her shop when the shelling began.\n\n"
            "“It took me a year to start again and I still cannot sleep at night.”")
    (quote,) = run(nlp, text, {"Olena Kovalenko": KOVALENKO})
    assert quote.speaker == KOVALENKO


def test_cueless_quote_paragraph_after_two_people_stays_unknown(nlp):
    text = ("Olena Kovalenko met Petro Marchenko when the shelling began.\n\n"
            "“It took me a year to start again and I still cannot sleep at night.”")
    (quote,) = run(nlp, text, {"Olena Kovalenko": KOVALENKO, "Petro Marchenko": MARCHENKO})
    assert quote.speaker is None


@pytest.mark.parametrize(("text", "kind", "speaker_text"), [
    ("Keir Starmer said: “We will not be rushed into a bad deal.”", "named", "Keir Starmer"),
    ("“We will not be rushed into a bad deal,” a senior Kremlin official told reporters.",
     "described", "a senior Kremlin official"),
    ("“We will not be rushed into a bad deal,” he said.", "unattributed", "he"),
    ("Fog covered the city.\n\n“We will not be rushed into a bad deal, whatever happens.”",
     "unattributed", None),
])
def test_each_quote_says_whether_its_speaker_is_named_described_or_unattributed(
        nlp, text, kind, speaker_text):
    (quote,) = find_quotes(nlp(text), mentions_of(text, {"Keir Starmer": STARMER}))
    assert (quote.speaker_kind, quote.speaker_text) == (kind, speaker_text)
    assert (quote.attribution is None) == (speaker_text is None)


def test_a_list_of_quoted_terms_names_words_and_reports_no_speech(nlp):
    text = ("Olena Kovalenko said the glossary drops \u201cescalate,\u201d \u201cred line,\u201d "
            "\u201cfrozen\u201d and \u201cpivot.\u201d "
            "\u201cThey mean nothing now,\u201d she said.")
    quotes = run(nlp, text, {"Olena Kovalenko": KOVALENKO})
    assert [q.text for q in quotes] == ["They mean nothing now,"]
    assert quotes[0].speaker == KOVALENKO


def test_two_quoted_words_are_not_a_list(nlp):
    text = "Olena Kovalenko called the plan \u201cbold\u201d and \u201cfair.\u201d"
    assert len(run(nlp, text, {"Olena Kovalenko": KOVALENKO})) == 2


KOVAC = Actor("Marta Kovac", "PERSON", "HRV")


def test_clause_framing_a_full_quotation_holds_it_as_a_fragment(nlp):
    text = ("Marta Kovac said that the message to anyone who meddles is, "
            "“You will be held accountable.”")
    quotes = run(nlp, text, {"Marta Kovac": KOVAC}, kinds=("direct", "partial", "indirect"))
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("indirect", "the message to anyone who meddles is, “You will be held accountable.”",
         KOVAC),
        ("partial", "You will be held accountable.", KOVAC),
    ]


def test_quotation_with_its_own_cue_inside_a_clause_stays_its_speaker_s(nlp):
    text = "Marta Kovac said she heard the students shout, “Build the bridge!”"
    quotes = run(nlp, text, {"Marta Kovac": KOVAC}, kinds=("direct", "indirect"))
    assert [(q.kind, q.speaker_text) for q in quotes] == [
        ("indirect", "Marta Kovac"), ("direct", "the students")]


def test_reported_clause_runs_through_the_quotation_it_opens(nlp):
    text = "Marta Kovac said the plan was “a start. We will do more next year.” The council met."
    [q] = run(nlp, text, {"Marta Kovac": KOVAC}, kinds=("indirect",))
    assert q.text == "the plan was “a start. We will do more next year.”"


def test_topic_of_a_noun_inside_reported_words_is_not_a_quote_of_its_own(nlp):
    text = "Marta Kovac said his comments about the treaty were misunderstood."
    quotes = run(nlp, text, {"Marta Kovac": KOVAC}, kinds=("indirect",))
    assert [(q.cue, q.text) for q in quotes] == [
        ("said", "his comments about the treaty were misunderstood")]


def test_source_named_last_in_its_sentence_is_the_speaker(nlp):
    text = "The ministry spent twice its budget on the bridge, audit records show."
    [q] = run(nlp, text, {}, kinds=("indirect",))
    assert (q.cue, q.speaker_text, q.speaker_kind) == ("show", "audit records", "described")
