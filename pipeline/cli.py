"""`parley build` publishes a release; `parley verify` checks one; `parley rehydrate` puts the
article text back into a release published without it.

Arguments and messages only: the work is `pipeline.api`'s, the same functions a program
calls.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import EXTRACTOR_VERSION, __version__
from pipeline.api import (
    DEFAULT_WAIT_SECONDS,
    PROFILES,
    Display,
    LockTimeout,
    build,
    rehydrate,
    verify,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress_bar import ProgressBar

# sysexits.h EX_TEMPFAIL: the output folder is busy, trying again later can succeed.
EXIT_BUSY = 75


class _StepLines:
    """Each step of a build as a line on stderr: a bar and a count where the step counts
    items (a moving bar where it does not), the time it has taken, a tick once it is done."""

    def __init__(self, console: Console) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            Task,
            TaskID,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.text import Text

        class BarWhereCounted(BarColumn):
            def render(self, task: Task) -> Text | ProgressBar:  # type: ignore[override]
                return super().render(task) if task.fields["count"] else Text("")

        self.lines = Progress(SpinnerColumn(finished_text="[green]✓[/]"),
                              TextColumn("{task.description}"), BarWhereCounted(),
                              TextColumn("{task.fields[count]}"), TimeElapsedColumn(),
                              console=console)
        self._ids: list[TaskID] = []
        self._done: list[int] = []
        self._totals: list[int | None] = []

    def begin(self, description: str, total: int | None) -> int:
        self._ids.append(self.lines.add_task(description, total=total,
                                             count="" if total is None else f"0/{total}"))
        self._done.append(0)
        self._totals.append(total)
        return len(self._ids) - 1

    def advance(self, handle: int, amount: int) -> None:
        self._done[handle] += amount
        self.lines.update(self._ids[handle], completed=self._done[handle],
                          count=f"{self._done[handle]}/{self._totals[handle]}")

    def note(self, handle: int, text: str) -> None:
        self.lines.update(self._ids[handle], description=text)

    def end(self, handle: int) -> None:
        total = self._totals[handle] or 1
        self.lines.update(self._ids[handle], total=total, completed=total)


@contextmanager
def _progress(verbose: bool) -> Iterator[Display | None]:
    """Step lines for a person watching stderr; none in a pipe or a log file, nor with -v,
    whose Dagster log says the same line by line."""
    from rich.console import Console

    console = Console(stderr=True)
    if verbose or not console.is_terminal:
        yield None
        return
    steps = _StepLines(console)
    with steps.lines:
        yield steps


def _build_command(args: argparse.Namespace) -> int:
    try:
        with _progress(args.verbose) as display:
            # DEBUG is the level of Dagster's own events: steps started, outputs, checks.
            outcome = build(args.raw, args.out, "DEBUG" if args.verbose else "WARNING",
                            args.wait, args.text, gold=args.gold, display=display)
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


def _rehydrate_command(args: argparse.Namespace) -> int:
    outcome = rehydrate(args.release.resolve(), args.raw, args.out)
    if outcome.problems:
        print(f"Nothing was written: {len(outcome.problems)} problem(s) restoring "
              f"{args.release}:", file=sys.stderr)
        for problem in outcome.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    how = ", ".join(f"{n} by {key}" for key, n in sorted(outcome.matched_by.items()))
    print(f"Restored the text of {outcome.restored} documents ({how}): full release "
          f"{outcome.version} in {outcome.release}")
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
    build_cmd.add_argument("-v", "--verbose", action="store_true",
                           help="show Dagster's log (every step's events) and each step's "
                                "seconds instead of the progress lines")
    build_cmd.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS, metavar="SECONDS",
                           help="how long to wait for another build on the same output "
                                f"folder to finish (default: {DEFAULT_WAIT_SECONDS:g})")
    build_cmd.add_argument(
        "--text", choices=PROFILES, default="full",
        help="how much article text the release carries: full (everything, for your own "
             "use; the default), public (no article text but the quotes: for sharing), none "
             "(not even the quotes)")
    build_cmd.add_argument("--gold", type=Path, default=None, metavar="DIR",
                           help="gold annotations to measure the release's accuracy on "
                                "(default: the gold folder beside the raw folder)")
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
    rehydrate_cmd = commands.add_parser(
        "rehydrate", help="restore the article text of a public release from the articles")
    rehydrate_cmd.add_argument("release", type=Path, help="folder of the release to restore")
    rehydrate_cmd.add_argument("--raw", type=Path, required=True,
                               help="folder holding your copies of the articles")
    rehydrate_cmd.add_argument("--out", type=Path, default=Path("data/rehydrated"),
                               help="output folder for the full release "
                                    "(default: data/rehydrated)")
    rehydrate_cmd.set_defaults(run=_rehydrate_command)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
