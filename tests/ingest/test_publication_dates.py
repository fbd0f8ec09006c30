"""Only explicit, complete dates are taken as publication dates."""

import datetime as dt

import pytest

from pipeline.ingest.publication_dates import date_in_text, parse_date


@pytest.mark.parametrize("value, expected", [
    ("2025-03-12", dt.date(2025, 3, 12)),
    ("2025-03-12T23:10:00+02:00", dt.date(2025, 3, 12)),
    ("12 March 2025", dt.date(2025, 3, 12)),
    ("March 12, 2025", dt.date(2025, 3, 12)),
    ("Wed, 12 Mar 2025 08:00:00 GMT", dt.date(2025, 3, 12)),
    (dt.date(2025, 3, 12), dt.date(2025, 3, 12)),
    ("yesterday", None),
    ("Friday", None),
    ("March 2025", None),
    ("2025-02-30", None),
    ("", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("Published 12 March 2025 | Updated 13 March 2025\n\nTalks resumed.", dt.date(2025, 3, 12)),
    ("Posted on: March 3, 2025 at 10:15 GMT\nTalks resumed.", dt.date(2025, 3, 3)),
    ("KYIV, Ukraine, March 12, 2025 (Reuters) — Russia said on Tuesday it would talk.",
     dt.date(2025, 3, 12)),
    ("LONDON, 3 April 2024 - The prime minister spoke.", dt.date(2024, 4, 3)),
    ("The talks ended on 12 March 2025 in Geneva.", None),
    ("KYIV, March 12 (Reuters) - Russia said it would talk.", None),
    ("Updated figures show 12 people died in March 2025.", None),
])
def test_date_in_text(text, expected):
    assert date_in_text(text) == expected
