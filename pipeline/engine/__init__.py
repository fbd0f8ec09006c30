"""The build: the stages over a corpus as plain functions, where per-document work runs
(this process, workers from a fork server, a dask cluster), the per-document cache and the
partition parts behind incremental builds, records to tables, and what compares documents
(quote groups, event clusters, real events).
"""
