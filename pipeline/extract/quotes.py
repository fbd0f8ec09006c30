"""Quotations and reported speech in a document, each with its cue and speaker.

Four kinds are produced. "direct": a quotation standing as a statement of its own
(paragraph start, after "X said:", or followed by "X said"). "partial": quoted words
embedded in the reporter's sentence (described the move as “bizarre”), kept only when a
reporting cue governs them, which is what separates a quotation from a scare quote or a
coined term, and never a name in title case (the “Paris Declaration”). "indirect":
reported content (see indirect.py); where it holds quoted words, a fragment or a whole
quotation of the same speaker, it is recorded whole and the quoted words as a partial quote.
"belief": the clause complement of a verb of belief ("she thinks the talks will fail"): the
reporter's account of a stance, which nobody is reported to have said, kept apart so that a
count of statements does not include it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from pipeline.contract.values import AttributionMethod, QuoteKind, SpeakerKind
from pipeline.extract.attribution import Attribution, Speakers
from pipeline.extract.cues import is_according, reports_claim, reports_words
from pipeline.extract.indirect import names_a_topic, reported_clauses, states_that
from pipeline.extract.nlp import text_of
from pipeline.extract.quote_marks import MarkedSpan, find_marked_spans, paragraphs
from pipeline.extract.records import Mention, Quote

SENTENCE_END = re.compile(r"[.!?…]+[”’\"»]?(?=\s)")
# Abbreviations whose full stop does not end the sentence ("Mr. Hawes said").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen sen rep gov lt col sgt capt cpl maj adm jr sr no vs etc "
    "u.s u.k u.n e.u inc corp co ltd hon rev fr".split()
)
# What may sit right before a quotation that stands as a statement of its own.
STANDALONE_BEFORE = ":,.!?;—–-”’\"»"
MIN_STATEMENT_WORDS = 4
COLON_CUE = ":"
# Speaker words that only point back ("he", "it"): unresolved, they describe no one.
REFERRING_METHODS: set[AttributionMethod | None] = {"pronoun", "organisation"}
PASSIVE_DEPS = {"auxpass", "nsubjpass"}
TRAILING_PUNCTUATION = " \n.,;:!?…”’\"»"


class _Context:
    """Paragraph and neighbouring quotations, so context windows stop at the right place."""

    def __init__(self, doc: Doc, spans: list[MarkedSpan]):
        self.doc = doc
        self.text = text_of(doc)
        self.spans = spans
        self.paras = paragraphs(self.text)
        self._para_starts = [p[0] for p in self.paras]

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self._para_starts, offset) - 1

    def left_window(self, k: int) -> tuple[int, int]:
        """From the start of the sentence (or the previous quotation) to the opening mark."""
        span = self.spans[k]
        para_start = self.paras[self.paragraph_of(span.open_mark)][0]
        floor = para_start
        if k > 0:
            previous_close = self.spans[k - 1].close_mark
            if previous_close is not None:
                floor = max(floor, previous_close + 1)
        ends = self._sentence_ends(floor, span.open_mark)
        return (ends[-1] if ends else floor), span.open_mark

    def right_window(self, k: int) -> tuple[int, int]:
        """From the closing mark to the end of the sentence (or the next quotation)."""
        span = self.spans[k]
        if span.close_mark is None:
            return span.end, span.end
        start = span.close_mark + 1
        ceiling = self.paras[self.paragraph_of(span.close_mark)][1]
        if k + 1 < len(self.spans):
            ceiling = min(ceiling, self.spans[k + 1].open_mark)
        ends = self._sentence_ends(start, ceiling)
        return start, ends[0] if ends else ceiling

    def _sentence_ends(self, start: int, end: int) -> list[int]:
        """Offsets just past each sentence end in [start, end), skipping abbreviations."""
        found = []
        for m in SENTENCE_END.finditer(self.text, start, end):
            trailing = re.search(r"[\w.]*$", self.text[start:m.start()])
            assert trailing is not None  # the pattern matches every string, if only emptily
            word = trailing.group().lower()
            if m.group().startswith(".") and (word in ABBREVIATIONS or len(word) == 1):
                continue
            found.append(m.end())
        return found

    def is_standalone(self, k: int) -> bool:
        """A quotation at a paragraph start or after punctuation stands as a statement."""
        span = self.spans[k]
        before = self.text[self.paras[self.paragraph_of(span.open_mark)][0]:span.open_mark].rstrip()
        return not before or before[-1] in STANDALONE_BEFORE

    def tokens_in(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []


def _cues_in(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if reports_words(t)]


def _cue_label(token: Token) -> str | None:
    return "according to" if is_according(token) else None


def _governing_cue(ctx: _Context, span: MarkedSpan) -> Token | None:
    """The reporting verb the quoted fragment depends on in the parse, passing over one that
    governs it through an infinitive ("agreed to provide “robust guarantees”"), which
    reports an act: the words are the outer speaker's."""
    inner = ctx.tokens_in(span.start, span.end)
    inside = {t.i for t in inner}
    for token in inner:
        if token.head.i in inside:
            continue
        below = token
        for ancestor in token.ancestors:
            if ancestor.i not in inside and reports_words(ancestor) and below.dep_ != "xcomp":
                return ancestor
            below = ancestor
    return None


def _nearest_cue_in_sentence(ctx: _Context, span: MarkedSpan,
                             quoted: list[tuple[int, int]]) -> Token | None:
    covering = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
    assert covering is not None  # a marked span holds text, so expanding it reaches a token
    sent: Span = covering[0].sent
    cues = [t for t in _cues_in(list(sent)) if not any(s <= t.idx < e for s, e in quoted)]
    return min(cues, key=lambda t: abs(t.idx - span.start), default=None)


def _attribute_window(speakers: Speakers, window: tuple[int, int],
                      cues: list[Token]) -> Attribution:
    cue = cues[0]
    found = speakers.attribute(cue, _cue_label(cue))
    if found.speaker_start is None:
        nearby = speakers.mention_near(*window, anchor=cue.idx)
        if nearby is not None:
            return Attribution(found.cue, nearby.actor, nearby.start, nearby.end, "nearby")
    return found


def _main_clause_cue(cue: Token) -> Token:
    """The cue of the clause a colon closes: a cue in a relative clause before the colon
    ("announcing the news the White House had promised: “…”") only describes a noun, and
    the quotation belongs to the reporting verb that noun hangs from."""
    if cue.dep_ != "relcl":
        return cue
    return next((a for a in cue.ancestors if reports_words(a)), cue)


def _direct_attribution(speakers: Speakers, ctx: _Context, k: int) -> Attribution | None:
    """Cue and speaker next to a standalone quotation: after it, or before it."""
    left, right = ctx.left_window(k), ctx.right_window(k)
    left_cues = _cues_in(ctx.tokens_in(*left))
    right_cues = _cues_in(ctx.tokens_in(*right))
    introduces = ctx.text[left[0]:left[1]].rstrip()[-1:] in {":", ","}
    if left_cues and introduces:
        return _attribute_window(speakers, left, [_main_clause_cue(left_cues[-1])])
    if right_cues:
        return _attribute_window(speakers, right, right_cues)
    if left_cues:
        return _attribute_window(speakers, left, left_cues[-1:])
    if ctx.text[left[0]:left[1]].rstrip().endswith(":"):
        named = speakers.mention_near(*left, anchor=left[1])
        if named is not None:
            return Attribution(COLON_CUE, named.actor, named.start, named.end, "colon")
    return None


def _continues(ctx: _Context, k: int,
               previous: list[tuple[int, Attribution]]) -> Attribution | None:
    """A quotation with no cue of its own carries on the latest speaker before it, quoted
    or reported ("Hemming said his group would press on. “The purpose …”"): within its
    paragraph always, from the paragraph before only when that speaker is a known actor."""
    opening = ctx.spans[k].open_mark
    before = [(end, a) for end, a in previous if end <= opening and a.speaker_start is not None]
    if not before:
        return None
    end, attribution = max(before, key=lambda p: p[0])
    here, there = ctx.paragraph_of(opening), ctx.paragraph_of(end)
    if here == there or (here == there + 1 and attribution.known):
        return replace(attribution, method="continuation")
    return None


def _focus_speaker(speakers: Speakers, ctx: _Context, k: int) -> Attribution | None:
    """A quotation that opens a paragraph with no cue at all belongs to the one person the
    paragraph before is about ("Laurin lost her income. / “It took me two years …”")."""
    opening = ctx.spans[k].open_mark
    here = ctx.paragraph_of(opening)
    if here == 0 or ctx.text[ctx.paras[here][0]:opening].strip():
        return None
    named = speakers.sole_subject_person(*ctx.paras[here - 1])
    return (Attribution(None, named.actor, named.start, named.end, "paragraph") if named
            else None)


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _speaker_kind(attribution: Attribution) -> SpeakerKind:
    """named, or described by words that name no one the article names ("a senior
    official"); a pronoun or "it" with no antecedent describes nobody."""
    if attribution.speaker is not None:
        return "named"
    if attribution.speaker_start is None or attribution.method in REFERRING_METHODS:
        return "unattributed"
    return "described"


def _quote(doc: Doc, start: int, end: int, kind: QuoteKind, attribution: Attribution) -> Quote:
    s_start, s_end = attribution.speaker_start, attribution.speaker_end
    return Quote(
        start=start,
        end=end,
        text=text_of(doc)[start:end],
        kind=kind,
        cue=attribution.cue,
        speaker=attribution.speaker,
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_text=text_of(doc)[s_start:s_end] if s_start is not None else None,
        attribution=attribution.method if s_start is not None else None,
        speaker_kind=_speaker_kind(attribution),
    )


def _marked_quotes(doc: Doc, spans: list[MarkedSpan], speakers: Speakers,
                   quoted: list[tuple[int, int]], reported: list[_Reported]) -> list[Quote]:
    ctx = _Context(doc, spans)
    quotes: list[Quote] = []
    previous = [(r.clause.end_char, r.attribution) for r in reported]
    listed = _listed_terms(text_of(doc), spans)
    for k, span in enumerate(spans):
        kind: QuoteKind
        if k in listed:
            continue
        if ctx.is_standalone(k):
            kind = "direct"
            attribution = (_direct_attribution(speakers, ctx, k) or _continues(ctx, k, previous)
                           or _focus_speaker(speakers, ctx, k))
            if (attribution is None
                    and _word_count(text_of(doc)[span.start:span.end]) >= MIN_STATEMENT_WORDS):
                attribution = Attribution(None)
        elif _reads_as_a_name(ctx.text[span.start:span.end]):
            continue
        else:
            kind = "partial"
            cue = _governing_cue(ctx, span) or _nearest_cue_in_sentence(ctx, span, quoted)
            attribution = speakers.attribute(cue, _cue_label(cue)) if cue is not None else None
        if attribution is None:
            continue
        quotes.append(_quote(doc, span.start, span.end, kind, attribution))
        if kind == "direct":
            previous.append((span.end, attribution))
    return quotes


# Small words a name in title case leaves in lower case ("Coalition of the Willing").
NAME_JOINERS = frozenset("a an and de for in of on the to".split())


def _reads_as_a_name(fragment: str) -> bool:
    """A quoted fragment of two words or more, each capitalised but the small joining words
    ("Paris Declaration", "Coalition of the Willing"): the name of a document, a group or a
    title, which nobody is reported as saying."""
    words = re.findall(r"[\w’'-]+", fragment)
    named = [w for w in words if w.lower() not in NAME_JOINERS]
    return len(words) >= 2 and bool(named) and all(w[0].isupper() for w in named)


# Words of a list of quoted terms ("escalate," "red line," and "pivot"): a list names words, it
# reports no one's speech. A term is this short, and a list this long.
TERM_WORDS = 3
LIST_TERMS = 3
_BETWEEN_TERMS = re.compile(r"[\s,;.]*(?:\b(?:and|or)\b)?[\s,;.]*")


def _listed_terms(text: str, spans: list[MarkedSpan]) -> set[int]:
    """The quoted spans that belong to a run of at least LIST_TERMS short quoted terms with
    nothing but commas and "and" between them, found in one pass over the spans."""
    def short(j: int) -> bool:
        return _word_count(text[spans[j].start:spans[j].end]) <= TERM_WORDS

    def joined(a: int, b: int) -> bool:  # nothing but a separator between spans a and b
        close = spans[a].close_mark
        return close is not None and _BETWEEN_TERMS.fullmatch(
            text[close + 1:spans[b].open_mark]) is not None

    listed: set[int] = set()
    run: list[int] = []
    for k in range(len(spans) + 1):
        if k < len(spans) and short(k) and run and joined(run[-1], k):
            run.append(k)
            continue
        if len(run) >= LIST_TERMS:
            listed.update(run)
        run = [k] if k < len(spans) and short(k) else []
    return listed


@dataclass(frozen=True)
class _Reported:
    """A reported clause outside quotation marks, with its cue and speaker."""

    cue: Token
    clause: Span
    attribution: Attribution


def _reported(doc: Doc, speakers: Speakers, spans: list[MarkedSpan]) -> list[_Reported]:
    return [_Reported(cue, _through_open_quotation(clause, spans),
                      speakers.attribute(cue, _cue_label(cue)))
            for cue, clause in reported_clauses(doc)
            if not any(s.start <= cue.idx < s.end for s in spans)]


def _through_open_quotation(clause: Span, spans: list[MarkedSpan]) -> Span:
    """The clause up to the closing mark of a quotation it opens but the parse cut short
    at a full stop inside it ("said the remarks were “something that happened. If you look
    at …”"): the quoted words belong to the clause whole."""
    for span in spans:
        if clause.start_char <= span.start < clause.end_char < span.end:
            end = span.end if span.close_mark is None else span.close_mark + 1
            if "\n" in text_of(clause.doc)[clause.end_char:end]:
                return clause  # a quotation running on over paragraphs is a statement of its own
            return clause.doc.char_span(clause.start_char, end, alignment_mode="expand") or clause
    return clause


def _reported_kind(cue: Token) -> QuoteKind:
    return "indirect" if reports_claim(cue) else "belief"


def _has_source(r: _Reported) -> bool:
    """Reported speech names who reports it, is passive ("it was announced that") or is a
    claim stated in a noun's "that" clause ("news that talks had resumed"): a cue with none
    of these is a parse that lost the clause's subject, or the reporter's own words."""
    return r.attribution.speaker_start is not None or states_that(r.cue) or any(
        c.dep_ in PASSIVE_DEPS for c in r.cue.children)


def _words_end(quote: Quote) -> int:
    """Where a quotation's last word ends, before the punctuation a clause leaves out."""
    return quote.start + len(quote.text.rstrip(TRAILING_PUNCTUATION))


def _attributed_within(quote: Quote, clause: Span) -> bool:
    """Whether the clause runs on past the quotation to the quotation's own speaker (“…,”
    said Sen. X): then it is the parse's run-on of a quotation and its attribution."""
    return (quote.speaker_start is not None and quote.end <= quote.speaker_start
            and quote.speaker_start < clause.end_char)


def _frames_quotes(clause: Span, direct: list[Quote]) -> bool:
    """Whether a reported clause stands beside the full quotations it meets: it meets none,
    or it holds each of them whole with words of its own ("said that the message is, “You
    will be held accountable.”"), and so is the reported statement, recorded whole like one
    holding a fragment; a clause inside a quotation, cut across one or running on to its
    attribution is the quote-mark path's, which has the exact words."""
    met = [q for q in direct if q.start < clause.end_char and clause.start_char < q.end]
    if not met:
        return True
    if not all(clause.start_char <= q.start and _words_end(q) <= clause.end_char
               and not _attributed_within(q, clause) for q in met):
        return False
    own = [t for t in clause if not t.is_punct
           and not any(q.start <= t.idx < q.end for q in met)]
    return len(own) >= MIN_STATEMENT_WORDS


def _indirect_quotes(doc: Doc, reported: list[_Reported], direct: list[Quote]) -> list[Quote]:
    return [_quote(doc, r.clause.start_char, r.clause.end_char, _reported_kind(r.cue),
                   r.attribution)
            for r in reported if _has_source(r) and _frames_quotes(r.clause, direct)
            and not _topic_within_other(r, reported)]


def _topic_within_other(r: _Reported, reported: list[_Reported]) -> bool:
    """A noun of saying with only its topic ("his comments about women") inside someone's
    reported words ("said his comments about women were offensive") is part of that claim,
    not a statement reported on its own."""
    return names_a_topic(r.cue, r.clause) and any(
        o is not r and o.clause.start <= r.cue.i < o.clause.end for o in reported)


def _attribution_rank(quote: Quote) -> tuple[bool, bool, bool]:
    """How much a quote says about who spoke: a known actor, a speaker span, a cue."""
    return quote.speaker is not None, quote.speaker_start is not None, quote.cue is not None


def _one_per_span(quotes: list[Quote]) -> list[Quote]:
    """One quote per content span, the best attributed; on a tie the first found, which is
    the quote-mark reading before the parse's and the earlier cue before a later one.
    A clause can hang from two cues ("Kyiv confirmed, according to Reuters, that …"), and
    the release keys quotes by their span."""
    best: dict[tuple[int, int], Quote] = {}
    for quote in quotes:
        key = (quote.start, quote.end)
        if key not in best or _attribution_rank(quote) > _attribution_rank(best[key]):
            best[key] = quote
    return sorted(best.values(), key=lambda q: (q.start, q.end))


def find_quotes(doc: Doc, mentions: list[Mention]) -> list[Quote]:
    """Every quotation and reported statement in the document, in text order, one per span."""
    spans = find_marked_spans(text_of(doc))
    quoted = [(s.start, s.end) for s in spans]
    speakers = Speakers(doc, mentions, quoted)
    reported = _reported(doc, speakers, spans)
    marked = _marked_quotes(doc, spans, speakers, quoted, reported)
    direct = [q for q in marked if q.kind == "direct"]
    indirect = _indirect_quotes(doc, reported, direct)
    return _one_per_span([_embedded(q, indirect) for q in marked] + indirect)


def _embedded(quote: Quote, reported: list[Quote]) -> Quote:
    """A full quotation inside a reported clause of the same speaker and cue ("said the
    message is, “You will be held accountable.”") is a fragment of that reported statement,
    not a statement of its own; one with its own cue inside the clause ("said he heard them
    shout, “…”") is another speaker's."""
    if quote.kind == "direct" and any(
            r.start <= quote.start and _words_end(quote) <= r.end
            and (r.cue, r.speaker_start) == (quote.cue, quote.speaker_start) for r in reported):
        return replace(quote, kind="partial")
    return quote
