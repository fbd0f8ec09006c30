"""The one composition root: every asset, check, job, schedule, sensor and resource."""

import dagster as dg

from pipeline.defs.graph import ALL_ASSETS, ALL_CHECKS
from pipeline.defs.jobs import build_release, build_release_on_dask
from pipeline.defs.resources import ParleyPaths
from pipeline.defs.schedules import daily_release
from pipeline.defs.sensors import raw_folder_sensor

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_release, build_release_on_dask],
    schedules=[daily_release],
    sensors=[raw_folder_sensor],
    resources={"paths": ParleyPaths()},
)


def dask_job() -> dg.JobDefinition:
    """The dask job with its resources, for `dagster.execute_job(reconstructable(dask_job))`:
    a job that leaves the process must be rebuilt by name in each worker."""
    return defs.get_job_def("build_release_on_dask")
