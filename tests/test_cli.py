"""`parley build --gold DIR`: the release is scored on the gold of that folder."""

import json
import shutil
from pathlib import Path

from pipeline.cli import main
from pipeline.releases.layout import ACCURACY_JSON, CARD_FILE

REPO = Path(__file__).resolve().parent.parent
SEED = "000_d18b95a8ab299718"


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
