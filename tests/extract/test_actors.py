"""Actor mentions: registry names, NER repairs, in-article resolution, roles by date."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.actors import find_mentions
from pipeline.extract.nlp import english
from pipeline.extract.records import Mention
from pipeline.extract.registry import load_registry

FEB_2026 = dt.date(2026, 2, 15)


@pytest.fixture(scope="module")
def nlp():
    return english()


@pytest.fixture(scope="module")
def mentions(nlp):
    def run(text: str, published: dt.date | None = FEB_2026, **kwargs) -> list[Mention]:
        return find_mentions(nlp(text), published, **kwargs)
    return run


def names(found: list[Mention]) -> set[str]:
    return {m.actor.name for m in found}


def actor_of(found: list[Mention], text: str) -> str | None:
    return next((m.actor.name for m in found if m.text == text), None)


def test_mentions_are_exact_sorted_and_unique(mentions):
    text = "Zelensky met Starmer in London, and Kyiv thanked Britain for its support."
    found = mentions(text)
    assert all(text[m.start:m.end] == m.text for m in found)
    assert found == sorted(found, key=lambda m: (m.start, m.end))
    assert len({(m.start, m.end) for m in found}) == len(found)


@pytest.mark.parametrize("spelling", ["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii"])
def test_spelling_variants_share_one_canonical_name(mentions, spelling):
    found = mentions(f"President {spelling} said Ukraine would not give up land.")
    assert actor_of(found, spelling) == "Volodymyr Zelensky"


def test_registry_actor_carries_type_country_and_flag(mentions):
    (peskov,) = [m for m in mentions("Dmitry Peskov spoke to reporters.")
                 if m.actor.name == "Dmitry Peskov"]
    assert (peskov.actor.type, peskov.actor.country, peskov.actor.in_registry) == (
        "PERSON", "RUS", True)
    assert peskov.method == "registry"


def test_possessives_and_titles_stay_outside_the_name(mentions):
    found = mentions("Donald Trump’s envoy met Sir Keir Starmer's aides and Prof Anthony Glees.")
    texts = {m.text for m in found}
    assert "Donald Trump" in texts and "Donald Trump’s" not in texts
    assert actor_of(found, "Sir Keir Starmer") == "Keir Starmer"
    assert actor_of(found, "Anthony Glees") == "Anthony Glees"


def test_surname_resolves_to_full_name_introduced_earlier(mentions):
    found = mentions("Professor Anthony Glees, of the University of Buckingham, spoke on "
                     "Friday. Glees said Europe had been sidelined.")
    assert actor_of(found, "Glees") == "Anthony Glees"
    assert "University of Buckingham" in names(found)


def test_typo_of_a_known_name_is_resolved(mentions):
    found = mentions("The US leader has criticised Ukrainian president Volodmyr Zelensky "
                     "again.")
    assert actor_of(found, "Volodmyr Zelensky") == "Volodymyr Zelensky"
    assert any(m.method == "fuzzy" for m in found)


def test_unknown_person_gets_name_from_the_article(mentions):
    found = mentions("Maria Kovalenko, a lawyer in Odesa, said the deal was unfair. "
                     "Kovalenko added that few believed it.")
    people = {m.text: m.actor for m in found if m.actor.type == "PERSON"}
    assert people["Kovalenko"].name == "Maria Kovalenko"
    assert not people["Maria Kovalenko"].in_registry


def test_another_person_sharing_a_registry_surname_is_not_confused(mentions):
    found = mentions("Hunter Biden was not part of the delegation.")
    assert "Joe Biden" not in names(found)
    assert "Hunter Biden" in names(found)


def test_unnamed_people_and_demonyms_are_not_actors(mentions):
    found = mentions("A Ukrainian official said a Russian diplomat had left early.")
    assert found == []


@pytest.mark.parametrize(("published", "president"), [
    (dt.date(2023, 6, 1), "Joe Biden"),
    (dt.date(2025, 6, 1), "Donald Trump"),
])
def test_roles_resolve_to_the_office_holder_on_the_publication_date(
        mentions, published, president):
    found = mentions("Joe Biden and Donald Trump both spoke. The US president said aid "
                     "would continue.", published)
    assert actor_of(found, "US president") == president


def test_roles_resolve_from_titles_given_in_the_article(mentions):
    found = mentions("UK Prime Minister Keir Starmer spoke on Sunday. The prime minister "
                     "added that talks would follow.", dt.date(2025, 2, 17))
    assert actor_of(found, "prime minister") == "Keir Starmer"


def test_a_role_of_one_country_is_not_the_same_role_of_another(mentions):
    text = ("The head of the Ukrainian delegation, Rustem Umerov, spoke to reporters in Geneva. "
            "Later, the head of the Russian delegation said the next round would be held in May.")
    second = text.index("the head of the Russian")
    umerov = [m for m in mentions(text, dt.date(2026, 2, 18)) if m.actor.name == "Rustem Umerov"]
    assert umerov and all(m.start < second for m in umerov)


def test_role_of_a_person_the_article_never_names_is_not_an_actor(mentions):
    text = "The Kremlin spokesman said the talks would go ahead."
    assert "Dmitry Peskov" not in names(mentions(text))
    assert "Dmitry Peskov" in names(mentions(text, unnamed_roles=True))


def test_capital_used_as_metonym_is_its_country(mentions):
    found = mentions("Moscow rejected the proposal, and Kyiv said it was ready to talk.")
    assert actor_of(found, "Moscow") == "Russia"
    assert actor_of(found, "Kyiv") == "Ukraine"


def test_places_that_are_only_a_setting_are_not_actors(mentions):
    found = mentions("The envoys will travel to Saudi Arabia, and Trump spoke at the White "
                     "House.")
    assert "Saudi Arabia" not in names(found)
    assert "White House" not in names(found)
    assert "White House" in names(mentions("The White House announced new sanctions."))


def test_a_country_something_is_given_or_directed_to_is_an_actor(mentions):
    assert "Ukraine" in names(mentions("Germany provided military aid to Ukraine."))
    assert "Saudi Arabia" in names(mentions("Zelensky defended his visit to Saudi Arabia."))


def test_a_given_name_that_is_a_country_s_opens_a_person_s_name(mentions):
    found = mentions("The captain, Jordan Stewart, said the team would win. Stewart smiled.")
    assert names(found) >= {"Jordan Stewart"} and "Jordan" not in names(found)
    assert "Jordan" in names(mentions("Jordan's King Abdullah met Keir Starmer in London."))


def test_a_nickname_in_quotation_marks_is_not_part_of_the_name(mentions):
    found = mentions("Guitarist Brian \u201cBuzz\u201d Keller told reporters the tour was over.")
    assert names(found) == {"Brian Keller"}


def test_a_country_refuge_is_sought_in_is_an_actor(mentions):
    assert "Poland" in names(mentions("Thousands of Belarusians sought refuge in Poland."))
    assert "Poland" not in names(mentions("Thousands of Belarusians gathered in Poland."))


def test_outlets_are_actors_only_when_they_report(mentions):
    assert "Reuters" in names(mentions("Reuters reported that the talks had stalled."))
    assert "Reuters" not in names(mentions("Zelensky told Reuters he was hopeful."))


def test_registry_lists_offices_with_dates():
    registry = load_registry()
    assert [e.name for e in registry.holders("prime_minister", dt.date(2024, 1, 1),
                                             {"GBR"})] == ["Rishi Sunak"]
    assert registry.by_alias("Medinskiy").name == "Vladimir Medinsky"
    assert registry.by_alias("Venezuela").actor.country == "VEN"


def test_given_name_makes_a_person_of_a_name_the_model_missed_or_mislabelled(mentions):
    found = mentions("Organizer Dwayne Croteau said the convoy would leave at dawn, "
                     "and Amanda Nunes told reporters she would join it.")
    assert {"Dwayne Croteau", "Amanda Nunes"} <= names(found)
    assert all(m.actor.type == "PERSON" for m in found if m.actor.name in
               ("Dwayne Croteau", "Amanda Nunes"))


def test_given_name_before_a_place_or_body_word_is_no_person(mentions):
    found = mentions("Crowds gathered on Victoria Street near the Jordan Valley Hospital.")
    assert not any(m.actor.type == "PERSON" for m in found)


def test_relative_named_later_does_not_capture_the_surname(mentions):
    text = ("Mykola Hrytsenko, the mayor of Sumy, met the envoys on Monday. His son, Denys "
            "Hrytsenko, serves in the army. Hrytsenko said the city needed more air defence.")
    found = mentions(text)
    last = max((m for m in found if m.text == "Hrytsenko"), key=lambda m: m.start)
    assert last.actor.name == "Mykola Hrytsenko"


# --- actor hygiene: what the model takes for a name and is not one ----------------------


def test_the_first_word_of_a_title_is_no_actor(mentions):
    found = mentions("The delegation is led by Defense Minister Halyna Bondar, officials said.")
    assert "Defense" not in names(found)


def test_a_lone_name_modifying_a_common_noun_is_no_person(mentions):
    found = mentions("Kyiv asked for more Patriot missiles after the Dnipro orphanage was hit.")
    assert not names(found) & {"Patriot", "Dnipro"}


def test_a_name_never_holds_half_a_bracket(mentions):
    found = mentions("The Office of Naval Research (ONR) said on Monday it had cut funding, "
                     "and “he fooled [Bill] Morrow,” the envoy said.")
    assert all(m.text.count("(") == m.text.count(")") for m in found)
    assert all("[" not in m.text and "]" not in m.text for m in found)


def test_an_organisation_found_only_as_a_venue_is_where_not_who(mentions):
    found = mentions("The envoys met at the Mariinsky Palace Office on Friday.")
    assert "Mariinsky Palace Office" not in names(found)


def test_a_small_town_named_like_a_person_does_not_unmake_the_person(mentions):
    found = mentions("Lindsay said the shelter was full. Lindsay added that more beds were "
                     "needed.")
    assert "Lindsay" in names(found)


def test_a_capital_is_its_government_only_when_it_acts(mentions):
    assert "France" not in names(mentions("The Paris summit ended without a statement."))
    assert "France" in names(mentions("Paris said the summit had ended without a statement."))


def test_credits_and_names_an_editor_inserted_are_no_actors(mentions):
    found = mentions("The photo was released by the Regional Press Service/Handout. "
                     "“He fooled [Barak] Obama,” she said.")
    assert not {n for n in names(found) if "Handout" in n or n == "Barak"}


def test_a_name_the_scrape_cut_off_at_the_end_of_the_text_is_no_actor(mentions):
    found = mentions("Kyiv wants all of its people back from Russ")
    assert names(found) == {"Ukraine"}
    assert "Bernd Weber" in names(mentions("Zelensky said he spoke with Bernd Weber."))


def test_a_name_the_model_missed_is_a_person_when_the_text_has_it_speak(mentions):
    found = mentions("Navdeep Bains, Minister of Innovation, Science and Economic "
                     "Development, said in an interview that the policy was broad.")
    assert actor_of(found, "Navdeep Bains") == "Navdeep Bains"
    assert next(m for m in found if m.text == "Navdeep Bains").actor.type == "PERSON"
    assert "Goldman Sachs" not in {m.actor.name for m in mentions("Goldman Sachs said profits "
                                                                 "rose.")
                                   if m.actor.type == "PERSON"}


def test_a_given_name_alone_is_the_one_person_the_article_gave_it_to(mentions):
    found = mentions("Thirteen-year-old Olena Bratchuk was found on Friday. Police said Olena "
                     "was safe.")
    assert actor_of(found, "Olena") == "Olena Bratchuk"
    shared = mentions("Olena Bratchuk and Olena Kovalenko met. Olena said it went well.")
    assert actor_of(shared, "Olena") not in {"Olena Bratchuk", "Olena Kovalenko"}


def test_an_organisation_named_by_the_first_words_of_its_full_name_is_one_actor(mentions):
    found = mentions("The Halifax Shipbuilding Corporation announced the contract on Monday. "
                     "Halifax Shipbuilding said the first vessel would be ready in 2027.")
    assert actor_of(found, "Halifax Shipbuilding") == "Halifax Shipbuilding Corporation"


def test_a_speaker_the_model_missed_is_named_by_their_reporting_verb(mentions):
    found = mentions("\"We lost,\" Toronto's Bo Tanner said. He left. Tanner said more.")
    assert actor_of(found, "Bo Tanner") == "Bo Tanner"
    assert actor_of(found, "Tanner") == "Bo Tanner"
    assert next(m.actor.type for m in found if m.text == "Bo Tanner") == "PERSON"


def test_a_lone_speaking_name_is_a_person_or_a_body_by_the_pronoun_after_it(mentions):
    found = mentions("Trelvane says its trucks will be ready. Quillon said she would run.")
    types = {m.text: m.actor.type for m in found}
    assert types == {"Trelvane": "ORG", "Quillon": "PERSON"}
    assert mentions("Police said the man fled. The police left.") == []


def test_a_name_opening_with_a_word_for_a_body_is_the_body_not_its_namesake(mentions):
    found = mentions("Studio Lindqvist, in Malmo, designed the pavilion. ( Studio Lindqvist ) "
                     "Anna Lindqvist, principal architect at the firm, explains the design. "
                     "\"It stays cool,\" says Lindqvist.")
    assert {(m.text, m.actor.type) for m in found if m.text == "Studio Lindqvist"} == {
        ("Studio Lindqvist", "ORG")}
    assert actor_of(found, "Lindqvist") == "Anna Lindqvist"


def test_a_title_the_model_took_for_a_body_is_not_part_of_the_person(mentions):
    found = mentions("But Gitxsan Hereditary Chief Tl'akwa said he would not sign.")
    assert [(m.text, m.actor.type) for m in found] == [("Tl'akwa", "PERSON")]


def test_a_given_name_alone_that_is_a_country_s_speaks_as_the_person(mentions):
    found = mentions("The captain was Jordan Beck. Jordan said the team would win.")
    assert {m.actor.name for m in found} == {"Jordan Beck"}
    assert "Jordan" in names(mentions("Jordan said it would close the border."))


def test_an_acronym_is_the_body_the_article_spells_it_out_as(mentions):
    found = mentions("Brenna Falk got a letter from Housing, Transit and Parks Ontario. "
                     "In a statement, HTPO said the file was open. HTPO declined to say more.")
    assert {(m.text, m.actor.name, m.method) for m in found if m.text == "HTPO"} == {
        ("HTPO", "Housing, Transit and Parks Ontario", "acronym")}
    found = mentions("Staff at the Pine Lake Correctional Facility met. PLC said nothing.")
    assert "Pine Lake Correctional" not in names(found)


def test_a_surname_the_model_found_alone_takes_the_given_name_before_it(mentions):
    found = mentions("Lior Benami was in the hotel when the attack began. "
                     "Benami said the guards fled.")
    assert names(found) == {"Lior Benami"}


def test_a_possessive_the_tokenizer_left_on_a_name_is_not_part_of_it(mentions):
    found = mentions("Senator Harker‘s office said the vote would come on Friday.")
    assert names(found) == {"Harker"}


def test_a_judge_s_title_is_not_part_of_their_name(mentions):
    found = mentions("Sean Harrow ruled that the contract was void. "
                     "Justice Harrow said the station had acted in bad faith.")
    assert names(found) == {"Sean Harrow"}


def test_a_company_the_registry_does_not_know_is_an_actor_by_the_word_for_its_kind(mentions):
    found = mentions("Shares of Westfield Energy fell on Monday.")
    assert names(found) == {"Westfield Energy"}


def test_a_body_named_with_its_country_is_the_body_not_the_country(mentions):
    found = mentions("Statistics Norway said jobs grew. Russia and Ukraine met in Istanbul.")
    assert names(found) == {"Statistics Norway", "Russia", "Ukraine"}


def test_a_name_runs_on_across_a_hyphen_the_model_stopped_at(mentions):
    found = mentions("Later that month, SNC-Lavalin applied for a judicial review.")
    assert names(found) == {"SNC-Lavalin"}


def test_a_body_a_document_comes_from_is_an_actor(mentions):
    found = mentions("A statement from Brightwater Holdings said the plant would close.")
    assert names(found) == {"Brightwater Holdings"}


def test_a_name_before_a_given_name_is_part_of_the_name_where_a_role_is_not(mentions):
    found = mentions("“The roads are a mess,” said Tazim Ali Qureshi, director at the "
                     "institute. Organizer Dwayne Croteau agreed.")
    assert {"Tazim Ali Qureshi", "Dwayne Croteau"} <= names(found)
