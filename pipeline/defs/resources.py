"""Where Parley reads articles and writes releases."""

from pathlib import Path

import dagster as dg


class ParleyPaths(dg.ConfigurableResource):
    """The raw and output folders; relative paths resolve against the working directory."""

    raw_dir: str = "data/raw"
    out_dir: str = "data/out"

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir).expanduser().resolve()

    @property
    def out(self) -> Path:
        return Path(self.out_dir).expanduser().resolve()
