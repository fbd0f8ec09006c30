"""The date and place of an event, from phrases attached to the event's own clause.

A sentence often holds several dates and places that belong to other things: "talks regarding
the conflict in Ukraine" are not in Ukraine, and in "the Kremlin revealed on Friday that talks
will take place next week" Friday is the day of the announcement. So a phrase counts only when
the parse attaches it to the trigger, to the verb of the clause the trigger is part of, or to a
subjectless clause describing the event ("scheduled to take place in Geneva").
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.contract.values import DatePrecision
from pipeline.extract.cues import is_speech_cue
from pipeline.extract.dates import (
    DateExpression,
    find_date_expressions,
    offset_date,
    resolve_date,
)
from pipeline.extract.event_context import NewsDay
from pipeline.extract.event_roles import TOPIC_PREPS, Roots, phrase_actors
from pipeline.extract.event_status import future, perfect, present, progressive
from pipeline.extract.event_syntax import (
    SEQUENCE_PREPS,
    anchors,
    attached_to,
    chain,
    sentences,
    subject,
)
from pipeline.extract.nlp import text_of
from pipeline.extract.places import capital_of, is_country, resolve_place
from pipeline.extract.records import Actor, Mention, Place
from pipeline.extract.registry import load_registry
from pipeline.extract.syntax import has_determiner, is_verb, lemma, sentences_back

PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
NOT_PLACE_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
MOTION_LEMMAS = {"travel", "head", "go", "come", "fly", "return", "visit", "deploy", "send",
                 "arrive", "trip", "journey", "welcome"}
TARGETED_TYPES = {"ASSAULT", "COERCE", "MOBILIZE"}
# Events that leave a place, which is where they happen: "withdrew from Kherson".
LEAVING_TYPES = {"RETREAT"}
# Verbs of taking land, whose object is where the event happens.
SEIZING_LEMMAS = {"annex", "occupy", "seize", "capture", "retake", "besiege", "liberate"}
DURATION_UNITS = {"day", "week", "month", "year"}
# How far back "that same day" may point for the day it repeats.
SAME_DAY_SENTENCES = 3
# How far back the lead's own day may lie and still be the day of the news.
NEWS_WEEK = dt.timedelta(days=6)

# date, precision, and the expression it was read from with its offset (None when inferred)
DatePick = tuple[dt.date | None, DatePrecision | None, str | None, int | None]
NO_DATE: DatePick = (None, None, None, None)
# Prepositions and subordinators that put the clause's event inside another one ("agreed
# during talks", "spoke at the summit", "as the sides met", "on the sidelines of"); the other
# event gives its time and, when it is a meeting, its place.
SIMULTANEOUS_PREPS = {"during", "at", "amid", "in"}
SIMULTANEOUS_MARKS = {"as", "while", "when"}
# Clauses a reported act may sit in, up to the content clause of the verb of saying.
REPORTED_CLAUSES = {"ccomp", "advcl", "conj", "xcomp"}
# Gatherings that take the name of the city they meet in ("the Munich Security Conference",
# "the Istanbul talks").
GATHERING_NOUNS = {"forum", "conference", "summit", "talks", "meeting", "format", "process",
                   "dialogue", "negotiations", "round", "session", "congress", "assembly",
                   "meetings", "consultations"}
FRAME_NOUNS = {"end", "sideline", "sidelines", "margin", "margins", "start", "close", "eve",
               "conclusion", "outcome", "round", "session", "day"}


class Reference(NamedTuple):
    """Another event that a report is dated or placed by."""

    token: Token  # the other event's trigger (a noun, or the verb of a clause)
    duration: str | None  # "two days" of "two days before the summit"
    later: bool  # this event comes after the other
    simultaneous: bool  # this event happens during the other, and where it happens


@lru_cache(maxsize=4096)
def _dates_in_text(text: str) -> tuple[DateExpression, ...]:
    return tuple(find_date_expressions(text))


def _dates_in(sent: Span) -> tuple[DateExpression, ...]:
    """The sentence's date expressions, found once however many triggers it holds."""
    return _dates_in_text(text_of(sent.doc)[sent.start_char:sent.end_char])


def _date_spans(sent: Span) -> list[tuple[DateExpression, Span]]:
    """The sentence's date expressions with the tokens each covers."""
    found = []
    for expr in _dates_in(sent):
        span = sent.doc.char_span(sent.start_char + expr.start, sent.start_char + expr.end,
                                  alignment_mode="expand")
        if span is not None:
            found.append((expr, span))
    return found


def _attached_span(span: Span, heads: set[Token]) -> bool:
    return any(t.head not in span and attached_to(t, heads) for t in span)


def _duration(token: Token) -> str | None:
    """The text of a duration modifying a "before"/"after" ("two days before", "less than a
    week after")."""
    for child in token.children:
        if child.dep_ == "npadvmod" and lemma(child) in DURATION_UNITS:
            return token.doc[child.left_edge.i : child.i + 1].text
    return None


def _offset(trigger: Token, sent: Span, published: dt.date) -> DatePick:
    """An event dated only by its distance from the time of writing: "This meeting is taking
    place two days before a summit", "Less than a week after Rubio threatened ..., signs are
    that"."""
    for token in chain(trigger, sent):
        marks = [c for c in token.children if c.dep_ == "mark" and c.lower_ in {"before", "after"}]
        if token.lower_ in {"before", "after"} and token.dep_ == "prep" and token != trigger:
            duration, clause, later = _duration(token), token.head, token.lower_ == "before"
        elif marks and token.dep_ == "advcl":
            duration, clause, later = _duration(token), token.head, marks[0].lower_ == "before"
        else:
            continue
        if duration and (present(clause) or progressive(clause)):
            day, precision = offset_date(duration, published, later)
            return (day, precision, None, None) if day else NO_DATE
        return NO_DATE
    return NO_DATE


def _same_day(sent: Span, heads: set[Token]) -> Token | None:
    """The "day" of "that same day", "the same day" or "that day" dating the clause."""
    return next((t for t in sent if lemma(t) == "day" and attached_to(t, heads) and (
        has_determiner(t, {"that"}) or any(c.lower_ == "same" for c in t.children))), None)


def _day_before(word: Token, published: dt.date | None, year: int | None) -> DatePick:
    """The last day the text named before "that same day", which it points back to: earlier
    in its sentence or in the SAME_DAY_SENTENCES sentences before it."""
    first = sentences_back(word, SAME_DAY_SENTENCES).i
    before = [s for s in sentences(word.doc) if first <= s.start <= word.i]
    for earlier in reversed(before):
        for expr in reversed(_dates_in(earlier)):
            day, precision = resolve_date(expr.text, published, year=year)
            if earlier.start_char + expr.start < word.idx and day is not None \
                    and precision == "day":
                return day, precision, expr.text, earlier.start_char + expr.start
    return NO_DATE


def _sequence_noun(span: Span) -> Token | None:
    """The event noun a date right after it belongs to when the parse hangs the date on the
    verb instead: in "took place four days after the invasion in February 2022" February
    2022 is the invasion's month, not the talks'."""
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.dep_ != "prep" or prep.i == 0:
        return None
    before = span.doc[prep.i - 1]
    noun = before if before.dep_ == "pobj" else None
    if noun is None or noun.head.lower_ not in SEQUENCE_PREPS or noun.head.head != prep.head:
        return None
    return noun if noun.pos_ == "NOUN" else None


def _set_for(span: Span, trigger: Token) -> bool:
    """A day "for" which something is set dates that thing, not the occasion named in a
    phrase of its own: in "set the ceasefire for May 12 at a meeting in Kyiv" the meeting is
    not on May 12."""
    prep = span.root.head
    return (span.root.dep_ == "pobj" and prep.lower_ == "for" and trigger.dep_ == "pobj"
            and trigger.head.dep_ == "prep" and trigger.head.head == prep.head)


def event_date(trigger: Token, sent: Span, published: dt.date | None, value: str,
               year: int | None = None) -> DatePick:
    """The event's date, its precision and the expression it comes from; `year` is the year
    an undated text last named (dates.narrative_year)."""
    heads = anchors(trigger, sent)
    candidates = []
    for expr, span in _date_spans(sent):
        owner = _sequence_noun(span)
        if owner == trigger or owner is None and _attached_span(span, heads) \
                and not _set_for(span, trigger):
            candidates.append((abs(span.start_char - trigger.idx), expr.text,
                               sent.start_char + expr.start))
    if candidates:
        _, text, start = min(candidates)
        day, precision = resolve_date(text, published, future(trigger, sent, value), year)
        return (day, precision, text, start) if day else NO_DATE
    same = _same_day(sent, heads)
    if same is not None:
        return _day_before(same, published, year)
    if published is None:
        return NO_DATE
    offset = _offset(trigger, sent, published)
    if offset[0] is None and value == "occurred" and (progressive(trigger) or perfect(trigger)):
        return published, "day", None, None
    return offset


def reported_date(trigger: Token, sent: Span, published: dt.date | None,
                  year: int | None = None) -> DatePick:
    """The date of the statement that tells a past act, for an act without a date of its
    own: in "On Tuesday, Rubio said the plan would go to Moscow after Ukraine agreed" the
    agreement is Tuesday's news. Only a verb in the past tense, reported in the content of a
    dated verb of saying, takes it."""
    past = trigger.tag_ == "VBD" or trigger.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"had", "has", "have"} for c in trigger.children)
    speech = _reported_by(trigger) if past else None
    if speech is None:
        return NO_DATE
    found = event_date(speech, sent, published, "occurred", year)
    return found if found[2] is not None else NO_DATE


def _reported_by(verb: Token) -> Token | None:
    """The verb of saying whose content clause holds the verb's clause."""
    current = verb
    while current.dep_ in REPORTED_CLAUSES and current.head != current:
        if current.dep_ == "ccomp" and is_speech_cue(current.head):
            return current.head
        current = current.head
    return None


def _staged(noun: Token) -> Token:
    """The event a framing noun stands for: "the end of the meeting", "the sidelines of the
    summit", "a round of talks" are the meeting, the summit, the talks."""
    while lemma(noun) in FRAME_NOUNS:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if inner is None:
            return noun
        noun = inner
    return noun


def _on_argument(prep: Token, trigger: Token) -> bool:
    """A preposition the parse hangs on the object of a verb trigger rather than on the verb:
    in "agreed to a ceasefire during talks", "during" modifies "ceasefire"."""
    argument = prep.head
    return trigger.pos_ == "VERB" and argument.pos_ in {"NOUN", "PROPN"} and (
        argument.head == trigger
        or argument.dep_ == "pobj" and argument.head.dep_ == "prep"
        and argument.head.head == trigger)


def reference_event(trigger: Token, sent: Span) -> Reference | None:
    """The other event the trigger's clause is dated or placed by: the noun of "after the
    call", "two days before the summit", "during talks in Jeddah", "on the sidelines of the
    forum", or the verb of "as the sides met in Istanbul". The reference says how far apart
    they are, whether this event comes later, and whether the two happen together."""
    heads = anchors(trigger, sent)
    for token in sent:
        if token.dep_ != "prep" or token.head not in heads and not _on_argument(token, trigger):
            continue
        noun = next((c for c in token.children if c.dep_ == "pobj"), None)
        if noun is None or noun == trigger:
            continue
        if token.lower_ in SEQUENCE_PREPS:
            return Reference(noun, _duration(token), SEQUENCE_PREPS[token.lower_], False)
        if token.lower_ in SIMULTANEOUS_PREPS or lemma(noun) in FRAME_NOUNS and \
                token.lower_ == "on":
            return Reference(_staged(noun), None, False, True)
    for head in heads:
        for clause in head.children:
            if clause.dep_ == "advcl" and clause != trigger and any(
                    c.dep_ == "mark" and c.lower_ in SIMULTANEOUS_MARKS for c in clause.children):
                return Reference(clause, None, False, True)
    return None


def _dated_verb(span: Span) -> Token | None:
    """The verb a date phrase modifies: "declared on Sunday", "on Sunday, Trump said"."""
    root = span.root
    head = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    return head if is_verb(head) and head != root else None


def dated_subjects(sent: Span, roots: Roots, mentions: list[Mention],
                   published: dt.date | None) -> dict[Actor, tuple[dt.date, DatePrecision]]:
    """The day the sentence says its subjects spoke or acted ("Starmer declared on Sunday"),
    for their following reports that give no date of their own ("He urged ...")."""
    found: dict[Actor, tuple[dt.date, DatePrecision]] = {}
    if published is None:
        return found
    for expr, span in _date_spans(sent):
        verb = _dated_verb(span)
        acting = subject(verb) if verb is not None else None
        if acting is None or acting[1]:
            continue
        day, precision = resolve_date(expr.text, published)
        if day is None or precision != "day" or day > published:
            continue
        for actor in phrase_actors(acting[0], roots, mentions):
            found.setdefault(actor, (day, precision))
    return found


def news_day(doc: Doc, lead: tuple[int, int] | None,
             published: dt.date | None) -> NewsDay | None:
    """The day the top of the story says its news happened: the first day of the past week
    that dates a verb in the past tense ("The United States agreed on Tuesday",
    "representatives said on Sunday"). An article published the morning after gives the
    day of its news more truly by that than by its own date."""
    if lead is None or published is None:
        return None
    for sent in sentences(doc):
        if sent.start_char >= lead[1]:
            break
        if sent.start_char < lead[0]:
            continue
        for expr, span in _date_spans(sent):
            verb = _dated_verb(span)
            if verb is None or verb.tag_ != "VBD":
                continue
            day, precision = resolve_date(expr.text, published)
            if day is not None and precision == "day" and \
                    dt.timedelta(0) <= published - day <= NEWS_WEEK:
                return NewsDay(day, expr.text, sent.start_char + expr.start)
    return None


def subject_actors(sent: Span, roots: Roots, mentions: list[Mention]) -> set[Actor]:
    """The actors some clause of the sentence has as its subject: who the sentence is about."""
    return {actor for token in sent if token.dep_ == "nsubj"
            for actor in phrase_actors(token, roots, mentions)}


def _place_phrase(token: Token) -> Span:
    """The entity the token is in, else the token with its compounds. The entity is found from
    the IOB tags around the token: building `doc.ents` on every call was the largest cost of
    finding places."""
    doc = token.doc
    if token.ent_iob_ in {"B", "I"}:
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]
    return _compound_phrase(token)


def _compound_phrase(token: Token) -> Span:
    """The token with the compounds before it ("Abu Dhabi")."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token:
        start -= 1
    return doc[start : token.i + 1]


def _capital(token: Token) -> Place | None:
    """The city "the Saudi capital" or "Turkey's capital" names."""
    if lemma(token) != "capital" or token.pos_ != "NOUN":
        return None
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            entry = load_registry().by_demonym(child.text) or load_registry().by_alias(
                token.doc[child.left_edge.i:child.i + 1].text)
            if entry is not None and entry.actor.type == "GPE":
                return capital_of(entry.actor.country)
    return None


def there(trigger: Token, sent: Span) -> Token | None:
    """A "there" placing the event where the text last was ("met there"), not the "there" of
    "there is"."""
    heads = anchors(trigger, sent)
    return next((t for t in sent if t.lower_ == "there" and t.dep_ == "advmod"
                 and t.head in heads), None)


def named_as_place(name: Span) -> bool:
    """Whether the text names the place as somewhere things happen ("talks in Riyadh", "flew
    to Moscow", "visited Kyiv"), not as a party ("meet Russia"): only such a name is what a
    later "there" points back to."""
    token = name.root
    while token.dep_ in {"appos", "conj"} and token.head != token:
        token = token.head
    if token.dep_ == "pobj":
        return token.head.lower_ in PLACE_PREPS | {"to", "from"}
    return token.dep_ == "dobj" and lemma(token.head) in MOTION_LEMMAS


def _named_after(phrase: Span) -> Place | None:
    """The city a named gathering is held in and named after: "the Antalya Diplomatic
    Forum", "the Munich Security Conference". A country in such a name is its subject
    ("the Ukraine Recovery Conference"), not its venue."""
    if len(phrase) < 2 or lemma(phrase[-1]) not in GATHERING_NOUNS:
        return None
    for end in (2, 1):
        place = resolve_place(phrase[:end].text) if end < len(phrase) else None
        if place is not None:
            return None if is_country(place) else place
    return None


def _framing(frame: Token, heads: set[Token]) -> bool:
    """Whether a frame noun ("the sidelines", "the end") is attached to the event's clause,
    by whatever preposition: "on the sidelines", "at the end", also when the parse hangs it
    on a prepositional phrase before it ("met for the first time since the start of the war
    on the sidelines of the forum")."""
    current = frame
    while current.dep_ == "pobj" and current.head.dep_ == "prep":
        if current.head.head in heads:
            return True
        current = current.head.head
    return False


def _venue_of(noun: Token, heads: set[Token]) -> bool:
    """A venue the event is at, named with its city: "at the Çırağan Palace in Istanbul",
    also when framed: "on the sidelines of a forum in Antalya"."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and lemma(prep.head) in FRAME_NOUNS:
        return _framing(prep.head, heads)
    return (noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS
            and prep.head in heads)


def _in_phrase(token: Token, trigger: Token) -> bool:
    """A place inside a meeting noun's own phrase, not inside its topic: "talks between US and
    Ukrainian officials in Jeddah" are in Jeddah; "talks on the war in Ukraine" are not."""
    if trigger.pos_ == "VERB" or token == trigger or not trigger.is_ancestor(token):
        return False
    current = token
    while current != trigger:
        if current.dep_ == "prep" and current.lower_ in TOPIC_PREPS:
            return False
        if is_verb(current):
            return False
        current = current.head
    return True


def _by_preposition(token: Token, trigger: Token, event_type: str, heads: set[Token]) -> bool:
    """The object of "in"/"at", of "to" after a motion verb, of "on"/"against" for attacks,
    attached to the event's clause."""
    if token.dep_ != "pobj":
        return False
    prep, governor = token.head.lower_, token.head.head
    if governor.dep_ in {"advmod", "prt"} and governor.pos_ in {"ADV", "ADP"}:
        governor = governor.head  # "heading back to Moscow"
    if prep in PLACE_PREPS and (_venue_of(governor, heads) or _in_phrase(governor, trigger)):
        return True
    if prep == "of" and lemma(governor) in FRAME_NOUNS and _framing(governor, heads):
        return True  # "on the sidelines of the Antalya Diplomatic Forum"
    if governor not in heads:
        return False
    return (
        prep in PLACE_PREPS
        or prep == "to" and bool(MOTION_LEMMAS & {lemma(governor), lemma(governor.head)})
        or event_type in TARGETED_TYPES and prep in {"on", "against", "of"}
        and governor == trigger
    )


def _seized(trigger: Token, event_type: str) -> tuple[Place, str, int] | None:
    """The place a verb of taking land takes, where that happens ("annexed Crimea", "the
    peninsula, which Russia annexed", "occupied Kherson"), and the city an attack hits
    ("drones attacked Moscow": a country attacked is a party, its capital a place)."""
    attacking = event_type in TARGETED_TYPES and trigger.pos_ == "VERB"
    if trigger.pos_ != "VERB" or lemma(trigger) not in SEIZING_LEMMAS and not attacking:
        return None
    taken = [c for c in trigger.children if c.dep_ == "dobj" and c.tag_ not in {"WDT", "WP"}]
    if not taken and trigger.dep_ == "relcl" and any(
            c.dep_ == "dobj" and c.tag_ in {"WDT", "WP"} for c in trigger.children):
        taken = [trigger.head]
    for noun in taken:
        phrase = _place_phrase(noun)
        place = resolve_place(phrase.text)
        if place is not None and not (attacking and lemma(trigger) not in SEIZING_LEMMAS
                                      and is_country(place)):
            return place, phrase.text, phrase.start_char
    return None


def _left_place(trigger: Token, event_type: str) -> tuple[Place, str, int] | None:
    """The place a withdrawal leaves, where it happens: "the withdrawal of Russian troops
    from parts of Ukraine", "withdrew from Kherson"."""
    if event_type not in LEAVING_TYPES:
        return None
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for token in prep.subtree:
            if token.pos_ == "PROPN" and token.ent_type_ not in NOT_PLACE_ENTITIES:
                phrase = _place_phrase(token)
                place = resolve_place(phrase.text)
                if place is not None:
                    return place, phrase.text, phrase.start_char
    return None


def event_place(trigger: Token, event_type: str, sent: Span) -> tuple[Place, str, int] | None:
    """The gazetteer place where the event happens, the text naming it and its offset, if the
    sentence says. A country modifying the trigger ("US-Russia summit") names parties, not a
    venue; land taken or left is where it is taken or left."""
    taken_or_left = _seized(trigger, event_type) or _left_place(trigger, event_type)
    if taken_or_left is not None:
        return taken_or_left
    heads = anchors(trigger, sent)
    found = []
    for token in sent:
        capital = _capital(token)
        if capital is not None and _by_preposition(token, trigger, event_type, heads):
            phrase = token.doc[token.left_edge.i:token.i + 1]
            found.append((abs(phrase.start_char - trigger.idx), phrase.start_char, phrase.text,
                          capital))
            continue
        # the city or venue naming a gathering the event is at: "in a Kremlin session"
        venue = token.dep_ == "compound" and token.head != trigger and \
            lemma(token.head) in GATHERING_NOUNS and token.head.dep_ == "pobj" and \
            token.head.head.lower_ in PLACE_PREPS
        if (token.pos_ != "PROPN" or token.dep_ == "compound" and token.head != trigger
                and not venue or token.ent_type_ in NOT_PLACE_ENTITIES):
            continue  # "in March" is a month, not the town of March
        modifier = venue or token.head == trigger and token.dep_ in {"compound", "nmod",
                                                                     "npadvmod"}
        attached = token.head if token.dep_ == "appos" or venue else token
        if token.dep_ == "appos" and resolve_place(_place_phrase(token.head).text):
            continue  # "Anchorage, Alaska": the second name only says which Anchorage
        if not modifier and not _by_preposition(attached, trigger, event_type, heads):
            continue
        phrase = _place_phrase(token)
        place = resolve_place(phrase.text) or _named_after(phrase)
        if place is None and phrase != _compound_phrase(token):
            # the tagger may run a name into its neighbours ("Rubio in Jeddah" as one entity)
            phrase = _compound_phrase(token)
            place = resolve_place(phrase.text)
        if place and not (modifier and is_country(place)):
            found.append((abs(phrase.start_char - trigger.idx), phrase.start_char, phrase.text,
                          place))
    if not found:
        return None
    _, start, text, place = min(found, key=lambda f: f[:2])
    return place, text, start
