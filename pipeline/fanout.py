"""Where per-document work runs: this process, its own worker processes, or the dask
cluster the step runs on.

Reading files and parsing and extracting documents are per document and dominate a build,
so they are the work spread over cores and machines. Locally the workers are forked after
`prepare` has loaded what they need (the model, registry and gazetteer), so they start at
once and share that memory; on a dask worker the chunks go to the whole cluster, so adding
workers speeds up the same job. Small batches stay in this process, where starting workers
would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

PROCESSES = int(os.environ.get("PARLEY_PROCESSES", min(2, os.cpu_count() or 1)))


@contextmanager
def _dask_client():
    """A client for the cluster when this code runs inside a dask task, else None."""
    try:
        from distributed import get_worker, worker_client
        get_worker()
    except (ImportError, ValueError):
        yield None
        return
    with worker_client() as client:
        yield client


def map_chunks(function: Callable[[list[T]], list[R]], items: Sequence[T], *, chunk: int,
               parallel_from: int, prepare: Callable[[], None] | None = None) -> Iterator[R]:
    """The results of `function` over chunks of `items`, in no particular order. `function`
    must be a module-level callable (or a partial of one) so workers can receive it."""
    chunks = [list(items[i:i + chunk]) for i in range(0, len(items), chunk)]
    if not chunks:
        return
    with _dask_client() as client:
        if client is not None:
            from distributed import as_completed
            for future in as_completed(client.map(function, chunks, pure=False)):
                yield from future.result()
            return
    if PROCESSES < 2 or len(items) < parallel_from:
        for part in chunks:
            yield from function(part)
        return
    if prepare is not None:
        prepare()
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        for results in pool.imap_unordered(function, chunks):
            yield from results
