"""The release asset: publishes the validated tables as a versioned release folder."""

import dagster as dg
import pyarrow as pa

from pipeline.contract.contracts import TABLE_ORDER
from pipeline.defs.checks import REPORT_KEY, check_key
from pipeline.defs.resources import ParleyPaths
from pipeline.engine import progress
from pipeline.quality.reports import TableReport
from pipeline.releases.layout import CARD_FILE, REPORT_HTML
from pipeline.releases.publish import publish


def _reports_of_this_run(context: dg.AssetExecutionContext) -> dict[str, TableReport]:
    """The gate's results, read back from this run's check evaluations, so the report in the
    release is exactly what the blocking checks decided. Read by run, not as each check's
    latest evaluation: builds sharing an instance (DAGSTER_HOME) may evaluate the same checks
    at the same time."""
    names = {check_key(name): name for name in TABLE_ORDER}
    reports = {}
    for entry in context.instance.all_logs(
            context.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION):
        evaluation = entry.dagster_event and entry.dagster_event.event_specific_data
        if isinstance(evaluation, dg.AssetCheckEvaluation) and \
                evaluation.asset_check_key in names:
            report = evaluation.metadata[REPORT_KEY].value
            assert isinstance(report, dict)  # the check records it as JSON, see checks.py
            reports[names[evaluation.asset_check_key]] = TableReport.from_dict(report)
    missing = [name for name in TABLE_ORDER if name not in reports]
    if missing:
        raise dg.Failure(f"The table(s) {', '.join(missing)} were not validated in this run; "
                         "run the whole job (parley build, or the build_release job) to "
                         "publish.")
    return {name: reports[name] for name in TABLE_ORDER}


@dg.asset(group_name="release", description="A validated, versioned release in OUT/releases/.",
          ins={name: dg.AssetIn(name) for name in TABLE_ORDER})
def release(context: dg.AssetExecutionContext, paths: ParleyPaths,
            **tables: pa.Table) -> dg.MaterializeResult:
    """Every table the contracts describe, in TABLE_ORDER, is an input."""
    with progress.step("publishing the release") as shown:
        published = publish(tables, _reports_of_this_run(context), paths.out,
                            profile=paths.text_profile, gold_dir=paths.gold)
        shown.note(f"{'published' if published.new else 'unchanged:'} {published.version}")
    if not published.new:
        context.log.info(f"Tables unchanged since release {published.version}; "
                         "latest points at it.")
    return dg.MaterializeResult(metadata={
        "version": published.version, "path": str(published.path), "new": published.new,
        # The release's own pages for a person: open them from the asset's page in the UI.
        "report": dg.MetadataValue.path(str(published.path / REPORT_HTML)),
        "card": dg.MetadataValue.path(str(published.path / CARD_FILE)),
        **{f"rows_{n}": t.num_rows for n, t in tables.items()}})
