"""Decoding accepts the encodings news files really come in and refuses the rest."""

import pytest

from pipeline.ingest.decode import decode
from pipeline.ingest.errors import Rejected

TEXT = "Zelensky’s envoy met officials in Genève on Tuesday."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),
    TEXT.encode("utf-16-le"),
    TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"),
])
def test_common_encodings_decode(data):
    assert decode(data) == TEXT


def test_html_declared_charset_is_honoured():
    page = "<html><head><meta charset='koi8-r'></head><body>Мирные переговоры</body></html>"
    assert "Мирные переговоры" in decode(page.encode("koi8-r"), html=True)


@pytest.mark.parametrize("data, reason", [
    (b"\x00\x01\x02\x03PK\x03\x04" * 10, "binary"),
    (bytes(range(1, 32)) * 10, "binary"),
    ("Мирные переговоры возобновятся".encode("cp1251"), "undecodable"),
    (b"caf\x81\x8d", "undecodable"),
    (b" \r\n\t ", "empty"),
])
def test_non_text_is_refused(data, reason):
    with pytest.raises(Rejected) as refused:
        decode(data)
    assert refused.value.reason == reason
