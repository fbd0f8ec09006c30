"""Language codes from metadata are normalised; otherwise the text decides."""

import pytest

from pipeline.ingest.language import detect_language, normalise_code


@pytest.mark.parametrize("value, expected", [
    ("en", "en"), ("EN-gb", "en"), ("en_US", "en"), ("ukr", "ukr"), ("English", None),
    ("", None), (None, None),
])
def test_normalise_code(value, expected):
    assert normalise_code(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Kremlin said on Friday that another round of negotiations will take place next "
     "week in Geneva.", "en"),
    ("Le Kremlin a annoncé vendredi qu'un nouveau cycle de négociations aura lieu la semaine "
     "prochaine à Genève.", "fr"),
    ("Кремль заявив у п'ятницю, що наступного тижня в Женеві відбудеться новий раунд "
     "переговорів.", "uk"),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected
