"""Per-document work gives the same results in this process and in forked workers."""

import datetime as dt
import os

from pipeline import fanout
from pipeline.stages import extract_all

TEXTS = [
    "Ukrainian President Volodymyr Zelensky met Donald Trump in Washington on Friday.",
    "“We are ready for talks,” Kremlin spokesman Dmitry Peskov told reporters in Moscow.",
    "Turkey offered to host a new round of negotiations in Istanbul next month.",
]


def worker_of(numbers: list[int]) -> list[tuple[int, int]]:
    return [(n, os.getpid()) for n in numbers]


def test_chunks_run_in_worker_processes_from_the_threshold_on(monkeypatch):
    monkeypatch.setattr(fanout, "PROCESSES", 2)
    prepared = []
    small = list(fanout.map_chunks(worker_of, [1, 2, 3], chunk=1, parallel_from=4,
                                   prepare=lambda: prepared.append(True)))
    assert {pid for _, pid in small} == {os.getpid()} and not prepared
    large = list(fanout.map_chunks(worker_of, list(range(8)), chunk=1, parallel_from=4,
                                   prepare=lambda: prepared.append(True)))
    assert sorted(n for n, _ in large) == list(range(8))
    assert os.getpid() not in {pid for _, pid in large} and prepared == [True]
    assert list(fanout.map_chunks(worker_of, [], chunk=1, parallel_from=0)) == []


def test_extraction_in_workers_gives_the_results_of_this_process(monkeypatch):
    items = [(f"doc{i}", text, dt.date(2025, 3, 1)) for i, text in enumerate(TEXTS)]
    monkeypatch.setattr(fanout, "PROCESSES", 1)
    here = dict(extract_all(items))
    monkeypatch.setattr(fanout, "PROCESSES", 2)
    monkeypatch.setattr("pipeline.stages.PARALLEL_FROM_DOCUMENTS", 2)
    monkeypatch.setattr("pipeline.stages.CHUNK", 1)
    assert dict(extract_all(items)) == here
    assert sorted(here) == ["doc0", "doc1", "doc2"]
    assert here["doc1"].quotes[0].speaker.name == "Dmitry Peskov"
