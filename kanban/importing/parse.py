"""Turn one CSV export into domain objects, all or nothing.

`parse_file` reads a file, recognises its format by the column names and
returns a `ParsedImport`; the first bad row stops it with an `ImportFileError`
that names file, line, column and value and says what to do. Nothing here
writes anywhere: the store takes the parsed facts after `resolve` has matched
the customers.

Customers: facts carry in `customer_id` whatever identifies the customer in
the file (the customer number if the row has one, else the name with its
whitespace collapsed); `customer_refs` lists each of them once, with the line
it first appears on, for `resolve.resolve_customers`.

Data minimisation: only the columns the metrics use are read. Descriptions,
e-mail addresses, user and staff names, rates and amounts of time exports
never reach the parsed objects.

Identity for de-duplicating re-imports: invoices by number; time entries and
events by `key`, a hash of the normalised fields that identify the row
(customer, date, start time, hours, project, activity; for events customer,
date, kind, project) plus a counter for identical rows within the file, so
importing the same file twice adds nothing and two genuinely identical
entries are both kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
from kanban.importing.csvread import (
    ImportFileError,
    Table,
    decimal_mark,
    normalise_text,
    parse_amount,
    parse_date,
    parse_days,
    parse_flag,
    parse_hours,
    parse_level,
    quote,
    read_table,
    slash_order,
)
from kanban.importing.formats import FIELDS, recognise

__all__ = ["CustomerRef", "ImportFileError", "ParsedImport", "parse_file"]


@dataclass(frozen=True)
class CustomerRef:
    """A customer as a file names it: by number, by name, or both."""

    id: str | None
    name: str | None
    first_line: int
    source: str = ""  # the file name, for messages

    @property
    def key(self) -> str:
        """The value the parsed facts carry in `customer_id` for this customer."""
        return self.id or self.name or ""


@dataclass(frozen=True)
class ParsedImport:
    kind: str  # "invoices" | "time" | "events" | "customers"
    format: str  # the recognised format, e.g. "invoices-de", "toggl"; "mapped" when only --map named columns
    rows_read: int
    customers: tuple[Customer, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    time_entries: tuple[TimeEntry, ...] = ()
    events: tuple[Event, ...] = ()
    customer_refs: tuple[CustomerRef, ...] = ()
    source: str = ""  # file name, for messages
    encoding: str = ""
    delimiter: str = ""


def parse_file(
    path: Path | str,
    kind: str,
    format: str = "auto",
    mapping: Mapping[str, str] | None = None,
) -> ParsedImport:
    """Parse one export of `kind` (invoices, time, events, customers); raise ImportFileError on the first problem.

    `format` is "auto" or a format name (invoices-de, invoices-en, sevdesk;
    toggl, clockify, harvest, kimai; events-de, events-en; customers-de,
    customers-en). `mapping` maps CSV column names to these fields:

    invoices:  number, customer_id, customer, issued, due, due_days, paid, net,
               dunning_level, type
    time:      customer_id, customer, date, start_time, hours, billable,
               project, activity, tags
    events:    customer_id, customer, date, kind, project, note
    customers: id, name, contact, column, contract, contract_until, prospect,
               since, tags, notes

    and `ignore` keeps a column from being recognised.
    """
    table = read_table(Path(path))
    recognised = recognise(table.header, kind, table.source, format, mapping)
    cells = _Cells(table, recognised.columns, kind)
    parsed = _PARSERS[kind](cells)
    return ParsedImport(
        kind=kind,
        format=recognised.format,
        rows_read=len(table.rows),
        source=table.source,
        encoding=table.encoding,
        delimiter=table.delimiter,
        customer_refs=cells.refs.collected(),
        **parsed,
    )


# --- cells: column access, cached conversion, messages ---------------------------

_BAD = object()  # a value the converter did not understand

_NOT = {
    "date": "is not a date - use 31.12.2026, 2026-12-31 or 12/31/2026",
    "amount": "is not an amount - use 1.234,56 or 1234.56",
    "hours": "is not a duration - use 1:30, 01:30:00, 1,5 or 1.5",
    "flag": "is not yes or no - use ja/nein, yes/no, true/false or 1/0",
    "level": "is not a dunning level - use 0, 1, 2 or 3",
    "days": "is not a number of days - use a whole number like 14",
    "kind": "is not an event kind - use Korrekturschleife, Preisbeschwerde, Eilauftrag, Ungenaues Briefing "
    "or Supportanfrage",
    "type": "is not an invoice type - use Rechnung or Gutschrift (Invoice or Credit note)",
    "column": "is not a column - use ideal, watch or drop (Idealer Partner, Beobachten, Trennen)",
}

_DATE_FIELDS = ("issued", "due", "paid", "date", "contract_until", "since")


class _Cells:
    """Column access for one table: field lookups, conversions cached per distinct cell text."""

    def __init__(self, table: Table, columns: dict[str, int], kind: str) -> None:
        self.table = table
        self.columns = columns
        self.kind = kind
        self.source = table.source
        self.refs = _CustomerRefs(self)
        self._slash_day_first = self._date_order()

    def index(self, field: str) -> int | None:
        return self.columns.get(field)

    def name(self, field: str) -> str:
        return self.table.header[self.columns[field]]

    def distinct(self, field: str) -> set[str]:
        index = self.columns[field]
        return {row[index] for row in self.table.rows}

    def converted(self, field: str, convert: Callable[[str], Any]) -> dict[str, Any]:
        """Cell text -> value for every distinct cell of a column: None when empty, _BAD when not understood."""
        if field not in self.columns:
            return {}
        result: dict[str, Any] = {}
        for text in self.distinct(field):
            if not text.strip():
                result[text] = None
                continue
            value = convert(text)
            result[text] = _BAD if value is None else value
        return result

    def dates(self, field: str) -> dict[str, Any]:
        day_first = self._slash_day_first
        return self.converted(field, lambda text: parse_date(text, day_first))

    def amounts(self, field: str) -> dict[str, Any]:
        values = self.distinct(field)
        mark = decimal_mark(values)
        decimal_comma = mark == "," if mark else self.table.delimiter != ","
        return self.converted(field, lambda text: parse_amount(text, decimal_comma))

    def bad(self, line: int, field: str, text: str, what: str) -> ImportFileError:
        return ImportFileError(f"{self.source}:{line}: column {self.name(field)!r}: {quote(text.strip())} {_NOT[what]}")

    def empty(self, line: int, field: str) -> ImportFileError:
        need = FIELDS[self.kind][field].split(" (")[0]
        return ImportFileError(f"{self.source}:{line}: column {self.name(field)!r} is empty - fill in the {need}")

    def line_of(self, field: str, text: str) -> int:
        index = self.columns[field]
        return next(line for row, line in zip(self.table.rows, self.table.lines, strict=True) if row[index] == text)

    def _date_order(self) -> bool:
        """Day first for slash dates? Decided by the dates, else by the number style (see csvread)."""
        fields = [f for f in _DATE_FIELDS if f in self.columns]
        values = set().union(*(self.distinct(f) for f in fields)) if fields else set()
        day_first, day_example, month_example = slash_order(values)
        if day_first is not None:
            return day_first
        if day_example and month_example:
            field = next(f for f in fields if any(v.strip() == month_example for v in self.distinct(f)))
            text = next(v for v in self.distinct(field) if v.strip() == month_example)
            raise ImportFileError(
                f"{self.source}:{self.line_of(field, text)}: column {self.name(field)!r}: {quote(month_example)} "
                f"is month first but {quote(day_example)} is day first - export with one date format"
            )
        numbers = [f for f in ("net", "hours") if f in self.columns]
        mark = decimal_mark(set().union(*(self.distinct(f) for f in numbers))) if numbers else None
        return mark == "," if mark else self.table.delimiter != ","


class _CustomerRefs:
    """Collects each customer a file points at once, with the line it first appears on."""

    def __init__(self, cells: _Cells) -> None:
        self.cells = cells
        self.id_index = cells.index("id" if cells.kind == "customers" else "customer_id")
        self.name_index = cells.index("name" if cells.kind == "customers" else "customer")
        self.seen: dict[str, CustomerRef] = {}

    def __call__(self, row: list[str], line: int) -> str:
        number = row[self.id_index].strip() if self.id_index is not None else ""
        name = normalise_text(row[self.name_index]) if self.name_index is not None else ""
        key = number or name
        if not key:
            raise self._empty(line)
        if key not in self.seen:
            self.seen[key] = CustomerRef(number or None, name or None, line, self.cells.source)
        return key

    def collected(self) -> tuple[CustomerRef, ...]:
        return tuple(self.seen.values())

    def _empty(self, line: int) -> ImportFileError:
        header = self.cells.table.header
        names = " and ".join(repr(header[i]) for i in (self.id_index, self.name_index) if i is not None)
        word = "column" if " and " not in names else "columns"
        return ImportFileError(f"{self.cells.source}:{line}: {word} {names} empty - every row needs its customer")


def _text(row: list[str], index: int | None) -> str:
    return normalise_text(row[index]) if index is not None else ""


class _Identity:
    """Stable keys for rows without a number: hash of the identifying fields + occurrence counter."""

    def __init__(self) -> None:
        self.count: dict[str, int] = {}

    def __call__(self, *fields: str) -> str:
        digest = hashlib.blake2b("\x1f".join(fields).casefold().encode(), digest_size=8).hexdigest()
        n = self.count.get(digest, 0) + 1
        self.count[digest] = n
        return digest if n == 1 else f"{digest}-{n}"


# --- invoices --------------------------------------------------------------------

_CREDIT = frozenset(
    "gutschrift rechnungskorrektur korrekturrechnung storno stornorechnung stornierung gs gu sr "
    "credit credit note creditnote cancellation".split(" ")
    + ["credit note", "cancellation invoice"]
)
_INVOICE = frozenset(
    "rechnung abschlagsrechnung anzahlungsrechnung teilrechnung schlussrechnung re ar er tr wkr "
    "invoice final partial".split(" ")
    + ["recurring invoice", "advance invoice", "partial invoice", "final invoice"]
)


def _invoice_type(text: str) -> bool | None:
    """True for a credit note, False for an invoice, None if neither."""
    word = normalise_text(text).casefold()
    return True if word in _CREDIT else False if word in _INVOICE else None


def _parse_invoices(cells: _Cells) -> dict[str, Any]:
    rows, lines = cells.table.rows, cells.table.lines
    number_i, issued_i, net_i = cells.index("number"), cells.index("issued"), cells.index("net")
    due_i, due_days_i, paid_i = cells.index("due"), cells.index("due_days"), cells.index("paid")
    level_i, type_i = cells.index("dunning_level"), cells.index("type")
    issued_map, due_map, paid_map = cells.dates("issued"), cells.dates("due"), cells.dates("paid")
    net_map = cells.amounts("net")
    days_map = cells.converted("due_days", parse_days)
    level_map = cells.converted("dunning_level", parse_level)
    type_map = cells.converted("type", _invoice_type)
    customer_of = cells.refs
    first_line: dict[str, int] = {}
    invoices: list[Invoice] = []
    for row, line in zip(rows, lines, strict=True):
        number = row[number_i].strip()  # type: ignore[index]
        if not number:
            raise cells.empty(line, "number")
        if number in first_line:
            raise ImportFileError(
                f"{cells.source}:{line}: column {cells.name('number')!r}: invoice {quote(number)} appears again "
                f"(first on line {first_line[number]}) - export one row per invoice, not one per item"
            )
        first_line[number] = line
        customer = customer_of(row, line)
        issued = issued_map[row[issued_i]]  # type: ignore[index]
        if issued is None or issued is _BAD:
            raise cells.empty(line, "issued") if issued is None else cells.bad(line, "issued", row[issued_i], "date")
        net = net_map[row[net_i]]  # type: ignore[index]
        if net is None or net is _BAD:
            raise cells.empty(line, "net") if net is None else cells.bad(line, "net", row[net_i], "amount")
        due = _optional(cells, due_map, row, due_i, line, "due", "date")
        if due is None and due_days_i is not None:
            days = _optional(cells, days_map, row, due_days_i, line, "due_days", "days")
            due = issued + dt.timedelta(days=days) if days is not None else None
        paid = _optional(cells, paid_map, row, paid_i, line, "paid", "date")
        level = _optional(cells, level_map, row, level_i, line, "dunning_level", "level") or 0
        credit = _optional(cells, type_map, row, type_i, line, "type", "type") or net < 0
        invoices.append(Invoice(number, customer, issued, round(abs(net), 2), due, paid, level, credit))
    return {"invoices": tuple(invoices)}


def _optional(
    cells: _Cells, values: dict[str, Any], row: list[str], index: int | None, line: int, field: str, what: str
) -> Any:
    """An optional cell's value: None when the column is missing or the cell empty."""
    if index is None:
        return None
    value = values[row[index]]
    if value is _BAD:
        raise cells.bad(line, field, row[index], what)
    return value


# --- time entries ----------------------------------------------------------------

_MAX_HOURS = 24.0


def _parse_time(cells: _Cells) -> dict[str, Any]:
    rows, lines = cells.table.rows, cells.table.lines
    date_i, hours_i, start_i = cells.index("date"), cells.index("hours"), cells.index("start_time")
    billable_i, project_i = cells.index("billable"), cells.index("project")
    activity_i, tags_i = cells.index("activity"), cells.index("tags")
    date_map = cells.dates("date")
    hours_map = cells.converted("hours", parse_hours)
    billable_map = cells.converted("billable", parse_flag)
    customer_of = cells.refs
    identity = _Identity()
    entries: list[TimeEntry] = []
    for row, line in zip(rows, lines, strict=True):
        customer = customer_of(row, line)
        date = date_map[row[date_i]]  # type: ignore[index]
        if date is None or date is _BAD:
            raise cells.empty(line, "date") if date is None else cells.bad(line, "date", row[date_i], "date")
        hours = hours_map[row[hours_i]]  # type: ignore[index]
        if hours is None or hours is _BAD:
            raise cells.empty(line, "hours") if hours is None else cells.bad(line, "hours", row[hours_i], "hours")
        if hours > _MAX_HOURS:
            raise ImportFileError(
                f"{cells.source}:{line}: column {cells.name('hours')!r}: {quote(row[hours_i].strip())} "  # type: ignore[index]
                f"is more than {_MAX_HOURS:.0f} hours in one entry - the column must hold hours (1:30 or 1,5), "
                "not minutes or seconds; map another column with --map"
            )
        billable = _optional(cells, billable_map, row, billable_i, line, "billable", "flag")
        project = _text(row, project_i)
        activity = _joined(_text(row, activity_i), _text(row, tags_i))
        start = _text(row, start_i)
        key = identity(customer, date.isoformat(), start, f"{hours:.4f}", project, activity)
        entries.append(TimeEntry(customer, date, hours, billable is not False, project, activity, key))
    return {"time_entries": tuple(entries)}


def _joined(activity: str, tags: str) -> str:
    """Activity and tags as one text, a tag that repeats the activity left out."""
    if not tags or tags.casefold() == activity.casefold():
        return activity
    return f"{activity}, {tags}" if activity else tags


# --- events ----------------------------------------------------------------------

_EVENT_KINDS: dict[str, EventKind] = {
    **{kind.value: kind for kind in EventKind},
    **{kind.value.replace("_", " "): kind for kind in EventKind},
    "korrekturschleife": EventKind.CORRECTION_ROUND,
    "korrekturrunde": EventKind.CORRECTION_ROUND,
    "korrektur": EventKind.CORRECTION_ROUND,
    "correction": EventKind.CORRECTION_ROUND,
    "revision": EventKind.CORRECTION_ROUND,
    "preisbeschwerde": EventKind.PRICE_COMPLAINT,
    "preisdiskussion": EventKind.PRICE_COMPLAINT,
    "eilauftrag": EventKind.RUSH_REQUEST,
    "eilanfrage": EventKind.RUSH_REQUEST,
    "rush job": EventKind.RUSH_REQUEST,
    "rush": EventKind.RUSH_REQUEST,
    "ungenaues briefing": EventKind.VAGUE_BRIEFING,
    "unklares briefing": EventKind.VAGUE_BRIEFING,
    "supportanfrage": EventKind.SUPPORT_REQUEST,
    "support": EventKind.SUPPORT_REQUEST,
}


def _event_kind(text: str) -> EventKind | None:
    return _EVENT_KINDS.get(normalise_text(text).casefold())


def _parse_events(cells: _Cells) -> dict[str, Any]:
    rows, lines = cells.table.rows, cells.table.lines
    date_i, kind_i = cells.index("date"), cells.index("kind")
    project_i, note_i = cells.index("project"), cells.index("note")
    date_map = cells.dates("date")
    kind_map = cells.converted("kind", _event_kind)
    customer_of = cells.refs
    identity = _Identity()
    events: list[Event] = []
    for row, line in zip(rows, lines, strict=True):
        customer = customer_of(row, line)
        date = date_map[row[date_i]]  # type: ignore[index]
        if date is None or date is _BAD:
            raise cells.empty(line, "date") if date is None else cells.bad(line, "date", row[date_i], "date")
        kind = kind_map[row[kind_i]]  # type: ignore[index]
        if kind is None or kind is _BAD:
            raise cells.empty(line, "kind") if kind is None else cells.bad(line, "kind", row[kind_i], "kind")
        project = _text(row, project_i)
        key = identity(customer, date.isoformat(), kind.value, project)
        events.append(Event(customer, date, kind, row[note_i].strip() if note_i is not None else "", project, key))
    return {"events": tuple(events)}


# --- customers -------------------------------------------------------------------

_TAG_SPLIT = re.compile(r"\s*[,;]\s*")


def _column(text: str) -> Column | None:
    try:
        return Column.parse(text)
    except ValueError:
        return None


def _parse_customers(cells: _Cells) -> dict[str, Any]:
    rows, lines = cells.table.rows, cells.table.lines
    name_i = cells.index("name")
    contact_i, notes_i, tags_i = cells.index("contact"), cells.index("notes"), cells.index("tags")
    column_i, contract_i, prospect_i = cells.index("column"), cells.index("contract"), cells.index("prospect")
    until_i, since_i = cells.index("contract_until"), cells.index("since")
    column_map = cells.converted("column", _column)
    contract_map, prospect_map = cells.converted("contract", parse_flag), cells.converted("prospect", parse_flag)
    until_map, since_map = cells.dates("contract_until"), cells.dates("since")
    customer_of = cells.refs
    first_line: dict[str, int] = {}
    customers: list[Customer] = []
    for row, line in zip(rows, lines, strict=True):
        if not row[name_i].strip():  # type: ignore[index]
            raise cells.empty(line, "name")
        key = customer_of(row, line)
        if key in first_line:
            raise ImportFileError(
                f"{cells.source}:{line}: customer {quote(key)} appears again (first on line {first_line[key]}) "
                "- keep one row per customer"
            )
        first_line[key] = line
        until = _optional(cells, until_map, row, until_i, line, "contract_until", "date")
        contract = _optional(cells, contract_map, row, contract_i, line, "contract", "flag")
        tags = _TAG_SPLIT.split(row[tags_i].strip()) if tags_i is not None else []
        customers.append(
            Customer(
                id=key,
                name=normalise_text(row[name_i]),  # type: ignore[index]
                column=_optional(cells, column_map, row, column_i, line, "column", "column") or Column.WATCH,
                contract=contract if contract is not None else until is not None,
                contract_until=until,
                prospect=bool(_optional(cells, prospect_map, row, prospect_i, line, "prospect", "flag")),
                contact=_text(row, contact_i),
                notes=row[notes_i].strip() if notes_i is not None else "",
                tags=tuple(tag for tag in tags if tag),
                since=_optional(cells, since_map, row, since_i, line, "since", "date"),
            )
        )
    return {"customers": tuple(customers)}


_PARSERS: dict[str, Callable[[_Cells], dict[str, Any]]] = {
    "invoices": _parse_invoices,
    "time": _parse_time,
    "events": _parse_events,
    "customers": _parse_customers,
}
