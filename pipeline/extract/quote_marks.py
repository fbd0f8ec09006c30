"""Find the spans of text enclosed in quotation marks.

Works on characters, not tokens, because quote marks are where tokenisers disagree most
(curly apostrophes, marks glued to punctuation). Newspaper conventions handled here:
a quote that runs over several paragraphs opens every paragraph and closes only the
last; a quote whose closing mark was dropped ends with its paragraph; a closing mark
typed where an opening one belongs; single quotes used as quotation marks, which must
not be confused with apostrophes (Russia’s, don’t, Europeans’).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«\""
DOUBLE_CLOSE = "”»\""
SINGLE_PAIRS = {"‘": "’", "'": "'"}
# Characters after which an opening single quote can start a quotation, not a contraction.
SINGLE_OPEN_AFTER = " \t\n([{“\"—–-/:"
MAX_SINGLE_CHARS = 400
_DOUBLE_MARK = re.compile(f"[{re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + '“”')}]")
_SINGLE_OPENING = re.compile(f"[{re.escape(''.join(SINGLE_PAIRS))}]")


@dataclass(frozen=True)
class MarkedSpan:
    """Quoted content (marks excluded) plus where its marks sit, for context analysis."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ended it


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end): news text puts one paragraph per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _first_visible(text: str, para: tuple[int, int]) -> int:
    i = para[0]
    while i < para[1] and text[i].isspace():
        i += 1
    return i


def _opens_paragraph(text: str, para: tuple[int, int]) -> bool:
    return text[_first_visible(text, para)] in DOUBLE_OPEN + "”"


def _double_marks(text: str, para: tuple[int, int]) -> tuple[list[tuple[int, int]], int | None]:
    """Paired (open, close) mark offsets in one paragraph, and a trailing unclosed opening.
    Only the marks themselves are visited: a loop over every character was the largest cost
    of quote extraction."""
    pairs, open_at = [], None
    for match in _DOUBLE_MARK.finditer(text, *para):
        i, ch = match.start(), match.group()
        prev = text[i - 1] if i > para[0] else " "
        nxt = text[i + 1] if i + 1 < para[1] else " "
        if open_at is None:
            if ch in DOUBLE_OPEN and not nxt.isspace():
                open_at = i
            elif ch == "”" and (prev.isspace() or i == para[0]) and not nxt.isspace():
                open_at = i  # a closing mark typed as the opening one
        elif ch in DOUBLE_CLOSE or (ch == "“" and not prev.isspace() and not _is_word(nxt)):
            pairs.append((open_at, i))
            open_at = None
        elif ch == "“":
            open_at = i  # the previous quote never closed: restart at the new opening
    return pairs, open_at


def _double_spans(text: str) -> list[tuple[int, int | None]]:
    """Opening and closing mark offsets over the whole text, joining multi-paragraph quotes."""
    paras = paragraphs(text)
    found: list[tuple[int, int | None]] = []
    carried: int | None = None  # opening mark of a quote continuing from earlier paragraphs
    for k, para in enumerate(paras):
        pairs, unclosed = _double_marks(text, para)
        if carried is not None:
            if pairs and pairs[0][0] == _first_visible(text, para):
                pairs[0] = (carried, pairs[0][1])
            elif not pairs and unclosed is not None:
                unclosed = carried
            carried = None
        continues = k + 1 < len(paras) and _opens_paragraph(text, paras[k + 1])
        found.extend(pairs)
        if unclosed is not None:
            if continues:
                carried = unclosed
            else:
                found.append((unclosed, None))
    return found


def _single_spans(text: str) -> list[tuple[int, int]]:
    """Single-quoted spans: opening at a word start, closing at a word end, one paragraph."""
    found: list[tuple[int, int]] = []
    for para_start, para_end in paragraphs(text):
        for match in _SINGLE_OPENING.finditer(text, para_start, para_end):
            i = match.start()
            if found and i <= found[-1][1]:
                continue  # inside the span just found
            prev = text[i - 1] if i > para_start else " "
            nxt = text[i + 1] if i + 1 < para_end else " "
            if prev not in SINGLE_OPEN_AFTER or not nxt.isalpha():
                continue
            closing = _single_close(text, SINGLE_PAIRS[match.group()], i + 1, para_end)
            if closing is not None:
                found.append((i, closing))
    return found


def _single_close(text: str, closing: str, start: int, para_end: int) -> int | None:
    """The first `closing` mark that ends a word, within MAX_SINGLE_CHARS of the opening."""
    limit = min(para_end, start - 1 + MAX_SINGLE_CHARS)
    j = text.find(closing, start, limit)
    while j != -1:
        after = text[j + 1] if j + 1 < para_end else " "
        if not text[j - 1].isspace() and not _is_word(after):
            return j
        j = text.find(closing, j + 1, limit)
    return None


def _content(text: str, open_mark: int, close_mark: int | None) -> MarkedSpan | None:
    start = open_mark + 1
    end = close_mark if close_mark is not None else text.find("\n", start)
    end = len(text) if end == -1 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end or not any(_is_word(c) for c in text[start:end]):
        return None
    return MarkedSpan(start, end, open_mark, close_mark)


def _outermost(spans: list[MarkedSpan]) -> list[MarkedSpan]:
    """Drop spans nested in, or straddling, a longer one: quotes within quotes are one quote."""
    kept: list[MarkedSpan] = []
    for span in sorted(spans, key=lambda s: (s.open_mark, -(s.end - s.start))):
        if kept and span.open_mark < max(kept[-1].end, kept[-1].close_mark or 0):
            continue
        kept.append(span)
    return kept


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every span enclosed in quotation marks, outermost only, in text order."""
    candidates = [_content(text, o, c) for o, c in _double_spans(text)]
    candidates += [_content(text, o, c) for o, c in _single_spans(text)]
    return _outermost([c for c in candidates if c is not None])
