"""The release job on a real dask.distributed cluster of two worker processes."""

import shutil
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq
from dask.distributed import LocalCluster

from pipeline.contract.contracts import TABLE_ORDER
from pipeline.definitions import dask_job

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"


def test_the_release_job_runs_on_a_local_dask_cluster(tmp_path):
    raw, out, home = tmp_path / "raw", tmp_path / "out", tmp_path / "dagster_home"
    raw.mkdir()
    home.mkdir()
    for name in sorted(p.name for p in SEEDS.glob("*.txt"))[:2]:
        shutil.copy(SEEDS / name, raw / name)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        with dg.DagsterInstance.local_temp(tempdir=str(home)) as instance:
            result = dg.execute_job(dg.reconstructable(dask_job), instance=instance, run_config={
                "execution": {"config": {"cluster": {"existing": {
                    "address": cluster.scheduler_address}}}},
                "resources": {"paths": {"config": {"raw_dir": str(raw), "out_dir": str(out)}}},
            })
            assert result.success
            checks = result.get_asset_check_evaluations()
            assert len(checks) == len(TABLE_ORDER) and all(e.passed for e in checks)
    documents = pq.read_table(out / "latest" / "documents.parquet")
    assert documents.num_rows == 2
    assert pq.read_table(out / "latest" / "quotes.parquet").num_rows > 0
