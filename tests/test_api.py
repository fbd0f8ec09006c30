"""`build` records its run in the Dagster instance the UI reads, when DAGSTER_HOME names one."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipeline.api import build
from pipeline.contract.contracts import TABLE_ORDER
from pipeline.defs.checks import check_key

REPO = Path(__file__).resolve().parent.parent
ARTICLE = ("Talks in Geneva\n\nUkraine's President Volodymyr Zelensky met Swiss officials in "
           "Geneva on Monday, February 16, 2026. \u201cWe are ready for peace,\u201d Zelensky "
           "said after the talks.\n")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """One build with DAGSTER_HOME set to a copy of the repository's instance settings."""
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(REPO / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    raw = tmp_path_factory.mktemp("raw")
    (raw / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAGSTER_HOME", str(home))
        outcome = build(raw, tmp_path_factory.mktemp("out"))
    assert outcome.success, outcome.problems
    with dg.DagsterInstance.from_config(str(home)) as instance:
        yield outcome, instance


def _latest(instance: dg.DagsterInstance, name: str) -> dg.AssetMaterialization:
    event = instance.get_latest_materialization_event(dg.AssetKey(name))
    assert event is not None and event.asset_materialization is not None, name
    return event.asset_materialization


def test_every_table_is_recorded_with_its_columns_row_count_and_preview(recorded):
    outcome, instance = recorded
    for name in TABLE_ORDER:
        metadata = _latest(instance, name).metadata
        schema = metadata["dagster/column_schema"].value
        assert isinstance(schema, dg.TableSchema) and schema.columns, name
        assert metadata["dagster/row_count"].value == outcome.rows[name], name
        assert metadata["preview"].value.startswith("| "), name


def test_every_check_result_is_recorded(recorded):
    _, instance = recorded
    records = instance.event_log_storage.get_latest_asset_check_execution_by_key(
        [check_key(name) for name in TABLE_ORDER])
    assert set(records) == {check_key(name) for name in TABLE_ORDER}


def test_the_release_links_its_report_and_card(recorded):
    outcome, instance = recorded
    metadata = _latest(instance, "release").metadata
    assert metadata["report"].value == str(outcome.path / "report.html")
    assert metadata["card"].value == str(outcome.path / "README.md")
    assert metadata["version"].value == outcome.version
