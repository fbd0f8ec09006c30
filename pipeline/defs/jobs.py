"""The job that runs every stage, the gate and the release."""

import dagster as dg

build_release = dg.define_asset_job(
    "build_release",
    selection=dg.AssetSelection.all(),
    description="Read data/raw, extract every table, validate them and publish a release.",
    # Releases share one output folder: dagster_home/dagster.yaml lets the run queue start
    # one run with this tag at a time.
    tags={"parley/release": "build"},
)
