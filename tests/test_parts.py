"""Partition parts are keyed by the documents they cover, so they are never read stale."""

import pyarrow as pa
import pytest

from pipeline.parts import BUCKETS, MissingPart, PartStore, bucket_of, by_bucket


def _table(values):
    return pa.table({"doc_id": values})


def test_documents_fall_into_sixteen_buckets_by_their_first_hex_digit():
    ids = ["a1", "a2", "0f", "ff"]
    assert by_bucket(ids) == {"0": ["0f"], "a": ["a1", "a2"], "f": ["ff"]}
    assert {bucket_of(f"{b}123") for b in BUCKETS} == set(BUCKETS)


def test_a_part_is_read_for_exactly_the_documents_it_was_written_for(tmp_path):
    store = PartStore(tmp_path)
    store.write("a", ["a1", "a2"], {"quotes": _table(["a1", "a2"])})
    store.write("0", ["0f"], {"quotes": _table(["0f"])})
    parts = store.read(["a2", "0f", "a1"], "quotes")
    assert [p.column("doc_id").to_pylist() for p in parts] == [["0f"], ["a1", "a2"]]
    with pytest.raises(MissingPart, match="Bucket a has 3 document"):
        store.read(["a1", "a2", "a3", "0f"], "quotes")


def test_a_new_part_replaces_the_buckets_old_one(tmp_path):
    store = PartStore(tmp_path)
    store.write("a", ["a1"], {"quotes": _table(["a1"])})
    store.write("a", ["a1", "a2"], {"quotes": _table(["a1", "a2"])})
    assert store.has("a", ["a1", "a2"]) and not store.has("a", ["a1"])
    assert len([p for p in tmp_path.iterdir()]) == 1
