"""Ingestion: one raw article file in, a clean document or a reasoned rejection out.

Running it over a whole folder, through the cache and the worker processes, is the build's
job (`pipeline.engine.ingest_stage`).
"""

from pipeline.ingest.clean import Cleaned, clean_text

__all__ = ["Cleaned", "clean_text"]
