"""report.html: in every release, self-contained, and drawn by a real browser.

The browser tests open the page in Debian's Chromium through Playwright (never a browser
Playwright downloads): they skip where Chromium is missing, unless PARLEY_REQUIRE_BROWSER=1
(as CI sets) makes a missing browser a failure. Screenshots go to $PARLEY_TEST_ARTIFACTS,
or tests/artifacts/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.contract.ids import sha256_file
from pipeline.extract.records import Actor, Event, EventActor, Extracted, Mention, Place, Quote
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases import changes
from pipeline.releases.exports import write_geojson
from pipeline.releases.layout import ACCURACY_JSON, CHECKSUMS_FILE, MANIFEST_FILE, REPORT_HTML
from pipeline.releases.publish import publish
from pipeline.releases.report_html import (
    DESCRIBED_SPEAKER,
    NO_SPEAKER,
    circle_layout,
    meetings,
    quotes_chart,
    write_report,
)
from pipeline.releases.verify import verify
from tests.conftest import tables_of

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CHARTS = ("timeline", "network", "map", "quotes")
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
TEXT = ("Volodymyr Zelensky met Vladimir Putin in Geneva on Monday, Reuters reported. "
        "Zelensky said: “We want peace.”")
DOC_ID = "a" * 64


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def meeting_tables() -> dict[str, pa.Table]:
    """One article on a meeting of two leaders, reported by an agency (a source, not a
    party to it), in Geneva, with one quote: enough for every chart of the report."""
    zelensky = Actor("Volodymyr Zelensky", "PERSON", "UKR", in_registry=True)
    putin = Actor("Vladimir Putin", "PERSON", "RUS", in_registry=True)
    reuters = Actor("Reuters", "ORG", "GBR")
    geneva = Place("Geneva", "CHE", 46.2, 6.15, 2660646)
    mentions = tuple(Mention(*_span(text), text, actor, "registry")
                     for text, actor in (("Volodymyr Zelensky", zelensky),
                                         ("Vladimir Putin", putin), ("Reuters", reuters)))
    speaker_start, speaker_end = _span("Zelensky said")
    quote = Quote(*_span("We want peace."), "We want peace.", "direct", "said", zelensky,
                  speaker_start, speaker_start + len("Zelensky"), "Zelensky")
    evidence = "Volodymyr Zelensky met Vladimir Putin in Geneva on Monday, Reuters reported."
    event = Event("CONSULT", "occurred", *_span("met"), "met", *_span(evidence), evidence,
                  actors=(EventActor(zelensky, "participant"), EventActor(putin, "participant"),
                          EventActor(reuters, "source")),
                  date=dt.date(2026, 2, 16), date_precision="day", date_text="Monday",
                  date_start=TEXT.index("Monday"), place=geneva, place_text="Geneva",
                  place_start=TEXT.index("Geneva"), date_basis="clause", place_basis="clause")
    return tables_of(DOC_ID, TEXT, Extracted(mentions, (quote,), (event,)),
                     dt.date(2026, 2, 17), "meeting.txt", "Leaders meet")


def empty_tables() -> dict[str, pa.Table]:
    return {name: table(name).from_rows([]) for name in TABLE_ORDER}


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return meeting_tables()


@pytest.fixture(scope="module")
def release(tmp_path_factory, tables) -> Path:
    reports = {n: validate_table(n, tables[n], {t: tables[t] for t in required_tables(n)})
               for n in TABLE_ORDER}
    return publish(tables, reports, tmp_path_factory.mktemp("out"), now=NOW).path


def _report_of(tables: dict[str, pa.Table], folder: Path) -> Path:
    """report.html written as publication writes it, next to the GeoJSON it maps."""
    write_geojson(tables, folder)
    write_report(tables, {}, changes.compare(None, None, tables), "test", folder)
    return folder / REPORT_HTML


def test_every_release_has_its_report_checksummed_in_release_json(release):
    manifest = json.loads((release / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["files"][REPORT_HTML] == sha256_file(release / REPORT_HTML)
    # It shows the changes since the previous release: not reproducible from the tables.
    assert REPORT_HTML not in (release / CHECKSUMS_FILE).read_text(encoding="utf-8")
    assert verify(release, expectations=False).ok


def test_the_report_loads_nothing_from_elsewhere(release):
    page = (release / REPORT_HTML).read_text(encoding="utf-8")
    for loader in ('src="http', "src='http", 'href="http', "<link", "@import", "cdn.jsdelivr"):
        assert loader not in page
    # Two scripts: Vega's, inlined once, and the page's own that draws every chart.
    assert page.count("<script") == 2 and "vegaEmbed(" in page


def test_the_report_shows_counts_validation_and_changes(release):
    page = (release / REPORT_HTML).read_text(encoding="utf-8")
    assert "<b>1</b>documents" in page and "<b>1</b>real events" in page
    assert "Every expectation passed" in page
    assert "First release in this folder" in page and "meeting.txt" in page
    assert "No gold annotation matched" in page


def test_a_meeting_counts_its_parties_once_and_not_its_reporters(tables):
    assert meetings(tables) == {("Vladimir Putin", "Volodymyr Zelensky"): 1}


def test_the_network_layout_is_the_same_on_every_build():
    pairs = {("A", "B"): 2, ("B", "C"): 1}
    layout = circle_layout(pairs)
    assert layout == circle_layout(dict(reversed(pairs.items())))
    assert list(layout) == ["B", "A", "C"]  # the most connected first, ties by name
    assert layout["B"] == (1.0, 0.0)


def test_accuracy_rows_are_shown_when_the_gold_matched(tables, tmp_path):
    rows = [{"table": "quotes", "measure": "speaker", "precision": 0.75, "recall": 0.5,
             "f1": 0.6, "gold": 4, "predicted": 3}]
    accuracy = {"documents_scored": ["doc"], "rows": rows}
    (tmp_path / ACCURACY_JSON).write_text(json.dumps(accuracy), encoding="utf-8")
    page = _report_of(tables, tmp_path).read_text(encoding="utf-8")
    assert '<table id="accuracy">' in page and "0.600" in page and "speaker" in page
    assert "No gold annotation matched" not in page


def test_a_release_without_data_gets_notes_instead_of_charts(tmp_path):
    page = _report_of(empty_tables(), tmp_path).read_text(encoding="utf-8")
    for chart in CHARTS:
        assert f'id="{chart}-nodata"' in page
        assert f'id="chart-{chart}"' not in page


def test_article_text_cannot_close_the_page_script(tables, tmp_path):
    actors = [{**a, "name": f"</script>{a['name']}"} for a in tables["actors"].to_pylist()]
    hostile = {**tables, "actors": table("actors").from_rows(actors)}
    page = _report_of(hostile, tmp_path).read_text(encoding="utf-8")
    assert "</script>Vladimir Putin" not in page
    assert "\\u003c/script\\u003eVladimir Putin" in page  # in the chart data, escaped


# The browser.

def _artifacts() -> Path:
    folder = Path(os.environ.get("PARLEY_TEST_ARTIFACTS")
                  or Path(__file__).resolve().parents[1] / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    required = os.environ.get("PARLEY_REQUIRE_BROWSER") == "1"
    if not CHROMIUM.is_file():
        if required:
            pytest.fail(f"PARLEY_REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(browser, report: Path, screenshot: str) -> tuple[object, list[str], list[str]]:
    """The page once Vega has drawn it, the console's errors and every request the page
    made other than for itself (none are expected)."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: elsewhere.append(f"failed {request.url}"))
    page.on("request", lambda request: elsewhere.append(request.url)
            if request.url != report.as_uri() else None)
    page.goto(report.as_uri(), wait_until="load")
    try:
        page.wait_for_function(
            "[...document.querySelectorAll('div.chart')].every(c => c.querySelector('svg'))",
            timeout=20_000)
    except PlaywrightTimeout:
        pass  # a chart not drawn: the test's assertions say which, and the console why
    page.screenshot(path=str(_artifacts() / screenshot), full_page=True)
    return page, errors, elsewhere


def test_the_report_renders_every_chart_with_marks_and_no_errors(browser, release):
    page, errors, elsewhere = _open(browser, release / REPORT_HTML, "report.png")
    assert errors == [] and elsewhere == []
    for chart in CHARTS:
        container = page.locator(f"#chart-{chart}")
        assert container.locator("svg").count() == 1, chart
        assert container.locator("g.role-mark > *").count() > 0, chart
    page.close()


def test_a_report_without_data_renders_without_errors(browser, tmp_path):
    page, errors, elsewhere = _open(browser, _report_of(empty_tables(), tmp_path),
                                    "report-empty.png")
    assert errors == [] and elsewhere == []
    assert page.locator("div.chart").count() == 0
    assert page.locator(".nodata").count() == len(CHARTS) + 1  # and no gold matched
    page.close()


def test_described_and_unattributed_speakers_are_one_bar_each(tables):
    [named] = tables["quotes"].to_pylist()
    others = [named | {"quote_id": f"{kind}{i}", "speaker_id": None, "speaker_kind": kind,
                       "speaker_text": text}
              for i, (kind, text) in enumerate([("described", "security experts"),
                                                ("described", "a senior official"),
                                                ("unattributed", None)])]
    quotes = pa.Table.from_pylist([named, *others], schema=tables["quotes"].schema)
    bars = quotes_chart(tables | {"quotes": quotes}).to_dict()["data"]["values"]
    assert {b["speaker"]: b["quotes"] for b in bars} == {
        "Volodymyr Zelensky": 1, DESCRIBED_SPEAKER: 2, NO_SPEAKER: 1}
