"""Turn the table of one CSV export into domain objects, all or nothing.

`parse_table` takes the table `csvread` read and the columns `formats`
recognised and returns a `ParsedImport`; the first bad row stops it with an
`ImportFileError` that names file, line, column and value and says what to do.
Nothing here reads a file or writes anywhere: `load` runs the steps in order.

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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from kanban.domain.fact_schema import EVENTS, INVOICES, TIME_ENTRIES
from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
from kanban.importing.csvread import (
    ImportFileError,
    Table,
    decimal_mark,
    normalise_text,
    parse_amount,
    parse_amounts_plain,
    parse_date,
    parse_days,
    parse_flag,
    parse_hours,
    parse_level,
    quote,
    slash_order,
)
from kanban.importing.formats import Recognised
from kanban.importing.names import same_company
from kanban.texts import text

__all__ = ["CustomerRef", "ImportFileError", "ParsedImport", "parse_table"]


@dataclass(frozen=True)
class CustomerRef:
    """A customer as a file names it: by number, by name, or both."""

    id: str | None
    name: str | None
    first_line: int
    source: str = ""  # the file name, for messages
    other_name: tuple[int, str] | None = None  # (line, name) of a later row giving this number to another company

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
    fields: frozenset[str] = frozenset()  # our fields the file has columns for
    unassigned_rows: int = 0  # time rows without a client, skipped on request
    unassigned_hours: float = 0.0


def parse_table(table: Table, recognised: Recognised, kind: str, skip_unassigned: bool = False) -> ParsedImport:
    """The facts (or customers) of a table whose columns are recognised; ImportFileError on the first problem.

    `skip_unassigned` leaves out time rows without a client (internal time) and
    counts them, instead of refusing.
    """
    if recognised.refused is not None:
        raise recognised.refused
    cells = _Cells(table, recognised.columns, kind, skip_unassigned)
    return ParsedImport(
        kind=kind,
        format=recognised.format,
        rows_read=len(table.lines),
        source=table.source,
        encoding=table.encoding,
        delimiter=table.delimiter,
        fields=frozenset(recognised.columns),
        **_PARSERS[kind](cells),
    )


# --- cells: column access, cached conversion, messages ---------------------------
#
# Parsing works column by column: every distinct cell text of a column is
# converted once (dates and names repeat a lot), each row's value is then a dict
# lookup done by `map` in C, and the checks look for the first bad value with
# `list.index`. That keeps a large file within a few times a plain csv read.

_BAD = object()  # a value the converter did not understand

# What a cell that was not understood is not, and what an empty required cell should hold:
# texts `imports.not.<what>` and `imports.needed.<field>`.

_DATE_FIELDS = ("issued", "due", "paid", "date", "contract_until", "since")

# A problem found in row `index` (0-based data row); the earliest row is reported.
_Problem = tuple[int, ImportFileError]


class _Cells:
    """Column access for one table: per field, the converted value of every row."""

    def __init__(self, table: Table, columns: dict[str, int], kind: str, skip_unassigned: bool = False) -> None:
        self.table = table
        self.columns = columns
        self.kind = kind
        self.skip_unassigned = skip_unassigned and kind == "time"
        self.source = table.source
        self.count = len(table.lines)
        self._distinct: dict[str, set[str]] = {}
        self._slash_day_first = self._date_order()

    def has(self, field: str) -> bool:
        return field in self.columns

    def name(self, field: str) -> str:
        return self.table.header[self.columns[field]]

    def column(self, field: str) -> Sequence[str]:
        return self.table.columns[self.columns[field]]

    def distinct(self, field: str) -> set[str]:
        if field not in self._distinct:
            self._distinct[field] = set(self.column(field))
        return self._distinct[field]

    def values(self, field: str, convert: Callable[[str], Any], empty: Any = None) -> list[Any]:
        """Each row's value: `empty` for an empty cell or a missing column, _BAD when not understood."""
        if field not in self.columns:
            return [empty] * self.count
        table: dict[str, Any] = {}
        for cell in self.distinct(field):
            if not cell.strip():
                table[cell] = empty
            else:
                value = convert(cell)
                table[cell] = _BAD if value is None else value
        return list(map(table.__getitem__, self.column(field)))

    def texts(self, field: str) -> list[str]:
        """Each row's text, trimmed with inner whitespace collapsed; "" for a missing column."""
        return self.values(field, normalise_text, "")

    def dates(self, field: str) -> list[Any]:
        day_first = self._slash_day_first
        return self.values(field, lambda text: parse_date(text, day_first))

    def amounts(self, field: str) -> list[Any]:
        if field not in self.columns:
            return [None] * self.count
        mark = decimal_mark(self.distinct(field))
        decimal_comma = mark == "," if mark else self.table.delimiter != ","
        plain = parse_amounts_plain(self.column(field), decimal_comma)
        if plain is not None:
            return plain
        return self.values(field, lambda text: parse_amount(text, decimal_comma))

    @overload
    def stripped(self, field: str, empty: str) -> list[str]: ...
    @overload
    def stripped(self, field: str, empty: None = None) -> list[str | None]: ...

    def stripped(self, field: str, empty: str | None = None) -> list[str] | list[str | None]:
        """Each row's text trimmed, `empty` when empty: for columns whose values rarely repeat."""
        if field not in self.columns:
            return [empty] * self.count
        texts = list(map(str.strip, self.column(field)))
        return texts if empty == "" else [text or empty for text in texts]

    def line(self, index: int) -> int:
        return self.table.lines[index]

    def cell(self, index: int, field: str) -> str:
        return self.column(field)[index]

    def check(self, field: str, values: list[Any], what: str, required: bool = False) -> _Problem | None:
        """The first row whose value was not understood (or, if required, is empty)."""
        if field not in self.columns:
            return None
        first = values.index(_BAD) if _BAD in values else self.count
        if required and None in values:
            empty = values.index(None)
            if empty < first:
                return empty, self.empty(empty, field)
        return (first, self.bad(first, field, what)) if first < self.count else None

    def bad(self, index: int, field: str, what: str) -> ImportFileError:
        return ImportFileError(
            text(
                "imports.bad_cell",
                where=f"{self.source}:{self.line(index)}",
                column=repr(self.name(field)),
                value=quote(self.cell(index, field).strip()),
                problem=text(f"imports.not.{what}"),
            )
        )

    def empty(self, index: int, field: str) -> ImportFileError:
        return ImportFileError(
            text(
                "imports.empty_cell",
                where=f"{self.source}:{self.line(index)}",
                column=repr(self.name(field)),
                needed=text(f"imports.needed.{field}"),
            )
        )

    def _date_order(self) -> bool:
        """Day first for slash dates? Decided by the dates, else by the number style (see csvread)."""
        fields = [f for f in _DATE_FIELDS if f in self.columns]
        values = set().union(*(self.distinct(f) for f in fields))
        day_first, day_example, month_example = slash_order(values)
        if day_first is not None:
            return day_first
        if day_example and month_example:
            index, field = min(
                (self.column(f).index(v), f) for f in fields for v in self.distinct(f) if v.strip() == month_example
            )
            raise ImportFileError(
                text(
                    "imports.date_orders",
                    where=f"{self.source}:{self.line(index)}",
                    column=repr(self.name(field)),
                    month=quote(month_example),
                    day=quote(day_example),
                )
            )
        numbers = [f for f in ("net", "hours") if f in self.columns]
        mark = decimal_mark(set().union(*(self.distinct(f) for f in numbers)))
        return mark == "," if mark else self.table.delimiter != ","


def _raise_first(problems: list[_Problem | None]) -> None:
    """Raise the problem of the earliest row; on the same row, the one listed first."""
    found = [problem for problem in problems if problem is not None]
    if found:
        raise min(found, key=lambda problem: problem[0])[1]


def _customers(cells: _Cells) -> tuple[list[str], tuple[CustomerRef, ...], _Problem | None]:
    """Each row's customer key (number, else name), the refs in order of appearance, and an empty-customer problem."""
    id_field, name_field = ("id", "name") if cells.kind == "customers" else ("customer_id", "customer")
    numbers = cells.stripped(id_field, "")
    name_of: Callable[[int], str]
    if cells.has(id_field) and "" not in numbers:
        keys = numbers  # every row has a number: names are needed only for the refs

        def name_of(index: int) -> str:
            return normalise_text(cells.cell(index, name_field)) if cells.has(name_field) else ""
    else:
        names = cells.texts(name_field)
        keys = [number or name for number, name in zip(numbers, names, strict=True)]
        name_of = names.__getitem__
    first = dict(zip(reversed(keys), range(cells.count - 1, -1, -1), strict=True))  # key -> first row
    problem = None
    if "" in first:
        named = [repr(cells.name(f)) for f in (id_field, name_field) if cells.has(f)]
        index = first.pop("")
        key = "imports.time_without_client" if cells.kind == "time" else "imports.row_without_customer"
        problem = (
            index,
            ImportFileError(
                text(key, where=f"{cells.source}:{cells.line(index)}", columns=", ".join(named), count=len(named))
            ),
        )
    renamed = _other_names(cells, numbers, name_field)
    refs = tuple(
        CustomerRef(numbers[i] or None, name_of(i) or None, cells.line(i), cells.source, renamed.get(numbers[i]))
        for i in sorted(first.values())
    )
    return keys, refs, problem


def _other_names(cells: _Cells, numbers: list[str], name_field: str) -> dict[str, tuple[int, str]]:
    """Numbers whose rows name two companies: number -> (line, name) of the first row naming the second one."""
    if not cells.has(name_field):
        return {}
    names = cells.column(name_field)
    spellings = Counter(number for number, _ in set(zip(numbers, names, strict=True)) if number)
    suspects = {number for number, count in spellings.items() if count > 1}
    found: dict[str, tuple[int, str]] = {}
    first: dict[str, str] = {}
    for index, number in enumerate(numbers):
        if number not in suspects or number in found:
            continue
        name = normalise_text(names[index])
        if name and first.setdefault(number, name) != name and not same_company(first[number], name):
            found[number] = (cells.line(index), name)
    return found


def _repeated(values: Sequence[str | None]) -> tuple[int, int] | None:
    """(first, second) row of the earliest value that appears twice, or None."""
    if len(set(values)) == len(values):
        return None
    seen: dict[str | None, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            return seen[value], index
        seen[value] = index
    return None


def _identities(*columns: list[str]) -> list[str]:
    """Stable keys for rows without a number: hash of the identifying fields + occurrence counter."""
    count: dict[str, int] = {}
    keys = []
    for fields in zip(*columns, strict=True):
        digest = hashlib.blake2b("\x1f".join(fields).casefold().encode(), digest_size=8).hexdigest()
        n = count[digest] = count.get(digest, 0) + 1
        keys.append(digest if n == 1 else f"{digest}-{n}")
    return keys


# --- invoices --------------------------------------------------------------------

_CREDIT = frozenset(
    "gutschrift rechnungskorrektur korrekturrechnung storno stornorechnung stornierung gs gu sr "
    "credit creditnote cancellation".split()
    + ["credit note", "cancellation invoice"]
)
_INVOICE = frozenset(
    "rechnung abschlagsrechnung anzahlungsrechnung teilrechnung schlussrechnung re ar er tr wkr "
    "invoice final partial".split()
    + ["recurring invoice", "advance invoice", "partial invoice", "final invoice"]
)


def _invoice_type(text: str) -> bool | None:
    """True for a credit note, False for an invoice, None if neither."""
    word = normalise_text(text).casefold()
    return True if word in _CREDIT else False if word in _INVOICE else None


def _parse_invoices(cells: _Cells) -> dict[str, Any]:
    numbers = cells.stripped("number")
    keys, refs, customer_problem = _customers(cells)
    issued, signed = cells.dates("issued"), cells.amounts("net")
    due, paid, days = cells.dates("due"), cells.dates("paid"), cells.values("due_days", parse_days)
    levels = cells.values("dunning_level", parse_level, 0)
    types = cells.values("type", _invoice_type, False)
    repeated = _repeated(numbers)
    _raise_first(
        [
            cells.check("number", numbers, "", required=True),
            _repeated_invoice(cells, repeated) if repeated else None,
            customer_problem,
            cells.check("issued", issued, "date", required=True),
            cells.check("net", signed, "amount", required=True),
            cells.check("due", due, "date"),
            cells.check("due_days", days, "days"),
            _beyond_calendar(cells, issued, days),
            cells.check("paid", paid, "date"),
            cells.check("dunning_level", levels, "level"),
            cells.check("type", types, "type"),
        ]
    )
    if cells.has("due_days") and not cells.has("due"):
        due = [d + dt.timedelta(days=n) if n is not None else None for d, n in zip(issued, days, strict=True)]
    credit = [kind or net < 0 for kind, net in zip(types, signed, strict=True)]
    invoices = tuple(map(INVOICES.make, numbers, keys, issued, map(abs, signed), due, paid, levels, credit))
    return {"invoices": invoices, "customer_refs": refs}


def _beyond_calendar(cells: _Cells, issued: list[Any], days: list[Any]) -> _Problem | None:
    """A payment term that would put the due date past the year 9999 (date + timedelta overflows)."""
    if not cells.has("due_days") or cells.has("due"):
        return None
    for index, (day, term) in enumerate(zip(issued, days, strict=True)):
        if day.__class__ is dt.date and term.__class__ is int and term > (dt.date.max - day).days:
            return index, ImportFileError(
                text(
                    "imports.past_9999",
                    where=f"{cells.source}:{cells.line(index)}",
                    column=repr(cells.name("due_days")),
                    days=term,
                    day=day.isoformat(),
                )
            )
    return None


def _repeated_invoice(cells: _Cells, rows: tuple[int, int]) -> _Problem:
    first, again = rows
    number = quote(cells.cell(again, "number").strip())
    return again, ImportFileError(
        text(
            "imports.invoice_again",
            where=f"{cells.source}:{cells.line(again)}",
            column=repr(cells.name("number")),
            number=number,
            first=cells.line(first),
        )
    )


# --- time entries ----------------------------------------------------------------

_MAX_HOURS = 24.0


def _parse_time(cells: _Cells) -> dict[str, Any]:
    keys, refs, customer_problem = _customers(cells)
    if cells.skip_unassigned:
        customer_problem = None
    dates, hours = cells.dates("date"), cells.values("hours", parse_hours)
    billable = cells.values("billable", parse_flag, True)
    too_long = next((i for i, h in enumerate(hours) if h.__class__ is float and h > _MAX_HOURS), None)
    _raise_first(
        [
            customer_problem,
            cells.check("date", dates, "date", required=True),
            cells.check("hours", hours, "hours", required=True),
            _too_long(cells, too_long) if too_long is not None else None,
            cells.check("billable", billable, "flag"),
        ]
    )
    projects = cells.texts("project")
    activities = list(map(_joined, cells.texts("activity"), cells.texts("tags")))
    identities = _identities(
        keys,
        [day.isoformat() for day in dates],
        cells.texts("start_time"),
        [f"{h:.4f}" for h in hours],
        projects,
        activities,
    )
    entries = tuple(map(TIME_ENTRIES.make, keys, dates, hours, billable, projects, activities, identities))
    unassigned = [entry.hours for entry in entries if not entry.customer_id]
    if unassigned:  # only with skip_unassigned: otherwise the first of them was refused above
        entries = tuple(entry for entry in entries if entry.customer_id)
    return {
        "time_entries": entries,
        "customer_refs": refs,
        "unassigned_rows": len(unassigned),
        "unassigned_hours": sum(unassigned),
    }


def _too_long(cells: _Cells, index: int) -> _Problem:
    return index, ImportFileError(
        text(
            "imports.too_long",
            where=f"{cells.source}:{cells.line(index)}",
            column=repr(cells.name("hours")),
            value=quote(cells.cell(index, "hours").strip()),
            hours=f"{_MAX_HOURS:.0f}",
        )
    )


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
    keys, refs, customer_problem = _customers(cells)
    dates, kinds = cells.dates("date"), cells.values("kind", _event_kind)
    _raise_first(
        [
            customer_problem,
            cells.check("date", dates, "date", required=True),
            cells.check("kind", kinds, "kind", required=True),
        ]
    )
    projects = cells.texts("project")
    notes = cells.values("note", str.strip, "")
    identities = _identities(keys, [day.isoformat() for day in dates], [kind.value for kind in kinds], projects)
    events = tuple(map(EVENTS.make, keys, dates, kinds, notes, projects, identities))
    return {"events": events, "customer_refs": refs}


# --- customers -------------------------------------------------------------------

_TAG_SPLIT = re.compile(r"\s*[,;]\s*")


def _column(text: str) -> Column | None:
    try:
        return Column.parse(text)
    except ValueError:
        return None


def _tags(text: str) -> tuple[str, ...]:
    return tuple(tag for tag in _TAG_SPLIT.split(text.strip()) if tag)


def _parse_customers(cells: _Cells) -> dict[str, Any]:
    names = cells.values("name", normalise_text)
    keys, refs, customer_problem = _customers(cells)
    columns = cells.values("column", _column, Column.WATCH)
    contract, prospect = cells.values("contract", parse_flag), cells.values("prospect", parse_flag, False)
    until, since = cells.dates("contract_until"), cells.dates("since")
    repeated = _repeated(keys)
    _raise_first(
        [
            cells.check("name", names, "", required=True),
            customer_problem,
            _repeated_customer(cells, keys, repeated) if repeated else None,
            cells.check("column", columns, "column"),
            cells.check("contract", contract, "flag"),
            cells.check("contract_until", until, "date"),
            cells.check("prospect", prospect, "flag"),
            cells.check("since", since, "date"),
        ]
    )
    # A contract end date without a yes/no column means there is a contract.
    contract = [c if c is not None else u is not None for c, u in zip(contract, until, strict=True)]
    customers = tuple(
        map(
            Customer,
            keys,
            names,
            columns,
            contract,
            until,
            prospect,
            cells.texts("contact"),
            cells.values("notes", str.strip, ""),
            cells.values("tags", _tags, ()),
            since,
        )
    )
    return {"customers": customers, "customer_refs": refs}


def _repeated_customer(cells: _Cells, keys: list[str], rows: tuple[int, int]) -> _Problem:
    first, again = rows
    return again, ImportFileError(
        text(
            "imports.customer_again",
            where=f"{cells.source}:{cells.line(again)}",
            customer=quote(keys[again]),
            first=cells.line(first),
        )
    )


_PARSERS: dict[str, Callable[[_Cells], dict[str, Any]]] = {
    "invoices": _parse_invoices,
    "time": _parse_time,
    "events": _parse_events,
    "customers": _parse_customers,
}
