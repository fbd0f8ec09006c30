"""The release gate: Great Expectations suites derived from the contracts, and where and how
they run (the validator process, reports).
"""
