import datetime as dt
import json
import os

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.contracts import TABLE_ORDER
from pipeline.release import CHECKSUMS_FILE, DUCKDB_FILE, MANIFEST_FILE, publish, sha256_file
from pipeline.validation import TableReport, required_tables, validate_table

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.timezone.utc)


def _reports(tables):
    return {n: validate_table(n, tables[n], {t: tables[t] for t in required_tables(n)})
            for n in TABLE_ORDER}


@pytest.fixture(scope="module")
def published(tmp_path_factory, release_tables):
    tables = release_tables
    out = tmp_path_factory.mktemp("out")
    return tables, out, publish(tables, _reports(tables), out, now=NOW)


def test_release_holds_every_table_and_its_descriptors(published):
    tables, out, result = published
    assert result.new and result.version.startswith("2026-11-22.")
    assert (out / "latest").resolve() == result.path.resolve()
    names = {p.name for p in result.path.iterdir()}
    assert {f"{n}.parquet" for n in TABLE_ORDER} <= names
    assert {DUCKDB_FILE, CHECKSUMS_FILE, MANIFEST_FILE, "datapackage.json", "validation.md",
            "validation.json"} <= names
    for name in TABLE_ORDER:
        assert pq.read_table(result.path / f"{name}.parquet").equals(tables[name])


def test_checksums_and_datapackage_describe_the_files(published):
    tables, _, result = published
    for line in (result.path / CHECKSUMS_FILE).read_text().splitlines():
        digest, file = line.split("  ")
        assert sha256_file(result.path / file) == digest
    package = json.loads((result.path / "datapackage.json").read_text())
    assert package["version"] == result.version
    for resource in package["resources"]:
        assert resource["rows"] == tables[resource["name"]].num_rows
        assert resource["hash"] == "sha256:" + sha256_file(result.path / resource["path"])
        assert [f["name"] for f in resource["schema"]["fields"]] == \
            tables[resource["name"]].column_names
    manifest = json.loads((result.path / MANIFEST_FILE).read_text())
    assert manifest["files"][DUCKDB_FILE] == sha256_file(result.path / DUCKDB_FILE)


def test_duckdb_file_is_self_contained_and_opens_read_only_from_elsewhere(published, tmp_path):
    tables, out, _ = published
    os.chdir(tmp_path)
    con = duckdb.connect(str(out / "latest" / DUCKDB_FILE), read_only=True)
    for name in TABLE_ORDER:
        count = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert count == tables[name].num_rows
    speaker = con.execute("SELECT a.name FROM quotes q JOIN actors a ON a.actor_id = q.speaker_id"
                          ).fetchone()[0]
    assert speaker == "Volodymyr Zelensky"
    con.close()


def test_identical_tables_reuse_the_published_release(published):
    tables, out, first = published
    again = publish(tables, _reports(tables), out, now=NOW + dt.timedelta(days=1))
    assert not again.new and again.path == first.path
    assert [p.name for p in (out / "releases").iterdir()] == [first.version]


def test_failed_validation_publishes_nothing(published):
    tables, out, first = published
    reports = _reports(tables)
    bad = reports["quotes"].to_dict()
    bad["expectations"][0]["success"] = False
    reports["quotes"] = TableReport.from_dict(bad)
    with pytest.raises(ValueError, match="quotes"):
        publish(tables, reports, out, now=NOW)
    assert (out / "latest").resolve() == first.path.resolve()
    assert not [p for p in (out / "releases").iterdir() if p.name.startswith(".")]
