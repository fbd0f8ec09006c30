"""One measurement in a fresh process, printed as JSON, so peak memory is that run's alone.

    python -m benchmarks.measure build RAW OUT [NEW_ARTICLE]
    python -m benchmarks.measure floor DOCUMENTS_PARQUET PROCESSES
    python -m benchmarks.measure dask RAW OUT WORKERS
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path


def _descendants(root: int) -> list[int]:
    """`root` and every process below it: the worker server and the workers it forks are
    grandchildren, which rusage never counts."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo.extend(int(child) for child in fh.read().split())
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each, so the model
    the workers share with their server is counted once in a sum over processes."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0


class TreeMemory:
    """The peak, over the run, of the memory of this process and all its descendants
    together. Sampled every two seconds: reading a process's PSS walks its page tables (about
    5 ms for 600 MB), so sampling faster would slow the build it measures."""

    def __init__(self, interval: float = 2.0) -> None:
        self.peak_kb = 0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            total = sum(_pss_kb(pid) for pid in _descendants(os.getpid()))
            self.peak_kb = max(self.peak_kb, total)
            if self._stop.wait(self._interval):
                return

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return round(self.peak_kb / 1024, 1)


def measure_build(raw: Path, out: Path, new_article: Path | None = None) -> dict:
    """The whole build from a cold process; with `new_article`, then that article copied into
    the raw folder and built again in the same process (model and imports already loaded)."""
    start = time.perf_counter()
    with TreeMemory() as memory:
        from pipeline.api import build

        outcome = build(raw, out)
    if not outcome.success:
        raise SystemExit("build failed: " + "; ".join(outcome.problems))
    result = {"seconds": round(time.perf_counter() - start, 2), "peak_mb": memory.peak_mb,
              "rows": outcome.rows, "release": str(outcome.path),
              "step_seconds": outcome.step_seconds}
    if new_article is not None:
        shutil.copy(new_article, raw / new_article.name)
        start = time.perf_counter()
        again = build(raw, out)
        if not again.success:
            raise SystemExit("incremental build failed: " + "; ".join(again.problems))
        result["warm_incremental"] = {"seconds": round(time.perf_counter() - start, 2),
                                      "step_seconds": again.step_seconds}
    return result


def measure_floor(documents: Path, processes: int) -> dict:
    """The bare parse: the same clean texts through the stock model's nlp.pipe alone (none
    of Parley's changes to the pipeline), model load excluded."""
    import pyarrow.parquet as pq
    import spacy

    from pipeline.extract.nlp import MODEL

    texts = pq.read_table(documents, columns=["clean_text"]).column("clean_text").to_pylist()
    nlp = spacy.load(MODEL)
    start = time.perf_counter()
    with TreeMemory() as memory:
        for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
            pass
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return {"seconds": round(seconds, 2), "peak_mb": memory.peak_mb, "documents": len(texts),
            "words": words, "words_per_second": round(words / seconds)}


def measure_dask(raw: Path, out: Path, workers: int) -> dict:
    """The build_release_on_dask job on a fresh local cluster of `workers` single-threaded
    worker processes, cluster start-up excluded."""
    import tempfile

    import dagster as dg
    from dask.distributed import LocalCluster

    from pipeline.definitions import dask_job

    with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home, \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, \
            dg.DagsterInstance.local_temp(tempdir=home) as instance:
        start = time.perf_counter()
        result = dg.execute_job(dg.reconstructable(dask_job), instance=instance, run_config={
            "execution": {"config": {"cluster": {"existing": {
                "address": cluster.scheduler_address}}}},
            "resources": {"paths": {"config": {"raw_dir": str(raw), "out_dir": str(out)}}},
        })
        seconds = time.perf_counter() - start
        if not result.success:
            raise SystemExit("the dask build failed")
        steps = {s.step_key: round(s.end_time - s.start_time, 2)
                 for s in instance.get_run_step_stats(result.run_id)
                 if s.start_time is not None and s.end_time is not None}
    return {"workers": workers, "seconds": round(seconds, 2), "extractions_seconds":
            steps.get("extractions")}


def main(argv: list[str]) -> int:
    kind, *args = argv
    if kind == "build":
        result = measure_build(Path(args[0]), Path(args[1]),
                               Path(args[2]) if len(args) > 2 else None)
    elif kind == "floor":
        result = measure_floor(Path(args[0]), int(args[1]))
    elif kind == "dask":
        result = measure_dask(Path(args[0]), Path(args[1]), int(args[2]))
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
