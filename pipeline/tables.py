"""Turning per-document extraction records into the release tables.

This is where ids are derived and where actors seen in many documents become one row, so
the extractors never need to know about other documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import pyarrow as pa

from pipeline.contracts import table
from pipeline.extract.records import Actor, Event, Mention, Quote
from pipeline.grouping import event_clusters, quote_groups
from pipeline.ids import actor_id, place_id, short_hash


def actors_and_mentions(mentions_by_doc: Mapping[str, Iterable[Mention]]) -> tuple[pa.Table, pa.Table]:
    """The actors table (one row per canonical name) and the mentions table."""
    mention_rows: list[dict] = []
    seen: dict[str, Actor] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    docs: dict[str, set[str]] = defaultdict(set)
    for doc_id, mentions in mentions_by_doc.items():
        for m in mentions:
            aid = actor_id(m.actor.name)
            # The registry's description of an actor wins over what NER guessed elsewhere.
            if aid not in seen or (m.actor.in_registry and not seen[aid].in_registry):
                seen[aid] = m.actor
            aliases[aid].add(m.text)
            counts[aid] += 1
            docs[aid].add(doc_id)
            mention_rows.append({
                "mention_id": short_hash("mention", doc_id, m.start, m.end, aid),
                "doc_id": doc_id, "actor_id": aid, "text": m.text,
                "start": m.start, "end": m.end, "method": m.method,
            })
    actor_rows = [{
        "actor_id": aid, "name": a.name, "type": a.type, "country": a.country,
        "in_registry": a.in_registry, "aliases": sorted(aliases[aid]),
        "mention_count": counts[aid], "document_count": len(docs[aid]),
    } for aid, a in seen.items()]
    return table("actors").from_rows(actor_rows), table("mentions").from_rows(mention_rows)


def mentions_by_doc(actors: pa.Table, mentions: pa.Table) -> dict[str, list[Mention]]:
    """Rebuild the per-document mention records from the published tables, for later stages."""
    by_id = {r["actor_id"]: Actor(r["name"], r["type"], r["country"], r["in_registry"])
             for r in actors.select(["actor_id", "name", "type", "country", "in_registry"])
             .to_pylist()}
    out: dict[str, list[Mention]] = defaultdict(list)
    for r in mentions.to_pylist():
        out[r["doc_id"]].append(
            Mention(r["start"], r["end"], r["text"], by_id[r["actor_id"]], r["method"]))
    return dict(out)


def quotes_table(quotes_by_doc: Mapping[str, Iterable[Quote]]) -> pa.Table:
    rows = [{
        "quote_id": short_hash("quote", doc_id, q.start, q.end),
        "doc_id": doc_id, "text": q.text, "start": q.start, "end": q.end,
        "speaker_id": actor_id(q.speaker.name) if q.speaker else None,
        "speaker_text": q.speaker_text, "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end, "cue": q.cue, "kind": q.kind,
    } for doc_id, quotes in quotes_by_doc.items() for q in quotes]
    groups = quote_groups(rows)
    return table("quotes").from_rows([{**r, "quote_group_id": groups[r["quote_id"]]}
                                      for r in rows])


def _end(start: int | None, text: str | None) -> int | None:
    return None if start is None or text is None else start + len(text)


def event_tables(events_by_doc: Mapping[str, Iterable[Event]]) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The events, event_actors and places tables."""
    event_rows, actor_rows, places = [], {}, {}
    for doc_id, events in events_by_doc.items():
        for e in events:
            eid = short_hash("event", doc_id, e.event_type, e.trigger_start, e.trigger_end)
            pid = None
            if e.place is not None:
                pid = place_id(e.place.name, e.place.country)
                places[pid] = {
                    "place_id": pid, "name": e.place.name, "country": e.place.country,
                    "latitude": e.place.latitude, "longitude": e.place.longitude,
                    "geonames_id": e.place.geonames_id,
                }
            event_rows.append({
                "event_id": eid, "doc_id": doc_id, "event_type": e.event_type,
                "status": e.status, "event_date": e.date, "date_precision": e.date_precision,
                "date_text": e.date_text, "date_start": e.date_start,
                "date_end": _end(e.date_start, e.date_text), "place_id": pid,
                "place_text": e.place_text, "place_start": e.place_start,
                "place_end": _end(e.place_start, e.place_text),
                "trigger_text": e.trigger_text, "trigger_start": e.trigger_start,
                "trigger_end": e.trigger_end, "evidence_text": e.evidence_text,
                "evidence_start": e.evidence_start, "evidence_end": e.evidence_end,
            })
            for ea in e.actors:
                aid = actor_id(ea.actor.name)
                # one row per (event, actor): a source that is also a target stays a source
                actor_rows.setdefault((eid, aid), {"event_id": eid, "actor_id": aid,
                                                   "role": ea.role})
    actors_of: dict[str, set[str]] = defaultdict(set)
    for event_id, aid in actor_rows:
        actors_of[event_id].add(aid)
    clusters = event_clusters(event_rows, actors_of)
    event_rows = [{**r, "event_cluster_id": clusters[r["event_id"]]} for r in event_rows]
    return (table("events").from_rows(event_rows),
            table("event_actors").from_rows(list(actor_rows.values())),
            table("places").from_rows(list(places.values())))
