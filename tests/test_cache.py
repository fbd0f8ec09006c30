from pipeline.cache import DocumentCache, extractor_fingerprint


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
    (entry1,) = tmp_path.rglob("k1.pkl")
    (entry2,) = tmp_path.rglob("k2.pkl")
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
