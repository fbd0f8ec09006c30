"""The sides of the wars the articles report."""

from pipeline.extract.wars import opponent


def test_each_side_of_a_war_has_the_other_as_its_opponent():
    assert (opponent("RUS"), opponent("UKR")) == ("UKR", "RUS")


def test_a_country_at_no_listed_war_and_an_unknown_country_have_none():
    assert opponent("FRA") is None and opponent(None) is None
