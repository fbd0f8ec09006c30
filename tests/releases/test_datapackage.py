"""datapackage.json is a Data Package v2 that frictionless validates, row by row."""

import csv
import json
import shutil

import frictionless
import pytest

from pipeline.contract.contracts import TABLE_ORDER
from pipeline.releases.datapackage import PACKAGE_PROFILE, TABLE_SCHEMA_PROFILE


def _package(release):
    return json.loads((release / "datapackage.json").read_text(encoding="utf-8"))


def test_the_descriptor_declares_data_package_v2_table_resources(release):
    package = _package(release)
    assert package["$schema"] == PACKAGE_PROFILE
    files = {r["path"] for r in package["resources"]}
    assert files == {f"{n}.{ext}" for n in TABLE_ORDER for ext in ("parquet", "csv")}
    for resource in package["resources"]:
        assert resource["type"] == "table"
        assert resource["schema"]["$schema"] == TABLE_SCHEMA_PROFILE
        assert resource["hash"].startswith("sha256:") and resource["mediatype"]
        assert ("bytes" in resource) == (resource["format"] == "csv")
    documents = next(r for r in package["resources"] if r["name"] == "documents-csv")
    source_files = next(f for f in documents["schema"]["fields"] if f["name"] == "source_files")
    assert source_files["type"] == "array"


@pytest.mark.timeout(300)
def test_frictionless_finds_every_table_valid(release):
    report = frictionless.validate(release / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "type", "fieldName", "note"])
    assert len(report.tasks) == 2 * len(TABLE_ORDER)


@pytest.mark.timeout(300)
def test_frictionless_reports_a_damaged_table(release, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(release, copy)
    path = copy / "places.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][rows[0].index("latitude")] = "north"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    report = frictionless.validate(copy / "datapackage.json")
    invalid = {task.name: {e.type for e in task.errors} for task in report.tasks
               if not task.valid}
    assert invalid == {"places-csv": {"type-error", "hash-count", "byte-count"}}
