"""The publisher of a document, by name rather than by web host.

Collected metadata often gives a host name as the outlet ("www.rferl.org"), or no outlet but
a url. A researcher counting reports per outlet needs the publisher: the host, or the
nearest of its parent domains, is looked up in pipeline/registry/outlets.yaml; a host the
table does not know is kept without its "www." (it still names the site, and says so).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

OUTLETS_FILE = Path(__file__).resolve().parent.parent / "registry" / "outlets.yaml"
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")


@cache
def _publishers() -> dict[str, str]:
    return yaml.safe_load(OUTLETS_FILE.read_text(encoding="utf-8"))["publishers"]


def _host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host or None


def publisher(outlet: str | None, url: str | None) -> str | None:
    """The outlet's publisher name: a name given as such stays; a host, given as the outlet
    or read from the url, becomes its publisher's name when the table knows it."""
    given = (outlet or "").strip()
    host = given.lower() if _HOST.match(given.lower()) else None
    if given and host is None:
        return given
    host = host or _host_of(url)
    if host is None:
        return given or None
    labels = host.split(".")
    for k in range(len(labels) - 1):
        name = _publishers().get(".".join(labels[k:]))
        if name:
            return name
    return host.removeprefix("www.")
