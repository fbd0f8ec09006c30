"""Which of several people sharing a surname a bare surname stands for.

An article can name two people of one family or one team ("Kevin Vickers … his son,
Andrew Vickers"); after that, "Vickers" means the person the story is about, not the
one met last. The story's subject is introduced early and named in full most often, so
the bearer named in full most often before the surname wins, and on a tie the one
introduced first. A relative named in passing later cannot capture the surname.
"""

from __future__ import annotations

from collections import Counter
from typing import TypeVar

Who = TypeVar("Who")


def salient_bearer(bearers: list[tuple[int, Who]], offset: int) -> Who | None:
    """The bearer a surname at `offset` refers to. `bearers` are (position, person) of the
    full-name mentions of everyone bearing the surname, in any order; positions and
    `offset` share one unit (characters or tokens). A surname before any full name (a
    headline) is read against the whole article."""
    ordered = sorted(bearers, key=lambda b: b[0])
    before = [who for position, who in ordered if position < offset] or [w for _, w in ordered]
    if not before:
        return None
    counts = Counter(before)
    introduced = {who: k for k, who in reversed(list(enumerate(before)))}
    return max(counts, key=lambda who: (counts[who], -introduced[who]))
