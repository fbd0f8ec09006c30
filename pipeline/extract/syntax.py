"""Dependency-parse helpers and the word classes they read, each defined once for every
extractor (actors, speakers, events).

The labels are spaCy's English ones (ClearNLP style). Which subjects count differs by
question, so the subject sets are named for what they hold rather than merged: whoever
acts or is acted on in a clause (`NOMINAL_SUBJECTS`), whoever does the saying of a
reporting verb (`SPEAKING_SUBJECTS`: a passive subject is what was said, not who said it),
and any subject at all (`SUBJECTS`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
SPEAKING_SUBJECTS = frozenset({"nsubj", "csubj"})
SUBJECTS = NOMINAL_SUBJECTS | SPEAKING_SUBJECTS
# Words that open a relative clause as its subject or object ("the envoy who met Putin").
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Determiners that make a noun phrase point at something the text has already named.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"}


def inside(token: Token, ancestor: Token) -> bool:
    return token == ancestor or ancestor.is_ancestor(token)


def sentences_back(token: Token, count: int) -> Token:
    """The first token of the sentence `count` sentences before the token's own (of the
    first sentence, when there are fewer)."""
    start = token.sent.start
    for _ in range(count):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return token.doc[start]


def within(token: Token, sent: Span) -> bool:
    return sent.start <= token.i < sent.end


def has_determiner(noun: Token, words: frozenset[str] | set[str]) -> bool:
    """Whether one of `words` is the noun's determiner ("the talks", "this meeting")."""
    return any(c.dep_ == "det" and c.lower_ in words for c in noun.children)


# Punctuation that ends a dateline before the story's first sentence ("ABU DHABI, UAE:",
# "MOSCOW --", "KYIV (Reuters) -").
DATELINE_ENDS = {":", "-", "--", "\u2013", "\u2014"}


def subjects_of(verb: Token, deps: set[str] | frozenset[str]) -> list[Token]:
    """The verb's subjects of these dependency labels, in order, without a dateline the
    parse made one of them ("ABU DHABI, UAE: Representatives ... began talks"): a subject in
    capitals opening its line that a dash or colon separates from a later one, nor a
    quotation mark the parse took for one ("creators,’’ says the founder")."""
    found = [c for c in verb.children if c.dep_ in deps and not c.is_punct]
    return [s for k, s in enumerate(found) if not (
        _opens_line(s.left_edge) and s.left_edge.text.isupper() and any(
            t.text in DATELINE_ENDS for later in found[k + 1:k + 2]
            for t in verb.doc[s.i + 1:later.left_edge.i]))]


def _opens_line(token: Token) -> bool:
    return token.i == 0 or "\n" in token.doc[token.i - 1].text_with_ws
