"""`parley build` publishes a release; `parley verify` checks a published one.

The build materialises exactly the assets and checks of `pipeline.definitions`, so a build
from the command line and a run in the Dagster UI take the same code path. It holds the
output folder's lock for the whole run, so a second build on the same folder waits for it.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import EXTRACTOR_VERSION, __version__
from pipeline.engine.fanout import start_workers
from pipeline.quality.validation import start_validator
from pipeline.releases.lock import DEFAULT_WAIT_SECONDS, LockTimeout, output_lock

if TYPE_CHECKING:
    import dagster as dg

# sysexits.h EX_TEMPFAIL: the output folder is busy, trying again later can succeed.
EXIT_BUSY = 75


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
          wait: float = DEFAULT_WAIT_SECONDS) -> BuildOutcome:
    """Materialise every asset and check; the release asset publishes only if all pass.

    Holds the output folder's lock throughout (raising LockTimeout if another build keeps it
    longer than `wait` seconds) and first removes what killed builds left behind."""
    start_validator()  # GX imports there and the worker server loads the model, on the
    start_workers()  # other core, while Dagster imports here
    from pipeline.releases.publish import remove_leftovers

    with output_lock(out_dir, wait, on_wait=_say_waiting):
        removed = remove_leftovers(Path(out_dir))
        outcome = _materialise(raw_dir, out_dir, log_level)
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


def _materialise(raw_dir: Path, out_dir: Path, log_level: str) -> BuildOutcome:
    import dagster as dg

    from pipeline.defs.graph import ALL_ASSETS, ALL_BUCKETS, ALL_CHECKS
    from pipeline.defs.resources import ParleyPaths

    with _old_objects_left_alone(), tempfile.TemporaryDirectory(prefix="parley-dagster-") as home:
        instance = dg.DagsterInstance.ephemeral(tempdir=home)
        result = dg.materialize(
            [*ALL_ASSETS, *ALL_CHECKS],
            # Steps hand each other their tables in memory: the run is one process and its
            # instance is thrown away with it, so pickling them to disk would serve nobody.
            resources={"paths": ParleyPaths(raw_dir=str(raw_dir), out_dir=str(out_dir)),
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


def _build_command(args: argparse.Namespace) -> int:
    try:
        outcome = build(args.raw, args.out, "INFO" if args.verbose else "WARNING", args.wait)
    except LockTimeout as exc:
        print(f"Build not started: {exc}", file=sys.stderr)
        return EXIT_BUSY
    if outcome.removed_leftovers:
        print("Removed what an interrupted build left behind: "
              + ", ".join(outcome.removed_leftovers), file=sys.stderr)
    if not outcome.success:
        print(f"Build failed; no release was published and {args.out / 'latest'} is unchanged.",
              file=sys.stderr)
        for problem in outcome.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    state = "published" if outcome.new else "unchanged, already published as"
    print(f"Release {state} {outcome.version}: {outcome.path}")
    for name, count in outcome.rows.items():
        print(f"  {name:13s} {count:>8d} rows")
    print(f"Latest: {args.out / 'latest'}")
    if args.verbose:
        print("Seconds per step: " + ", ".join(f"{k} {v}" for k, v in outcome.step_seconds.items()))
    return 0


def _verify_command(args: argparse.Namespace) -> int:
    from pipeline.releases.verify import verify

    target = args.release if args.release is not None else args.out / "latest"
    report = verify(target.resolve() if target.exists() else target,
                    expectations=not args.checksums_only)
    if not report.ok:
        print(f"Release {target} FAILED verification:", file=sys.stderr)
        for problem in report.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    checked = (f"{report.tables_checked} tables, {report.expectations_checked} expectations"
               if not args.checksums_only else "row counts")
    print(f"Release {report.release.name} verified: {report.files_checked} checksums and "
          f"{checked} hold.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="parley", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version",
                        version=f"parley {__version__} (extractors {EXTRACTOR_VERSION})")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build and publish a release")
    build_cmd.add_argument("--raw", type=Path, default=Path("data/raw"),
                           help="folder of articles (default: data/raw)")
    build_cmd.add_argument("--out", type=Path, default=Path("data/out"),
                           help="output folder for releases (default: data/out)")
    build_cmd.add_argument("-v", "--verbose", action="store_true", help="show Dagster's log")
    build_cmd.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS, metavar="SECONDS",
                           help="how long to wait for another build on the same output "
                                f"folder to finish (default: {DEFAULT_WAIT_SECONDS:g})")
    build_cmd.set_defaults(run=_build_command)
    verify_cmd = commands.add_parser(
        "verify", help="check a published release: checksums, row counts, expectations")
    verify_cmd.add_argument("release", type=Path, nargs="?", default=None,
                            help="release folder (default: OUT/latest)")
    verify_cmd.add_argument("--out", type=Path, default=Path("data/out"),
                            help="output folder whose latest release to check "
                                 "(default: data/out)")
    verify_cmd.add_argument("--checksums-only", action="store_true",
                            help="skip re-running the Great Expectations suites")
    verify_cmd.set_defaults(run=_verify_command)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
