"""Who "the two sides" are: the countries of the talks the article has been reporting.

News names the parties of a negotiation once and then writes "the two sides met in Istanbul",
"both countries agreed", "talks between the two delegations". Such a phrase names no actor of
its own, so the event would have none; it stands for the countries of the latest event that
had two or more of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from pipeline.extract.event_syntax import staged
from pipeline.extract.records import Actor, Event
from pipeline.extract.syntax import lemma

# Plural nouns that, counted ("the two sides") or with "both", stand for the parties.
SIDE_NOUNS = {"side", "country", "nation", "delegation", "party", "government", "team"}
# Where the sides phrase sits for the event to be theirs: its subject, its object, or the
# "between"/"with" phrase of an event noun.
SIDE_DEPS = {"nsubj", "nsubjpass", "dobj"}
SIDE_PREPS = {"between", "with", "of"}


def _is_sides(token: Token) -> bool:
    """"the two sides", "both countries", "the sides", "the countries": a plural party
    noun that counts two, says both, or refers back with a bare "the" and nothing else
    saying which ("the Gulf countries" are others)."""
    if lemma(token) not in SIDE_NOUNS or token.tag_ != "NNS":
        return False
    words = {c.lower_ for c in token.children if c.dep_ in {"det", "nummod", "predet"}}
    described = any(c.dep_ in {"amod", "compound", "nmod", "prep", "relcl", "acl"}
                    for c in token.children)
    return bool(words & {"two", "both"}) or words == {"the"} and not described


def names_the_sides(trigger: Token) -> bool:
    """Whether the event's own arguments are "the two sides" or the like, also as the
    subject of the verb the event is the object of ("the two countries held talks")."""
    noun = staged(trigger)  # "three rounds of talks"
    if noun.dep_ == "dobj" and any(c.dep_ == "nsubj" and _is_sides(c)
                                   for c in noun.head.children):
        return True
    for child in trigger.children:
        if child.dep_ in SIDE_DEPS and _is_sides(child):
            return True
        if child.dep_ == "prep" and child.lower_ in SIDE_PREPS and any(
                g.dep_ == "pobj" and _is_sides(g) for g in child.children):
            return True
    return False


def current_sides(events: Iterable[Event]) -> tuple[Actor, ...]:
    """The countries of the latest event with two or more, in the order the events came."""
    sides: tuple[Actor, ...] = ()
    for event in events:
        countries = tuple(sorted({ea.actor for ea in event.actors if ea.actor.type == "GPE"}))
        if len(countries) >= 2:
            sides = countries
    return sides
