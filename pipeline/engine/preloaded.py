"""Importing this module loads what workers use: the readers and language model of the
ingest step, and the spaCy model, registry and gazetteer of extraction.

The fork server of `pipeline.engine.fanout` imports it once, so every worker process forked
from the server shares what it loaded instead of loading its own copy."""

from pipeline.extract.document import preload as preload_extraction
from pipeline.ingest import language
from pipeline.ingest.readers import read_file  # noqa: F401  (the readers' libraries)

language.preload()
preload_extraction()
