"""PLOVER's CONSULT modes: phone, visit, multilateral or third-party.

A researcher asking for "every in-person meeting" needs calls told apart from meetings, and
a mediated round in Istanbul from a visit to Moscow. Calls and visits are told by the words
of the trigger and its modifiers (lexicon in pipeline/registry/consult_modes.yaml); the other
two by who took part and where: three or more countries on its sides make a meeting
multilateral; a host or mediator from elsewhere, or a venue in none of the two sides'
countries, makes it third-party.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from pipeline.contract.values import ConsultMode
from pipeline.extract.records import Event
from pipeline.extract.syntax import lemma

LEXICON = Path(__file__).resolve().parent.parent / "registry" / "consult_modes.yaml"
MULTILATERAL_COUNTRIES = 3
# Roles of a country that brings the sides together rather than being one of them.
THIRD_PARTY_ROLES = {"host", "mediator"}


@cache
def _words() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    return {mode: frozenset(words) for mode, words in raw.items()}


def worded_mode(trigger: Token) -> ConsultMode | None:
    """phone or visit, when the trigger or a word modifying it says so ("phone call",
    "spoke by telephone", "his visit")."""
    words = {lemma(trigger)} | {lemma(c) for c in trigger.children
                                if c.dep_ in {"compound", "amod", "nmod"}}
    words |= {lemma(g) for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"by", "via"}
              for g in c.children if g.dep_ == "pobj"}
    for mode in ("phone", "visit"):
        if words & _words()[mode]:
            return mode
    return None


def consult_mode(event: Event) -> ConsultMode | None:
    """The event's mode: the worded one, else multilateral or third-party from its actors
    and place; None for other types or when nothing tells."""
    if event.event_type != "CONSULT":
        return None
    if event.mode is not None:
        return event.mode
    sides = {ea.actor.country for ea in event.actors
             if ea.actor.country and ea.role not in THIRD_PARTY_ROLES}
    third = {ea.actor.country for ea in event.actors
             if ea.actor.country and ea.role in THIRD_PARTY_ROLES} - sides
    if len(sides) >= MULTILATERAL_COUNTRIES:
        return "multilateral"
    venue = event.place.country if event.place is not None else None
    if len(sides) == 2 and (third or venue and venue not in sides):
        return "third-party"
    return None
