"""Test hook: kill the process at a named point of publication, to prove crash safety.

Inert unless the environment variable PARLEY_CRASH_AT names the point being passed; then the
process sends itself SIGKILL there, exactly as an out-of-memory kill or a power cut would
stop it: no exception handler, `finally` block or atexit hook runs. tests/test_crash_safety.py
sets it to show that no such kill can leave a half-written release visible or `latest` broken.
"""

from __future__ import annotations

import os
import signal

ENV = "PARLEY_CRASH_AT"
# Where publish() can be stopped: with some Parquet files of the staging folder written, with
# the DuckDB file half written, and after the release is renamed into place but before
# `latest` is switched to it.
POINTS = ("parquet", "duckdb", "published")


def crash_point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
