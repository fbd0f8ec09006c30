import datetime as dt
import json
import os
import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.contract.ids import sha256_file
from pipeline.quality.reports import TableReport, required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.layout import (
    CHANGES_JSON,
    CHANGES_MD,
    CHECKSUMS_FILE,
    DUCKDB_FILE,
    MANIFEST_FILE,
    read_checksums,
)
from pipeline.releases.publish import publish

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def _reports(tables):
    return {n: validate_table(n, tables[n], {t: tables[t] for t in required_tables(n)})
            for n in TABLE_ORDER}


@pytest.fixture(scope="module")
def reports(release_tables):
    return _reports(release_tables)


@pytest.fixture(scope="module")
def published(tmp_path_factory, release_tables, reports):
    tables = release_tables
    out = tmp_path_factory.mktemp("out")
    return tables, out, publish(tables, reports, out, now=NOW)


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
    assert package["version"] == result.version.split(".")[1]  # the content hash
    for resource in package["resources"]:  # each table as Parquet, and its CSV export
        name = resource["path"].rsplit(".", 1)[0]
        assert resource["rows"] == tables[name].num_rows
        assert resource["hash"] == "sha256:" + sha256_file(result.path / resource["path"])
        assert [f["name"] for f in resource["schema"]["fields"]] == \
            tables[name].column_names
    manifest = json.loads((result.path / MANIFEST_FILE).read_text())
    assert manifest["version"] == result.version
    for file in (DUCKDB_FILE, CHECKSUMS_FILE, CHANGES_JSON, CHANGES_MD):
        assert manifest["files"][file] == sha256_file(result.path / file)


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


def test_identical_tables_reuse_the_published_release(published, reports):
    tables, out, first = published
    again = publish(tables, reports, out, now=NOW + dt.timedelta(days=1))
    assert not again.new and again.path == first.path
    assert [p.name for p in (out / "releases").iterdir()] == [first.version]


def test_failed_validation_publishes_nothing(published, reports):
    tables, out, first = published
    bad = reports["quotes"].to_dict()
    bad["expectations"][0]["success"] = False
    reports = {**reports, "quotes": TableReport.from_dict(bad)}
    with pytest.raises(ValueError, match="quotes"):
        publish(tables, reports, out, now=NOW)
    assert (out / "latest").resolve() == first.path.resolve()
    assert not [p for p in (out / "releases").iterdir() if p.name.startswith(".")]


def test_the_same_tables_give_the_same_checksummed_bytes_on_another_day(published, reports,
                                                                       tmp_path):
    """Reproducible: only release.json (and the history-dependent changes files, whose
    checksums it records) may differ between two builds of the same input."""
    tables, _, first = published
    again = publish(tables, reports, tmp_path, now=NOW + dt.timedelta(days=40))
    assert again.version != first.version
    assert again.version.split(".")[1] == first.version.split(".")[1]
    sums = read_checksums(first.path / CHECKSUMS_FILE)
    assert (again.path / CHECKSUMS_FILE).read_bytes() == (first.path / CHECKSUMS_FILE).read_bytes()
    assert {f"{n}.parquet" for n in TABLE_ORDER} | {"datapackage.json"} <= sums.keys()
    for file in sums:
        assert (again.path / file).read_bytes() == (first.path / file).read_bytes(), file


def test_leftovers_of_killed_builds_are_removed_by_the_next_publication(published, reports,
                                                                        tmp_path):
    tables, _, _ = published
    out = tmp_path / "out"
    staging = out / "releases" / ".incomplete-4242-20261121T000000000000"
    staging.mkdir(parents=True)
    (staging / "quotes.parquet").write_bytes(b"PAR1 half")
    (out / ".latest-4242").symlink_to("releases/nowhere")
    result = publish(tables, reports, out, now=NOW)
    assert sorted(p.name for p in (out / "releases").iterdir()) == [result.version]
    assert sorted(p.name for p in out.iterdir() if p.name != "cache") == [
        ".parley.lock", "latest", "releases"]


def test_a_damaged_release_is_never_reused_or_rewritten(published, reports, tmp_path):
    tables, _, first = published
    out = tmp_path / "out"
    damaged = shutil.copytree(first.path, out / "releases" / first.version)
    (damaged / "actors.parquet").write_bytes(b"not parquet")
    again = publish(tables, reports, out, now=NOW)
    assert again.new and again.version == f"{first.version}-2"
    assert (out / "latest").resolve() == again.path.resolve()
    assert (damaged / "actors.parquet").read_bytes() == b"not parquet"
    assert publish(tables, reports, out, now=NOW).version == again.version  # now reused


@pytest.mark.parametrize("damage", [
    lambda r: (r / DUCKDB_FILE).write_bytes((r / DUCKDB_FILE).read_bytes()[:100]),
    lambda r: (r / "datapackage.json").write_text("{}"),
    lambda r: (r / "validation.md").write_text("all fine"),
    lambda r: (r / "CHANGES.md").write_text("nothing"),
    lambda r: (r / "SHA256SUMS").write_text(""),
    lambda r: (r / "release.json").write_text((r / "release.json").read_text() + " "),
    lambda r: (r / "extra.txt").write_text("added later"),
])
def test_latest_never_moves_onto_a_release_damaged_anywhere(published, reports, tmp_path,
                                                              damage):
    tables, _, first = published
    out = tmp_path / "out"
    damaged = shutil.copytree(first.path, out / "releases" / first.version)
    damage(damaged)
    again = publish(tables, reports, out, now=NOW)
    assert again.new and (out / "latest").resolve() == again.path.resolve() != damaged


def test_article_text_reaches_duckdb_as_data_never_as_sql(release_tables, reports, tmp_path):
    hostile = "Talks'); DROP TABLE quotes; --"
    documents = release_tables["documents"].to_pylist()
    documents[0]["title"] = hostile
    tables = {**release_tables, "documents": table("documents").from_rows(documents)}
    checked = validate_table("documents", tables["documents"], {})
    assert checked.success
    result = publish(tables, {**reports, "documents": checked}, tmp_path, now=NOW)
    con = duckdb.connect(str(result.path / DUCKDB_FILE), read_only=True)
    assert con.execute("SELECT title FROM documents").fetchone()[0] == hostile
    assert con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1
    con.close()
