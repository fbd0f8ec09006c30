"""The people of one document as speaker resolution needs them: every surname tied to its
full name, and each person's grammatical gender where the text or the given name tells it.

News names a speaker in full once ("Doug McCallum") and by surname after that; the actor
extractor can miss a surname (a capital inside it, a fuzzy registry match that grabbed a
different person). A quote by "McCallum" or by "he" needs the full person all the same.
Gender lets "she said" skip the man named last. It comes from evidence in the article
(an honorific, a gendered role noun next to the name) before a compact lexicon of common
given names; a name in neither stays unknown and agrees with any pronoun.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.attrs import ORTH
from spacy.tokens import Doc

from pipeline.extract.nlp import indices_where
from pipeline.extract.person_words import (
    FEMALE,
    FEMALE_NAMES,
    GENDERED_HONORIFICS,
    GENDERED_NOUNS,
    MALE,
    MALE_NAMES,
)
from pipeline.extract.records import Actor, Mention
from pipeline.extract.surnames import salient_bearer

PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE}


def _words(name: str) -> list[str]:
    return [w.strip(".,").lower() for w in name.split()]


def surname_index(mentions: list[Mention]) -> dict[str, list[tuple[int, Actor]]]:
    """Surnames of the people named in full in the article, each with the (offset, person)
    of every full-name mention bearing it: the last word, and for longer names every
    shorter tail ("Al Basha" of "Abir Al Basha"). A registry person met only by surname
    does not count, so "Harris" goes to the Lisa Harris the article introduces rather than
    to a famous namesake."""
    found: dict[str, list[tuple[int, Actor]]] = {}
    for m in mentions:
        words = m.actor.name.split()
        if m.actor.type == "PERSON" and len(words) > 1 and len(m.text.split()) > 1:
            for k in range(1, len(words)):
                found.setdefault(" ".join(words[k:]), []).append((m.start, m.actor))
    return found


def link_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions with every surname tied to the person named in full who bears it (the
    most salient one when several do): capitalised surname tokens the actor extractor left
    out become mentions, and a bare surname it filed as a person of its own, matched
    loosely to someone else, or gave to the wrong bearer, is moved to that person."""
    surnames = surname_index(mentions)
    named_in_full = {m.actor for m in mentions if len(m.text.split()) > 1}
    linked = []
    for m in mentions:
        bearers = surnames.get(m.text.removesuffix("’s").removesuffix("'s"), [])
        full = salient_bearer(bearers, m.start)
        own = m.actor.name.split()
        shared = len({actor for _, actor in bearers}) > 1
        if full is not None and full != m.actor and (
                shared or len(own) == 1 or m.text not in own or m.actor not in named_in_full):
            m = replace(m, actor=full, method="surname")
        linked.append(m)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for token in (doc[i] for i in indices_where(doc, [ORTH], surnames.__contains__)):
        full = salient_bearer(surnames[token.text], token.idx)
        if full is not None and token.pos_ == "PROPN" and token.idx not in covered:
            end = token.idx + len(token.text)
            linked.append(Mention(token.idx, end, token.text, full, "surname"))
    return sorted(linked)


def genders(doc: Doc, mentions: list[Mention]) -> dict[Actor, str]:
    """Each person's gender: from an honorific or a gendered noun next to any mention of
    them in the article, else from their given name."""
    found: dict[Actor, str] = {}
    for m in mentions:
        if m.actor.type != "PERSON" or m.actor in found:
            continue
        evidence = _text_evidence(doc, m)
        if evidence is not None:
            found[m.actor] = evidence
    for m in mentions:
        if m.actor.type == "PERSON" and m.actor not in found:
            given = _given_name_gender(m.actor.name)
            if given is not None:
                found[m.actor] = given
    for actor, gender in _pronoun_genders(doc, mentions).items():
        found.setdefault(actor, gender)
    return found


def _pronoun_genders(doc: Doc, mentions: list[Mention]) -> dict[Actor, str]:
    """The gender of the pronouns that follow a person in the sentences naming no one else
    ("Quillon Aster hid beneath the stairs while her brother ran"), when they are at least
    twice as often of one gender as of the other: the name alone may not tell. A sentence
    where a pronoun comes before the name has someone else in it ("He told police he made
    Quillon hide in his cellar"), so it tells nothing."""
    tally: dict[Actor, dict[str, int]] = {}
    ordered = sorted(mentions)
    for sent in doc.sents:
        inside = [m for m in ordered if sent.start_char <= m.start < sent.end_char
                  and m.actor.type == "PERSON"]
        if len({m.actor for m in inside}) != 1 or any(
                t.lower_ in PRONOUN_GENDER for t in sent if t.idx < inside[0].start):
            continue
        counts = tally.setdefault(inside[0].actor, {MALE: 0, FEMALE: 0})
        for token in sent:
            if token.idx >= inside[0].end and token.lower_ in PRONOUN_GENDER:
                counts[PRONOUN_GENDER[token.lower_]] += 1
    return {actor: gender for actor, counts in tally.items()
            for gender, other in ((MALE, FEMALE), (FEMALE, MALE))
            if counts[gender] >= max(1, 2 * counts[other])}


def _text_evidence(doc: Doc, mention: Mention) -> str | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    near = [t.lower_ for t in doc[max(span.start - 1, 0):span.end]]
    near += [t.lower_ for t in span.root.children if t.dep_ == "appos"]
    for word in near:
        gender = GENDERED_HONORIFICS.get(word) or GENDERED_NOUNS.get(word)
        if gender is not None:
            return gender
    return None


def is_given_name(word: str) -> bool:
    """A common given name: the word that makes an unlabelled capitalised pair a person."""
    return word.lower() in MALE_NAMES or word.lower() in FEMALE_NAMES


def _given_name_gender(name: str) -> str | None:
    words = [w for w in _words(name) if w not in GENDERED_HONORIFICS]
    if len(words) < 2:
        return None
    first = words[0]
    if first in MALE_NAMES and first in FEMALE_NAMES:
        return None
    if first in MALE_NAMES:
        return MALE
    if first in FEMALE_NAMES:
        return FEMALE
    return None
