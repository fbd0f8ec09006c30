"""The release gate's verdicts: each expectation's outcome and each table's report.

Apart from the suites that produce them and the process that runs those, so that the
release code and the Dagster checks read verdicts without importing Great Expectations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pipeline.contract.contracts import table as contract


@dataclass(frozen=True)
class Outcome:
    """One expectation's result, in the words a person reading the report needs."""

    table: str
    column: str | None
    expectation: str
    success: bool
    unexpected_count: int | None
    examples: tuple[str, ...]

    def describe(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        detail = ""
        if self.unexpected_count:
            detail = f": {self.unexpected_count} bad value(s), e.g. {', '.join(self.examples)}"
        return f"{where} failed {self.expectation}{detail}"


@dataclass(frozen=True)
class TableReport:
    table: str
    rows: int
    outcomes: tuple[Outcome, ...]

    @property
    def success(self) -> bool:
        return all(o.success for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    def to_dict(self) -> dict:
        return {"table": self.table, "rows": self.rows, "success": self.success,
                "expectations": [asdict(o) for o in self.outcomes]}

    @classmethod
    def from_dict(cls, raw: dict) -> TableReport:
        return cls(table=raw["table"], rows=raw["rows"], outcomes=tuple(
            Outcome(**{**o, "examples": tuple(o["examples"])}) for o in raw["expectations"]))


def required_tables(name: str, profile: str = "full") -> list[str]:
    """The other tables a table's suite reads: the referenced ones, and documents for spans
    (which a release without article text cannot check)."""
    spec = contract(name).in_profile(profile)
    needed = {c.references.split(".")[0] for c in spec.columns if c.references}
    if spec.spans:
        needed.add("documents")
    needed.discard(name)
    return sorted(needed)
