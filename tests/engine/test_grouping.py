import datetime as dt

from pipeline.contract.contracts import table
from pipeline.engine.grouping import event_clusters, quote_groups
from pipeline.extract.records import Place

FULL = "Russia wants to make a deal and Zelensky is going to have to get moving"


def _quote(qid, text, speaker=None, doc="d1", start=0):
    row = {"quote_id": qid, "text": text, "speaker_id": speaker, "doc_id": doc,
           "start": start, "end": start + len(text)}
    table("quotes").check_rows([row])  # the columns grouping reads, as the contract names them
    return row


def test_the_same_words_in_two_articles_are_one_statement():
    groups = quote_groups([_quote("a", FULL, "trump", "d1"),
                           _quote("b", FULL.upper() + "!", None, "d2"),
                           _quote("c", "Zelensky is going to have to get moving", "trump", "d3"),
                           _quote("d", "We will never give up our land", "zelensky", "d4")])
    assert groups["a"] == groups["b"] == groups["c"]
    assert groups["d"] != groups["a"]


def test_short_fragments_join_only_when_the_speaker_agrees():
    groups = quote_groups([_quote("a", "bizarre", "glees", "d1"),
                           _quote("b", "bizarre", "glees", "d2"),
                           _quote("c", "bizarre", "rubio", "d3"),
                           _quote("d", "bizarre", None, "d4"),
                           _quote("e", "bizarre", None, "d5")])
    assert groups["a"] == groups["b"]
    assert len({groups["c"], groups["d"], groups["e"], groups["a"]}) == 4


def test_a_fragment_of_a_fuller_quote_by_another_speaker_stays_apart():
    groups = quote_groups([_quote("a", FULL, "trump"),
                           _quote("b", "Zelensky is going to have to get moving", "vance")])
    assert groups["a"] != groups["b"]


def test_quoted_words_inside_a_reported_clause_are_its_statement():
    clause = "the plan was “a start”"
    groups = quote_groups([_quote("a", clause, "kovac", "d1", start=10),
                           _quote("b", "a start", "kovac", "d1", start=24),
                           _quote("c", "next year", "kovac", "d1", start=40),
                           _quote("d", "plan", "marchenko", "d1", start=14)])
    assert groups["a"] == groups["b"]
    assert groups["c"] != groups["a"] != groups["d"]


def _event(eid, doc, day, precision="day", place="geneva", etype="CONSULT"):
    row = {"event_id": eid, "doc_id": doc, "event_type": etype, "event_date": day,
           "date_precision": precision, "place_id": place, "status": "occurred"}
    table("events").check_rows([row])
    return row


def test_reports_of_the_same_talks_in_two_articles_are_one_event():
    talks = {"RUS", "UKR", "USA"}
    events = [_event("e1", "d1", dt.date(2026, 2, 17)),
              _event("e2", "d2", dt.date(2026, 2, 16), "week", None),
              _event("e3", "d3", dt.date(2026, 2, 17), place="istanbul"),
              _event("e4", "d4", dt.date(2026, 5, 1)),
              _event("e5", "d5", None),
              _event("e6", "d6", dt.date(2026, 2, 17), etype="ACCUSE")]
    actors = {"e1": talks, "e2": {"RUS", "UKR"}, "e3": talks, "e4": talks, "e5": talks,
              "e6": talks}
    clusters = event_clusters(events, actors)
    assert clusters["e1"] == clusters["e2"]
    assert len({clusters[e] for e in ("e1", "e3", "e4", "e5", "e6")}) == 5


def test_events_in_one_document_are_not_merged_and_ids_do_not_depend_on_order():
    events = [_event("e1", "d1", dt.date(2026, 2, 17)), _event("e2", "d1", dt.date(2026, 2, 17))]
    actors = {"e1": {"RUS", "UKR"}, "e2": {"RUS", "UKR"}}
    assert len(set(event_clusters(events, actors).values())) == 2
    assert event_clusters(events, actors) == event_clusters(list(reversed(events)), actors)


def test_one_meeting_reported_with_and_without_a_date_is_one_event():
    events = [_event("e1", "d1", dt.date(2026, 2, 17)), _event("e2", "d2", None),
              _event("e3", "d3", None, place=None), _event("e4", "d4", None, etype="ACCUSE")]
    actors = {e: {"RUS", "UKR"} for e in ("e1", "e2", "e3", "e4")}
    published = {"d1": dt.date(2026, 2, 17), "d2": dt.date(2026, 2, 18),
                 "d3": dt.date(2026, 2, 18), "d4": dt.date(2026, 2, 18)}
    clusters = event_clusters(events, actors, published)
    assert clusters["e1"] == clusters["e2"]
    # an undated report without a place joins a dated one, but accusations stay apart
    assert clusters["e3"] == clusters["e1"] and clusters["e4"] != clusters["e1"]
    assert len(set(event_clusters(events, actors).values())) == 4  # no publication dates


def test_undated_reports_do_not_chain_two_dated_meetings_into_one():
    events = [_event("a", "d1", dt.date(2026, 2, 10)), _event("b", "d2", None),
              _event("c", "d3", dt.date(2026, 2, 16))]
    actors = {e: {"RUS", "UKR"} for e in "abc"}
    clusters = event_clusters(events, actors, {"d2": dt.date(2026, 2, 13)})
    assert clusters["a"] != clusters["c"]


def test_a_landmark_and_its_city_are_one_venue():
    kremlin = Place("Kremlin, Moscow", "RUS", 55.75, 37.62)
    moscow = Place("Moscow", "RUS", 55.75, 37.62, 524901)
    events = [_event("a", "d1", dt.date(2025, 12, 2), place="kremlin"),
              _event("b", "d2", dt.date(2025, 12, 2), place="moscow"),
              _event("c", "d3", dt.date(2025, 12, 2), place="geneva")]
    actors = {e: {"RUS", "USA"} for e in "abc"}
    places = {"kremlin": kremlin, "moscow": moscow,
              "geneva": Place("Geneva", "CHE", 46.2, 6.15, 2660646)}
    clusters = event_clusters(events, actors, {}, places)
    assert clusters["a"] == clusters["b"] != clusters["c"]


def test_a_planned_day_and_the_day_the_meeting_took_place_can_be_one_event():
    plan = {**_event("a", "d1", dt.date(2025, 12, 1), place="moscow"), "status": "planned"}
    held = _event("b", "d2", dt.date(2025, 12, 2), place="moscow")
    other = _event("c", "d3", dt.date(2025, 12, 1), place="moscow")
    actors = {e: {"RUS", "USA"} for e in "abc"}
    clusters = event_clusters([plan, held], actors)
    assert clusters["a"] == clusters["b"]
    # two reports of what happened, a day apart, stay two meetings
    clusters = event_clusters([held, other], actors)
    assert clusters["b"] != clusters["c"]
