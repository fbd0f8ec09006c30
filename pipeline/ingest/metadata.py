"""Metadata that arrives beside the articles: manifest.csv files and .meta.json sidecars.

Curators know things a scraped file does not say (the outlet, the real publication date), so
their metadata wins over what is found in a file, and a sidecar (about one file) wins over a
manifest (about a folder); a deeper manifest wins over a shallower one. Keys the contract does
not know are kept, not dropped: they end up as JSON in documents.metadata_json.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.json_values import BadJson, load_json
from pipeline.ingest.refusal import Refusal

KNOWN_KEYS = ("title", "outlet", "url", "published_at", "language")
MANIFEST = "manifest.csv"
SIDECAR_SUFFIX = ".meta.json"
_WINDOWS_ABSOLUTE = re.compile(r"^[A-Za-z]:[\\/]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Metadata:
    """Known keys with non-empty text values, plus every other key as given, and a warning
    for each value that could not be taken (a list as a title, a control character)."""

    fields: dict[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, mapping: dict[str, object], ignore: Iterable[str] = (),
                     where: str = "metadata") -> Metadata:
        fields, extra, warnings = {}, {}, []
        for key, value in mapping.items():
            if key in KNOWN_KEYS:
                text, problem = _as_text(value)
                if problem:
                    warnings.append(f"{where}: {key} {problem}")
                if text:
                    fields[key] = text
            elif key not in ignore and value not in (None, ""):
                extra[key] = value
        return cls(fields, extra, tuple(warnings))

    def over(self, lower: Metadata) -> Metadata:
        """This metadata, with `lower` filling the keys it lacks."""
        return Metadata({**lower.fields, **self.fields}, {**lower.extra, **self.extra},
                        (*lower.warnings, *self.warnings))

    def warn(self, warning: str) -> Metadata:
        return Metadata(self.fields, self.extra, (*self.warnings, warning))


def _as_text(value: object) -> tuple[str | None, str | None]:
    """A known key's value as text, and what was wrong with it: only text and numbers are
    values of these keys (a list or a true is not a title), and control characters go."""
    if value is None or isinstance(value, str) and not value.strip():
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"is {type(value).__name__} {str(value)[:60]!r}, not text; ignored"
    text = str(value).strip()
    cleaned = _CONTROL.sub("", text)
    return cleaned or None, ("had control characters, removed" if cleaned != text else None)


@dataclass(frozen=True)
class FolderMetadata:
    by_file: dict[str, Metadata]
    refused: list[Refusal]

    def for_file(self, rel: str) -> Metadata:
        return self.by_file.get(rel, Metadata())


def is_metadata_file(name: str) -> bool:
    return name.lower() == MANIFEST or name.lower().endswith(SIDECAR_SUFFIX)


def load_metadata(raw_dir: Path, metadata_files: list[str], files: list[str]) -> FolderMetadata:
    """Metadata per document file (relative POSIX path), and a refusal for each bad entry."""
    by_file: dict[str, Metadata] = {}
    refused: list[Refusal] = []
    manifests = sorted((f for f in metadata_files if posixpath.basename(f).lower() == MANIFEST),
                       key=lambda f: (f.count("/"), f))
    for manifest in manifests:
        seen: dict[str, Metadata] = {}
        for rel, meta in _read_manifest(raw_dir, manifest, refused):
            if rel in seen and seen[rel].fields != meta.fields:
                meta = meta.warn(f"{manifest}: several rows describe this file with different "
                                 "values; the last one is used")
            seen[rel] = meta
            by_file[rel] = meta.over(by_file.get(rel, Metadata()))
    sidecars = sorted(set(metadata_files) - set(manifests))
    # Stem sidecars ("a.meta.json" for a.txt) first, so that a full-name one ("a.txt.meta.json")
    # applied later wins.
    pairs = _sidecar_targets(sidecars, files, refused)
    contents = {s: _read_sidecar(raw_dir, s, refused) for s in sorted({s for s, _ in pairs})}
    for sidecar, rel in sorted(pairs, key=lambda pair: (_is_full_name(*pair), pair)):
        described = contents[sidecar]
        if described is not None:
            by_file[rel] = described.over(by_file.get(rel, Metadata()))
    return FolderMetadata(by_file, refused)


def _read_manifest(raw_dir: Path, manifest: str,
                   refused: list[Refusal]) -> list[tuple[str, Metadata]]:
    folder = posixpath.dirname(manifest)
    try:
        text = (raw_dir / manifest).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        refused.append(Refusal(manifest, None, "unreadable",
                               f"The manifest could not be read ({exc}); save it as UTF-8 CSV."))
        return []
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames, rows = reader.fieldnames, list(reader)
    except csv.Error as exc:
        refused.append(Refusal(manifest, None, "malformed_metadata",
                               f"The manifest is not readable CSV ({exc}); fix the quoting, or "
                               "shorten fields over 131,072 characters (no metadata value is "
                               "that long)."))
        return []
    if not fieldnames or "file" not in fieldnames:
        refused.append(Refusal(manifest, None, "malformed_metadata",
                               "The manifest has no 'file' column; its first line must name the "
                               "columns, one of them 'file' (a path relative to its folder)."))
        return []
    entries = []
    for number, row in enumerate(rows, start=1):
        where = f"{manifest}#row{number}"
        named = (row.get("file") or "").strip()
        if not named:
            refused.append(Refusal(where, None, "malformed_metadata",
                                   "The manifest row has an empty 'file' cell; fill it or delete "
                                   "the row."))
            continue
        rel, problem = _resolve(raw_dir, folder, named)
        if problem:
            refused.append(Refusal(where, None, problem[0], problem[1]))
            continue
        fields = {k: v for k, v in row.items() if k not in (None, "file")}
        entries.append((rel, Metadata.from_mapping(fields, where=where)))
    return entries


def _resolve(raw_dir: Path, folder: str,
             named: str) -> tuple[str, tuple[str, str] | None]:
    """The raw-folder path a manifest cell names, or the reason code and message against it."""
    outside = ("outside_raw_folder", f"The manifest names {named!r}, which is outside the raw "
               "folder; copy the file into the raw folder and name it by a relative path.")
    if os.path.isabs(named) or _WINDOWS_ABSOLUTE.match(named):
        return "", outside
    rel = posixpath.normpath(posixpath.join(folder, named.replace("\\", "/")))
    if rel == ".." or rel.startswith("../"):
        return "", outside
    path = raw_dir / rel
    if not path.resolve().is_relative_to(raw_dir.resolve()):
        return "", outside
    if not path.is_file():
        return "", ("missing_file", f"The manifest names {named!r}, but there is no such file "
                    "in the raw folder; add the file or delete the row.")
    return rel, None


def _sidecar_targets(sidecars: list[str], files: list[str],
                     refused: list[Refusal]) -> list[tuple[str, str]]:
    """Pairs (sidecar, document file): "a.txt.meta.json" describes a.txt, "a.meta.json" a.*."""
    known = set(files)
    by_stem: dict[str, list[str]] = {}
    for rel in files:
        by_stem.setdefault(posixpath.splitext(rel)[0], []).append(rel)
    pairs: list[tuple[str, str]] = []
    for sidecar in sidecars:
        base = sidecar[: -len(SIDECAR_SUFFIX)]
        targets = [base] if base in known else by_stem.get(base, [])
        if not targets:
            refused.append(Refusal(sidecar, None, "missing_file",
                                   f"No file {posixpath.basename(base)!r} or "
                                   f"{posixpath.basename(base)}.* sits beside this sidecar; "
                                   "rename it after the file it describes or delete it."))
        pairs.extend((sidecar, target) for target in targets)
    return pairs


def _is_full_name(sidecar: str, rel: str) -> bool:
    return sidecar == rel + SIDECAR_SUFFIX


def _read_sidecar(raw_dir: Path, sidecar: str, refused: list[Refusal]) -> Metadata | None:
    try:
        data = (raw_dir / sidecar).read_bytes()
    except OSError as exc:
        refused.append(Refusal(sidecar, None, "unreadable",
                               f"The sidecar could not be read ({exc}); check its permissions."))
        return None
    try:
        value = load_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, BadJson) as exc:
        value = exc
    if not isinstance(value, dict):
        problem = value if isinstance(value, Exception) else "it is not a JSON object"
        refused.append(Refusal(sidecar, hashlib.sha256(data).hexdigest(), "malformed_json",
                               f"The sidecar is not one UTF-8 JSON object ({problem}); make it "
                               "an object with keys such as title, outlet, url, published_at, "
                               "language."))
        return None
    return Metadata.from_mapping(value, where=sidecar)
