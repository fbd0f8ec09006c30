"""From extraction records to release rows: group actors, which have no mention."""

from __future__ import annotations

from pipeline.contract.contracts import table
from pipeline.engine.tables import assemble_actors, part_tables
from pipeline.extract.records import Actor, Event, EventActor, Extracted
from pipeline.quality.suites import run_suite
from tests.conftest import DOC_ID, small_release_tables

TEXT = "Georgian police detained dozens of activists outside the courthouse."
POLICE = Actor("Georgian police", "GROUP", "GEO", in_registry=True, sector="COP")


def _group_event() -> Event:
    start = TEXT.index("detained")
    return Event("COERCE", "occurred", start, start + len("detained"), "detained", 0,
                 len(TEXT), TEXT, actors=(EventActor(POLICE, "source", "Georgian police", 0),))


def test_a_group_of_an_event_is_an_actor_with_its_country_sector_and_phrase():
    parts = part_tables({DOC_ID: Extracted((), (), (_group_event(),))})
    (actor,) = assemble_actors([parts["actors"]]).to_pylist()
    assert {k: actor[k] for k in ("name", "type", "country", "sector", "aliases",
                                  "mention_count", "document_count")} == {
        "name": "Georgian police", "type": "GROUP", "country": "GEO", "sector": "COP",
        "aliases": ["Georgian police"], "mention_count": 1, "document_count": 1}
    assert parts["mentions"].num_rows == 0  # mentions hold named actors only
    (row,) = parts["event_actors"].to_pylist()
    assert (row["doc_id"], row["actor_text"], row["actor_start"], row["actor_end"]) == (
        DOC_ID, "Georgian police", 0, len("Georgian police"))


def test_the_event_actors_suite_checks_the_phrase_against_the_clean_text():
    documents = small_release_tables()["documents"].to_pylist()
    parts = part_tables({DOC_ID: Extracted((), (), (_group_event(),))})
    related = {"events": parts["events"], "actors": assemble_actors([parts["actors"]])}
    good = table("documents").from_rows([{**documents[0], "clean_text": TEXT}])
    assert run_suite("event_actors", parts["event_actors"], {**related, "documents": good}).success
    moved = table("documents").from_rows([{**documents[0], "clean_text": "x" + TEXT}])
    report = run_suite("event_actors", parts["event_actors"], {**related, "documents": moved})
    assert [o.column for o in report.failures] == ["actor_text"]


def test_a_country_named_only_by_its_adjective_in_an_event_is_a_mention_of_it():
    text = "Chile rejected a Peruvian proposal for joint patrols."
    peru = Actor("Peru", "GPE", "PER", in_registry=True)
    start = text.index("rejected")
    event = Event("REJECT", "occurred", start, start + len("rejected"), "rejected", 0,
                  len(text), text,
                  actors=(EventActor(peru, "target", "Peruvian", text.index("Peruvian")),))
    parts = part_tables({DOC_ID: Extracted((), (), (event,))})
    (mention,) = parts["mentions"].to_pylist()
    assert (mention["text"], mention["start"], mention["end"], mention["method"]) == (
        "Peruvian", text.index("Peruvian"), text.index("Peruvian") + len("Peruvian"), "demonym")
