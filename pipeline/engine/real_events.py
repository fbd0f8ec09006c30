"""One row per real-world event: the reports of an event cluster merged.

Event data is most often misread by counting reports as events. `events` keeps every
report with its evidence; `real_events` answers "how many meetings, when, where, who" by
merging each cluster into what its reports agree on, and says how many reports and articles
stand behind it, so a timeline query needs no grouping of its own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from pipeline.extract.places import nested_in
from pipeline.extract.records import Place

_STATUS_ORDER = ("occurred", "planned", "hypothetical")
_PRECISION_ORDER = ("day", "week", "month", "year")


def _interval(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """The days a date of that precision stands for (see extract.dates for how weeks, months
    and years are represented)."""
    if precision == "week":
        return day, day + dt.timedelta(days=6)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def _dates(reports: list[Mapping]) -> dict:
    dated = [r for r in reports if r["event_date"] is not None]
    if not dated:
        return {"event_date": None, "date_precision": None, "date_start": None,
                "date_end": None}
    precision = min((r["date_precision"] for r in dated), key=_PRECISION_ORDER.index)
    days = [r["event_date"] for r in dated if r["date_precision"] == precision]
    counts = Counter(days)
    chosen = min(counts, key=lambda d: (-counts[d], d))
    return {"event_date": chosen, "date_precision": precision,
            "date_start": min(_interval(d, precision)[0] for d in days),
            "date_end": max(_interval(d, precision)[1] for d in days)}


def _place(reports: list[Mapping], place_of: Mapping[str, Place]) -> str | None:
    """The place inside every other place the reports name, the most named on a tie."""
    counts = Counter(r["place_id"] for r in reports if r["place_id"] is not None)
    if not counts:
        return None

    def inner(pid: str) -> bool:
        place = place_of.get(pid)
        return place is not None and all(
            other == pid or other in place_of and nested_in(place, place_of[other])
            for other in counts)

    candidates = [pid for pid in counts if inner(pid)] or list(counts)
    return min(candidates, key=lambda pid: (-counts[pid], pid))


def real_event_rows(events: Sequence[Mapping], actors_of: Mapping[str, set[str]],
                    actor_names: Mapping[str, str], published: Mapping[str, dt.date | None],
                    place_of: Mapping[str, Place]) -> list[dict]:
    """One row per event_cluster_id of `events` (rows of the events table)."""
    clusters: dict[str, list[Mapping]] = defaultdict(list)
    for event in events:
        clusters[event["event_cluster_id"]].append(event)
    rows = []
    for cluster_id, reports in clusters.items():
        first = min(reports, key=lambda r: (published.get(r["doc_id"]) or dt.date.max,
                                            r["doc_id"], r["evidence_start"], r["event_id"]))
        actor_ids = sorted({a for r in reports for a in actors_of.get(r["event_id"], ())})
        days = sorted(d for r in reports if (d := published.get(r["doc_id"])) is not None)
        rows.append({
            "event_cluster_id": cluster_id, "event_type": first["event_type"],
            "status": min((r["status"] for r in reports), key=_STATUS_ORDER.index),
            **_dates(reports), "place_id": _place(reports, place_of),
            "actor_ids": actor_ids, "actor_names": [actor_names.get(a, a) for a in actor_ids],
            "report_count": len(reports),
            "document_count": len({r["doc_id"] for r in reports}),
            "first_reported": days[0] if days else None,
            "last_reported": days[-1] if days else None,
            "first_event_id": first["event_id"],
        })
    return rows
