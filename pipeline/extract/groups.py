"""Group actors: a country's sector acting as a body when the text names no individual.

"Turkish police detained ...", "Russian troops shelled ...", "Ukraine's negotiators met ...":
PLOVER codes such actors as a country plus a sector (TURCOP, RUSMIL, UKRGOV), and an event
whose only actors are groups is still an event. A group phrase is a noun of a sector
(pipeline/registry/group_sectors.yaml) whose modifier is a country: a registry demonym
("Turkish"), a country's name or alias ("US troops", "Ukraine's negotiators"), or a place in
the gazetteer it is "in" ("protesters in Tbilisi"). The group's canonical name is the
country's first demonym and the sector's label ("Turkish police"), so one country and sector
is one actor across articles, whatever the wording. A people named by its plural demonym
("the Palestinians rejected ...") is a group without a sector when the article does not name
its country; where it does, the actor extractor takes the demonym for the country itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from pipeline.contract.values import ActorSector, actor_sector
from pipeline.extract.nlp import text_of
from pipeline.extract.places import resolve_place
from pipeline.extract.records import Actor, Mention
from pipeline.extract.registry import Entry, load_registry
from pipeline.extract.syntax import lemma

SECTORS_FILE = Path(__file__).resolve().parent.parent / "registry" / "group_sectors.yaml"
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}
NOUN_TAGS = {"NOUN", "PROPN"}
PLURAL_TAGS = {"NNS", "NNPS"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
# Prepositions placing a group in a country: "protesters in Tbilisi", "across Georgia".
PLACE_PREPS = {"in", "throughout", "across"}
# Nouns of a body of people that a sector noun before them qualifies: "opposition groups".
COLLECTIVE_HEADS = {"group", "force", "member", "unit", "leader", "officer", "faction",
                    "supporter", "figure", "movement"}
CIVILIAN_SECTOR: ActorSector = "CVL"
# The participle of "Turkish-led forces", whose country is the force's own.
LEADING_MODIFIERS = {"led"}


@cache
def _sectors() -> tuple[dict[str, ActorSector], dict[ActorSector, str]]:
    """Sector by noun lemma, and each sector's label."""
    raw = yaml.safe_load(SECTORS_FILE.read_text(encoding="utf-8"))["sectors"]
    by_noun: dict[str, ActorSector] = {}
    labels: dict[ActorSector, str] = {}
    for code, spec in raw.items():
        sector = actor_sector(code, str(SECTORS_FILE))
        labels[sector] = spec["label"]
        for noun in spec["nouns"].split():
            if noun in by_noun:
                raise ValueError(f"{SECTORS_FILE}: {noun!r} is listed under two sectors")
            by_noun[noun] = sector
    return by_noun, labels


def _sector(token: Token) -> ActorSector | None:
    by_noun = _sectors()[0]
    return by_noun.get(lemma(token)) or by_noun.get(token.lower_)


def country_named(token: Token) -> Entry | None:
    """The country a modifier names: "Turkish", "South Korean", "US", "Ukraine's"."""
    registry = load_registry()
    words = [token.text]
    left = token.doc[token.i - 1] if token.i > 0 else None
    if left is not None and left.head == token and left.dep_ == "compound":
        words.insert(0, f"{left.text} {token.text}")
    for text in words:
        entry = registry.by_demonym(text) or registry.by_alias(text)
        if entry is not None and entry.actor.type == "GPE" and entry.actor.country:
            return entry
    return None


def _modifier_countries(noun: Token) -> Iterator[tuple[Token, Entry]]:
    """Countries among the noun's modifiers, with each conjoined one ("U.S. and Ukrainian
    officials" are two groups); a force a country leads is its own ("Turkish-led
    forces"), one it only backs is not ("Russian-backed separatists")."""
    for child in noun.children:
        if child.dep_ not in MODIFIER_DEPS or child.i > noun.i:
            continue
        if child.lower_ in LEADING_MODIFIERS:
            child = next((c for c in child.children if c.dep_ == "npadvmod"), child)
        for token in (child, *(c for c in child.children if c.dep_ == "conj")):
            entry = country_named(token)
            if entry is not None:
                yield token, entry


def _place_country(noun: Token) -> tuple[Token, Entry] | None:
    """The country of the place a group is "in" ("protesters in Tbilisi", "students
    throughout Indonesia"), with the last word of the place."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.ent_type_ not in {"GPE", "LOC"}:
                continue
            place = resolve_place(pobj.doc[pobj.left_edge.i:pobj.right_edge.i + 1].text)
            entry = None if place is None else _state(place.country)
            if entry is not None:
                return pobj.doc[pobj.right_edge.i], entry
    return None


@cache
def _states() -> dict[str, Entry]:
    """The registry's one GPE entry of each country."""
    return {e.actor.country: e for e in load_registry()
            if e.actor.type == "GPE" and e.actor.country}


def _state(iso3: str | None) -> Entry | None:
    return _states().get(iso3) if iso3 else None


def _group_actor(entry: Entry, sector: ActorSector | None) -> Actor:
    """The group of a country's sector, or of its people as a whole (no sector)."""
    adjective = entry.demonyms[0] if entry.demonyms else entry.name
    if sector is None:
        people = next((d for d in entry.demonyms if d.endswith("s")), f"people of {entry.name}")
        return Actor(name=people, type="GROUP", country=entry.actor.country, in_registry=True)
    label = _sectors()[1][sector]
    return Actor(name=f"{adjective} {label}", type="GROUP", country=entry.actor.country,
                 in_registry=True, sector=sector)


def _people(noun: Token, countries: set[str | None]) -> Entry | None:
    """The country whose people a plural demonym acting on its own names ("Albanians
    demonstrated"), when the article names no actor of that country."""
    if noun.tag_ not in PLURAL_TAGS or noun.dep_ not in ARGUMENT_DEPS:
        return None
    entry = load_registry().by_demonym(noun.text)
    if entry is None or entry.actor.type != "GPE" or entry.actor.country in countries:
        return None
    return entry


def _collective_sector(noun: Token) -> ActorSector | None:
    """The sector a collective noun takes from the sector noun before it: "opposition
    groups", "rebel forces", "police officers"."""
    if lemma(noun) not in COLLECTIVE_HEADS:
        return None
    return next((found for c in noun.children if c.dep_ in {"compound", "amod"} and c.i < noun.i
                 and (found := _sector(c)) is not None), None)


def _ethnic(noun: Token) -> bool:
    """A people named in the plural that is not a country's ("Kurds"), as its entity type
    says: with a country's adjective ("Syrian Kurds") it is a group of that country's people."""
    return noun.tag_ in PLURAL_TAGS and noun.ent_type_ == "NORP"


def _is_modifier(noun: Token) -> bool:
    """"police station", "army base": a sector noun modifying another noun names no group."""
    return noun.dep_ in {"compound", "amod"} and noun.head.pos_ in NOUN_TAGS


def _sector_groups(noun: Token, sector: ActorSector) -> Iterator[Mention]:
    """The groups a sector noun names: one per country modifying it, or the country of the
    place it is in."""
    doc = noun.doc
    spans = [(modifier, noun, entry) for modifier, entry in _modifier_countries(noun)]
    in_place = _place_country(noun) if not spans else None
    if in_place is not None:
        qualifiers = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.i < noun.i]
        spans = [(qualifiers[0] if qualifiers else noun, *in_place)]
    for first, last, entry in spans:
        start, end = first.idx, last.idx + len(last)
        yield Mention(start, end, text_of(doc)[start:end], _group_actor(entry, sector), "group")


def find_groups(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """Phrases naming a group actor, outside every named mention ("the Russian Defence
    Ministry" is a named actor, not a group)."""
    named = {i for m in mentions for i in range(m.start, m.end)}
    named_countries = {m.actor.country for m in mentions if m.actor.type == "GPE"}
    found: list[Mention] = []
    for noun in doc:
        if noun.pos_ not in NOUN_TAGS or noun.idx in named or _is_modifier(noun):
            continue
        sector = _collective_sector(noun) or _sector(noun)
        if sector is not None:
            found += _sector_groups(noun, sector)
        elif _ethnic(noun) and any(_modifier_countries(noun)):
            found += _sector_groups(noun, CIVILIAN_SECTOR)
        elif (people := _people(noun, named_countries)) is not None:
            found.append(Mention(noun.idx, noun.idx + len(noun), noun.text,
                                 _group_actor(people, None), "group"))
    return found
