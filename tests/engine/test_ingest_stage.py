"""The whole stage over a folder of awkward inputs: every file ends up somewhere sensible."""

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from pipeline.contract.contracts import table
from pipeline.engine.ingest_stage import ingest
from pipeline.ingest.decode import decode
from pipeline.ingest.metadata import is_metadata_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "raw_bad"


@pytest.fixture(scope="module")
def result():
    return ingest(FIXTURES)


@pytest.fixture(scope="module")
def docs(result):
    return {d["source_file"]: d for d in result.documents}


@pytest.fixture(scope="module")
def reasons(result):
    return {r["source_file"]: r["reason"] for r in result.rejected}


def test_every_raw_file_is_accounted_for(result):
    accounted = {f.split("#")[0] for d in result.documents for f in d["source_files"]}
    accounted |= {r["source_file"].split("#")[0] for r in result.rejected}
    for path in FIXTURES.rglob("*"):
        if path.is_file() and not is_metadata_file(path.name):
            assert path.relative_to(FIXTURES).as_posix() in accounted


@pytest.mark.parametrize("source_file, reason", [
    ("empty.txt", "empty"),
    ("whitespace_only.txt", "empty"),
    ("binary_image.txt", "binary"),
    ("invalid_utf8.txt", "undecodable"),
    ("malformed.json", "malformed_json"),
    ("no_text.json", "no_text"),
    ("notes.md", "unsupported_format"),
    ("README.txt", "readme"),
    (".hidden_draft.txt", "hidden"),
    ("manifest.csv#row3", "missing_file"),
    ("manifest.csv#row4", "outside_raw_folder"),
    ("manifest.csv#row5", "outside_raw_folder"),
])
def test_bad_inputs_are_rejected_with_their_reason(reasons, source_file, reason):
    assert reasons[source_file] == reason


def test_rows_follow_the_table_contracts(result):
    for name, rows in (("documents", result.documents), ("rejected", result.rejected)):
        columns = {c.name: c for c in table(name).columns if c.name != "extractor_version"}
        for row in rows:
            assert set(row) == set(columns)
            for key, value in row.items():
                column = columns[key]
                assert value is not None or column.nullable, key
                if column.allowed and value is not None:
                    assert value in column.allowed
    assert all(r["message"] for r in result.rejected)


def test_output_is_sorted_and_deterministic(result):
    assert [d["doc_id"] for d in result.documents] == sorted(d["doc_id"] for d in result.documents)
    assert [r["source_file"] for r in result.rejected] == sorted(
        r["source_file"] for r in result.rejected)
    assert ingest(FIXTURES) == result


def test_windows_1252_and_utf16_are_decoded(docs):
    assert "The mediator’s “final” offer" in docs["windows1252.txt"]["clean_text"]
    assert docs["windows1252.txt"]["title"] == "Mediators meet in Genève"
    assert docs["utf16_bom.txt"]["clean_text"].startswith("Ukraine and Russia swapped")


def test_exact_duplicates_become_one_document(docs):
    doc = docs["leaders_call.txt"]
    assert doc["source_files"] == ["leaders_call.txt", "sub/leaders_call_copy.txt"]
    assert doc["doc_id"] == doc["raw_sha256"] and len(doc["doc_id"]) == 64
    assert "sub/leaders_call_copy.txt" not in docs


def test_txt_title_is_the_first_line_and_furniture_is_gone(docs):
    doc = docs["leaders_call.txt"]
    assert doc["title"] == "Leaders discuss security guarantees"
    assert doc["clean_text"] == (
        "European leaders discussed security guarantees for Ukraine on Thursday during a video "
        "call hosted from Paris.\n\n“We are ready to do more,” the French president said after "
        "the call.")


def test_html_keeps_the_article_and_drops_scripts_navigation_and_ads(docs):
    doc = docs["page.html"]
    text = doc["clean_text"]
    assert text.startswith("Envoys from Russia and Ukraine agreed on Monday")
    assert "“Both sides have shown a willingness to return to the table,”" in text
    for junk in ("dataLayer", "tracking", "Home", "Buy cheap flights", "Sponsored", "Privacy",
                 "Related stories", "All rights reserved", "Envoys agree to resume talks"):
        assert junk not in text
    assert (doc["format"], doc["title"], doc["outlet"]) == (
        "html", "Envoys agree to resume talks", "The Northern Ledger")
    assert doc["url"] == "https://ledger.example/world/envoys-resume-talks"
    assert (doc["published_at"], doc["published_at_source"]) == (dt.date(2025, 5, 6), "html")


def test_jsonl_lines_are_documents_with_their_own_fields(docs):
    first, second = docs["feed.jsonl#L1"], docs["feed.jsonl#L3"]
    assert (first["title"], first["outlet"], first["published_at"]) == (
        "Grain corridor reopens", "Harbour News", dt.date(2025, 7, 4))
    assert first["metadata_json"] == '{"section": "world"}'
    assert second["clean_text"] == ("The European Union extended its sanctions on Russia for "
                                    "six months, officials said on Monday.")
    assert (second["title"], second["published_at_source"]) == ("Sanctions extended", "metadata")


def test_sidecar_beats_manifest_and_manifest_fills_the_rest(docs):
    doc = docs["sidecar_article.txt"]
    assert (doc["title"], doc["outlet"]) == ("Kremlin studies proposal", "Wire Desk")
    assert doc["url"] == "https://example.org/kremlin"
    assert (doc["published_at"], doc["published_at_source"]) == (dt.date(2025, 3, 19), "metadata")
    assert doc["metadata_json"] == '{"desk": "Moscow bureau"}'


def test_manifest_metadata_applies_to_every_copy(docs):
    doc = docs["leaders_call.txt"]
    assert (doc["outlet"], doc["published_at"]) == ("Evening Courier", dt.date(2025, 2, 13))


def test_date_stated_in_the_text_is_used_when_nothing_else_gives_one(docs):
    doc = docs["dated_article.txt"]
    assert (doc["published_at"], doc["published_at_source"]) == (dt.date(2025, 3, 12), "text")
    assert "Published" not in doc["clean_text"]
    undated = docs["windows1252.txt"]
    assert (undated["published_at"], undated["published_at_source"]) == (None, None)


def test_languages_are_detected_and_non_english_is_kept(docs):
    assert docs["german_article.txt"]["language"] == "de"
    assert docs["page.html"]["language"] == "en"


def test_too_large_files_are_refused_without_reading(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"Headline\n\n" + b"Talks went on. " * 2000)
    result = ingest(tmp_path, max_bytes=1024)
    assert result.documents == []
    [row] = result.rejected
    assert (row["source_file"], row["reason"]) == ("huge.txt", "too_large")
    assert row["raw_sha256"] is None  # not even hashed: it may be gigabytes


def test_links_leaving_the_raw_folder_are_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\n\nNot part of the corpus.\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    os.symlink(outside, raw / "escape.txt")
    (raw / "manifest.csv").write_text("file,title\nescape.txt,Escaped\n")
    reasons = {r["source_file"]: r["reason"] for r in ingest(raw).rejected}
    assert reasons == {"escape.txt": "outside_raw_folder",
                       "manifest.csv#row1": "outside_raw_folder"}


def test_deeper_manifest_wins_and_orphan_sidecars_are_refused(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(FIXTURES / "german_article.txt", tmp_path / "sub" / "a.txt")
    (tmp_path / "manifest.csv").write_text("file,outlet,language\nsub/a.txt,Top,en\n")
    (tmp_path / "sub" / "manifest.csv").write_text("file,outlet\na.txt,Deep\n")
    (tmp_path / "sub" / "lonely.meta.json").write_text('{"title": "No article"}')
    result = ingest(tmp_path)
    [doc] = result.documents
    assert (doc["outlet"], doc["language"]) == ("Deep", "en")
    assert [(r["source_file"], r["reason"]) for r in result.rejected] == [
        ("sub/lonely.meta.json", "missing_file")]


def test_stem_sidecar_and_malformed_sidecar(tmp_path):
    shutil.copy(FIXTURES / "windows1252.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "german_article.txt", tmp_path / "b.txt")
    (tmp_path / "a.meta.json").write_text('{"outlet": "Stem Outlet", "published_at": "5 May 2025"}')
    (tmp_path / "b.meta.json").write_text('{"outlet": ')
    result = ingest(tmp_path)
    by_file = {d["source_file"]: d for d in result.documents}
    assert (by_file["a.txt"]["outlet"], by_file["a.txt"]["published_at"]) == (
        "Stem Outlet", dt.date(2025, 5, 5))
    assert by_file["b.txt"]["outlet"] is None
    assert [(r["source_file"], r["reason"]) for r in result.rejected] == [
        ("b.meta.json", "malformed_json")]


def test_json_article_with_html_body_and_nested_source(tmp_path):
    (tmp_path / "a.json").write_text(
        '{"headline": "Talks", "content": "<div><p>Kyiv said talks would resume.</p>'
        '<p>Moscow agreed.</p></div>", "source": {"id": "x", "name": "Wire"}, '
        '"pubDate": "Tue, 06 May 2025 10:00:00 GMT", "language": "EN-gb"}')
    [doc] = ingest(tmp_path).documents
    assert doc["clean_text"] == "Kyiv said talks would resume.\n\nMoscow agreed."
    assert (doc["title"], doc["outlet"], doc["language"]) == ("Talks", "Wire", "en")
    assert doc["published_at"] == dt.date(2025, 5, 6)


@pytest.mark.parametrize("content", [
    "Only a headline\n",
    "Headline\n\nShare this article\nLeave a Comment\n",
])
def test_files_without_article_text_are_refused(tmp_path, content):
    (tmp_path / "a.txt").write_text(content)
    [row] = ingest(tmp_path).rejected
    assert row["reason"] == "no_text"


def test_curated_metadata_beats_what_the_page_says(tmp_path):
    shutil.copy(FIXTURES / "page.html", tmp_path / "page.html")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,published_at,published_at_basis\n"
        "page.html,Curated Outlet,2025-05-07,estimated from text\n")
    [doc] = ingest(tmp_path).documents
    assert (doc["outlet"], doc["title"]) == ("Curated Outlet", "Envoys agree to resume talks")
    assert (doc["published_at"], doc["published_at_source"]) == (dt.date(2025, 5, 7), "metadata")
    assert doc["metadata_json"] == '{"published_at_basis": "estimated from text"}'


@pytest.mark.parametrize("source_file", ["leaders_call.txt", "windows1252.txt", "utf16_bom.txt"])
def test_clean_offsets_map_back_to_the_same_words_in_the_raw_file(docs, source_file):
    doc = docs[source_file]
    anchors = json.loads(doc["clean_to_raw"])
    raw = decode((FIXTURES / source_file).read_bytes())

    def to_raw(offset: int) -> int:
        clean_start, raw_start = max(a for a in anchors if a[0] <= offset)
        return raw_start + offset - clean_start

    for word in re.finditer(r"\w+", doc["clean_text"]):
        start = to_raw(word.start())
        assert raw[start:start + len(word.group())] == word.group()


def test_publication_date_from_the_url_then_the_text_with_its_basis(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "url.txt").write_text("Talks resume\n\nEnvoys met on Tuesday.", encoding="utf-8")
    (raw / "url.txt.meta.json").write_text(
        '{"url": "https://example.org/2025/03/12/talks.html"}', encoding="utf-8")
    (raw / "text.txt").write_text(
        "Paris summit\n\nLeaders convened in Paris on Tuesday, January 6, 2026.",
        encoding="utf-8")
    (raw / "none.txt").write_text("Talks\n\nEnvoys met on Tuesday.", encoding="utf-8")
    docs = {d["source_file"]: d for d in ingest(raw).documents}
    assert (docs["url.txt"]["published_at"], docs["url.txt"]["published_at_source"]) == (
        dt.date(2025, 3, 12), "url")
    assert (docs["text.txt"]["published_at"], docs["text.txt"]["published_at_source"]) == (
        dt.date(2026, 1, 6), "estimated")
    assert "Tuesday, January 6, 2026" in docs["text.txt"]["published_at_basis"]
    none = docs["none.txt"]
    assert none["published_at"] is None and none["published_at_basis"] is None


def test_a_first_line_that_is_a_full_sentence_is_the_lead_not_a_headline(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    lead = ("WASHINGTON -- Zelensky met Trump at the White House on Friday to ask for "
            "long-range missiles.")
    (raw / "lead.txt").write_text(f"{lead}\n\nThe talks lasted two hours.", encoding="utf-8")
    (raw / "headline.txt").write_text("Zelensky meets Trump at the White House\n\nThey talked.",
                                      encoding="utf-8")
    docs = {d["source_file"]: d for d in ingest(raw).documents}
    assert docs["lead.txt"]["title"] is None and docs["lead.txt"]["clean_text"].startswith(lead)
    assert docs["headline.txt"]["title"] == "Zelensky meets Trump at the White House"
    assert "White House" not in docs["headline.txt"]["clean_text"]


def test_a_removed_photo_caption_still_dates_an_undated_article(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    caption = "Envoys stand outside the palace in Geneva on March 4, 2025. (AFP)"
    (raw / "caption.txt").write_text(
        f"Talks resume\n\n{caption}\n\nEnvoys met again on Tuesday, officials said.",
        encoding="utf-8")
    (doc,) = ingest(raw).documents
    assert caption not in doc["clean_text"]
    assert (doc["published_at"], doc["published_at_source"]) == (dt.date(2025, 3, 4),
                                                                 "estimated")


def test_an_article_naming_no_year_is_dated_by_the_offices_it_names(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "truce.txt").write_text(
        "Truce declared\n\nRussian President Vladimir Putin declared a truce on May 8, and "
        "President Donald Trump welcomed it.", encoding="utf-8")
    (doc,) = ingest(raw).documents
    assert (doc["published_at"], doc["published_at_source"]) == (dt.date(2025, 5, 8),
                                                                 "estimated")
    assert "Donald Trump" in doc["published_at_basis"]
