"""Small, real tables shared by the tests of the gate and the release."""

from __future__ import annotations

import datetime as dt
import os

import pyarrow as pa
import pytest

from pipeline.contract.contracts import table
from pipeline.contract.ids import text_sha256
from pipeline.engine.tables import assemble_actors, assemble_events, assemble_quotes, part_tables
from pipeline.extract.records import Actor, Event, EventActor, Extracted, Mention, Place, Quote


def pytest_configure(config: pytest.Config) -> None:
    """Builds under test use a throwaway Dagster instance, never the one in the shell's
    DAGSTER_HOME (`make dev`'s, say), which they would fill with test runs; a test of the
    recording sets its own."""
    os.environ.pop("DAGSTER_HOME", None)


TEXT = ("Ukraine’s President Volodymyr Zelensky said: “We are ready for peace.” "
        "The talks will take place in Geneva next week.")
DOC_ID = "d" * 64


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def small_release_tables() -> dict[str, pa.Table]:
    """One document with one actor, mention, quote, event and place, all consistent.

    Only the documents and rejected rows are written here; the extracted tables come from
    extraction records through the release's own mapping (pipeline.engine.tables), so the
    fixture has the ids, columns and values a build would give these records."""
    zelensky = Actor("Volodymyr Zelensky", "PERSON", "UKR", in_registry=True)
    geneva = Place("Geneva", "CHE", 46.2, 6.15, 2660646)
    m_start, m_end = _span(TEXT, "Volodymyr Zelensky")
    q_start, q_end = _span(TEXT, "We are ready for peace.")
    t_start, t_end = _span(TEXT, "talks")
    e_start, e_end = _span(TEXT, "The talks will take place in Geneva next week.")
    mention = Mention(m_start, m_end, TEXT[m_start:m_end], zelensky, "registry")
    quote = Quote(q_start, q_end, TEXT[q_start:q_end], "direct", "said", zelensky,
                  m_start, m_end, TEXT[m_start:m_end])
    event = Event("CONSULT", "planned", t_start, t_end, "talks", e_start, e_end,
                  TEXT[e_start:e_end], actors=(EventActor(zelensky, "participant"),),
                  date=dt.date(2026, 2, 17), date_precision="week", date_text="next week",
                  date_start=TEXT.index("next week"), place=geneva, place_text="Geneva",
                  place_start=TEXT.index("Geneva"), date_basis="clause", place_basis="clause")
    rejected = [dict(source_file="empty.txt", raw_sha256="e" * 64, reason="empty",
                     message="The file is empty; remove it or add the article text.")]
    return tables_of(DOC_ID, TEXT, Extracted((mention,), (quote,), (event,)),
                     dt.date(2026, 2, 15), "a.txt", "Talks", rejected)


def tables_of(doc_id: str, text: str, records: Extracted, published: dt.date,
              source_file: str, title: str, rejected: list[dict] | None = None,
              ) -> dict[str, pa.Table]:
    """The release tables of one article's extraction records, through the release's own
    mapping (pipeline.engine.tables); only its document and rejected rows are written here."""
    parts = part_tables({doc_id: records})
    events, event_actors, places, real_events = assemble_events(
        [parts["events"]], [parts["event_actors"]], [parts["places"]], [parts["actors"]],
        {doc_id: published})
    document = dict(
        doc_id=doc_id, source_file=source_file, source_files=[source_file], title=title,
        outlet="Example News", url=None, published_at=published,
        published_at_source="metadata", metadata_warnings=[], language="en", format="txt",
        clean_text=text, clean_sha256=text_sha256(text), clean_to_raw="[[0,0]]",
        raw_sha256=doc_id, raw_bytes=len(text.encode()), extractor_version="test")
    return {"documents": table("documents").from_rows([document]),
            "rejected": table("rejected").from_rows(rejected or []),
            "removed_lines": table("removed_lines").from_rows([]),
            "actors": assemble_actors([parts["actors"]]),
            "mentions": table("mentions").from_parts([parts["mentions"]]),
            "quotes": assemble_quotes([parts["quotes"]]),
            "places": places, "events": events, "event_actors": event_actors,
            "real_events": real_events}


@pytest.fixture(scope="session")
def release_tables() -> dict[str, pa.Table]:
    return small_release_tables()
