"""Who fights whom in the wars the articles report (lexicon in pipeline/registry/wars.yaml).

A report of the war names the attacker and leaves the other side to the reader: "Russian
airstrikes" hit Ukraine, "its full-scale invasion in 2022" is of Ukraine. Knowing the two
sides of the war lets an attack that names no target or place be placed where it happened.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LEXICON = Path(__file__).resolve().parent.parent / "registry" / "wars.yaml"


@cache
def _opponents() -> dict[str, str]:
    """Each fighting country's opponent, by ISO 3166-1 alpha-3 code."""
    opponents: dict[str, str] = {}
    for war in yaml.safe_load(LEXICON.read_text(encoding="utf-8")):
        first, second = war["sides"]
        opponents[first], opponents[second] = second, first
    return opponents


def opponent(country: str | None) -> str | None:
    """The country the given one is at war with, if it fights one of the listed wars."""
    return _opponents().get(country) if country else None
