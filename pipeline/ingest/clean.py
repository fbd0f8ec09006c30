"""Clean one article text: repair, normalise, drop page furniture, keep paragraph breaks.

The output must keep every reporting sentence character for character (only whitespace may
change), because quotes and mentions are located in it by offset and checked against it.
That is why repairs are limited to mojibake and Unicode normalisation, and why a map back to
the raw text is kept: any span of the clean text can be traced to the bytes it came from.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from pipeline.contract.values import RemovalReason
from pipeline.ingest.boilerplate import INLINE_CREDIT, removal_reasons

PARAGRAPH_BREAK = "\n\n"
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Zero-width spaces and a stray BOM separate words invisibly; they are treated as spaces.
_TOKEN = re.compile(r"[^\s\u200b\u2060\ufeff]+")
_PIECE = re.compile(r" +|[^ ]+")
# Longer "words" (runs without spaces) are mapped from their start only, to bound the cost.
_MAX_ALIGNED_WORD = 200
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]$")
# A block is hard-wrapped (one paragraph over several lines) when its lines are of a typical
# terminal or e-mail width and mostly stop mid-sentence.
_MAX_WRAPPED_LINE = 100
_MIN_WRAPPED_LINE = 30


@dataclass(frozen=True)
class RemovedLine:
    """A paragraph of the raw text removed as page furniture, with the rule that removed it,
    so that a user can audit the cleaner: raw[raw_start:raw_end] is the paragraph as read
    (its line breaks included), `text` as the cleaner saw it."""

    raw_start: int
    raw_end: int
    text: str
    reason: RemovalReason


@dataclass(frozen=True)
class Cleaned:
    """A clean text with the anchors that map it back to the raw text.

    `anchors` holds (clean_start, raw_start) pairs in increasing order; between two anchors the
    clean and raw texts advance together, so the map stays small (one pair per change of shift:
    a removed paragraph, a collapsed run of spaces, a repaired character).
    """

    text: str
    anchors: tuple[tuple[int, int], ...]
    removed: tuple[RemovedLine, ...]

    def to_raw(self, offset: int) -> int:
        """The raw-text offset of a clean-text offset."""
        if not self.anchors:
            return offset
        i = bisect.bisect_right(self.anchors, (offset, float("inf"))) - 1
        clean_start, raw_start = self.anchors[max(i, 0)]
        return raw_start + offset - clean_start


@dataclass(frozen=True)
class _Line:
    """One repaired line and where its characters come from in the raw text."""

    text: str
    shifts: tuple[tuple[int, int], ...]  # (index in text, raw offset), increasing

    def raw_at(self, index: int) -> int:
        i = bisect.bisect_right(self.shifts, (index, float("inf"))) - 1
        pos, raw = self.shifts[i]
        return raw + index - pos

    def shifts_within(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The shifts strictly inside [start, end), found by bisection: lines can be long."""
        lo = bisect.bisect_right(self.shifts, (start, float("inf")))
        hi = bisect.bisect_left(self.shifts, (end, -1))
        return self.shifts[lo:hi]


@dataclass(frozen=True)
class _Paragraph:
    tokens: list[tuple[_Line, int, int]]  # (line, start, end) in the repaired line

    @property
    def text(self) -> str:
        return " ".join(line.text[s:e] for line, s, e in self.tokens)


@lru_cache(maxsize=1 << 16)
def repair(text: str) -> str:
    """Fix mojibake and normalise to NFC without touching typographic quotes or dashes."""
    if text.isascii() and text.isprintable() and "&" not in text:
        return text  # nothing ftfy or NFC would change; skipping it keeps big files fast
    return ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False, normalization="NFC")


def clean_text(raw: str, start: int = 0) -> Cleaned:
    """Clean `raw[start:]` (a text reader passes the end of the title line as `start`).

    Paragraphs come out separated by a blank line: the quote extractor needs paragraph
    breaks to join quotes that run over several paragraphs.
    """
    paragraphs = [p for block in _blocks(_lines(raw, start)) for p in _paragraphs(block)]
    reasons = removal_reasons([p.text for p in paragraphs])
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    removed: list[RemovedLine] = []
    cursor = 0
    for paragraph, reason in zip(paragraphs, reasons, strict=True):
        if reason is not None:
            removed.append(_removed(paragraph, reason))
            continue
        if out:
            out.append(PARAGRAPH_BREAK)
            cursor += len(PARAGRAPH_BREAK)
        for k, (line, s, e) in enumerate(paragraph.tokens):
            if k:
                out.append(" ")
                cursor += 1
            _anchor(anchors, cursor, line.raw_at(s))
            for pos, raw_pos in line.shifts_within(s, e):
                _anchor(anchors, cursor + pos - s, raw_pos)
            out.append(line.text[s:e])
            cursor += e - s
    return Cleaned("".join(out), tuple(anchors), tuple(removed))


def _removed(paragraph: _Paragraph, reason: RemovalReason) -> RemovedLine:
    (first, start, _), (last, _, end) = paragraph.tokens[0], paragraph.tokens[-1]
    return RemovedLine(first.raw_at(start), last.raw_at(end - 1) + 1, paragraph.text, reason)


def _anchor(anchors: list[tuple[int, int]], clean: int, raw: int) -> None:
    if anchors and anchors[-1][1] - anchors[-1][0] == raw - clean:
        return
    anchors.append((clean, raw))


def _lines(raw: str, start: int) -> list[_Line]:
    lines, pos = [], start
    for brk in _LINE_BREAK.finditer(raw, start):
        lines.append(_repair_line(raw[pos:brk.start()], pos))
        pos = brk.end()
    lines.append(_repair_line(raw[pos:], pos))
    return lines


def _repair_line(text: str, raw_start: int) -> _Line:
    if repair(text) == text:
        return _Line(text, ((0, raw_start),))
    # Repairs are local, so a changed line is repaired word by word (split at plain spaces
    # only, so that mojibake containing a no-break space stays whole) and each changed word is
    # aligned character by character: exact offsets at a cost linear in the line's length.
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []
    length = 0
    for match in _PIECE.finditer(text):
        piece, raw = match.group(), raw_start + match.start()
        fixed = repair(piece)
        for pos, raw_pos in _alignment(piece, fixed):
            if not shifts or shifts[-1][1] - shifts[-1][0] != raw + raw_pos - (length + pos):
                shifts.append((length + pos, raw + raw_pos))
        pieces.append(fixed)
        length += len(fixed)
    return _Line("".join(pieces), tuple(shifts) or ((0, raw_start),))


def _alignment(raw: str, fixed: str) -> list[tuple[int, int]]:
    """(index in fixed, index in raw) at each point where the two stop running in step."""
    if raw == fixed or len(raw) > _MAX_ALIGNED_WORD:
        return [(0, 0)]
    matcher = difflib.SequenceMatcher(None, raw, fixed, autojunk=False)
    return [(j1, i1) for _, i1, _, j1, _ in matcher.get_opcodes()] or [(0, 0)]


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = [[]]
    for line in lines:
        if _TOKEN.search(line.text):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _paragraphs(block: list[_Line]) -> list[_Paragraph]:
    if _hard_wrapped(block):
        paragraphs = [_Paragraph([t for line in block for t in _tokens(line)])]
    else:
        paragraphs = [_Paragraph(_tokens(line)) for line in block]
    return [piece for p in paragraphs for piece in _split_at_credits(p)]


def _split_at_credits(paragraph: _Paragraph) -> list[_Paragraph]:
    """A caption and its credit run into the text that follows make two paragraphs, so the
    caption can be removed as one and the reporting after it kept."""
    text = paragraph.text
    ends = {m.end() for m in INLINE_CREDIT.finditer(text)}
    if not ends:
        return [paragraph]
    pieces, current, offset = [], [], 0
    for token in paragraph.tokens:
        current.append(token)
        offset += token[2] - token[1]
        if offset in ends:
            pieces.append(_Paragraph(current))
            current = []
        offset += 1  # the space the tokens are joined with
    return [*pieces, _Paragraph(current)] if current else pieces


def _tokens(line: _Line) -> list[tuple[_Line, int, int]]:
    return [(line, m.start(), m.end()) for m in _TOKEN.finditer(line.text)]


def _hard_wrapped(block: list[_Line]) -> bool:
    if len(block) < 2:
        return False
    texts = [line.text.strip() for line in block]
    if max(len(t) for t in texts) > _MAX_WRAPPED_LINE:
        return False
    inner = texts[:-1]
    if min(len(t) for t in inner) < _MIN_WRAPPED_LINE:
        return False
    return sum(not _SENTENCE_END.search(t) for t in inner) * 2 > len(inner)
