"""Datelines and lead sentences: how a news text shows where its reporting starts.

A wire or newspaper report opens its first paragraph with the place it is filed from in
capitals ("WASHINGTON --", "KYIV (Reuters) -", "JEDDAH —", "ABU DHABI, UAE:", "PARIS,
September 4. /TASS/."), and extraction uses the place it names for the events of that
paragraph. A lead is a full sentence, which is how ingestion tells it from a headline, how
the cleaner tells a summary box before it, and where extraction finds the news of the day
(the top of the story: the lead and the two paragraphs after it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.'’]+(?:\s[A-Z][A-Za-z.'’]+){0,2})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\.?)?"
    r"\s*(?:\([A-Za-z .&/-]{1,40}\)|/[A-Za-z .&-]{1,20}/\.?)?"
    r"(?:\s*(?:--|[–—])\s*|\s+-\s*|\s*:\s+|(?<=[./])\s+)(?=\S)", re.MULTILINE)
# A dateline opens one of the first paragraphs, after a headline, standfirst or caption.
_DATELINE_PARAGRAPHS = 15
_FULL_STOP_END = re.compile(r"\.[\"”’']?\s*$")
_SENTENCE_WORDS = 8
# The lead is the first paragraph that reads as a sentence of reporting, not a headline,
# standfirst, caption or summary box; the top of the story is it and the two after it.
LEAD_MIN_WORDS = 15
_TOP_PARAGRAPHS = 3
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s*$")


def reads_as_lead(line: str) -> bool:
    """Whether a text's first line is the lead of its body rather than a headline: a full
    sentence ending in a full stop, which headlines never are ("WASHINGTON -- Zelenskyy will
    meet Trump on Monday ... ." is a lead; "EXCLUSIVE: Trump's team will broker talks" is
    not)."""
    line = line.strip()
    return len(line.split()) >= _SENTENCE_WORDS and bool(_FULL_STOP_END.search(line))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the text's paragraphs (blocks between blank lines)."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n|\Z", text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    return spans


def datelines(text: str) -> Iterator[tuple[re.Match, int]]:
    """Each dateline opening one of the first paragraphs, with the end of its paragraph."""
    for start, end in paragraphs(text)[:_DATELINE_PARAGRAPHS]:
        match = DATELINE.match(text, start)
        if match is not None:
            yield match, end


def lead_span(text: str) -> tuple[int, int] | None:
    """Offsets of the top of the story: the lead paragraph (the first with a full sentence of
    reporting) and the two after it, which tell the news before the background."""
    spans = paragraphs(text)
    for i, (start, end) in enumerate(spans):
        paragraph = text[start:end]
        if len(paragraph.split()) >= LEAD_MIN_WORDS and _SENTENCE_END.search(paragraph):
            return start, spans[min(i + _TOP_PARAGRAPHS - 1, len(spans) - 1)][1]
    return None
