"""Turn raw bytes into text, or say why they are not text.

Scraped news arrives in whatever encoding the scraper's platform used. UTF-8 is tried first
because it is self-validating; Windows-1252 is the fallback because it is what mislabelled
Western-European text almost always is. Anything that only decodes by accident (mostly
high bytes, control characters) is refused rather than turned into garbage.
"""

from __future__ import annotations

import codecs
import re

from pipeline.ingest.errors import Rejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Text in a Western-European language has a small share of non-ASCII letters; a Windows-1252
# reading with more than this share is most likely some other encoding decoded by accident.
_MAX_NON_ASCII_SHARE = 0.2
_MAX_CONTROL_SHARE = 0.05
_CHARSET_DECL = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode `data`, raising Rejected('binary' | 'undecodable' | 'empty')."""
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            text = _decode_utf16_without_bom(data)
            if text is None:
                raise Rejected("binary", "The file holds NUL bytes, so it is binary data rather "
                               "than text; remove it or replace it with the article's text.")
        else:
            text = _decode_unmarked(data, _declared_charset(data) if html else None)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise Rejected("binary", "The file is mostly non-printable characters, so it is binary "
                       "data rather than text; remove it or replace it with the article's text.")
    if not text.strip():
        raise Rejected("empty", "The file holds only whitespace; remove it or add the article.")
    return text


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise Rejected("undecodable", f"The file starts with a {encoding} byte-order mark "
                               f"but is not valid {encoding} ({exc.reason} at byte "
                               f"{exc.start + len(bom)}); re-save it as UTF-8.") from exc
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM shows NULs in every other byte for Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    encoding = ("utf-16-be" if even_nuls > 0.9 * half else
                "utf-16-le" if odd_nuls > 0.9 * half else None)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_unmarked(data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" not in text and _non_ascii_share(text) <= _MAX_NON_ASCII_SHARE:
        return text
    raise Rejected("undecodable", f"The file is neither UTF-8 ({utf8_error.reason} at byte "
                   f"{utf8_error.start}) nor plausible Windows-1252 text; re-save it as UTF-8.")


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET_DECL.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def _non_ascii_share(text: str) -> float:
    visible = [c for c in text if not c.isspace()]
    return sum(ord(c) > 127 for c in visible) / len(visible) if visible else 0.0


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / len(text) if text else 0.0
