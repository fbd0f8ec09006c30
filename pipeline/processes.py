"""Child processes that serve one build: how many, and how they end with it.

The extraction fan-out (`engine/fanout.py`) and the validator (`quality/validation.py`) both
start processes of their own; these helpers are what they share, kept below both layers so
that neither has to import the other.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager

# Processes a build uses (the build's own and its workers); 1 runs everything in one.
PROCESSES = int(os.environ.get("PARLEY_PROCESSES", min(2, os.cpu_count() or 1)))


class WorkerDied(RuntimeError):
    """A worker process ended without returning its chunk's results."""


def end_with(build: int) -> None:
    """Runs first in every worker process and in the validator: ends the process once the
    build process `build` is gone, even when it was killed outright (out of memory, SIGKILL)
    and could not tell its workers. Left alone, they would wait for work for ever, holding
    the model's memory."""
    threading.Thread(target=_watch, args=(build,), daemon=True, name="end-with-build").start()


def _watch(build: int) -> None:
    while True:
        time.sleep(1)
        try:
            os.kill(build, 0)
        except OSError:  # gone, or its number reused by a process that is not ours
            os._exit(0)


@contextmanager
def main_module_hidden() -> Iterator[None]:
    """Workers run module-level functions of this package, never code from `__main__`, yet
    multiprocessing re-runs the parent's main module in every worker it starts; for the
    `parley` or `dagster` script that means importing Dagster and GX again, seconds per
    worker. Workers started while `__main__` is a bare module skip that."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main
