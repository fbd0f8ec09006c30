"""The person a "he" or "she" refers to, among the people the article shows to be people.

News keeps the person it is quoting in subject position, so the antecedent is who spoke,
else who acted, in this sentence or the one before, else whoever those sentences name unless
a "he" there already carries the chain, else who spoke, else who acted, among the last few
named, else the latest person named. Whoever opens a quotation after a colon ("Martell is
more blunt: “…”") spoke.
Only names the article gives evidence of being people qualify, never a person pictured in
a photo caption set into the text, and the gender must agree where it is known: the small
model tags bills, firms and places as people ("Bill C-74", "Kinder Morgan", "Ont"), and
"she" must not go to the man named last.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from pipeline.extract.cues import is_according, is_reporting_cue
from pipeline.extract.nlp import text_of
from pipeline.extract.records import Actor, Mention
from pipeline.extract.speaker_people import PRONOUN_GENDER, is_given_name
from pipeline.extract.syntax import NOMINAL_SUBJECTS, sentences_back

SPEAKER, SUBJECT, OTHER = "speaker", "subject", "other"
# How many of the latest agreeing people a subject may be among to win over the very latest.
LATEST = 2
NAME_CHAIN_DEPS = {"appos", "compound", "flat"}


class Antecedents:
    """Pronoun antecedents among the people named outside quotation marks in one document."""

    def __init__(self, doc: Doc, narrative: list[Mention], gender: dict[Actor, str]):
        self.gender = gender
        text = text_of(doc)
        found = [(m, _role(doc, m)) for m in narrative
                 if m.actor.type == "PERSON" and not _in_caption(text, m)]
        people = _evidenced_people(found, gender)
        self.people = [(m, role) for m, role in found if m.actor in people]
        self._starts = [m.start for m, _ in self.people]

    def agrees(self, actor: Actor, gender: str | None) -> bool:
        """Whether a person may be referred to by a word of this gender (None: any): only a
        gender the article gives them can rule them out."""
        return gender is None or self.gender.get(actor, gender) == gender

    def spoke(self, pronoun: Token, actor: Actor) -> None:
        """Record that a "he" reported as speaking was `actor`: the next "he said" goes on
        with that speaker, not with a man the speaker only talked about ("He said the
        business, run by his father's friend Martin Legere, ... 'It was a success,' he
        said")."""
        k = bisect_right(self._starts, pronoun.idx)
        said = Mention(pronoun.idx, pronoun.idx + len(pronoun), pronoun.text, actor, "registry")
        self.people.insert(k, (said, SPEAKER))
        self._starts.insert(k, pronoun.idx)

    def of(self, pronoun: Token, gender: str | None) -> Actor | None:
        """The person `pronoun` (of `gender`, None when the word does not tell) refers to,
        or None when nobody fits."""
        offset = pronoun.idx
        k = bisect_right(self._starts, offset)
        before = [(m, role) for m, role in reversed(self.people[:k]) if m.end <= offset
                  and self.agrees(m.actor, gender)]
        first = sentences_back(pronoun, 1)
        recent = [(m, role) for m, role in before if m.start >= first.idx]
        found = _who_spoke_else_acted(recent)  # in these sentences
        if found is not None:
            return found
        if recent and not _pronoun_subject_in(pronoun.doc[first.i:pronoun.i], gender):
            return recent[0][0].actor  # named just now, and no "he" has moved on from them
        found = _who_spoke_else_acted(before[:LATEST])
        if found is not None:
            return found
        return before[0][0].actor if before else None


def _who_spoke_else_acted(named: list[tuple[Mention, str]]) -> Actor | None:
    """The latest of these people reported as speaking, else the latest clause subject."""
    for wanted in (SPEAKER, SUBJECT):
        found = next((m.actor for m, role in named if role == wanted), None)
        if found is not None:
            return found
    return None


# A sentence closed by a bracketed credit, "( Jane Roe / The Daily Star )": a photo caption.
_CAPTION_END = re.compile(r"[.!?]\s*\(\s*[^()\n]{2,60}?\s*\)")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _in_caption(text: str, mention: Mention) -> bool:
    """Whether the mention's sentence is a photo caption set into the article: the story's
    "he" after it goes on with the person before the picture, not the one pictured."""
    end = _SENTENCE_END.search(text, mention.end)
    return end is not None and _CAPTION_END.match(text, end.start()) is not None


def _pronoun_subject_in(span: Span, gender: str | None) -> bool:
    """Whether a "he" or "she" of this gender is a clause subject in the span: that pronoun
    already carries the chain, and a person named beside it ("Unlike Smith, he has not found
    work") is not who the text follows."""
    return any(t.dep_ in NOMINAL_SUBJECTS and PRONOUN_GENDER.get(t.lower_, "") == gender
               for t in span)


def mention_head(doc: Doc, mention: Mention) -> Token | None:
    """The token that attaches the mention's whole name to the sentence: "Keir Starmer,
    the prime minister" hangs from the sentence by "Starmer"'s head, not by "Keir"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    while head.dep_ in NAME_CHAIN_DEPS and head.head != head:
        head = head.head
    return head


def is_subject(head: Token) -> bool:
    return head.dep_ in NOMINAL_SUBJECTS


def _role(doc: Doc, mention: Mention) -> str:
    """Whether the mention is reported as speaking or believing ("hopes Ottawa will act":
    its words are reported), is a clause subject, or neither."""
    head = mention_head(doc, mention)
    if head is None:
        return OTHER
    if head.dep_ == "pobj" and head.head.lower_ == "to" and is_according(head.head.head):
        return SPEAKER
    if not is_subject(head):
        return OTHER
    return SPEAKER if is_reporting_cue(head.head) or _frames_a_quote(head.head) else SUBJECT


def _frames_a_quote(verb: Token) -> bool:
    """A clause that opens a quotation after a colon ("Martell is more blunt: “…”"): its
    subject is reported as speaking, whatever the verb."""
    doc = verb.doc
    colons = [c.i for c in verb.children if c.text == ":"] + [verb.right_edge.i + 1]
    return any(i + 1 < len(doc) and doc[i].text == ":" and doc[i + 1].is_quote for i in colons)


def _evidenced_people(found: list[tuple[Mention, str]], gender: dict[Actor, str]) -> set[Actor]:
    """The actors tagged as people that the article shows to be people: in the registry, of
    known gender, opening with a common given name, referred to by surname alone, or
    reported as speaking; never a name with digits or an all-capitals word ("Bill C-74",
    "Yellowhead MP")."""
    evidence: set[Actor] = set()
    for m, role in found:
        actor = m.actor
        words = actor.name.split()
        if any(c.isdigit() for c in actor.name) or any(len(w) > 1 and w.isupper() for w in words):
            continue
        if (actor.in_registry or actor in gender or is_given_name(words[0]) or role == SPEAKER
                or len(words) > 1 and m.text == words[-1]):
            evidence.add(actor)
    return evidence
