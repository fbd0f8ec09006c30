"""The person-word lists are data kept tidy: each sorted, each word once, and read as such."""

from __future__ import annotations

import yaml

from pipeline.extract.person_words import (
    FEMALE,
    GENDERED_HONORIFICS,
    GENDERED_NOUNS,
    HONORIFICS,
    MALE,
    WORDS_FILE,
)
from pipeline.extract.speaker_people import is_given_name


def test_every_list_is_sorted_and_names_each_word_once():
    for kind, groups in yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")).items():
        for group, words in groups.items():
            listed = words.split()
            assert listed == sorted(set(listed)), f"{kind}.{group}"


def test_titles_say_a_gender_only_where_english_does():
    assert GENDERED_HONORIFICS["mrs"] == FEMALE and GENDERED_HONORIFICS["sir"] == MALE
    assert "ambassador" in HONORIFICS and "ambassador" not in GENDERED_HONORIFICS
    assert GENDERED_NOUNS["spokeswoman"] == FEMALE


def test_given_names_are_recognised_in_any_case():
    assert is_given_name("Olena") and is_given_name("TARAS")
    assert not is_given_name("Geneva")
