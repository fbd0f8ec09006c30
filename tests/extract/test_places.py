"""Offline gazetteer lookups."""

from __future__ import annotations

import pytest

from pipeline.extract.places import country_place, is_country, nested_in, resolve_place


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Geneva", "Geneva", "CHE"),
        ("Anchorage", "Anchorage", "USA"),
        ("Anchorage, Alaska", "Anchorage", "USA"),
        ("Kiev", "Kyiv", "UKR"),
        ("Moscow", "Moscow", "RUS"),
        ("Paris", "Paris", "FRA"),
        ("the UAE", "United Arab Emirates", "ARE"),
        ("Saudi Arabia", "Saudi Arabia", "SAU"),
        ("Alaska", "Alaska", "USA"),
        ("Crimea", "Crimea", "UKR"),
    ],
)
def test_resolves_cities_countries_states_and_regions(name, expected, country):
    place = resolve_place(name)
    assert place is not None
    assert (place.name, place.country) == (expected, country)


def test_most_populous_city_wins_for_ambiguous_names():
    london = resolve_place("London")
    assert london.country == "GBR"
    assert london.latitude == pytest.approx(51.5, abs=0.1)


@pytest.mark.parametrize(
    ("name", "city", "country"),
    [
        ("the White House", "Washington", "USA"),
        ("the Kremlin", "Moscow", "RUS"),
        ("Downing Street", "London", "GBR"),
        ("the Élysée", "Paris", "FRA"),
    ],
)
def test_landmarks_stand_for_their_city(name, city, country):
    place = resolve_place(name)
    assert city in place.name
    assert place.country == country
    assert place.latitude is not None


def test_unknown_names_resolve_to_none():
    assert resolve_place("NATO") is None
    assert resolve_place("") is None


def test_countries_are_told_from_cities_and_states():
    assert is_country(resolve_place("Russia")) and is_country(resolve_place("the US"))
    assert not is_country(resolve_place("Geneva")) and not is_country(resolve_place("Alaska"))


def test_a_city_lies_within_its_state_and_country():
    anchorage, alaska = resolve_place("Anchorage"), resolve_place("Alaska")
    assert nested_in(anchorage, alaska) and not nested_in(alaska, anchorage)
    assert nested_in(anchorage, resolve_place("United States"))
    assert nested_in(resolve_place("Kyiv"), resolve_place("Ukraine"))
    assert not nested_in(resolve_place("Geneva"), resolve_place("Ukraine"))


def test_a_country_code_gives_the_whole_country_as_a_place():
    place = country_place("UKR")
    assert place is not None and place.name == "Ukraine" and is_country(place)
    assert country_place("XXX") is None
