"""The outlet of a document is its publisher's name, not a web host."""

import pytest

from pipeline.ingest.outlets import publisher


@pytest.mark.parametrize(("outlet", "url", "expected"), [
    ("www.rferl.org", None, "Radio Free Europe/Radio Liberty"),
    (None, "https://feeds.bbci.co.uk/news/live/abc?page=2", "BBC"),
    ("Example Daily", "https://www.reuters.com/world/x", "Example Daily"),
    ("news.example-site.org", None, "news.example-site.org"),
    (None, "https://www.example-site.org/2025/story", "example-site.org"),
    (None, None, None),
])
def test_a_host_becomes_its_publisher_and_a_given_name_stays(outlet, url, expected):
    assert publisher(outlet, url) == expected
