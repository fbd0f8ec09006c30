"""Read one raw file, by its format, into article units ready for the document table.

A unit is what becomes one document: a whole .txt, .html or .json file, or one line of a
.jsonl file. Readers only parse; HTML is never rendered and scripts are never run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura

from pipeline.ingest.clean import Cleaned, clean_text, repair
from pipeline.ingest.datelines import reads_as_lead
from pipeline.ingest.decode import decode
from pipeline.ingest.errors import Rejected
from pipeline.ingest.json_values import BadJson, load_json
from pipeline.ingest.language import detect_language
from pipeline.ingest.metadata import Metadata
from pipeline.ingest.publication_dates import LATEST_DATE, date_in_text
from pipeline.ingest.refusal import Refusal

FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
_HASH_CHUNK = 1 << 20

# Field names news APIs and scrapers use for the same things, in order of preference.
_TEXT_KEYS = ("text", "body", "content", "article", "article_body", "articleBody", "maintext",
              "full_text", "story")
_ALIASES = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "source_name"),
    "url": ("url", "link", "canonical_url"),
    "published_at": ("published_at", "published", "date", "publish_date", "date_published",
                     "datePublished", "pubDate", "published_date"),
    "language": ("language", "lang"),
}
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
               "section", "article", "figcaption")


# spaCy's parser needs about 1 GB of memory per 100,000 characters of one text, and no news
# article comes near this length.
MAX_TEXT_CHARS = 300_000


@dataclass(frozen=True)
class Article:
    """One unit read from a file, before duplicates are merged and metadata applied."""

    source_file: str
    raw_sha256: str
    raw_bytes: int
    format: str
    title: str | None
    cleaned: Cleaned
    found: Metadata  # metadata the file itself carries
    found_date_source: str  # what a published_at in `found` counts as: metadata or html
    text_date: dt.date | None
    detected_language: str  # what the text reads as; metadata that names one prevails


def read_file(raw_dir: Path, rel: str, max_bytes: int) -> list[Article | Refusal]:
    """Every unit of the file at `rel`, as articles or refusals."""
    path = raw_dir / rel
    fmt = FORMATS.get(posixpath.splitext(rel)[1].lower())
    try:
        size = path.stat().st_size
        if fmt is None:
            return [Refusal(rel, _stream_sha256(path) if size <= max_bytes else None,
                            "unsupported_format",
                            "Only .txt, .html/.htm, .json and .jsonl files are read; convert "
                            "the file to one of them or move it out of the raw folder.")]
        if size > max_bytes:  # not hashed: it may be a 20 GB file
            return [Refusal(rel, None, "too_large",
                            f"The file has {size} bytes, over the limit of {max_bytes}; split "
                            "it or raise max_bytes if it really is one article.")]
        data = path.read_bytes()
    except OSError as exc:
        return [Refusal(rel, None, "unreadable",
                        f"The file could not be read ({exc.strerror or exc}); check its "
                        "permissions.")]
    sha = hashlib.sha256(data).hexdigest()
    if not data:
        return [Refusal(rel, sha, "empty", "The file is empty; remove it or add the article.")]
    try:
        if fmt == "jsonl":
            return _read_jsonl(rel, data)
        text = decode(data, html=fmt == "html")
        reader = {"txt": _read_txt, "html": _read_html, "json": _read_json}[fmt]
        return [reader(rel, data, text)]
    except Rejected as rejected:
        return [Refusal(rel, sha, rejected.reason, rejected.message)]
    except Exception as exc:  # noqa: BLE001 - one hostile file must never stop a build
        return [_failed(rel, sha, exc)]


def _failed(where: str, sha: str, exc: Exception) -> Refusal:
    """A file that broke a reader in a way no rule foresaw: refused, with what went wrong."""
    return Refusal(where, sha, "unreadable",
                   f"Reading it failed ({type(exc).__name__}: {str(exc)[:200]}); check that it "
                   "is a well-formed article file, and report the case if it is.")


def _stream_sha256(path: Path) -> str:
    """Hash without holding the file in memory: the refused file may be huge."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _article(rel: str, data: bytes, fmt: str, title: str | None, body: str, start: int,
             found: Metadata, found_date_source: str) -> Article:
    if len(body) - start > MAX_TEXT_CHARS:
        raise Rejected("too_large", f"The article text has {len(body) - start} characters, "
                       f"over the {MAX_TEXT_CHARS} that Parley parses as one article (news "
                       "articles are far shorter); split it into its articles.")
    cleaned = clean_text(body, start)
    if not cleaned.text:
        raise Rejected("no_text", "Nothing is left of the article once page furniture is "
                       "removed; check that the file holds the article's text.")
    return Article(rel, hashlib.sha256(data).hexdigest(), len(data), fmt, title, cleaned,
                   found, found_date_source, date_in_text(body[start:]),
                   detect_language(cleaned.text))


def _read_txt(rel: str, data: bytes, text: str) -> Article:
    """The first non-blank line of a plain-text article is its headline, unless it reads as
    the lead of the body (a dateline, a full sentence): many collected texts have no headline,
    and their lead is the paragraph that says most."""
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    end = len(text) if end < 0 else end
    if reads_as_lead(text[lead:end]):
        return _article(rel, data, "txt", None, text, 0, Metadata(), "metadata")
    title = repair(text[lead:end].strip())
    if not text[end:].strip():
        raise Rejected("no_text", "The file holds only a headline line; a plain-text article "
                       "needs its headline on the first line and its body below.")
    return _article(rel, data, "txt", title, text, end, Metadata(), "metadata")


def _read_html(rel: str, data: bytes, text: str) -> Article:
    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_images=False,
        include_links=False, date_extraction_params={"extensive_search": False,
                                                     "original_date": True,
                                                     "max_date": LATEST_DATE})
    # Without as_dict, trafilatura returns a Document (or None), never the dict form.
    assert not isinstance(extracted, dict)
    body = (extracted.text or "") if extracted is not None else ""
    if extracted is None or not body.strip():
        raise Rejected("no_text", "No article text was found in the page (only navigation, "
                       "scripts or other furniture); save the article page itself.")
    title = extracted.title
    first_line = body.split("\n", 1)[0]
    start = len(first_line) if title and first_line.strip() == title.strip() else 0
    found = Metadata.from_mapping({"title": title, "outlet": extracted.sitename,
                                   "url": extracted.url, "published_at": extracted.date})
    return _article(rel, data, "html", title, body, start, found, "html")


def _read_json(rel: str, data: bytes, text: str) -> Article:
    try:
        value = load_json(text)
    except BadJson as exc:
        raise Rejected("malformed_json", f"The file is not valid JSON ({exc}); fix it, or use "
                       ".jsonl for one article object per line.") from exc
    return _from_object(rel, data, value, "json")


def _read_jsonl(rel: str, data: bytes) -> list[Article | Refusal]:
    """Each non-blank line is its own unit, hashed by its own UTF-8 bytes."""
    units: list[Article | Refusal] = []
    for number, line in enumerate(decode(data).split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        where, line_bytes = f"{rel}#L{number}", line.encode("utf-8")
        try:
            value = load_json(line)
        except BadJson as exc:
            units.append(Refusal(where, hashlib.sha256(line_bytes).hexdigest(), "malformed_json",
                                 f"The line is not valid JSON ({exc}); each line of a .jsonl "
                                 "file must be one complete article object."))
            continue
        try:
            units.append(_from_object(where, line_bytes, value, "jsonl"))
        except Rejected as rejected:
            units.append(Refusal(where, hashlib.sha256(line_bytes).hexdigest(),
                                 rejected.reason, rejected.message))
        except Exception as exc:  # noqa: BLE001 - one hostile line must not lose the others
            units.append(_failed(where, hashlib.sha256(line_bytes).hexdigest(), exc))
    return units


def _from_object(where: str, data: bytes, value: object, fmt: str) -> Article:
    if not isinstance(value, dict):
        raise Rejected("malformed_json", "The JSON is not one article object; write one object "
                       "with a text field (use .jsonl for several articles).")
    body = _object_text(value)
    if not body.strip():
        raise Rejected("no_text", "The JSON object has no article text; put it in a 'text', "
                       "'body' or 'content' field.")
    fields = {key: _first(value, aliases) for key, aliases in _ALIASES.items()}
    used = {k for aliases in _ALIASES.values() for k in aliases} | set(_TEXT_KEYS)
    extra = Metadata.from_mapping({k: v for k, v in value.items() if k not in used})
    found = Metadata.from_mapping(fields).over(extra)
    return _article(where, data, fmt, found.fields.get("title"), body, 0, found, "metadata")


def _first(obj: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, dict):  # e.g. "source": {"id": ..., "name": "Reuters"}
            value = value.get("name") or value.get("title")
        if value not in (None, "") and not isinstance(value, (list, dict)):
            return value
    return None


def _object_text(obj: dict) -> str:
    for key in _TEXT_KEYS:
        value = obj.get(key)
        if isinstance(value, list):
            value = "\n\n".join(str(v) for v in value if isinstance(v, str))
        if isinstance(value, str) and value.strip():
            return _html_fragment_text(value) if _looks_like_html(value) else value
    return ""


def _looks_like_html(text: str) -> bool:
    lowered = text.lower()
    return any(f"<{tag}" in lowered for tag in ("p>", "p ", "div", "br", "span"))


def _html_fragment_text(markup: str) -> str:
    """Text of an HTML fragment with its blocks on separate lines, scripts and styles gone."""
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS, "br"):
        element.tail = "\n\n" + (element.tail or "")
    return root.text_content()
