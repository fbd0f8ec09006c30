"""Accuracy of a release on the gold annotations shipped with the project (`data/gold/`).

The gold files follow the annotation rules summarised in `data/gold/README.md`: one JSON
file per article, named after its source file, listing the actors, quotes and events a
reader finds in it. A release carries these articles when it is built from the seed
folder, so every release can say how well it did on them: this module scores the tables
the way the project's evaluation does (the same matching rules, so the figures agree),
with plain functions and no Dagster, and returns one row per table and measure for
`accuracy.json` and the dataset card.

Matching, per article: an actor matches a gold actor when its name or one of its mention
texts is one of the gold names or aliases (case-folded, without possessive, leading "the"
or honorifics); a quote matches a gold quote when their word-token F1 is at least 0.5, and
its attribution is right when the speaker is the gold speaker (or, for a gold speaker that
only describes someone, the quote has no speaker actor and its speaker text overlaps the
description; for no gold speaker, none predicted); an event matches a gold event of the
same type sharing an actor, and among matches its place and date are checked. Matches are
one-to-one, best first; precision, recall and F1 are micro-averaged over the articles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

# Titles that precede a name in the text but are not part of the canonical name.
HONORIFICS = frozenset({
    "sir", "dame", "lord", "prof", "prof.", "professor", "dr", "dr.", "mr", "mr.", "mrs",
    "mrs.", "ms", "ms.", "president", "prime", "minister", "secretary", "chancellor", "general",
    "gen.", "gen", "lt.", "lieutenant", "ambassador", "envoy", "senator", "sen.", "rep.",
})
# Words that open a description of a speaker rather than a name ("a senior official").
DETERMINERS = frozenset({"a", "an", "the", "some", "one", "two", "three", "several", "many",
                         "most", "other", "his", "her", "their", "its", "our", "local",
                         "senior"})
QUOTE_MATCH = 0.5  # the least word-token F1 for a predicted quote to match a gold one


def normal_name(text: str | None) -> str:
    """A surface form reduced to what gold and release must share to name the same actor."""
    if not text:
        return ""
    text = re.sub(r"^the\s+", "", re.sub(r"'s$|'$", "", text.replace("\u2019", "'")
                                         .casefold().strip()))
    words = text.split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words).strip(" .,")


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(re.findall(r"\w+", a.casefold())), Counter(re.findall(r"\w+", b.casefold()))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def _one_to_one(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """(score, predicted, gold) pairs matched greedily, best score first, each side once."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in sorted(pairs, key=lambda t: -t[0]):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def _describes(speaker: str) -> bool:
    """A gold speaker that describes someone ("sources familiar with the talks")."""
    words = speaker.split()
    if not words:
        return False
    if words[0].casefold() in DETERMINERS:
        return len(words) > 1 and words[1][:1].islower()
    return words[0][:1].islower()


def _date_within(predicted: object, gold: str | None, precision: str | None) -> bool:
    if gold is None or not isinstance(predicted, dt.date):
        return False
    expected = dt.date.fromisoformat(gold[:10])
    if precision == "year":
        return predicted.year == expected.year
    if precision == "month":
        return (predicted.year, predicted.month) == (expected.year, expected.month)
    if precision == "week":
        return abs((predicted - expected).days) <= 6
    return predicted == expected


def _rows(data: pa.Table | None, columns: Iterable[str]) -> list[dict]:
    """The named columns of a table as rows; None for a column the profile leaves out."""
    if data is None:
        return []
    present = [c for c in columns if c in data.column_names]
    rows = data.select(present).to_pylist()
    return [{c: row.get(c) for c in columns} for row in rows]


class _Release:
    """The release tables indexed for scoring, one article at a time."""

    def __init__(self, tables: Mapping[str, pa.Table]) -> None:
        get = tables.get
        self.names = {r["actor_id"]: r["name"] for r in _rows(get("actors"), ("actor_id", "name"))}
        self.forms: dict[tuple, set[str]] = defaultdict(set)
        self.actors_in: dict[str, set[str]] = defaultdict(set)
        for m in _rows(get("mentions"), ("doc_id", "actor_id", "text")):
            self.forms[(m["doc_id"], m["actor_id"])].add(normal_name(m["text"]))
            self.actors_in[m["doc_id"]].add(m["actor_id"])
        self.quotes_in = _grouped(get("quotes"), ("doc_id", "text", "speaker_id",
                                                  "speaker_text", "kind"))
        self.events_in = _grouped(get("events"), ("doc_id", "event_id", "event_type",
                                                  "event_date", "place_id"))
        self.event_actors: dict[str, set[str]] = defaultdict(set)
        for r in _rows(get("event_actors"), ("event_id", "actor_id")):
            self.event_actors[r["event_id"]].add(r["actor_id"])
        self.places = {r["place_id"]: r["name"] for r in _rows(get("places"), ("place_id", "name"))}

    def forms_of(self, doc_id: str, actor_id: str | None) -> set[str]:
        """Every normalised form by which the release names an actor in one article."""
        if actor_id is None:
            return set()
        return {normal_name(self.names.get(actor_id))} | self.forms.get((doc_id, actor_id), set())


def _grouped(data: pa.Table | None, columns: tuple[str, ...]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in _rows(data, columns):
        grouped[row["doc_id"]].append(row)
    return grouped


def _gold_forms(gold: dict) -> dict[str, set[str]]:
    """Each gold actor's normalised name with the normalised forms it goes by."""
    return {normal_name(a["name"]): {normal_name(a["name"])}
            | {normal_name(x) for x in a.get("aliases", [])} for a in gold["actors"]}


def _score_actors(release: _Release, doc_id: str, gold: dict, tally: Counter) -> None:
    predicted = sorted(release.actors_in.get(doc_id, set()))
    gold_forms = list(_gold_forms(gold).values())
    pairs = [(1.0, i, j) for i, actor in enumerate(predicted)
             for j, forms in enumerate(gold_forms) if release.forms_of(doc_id, actor) & forms]
    tally.update(actors_matched=len(_one_to_one(pairs)), actors_predicted=len(predicted),
                 actors_gold=len(gold_forms))


def _attributed(release: _Release, doc_id: str, quote: dict, speaker: str | None,
                forms: Mapping[str, set[str]]) -> bool:
    if speaker is None:
        return quote["speaker_id"] is None
    if _describes(speaker) and quote["speaker_id"] is None:
        return token_f1(quote["speaker_text"] or "", speaker) >= QUOTE_MATCH
    wanted = forms.get(normal_name(speaker), {normal_name(speaker)})
    return bool(release.forms_of(doc_id, quote["speaker_id"]) & wanted)


def _score_quotes(release: _Release, doc_id: str, gold: dict, kinds: set[str],
                  tally: Counter) -> None:
    gold_quotes = [q for q in gold["quotes"] if q.get("kind") in kinds]
    predicted = [q for q in release.quotes_in.get(doc_id, []) if q["kind"] in kinds]
    pairs = [(f, i, j) for i, q in enumerate(predicted) for j, g in enumerate(gold_quotes)
             if (f := token_f1(q["text"] or "", g["text"])) >= QUOTE_MATCH]
    matched = _one_to_one(pairs)
    forms = _gold_forms(gold)
    attributed = sum(_attributed(release, doc_id, predicted[i], gold_quotes[j].get("speaker"),
                                 forms) for i, j in matched)
    tally.update(quotes_matched=len(matched), quotes_predicted=len(predicted),
                 quotes_gold=len(gold_quotes), quotes_attributed=attributed)


def _score_events(release: _Release, doc_id: str, gold: dict, tally: Counter) -> None:
    predicted = release.events_in.get(doc_id, [])
    forms = _gold_forms(gold)
    pairs = []
    for i, event in enumerate(predicted):
        actor_forms = [release.forms_of(doc_id, a)
                       for a in release.event_actors.get(event["event_id"], set())]
        for j, g in enumerate(gold["events"]):
            if (event["event_type"] or "").upper() != g["type"].upper():
                continue
            wanted = [forms.get(normal_name(n), {normal_name(n)}) for n in g["actors"]]
            shared = sum(any(f & w for f in actor_forms) for w in wanted)
            if shared:
                pairs.append((float(shared), i, j))
    matched = _one_to_one(pairs)
    tally.update(events_matched=len(matched), events_predicted=len(predicted),
                 events_gold=len(gold["events"]))
    for i, j in matched:
        g, event = gold["events"][j], predicted[i]
        if g.get("location"):
            place = normal_name(release.places.get(event["place_id"]))
            where = normal_name(g["location"])
            tally.update(place_checked=1,
                         place_right=bool(place) and (place in where or where in place))
        if g.get("date"):
            tally.update(date_checked=1, date_right=_date_within(
                event["event_date"], g["date"], g.get("date_precision")))


def _score_cleaning(clean_text: str | None, gold: dict, tally: Counter) -> None:
    if clean_text is None:  # a release without article text cannot show its cleaning
        return
    clean = _spaces(clean_text)
    boilerplate, body = gold.get("boilerplate", []), gold.get("body_sentences", [])
    tally.update(boilerplate_checked=len(boilerplate),
                 boilerplate_right=sum(_spaces(b) not in clean for b in boilerplate),
                 body_checked=len(body), body_right=sum(_spaces(s) in clean for s in body))


def _spaces(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold annotation files of a folder (sidecar `.meta.json` files are not gold)."""
    if not gold_dir.is_dir():
        return []
    return [p for p in sorted(gold_dir.glob("*.json")) if not p.name.endswith(".meta.json")]


def _documents_by_stem(documents: pa.Table) -> dict[str, dict]:
    by_stem = {}
    for doc in _rows(documents, ("doc_id", "source_file", "clean_text")):
        name = Path(str(doc["source_file"])).name
        by_stem[name] = by_stem[Path(name).stem] = doc
    return by_stem


def _match(counts: Counter, table: str) -> dict:
    tp, predicted, gold = (counts[f"{table}_{k}"] for k in ("matched", "predicted", "gold"))
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"table": table, "measure": "match", "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4), "accuracy": None,
            "gold": gold, "predicted": predicted, "matched": tp}


def _share(counts: Counter, table: str, measure: str, right: str, checked: str) -> dict:
    n = counts[checked]
    return {"table": table, "measure": measure, "precision": None, "recall": None, "f1": None,
            "accuracy": round(counts[right] / n, 4) if n else None,
            "gold": n, "predicted": None, "matched": counts[right]}


@dataclass(frozen=True)
class Accuracy:
    """The scores of one release: which articles had gold, and one row per measure."""

    documents_scored: tuple[str, ...]
    rows: tuple[dict, ...]

    def to_dict(self) -> dict:
        return {"documents_scored": list(self.documents_scored), "rows": list(self.rows)}


def figure(value: object) -> str:
    """A score as the card and the report show it: three decimals, a dash for none."""
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def score(tables: Mapping[str, pa.Table], gold_dir: Path) -> Accuracy:
    """Score the release's documents that have a gold file in `gold_dir` (paired by the
    source file's name without extension). Predicted quotes are judged only of the kinds
    the gold annotates; a measure the release's text profile cannot show is left out."""
    files = gold_files(gold_dir)
    golds = [json.loads(p.read_text(encoding="utf-8")) | {"_stem": p.stem} for p in files]
    kinds = {q.get("kind") for g in golds for q in g["quotes"]} - {None}
    by_stem = _documents_by_stem(tables["documents"])
    release, tally, scored = _Release(tables), Counter[str](), []
    for gold in golds:
        doc = by_stem.get(Path(gold.get("doc", gold["_stem"])).name) or by_stem.get(gold["_stem"])
        if doc is None:
            continue
        scored.append(gold["_stem"])
        _score_cleaning(doc["clean_text"], gold, tally)
        _score_actors(release, doc["doc_id"], gold, tally)
        _score_quotes(release, doc["doc_id"], gold, kinds, tally)
        _score_events(release, doc["doc_id"], gold, tally)
    if not scored:
        return Accuracy((), ())
    c = tally
    rows = []
    if "clean_text" in tables["documents"].column_names:
        rows += [_share(c, "documents", "boilerplate removed", "boilerplate_right",
                        "boilerplate_checked"),
                 _share(c, "documents", "body kept", "body_right", "body_checked")]
    rows.append(_match(c, "actors"))
    if "text" in tables["quotes"].column_names:
        rows += [_match(c, "quotes"),
                 _share(c, "quotes", "attribution", "quotes_attributed", "quotes_matched")]
    rows += [_match(c, "events"), _share(c, "events", "place", "place_right", "place_checked"),
             _share(c, "events", "date", "date_right", "date_checked")]
    return Accuracy(tuple(scored), tuple(rows))
