"""report.html: one page a person opens to see what a release holds, without any tool.

Counts, a timeline of the real-world events, who met whom, where events took place, who is
quoted, the accuracy measured on the shipped gold, the validation verdicts and the changes
since the previous release. The charts are Altair (Vega-Lite) specifications rendered in the
browser as SVG by Vega, whose scripts are inlined once (vl-convert-python bundles them):
the page loads nothing from the network, so it opens offline and from an archive alike.

The page shows the changes since the previous release, so it depends on that release: its
checksum goes into release.json, not SHA256SUMS (as CHANGES.md's does).
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path

import altair as alt
import pyarrow as pa
import vl_convert

from pipeline.contract.contracts import TABLE_ORDER
from pipeline.quality.accuracy import figure
from pipeline.quality.reports import TableReport
from pipeline.releases.exports import GEOJSON_FILE
from pipeline.releases.layout import ACCURACY_JSON, REPORT_HTML

# The real-world events whose actors met: PLOVER's CONSULT (talks, visits, meetings).
MEETING_TYPE = "CONSULT"
# Who reported a meeting is no party to it.
NOT_AT_MEETING = frozenset({"source"})
TOP_SPEAKERS = 25
NO_SPEAKER = "(no speaker identified)"
# Speakers the articles describe without naming ("security experts") are one bar, not many.
DESCRIBED_SPEAKER = "(described, not named)"
WIDTH = 720
MAP_MARGIN_DEGREES = 8
# The bundle's own code, after its imports: what the page's script calls.
EXPOSE_EMBED = "window.vegaEmbed = vegaEmbed;"

COUNTED = (("documents", "documents"), ("rejected", "rejected files"), ("actors", "actors"),
           ("quotes", "quotes"), ("events", "event reports"), ("real_events", "real events"))

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 62rem;
       padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; }
.lead { color: #57606a; margin-top: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 0.8rem; padding: 0; list-style: none; }
.counts li { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 0.9rem;
             min-width: 7rem; }
.counts b { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; margin: 0.6rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.failed { color: #cf222e; font-weight: bold; }
.nodata { color: #57606a; font-style: italic; }
"""


def write_report(tables: Mapping[str, pa.Table], reports: Mapping[str, TableReport],
                 diff: Mapping, version: str, folder: Path) -> str:
    """Write report.html into the release folder `folder`, which already holds the GeoJSON
    export and, when gold matched, accuracy.json; returns the file's name."""
    charts = {
        "timeline": timeline_chart(tables["real_events"].to_pylist()),
        "network": network_chart(tables),
        "map": map_chart(_geojson_features(folder / GEOJSON_FILE)),
        "quotes": quotes_chart(tables),
    }
    sections = [
        ("Contents", _counts_html(tables)),
        ("Timeline of real events", _chart_html("timeline", charts["timeline"],
                                                "No real events in this release.")),
        ("Who met whom", _chart_html("network", charts["network"],
                                     "No meetings with two or more parties in this release.")),
        ("Where events took place", _chart_html("map", charts["map"],
                                                "No event with a known place in this release.")),
        ("Quotes per speaker", _chart_html("quotes", charts["quotes"],
                                           "No quotes in this release.")),
        ("Accuracy on the shipped gold", _accuracy_html(_read_accuracy(folder / ACCURACY_JSON))),
        ("Validation", _validation_html(reports)),
        ("Changes since the previous release", _changes_html(diff)),
    ]
    specs = {name: chart.to_dict() for name, chart in charts.items() if chart is not None}
    (folder / REPORT_HTML).write_text(_page(version, sections, specs), encoding="utf-8")
    return REPORT_HTML


def timeline_chart(real_events: Sequence[Mapping]) -> alt.TopLevelMixin | None:
    """Each dated real event as a point on its date and type, sized by its reports, so
    that an event reported ten times is one point and not ten."""
    rows = [{"date": e["event_date"].isoformat(), "type": e["event_type"],
             "status": e["status"], "reports": e["report_count"],
             "actors": ", ".join(e["actor_names"] or [])}
            for e in real_events if e["event_date"] is not None]
    if not rows:
        return None
    return alt.Chart(alt.Data(values=rows)).mark_circle(opacity=0.75).encode(
        x=alt.X("date:T", title="date", timeUnit="utcyearmonthdate"),
        y=alt.Y("type:N", title="event type"),
        size=alt.Size("reports:Q", title="reports", scale=alt.Scale(range=[40, 400]),
                      legend=_counts_legend(r["reports"] for r in rows)),
        color=alt.Color("status:N", title="status"),
        tooltip=["date:N", "type:N", "status:N", "reports:Q", "actors:N"],
    ).properties(width=WIDTH, height=alt.Step(22))


def meetings(tables: Mapping[str, pa.Table]) -> dict[tuple[str, str], int]:
    """How many real-world meetings each pair of actors attended together: the CONSULT
    reports' parties (not their sources), gathered per real event so that a meeting
    reported by three articles counts once."""
    names = _actor_names(tables)
    events = tables["events"].select(["event_id", "event_type", "event_cluster_id"])
    meeting_of = {e["event_id"]: e["event_cluster_id"] for e in events.to_pylist()
                  if e["event_type"] == MEETING_TYPE}
    parties: dict[str, set[str]] = {}
    for row in tables["event_actors"].select(["event_id", "actor_id", "role",
                                              "actor_text"]).to_pylist():
        if row["event_id"] in meeting_of and row["role"] not in NOT_AT_MEETING:
            name = names.get(row["actor_id"], row["actor_text"])
            parties.setdefault(meeting_of[row["event_id"]], set()).add(name)
    pairs: Counter[tuple[str, str]] = Counter()
    for attendees in parties.values():
        pairs.update(combinations(sorted(attendees), 2))
    return dict(pairs)


def meetings_per_actor(pairs: Mapping[tuple[str, str], int]) -> Counter[str]:
    """Each actor's meetings with others, counted once per other party met."""
    met: Counter[str] = Counter()
    for (a, b), count in pairs.items():
        met[a] += count
        met[b] += count
    return met


def circle_layout(pairs: Mapping[tuple[str, str], int]) -> dict[str, tuple[float, float]]:
    """Positions on a unit circle, the most connected actors first, ties by name: the
    same pairs give the same picture on every build."""
    degree = meetings_per_actor(pairs)
    order = sorted(degree, key=lambda name: (-degree[name], name))
    return {name: (round(math.cos(2 * math.pi * i / len(order)), 6),
                   round(math.sin(2 * math.pi * i / len(order)), 6))
            for i, name in enumerate(order)}


def network_chart(tables: Mapping[str, pa.Table]) -> alt.TopLevelMixin | None:
    """Who met whom: actors as points on a circle, a rule for each pair that met, as wide
    as their meetings are many; labels point outwards, away from the rules."""
    pairs = meetings(tables)
    if not pairs:
        return None
    position = circle_layout(pairs)
    edges = [{"a": a, "b": b, "meetings": n, "x": position[a][0], "y": position[a][1],
              "x2": position[b][0], "y2": position[b][1]} for (a, b), n in sorted(pairs.items())]
    met = meetings_per_actor(pairs)
    nodes = [{"actor": name, "x": x, "y": y, "meetings": met[name],
              "align": "left" if x >= 0 else "right"} for name, (x, y) in position.items()]
    domain = alt.Scale(domain=[-1.5, 1.5])
    rules = alt.Chart(alt.Data(values=edges)).mark_rule(color="#8c959f", opacity=0.6).encode(
        x=alt.X("x:Q", axis=None, scale=domain), y=alt.Y("y:Q", axis=None, scale=domain),
        x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("meetings:Q", title="meetings together",
                                    scale=alt.Scale(range=[1, 6]),
                                    legend=_counts_legend(pairs.values())),
        tooltip=["a:N", "b:N", "meetings:Q"])
    base = alt.Chart(alt.Data(values=nodes)).encode(
        x=alt.X("x:Q", axis=None, scale=domain), y=alt.Y("y:Q", axis=None, scale=domain))
    points = base.mark_circle(color="#0969da", opacity=1).encode(
        size=alt.Size("meetings:Q", title="meetings", scale=alt.Scale(range=[40, 300]),
                      legend=_counts_legend(met.values())),
        tooltip=["actor:N", "meetings:Q"])
    left = base.transform_filter("datum.align == 'left'").mark_text(align="left", dx=8)
    right = base.transform_filter("datum.align == 'right'").mark_text(align="right", dx=-8)
    labels = [chart.encode(text="actor:N") for chart in (left, right)]
    return alt.layer(rules, points, *labels).properties(width=WIDTH * 0.8, height=WIDTH * 0.8)


def _geojson_features(path: Path) -> list[dict]:
    """The placed real events as exported to real_events.geojson: the map shows the very
    points a GIS user gets."""
    if not path.is_file():
        return []
    return list(json.loads(path.read_text(encoding="utf-8"))["features"])


def map_chart(features: Sequence[Mapping]) -> alt.TopLevelMixin | None:
    """Events per place on a graticule, with no map tiles or borders to download; the
    projection is fitted to the places with a margin, not to the whole globe, so that
    nearby capitals stand apart."""
    reports: Counter[tuple[str, float, float]] = Counter()
    events: Counter[tuple[str, float, float]] = Counter()
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        place = (feature["properties"]["place"], lon, lat)
        reports[place] += feature["properties"]["report_count"]
        events[place] += 1
    if not events:
        return None
    rows = [{"place": place, "lon": lon, "lat": lat, "events": events[(place, lon, lat)],
             "reports": reports[(place, lon, lat)]} for place, lon, lat in sorted(events)]
    graticule = alt.Chart(alt.graticule(step=[10, 10])).mark_geoshape(
        stroke="#d0d7de", strokeWidth=0.5, filled=False, clip=True)
    base = alt.Chart(alt.Data(values=rows)).encode(longitude="lon:Q", latitude="lat:Q")
    points = base.mark_circle(color="#cf222e", opacity=0.8).encode(
        size=alt.Size("events:Q", title="real events", scale=alt.Scale(range=[40, 400]),
                      legend=_counts_legend(events.values())),
        tooltip=["place:N", "events:Q", "reports:Q"])
    labels = base.mark_text(align="left", dx=7, dy=-7, fontSize=11).encode(text="place:N")
    return alt.layer(graticule, points, labels).project(
        "mercator", fit=_extent(rows)).properties(width=WIDTH, height=WIDTH * 0.5)


def _extent(rows: Sequence[Mapping]) -> dict:
    """The places' bounding box widened by a margin, as the GeoJSON the projection fits."""
    lons, lats = [r["lon"] for r in rows], [r["lat"] for r in rows]
    west, east = min(lons) - MAP_MARGIN_DEGREES, max(lons) + MAP_MARGIN_DEGREES
    south = max(min(lats) - MAP_MARGIN_DEGREES, -80)
    north = min(max(lats) + MAP_MARGIN_DEGREES, 80)
    return {"type": "Feature", "properties": {}, "geometry": {
        "type": "MultiPoint", "coordinates": [[west, south], [east, north]]}}


def _counts_legend(counts: Iterable[int]) -> alt.Legend:
    """A legend of the counts that occur, at most five of them: there is no half a report."""
    found = sorted(set(counts))
    step = max(1, math.ceil(len(found) / 5))
    return alt.Legend(values=sorted({*found[::step], found[-1]}), format="d")


def _actor_names(tables: Mapping[str, pa.Table]) -> dict[str, str]:
    actors = tables["actors"].select(["actor_id", "name"]).to_pylist()
    return {a["actor_id"]: a["name"] for a in actors}


def quotes_chart(tables: Mapping[str, pa.Table]) -> alt.TopLevelMixin | None:
    """The most quoted speakers by actor; the described and the unattributed counted apart."""
    names = _actor_names(tables)
    per_speaker = Counter(
        names.get(q["speaker_id"])
        or (DESCRIBED_SPEAKER if q["speaker_kind"] == "described" else NO_SPEAKER)
        for q in tables["quotes"].select(["speaker_id", "speaker_kind"]).to_pylist())
    if not per_speaker:
        return None
    top = sorted(per_speaker.items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
    rows = [{"speaker": name, "quotes": n} for name, n in top]
    return alt.Chart(alt.Data(values=rows)).mark_bar(color="#0969da").encode(
        x=alt.X("quotes:Q", title="quotes", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("speaker:N", title=None, sort="-x"),
        tooltip=["speaker:N", "quotes:Q"],
    ).properties(width=WIDTH * 0.7, height=alt.Step(20))


def _read_accuracy(path: Path) -> list[dict]:
    """The rows of accuracy.json (pipeline.quality.accuracy), none when no gold matched."""
    if not path.is_file():
        return []
    return list(json.loads(path.read_text(encoding="utf-8"))["rows"])


def _number(value: object) -> str:
    return html.escape(figure(value))


def _table(header: Sequence[str], rows: Sequence[Sequence[object]],
           numeric: Sequence[bool]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="n">{_number(v)}</td>' if is_number
                         else f"<td>{html.escape(str(v))}</td>"
                         for v, is_number in zip(row, numeric, strict=True)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _counts_html(tables: Mapping[str, pa.Table]) -> str:
    items = "".join(f"<li><b>{tables[name].num_rows}</b>{html.escape(label)}</li>"
                    for name, label in COUNTED)
    return (f'<ul class="counts" id="counts">{items}</ul><p>A real event is one happening '
            "however many articles report it; an event report is one article's account.</p>")


def _accuracy_html(rows: Sequence[Mapping]) -> str:
    if not rows:
        return ('<p class="nodata" id="accuracy">No gold annotation matched this release\'s '
                "documents, so no accuracy was measured.</p>")
    header = ("table", "measure", "precision", "recall", "F1", "accuracy", "gold", "predicted")
    keys = ("table", "measure", "precision", "recall", "f1", "accuracy", "gold", "predicted")
    return (_table(header, [[r.get(k) for k in keys] for r in rows],
                   [False, False, True, True, True, True, True, True])
            .replace("<table>", '<table id="accuracy">', 1)
            + "<p>Measured against the gold annotations shipped with Parley "
              "for the seed articles.</p>")


def _validation_html(reports: Mapping[str, TableReport]) -> str:
    rows = [[name, reports[name].rows, len(reports[name].outcomes),
             len(reports[name].outcomes) - len(reports[name].failures),
             len(reports[name].failures)] for name in TABLE_ORDER if name in reports]
    failures = [o.describe() for name in TABLE_ORDER if name in reports
                for o in reports[name].failures]
    listed = "".join(f'<li class="failed">{html.escape(text)}</li>' for text in failures)
    verdict = (f"<ul>{listed}</ul>" if failures else
               "<p>Every expectation passed: the release gate let these tables through.</p>")
    return ("<p>Great Expectations suites derived from the table contracts (schemas/), run on "
            "every table before publication; validation.md lists each expectation.</p>"
            + _table(("table", "rows", "expectations", "passed", "failed"), rows,
                     [False, True, True, True, True]) + verdict)


def _changes_html(diff: Mapping) -> str:
    previous = diff["previous_version"]
    intro = (f"<p>Compared with the previous release, {html.escape(previous)}.</p>" if previous
             else "<p>First release in this folder: everything is new.</p>")
    docs = diff["documents"]
    listed = "".join(
        f"<li>{kind}: <code>{html.escape(doc['source_file'])}</code> "
        f"{html.escape(doc['title'] or '(no title)')}</li>"
        for kind in ("added", "removed", "changed") for doc in docs[kind])
    summary = (f"<p>Documents: {len(docs['added'])} added, {len(docs['removed'])} removed, "
               f"{len(docs['changed'])} changed.</p>" + (f"<ul>{listed}</ul>" if listed else ""))
    rows = [[name, t["rows_before"], t["rows_after"], t["added"], t["removed"], t["changed"]]
            for name, t in ((n, diff["tables"][n]) for n in TABLE_ORDER)]
    return intro + summary + _table(("table", "before", "after", "added", "removed", "changed"),
                                    rows, [False, True, True, True, True, True])


def _chart_html(name: str, chart: object, no_data: str) -> str:
    if chart is None:
        return f'<p class="nodata" id="{name}-nodata">{html.escape(no_data)}</p>'
    return f'<div class="chart" id="chart-{name}"></div>'


@functools.cache
def _vega_scripts() -> str:
    """Vega, Vega-Lite and vega-embed in one script that gives the page `vegaEmbed`, for
    the Vega-Lite version Altair writes (vl-convert names it 'v6_4' for schema 'v6.4.1')."""
    version = "_".join(alt.SCHEMA_VERSION.split(".")[:2])
    return vl_convert.javascript_bundle(snippet=EXPOSE_EMBED, vl_version=version)


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: article text cannot close it."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _page(version: str, sections: Sequence[tuple[str, str]], specs: Mapping[str, dict]) -> str:
    body = "".join(f"<section><h2>{html.escape(title)}</h2>{content}</section>"
                   for title, content in sections)
    # The editor and export links of vega-embed's menu would lead off the page: none.
    render = ("const specs = " + _script_json(specs) + ";\n"
              "for (const [name, spec] of Object.entries(specs)) {\n"
              "  vegaEmbed('#chart-' + name, spec, {renderer: 'svg', actions: false})\n"
              "    .catch(error => console.error(name, error));\n}\n")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>Parley {html.escape(version)}: report</title>\n"
            f"<style>{STYLE}</style>\n<script>{_vega_scripts()}</script>\n</head>\n<body>\n"
            f"<h1>Parley {html.escape(version)}</h1>\n"
            "<p class=\"lead\">The Russia-Ukraine peace process as the news reports it: what "
            "this release holds, at a glance. The tables, the dataset card (README.md) and "
            "datapackage.json are beside this page.</p>\n"
            f"{body}\n<script>\n{render}</script>\n</body>\n</html>\n")
