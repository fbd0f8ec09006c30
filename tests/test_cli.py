"""`parley build` as a person runs it: progress lines on a terminal, none in a pipe."""

from __future__ import annotations

import pytest

from pipeline.cli import main

ARTICLE = ("Talks in Geneva\n\nUkraine's President Volodymyr Zelensky met Swiss officials in "
           "Geneva on Monday, February 16, 2026, and the talks went on for hours.\n")


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    (raw / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    return raw, tmp_path_factory.mktemp("out")


def _build(folders) -> int:
    raw, out = folders
    return main(["build", "--raw", str(raw), "--out", str(out)])


def test_a_build_whose_stderr_is_no_terminal_prints_no_progress(folders, capsys, monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    assert _build(folders) == 0
    captured = capsys.readouterr()
    assert "Release published" in captured.out
    assert "reading" not in captured.err and "validated" not in captured.err


def test_a_build_on_a_terminal_shows_each_step_with_its_counts(folders, capsys, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich: stderr is a terminal
    monkeypatch.setenv("TTY_INTERACTIVE", "0")  # ... that shows the lines once, at the end
    assert _build(folders) == 0
    err = capsys.readouterr().err
    for line in ("loading Dagster", "reading 1 files", "1/1",
                 "extracted parts current in all 1 partitions", "assembled", "quotes",
                 "validated quotes:", "expectations hold", "unchanged: "):
        assert line in err, line
