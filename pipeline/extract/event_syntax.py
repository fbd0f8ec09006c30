"""Dependency-parse helpers the event extractor shares: sentences, clause chains, subjects.

An event's trigger sits somewhere in a parse; what belongs to the event (its subject, its
tense, its date and place) is found by walking up from the trigger to the clause it is an
argument of. The walk has to stop at the right places: at a reporting verb (what "revealed on
Friday" says is not about the reported talks) and at an unrelated noun (the "anniversary of the
invasion" is not the invasion), while passing through "round of" or "set to".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from pipeline.extract.syntax import (
    RELATIVE_PRONOUNS,
    inside,
    is_verb,
    lemma,
    subjects_of,
    within,
)

CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Nouns that only count, measure or stage the event they govern: "a new round of talks" is
# the talks, "25,000 tons of food aid" the aid.
LIGHT_NOUNS = {
    "round", "series", "set", "part", "start", "resumption", "continuation", "kind", "form",
    "type", "sort", "wave", "spate", "string", "number", "lot", "couple", "phase", "stage",
    "ton", "tonne", "dollar", "euro", "million", "billion", "worth", "package", "shipment",
    "batch", "consignment", "amount", "load", "truckload", "hour", "day", "week", "month",
}
# Prepositions after which a clause's subject takes part in a noun event: "attend talks",
# "take part in talks", "head to Moscow for a meeting" (not "beyond", "after", "ahead of").
PARTICIPATION_PREPS = {"in", "at", "to", "for", "into", "during"}
# Parts of a day that a date names with "of": "on the night of March 10".
TIME_OF_DAY = {"night", "morning", "evening", "afternoon", "day"}
# Verbs of going on with an event: "pushed on with talks", "pressed ahead with the summit".
CONTINUATION_LEMMAS = {"push", "press", "go", "proceed", "continue", "forge", "move"}
# Verbs of a journey one makes "on" a visit: "arrived in Amman on a visit".
JOURNEY_LEMMAS = {"arrive", "come", "go", "travel", "fly", "head", "leave", "embark", "set"}
# Verbs whose subject reacts to the event rather than taking part: "did not respond to calls",
# "reacted to the summit".
REACTION_LEMMAS = {"respond", "reply", "react", "object", "comment"}
CORE_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative"}
REPORTING_BOUNDARY = {"ccomp", "parataxis"}
# Prepositions that order two events ("after the call", "before the summit"), with whether
# the clause's event comes later: the noun they govern is the other event, on its own date.
SEQUENCE_PREPS = {"after": True, "following": True, "before": False}


def sentences(doc: Doc) -> Iterator[Span]:
    """spaCy's sentences, split again at line breaks: headlines, subheads and paragraphs
    without final punctuation are separate sentences even when the parser joins them."""
    for sent in doc.sents:
        start = sent.start
        for token in [*sent, None]:
            if token is None or token.is_space and "\n" in token.text:
                end = sent.end if token is None else token.i
                while start < end and doc[start].is_space:
                    start += 1
                while end > start and doc[end - 1].is_space:
                    end -= 1
                if end > start:
                    yield doc[start:end]
                start = end + 1 if token is not None else sent.end


def chain(trigger: Token, sent: Span) -> Iterator[Token]:
    """The trigger and its ancestors in the sentence up to the first reporting boundary."""
    current = trigger
    yield current
    while (current.head != current and within(current.head, sent)
           and current.dep_ not in REPORTING_BOUNDARY):
        current = current.head
        yield current


def _relative(token: Token) -> bool:
    """A "where"/"when" clause describing the noun it hangs from ("the conference in Munich,
    where X accused Y")."""
    return token.dep_ in {"relcl", "advcl"} and any(
        c.lower_ in {"where", "when"} for c in token.children)


def clause_chain(trigger: Token, sent: Span) -> Iterator[Token]:
    """The part of the chain whose dates and places belong to the event: up to the clause's
    verb, going on only through control ("scheduled to start") and "where"/"when" clauses to
    the noun they describe ("the conference in Munich, where X accused Y"), and through nouns
    only when they stage the event ("round of talks")."""
    described = False
    for token in chain(trigger, sent):
        if (token != trigger and token.pos_ in {"NOUN", "PROPN"} and not described
                and lemma(token) not in LIGHT_NOUNS):
            return
        if token.dep_ == "prep" and token.lower_ in SEQUENCE_PREPS:
            return
        yield token
        verb = token != trigger and is_verb(token) or token == trigger and token.pos_ == "VERB"
        if verb and token.dep_ != "xcomp" and not _relative(token):
            return
        # a "where" clause describes the whole phrase up to the verb it belongs to
        described = _relative(token) or described and not verb


def _describes(clause: Token) -> bool:
    """A clause that says more about the noun it hangs from: subjectless ("talks, scheduled
    to take place in Geneva"), relative with the noun as subject ("the invasion that began in
    2022"), or a "where"/"when" clause ("on Friday, when he told reporters at the White
    House")."""
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if clause.dep_ in {"acl", "xcomp"} and not subjects:
        return True
    if clause.dep_ == "relcl" and subjects and subjects[0].lower_ in RELATIVE_PRONOUNS:
        return True
    return _relative(clause)


def _clause_extension(token: Token) -> Iterator[Token]:
    """Verbs of the clauses describing a token, and of the clauses describing those."""
    for child in token.children:
        if is_verb(child) and _describes(child):
            yield child
            yield from _clause_extension(child)


def anchors(trigger: Token, sent: Span) -> set[Token]:
    """Tokens whose prepositional and adverbial dependents date or place the event: the clause
    chain, the subjectless clauses describing it, and names inside the trigger's own phrase
    (the parser often hangs "in Alaska" on the last participant of "a summit between X and
    Y in Alaska")."""
    found = set(clause_chain(trigger, sent))
    first, last = max(trigger.left_edge.i, sent.start), min(trigger.right_edge.i + 1, sent.end)
    found.update(t for t in trigger.doc[first:last] if t.pos_ == "PROPN" and inside(t, trigger))
    for token in list(found):
        found.update(_clause_extension(token))
    return found


def attached_to(token: Token, heads: set[Token]) -> bool:
    """Whether a phrase whose root is `token` modifies one of `heads`, directly or as the
    object of a preposition, also of one inside an adverb ("as soon as this week", "as
    early as Friday")."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        governor = head.head
        if governor.dep_ == "advmod" and governor.pos_ == "ADV":
            governor = governor.head
        if head.lower_ == "of" and lemma(governor) in TIME_OF_DAY and governor.dep_ == "pobj":
            return attached_to(governor, heads)  # "on the night of March 10"
        return governor in heads
    return head in heads and token.dep_ in {"npadvmod", "tmod", "nmod", "advmod", "compound",
                                            "appos", "pobj", "amod"}


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token (the verb of the clause it belongs to)."""
    current = token
    while current.head != current:
        current = current.head
        if is_verb(current):
            return current
    return current if is_verb(current) else None


def staged(noun: Token) -> Token:
    """The noun that counts, measures or stages an event noun, or the noun itself: "talks"
    of "three rounds of talks" is staged by "rounds", "aid" of "25,000 tons of aid" by "tons"."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma(noun.head.head) in LIGHT_NOUNS:
        noun = noun.head.head
    return noun


def bound_verb(trigger: Token) -> tuple[Token | None, bool]:
    """The verb a noun trigger is an argument of, if it is one, and whether it is a core one:
    its object or subject ("hold talks", "the talks ended"), or else the object of a
    preposition of taking part ("participate in a summit", "pushed on with talks", "arrived
    on a visit"), looking through staging nouns
    ("a round of talks"). A noun deeper inside another noun ("the lack of representation at
    the talks") or after "beyond"/"ahead of" is not bound, and its clause says nothing about
    it."""
    current = trigger
    while True:
        head = current.head
        if head == current:
            return None, False
        if current.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in LIGHT_NOUNS:
            current = head.head
            continue
        if is_verb(head) and current.dep_ in CORE_DEPS:
            return head, True
        if (current.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in PARTICIPATION_PREPS
                and is_verb(head.head) and lemma(head.head) not in REACTION_LEMMAS):
            return head.head, False
        if (current.dep_ == "pobj" and is_verb(head.head) and (
                head.lower_ == "with" and lemma(head.head) in CONTINUATION_LEMMAS
                or head.lower_ == "on" and lemma(head.head) in JOURNEY_LEMMAS)):
            return head.head, False
        if current.dep_ == "conj":
            current = head
            continue
        return None, False


def _antecedent_subject(pronoun: Token) -> Token:
    """What a relative pronoun subject stands for: "Starmer is one of the leaders who will
    participate" makes Starmer the participant."""
    noun = pronoun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head
    if noun.dep_ == "attr":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return noun


def subject(verb: Token) -> tuple[Token, bool] | None:
    """The subject of a verb and whether it acts passively, looking through control and
    coordination ("set to meet", "halted ... and launched") when the verb has none. Under a
    verb with an object, the object is the controller: in "asked Putin to refrain", Putin
    refrains."""
    current = verb
    for level in range(5):
        for child in subjects_of(current, CLAUSE_SUBJECTS):
                found = child
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    found = _antecedent_subject(child)
                return found, child.dep_ == "nsubjpass" and level == 0
        if current.dep_ not in {"xcomp", "conj", "pcomp", "advcl", "acomp", "prep", "acl"}:
            return None
        if current.dep_ == "xcomp":
            controller = next((c for c in current.head.children if c.dep_ == "dobj"
                               and (c.pos_ in {"PROPN", "PRON"} or c.ent_type_)), None)
            if controller is not None:
                return controller, False
        current = current.head
    return None
