"""The value types the code uses and the value sets the contracts declare are one list each."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from pipeline.contract.contracts import domains, table, tables
from pipeline.contract.values import DOMAIN_TYPES
from pipeline.extract import records


@pytest.mark.parametrize("name", sorted(domains()))
def test_each_value_set_has_a_type_with_the_same_values(name):
    assert name in DOMAIN_TYPES, f"pipeline/contract/values.py has no type for {name}"
    assert typing.get_args(DOMAIN_TYPES[name]) == domains()[name]


def test_every_type_names_a_value_set_of_the_contracts():
    assert set(DOMAIN_TYPES) == set(domains())


def test_every_value_set_is_used_by_a_column():
    used = {c.allowed for t in tables().values() for c in t.columns if c.allowed}
    assert set(domains().values()) <= used


# (record class, field) -> (table, column) whose values the field becomes
RECORD_COLUMNS = {
    (records.Actor, "type"): ("actors", "type"),
    (records.Mention, "method"): ("mentions", "method"),
    (records.Quote, "kind"): ("quotes", "kind"),
    (records.EventActor, "role"): ("event_actors", "role"),
    (records.Event, "event_type"): ("events", "event_type"),
    (records.Event, "status"): ("events", "status"),
    (records.Event, "date_precision"): ("events", "date_precision"),
    (records.Event, "date_basis"): ("events", "date_basis"),
    (records.Event, "place_basis"): ("events", "place_basis"),
    (records.Event, "mode"): ("events", "event_mode"),
}


@pytest.mark.parametrize(("record", "field"), sorted(RECORD_COLUMNS, key=str))
def test_record_fields_are_typed_with_their_columns_value_set(record, field):
    hints = typing.get_type_hints(record)
    name, column = RECORD_COLUMNS[record, field]
    allowed = set(table(name).column(column).allowed or ())
    assert _literal_values(hints[field]) == allowed, f"{record.__name__}.{field}"
    assert field in {f.name for f in dataclasses.fields(record)}


def _literal_values(hint: object) -> set[str]:
    """The values of Literal[...] or of Literal[...] | None."""
    if typing.get_origin(hint) is typing.Literal:
        return set(typing.get_args(hint))
    return {v for arg in typing.get_args(hint) if arg is not type(None)
            for v in _literal_values(arg)}
