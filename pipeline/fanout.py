"""Where documents get parsed and extracted: this process, its own worker processes, or the
dask cluster the step runs on.

Parsing and extraction are per document and dominate a build, so they are the work spread
over cores and machines. Locally the workers are forked after the model, registry and
gazetteer are loaded, so they start at once and share that memory; on a dask worker the
chunks go to the whole cluster, so adding workers speeds up the same job. Small batches
stay in this process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from pipeline.extract.document import Extracted, extract_texts, preload

# (doc_id, clean text, publication date)
Item = tuple[str, str, dt.date | None]

PROCESSES = int(os.environ.get("PARLEY_PROCESSES", min(2, os.cpu_count() or 1)))
PARALLEL_FROM_DOCUMENTS = 32
# Documents per task: big enough for nlp.pipe batching, small enough to balance the workers.
CHUNK = 16


def extract_chunk(items: Sequence[Item]) -> list[tuple[str, Extracted]]:
    """The unit of work a worker runs: one chunk of documents, parsed as one batch."""
    results = extract_texts([(text, published) for _, text, published in items])
    return [(doc_id, extracted) for (doc_id, _, _), extracted in zip(items, results)]


def _chunks(items: Sequence[Item]) -> list[list[Item]]:
    return [list(items[i:i + CHUNK]) for i in range(0, len(items), CHUNK)]


@contextmanager
def _dask_client():
    """A client for the cluster when this code runs inside a dask task, else None."""
    try:
        from distributed import get_worker, worker_client
        get_worker()
    except (ImportError, ValueError):
        yield None
        return
    with worker_client() as client:
        yield client


def extract_all(items: Sequence[Item]) -> Iterator[tuple[str, Extracted]]:
    """(doc_id, Extracted) for every item, in no particular order."""
    if not items:
        return
    chunks = _chunks(items)
    with _dask_client() as client:
        if client is not None:
            from distributed import as_completed
            for future in as_completed(client.map(extract_chunk, chunks, pure=False)):
                yield from future.result()
            return
    if PROCESSES < 2 or len(items) < PARALLEL_FROM_DOCUMENTS:
        for chunk in chunks:
            yield from extract_chunk(chunk)
        return
    preload()
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        for results in pool.imap_unordered(extract_chunk, chunks):
            yield from results
