"""One writer per output folder: an advisory file lock on OUT/.parley.lock.

Two builds publishing into the same folder at once could each clean up the other's staging
folder or switch `latest` under it, so every writer holds this lock: `parley build` for the
whole run, and `publish` (the only writer when the Dagster UI runs the job) around
publication. The kernel drops an flock when its process dies, even by SIGKILL, so a crashed
build never leaves a stale lock behind.

The lock is re-entrant within a process: `parley build` holds it while the in-process
Dagster run calls `publish`, which takes it again. (Two open file descriptions of one file
would block each other even in one process, hence the per-process registry.)
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".parley.lock"
DEFAULT_WAIT_SECONDS = 600.0
_POLL_SECONDS = 0.2

_held: dict[Path, tuple[int, int]] = {}  # lock path -> (file descriptor, depth)
_registry = threading.Lock()


class LockTimeout(RuntimeError):
    """Another process kept the output folder's lock for longer than we were willing to wait."""


def lock_path(out_dir: Path) -> Path:
    return Path(out_dir).resolve() / LOCK_FILE


def holder(out_dir: Path) -> str:
    """Who holds the lock, as the holder wrote it (pid and start time), for messages."""
    try:
        return lock_path(out_dir).read_text(encoding="utf-8").strip() or "unknown"
    except OSError:
        return "unknown"


@contextmanager
def output_lock(out_dir: Path, wait: float = DEFAULT_WAIT_SECONDS,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder's lock, waiting up to `wait` seconds for another holder.

    `on_wait(holder_description)` is called once if the lock is busy, so a command line can
    say what it is waiting for. Raises LockTimeout naming the holder when the wait runs out.
    """
    path = lock_path(out_dir)
    with _registry:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
            acquired_here = False
        else:
            acquired_here = True
    if acquired_here:
        fd = _acquire(path, wait, on_wait)
        with _registry:
            _held[path] = (fd, 1)
    try:
        yield
    finally:
        with _registry:
            fd, depth = _held[path]
            if depth > 1:
                _held[path] = (fd, depth - 1)
            else:
                del _held[path]
                os.close(fd)  # closing the descriptor releases the flock


def _acquire(path: Path, wait: float, on_wait: Callable[[str], None] | None) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if not told and on_wait is not None:
                on_wait(holder(path.parent))
                told = True
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockTimeout(
                    f"Another build is writing to {path.parent} ({holder(path.parent)}); gave "
                    f"up after waiting {wait:g} s for {path}. Try again when it has finished, "
                    "or wait longer with --wait SECONDS.") from None
            time.sleep(_POLL_SECONDS)
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()}, since {time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n".encode())
    return fd
