"""Where Parley reads articles and writes releases."""

from pathlib import Path

import dagster as dg

from pipeline.engine.cache import DocumentCache


class ParleyPaths(dg.ConfigurableResource):
    """The raw and output folders, the per-document cache (by default inside the output
    folder), how much article text releases carry (`text_profile`: full, public or
    none, see schemas/) and the gold annotations a release's accuracy is measured on (by
    default `gold/` beside the raw folder); relative paths resolve against the working
    directory."""

    raw_dir: str = "data/raw"
    out_dir: str = "data/out"
    cache_dir: str | None = None
    text_profile: str = "full"
    gold_dir: str | None = None

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir).expanduser().resolve()

    @property
    def out(self) -> Path:
        return Path(self.out_dir).expanduser().resolve()

    @property
    def gold(self) -> Path:
        if self.gold_dir:
            return Path(self.gold_dir).expanduser().resolve()
        return self.raw.parent / "gold"

    def cache(self) -> DocumentCache:
        root = Path(self.cache_dir).expanduser().resolve() if self.cache_dir else self.out / "cache"
        return DocumentCache(root)
