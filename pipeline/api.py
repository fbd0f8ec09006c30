"""Parley's entry point for programs: build a release, verify one.

`build` materialises exactly the assets and checks of `pipeline.definitions`, in this
process, so a build from a program or the command line and a run in the Dagster UI take the
same code path. It holds the output folder's lock for the whole run, so a second build on
the same folder waits for it. The CLI (`pipeline/cli.py`) is a thin shell around these.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.contract.contracts import PROFILES
from pipeline.engine import progress
from pipeline.engine.fanout import start_workers
from pipeline.engine.progress import Display
from pipeline.quality.validation import start_validator
from pipeline.releases.lock import DEFAULT_WAIT_SECONDS, LockTimeout, output_lock

if TYPE_CHECKING:
    import dagster as dg

    from pipeline.rehydrate import Rehydration
    from pipeline.releases.verify import Verification

__all__ = ["DEFAULT_WAIT_SECONDS", "PROFILES", "BuildOutcome", "Display", "LockTimeout",
           "build", "rehydrate", "verify"]


@dataclass
class BuildOutcome:
    success: bool
    version: str | None = None
    path: Path | None = None
    new: bool = False
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    removed_leftovers: list[str] = field(default_factory=list)
    step_seconds: dict[str, float] = field(default_factory=dict)


def _problems(result: dg.ExecuteInProcessResult) -> list[str]:
    problems = [f"validation failed: {e.description or e.asset_check_key.name}"
                for e in result.get_asset_check_evaluations() if not e.passed]
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error
        message = error.message.strip() if error else "unknown error"
        problems.append(f"step {event.step_key} failed: {message}")
    return problems


def build(raw_dir: Path, out_dir: Path, log_level: str = "WARNING",
          wait: float = DEFAULT_WAIT_SECONDS, text: str = "full",
          gold: Path | None = None, display: Display | None = None) -> BuildOutcome:
    """Materialise every asset and check; the release asset publishes only if all pass.

    Holds the output folder's lock throughout (raising LockTimeout if another build keeps it
    longer than `wait` seconds) and first removes what killed builds left behind. `text` is
    the release's text profile: full, public (no article text but quotes) or none; `gold`
    the folder of gold annotations its accuracy is measured on (default: RAW/../gold).
    `display` shows each step as it runs (see pipeline.engine.progress)."""
    if text not in PROFILES:
        raise ValueError(f"unknown text profile {text!r}; choose one of {', '.join(PROFILES)}")
    start_validator()  # GX imports there and the worker server loads the model, on the
    start_workers()  # other core, while Dagster imports here
    from pipeline.releases.publish import remove_leftovers

    with progress.shown_on(display), output_lock(out_dir, wait, on_wait=_say_waiting):
        removed = remove_leftovers(Path(out_dir))
        outcome = _materialise(raw_dir, out_dir, log_level, text, gold)
    outcome.removed_leftovers = removed
    return outcome


def _say_waiting(holder: str) -> None:
    print(f"Waiting for another build to finish writing to this output folder ({holder})...",
          file=sys.stderr)


@contextmanager
def _old_objects_left_alone() -> Iterator[None]:
    """The hundreds of thousands of objects that importing Dagster made outlive the build;
    each full collection during the build would walk them all again, about 0.2 s a time.
    They are collectable again afterwards (freezing them to the end leaves native objects,
    DuckDB's, that report themselves leaked at exit)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _materialise(raw_dir: Path, out_dir: Path, log_level: str, text: str,
                 gold: Path | None) -> BuildOutcome:
    with progress.step("loading Dagster and the pipeline"):
        import dagster as dg

        from pipeline.defs.graph import ALL_ASSETS, ALL_BUCKETS, ALL_CHECKS
        from pipeline.defs.resources import ParleyPaths

    with _old_objects_left_alone(), _instance() as instance:
        result = dg.materialize(
            [*ALL_ASSETS, *ALL_CHECKS],
            # Steps hand each other their tables in memory: the run is one process, and what
            # the catalog needs of them is their metadata, so pickling them to disk would
            # serve nobody.
            resources={"paths": ParleyPaths(raw_dir=str(raw_dir), out_dir=str(out_dir),
                                            text_profile=text,
                                            gold_dir=str(gold) if gold else None),
                       "io_manager": dg.mem_io_manager},
            instance=instance, tags=ALL_BUCKETS,
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
            raise_on_error=False,
        )
        seconds = _step_seconds(instance, result.run_id)
        if not result.success:
            return BuildOutcome(False, problems=_problems(result) or ["the run failed"],
                                step_seconds=seconds)
        meta = result.asset_materializations_for_node("release")[-1].metadata
        return BuildOutcome(
            True, version=_text(meta["version"]), path=Path(_text(meta["path"])),
            new=bool(meta["new"].value),
            rows={k.removeprefix("rows_"): _count(v) for k, v in meta.items()
                  if k.startswith("rows_")},
            step_seconds=seconds)


@contextmanager
def _instance() -> Iterator[dg.DagsterInstance]:
    """The instance the Dagster UI reads when DAGSTER_HOME is set (`make run` and `make dev`
    set the same one), so the catalog shows the last build's materializations and check
    results; otherwise a throwaway one, so a build leaves nothing behind but its release."""
    import dagster as dg

    if os.environ.get("DAGSTER_HOME"):
        with dg.DagsterInstance.get() as instance:
            yield instance
        return
    with tempfile.TemporaryDirectory(prefix="parley-dagster-") as home, \
            dg.DagsterInstance.ephemeral(tempdir=home) as instance:
        yield instance


# Dagster types a metadata entry's value as any kind of metadata; the release asset records
# its version and path as text and its row counts as integers.
def _text(entry: dg.MetadataValue) -> str:
    value = entry.value
    assert isinstance(value, str)
    return value


def _count(entry: dg.MetadataValue) -> int:
    value = entry.value
    assert isinstance(value, int)
    return value


def _step_seconds(instance: dg.DagsterInstance, run_id: str) -> dict[str, float]:
    """Wall time of each step (asset or check) of the run, slowest first."""
    times = {s.step_key: round(s.end_time - s.start_time, 2)
             for s in instance.get_run_step_stats(run_id)
             if s.start_time is not None and s.end_time is not None}
    return dict(sorted(times.items(), key=lambda kv: -kv[1]))


def rehydrate(release: Path, raw_dir: Path, out_dir: Path) -> Rehydration:
    """A full-text copy of a release published without article text, from the articles
    under `raw_dir`, published as a release in `out_dir` (see pipeline.rehydrate)."""
    from pipeline.rehydrate import rehydrate as restore

    return restore(release, raw_dir, out_dir)


def verify(release: Path, expectations: bool = True) -> Verification:
    """Check a published release as a downloader would: every file against its checksum,
    the row counts, and (with `expectations`) every table's Great Expectations suite."""
    from pipeline.releases.verify import verify as check

    return check(release, expectations=expectations)
