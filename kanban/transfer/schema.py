"""What an export holds and how a restore checks it, field by field, before it writes anything.

The fact tables' fields, order and defaults come from their declaration
(kanban.domain.fact_schema); a problem is raised with the path of keys to it,
which the reader turns into a line of the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import groupby, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from kanban.domain import codec
from kanban.domain.audit import ChainBreak, first_broken
from kanban.domain.excerpt import excerpt
from kanban.domain.fact_schema import REQUIRED
from kanban.domain.model import Column, Customer, DecisionKind, EventKind, parse_quarter
from kanban.resources import default_rules_path
from kanban.store.facts import EVENTS, FACT_KINDS, INVOICES, TIME_ENTRIES, FactKind, rows_text
from kanban.texts import text as catalogue_text
from kanban.transfer.yaml_in import RowLines

FORMAT_VERSION = 1


_TOP_KEYS = (
    "kundenboard_export", "exported_at", "kundenboard_version", "as_of", "lang", "rule_set", "counts",
    "columns", "facts", "decisions", "snapshots", "rule_set_text",
)  # fmt: skip
FACT_TABLES = tuple(kind.table for kind in FACT_KINDS)
_COUNT_KEYS = (*(c.value for c in Column), *FACT_TABLES, "decisions", "snapshots")
# What the store keeps; a table outside these would be missing from the export.
KNOWN_TABLES = {"meta", "customers", "snapshots", *FACT_TABLES}


@dataclass(frozen=True)
class FactRows:
    """One kind's checked facts as the store keeps them: each customer's rows as their document's text."""

    texts: dict[str, str]  # customer number -> rows, in the file's order
    first_rows: dict[str, int]  # customer number -> the index of their first row: a fact of an unlisted customer
    count: int
    stored: tuple[int, int]  # documents and length of their texts, as the store's file must read back

    def __len__(self) -> int:
        return self.count


@dataclass(frozen=True)
class Plan:
    """A checked export, ready to be written."""

    customers: list[Customer]
    facts: dict[str, FactRows]  # by table
    decisions: list[dict[str, Any]]
    snapshots: list[dict[str, Any]]
    rule_text: str | None
    rule_sha256: str


class Invalid(Exception):
    """A problem at a place in the export: the path of keys and indexes leading to it."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


_REQUIRED = object()
Check = Callable[[Any, tuple[str | int, ...]], Any]
# A check's column form: a whole column at once, from the types it holds and (read only if needed) its values.
# It returns the values as the check returns them, None if those are the values given, or _NOT_PLAIN to have
# them checked one by one; it never accepts what the check refuses (tests/test_fact_schema.py holds them to it).
ColumnForm = Callable[[set[type], Callable[[], list[Any]]], Any]
_NOT_PLAIN: Any = object()
_COLUMN_FORMS: dict[Check, ColumnForm] = {}


def _column_form_of(check: Check) -> Callable[[ColumnForm], ColumnForm]:
    def register(form: ColumnForm) -> ColumnForm:
        _COLUMN_FORMS[check] = form
        return form

    return register


def _show(value: Any) -> str:
    return excerpt(value)  # bounded: repr() of a large value would build all of it first


def _text(value: Any, path: tuple[str | int, ...]) -> str:
    if isinstance(value, str):
        return value
    raise Invalid(path, catalogue_text("transfer.not_text", value=_show(value)))


@_column_form_of(_text)
def _text_column(types: set[type], values_of: Callable[[], list[Any]]) -> Any:
    return None if types <= {str} else _NOT_PLAIN


def _opt_text(value: Any, path: tuple[str | int, ...]) -> str | None:
    return None if value is None else _text(value, path)


def _date(value: Any, path: tuple[str | int, ...]) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise Invalid(path, catalogue_text("transfer.not_date", value=_show(value)))


@_column_form_of(_date)
def _date_column(types: set[type], values_of: Callable[[], list[Any]]) -> Any:
    return _iso_dates_column(values_of()) if types <= {str} else _NOT_PLAIN  # a date object: one by one


def _opt_date(value: Any, path: tuple[str | int, ...]) -> str | None:
    return None if value is None else _date(value, path)


@_column_form_of(_opt_date)
def _opt_date_column(types: set[type], values_of: Callable[[], list[Any]]) -> Any:
    return _iso_dates_column(values_of()) if types <= {str, type(None)} else _NOT_PLAIN


def _iso_dates_column(values: list[Any]) -> Any:
    dates = _iso_dates(values)
    return _NOT_PLAIN if dates is None else (None if dates is values else dates)


def _iso_dates(values: list[Any]) -> list[Any] | None:
    """The dates (or nulls) as _date writes them; None if one is not a date. Each different date is read once."""
    try:
        written: dict[Any, Any] = {value: dt.date.fromisoformat(value).isoformat() for value in set(values) - {None}}
    except ValueError:
        return None
    if all(key == value for key, value in written.items()):
        return values
    written[None] = None
    return list(map(written.__getitem__, values))


def _timestamp(value: Any, path: tuple[str | int, ...]) -> str:
    if isinstance(value, dt.datetime):
        raise Invalid(path, catalogue_text("transfer.time_in_quotes", time=value.isoformat()))
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise Invalid(path, catalogue_text("transfer.not_time", value=_show(value)))


def _number(value: Any, path: tuple[str | int, ...]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            if math.isfinite(value):
                return float(value)
        except OverflowError:  # an integer past a float's range (10**400) is no amount either
            pass
    raise Invalid(path, catalogue_text("transfer.not_number", value=_show(value)))


@_column_form_of(_number)
def _number_column(types: set[type], values_of: Callable[[], list[Any]]) -> Any:
    if not types <= {float, int}:
        return _NOT_PLAIN
    values = values_of()
    try:
        if not all(map(math.isfinite, values)):
            return _NOT_PLAIN
    except OverflowError:  # an integer past a float's range: refused row by row, by its place
        return _NOT_PLAIN
    return list(map(float, values)) if int in types else None


def _opt_number(value: Any, path: tuple[str | int, ...]) -> float | None:
    return None if value is None else _number(value, path)


def _int(value: Any, path: tuple[str | int, ...]) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Invalid(path, catalogue_text("transfer.not_whole", value=_show(value)))


@_column_form_of(_int)
def _int_column(types: set[type], values_of: Callable[[], list[Any]]) -> Any:
    return None if types <= {int} else _NOT_PLAIN  # type(True) is bool: flags are not whole numbers here


def _bool(value: Any, path: tuple[str | int, ...]) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(path, catalogue_text("transfer.not_bool", value=_show(value)))


@_column_form_of(_bool)
def _bool_column(types: set[type], values_of: Callable[[], list[Any]]) -> Any:
    return None if types <= {bool} else _NOT_PLAIN


class _Choice:
    """One of a few words (a column, an event kind); knows them, so a whole table's column is checked at once."""

    def __init__(self, kind: str, values: list[str]) -> None:
        self.kind, self.values, self.allowed = kind, values, frozenset(values)

    def __call__(self, value: Any, path: tuple[str | int, ...]) -> str:
        if isinstance(value, str) and value in self.allowed:
            return value
        raise Invalid(
            path,
            catalogue_text(
                "transfer.not_choice", value=_show(value), kind=catalogue_text(self.kind),
                values=", ".join(self.values),
            ),
        )  # fmt: skip

    def column(self, types: set[type], values_of: Callable[[], list[Any]]) -> Any:
        return None if types <= {str} and set(values_of()) <= self.allowed else _NOT_PLAIN


_choice = _Choice


_column = _choice("transfer.a_column", [c.value for c in Column])


def _opt_column(value: Any, path: tuple[str | int, ...]) -> str | None:
    return None if value is None else _column(value, path)


def _text_list(value: Any, path: tuple[str | int, ...]) -> list[str]:
    if not isinstance(value, list):
        raise Invalid(path, catalogue_text("transfer.not_text_list", value=_show(value)))
    return [_text(item, (*path, i)) for i, item in enumerate(value)]


def _int_list(value: Any, path: tuple[str | int, ...]) -> list[int]:
    if not isinstance(value, list):
        raise Invalid(path, catalogue_text("transfer.not_int_list", value=_show(value)))
    return [_int(item, (*path, i)) for i, item in enumerate(value)]


def _mapping(value: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise Invalid(path, catalogue_text("transfer.not_mapping", value=_show(value)))


def _metrics(value: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
    for name, number in _mapping(value, path).items():
        is_number = isinstance(number, int | float) and not isinstance(number, bool)
        if not isinstance(name, str) or not (number is None or is_number):
            raise Invalid((*path, str(name)), catalogue_text("transfer.not_metric", value=_show(number)))
    return value


def _plain(value: Any, path: tuple[str | int, ...]) -> None:
    """Only what the store can keep as JSON: text, numbers, true/false, null, lists and mappings of them."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise Invalid(path, catalogue_text("transfer.key_not_text", field=_show(key)))
            _plain(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _plain(item, (*path, index))
    elif not (value is None or isinstance(value, str | int | float | bool)):
        raise Invalid(path, catalogue_text("transfer.not_storable", value=_show(value)))


def _list(value: Any, path: tuple[str | int, ...]) -> list[Any]:
    if isinstance(value, list):
        return value
    raise Invalid(path, catalogue_text("transfer.not_list", value=_show(value)))


def _rows(value: Any, path: tuple[str | int, ...]) -> Any:
    """A table's rows: a list, or the lines a restore read them from (parsed when checked)."""
    return value if isinstance(value, RowLines) else _list(value, path)


# Field -> (check, default or _REQUIRED), in codec order. Defaults follow the codec's.
_CUSTOMER: dict[str, tuple[Check, Any]] = {
    "id": (_text, _REQUIRED), "name": (_text, _REQUIRED), "contract": (_bool, False),
    "contract_until": (_opt_date, None), "prospect": (_bool, False), "contact": (_text, ""),
    "notes": (_text, ""), "tags": (_text_list, []), "since": (_opt_date, None),
}  # fmt: skip
# A fact field's check by its value kind; the fields, their order and defaults are the declaration's.
_VALUE_CHECKS: dict[str, Check] = {
    "text": _text, "number": _number, "int": _int, "flag": _bool, "date": _date, "optional_date": _opt_date,
}  # fmt: skip
_CHOICE_NAMES = {EventKind.__name__: "transfer.an_event_kind"}


def fact_spec(schema: FactKind) -> dict[str, tuple[Check, Any]]:
    """Field -> (check, default or _REQUIRED), in the declaration's order (the export's columns)."""
    spec = {}
    for field in schema.fields:
        kind = field.kind
        check = _choice(_CHOICE_NAMES[kind.name], list(kind.choices)) if kind.choices else _VALUE_CHECKS[kind.name]
        spec[field.name] = (check, _REQUIRED if field.default is REQUIRED else kind.to_plain(field.default))
    return spec


_PSEUDONYM = re.compile(r"P-[0-9a-f]{8}")  # a number `forget` gave
_FACT_SPECS = tuple((kind, fact_spec(kind)) for kind in (INVOICES, TIME_ENTRIES, EVENTS))
# Every key of a decision is covered by its hash, so all are required and none is changed; the last
# three are there only in entries that have them (see kanban.domain.audit).
_DECISION: dict[str, tuple[Check, Any]] = {
    "id": (_int, _REQUIRED), "at": (_timestamp, _REQUIRED), "customer_id": (_text, _REQUIRED),
    "from": (_column, _REQUIRED), "to": (_column, _REQUIRED),
    "kind": (_choice("transfer.a_decision_kind", [k.value for k in DecisionKind]), _REQUIRED),
    "reason": (_text, _REQUIRED), "actor": (_text, _REQUIRED), "quarter": (_text, _REQUIRED),
    "review": (_opt_text, _REQUIRED), "suggested": (_opt_column, _REQUIRED), "score": (_opt_number, _REQUIRED),
    "fired_rules": (_text_list, _REQUIRED), "metrics": (_metrics, _REQUIRED),
    "prev_hash": (_text, _REQUIRED), "hash": (_text, _REQUIRED),
    "salt": (_text, ""), "sealed": (_text, ""), "erased": (_int_list, []),
}  # fmt: skip
_RULE_SET: dict[str, tuple[Check, Any]] = {
    "file": (_text, _REQUIRED),
    "version": (_int, _REQUIRED),
    "sha256": (_text, _REQUIRED),
}


def _record(
    raw: Any, path: tuple[str | int, ...], spec: dict[str, tuple[Check, Any]], ignored: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Check one record against its fields; returns the fields in spec order, defaults filled in."""
    raw = _mapping(raw, path)
    for key in raw:
        if key not in spec and key not in ignored:
            known = ", ".join(spec)
            raise Invalid((*path, key), catalogue_text("transfer.unknown_key", field=_show(key), known=known))
    out = {}
    for key, (check, default) in spec.items():
        if key in raw:
            out[key] = check(raw[key], (*path, key))
        elif default is _REQUIRED:
            raise Invalid(path, catalogue_text("transfer.missing_key", field=repr(key)))
        else:
            out[key] = default
    return out


def checked_export(data: Any) -> Plan:
    """Check the whole export; raises Invalid at the first problem."""
    if not isinstance(data, dict) or "kundenboard_export" not in data:
        raise Invalid((), catalogue_text("transfer.not_an_export"))  # fmt: skip
    version = data["kundenboard_export"]
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise Invalid(("kundenboard_export",), catalogue_text("transfer.newer", version=version,
                                                               readable=FORMAT_VERSION))  # fmt: skip
    if version != FORMAT_VERSION:
        raise Invalid(("kundenboard_export",), catalogue_text("transfer.not_format", value=_show(version)))
    for key in data:
        if key not in _TOP_KEYS:
            raise Invalid((key,), catalogue_text("transfer.unknown_top_key", field=_show(key)))
    for key in _TOP_KEYS:
        if key not in data:
            raise Invalid((), catalogue_text("transfer.missing_top_key", field=repr(key)))
    _timestamp(data["exported_at"], ("exported_at",))
    _text(data["kundenboard_version"], ("kundenboard_version",))
    _date(data["as_of"], ("as_of",))
    _choice("transfer.a_language", ["de", "en"])(data["lang"], ("lang",))
    rule_set = _record(data["rule_set"], ("rule_set",), _RULE_SET)
    rule_text = _rule_set_text(data["rule_set_text"], rule_set["sha256"])
    customers = _customers(data["columns"])
    facts = _facts(data["facts"])
    _facts_of_listed_customers(facts, customers)
    decisions = _decisions(data["decisions"], customers)
    snapshots = _snapshots(data["snapshots"])
    _check_counts(data["counts"], customers, facts, decisions, snapshots)
    return Plan(
        [customer for customer, _ in customers.values()], facts, decisions, snapshots, rule_text, rule_set["sha256"]
    )


def _rule_set_text(text: Any, sha256: str) -> str | None:
    """The rule set the board was exported with; null (written by hand) restores with the shipped rules."""
    if text is None:
        return None
    _text(text, ("rule_set_text",))
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        raise Invalid(("rule_set_text",), catalogue_text("transfer.rules_text_changed"))  # fmt: skip
    return text


def _customers(columns: Any) -> dict[str, tuple[Customer, tuple[str | int, ...]]]:
    """Customer number -> (customer in the column it is listed under, where it is listed)."""
    columns = _mapping(columns, ("columns",))
    for key in columns:
        _column(key, ("columns", key))
    found: dict[str, tuple[Customer, tuple[str | int, ...]]] = {}
    for column in Column:
        if column.value not in columns:
            raise Invalid(("columns",), catalogue_text("transfer.missing_column", column=repr(column.value)))
        entries = columns[column.value] or []
        for index, raw in enumerate(_list(entries, ("columns", column.value))):
            path = ("columns", column.value, index)
            fields = _record(raw, path, _CUSTOMER, ignored=("metrics", "suggestion"))
            if not fields["id"].strip():
                raise Invalid((*path, "id"), catalogue_text("records.restore_empty_id"))
            if fields["id"] in found:
                first = dotted(found[fields["id"]][1])
                raise Invalid((*path, "id"), catalogue_text("transfer.customer_twice", number=fields["id"],
                                                             first=first))  # fmt: skip
            customer = codec.customer_from_dict({**fields, "column": column.value})
            found[customer.id] = (customer, path)
    return found


def _facts(facts: Any) -> dict[str, FactRows]:
    facts = _mapping(facts, ("facts",))
    for key in facts:
        if key not in FACT_TABLES:
            raise Invalid(
                ("facts", key),
                catalogue_text("transfer.unknown_fact_kind", kind=_show(key), kinds=", ".join(FACT_TABLES)),
            )
    for key in FACT_TABLES:
        if key not in facts:
            raise Invalid(("facts",), catalogue_text("transfer.missing_fact_key", field=repr(key)))
    return {kind.table: _fact_list(facts[kind.table], kind, spec) for kind, spec in _FACT_SPECS}


def _facts_of_listed_customers(facts: dict[str, FactRows], customers: Mapping[str, Any]) -> None:
    """A fact of a customer the file does not list would come back as the data of nobody on the board."""
    for kind, rows in facts.items():
        unlisted = rows.texts.keys() - customers.keys()
        if unlisted:
            index, customer_id = min((rows.first_rows[customer_id], customer_id) for customer_id in unlisted)
            raise Invalid(
                ("facts", kind, "rows", index), catalogue_text("records.restore_unlisted_fact", customer=customer_id)
            )


def _fact_list(raw: Any, schema: FactKind, spec: dict[str, tuple[Check, Any]]) -> FactRows:
    """Facts of one kind from their table; two with the same identity would be merged by the store, so are refused.

    Each field is checked a column at a time; only a table where that finds a problem is checked row by row,
    which names the first problem's row and field.
    """
    kind = schema.table
    path: tuple[str | int, ...] = ("facts", kind)
    table = _record(raw, path, {"columns": (_text_list, _REQUIRED), "rows": (_rows, _REQUIRED)})
    names = table["columns"]
    for index, name in enumerate(names):
        if name not in spec or name in names[:index]:
            problem = (
                catalogue_text("transfer.appears_twice")
                if name in spec
                else catalogue_text("transfer.not_a_field", kind=kind, known=", ".join(spec))
            )
            raise Invalid(
                (*path, "columns"), catalogue_text("transfer.bad_fact_column", column=repr(name), problem=problem)
            )
    rows = table["rows"].rows() if isinstance(table["rows"], RowLines) else table["rows"]
    checked = _checked_columns(rows, names, spec, schema.identity)
    if checked is None:
        return _by_customer(schema, _checked_rows(rows, names, spec, schema.identity, path))
    if not checked and names == list(schema.names):  # the rows are the store's, with the customer in them
        at = names.index("customer_id")
        customer_ids = list(map(itemgetter(at), rows))
        for row in rows:
            del row[at]
        return _grouped(customer_ids, rows)
    given = {name: map(itemgetter(at), rows) for at, name in enumerate(names)}
    return _by_customer(schema, {name: checked[name] if name in checked else given[name] for name in spec})


def _checked_columns(
    rows: list[Any], names: list[str], spec: dict[str, tuple[Check, Any]], identity: str
) -> dict[str, Iterable[Any]] | None:
    """Each field's values checked a column at a time: the fields whose values the check changed (or
    filled in), with their values; None where a value is not plainly right."""
    if set(map(type, rows)) - {list} or set(map(len, rows)) - {len(names)}:
        return None
    # The types each column holds, from the few kinds of row there are. The kinds are the rows' types, that is
    # tuple(map(type, row)) for each row, written as maps so that the pass over the rows runs in C.
    row_kinds = set(map(tuple, map(map, repeat(type), rows)))
    types = {name: {kinds[at] for kinds in row_kinds} for at, name in enumerate(names)}
    changed: dict[str, Iterable[Any]] = {}
    for name, (check, default) in spec.items():
        if name not in names:
            if default is _REQUIRED:
                return None
            changed[name] = repeat(default, len(rows))
        elif rows:
            checked = _checked_column(check, types[name], partial(_values_at, rows, names.index(name)))
            if checked is _NOT_PLAIN:
                return None
            if checked is not None:
                changed[name] = checked
    if len(set(map(itemgetter(names.index(identity)), rows))) != len(rows):
        return None
    return changed


def _values_at(rows: list[list[Any]], at: int) -> list[Any]:
    return list(map(itemgetter(at), rows))


def _checked_column(check: Check, types: set[type], values_of: Callable[[], list[Any]]) -> Any:
    """A column checked at once by the column form beside its check; _NOT_PLAIN for a check without one."""
    form = check.column if isinstance(check, _Choice) else _COLUMN_FORMS.get(check)
    return _NOT_PLAIN if form is None else form(types, values_of)


def _checked_rows(
    rows: list[Any], names: list[str], spec: dict[str, tuple[Check, Any]], identity: str, path: tuple[str | int, ...]
) -> dict[str, list[Any]]:
    """Each field's values, checked row by row: raises Invalid at the first problem, with its row and field."""
    seen: dict[str, int] = {}
    columns: dict[str, list[Any]] = {name: [] for name in spec}
    # Each field in spec order with its place in the row: what _record does for a mapping, without building one.
    plan = [(key, names.index(key) if key in names else None, check, default) for key, (check, default) in spec.items()]
    for index, row in enumerate(rows):
        row_path = (*path, "rows", index)
        if not isinstance(row, list) or len(row) != len(names):
            raise Invalid(row_path, catalogue_text("transfer.row_length", count=len(names), columns=", ".join(names)))
        for name, at, check, default in plan:
            if at is not None:
                columns[name].append(check(row[at], (*row_path, name)))
            elif default is _REQUIRED:
                raise Invalid(row_path, catalogue_text("transfer.missing_key", field=repr(name)))
            else:
                columns[name].append(default)
        key = columns[identity][-1]
        if key in seen:
            raise Invalid(
                (*row_path, identity),
                catalogue_text("transfer.repeated_row", identity=identity, field=repr(key), row=seen[key]),
            )
        seen[key] = index
    return columns


def _by_customer(schema: FactKind, columns: Mapping[str, Iterable[Any]]) -> FactRows:
    """The checked values as the store's rows (its fields, its order)."""
    stored = list(map(list, zip(*(columns[name] for name in schema.row_names), strict=True)))
    return _grouped(list(columns["customer_id"]), stored)


def _grouped(customer_ids: list[str], rows: list[list[Any]]) -> FactRows:
    """Each customer's rows in the file's order, as the text the store keeps."""
    texts: dict[str, str] = {}
    first_rows: dict[str, int] = {}
    apart: dict[str, list[list[Any]]] = {}  # customers whose facts are apart in the file: encoded at the end
    index = 0
    for customer_id, run in groupby(zip(customer_ids, rows, strict=True), key=itemgetter(0)):
        taken = list(map(itemgetter(1), run))
        if customer_id not in first_rows:
            texts[customer_id], first_rows[customer_id] = rows_text(taken), index
        else:
            apart.setdefault(customer_id, json.loads(texts[customer_id])).extend(taken)
        index += len(taken)
    texts.update((customer_id, rows_text(kept)) for customer_id, kept in apart.items())
    count = len(rows)
    rows.clear()  # the texts replace them
    return FactRows(texts, first_rows, count, (len(texts), sum(map(len, texts.values()))))


def _decisions(raw: Any, customers: dict[str, tuple[Customer, tuple[str | int, ...]]]) -> list[dict[str, Any]]:
    """The audit log as it was written: the chain must verify, and agree with the columns."""
    records = _list(raw or [], ("decisions",))
    latest: dict[str, int] = {}
    for index, record in enumerate(records):
        _record(record, ("decisions", index), _DECISION)
        latest[record["customer_id"]] = index
    broken = first_broken(records)
    if broken is not None:
        index = broken.position
        raise Invalid(("decisions", index), catalogue_text("transfer.decision_broken", entry=records[index]["id"],
                                                            what=_chain_problem(broken)))  # fmt: skip
    for customer_id, index in latest.items():
        if customer_id not in customers:
            if _PSEUDONYM.fullmatch(customer_id):
                continue  # an erasure interrupted by an older kundenboard left the log without the card
            raise Invalid(
                ("decisions", index),
                catalogue_text("records.restore_unlisted_decision", entry=records[index]["id"], customer=customer_id),
            )
        customer, path = customers[customer_id]
        moved_to = records[index]["to"]
        if moved_to != customer.column.value:
            raise Invalid(path, catalogue_text("transfer.column_disagrees", customer=customer_id,
                                                listed=customer.column.value, entry=records[index]["id"],
                                                moved=moved_to))  # fmt: skip
    return records


def _chain_problem(broken: ChainBreak) -> str:
    """The domain's finding on a broken chain, in the user's language."""
    return catalogue_text("transfer.chain_changed" if broken.changed else "transfer.chain_not_following")


def _snapshots(raw: Any) -> list[dict[str, Any]]:
    snapshots = _list(raw or [], ("snapshots",))
    seen: set[str] = set()
    for index, snapshot in enumerate(snapshots):
        path = ("snapshots", index)
        if "quarter" not in _mapping(snapshot, path):
            raise Invalid(path, catalogue_text("transfer.missing_quarter"))
        quarter = _text(snapshot["quarter"], (*path, "quarter"))
        try:
            parse_quarter(quarter)
        except ValueError:
            raise Invalid((*path, "quarter"), catalogue_text("errors.bad_quarter", value=quarter)) from None
        if quarter in seen:
            raise Invalid((*path, "quarter"), catalogue_text("transfer.snapshot_twice", quarter=quarter))
        seen.add(quarter)
        _plain(snapshot, path)
    return snapshots


def _check_counts(
    raw: Any,
    customers: dict[str, tuple[Customer, Any]],
    facts: dict[str, FactRows],
    decisions: list[Any],
    snapshots: list[Any],
) -> None:
    """The counts catch a file that was cut off at a line break and still parses."""
    spec: dict[str, tuple[Check, Any]] = {key: (_int, _REQUIRED) for key in _COUNT_KEYS}
    counts = _record(raw, ("counts",), spec)
    found = {c.value: 0 for c in Column}
    for customer, _ in customers.values():
        found[customer.column.value] += 1
    found.update((table, len(rows)) for table, rows in facts.items())
    found.update(decisions=len(decisions), snapshots=len(snapshots))
    for key in _COUNT_KEYS:
        if counts[key] != found[key]:
            raise Invalid(("counts", key), catalogue_text("transfer.counts_differ", field=key, said=counts[key],
                                                           found=found[key]))  # fmt: skip


def dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def own_rules(plan: Plan) -> bool:
    """Whether the export's rule set must go into the database: it is not the one shipped with this version."""
    shipped = hashlib.sha256(default_rules_path().read_bytes()).hexdigest()
    return plan.rule_text is not None and plan.rule_sha256 != shipped


def check_rules(plan: Plan) -> None:
    """The rule set must load here, or the restored board would not open."""
    if not own_rules(plan):
        return
    from kanban.rules_file import RuleSetError, load_rule_set  # only for a rule set of the board's own

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_bytes(plan.rule_text.encode("utf-8"))  # type: ignore[union-attr]
        try:
            load_rule_set(path)
        except RuleSetError as error:
            first = error.problems[0]
            raise Invalid(("rule_set_text",), catalogue_text("transfer.rules_unusable", line=first.line,
                                                              problem=first.message)) from None  # fmt: skip
