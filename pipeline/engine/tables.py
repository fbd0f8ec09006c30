"""Turning per-document extraction records into the release tables.

This is where ids are derived and where actors seen in many documents become one row, so
the extractors never need to know about other documents. It happens in two steps: each
partition turns its documents' records into its part of every table, and assembly joins
the parts and adds what needs the whole corpus (one row per actor, quote groups, event
clusters).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

import pyarrow as pa

from pipeline.contract.contracts import table
from pipeline.contract.ids import actor_id, place_id, short_hash, text_sha256
from pipeline.engine.grouping import event_clusters, quote_groups
from pipeline.engine.real_events import real_event_rows
from pipeline.extract.records import Actor, Event, Extracted, Mention, Place

# Columns only assembly can fill, because they compare documents across partitions.
CROSS_DOCUMENT = {"quotes": "quote_group_id", "events": "event_cluster_id"}


def part_schema(name: str) -> pa.Schema:
    schema = table(name).arrow_schema
    column = CROSS_DOCUMENT.get(name)
    return schema.remove(schema.get_field_index(column)) if column else schema


def _part(name: str, rows: list[dict]) -> pa.Table:
    table(name).check_rows(rows)
    return table(name).in_order(pa.Table.from_pylist(rows, schema=part_schema(name)))


def part_tables(extracted: Mapping[str, Extracted]) -> dict[str, pa.Table]:
    """A partition's part of every extracted table, from its documents' records."""
    actors, mentions = _actor_rows(extracted)
    events, event_actors, places = _event_rows(extracted)
    return {"actors": _part("actors", actors), "mentions": _part("mentions", mentions),
            "quotes": _part("quotes", _quote_rows(extracted)),
            "events": _part("events", events), "event_actors": _part("event_actors", event_actors),
            "places": _part("places", places)}


def _named_in(found: Extracted) -> list[tuple[Actor, str]]:
    """Each actor a document names, with the words that name it: its mentions, and the
    phrases of the event actors that have none (groups, countries named by adjective)."""
    return [(m.actor, m.text) for m in found.mentions] + [
        (ea.actor, ea.text) for e in found.events for ea in e.actors if ea.text is not None]


def _mentions_of(found: Extracted) -> list[Mention]:
    """The document's mentions, and the demonyms that name a country only as an event's
    party ("rejected an Indian proposal"): a named actor, so its words belong here too.
    Group phrases stay in event_actors.actor_text."""
    named = {(m.start, m.actor) for m in found.mentions}
    by_adjective = {
        (ea.start, ea.actor): Mention(ea.start, ea.start + len(ea.text), ea.text, ea.actor,
                                      "demonym")
        for e in found.events for ea in e.actors
        if ea.text is not None and ea.start is not None and ea.actor.type != "GROUP"
        and (ea.start, ea.actor) not in named}
    return [*found.mentions, *(by_adjective[key] for key in sorted(
        by_adjective, key=lambda k: (k[0], k[1].name)))]


def _actor_rows(extracted: Mapping[str, Extracted]) -> tuple[list[dict], list[dict]]:
    mention_rows: list[dict] = []
    seen: dict[str, Actor] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    docs: dict[str, set[str]] = defaultdict(set)
    for doc_id in sorted(extracted):
        for actor, text in _named_in(extracted[doc_id]):
            aid = actor_id(actor.name)
            # The registry's description of an actor wins over what NER guessed elsewhere.
            if aid not in seen or (actor.in_registry and not seen[aid].in_registry):
                seen[aid] = actor
            aliases[aid].add(text)
            counts[aid] += 1
            docs[aid].add(doc_id)
        mention_rows += [{
            "mention_id": short_hash("mention", doc_id, m.start, m.end, aid),
            "doc_id": doc_id, "actor_id": aid, "text": m.text,
            "start": m.start, "end": m.end, "method": m.method,
        } for m in _mentions_of(extracted[doc_id]) for aid in (actor_id(m.actor.name),)]
    actor_rows = [{
        "actor_id": aid, "name": a.name, "type": a.type, "country": a.country,
        "sector": a.sector, "in_registry": a.in_registry, "aliases": sorted(aliases[aid]),
        "mention_count": counts[aid], "document_count": len(docs[aid]),
    } for aid, a in seen.items()]
    return actor_rows, mention_rows


def _quote_rows(extracted: Mapping[str, Extracted]) -> list[dict]:
    return [{
        "quote_id": short_hash("quote", doc_id, q.start, q.end),
        "doc_id": doc_id, "text": q.text, "text_sha256": text_sha256(q.text),
        "start": q.start, "end": q.end,
        "speaker_id": actor_id(q.speaker.name) if q.speaker else None,
        "speaker_text": q.speaker_text, "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end, "cue": q.cue, "kind": q.kind,
        "speaker_kind": q.speaker_kind, "attribution": q.attribution,
    } for doc_id, e in extracted.items() for q in e.quotes]


def _end(start: int | None, text: str | None) -> int | None:
    return None if start is None or text is None else start + len(text)


def _event_row(doc_id: str, eid: str, e: Event, pid: str | None) -> dict:
    return {
        "event_id": eid, "doc_id": doc_id, "event_type": e.event_type,
        "status": e.status, "event_mode": e.mode, "event_date": e.date,
        "date_precision": e.date_precision,
        "date_text": e.date_text, "date_start": e.date_start,
        "date_end": _end(e.date_start, e.date_text), "date_basis": e.date_basis,
        "place_id": pid, "place_basis": e.place_basis,
        "place_text": e.place_text, "place_start": e.place_start,
        "place_end": _end(e.place_start, e.place_text),
        "trigger_text": e.trigger_text, "trigger_start": e.trigger_start,
        "trigger_end": e.trigger_end, "evidence_text": e.evidence_text,
        "evidence_sha256": text_sha256(e.evidence_text),
        "evidence_start": e.evidence_start, "evidence_end": e.evidence_end,
    }


def _event_rows(extracted: Mapping[str, Extracted]) -> tuple[list[dict], list[dict], list[dict]]:
    event_rows: list[dict] = []
    actor_rows: dict[tuple[str, str], dict] = {}
    places: dict[str, dict] = {}
    for doc_id, found in extracted.items():
        for e in found.events:
            eid = short_hash("event", doc_id, e.event_type, e.trigger_start, e.trigger_end)
            pid = None
            if e.place is not None:
                pid = place_id(e.place.name, e.place.country)
                places[pid] = {
                    "place_id": pid, "name": e.place.name, "country": e.place.country,
                    "latitude": e.place.latitude, "longitude": e.place.longitude,
                    "geonames_id": e.place.geonames_id,
                }
            event_rows.append(_event_row(doc_id, eid, e, pid))
            for ea in e.actors:
                aid = actor_id(ea.actor.name)
                # one row per (event, actor): a source that is also a target stays a source
                actor_rows.setdefault((eid, aid), {
                    "event_id": eid, "doc_id": doc_id, "actor_id": aid, "role": ea.role,
                    "actor_text": ea.text, "actor_start": ea.start,
                    "actor_end": _end(ea.start, ea.text)})
    return event_rows, list(actor_rows.values()), list(places.values())


def assemble_actors(parts: list[pa.Table]) -> pa.Table:
    """One row per actor from the partitions' rows: aliases joined, counts summed (documents
    are in one partition each), and the registry's description preferred."""
    merged: dict[str, dict] = {}
    for row in (r for part in parts for r in part.to_pylist()):
        have = merged.get(row["actor_id"])
        if have is None:
            merged[row["actor_id"]] = row
            continue
        best = row if row["in_registry"] and not have["in_registry"] else have
        merged[row["actor_id"]] = {
            **best, "aliases": sorted(set(have["aliases"]) | set(row["aliases"])),
            "mention_count": have["mention_count"] + row["mention_count"],
            "document_count": have["document_count"] + row["document_count"]}
    return table("actors").from_rows(list(merged.values()))


def assemble_quotes(parts: list[pa.Table]) -> pa.Table:
    rows = [r for part in parts for r in part.to_pylist()]
    groups = quote_groups(rows)
    return table("quotes").from_rows([{**r, "quote_group_id": groups[r["quote_id"]]}
                                      for r in rows])


def assemble_events(events: list[pa.Table], event_actors: list[pa.Table],
                    places: list[pa.Table], actors: list[pa.Table],
                    published: Mapping[str, dt.date | None],
                    ) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    """The events (with their cross-article clusters), event_actors, places and real_events
    tables; `published` gives each document's publication date, which times undated reports,
    and `actors` (parts of the actors table) the actors' names."""
    actors_table = table("event_actors").from_parts(event_actors)
    actors_of: dict[str, set[str]] = defaultdict(set)
    for event_id, aid in zip(actors_table.column("event_id").to_pylist(),
                             actors_table.column("actor_id").to_pylist(), strict=True):
        actors_of[event_id].add(aid)
    rows = [r for part in events for r in part.to_pylist()]
    unique_places = {r["place_id"]: r for part in places for r in part.to_pylist()}
    place_of = {pid: Place(r["name"], r["country"], r["latitude"], r["longitude"],
                           r["geonames_id"]) for pid, r in unique_places.items()}
    clusters = event_clusters(rows, actors_of, published, place_of)
    clustered = [{**r, "event_cluster_id": clusters[r["event_id"]]} for r in rows]
    names = {aid: name for part in actors for aid, name in
             zip(part.column("actor_id").to_pylist(), part.column("name").to_pylist(),
                 strict=True)}
    real = real_event_rows(clustered, actors_of, names, published, place_of)
    return (table("events").from_rows(clustered), actors_table,
            table("places").from_rows(list(unique_places.values())),
            table("real_events").from_rows(real))
