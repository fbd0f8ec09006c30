"""Progress of a build for a person watching it: which step runs, over how many items, and
how far it got.

The stages, assets and checks announce their work with `step`; nothing is shown unless a
front end installed a display with `shown_on` (`parley build` does, when stderr is a
terminal). Without one a step costs a function call, so programs, tests and runs in the
Dagster UI pay nothing, and no output file depends on whether anyone watched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Display(Protocol):
    """Where steps are shown; `begin` returns the handle the other calls name the step by,
    and `note` gives the text the step shows from then on, in place of its description."""

    def begin(self, description: str, total: int | None) -> int: ...

    def advance(self, handle: int, amount: int) -> None: ...

    def note(self, handle: int, text: str) -> None: ...

    def end(self, handle: int) -> None: ...


_displays: list[Display] = []


@contextmanager
def shown_on(display: Display | None) -> Iterator[None]:
    """Show every step announced in this block on `display` (if there is one)."""
    if display is None:
        yield
        return
    _displays.append(display)
    try:
        yield
    finally:
        _displays.remove(display)


class Step:
    """A step under way: `advance` it as its items get done, `note` what it found (shown in
    place of its description)."""

    def __init__(self, display: Display | None, handle: int = 0) -> None:
        self._display, self._handle = display, handle

    def advance(self, amount: int = 1) -> None:
        if self._display is not None:
            self._display.advance(self._handle, amount)

    def note(self, text: str) -> None:
        if self._display is not None:
            self._display.note(self._handle, text)


@contextmanager
def step(description: str, total: int | None = None) -> Iterator[Step]:
    """Announce a step, with `total` items to count if it has them."""
    if not _displays:
        yield Step(None)
        return
    display = _displays[-1]
    handle = display.begin(description, total)
    try:
        yield Step(display, handle)
    finally:
        display.end(handle)
