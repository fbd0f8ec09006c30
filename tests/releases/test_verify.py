"""`parley verify` finds what went wrong with a published release, and says which file."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from pipeline.cli import main
from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.layout import MANIFEST_FILE
from pipeline.releases.publish import publish
from pipeline.releases.verify import verify

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def _reports(tables):
    return {n: validate_table(n, tables[n], {t: tables[t] for t in required_tables(n)})
            for n in TABLE_ORDER}


def _mentions(problems: list[str], start: str) -> bool:
    return any(p.startswith(start) for p in problems)


@pytest.fixture(scope="module")
def reports(release_tables):
    return _reports(release_tables)


@pytest.fixture(scope="module")
def published(tmp_path_factory, release_tables, reports):
    return publish(release_tables, reports, tmp_path_factory.mktemp("out"), now=NOW).path


@pytest.fixture
def copy(published, tmp_path):
    """A copy of the release to damage, named like it (verify checks the folder name)."""
    return shutil.copytree(published, tmp_path / published.name)


def test_an_intact_release_verifies_through_the_command_line(published, capsys):
    assert main(["verify", "--out", str(published.parent.parent)]) == 0
    out = capsys.readouterr().out
    assert f"Release {published.name} verified" in out
    assert f"{len(TABLE_ORDER)} tables" in out


def test_a_corrupted_file_is_named(copy, capsys):
    data = bytearray((copy / "quotes.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "quotes.parquet").write_bytes(bytes(data))
    assert main(["verify", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "FAILED verification" in err
    assert "quotes.parquet does not match its checksum in SHA256SUMS" in err


def test_a_truncated_file_is_named_and_not_read(copy):
    path = copy / "events.parquet"
    path.write_bytes(path.read_bytes()[:100])
    problems = verify(copy).problems
    assert _mentions(problems, "events.parquet does not match its checksum in SHA256SUMS")
    assert _mentions(problems, "events.parquet does not match its hash in datapackage.json")
    assert _mentions(problems, "table events: events.parquet cannot be read")
    assert _mentions(problems, "table event_actors cannot be validated without events")


def test_a_deleted_table_is_named_with_what_it_prevents(copy):
    (copy / "places.parquet").unlink()
    problems = verify(copy).problems
    assert "places.parquet is missing (listed in SHA256SUMS)" in problems
    assert "table places: places.parquet is missing" in problems
    assert "table events cannot be validated without places" in problems


def test_a_damaged_duckdb_file_is_caught_by_the_manifest_checksum(copy):
    with (copy / "parley.duckdb").open("r+b") as fh:
        fh.truncate(4096)
    assert verify(copy, expectations=False).problems == [
        "parley.duckdb does not match its checksum in release.json: the file is damaged or "
        "was changed after publication"]


def test_row_counts_are_compared_with_the_descriptors(copy):
    manifest = json.loads((copy / MANIFEST_FILE).read_text())
    manifest["rows"]["quotes"] = 5
    (copy / MANIFEST_FILE).write_text(json.dumps(manifest))
    assert verify(copy, expectations=False).problems == [
        "release.json does not match its checksum in release.json.sha256: the file is damaged "
        "or was changed after publication", "table quotes has 1 rows but release.json says 5"]


def test_a_manifest_cannot_send_verify_outside_the_release(copy):
    manifest = json.loads((copy / MANIFEST_FILE).read_text())
    manifest["files"]["../../secret"] = "0" * 64
    (copy / MANIFEST_FILE).write_text(json.dumps(manifest))
    assert verify(copy, expectations=False).problems[1:] == [
        "release.json names '../../secret', which is not a file of the release folder"]


def test_a_file_added_to_a_release_is_named(copy):
    (copy / "notes.txt").write_text("added later")
    assert verify(copy, expectations=False).problems == [
        "notes.txt is not listed in SHA256SUMS or release.json: it was added after publication"]


def test_expectations_run_again_on_the_published_files(release_tables, reports, tmp_path):
    """A release whose checksums are all consistent but whose quote points at the wrong
    text (as if written by a build with a broken gate) fails verification by GX alone."""
    quotes = release_tables["quotes"].to_pylist()
    quotes[0]["text"] = "words nobody wrote"
    tables = {**release_tables, "quotes": table("quotes").from_rows(quotes)}
    bad = publish(tables, reports, tmp_path, now=NOW).path
    problems = verify(bad).problems
    assert len(problems) == 1
    assert problems[0].startswith("validation: quotes.text failed")
    assert "clean_text[start:end] == text" in problems[0]


def test_an_output_folder_without_a_release_fails_verification(tmp_path, capsys):
    assert main(["verify", "--out", str(tmp_path)]) == 1
    assert "latest is not a release folder" in capsys.readouterr().err
