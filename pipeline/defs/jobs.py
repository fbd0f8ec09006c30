"""The job that runs every stage, the gate and the release, locally or on a dask cluster."""

import dagster as dg
from dagster_dask import dask_executor

from pipeline.defs.graph import ALL_BUCKETS

_ALL = dg.AssetSelection.all()
# Releases share one output folder: dagster_home/dagster.yaml lets the run queue start one
# run with this tag at a time.
_TAGS = {"parley/release": "build", **ALL_BUCKETS}

build_release = dg.define_asset_job(
    "build_release", selection=_ALL, tags=_TAGS,
    description="Read data/raw, extract every table, validate them and publish a release.",
)

# The same assets and checks, each step run by a dask.distributed worker. Set
# execution.config.cluster in the launchpad: {existing: {address: "tcp://host:8786"}} for a
# running cluster, or {local: {n_workers: 2}} for one on this machine. Workers must share
# DAGSTER_HOME's storage and the raw and output folders (a shared disk or object storage).
build_release_on_dask = dg.define_asset_job(
    "build_release_on_dask", selection=_ALL, tags=_TAGS, executor_def=dask_executor,
    description="build_release with every step on a dask.distributed cluster.",
)
