"""Where per-document work runs: this process, its own worker processes, or the dask
cluster the step runs on.

Reading files and parsing and extracting documents are per document and dominate a build,
so they are the work spread over cores and machines. Locally the workers are forked from a
fork server: a fresh single-threaded process that loads the model, registry and gazetteer
once (`WORKER_PRELOAD`), so workers start at once and share that memory. Forking the build's
own process instead is unsafe: Dagster, dask, GX and tqdm leave threads running, and a child
forked while one of them holds a lock can hang forever. A worker that dies (killed for
memory, say) fails the step with a message instead of leaving it waiting, and workers end
with the build that started them, even one killed outright. On a dask worker
the chunks go to the whole cluster, so adding workers speeds up the same job. Small batches
stay in this process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

from pipeline.processes import PROCESSES, WorkerDied, end_with, main_module_hidden

T = TypeVar("T")
R = TypeVar("R")

# Imported once by the fork server, before it forks any worker.
WORKER_PRELOAD = ["pipeline.engine.preloaded"]


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


def _workers_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    return context


def _forget_the_parents_server() -> None:
    """A process forked from one whose fork server runs inherits the record of that server,
    which it cannot wait on: Python's `ensure_running` then fails with ChildProcessError.
    The child starts a server of its own instead."""
    server = multiprocessing.forkserver._forkserver
    # The type: ignores below: typeshed does not declare ForkServer's private attributes.
    if server._forkserver_alive_fd is not None:  # type: ignore[attr-defined]
        os.close(server._forkserver_alive_fd)  # type: ignore[attr-defined]
    server._forkserver_alive_fd = None  # type: ignore[attr-defined]
    server._forkserver_pid = None  # type: ignore[attr-defined]
    server._forkserver_address = None  # type: ignore[attr-defined]


os.register_at_fork(after_in_child=_forget_the_parents_server)


def start_workers() -> None:
    """Start the fork server now, so that it loads the model while this process does other
    work, rather than when the first batch is handed out."""
    if PROCESSES >= 2:
        _workers_context()
        multiprocessing.forkserver.ensure_running()


def _server_running() -> bool:
    """Whether this process has started its fork server (a forked child has not, see above)."""
    # typeshed does not declare ForkServer's private attributes.
    return multiprocessing.forkserver._forkserver._forkserver_pid is not None  # type: ignore[attr-defined]


def map_chunks(function: Callable[[list[T]], list[R]], items: Sequence[T], *, chunk: int,
               parallel_from: int, preloaded: bool = False) -> Iterator[R]:
    """The results of `function` over chunks of `items`, in no particular order. `function`
    must be a module-level callable (or a partial of one) so workers can import it.
    `preloaded`: what `function` needs is in `WORKER_PRELOAD`, so once the server runs even
    a small batch goes to a worker rather than loading all that in this process."""
    chunks = [list(items[i:i + chunk]) for i in range(0, len(items), chunk)]
    if not chunks:
        return
    with _dask_client() as client:
        if client is not None:
            from distributed import as_completed as completed_on_cluster
            for future in completed_on_cluster(client.map(function, chunks, pure=False)):
                yield from future.result()
            return
    if PROCESSES < 2 or len(items) < parallel_from and not (preloaded and _server_running()):
        for part in chunks:
            yield from function(part)
        return
    with ProcessPoolExecutor(PROCESSES, mp_context=_workers_context(), initializer=end_with,
                             initargs=(os.getpid(),)) as pool:
        with main_module_hidden():
            futures = {pool.submit(function, part) for part in chunks}
        completed = as_completed(futures)
        del futures  # each result is freed once consumed, not kept until the last
        try:
            for future in completed:
                yield from future.result()
        except BrokenProcessPool as exc:
            raise WorkerDied(
                f"A worker process died while running {getattr(function, '__name__', function)}"
                " (killed for lack of memory, or crashed in native code). Build again with "
                "PARLEY_PROCESSES=1 to run in one process, or give the machine more memory."
            ) from exc
