"""Ingestion: raw article files in, clean documents and reasoned rejections out."""

from pipeline.ingest.clean import Cleaned, clean_text
from pipeline.ingest.stage import Ingested, ingest

__all__ = ["Cleaned", "Ingested", "clean_text", "ingest"]
