"""Actor mentions in one document: who acts, under which canonical name.

The small spaCy model finds names but mislabels and mis-bounds many of them ("Kyiv" as a
person, "Prof Glees" as an organisation, "Donald Trump’s" with its possessive), so the curated
registry is matched first and wins wherever it applies; NER fills in the people and bodies the
registry does not know. Within an article, surnames, typos and role nouns ("the prime
minister") are then tied back to the full names they stand for, and places or outlets that are
only a setting ("talks in Geneva", "told the Express") are dropped, since the dataset counts
actors, not every proper noun.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from rapidfuzz.distance import Levenshtein
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.contract.values import ActorType, MentionMethod
from pipeline.extract.cues import DOCUMENT_NOUNS, is_speech_cue
from pipeline.extract.nlp import english, text_of
from pipeline.extract.person_words import HONORIFICS, PERSON_NOUNS
from pipeline.extract.places import is_major_place, resolve_place
from pipeline.extract.records import Actor, Mention
from pipeline.extract.registry import Entry, Registry, load_registry
from pipeline.extract.speaker_people import PRONOUN_GENDER, is_given_name
from pipeline.extract.surnames import salient_bearer
from pipeline.extract.syntax import SUBJECTS, lemma
from pipeline.ingest.boilerplate import AGENCIES, ends_sentence
from pipeline.ingest.datelines import datelines

# Words that may open a name span only as part of a title: "Secretary of State Marco Rubio".
TITLE_FILLERS = {"the", "of", "for", "and", "state", "special", "foreign", "affairs", "deputy",
                 "former", "acting", "chief", "national", "security", "first", "vice"}
POSSESSIVE = {"'s", "’s", "'", "’"}
POSSESSIVE_ENDING = re.compile(r"(?<=\w)['’‘]s?$")
# Endings of agent nouns, by which a word before a name reads as the person's role.
ROLE_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|man|woman|ess)s?$|(?:men|esses)$")
OPENING, CLOSING = {"(", "["}, {")", "]"}
CREDIT_SUFFIX = re.compile(r"/\s*(?:Handout|Pool|File|" + AGENCIES + r")\b", re.IGNORECASE)
# Prepositions of a venue: an organisation found only after them is where something happened.
VENUE_PREPS = {"in", "at", "inside", "outside"}
# Prepositions after which a country or building is the setting, not an actor.
LOCATIVE_PREPS = {"in", "at", "to", "into", "inside", "near", "across", "throughout", "within",
                  "outside", "around", "toward", "towards", "via", "through"}
# Words of a journey: the country they go "to" is where, not who.
TRAVEL_LEMMAS = {"travel", "go", "come", "fly", "head", "return", "arrive", "trip", "journey",
                 "move", "drive", "sail", "flight", "route", "road", "way", "back"}
# Heads that make an unknown ORG span a body rather than a stray capitalised phrase.
INSTITUTION_WORDS = {
    "agency", "airline", "airlines", "airways", "alliance", "army", "assembly", "association",
    "authority", "bank", "board", "bureau", "cabinet", "center", "centre", "church", "club",
    "coalition", "college", "command", "commission", "committee", "company", "corp", "corp.",
    "corporation", "council", "court", "department", "diocese", "directorate", "energy",
    "federation", "fund", "foundation", "forces", "government", "group", "guard", "inc",
    "inc.", "institute", "league", "ltd", "ltd.", "ministry", "movement", "navy", "network",
    "office", "organisation", "organization", "parliament", "party", "police", "railroad",
    "railway", "school", "secretariat", "service", "society", "studio", "studios", "union",
    "university",
}
MODIFIER_DEPS = {"compound", "nmod", "amod"}
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr."}
# Heads after a given name that make the phrase a place or a body named after someone.
NAMED_AFTER_HEADS = {"avenue", "bridge", "street", "road", "square", "park", "airport",
                     "station", "hospital", "island", "river", "lake", "valley", "county",
                     "city", "hall", "centre", "center", "police", "prize", "award", "cup"}
MAX_SURNAME_TOKENS = 3
# Entity labels a speaking name cannot carry (peoples, numbers, buildings) and those only a
# lone word can carry, when the gazetteer does not know the place (the model's guess).
NOT_A_SPEAKER_ENTITIES = {"NORP", "FAC", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY",
                          "ORDINAL", "CARDINAL"}
PLACE_ENTITIES = {"GPE", "LOC"}
NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
NAME_JOINERS = {"the", "of", "for", "and"}
# "IRCC", "PBO": the initials of a name spelled out elsewhere in the text.
ACRONYM = re.compile(r"[A-Z]{2,6}")
ACRONYM_JOINERS = NAME_JOINERS | {"on", "in", "&"}
PLURAL_TAGS = {"NNS", "NNPS"}
THING_PRONOUNS = {"it", "its"}


@dataclass(frozen=True)
class _Candidate:
    """A span that may name an actor, before in-article resolution."""

    start: int  # token offsets
    end: int
    actor: Actor
    method: MentionMethod
    entry: Entry | None = None


@dataclass(frozen=True)
class _Role:
    """A title phrase ("the Kremlin spokesman") with what it is a title of."""

    start: int
    end: int
    title: str  # office key
    scope: frozenset[str]  # names / ISO codes of its modifiers, empty when unqualified
    holder: int | None  # token index of the name it directly qualifies, if any


def find_mentions(doc: Doc, published: dt.date | None, *,
                  unnamed_roles: bool = False) -> list[Mention]:
    """Every actor mention in `doc`, sorted by offsets, one mention per span.

    `published` dates role nouns: "the US president" resolves to whoever held the office that
    day. By default a role only resolves to a person the article also names (the annotation
    guidelines do not count unnamed people); `unnamed_roles=True` resolves it from the
    registry alone.
    """
    registry = load_registry()
    candidates = _registry_candidates(doc, registry)
    candidates = _merge_ner(doc, registry, candidates)
    candidates = _given_name_people(doc, candidates)
    lower_words = {t.text for t in doc if t.is_lower}
    candidates = _speaking_people(doc, candidates, lower_words)
    candidates = _full_names_of_surnames(doc, candidates, lower_words)
    candidates = _link_partial_names(doc, candidates)
    candidates = _link_short_org_names(doc, candidates)
    candidates = _spelled_out_acronyms(doc, candidates)
    candidates += _demonyms(doc, registry, candidates)
    candidates += _role_candidates(doc, registry, candidates, published, unnamed_roles)
    return _to_mentions(doc, _acting_only(doc, candidates))


# ---------------------------------------------------------------- registry matching

@cache
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    """Case-sensitive alias matcher, case-insensitive matcher for long names, title matcher.

    Long names ("coalition of the willing") are often lower-cased in copy; short aliases are
    not matched case-insensitively, or "US" would match the pronoun "us".
    """
    registry = load_registry()
    nlp = english()
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    loose = PhraseMatcher(nlp.vocab, attr="LOWER")
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    for alias, _ in registry.aliases():
        pattern = nlp.make_doc(alias)
        exact.add(alias, [pattern])
        if len(pattern) >= 3:
            loose.add(alias, [pattern])
    for phrase, key in registry.titles.items():
        titles.add(key, [nlp.make_doc(phrase)])
    return exact, loose, titles


def _label(match_id: int) -> str:
    return english().vocab.strings[match_id]


def _longest_first(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    taken: set[int] = set()
    kept = []
    for start, end, label in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end, label))
            taken.update(range(start, end))
    return sorted(kept)


def _registry_candidates(doc: Doc, registry: Registry) -> list[_Candidate]:
    exact, loose, _ = _matchers()
    found = [(s, e, _label(m)) for m, s, e in exact(doc)]
    found += [(s, e, _label(m)) for m, s, e in loose(doc)]
    out = []
    for start, end, alias in _longest_first(found):
        entry = registry.by_alias(alias)
        assert entry is not None  # the matchers hold the registry's aliases only
        out.append(_Candidate(start, end, entry.actor, "registry", entry))
    return out


# ---------------------------------------------------------------- NER

def _clean_bounds(doc: Doc, start: int, end: int, person: bool) -> tuple[int, int]:
    """Strip what precedes a name (determiners; for people also titles, honorifics and
    country modifiers) and possessives and punctuation after it: the mention is the name."""
    while start < end and (doc[start].is_punct or doc[start].is_space
                           or doc[start].lower_ == "the"
                           or person and _is_title_word(doc[start])
                           and not _opens_a_name(doc, start, end)):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    start, end = _balanced(doc, start, end)
    if person:
        start = _given_name_start(doc, start, end)
    return start, end


def _hyphen_joined_end(doc: Doc, end: int) -> int:
    """A name runs on across a hyphen the model stopped at: "SNC-Lavalin", not "SNC"."""
    while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and _capitalised(doc[end + 1])
           and _name_word(doc[end + 1])):
        end += 2
    return end


def _opens_a_name(doc: Doc, start: int, end: int) -> bool:
    """A given name that is also a place's ("Jordan Stewart", not "Jordan's King
    Abdullah"): followed by a capitalised word that is no title."""
    return (is_given_name(doc[start].text) and start + 1 < end
            and _capitalised(doc[start + 1]) and not _is_title_word(doc[start + 1]))


def _balanced(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A name never holds half a bracket: "[Bill] Clinton" is Clinton, "the Office of
    Foreign Assets Control (OFAC" ends before the bracket it does not close."""
    for i in range(end - 1, start - 1, -1):
        if doc[i].text in CLOSING and not any(t.text in OPENING for t in doc[start:i]):
            return i + 1, end
    for i in range(start, end):
        if doc[i].text in OPENING and not any(t.text in CLOSING for t in doc[i:end]):
            return start, i
    return start, end


def _given_name_start(doc: Doc, start: int, end: int) -> int:
    """Where a person's name opens inside a span that begins with a role the title
    lexicon does not know ("Organizer Dwayne Croteau"): at the first given name followed
    by a surname, when every word before it reads as a role, not as a name of its own
    ("Azfar Ali Khan" is one name)."""
    for i in range(start + 1, end - 1):
        if is_given_name(doc[i].text) and doc[i].is_title:
            return i if all(_reads_as_role(t) for t in doc[start:i]) else start
    return start


def _reads_as_role(token: Token) -> bool:
    """A word naming what a person is or does: one the lexicons know, or one built as an
    agent noun is ("organizer", "hairdresser", "columnist")."""
    word = token.lower_
    if is_given_name(word):
        return False
    roles = _role_words()
    return word in roles or word.removesuffix("s") in roles or bool(ROLE_SUFFIX.search(word))


@cache
def _role_words() -> frozenset[str]:
    return PERSON_NOUNS | _title_words()


@cache
def _title_words() -> frozenset[str]:
    phrases = load_registry().titles
    return frozenset(w for phrase in phrases for w in phrase.split()) | HONORIFICS | TITLE_FILLERS


def _capitalised(token: Token) -> bool:
    """Starts with a capital: unlike spaCy's is_title, true of McCallum and LaPlante."""
    return token.text[:1].isupper()


def _is_title_word(token: Token) -> bool:
    registry = load_registry()
    entry = registry.by_alias(token.text)
    return (token.lower_ in _title_words() or registry.by_demonym(token.text) is not None
            or entry is not None and entry.actor.type != "PERSON")


def _merge_ner(doc: Doc, registry: Registry, candidates: list[_Candidate]) -> list[_Candidate]:
    """Add NER names the registry missed; let NER veto registry surnames of other people."""
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    dropped: set[_Candidate] = set()
    added: list[_Candidate] = []
    furniture = _datelines(doc)
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or _within(ent.start_char, furniture):
            continue  # "RIYADH (Reuters) -" says where the report was filed, not who acted
        titled = ent[0].lower_ in HONORIFICS
        named_after_title = (_name_after_title(doc, ent.start, ent.end)
                             if ent.label_ == "ORG" else None)
        label = "PERSON" if titled or ent.label_ == "PERSON" or named_after_title else "ORG"
        start, end = _clean_bounds(doc, named_after_title or ent.start,
                                   _hyphen_joined_end(doc, ent.end), label == "PERSON")
        if start >= end:
            continue
        inside = {by_token[i] for i in range(start, end) if i in by_token}
        if not inside:
            cand = _unknown_name(doc, registry, start, end, label)
            if cand:
                added.append(cand)
            continue
        if label == "ORG" and (_names_larger_body(doc[start:end], inside)
                               or _body_named_with_its_country(doc[start:end], inside)):
            dropped |= inside
            added.append(_new_actor(doc, start, end, "ORG"))
            continue
        if label != "PERSON" or len(inside) != 1:
            continue
        (known,) = inside
        if _given_name_of_a_place(doc, known, start, end):
            dropped.add(known)  # "Jordan Stewart", "Chad Johnson": a person, not a country
            added.append(_new_actor(doc, start, end, "PERSON"))
            continue
        if known.actor.type != "PERSON" or (known.start, known.end) == (start, end):
            continue
        text = doc[start:end].text
        assert known.entry is not None  # the candidates NER is merged into are registry matches
        if _close_to(text, known.entry.surface_forms):
            dropped.add(known)
            added.append(replace(known, start=start, end=end, method="fuzzy"))
        elif _other_person(doc, start, end, known):
            dropped.add(known)
            added.append(_new_actor(doc, start, end, "PERSON"))
    return [c for c in candidates if c not in dropped] + added


def _datelines(doc: Doc) -> list[tuple[int, int]]:
    return [match.span() for match, _ in datelines(text_of(doc))]


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _name_after_title(doc: Doc, start: int, end: int) -> int | None:
    """Where the name starts in an "organisation" that is a person under a title the
    model took for a body's name ("Hereditary Chief Na'moks", "Grand Chief Jane Doe"): one
    to three capitalised name words after the last title word, in a span naming no
    institution."""
    span = doc[start:end]
    if _is_institution(span) or span[-1].text in POSSESSIVE:
        return None
    for k in range(end - 2, start - 1, -1):
        if doc[k].lower_ in _title_words():
            name = doc[k + 1:end]
            if (doc[k].lower_ in NAME_JOINERS or len(name) > MAX_SURNAME_TOKENS
                    or not all(t.pos_ == "PROPN" and _capitalised(t) and _name_word(t)
                               for t in name)):
                return None
            return k + 1
    return None


def _given_name_of_a_place(doc: Doc, known: _Candidate, start: int, end: int) -> bool:
    """Whether a person's name opens with a given name that the registry knows as a place
    or body ("Jordan", "Georgia", "Chad"), followed by capitalised surname words."""
    return (known.actor.type != "PERSON" and (known.start, known.end) == (start, start + 1)
            and _opens_a_name(doc, start, end))


def _given_name_people(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """People the small model missed, cut or filed as an organisation or a place: a common
    given name followed by capitalised name words ("Amanda Nunes" tagged ORG, "Ian
    Poulter" untagged, "Jordan" the country before "Stewart" the person). A name
    overlapping another registry entry or an institution stays as it is."""
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    dropped: set[_Candidate] = set()
    added: list[_Candidate] = []
    i = 0
    while i < len(doc):
        end = _person_name_end(doc, i)
        if end is None:
            i += 1
            continue
        inside = {by_token[j] for j in range(i, end) if j in by_token}
        if all(_part_of_the_name(doc, c, i, end) for c in inside):
            dropped |= inside
            added.append(_new_actor(doc, i, end, "PERSON"))
        i = end
    return [c for c in candidates if c not in dropped] + added


def _part_of_the_name(doc: Doc, candidate: _Candidate, start: int, end: int) -> bool:
    """Whether a candidate inside "Given Surname" [start, end) is a piece of that name: a
    body the model made of it, the surname alone, or a given name the registry knows as a
    place ("Jordan" of "Jordan Stewart")."""
    if not (start <= candidate.start and candidate.end <= end):
        return False
    if candidate.method == "ner":
        return candidate.actor.type == "PERSON" or not _is_institution(
            doc[candidate.start:candidate.end])
    return _given_name_of_a_place(doc, candidate, start, end)


def _speaking_people(doc: Doc, candidates: list[_Candidate],
                     lower_words: set[str]) -> list[_Candidate]:
    """The candidates with the speakers the small model missed whom the text has speak:
    capitalised proper nouns, untagged or tagged as anything but a people, a number or a
    known place, that are the subject of a reporting verb ("Patrice Lindsay, director of the
    foundation, said", "Will Young said" with its modal-looking given name). A title
    before the name is not part of it ("Hereditary Chief Na'moks"). A full name replaces
    a stray word of it the model took for a body ("Young" tagged ORG); a lone name must
    overlap nothing. A lone word that is no major place (not "ERBIL (Agency) —" opening a
    paragraph) is a person when a personal pronoun follows it, else an organisation
    ("Facebook says its app ..."); a surname of a person the article names in full is
    tied to them afterwards (_link_partial_names)."""
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    furniture = _datelines(doc)
    dropped: set[_Candidate] = set()
    added = []
    for token in doc:
        span = _speaking_name(doc, token, lower_words)
        if span is None or _within(span.start_char, furniture):
            continue
        inside = {by_token[i] for i in range(span.start, span.end) if i in by_token}
        if len(span) > 1 and all(_stray_word(c, span) or _misfiled_person(c, span)
                                 for c in inside):
            dropped |= inside
            added.append(_new_actor(doc, span.start, span.end, "PERSON"))
        elif len(span) == 1 and not inside and not is_major_place(token.text):
            type_: ActorType = "PERSON" if _followed_by_person_pronoun(token) else "ORG"
            added.append(_new_actor(doc, span.start, span.end, type_))
        else:
            continue
        by_token.update((i, added[-1]) for i in range(span.start, span.end))
    return [c for c in candidates if c not in dropped] + added


def _full_names_of_surnames(doc: Doc, candidates: list[_Candidate],
                            lower_words: set[str]) -> list[_Candidate]:
    """The full names of people the model found only by their surname: wherever a name word
    stands before that surname ("Mamadou Dia was", "For Megda Belkacemi,", "Will Young, a
    mechanic,") the two are the person's name, in place of the surname alone or of a body
    the model made of the pair. The word before is a proper noun or a common given name,
    neither a title, a place, a date nor a word the text writes in lower case."""
    surnames = {_without_possessive(doc[c.start].text) for c in candidates
                if c.actor.type == "PERSON" and not c.actor.in_registry and c.end - c.start == 1}
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    dropped: set[_Candidate] = set()
    added = []
    for token in doc:
        if token.i == 0 or _without_possessive(token.text) not in surnames:
            continue
        given = doc[token.i - 1]
        start, end = given.i, token.i + 1
        inside = {by_token[i] for i in range(start, end) if i in by_token}
        if (_gives_the_name(given, lower_words)
                and not any(c.actor.type == "PERSON" and c.end - c.start > 1 for c in inside)
                and all(_part_of_the_name(doc, c, start, end) for c in inside)):
            dropped |= inside
            added.append(_new_actor(doc, start, end, "PERSON"))
            by_token.update((i, added[-1]) for i in range(start, end))
    return [c for c in candidates if c not in dropped] + added


def _gives_the_name(token: Token, lower_words: set[str]) -> bool:
    """Whether a word before a surname is the person's given name."""
    return (_own_name_word(token)
            and (is_given_name(token.text) or token.pos_ == "PROPN"
                 and token.lower_ not in lower_words and resolve_place(token.text) is None)
            and token.ent_type_ not in NOT_A_SPEAKER_ENTITIES)


def _own_name_word(token: Token) -> bool:
    """A capitalised word of a name that is no title: what a name may hold besides the word
    the model found ("Lior" of "Lior Benami", "Statistics" of "Statistics Canada")."""
    return _capitalised(token) and _name_word(token) and not _is_title_word(token)


def _without_possessive(word: str) -> str:
    """A name as written before a possessive ending, whatever the apostrophe ("Schumer‘s")."""
    return POSSESSIVE_ENDING.sub("", word)


def _stray_word(candidate: _Candidate, name: Span) -> bool:
    """A one-word body or place the model found inside a person's full name."""
    return (candidate.method == "ner" and candidate.actor.type != "PERSON"
            and name.start <= candidate.start and candidate.end <= name.end
            and candidate.end - candidate.start == 1)


def _misfiled_person(candidate: _Candidate, name: Span) -> bool:
    """A speaker's full name the model took for a body, though a personal pronoun follows
    ("Toronto's Bo Tanner said ... He")."""
    return (candidate.method == "ner" and candidate.actor.type == "ORG"
            and (candidate.start, candidate.end) == (name.start, name.end)
            and not _is_institution(name) and _followed_by_person_pronoun(name[-1]))


def _speaks(token: Token) -> bool:
    """Whether a word is the subject of a reporting verb ("X said", "X told reporters")."""
    return token.dep_ == "nsubj" and is_speech_cue(token.head)


def _speaking_name(doc: Doc, token: Token, lower_words: set[str]) -> Span | None:
    """The name a speaking subject gives, when it is one: up to three capitalised words;
    a lone word the text also writes in lower case is a common word opening a sentence
    ("Police said")."""
    if token.pos_ != "PROPN" or not _speaks(token):
        return None
    start = token.i
    while start > 0 and doc[start - 1].dep_ in {"compound", "flat"} and \
            doc[start - 1].head == token and not _is_title_word(doc[start - 1]) and (
            doc[start - 1].pos_ == "PROPN" or is_given_name(doc[start - 1].text)):
        start -= 1
    span = doc[start:token.i + 1]
    if (len(span) > MAX_SURNAME_TOKENS or _is_title_word(token)
            or not all(_capitalised(t) and _name_word(t) for t in span)
            or any(t.ent_type_ in NOT_A_SPEAKER_ENTITIES for t in span)
            or any(t.ent_type_ in PLACE_ENTITIES for t in span)
            and (len(span) > 1 or resolve_place(span.text) is not None)
            or _is_institution(span)
            or {t.lower_ for t in span} & NAMED_AFTER_HEADS
            or len(span) == 1 and token.lower_ in lower_words):
        return None
    return span


def _name_word(token: Token) -> bool:
    """Letters, perhaps joined by an apostrophe or hyphen ("Na'moks", "SNC-Lavalin"), and
    perhaps a possessive ending the tokenizer left on ("Harker‘s")."""
    return bool(NAME_WORD.fullmatch(_without_possessive(token.text)))


def _followed_by_person_pronoun(token: Token) -> bool:
    """Whether the first third-person pronoun after a lone name, in its sentence or the
    next, is a person's ("Mulder said he ...") rather than a thing's ("... its app")."""
    doc = token.doc
    sentences = [token.sent]
    if token.sent.end < len(doc):
        sentences.append(doc[token.sent.end].sent)
    for sent in sentences:
        for t in sent:
            if t.i > token.i and (t.lower_ in PRONOUN_GENDER or t.lower_ in THING_PRONOUNS):
                return t.lower_ in PRONOUN_GENDER
    return False


def _person_name_end(doc: Doc, start: int) -> int | None:
    """End of "Given Surname …" opening at `start`, or None when no such name opens there."""
    first = doc[start]
    if not (first.pos_ == "PROPN" and first.is_title and is_given_name(first.text)):
        return None
    if start > 0 and doc[start - 1].pos_ == "PROPN" and _capitalised(doc[start - 1]) and (
            not _is_title_word(doc[start - 1])):
        return None
    end = start + 1
    while (end < len(doc) and end - start <= MAX_SURNAME_TOKENS and doc[end].pos_ == "PROPN"
           and _capitalised(doc[end]) and not doc[end].is_punct):
        end += 1
    words = {t.lower_ for t in doc[start:end]}
    if end == start + 1 or words & (INSTITUTION_WORDS | NAMED_AFTER_HEADS):
        return None
    return end


def _body_named_with_its_country(span: Span, inside: set[_Candidate]) -> bool:
    """"Statistics Canada", "Air Canada", "Rally Canada": a body the model found whose name
    ends in a country's, after words of its own that are no place, people or title."""
    if len(inside) != 1:
        return False
    (country,) = inside
    own = span.doc[span.start:country.start]
    return (country.actor.type == "GPE" and country.end == span.end and len(own) > 0
            and all(_own_name_word(t) and t.pos_ in {"PROPN", "NOUN"}
                    and t.ent_type_ not in PLACE_ENTITIES | {"NORP"} for t in own)
            and resolve_place(own.text) is None)


def _names_larger_body(span: Span, inside: set[_Candidate]) -> bool:
    """"Kyiv Bar Association" is an organisation of its own, not Ukraine."""
    return (_is_institution(span) and all(span.start <= c.start and c.end <= span.end
                                          for c in inside)
            and sum(c.end - c.start for c in inside) < len(span) - 1)


def _other_person(doc: Doc, start: int, end: int, known: _Candidate) -> bool:
    """A name that extends a registry surname with another given name ("Hunter Biden") or
    a generational suffix is a different person."""
    extra = [t for t in doc[start:end] if not known.start <= t.i < known.end]
    return any(_capitalised(t) and t.is_alpha for t in extra) or any(
        t.lower_ in NAME_SUFFIXES for t in extra)


def _unknown_name(doc: Doc, registry: Registry, start: int, end: int,
                  label: str) -> _Candidate | None:
    span = doc[start:end]
    if not any(_capitalised(t) for t in span if _name_word(t)):
        return None
    if len(span) == 1 and _not_a_name(span[0], label) or _credit(span) or _cut_off(span):
        return None
    if label == "PERSON" and len(span) > 1 and span[0].lower_ in INSTITUTION_WORDS:
        label = "ORG"  # "Studio Lindqvist", "Bank Leumi": no person's name opens with "Studio"
    if label == "PERSON":
        # A lone surname a letter away from a registry name is as likely someone else.
        entry = _fuzzy_registry_person(registry, span.text) if len(span) > 1 else None
        if entry:
            return _Candidate(start, end, entry.actor, "fuzzy", entry)
        if len(span) == 1 and not _capitalised(span[0]):
            return None
        return _new_actor(doc, start, end, "PERSON")
    if _is_institution(span) or _reports(span):
        return _new_actor(doc, start, end, "ORG")
    return None


def _credit(span: Span) -> bool:
    """A photo or agency credit is no actor: "Presidential Press Service/Handout" (but
    "Radio Free Europe/Radio Liberty" is a name), a name
    an editor inserted in brackets ("[Barak] Obama" names Obama)."""
    doc = span.doc
    bracketed = (span.start > 0 and doc[span.start - 1].text == "[" and span.end < len(doc)
                 and doc[span.end].text == "]")
    return bracketed or bool(CREDIT_SUFFIX.search(span.text))


def _cut_off(span: Span) -> bool:
    """A name at the very end of a text that stops mid-sentence is a fragment of a name the
    scrape cut ("... from Russ"), not a name."""
    rest = text_of(span.doc)[span.end_char:]
    return not rest.strip() and not ends_sentence(span.text)


def _not_a_name(token: Token, label: str) -> bool:
    """A lone word the model took for a name that is not one: the first word of a title
    ("Defense Minister Umerov", where "Harker‘s office" is Harker's); for a person, a
    modifier of a common noun ("Patriot missiles", "the Kherson orphanage") or a major
    place ("Kherson")."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if (following is not None and following.lower_ in _title_words()
            and not POSSESSIVE_ENDING.search(token.text)):
        return True
    if label != "PERSON":
        return False  # "the RCMP statement": an organisation names what it issues
    if token.dep_ in {"compound", "amod", "nmod"} and token.head.pos_ == "NOUN":
        return True
    return is_major_place(token.text)


def _new_actor(doc: Doc, start: int, end: int, type_: ActorType) -> _Candidate:
    """An actor the registry does not know, named as written; a person's nickname in
    quotation marks ('Brian “Buzz” Keller') is not part of the name."""
    name = _without_possessive(doc[start:end].text)
    if type_ == "PERSON":
        name = _NICKNAME.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip()
    return _Candidate(start, end, Actor(name=name, type=type_, country=None), "ner")


_NICKNAME = re.compile(r"\s[\"“‘'][^\"”’']{1,20}[\"”’']\s")


def _is_institution(span: Span) -> bool:
    return any(t.lower_ in INSTITUTION_WORDS for t in span) and len(span) > 1


# ---------------------------------------------------------------- fuzzy matching

def _tolerance(text: str) -> int:
    """Edits allowed for a typo: none for short names, where one letter makes another name."""
    return 0 if len(text) < 6 else 1 if len(text) < 10 else 2


def _close_to(text: str, forms: Iterable[str]) -> bool:
    text = text.casefold()
    return any(0 < Levenshtein.distance(text, f.casefold(), score_cutoff=_tolerance(f) + 1)
               <= _tolerance(f) for f in forms if abs(len(f) - len(text)) <= 2)


def _fuzzy_registry_person(registry: Registry, text: str) -> Entry | None:
    hits = [e for e in registry if e.actor.type == "PERSON" and _close_to(text, e.surface_forms)]
    return hits[0] if len(hits) == 1 else None


# ---------------------------------------------------------------- in-article resolution

def _link_partial_names(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Tie surnames ("Glees", also NER's lone "Prof Glees") and their typos to the full name
    of a person the registry does not know but the article introduces; when several such
    people share the surname, to the most salient of them. A given name alone goes to the
    one person the article introduced with it."""
    bearers: dict[str, list[tuple[int, Actor]]] = defaultdict(list)
    given: dict[str, list[tuple[int, Actor]]] = defaultdict(list)
    for c in candidates:
        if c.actor.type == "PERSON" and not c.actor.in_registry and c.end - c.start > 1:
            bearers[_without_possessive(doc[c.end - 1].text)].append((c.start, c.actor))
            given[doc[c.start].text].append((c.start, c.actor))
    # a given name alone ("Jayme", "Mahathir") is the one person the article gave it to
    for name, people in given.items():
        if len({who for _, who in people}) == 1 and name not in bearers:
            bearers[name] = people
    linked = []
    for c in candidates:
        lone = c.end - c.start == 1 and (c.method == "ner" or _place_speaking_as(doc, c, given))
        surname = _without_possessive(doc[c.start].text)
        actor = salient_bearer(bearers.get(surname, []), c.start) if lone else None
        linked.append(replace(c, actor=actor, method="partial_name") if actor else c)
    taken = {i for c in candidates for i in range(c.start, c.end)}
    for token in doc:
        if token.i in taken or not _capitalised(token):
            continue
        found = bearers.get(_without_possessive(token.text))
        if found is None and len(token.text) >= 6:
            found = next((b for s, b in bearers.items() if _close_to(token.text, [s])), None)
        actor = salient_bearer(found or [], token.i)
        if actor:
            linked.append(_Candidate(token.i, token.i + 1, actor, "partial_name"))
    return linked


def _place_speaking_as(doc: Doc, candidate: _Candidate,
                       given: dict[str, list[tuple[int, Actor]]]) -> bool:
    """A place whose name is the given name of someone the article introduced, speaking
    ("Jordan said" after "Jordan Stewart"): that person, not the country."""
    token = doc[candidate.start]
    return candidate.actor.type != "PERSON" and token.text in given and _speaks(token)


def _link_short_org_names(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """An organisation the article names in full and then by the first words of that name
    ("Samsung Electronics Co." ... "Samsung", "Suncor Energy Inc." ... "Suncor") is one
    actor, under its fullest name. Only names the registry does not know are joined, and
    only when the names beginning with the short one are each other's beginnings too."""
    found = [c for c in candidates if c.method == "ner" and c.actor.type == "ORG"]
    words = {c: tuple(t.text for t in doc[c.start:c.end]) for c in found}
    linked = []
    for c in candidates:
        if c in words and not _is_institution(doc[c.start:c.end]):
            short = words[c]
            fuller = [(w, o.actor) for o, w in words.items()
                      if len(w) > len(short) and w[:len(short)] == short]
            longest = max(fuller, key=lambda f: (len(f[0]), f[1].name), default=None)
            if longest is not None and all(longest[0][:len(w)] == w for w, _ in fuller):
                c = replace(c, actor=longest[1])
        linked.append(c)
    return linked


def _spelled_out_acronyms(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """An acronym the registry does not know ("IRCC", "the PBO") is the body whose name
    the article spells out with those initials ("Immigration, Refugees and Citizenship
    Canada"); the name becomes that body's mention even where the model cut it up or took
    a country inside it for the country ("Export Development Canada"), and every use of
    the acronym is the same body. An acronym nothing in the text spells out stays as it
    is."""
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    dropped: set[_Candidate] = set()
    added: list[_Candidate] = []
    for letters, uses in _acronyms(doc, by_token).items():
        name = _spelled_out(doc, letters, uses[0])
        if name is None:
            continue
        inside = {by_token[i] for i in range(name.start, name.end) if i in by_token}
        if any(c.actor.type == "PERSON" or c.start < name.start or c.end > name.end
               for c in inside):
            continue
        whole = next((c for c in inside if (c.start, c.end) == (name.start, name.end)), None)
        if whole is None:
            whole = _new_actor(doc, name.start, name.end, "ORG")
            added.append(whole)
        dropped |= inside - {whole}
        dropped |= {by_token[i] for i in uses if i in by_token}
        added += [_Candidate(i, i + 1, whole.actor, "acronym") for i in uses]
    return [c for c in candidates if c not in dropped] + added


def _acronyms(doc: Doc, by_token: dict[int, _Candidate]) -> dict[str, list[int]]:
    """Token indices of each acronym the registry left to the model, in text order: not
    a place's ("BC"), not inside a longer name ("BC Hydro"), never a common noun ("an
    MP")."""
    found: dict[str, list[int]] = defaultdict(list)
    for token in doc:
        known = by_token.get(token.i)
        if (ACRONYM.fullmatch(token.text) and token.ent_type_ not in PLACE_ENTITIES
                and (known is None or known.method == "ner" and known.end - known.start == 1)):
            found[token.text].append(token.i)
    return {letters: uses for letters, uses in found.items()
            if not any(i > 0 and doc[i - 1].lower_ in {"a", "an"} for i in uses)}


def _spelled_out(doc: Doc, letters: str, first_use: int) -> Span | None:
    """The nearest run of capitalised words before the acronym's first use (else after
    it) whose initials are its letters, joined by "of", "and", commas and the like: a
    whole name, not the start of a longer one ("Cape Breton Correctional Facility" is no
    "CBC"), and no place's, people's or plural noun's ("Los Angeles", "British
    Columbians", "Members of Parliament")."""
    runs = [span for i in range(len(doc)) if (span := _initials_run(doc, i, letters))
            and resolve_place(span.text) is None and not _plural_noun_phrase(span)
            and not all(t.ent_type_ in PLACE_ENTITIES | {"NORP"} for t in span)]
    before = [span for span in runs if span.end <= first_use]
    if before:
        return before[-1]
    return runs[0] if runs else None


def _plural_noun_phrase(span: Span) -> bool:
    """People, not a body: a plural head of a phrase ("Members of Parliament") or a plural
    closing a run of capitals with nothing between them ("British Columbians")."""
    joined = any(t.lower_ in ACRONYM_JOINERS or t.is_punct for t in span)
    return span[0].tag_ in PLURAL_TAGS or not joined and span[-1].tag_ in PLURAL_TAGS


def _initials_run(doc: Doc, start: int, letters: str) -> Span | None:
    end, matched = start, 0
    while end < len(doc) and matched < len(letters):
        token = doc[end]
        if (token.text[:1] == letters[matched] and token.is_alpha and token.is_title
                and token.lower_ not in ACRONYM_JOINERS):
            matched += 1
        elif end == start or not (token.lower_ in ACRONYM_JOINERS or token.text == ","):
            return None
        end += 1
    if matched < len(letters) or end < len(doc) and _capitalised(doc[end]) and doc[end].is_alpha:
        return None
    return doc[start:end]


def _demonyms(doc: Doc, registry: Registry, candidates: list[_Candidate]) -> list[_Candidate]:
    """Plural nationals ("the Ukrainians", "Brits") stand for a country the article already
    names; on their own they are too loose to make a country an actor."""
    named = {c.actor.name for c in candidates}
    taken = {i for c in candidates for i in range(c.start, c.end)}
    out = []
    for token in doc:
        entry = registry.by_demonym(token.text)
        if (entry and token.i not in taken and entry.name in named and token.tag_ in
                ("NNS", "NNPS") and token.dep_ in SUBJECTS | {"dobj", "pobj", "conj"}):
            out.append(_Candidate(token.i, token.i + 1, entry.actor, "registry", entry))
    return out


# ---------------------------------------------------------------- acting or setting

def _climb(token: Token) -> Token:
    """Through conjunctions and appositions to the phrase that carries the grammatical role."""
    while token.dep_ in ("conj", "appos") and token.head != token:
        token = token.head
    return token


def _is_setting(span: Span, preps: set[str] = LOCATIVE_PREPS) -> bool:
    head = _climb(span.root)
    return head.dep_ == "pobj" and head.head.lower_ in preps


# What a country gives "in" itself: "sought refuge in Poland", "asylum in France".
SHELTER_NOUNS = {"refuge", "asylum", "sanctuary", "shelter"}


def _receives(span: Span) -> bool:
    """A country something is given or directed "to" is a party to it ("aid to Ukraine", "a
    visit to Saudi Arabia", "a threat to Europe"), unless it is where someone travels to."""
    head = _climb(span.root)
    prep = head.head
    if head.dep_ == "pobj" and prep.lower_ == "in" and (lemma(prep.head) in SHELTER_NOUNS or any(
            c.dep_ == "dobj" and lemma(c) in SHELTER_NOUNS for c in prep.head.children)):
        return True  # "sought refuge in Poland": the country asked to take them in
    return head.dep_ == "pobj" and prep.lower_ in {"to", "toward", "towards"} and \
        lemma(prep.head) not in TRAVEL_LEMMAS


def _is_modifier(span: Span) -> bool:
    root = span.root
    return root.dep_ in MODIFIER_DEPS and not any(c.text in POSSESSIVE for c in root.children)


def _reports(span: Span) -> bool:
    """An outlet is an actor when it is the source: subject, agent, "according to", the
    issuer of a document ("a statement from Brightwater Holdings")."""
    head = span.root
    while head.dep_ in MODIFIER_DEPS | {"poss"} and head.head != head:
        head = head.head
    head = _climb(head)
    if head.dep_ in SUBJECTS:
        return _same_line(span, head.head)
    prep = head.head
    issued = prep.head.head if prep.head.dep_ == "acl" else prep.head
    return head.dep_ == "pobj" and _same_line(span, prep) and (
        prep.dep_ == "agent" or prep.lower_ == "by"
        or prep.lower_ == "to" and prep.head.lower_ == "according"
        or prep.lower_ == "from" and issued.lower_ in DOCUMENT_NOUNS)


def _same_line(span: Span, token: Token) -> bool:
    """The parser links headings to the next paragraph; a line break ends a clause."""
    lo, hi = sorted((span.start, token.i))
    return not any("\n" in t.text_with_ws for t in span.doc[lo:hi])


def _acts(doc: Doc, cand: _Candidate) -> bool:
    span = doc[cand.start:cand.end]
    entry = cand.entry
    if entry is not None and entry.media:
        return _reports(span)
    if entry is not None and entry.place_like:
        return not _is_setting(span) and not _is_modifier(span)
    if cand.actor.type == "GPE" and _names_a_city(span, cand.actor):
        # "Moscow said", "Washington's demands": the capital for its government; "the Paris
        # summit", "talks in Abu Dhabi": a city, which is a place and not an actor
        return not _is_setting(span) and not _is_modifier(span)
    if cand.actor.type == "GPE":
        return not _is_setting(span) or _receives(span)
    if cand.method == "ner" and cand.actor.type == "ORG":
        return not _is_setting(span, VENUE_PREPS)  # "in the Oval Office" is where, not who
    return True


def _names_a_city(span: Span, country: Actor) -> bool:
    """Whether a country's mention is a city's name, as a capital used for its government."""
    place = resolve_place(span.text)
    return place is not None and place.latitude is not None and place.country == country.country


def _acting_only(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep every mention of actors that act at least once in the article."""
    acting = {c.actor for c in candidates if _acts(doc, c)}
    return [c for c in candidates if c.actor in acting]


# ---------------------------------------------------------------- roles

def _role_candidates(doc: Doc, registry: Registry, candidates: list[_Candidate],
                     published: dt.date | None, unnamed_roles: bool) -> list[_Candidate]:
    """Role nouns resolved to a person: first to whoever the article itself gives that title,
    then to the registry's office holder on the publication date."""
    ordered = sorted(candidates, key=lambda c: c.start)
    at_token = {i: c for c in candidates for i in range(c.start, c.end)}
    roles = _roles(doc, at_token)
    titled: dict[str, list[tuple[frozenset[str], Actor]]] = defaultdict(list)
    for role in roles:
        holder = at_token.get(role.holder) if role.holder is not None else None
        if holder and holder.actor.type == "PERSON":
            titled[role.title].append((role.scope, holder.actor))
    named = {c.actor for c in candidates}
    out = []
    for role in roles:
        if role.holder is not None:
            continue
        options = [a for scope, a in titled[role.title] if not role.scope or scope & role.scope]
        if not options and published is not None:
            options = _office_holders(registry, role, published)
        if not unnamed_roles:
            options = [a for a in options if a in named]
        actor = _nearest_before(role.start, set(options), ordered)
        if actor:
            entry = registry.by_name(actor.name) if actor.in_registry else None
            out.append(_Candidate(role.start, role.end, actor, "role", entry))
    return out


def _office_holders(registry: Registry, role: _Role, day: dt.date) -> list[Actor]:
    """Holders on `day`; a named body ("Kremlin spokesman") narrows before its country does."""
    bodies = {s for s in role.scope
              if (e := registry.by_name(s)) is not None and e.actor.type != "GPE"}
    for scope in ([bodies] if bodies else []) + [set(role.scope) or None]:
        holders = [e.actor for e in registry.holders(role.title, day, scope)]
        if holders:
            return holders
    return []


def _nearest_before(start: int, options: set[Actor],
                    ordered: list[_Candidate]) -> Actor | None:
    """Among several holders, the one the reader last met (or the only one)."""
    if len(options) == 1:
        return next(iter(options))
    before = [c.actor for c in ordered if c.start < start and c.actor in options]
    return before[-1] if before else None


def _roles(doc: Doc, at_token: dict[int, _Candidate]) -> list[_Role]:
    _, _, matcher = _matchers()
    found = [(s, e, _label(m)) for m, s, e in matcher(doc)]
    roles = []
    for start, end, title in _longest_first(found):
        last = doc[end - 1]
        if last.tag_ in ("NNS", "NNPS") or last.pos_ not in ("NOUN", "PROPN") or any(
                i in at_token for i in range(start, end)):
            continue
        left, scope = _left_modifiers(doc, start, at_token)
        right, of_scope = _of_phrase(doc, end, at_token)
        scope |= of_scope
        determiner = doc[left - 1].lower_ if left > 0 else ""
        if determiner in ("a", "an", "another", "any", "every", "no"):
            continue
        holder = _holder(doc, left, right, at_token)
        if holder is None and not (determiner == "the" or scope or doc[start].is_title):
            continue
        roles.append(_Role(left, right, title, frozenset(scope), holder))
    return roles


def _scope_of(actor: Actor) -> set[str]:
    return {actor.name, *([actor.country] if actor.country else [])}


def _left_modifiers(doc: Doc, start: int,
                    at_token: dict[int, _Candidate]) -> tuple[int, set[str]]:
    """Extend a title leftwards over what qualifies it: "Ukraine’s National Security and
    Defence Council", "US", "Russian", "special", "47th"."""
    registry = load_registry()
    scope: set[str] = set()
    i = start
    while i > 0:
        prev = doc[i - 1]
        if prev.text in POSSESSIVE and i > 1 and (i - 2) in at_token:
            cand = at_token[i - 2]
            if cand.actor.type == "PERSON":
                break
            scope |= _scope_of(cand.actor)
            i = cand.start
        elif prev.i in at_token and at_token[prev.i].actor.type != "PERSON":
            cand = at_token[prev.i]
            scope |= _scope_of(cand.actor)
            i = cand.start
        elif (entry := registry.by_demonym(prev.text)) is not None:
            scope |= registry.scopes(entry)
            i -= 1
        elif prev.pos_ in ("ADJ", "NUM") and prev.lower_ not in ("former", "late"):
            i -= 1
        else:
            break
    return i, scope


def _of_phrase(doc: Doc, end: int, at_token: dict[int, _Candidate]) -> tuple[int, set[str]]:
    """"President of the United States", "head of the Russian delegation": the `of` phrase
    names the title's scope."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        j = end + 1 + (doc[end + 1].lower_ == "the")
        cand = at_token.get(j)
        if cand and cand.actor.type != "PERSON" and cand.start == j:
            return cand.end, _scope_of(cand.actor)
        entry = load_registry().by_demonym(doc[j].text) if j < len(doc) else None
        if entry is not None and j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN":
            return j + 2, _scope_of(entry.actor)
    return end, set()


def _holder(doc: Doc, left: int, right: int, at_token: dict[int, _Candidate]) -> int | None:
    """The token of the person a title belongs to: right after it ("Prime Minister Keir
    Starmer", "envoy Steve Witkoff") or in apposition ("Rustem Umerov, ... chief")."""
    after = right + (right < len(doc) and doc[right].text == ",")
    for i in (right, after):
        if i in at_token and at_token[i].actor.type == "PERSON":
            return i
    if left >= 2 and doc[left - 1].text == "," and (left - 2) in at_token:
        cand = at_token[left - 2]
        if cand.actor.type == "PERSON":
            return left - 2
    return None


# ---------------------------------------------------------------- output

def _to_mentions(doc: Doc, candidates: list[_Candidate]) -> list[Mention]:
    text = text_of(doc)
    seen: dict[tuple[int, int], Mention] = {}
    for c in candidates:
        span = doc[c.start:c.end]
        key = (span.start_char, span.end_char)
        if key in seen:
            continue
        seen[key] = Mention(start=key[0], end=key[1], text=text[key[0]:key[1]],
                            actor=c.actor, method=c.method)
    return sorted(seen.values(), key=lambda m: (m.start, m.end))
