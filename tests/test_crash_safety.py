"""A build killed by SIGKILL at any point never breaks `latest` or shows a half-written release.

One output folder lives through the whole story: a first release; then, with a second
article added, a build killed during extraction, one killed with some Parquet files
written, one killed half-way through the DuckDB file, and one killed after the release was
renamed into place but before `latest` was switched; then a build that is left alone.

The builds run in forked children: real processes, which start with everything imported
(a fresh interpreter would spend ~15 s on imports for each). Publication logs each of its
steps, and a log handler in the child kills it at one; the extraction kill replaces a stage
in the child. The release the story ends with is compared with an uninterrupted build of
the same articles in a fresh interpreter with another hash seed, so this also shows that
builds are reproducible across processes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.api import build
from pipeline.cli import main
from pipeline.contract.contracts import TABLE_ORDER
from pipeline.engine import stages
from pipeline.releases import publish
from pipeline.releases.layout import CHECKSUMS_FILE, MANIFEST_FILE, STAGING_PREFIX
from pipeline.releases.verify import verify

REPO = Path(__file__).resolve().parent.parent
ARTICLE_A = ("Envoys agree to meet in Geneva\n\n"
             "Ukrainian President Volodymyr Zelensky said on Monday that his delegation would "
             "travel to Geneva next week for talks with Russian officials. \"We are ready to "
             "discuss a ceasefire,\" he told reporters in Kyiv.\n")
ARTICLE_B = ("Kremlin studies the proposal\n\n"
             "Kremlin spokesman Dmitry Peskov said on Tuesday that Moscow was studying the "
             "proposal for a ceasefire and would answer after consultations.\n")
KILL_POINTS = ("extraction", *publish.STEPS)


@dataclass(frozen=True)
class Snapshot:
    """What a reader of the output folder sees right after one killed build."""

    exit_code: int
    latest: Path
    visible: dict[str, list[str]]  # release folder -> problems found by verify
    staging: dict[str, list[str]]  # hidden staging folder -> its files


@dataclass(frozen=True)
class Story:
    first: Path
    after_kill: dict[str, Snapshot]
    recovery_code: int
    out: Path
    reference: Path


class _KillAt(logging.Handler):
    """Sends this process SIGKILL when publication logs that it passed `step`: as an
    out-of-memory kill or a power cut would stop it, with no handler or atexit hook run."""

    def __init__(self, step: str):
        super().__init__(logging.DEBUG)
        self.step = step

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "publication_step", None) == self.step:
            os.kill(os.getpid(), signal.SIGKILL)


def _cli_build(raw: Path, out: Path, kill_at: str | None = None) -> None:
    if kill_at:
        publish.log.addHandler(_KillAt(kill_at))
        publish.log.setLevel(logging.DEBUG)
    sys.exit(main(["build", "--raw", str(raw), "--out", str(out), "--wait", "60"]))


def _killed_in_extraction(raw: Path, out: Path) -> None:
    """A build whose event assembly never returns: actors and quotes are done, events not."""
    stages.assembled_events = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
    _cli_build(raw, out)


def _run_forked(target: Callable[..., None], *args: object) -> int:
    """Exit code of `target(*args)` run in a forked child; negative for a killing signal."""
    child = multiprocessing.get_context("fork").Process(target=target, args=args)
    child.start()
    child.join(timeout=300)
    if child.exitcode is None:
        child.kill()
        child.join()
        pytest.fail("a forked build did not finish within 300 s")
    return child.exitcode


def _snapshot(exit_code: int, out: Path) -> Snapshot:
    releases = out / "releases"
    return Snapshot(
        exit_code=exit_code,
        latest=(out / "latest").resolve(),
        visible={p.name: verify(p, expectations=False).problems
                 for p in sorted(releases.iterdir()) if not p.name.startswith(".")},
        staging={p.name: sorted(f.name for f in p.iterdir())
                 for p in sorted(releases.glob(f"{STAGING_PREFIX}*"))},
    )


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Story:
    base = tmp_path_factory.mktemp("crash")
    raw, both, out, reference = base / "raw", base / "raw_both", base / "out", base / "reference"
    for folder, articles in ((raw, {"a.txt": ARTICLE_A}),
                             (both, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})):
        folder.mkdir()
        for name, text in articles.items():
            (folder / name).write_text(text, encoding="utf-8")
    uninterrupted = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "build", "--raw", str(both), "--out",
         str(reference)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONHASHSEED": "2024"})
    try:
        assert build(raw, out).success  # in this process: loads everything the forks share
        first = (out / "latest").resolve()
        (raw / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
        after_kill = {}
        for point in KILL_POINTS:
            code = (_run_forked(_killed_in_extraction, raw, out) if point == "extraction"
                    else _run_forked(_cli_build, raw, out, point))
            after_kill[point] = _snapshot(code, out)
        recovery_code = _run_forked(_cli_build, raw, out)
        log, _ = uninterrupted.communicate(timeout=300)
    finally:
        uninterrupted.kill()
    assert uninterrupted.returncode == 0, log.decode()
    return Story(first, after_kill, recovery_code, out, reference)


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_build_leaves_latest_at_the_previous_complete_release(story, point):
    seen = story.after_kill[point]
    assert seen.exit_code == -signal.SIGKILL
    assert seen.latest == story.first
    assert seen.visible[story.first.name] == []


@pytest.mark.parametrize("point", KILL_POINTS)
def test_no_half_written_release_is_ever_visible(story, point):
    seen = story.after_kill[point]
    assert all(problems == [] for problems in seen.visible.values()), seen.visible
    expected = 2 if point == "published" else 1  # published: complete, not yet latest
    assert len(seen.visible) == expected


@pytest.mark.parametrize("point, staged", [
    ("extraction", None),
    ("parquet", ["documents.parquet"]),
    ("duckdb", [*sorted(f"{n}.parquet" for n in TABLE_ORDER)]),
    ("published", None),
])
def test_each_kill_stopped_the_build_where_intended(story, point, staged):
    [*folders] = story.after_kill[point].staging.values()
    if staged is None:
        assert folders == []
        return
    [files] = folders  # the previous kill's staging folder was removed by this build
    assert [f for f in files if f.endswith(".parquet")] == staged
    assert MANIFEST_FILE not in files
    assert ("parley.duckdb" in files) == (point == "duckdb")


def test_the_next_build_cleans_up_and_succeeds(story):
    assert story.recovery_code == 0
    latest = (story.out / "latest").resolve()
    [published_before_the_kill] = set(story.after_kill["published"].visible) - {story.first.name}
    assert latest.name == published_before_the_kill  # same tables: reused, not rewritten
    entries = [*story.out.iterdir(), *(story.out / "releases").iterdir()]
    assert [p.name for p in entries if p.name.startswith(".")] == [".parley.lock"]
    assert verify(latest).problems == []


def test_the_recovered_release_equals_an_uninterrupted_build(story):
    recovered, reference = (story.out / "latest").resolve(), (story.reference / "latest").resolve()
    assert recovered.name.split(".")[1] == reference.name.split(".")[1]
    for file in [f"{n}.parquet" for n in TABLE_ORDER] + [CHECKSUMS_FILE]:
        assert (recovered / file).read_bytes() == (reference / file).read_bytes(), file
