"""How to cite Parley, read from CITATION.cff so the card and croissant.json say what the
repository's citation file says. The file ships inside the package (`pipeline/CITATION.cff`
links to the repository's), so an installed wheel cites the same way as a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CITATION_FILE = Path(__file__).resolve().parent.parent / "CITATION.cff"


@cache
def citation() -> dict:
    """Title, version, authors and keywords of CITATION.cff, and a BibTeX entry of them."""
    cff = yaml.safe_load(CITATION_FILE.read_text(encoding="utf-8"))
    authors = " and ".join(a.get("name") or f"{a['given-names']} {a['family-names']}"
                           for a in cff["authors"])
    bibtex = (f"@misc{{parley_{cff['version'].replace('.', '_')},\n"
              f"  title = {{{cff['title']}}},\n  author = {{{{{authors}}}}},\n"
              f"  version = {{{cff['version']}}},\n  note = {{{cff['license']} licence for "
              "the code; name the release version you used}\n}")
    return {"title": cff["title"], "version": cff["version"], "authors": authors,
            "keywords": list(cff.get("keywords", [])), "message": " ".join(cff["message"].split()),
            "bibtex": bibtex}
