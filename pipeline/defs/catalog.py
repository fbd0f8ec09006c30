"""What the Dagster catalog shows of a table: its columns, its row count, its first rows.

The columns come from the table's contract (schemas/<table>.yaml), like every other
description of it, so the UI, the card and datapackage.json say the same thing.
"""

import json
from functools import cache

import dagster as dg
import pyarrow as pa

from pipeline.contract.contracts import Column, table as contract

PREVIEW_ROWS = 5
# Characters of a value shown in the preview: enough to recognise a row, short enough for
# the documents' clean text not to fill the page.
PREVIEW_WIDTH = 60


def _column(column: Column) -> dg.TableColumn:
    other = [f"one of {', '.join(column.allowed)}"] if column.allowed else []
    if column.references:
        other.append(f"references {column.references}")
    return dg.TableColumn(
        name=column.name, type=column.type, description=column.description,
        constraints=dg.TableColumnConstraints(nullable=column.nullable, unique=column.unique,
                                              other=other))


@cache
def column_schema(name: str) -> dg.TableSchema:
    """The table's columns, types, descriptions, nullability and primary key: built once per
    table, for the definitions and every materialization alike."""
    spec = contract(name)
    return dg.TableSchema(
        columns=[_column(c) for c in spec.columns],
        constraints=dg.TableConstraints(other=[f"primary key: {', '.join(spec.primary_key)}"]))


def _cell(value: object) -> str:
    """A value as one Markdown table cell: lists as JSON, nulls empty, long text cut."""
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, list) \
        else str(value)
    text = " ".join(text.split())
    if len(text) > PREVIEW_WIDTH:
        text = text[:PREVIEW_WIDTH - 1] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|")


def preview(data: pa.Table, rows: int = PREVIEW_ROWS) -> str:
    """The first rows as a Markdown table."""
    lines = ["| " + " | ".join(data.column_names) + " |",
             "|" + "---|" * data.num_columns]
    for row in data.slice(0, rows).to_pylist():
        lines.append("| " + " | ".join(_cell(v) for v in row.values()) + " |")
    if data.num_rows > rows:
        lines.append(f"\n{rows} of {data.num_rows} rows.")
    return "\n".join(lines)


def table_metadata(name: str, data: pa.Table) -> dict[str, dg.MetadataValue]:
    """The metadata of a table's materialization: what the UI renders as its columns, its
    row count and a preview of its first rows."""
    return {"dagster/column_schema": dg.MetadataValue.table_schema(column_schema(name)),
            "dagster/row_count": dg.MetadataValue.int(data.num_rows),
            "preview": dg.MetadataValue.md(preview(data))}
