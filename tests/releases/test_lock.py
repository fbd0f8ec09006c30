"""One writer per output folder: a second build waits for the first, or says why it gave up."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from pipeline.cli import EXIT_BUSY, main
from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.defs.jobs import build_release
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.lock import LockTimeout, output_lock
from pipeline.releases.publish import publish
from pipeline.releases.verify import verify

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
REPO = Path(__file__).resolve().parents[2]
# Another process: takes the lock on OUT (waiting up to WAIT s), says so, holds it HOLD s.
_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from pipeline.releases.lock import output_lock
    out, hold, wait = Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    with output_lock(out, wait=wait):
        print("locked", flush=True)
        time.sleep(hold)
""")


def _holder(out: Path, hold: float, wait: float = 30.0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _HOLDER, str(out), str(hold), str(wait)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _hold(out: Path, seconds: float = 60.0) -> subprocess.Popen:
    """A holder that has the lock by the time this returns."""
    holder = _holder(out, seconds)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_held_lock_makes_others_wait_then_give_up_naming_the_holder(tmp_path):
    holder = _hold(tmp_path)
    told = []
    try:
        with pytest.raises(LockTimeout, match=f"pid {holder.pid}"):
            with output_lock(tmp_path, wait=0.5, on_wait=told.append):
                pass
        assert len(told) == 1 and f"pid {holder.pid}" in told[0]
    finally:
        holder.kill()
        holder.wait()
    with output_lock(tmp_path, wait=0):  # a killed holder leaves no stale lock
        pass


def test_the_lock_is_reentrant_within_a_process_and_released_after(tmp_path):
    with output_lock(tmp_path, wait=0):
        with output_lock(tmp_path, wait=0):
            pass
        other = _holder(tmp_path, hold=0, wait=0)
        assert other.wait() != 0  # still held by the outer block
    assert _holder(tmp_path, hold=0, wait=0).wait() == 0


def test_a_build_on_a_busy_folder_exits_with_a_clear_message(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    out = tmp_path / "out"
    holder = _hold(out)
    try:
        code = main(["build", "--raw", str(tmp_path / "raw"), "--out", str(out), "--wait", "0"])
    finally:
        holder.kill()
        holder.wait()
    assert code == EXIT_BUSY
    err = capsys.readouterr().err
    assert "Build not started: Another build is writing to" in err
    assert f"pid {holder.pid}" in err and "--wait SECONDS" in err
    assert not (out / "releases").exists()


def test_a_build_waits_for_the_other_one_then_publishes(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    out = tmp_path / "out"
    holder = _hold(out, 1.0)
    try:
        code = main(["build", "--raw", str(tmp_path / "raw"), "--out", str(out), "--wait", "60"])
    finally:
        holder.wait()
    assert code == 0
    captured = capsys.readouterr()
    assert f"Waiting for another build to finish writing to this output folder (pid " \
           f"{holder.pid}" in captured.err
    assert "Release published" in captured.out


def _race(go, tables, reports, out: Path) -> None:
    go.wait(30)
    publish(tables, reports, out, now=NOW)


def test_two_processes_publishing_at_once_both_succeed_one_after_the_other(release_tables,
                                                                          tmp_path):
    """Without the lock, each publisher would delete the other's staging folder as a
    leftover of a killed build."""
    reports = {n: validate_table(n, release_tables[n],
                                 {t: release_tables[t] for t in required_tables(n)})
               for n in TABLE_ORDER}
    quotes = release_tables["quotes"].to_pylist()
    quotes[0]["cue"] = "told reporters"
    edited = {**release_tables, "quotes": table("quotes").from_rows(quotes)}
    edited_reports = {**reports, "quotes": validate_table(
        "quotes", edited["quotes"], {t: edited[t] for t in required_tables("quotes")})}
    context = multiprocessing.get_context("fork")
    go = context.Event()
    racers = [context.Process(target=_race, args=(go, t, r, tmp_path))
              for t, r in ((release_tables, reports), (edited, edited_reports))]
    for racer in racers:
        racer.start()
    go.set()
    for racer in racers:
        racer.join(60)
    assert [r.exitcode for r in racers] == [0, 0]
    releases = sorted((tmp_path / "releases").iterdir())
    assert len(releases) == 2 and not [p for p in releases if p.name.startswith(".")]
    assert (tmp_path / "latest").resolve() in releases
    for release in releases:
        assert verify(release, expectations=False).problems == []


def test_the_dagster_run_queue_starts_one_release_run_at_a_time():
    config = yaml.safe_load((REPO / "dagster_home" / "dagster.yaml").read_text())
    assert {"key": "parley/release", "limit": 1} in config["run_queue"]["tag_concurrency_limits"]
    assert "parley/release" in build_release.tags
