"""Whether a reported event occurred, is planned or is only hypothetical.

The status is read off the first modality clue on the way up from the trigger: its own
modifiers ("potential talks", "upcoming summit"), negation, "if", modal and future auxiliaries,
embedding verbs ("scheduled to", "hopes to"), and finally tense. A noun event only takes the
clues of a verb it is an argument of: "Zelensky has not been invited to the summit" says
nothing about whether the summit happens. When no clue applies the status is a default, and
the result says so, so that a later report with a real clue can settle it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.contract.values import EventStatus
from pipeline.extract.event_syntax import LIGHT_NOUNS, bound_verb, chain, governing_verb
from pipeline.extract.syntax import is_verb, lemma

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca", "'d"}
PLANNING_LEMMAS = {"schedule", "set", "plan", "due", "suppose", "expect", "prepare", "announce",
                   "upcoming", "about", "go", "agree", "promise", "pledge", "vow", "commit",
                   "decide"}
HYPOTHETICAL_LEMMAS = {
    "hope", "want", "seek", "propose", "suggest", "fear", "consider", "aim", "try", "urge",
    "ask", "push", "demand", "offer", "willing", "ready", "prepared", "open", "able", "unable",
    "refuse", "reject", "threaten", "wish", "intend", "bid", "effort", "attempt", "order",
    "refrain", "require", "need", "possibility", "deny", "convince", "persuade", "pressure",
}
HYPOTHETICAL_MODIFIERS = {"potential", "possible", "proposed", "hypothetical", "future",
                          "prospective", "eventual", "any", "would-be", "new"}
PLANNED_MODIFIERS = {"upcoming", "scheduled", "planned", "forthcoming", "next", "coming"}
PAST_MODIFIERS = {"previous", "past", "earlier", "prior", "former", "recent"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
# Conjunctions whose clause the text asserts on its own: what "as Zelensky slams Putin" or
# "while Russia pressed on" reports happened, whatever the main clause's modality. After
# "after", "when" and "before" only a past tense does ("after Kyiv agreed"): "when Russia
# agrees" is the condition of a future.
ASSERTED_MARKS = {"as", "while", "because", "although", "though", "since", "whereas"}
TEMPORAL_MARKS = {"after", "when", "before", "once"}


@dataclass(frozen=True)
class Status:
    """A status and whether a clue in the text decided it (rather than the default)."""

    value: EventStatus
    certain: bool


def negated(token: Token) -> bool:
    """Negation on the token, or on the verb it is coordinated with ("will not withdraw ...
    or give up")."""
    for current in (token, token.head if token.dep_ == "conj" else None):
        if current is not None and any(c.dep_ == "neg" for c in current.children):
            return True
    return False


def _reported_future(token: Token) -> bool:
    """"would" in a clause reported by a past-tense verb is the future seen from then
    ("he added that he would schedule meetings"), not a condition."""
    return token.dep_ == "ccomp" and token.head.tag_ == "VBD"


def _clue(token: Token, level: int, modality_only: bool = False) -> EventStatus | None:
    """The status a token on the chain decides, if any. `modality_only` is for the verb a noun
    event is only loosely bound to ("has not been invited to the summit"): its future and
    modal auxiliaries carry over to the event, its negation and tense do not."""
    children = list(token.children)
    auxes = {c.lower_ for c in children if c.dep_ == "aux"}
    if auxes & FUTURE_AUX:
        return "planned"
    if auxes & HYPOTHETICAL_AUX:
        return "planned" if "would" in auxes and _reported_future(token) else "hypothetical"
    if modality_only:
        return None
    if is_verb(token) and negated(token):
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return "hypothetical"
    if token.lower_ == "without":
        return "hypothetical"
    if token.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in children):
        return "occurred"  # "is co-chairing a meeting": under way as the article is written
    if level and lemma(token) in PLANNING_LEMMAS:
        return "planned"
    if level and lemma(token) in HYPOTHETICAL_LEMMAS:
        return "hypothetical"
    if is_verb(token) and token.tag_ in {"VBD", "VBN"}:
        return "occurred"
    return None


def _noun_modifiers(trigger: Token) -> EventStatus | None:
    mods = {c.lower_ for c in trigger.children if c.dep_ in {"amod", "det", "compound"}}
    if mods & HYPOTHETICAL_MODIFIERS:
        return "hypothetical"
    if mods & PLANNED_MODIFIERS:
        return "planned"
    if mods & PAST_MODIFIERS:
        return "occurred"
    return None


def status(trigger: Token, sent: Span) -> Status:
    """occurred, planned or hypothetical, from the first modality clue on the way up from
    the trigger through its clause and the verbs or nouns that embed it."""
    is_noun = trigger.pos_ != "VERB"
    if trigger.head.lower_ == "without":
        return Status("hypothetical", True)
    if is_noun:
        own = _noun_modifiers(trigger)
        if own:
            return Status(own, True)
    verb, core = bound_verb(trigger) if is_noun else (trigger, True)
    token = trigger
    for level, token in enumerate(chain(trigger, sent)):
        if is_noun and level and is_verb(token) and verb is None:
            return Status("occurred", False)
        if level and token.pos_ in {"NOUN", "PROPN"} and lemma(token) not in LIGHT_NOUNS:
            found = _clue(token, level)
            return Status(found, True) if found else Status("occurred", False)
        found = _clue(token, level, modality_only=not core and token == verb)
        if found:
            return Status(found, True)
        if _asserted_clause(token):
            return Status("occurred", False)
    if token.dep_ == "ccomp" and lemma(token.head) in HYPOTHETICAL_LEMMAS:
        return Status("hypothetical", True)
    return Status("occurred", False)


def _asserted_clause(verb: Token) -> bool:
    """Whether a verb heads an adverbial clause that reports a fact of its own, so that the
    modality of the clause it hangs on does not reach the event."""
    if verb.dep_ != "advcl" or not is_verb(verb):
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    past = verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)
    return bool(marks & ASSERTED_MARKS) and verb.tag_ in {"VBZ", "VBP", "VBD"} or \
        bool(marks & TEMPORAL_MARKS) and past


def future(trigger: Token, sent: Span, value: str) -> bool:
    """Whether weekday and month names point forward, from the tense of the trigger's
    clause ("will meet on Friday", "are scheduled to start on Tuesday" against "was supposed
    to host on Wednesday"); planned events without a finite verb count as future."""
    for token in chain(trigger, sent):
        auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
        if {a.lower_ for a in auxes} & FUTURE_AUX:
            return True
        tags = {token.tag_, *(a.tag_ for a in auxes)}
        if "VBD" in tags:
            return False
        if tags & {"VBZ", "VBP"}:
            return value == "planned" or lemma(token) in PLANNING_LEMMAS
    return value == "planned"


def present(verb: Token | None) -> bool:
    """A verb in the present tense, simple or progressive ("is co-chairing", "are")."""
    if verb is None:
        return False
    tags = {verb.tag_, *(c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"})}
    return bool(tags & {"VBZ", "VBP"}) and not tags & {"MD", "VBD"}


def perfect(trigger: Token) -> bool:
    """A present perfect clause ("Russia has demanded", "Kyiv has agreed") reports what has
    just happened by the time of writing. Only a verb trigger counts: in "past discussions
    have involved Kushner" the perfect is not the discussions' own."""
    return trigger.pos_ == "VERB" and trigger.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"has", "have", "'s", "'ve"} for c in trigger.children)


def progressive(trigger: Token) -> bool:
    """A present progressive clause ("is co-chairing a meeting") reports what happens on
    the day of writing."""
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger)
    return verb is not None and verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in verb.children)
