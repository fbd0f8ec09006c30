"""Dagster wiring: thin assets, checks and automation around the plain stages in `pipeline`."""
