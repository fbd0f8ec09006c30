"""A bare surname shared by several people goes to the one the story is about."""

from __future__ import annotations

from pipeline.extract.surnames import salient_bearer


def test_bearer_named_most_often_before_wins():
    bearers = [(0, "Petro Kovalenko"), (40, "Petro Kovalenko"), (90, "Olena Kovalenko")]
    assert salient_bearer(bearers, 120) == "Petro Kovalenko"


def test_tie_goes_to_the_bearer_introduced_first():
    bearers = [(50, "Olena Kovalenko"), (10, "Petro Kovalenko")]
    assert salient_bearer(bearers, 80) == "Petro Kovalenko"


def test_bearer_named_only_after_the_surname_does_not_count():
    bearers = [(0, "Petro Kovalenko"), (200, "Olena Kovalenko"), (210, "Olena Kovalenko")]
    assert salient_bearer(bearers, 100) == "Petro Kovalenko"


def test_surname_before_any_full_name_reads_the_whole_article():
    assert salient_bearer([(30, "Petro Kovalenko")], 0) == "Petro Kovalenko"


def test_no_bearer_means_no_person():
    assert salient_bearer([], 10) is None
