"""A deterministic corpus of realistic articles made from the seed articles' paragraphs.

Each document is a new arrangement of real reporting paragraphs under its own headline,
so the extractors meet real prose while the corpus grows to any size; the same seed number
always gives the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from pipeline.engine.ingest_stage import ingest

SEEDS = Path(__file__).resolve().parent.parent / "data" / "raw"
OUTLETS = ("Daily Express", "Kyiv Independent", "Reuters", "BBC News", "Al Jazeera",
           "Le Monde", "The Guardian", "Associated Press")
MIN_WORDS = 12


def seed_paragraphs(seeds: Path = SEEDS) -> list[str]:
    """Reporting paragraphs of the seed articles, after Parley's own cleaning."""
    paragraphs = []
    for doc in ingest(seeds).documents:
        paragraphs += [p.strip() for p in doc["clean_text"].split("\n")
                       if len(p.split()) >= MIN_WORDS]
    return sorted(set(paragraphs))


def generate(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` unique articles and a manifest.csv into `folder`."""
    rng = random.Random(seed)
    pool = seed_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    rows, files = [], []
    for n in range(count):
        body = rng.sample(pool, k=rng.randint(6, min(14, len(pool))))
        lead = body[0].split(". ")[0].rstrip(".")
        title = f"{lead[:90]} (report {n + 1})"
        path = folder / f"article_{n + 1:06d}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        files.append(path)
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(420))
        rows.append({"file": path.name, "title": title, "outlet": rng.choice(OUTLETS),
                     "url": f"https://example.org/parley-bench/{seed}/{n + 1}",
                     "published_at": day.isoformat(), "language": "en"})
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["file"])
        writer.writeheader()
        writer.writerows(rows)
    return files
