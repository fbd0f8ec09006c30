"""Walk the raw folder and sort every entry: document file, metadata file, or refusal.

Nothing is silently skipped: the release must account for every file it was given, so hidden
files, READMEs, symbolic links that leave the folder and special files all get a refusal row.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.metadata import is_metadata_file
from pipeline.ingest.refusal import Refusal

# The surrogates os.walk uses for the bytes of a name that is not valid UTF-8.
_ESCAPED_BYTES = re.compile(r"[\udc80-\udcff]")


@dataclass(frozen=True)
class Discovery:
    files: list[str]  # candidate documents, relative POSIX paths, sorted
    metadata_files: list[str]
    refused: list[Refusal]


def discover(raw_dir: Path) -> Discovery:
    root = raw_dir.resolve()
    files, metadata_files, refused = [], [], []
    for folder, dirnames, filenames in os.walk(raw_dir):
        base = Path(folder)
        kept_dirs = []
        for name in sorted(dirnames):
            rel = (base / name).relative_to(raw_dir).as_posix()
            refusal = _refuse_folder(base / name, rel, root)
            if refusal:
                refused.append(refusal)
            else:
                kept_dirs.append(name)
        dirnames[:] = kept_dirs
        for name in sorted(filenames):
            path = base / name
            rel = path.relative_to(raw_dir).as_posix()
            refusal = _refuse_file(path, rel, root)
            if refusal:
                refused.append(refusal)
            elif is_metadata_file(name):
                metadata_files.append(rel)
            else:
                files.append(rel)
    return Discovery(sorted(files), sorted(metadata_files), refused)


def _undecodable_name(rel: str) -> Refusal | None:
    """A name that is not valid UTF-8 (os.walk hands its bytes over as surrogates) cannot be
    written to the tables as it is: the row keeps it losslessly, bytes escaped as \\xff."""
    if not _ESCAPED_BYTES.search(rel):
        return None
    shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return Refusal(shown, None, "undecodable", "The file or folder name is not valid UTF-8; "
                   "rename it (the escaped bytes show where) and it will be read.")


def _reserved_name(rel: str) -> Refusal | None:
    """'#' names a part of a file ("feed.jsonl#L2", "manifest.csv#row3"), so a file whose own
    name holds one could take a part's key; it is recorded with '#' and '%' escaped."""
    if "#" not in rel:
        return None
    shown = rel.replace("%", "%25").replace("#", "%23")
    return Refusal(shown, None, "unsupported_format", "'#' in a file or folder name is kept "
                   "for the parts of a file (line 2 of feed.jsonl is feed.jsonl#L2); rename "
                   "it without '#' and it will be read.")


def _refuse_folder(path: Path, rel: str, root: Path) -> Refusal | None:
    """Hidden folders (.git, .cache) are one row, not one per file inside them."""
    if (refusal := _undecodable_name(rel) or _reserved_name(rel)) is not None:
        return refusal
    if path.name.startswith("."):
        return Refusal(rel, None, "hidden", "Hidden folders are not read; move any article out "
                       "of it if it should be ingested.")
    if path.is_symlink():
        if not path.resolve().is_relative_to(root):
            return _outside(rel)
        return Refusal(rel, None, "unsupported_format", "Links to folders are not followed; "
                       "the files are read from the folder the link points to.")
    return None


def _refuse_file(path: Path, rel: str, root: Path) -> Refusal | None:
    if (refusal := _undecodable_name(rel) or _reserved_name(rel)) is not None:
        return refusal
    if path.name.startswith("."):
        return Refusal(rel, None, "hidden", "Hidden files (editor, OS and VCS files) are not "
                       "read; rename the file without the leading dot if it is an article.")
    if path.name.lower().split(".")[0] == "readme":
        return Refusal(rel, None, "readme", "README files describe the folder and are not read "
                       "as articles; rename the file if it really is one.")
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        return _outside(rel)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return Refusal(rel, None, "missing_file", "The link points to a file that does not "
                       "exist; fix or delete the link.")
    except OSError as exc:
        return Refusal(rel, None, "unreadable", f"The file could not be inspected ({exc}).")
    if not stat.S_ISREG(mode):
        return Refusal(rel, None, "unsupported_format", "Not a regular file (a pipe, socket or "
                       "device); only article files are read.")
    return None


def _outside(rel: str) -> Refusal:
    return Refusal(rel, None, "outside_raw_folder", "The link points outside the raw folder, "
                   "whose contents are the only inputs; copy the file in instead.")
