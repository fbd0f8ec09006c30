"""Table contracts read from `schemas/*.yaml`.

Each table is described once (columns, types, nullability, descriptions, allowed values,
references, text spans), and each set of allowed values once, in `schemas/domains.yaml`,
however many columns take it; the Arrow schemas, the DuckDB DDL, the Great Expectations suites
and datapackage.json are all derived from these objects, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pyarrow as pa
import yaml

# Installed from a wheel the contracts are package data (pipeline/schemas); in a checkout,
# and an editable install of it, they are the repository's schemas/ folder.
_PACKAGE = Path(__file__).resolve().parent.parent
SCHEMA_DIR = (_PACKAGE / "schemas" if (_PACKAGE / "schemas").is_dir()
              else _PACKAGE.parent / "schemas")

DOMAINS_FILE = "domains.yaml"
VIEWS_FILE = "views.yaml"
# How much article text a release carries: `full` everything, `public` no article text but
# the quotes (what quote datasets publish), `none` not even those. A column the contract
# marks with `profiles:` exists only in those; every other column is in all three, so the
# ids, offsets and hashes of every profile are the same and their tables join.
PROFILES = ("full", "public", "none")

# Order in which tables are written and validated: referenced tables come first.
TABLE_ORDER = (
    "documents", "rejected", "removed_lines", "actors", "mentions", "quotes", "places", "events",
    "event_actors", "real_events",
)

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "list<string>": pa.list_(pa.string()),
}
_DUCKDB_TYPES = {
    "string": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN",
    "date": "DATE", "list<string>": "VARCHAR[]",
}
# Frictionless table-schema types; lists have no native type there and are described as arrays.
_FRICTIONLESS_TYPES = {
    "string": "string", "int64": "integer", "float64": "number", "bool": "boolean",
    "date": "date", "list<string>": "array",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = False
    unique: bool = False
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    references: str | None = None  # "table.column"
    profiles: tuple[str, ...] = PROFILES

    @property
    def arrow_type(self) -> pa.DataType:
        return _ARROW_TYPES[self.type]

    @property
    def duckdb_type(self) -> str:
        return _DUCKDB_TYPES[self.type]


@dataclass(frozen=True)
class Span:
    """Three columns such that documents.clean_text[start:end] == text for the row's doc_id."""

    start: str
    end: str
    text: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...]
    spans: tuple[Span, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"table {self.name} has no column {name!r}")

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.arrow_type, nullable=c.nullable) for c in self.columns],
            metadata={"table": self.name, "description": self.description},
        )

    def duckdb_ddl(self) -> str:
        cols = ",\n  ".join(
            f'"{c.name}" {c.duckdb_type}{"" if c.nullable else " NOT NULL"}' for c in self.columns
        )
        pk = ", ".join(f'"{k}"' for k in self.primary_key)
        return f'CREATE TABLE "{self.name}" (\n  {cols},\n  PRIMARY KEY ({pk})\n)'

    def frictionless_schema(self) -> dict:
        fields = []
        for c in self.columns:
            f: dict = {"name": c.name, "type": _FRICTIONLESS_TYPES[c.type],
                       "description": c.description}
            constraints: dict = {}
            if not c.nullable:
                constraints["required"] = True
            if c.unique:
                constraints["unique"] = True
            if c.allowed:
                constraints["enum"] = list(c.allowed)
            if c.pattern:
                constraints["pattern"] = c.pattern
            if c.minimum is not None:
                constraints["minimum"] = c.minimum
            if c.maximum is not None:
                constraints["maximum"] = c.maximum
            if constraints:
                f["constraints"] = constraints
            fields.append(f)
        schema: dict = {"fields": fields, "primaryKey": list(self.primary_key)}
        fks = [
            {"fields": [c.name],
             "reference": {"resource": c.references.split(".")[0],
                           "fields": [c.references.split(".")[1]]}}
            for c in self.columns if c.references
        ]
        if fks:
            schema["foreignKeys"] = fks
        return schema

    def in_profile(self, profile: str) -> Table:
        """The table as a release of that profile has it: without the columns the profile
        leaves out, and without the text spans it can no longer check."""
        if profile not in PROFILES:
            raise ValueError(f"unknown text profile {profile!r}; choose one of {PROFILES}")
        columns = tuple(c for c in self.columns if profile in c.profiles)
        kept = {c.name for c in columns}
        with_text = profile in table("documents").column("clean_text").profiles
        return replace(self, columns=columns,
                       spans=tuple(s for s in self.spans if with_text and s.text in kept))

    def project(self, data: pa.Table) -> pa.Table:
        """`data` (a table of the full contract) with only this contract's columns."""
        return data.select(self.column_names)

    def empty(self) -> pa.Table:
        return self.arrow_schema.empty_table()

    def check_rows(self, rows: list[dict]) -> None:
        """A key the contract does not know is an error: Arrow would drop it silently, and the
        code producing rows must not drift from the contract."""
        unknown = set().union(*rows) - set(self.column_names) if rows else set()
        if unknown:
            raise ValueError(f"rows for table {self.name} have columns its contract "
                             f"(schemas/{self.name}.yaml) lacks: {sorted(unknown)}")

    def from_rows(self, rows: list[dict]) -> pa.Table:
        """Build the table in its canonical row order, so the same rows give the same bytes."""
        self.check_rows(rows)
        return self.in_order(
            pa.Table.from_pylist(rows, schema=self.arrow_schema) if rows else self.empty())

    def from_parts(self, parts: list[pa.Table]) -> pa.Table:
        """One table from parts holding disjoint rows, in canonical row order."""
        return self.in_order(pa.concat_tables(parts).cast(self.arrow_schema) if parts
                             else self.empty())

    def in_order(self, table: pa.Table) -> pa.Table:
        return table.sort_by([(k, "ascending") for k in self.sort_by])


@cache
def domains() -> dict[str, tuple[str, ...]]:
    """Every named set of allowed values, from schemas/domains.yaml."""
    raw = yaml.safe_load((SCHEMA_DIR / DOMAINS_FILE).read_text(encoding="utf-8"))
    return {name: tuple(values) for name, values in raw.items()}


def _allowed(raw: dict, where: str) -> tuple[str, ...] | None:
    name = raw.get("allowed")
    if name is None:
        return None
    if name not in domains():
        raise ValueError(f"{where}: column {raw['name']} allows {name!r}, which "
                         f"schemas/{DOMAINS_FILE} does not define")
    return domains()[name]


def _column(raw: dict, where: str) -> Column:
    return Column(
        name=raw["name"],
        type=raw["type"],
        description=raw["description"],
        nullable=bool(raw.get("nullable", False)),
        unique=bool(raw.get("unique", False)),
        allowed=_allowed(raw, where),
        pattern=raw.get("pattern"),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        references=raw.get("references"),
        profiles=_profiles(raw, where),
    )


def _profiles(raw: dict, where: str) -> tuple[str, ...]:
    profiles = tuple(raw.get("profiles", PROFILES))
    unknown = set(profiles) - set(PROFILES)
    if unknown or "full" not in profiles:
        raise ValueError(f"{where}: column {raw['name']} has profiles {list(profiles)}; they "
                         f"must be among {list(PROFILES)} and include full")
    return profiles


def _read(path: Path) -> Table:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    columns = tuple(_column(c, path.name) for c in raw["columns"])
    unknown = {c.type for c in columns} - _ARROW_TYPES.keys()
    if unknown:
        raise ValueError(f"{path}: unknown column types {sorted(unknown)}")
    return Table(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        description=" ".join(raw["description"].split()),
        columns=columns,
        primary_key=tuple(raw["primary_key"]),
        sort_by=tuple(raw.get("sort_by", raw["primary_key"])),
        spans=tuple(Span(**s) for s in raw.get("spans", [])),
    )


@cache
def tables() -> dict[str, Table]:
    """Every table contract, in TABLE_ORDER."""
    found = {t.name: t for t in (_read(p) for p in sorted(SCHEMA_DIR.glob("*.yaml"))
                                 if p.name not in (DOMAINS_FILE, VIEWS_FILE))}
    missing = set(TABLE_ORDER) - found.keys()
    extra = found.keys() - set(TABLE_ORDER)
    if missing or extra:
        raise ValueError(f"schemas/ must describe exactly {TABLE_ORDER}; "
                         f"missing {sorted(missing)}, unexpected {sorted(extra)}")
    return {name: found[name] for name in TABLE_ORDER}


@dataclass(frozen=True)
class View:
    """A view of parley.duckdb: a question researchers ask, answered by the tables."""

    name: str
    description: str
    sql: str
    profiles: tuple[str, ...] = PROFILES  # the text profiles whose columns it reads

    def duckdb_ddl(self) -> str:
        return f'CREATE VIEW "{self.name}" AS {self.sql}'


@cache
def views() -> tuple[View, ...]:
    """The views of schemas/views.yaml."""
    raw = yaml.safe_load((SCHEMA_DIR / VIEWS_FILE).read_text(encoding="utf-8"))["views"]
    return tuple(View(v["name"], v["description"], v["sql"],
                      tuple(v.get("profiles", PROFILES))) for v in raw)


def table(name: str) -> Table:
    return tables()[name]
