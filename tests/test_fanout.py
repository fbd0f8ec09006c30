"""Extraction gives the same results in this process and in forked worker processes."""

import datetime as dt

from pipeline import fanout

TEXTS = [
    "Ukrainian President Volodymyr Zelensky met Donald Trump in Washington on Friday.",
    "“We are ready for talks,” Kremlin spokesman Dmitry Peskov told reporters in Moscow.",
    "Turkey offered to host a new round of negotiations in Istanbul next month.",
]


def _items():
    return [(f"doc{i}", text, dt.date(2025, 3, 1)) for i, text in enumerate(TEXTS)]


def test_worker_processes_give_the_results_of_this_process(monkeypatch):
    monkeypatch.setattr(fanout, "PROCESSES", 1)
    here = dict(fanout.extract_all(_items()))
    monkeypatch.setattr(fanout, "PROCESSES", 2)
    monkeypatch.setattr(fanout, "PARALLEL_FROM_DOCUMENTS", 2)
    monkeypatch.setattr(fanout, "CHUNK", 1)
    forked = dict(fanout.extract_all(_items()))
    assert forked == here
    assert sorted(here) == ["doc0", "doc1", "doc2"]
    assert here["doc1"].quotes[0].speaker.name == "Dmitry Peskov"


def test_nothing_to_extract_starts_nothing():
    assert list(fanout.extract_all([])) == []
