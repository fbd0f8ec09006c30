"""The release asset: publishes the validated tables as a versioned release folder."""

import dagster as dg
import pyarrow as pa

from pipeline.contract.contracts import TABLE_ORDER
from pipeline.defs.checks import REPORT_KEY, check_key
from pipeline.defs.resources import ParleyPaths
from pipeline.quality.reports import TableReport
from pipeline.releases.publish import publish


def _reports_of_this_run(context: dg.AssetExecutionContext) -> dict[str, TableReport]:
    """The gate's results, read back from this run's check evaluations, so the report in the
    release is exactly what the blocking checks decided."""
    keys = {check_key(name): name for name in TABLE_ORDER}
    records = context.instance.event_log_storage.get_latest_asset_check_execution_by_key(
        list(keys))
    reports = {}
    for key, name in keys.items():
        record = records.get(key)
        evaluation = record and record.event and record.event.dagster_event and \
            record.event.dagster_event.event_specific_data
        if record is None or record.run_id != context.run_id or evaluation is None:
            raise dg.Failure(f"The table {name} was not validated in this run; run the whole "
                             "job (parley build, or the build_release job) to publish.")
        reports[name] = TableReport.from_dict(evaluation.metadata[REPORT_KEY].value)
    return reports


@dg.asset(group_name="release", description="A validated, versioned release in OUT/releases/.",
          ins={name: dg.AssetIn(name) for name in TABLE_ORDER})
def release(context: dg.AssetExecutionContext, paths: ParleyPaths,
            **tables: pa.Table) -> dg.MaterializeResult:
    """Every table the contracts describe, in TABLE_ORDER, is an input."""
    published = publish(tables, _reports_of_this_run(context), paths.out,
                        profile=paths.text_profile, gold_dir=paths.gold)
    if not published.new:
        context.log.info(f"Tables unchanged since release {published.version}; "
                         "latest points at it.")
    return dg.MaterializeResult(metadata={
        "version": published.version, "path": str(published.path), "new": published.new,
        **{f"rows_{n}": t.num_rows for n, t in tables.items()}})
