import datetime as dt
import hashlib
import pickle
from pathlib import Path

from pipeline.engine.cache import DocumentCache, extractor_fingerprint
from pipeline.extract.records import Actor, Event, EventActor, Extracted, Mention, Place


def test_values_round_trip_and_are_counted(tmp_path):
    cache = DocumentCache(tmp_path)
    assert cache.load("quotes", "abc") is None
    cache.store("quotes", "abc", ["a quote"])
    assert cache.has("quotes", "abc")
    assert DocumentCache(tmp_path).load("quotes", "abc") == ["a quote"]
    assert cache.computed("quotes", "abc", lambda: ["recomputed"]) == ["a quote"]
    assert cache.stats["quotes_miss"] == 1 and cache.stats["quotes_hit"] == 1


def test_a_damaged_or_truncated_entry_is_recomputed_never_served(tmp_path):
    cache = DocumentCache(tmp_path)
    cache.store("events", "k1", {"events": [1, 2, 3]})
    cache.store("events", "k2", {"events": [4]})
    (entry1,) = tmp_path.rglob("k1.json")
    (entry2,) = tmp_path.rglob("k2.json")
    data = bytearray(entry1.read_bytes())
    data[-3] ^= 0xFF
    entry1.write_bytes(bytes(data))
    entry2.write_bytes(entry2.read_bytes()[:20])
    assert cache.computed("events", "k1", lambda: "fresh") == "fresh"
    assert cache.load("events", "k2") is None
    assert cache.stats["events_damaged"] == 2
    assert cache.load("events", "k1") == "fresh"


def test_entries_live_under_the_extractor_fingerprint(tmp_path):
    DocumentCache(tmp_path).store("read", "abc", 1)
    assert [p.name for p in tmp_path.iterdir()] == [extractor_fingerprint()]
    assert extractor_fingerprint() == extractor_fingerprint()


def test_records_round_trip_as_the_same_objects(tmp_path):
    russia = Actor("Russia", "GPE", "RUS", True)
    event = Event("CONSULT", "occurred", 0, 5, "talks", 0, 20, "talks in Geneva today",
                  (EventActor(russia, "participant"),), dt.date(2026, 2, 17), "day", "today",
                  15, Place("Geneva", "CHE", 46.2, 6.15, 2660646), "Geneva", 9, "clause",
                  "clause", "third-party")
    value = Extracted((Mention(0, 6, "Russia", russia, "registry"),), (), (event,))
    cache = DocumentCache(tmp_path)
    cache.store("extracted", "d1", value)
    assert DocumentCache(tmp_path).load("extracted", "d1") == value
    assert next(tmp_path.rglob("d1.json")).read_bytes()[32:].startswith(b'{"key"')


def test_an_entry_copied_over_another_key_is_not_served(tmp_path):
    cache = DocumentCache(tmp_path)
    cache.store("read", "a", ["article a"])
    cache.store("read", "b", ["article b"])
    (a,) = tmp_path.rglob("a.json")
    (b,) = tmp_path.rglob("b.json")
    b.write_bytes(a.read_bytes())
    assert cache.load("read", "b") is None and cache.stats["read_damaged"] == 1


def test_a_crafted_pickle_with_a_valid_checksum_is_never_run(tmp_path):
    marker = tmp_path / "ran"

    class Boom:
        def __reduce__(self):
            return (Path.touch, (marker,))

    cache = DocumentCache(tmp_path)
    cache.store("read", "k", ["x"])
    (entry,) = tmp_path.rglob("k.json")
    payload = pickle.dumps(Boom())
    entry.write_bytes(hashlib.sha256(payload).digest() + payload)
    assert cache.load("read", "k") is None
    assert not marker.exists()
