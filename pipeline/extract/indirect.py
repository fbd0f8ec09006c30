"""Reported speech without quotation marks, read from the dependency parse.

"Trump has suggested that a peace deal would require…" carries a claim as surely as a
quotation does. The content is the clause complement of a reporting verb, the claim a
verb takes as its object ("denied the allegations"), what a poll or record shows, the
clause or topic of a noun of saying ("his claim that …", "allegations of fraud"), or the
rest of the sentence framed by "according to X" or by a source named last ("…, records
show."). Quoted words inside such content stay in it; the quote-mark path records them
too, with their exact words.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from pipeline.extract.cues import (
    CLAIM_NOUNS,
    INFINITIVE_CLAIMS,
    NAMING_VERBS,
    NOUN_PREPOSITION_CLAIMS,
    PREPOSITION_CLAIMS,
    TARGETING_VERBS,
    closing_finding,
    is_claim_noun,
    is_evidence_verb,
    is_reporting_cue,
    is_speech_cue,
    reports_evidence,
    states_object,
)
from pipeline.extract.nlp import text_of
from pipeline.extract.syntax import RELATIVE_PRONOUNS, SPEAKING_SUBJECTS, lemma, subjects_of

CLAUSE_DEPS = {"ccomp"}
# What a cue without a clause reports: its object and what completes the object ("denied
# the claims", "called the talks a waste of time", "accused Moscow of stalling").
OBJECT_DEPS = {"dobj", "oprd", "xcomp"}
OBJECT_PREPS = {"as", "of", "for"}
# An object that is only a name or a pronoun is whom the words went to or were about
# ("told Reuters", "praised her"), not what was said.
NAMED_OBJECTS = {"PERSON", "ORG", "GPE", "NORP"}
MIN_CLAUSE_TOKENS = 3
FINDING_TOKENS = 2  # "polls showing Kyiv ahead"
CLOSING_GAP = 2  # tokens between a clause's last word and its quotation's closing mark
TIME_ENTITIES = {"DATE", "TIME"}
EDGE_DEPS = {"mark", "punct", "cc"}
CONTRAST_MARKS = {"although", "though", "whereas", "while"}
WH_TAGS = {"WDT", "WP", "WP$", "WRB"}
REFUSING_VERBS = {"decline", "refuse"}


def _closes_quote(span: Span, token: Token) -> bool:
    """A closing mark whose opening is inside the clause belongs to the clause."""
    return token.is_quote and any(t.is_quote for t in span if t.i < token.i)


def _opens_quote(span: Span, token: Token) -> bool:
    return token.is_quote and any(t.is_quote for t in span if t.i > token.i)


def _trim(span: Span, minimum: int = MIN_CLAUSE_TOKENS) -> Span | None:
    """Drop the complementiser, punctuation and a dangling "and" at the clause edges,
    keeping quotation marks that pair with one inside the clause."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].dep_ in EDGE_DEPS or doc[start].is_punct
                           or doc[start].is_space):
        if _opens_quote(doc[start:end], doc[start]):
            break
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].dep_ == "cc"):
        if _closes_quote(doc[start:end], doc[end - 1]):
            break
        end -= 1
    opened = sum(t.is_quote for t in doc[start:end]) % 2 == 1
    close = end
    while close < min(len(doc), end + CLOSING_GAP) and doc[close].is_punct and not (
            doc[close].is_quote):
        close += 1  # the quotation's own full stop or comma before its closing mark
    if opened and close < len(doc) and doc[close].is_quote and not doc[start].is_quote:
        end = close + 1  # the parser hung the closing mark on the cue verb
    trimmed = doc[start:end]
    return trimmed if sum(not t.is_punct for t in trimmed) >= minimum else None


def _two_objects(cue: Token) -> bool:
    """A verb with a recipient and a thing ("denied the journalists access"), which the
    parse marks as a dative or as a second object."""
    deps = [c.dep_ for c in cue.children]
    return "dative" in deps or deps.count("dobj") > 1


def _takes_a_name(cue: Token, objects: list[Token]) -> bool:
    """"calling himself Guccifer 2.0": a name someone goes by, not a claim, unlike "called
    herself a moderate"."""
    return (lemma(cue) in NAMING_VERBS and objects[0].lower_.endswith(("self", "selves"))
            and any(o.dep_ == "oprd" and o.pos_ == "PROPN" for o in objects))


def _object_content(cue: Token) -> Span | None:
    """The object of a cue with what completes it, when that says what was claimed."""
    parts = [c for c in cue.rights if c.dep_ in OBJECT_DEPS
             or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS)]
    objects = [c for c in parts if c.dep_ in {"dobj", "oprd"}]
    if not objects or _two_objects(cue):
        return None  # "denied Kyiv the weapons": a refusal, not a denial
    if _takes_a_name(cue, objects) or objects[0].ent_type_ in TIME_ENTITIES:
        return None  # "called Thursday night": when, not what
    if is_claim_noun(objects[0]) and _noun_clause(objects[0]) is not None:
        return None  # "repeated its claim that …": the claim noun reports its own clause
    alone = len(parts) == 1
    if alone and (lemma(cue) in TARGETING_VERBS or objects[0].pos_ == "PRON"
                  or objects[0].ent_type_ in NAMED_OBJECTS):
        return None
    # an object that names a claim ("denied the allegations") is one however short
    minimum = 1 if lemma(objects[0]) in CLAIM_NOUNS else MIN_CLAUSE_TOKENS
    return _trim(cue.doc[parts[0].left_edge.i:parts[-1].right_edge.i + 1], minimum)


def _finding(cue: Token) -> Span | None:
    """What a poll or record shows: the whole predicate after the verb ("shows Kyiv with a
    ten-point lead", "showed him leaving the building"), names included."""
    rights = [c for c in cue.rights if not c.is_punct and c.dep_ not in EDGE_DEPS]
    if not rights or not any(c.dep_ in OBJECT_DEPS for c in rights):
        return None
    return _trim(cue.doc[rights[0].left_edge.i:rights[-1].right_edge.i + 1], FINDING_TOKENS)


def _source(cue: Token) -> Token | None:
    """The cue's subject, or the noun a relative pronoun subject stands for ("a poll that
    showed"), which tells a finding from a judgement."""
    subjects = subjects_of(cue, SPEAKING_SUBJECTS)
    if not subjects:
        # "polls showing Kyiv ahead", "a video shown on state TV": the noun it describes
        return cue.head if cue.dep_ == "acl" and cue.head.pos_ in {"NOUN", "PROPN"} else None
    if subjects[0].lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
        return cue.head
    return subjects[0]


def _prepositional_content(cue: Token) -> Span | None:
    """What a speech verb claims after its preposition ("called for a ceasefire", "called
    on Kyiv to withdraw"), up to the end of the phrase."""
    for child in cue.rights:
        opener = child.left_edge
        if (child.dep_ == "advcl" and opener.dep_ == "mark"
                and (lemma(cue), opener.lower_) in PREPOSITION_CLAIMS):
            return _trim(cue.doc[opener.i + 1:child.right_edge.i + 1])  # "called for X to go"
        if child.dep_ == "prep" and (lemma(cue), child.lower_) in PREPOSITION_CLAIMS:
            objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
            if objects:
                last = max(c.right_edge.i for c in cue.rights)
                return _trim(cue.doc[objects[0].left_edge.i:last + 1])
    return None


def _claimed_infinitive(cue: Token) -> Span | None:
    """What "claimed to …" claims ("claimed to have won the vote")."""
    if lemma(cue) not in INFINITIVE_CLAIMS or not is_speech_cue(cue):
        return None
    for child in cue.rights:
        if child.dep_ == "xcomp" and child.left_edge.lower_ == "to":
            return _trim(cue.doc[child.left_edge.i:child.right_edge.i + 1])
    return None


def _further_that_clauses(cue: Token, clause: Token) -> list[Token]:
    """Clauses the parse coordinated with the cue rather than with its clause ("said the
    strikes had stopped, and that talks would resume"): the "that" says they are reported."""
    return [c for c in cue.rights if c.dep_ == "conj" and c.i > clause.i
            and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"]


def _end_before_cue_s_own_verb(cue: Token, clause: Token, end: int) -> int:
    """Where the content ends: the cue's clauses run on together ("said that A, that B and
    that C"), but not into the speaker's next act or someone else's claim that the parse
    hung on the clause."""
    for child in clause.rights:
        if _speaker_s_next_act(cue, child) or _someone_else_s_claim(child):
            before = [t.i for t in clause.subtree if t.i < child.left_edge.i]
            return max(before) + 1
    return end


def _speaker_s_next_act(cue: Token, child: Token) -> bool:
    """A participle coordinated in the cue's own form without a subject ("insisting he is
    winning and urging his supporters to …"), or a verb of saying so ("said the talks had
    stalled and warned Kyiv"); any other verb in a finite form is as often the clause's own
    ("said it had tested the message and found it effective")."""
    return (child.dep_ == "conj" and child.tag_ == cue.tag_
            and (child.tag_ == "VBG" or is_speech_cue(child))
            and not subjects_of(child, SPEAKING_SUBJECTS))


def _someone_else_s_claim(child: Token) -> bool:
    """A contrast that reports another claim ("… is unacceptable, while others say …")."""
    return (child.dep_ == "advcl" and (is_reporting_cue(child) or is_evidence_verb(child))
            and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in child.children))


def _participle_phrase(clause: Token) -> bool:
    """A participle with no auxiliary that the parse hung on the cue ("he said, his voice
    breaking"): how it was said, not what; only a finding reports one ("polls show her
    pulling ahead")."""
    return clause.tag_ == "VBG" and not any(c.dep_ in {"aux", "auxpass", "mark"}
                                            for c in clause.children)


def _left_unsaid(cue: Token, clause: Token) -> bool:
    """A question the speaker declined to answer ("declined to say why"): the clause is
    what went unsaid."""
    opener = clause.left_edge
    if opener.tag_ not in WH_TAGS and opener.lower_ not in {"whether", "if"}:
        return False
    return cue.dep_ == "xcomp" and lemma(cue.head) in REFUSING_VERBS


def _complement(cue: Token, source: Token | None) -> Span | None:
    """The cue's clause, the one after it when the parse gave it two (an opening "In an
    interview focused on …" taken for a clause); else its object, when that is the claim,
    the phrase after its preposition, or what it claims to be."""
    if any(c.dep_ == "neg" for c in cue.children):
        return None  # "did not say that …", "would not comment on …": nothing was claimed
    clauses = [c for c in cue.children if c.dep_ in CLAUSE_DEPS]
    if clauses:
        after = [c for c in clauses if c.i > cue.i] or clauses[:1]
        clause = after[0]
        if ((_participle_phrase(clause) and not reports_evidence(cue, source))
                or _left_unsaid(cue, clause)):
            return None
        last = max([*after, *_further_that_clauses(cue, clause)], key=lambda c: c.i)
        end = _end_before_cue_s_own_verb(cue, clause, last.right_edge.i + 1)
        return _trim(cue.doc[clause.left_edge.i:end])
    if reports_evidence(cue, source):
        return _finding(cue)
    claimed = _object_content(cue) if states_object(cue, source) else None
    return claimed or _prepositional_content(cue) or _claimed_infinitive(cue)


def _verb_content(cue: Token) -> Span | None:
    """What a reporting verb reports; a verb of evidence reports only with a poll, record or
    inquiry as its source ("she found it useful" is a judgement)."""
    source = _source(cue)
    if not is_reporting_cue(cue) and not reports_evidence(cue, source):
        return None
    return _complement(cue, source) or _framed(cue)


def _framed(cue: Token) -> Span | None:
    """The clause around a cue set into it ("By then, they said, the bank was …"): the
    clause's words without the cue's own."""
    clause = cue.head
    if cue.dep_ != "parataxis" or not subjects_of(cue, SPEAKING_SUBJECTS):
        return None
    own = range(cue.left_edge.i, cue.right_edge.i + 1)
    words = [t.i for t in clause.subtree if t.i not in own]
    before = [i for i in words if i < own.start]
    after = [i for i in words if i >= own.stop]
    # the longer side of the clause is the claim; the shorter, an opening adverbial
    side = after if len(after) >= len(before) else before
    return _trim(cue.doc[side[0]:side[-1] + 1]) if side else None


def _noun_clause(noun: Token) -> Span | None:
    """The clause a claim noun carries: a "that" complement ("the claim that talks had
    stalled") or an infinitive ("the proposal to freeze the front"), not a relative clause
    ("the claim that he made")."""
    for child in noun.rights:
        if child.dep_ not in {"acl", "ccomp"}:
            continue
        opener = child.left_edge
        infinitive = opener.lower_ == "to" and opener.dep_ == "aux" and opener.head == child
        if _opens_that_clause(child) or infinitive:
            return _trim(noun.doc[opener.i:child.right_edge.i + 1])
    return _noun_preposition_content(noun)


def _opens_that_clause(child: Token) -> bool:
    return child.left_edge.lower_ == "that" and child.left_edge.dep_ == "mark"


def states_that(noun: Token) -> bool:
    """A claim noun with a "that" clause ("reports that the talks had stalled") states a
    claim on its own, whoever made it; with a preposition or an infinitive ("questions about
    the deal", "threats to walk out") it only names one, which its source must own."""
    return noun.pos_ == "NOUN" and any(
        c.dep_ in {"acl", "ccomp"} and _opens_that_clause(c) for c in noun.rights)


def names_a_topic(cue: Token, content: Span) -> bool:
    """Whether the content is only the topic a noun of saying names through its preposition
    ("comments about the talks"), not a claim stated in a clause."""
    before = content.doc[content.start - 1] if content.start > 0 else None
    return (cue.pos_ == "NOUN" and before is not None and before.head == cue
            and (lemma(cue), before.lower_) in NOUN_PREPOSITION_CLAIMS)


def _noun_preposition_content(noun: Token) -> Span | None:
    """What a noun of saying says through its preposition ("allegations of fraud", "his
    comments about the talks"): the preposition's object, however short."""
    for child in noun.rights:
        if child.dep_ == "prep" and (lemma(noun), child.lower_) in NOUN_PREPOSITION_CLAIMS:
            objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}
                       and g.ent_type_ not in TIME_ENTITIES]  # "a statement on Sunday"
            if objects:
                return _trim(noun.doc[objects[0].left_edge.i:objects[0].right_edge.i + 1], 1)
    return None


def _according_to(token: Token) -> Span | None:
    """The claim framed by "according to X": the sentence without that phrase."""
    phrase = token.doc[token.left_edge.i:token.right_edge.i + 1]
    sent = token.sent
    if phrase.start - sent.start <= sent.end - phrase.end:
        return _trim(token.doc[phrase.end:sent.end])
    return _trim(token.doc[sent.start:phrase.start])


def _in_cue_paragraph(cue: Token, content: Span) -> Span | None:
    """The part of the content in the cue's paragraph: reported speech never runs over a
    paragraph break, and a clause that does comes from a parse that glued a heading
    ("Story continues below") to the paragraph after it."""
    text = text_of(cue.doc)
    para_start = text.rfind("\n", 0, cue.idx) + 1
    para_end = text.find("\n", cue.idx)
    para_end = len(text) if para_end == -1 else para_end
    inside = [t.i for t in content if para_start <= t.idx < para_end]
    if len(inside) == len(content):
        return content
    return _trim(cue.doc[inside[0]:inside[-1] + 1]) if inside else None


def _before_quoted_colon(content: Span) -> Span | None:
    """The content up to a colon that opens a quotation ("said his son was acting out of
    worry: “It’s pretty rattling …”"): the quotation is a statement of its own."""
    doc = content.doc
    for token in content[:-1]:
        if token.text == ":" and doc[token.i + 1].is_quote:
            return _trim(doc[content.start:token.i])
    return content


def reported_clauses(doc: Doc) -> Iterator[tuple[Token, Span]]:
    """(cue, content) for every reporting verb or claim noun with a clause, and every
    "according to" frame, the content kept to the cue's paragraph."""
    for token in doc:
        closing = closing_finding(token)
        if closing is not None:
            content = _trim(doc[token.sent.start:closing[1].i])
        elif (token.lower_ == "according" and token.i + 1 < len(doc)
                and doc[token.i + 1].lower_ == "to"):
            content = _according_to(token)
        elif is_claim_noun(token):
            content = _noun_clause(token)
        elif is_reporting_cue(token) or is_evidence_verb(token):
            content = _verb_content(token)
        else:
            continue
        if content is not None:
            content = _in_cue_paragraph(token, content)
        if content is not None:
            content = _before_quoted_colon(content)
        if content is not None and not (content.start <= token.i < content.end):
            yield token, content
