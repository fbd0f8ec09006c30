"""Detect PLOVER events in a parsed document, with actors, status, date and place.

A trigger word from the lexicon (pipeline/registry/event_triggers.yaml) opens an event; the
dependency parse around it supplies the rest: who does it to whom (subject, objects,
"between X and Y", "US-hosted"), whether it happened, is planned or is only hypothetical
(modals, "scheduled to", "if", negation, "potential"), and the date and place phrases that
attach to the trigger's clause. Mentions of the same real-world event in several sentences
are merged so the document yields one event per real-world event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from pipeline.extract.dates import find_date_expressions, resolve_date
from pipeline.extract.places import resolve_place
from pipeline.extract.records import Actor, Event, EventActor, Mention, Place

LEXICON = Path(__file__).resolve().parent.parent / "registry" / "event_triggers.yaml"

# Adjectives that stand for a country actor ("Russian strikes"); used only when the document
# mentions that country by name, so no actor is invented.
DEMONYMS = {
    "russian": "Russia", "ukrainian": "Ukraine", "american": "United States",
    "us": "United States", "u.s.": "United States", "british": "United Kingdom",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "french": "France", "german": "Germany",
    "chinese": "China", "polish": "Poland", "italian": "Italy", "turkish": "Turkey",
    "iranian": "Iran", "belarusian": "Belarus", "european": "European Union",
}
ROLE_PRIORITY = ("source", "target", "mediator", "participant")
MEDIATION_LEMMAS = {"host", "broker", "mediate", "facilitate", "sponsor"}
SOURCE_PREPS = {"by", "from"}
PARTICIPANT_PREPS = {"between", "among", "with", "alongside"}
TARGET_PREPS = {"on", "against", "at", "to", "of", "into", "over", "toward", "towards", "for"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
MOTION_LEMMAS = {"travel", "head", "go", "come", "fly", "return", "visit", "deploy", "send",
                 "arrive", "trip", "journey"}
TARGETED_TYPES = {"ASSAULT", "COERCE", "MOBILIZE"}
PERSONAL_ATTACK_LEMMAS = {"attack", "hit", "slam", "blast", "assault"}
NEGATABLE_TO_REJECT = {"AGREE", "CONCEDE", "RETREAT"}

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca", "'d"}
PLANNING_LEMMAS = {"schedule", "set", "plan", "due", "suppose", "expect", "prepare", "announce",
                   "upcoming", "about", "go"}
HYPOTHETICAL_LEMMAS = {
    "hope", "want", "seek", "propose", "suggest", "fear", "consider", "aim", "try", "urge",
    "ask", "push", "demand", "offer", "willing", "ready", "prepared", "open", "able", "unable",
    "refuse", "reject", "threaten", "wish", "intend", "bid", "effort", "attempt", "order",
    "refrain", "require", "need", "possibility", "deny", "convince", "persuade", "pressure",
}
HYPOTHETICAL_MODIFIERS = {"potential", "possible", "proposed", "hypothetical", "future",
                          "prospective", "eventual", "any", "would-be", "new"}
PLANNED_MODIFIERS = {"upcoming", "scheduled", "planned", "forthcoming", "next", "coming"}
ANAPHORIC_DETERMINERS = {"the", "this", "these", "that", "those"}
PRONOUNS = {"he", "she", "him", "her"}


@dataclass(frozen=True)
class _Entry:
    """One lexicon line: an event type, the head lemma and an optional required dependent."""

    event_type: str
    head: str
    dependent: str | None


@cache
def _lexicon() -> dict[str, dict[str, list[_Entry]]]:
    """Entries by part of speech and head lemma; entries with a dependent come first so that
    "call for" (REQUEST) wins over "call" (CONSULT)."""
    raw = yaml.safe_load(LEXICON.read_text())
    index: dict[str, dict[str, list[_Entry]]] = {"verbs": {}, "nouns": {}}
    for event_type, parts in raw.items():
        for pos, words in parts.items():
            for word in words:
                pieces = word.split()
                entry = (
                    _Entry(event_type, pieces[0], pieces[1] if len(pieces) > 1 else None)
                    if pos == "verbs"
                    else _Entry(event_type, pieces[-1], pieces[0] if len(pieces) > 1 else None)
                )
                index[pos].setdefault(entry.head, []).append(entry)
    for entries in index["verbs"].values():
        entries.sort(key=lambda e: e.dependent is None)
    for entries in index["nouns"].values():
        entries.sort(key=lambda e: e.dependent is None)
    return index


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _trigger_type(token: Token) -> str | None:
    """The PLOVER type a token triggers, if it is a lexicon verb or noun in that use."""
    if token.pos_ == "VERB":
        pos = "verbs"
    elif token.pos_ in {"NOUN", "PROPN"}:
        pos = "nouns"
    else:
        return None
    candidates = _lexicon()[pos].get(_lemma(token)) or _lexicon()[pos].get(token.lower_, [])
    for entry in candidates:
        if entry.dependent is None:
            return entry.event_type
        if any(entry.dependent in {c.lower_, _lemma(c)} for c in token.children):
            return entry.event_type
    return None


# --- syntax helpers ---------------------------------------------------------------------


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token (the verb of the clause it belongs to)."""
    current = token
    while current.head != current:
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return current if current.pos_ in {"VERB", "AUX"} else None


def _subject(verb: Token) -> tuple[Token, bool] | None:
    """The subject of a verb and whether it is a passive subject, looking through control
    and coordination ("set to meet", "halted ... and launched") when the verb has none."""
    current = verb
    for _ in range(5):
        for child in current.children:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
                return child, child.dep_ == "nsubjpass"
        if current.dep_ not in {"xcomp", "conj", "pcomp", "advcl", "acomp", "prep", "acl"}:
            return None
        current = current.head
    return None


def _inside(token: Token, ancestor: Token) -> bool:
    return token == ancestor or ancestor in token.ancestors


def _sentences(doc: Doc) -> Iterator[Span]:
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


def _within(token: Token, sent: Span) -> bool:
    return sent.start <= token.i < sent.end


def _chain(trigger: Token, sent: Span) -> Iterator[Token]:
    """The trigger and its ancestors in the sentence up to the first reporting boundary:
    what a reporting verb's own clause says ("revealed on Friday") is not about the
    reported event."""
    current = trigger
    yield current
    while (current.head != current and _within(current.head, sent)
           and current.dep_ not in {"ccomp", "parataxis"}):
        current = current.head
        yield current


def _clause_chain(trigger: Token, sent: Span) -> Iterator[Token]:
    """The part of the chain whose dates and places belong to the event: up to the clause's
    verb, going on only through control ("scheduled to start") and through "where"/"when"
    clauses to the noun they describe ("the conference in Munich, where X accused Y")."""
    for token in _chain(trigger, sent):
        yield token
        if token.pos_ == "VERB" or token.pos_ == "AUX" and token != trigger:
            relative = token.dep_ in {"relcl", "advcl"} and any(
                c.lower_ in {"where", "when"} for c in token.children)
            if token.dep_ != "xcomp" and not relative:
                return


# --- actors -----------------------------------------------------------------------------


def _path_role(token: Token, trigger: Token) -> str | None:
    """The role of a token in the trigger's subtree, read off its path to the trigger."""
    if token == trigger:
        return None
    path = [token, *[a for a in token.ancestors if a != trigger and _inside(a, trigger)]]
    if any(_lemma(t) in MEDIATION_LEMMAS for t in path[1:]):
        return "mediator"
    preps = [t.lower_ for t in path if t.dep_ in {"prep", "agent"}]
    if any(p in PARTICIPANT_PREPS for p in preps):
        return "participant"
    top = path[-1]
    if top.dep_ == "agent" or (preps and preps[-1] in SOURCE_PREPS):
        return "source"
    if top.dep_ == "nsubjpass":
        return "target"
    if top.dep_ in {"nsubj", "poss", "compound", "amod", "nmod", "npadvmod"}:
        return "source"
    if top.dep_ in {"dobj", "dative", "attr", "oprd", "iobj"}:
        return "target"
    if preps and preps[-1] in TARGET_PREPS:
        return "target"
    return "participant"


def _mention_roots(doc: Doc, mentions: list[Mention]) -> list[tuple[Token, Mention]]:
    roots = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            roots.append((span.root, mention))
    return roots


def _pronoun_antecedent(sent: Span, mentions: list[Mention]) -> Mention | None:
    """The person a sentence-initial "he"/"she" most likely refers to: the last person
    mentioned before the sentence."""
    earlier = [m for m in mentions if m.end <= sent.start_char and m.actor.type == "PERSON"]
    return max(earlier, key=lambda m: m.start) if earlier else None


def _add(roles: dict[Actor, str], actor: Actor, role: str) -> None:
    current = roles.get(actor)
    if current is None or ROLE_PRIORITY.index(role) < ROLE_PRIORITY.index(current):
        roles[actor] = role


def _event_actors(
    trigger: Token, sent: Span, roots: list[tuple[Token, Mention]], mentions: list[Mention],
    known: dict[str, Actor],
) -> dict[Actor, str]:
    """Actors taking part in the trigger's event: mentions and country adjectives in its
    subtree, plus the clause subject when the trigger is a verb or the object of one."""
    roles: dict[Actor, str] = {}
    covered = set()
    for root, mention in roots:
        if sent.start <= root.i < sent.end:
            covered.update(range(root.left_edge.i, root.i + 1))
            if _inside(root, trigger) and root != trigger:
                role = _path_role(root, trigger)
                if role:
                    _add(roles, mention.actor, role)
    for token in trigger.subtree:
        actor = known.get(DEMONYMS.get(token.lower_, ""))
        if not _within(token, sent):
            continue
        if actor and token.i not in covered and token.dep_ in {"amod", "compound", "nmod"}:
            role = _path_role(token, trigger)
            if role:
                _add(roles, actor, role)
    verb = trigger if trigger.pos_ == "VERB" else _governing_verb(trigger)
    found = _subject(verb) if verb is not None else None
    if found and _within(found[0], sent) and not _inside(trigger, found[0]):
        subject, subject_passive = found
        role = "target" if subject_passive else "source"
        for root, mention in roots:
            if _inside(root, subject):
                _add(roles, mention.actor, role)
        if subject.lower_ in PRONOUNS and not any(_inside(r, subject) for r, _ in roots):
            antecedent = _pronoun_antecedent(sent, mentions)
            if antecedent:
                _add(roles, antecedent.actor, role)
    return roles


# --- status, date, place ----------------------------------------------------------------


def _negated(token: Token) -> bool:
    """Negation on the token, or on the verb it is coordinated with ("will not withdraw ...
    or give up")."""
    for current in (token, token.head if token.dep_ == "conj" else None):
        if current is not None and any(c.dep_ == "neg" for c in current.children):
            return True
    return False


def _status(trigger: Token, sent: Span) -> str:
    """occurred, planned or hypothetical, from the first modality clue on the way up from
    the trigger through its clause and the verbs or nouns that embed it."""
    if trigger.pos_ != "VERB":
        mods = {c.lower_ for c in trigger.children if c.dep_ in {"amod", "det", "compound"}}
        if mods & HYPOTHETICAL_MODIFIERS:
            return "hypothetical"
        if mods & PLANNED_MODIFIERS:
            return "planned"
    token = trigger
    for level, token in enumerate(_chain(trigger, sent)):
        children = list(token.children)
        if token.pos_ in {"VERB", "AUX"} and _negated(token):
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in children):
            return "hypothetical"
        auxes = {c.lower_ for c in children if c.dep_ == "aux"}
        if auxes & FUTURE_AUX:
            return "planned"
        if auxes & HYPOTHETICAL_AUX:
            return "hypothetical"
        if level and _lemma(token) in PLANNING_LEMMAS:
            return "planned"
        if level and _lemma(token) in HYPOTHETICAL_LEMMAS:
            return "hypothetical"
        if token.pos_ in {"VERB", "AUX"} and token.tag_ in {"VBD", "VBN"}:
            return "occurred"
    if token.dep_ == "ccomp" and _lemma(token.head) in HYPOTHETICAL_LEMMAS:
        return "hypothetical"
    return "occurred"


def _future(trigger: Token, sent: Span, status: str) -> bool:
    """Whether weekday and month names point forward, from the tense of the trigger's
    clause ("will meet on Friday", "are scheduled to start on Tuesday" against "was supposed
    to host on Wednesday"); planned events without a finite verb count as future."""
    for token in _chain(trigger, sent):
        auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
        if {a.lower_ for a in auxes} & FUTURE_AUX:
            return True
        tags = {token.tag_, *(a.tag_ for a in auxes)}
        if "VBD" in tags:
            return False
        if tags & {"VBZ", "VBP"}:
            return status == "planned" or _lemma(token) in PLANNING_LEMMAS
    return status == "planned"


def _progressive(trigger: Token) -> bool:
    """A present progressive clause ("is co-chairing a meeting") reports what happens on
    the day of writing."""
    verb = trigger if trigger.pos_ == "VERB" else _governing_verb(trigger)
    return verb is not None and verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in verb.children)


@dataclass(frozen=True)
class _Located:
    start: int
    end: int
    text: str


def _nearest_in_chain(trigger: Token, sent: Span, candidates: list[_Located]) -> _Located | None:
    """The candidate attached closest to the trigger in the parse, then closest in text."""
    for level in _clause_chain(trigger, sent):
        lo = max(level.left_edge.idx, sent.start_char)
        hi = min(level.right_edge.idx + len(level.right_edge), sent.end_char)
        inside = [c for c in candidates if lo <= c.start and c.end <= hi]
        if inside:
            return min(inside, key=lambda c: abs(c.start - trigger.idx))
    return None


def _place_phrase(token: Token) -> Span:
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token:
        start -= 1
    return doc[start : token.i + 1]


def _place_attached(token: Token, trigger: Token, event_type: str) -> bool:
    """Whether a noun phrase is where the event happens: the object of "in"/"at", of "to"
    after a motion verb, of "on"/"against" for attacks, or a modifier as in "Geneva talks"."""
    if token.head == trigger and token.dep_ in {"compound", "nmod", "npadvmod"}:
        return True
    if token.dep_ != "pobj":
        return False
    prep = token.head.lower_
    return (
        prep in PLACE_PREPS
        or prep == "to" and MOTION_LEMMAS & {_lemma(token.head.head), _lemma(token.head.head.head)}
        or event_type in TARGETED_TYPES and prep in {"on", "against", "of"}
        and token.head.head == trigger
    )


def _place_candidates(trigger: Token, event_type: str, sent: Span) -> dict[_Located, Place]:
    """Proper nouns in the sentence that name a gazetteer place the event could be at."""
    found = {}
    for token in sent:
        if token.pos_ != "PROPN" or token.dep_ == "compound" and token.head != trigger:
            continue
        attached = token.head if token.dep_ == "appos" else token
        if not _place_attached(attached, trigger, event_type):
            continue
        phrase = _place_phrase(token)
        place = resolve_place(phrase.text)
        if place:
            found[_Located(phrase.start_char, phrase.end_char, phrase.text)] = place
    return found


def _date(trigger: Token, sent: Span, published: dt.date | None, status: str):
    expressions = [
        _Located(sent.start_char + e.start, sent.start_char + e.end, e.text)
        for e in find_date_expressions(sent.text)
    ]
    chosen = _nearest_in_chain(trigger, sent, expressions)
    if chosen is None:
        if published and status == "occurred" and _progressive(trigger):
            return published, "day", None
        return None, None, None
    day, precision = resolve_date(chosen.text, published, _future(trigger, sent, status))
    return (day, precision, chosen.text) if day else (None, None, None)


def _later(day: dt.date, precision: str, published: dt.date) -> bool:
    if precision == "day":
        return day > published
    if precision == "week":
        return day > published and (day - published).days >= 1 and day.weekday() == 0
    if precision == "month":
        return (day.year, day.month) > (published.year, published.month)
    return day.year > published.year


# --- detection and merging --------------------------------------------------------------


def _retype(event_type: str, trigger: Token, roles: dict[Actor, str]) -> str:
    """Uses the lexicon cannot tell apart: an "attack" on a person is criticism, and a
    negated concession ("will not withdraw") is a refusal."""
    if event_type == "ASSAULT" and _lemma(trigger) in PERSONAL_ATTACK_LEMMAS and any(
        a.type == "PERSON" and r == "target" for a, r in roles.items()
    ):
        return "ACCUSE"
    if event_type in NEGATABLE_TO_REJECT and trigger.pos_ == "VERB" and _negated(trigger):
        return "REJECT"
    return event_type


def _modifier_of_trigger(token: Token) -> bool:
    """"US-hosted talks", "ceasefire deal": a participle or noun modifying another trigger
    describes that event rather than reporting one of its own."""
    return token.dep_ in {"amod", "compound"} and _trigger_type(token.head) is not None


def _sentence_events(
    sent: Span, roots, mentions: list[Mention], known: dict[str, Actor],
    published: dt.date | None,
) -> Iterator[tuple[Event, bool]]:
    """Events triggered in one sentence, each with whether its trigger is an anaphoric
    noun phrase ("the talks") that may refer back to an event already reported."""
    for token in sent:
        event_type = _trigger_type(token)
        if event_type is None or _modifier_of_trigger(token):
            continue
        roles = _event_actors(token, sent, roots, mentions, known)
        if not roles:
            continue
        new_type = _retype(event_type, token, roles)
        refused = new_type == "REJECT" and event_type != "REJECT"
        status = "occurred" if refused else _status(token, sent)
        day, precision, date_text = _date(token, sent, published, status)
        if status == "occurred" and day and published and _later(day, precision, published):
            status = "planned"
        places = _place_candidates(token, new_type, sent)
        located = _nearest_in_chain(token, sent, list(places))
        anaphoric = token.pos_ != "VERB" and any(
            c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in token.children)
        yield Event(
            event_type=new_type,
            status=status,
            trigger_start=token.idx,
            trigger_end=token.idx + len(token),
            trigger_text=token.text,
            evidence_start=sent.start_char,
            evidence_end=sent.end_char,
            evidence_text=sent.text,
            actors=tuple(sorted(EventActor(a, r) for a, r in roles.items())),
            date=day,
            date_precision=precision,
            date_text=date_text,
            place=places[located] if located else None,
            place_text=located.text if located else None,
        ), anaphoric


def _dates_compatible(a: Event, b: Event) -> bool:
    """Same date, or within a week when either is only known to the week (a headline's
    "this week" and the body's "next week" can be the same talks)."""
    if a.date is None or b.date is None:
        return True
    tolerance = 7 if "week" in {a.date_precision, b.date_precision} else 0
    return abs((a.date - b.date).days) <= tolerance


def _compatible(a: Event, b: Event) -> bool:
    return (
        a.event_type == b.event_type
        and a.status == b.status
        and _dates_compatible(a, b)
        and (a.place is None or b.place is None or a.place == b.place)
    )


def _merge(kept: Event, other: Event) -> Event:
    """One event from two reports of it: the evidence that says most (date, place) wins,
    ties going to the earlier; actors are pooled."""
    def detail(e: Event) -> int:
        return (e.date is not None) + (e.place is not None)

    primary, secondary = (other, kept) if detail(other) > detail(kept) else (kept, other)
    roles: dict[Actor, str] = {}
    for event_actor in (*primary.actors, *secondary.actors):
        _add(roles, event_actor.actor, event_actor.role)
    return replace(primary, actors=tuple(sorted(EventActor(a, r) for a, r in roles.items())))


def _coreferent(kept: Event, new: Event, anaphoric: bool, latest: bool) -> bool:
    """Whether a new report is of an event already kept: compatible and sharing an actor, or
    a definite noun phrase without a date of its own ("the talks") that refers back to the
    latest event of its type."""
    if anaphoric and latest and new.date is None:
        return kept.place is None or new.place is None or kept.place == new.place
    if not _compatible(kept, new):
        return False
    return bool({ea.actor for ea in kept.actors} & {ea.actor for ea in new.actors})


def find_events(doc: Doc, mentions: list[Mention], published: dt.date | None) -> list[Event]:
    """The document's events, one per real-world event, in order of first report.

    Actors come only from `mentions`; an event without any actor is not kept, since it could
    not be told apart from generic talk about "talks" or "attacks".
    """
    known = {m.actor.name: m.actor for m in mentions}
    roots = _mention_roots(doc, mentions)
    events: list[Event] = []
    for sent in _sentences(doc):
        for event, anaphoric in _sentence_events(sent, roots, mentions, known, published):
            same_type = [i for i, e in enumerate(events) if e.event_type == event.event_type]
            target = next(
                (i for i in reversed(same_type)
                 if _coreferent(events[i], event, anaphoric, i == same_type[-1])),
                None,
            )
            if target is None:
                events.append(event)
            else:
                events[target] = _merge(events[target], event)
    return sorted(events, key=lambda e: (e.evidence_start, e.trigger_start))
