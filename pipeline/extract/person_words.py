"""Words that tell a person, and a person's gender: honorifics, gendered nouns, nouns that
describe a person, given names.

They are data (`pipeline/registry/person_words.yaml`), one list each, read by the actor
extractor (a given name or a title makes a capitalised phrase a person) and by speaker
resolution (a pronoun agrees with its antecedent's gender).
"""

from __future__ import annotations

from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).resolve().parent.parent / "registry" / "person_words.yaml"
MALE, FEMALE = "m", "f"


def _read() -> dict[str, dict[str, frozenset[str]]]:
    raw = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    return {kind: {group: frozenset(words.split()) for group, words in groups.items()}
            for kind, groups in raw.items()}


_LISTS = _read()


def _by_gender(kind: str) -> dict[str, str]:
    lists = _LISTS[kind]
    return {**dict.fromkeys(lists["male"], MALE), **dict.fromkeys(lists["female"], FEMALE)}


HONORIFICS: frozenset[str] = frozenset().union(*_LISTS["honorifics"].values())
GENDERED_HONORIFICS: dict[str, str] = _by_gender("honorifics")
GENDERED_NOUNS: dict[str, str] = _by_gender("gendered_nouns")
PERSON_NOUNS: frozenset[str] = _LISTS["person_nouns"]["either"] | frozenset(GENDERED_NOUNS)
MALE_NAMES: frozenset[str] = _LISTS["given_names"]["male"]
FEMALE_NAMES: frozenset[str] = _LISTS["given_names"]["female"]
