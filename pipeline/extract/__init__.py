"""Extraction from clean text: plain functions over spaCy documents, with no Dagster in them."""
