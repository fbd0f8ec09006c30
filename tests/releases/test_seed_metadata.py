"""The seed articles' release: frictionless and mlcroissant accept its descriptors, and
its accuracy is measured on every seed article, whose gold ships with Parley."""

import json
from pathlib import Path

import frictionless
import mlcroissant
import pytest

from pipeline.api import build
from pipeline.contract.contracts import TABLE_ORDER
from pipeline.releases.layout import (
    ACCURACY_JSON,
    CARD_FILE,
    CROISSANT_FILE,
    DATAPACKAGE_FILE,
    REPORT_HTML,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_release(tmp_path_factory):
    outcome = build(REPO / "data" / "raw", tmp_path_factory.mktemp("out"))
    assert outcome.success, outcome.problems
    return outcome.path


@pytest.mark.timeout(600)
def test_frictionless_finds_every_seed_table_valid(seed_release):
    report = frictionless.validate(seed_release / DATAPACKAGE_FILE)
    assert report.valid, report.flatten(["type", "fieldName", "note"])[:20]
    assert len(report.tasks) == 2 * len(TABLE_ORDER)


@pytest.mark.timeout(300)
def test_mlcroissant_accepts_the_seed_release(seed_release):
    dataset = mlcroissant.Dataset(jsonld=seed_release / CROISSANT_FILE)
    assert len(list(dataset.records("documents"))) == 5


def test_every_seed_article_is_scored_on_its_shipped_gold(seed_release):
    accuracy = json.loads((seed_release / ACCURACY_JSON).read_text(encoding="utf-8"))
    stems = sorted(p.stem for p in (REPO / "data" / "raw").glob("*.txt"))
    assert accuracy["documents_scored"] == stems
    assert {(r["table"], r["measure"]) for r in accuracy["rows"]} >= {
        ("actors", "match"), ("quotes", "match"), ("quotes", "attribution"),
        ("events", "match")}


def test_the_card_and_the_report_show_the_seed_accuracy(seed_release):
    accuracy = json.loads((seed_release / ACCURACY_JSON).read_text(encoding="utf-8"))
    quotes = next(r for r in accuracy["rows"] if (r["table"], r["measure"]) == ("quotes", "match"))
    page = (seed_release / REPORT_HTML).read_text(encoding="utf-8")
    assert '<table id="accuracy">' in page and f"{quotes['f1']:.3f}" in page
    assert "Accuracy" in (seed_release / CARD_FILE).read_text(encoding="utf-8")
