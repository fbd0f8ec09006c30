"""Per-document work gives the same results in this process and in worker processes, and
the workers neither inherit this process's held locks nor leave a build waiting when one dies."""

import datetime as dt
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.engine import fanout
from pipeline.engine.stages import extract_all

TEXTS = [
    "Ukrainian President Volodymyr Zelensky met Donald Trump in Washington on Friday.",
    "“We are ready for talks,” Kremlin spokesman Dmitry Peskov told reporters in Moscow.",
    "Turkey offered to host a new round of negotiations in Istanbul next month.",
]
HELD = threading.Lock()


def worker_of(numbers: list[int]) -> list[tuple[int, int]]:
    return [(n, os.getpid()) for n in numbers]


def under_held_lock(numbers: list[int]) -> list[int]:
    with HELD:
        return numbers


def waiting(paths: list[str]) -> list[str]:
    """Notes its process id, then waits far longer than any test."""
    with open(paths[0], "a", encoding="utf-8") as note:
        note.write(f"{os.getpid()}\n")
    time.sleep(600)
    return paths


def dying(numbers: list[int]) -> list[int]:
    os.kill(os.getpid(), signal.SIGKILL)
    return numbers


@pytest.fixture
def two_processes(monkeypatch):
    monkeypatch.setattr(fanout, "PROCESSES", 2)


def test_chunks_run_in_worker_processes_from_the_threshold_on(two_processes):
    small = list(fanout.map_chunks(worker_of, [1, 2, 3], chunk=1, parallel_from=4))
    assert {pid for _, pid in small} == {os.getpid()}
    large = list(fanout.map_chunks(worker_of, list(range(8)), chunk=1, parallel_from=4))
    assert sorted(n for n, _ in large) == list(range(8))
    assert os.getpid() not in {pid for _, pid in large}
    assert list(fanout.map_chunks(worker_of, [], chunk=1, parallel_from=0)) == []


@pytest.mark.timeout(120)
def test_a_lock_held_by_another_thread_here_does_not_block_the_workers(two_processes):
    release = threading.Event()
    holder = threading.Thread(target=lambda: HELD.acquire() and release.wait())
    holder.start()
    try:
        results = list(fanout.map_chunks(under_held_lock, list(range(4)), chunk=1,
                                         parallel_from=2))
    finally:
        release.set()
        holder.join()
        HELD.release()
    assert sorted(results) == [0, 1, 2, 3]


@pytest.mark.timeout(120)
def test_a_worker_that_dies_fails_the_map_with_a_message(two_processes):
    with pytest.raises(fanout.WorkerDied, match="PARLEY_PROCESSES=1"):
        list(fanout.map_chunks(dying, list(range(4)), chunk=1, parallel_from=2))


def test_extraction_in_workers_gives_the_results_of_this_process(monkeypatch):
    items = [(f"doc{i}", text, dt.date(2025, 3, 1)) for i, text in enumerate(TEXTS)]
    monkeypatch.setattr(fanout, "PROCESSES", 1)
    here = dict(extract_all(items))
    monkeypatch.setattr(fanout, "PROCESSES", 2)
    monkeypatch.setattr("pipeline.engine.stages.PARALLEL_FROM_DOCUMENTS", 2)
    monkeypatch.setattr("pipeline.engine.stages.CHUNK", 1)
    assert dict(extract_all(items)) == here
    assert sorted(here) == ["doc0", "doc1", "doc2"]
    assert here["doc1"].quotes[0].speaker.name == "Dmitry Peskov"


def _map_in_a_forked_child(queue) -> None:
    queue.put(sorted(n for n, _ in fanout.map_chunks(worker_of, list(range(4)), chunk=1,
                                                     parallel_from=2)))


@pytest.mark.timeout(120)
def test_a_process_forked_after_the_workers_started_runs_workers_of_its_own(two_processes):
    fanout.start_workers()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_map_in_a_forked_child, args=(queue,))
    child.start()
    child.join(60)
    assert child.exitcode == 0
    assert queue.get(timeout=5) == [0, 1, 2, 3]


SCRIPT = """
import sys
with open(sys.argv[1], "a") as runs:
    runs.write("run\\n")
if __name__ == "__main__":
    from pipeline.engine import fanout
    fanout.PROCESSES = 2
    from tests.engine.test_fanout import worker_of
    print(len(list(fanout.map_chunks(worker_of, list(range(4)), chunk=1, parallel_from=2))))
"""


def _program(tmp_path: Path, text: str, argument: Path) -> dict:
    """How to run `text` as a program of its own, with this repository importable."""
    script = tmp_path / "program.py"
    script.write_text(text, encoding="utf-8")
    repo = str(Path(__file__).resolve().parents[2])
    return {"args": [sys.executable, str(script), str(argument)], "cwd": repo,
            "env": {**os.environ, "PYTHONPATH": repo}}


@pytest.mark.timeout(120)
def test_workers_do_not_run_the_programs_main_script_again(tmp_path):
    runs = tmp_path / "runs.txt"
    done = subprocess.run(**_program(tmp_path, SCRIPT, runs), capture_output=True, text=True,
                          timeout=100)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["4"]
    assert runs.read_text().splitlines() == ["run"]


def test_a_small_batch_goes_to_a_running_server_only_when_the_server_preloads_its_needs(
        two_processes):
    fanout.start_workers()
    here = {pid for _, pid in fanout.map_chunks(worker_of, [1], chunk=1, parallel_from=4)}
    there = {pid for _, pid in fanout.map_chunks(worker_of, [1], chunk=1, parallel_from=4,
                                                 preloaded=True)}
    assert here == {os.getpid()} and os.getpid() not in there


KILLED_BUILD = """
import sys
from pipeline.engine import fanout
from pipeline.quality import validation
fanout.PROCESSES = validation.PROCESSES = 2
from tests.engine.test_fanout import waiting
validation.start_validator()
list(fanout.map_chunks(waiting, [sys.argv[1]] * 2, chunk=1, parallel_from=2))
"""


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            children = {int(c) for c in (task / "children").read_text().split()}
            found |= children
            todo.extend(children)
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.timeout(180)
def test_a_build_killed_outright_leaves_no_worker_or_validator_behind(tmp_path):
    notes = tmp_path / "workers.txt"
    build = subprocess.Popen(**_program(tmp_path, KILLED_BUILD, notes))
    try:
        deadline = time.monotonic() + 120
        while len(notes.read_text().split() if notes.exists() else []) < 2:
            assert time.monotonic() < deadline and build.poll() is None, "workers never started"
            time.sleep(0.2)
        helpers = _descendants(build.pid)  # validator, fork server, workers
    finally:
        build.kill()
        build.wait()
    assert {int(p) for p in notes.read_text().split()} <= helpers
    deadline = time.monotonic() + 20
    while any(_running(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in helpers if _running(p)]
