import duckdb
import pyarrow as pa
import pytest

from pipeline.contract.contracts import TABLE_ORDER, table, tables

# The minimum columns the evaluation and the users rely on: more are welcome, never fewer.
MINIMUM = {
    "documents": {"doc_id", "source_file", "title", "outlet", "url", "published_at",
                  "language", "clean_text", "raw_sha256"},
    "actors": {"actor_id", "name", "type", "country"},
    "mentions": {"mention_id", "doc_id", "actor_id", "text", "start", "end"},
    "quotes": {"quote_id", "doc_id", "text", "start", "end", "speaker_id", "speaker_text", "cue"},
    "events": {"event_id", "doc_id", "event_type", "status", "event_date", "date_precision",
               "place_id", "evidence_start", "evidence_end"},
    "event_actors": {"event_id", "actor_id", "role"},
    "places": {"place_id", "name", "country", "latitude", "longitude"},
}


def test_every_table_has_a_contract_with_the_minimum_columns():
    assert list(tables()) == list(TABLE_ORDER)
    for name, needed in MINIMUM.items():
        assert needed <= set(table(name).column_names), name


def test_every_column_is_described():
    for spec in tables().values():
        assert spec.description
        for col in spec.columns:
            assert col.description, f"{spec.name}.{col.name}"


def test_references_point_at_existing_columns():
    for spec in tables().values():
        for col in spec.columns:
            if col.references:
                ref_table, ref_col = col.references.split(".")
                assert ref_col in table(ref_table).column_names


def test_duckdb_ddl_creates_every_table():
    con = duckdb.connect()
    for spec in tables().values():
        con.execute(spec.duckdb_ddl())
        cols = [r[0] for r in con.execute(f'DESCRIBE "{spec.name}"').fetchall()]
        assert cols == spec.column_names


def test_rows_come_out_in_canonical_order_whatever_the_input_order():
    spec = table("rejected")
    rows = [dict(source_file=f, raw_sha256=None, reason="empty", message="m") for f in "cab"]
    assert spec.from_rows(rows).column("source_file").to_pylist() == ["a", "b", "c"]
    assert spec.from_rows(rows).equals(spec.from_rows(list(reversed(rows))))


def test_empty_tables_keep_their_schema():
    empty = table("quotes").from_rows([])
    assert empty.num_rows == 0
    assert empty.schema.field("start").type == pa.int64()


def test_frictionless_schema_lists_keys_and_constraints():
    schema = table("events").frictionless_schema()
    assert schema["primaryKey"] == ["event_id"]
    by_name = {f["name"]: f for f in schema["fields"]}
    assert "CONSULT" in by_name["event_type"]["constraints"]["enum"]
    assert {"fields": ["place_id"], "reference": {"resource": "places", "fields": ["place_id"]}} \
        in schema["foreignKeys"]


def test_rows_with_a_column_the_contract_lacks_are_refused():
    with pytest.raises(ValueError, match="places.*lacks: \\['population'\\]"):
        table("places").from_rows([{"place_id": "0" * 16, "name": "Geneva", "country": "CHE",
                                    "latitude": 46.2, "longitude": 6.15, "geonames_id": 1,
                                    "population": 200000}])


def test_the_trigger_lexicon_and_the_contracts_know_the_same_plover_types():
    import yaml

    from pipeline.extract.events import LEXICON, LEXICON_RULES

    lexicon = set(yaml.safe_load(LEXICON.read_text())) - set(LEXICON_RULES)
    assert set(table("events").column("event_type").allowed) == lexicon
    assert set(table("real_events").column("event_type").allowed) == lexicon


def test_a_public_profile_has_no_article_text_and_checks_no_spans():
    documents = table("documents").in_profile("public")
    events = table("events").in_profile("public")
    assert "clean_text" not in documents.column_names and "clean_sha256" in documents.column_names
    assert "evidence_text" not in events.column_names and events.spans == ()
    assert "text" in table("quotes").in_profile("public").column_names
    assert "text" not in table("quotes").in_profile("none").column_names
    assert len(table("events").in_profile("full").spans) == len(table("events").spans)


def test_an_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="unknown text profile 'private'"):
        table("quotes").in_profile("private")
