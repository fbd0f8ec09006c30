"""Hostile inputs: each becomes a document or a rejected row with its reason, none stops the
build, and the rejected keys stay unique."""

import json
import os

import pytest

from pipeline.contract.contracts import table
from pipeline.engine.ingest_stage import ingest

ARTICLE = "Talks\n\nEnvoys from Russia and Ukraine met in Geneva on Monday.\n"
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    (raw / "good.txt").write_text(ARTICLE, encoding="utf-8")
    with open(os.path.join(os.fsencode(raw), b"name\xff.txt"), "wb") as fh:
        fh.write(ARTICLE.encode())
    (raw / "deep.json").write_text(DEEP, encoding="utf-8")
    (raw / "deep.jsonl").write_text(
        json.dumps({"title": "ok", "text": "Envoys met in Geneva."}) + "\n" + DEEP + "\n",
        encoding="utf-8")
    (raw / "sidecar.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "sidecar.txt.meta.json").write_text(DEEP, encoding="utf-8")
    (raw / "digits.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "digits.txt.meta.json").write_text('{"title": ' + "9" * 5000 + "}", encoding="utf-8")
    (raw / "surrogate.json").write_text(
        '{"title": "Talks \\ud800", "text": "Envoys met in Geneva on Monday."}', encoding="utf-8")
    (raw / "feed.jsonl").write_text(
        json.dumps({"title": "a", "text": "Envoys met in Geneva."}) + "\n{not json\n",
        encoding="utf-8")
    (raw / "feed.jsonl#L2").write_text(ARTICLE, encoding="utf-8")
    (raw / "sub").mkdir()
    (raw / "sub" / "long.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "sub" / "manifest.csv").write_text('file,title\nlong.txt,"' + "x" * 140_000 + '"\n',
                                              encoding="utf-8")
    return ingest(raw)


def _reasons(result):
    return {r["source_file"]: r["reason"] for r in result.rejected}


@pytest.mark.parametrize("source_file, reason", [
    ("name\\xff.txt", "undecodable"),
    ("deep.json", "malformed_json"),
    ("deep.jsonl#L2", "malformed_json"),
    ("sidecar.txt.meta.json", "malformed_json"),
    ("digits.txt.meta.json", "malformed_json"),
    ("feed.jsonl#L2", "malformed_json"),
    ("feed.jsonl%23L2", "unsupported_format"),
    ("sub/manifest.csv", "malformed_metadata"),
])
def test_each_hostile_input_is_rejected_with_its_reason(result, source_file, reason):
    assert _reasons(result)[source_file] == reason


def test_the_articles_beside_them_still_become_documents(result):
    names = {f for d in result.documents for f in d["source_files"]}
    assert {"good.txt", "deep.jsonl#L1", "sidecar.txt", "digits.txt", "surrogate.json",
            "feed.jsonl#L1", "sub/long.txt"} <= names


def test_a_lone_surrogate_is_replaced_and_the_tables_can_be_written(result):
    doc = next(d for d in result.documents if d["source_file"] == "surrogate.json")
    assert doc["title"] == "Talks \ufffd"
    documents = table("documents").from_rows(
        [{**d, "extractor_version": "test"} for d in result.documents])
    rejected = table("rejected").from_rows([r for r in result.rejected])
    assert len(set(rejected.column("source_file").to_pylist())) == rejected.num_rows
    assert documents.num_rows == len(result.documents)


def test_a_reader_failing_in_an_unforeseen_way_refuses_only_that_file(tmp_path, monkeypatch):
    from pipeline.ingest import readers

    def broken(rel, data, text):
        raise KeyError("a case nobody foresaw")

    monkeypatch.setattr(readers, "_read_txt", broken)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    [refusal] = readers.read_file(tmp_path, "a.txt", 10_000_000)
    assert refusal.reason == "unreadable" and "KeyError" in refusal.message


def test_metadata_of_the_wrong_kind_is_a_warning_not_a_value(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps(
        {"title": ["list", "title"], "outlet": {"name": "x"}, "url": True,
         "published_at": "3000-01-01"}), encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Monday", "Friday"), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        'file,title,outlet\nb.txt,"Talks\x00 resume",Daily\nb.txt,Other title,Daily\n',
        encoding="utf-8")
    docs = {d["source_file"]: d for d in ingest(tmp_path).documents}
    a, b = docs["a.txt"], docs["b.txt"]
    assert a["title"] == "Talks" and a["outlet"] is None and a["url"] is None
    assert a["published_at"] is None
    warned = " ".join(a["metadata_warnings"])
    for key in ("title is list", "outlet is dict", "url is bool", "published_at '3000-01-01'"):
        assert key in warned
    assert b["title"] == "Other title"
    assert any("several rows" in w for w in b["metadata_warnings"])
    assert docs["a.txt"]["metadata_warnings"] == sorted(docs["a.txt"]["metadata_warnings"])


PAGE = ("<html><head><meta property='article:published_time' content='2099-05-01'>"
        "<title>Talks</title></head><body><article><p>Envoys from Russia and Ukraine met in "
        "Geneva on Monday for a new round of talks on a ceasefire.</p></article></body></html>")


def test_a_page_date_does_not_depend_on_the_clock_or_the_time_zone(tmp_path):
    import subprocess
    import sys

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc] = ingest(tmp_path).documents
    assert (str(doc["published_at"]), doc["published_at_source"]) == ("2099-05-01", "html")
    program = ("import sys; from pathlib import Path; "
               "from pipeline.engine.ingest_stage import ingest; "
               "print(ingest(Path(sys.argv[1])).documents[0]['published_at'])")
    for zone in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
        found = subprocess.run([sys.executable, "-c", program, str(tmp_path)], check=True,
                               capture_output=True, text=True, env={**os.environ, "TZ": zone})
        assert found.stdout.strip() == "2099-05-01", zone
