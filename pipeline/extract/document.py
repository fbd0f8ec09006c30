"""Everything extracted from one document, from a single parse.

The parse is the expensive part and the only part too large to keep, so each document is
parsed once and every extractor reads that same parse; what comes out is small records,
cheap to cache and to send between processes. Quotes and events see the document's own
mentions, so a document's results depend on nothing but its text and date: documents can
be extracted in any order, on any worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.extract.actors import find_mentions
from pipeline.extract.events import find_events
from pipeline.extract.nlp import english
from pipeline.extract.places import preload_gazetteer
from pipeline.extract.quotes import find_quotes
from pipeline.extract.records import Extracted
from pipeline.extract.registry import load_registry

# Documents per nlp.pipe batch: spaCy's own default, enough to fill the parser's matrices.
BATCH_SIZE = 16


def extract_parsed(doc: Doc, published: dt.date | None) -> Extracted:
    mentions = find_mentions(doc, published)
    return Extracted(tuple(mentions), tuple(find_quotes(doc, mentions)),
                     tuple(find_events(doc, mentions, published)))


def extract_texts(items: Sequence[tuple[str, dt.date | None]]) -> list[Extracted]:
    """Parse and extract (clean text, publication date) pairs, in order."""
    parses = english().pipe((text for text, _ in items), batch_size=BATCH_SIZE)
    return [extract_parsed(doc, published)
            for doc, (_, published) in zip(parses, items, strict=True)]


def extract_chunk(items: Sequence[tuple[str, str, dt.date | None]]) -> list[tuple[str, Extracted]]:
    """(doc_id, Extracted) for (doc_id, clean text, publication date) items: the unit of work
    a worker process runs, parsed as one batch."""
    results = extract_texts([(text, published) for _, text, published in items])
    return [(doc_id, extracted) for (doc_id, _, _), extracted in zip(items, results, strict=True)]


def preload() -> None:
    """Load the model, registry and gazetteer now, so that worker processes forked afterwards
    share them instead of each loading its own."""
    english()
    load_registry()
    preload_gazetteer()
