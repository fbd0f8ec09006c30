"""The table contracts read from schemas/ (Arrow schemas, DuckDB DDL, datapackage.json and
the GX suites all come from them) and the content-derived ids of their rows.
"""
