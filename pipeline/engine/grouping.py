"""Cross-article identity: one quote group per quotation and one cluster per real-world event.

Several outlets report the same words and the same meeting; counting rows would count
reports, not statements or events (the commonest complaint about event data). Grouping
is done over the whole release with blocking keys, so it stays near-linear in size.
Group ids are the hash of the smallest member id: derived from content, not run order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from pipeline.contract.ids import short_hash
from pipeline.extract.dates import dates_agree
from pipeline.extract.places import nested_in
from pipeline.extract.records import Place

# A quote this long is specific enough to be the same statement whoever it is attributed to.
DISTINCTIVE_WORDS = 6
# Shingles shared by more quotes than this are stock phrases, not evidence of one statement.
_MAX_BUCKET = 50
# Day- and week-precise dates that agree are never further apart than this.
_FINE_WINDOW = dt.timedelta(days=7)
_COARSE = {"month", "year"}


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smallest id stays the root

    def group_ids(self, kind: str) -> dict[str, str]:
        return {item: short_hash(kind, self.find(item)) for item in self.parent}


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def quote_groups(quotes: Iterable[Mapping]) -> dict[str, str]:
    """quote_id -> quote_group_id. Quotes are one statement when their words are the same,
    or when one's words run inside the other's (a fragment of a fuller quote), provided
    they are distinctive enough or the speakers agree, or when one opens inside the other
    in the same document with the same speaker."""
    rows = list(quotes)
    words = {q["quote_id"]: _words(q["text"]) for q in rows}
    speaker = {q["quote_id"]: q["speaker_id"] for q in rows}
    uf = _UnionFind(words)
    exact, shingles = _quote_blocks(words, speaker)
    _join_identical(uf, exact, words, speaker)
    _join_contained(uf, shingles, words, speaker)
    _join_nested(uf, rows)
    return uf.group_ids("quote_group")


def _join_nested(uf: _UnionFind, rows: list[Mapping]) -> None:
    """Quoted words that open inside a reported clause of the same speaker in the same
    document (“said the plan was “a start””) are that statement, however short."""
    by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc_id"]].append(row)
    for quotes in by_doc.values():
        quotes.sort(key=lambda q: (q["start"], -q["end"], q["quote_id"]))
        for k, outer in enumerate(quotes):
            for inner in quotes[k + 1:]:
                if inner["start"] >= outer["end"]:
                    break
                if inner["speaker_id"] == outer["speaker_id"]:
                    uf.union(outer["quote_id"], inner["quote_id"])


def _quote_blocks(words: Mapping[str, tuple[str, ...]], speaker: Mapping[str, str | None],
                  ) -> tuple[dict[tuple, list[str]], dict[tuple[str, ...], list[str]]]:
    """Quote ids by their words (and speaker, for a quote too short to identify a statement
    on its own) and by each run of DISTINCTIVE_WORDS words: two quotes are only ever compared
    when they share one of these keys, which keeps grouping near-linear."""
    exact: dict[tuple, list[str]] = defaultdict(list)
    shingles: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for qid, w in words.items():
        key = w if len(w) >= DISTINCTIVE_WORDS or speaker[qid] is None else (w, speaker[qid])
        if w:
            exact[key].append(qid)
        if len(w) >= DISTINCTIVE_WORDS:
            for shingle in {w[i:i + DISTINCTIVE_WORDS]
                            for i in range(len(w) - DISTINCTIVE_WORDS + 1)}:
                shingles[shingle].append(qid)
    return exact, shingles


def _join_identical(uf: _UnionFind, exact: Mapping[tuple, list[str]],
                    words: Mapping[str, tuple[str, ...]],
                    speaker: Mapping[str, str | None]) -> None:
    """Identical words are one statement without a word-by-word comparison, but a short
    quote nobody is credited with ("We are ready") is too common to be evidence of one."""
    for members in exact.values():
        if len(members) > 1 and (len(words[members[0]]) >= DISTINCTIVE_WORDS
                                 or speaker[members[0]] is not None):
            for other in members[1:]:
                uf.union(members[0], other)


def _join_contained(uf: _UnionFind, shingles: Mapping[tuple[str, ...], list[str]],
                    words: Mapping[str, tuple[str, ...]],
                    speaker: Mapping[str, str | None]) -> None:
    """A fragment of a fuller quote shares a shingle with it, so only quotes in one shingle's
    bucket are compared; crowded buckets are skipped because a stock phrase in many quotes is
    no evidence of one statement and would make the comparison quadratic."""
    for members in shingles.values():
        if len(members) > _MAX_BUCKET:
            continue
        for a in members:
            for b in members:
                if a < b and _same_statement(words[a], words[b], speaker[a], speaker[b]):
                    uf.union(a, b)


def _same_statement(a: tuple[str, ...], b: tuple[str, ...], sa: str | None,
                    sb: str | None) -> bool:
    if sa is not None and sb is not None and sa != sb:
        return False
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    return _contains(longer, shorter)


# Undated reports of these types are joined to dated ones by their article's publication
# date: a meeting or a deal reported without a day happened within a week of the report.
# Accusations and attacks between the same sides recur too often for that.
DATED_BY_PUBLICATION = {"CONSULT", "AGREE"}


@dataclass(frozen=True)
class _When:
    """The time a report is compared by: its own date, or its article's publication date
    known to the week (also when the report was dated by that alone)."""

    day: dt.date
    precision: str
    own: bool


def _when(event: Mapping, published: Mapping[str, dt.date | None]) -> _When | None:
    if event["event_date"] is not None and event.get("date_basis") == "publication":
        # dated only by the time of writing: it happened that day or shortly before
        return _When(event["event_date"], "week", False)
    if event["event_date"] is not None and event["status"] == "planned" \
            and event["date_precision"] == "day":
        # a plan's day is an intention: the meeting it announces can come a day or two off
        return _When(event["event_date"], "week", True)
    if event["event_date"] is not None:
        return _When(event["event_date"], event["date_precision"], True)
    day = published.get(event["doc_id"])
    if day is None or event["event_type"] not in DATED_BY_PUBLICATION \
            or event["status"] == "hypothetical":
        return None
    return _When(day, "week", False)


def _actors_compatible(a: set[str], b: set[str]) -> bool:
    shared = len(a & b)
    return shared >= 1 and shared >= min(2, len(a), len(b))


def _candidate_pairs(events: list[Mapping], when: Mapping[str, _When],
                    actors_of: Mapping[str, set[str]]) -> Iterator[tuple[Mapping, Mapping]]:
    """Pairs that could be one event: timed, of one type, sharing an actor, and no further
    apart than their precision allows. Blocking on (type, actor) and scanning dates in order
    keeps this near-linear; only month- and year-precise reports meet their whole month or
    year."""
    blocks = _event_blocks(events, when, actors_of)
    for key in sorted(blocks):
        block = sorted(blocks[key], key=lambda e: (when[e["event_id"]].day, e["event_id"]))
        yield from _pairs_within_window(block, when)
        yield from _pairs_within_period(block, when)


def _event_blocks(events: list[Mapping], when: Mapping[str, _When],
                  actors_of: Mapping[str, set[str]]) -> dict[tuple[str, str], list[Mapping]]:
    """Timed events by (type, actor): two reports can only be one event when they share both,
    so pairs are looked for within these blocks and never across the whole release."""
    blocks: dict[tuple[str, str], list[Mapping]] = defaultdict(list)
    for e in events:
        if e["event_id"] in when:
            for aid in sorted(actors_of.get(e["event_id"], ())):
                blocks[(e["event_type"], aid)].append(e)
    return blocks


def _pairs_within_window(block: list[Mapping],
                         when: Mapping[str, _When]) -> Iterator[tuple[Mapping, Mapping]]:
    """Pairs no further apart than _FINE_WINDOW in a date-sorted block: day- and week-precise
    dates never agree beyond it, so each scan stops at the first report too late."""
    for i, a in enumerate(block):
        for b in block[i + 1:]:
            if when[b["event_id"]].day - when[a["event_id"]].day > _FINE_WINDOW:
                break
            yield a, b


def _pairs_within_period(block: list[Mapping],
                         when: Mapping[str, _When]) -> Iterator[tuple[Mapping, Mapping]]:
    """Each month- or year-precise report with every other report in its month or year: such
    a date agrees with days further apart than the window, so the window scan misses them."""
    coarse = [e for e in block if when[e["event_id"]].precision in _COARSE]
    if not coarse:
        return
    periods: dict[tuple, list[Mapping]] = defaultdict(list)
    for e in block:
        periods[_period(when[e["event_id"]].day, "year")].append(e)
        periods[_period(when[e["event_id"]].day, "month")].append(e)
    for a in coarse:
        t = when[a["event_id"]]
        for b in periods[_period(t.day, t.precision)]:
            if b["event_id"] != a["event_id"]:
                yield a, b


def _period(day: dt.date, precision: str) -> tuple:
    return (day.year,) if precision == "year" else (day.year, day.month)


def _times_compatible(a: _When, b: _When, placed: bool) -> bool:
    """Dates that agree at the coarser precision; two reports timed only by their articles
    must also both name a place."""
    return (a.own or b.own or placed) and dates_agree(a.day, a.precision, b.day, b.precision)


def _places_agree(places: set[str], place_of: Mapping[str, Place]) -> bool:
    """Every two places nest: "Kremlin, Moscow", Moscow and Russia can be one meeting's."""
    known = [place_of[p] for p in sorted(places) if p in place_of]
    if len(known) < len(places):
        return len(places) <= 1
    return all(nested_in(x, y) or nested_in(y, x)
               for i, x in enumerate(known) for y in known[i + 1:])


def event_clusters(events: Iterable[Mapping], actors_of: Mapping[str, set[str]],
                   published: Mapping[str, dt.date | None] | None = None,
                   place_of: Mapping[str, Place] | None = None) -> dict[str, str]:
    """event_id -> event_cluster_id. Reports in different documents are one event when they
    have the same type, share their actors, name places that nest, and give dates within the
    coarser of their precisions. A meeting or deal reported without a day is timed by its
    article's `published` date (doc_id -> date), to the week; other undated reports stay
    alone: without a date, two accusations between the same actors are as likely two events
    as one."""
    rows = list(events)
    published = published or {}
    place_of = place_of or {}
    when = {e["event_id"]: t for e in rows if (t := _when(e, published)) is not None}
    uf = _UnionFind(e["event_id"] for e in rows)
    # Places known per cluster: a report that names no place must not bridge two clusters
    # held in different places.
    places = {e["event_id"]: {e["place_id"]} - {None} for e in rows}
    # Likewise the dates of a cluster's dated reports: reports timed only by their articles
    # must not chain two dated clusters a week apart into one.
    times = {eid: {t} if t.own else set() for eid, t in when.items()}
    for a, b in _candidate_pairs(rows, when, actors_of):
        ra, rb = uf.find(a["event_id"]), uf.find(b["event_id"])
        if (ra != rb and a["doc_id"] != b["doc_id"]
                and _places_agree(places[ra] | places[rb], place_of)
                and _times_compatible(when[a["event_id"]], when[b["event_id"]],
                                      a["place_id"] is not None and b["place_id"] is not None)
                and all(dates_agree(x.day, x.precision, y.day, y.precision)
                        for x in times[ra] for y in times[rb])
                and _actors_compatible(actors_of.get(a["event_id"], set()),
                                       actors_of.get(b["event_id"], set()))):
            uf.union(ra, rb)
            root = uf.find(ra)
            places[root] = places[ra] | places[rb]
            times[root] = times[ra] | times[rb]
    return uf.group_ids("event_cluster")
