"""Partition parts are keyed by the documents they cover, so they are never read stale."""

import pyarrow as pa
import pytest

from pipeline.engine.parts import BUCKETS, MissingPart, PartStore, bucket_of, by_bucket


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


def test_a_damaged_part_counts_as_missing_and_is_never_read(tmp_path):
    import pyarrow.parquet as pq

    store = PartStore(tmp_path)
    store.write("a", ["a1", "a2"], {"quotes": _table(["a1", "a2"])})
    (path,) = tmp_path.rglob("quotes.parquet")
    pq.write_table(_table(["a1", "a9"]), path)  # valid Parquet, one value changed
    assert not store.has("a", ["a1", "a2"])
    with pytest.raises(MissingPart, match="no intact extracted part"):
        store.read(["a1", "a2"], "quotes")
    store.write("a", ["a1", "a2"], {"quotes": _table(["a1", "a2"])})
    assert store.read(["a1", "a2"], "quotes")[0].column("doc_id").to_pylist() == ["a1", "a2"]


def test_a_part_copied_under_another_parts_name_is_not_taken_for_it(tmp_path):
    import shutil

    store = PartStore(tmp_path)
    store.write("a", ["a2"], {"quotes": _table(["a2"])})
    (other,) = tmp_path.iterdir()
    other_name = other.name
    store.write("a", ["a1"], {"quotes": _table(["a1"])})  # removes the a2 part
    (folder,) = tmp_path.iterdir()
    shutil.copytree(folder, tmp_path / other_name)
    assert store.has("a", ["a1"]) and not store.has("a", ["a2"])
