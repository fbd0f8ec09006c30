"""The corpus stages: partitioned extraction, assembly, and the work the cache saves."""

import shutil
from pathlib import Path

import pytest

from pipeline.engine import stages
from pipeline.engine.cache import DocumentCache
from pipeline.engine.parts import BUCKETS, MissingPart, bucket_of

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"
NEW_ARTICLE = """Rubio meets Lavrov in Riyadh

US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Riyadh on Tuesday.
“We agreed to keep talking,” Rubio told reporters after the meeting.
"""


def _build_tables(raw: Path, cache: DocumentCache, buckets=BUCKETS):
    documents, *_ = stages.document_tables(stages.read_raw(raw, cache))
    counts = stages.extract_buckets(documents, buckets, cache)
    actors, mentions = stages.assembled_actors(documents, cache)
    quotes = stages.assembled_quotes(documents, cache)
    events = stages.assembled_events(documents, cache)
    return documents, actors, mentions, quotes, events, counts


def test_a_build_after_adding_one_file_extracts_that_file_and_rewrites_its_bucket_only(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    first = _build_tables(raw, DocumentCache(tmp_path / "cache"))
    (raw / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")

    cache = DocumentCache(tmp_path / "cache")
    documents, actors, mentions, quotes, events, counts = _build_tables(raw, cache)
    assert documents.num_rows == first[0].num_rows + 1
    assert cache.stats["read_miss"] == 1
    assert counts["documents_extracted"] == 1 and counts["parts_written"] == 1
    new_id = next(d for d, f in zip(documents.column("doc_id").to_pylist(),
                                    documents.column("source_file").to_pylist(), strict=True)
                  if f == "new.txt")
    others_in_bucket = sum(bucket_of(d) == bucket_of(new_id)
                           for d in first[0].column("doc_id").to_pylist())
    assert counts["documents_from_cache"] == others_in_bucket
    assert "Sergey Lavrov" in actors.column("name").to_pylist()
    assert any(t.startswith("We agreed to keep talking") for t in quotes.column("text").to_pylist())


def test_cached_and_fresh_builds_give_identical_tables(tmp_path):
    fresh = _build_tables(SEEDS, DocumentCache(tmp_path / "a"))
    _build_tables(SEEDS, DocumentCache(tmp_path / "b"))
    cached = _build_tables(SEEDS, DocumentCache(tmp_path / "b"))
    assert cached[-1]["documents_extracted"] == 0 and cached[-1]["parts_written"] == 0
    flatten = lambda tables: [t for group in tables[:-1]  # noqa: E731
                              for t in (group if isinstance(group, tuple) else (group,))]
    for left, right in zip(flatten(fresh), flatten(cached), strict=True):
        assert left.equals(right)


def test_partitions_extracted_one_at_a_time_assemble_into_the_same_tables(tmp_path):
    whole = _build_tables(SEEDS, DocumentCache(tmp_path / "whole"))
    cache = DocumentCache(tmp_path / "split")
    documents, *_ = stages.document_tables(stages.read_raw(SEEDS, cache))
    for bucket in BUCKETS:
        stages.extract_buckets(documents, [bucket], cache)
    assert stages.assembled_quotes(documents, cache).equals(whole[3])
    assert all(a.equals(b) for a, b in
               zip(stages.assembled_events(documents, cache), whole[4], strict=True))


def test_assembly_names_the_partition_that_was_not_extracted(tmp_path):
    cache = DocumentCache(tmp_path / "cache")
    documents, *_ = stages.document_tables(stages.read_raw(SEEDS, cache))
    missing = bucket_of(documents.column("doc_id")[0].as_py())
    stages.extract_buckets(documents, [b for b in BUCKETS if b != missing], cache)
    with pytest.raises(MissingPart, match=f"partition {missing}"):
        stages.assembled_quotes(documents, cache)


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
