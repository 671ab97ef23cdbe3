"""An import as the pipeline it is: bytes -> table -> recognised columns -> parsed facts -> resolved
customers -> stored, each step once and in order. All rows or none; duplicates skipped.

The steps live beside this module: `csvread` (bytes and text to a table),
`formats` (which export a header is), `parse` (cells to domain objects),
`resolve` (the file's customers to ours); the store writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kanban.domain.formatting import format_value
from kanban.domain.model import Customer, Invoice
from kanban.importing.csvread import ImportFileError, open_csv, read_file, read_rows
from kanban.importing.formats import recognise_columns
from kanban.importing.parse import ParsedImport, parse_table
from kanban.importing.resolve import apply_resolution, resolve_customers
from kanban.texts import language, text

if TYPE_CHECKING:  # the parsing steps need no store; importing them must not open one
    from kanban.store import Store


@contextmanager
def database_for_import(db: Path, dry_run: bool = False) -> Iterator[Store]:
    """The database an import goes into. A dry run only reads: it takes no lock, so it works while the board
    is open."""
    from kanban.store import Store

    with Store.open(db, readonly=dry_run) as store:
        yield store


@dataclass(frozen=True)
class ImportSummary:
    file: str
    kind: str
    format: str
    rows_read: int
    facts_added: int
    facts_updated: int
    customers_created: int
    customers_updated: int
    duplicates: int
    dry_run: bool
    unassigned_rows: int = 0  # time rows without a client, skipped on request
    unassigned_hours: float = 0.0

    @property
    def changed_anything(self) -> bool:
        return not self.dry_run and bool(
            self.facts_added or self.facts_updated or self.customers_created or self.customers_updated
        )

    def text(self, lang: str | None = None) -> str:
        """One line: what was read, added, updated and skipped; a dry run says what would be."""
        would = "_would" if self.dry_run else ""
        parts = [
            text("imports.rows_read", lang, count=self.rows_read),
            text("imports.facts_added" + would, lang, count=self.facts_added),
            text("imports.facts_updated" + would, lang, count=self.facts_updated),
            text("imports.duplicates", lang, count=self.duplicates),
            text("imports.customers_created" + would, lang, count=self.customers_created),
            text("imports.customers_updated" + would, lang, count=self.customers_updated),
        ]
        if self.unassigned_rows:
            hours = format_value(self.unassigned_hours, "hours", lang or language())
            parts.append(text("imports.unassigned_skipped", lang, count=self.unassigned_rows, hours=hours))
        line = f"{self.file} ({self.format}): " + ", ".join(parts)
        return text("imports.dry_run", lang, summary=line) if self.dry_run else line


def parse_file(
    path: Path | str,
    kind: str,
    format: str = "auto",
    mapping: Mapping[str, str] | None = None,
    skip_unassigned: bool = False,
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

    and `ignore` keeps a column from being recognised. `skip_unassigned` leaves out
    time rows without a client (internal time) and counts them, instead of refusing.
    """
    path = Path(path)
    csv_text = open_csv(read_file(path), path.name)
    recognised = recognise_columns(csv_text.header, kind, csv_text.source, format, mapping, csv_text.header_line)
    table = read_rows(csv_text, recognised.kept)  # only the recognised columns: a Toggl report has 14, we use 8
    del csv_text  # and with it the file's bytes, before the cells are parsed
    return parse_table(table, recognised, kind, skip_unassigned)


# The phases an import reports to a progress bar, in order.
IMPORT_STEPS = ("reading", "matching customers", "writing")


def import_file(
    store: Store,
    path: Path,
    kind: str,
    fmt: str = "auto",
    mapping: Mapping[str, str] | None = None,
    create: bool = True,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda step: None,
    trust_numbers: bool = False,
    skip_unassigned: bool = False,
) -> ImportSummary:
    """Parse, resolve customers, then write in one transaction (or not at all).

    `trust_numbers`: a customer number wins over a name that names another
    company. `skip_unassigned`: time rows without a client are counted, not refused.
    """
    parsed = parse_file(path, kind, fmt, mapping, skip_unassigned=skip_unassigned)
    progress(IMPORT_STEPS[0])
    existing = store.customers()
    # Rows without a number match existing customers by name, or get a generated number.
    resolution = resolve_customers(parsed.customer_refs, existing, create or kind == "customers", trust_numbers)
    parsed = apply_resolution(parsed, resolution)
    progress(IMPORT_STEPS[1])
    if kind == "customers":
        summary = _import_customers(store, path, parsed, existing, dry_run)
        progress(IMPORT_STEPS[2])
        return summary
    parsed = replace(parsed, invoices=_merged_invoices(store, parsed))
    if dry_run:
        progress(IMPORT_STEPS[2])
        added = _count_new(store, parsed)
        return _summary(path, parsed, added, 0, len(resolution.new_customers), 0, _fact_count(parsed) - added, True)
    with store.transaction():
        store.save_customers(resolution.new_customers)
        result = store.add_facts(parsed.invoices, parsed.time_entries, parsed.events)
    added = result.invoices + result.time_entries + result.events
    progress(IMPORT_STEPS[2])
    return _summary(
        path, parsed, added, result.invoices_updated, len(resolution.new_customers), 0, result.duplicates, False
    )


def _import_customers(
    store: Store, path: Path, parsed: ParsedImport, existing: Mapping[str, Customer], dry_run: bool
) -> ImportSummary:
    records = [_merged(existing.get(c.id), c, parsed.fields) for c in parsed.customers]
    created = sum(1 for c in records if c.id not in existing)
    changed = sum(1 for c in records if c.id in existing and existing[c.id] != c)
    if not dry_run:
        store.save_customers(records)
    return _summary(path, parsed, 0, 0, created, changed, len(records) - created - changed, dry_run)


# Customer fields by the import field that fills them.
_CUSTOMER_FIELDS = {
    "id": "id",
    "name": "name",
    "contact": "contact",
    "contract": "contract",
    "contract_until": "contract_until",
    "prospect": "prospect",
    "since": "since",
    "tags": "tags",
    "notes": "notes",
}


def _merged(old: Customer | None, new: Customer, fields: frozenset[str]) -> Customer:
    """An existing customer updated only where the file has a column: a short list must not blank the rest.

    The column is never taken from an import for an existing customer: it changes only by decisions.
    """
    if old is None:
        return new
    changes = {attr: getattr(new, attr) for field, attr in _CUSTOMER_FIELDS.items() if field in fields}
    return replace(old, **changes)


def _merged_invoices(store: Store, parsed: ParsedImport) -> tuple[Invoice, ...]:
    """Invoices as they will be stored: a re-import updates, but never forgets what is known.

    A list without a paid-date or dunning column keeps the stored values; an
    older export cannot turn a paid invoice back into an open one or lower its
    dunning level. A number that belongs to another customer is refused: two
    numbering schemes (or a restart each year) must not move revenue around.
    """
    stored = store.invoices_numbered({i.number for i in parsed.invoices})
    merged = []
    for new in parsed.invoices:
        old = stored.get(new.number)
        if old is None:
            merged.append(new)
            continue
        if old.customer_id != new.customer_id:
            raise ImportFileError(
                text(
                    "imports.invoice_of_another",
                    source=parsed.source,
                    number=repr(new.number),
                    stored=old.customer_id,
                    given=new.customer_id,
                )
            )
        merged.append(
            replace(
                new,
                due=new.due if {"due", "due_days"} & parsed.fields else old.due,
                paid=new.paid or old.paid,
                dunning_level=max(new.dunning_level, old.dunning_level),
                credit_note=new.credit_note if "type" in parsed.fields or new.credit_note else old.credit_note,
            )
        )
    return tuple(merged)


def _fact_count(parsed: ParsedImport) -> int:
    return len(parsed.invoices) + len(parsed.time_entries) + len(parsed.events)


def _count_new(store: Store, parsed: ParsedImport) -> int:
    known = store.fact_keys()
    return (
        sum(1 for i in parsed.invoices if i.number not in known["invoices"])
        + sum(1 for t in parsed.time_entries if t.key not in known["time_entries"])
        + sum(1 for e in parsed.events if e.key not in known["events"])
    )


def _summary(
    path: Path,
    parsed: ParsedImport,
    added: int,
    updated: int,
    created: int,
    changed: int,
    duplicates: int,
    dry_run: bool,
) -> ImportSummary:
    return ImportSummary(
        path.name,
        parsed.kind,
        parsed.format,
        parsed.rows_read,
        added,
        updated,
        created,
        changed,
        duplicates,
        dry_run,
        parsed.unassigned_rows,
        parsed.unassigned_hours,
    )
