"""The release's tables in the formats other tools read without Parquet: a CSV file per
table (for R, Stata, spreadsheets) and a GeoJSON file of the real-world events that have a
place (for maps). Both are written from the same projected tables as the Parquet files, in
the same row order, so they are byte-identical for identical input and listed in SHA256SUMS.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from pipeline.contract.contracts import TABLE_ORDER

GEOJSON_FILE = "real_events.geojson"


def csv_file(name: str) -> str:
    return f"{name}.csv"


def _cell(value: object) -> object:
    """Lists as JSON arrays, dates in ISO form, nulls as empty cells."""
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _csv_text(data: pa.Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(data.column_names)
    for row in data.to_pylist():
        writer.writerow([_cell(row[c]) for c in data.column_names])
    return out.getvalue()


def write_csv(tables: Mapping[str, pa.Table], folder: Path) -> list[str]:
    """One UTF-8 CSV per table, header first; returns the files written."""
    files = []
    for name in TABLE_ORDER:
        (folder / csv_file(name)).write_text(_csv_text(tables[name]), encoding="utf-8")
        files.append(csv_file(name))
    return files


def _feature(event: dict, place: dict) -> dict:
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["longitude"], place["latitude"]]},
            "properties": {
                "event_cluster_id": event["event_cluster_id"], "event_type": event["event_type"],
                "status": event["status"], "event_date": _iso(event["event_date"]),
                "date_precision": event["date_precision"], "place": place["name"],
                "place_country": place["country"], "actors": event["actor_names"],
                "report_count": event["report_count"],
                "document_count": event["document_count"]}}


def write_geojson(tables: Mapping[str, pa.Table], folder: Path) -> str:
    """A FeatureCollection of the real-world events whose place has coordinates."""
    places = {p["place_id"]: p for p in tables["places"].to_pylist()}
    features = [_feature(e, places[e["place_id"]]) for e in tables["real_events"].to_pylist()
                if e["place_id"] in places and places[e["place_id"]]["latitude"] is not None]
    collection = {"type": "FeatureCollection", "features": features}
    (folder / GEOJSON_FILE).write_text(
        json.dumps(collection, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8")
    return GEOJSON_FILE
