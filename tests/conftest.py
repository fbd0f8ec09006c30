"""Small, real tables shared by the tests of the gate and the release."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.contract.ids import actor_id, short_hash

TEXT = ("Ukraine’s President Volodymyr Zelensky said: “We are ready for peace.” "
        "The talks will take place in Geneva next week.")
DOC_ID = "d" * 64


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def small_release_tables() -> dict[str, pa.Table]:
    """One document with one actor, mention, quote, event and place, all consistent."""
    zid, geneva = actor_id("Volodymyr Zelensky"), short_hash("place", "Geneva", "CHE")
    m_start, m_end = _span(TEXT, "Volodymyr Zelensky")
    q_start, q_end = _span(TEXT, "We are ready for peace.")
    t_start, t_end = _span(TEXT, "talks")
    e_start, e_end = _span(TEXT, "The talks will take place in Geneva next week.")
    event = short_hash("event", DOC_ID, "CONSULT", t_start, t_end)
    rows = {
        "documents": [dict(
            doc_id=DOC_ID, source_file="a.txt", source_files=["a.txt"], title="Talks",
            outlet="Example News", url=None, published_at=dt.date(2026, 2, 15),
            published_at_source="metadata", metadata_warnings=[], language="en", format="txt",
            clean_text=TEXT,
            clean_to_raw="[[0,0]]",
            raw_sha256=DOC_ID, raw_bytes=len(TEXT.encode()), extractor_version="test")],
        "rejected": [dict(source_file="empty.txt", raw_sha256="e" * 64, reason="empty",
                          message="The file is empty; remove it or add the article text.")],
        "actors": [dict(actor_id=zid, name="Volodymyr Zelensky", type="PERSON", country="UKR",
                        in_registry=True, aliases=["Volodymyr Zelensky"], mention_count=1,
                        document_count=1)],
        "mentions": [dict(mention_id=short_hash("mention", DOC_ID, m_start), doc_id=DOC_ID,
                          actor_id=zid, text="Volodymyr Zelensky", start=m_start, end=m_end,
                          method="registry")],
        "quotes": [dict(quote_id=short_hash("quote", DOC_ID, q_start), doc_id=DOC_ID,
                        text="We are ready for peace.", start=q_start, end=q_end,
                        speaker_id=zid, speaker_text="Volodymyr Zelensky",
                        speaker_start=m_start, speaker_end=m_end, cue="said", kind="direct",
                        quote_group_id=short_hash("quote_group", "q"))],
        "places": [dict(place_id=geneva, name="Geneva", country="CHE", latitude=46.2,
                        longitude=6.15, geonames_id=2660646)],
        "events": [dict(event_id=event, doc_id=DOC_ID, event_type="CONSULT",
                        event_cluster_id=short_hash("event_cluster", event), status="planned",
                        event_date=dt.date(2026, 2, 17), date_precision="week",
                        date_text="next week", date_start=TEXT.index("next week"),
                        date_end=TEXT.index("next week") + 9, place_id=geneva,
                        place_text="Geneva", place_start=TEXT.index("Geneva"),
                        place_end=TEXT.index("Geneva") + 6, trigger_text="talks",
                        trigger_start=t_start, trigger_end=t_end,
                        evidence_text=TEXT[e_start:e_end], evidence_start=e_start,
                        evidence_end=e_end)],
        "event_actors": [dict(event_id=event, actor_id=zid, role="participant")],
        "real_events": [dict(event_cluster_id=short_hash("event_cluster", event),
                             event_type="CONSULT", status="planned",
                             event_date=dt.date(2026, 2, 17), date_precision="week",
                             date_start=dt.date(2026, 2, 17), date_end=dt.date(2026, 2, 23),
                             place_id=geneva, actor_ids=[zid],
                             actor_names=["Volodymyr Zelensky"], report_count=1,
                             document_count=1, first_reported=dt.date(2026, 2, 15),
                             last_reported=dt.date(2026, 2, 15), first_event_id=event)],
    }
    return {name: table(name).from_rows(rows[name]) for name in TABLE_ORDER}


@pytest.fixture(scope="session")
def release_tables() -> dict[str, pa.Table]:
    return small_release_tables()
