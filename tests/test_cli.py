"""`parley build` as a person runs it: progress lines on a terminal, none in a pipe; and
`--gold DIR` scores the release on the gold of that folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.releases.layout import ACCURACY_JSON, CARD_FILE

REPO = Path(__file__).resolve().parent.parent
SEED = "000_d18b95a8ab299718"

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


def test_build_scores_the_release_on_the_gold_folder_it_is_given(tmp_path):
    raw, gold = tmp_path / "raw", tmp_path / "elsewhere"
    raw.mkdir()
    gold.mkdir()
    shutil.copy(REPO / "data" / "raw" / f"{SEED}.txt", raw)
    shutil.copy(REPO / "data" / "gold" / f"{SEED}.json", gold)
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "out"),
                 "--gold", str(gold)]) == 0
    release = tmp_path / "out" / "latest"
    accuracy = json.loads((release / ACCURACY_JSON).read_text(encoding="utf-8"))
    assert accuracy["documents_scored"] == [SEED]
    assert "Measured on the 1 article of" in (release / CARD_FILE).read_text(encoding="utf-8")
