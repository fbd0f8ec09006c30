"""A release of the small shared tables, published once per test module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline.contract.contracts import TABLE_ORDER
from pipeline.quality.reports import required_tables
from pipeline.quality.validation import validate_table
from pipeline.releases.publish import publish

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory,
            release_tables: dict[str, pa.Table]) -> Path:
    reports = {n: validate_table(n, release_tables[n],
                                 {t: release_tables[t] for t in required_tables(n)})
               for n in TABLE_ORDER}
    return publish(release_tables, reports, tmp_path_factory.mktemp("out"), now=NOW).path
