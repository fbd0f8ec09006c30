"""Build a release from the seed articles and read it back as a user would."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.api import build
from pipeline.cli import main
from pipeline.contract.contracts import TABLE_ORDER, table, views
from pipeline.contract.ids import sha256_file
from pipeline.defs import assets
from pipeline.defs.checks import contract_checks
from pipeline.defs.graph import ALL_ASSETS, ALL_BUCKETS
from pipeline.defs.resources import ParleyPaths
from pipeline.engine import stages
from pipeline.releases.layout import CHECKSUMS_FILE, DUCKDB_FILE

SEEDS = Path(__file__).resolve().parent.parent / "data" / "raw"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for f in SEEDS.iterdir():
        shutil.copy(f, raw / f.name)
    out = tmp_path_factory.mktemp("out")
    outcome = build(raw, out)
    assert outcome.success, outcome.problems
    return raw, out, outcome


def test_build_publishes_a_release_and_points_latest_at_it(built):
    _, out, outcome = built
    assert outcome.new
    assert (out / "latest").resolve() == outcome.path.resolve()
    assert outcome.rows["documents"] == 5
    assert outcome.rows["rejected"] == 0
    assert outcome.rows["mentions"] > 0 and outcome.rows["quotes"] > 0


def test_every_table_reads_back_through_pyarrow_and_duckdb(built, tmp_path, monkeypatch):
    _, out, outcome = built
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect(str(out / "latest" / DUCKDB_FILE), read_only=True)
    for name in TABLE_ORDER:
        parquet = pq.read_table(out / "latest" / f"{name}.parquet")
        assert parquet.schema.equals(table(name).arrow_schema, check_metadata=False)
        count = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert count == parquet.num_rows == outcome.rows[name]
    con.close()


def test_every_span_points_at_its_text_in_the_clean_document(built):
    _, out, _ = built
    con = duckdb.connect(str(out / "latest" / DUCKDB_FILE), read_only=True)
    for name, (start, end, text) in {"mentions": ("start", "end", "text"),
                                     "quotes": ("start", "end", "text"),
                                     "events": ("evidence_start", "evidence_end",
                                                "evidence_text")}.items():
        bad = con.execute(
            f'SELECT count(*) FROM "{name}" x JOIN documents d USING (doc_id) '
            f'WHERE substr(d.clean_text, x."{start}" + 1, x."{end}" - x."{start}") <> x."{text}"'
        ).fetchone()[0]
        assert bad == 0, name
    con.close()


def test_checksums_hold(built):
    _, out, _ = built
    for line in (out / "latest" / CHECKSUMS_FILE).read_text().splitlines():
        digest, file = line.split("  ")
        assert sha256_file(out / "latest" / file) == digest


def test_rebuilding_the_same_input_publishes_nothing_new(built, capsys):
    raw, out, outcome = built
    assert main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert [p.name for p in (out / "releases").iterdir()] == [outcome.version]


@dg.asset(name="quotes", group_name="extract", deps=[assets.extractions])
def quotes_with_a_bad_row(paths: ParleyPaths, documents: pa.Table) -> pa.Table:
    """The real quotes plus one whose text does not match its offsets."""
    good = stages.assembled_quotes(documents, paths.cache())
    bad = {**good.to_pylist()[0], "quote_id": "f" * 16, "text": "words nobody wrote"}
    return table("quotes").from_rows([*good.to_pylist(), bad])


def test_a_bad_row_stops_the_release_and_leaves_latest_alone(built):
    raw, out, outcome = built
    before = sorted(p.name for p in (out / "releases").iterdir())
    graph = [a for a in ALL_ASSETS if a is not assets.quotes] + [quotes_with_a_bad_row]
    result = dg.materialize(
        [*graph, *contract_checks],
        resources={"paths": ParleyPaths(raw_dir=str(raw), out_dir=str(out))},
        instance=dg.DagsterInstance.ephemeral(), tags=ALL_BUCKETS, raise_on_error=False)
    assert not result.success
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    assert [e.asset_check_key.name for e in failed] == ["quotes_contract"]
    assert "quotes.text failed" in failed[0].description
    assert "clean_text[start:end] == text" in failed[0].description
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "release" not in materialized
    assert sorted(p.name for p in (out / "releases").iterdir()) == before
    assert (out / "latest").resolve() == outcome.path.resolve()


def test_awkward_inputs_never_stop_a_build_and_every_file_is_accounted_for(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "raw_bad", raw)
    with (raw / "huge.txt").open("w", encoding="utf-8") as fh:
        line = "Negotiators met again in Geneva and agreed to meet next week.\n"
        fh.write(line * (20 * 1024 * 1024 // len(line) + 1))
    changing = raw / "changing.txt"
    changing.write_text("Talks resume\n\nEnvoys from Russia and Ukraine met in Istanbul.\n")
    out = tmp_path / "out"
    assert build(raw, out).success
    changing.write_text("Talks resume\n\nEnvoys from Russia and Ukraine met in Riyadh.\n")
    outcome = build(raw, out)
    assert outcome.success and outcome.new

    documents = pq.read_table(outcome.path / "documents.parquet").to_pylist()
    rejected = pq.read_table(outcome.path / "rejected.parquet").to_pylist()
    accounted = {f.split("#")[0] for d in documents for f in d["source_files"]}
    accounted |= {r["source_file"].split("#")[0] for r in rejected}
    metadata = {"manifest.csv"}
    for path in raw.rglob("*"):
        rel = path.relative_to(raw).as_posix()
        if path.is_file() and rel not in metadata and not rel.endswith(".meta.json"):
            assert rel in accounted, rel
    reasons = {r["source_file"]: r["reason"] for r in rejected}
    assert reasons["huge.txt"] == "too_large"
    assert reasons["empty.txt"] == "empty"
    changed = [d for d in documents if d["source_file"] == "changing.txt"]
    assert len(changed) == 1 and "Riyadh" in changed[0]["clean_text"]
    assert {d["language"] for d in documents} > {"en"}


TIMELINE = """
    SELECT r.event_date, p.name AS city, r.actor_names, r.document_count
    FROM real_events r LEFT JOIN places p USING (place_id)
    WHERE r.event_type = 'CONSULT' AND r.status = 'occurred'
    ORDER BY r.event_date
"""


def test_two_articles_on_one_meeting_are_one_real_event_on_the_timeline(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "wire.txt").write_text(
        "Envoys meet in Riyadh\n\n"
        "RIYADH (Reuters) - Negotiators from Russia and Ukraine met in Riyadh on Tuesday for "
        "talks on a ceasefire, officials said.\n", encoding="utf-8")
    (raw / "wire.txt.meta.json").write_text('{"published_at": "2025-03-12"}', encoding="utf-8")
    (raw / "daily.txt").write_text(
        "Talks in Riyadh\n\n"
        "Negotiators from Russia and Ukraine have met in Riyadh for talks on a ceasefire, "
        "officials said.\n", encoding="utf-8")
    (raw / "daily.txt.meta.json").write_text(
        '{"url": "https://daily.example.org/2025/03/12/riyadh-talks.html"}', encoding="utf-8")
    outcome = build(raw, tmp_path / "out")
    assert outcome.success, outcome.problems
    con = duckdb.connect(str(outcome.path / DUCKDB_FILE), read_only=True)
    reports = con.execute("SELECT count(*), count(DISTINCT event_cluster_id) FROM events "
                          "WHERE event_type = 'CONSULT'").fetchone()
    assert reports == (2, 1)
    [(day, city, actors, documents)] = con.execute(TIMELINE).fetchall()
    assert (str(day), city, documents) == ("2025-03-11", "Riyadh", 2)
    assert set(actors) >= {"Russia", "Ukraine"}
    con.close()


BUILD = "import sys; from pipeline.cli import main; sys.exit(main(sys.argv[1:]))"


def test_the_same_input_gives_the_same_bytes_in_any_time_zone(tmp_path):
    import datetime as dt
    import os
    import subprocess
    import sys

    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    # Dated tomorrow (UTC): already "today" on Kiritimati, still the future in Pago Pago, so a
    # reader capping dates at the local today would keep it in one zone only.
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    (raw / "page.html").write_text(
        f"<html><head><meta property='article:published_time' content='{tomorrow}'></head>"
        "<body><article><p>Envoys from Russia and Ukraine met in Geneva on Monday for talks "
        "on a ceasefire, officials said.</p></article></body></html>", encoding="utf-8")
    sums = []
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        out = tmp_path / zone.replace("/", "_")
        subprocess.run([sys.executable, "-c", BUILD, "build", "--raw", str(raw), "--out",
                        str(out)], check=True, capture_output=True,
                       env={**os.environ, "TZ": zone, "PARLEY_PROCESSES": "1"})
        sums.append((out / "latest" / CHECKSUMS_FILE).read_text())
    assert sums[0] == sums[1]


def test_the_views_answer_the_questions_researchers_ask(built):
    _, out, outcome = built
    con = duckdb.connect(str(out / "latest" / DUCKDB_FILE), read_only=True)
    comments = dict(con.execute(
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    assert set(comments) == {v.name for v in views()} and all(comments.values())
    said = con.execute("SELECT count(*), count(speaker) FROM who_said_what").fetchone()
    assert said[0] == outcome.rows["quotes"] and 0 < said[1] <= said[0]
    timeline = con.execute("SELECT event_date FROM timeline").fetchall()
    assert len(timeline) == outcome.rows["real_events"]
    dated = [d for (d,) in timeline if d is not None]
    assert dated == sorted(dated) and timeline[:len(dated)] == [(d,) for d in dated]
    meetings = con.execute("SELECT participants, mode FROM meetings").fetchall()
    assert meetings and all(p for p, _ in meetings)
    assert con.execute("SELECT count(*) FROM real_events WHERE event_type = 'CONSULT'"
                       ).fetchone()[0] == len(meetings)
    pairs = con.execute("SELECT count(*) FROM dyads WHERE actor_a >= actor_b").fetchone()[0]
    assert pairs == 0
    profile = con.execute("SELECT count(*), sum(quotes) FROM actor_profile").fetchone()
    named = con.execute("SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL").fetchone()
    assert profile == (outcome.rows["actors"], named[0])
    con.close()
