"""Where the paths resource looks for gold annotations."""

from pathlib import Path

from pipeline.defs.resources import ParleyPaths


def test_gold_is_beside_the_raw_folder_unless_told_otherwise(tmp_path):
    raw = tmp_path / "data" / "raw"
    assert ParleyPaths(raw_dir=str(raw)).gold == tmp_path / "data" / "gold"
    chosen = ParleyPaths(raw_dir=str(raw), gold_dir=str(tmp_path / "mine")).gold
    assert chosen == tmp_path / "mine"
    assert ParleyPaths().gold == Path("data/gold").resolve()
