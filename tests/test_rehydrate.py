"""Releases without article text, and the text put back from the articles, verified.

Three builds of the same two articles (full, public, none) share one output folder's cache,
so only the first parses them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.api import build, rehydrate, verify
from pipeline.cli import main
from pipeline.contract.contracts import TABLE_ORDER, table

ARTICLES = {
    "geneva.txt": (
        "Envoys meet in Geneva\n\n"
        "Photo: Jane Doe/Example Wire\n\n"
        "Ukrainian Foreign Minister Andrii Sybiha met Russian officials in Geneva on Monday. "
        "\"We came to talk about prisoners, not about borders,\" Sybiha told reporters after "
        "the meeting, which lasted three hours.\n\n"
        "Kremlin spokesman Dmitry Peskov said on Tuesday that Moscow would study the "
        "proposals and answer within a week.\n\n"
        "Share this article\n"),
    "ankara.txt": (
        "Turkey offers to host a second round\n\n"
        "Turkish President Recep Tayyip Erdogan said on Wednesday that Ankara was ready to "
        "host the next round of talks between Russia and Ukraine. \"Our door is open to both "
        "sides,\" Erdogan said in a televised address.\n"),
}


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> dict[str, Path]:
    raw = tmp_path_factory.mktemp("raw")
    for name, text in ARTICLES.items():
        (raw / name).write_text(text, encoding="utf-8")
    found = {"raw": raw}
    for profile in ("full", "public", "none"):
        out = tmp_path_factory.mktemp(profile)
        outcome = build(raw, out, text=profile)
        assert outcome.success, outcome.problems
        found[profile] = (out / "latest").resolve()
    return found


def _strings(release: Path, skip: set[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Every string a release's tables hold, list items included, as (table, column, value)."""
    found = []
    for name in TABLE_ORDER:
        data = pq.read_table(release / f"{name}.parquet")
        for column in data.column_names:
            if (name, column) in skip:
                continue
            for value in data.column(column).to_pylist():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        found.append((name, column, item))
    return found


def test_the_lines_the_cleaner_removed_are_listed_with_their_reason(releases):
    rows = pq.read_table(releases["full"] / "removed_lines.parquet").to_pylist()
    assert sorted((r["text"], r["reason"]) for r in rows) == [
        ("Photo: Jane Doe/Example Wire", "caption"), ("Share this article", "widget")]
    assert "text" not in pq.read_table(releases["public"] / "removed_lines.parquet").column_names


def test_a_public_release_holds_no_article_text_longer_than_its_quotes(releases):
    bodies = pq.read_table(releases["full"] / "documents.parquet").column("clean_text")
    quotes = pq.read_table(releases["public"] / "quotes.parquet").column("text").to_pylist()
    longest = max(len(q) for q in quotes)
    for name, column, value in _strings(releases["public"], skip={("quotes", "text")}):
        if len(value) > longest:
            assert not any(value in body for body in bodies.to_pylist()), (name, column)


def test_the_profiles_leave_out_the_text_columns_in_parquet_and_duckdb(releases):
    for profile, absent in (("public", {("documents", "clean_text"),
                                        ("events", "evidence_text")}),
                            ("none", {("documents", "clean_text"), ("quotes", "text")})):
        con = duckdb.connect(str(releases[profile] / "parley.duckdb"), read_only=True)
        for name, column in absent:
            assert column not in pq.read_schema(releases[profile] / f"{name}.parquet").names
            assert column not in [r[0] for r in con.execute(f'DESCRIBE "{name}"').fetchall()]
        con.close()
    quotes = pq.read_table(releases["public"] / "quotes.parquet")
    assert "text" in quotes.column_names and "text_sha256" in quotes.column_names


def test_every_profile_has_the_same_ids(releases):
    for name in TABLE_ORDER:
        key = list(table(name).primary_key)
        full = pq.read_table(releases["full"] / f"{name}.parquet").select(key).to_pylist()
        for profile in ("public", "none"):
            narrow = pq.read_table(releases[profile] / f"{name}.parquet").select(key)
            assert narrow.to_pylist() == full, (name, profile)


def test_verify_passes_on_every_profile(releases):
    for profile in ("full", "public", "none"):
        report = verify(releases[profile])
        assert report.ok, report.problems
        assert report.expectations_checked > 0


@pytest.mark.parametrize("profile", ["public", "none"])
def test_rehydrating_gives_the_full_builds_parquet_byte_for_byte(releases, tmp_path, profile):
    outcome = rehydrate(releases[profile], releases["raw"], tmp_path / "out")
    assert outcome.problems == []
    assert outcome.restored == len(ARTICLES) and outcome.matched_by == {"raw_sha256": 2}
    for name in TABLE_ORDER:
        file = f"{name}.parquet"
        assert (outcome.release / file).read_bytes() == (releases["full"] / file).read_bytes()
    assert outcome.version == releases["full"].name
    assert verify(outcome.release).ok


def test_an_article_saved_again_is_found_by_its_title_when_its_text_is_the_same(releases,
                                                                              tmp_path):
    raw = tmp_path / "mine"
    raw.mkdir()
    for name, text in ARTICLES.items():  # other names, and other line endings
        (raw / f"copy-of-{name}").write_bytes(text.replace("\n", "\r\n").encode())
    outcome = rehydrate(releases["public"], raw, tmp_path / "out")
    assert outcome.problems == [] and outcome.matched_by == {"title": 2}


def test_a_changed_article_is_reported_and_nothing_is_written(releases, tmp_path, capsys):
    raw = tmp_path / "mine"
    shutil.copytree(releases["raw"], raw)
    edited = ARTICLES["geneva.txt"].replace("three hours", "four hours")
    (raw / "geneva.txt").write_text(edited, encoding="utf-8")
    (raw / "ankara.txt").unlink()
    out = tmp_path / "out"
    code = main(["rehydrate", str(releases["public"]), "--raw", str(raw), "--out", str(out)])
    assert code == 1 and not out.exists()
    said = capsys.readouterr().err
    assert "geneva.txt" in said and "was changed" in said and "it was not used" in said
    assert "ankara.txt" in said and "no file under the raw folder" in said


def test_a_view_is_made_only_where_the_profile_has_its_columns(releases):
    for profile, without in (("full", set()), ("public", set()), ("none", {"who_said_what"})):
        con = duckdb.connect(str(releases[profile] / "parley.duckdb"), read_only=True)
        made = {n for (n,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert made == {"who_said_what", "timeline", "meetings", "dyads", "actor_profile"} - without
        for name in made:
            con.execute(f'SELECT * FROM "{name}"').fetchall()
        con.close()
