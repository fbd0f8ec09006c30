"""Where Great Expectations runs: a validator process, or the calling one.

The suites themselves are in `pipeline.quality.suites`, their verdicts in
`pipeline.quality.reports`. Importing GX costs about five seconds of
one core, longer than validating every table of a 1000-document build, and a build's own
process is busy importing Dagster at its start. So `parley build` first starts a validator:
one spawned process that imports GX on the other core meanwhile, then runs every check the
build sends it. Without a started validator (a run launched from the Dagster UI, `parley
verify`, PARLEY_PROCESSES=1) tables are validated in the calling process, which imports GX
on first use. Either way the suites and their results are the same.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.context
import os
import weakref
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pyarrow as pa

from pipeline.processes import PROCESSES, WorkerDied, end_with, main_module_hidden
from pipeline.quality.reports import TableReport, required_tables

_validator: ProcessPoolExecutor | None = None
# Validations started before their check asked (see validate_soon): the run they belong to,
# the tables it has made so far (dropped with the run), and per table the tables read and
# the report to come.
_early_run: str | None = None
_made: weakref.WeakValueDictionary[str, pa.Table] = weakref.WeakValueDictionary()
_started: dict[str, tuple[pa.Table, dict[str, pa.Table], Future[TableReport]]] = {}


class _DaemonProcess(multiprocessing.context.SpawnProcess):
    """A spawned process that its parent stops, rather than waits for, when it exits: a
    process made by multiprocessing (a forked build, say) ends by waiting for its other
    child processes, and the validator would wait for work for ever."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.daemon = True


class _DaemonSpawnContext(multiprocessing.context.SpawnContext):
    Process = _DaemonProcess


def start_validator() -> None:
    """Start the validator process, which begins importing GX at once."""
    global _validator
    if _validator is None and PROCESSES >= 2:
        with main_module_hidden():
            _validator = ProcessPoolExecutor(1, mp_context=_DaemonSpawnContext(),
                                             initializer=_prepare_validator,
                                             initargs=(os.getpid(),))
            _validator.submit(int)  # the pool starts its process on the first submit


def _forget_the_parents_validator() -> None:
    """A forked child cannot use its parent's validator (the thread that feeds it is not
    copied); it validates in its own process unless it starts a validator of its own."""
    global _validator
    _validator = None


os.register_at_fork(after_in_child=_forget_the_parents_validator)


def _prepare_validator(build: int) -> None:
    """Runs first in the validator process: imports GX, and makes the process end with the
    build that started it, and end fast. Its exit skips the interpreter's teardown, which
    for GX's hundreds of modules takes a second that the build would wait for at its own
    exit; the validator keeps no files or other state."""
    import pipeline.quality.suites  # noqa: F401

    atexit.register(os._exit, 0)
    end_with(build)


def _run_suite(name: str, data: pa.Table, related: dict[str, pa.Table],
               profile: str = "full") -> TableReport:
    from pipeline.quality.suites import run_suite

    return run_suite(name, data, related, profile)


def validate_soon(run_id: str, **tables: pa.Table) -> None:
    """Start validating the tables a step of run `run_id` has just made, each as soon as the
    tables its suite reads are made as well: the validator checks them on the other core
    while this process goes on to the next step, and the table's check collects the report
    (`validate_table`). Without a validator this does nothing."""
    global _early_run
    if _validator is None:
        return
    if run_id != _early_run:
        _early_run = run_id
        _made.clear()
        _started.clear()
    _made.update(tables)
    for name, data in list(_made.items()):
        needed = required_tables(name)
        if name not in _started and all(n in _made for n in needed):
            related = {n: _made[n] for n in needed}
            _started[name] = (data, related,
                              _validator.submit(_run_suite, name, data, related))


def _same_tables(a: tuple[pa.Table, dict[str, pa.Table]],
                 b: tuple[pa.Table, dict[str, pa.Table]]) -> bool:
    """Whether both are the very same table objects (not merely equal ones)."""
    return a[0] is b[0] and a[1].keys() == b[1].keys() and all(
        a[1][n] is b[1][n] for n in a[1])


def validate_table(name: str, data: pa.Table, related: dict[str, pa.Table],
                   profile: str = "full") -> TableReport:
    """Run the table's suite; `related` holds the tables named by `required_tables(name)`.
    A validation started early (always of full tables) counts only if it read these very
    tables (Arrow tables are immutable, so the same objects are the same data)."""
    global _validator
    if _validator is None:
        return _run_suite(name, data, related, profile)
    early = _started.pop(name, None)
    if profile == "full" and early is not None and _same_tables((early[0], early[1]),
                                                                (data, related)):
        future = early[2]
    else:
        future = _validator.submit(_run_suite, name, data, related, profile)
    try:
        return future.result()
    except BrokenProcessPool as exc:
        _validator = None
        raise WorkerDied(
            f"The validator process died while checking {name} (killed for lack of memory, "
            "or crashed in native code). Build again with PARLEY_PROCESSES=1 to validate in "
            "one process, or give the machine more memory.") from exc
