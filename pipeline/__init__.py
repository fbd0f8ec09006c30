"""Parley: a dataset of the Russia-Ukraine peace process as the news reports it."""

__version__ = "0.1.0"

# Bumped whenever a change to cleaning or extraction can change any output row, so that
# cached per-document results from an older extractor are never reused and every release
# records which extractor produced it.
EXTRACTOR_VERSION = "0.1.0"
