"""Reported speech without quotation marks, read from the dependency parse.

"Trump has suggested that a peace deal would require…" carries a claim as surely as a
quotation does. The content is the clause complement of a reporting verb, or the rest
of the sentence framed by "according to X". Clauses that overlap a full quotation are
left to the quote-mark path, which has the exact words.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from pipeline.extract.cues import is_reporting_cue
from pipeline.extract.nlp import text_of

CLAUSE_DEPS = {"ccomp"}
MIN_CLAUSE_TOKENS = 3
EDGE_DEPS = {"mark", "punct", "cc"}


def _closes_quote(span: Span, token: Token) -> bool:
    """A closing mark whose opening is inside the clause belongs to the clause."""
    return token.is_quote and any(t.is_quote for t in span if t.i < token.i)


def _opens_quote(span: Span, token: Token) -> bool:
    return token.is_quote and any(t.is_quote for t in span if t.i > token.i)


def _trim(span: Span) -> Span | None:
    """Drop the complementiser and punctuation at the clause edges ("that", commas),
    keeping quotation marks that pair with one inside the clause."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].dep_ in EDGE_DEPS or doc[start].is_punct
                           or doc[start].is_space):
        if _opens_quote(doc[start:end], doc[start]):
            break
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if _closes_quote(doc[start:end], doc[end - 1]):
            break
        end -= 1
    opened = sum(t.is_quote for t in doc[start:end]) % 2 == 1
    if opened and end < len(doc) and doc[end].is_quote and not doc[start].is_quote:
        end += 1  # the parser hung the closing mark on the cue verb
    trimmed = doc[start:end]
    return trimmed if sum(not t.is_punct for t in trimmed) >= MIN_CLAUSE_TOKENS else None


def _complement(cue: Token) -> Span | None:
    for child in cue.children:
        if child.dep_ in CLAUSE_DEPS:
            return _trim(cue.doc[child.left_edge.i:child.right_edge.i + 1])
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


def reported_clauses(doc: Doc) -> Iterator[tuple[Token, Span]]:
    """(cue, content) for every reporting verb with a clause, and every "according to" frame,
    the content kept to the cue's paragraph."""
    for token in doc:
        if (token.lower_ == "according" and token.i + 1 < len(doc)
                and doc[token.i + 1].lower_ == "to"):
            content = _according_to(token)
        elif is_reporting_cue(token):
            content = _complement(token)
        else:
            continue
        if content is not None:
            content = _in_cue_paragraph(token, content)
        if content is not None and not (content.start <= token.i < content.end):
            yield token, content
