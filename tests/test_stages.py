"""The corpus stages, and the incremental work the cache saves."""

import shutil
from pathlib import Path

from pipeline import stages
from pipeline.cache import DocumentCache

SEEDS = Path(__file__).resolve().parent.parent / "data" / "raw"
NEW_ARTICLE = """Rubio meets Lavrov in Riyadh

US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Riyadh on Tuesday.
“We agreed to keep talking,” Rubio told reporters after the meeting.
"""


def _build_tables(raw: Path, cache: DocumentCache):
    documents, _ = stages.document_tables(stages.read_raw(raw, cache))
    parsed = stages.parse(documents, cache)
    actors, mentions = stages.extract_actors(documents, parsed, cache)
    quotes = stages.extract_quotes(documents, parsed, cache, actors, mentions)
    events = stages.extract_events(documents, parsed, cache, actors, mentions)
    return documents, actors, mentions, quotes, events


def test_a_build_after_adding_one_file_does_work_for_that_file_only(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    first = _build_tables(raw, DocumentCache(tmp_path / "cache"))
    (raw / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")

    cache = DocumentCache(tmp_path / "cache")
    documents, actors, mentions, quotes, events = _build_tables(raw, cache)
    assert documents.num_rows == first[0].num_rows + 1
    assert cache.stats["read_miss"] == 1 and cache.stats["parse_miss"] == 1
    for stage in ("mentions", "quotes", "events"):
        assert cache.stats[f"{stage}_miss"] == 1, stage
        assert cache.stats[f"{stage}_hit"] == first[0].num_rows, stage
    assert "Sergey Lavrov" in actors.column("name").to_pylist()
    assert any(t.startswith("We agreed to keep talking") for t in quotes.column("text").to_pylist())


def test_cached_and_fresh_builds_give_identical_tables(tmp_path):
    fresh = _build_tables(SEEDS, DocumentCache(tmp_path / "a"))
    _build_tables(SEEDS, DocumentCache(tmp_path / "b"))
    cached = _build_tables(SEEDS, DocumentCache(tmp_path / "b"))
    flatten = lambda tables: [t for group in tables for t in (group if isinstance(group, tuple) else (group,))]  # noqa: E731
    for left, right in zip(flatten(fresh), flatten(cached)):
        assert left.equals(right)


def test_a_changed_file_replaces_its_document_and_a_deleted_one_leaves(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (raw / "b.txt").write_text(NEW_ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")
    cache = DocumentCache(tmp_path / "cache")
    before = stages.read_raw(raw, cache).documents
    (raw / "a.txt").write_text(NEW_ARTICLE.replace("Riyadh", "Istanbul"), encoding="utf-8")
    (raw / "b.txt").unlink()
    after = stages.read_raw(raw, cache).documents
    assert [d["source_file"] for d in after] == ["a.txt"]
    assert "Istanbul" in after[0]["clean_text"]
    assert after[0]["doc_id"] not in {d["doc_id"] for d in before}
