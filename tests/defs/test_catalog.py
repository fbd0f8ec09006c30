import pyarrow as pa

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.defs.catalog import PREVIEW_WIDTH, column_schema, preview, table_metadata


def test_each_column_schema_is_its_contract():
    for name in TABLE_ORDER:
        schema = column_schema(name)
        spec = table(name)
        assert [(c.name, c.type, c.description) for c in schema.columns] == \
            [(c.name, c.type, c.description) for c in spec.columns]
        assert [c.constraints.nullable for c in schema.columns] == \
            [c.nullable for c in spec.columns]


def test_the_preview_is_a_markdown_table_of_the_first_rows_with_long_text_cut():
    data = pa.table({"id": [f"r{i}" for i in range(7)],
                     "text": ["a | b\nc", "x" * 500, None, "", "e", "f", "g"],
                     "names": [["Kyiv", "Geneva"], [], None, [], [], [], []]})
    lines = preview(data, rows=3).splitlines()
    assert lines[:2] == ["| id | text | names |", "|---|---|---|"]
    assert lines[2] == '| r0 | a \\| b c | ["Kyiv", "Geneva"] |'
    cut = lines[3].split(" | ")[1]
    assert len(cut) == PREVIEW_WIDTH and cut.endswith("…")
    assert lines[4] == "| r2 |  |  |"
    assert lines[-1] == "3 of 7 rows."


def test_the_metadata_carries_what_the_ui_renders(release_tables):
    metadata = table_metadata("quotes", release_tables["quotes"])
    assert metadata["dagster/row_count"].value == release_tables["quotes"].num_rows
    assert metadata["dagster/column_schema"].value == column_schema("quotes")
    assert "We are ready for peace." in metadata["preview"].value
