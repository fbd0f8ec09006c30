"""`croissant.json`: the release described in MLCommons Croissant 1.1, for ML catalogues.

Every file of SHA256SUMS written before it is a FileObject with its SHA-256; every table is
a RecordSet whose fields (types, descriptions, list columns as arrays, references to other
tables) and keys come from the contracts, read from its Parquet file. It names the content
hash, never a date or a path outside the release, so it is byte-identical for identical
tables and is listed in SHA256SUMS itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.contract.contracts import TABLE_ORDER, Column, table as contract
from pipeline.releases.citation import citation
from pipeline.releases.datapackage import DESCRIPTION, parquet_file

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
# The JSON-LD context every Croissant 1.1 file carries (as mlcroissant writes it).
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs", "column": "cr:column", "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn", "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"}, "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"}, "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract",
    "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes",
    "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath",
    "key": "cr:key", "md5": "cr:md5", "name": {"@container": "@language"},
    "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate", "sc": "https://schema.org/",
    "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform",
}
_DATA_TYPES = {"string": "sc:Text", "int64": "sc:Integer", "float64": "sc:Float",
               "bool": "sc:Boolean", "date": "sc:Date", "list<string>": "sc:Text"}
# Croissant readers (mlcroissant) know Parquet by its older media type only.
_MEDIATYPES = {".parquet": "application/x-parquet", ".csv": "text/csv", ".json": "application/json",
               ".geojson": "application/geo+json", ".md": "text/markdown"}


def _mediatype(file: str) -> str:
    return next((t for ext, t in _MEDIATYPES.items() if file.endswith(ext)), "text/plain")


def _field(table: str, column: Column) -> dict:
    field: dict[str, object] = {
        "@type": "cr:Field", "@id": f"{table}/{column.name}", "name": column.name,
        "description": column.description, "dataType": _DATA_TYPES[column.type],
        "source": {"fileObject": {"@id": parquet_file(table)},
                   "extract": {"column": column.name}}}
    if column.type.startswith("list<"):
        field["isArray"] = True
        field["arrayShape"] = "-1"
    if column.references:
        field["references"] = {"field": {"@id": column.references.replace(".", "/")}}
    return field


def _record_set(name: str, profile: str) -> dict:
    spec = contract(name).in_profile(profile)
    return {"@type": "cr:RecordSet", "@id": name, "name": name,
            "description": spec.description,
            "key": [{"@id": f"{name}/{k}"} for k in spec.primary_key],
            "field": [_field(name, c) for c in spec.columns]}


def croissant(sums: Mapping[str, str], digest: str, profile: str, license: dict) -> dict:
    """The Croissant description of a release whose files so far are summed in `sums`."""
    cited = citation()
    return {
        "@context": CONTEXT, "@type": "sc:Dataset", "conformsTo": CONFORMS_TO,
        "name": "parley", "description": DESCRIPTION, "version": cited["version"],
        "license": license["path"], "citeAs": cited["bibtex"],
        "creator": {"@type": "sc:Organization", "name": cited["authors"]},
        "keywords": cited["keywords"],
        "identifier": f"parley-{digest}",
        "distribution": [{"@type": "cr:FileObject", "@id": file, "name": file,
                          "contentUrl": file, "encodingFormat": _mediatype(file),
                          "sha256": sums[file]} for file in sorted(sums)],
        "recordSet": [_record_set(name, profile) for name in TABLE_ORDER],
    }
