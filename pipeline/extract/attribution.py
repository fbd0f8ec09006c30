"""Who said it: from a reporting cue to the actor named next to it.

The speaker is read from the parse around the cue (its subject, the agent of a passive,
the object of "according to"), then mapped to the actor mentions the actor extractor
found. Pronouns go to the latest person named outside quotation marks before them (see
antecedents.py for which names count as people and which one wins); role
nouns ("the prime minister") go to the mention that covers them, or to the latest person
introduced with that title. Anything unresolved keeps its span but no actor: a wrong
speaker is worse than a missing one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.contract.values import AttributionMethod
from pipeline.extract.antecedents import Antecedents, is_subject, mention_head
from pipeline.extract.cues import DOCUMENT_NOUNS, closing_finding, cue_text, is_speech_cue
from pipeline.extract.groups import country_named
from pipeline.extract.nlp import text_of
from pipeline.extract.person_words import GENDERED_NOUNS, PERSON_NOUNS
from pipeline.extract.records import Actor, Mention
from pipeline.extract.speaker_people import PRONOUN_GENDER, genders, link_surnames
from pipeline.extract.syntax import (
    DEFINITE_DETERMINERS,
    RELATIVE_PRONOUNS,
    SPEAKING_SUBJECTS,
    has_determiner,
    lemma,
    sentences_back,
    subjects_of,
)

# Clauses that share the subject of the verb they hang from ("said X and added Y").
SUBJECT_SHARING_DEPS = {"conj", "xcomp", "advcl"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
NOUN_PHRASE_DEPS = {"compound", "det", "amod", "poss", "nmod", "nummod", "case", "flat"}
TITLE_DEPS = {"compound", "amod", "appos", "nmod"}
PRONOUN_LOOKBACK = 2
# How far a sayer may run between a closing quotation mark and its cue, and the tags of the
# mark ('' for ” and ", the tagger's for a closing single mark).
INVERTED_SAYER_WORDS = 12
CLOSING_QUOTE_TAGS = {"''"}
# How many sentences back "the statement" may find the statement it re-mentions.
DOCUMENT_LOOKBACK = 4
# What may follow a speaker's name to say who they are.
DESCRIPTION_DEPS = {"appos", "prep", "acl", "relcl"}
ORGANISATION_PRONOUNS = {"it", "its"}
# Who makes the claim a claim noun names: "the proposal by/from X", "X made the claim".
CLAIMANT_PREPS = {"by", "from"}
DELIVERING_VERBS = {
    "deliver", "express", "issue", "make", "publish", "reiterate", "release", "renew",
    "repeat", "voice",
}
# How a speaker named by a mention was found, by how the mention was found.
MENTION_METHODS: dict[str, AttributionMethod] = {"surname": "surname", "role": "role"}
# Nouns by which news refers back to an organisation it has named ("the company said").
ORGANISATION_NOUNS = {
    "agency", "airline", "alliance", "association", "authority", "bank", "bloc", "board",
    "body", "broadcaster", "club", "commission", "committee", "company", "corporation",
    "council", "department", "diocese", "firm", "foundation", "group", "institute", "league",
    "ministry", "movement", "network", "office", "organisation", "organization", "outlet",
    "party", "railroad", "railway", "regulator", "service", "society", "union", "utility",
}
# "the head of the Russian delegation": the one who leads a country's side.
LEADER_NOUNS = {"head", "chief", "leader"}
SIDE_NOUNS = {"delegation", "team", "side", "negotiator", "mission"}


@dataclass(frozen=True)
class Attribution:
    """A cue and the speaker span it points to; actor None when the span names nobody known."""

    cue: str | None
    speaker: Actor | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    method: AttributionMethod | None = None  # how the speaker span or actor was found

    @property
    def known(self) -> bool:
        return self.speaker is not None


class Speakers:
    """Resolves speaker tokens of one document against its actor mentions."""

    def __init__(self, doc: Doc, mentions: list[Mention], quoted: list[tuple[int, int]]):
        self.doc = doc
        self.quoted = quoted
        self.mentions = link_surnames(doc, sorted(mentions))
        self.gender = genders(doc, self.mentions)
        self.narrative = [m for m in self.mentions if not self._inside_quote(m.start)]
        self._narrative_starts = [m.start for m in self.narrative]
        self.antecedents = Antecedents(doc, self.narrative, self.gender)

    def _inside_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def attribute(self, cue: Token, cue_label: str | None = None) -> Attribution:
        """The speaker of a cue verb (or of "according to"), resolved as far as it goes."""
        start, end = cue_text(cue)
        label = cue_label or text_of(self.doc)[start:end]
        who = subject(cue)
        if who is None or self._inside_quote(who.idx):
            return Attribution(label)
        return self.resolve(who, label, cue)

    def resolve(self, who: Token, label: str | None, cue: Token | None = None) -> Attribution:
        """Map a speaker token to its mention, pronoun antecedent or role holder; the
        speaker span runs over the description that follows the name, up to the cue."""
        mention = self._covering(who)
        if mention is not None:
            end = max(mention.end, description_end(who, cue))
            return Attribution(label, mention.actor, mention.start, end,
                               MENTION_METHODS.get(mention.method, "syntax"))
        span = _after_quote_marks(noun_phrase(who))
        actor, method = self._referent(who, cue)
        return Attribution(label, actor, span.start_char,
                           max(span.end_char, description_end(who, cue)), method)

    def _referent(self, who: Token, cue: Token | None) -> tuple[Actor | None, AttributionMethod]:
        """Whom a speaker word that is no mention stands for, and how that was decided."""
        apposed = self._apposed_person(who)
        if apposed is not None:
            return apposed, "apposition"  # "Campbell's partner, Jason Louth, said"
        issuer = self._issuer(who, cue) if who.lower_ in DOCUMENT_NOUNS else None
        if issuer is None and who.lower_ in DOCUMENT_NOUNS and has_determiner(who, {"the"}):
            issuer = self._earlier_issuer(who)
        if issuer is not None:
            return issuer.actor, "issuer"
        owner = self._possessive_owner(who) if who.lower_ in DOCUMENT_NOUNS else None
        if owner is not None:
            return owner
        if who.lower_ in PERSONAL_PRONOUNS:
            person = self.antecedents.of(who, PRONOUN_GENDER[who.lower_])
            if person is not None and who.dep_ in SPEAKING_SUBJECTS:
                self.antecedents.spoke(who, person)
            return person, "pronoun"
        if who.lower_ in ORGANISATION_PRONOUNS:
            return self._latest_organisation_before(who.idx), "organisation"
        if (who.pos_ == "NOUN" and who.lower_ in ORGANISATION_NOUNS
                and has_determiner(who, DEFINITE_DETERMINERS)):
            return self._latest_organisation_before(who.idx, who.lower_), "organisation"
        if who.pos_ == "NOUN":
            holder = self._title_holder(who, before=who.idx)
            if holder is not None:
                return holder, "role"
            person = self._delegation_leader(who) or self._described_person(who)
            if person is not None:
                return person, "role" if lemma(who) in LEADER_NOUNS else "description"
        return None, "syntax"  # the words of the cue's subject, naming no one known

    def mention_near(self, start: int, end: int, anchor: int) -> Mention | None:
        """The narrative mention in [start, end) closest to the cue, for parses without a
        subject."""
        inside = [m for m in self.narrative if start <= m.start and m.end <= end]
        return min(inside, key=lambda m: abs(m.start - anchor), default=None)

    def sole_subject_person(self, start: int, end: int) -> Mention | None:
        """The latest subject mention of the one person named in [start, end), or None
        when no person or several are named there: the narrator's focus before a quotation
        that stands without a cue."""
        people = [m for m in self.narrative if start <= m.start and m.end <= end
                  and m.actor.type == "PERSON"]
        subjects = [m for m in people if self._is_subject(m)]
        return subjects[-1] if subjects and len({m.actor for m in people}) == 1 else None

    def _covering(self, token: Token) -> Mention | None:
        for m in self.mentions:
            if m.start <= token.idx < m.end:
                return m
        return None

    def _latest_organisation_before(self, offset: int, noun: str | None = None) -> Actor | None:
        """The antecedent of "it" or "the company": the latest organisation named before
        it, one whose name holds the noun first ("the ministry" → "Defence Ministry"), else
        the latest that was a clause subject, since that is the one the story follows."""
        k = bisect_right(self._narrative_starts, offset)
        bodies = [m for m in reversed(self.narrative[:k])
                  if m.actor.type == "ORG" and m.end <= offset]
        if noun is not None:
            named = [m for m in bodies if noun in m.actor.name.lower().split()]
            if named:
                return named[0].actor
        for m in bodies[:PRONOUN_LOOKBACK]:
            if self._is_subject(m):
                return m.actor
        return None

    def _issuer(self, document: Token, cue: Token | None) -> Mention | None:
        """The actor a statement or report comes from, named inside its noun phrase: "a
        statement from the EU", "the ministry's report", "the Civic Action study"."""
        stop = len(self.doc) if cue is None or cue.i < document.i else cue.i
        start = document.left_edge.idx
        end = self.doc[min(document.right_edge.i, stop - 1)]
        inside = [m for m in self.mentions
                  if start <= m.start and m.end <= end.idx + len(end.text)
                  and m.actor.type in ("ORG", "PERSON", "GPE")]
        return inside[0] if inside else None

    def _possessive_owner(self, document: Token) -> tuple[Actor, AttributionMethod] | None:
        """Whose words "her statement" or "its report" are: the referent of the possessive
        pronoun, as if the pronoun itself had spoken."""
        pronoun = next((t for t in document.children if t.dep_ == "poss"), None)
        if pronoun is None:
            return None
        if pronoun.lower_ in PRONOUN_GENDER:
            person = self.antecedents.of(pronoun, PRONOUN_GENDER[pronoun.lower_])
            return (person, "pronoun") if person is not None else None
        if pronoun.lower_ == "its":
            body = self._latest_organisation_before(pronoun.idx)
            return (body, "organisation") if body is not None else None
        return None

    def _earlier_issuer(self, document: Token) -> Mention | None:
        """Who issued the statement "the statement said" re-mentions: the issuer of the
        latest document the text introduced before it ("a readout issued by the Kremlin",
        "the ministry said in a statement", "the Kremlin released a statement")."""
        first = sentences_back(document, DOCUMENT_LOOKBACK).i
        for token in reversed(document.doc[first:document.i]):
            if token.lower_ not in DOCUMENT_NOUNS:
                continue
            inside = self._issuer(token, None)
            if inside is not None:
                return inside
            verb = token.head.head if token.dep_ == "pobj" else token.head
            if token.dep_ in {"pobj", "dobj"} and verb.pos_ in {"VERB", "AUX"}:
                mention = self._sayer_mention(verb)
                if mention is not None:
                    return mention
        return self._body_that_spoke_last(document, first)

    def _sayer_mention(self, verb: Token) -> Mention | None:
        """The mention naming the verb's sayer, if a mention covers it."""
        sayer = subject(verb)
        return self._covering(sayer) if sayer is not None else None

    def _body_that_spoke_last(self, document: Token, first: int) -> Mention | None:
        """The body whose words the text reported last before "the statement" ("The Kremlin
        said …. '…,' the statement added"): its statement is the one meant."""
        for token in reversed(document.doc[first:document.i]):
            if is_speech_cue(token) and not self._inside_quote(token.idx):
                mention = self._sayer_mention(token)
                body = mention is not None and mention.actor.type in ("ORG", "GPE")
                return mention if body else None
        return None

    def _is_subject(self, mention: Mention) -> bool:
        head = mention_head(self.doc, mention)
        return head is not None and is_subject(head)

    def _apposed_person(self, who: Token) -> Actor | None:
        """The one person an apposition to the speaker noun names: its head is the name
        ("Campbell's partner, Jason Louth,"), where a name inside it is someone else's
        ("the rookie, younger brother of Seth Jones,")."""
        people = {m.actor for child in who.children if child.dep_ == "appos"
                  if (m := self._covering(child)) is not None and m.actor.type == "PERSON"}
        return people.pop() if len(people) == 1 else None

    def _described_person(self, noun: Token) -> Actor | None:
        """The person a modified definite description re-mentions: "the affable proprietor",
        "the former comedian" go to the person the text follows, as "he" or "she" would
        (agreeing with a gendered noun). Bare or plural nouns, the words of anonymous
        sourcing ("the senior official") describe someone the article does not name, and a
        noun that is not a person's (pipeline/registry/person_words.yaml) no one."""
        if (noun.tag_ != "NN" or noun.lower_ not in PERSON_NOUNS
                or not has_determiner(noun, {"the"})
                or not any(c.dep_ in {"amod", "compound", "nmod"} for c in noun.children)):
            return None
        gender = GENDERED_NOUNS.get(noun.lower_)
        return self._latest_named_in_full(noun, gender) or self.antecedents.of(noun, gender)

    def _latest_named_in_full(self, noun: Token, gender: str | None) -> Actor | None:
        """The person the text last named in full before a description, within the
        sentences just before it: a description is how features go on about someone they
        have just introduced ("Then there is John Doe, who like Roe learned to bake ... ',
        says the 52-year-old founder"), whoever else the sentence mentions in passing."""
        since = sentences_back(noun, 1).idx
        k = bisect_right(self._narrative_starts, noun.idx)
        return next((m.actor for m in reversed(self.narrative[:k])
                     if m.start >= since and m.actor.type == "PERSON" and " " in m.text
                     and self.antecedents.agrees(m.actor, gender)), None)

    def _delegation_leader(self, noun: Token) -> Actor | None:
        """The person who leads a country's side, for "the head of the Russian delegation",
        "the leader of Ukraine's team": the latest person of that country the text named."""
        if lemma(noun) not in LEADER_NOUNS or not has_determiner(noun, {"the"}):
            return None
        sides = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and lemma(g) in SIDE_NOUNS]
        countries = {entry.actor.country for side in sides for c in side.children
                     if c.dep_ in {"amod", "compound", "poss", "nmod"}
                     and (entry := country_named(c)) is not None}
        if len(countries) != 1:
            return None
        country = countries.pop()
        k = bisect_right(self._narrative_starts, noun.idx)
        return next((m.actor for m in reversed(self.narrative[:k])
                     if m.actor.type == "PERSON" and m.actor.country == country), None)

    def _title_holder(self, role: Token, before: int) -> Actor | None:
        """The latest person introduced with this role word: "Prime Minister Keir Starmer",
        "Keir Starmer, the prime minister"."""
        title = role.lower_
        k = bisect_right(self._narrative_starts, before)
        for m in reversed(self.narrative[:k]):
            if m.actor.type == "PERSON" and title in self._titles(m):
                return m.actor
        return None

    def _titles(self, mention: Mention) -> set[str]:
        """Lower-cased words of the mention and of the modifiers and appositions of its name."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return set()
        words = {t.lower_ for t in span}
        for child in span.root.children:
            if child.dep_ in TITLE_DEPS:
                words |= {t.lower_ for t in child.subtree}
        return words


def subject(verb: Token) -> Token | None:
    """The sayer of a cue: its subject, a passive's agent, or the subject it shares."""
    if verb.lower_ == "according":
        return next((t for t in verb.subtree if t.dep_ == "pobj"), None)
    closing = closing_finding(verb)
    if closing is not None:
        return closing[0]
    if verb.pos_ == "NOUN":
        return _claimant(verb)
    framed = _named_by_frame(verb)
    if framed is not None:
        return framed
    own = any(c.dep_ in SPEAKING_SUBJECTS or c.dep_ == "agent" for c in verb.children)
    inverted = None if own else _after_the_quote(verb) or _cut_off_subject(verb)
    if inverted is not None:
        return inverted
    if _telling_after_reported_clause(verb):
        return _shared_subject(verb.head.head)  # "X said Y kept his word, telling …": X
    return _shared_subject(verb)


def _named_by_frame(verb: Token) -> Token | None:
    """A sayer the frame around a participle names: the document "a statement saying"
    stands for, the name a past-tense cue was parsed as modifying, or whoever "was quoted
    as saying" ("Reuters quoted a source as saying")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return _claimant(verb.head) or verb.head  # "a statement saying", "with X urging"
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.pos_ == "PROPN":
        return verb.head  # "Thune, a senator, called on him …" parsed as a reduced relative
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        return next((c for c in verb.head.head.children
                     if c.dep_ in {"nsubjpass", "dobj"}), None)
    return None


def _shared_subject(verb: Token) -> Token | None:
    """The verb's own subject or agent, or the one of the verb it hangs from ("said X and
    added Y", "won by telling voters")."""
    current = verb
    for _ in range(4):
        for child in subjects_of(current, SPEAKING_SUBJECTS):
            relative = child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl"
            return current.head if relative else child
        for child in current.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if _after_preposition(current):
            current = current.head  # "by telling voters", "before noting": the verb's own
        elif current.dep_ not in SUBJECT_SHARING_DEPS or current.head == current:
            return None
        current = current.head
    return None


def _after_preposition(verb: Token) -> bool:
    """A gerund after a preposition that hangs from a verb ("won by telling voters …"),
    which shares that verb's subject."""
    return (verb.dep_ == "pcomp" and verb.head.pos_ == "ADP"
            and verb.head.head.pos_ in {"VERB", "AUX"})


def _claimant(noun: Token) -> Token | None:
    """Whose claim a claim noun reports: its possessor ("Moscow's proposal"), its "by" or
    "from" phrase ("the announcement by the ministry"), or the subject of the verb that
    delivers it ("Kyiv repeated its claim that …")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in CLAIMANT_PREPS:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if noun.dep_ == "dobj" and lemma(noun.head) in DELIVERING_VERBS:
        return subject(noun.head)
    return None


def _after_the_quote(verb: Token) -> Token | None:
    """The sayer between a closing quotation mark and its cue ("... businesslike,” Moscow's
    top negotiator, Vladimir Medinsky, said"), when the parse gave the cue no subject of its
    own and hung the name on the quoted clause: the head of the words in between."""
    doc = verb.doc
    start = verb.i
    while start > 0 and verb.i - start < INVERTED_SAYER_WORDS and \
            doc[start - 1].tag_ not in CLOSING_QUOTE_TAGS:
        start -= 1
    words = doc[start:verb.i]
    if start == 0 or not words or doc[start - 1].tag_ not in CLOSING_QUOTE_TAGS or any(
            t.pos_ in {"VERB", "AUX"} for t in words):
        return None
    heads = [t for t in words if t.pos_ in {"NOUN", "PROPN", "PRON"}
             and not (words.start <= t.head.i < words.end)]
    return heads[0] if len(heads) == 1 else None


def _cut_off_subject(verb: Token) -> Token | None:
    """A name the parser made a sentence of its own right before its cue ("Vickers said"
    after a subhead): the noun just before the cue, heading nothing but itself."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.dep_ != "ROOT" or before.pos_ not in {"PROPN", "NOUN"}:
        return None
    return before


def _telling_after_reported_clause(verb: Token) -> bool:
    """A participle of speech ("telling", "saying", "adding") hung from a clause that is
    itself what someone said: the parse attaches it low, but the one telling is the sayer."""
    clause = verb.head
    return (verb.tag_ == "VBG" and verb.dep_ == "advcl" and is_speech_cue(verb)
            and clause.dep_ == "ccomp" and is_speech_cue(clause.head))


def _after_quote_marks(span: Span) -> Span:
    """The span without quoted words the parse ran into it ("businesslike,” Moscow's top
    negotiator")."""
    marks = [t.i for t in span if t.tag_ in CLOSING_QUOTE_TAGS]
    return span.doc[marks[-1] + 1:span.end] if marks and marks[-1] + 1 < span.end else span


def noun_phrase(token: Token) -> Span:
    """The token with its left modifiers ("the Kyiv Mayor"), the span naming a speaker."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in NOUN_PHRASE_DEPS and child.i < start:
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in {"flat", "compound"}:
            end = max(end, child.i + 1)
    return token.doc[start:end]


def description_end(token: Token, limit: Token | None = None) -> int:
    """Where the speaker's description ends: a name keeps the apposition, prepositional
    phrase and relative clause that say who the speaker is ("Jane Doe, a professor at Kyiv
    University", "a spokesman for the ministry"), stopping before the cue, any quotation
    mark and the punctuation that closes the description."""
    stop = len(token.doc) if limit is None or limit.i < token.i else limit.i
    last = token
    for child in token.rights:
        if child.dep_ in DESCRIPTION_DEPS and child.right_edge.i < stop:
            if not any(t.is_quote for t in token.doc[token.i:child.right_edge.i + 1]):
                last = child.right_edge
    while last.i > token.i and (last.is_punct or last.is_space):
        last = last.nbor(-1)
    return last.idx + len(last.text)
