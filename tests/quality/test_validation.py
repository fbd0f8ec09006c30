import multiprocessing
import sys

import pyarrow as pa
import pytest

from pipeline.contract.contracts import TABLE_ORDER, table
from pipeline.quality import validation
from pipeline.quality.reports import TableReport, required_tables
from pipeline.quality.validation import validate_table


def _validate(tables: dict[str, pa.Table], name: str) -> TableReport:
    return validate_table(name, tables[name], {t: tables[t] for t in required_tables(name)})


def _replace(tables: dict[str, pa.Table], name: str, **changes) -> dict[str, pa.Table]:
    rows = tables[name].to_pylist()
    rows[0].update(changes)
    return {**tables, name: table(name).from_rows(rows)}


def test_consistent_tables_pass_every_expectation(release_tables):
    for name in TABLE_ORDER:
        report = _validate(release_tables, name)
        assert report.success, [o.describe() for o in report.failures]
        assert report.rows == release_tables[name].num_rows


@pytest.mark.parametrize(("name", "changes", "column", "expectation"), [
    ("events", {"event_type": "CHAT"}, "event_type", "expect_column_values_to_be_in_set"),
    ("events", {"status": "rumoured"}, "status", "expect_column_values_to_be_in_set"),
    ("quotes", {"text": "We are ready"}, "text", "clean_text[start:end] == text"),
    ("quotes", {"end": 10_000}, "text", "clean_text[start:end] == text"),
    ("events", {"date_start": 0}, "date_text", "clean_text[date_start:date_end] == date_text"),
    ("events", {"place_end": None}, "place_text",
     "clean_text[place_start:place_end] == place_text"),
    ("mentions", {"actor_id": "0" * 16}, "actor_id", "references actors.actor_id"),
    ("actors", {"country": "Ukraine"}, "country", "expect_column_values_to_match_regex"),
    ("documents", {"language": None}, "language", "expect_column_values_to_not_be_null"),
    ("places", {"latitude": 123.0}, "latitude", "expect_column_values_to_be_between"),
])
def test_a_bad_row_fails_naming_table_column_and_expectation(
        release_tables, name, changes, column, expectation):
    report = _validate(_replace(release_tables, name, **changes), name)
    assert not report.success
    described = [o.describe() for o in report.failures]
    assert any(d.startswith(f"{name}.{column} failed") and expectation in d for d in described), \
        described


def test_duplicate_ids_fail_uniqueness(release_tables):
    doubled = pa.concat_tables([release_tables["actors"]] * 2)
    report = validate_table("actors", doubled, {})
    assert any(o.column == "actor_id" and "unique" in o.expectation for o in report.failures)


def test_report_round_trips_through_a_dict(release_tables):
    report = _validate(release_tables, "quotes")
    assert TableReport.from_dict(report.to_dict()) == report


@pytest.fixture
def validator(monkeypatch):
    """A validator process of this test's own, stopped after it."""
    monkeypatch.setattr(validation, "PROCESSES", 2)
    monkeypatch.setattr(validation, "_validator", None)
    validation.start_validator()
    yield
    validation._validator.shutdown()


@pytest.mark.timeout(300)
def test_the_validator_process_reports_what_this_process_would(release_tables, validator):
    bad = _replace(release_tables, "mentions", actor_id="0" * 16)
    assert _validate(release_tables, "quotes").success
    assert [o.describe() for o in _validate(bad, "mentions").failures] == \
        ["mentions.actor_id failed expect_column_values_to_be_in_set (references "
         "actors.actor_id): 1 bad value(s), e.g. mention_id="
         f"{bad['mentions'].column('mention_id')[0]}"]


@pytest.mark.timeout(300)
def test_a_validation_started_early_counts_only_for_the_very_tables_it_read(
        release_tables, validator):
    bad = _replace(release_tables, "documents", language=None)
    validation.validate_soon("run-1", documents=release_tables["documents"])
    assert not _validate(bad, "documents").success
    validation.validate_soon("run-2", documents=bad["documents"])
    assert _validate(release_tables, "documents").success
    validation.validate_soon("run-3", documents=bad["documents"])
    assert not _validate(bad, "documents").success


def _validate_and_exit(tables: dict[str, pa.Table]) -> None:
    validation.start_validator()
    sys.exit(0 if _validate(tables, "actors").success else 1)


@pytest.mark.timeout(300)
def test_a_forked_process_that_started_a_validator_ends(release_tables, monkeypatch):
    monkeypatch.setattr(validation, "PROCESSES", 2)
    child = multiprocessing.get_context("fork").Process(target=_validate_and_exit,
                                                        args=(release_tables,))
    child.start()
    child.join(240)
    if child.exitcode is None:  # it hangs: end it, or this process would wait for it at exit
        child.kill()
        child.join()
    assert child.exitcode == 0


def test_a_public_release_passes_its_suite_only_without_article_text(release_tables):
    public = {n: table(n).in_profile("public").project(t) for n, t in release_tables.items()}
    for name in ("documents", "events", "quotes"):
        related = {t: public[t] for t in required_tables(name, "public")}
        assert validate_table(name, public[name], related, "public").success, name
    leaked = public["documents"].append_column(
        "clean_text", release_tables["documents"].column("clean_text"))
    report = validate_table("documents", leaked, {}, "public")
    assert [o.expectation for o in report.failures] == [
        "expect_table_columns_to_match_ordered_list"]
