"""Detect PLOVER events in a parsed document, with actors, status, date and place.

A trigger word from the lexicon (pipeline/registry/event_triggers.yaml) opens an event; the
dependency parse around it supplies the rest (event_roles, event_status, event_anchors): who
does it to whom, whether it happened, is planned or is only hypothetical, and the date and
place phrases attached to the trigger's clause. Reports of the same real-world event in
several sentences ("talks in Geneva next week" ... "the talks") are merged so the document
yields one event per real-world event, with what each report says. Then the article fills
what the sentences left open: the meeting an act happened during ("agreed during talks in
Jeddah"), "there", and the dateline, lead and meetings of the whole text (event_context).
Every date and place says how it was found (date_basis, place_basis).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from pipeline.contract.values import (
    DateBasis,
    DatePrecision,
    EventRole,
    PloverType,
    plover_type,
)
from pipeline.extract.consult_modes import consult_mode, worded_mode
from pipeline.extract.cues import SPEECH_VERBS, is_speech_cue
from pipeline.extract.dates import dates_agree, offset_date, year_at, year_marks
from pipeline.extract.event_anchors import (
    Reference,
    dated_subjects,
    event_date,
    event_place,
    named_as_place,
    news_day,
    reference_event,
    reported_date,
    subject_actors,
    there,
)
from pipeline.extract.event_context import (
    SectionDate,
    at_meetings,
    at_meetings_that_day,
    date_by_publication,
    dated_sections,
    find_dateline,
    place_by_dateline,
    place_by_target,
    refine_countries,
    section_of,
)
from pipeline.extract.event_roles import (
    VIOLENT_TYPES,
    Roots,
    add,
    adjective_country,
    directed,
    event_actors,
    mention_roots,
)
from pipeline.extract.event_sides import current_sides, names_the_sides
from pipeline.extract.event_status import Status, negated, status
from pipeline.extract.event_syntax import LIGHT_NOUNS, sentences
from pipeline.extract.groups import find_groups
from pipeline.extract.nlp import indices_where, text_of
from pipeline.extract.places import nested_in, resolve_place
from pipeline.extract.records import Actor, Event, EventActor, Mention
from pipeline.extract.syntax import NOMINAL_SUBJECTS, has_determiner, inside, lemma
from pipeline.ingest.datelines import lead_span

LEXICON = Path(__file__).resolve().parent.parent / "registry" / "event_triggers.yaml"
# The lexicon's sections that are not an event type's triggers.
LEXICON_RULES = ("exceptions", "lifting", "breaking", "obliging", "wrongs")

PERSONAL_ATTACK_LEMMAS = {"attack", "hit", "slam", "blast", "assault"}
NEGATABLE_TO_REJECT = {"AGREE", "CONCEDE", "RETREAT"}
ANAPHORIC_DETERMINERS = {"the", "this", "these", "that", "those"}
INDEFINITE_DETERMINERS = {"a", "an", "another"}
POSSESSIVE_PRONOUNS = {"their", "his", "her", "its", "our"}
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}
# Roles of those who did something, as against those it was done to.
ACTING_ROLES = {"source", "participant", "lead"}
# Verbs that request only of someone or for something: "pressed Kyiv to accept", "asked for
# help", but not "pressing their noses against the glass" or "asked questions".
ADDRESSEE_LEMMAS = {"press", "ask"}
# Verbs that request only of someone named: "ordered Lavrov to fly to Ankara", not "ordered an
# inquiry" or "ordered fighting to stop".
ORDERING_LEMMAS = {"order"}
INFINITIVE_MARKERS = {"aux", "mark"}
# Whom speaking to is talking to the public, not consulting: "speaking to journalists".
AUDIENCE_NOUNS = {"reporter", "journalist", "press", "medium", "media", "correspondent",
                  "audience", "crowd", "supporter", "broadcaster", "television", "radio",
                  "lawmaker", "student", "nation", "public", "viewer", "reader"}
SPEECH_LEMMAS = {"speak", "talk"}
# Protest verbs that also mean showing something: "demonstrated that it was ready" shows, a
# crowd that "demonstrated" with no object protests.
SHOWING_LEMMAS = {"demonstrate"}
SHOWN = {"dobj", "ccomp", "xcomp"}
# Verbs that are a meeting only with a person as their object: receiving an envoy is a
# meeting, receiving a letter or a briefing is not.
GUEST_LEMMAS = {"receive"}
WELCOME_LEMMAS = {"welcome"}
REQUEST_COMPLEMENTS = {"xcomp", "ccomp"}
# Prepositions that attach what an event is about: "agreed to a truce", "call for talks",
# "talks on a ceasefire".
CONTENT_PREPS = {"to", "for", "on", "about", "over", "of"}
SELF_STANDING_TYPES = {"CONSULT"}
RESTRICTING_TYPES = {"COERCE", "SANCTION"}
# Fighting that stops is a ceasefire (RETREAT), not an attack (VIOLENT_TYPES): "ordered
# fighting to stop", "halted the strikes".
HALTING_LEMMAS = {"stop", "halt", "cease", "suspend", "pause"}
# Aid or cooperation that is cut off is a sanction: "halted economic aid", "suspended
# intelligence sharing".
GIVING_TYPES = {"AID", "COOPERATE"}
CUTTING_LEMMAS = HALTING_LEMMAS | {"cut", "freeze", "withhold", "reduce", "end", "prohibit",
                                   "block"}
# Not taking part in a meeting refuses it: "will not take part in the talks", "did not
# attend the summit".
ATTENDING_LEMMAS = {"attend", "join", "participate", "take"}
# An inquiry accuses when it is opened into or against someone ("opened an investigation
# into the officials", "put under investigation"); a newspaper's investigation reports.
INQUIRY_NOUNS = {"investigation", "probe", "inquiry"}
INQUIRY_PREPS = {"into", "against"}
OPENING_LEMMAS = {"open", "launch", "begin", "start", "order", "announce", "under"}
# An inquiry a report cites is where its news comes from: "citing sources and the
# investigation into the transfer".
CITING_LEMMAS = {"cite", "quote"}
# Events whose complement verb is a planned event of its own: "agreed to withdraw".
AGREEING_TYPES = {"AGREE"}
# What one may be ready to do that makes the readiness a threat, not an offer.
HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION"}
# What one side asks of another: agreeing to it is a concession.
DEMAND_NOUNS = {"demand", "request", "appeal", "plea", "ultimatum", "call"}
# Nouns of a meeting that also name an appeal, and the verbs that take an appeal as object.
APPEAL_NOUNS = {"call"}
ANSWERING_LEMMAS = {"reject", "dismiss", "heed", "ignore", "echo", "renew", "reiterate", "repeat",
                    "issue", "answer", "resist", "rebuff", "spurn", "welcome", "accept"}
# Prepositions that end a noun entry of the lexicon: "call for".
ENTRY_PREPOSITIONS = {"for", "on", "to", "of", "with", "against", "from", "into", "over"}
# Verbs that name something as what it is: "called it a crime", "described it as a lie".
NAMING_LEMMAS = {"call", "describe", "label", "brand", "dub", "term", "characterize",
                 "characterise"}
# Entity labels of a named party: "said the Kremlin must", "said Ukrainians must".
NAMED_PARTY_LABELS = {"GPE", "ORG", "NORP"}
# Entity labels of the places "there" can stand for.
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Adjective-tagged words in a noun's position are nouns ("launched its own counter-offensive").
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"}


@dataclass(frozen=True)
class _Entry:
    """One lexicon line: an event type, the head lemma and an optional required dependent."""

    event_type: PloverType
    head: str
    dependent: str | None


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, list[_Entry]]
    nouns: dict[str, list[_Entry]]
    adjectives: dict[str, list[_Entry]]  # predicative, with a "to" clause
    exceptions: frozenset[tuple[str, ...]]
    lifting: frozenset[str]  # verbs whose object restriction ends: a concession
    breaking: frozenset[str]  # verbs whose object is broken, not reported
    obliging: frozenset[str]  # modals that make a reported clause a demand ("must")
    wrongs: frozenset[str]  # what calling something accuses it of ("a war crime")


@cache
def _lexicon() -> _Lexicon:
    """Entries by part of speech and head lemma; entries with a dependent come first so that
    "call for" (REQUEST) wins over "call" (CONSULT)."""
    raw = yaml.safe_load(LEXICON.read_text())
    exceptions, lifting, breaking, obliging, wrongs = (raw.pop(section, [])
                                                       for section in LEXICON_RULES)
    index: dict[str, dict[str, list[_Entry]]] = {"verbs": {}, "nouns": {}, "adjectives": {}}
    for name, parts in raw.items():
        event_type = plover_type(name, LEXICON.name)
        for pos, words in parts.items():
            for word in words:
                pieces = word.split()
                # a verb or a noun before its preposition heads the entry ("call for"), a
                # noun after its modifier heads it ("military aid")
                head_first = pos != "nouns" or pieces[-1] in ENTRY_PREPOSITIONS
                entry = (
                    _Entry(event_type, pieces[0], pieces[1] if len(pieces) > 1 else None)
                    if head_first
                    else _Entry(event_type, pieces[-1], pieces[0] if len(pieces) > 1 else None)
                )
                index[pos].setdefault(entry.head, []).append(entry)
    for table in index.values():
        for entries in table.values():
            entries.sort(key=lambda e: e.dependent is None)
    return _Lexicon(index["verbs"], index["nouns"], index["adjectives"],
                    frozenset(tuple(p.split()) for p in exceptions), frozenset(lifting),
                    frozenset(breaking), frozenset(obliging), frozenset(wrongs))


def _has_child(token: Token, word: str) -> bool:
    """A dependent word of a lexicon entry ("talk to", "call for"); the "to" of an
    infinitive ("reticent to speak") is the verb's marker, not its preposition. A noun's
    modifier may also follow it after "of": "an exchange of prisoners" is a prisoner
    exchange, "the delivery of weapons" a weapons delivery. The conjunction opening a verb's
    content clause counts too: "asked whether" puts a question."""
    if any(word in {c.lower_, lemma(c)} for c in token.children
           if c.dep_ not in INFINITIVE_MARKERS):
        return True
    if token.pos_ == "VERB" and any(g.lower_ == word for c in token.children if c.dep_ == "ccomp"
                                    for g in c.children if g.dep_ == "mark"):
        return True
    return token.pos_ != "VERB" and any(
        word in {g.lower_, lemma(g)} for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")


def _excepted(token: Token, entry: _Entry) -> bool:
    """A phrasal use listed as not being the event ("give up on Europe")."""
    return any(
        phrase[0] == entry.head and all(_has_child(token, w) for w in phrase[1:])
        for phrase in _lexicon().exceptions
    )


def _trigger_type(token: Token) -> PloverType | None:
    """The PLOVER type a token triggers, if it is a lexicon verb or noun in that use. A word
    of a date ("in March", "the May 9 parade") is none."""
    if token.ent_type_ in {"DATE", "TIME"}:
        return None
    if _demands_in_content(token):
        return "REQUEST"
    if _names_a_wrong(token):
        return "ACCUSE"
    if token.pos_ == "VERB":
        if lemma(token) in ORDERING_LEMMAS and not any(
                c.dep_ == "dobj" and _trigger_type(c) is None for c in token.children):
            return None  # "ordered fighting to stop" orders no one: the event is the halt
        table = _lexicon().verbs
    elif token.pos_ in {"NOUN", "PROPN"} or token.pos_ == "ADJ" and token.dep_ in NOMINAL_DEPS:
        table = _lexicon().nouns
    elif token.pos_ == "ADJ" and token.dep_ == "acomp":
        table = _lexicon().adjectives
    else:
        return None
    clause = table is not _lexicon().adjectives or any(c.dep_ == "xcomp" for c in token.children)
    for entry in table.get(lemma(token)) or table.get(token.lower_, []):
        if _excepted(token, entry):
            return None
        if entry.dependent is None and clause or entry.dependent is not None \
                and _has_child(token, entry.dependent):
            return entry.event_type
    return None


def _demands_in_content(verb: Token) -> bool:
    """A verb of saying whose content clause obliges someone named ("said China must drop
    its barriers", "concluded that rich nations must pay") reports a demand of them."""
    if not is_speech_cue(verb) or lemma(verb) in _trigger_words_of_lexicon():
        return False
    return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in _lexicon().obliging
                                         for a in c.children)
               and any(g.dep_ in NOMINAL_SUBJECTS and (g.pos_ == "PROPN"
                                                       or g.ent_type_ in NAMED_PARTY_LABELS)
                       for g in c.children)
               for c in verb.children)


def _names_a_wrong(verb: Token) -> bool:
    """A verb of naming whose predicate is a wrong ("called the strike a war crime", "which
    Zelensky called a violation of the truce", "described it as a provocation") accuses."""
    if lemma(verb) not in NAMING_LEMMAS or verb.pos_ != "VERB":
        return False
    named = [c for c in verb.children if c.dep_ in {"oprd", "dobj", "attr"}]
    named += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
              for g in c.children if g.dep_ == "pobj"]
    return any(lemma(n) in _lexicon().wrongs for n in named)


@cache
def _trigger_words_of_lexicon() -> frozenset[str]:
    return frozenset(_lexicon().verbs) | frozenset(_lexicon().nouns) | frozenset(
        _lexicon().adjectives)


@cache
def _trigger_words() -> frozenset[str]:
    return _trigger_words_of_lexicon() | SPEECH_VERBS


# Whether the string with this hash is, lower-cased, a lexicon word; the lexicon is fixed.
_IS_TRIGGER_WORD: dict[int, bool] = {}


def _possible_triggers(doc: Doc) -> list[int]:
    """Indices of the tokens whose lemma or lower-case form the lexicon lists: the only ones
    `_trigger_type` can accept."""
    words = _trigger_words()
    return indices_where(doc, [LEMMA, LOWER], lambda word: word.lower() in words,
                         _IS_TRIGGER_WORD)


# --- detection --------------------------------------------------------------------------


def _addressed(trigger: Token, roles: dict[Actor, EventRole]) -> bool:
    """Whether a request verb has someone asked (an actor or pronoun object) or something
    asked for (a clause, or a "for"/"on" phrase)."""
    return any(r in {"target", "participant"} for r in roles.values()) or any(
        c.dep_ in REQUEST_COMPLEMENTS
        or c.dep_ == "prep" and c.lower_ in {"for", "on"}
        or c.dep_ in {"dobj", "dative"} and c.pos_ == "PRON"
        for c in trigger.children)


def _to_the_public(trigger: Token) -> bool:
    """"speaking to journalists", "talked to reporters": words for the public, not talks."""
    return any(lemma(g) in AUDIENCE_NOUNS for c in trigger.children
               if c.dep_ == "prep" and c.lower_ in {"to", "with"}
               for g in c.children if g.dep_ == "pobj")


def _halted(noun: Token) -> bool:
    """Whether an event noun is what stops: "the strikes stopped", "halted the strikes",
    "ordered fighting to stop"."""
    head = noun.head
    if noun.dep_ in {"nsubj", "dobj", "nsubjpass"} and lemma(head) in HALTING_LEMMAS:
        return True
    return noun.dep_ == "dobj" and any(c.dep_ == "xcomp" and lemma(c) in HALTING_LEMMAS
                                       for c in head.children)


def _retype(event_type: PloverType, trigger: Token,
            roles: dict[Actor, EventRole]) -> PloverType | None:
    """Uses the lexicon cannot tell apart: an "attack" on a person is criticism, a negated
    concession ("will not withdraw") is a refusal, a negated refusal ("does not dismiss the
    possibility") is no event at all, and neither is "pressing" or "asking" no one for
    nothing."""
    retyped = _yielded(event_type, trigger) if trigger.pos_ == "VERB" else _offered(
        event_type, trigger) if trigger.dep_ == "acomp" else _noun_retyped(event_type, trigger)
    if retyped != event_type:
        return retyped
    if (event_type == "REQUEST" and trigger.pos_ == "VERB" and lemma(trigger) in ADDRESSEE_LEMMAS
            and not _addressed(trigger, roles)):
        return None
    if event_type == "REQUEST" and lemma(trigger) in ORDERING_LEMMAS and "target" not in set(
            roles.values()):
        return None
    if event_type == "ASSAULT" and lemma(trigger) in PERSONAL_ATTACK_LEMMAS and any(
        a.type == "PERSON" and r == "target" for a, r in roles.items()
    ):
        return "ACCUSE"
    if event_type == "CONSULT" and lemma(trigger) in SPEECH_LEMMAS and _to_the_public(trigger):
        return None
    if lemma(trigger) in SHOWING_LEMMAS and any(c.dep_ in SHOWN for c in trigger.children):
        return None
    retyped = _guest_retyped(event_type, trigger, roles)
    if retyped != event_type:
        return retyped
    if trigger.pos_ == "VERB" and negated(trigger):
        if event_type in NEGATABLE_TO_REJECT:
            return "REJECT"
        if event_type == "REJECT":
            return None
    return event_type


def _not_attended(meeting: Token) -> bool:
    """Whether a meeting noun is what someone will not attend or take part in."""
    verb = meeting.head if meeting.dep_ == "dobj" else (
        meeting.head.head if meeting.dep_ == "pobj" else None)
    return (verb is not None and verb.pos_ == "VERB" and lemma(verb) in ATTENDING_LEMMAS
            and (lemma(verb) != "take" or any(c.lower_ == "part" for c in verb.children))
            and negated(verb))


def _guest_retyped(event_type: PloverType, trigger: Token,
                   roles: dict[Actor, EventRole]) -> PloverType | None:
    """Receiving a person is a meeting, receiving a thing is not; welcoming a person to a
    place ("welcomed Putin to Alaska") is hosting a visit, not approval."""
    guest = any(a.type == "PERSON" and r == "target" for a, r in roles.items())
    if event_type == "CONSULT" and lemma(trigger) in GUEST_LEMMAS and not guest:
        return None
    if event_type == "SUPPORT" and lemma(trigger) in WELCOME_LEMMAS and guest and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in trigger.children):
        return "CONSULT"
    return event_type


def _yielded(event_type: PloverType, verb: Token) -> PloverType:
    """Accepting someone's demand is yielding to it (CONCEDE), not a deal: "accepted demands
    from the rebels", "agreed to his personal request"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children if g.dep_ == "pobj"]
    if event_type in AGREEING_TYPES and any(lemma(o) in DEMAND_NOUNS for o in objects):
        return "CONCEDE"
    return event_type


def _offered(event_type: PloverType, adjective: Token) -> PloverType:
    """Being ready to do something is an offer (AGREE), or, when what one is ready to do is
    force or a penalty, a threat: "prepared to impose martial law". Other adjectives keep
    their type ("unhappy with Putin")."""
    if event_type not in AGREEING_TYPES:
        return event_type
    acts = [c for c in adjective.children if c.dep_ == "xcomp"]
    acts += [o for act in acts for o in act.children if o.dep_ == "dobj"]
    return "THREATEN" if any(_trigger_type(a) in HOSTILE_TYPES for a in acts) else "AGREE"


def _noun_retyped(event_type: PloverType, noun: Token) -> PloverType | None:
    """What the verb an event noun hangs from makes of it: attacks that stop are a
    retreat, a broken truce ("violated the ceasefire") is no event, and a lifted restriction
    ("eased sanctions") is a concession."""
    if event_type in VIOLENT_TYPES and _halted(noun):
        return "RETREAT"
    if event_type in GIVING_TYPES and noun.dep_ == "dobj" and lemma(noun.head) in CUTTING_LEMMAS:
        return "SANCTION"
    if event_type == "CONSULT" and _not_attended(noun):
        return "REJECT"
    if event_type == "CONSULT" and _a_call_for_something(noun):
        return "REQUEST"
    if lemma(noun) in INQUIRY_NOUNS and (lemma(noun.head) not in OPENING_LEMMAS and not any(
            c.dep_ == "prep" and c.lower_ in INQUIRY_PREPS for c in noun.children)
            or lemma(_coordinated_head(noun).head) in CITING_LEMMAS):
        return None
    if noun.dep_ in {"dobj", "nsubjpass"}:
        verb = _verb_phrase(noun.head)
        if verb in _lexicon().breaking:
            return None
        if verb in _lexicon().lifting and event_type in RESTRICTING_TYPES:
            return "RETREAT"
    return event_type


def _coordinated_head(token: Token) -> Token:
    """The first of the conjuncts a token is coordinated with: "sources and the inquiry"."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _a_call_for_something(noun: Token) -> bool:
    """A "call" that is someone's appeal, not a phone call: made "by" someone, asking "to"
    do something, or what is rejected, heeded or echoed ("rejected calls by Belarus's
    rulers for aid", "calls by the UN to adopt reforms")."""
    if lemma(noun) not in APPEAL_NOUNS or any(
            c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in noun.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "by" or c.dep_ in {"acl", "relcl"} and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in noun.children):
        return True
    return noun.dep_ == "dobj" and lemma(noun.head) in ANSWERING_LEMMAS


def _verb_phrase(verb: Token) -> str:
    """A verb's lemma, with its particle when it has one ("roll back")."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return f"{lemma(verb)} {particle}" if particle else lemma(verb)


def _content_of_another(token: Token) -> bool:
    """A noun trigger that is what another event of a different type is about: the ceasefire
    of "agreed to a ceasefire" or "called for a ceasefire", the deal of "discussing a peace
    deal". The other event is the one reported. Meetings stand on their own: talks agreed to
    are talks planned. A verb is the content of the trigger verb it complements ("refused to
    deploy", "demanded that Israel withdraw") or states the purpose of ("rallied to demand
    reforms", "staged demonstrations to demand reforms"), except what is agreed: "agreed to
    exchange prisoners" plans the exchange."""
    head = token.head
    if token.pos_ == "VERB":
        if not (token.dep_ in REQUEST_COMPLEMENTS or token.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)):
            return False
        if _trigger_type(head) in AGREEING_TYPES:
            return False
    elif token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in CONTENT_PREPS:
        head = head.head
    elif token.dep_ not in {"dobj", "nsubjpass"}:
        return False
    elif _trigger_type(head) is None and head.dep_ in REQUEST_COMPLEMENTS and head.head != head:
        # "demanded that the US match Europe's support": what is demanded; but "agreed to
        # resume military aid" plans the aid, as an agreed act does
        head = head.head
        if _trigger_type(head) in AGREEING_TYPES:
            return False
    own = _trigger_type(token)
    if own == "CONSULT" and token.pos_ != "VERB" and _a_call_for_something(token):
        own = "REQUEST"
    other = _trigger_type(head) if head != token else None
    if other is None and token.pos_ == "VERB":
        # the event noun of a light verb: "staged demonstrations to demand reforms"
        other = next((found for c in head.children if c.dep_ == "dobj"
                      and (found := _trigger_type(c)) is not None), None)
    return other is not None and other != own and own not in SELF_STANDING_TYPES


def _describes_another(token: Token) -> bool:
    """Triggers that do not report an event of their own: a modifier of another noun
    ("US-hosted talks", "ceasefire deal", "support network"), the predicate of a subject that
    already reports the event ("the attack was an attack by Putin"), or a verb whose subject
    or object names its event ("a strike killed nine", "the talks will be hosted by the US")."""
    if token.dep_ == "amod" and _trigger_type(token.head) is not None:
        return True
    if token.pos_ != "VERB":
        if token.dep_ == "compound":
            return True
        if token.dep_ == "attr" and lemma(token.head) == "be":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            return subject is not None and _trigger_type(subject) == _trigger_type(token)
        return False
    own_type = _trigger_type(token)
    return any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.pos_ != "VERB"
               and _trigger_type(c) == own_type for c in token.children)


def _pronoun_possessed(noun: Token) -> bool:
    """"their talks", "his visit": an event owned by someone the text has named before."""
    return any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in noun.children)


def _possessor_antecedents(noun: Token, roots: Roots) -> list[Actor]:
    """Whom "their" or "his" stands for in "X said that their talks made progress": the
    subject of the nearest clause above the event noun, which is who the sentence is about."""
    if not _pronoun_possessed(noun):
        return []
    current = noun
    while current.head != current:
        current = current.head
        subject = next((c for c in current.children
                        if c.dep_ in NOMINAL_SUBJECTS and not inside(noun, c)), None)
        if subject is not None:
            return [m.actor for root, m in roots if inside(root, subject)]
    return []


def _refers_back(noun: Token) -> bool:
    """"the talks", "this latest round of talks", "their talks": a noun phrase that refers
    back."""
    if noun.pos_ == "VERB":
        return False
    if has_determiner(noun, ANAPHORIC_DETERMINERS) or _pronoun_possessed(noun):
        return True
    head = noun.head
    return (noun.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in LIGHT_NOUNS
            and _refers_back(head.head))


def _later(day: dt.date, precision: str, published: dt.date) -> bool:
    if precision == "day":
        return day > published
    if precision == "week":
        return day > published and (day - published).days >= 1 and day.weekday() == 0
    if precision == "month":
        return (day.year, day.month) > (published.year, published.month)
    return day.year > published.year


@dataclass(frozen=True)
class _Report:
    """One sentence's report of an event (or several merged), with what the merge needs."""

    event: Event
    certain: bool  # the status comes from a clue, not the default
    anaphoric: bool  # a definite noun phrase that refers back ("the talks")
    indefinite: bool  # "a summit", "another meeting": introduces an event
    nouns: frozenset[str]  # trigger nouns of the reports, for "the summit" to find its summit
    modifiers: frozenset[str]  # their adjectives, for "the virtual meeting" to find its meeting
    last: int  # where it was last reported, for "the talks" to find the latest talks
    sentence: int  # the sentence it was last reported in
    topic: int  # the last sentence it was the subject of, for "this call" to find its call
    reference: Reference | None  # the event it is dated or placed by ("after the call")
    there: Token | None = None  # "met there": placed where the text last placed something


def _sentence_reports(
    sent: Span, index: int, candidates: list[Token], roots: Roots, mentions: list[Mention],
    known: dict[str, Actor], published: dt.date | None, sides: tuple[Actor, ...],
    section: SectionDate | None, year: int | None,
) -> Iterator[_Report]:
    """Events reported in one sentence, triggered by its `candidates`. Reports without actors
    are kept only when they refer back ("the talks, scheduled to take place in Geneva") or
    have a date or place of their own, so that later reports can add their actors. "The two
    sides" are the countries of the talks reported before this sentence (`sides`); an event
    without a date of its own has that of the dated `section` it is told in; a date without
    its year takes `year`, the year an undated text last named."""
    for token in candidates:
        found_type = _trigger_type(token)
        if found_type is None or _describes_another(token) or _content_of_another(token):
            continue
        roles = event_actors(token, found_type, sent, roots, mentions, known)
        if names_the_sides(token) and not any(a.type == "GPE" for a in roles):
            for actor in sides:
                add(roles, actor, _unplaced_role(found_type))
        if not roles:
            for actor in _possessor_antecedents(token, roots):
                add(roles, actor, _unplaced_role(found_type))
        event_type = _retype(found_type, token, roles)
        anaphoric = _refers_back(token)
        if event_type is None:
            continue
        refused = event_type == "REJECT" and found_type != "REJECT"
        state = Status("occurred", True) if refused else status(token, sent)
        day, precision, date_text, date_start = event_date(token, sent, published, state.value,
                                                            year)
        date_basis: DateBasis | None = None if day is None else "clause" if date_text else (
            "publication" if day == published and precision == "day" else "offset")
        if day is None and state.value == "occurred":
            day, precision, date_text, date_start = reported_date(token, sent, published, year)
            date_basis = None if day is None else "reported"
        # (a day always comes with its precision)
        if (state.value == "occurred" and day and precision is not None and published
                and _later(day, precision, published)):
            state = Status("planned", True)
        located = event_place(token, event_type, sent)
        if not roles and not anaphoric and day is None and located is None:
            continue
        if day is None and section is not None and state.value != "hypothetical":
            day, precision, date_text, date_start = (section.day, section.precision,
                                                     section.text, section.start)
            date_basis = "section"
        noun = token.pos_ != "VERB"
        yield _Report(Event(
            event_type=event_type,
            status=state.value,
            trigger_start=token.idx,
            trigger_end=token.idx + len(token),
            trigger_text=token.text,
            evidence_start=sent.start_char,
            evidence_end=sent.end_char,
            evidence_text=text_of(sent.doc)[sent.start_char:sent.end_char],
            actors=tuple(sorted(EventActor(a, r) for a, r in roles.items())),
            date=day,
            date_precision=precision,
            date_text=date_text,
            date_start=date_start,
            place=located[0] if located else None,
            place_text=located[1] if located else None,
            place_start=located[2] if located else None,
            date_basis=date_basis,
            place_basis="clause" if located else None,
            mode=worded_mode(token) if event_type == "CONSULT" else None,
        ), state.certain, anaphoric,
            indefinite=noun and any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS
                                    for c in token.children),
            nouns=frozenset({lemma(token)} if noun else ()),
            modifiers=frozenset(lemma(c) for c in token.children if c.dep_ == "amod"),
            last=token.idx, sentence=index,
            topic=index if token.dep_ in {"nsubj", "nsubjpass"} else -1,
            reference=reference_event(token, sent),
            there=there(token, sent) if located is None else None)


# --- merging ----------------------------------------------------------------------------


def _dates_compatible(a: Event, b: Event) -> bool:
    """Within one article an undated report can be any of its dated ones."""
    return a.date is None or b.date is None or dates_agree(
        a.date, a.date_precision, b.date, b.date_precision)


def _places_compatible(a: Event, b: Event) -> bool:
    return (a.place is None or b.place is None or nested_in(a.place, b.place)
            or nested_in(b.place, a.place))


def _compatible(kept: _Report, new: _Report) -> bool:
    a, b = kept.event, new.event
    return (
        a.event_type == b.event_type
        and (a.status == b.status or not kept.certain or not new.certain)
        and _dates_compatible(a, b)
        and _places_compatible(a, b)
    )


def _actors(event: Event) -> set[Actor]:
    return {ea.actor for ea in event.actors}


def _share_a_side(a: Event, b: Event) -> bool:
    """Whether two reports name a party in common, a country's group ("Russian troops")
    being that country's side."""
    if _actors(a) & _actors(b):
        return True
    ours, theirs = _sides(a), _sides(b)
    return any((country, not group) in theirs for country, group in ours if country)


def _sides(event: Event) -> set[tuple[str | None, bool]]:
    """The countries of an event's states and groups, each with whether it is a group."""
    return {(x.country, x.type == "GROUP") for x in _actors(event) if x.type in {"GPE", "GROUP"}}


def _opposed(a: Event, b: Event) -> bool:
    """Whether one report's source is the other's target: Ukraine's counter-offensive is not
    Russia's invasion of Ukraine."""
    def by_role(e: Event, role: str) -> set[Actor]:
        return {ea.actor for ea in e.actors if ea.role == role}

    return bool(by_role(a, "source") & by_role(b, "target")
                or by_role(a, "target") & by_role(b, "source"))


def _different_speakers(a: Event, b: Event) -> bool:
    """Both reports name the person acting, and not the same one: Trump's criticism and
    Rubio's are two events. Meetings and cooperation have no one side acting."""
    if a.event_type in SYMMETRIC_TYPES:
        return False
    people = [{ea.actor for ea in e.actors if ea.role == "source" and ea.actor.type == "PERSON"}
              for e in (a, b)]
    return bool(people[0] and people[1] and not people[0] & people[1])


def _unplaced_role(event_type: PloverType) -> EventRole:
    """The role of a party the parse does not place ("their talks", "the two sides"): one of
    those meeting, or the one acting."""
    return "participant" if event_type in SYMMETRIC_TYPES else "source"


def _placed_only(event: Event) -> bool:
    """An event known so far only by where it happened ("the sides met in Istanbul"): the next
    fitting report names who met."""
    return not event.actors and event.place is not None


def _same_day(a: Event, b: Event) -> bool:
    return a.date is not None and a.date == b.date and a.date_precision == "day" \
        and b.date_precision == "day"


def _antecedent(kept: list[_Report], new: _Report) -> int | None:
    """The kept event a new report is about. A definite noun phrase refers back to a fitting
    event of its type: preferably one at the same place, then one named by the same noun
    ("the summit"), then the latest. Any other report joins the latest compatible event it
    shares an actor with, except that an indefinite one ("a summit") only completes an event
    known so far by a vague report, and not across the time of writing ("a summit" Zelensky
    was set to join is not the talks he held), or an event of its very day ("the attack on
    February 3" and "a combined strike" that night)."""
    same_type = sorted((i for i in range(len(kept))
                        if kept[i].event.event_type == new.event.event_type),
                       key=lambda i: -kept[i].last)
    if new.anaphoric:
        fitting = [i for i in same_type
                   if _places_compatible(kept[i].event, new.event)
                   and _dates_compatible(kept[i].event, new.event)
                   and not _opposed(kept[i].event, new.event)]
        if fitting:
            return min(fitting, key=lambda i: (
                not (new.event.place and kept[i].event.place == new.event.place),
                not (kept[i].nouns & new.nouns and kept[i].modifiers & new.modifiers),
                not kept[i].nouns & new.nouns, not kept[i].modifiers & new.modifiers,
                kept[i].topic != new.sentence - 1, -kept[i].last))
    return next((i for i in same_type if _compatible(kept[i], new)
                 and (not new.indefinite or _same_day(kept[i].event, new.event)
                      or not kept[i].certain
                      and {kept[i].event.status, new.event.status} != {"occurred", "planned"})
                 and (_share_a_side(kept[i].event, new.event) or _placed_only(kept[i].event))
                 and not _opposed(kept[i].event, new.event)
                 and not _different_speakers(kept[i].event, new.event)), None)


def _date_of(event: Event) -> dict:
    return {"date": event.date, "date_precision": event.date_precision,
            "date_text": event.date_text, "date_start": event.date_start,
            "date_basis": event.date_basis}


def _place_of(event: Event) -> dict:
    return {"place": event.place, "place_text": event.place_text,
            "place_start": event.place_start, "place_basis": event.place_basis}


def _merge(kept: _Report, other: _Report) -> _Report:
    """One event from two reports of it: the evidence that says most (date, place) wins,
    ties going to the earlier, and what it lacks comes from the other report; actors are
    pooled; a status read from a clue beats a default."""
    def detail(r: _Report) -> int:
        return (r.event.date_text is not None) + (r.event.date is not None) + (
            r.event.place is not None)

    primary, secondary = (other, kept) if detail(other) > detail(kept) else (kept, other)
    roles: dict[Actor, EventRole] = {}
    for event_actor in (*primary.event.actors, *secondary.event.actors):
        add(roles, event_actor.actor, event_actor.role)
    decided = primary if primary.certain or not secondary.certain else secondary
    event = replace(primary.event, status=decided.event.status,
                    actors=tuple(sorted(EventActor(a, r) for a, r in roles.items())),
                    mode=primary.event.mode or secondary.event.mode)
    if event.date is None and secondary.event.date is not None:
        event = replace(event, **_date_of(secondary.event))
    other_place = secondary.event.place
    if other_place is not None and (event.place is None or other_place != event.place
                                    and nested_in(other_place, event.place)):
        event = replace(event, **_place_of(secondary.event))  # the more precise place
    return _Report(event, kept.certain or other.certain, kept.anaphoric, kept.indefinite,
                   kept.nouns | other.nouns, kept.modifiers | other.modifiers,
                   max(kept.last, other.last), max(kept.sentence, other.sentence),
                   max(kept.topic, other.topic), primary.reference or secondary.reference,
                   primary.there or secondary.there)


def _with_date(report: _Report, day: dt.date | None, precision: DatePrecision | None,
               basis: DateBasis) -> _Report:
    """A report dated from its context; no expression of its own, so no date text."""
    if report.event.date is not None or day is None:
        return report
    return replace(report, event=replace(report.event, date=day, date_precision=precision,
                                         date_text=None, date_start=None, date_basis=basis))


def _host_index(report: _Report, kept: list[_Report], events_at: dict[int, int]) -> int | None:
    """Where in `kept` the other event a report refers to is ("after the call", "during the
    talks"), when the article reports it."""
    if report.reference is None:
        return None
    index = events_at.get(report.reference.token.idx)
    return index if index is not None and kept[index] is not report else None


def _host(report: _Report, kept: list[_Report], events_at: dict[int, int]) -> Event | None:
    index = _host_index(report, kept, events_at)
    return kept[index].event if index is not None else None


def _referenced_date(report: _Report,
                     other: Event | None) -> tuple[dt.date | None, DatePrecision | None,
                                                   DateBasis]:
    """The date of an event dated by another one ("after the call"): the other event's,
    shifted by the duration between them when the text gives one and the other's day is
    known ("four days after the invasion in February 2022" is only known to the month)."""
    if report.reference is None or other is None or other.date is None \
            or other.date_precision is None:
        return None, None, "linked"
    if report.reference.duration and other.date_precision in {"day", "week"}:
        return (*offset_date(report.reference.duration, other.date, report.reference.later),
                "linked")
    return other.date, other.date_precision, "linked"


def _linked(report: _Report, other: Event | None) -> _Report:
    """A report completed by the event it refers to: its date, and the place of a meeting
    it happened during ("agreed during talks in Jeddah", "as the sides met in Istanbul")."""
    report = _with_date(report, *_referenced_date(report, other))
    if (other is not None and report.reference is not None and report.reference.simultaneous
            and report.event.place is None and other.place is not None
            and other.event_type == "CONSULT"):
        report = replace(report, event=replace(report.event,
                                               **{**_place_of(other), "place_basis": "linked"}))
    return report


def _carried_date(report: _Report,
                  times: dict[Actor, tuple[dt.date, DatePrecision]],
                  ) -> tuple[dt.date | None, DatePrecision | None, DateBasis]:
    """The day of the latest dated report by the event's source, while the text has kept
    that actor as a subject since ("Starmer declared on Sunday ... He urged ...")."""
    if report.event.status != "occurred":
        return None, None, "subject"
    day, precision = next((times[ea.actor] for ea in report.event.actors
                           if ea.role == "source" and ea.actor in times), (None, None))
    return day, precision, "subject"


def _with_parties_of_what_they_did(kept: list[_Report],
                                   events_at: dict[int, int]) -> list[_Report]:
    """A meeting the text names without its parties takes part with whoever acted during it:
    in "U.S. and Ukrainian officials agreed to a ceasefire during talks in Jeddah" the talks
    are between the United States and Ukraine. The target of what they did ("accused the EU
    at the conference") need not have been there."""
    kept = list(kept)
    for report in list(kept):
        index = _host_index(report, kept, events_at)
        # (_host_index finds a host only for a report that has a reference)
        if index is None or report.reference is None or not report.reference.simultaneous:
            continue
        host = kept[index]
        parties = tuple(sorted({EventActor(ea.actor, "participant") for ea in report.event.actors
                                if ea.role in ACTING_ROLES}))
        if host.event.event_type == "CONSULT" and not host.event.actors and parties:
            kept[index] = replace(host, event=replace(host.event, actors=parties))
    return kept


def _placed_there(report: _Report) -> _Report:
    """A report placed by "there" is at the latest place the text named before it."""
    word = report.there
    if word is None or report.event.place is not None:
        return report
    place = next((found for ent in reversed(word.doc.ents)
                  if ent.end <= word.i and ent.label_ in PLACE_LABELS and named_as_place(ent)
                  and (found := resolve_place(ent.text)) is not None), None)
    if place is None:
        return report
    return replace(report, event=replace(report.event, place=place, place_text=word.text,
                                         place_start=word.idx, place_basis="there"))


def _unmentioned_phrases(doc: Doc, groups: list[Mention],
                         known: dict[str, Actor]) -> list[Mention]:
    """Phrases naming actors that have no mention: groups ("Turkish police") and countries
    the article names only by adjective ("an Indian proposal")."""
    adjectives = [Mention(t.idx, t.idx + len(t), t.text, country, "registry") for t in doc
                  if (country := adjective_country(t)) is not None and country.type == "GPE"
                  and country.name not in known]
    return [*groups, *adjectives]


def _with_phrases(event: Event, phrases: list[Mention], known: dict[str, Actor]) -> Event:
    """Each actor without a mention gets the phrase naming it nearest the event's trigger:
    the mentions table holds named actors only, so that evidence is kept with the event."""
    actors = []
    for ea in event.actors:
        near = None if ea.actor.name in known else min(
            (p for p in phrases if p.actor == ea.actor),
            key=lambda p: (abs(p.start - event.trigger_start), p.start), default=None)
        actors.append(ea if near is None else replace(ea, text=near.text, start=near.start))
    return replace(event, actors=tuple(actors))


def _is_attack(event: Event, doc: Doc) -> bool:
    """An attack, or attacks that halt ("ordered the strikes to stop"): both happen where
    the attacks land."""
    if event.event_type in VIOLENT_TYPES:
        return True
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    entries = _lexicon().nouns.get(lemma(trigger.root), []) if trigger is not None else []
    return event.event_type == "RETREAT" and any(e.event_type in VIOLENT_TYPES for e in entries)


def _in_context(events: list[Event], doc: Doc, published: dt.date | None) -> list[Event]:
    """Places and dates the rest of the article supplies (see event_context)."""
    text = text_of(doc)
    dateline = find_dateline(text)
    attacks = {e.trigger_start for e in events if _is_attack(e, doc)}
    events = place_by_target(place_by_dateline(events, dateline, attacks), attacks)
    events = at_meetings(refine_countries(events, dateline))
    lead = lead_span(text)
    news = news_day(doc, lead, published)
    return at_meetings_that_day(date_by_publication(events, lead, published, news))


def find_events(doc: Doc, mentions: list[Mention], published: dt.date | None) -> list[Event]:
    """The document's events, one per real-world event, in order of first report.

    Actors come only from `mentions`; an event without any actor is not kept, since it could
    not be told apart from generic talk about "talks" or "attacks".
    """
    known = {m.actor.name: m.actor for m in mentions}
    groups = find_groups(doc, mentions)
    roots = mention_roots(doc, [*mentions, *groups])
    kept: list[_Report] = []
    events_at: dict[int, int] = {}  # trigger offset -> the kept event it reports
    times: dict[Actor, tuple[dt.date, DatePrecision]] = {}
    possible = _possible_triggers(doc)
    sections = dated_sections(text_of(doc))
    years = [] if published else year_marks(text_of(doc))
    for index, sent in enumerate(sentences(doc)):
        about = subject_actors(sent, roots, mentions)
        times = {actor: time for actor, time in times.items() if actor in about}
        candidates = [doc[i] for i in possible[bisect_left(possible, sent.start):
                                                bisect_left(possible, sent.end)]]
        sides = current_sides(r.event for r in sorted(kept, key=lambda r: r.last))
        for report in _sentence_reports(sent, index, candidates, roots, mentions, known,
                                        published, sides,
                                        section_of(sections, sent.start_char),
                                        year_at(years, sent.start_char)):
            report = _linked(report, _host(report, kept, events_at))
            report = _with_date(report, *_carried_date(report, times))
            target = _antecedent(kept, report)
            if target is not None:
                kept[target] = _merge(kept[target], report)
            else:
                target = len(kept)
                kept.append(report)
            events_at[report.event.trigger_start] = target
        times.update(dated_subjects(sent, roots, mentions, published))
    # Links run forward too ("agreed during talks" names the talks after the agreement), and
    # a second round follows a chain of two.
    for _ in range(2):
        kept = [_linked(r, _host(r, kept, events_at)) for r in kept]
    kept = _with_parties_of_what_they_did(kept, events_at)
    kept = [_placed_there(r) for r in kept]
    events = [r.event for r in kept if r.event.actors]
    if any(ea.actor.name not in known for e in events for ea in e.actors):
        phrases = _unmentioned_phrases(doc, groups, known)
        events = [_with_phrases(e, phrases, known) for e in events]
    events = [replace(e, mode=consult_mode(e), actors=directed(e.actors))
              for e in _in_context(events, doc, published)]
    return sorted(events, key=lambda e: (e.evidence_start, e.trigger_start))
