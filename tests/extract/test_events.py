"""Event detection, typing, roles, status, date and place on small news-style texts."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.events import find_events
from pipeline.extract.nlp import english
from pipeline.extract.records import Actor, Mention

PUBLISHED = dt.date(2026, 2, 15)  # a Sunday
ACTORS = {
    "Russia": Actor("Russia", "GPE", "RUS"),
    "Moscow": Actor("Russia", "GPE", "RUS"),
    "Ukraine": Actor("Ukraine", "GPE", "UKR"),
    "Kyiv": Actor("Ukraine", "GPE", "UKR"),
    "US": Actor("United States", "GPE", "USA"),
    "Trump": Actor("Donald Trump", "PERSON", "USA"),
    "Zelensky": Actor("Volodymyr Zelensky", "PERSON", "UKR"),
    "Putin": Actor("Vladimir Putin", "PERSON", "RUS"),
    "Starmer": Actor("Keir Starmer", "PERSON", "GBR"),
    "Rubio": Actor("Marco Rubio", "PERSON", "USA"),
    "Saudi Arabia": Actor("Saudi Arabia", "GPE", "SAU"),
    "Turkey": Actor("Turkey", "GPE", "TUR"),
    "Umerov": Actor("Rustem Umerov", "PERSON", "UKR"),
    "Witkoff": Actor("Steve Witkoff", "PERSON", "USA"),
    "Lavrov": Actor("Sergei Lavrov", "PERSON", "RUS"),
}


@pytest.fixture(scope="module")
def nlp():
    return english()


def _mentions(text: str) -> list[Mention]:
    """Every whole-word occurrence of a known name, as the actor extractor would give."""
    found = []
    for surface, actor in ACTORS.items():
        start = text.find(surface)
        while start != -1:
            end = start + len(surface)
            if (start == 0 or not text[start - 1].isalnum()) and (
                    end == len(text) or not text[end].isalnum()):
                found.append(Mention(start, end, surface, actor, "registry"))
            start = text.find(surface, end)
    return sorted(found)


def _events(nlp, text: str, published: dt.date | None = PUBLISHED):
    doc = nlp(text)
    return find_events(doc, _mentions(text), published)


def _only(events, event_type):
    matching = [e for e in events if e.event_type == event_type]
    assert len(matching) == 1, events
    return matching[0]


def _roles(event) -> dict[str, str]:
    return {ea.actor.name: ea.role for ea in event.actors}


def test_planned_talks_with_place_date_and_participants(nlp):
    text = "US-hosted peace talks between Russia and Ukraine will take place next week in Geneva."
    event = _only(_events(nlp, text), "CONSULT")
    assert event.status == "planned"
    assert event.place.name == "Geneva" and event.place_text == "Geneva"
    assert (event.date, event.date_precision, event.date_text) == (
        dt.date(2026, 2, 16), "week", "next week")
    roles = _roles(event)
    assert roles["Russia"] == roles["Ukraine"] == "participant"
    assert roles["United States"] == "host"


def test_strike_is_an_occurred_assault_with_target_city(nlp):
    text = "A strike by Russia on the Ukrainian capital, Kyiv, early Thursday, killed nine people."
    event = _only(_events(nlp, text, dt.date(2025, 4, 24)), "ASSAULT")
    assert event.status == "occurred"
    assert event.date == dt.date(2025, 4, 24) and event.date_precision == "day"
    assert event.place.name == "Kyiv"
    assert _roles(event)["Russia"] == "source"


def test_criticism_is_accuse_with_source_and_target(nlp):
    text = "Trump criticized Zelensky on Friday at the White House."
    event = _only(_events(nlp, text), "ACCUSE")
    assert _roles(event) == {"Donald Trump": "source", "Volodymyr Zelensky": "target"}
    assert event.date == dt.date(2026, 2, 13)
    assert "White House" in event.place.name


def test_passive_voice_swaps_roles(nlp):
    text = "Zelensky was criticized by Trump for refusing the plan."
    event = _only(_events(nlp, text), "ACCUSE")
    assert _roles(event)["Donald Trump"] == "source"
    assert _roles(event)["Volodymyr Zelensky"] == "target"


def test_urging_is_a_request(nlp):
    text = "Starmer urged Putin to accept an unconditional ceasefire."
    event = _only(_events(nlp, text), "REQUEST")
    assert _roles(event) == {"Keir Starmer": "source", "Vladimir Putin": "target"}
    assert event.status == "occurred"


def test_sanctions_name_the_sanctioning_country(nlp):
    text = "New US sanctions on Russia took effect on Friday."
    event = _only(_events(nlp, text), "SANCTION")
    assert _roles(event)["United States"] == "source"
    assert _roles(event)["Russia"] == "target"


def test_scheduled_meeting_is_planned(nlp):
    text = "Trump and Putin are scheduled to meet in Alaska on Friday."
    event = _only(_events(nlp, text, dt.date(2025, 8, 13)), "CONSULT")
    assert event.status == "planned"
    assert event.date == dt.date(2025, 8, 15)
    assert event.place.name == "Alaska"


def test_conditional_attack_is_hypothetical(nlp):
    text = "Russia could attack Kyiv again if the talks collapse."
    assert _only(_events(nlp, text), "ASSAULT").status == "hypothetical"


def test_refused_concession_is_a_rejection(nlp):
    text = "Zelensky spoke to reporters. He said he will not give up any land to Russia."
    event = _only(_events(nlp, text), "REJECT")
    assert event.status == "occurred"
    assert "Volodymyr Zelensky" in _roles(event)


def test_repeated_talks_are_one_event(nlp):
    text = ("Russia and Ukraine will hold talks in Geneva next week. "
            "Ukraine will send its defence minister to the talks.")
    events = [e for e in _events(nlp, text) if e.event_type == "CONSULT"]
    assert len(events) == 1
    assert events[0].place.name == "Geneva"


def test_past_talks_and_planned_talks_stay_apart(nlp):
    text = ("The first talks between Russia and Ukraine took place in Istanbul in March 2022. "
            "New talks between Russia and Ukraine will take place in Geneva next week.")
    places = sorted(e.place.name for e in _events(nlp, text) if e.event_type == "CONSULT")
    assert places == ["Geneva", "Istanbul"]


def test_events_need_an_actor_from_the_mentions(nlp):
    text = "The talks ended without a deal after the attack."
    assert _events(nlp, text) == []


def test_relative_date_needs_publication_date(nlp):
    text = "Trump met Putin on Friday in Anchorage."
    event = _only(_events(nlp, text, None), "CONSULT")
    assert event.date is None and event.place.name == "Anchorage"


def test_every_evidence_field_is_an_exact_substring(nlp):
    text = ("The Kremlin said on Friday that talks between Russia and Ukraine will take place "
            "next week in Geneva.\nRussia launched a full-scale invasion of Ukraine on "
            "February 24 2022.")
    events = _events(nlp, text)
    assert {e.event_type for e in events} >= {"CONSULT", "ASSAULT"}
    for e in events:
        assert text[e.trigger_start:e.trigger_end] == e.trigger_text
        assert text[e.evidence_start:e.evidence_end] == e.evidence_text
        assert "\n" not in e.evidence_text
        for part in (e.date_text, e.place_text):
            assert part is None or part in e.evidence_text
    invasion = _only(events, "ASSAULT")
    assert invasion.date == dt.date(2022, 2, 24)
    assert invasion.place.name == "Ukraine"


def test_line_breaks_start_sentences(nlp):
    doc = nlp("The US Takes the Lead\nRussia attacked Kyiv on Friday.")
    assert [s.text.strip() for s in doc.sents] == ["The US Takes the Lead",
                                                    "Russia attacked Kyiv on Friday."]


def test_topic_of_talks_is_not_their_place(nlp):
    text = ("Talks between Russia and the US regarding the conflict in Ukraine are scheduled "
            "to start on Tuesday.")
    event = _only(_events(nlp, text), "CONSULT")
    assert event.place is None
    assert event.date == dt.date(2026, 2, 17)


def test_reporting_clause_date_is_not_the_event_date(nlp):
    text = ("Russia said on Friday that talks with Ukraine will take place next week, days "
            "ahead of the anniversary of the invasion.")
    event = _only(_events(nlp, text), "CONSULT")
    assert (event.date, event.date_precision) == (dt.date(2026, 2, 16), "week")


def test_headline_and_body_report_one_event(nlp):
    text = ("US-hosted peace talks between Russia and Ukraine\n"
            "Another round of talks between Russia and Ukraine will take place in Geneva "
            "next week.")
    event = _only(_events(nlp, text), "CONSULT")
    assert event.status == "planned" and event.place.name == "Geneva"


def test_counter_offensive_is_not_the_invasion(nlp):
    text = ("Russia launched an invasion of Ukraine on February 24 2022. "
            "Ukraine later launched its own counter-offensive.")
    assert len([e for e in _events(nlp, text) if e.event_type == "ASSAULT"]) == 2


def test_an_attack_restated_as_predicate_is_one_event(nlp):
    text = "Russia's attack was an attack by Putin on Europe."
    assert len([e for e in _events(nlp, text) if e.event_type == "ASSAULT"]) == 1


def test_object_controls_the_requested_action(nlp):
    text = "Trump asked Putin to refrain from striking Kyiv."
    request = _only(_events(nlp, text), "REQUEST")
    assert _roles(request) == {"Donald Trump": "source", "Vladimir Putin": "target"}
    strike = _only(_events(nlp, text), "ASSAULT")
    assert strike.status == "hypothetical"
    assert _roles(strike)["Vladimir Putin"] == "source"


def test_not_rejecting_and_giving_up_on_are_no_events(nlp):
    text = "Starmer does not reject the idea. Trump has given up on Europe."
    types = {e.event_type for e in _events(nlp, text)}
    assert not types & {"REJECT", "CONCEDE"}


def test_noun_modifier_is_not_an_event(nlp):
    text = "The US is targeting Putin's support network."
    assert not [e for e in _events(nlp, text) if e.event_type == "SUPPORT"]


def test_not_being_invited_leaves_the_summit_planned(nlp):
    text = ("Trump and Putin will hold a summit in Alaska on Friday. "
            "Zelensky has not been invited to the summit.")
    event = _only(_events(nlp, text, dt.date(2025, 8, 13)), "CONSULT")
    assert event.status == "planned" and event.date == dt.date(2025, 8, 15)
    assert "Volodymyr Zelensky" in _roles(event)


def test_days_before_an_event_said_today(nlp):
    text = ("This meeting with Zelensky is taking place two days before a scheduled summit "
            "between Trump and Putin in Alaska.")
    events = [e for e in _events(nlp, text, dt.date(2025, 8, 13)) if e.event_type == "CONSULT"]
    dates = sorted((e.date, e.status) for e in events)
    assert dates == [(dt.date(2025, 8, 13), "occurred"), (dt.date(2025, 8, 15), "planned")]


def test_week_after_a_threat(nlp):
    text = ("Less than a week after Rubio threatened Russia, "
            "signs are that the US is willing to talk.")
    event = _only(_events(nlp, text, dt.date(2025, 4, 24)), "THREATEN")
    assert event.date_precision == "week"
    assert dt.timedelta(0) < dt.date(2025, 4, 24) - event.date <= dt.timedelta(days=7)


def test_reported_would_is_a_plan(nlp):
    text = "Starmer added that he would meet Trump in the near future."
    assert _only(_events(nlp, text), "CONSULT").status == "planned"


def test_two_speakers_make_two_accusations(nlp):
    text = "Trump criticized Zelensky. Rubio also criticized Zelensky."
    assert len([e for e in _events(nlp, text) if e.event_type == "ACCUSE"]) == 2


def test_heading_back_to_a_city_for_a_meeting(nlp):
    text = "Trump's envoy will be heading back to Moscow this week for a meeting with Putin."
    event = _only(_events(nlp, text), "CONSULT")
    assert event.place.name == "Moscow" and event.status == "planned"


def test_the_meeting_refers_back_to_its_own_kind(nlp):
    text = ("Starmer is holding a virtual meeting with Zelensky. Trump and Putin will hold "
            "a summit in Alaska on Friday. The virtual meeting with Trump is a strategic move.")
    events = {e.trigger_text: e for e in _events(nlp, text, dt.date(2025, 8, 13))}
    assert "Donald Trump" in _roles(events["meeting"])
    assert events["meeting"].date == dt.date(2025, 8, 13)


def test_undated_report_takes_the_day_its_speaker_was_last_dated(nlp):
    text = ("Zelensky said on Friday that Ukraine would defend every city. Zelensky spoke in "
            "Kyiv. He urged the US to send more air defence.")
    urged = _only(_events(nlp, text), "REQUEST")
    assert (urged.date, urged.date_precision, urged.date_text) == (
        dt.date(2026, 2, 13), "day", None)


def test_speaker_date_does_not_survive_a_change_of_subject(nlp):
    text = ("Zelensky said on Friday that Ukraine would defend every city. Russia launched "
            "drones overnight. Zelensky urged the US to send more air defence.")
    urged = _only(_events(nlp, text), "REQUEST")
    # Friday was the day of what he said first; the lead's day of news may still date it.
    assert urged.date_basis in {None, "publication", "lead"}


def test_event_dated_by_the_event_it_follows(nlp):
    text = ("Starmer is holding a call with Zelensky today. After the call, Starmer will "
            "chair a meeting with Trump.")
    meeting = _only([e for e in _events(nlp, text) if e.status == "planned"], "CONSULT")
    assert (meeting.date, meeting.date_precision) == (PUBLISHED, "day")


def test_event_dated_by_a_duration_after_another(nlp):
    text = ("Putin and Trump met in Alaska on Friday. Three days after the summit, Zelensky "
            "will meet Starmer in London.")
    events = _events(nlp, text)
    later = next(e for e in events if e.place and e.place.name == "London")
    assert later.date == dt.date(2026, 2, 16)


def test_pressing_an_object_is_no_request(nlp):
    text = "Outside the talks, Starmer was pressing his nose up against the glass."
    assert not [e for e in _events(nlp, text) if e.event_type == "REQUEST"]


def test_pressing_an_actor_is_a_request(nlp):
    request = _only(_events(nlp, "Trump has repeatedly pressed Zelensky to accept the plan."),
                    "REQUEST")
    assert _roles(request) == {"Donald Trump": "source", "Volodymyr Zelensky": "target"}


def test_responding_to_a_call_is_not_taking_part(nlp):
    text = "The Kremlin did not respond to calls seeking comment, and Putin declined to comment."
    assert not [e for e in _events(nlp, text) if e.event_type == "CONSULT"]


def test_agreeing_to_talks_is_taking_part(nlp):
    talks = _only(_events(nlp, "Putin agreed to talks in Istanbul next week."), "CONSULT")
    assert "Vladimir Putin" in _roles(talks)


def test_date_and_place_evidence_point_at_their_words(nlp):
    text = "On Friday the Kremlin said that Russia and Ukraine will hold talks in Geneva next week."
    event = _only(_events(nlp, text, dt.date(2026, 2, 15)), "CONSULT")
    assert text[event.date_start:event.date_start + len(event.date_text)] == "next week"
    assert text[event.place_start:event.place_start + len(event.place_text)] == "Geneva"


# --- where and when, from the whole article ----------------------------------------------


def _consult(events):
    return _only(events, "CONSULT")


@pytest.mark.parametrize("dateline", ["RIYADH (Reuters) - ", "RIYADH, Saudi Arabia — ",
                                      "RIYADH: ", "RIYADH -- "])
def test_a_dateline_places_the_events_of_its_paragraph(nlp, dateline):
    text = (f"{dateline}Rubio and Lavrov held talks on Tuesday about ending the war.\n\n"
            "Trump later accused Russia of stalling.")
    events = _events(nlp, text)
    talks = _consult(events)
    assert (talks.place.name, talks.place_basis, talks.place_text) == ("Riyadh", "dateline",
                                                                        "RIYADH")
    assert _only(events, "ACCUSE").place is None


@pytest.mark.parametrize("phrase", ["in the Saudi capital, Riyadh", "in the Saudi capital",
                                    "in Riyadh", "at the Ritz-Carlton hotel in Riyadh"])
def test_place_phrases_of_a_meeting(nlp, phrase):
    text = f"Rubio met Lavrov {phrase} on Tuesday."
    talks = _consult(_events(nlp, text))
    assert talks.place.name == "Riyadh" and talks.place_basis == "clause"
    assert text[talks.place_start:talks.place_start + len(talks.place_text)] == talks.place_text


def test_talks_named_after_their_city(nlp):
    talks = _consult(_events(nlp, "Russia and Ukraine returned to the Istanbul talks on Monday."))
    assert talks.place.name == "Istanbul"


def test_there_places_a_meeting_where_the_text_last_was(nlp):
    text = "Witkoff landed in Moscow on Thursday. He met Putin there for five hours."
    meeting = next(e for e in _events(nlp, text) if e.trigger_text == "met")
    assert (meeting.place.name, meeting.place_basis, meeting.place_text) == (
        "Moscow", "there", "there")


def test_a_meeting_in_a_country_takes_the_city_the_article_names(nlp):
    text = ("Rubio and Lavrov met in Riyadh on Tuesday.\n\n"
            "Zelensky said talks in Saudi Arabia without Ukraine would fail.")
    for event in _events(nlp, text):
        if event.event_type == "CONSULT":
            assert event.place.name == "Riyadh"


def test_an_attack_happens_in_the_country_it_targets(nlp):
    attack = _only(_events(nlp, "Russia attacked Ukraine overnight."), "ASSAULT")
    assert (attack.place.name, attack.place_basis) == ("Ukraine", "target")


def test_what_happens_during_a_meeting_takes_its_place_and_date(nlp):
    text = "Ukraine agreed to a ceasefire during talks with Rubio in Jeddah on Tuesday."
    deal = _only(_events(nlp, text), "AGREE")
    assert (deal.place.name, deal.place_basis) == ("Jeddah", "linked")
    assert deal.date == dt.date(2026, 2, 10)


def test_a_party_s_undated_act_after_a_dated_meeting_happened_at_it(nlp):
    text = ("Umerov met Lavrov in Istanbul on Friday.\n\n"
            "Lavrov accused Ukraine of delaying a prisoner exchange.")
    accusation = _only(_events(nlp, text), "ACCUSE")
    assert (accusation.date, accusation.date_basis) == (dt.date(2026, 2, 13), "meeting")
    assert (accusation.place.name, accusation.place_basis) == ("Istanbul", "meeting")


def test_the_lead_and_the_present_perfect_are_dated_to_the_time_of_writing(nlp):
    text = ("Russia has demanded that sanctions be lifted before any truce can begin.\n\n"
            "Trump criticised Putin for the delay.")
    events = _events(nlp, text)
    demand = _only(events, "REQUEST")
    assert (demand.date, demand.date_basis) == (PUBLISHED, "publication")


def test_one_meeting_reported_three_times_is_one_event_with_what_each_report_says(nlp):
    text = ("Russia and Ukraine will hold talks next week, Witkoff said.\n\n"
            "The talks will take place in Geneva.\n\n"
            "Rubio will also attend the talks, the State Department said.")
    talks = _consult(_events(nlp, text))
    assert talks.place.name == "Geneva" and talks.date_text == "next week"
    assert {"Russia", "Ukraine", "Marco Rubio"} <= set(_roles(talks))


def test_without_a_publication_date_only_absolute_dates_resolve(nlp):
    text = "Rubio met Lavrov in Riyadh on Tuesday. Trump first met Putin on February 18, 2025."
    events = _events(nlp, text, None)
    assert {e.date for e in events} <= {None, dt.date(2025, 2, 18)}
    assert any(e.date == dt.date(2025, 2, 18) for e in events)


def test_the_tense_decides_which_tuesday(nlp):
    past = _consult(_events(nlp, "Rubio met Lavrov on Tuesday."))
    future = _consult(_events(nlp, "Rubio will meet Lavrov on Tuesday."))
    assert (past.date, future.date) == (dt.date(2026, 2, 10), dt.date(2026, 2, 17))


# --- meeting modes and roles --------------------------------------------------------------


@pytest.mark.parametrize("text, mode", [
    ("Trump held a phone call with Putin on Tuesday.", "phone"),
    ("Witkoff arrived for a visit to Putin in Moscow.", "visit"),
    ("Russia and Ukraine met in Istanbul on Friday.", "third-party"),
    ("Trump met Zelensky and Starmer in Washington on Monday.", "multilateral"),
    ("Trump met Rubio in Washington.", None),
])
def test_consult_modes(nlp, text, mode):
    assert _consult(_events(nlp, text)).mode == mode


def test_a_delegation_s_leader_and_the_host(nlp):
    text = ("The Ukrainian delegation, led by Umerov, met Russian negotiators in Istanbul on "
            "Friday in talks hosted by Turkey.")
    roles = _roles(_consult(_events(nlp, text)))
    assert (roles["Rustem Umerov"], roles["Turkey"]) == ("lead", "host")


def test_an_ongoing_war_is_dated_by_its_age(nlp):
    invasion = _only(_events(nlp, "Trump wants to end Russia's three-year-old invasion of "
                                  "Ukraine."), "ASSAULT")
    assert (invasion.date, invasion.date_precision) == (dt.date(2023, 1, 1), "year")


@pytest.mark.parametrize("text, reported", [
    ("Ukraine agreed to a ceasefire on Tuesday.", {"AGREE"}),
    ("Zelensky called for a ceasefire.", {"REQUEST"}),
    ("Putin announced a ceasefire for Easter.", {"CONCEDE"}),
])
def test_a_truce_that_another_event_is_about_is_not_an_event_of_its_own(nlp, text, reported):
    assert {e.event_type for e in _events(nlp, text)} == reported


def test_a_month_is_not_a_place(nlp):
    deal = _only(_events(nlp, "Ukraine agreed to the truce in March."), "AGREE")
    assert deal.place is None


def test_declining_to_comment_is_no_refusal(nlp):
    assert not _events(nlp, "Putin declined to comment on the proposal.")
    assert _only(_events(nlp, "Putin declined to join the talks with Ukraine."),
                 "REJECT").status == "occurred"


def test_a_meeting_named_without_parties_is_between_those_who_acted_during_it(nlp):
    text = "Ukraine and the US agreed to a truce during talks in Jeddah on Tuesday."
    talks = _consult(_events(nlp, text))
    assert {"Ukraine", "United States"} <= set(_roles(talks))
    assert talks.place.name == "Jeddah"


def test_speaking_to_the_press_is_not_consulting_but_speaking_with_a_minister_is(nlp):
    assert not [e for e in _events(nlp, "Speaking to journalists in Kyiv, Zelensky said the "
                                        "front was holding.") if e.event_type == "CONSULT"]
    assert not [e for e in _events(nlp, "The US has been reluctant to speak of guarantees for "
                                        "Ukraine.") if e.event_type == "CONSULT"]
    event = _only(_events(nlp, "Rubio spoke with Lavrov by telephone on Friday."), "CONSULT")
    assert set(_roles(event)) == {"Marco Rubio", "Sergei Lavrov"}


def test_a_conversation_with_a_counterpart_is_a_consultation(nlp):
    event = _only(_events(nlp, "Starmer had a long conversation with Zelensky on Saturday."),
                  "CONSULT")
    assert set(_roles(event)) == {"Keir Starmer", "Volodymyr Zelensky"}


def test_their_talks_are_the_talks_of_whoever_the_sentence_is_about(nlp):
    text = "Rubio and Umerov said on Sunday that their talks in Geneva had made progress."
    event = _only(_events(nlp, text), "CONSULT")
    assert set(_roles(event)) == {"Marco Rubio", "Rustem Umerov"}
    assert event.place.name == "Geneva"


def test_a_headline_reporting_an_event_dates_it_to_the_day_of_writing(nlp):
    text = ("Witkoff meets Putin in the Kremlin\n\n"
            "The American envoy arrived in the Russian capital after a long overnight flight, "
            "officials in both countries said, and is expected to fly home tomorrow.")
    event = _only(_events(nlp, text), "CONSULT")
    assert (event.date, event.date_basis) == (PUBLISHED, "publication")


def test_there_points_back_to_a_place_named_as_a_place_not_to_a_party(nlp):
    text = ("Zelensky flew to Turkey on Monday.\n\n"
            "His visit was planned long before the US decided to meet Russia there.")
    meeting = next(e for e in _events(nlp, text)
                   if e.event_type == "CONSULT" and e.trigger_text == "meet")
    assert (meeting.place.name, meeting.place_basis) == ("Turkey", "there")


def test_the_day_something_is_set_for_does_not_date_the_meeting_that_set_it(nlp):
    text = "Starmer and Zelensky set the start of the truce for February 20 at a meeting in Kyiv."
    meeting = _consult(_events(nlp, text))
    assert meeting.date != dt.date(2026, 2, 20) and meeting.place.name == "Kyiv"


def test_the_top_of_the_story_is_dated_by_the_day_its_lead_gives_the_news(nlp):
    text = ("Rubio and Umerov said on Friday that their talks in Geneva had made progress on "
            "a plan to end the war between Russia and Ukraine.")
    talks = _consult(_events(nlp, text))
    assert (talks.date, talks.date_basis, talks.date_text) == (
        dt.date(2026, 2, 13), "lead", "Friday")


def test_a_deal_struck_on_the_day_of_a_meeting_is_placed_where_the_parties_met(nlp):
    text = ("Russia and Ukraine met in Istanbul on Friday for their first direct talks in "
            "months.\n\nLate on Friday, Russia and Ukraine agreed to exchange wounded soldiers, "
            "officials said.")
    deal = _only(_events(nlp, text), "AGREE")
    assert deal.place.name == "Istanbul" and deal.place_basis == "meeting"
    assert deal.date == dt.date(2026, 2, 13)


@pytest.mark.parametrize(("text", "event_type"), [
    ("Ukraine suspended electricity exports to Russia on Monday.", "SANCTION"),
    ("Russia amassed tanks along the border last month.", "MOBILIZE"),
    ("Ukraine banned the pro-Russian party on Tuesday.", "COERCE"),
    ("Turkey donated generators to Ukraine this winter.", "AID"),
    ("Russia ambushed a convoy near Kharkiv on Friday.", "ASSAULT"),
    ("Ukraine will sue Russia at the international court.", "ACCUSE"),
    ("Russia recaptured two villages near Kupiansk on Friday.", "ASSAULT"),
    ("Russia kept up rocket fire on Kharkiv through the night.", "ASSAULT"),
])
def test_triggers_from_the_plover_definitions(nlp, text, event_type):
    assert _only(_events(nlp, text), event_type)


def test_an_order_is_a_request_of_whom_it_names_and_stopping_fighting_orders_no_one(nlp):
    request = _only(_events(nlp, "Putin ordered Lavrov to fly to Ankara at once."), "REQUEST")
    assert _roles(request) == {"Vladimir Putin": "source", "Sergei Lavrov": "target"}
    halted = _events(nlp, "Putin ordered fighting to stop at midnight, Ukraine said.")
    assert not [e for e in halted if e.event_type == "REQUEST"]
    assert not [e for e in _events(nlp, "Putin ordered an inquiry into the blast.")
                if e.event_type == "REQUEST"]


def test_showing_something_is_no_demonstration(nlp):
    text = "The talks between Russia and Ukraine demonstrate that diplomacy still works."
    assert not [e for e in _events(nlp, text) if e.event_type == "PROTEST"]


@pytest.mark.timeout(60)
def test_a_possessive_with_no_subject_above_it_ends_the_search(nlp):
    assert _events(nlp, "Their talks in Geneva ended on Friday.") == []


# --- group actors, nesting, ended restrictions, targets ----------------------------------


def _roles(event) -> dict[str, str]:
    return {ea.actor.name: ea.role for ea in event.actors}


def test_an_event_whose_only_actor_is_a_group_is_kept_with_its_phrase(nlp):
    text = "Georgian police detained dozens of activists outside the courthouse."
    event = _only(_events(nlp, text), "COERCE")
    (group,) = event.actors
    assert (group.actor.name, group.actor.type, group.actor.sector) == (
        "Georgian police", "GROUP", "COP")
    assert group.role == "source"
    assert text[group.start:group.start + len(group.text)] == "Georgian police"


def test_a_group_joins_the_country_its_adjective_names(nlp):
    """Where the article names Russia, "Russian troops" are Russia and Russia's military."""
    event = _only(_events(nlp, "Russian troops shelled Kharkiv, Ukraine said."), "ASSAULT")
    assert _roles(event)["Russian military"] == "source"


@pytest.mark.parametrize(("text", "kept", "nested"), [
    ("Moscow refused to withdraw its troops from the border.", "REJECT", "RETREAT"),
    ("Kyiv urged Moscow to release the prisoners.", "REQUEST", "RETREAT"),
    ("Ukraine demanded that Russia withdraw from the plant.", "REQUEST", "RETREAT"),
])
def test_a_verb_that_is_the_content_of_another_trigger_is_not_coded_on_its_own(
        nlp, text, kept, nested):
    types = [e.event_type for e in _events(nlp, text)]
    assert kept in types and nested not in types


def test_what_the_demanded_act_is_done_to_is_not_coded_on_its_own(nlp):
    types = [e.event_type for e in _events(
        nlp, "Ukraine demanded that the US match Europe's support for Kyiv.")]
    assert "REQUEST" in types and "SUPPORT" not in types
    agreed = _events(nlp, "The US agreed to resume military aid to Ukraine on Tuesday.")
    assert _only(agreed, "AID").status == "planned"


def test_prohibiting_aid_is_a_sanction(nlp):
    events = _events(nlp, "The US said it would prohibit all aid to Russia from Monday.")
    assert _only(events, "SANCTION") and "AID" not in [e.event_type for e in events]


def test_what_is_agreed_is_planned_as_an_event_of_its_own(nlp):
    events = _events(nlp, "Russia and Ukraine agreed to exchange 500 prisoners each.")
    assert _only(events, "RETREAT").status == "planned"
    assert _only(events, "AGREE")


def test_a_purpose_clause_is_the_content_of_its_event(nlp):
    types = [e.event_type for e in _events(
        nlp, "Ukrainian students rallied in Lviv to demand new elections.")]
    assert types == ["PROTEST"]


def test_lifting_a_restriction_is_a_concession_not_a_restriction(nlp):
    event = _only(_events(nlp, "The US lifted sanctions on Russia on Friday."), "RETREAT")
    assert event.trigger_text == "sanctions"
    assert not [e for e in _events(nlp, "The US lifted sanctions on Russia.")
                if e.event_type == "SANCTION"]


def test_a_broken_truce_reports_no_truce(nlp):
    events = _events(nlp, "Kyiv said Russia violated the ceasefire overnight.")
    assert "CONCEDE" not in [e.event_type for e in events]


def test_the_subject_of_a_demanded_clause_is_the_target(nlp):
    event = _only(_events(nlp, "Ukraine demanded that Russia return the children."), "REQUEST")
    assert _roles(event) == {"Ukraine": "source", "Russia": "target"}


def test_a_country_named_only_by_adjective_is_a_target_never_a_sole_party(nlp):
    text = "Ukraine rejected a Hungarian proposal on Tuesday."
    event = _only(_events(nlp, text), "REJECT")
    target = next(ea for ea in event.actors if ea.actor.name == "Hungary")
    assert (target.role, target.text, target.start) == ("target", "Hungarian", 19)
    assert not _events(nlp, "A Hungarian proposal was rejected on Tuesday.")


def test_a_nouns_modifier_may_follow_it_after_of(nlp):
    """"an exchange of prisoners" is a prisoner exchange; "an exchange of views" is none."""
    event = _only(_events(nlp, "Ukraine and Russia completed an exchange of prisoners on Friday."),
                  "RETREAT")
    assert event.trigger_text == "exchange"
    assert not _events(nlp, "The exchange of views between Kyiv and Moscow was frank.")


def test_receiving_a_person_is_a_meeting_and_a_letter_is_not(nlp):
    met = _only(_events(nlp, "Putin received Zelensky at the Kremlin on Friday."), "CONSULT")
    assert _roles(met) == {"Vladimir Putin": "source", "Volodymyr Zelensky": "target"}
    assert met.place.name.startswith("Kremlin")
    assert not _events(nlp, "Putin received a letter from Zelensky on Friday.")


def test_venue_framed_by_sidelines_or_end(nlp):
    for text in ("Putin met Zelensky on the sidelines of a forum in Geneva.",
                 "Putin met Zelensky at the end of a forum in Geneva."):
        assert _only(_events(nlp, text), "CONSULT").place.name == "Geneva", text
    framed_topic = "Putin met Zelensky on the sidelines of a forum on the war in Ukraine."
    assert _only(_events(nlp, framed_topic), "CONSULT").place is None


def test_a_meeting_known_by_its_place_takes_the_actors_of_the_next_report(nlp):
    text = "The two sides met in Geneva on Tuesday. Witkoff sat down with Putin for three hours."
    event = _only(_events(nlp, text), "CONSULT")
    assert event.place.name == "Geneva"
    assert {"Steve Witkoff", "Vladimir Putin"} <= set(_roles(event))


def test_the_two_sides_are_the_countries_of_the_talks_so_far(nlp):
    text = ("Russia and Ukraine held talks in Geneva on Monday. "
            "The two sides met again in Istanbul on Friday.")
    later = [e for e in _events(nlp, text) if e.place and e.place.name == "Istanbul"]
    assert len(later) == 1 and _roles(later[0]) == {"Russia": "participant",
                                                   "Ukraine": "participant"}
    both = "Russia and Ukraine held talks in Geneva. Both countries agreed to a ceasefire."
    assert set(_roles(_only(_events(nlp, both), "AGREE"))) == {"Russia", "Ukraine"}
    rounds = ("Russia and Ukraine held talks in Geneva on Monday. "
              "The two countries later held three rounds of talks in Istanbul.")
    [istanbul] = [e for e in _events(nlp, rounds) if e.place and e.place.name == "Istanbul"]
    assert set(_roles(istanbul)) == {"Russia", "Ukraine"}


def test_the_countries_with_a_bare_the_are_the_sides_and_the_gulf_countries_others(nlp):
    text = ("Russia and Ukraine held talks in Geneva on Monday. "
            "The countries had met in Istanbul in January.")
    [istanbul] = [e for e in _events(nlp, text) if e.place and e.place.name == "Istanbul"]
    assert set(_roles(istanbul)) == {"Russia", "Ukraine"}
    other = ("Russia and Ukraine held talks in Geneva on Monday. "
             "The Gulf countries had met in Istanbul in January.")
    assert not [e for e in _events(nlp, other) if e.place and e.place.name == "Istanbul"]


def test_sides_without_two_countries_before_are_nobody(nlp):
    assert not _events(nlp, "The two sides met in Istanbul on Friday. Putin said so.")


def test_who_mediates_is_the_mediator(nlp):
    for text in ("Turkey mediated between Russia and Ukraine on Friday.",
                 "Turkey will mediate talks between Russia and Ukraine."):
        roles = _roles(_only(_events(nlp, text), "CONSULT"))
        assert roles == {"Turkey": "mediator", "Russia": "participant",
                         "Ukraine": "participant"}, text


def test_engaging_with_someone_is_a_meeting(nlp):
    event = _only(_events(nlp, "Rubio engaged with Lavrov in Riyadh."), "CONSULT")
    assert _roles(event) == {"Marco Rubio": "source", "Sergei Lavrov": "target"}


def test_a_crowd_that_demonstrates_protests_and_showing_something_is_no_event(nlp):
    protest = _only(_events(nlp, "Thousands demonstrated against Putin in Kyiv on Sunday."),
                    "PROTEST")
    assert protest.place.name == "Kyiv"
    assert not _events(nlp, "Russia must demonstrate that it wants peace with Ukraine.")


def test_firing_at_a_side_and_fighting_are_assaults(nlp):
    fired = _only(_events(nlp, "Russia fired at Ukraine's positions on Monday."), "ASSAULT")
    assert _roles(fired) == {"Russia": "source", "Ukraine": "target"}
    fighting = _only(_events(nlp, "Fighting between Russia and Ukraine went on."), "ASSAULT")
    assert set(_roles(fighting)) == {"Russia", "Ukraine"}


def test_attacks_that_stop_are_a_retreat(nlp):
    for text in ("Russia halted its strikes on Ukraine on Monday.",
                 "Putin ordered the attacks on Ukraine to stop on Monday."):
        assert [e.event_type for e in _events(nlp, text)] == ["RETREAT"], text


def test_welcoming_a_person_to_a_place_hosts_a_visit(nlp):
    visit = _only(_events(nlp, "Trump welcomed Putin to Alaska on Friday."), "CONSULT")
    assert visit.place.name == "Alaska"
    assert _roles(visit) == {"Donald Trump": "source", "Vladimir Putin": "target"}
    assert [e.event_type for e in _events(nlp, "Trump welcomed the deal with Putin.")] != [
        "CONSULT"]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Russia apologized to Turkey for the incident.", "SUPPORT"),
    ("Saudi Arabia and Turkey restored ties on Monday.", "SUPPORT"),
    ("Russia demolished homes in Ukraine on Sunday.", "COERCE"),
    ("Turkey reneged on its promise to Ukraine.", "REJECT"),
    ("Turkey shared intelligence with Ukraine last year.", "COOPERATE"),
    ("Ukraine opened an investigation into Russian commanders.", "ACCUSE"),
    ("Turkey launched a mediation effort between Russia and Ukraine.", "CONSULT"),
    ("The US halted military aid to Ukraine on Monday.", "SANCTION"),
])
def test_one_trigger_of_each_newer_kind(nlp, text, event_type):
    assert event_type in {e.event_type for e in _events(nlp, text)}, text


def test_an_investigation_that_only_reports_accuses_no_one(nlp):
    text = "An investigation by Turkey's press found that Russia had moved troops."
    assert "ACCUSE" not in {e.event_type for e in _events(nlp, text)}


def test_a_ceasefire_only_placed_in_a_country_is_nobody_s_concession(nlp):
    assert not _events(nlp, "Russia awaits details on a proposed ceasefire in Ukraine.")
    declared = _only(_events(nlp, "Putin announced a ceasefire in Ukraine on Saturday."),
                     "CONCEDE")
    assert _roles(declared)["Vladimir Putin"] == "source"


def test_military_support_is_aid(nlp):
    text = "The US kept up military support for Ukraine."
    assert [e.event_type for e in _events(nlp, text)] == ["AID"]


def test_not_taking_part_in_talks_refuses_them(nlp):
    refused = _only(_events(nlp, "Zelensky will not take part in the talks in Geneva."),
                    "REJECT")
    assert _roles(refused)["Volodymyr Zelensky"] == "source"
    attended = _events(nlp, "Zelensky will take part in the talks in Geneva.")
    assert [e.event_type for e in attended] == ["CONSULT"]


def test_an_attack_naming_only_its_attacker_is_in_the_country_of_its_war_opponent(nlp):
    text = "Sanctions against Russia have been toughened since its full-scale invasion in 2022."
    invasion = _only(_events(nlp, text), "ASSAULT")
    assert (invasion.place.name, invasion.place_basis) == ("Ukraine", "target")


def test_attacks_that_halt_are_placed_where_the_attacks_land(nlp):
    halt = _only(_events(nlp, "Putin ordered the strikes on Ukraine to stop for a week."),
                 "RETREAT")
    assert (halt.place.name, halt.place_basis) == ("Ukraine", "target")


def test_a_release_of_prisoners_is_not_placed_as_an_attack(nlp):
    release = _only(_events(nlp, "Russia released 90 Ukrainian soldiers on Friday."), "RETREAT")
    assert release.place is None


def test_a_gathering_named_after_its_venue_places_the_meeting(nlp):
    meeting = _consult(_events(nlp, "Putin met Witkoff in a five-hour Kremlin session."))
    assert meeting.place.name == "Kremlin, Moscow"


def test_another_meeting_that_day_of_a_side_at_the_talks_is_in_their_city(nlp):
    text = ("Umerov and Rubio held talks in Geneva on Friday.\n\n"
            "On Friday, Ukraine also held a meeting with Saudi Arabia's foreign minister.")
    meeting = next(e for e in _events(nlp, text) if e.trigger_text == "meeting")
    assert (meeting.place.name, meeting.place_basis) == ("Geneva", "meeting")


def test_two_people_of_one_country_can_meet_others_in_two_cities_on_one_day(nlp):
    text = ("Umerov and Rubio held talks in Geneva on Friday.\n\n"
            "On Friday, Zelensky also held a meeting with Saudi Arabia's foreign minister.")
    meeting = next(e for e in _events(nlp, text) if e.trigger_text == "meeting")
    assert meeting.place is None


def test_an_undated_meeting_after_a_dated_one_of_its_party_is_part_of_it(nlp):
    text = ("Zelensky met Trump and Rubio at the White House on Friday.\n\n"
            "A lunch meeting with Rubio followed.")
    lunch = next(e for e in _events(nlp, text) if e.trigger_text == "meeting")
    assert (lunch.date, lunch.date_basis) == (dt.date(2026, 2, 13), "meeting")
    assert lunch.place.name == "White House, Washington"


def test_a_meeting_planned_for_later_that_day_is_in_the_city_of_the_talks(nlp):
    text = ("Umerov and Rubio held talks in Geneva on Friday.\n\n"
            "Witkoff is set to meet Umerov later on Friday.")
    planned = next(e for e in _events(nlp, text, dt.date(2026, 2, 13))
                   if e.trigger_text == "meet")
    assert (planned.status, planned.place.name, planned.place_basis) == (
        "planned", "Geneva", "meeting")


def test_a_date_after_an_event_noun_of_after_is_that_event_s_date(nlp):
    text = ("The first talks between Russia and Ukraine took place four days after "
            "Moscow's invasion in February 2022.")
    events = _events(nlp, text)
    invasion, talks = _only(events, "ASSAULT"), _consult(events)
    assert (invasion.date, invasion.date_precision) == (dt.date(2022, 2, 1), "month")
    # four days after a month is still only that month: no day is made up
    assert (talks.date, talks.date_precision) == (dt.date(2022, 2, 1), "month")


def test_a_date_inside_an_adverb_of_the_clause_dates_the_event(nlp):
    call = _consult(_events(nlp, "Trump said he plans to speak with Putin as soon as this week."))
    assert (call.date_text, call.date_precision) == ("this week", "week")


def test_that_same_day_is_the_day_the_text_named_last(nlp):
    text = "Umerov met Lavrov in Istanbul on Friday.\n\nThat same day, Trump spoke with Putin."
    call = next(e for e in _events(nlp, text) if e.trigger_text == "spoke")
    assert (call.date, call.date_text) == (dt.date(2026, 2, 13), "Friday")


def test_whom_the_acting_side_acts_with_is_the_target_and_a_meeting_of_equals_has_none(nlp):
    shared = _only(_events(nlp, "Turkey shared intelligence with Ukraine on Friday."),
                   "COOPERATE")
    assert _roles(shared) == {"Turkey": "source", "Ukraine": "target"}
    talks = _consult(_events(nlp, "Talks between Rubio and Lavrov took place in Riyadh."))
    assert set(_roles(talks).values()) == {"participant"}


def test_whom_a_verb_gives_the_event_noun_to_is_its_target(nlp):
    aid = _only(_events(nlp, "Turkey gave Ukraine support on Friday."), "SUPPORT")
    assert _roles(aid) == {"Turkey": "source", "Ukraine": "target"}


def test_what_a_protest_is_staged_to_demand_is_its_aim_not_another_event(nlp):
    events = _events(nlp, "Ukrainian students staged demonstrations to demand reforms.")
    assert [e.event_type for e in events] == ["PROTEST"]


def test_blocking_roads_is_a_protest_and_blocking_a_measure_is_not(nlp):
    blocked = _events(nlp, "Georgian farmers blocked roads into the capital on Monday.")
    assert [e.event_type for e in blocked] == ["PROTEST"]
    assert not [e for e in _events(nlp, "Turkey blocked the sanctions package.")
                if e.event_type == "PROTEST"]


def test_agreeing_to_a_demand_is_a_concession_and_to_a_proposal_a_deal(nlp):
    yielded = _events(nlp, "Putin agreed to Trump's request to halt the strikes.")
    assert "CONCEDE" in {e.event_type for e in yielded}
    accepted = _events(nlp, "Ukraine accepted the US proposal.")
    assert "AGREE" in {e.event_type for e in accepted}
    assert "CONCEDE" not in {e.event_type for e in accepted}


def test_a_call_for_something_is_a_request_and_a_call_with_someone_a_meeting(nlp):
    assert _only(_events(nlp, "Zelensky made a call for more air defence."), "REQUEST")
    assert _consult(_events(nlp, "Zelensky had a phone call with Trump."))


def test_being_ready_to_act_is_an_offer_and_ready_to_use_force_a_threat(nlp):
    offer = _events(nlp, "Turkey is willing to send engineers to help rebuild Ukraine.")
    assert _roles(_only(offer, "AGREE")) == {"Turkey": "source"}
    threat = _events(nlp, "Russia said on Monday that Russia was prepared to impose martial law.")
    assert "THREATEN" in {e.event_type for e in threat}
    assert "AGREE" not in {e.event_type for e in threat}


def test_a_state_of_emergency_is_repression(nlp):
    assert _only(_events(nlp, "Ukraine declared a state of emergency on Monday."), "COERCE")


def test_whose_offer_or_demand_is_rejected_is_the_target(nlp):
    rejected = _only(_events(nlp, "Zelensky rejected a fresh offer from Putin on Friday."),
                     "REJECT")
    assert _roles(rejected) == {"Volodymyr Zelensky": "source", "Vladimir Putin": "target"}


def test_whom_a_demand_is_made_of_is_its_target(nlp):
    demand = _only(_events(nlp, "Zelensky demanded an apology from Putin on Friday."),
                   "REQUEST")
    assert _roles(demand) == {"Volodymyr Zelensky": "source", "Vladimir Putin": "target"}


def test_whom_a_threatened_act_would_hit_is_the_threat_s_target(nlp):
    threat = _only(_events(nlp, "Turkey threatened to cut ties with Russia on Friday."),
                   "THREATEN")
    assert _roles(threat) == {"Turkey": "source", "Russia": "target"}


@pytest.mark.parametrize(("text", "event_type"), [
    ("Turkey offered to hand the two suspects over to Ukraine.", "AGREE"),
    ("Turkey agreed to provide grain for Ukraine next year.", "AGREE"),
    ("Turkey refused to lift the embargo on Ukraine.", "REJECT"),
])
def test_whom_an_offered_or_refused_act_would_reach_is_the_event_s_target(nlp, text,
                                                                            event_type):
    event = _only(_events(nlp, text), event_type)
    assert _roles(event) == {"Turkey": "source", "Ukraine": "target"}


def test_it_stands_for_the_country_its_sentence_made_subject_or_object_before_it(nlp):
    offer = _only(_events(nlp, "Turkey says it is ready to host talks."), "AGREE")
    assert _roles(offer) == {"Turkey": "source"}
    text = "Russia holds much of Ukraine's east, including Crimea, which it seized in 2014."
    assert _roles(_only(_events(nlp, text), "COERCE")) == {"Russia": "source"}


def test_what_a_withdrawal_leaves_is_its_target(nlp):
    pullback = _only(_events(nlp, "Russia withdrew its troops from Ukraine on Friday."),
                     "RETREAT")
    assert _roles(pullback) == {"Russia": "source", "Ukraine": "target"}


def test_undated_timeline_dates_events_by_section_heading_and_carried_year(nlp):
    text = ("June 3, 2024 – First round\n"
            "Russia and Ukraine held talks in Istanbul.\n"
            "On July 9, Rubio and Lavrov met in Riyadh.\n")
    events = sorted((e for e in _events(nlp, text, None) if e.event_type == "CONSULT"),
                    key=lambda e: e.trigger_start)
    assert [(e.date, e.date_precision, e.date_basis) for e in events] == [
        (dt.date(2024, 6, 3), "day", "section"), (dt.date(2024, 7, 9), "day", "clause")]
    assert events[0].date_text == "June 3, 2024"
    assert text[events[0].date_start:].startswith("June 3, 2024")


def test_an_as_or_after_clause_reports_a_fact_whatever_the_main_clause_s_modality(nlp):
    text = "Talks could resume next month, as Zelensky criticizes Putin."
    assert _only(_events(nlp, text), "ACCUSE").status == "occurred"
    text = "Talks could resume next month after Zelensky criticized Putin."
    assert _only(_events(nlp, text), "ACCUSE").status == "occurred"
    text = "Talks could resume next month when Zelensky criticizes Putin."
    assert _only(_events(nlp, text), "ACCUSE").status != "occurred"


def test_a_past_act_told_by_a_dated_statement_takes_the_statement_s_day(nlp):
    text = "On Friday, Rubio said the plan would go to Moscow after Ukraine agreed to it."
    agreed = _only(_events(nlp, text), "AGREE")
    assert (agreed.date, agreed.date_basis, agreed.date_text) == (
        dt.date(2026, 2, 13), "reported", "Friday")
    text = "On Friday, Rubio said Ukraine will agree to the plan."
    assert _only(_events(nlp, text), "AGREE").date_basis != "reported"


def test_a_sanctions_designation_is_a_sanction(nlp):
    text = "The US announced new designations against Russia on Friday."
    assert _roles(_only(_events(nlp, text), "SANCTION")) == {"United States": "source",
                                                             "Russia": "target"}


def test_whom_the_verb_of_a_meeting_noun_has_it_with_takes_part(nlp):
    text = "Zelensky pushed on with talks in Istanbul on Friday with Witkoff and Rubio."
    talks = _only(_events(nlp, text), "CONSULT")
    assert _roles(talks) == {"Volodymyr Zelensky": "source", "Steve Witkoff": "target",
                             "Marco Rubio": "target"}


def test_an_indefinite_planned_meeting_after_held_talks_is_another_event(nlp):
    text = ("Zelensky pushed on with talks in Istanbul with Witkoff, "
            "before Zelensky was set to join a summit of European leaders.")
    events = [e for e in _events(nlp, text) if e.event_type == "CONSULT"]
    assert sorted(e.trigger_text for e in events) == ["summit", "talks"]


def test_asking_whether_puts_a_question_and_requests_nothing(nlp):
    assert not _events(nlp, "Zelensky asked Trump whether Russia would attend.")
    assert not _events(nlp, "Zelensky asked Trump about the plan.")
    assert _only(_events(nlp, "Zelensky asked Trump to send air defence."), "REQUEST")


def test_a_month_name_is_no_trigger(nlp):
    events = _events(nlp, "Ukraine had agreed to the truce in March.")
    assert [e.event_type for e in events] == ["AGREE"]


def test_who_comments_on_an_event_in_a_relative_clause_is_no_party(nlp):
    text = "Russia launched a combined strike on Ukraine, which Zelensky called a violation."
    assert _roles(_only(_events(nlp, text), "ASSAULT")) == {"Russia": "source",
                                                            "Ukraine": "target"}


def test_an_indefinite_report_of_the_same_day_by_the_same_side_is_the_same_event(nlp):
    text = ("Russia launched a heavy attack on Ukraine on Friday.\n"
            "On Friday, Russian troops launched a combined strike on Ukraine.")
    strike = _only(_events(nlp, text), "ASSAULT")
    assert {"Russia", "Ukraine"} <= set(_roles(strike))


@pytest.mark.parametrize("text", ["Trump signalled frustration with Putin on Friday.",
                                  "Trump poured scorn on Putin's offer."])
def test_frustration_with_or_scorn_on_someone_is_an_accusation(nlp, text):
    accusation = _only(_events(nlp, text), "ACCUSE")
    assert _roles(accusation)["Donald Trump"] == "source"


def test_saying_that_someone_must_act_is_a_demand_of_them(nlp):
    demand = _only(_events(nlp, "Zelensky said on Friday that Russia must return the children."),
                   "REQUEST")
    assert _roles(demand) == {"Volodymyr Zelensky": "source", "Russia": "target"}
    assert not [e for e in _events(nlp, "Zelensky said the truce must hold.")
                if e.event_type == "REQUEST"]


def test_an_event_measured_out_is_the_event_and_whom_it_is_given_its_target(nlp):
    aid = _only(_events(nlp, "Turkey gave Ukraine 5 million dollars of aid on Friday."), "AID")
    assert _roles(aid) == {"Turkey": "source", "Ukraine": "target"}
    shipped = _only(_events(nlp, "Turkey will provide 500 tons of food aid."), "AID")
    assert _roles(shipped) == {"Turkey": "source"}


def test_whom_an_attack_kills_or_hits_is_its_target(nlp):
    strike = _only(_events(nlp, "A Russian strike on Friday killed two Ukrainian soldiers."),
                   "ASSAULT")
    assert _roles(strike).get("Ukrainian military") == "target"
    hit = _only(_events(nlp, "Subsequent strikes have hit Russia's oil refineries."), "ASSAULT")
    assert _roles(hit) == {"Russia": "target"}


def test_calls_by_someone_are_an_appeal_and_meeting_a_demand_meets_nobody(nlp):
    rejected = _events(nlp, "Zelensky rejected calls by Putin to freeze the front line.")
    assert [e.event_type for e in rejected] == ["REJECT"]
    assert _roles(rejected[0]) == {"Volodymyr Zelensky": "source", "Vladimir Putin": "target"}
    assert _only(_events(nlp, "Zelensky held a call with Putin on Friday."), "CONSULT")
    met = _events(nlp, "Ukraine will not meet the demands of Russia.")
    assert "CONSULT" not in {e.event_type for e in met}


def test_who_arrives_on_a_visit_makes_it(nlp):
    visit = _only(_events(nlp, "Rubio arrived in Riyadh on a surprise visit on Friday."),
                  "CONSULT")
    assert _roles(visit) == {"Marco Rubio": "source"}


def test_days_of_an_event_are_the_event(nlp):
    drills = _only(_events(nlp, "Turkey launched ten days of joint exercises on Friday."),
                   "COOPERATE")
    assert _roles(drills) == {"Turkey": "source"}


@pytest.mark.parametrize(("text", "event_type"), [
    ("Turkey continued to send arms to Ukraine.", "AID"),
    ("Russia set fire to Ukraine's grain stores.", "COERCE"),
    ("Russia's torture of Ukrainian prisoners continued.", "ASSAULT"),
])
def test_lexicon_phrases_of_aid_and_coercion(nlp, text, event_type):
    assert _only(_events(nlp, text), event_type)


def test_land_taken_is_where_the_taking_happens(nlp):
    text = "Russia holds much of Ukraine's land, including Crimea, which it annexed in 2014."
    annexed = _only(_events(nlp, text), "COERCE")
    assert (annexed.place.name, annexed.place_text) == ("Crimea", "Crimea")


def test_the_sidelines_of_a_forum_frame_the_meeting_wherever_the_parse_hangs_them(nlp):
    text = ("On March 10, Rubio and Lavrov met for the first time since the start of the war "
            "on the sidelines of the Antalya Diplomatic Forum in Turkey.")
    meeting = _only(_events(nlp, text), "CONSULT")
    assert meeting.place.name == "Antalya"


def test_a_withdrawal_happens_where_it_leaves_and_is_made_by_whoever_of_it_withdraws(nlp):
    text = ("With the withdrawal of Russian troops from parts of Ukraine in April, "
            "evidence of the crimes came to light in Kyiv.")
    pullback = _only(_events(nlp, text), "RETREAT")
    assert pullback.place.name == "Ukraine"
    assert _roles(pullback) == {"Russian military": "source", "Ukraine": "target"}


def test_the_night_of_a_day_dates_the_event(nlp):
    attack = _only(_events(nlp, "On the night of February 10, Russia attacked Kyiv."), "ASSAULT")
    assert (attack.date, attack.date_text) == (dt.date(2026, 2, 10), "February 10")


def test_a_city_attacked_is_where_the_attack_is(nlp):
    attack = _only(_events(nlp, "Russia attacked Kyiv on Friday."), "ASSAULT")
    assert (attack.place.name, attack.place_basis) == ("Kyiv", "clause")
    assert _roles(attack) == {"Russia": "source", "Ukraine": "target"}


def test_executing_a_declaration_signs_it_and_harms_nobody(nlp):
    events = _events(nlp, "Zelensky and Starmer executed a declaration of intent on Friday.")
    assert "ASSAULT" not in {e.event_type for e in events}
    assert _only(_events(nlp, "Russia executed Ukrainian prisoners."), "ASSAULT")


def test_calling_something_a_wrong_accuses(nlp):
    text = "Russia launched a strike on Kyiv, which Zelensky called a violation of the truce."
    accusation = _only(_events(nlp, text), "ACCUSE")
    assert _roles(accusation)["Volodymyr Zelensky"] == "source"
    assert not [e for e in _events(nlp, "Trump called the meeting a success.")
                if e.event_type == "ACCUSE"]


def test_being_unhappy_with_someone_accuses_them(nlp):
    accusation = _only(_events(nlp, "Trump said on Friday he was unhappy with Putin."), "ACCUSE")
    assert "Vladimir Putin" in _roles(accusation)
    assert _only(_events(nlp, "Turkey is willing to host talks."), "AGREE")


def test_a_handed_over_list_concedes_nothing_and_a_cited_inquiry_accuses_nobody(nlp):
    text = ("Ukraine has handed over to Russia a list of 500 children, the Kyiv Independent "
            "said citing sources and the investigation into their transfer.")
    assert not _events(nlp, text)
    assert _only(_events(nlp, "Russia handed over Kherson to Ukraine."), "CONCEDE")
