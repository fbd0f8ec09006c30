"""Group actors: a country plus a sector, found where a text names no individual."""

from __future__ import annotations

import pytest

from pipeline.extract.groups import find_groups
from pipeline.extract.nlp import english
from pipeline.extract.records import Actor, Mention


@pytest.fixture(scope="module")
def nlp():
    return english()


def _groups(nlp, text: str, mentions: list[Mention] | None = None) -> dict[str, tuple]:
    found = find_groups(nlp(text), mentions or [])
    return {g.text: (g.actor.name, g.actor.type, g.actor.country, g.actor.sector)
            for g in found}


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Turkish police detained the organisers overnight.", "Turkish police",
     ("Turkish police", "GROUP", "TUR", "COP")),
    ("Russian troops shelled the outskirts of the town.", "Russian troops",
     ("Russian military", "GROUP", "RUS", "MIL")),
    ("Ukrainian negotiators arrived late on Monday.", "Ukrainian negotiators",
     ("Ukrainian government", "GROUP", "UKR", "GOV")),
    ("Burundian militiamen burned a dozen houses.", "Burundian militiamen",
     ("Burundian rebels", "GROUP", "BDI", "REB")),
    ("Protesters in Tbilisi marched to the parliament building.", "Protesters in Tbilisi",
     ("Georgian civilians", "GROUP", "GEO", "CVL")),
    ("US troops left the base at dawn.", "US troops",
     ("American military", "GROUP", "USA", "MIL")),
    ("Georgian prisoners rioted at the jail on Monday.", "Georgian prisoners",
     ("Georgian civilians", "GROUP", "GEO", "CVL")),
    ("Turkish gunmen opened fire on the convoy.", "Turkish gunmen",
     ("Turkish rebels", "GROUP", "TUR", "REB")),
    ("Students throughout Georgia marched on Saturday.", "Students throughout Georgia",
     ("Georgian civilians", "GROUP", "GEO", "CVL")),
    ("Georgian youths threw stones at the convoy.", "Georgian youths",
     ("Georgian civilians", "GROUP", "GEO", "CVL")),
    ("Turkish-led forces crossed the river at dawn.", "Turkish-led forces",
     ("Turkish military", "GROUP", "TUR", "MIL")),
    ("Opposition groups in Georgia called a rally for Sunday.", "Opposition groups in Georgia",
     ("Georgian opposition", "GROUP", "GEO", "OPP")),
    ("Georgian rebel forces shelled the village overnight.", "Georgian rebel forces",
     ("Georgian rebels", "GROUP", "GEO", "REB")),
    ("Thousands of Syrian Kurds marched through the town on Sunday.", "Syrian Kurds",
     ("Syrian civilians", "GROUP", "SYR", "CVL")),
])
def test_a_country_and_a_sector_noun_name_a_group(nlp, text, phrase, expected):
    assert _groups(nlp, text)[phrase] == expected


def test_one_group_per_country_of_a_conjoined_modifier(nlp):
    groups = _groups(nlp, "French and German diplomats walked out of the session.")
    assert {v[0] for v in groups.values()} == {"French government", "German government"}


def test_the_wording_does_not_change_the_group(nlp):
    """Soldiers, troops and forces of one country are one actor, with one id."""
    a = _groups(nlp, "Armenian soldiers crossed the river.")
    b = _groups(nlp, "Armenian forces crossed the river.")
    assert list(a.values()) == list(b.values())


def test_a_force_a_country_backs_is_not_that_country_s(nlp):
    assert _groups(nlp, "Turkish-backed fighters crossed the river at dawn.") == {}


def test_a_sector_noun_modifying_another_noun_is_no_group(nlp):
    assert _groups(nlp, "Lithuanian police stations were closed for the holiday.") == {}


def test_no_group_inside_a_named_mention(nlp):
    text = "The Russian Defence Ministry said the drills had ended."
    ministry = Mention(4, 27, "Russian Defence Ministry",
                       Actor("Russian Defence Ministry", "ORG", "RUS", True), "registry")
    assert _groups(nlp, text, [ministry]) == {}


def test_a_people_is_a_group_only_when_its_country_is_not_named(nlp):
    text = "The Albanians refused the offer."
    assert _groups(nlp, text)["Albanians"] == ("Albanians", "GROUP", "ALB", None)
    albania = Mention(0, 7, "Albania", Actor("Albania", "GPE", "ALB", True), "registry")
    assert "Albanians" not in _groups(nlp, "Albania said the Albanians refused the offer.",
                                      [albania])


def test_demonyms_of_countries_the_registry_does_not_curate(nlp):
    """Demonyms for every sovereign state come from the registry's data, not the code."""
    groups = _groups(nlp, "Kyrgyz officials and Chilean police met at the border.")
    assert {v[2] for v in groups.values()} == {"KGZ", "CHL"}
