"""A daily rebuild, so metadata or extractor changes reach a release without anyone asking."""

import dagster as dg

from pipeline.defs.jobs import build_release

daily_release = dg.ScheduleDefinition(
    name="daily_release", job=build_release, cron_schedule="0 5 * * *",
    execution_timezone="UTC", default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuild the release every day at 05:00 UTC.",
)
