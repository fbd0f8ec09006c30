"""Each release says what it adds, removes and changes; published releases never change."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow.parquet as pq
import pytest

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.changes import MAX_LISTED, compare
from pipeline.releases.layout import CHANGES_JSON, CHANGES_MD, MANIFEST_FILE
from pipeline.releases.publish import publish
from pipeline.releases.verify import verify

DAY = dt.datetime(2026, 11, 20, 6, 0, tzinfo=dt.UTC)


def _gate(tables, names, reports=None):
    """Reports for publish: `names` validated again, the others taken from `reports` (the gate
    is the slow part, and only the named tables differ)."""
    fresh = {n: validate_table(n, tables[n], {t: tables[t] for t in required_tables(n)})
             for n in names}
    return {**(reports or {}), **fresh}


def _without_the_document(tables):
    """What the next build gives once the article's file is deleted from the raw folder."""
    return {n: tables[n] if n == "rejected" else table(n).empty() for n in TABLE_ORDER}


def _with_another_cue(tables):
    quotes = tables["quotes"].to_pylist()
    quotes[0]["cue"] = "told reporters"
    return {**tables, "quotes": table("quotes").from_rows(quotes)}


@pytest.fixture(scope="module")
def history(tmp_path_factory, release_tables):
    out = tmp_path_factory.mktemp("out")
    reports = _gate(release_tables, TABLE_ORDER)
    first = publish(release_tables, reports, out, now=DAY)
    edited_tables = _with_another_cue(release_tables)
    edited = publish(edited_tables, _gate(edited_tables, ["quotes"], reports), out,
                     now=DAY + dt.timedelta(days=1))
    removed_tables = _without_the_document(release_tables)
    removed = publish(removed_tables,
                      _gate(removed_tables, [n for n in TABLE_ORDER if n != "rejected"], reports),
                      out, now=DAY + dt.timedelta(days=2))
    return release_tables, first, edited, removed


def _changes(release):
    return json.loads((release.path / CHANGES_JSON).read_text())


def test_the_first_release_adds_everything(history):
    tables, first, _, _ = history
    changes = _changes(first)
    assert changes["previous_version"] is None
    for name in TABLE_ORDER:
        assert changes["tables"][name]["rows_before"] is None
        assert changes["tables"][name]["added"] == tables[name].num_rows
    [doc] = changes["documents"]["added"]
    assert (doc["source_file"], doc["title"]) == ("a.txt", "Talks")
    assert "First release" in (first.path / CHANGES_MD).read_text()


def test_a_changed_row_is_matched_by_its_primary_key(history):
    tables, first, edited, _ = history
    changes = _changes(edited)
    assert changes["previous_version"] == first.version
    quotes = changes["tables"]["quotes"]
    assert (quotes["added"], quotes["removed"], quotes["changed"]) == (0, 0, 1)
    assert quotes["changed_keys"] == tables["quotes"].column("quote_id").to_pylist()
    assert all(changes["tables"][n]["changed"] == 0 for n in TABLE_ORDER if n != "quotes")
    assert changes["documents"] == {"added": [], "removed": [], "changed": []}


def test_a_removed_document_leaves_the_next_release_only(history):
    tables, first, edited, removed = history
    changes = _changes(removed)
    assert changes["previous_version"] == edited.version
    [doc] = changes["documents"]["removed"]
    assert doc["doc_id"] == tables["documents"].column("doc_id")[0].as_py()
    for name in ("documents", "actors", "mentions", "quotes", "places", "events"):
        assert changes["tables"][name]["removed"] == tables[name].num_rows, name
    assert "- removed: `a.txt` Talks" in (removed.path / CHANGES_MD).read_text()
    assert pq.read_table(removed.path / "documents.parquet").num_rows == 0
    for published in (first, edited):
        assert pq.read_table(published.path / "documents.parquet").num_rows == 1
        assert verify(published.path, expectations=False).problems == []


def test_the_manifest_records_the_previous_version(history):
    _, first, edited, _ = history
    manifest = json.loads((edited.path / MANIFEST_FILE).read_text())
    assert manifest["previous_version"] == first.version


def test_listed_keys_are_capped_but_counts_are_exact(release_tables):
    rows = [dict(source_file=f"f{i:05d}.txt", raw_sha256="e" * 64, reason="empty",
                 message="The file is empty.") for i in range(MAX_LISTED + 5)]
    tables = {**release_tables, "rejected": table("rejected").from_rows(rows)}
    rejected = compare(None, None, tables)["tables"]["rejected"]
    assert rejected["added"] == MAX_LISTED + 5
    assert len(rejected["added_keys"]) == MAX_LISTED and rejected["keys_truncated"]
