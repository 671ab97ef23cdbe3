"""Each fact kind is declared once, in its dataclass: rows, dicts, stored files and restore checks follow it."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from kanban.domain import fact_schema
from kanban.domain.fact_schema import FACT_SCHEMAS, INVOICES, FactSchema
from kanban.domain.model import Event, EventKind, Facts, Invoice, TimeEntry
from kanban.store import Store
from kanban.transfer import schema as restore_schema

ROOT = Path(__file__).resolve().parents[1]

FACTS = (
    Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0, due=dt.date(2026, 1, 19), dunning_level=2, credit_note=True),
    TimeEntry("K-1", dt.date(2026, 1, 4), 3.5, billable=False, project="Web", activity="Layout", key="t1"),
    Event("K-1", dt.date(2026, 1, 6), EventKind.RUSH_REQUEST, note="bis morgen", project="Web", key="e1"),
)


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: type(f).__name__)
def test_a_fact_comes_back_the_same_from_its_row_and_its_dict(fact: object) -> None:
    schema = next(s for s in FACT_SCHEMAS if s.cls is type(fact))
    assert schema.from_row("K-1", json.loads(json.dumps(schema.to_row(fact)))) == fact
    assert schema.from_dict(json.loads(json.dumps(schema.to_dict(fact)))) == fact
    assert list(schema.to_dict(fact)) == [f.name for f in dataclasses.fields(fact)]  # type: ignore[arg-type]


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: type(f).__name__)
def test_a_fact_made_by_the_importers_constructor_is_the_dataclass_s_own(fact: object) -> None:
    schema = next(s for s in FACT_SCHEMAS if s.cls is type(fact))
    made = schema.make(*(getattr(fact, name) for name in schema.names))
    assert type(made) is type(fact) and made == fact and hash(made) == hash(fact) and repr(made) == repr(fact)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.customer_id = "K-2"


def _string_constants(path: Path) -> set[str]:
    return {node.value for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Constant)
            and isinstance(node.value, str)}  # fmt: skip


def test_no_code_between_the_declaration_and_the_files_names_a_fact_field() -> None:
    """Adding a field to an invoice is one edit: codec, store and restore take the fields from the dataclass."""
    fields = {"issued", "due", "paid", "dunning_level", "credit_note", "hours", "billable", "activity", "note"}
    modules = [
        ROOT / "kanban" / "domain" / "codec.py",
        ROOT / "kanban" / "domain" / "fact_schema.py",
        ROOT / "kanban" / "store" / "facts.py",
        ROOT / "kanban" / "store" / "store.py",
        *(ROOT / "kanban" / "transfer").glob("*.py"),
    ]
    for module in modules:
        assert not fields & _string_constants(module), module


@dataclasses.dataclass(frozen=True, slots=True)
class InvoiceWithCurrency(Invoice):
    currency: str = "EUR"


def test_a_field_added_to_a_declaration_is_stored_exported_checked_and_read_from_older_files() -> None:
    schema = FactSchema(InvoiceWithCurrency, "invoices", identity="number")
    invoice = InvoiceWithCurrency("R-1", "K-1", dt.date(2026, 1, 5), 80.0, currency="CHF")
    assert schema.to_row(invoice)[-1] == "CHF" and schema.to_dict(invoice)["currency"] == "CHF"
    assert schema.from_row("K-1", schema.to_row(invoice)) == invoice
    # a file written before the field existed: read by field name, the new field takes its default
    old_row = INVOICES.to_row(Invoice("R-2", "K-1", dt.date(2026, 2, 1), 90.0))
    converted = schema.relayout(list(INVOICES.row_names))(old_row)  # type: ignore[misc]
    assert schema.from_row("K-1", converted).currency == "EUR"
    # a restore checks the new field like any other text
    assert restore_schema.fact_spec(schema)["currency"] == (restore_schema._text, "EUR")


def test_a_stored_layout_that_lacks_a_required_field_cannot_be_converted() -> None:
    assert INVOICES.relayout([name for name in INVOICES.row_names if name != "net"]) is None
    assert INVOICES.relayout([*INVOICES.row_names, "currency"]) is None


def test_a_fact_field_of_a_type_without_a_stored_form_is_found_when_declared() -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        customer_id: str
        at: dt.datetime

    with pytest.raises(TypeError, match="stored form"):
        fact_schema.FactSchema(Odd, "odd", identity="customer_id")


def test_a_database_reads_rows_in_the_declared_order(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.add_facts(invoices=[FACTS[0]], time_entries=[FACTS[1]], events=[FACTS[2]])
    for schema in FACT_SCHEMAS:
        stored = json.loads((tmp_path / "db" / f"{schema.table}.json").read_text())
        assert stored["meta"]["1"]["fields"] == list(schema.row_names)
    with Store.open(tmp_path / "db", readonly=True) as store:
        assert store.facts_of("K-1") == Facts(*((fact,) for fact in FACTS))


# Valid values, each wrong type, and the edges of each check: a column of one of these, or of two.
_ODD_VALUES = [
    "", "text", "rush_request", "2026-11-27", "20261127", "2026-02-30", "2026-11-27T10:00", " 2026-11-27",
    0, 1, -1, 2**70, 10**400, 0.0, -0.0, 1.5, 1e300, float("nan"), float("inf"), float("-inf"), True, False, None,
    dt.date(2026, 11, 27), dt.datetime(2026, 11, 27, 10, 0), [], {},
]  # fmt: skip
_CHECKS = {
    **restore_schema._VALUE_CHECKS,
    **{
        f"{kind.table}.{name}": check
        for kind, spec in restore_schema._FACT_SPECS
        for name, (check, _) in spec.items()
        if isinstance(check, restore_schema._Choice)
    },
}


def _by_row(check: restore_schema.Check, column: list) -> list | None:
    """The column as the row-by-row check returns it; None if it refuses a value."""
    try:
        return [check(value, ("rows", at)) for at, value in enumerate(column)]
    except restore_schema.Invalid:
        return None


@pytest.mark.parametrize("name", _CHECKS)
def test_a_column_checked_at_once_refuses_what_the_check_refuses_and_returns_what_it_returns(name: str) -> None:
    check = _CHECKS[name]
    columns = [[value] for value in _ODD_VALUES] + [[a, b] for a in _ODD_VALUES for b in _ODD_VALUES]
    at_once = 0
    for column in columns:
        expected = _by_row(check, column)
        checked = restore_schema._checked_column(check, set(map(type, column)), lambda column=column: list(column))
        if checked is restore_schema._NOT_PLAIN:
            continue  # checked row by row: the row path decides
        at_once += 1
        assert expected is not None, f"{name}: {column!r} accepted at once, refused row by row"
        got = column if checked is None else list(checked)
        assert got == expected and list(map(type, got)) == list(map(type, expected)), column
    assert at_once, f"{name} has no column form: every table would be checked row by row"
