"""Great Expectations 1.x suites derived from the table contracts, and their running.

GX has no DuckDB source that works with duckdb 2.0 and `dagster-ge` only supports GX 0.x,
so each table is validated as a pandas DataFrame through an ephemeral GX context. Checks
that span tables (references, `clean_text[start:end] == text`) are expressed as ordinary
column expectations on derived boolean columns ("actor_id in actors.actor_id", "text ==
clean_text[start:end]") expected to be true, so every failure is reported by GX with its
table, column and expectation, and the suite stays small however many keys a table has.

Importing GX takes seconds, so only `pipeline.quality.validation` imports this module, when a
table is validated (see there).
"""

from __future__ import annotations

import logging
import os
from functools import cache

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.contract.contracts import Column, Span, Table, table as contract
from pipeline.quality.reports import Outcome, TableReport, required_tables

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx  # noqa: E402  (must follow the analytics switch)
import great_expectations.expectations as gxe  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

logging.getLogger("great_expectations").setLevel(logging.WARNING)

# The dtype names GX reports for the pandas columns that `_frame` produces.
_PANDAS_TYPE = {
    "string": "str", "int64": "int64", "float64": "float64", "bool": "bool",
    "date": "object", "list<string>": "object",
}
_NULLABLE_DTYPES = {
    pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype(),
}
_EXAMPLES = 5


def _span_column(span: Span) -> str:
    return f"{span.text} == clean_text[{span.start}:{span.end}]"


def _reference_column(column: Column) -> str:
    return f"{column.name} in {column.references}"


def _references(spec: Table) -> list[Column]:
    return [c for c in spec.columns if c.references]


def _frame(data: pa.Table, spec: Table, related: dict[str, pa.Table]) -> pd.DataFrame:
    """The table as pandas, plus one boolean column per cross-table rule (each text span,
    each reference) telling whether it holds for the row."""
    frame = data.to_pandas(types_mapper=_NULLABLE_DTYPES.get)
    for col in _references(spec):
        assert col.references is not None  # _references keeps the columns that have one
        ref_table, ref_col = col.references.split(".")
        keys = (data if ref_table == spec.name else related[ref_table]).column(ref_col)
        holds = pc.or_(pc.is_null(data.column(col.name)),
                       pc.is_in(data.column(col.name), value_set=keys.combine_chunks()))
        frame[_reference_column(col)] = pd.array(holds.to_pylist(), dtype=pd.BooleanDtype())
    documents = related.get("documents")
    if spec.spans and documents is not None:
        texts = dict(zip(documents.column("doc_id").to_pylist(),
                         documents.column("clean_text").to_pylist(), strict=True))
        doc_ids = data.column("doc_id").to_pylist()
        for span in spec.spans:
            starts, ends, values = (data.column(c).to_pylist()
                                    for c in (span.start, span.end, span.text))
            frame[_span_column(span)] = pd.array(
                [_span_holds(texts.get(d), s, e, v)
                 for d, s, e, v in zip(doc_ids, starts, ends, values, strict=True)],
                dtype=pd.BooleanDtype())
    return frame


def _span_holds(text: str | None, start: int | None, end: int | None, value: str | None) -> bool:
    if start is None and end is None and value is None:
        return True  # an optional span that is absent
    if text is None or start is None or end is None or value is None:
        return False
    return 0 <= start <= end <= len(text) and text[start:end] == value


def _expectations(spec: Table) -> list[gxe.Expectation]:
    out: list[gxe.Expectation] = [gxe.ExpectTableColumnsToMatchOrderedList(
        column_list=spec.column_names + [_reference_column(c) for c in _references(spec)]
        + [_span_column(s) for s in spec.spans])]
    if len(spec.primary_key) > 1:
        out.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(spec.primary_key)))
    for col in spec.columns:
        name = col.name
        out.append(gxe.ExpectColumnValuesToBeOfType(column=name, type_=_PANDAS_TYPE[col.type]))
        if not col.nullable:
            out.append(gxe.ExpectColumnValuesToNotBeNull(column=name))
        if col.unique or spec.primary_key == (name,):
            out.append(gxe.ExpectColumnValuesToBeUnique(column=name))
        if col.allowed:
            out.append(gxe.ExpectColumnValuesToBeInSet(column=name, value_set=list(col.allowed)))
        if col.pattern:
            out.append(gxe.ExpectColumnValuesToMatchRegex(column=name, regex=col.pattern))
        if col.minimum is not None or col.maximum is not None:
            out.append(gxe.ExpectColumnValuesToBeBetween(
                column=name, min_value=col.minimum, max_value=col.maximum))
        if col.references:
            out.append(gxe.ExpectColumnValuesToBeInSet(
                column=_reference_column(col), value_set=[True],
                meta={"describe": f"references {col.references}", "column": name}))
    for span in spec.spans:
        out.append(gxe.ExpectColumnValuesToBeInSet(
            column=_span_column(span), value_set=[True],
            meta={"describe": f"clean_text[{span.start}:{span.end}] == {span.text}",
                  "column": span.text}))
    return out


@cache
def _context() -> gx.data_context.AbstractDataContext:
    """One ephemeral context per process: making one costs more than a table's validation."""
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _example(value: object, key: tuple[str, ...]) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={value[k]}" for k in key if k in value)[:160]
    return repr(value)[:80]


def _outcome(spec: Table, result) -> Outcome:
    config = result.expectation_config
    # a derived rule column is reported under the table column it checks
    column = (config.meta or {}).get("column") or config.kwargs.get("column")
    described = (config.meta or {}).get("describe")
    expectation = config.type + (f" ({described})" if described else "")
    details = result.result or {}
    # rows are named by their primary key, which says more than the bad value for a span
    rows = details.get("partial_unexpected_index_list") or details.get("partial_unexpected_list")
    examples = tuple(_example(v, spec.primary_key) for v in (rows or [])[:_EXAMPLES])
    if not result.success and not examples and details.get("observed_value") is not None:
        examples = (f"observed {details['observed_value']!r}"[:160],)
    return Outcome(table=spec.name, column=column, expectation=expectation,
                   success=bool(result.success), unexpected_count=details.get("unexpected_count"),
                   examples=examples)


@cache
def _batch_definition(name: str) -> gx.core.batch_definition.BatchDefinition:
    """Where the table's data frame enters GX, made once per process."""
    return (_context().data_sources.add_pandas(name).add_dataframe_asset(name)
            .add_batch_definition_whole_dataframe("whole"))


@cache
def _suite(name: str, profile: str) -> gx.ExpectationSuite:
    """The table's suite, which depends on its contract and the release's text profile
    alone, made once per process."""
    spec = contract(name).in_profile(profile)
    return _context().suites.add(gx.ExpectationSuite(name=f"{name}.{profile}",
                                                     expectations=_expectations(spec)))


def run_suite(name: str, data: pa.Table, related: dict[str, pa.Table],
              profile: str = "full") -> TableReport:
    """Run the table's suite; `related` holds the tables named by `required_tables(name)`.
    `profile` is the text profile of the tables (a public release has no text columns).

    The data frame is validated as a batch against the suite: a ValidationDefinition run
    gives the same results at twice the cost, for bookkeeping (result stores, run ids) that
    the release's own report replaces."""
    spec = contract(name).in_profile(profile)
    missing = set(required_tables(name, profile)) - related.keys()
    if missing:
        raise ValueError(f"validating {name} needs the tables {sorted(missing)}")
    batch = _batch_definition(name).get_batch(
        batch_parameters={"dataframe": _frame(data, spec, related)})
    # Pass/fail alone is half the cost; the rows to report are fetched only on failure.
    result = batch.validate(_suite(name, profile), result_format="BOOLEAN_ONLY")
    if not result.success:
        result = batch.validate(_suite(name, profile), result_format={
            "result_format": "SUMMARY",
            "unexpected_index_column_names": list(spec.primary_key)})
    outcomes = tuple(sorted((_outcome(spec, r) for r in result.results),
                            key=lambda o: (o.column or "", o.expectation)))
    return TableReport(table=name, rows=data.num_rows, outcomes=outcomes)
