"""Accuracy on gold annotations: the small release's one article, scored against gold
files written here, right and wrong."""

import json

import pytest

from pipeline.contract.contracts import table
from pipeline.quality.accuracy import normal_name, score

ZELENSKY = {"name": "Volodymyr Zelensky", "type": "PERSON", "country": "UKR",
            "aliases": ["Volodymyr Zelensky", "Zelensky"]}
QUOTE = {"text": "We are ready for peace.", "speaker": "Volodymyr Zelensky", "cue": "said",
         "kind": "direct"}
EVENT = {"type": "CONSULT", "actors": ["Volodymyr Zelensky"], "location": "Geneva",
         "date": "2026-02-17", "date_precision": "week", "status": "planned"}


def _gold(folder, stem="a", **changes):
    gold = {"doc": f"{stem}.txt", "boilerplate": ["(Image: Getty)"],
            "body_sentences": ["The talks will take place in Geneva next week."],
            "actors": [ZELENSKY], "quotes": [QUOTE], "events": [EVENT], **changes}
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def _measures(accuracy):
    return {(r["table"], r["measure"]): r for r in accuracy.rows}


def test_a_release_that_finds_what_the_gold_has_scores_one(release_tables, tmp_path):
    accuracy = score(release_tables, _gold(tmp_path / "gold"))
    assert accuracy.documents_scored == ("a",)
    rows = _measures(accuracy)
    for name in ("actors", "quotes", "events"):
        assert (rows[name, "match"]["f1"], rows[name, "match"]["gold"]) == (1.0, 1)
    for key in (("quotes", "attribution"), ("events", "place"), ("events", "date"),
                ("documents", "boilerplate removed"), ("documents", "body kept")):
        assert rows[key]["accuracy"] == 1.0, key


def test_wrong_speakers_types_and_misses_lower_the_scores(release_tables, tmp_path):
    wrong_speaker = {**QUOTE, "speaker": "Donald Trump"}
    missed = {"text": "Nobody said this here at all.", "speaker": None, "kind": "direct"}
    other_type = {**EVENT, "type": "ASSAULT"}
    trump = {"name": "Donald Trump", "type": "PERSON", "country": "USA", "aliases": ["Trump"]}
    rows = _measures(score(release_tables, _gold(
        tmp_path / "gold", actors=[ZELENSKY, trump], quotes=[wrong_speaker, missed],
        events=[other_type])))
    assert rows["actors", "match"]["recall"] == 0.5
    assert rows["actors", "match"]["precision"] == 1.0
    assert (rows["quotes", "match"]["recall"], rows["quotes", "match"]["matched"]) == (0.5, 1)
    assert rows["quotes", "attribution"]["accuracy"] == 0.0
    assert rows["events", "match"]["f1"] == 0.0
    assert rows["events", "place"]["accuracy"] is None  # no matched event to check


def test_a_date_outside_the_gold_precision_is_wrong(release_tables, tmp_path):
    day = {**EVENT, "date": "2026-02-20", "date_precision": "day"}
    rows = _measures(score(release_tables, _gold(tmp_path / "gold", events=[day])))
    assert rows["events", "date"]["accuracy"] == 0.0


def test_a_described_speaker_is_right_without_an_actor(release_tables, tmp_path):
    quotes = release_tables["quotes"]
    unnamed = quotes.set_column(quotes.schema.get_field_index("speaker_id"), "speaker_id",
                                [[None] * quotes.num_rows])
    described = {**QUOTE, "speaker": "a senior official"}
    unnamed = unnamed.set_column(unnamed.schema.get_field_index("speaker_text"),
                                 "speaker_text", [["a senior Kyiv official"]])
    rows = _measures(score({**release_tables, "quotes": unnamed},
                           _gold(tmp_path / "gold", quotes=[described])))
    assert rows["quotes", "attribution"]["accuracy"] == 1.0


def test_gold_for_no_document_of_the_release_scores_nothing(release_tables, tmp_path):
    accuracy = score(release_tables, _gold(tmp_path / "gold", stem="elsewhere"))
    assert (accuracy.documents_scored, accuracy.rows) == ((), ())
    assert score(release_tables, tmp_path / "missing").rows == ()


@pytest.mark.parametrize("profile", ["public", "none"])
def test_a_narrower_profile_leaves_out_what_it_cannot_show(release_tables, tmp_path, profile):
    narrow = {n: table(n).in_profile(profile).project(t) for n, t in release_tables.items()}
    measures = set(_measures(score(narrow, _gold(tmp_path / "gold"))))
    assert ("documents", "body kept") not in measures
    assert ("actors", "match") in measures and ("events", "date") in measures
    assert (("quotes", "match") in measures) == (profile == "public")


def test_names_are_compared_without_titles_possessives_or_case():
    assert normal_name("Prof. Anthony Glees’s") == normal_name("anthony glees") == "anthony glees"
    assert normal_name("the Kremlin") == "kremlin"
