"""`datapackage.json`: the release described as a Frictionless Data Package v2.

Every table appears twice, as its Parquet file and as its CSV export, each a `table`
resource with its size, SHA-256, format, media type and the Table Schema derived from the
contracts (types, descriptions, constraints, primary and foreign keys), so that
`frictionless validate datapackage.json` checks every row of both.

What frictionless-py (5.21) can check shapes two details. It reads Parquet through pandas,
which hands it a list column's cells as NumPy arrays and a missing number as NaN: a list
column of a Parquet resource is therefore declared `any` (its description says it holds a
list of strings), a nullable number reads "nan" as missing, and a Parquet resource carries
no `bytes`, because frictionless cannot count a Parquet file's bytes and would report every
declared size wrong (the `hash` it does not check is still there, and `parley verify`
checks it). The CSV resources hold lists as JSON arrays, which the `array` type reads, and
declare `bytes`, which frictionless checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from pipeline import EXTRACTOR_VERSION, __version__
from pipeline.contract.contracts import TABLE_ORDER, Table, table as contract
from pipeline.releases.exports import csv_file

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
DESCRIPTION = ("The Russia-Ukraine peace process as the news reports it: actors, quotes with "
               "their speakers, and PLOVER-typed events, each traced to character offsets in "
               "the cleaned article text.")
# Missing values as pandas gives them to frictionless for a Parquet file's null numbers.
_PARQUET_MISSING = ["", "nan"]
_NUMBER_TYPES = ("integer", "number")


def parquet_file(name: str) -> str:
    return f"{name}.parquet"


def _csv_resource_name(name: str) -> str:
    return f"{name}-csv"


def _table_schema(spec: Table, parquet: bool) -> dict:
    """The contract's Table Schema, adjusted to what each file format holds."""
    schema = spec.frictionless_schema()
    lists = {c.name for c in spec.columns if c.type.startswith("list<")}
    nullable = {c.name for c in spec.columns if c.nullable}
    for field in schema["fields"]:
        if field["name"] in lists and parquet:
            field["type"] = "any"
            field["description"] += " (a list of strings)"
        elif field["name"] in lists:
            field["arrayItem"] = {"type": "string"}
        if parquet and field["name"] in nullable and field["type"] in _NUMBER_TYPES:
            field["missingValues"] = _PARQUET_MISSING
    if not parquet:
        for key in schema.get("foreignKeys", []):
            key["reference"]["resource"] = _csv_resource_name(key["reference"]["resource"])
    return {"$schema": TABLE_SCHEMA_PROFILE, **schema}


def _resources(name: str, rows: int, folder: Path, sums: Mapping[str, str],
               profile: str) -> list[dict]:
    spec = contract(name).in_profile(profile)
    parquet, csv = parquet_file(name), csv_file(name)
    common = {"type": "table", "title": spec.title, "description": spec.description,
              "rows": rows}
    return [
        {"name": name, "path": parquet, **common, "format": "parquet",
         "mediatype": PARQUET_MEDIATYPE, "hash": f"sha256:{sums[parquet]}",
         "schema": _table_schema(spec, parquet=True)},
        {"name": _csv_resource_name(name), "path": csv, **common, "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8",
         "bytes": (folder / csv).stat().st_size, "hash": f"sha256:{sums[csv]}",
         "schema": _table_schema(spec, parquet=False)},
    ]


def datapackage(tables: Mapping[str, pa.Table], sums: Mapping[str, str], folder: Path,
                digest: str, profile: str, license: dict, source_texts: str) -> dict:
    """The descriptor of a release folder holding the Parquet files (summed in `sums`) and
    the CSV exports of `tables`. Its `version` is the content hash, not the dated release
    name: the file is in SHA256SUMS, which must not change with the day of the build."""
    return {
        "$schema": PACKAGE_PROFILE, "name": "parley", "title": "Parley",
        "description": DESCRIPTION, "version": digest, "licenses": [license],
        "parley": {"package_version": __version__, "extractor_version": EXTRACTOR_VERSION,
                   "content_hash": digest, "text_profile": profile,
                   "source_texts": source_texts},
        "resources": [resource for name in TABLE_ORDER
                      for resource in _resources(name, tables[name].num_rows, folder, sums,
                                                 profile)],
    }
