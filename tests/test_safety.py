"""Safe by default: inputs cannot reach outside the raw folder, run code, or become SQL.

Complements tests/ingest/test_stage.py (manifest rows with ../ and absolute paths, links
leaving the folder, oversized files) and tests/test_release.py (article text reaches DuckDB
as data) with the remaining ways in: sidecars, Windows paths, nested manifests, HTML scripts.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline.engine.ingest_stage import ingest

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "Envoys meet in Geneva\n\nNegotiators from Kyiv and Moscow met in Geneva on Monday.\n"


def _reasons(raw: Path) -> dict[str, str]:
    return {r["source_file"]: r["reason"] for r in ingest(raw).rejected}


def test_a_sidecar_linking_outside_the_raw_folder_is_refused_not_read(tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text('{"title": "Read from outside"}')
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ARTICLE)
    os.symlink(secret, raw / "a.txt.meta.json")
    result = ingest(raw)
    assert {r["source_file"]: r["reason"] for r in result.rejected} == {
        "a.txt.meta.json": "outside_raw_folder"}
    assert [d["title"] for d in result.documents] == ["Envoys meet in Geneva"]


def test_manifest_paths_are_confined_to_the_raw_folder(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    (raw / "sub" / "manifest.csv").write_text(
        "file,title\n../a.txt,Inside\n../../b.txt,Outside\nC:\\Windows\\win.ini,Drive\n"
        "sub/../../../b.txt,Climbing\n")
    assert _reasons(raw) == {"sub/manifest.csv#row2": "outside_raw_folder",
                             "sub/manifest.csv#row3": "outside_raw_folder",
                             "sub/manifest.csv#row4": "outside_raw_folder"}


def test_html_scripts_are_dropped_never_run(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Talks resume</title>"
        "<script>document.title = 'INJECTED'; fetch('http://127.0.0.1/');</script></head>"
        "<body><article><p>Negotiators from Kyiv and Moscow met in Geneva on Monday and agreed "
        "to meet again next week.</p><script>alert('INJECTED')</script></article></body></html>")
    [doc] = ingest(tmp_path).documents
    assert "INJECTED" not in doc["clean_text"] and "fetch" not in doc["clean_text"]
    assert "met in Geneva on Monday" in doc["clean_text"]


def test_the_dagster_ui_listens_on_the_loopback_address_only():
    recipe = (REPO / "Makefile").read_text()
    [dev] = re.findall(r"^dev:.*\n\t(.+)$", recipe, flags=re.MULTILINE)
    assert re.search(r"\b(?:dagster|dg) dev -h 127\.0\.0\.1 ", dev), dev
