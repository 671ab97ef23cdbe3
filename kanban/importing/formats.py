"""Which export a CSV file is, recognised by its column names (not their position).

Every format maps our field names to the column names a vendor writes, the
preferred column first (Clockify has both "Duration (decimal)" and "Duration (h)").
Names are compared case-insensitively with whitespace collapsed. `--map`
(CSV column -> field) overrides and complements what is recognised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kanban.importing.csvread import ImportFileError, normalise_text
from kanban.texts import text as catalogue_text

KINDS = ("invoices", "time", "events", "customers")

# Our fields per kind, with what they mean: the vocabulary of `--map`.
FIELDS: dict[str, dict[str, str]] = {
    "invoices": {
        "number": "invoice number (required)",
        "customer_id": "customer number",
        "customer": "customer name (customer_id or customer required)",
        "issued": "invoice date (required)",
        "due": "due date",
        "due_days": "days to pay; due date = invoice date + days",
        "paid": "date paid; empty = still open",
        "net": "net amount (required); negative = credit note",
        "dunning_level": "highest dunning level (Mahnstufe), 0-3",
        "type": "invoice or credit note (Rechnung/Gutschrift)",
    },
    "time": {
        "customer_id": "customer number",
        "customer": "customer name (customer_id or customer required)",
        "date": "date of the work (required)",
        "start_time": "start time; only tells identical entries apart",
        "hours": "duration: 1:30, 01:30:00, 1,5 or 1.5 (required)",
        "billable": "billable yes/no; empty = yes",
        "project": "project",
        "activity": "task or activity",
        "tags": "tags, kept with the activity",
    },
    "events": {
        "customer_id": "customer number",
        "customer": "customer name (customer_id or customer required)",
        "date": "date (required)",
        "kind": "Korrekturschleife, Preisbeschwerde, Eilauftrag, Ungenaues Briefing, Supportanfrage (required)",
        "project": "project",
        "note": "note",
    },
    "customers": {
        "id": "customer number; empty = generated",
        "name": "name (required)",
        "contact": "contact person",
        "column": "ideal/watch/drop or Idealer Partner/Beobachten/Trennen; empty = watch",
        "contract": "has a contract, ja/nein",
        "contract_until": "contract runs until (date)",
        "prospect": "prospect (Interessent), ja/nein",
        "since": "customer since (date)",
        "tags": "tags, comma-separated",
        "notes": "notes",
    },
}

IGNORE = "ignore"  # `--map COLUMN=ignore` keeps a column from being recognised


def mapping_help(kind: str | None = None) -> str:
    """The `--map COLUMN=field` vocabulary, per kind, one field a line: for the CLI help."""
    lines = []
    for each in [kind] if kind else KINDS:
        lines.append(f"{each}:")
        lines += [f"  {field:15} {field_meaning(each, field)}" for field in FIELDS[each]]
    lines.append(f"  {IGNORE:15} {catalogue_text('imports.field.ignore')}")
    return "\n".join(lines)


def field_meaning(kind: str, field: str) -> str:
    """What a field of `kind` holds, in the process language (FIELDS has the English)."""
    return catalogue_text(f"imports.field.{kind}.{field}")


# Each group needs one of its fields.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "invoices": (("number",), ("customer_id", "customer"), ("issued",), ("net",)),
    "time": (("customer_id", "customer"), ("date",), ("hours",)),
    "events": (("customer_id", "customer"), ("date",), ("kind",)),
    "customers": (("name",),),
}


@dataclass(frozen=True)
class Format:
    name: str
    kind: str
    label: str  # what a user would call it
    columns: Mapping[str, tuple[str, ...]]  # field -> column names, preferred first


def _format(name: str, kind: str, label: str, /, **columns: str) -> Format:
    """Column names given as "A | B" strings, as the vendor spells them."""
    parsed = {field: tuple(n.strip() for n in names.split("|")) for field, names in columns.items()}
    return Format(name, kind, label, parsed)


def normalise_header(name: str) -> str:
    return normalise_text(name.replace("\ufeff", "")).casefold()


FORMATS: tuple[Format, ...] = (
    _format(
        "invoices-de",
        "invoices",
        "Rechnungsliste (deutsch)",
        number="Rechnungsnummer | Rechnungsnr. | Rechnungs-Nr. | Re-Nr. | Belegnummer | Belegnr.",
        customer_id="Kundennummer | Kundennr. | Kunden-Nr. | Kd-Nr. | Debitor | Debitorennummer",
        customer="Kunde | Kundenname | Firma",
        issued="Rechnungsdatum | Belegdatum | Datum",
        due="Fälligkeitsdatum | Fällig am | Fälligkeit | Fällig",
        paid="Bezahlt am | Zahlungsdatum | Zahlungseingang | Bezahlt",
        net="Netto | Nettobetrag | Betrag netto | Summe netto | Netto (EUR) | Netto €",
        dunning_level="Mahnstufe | Mahnungen",
        type="Typ | Belegart | Rechnungstyp | Art",
    ),
    _format(
        "invoices-en",
        "invoices",
        "invoice list (English)",
        number="Invoice number | Invoice no. | Invoice # | Invoice",
        customer_id="Customer number | Customer no. | Customer ID | Client number | Client ID",
        customer="Customer | Customer name | Client | Client name",
        issued="Invoice date | Issue date | Issued | Date",
        due="Due date | Due",
        paid="Paid date | Paid on | Payment date | Paid",
        net="Net | Net amount | Amount net | Subtotal | Net (EUR)",
        dunning_level="Dunning level | Reminder level | Reminders",
        type="Type | Document type",
    ),
    _format(
        "sevdesk",
        "invoices",
        "sevDesk invoices",
        number="invoiceNumber",
        customer_id="contact.customerNumber | customerNumber",
        customer="contact | contact.name",
        issued="invoiceDate",
        due_days="timeToPay",
        paid="payDate",
        net="sumNet",
        dunning_level="dunningLevel",
        type="invoiceType",
    ),
    _format(
        "toggl",
        "time",
        "Toggl Track detailed report",
        customer="Client",
        date="Start date",
        start_time="Start time",
        hours="Duration | Duration (hh:mm:ss)",
        billable="Billable",
        project="Project",
        activity="Task",
        tags="Tags",
    ),
    _format(
        "clockify",
        "time",
        "Clockify detailed report",
        customer="Client",
        date="Start Date",
        start_time="Start Time",
        hours="Duration (decimal) | Duration (h)",
        billable="Billable",
        project="Project",
        activity="Task",
        tags="Tags",
    ),
    _format(
        "harvest",
        "time",
        "Harvest detailed time report",
        customer="Client",
        date="Date",
        hours="Hours | Hours Rounded",
        billable="Billable?",
        project="Project",
        activity="Task",
    ),
    _format(
        "kimai",
        "time",
        "Kimai export",
        customer_id="customer.number | Kundennummer",
        customer="Customer | Kunde",
        date="Date | Datum",
        start_time="From | Begin | Von | Beginn",
        hours="duration_decimal | Duration | Dauer",
        billable="Billable | Abrechenbar",
        project="Project | Projekt",
        activity="Activity | Tätigkeit | Aktivität",
        tags="Tags | Schlagworte",
    ),
    _format(
        "events-de",
        "events",
        "Ereignisliste (deutsch)",
        customer_id="Kundennummer | Kundennr. | Kunden-Nr.",
        customer="Kunde | Kundenname",
        date="Datum",
        kind="Art | Ereignis | Typ",
        project="Projekt",
        note="Notiz | Notizen | Bemerkung",
    ),
    _format(
        "events-en",
        "events",
        "event list (English)",
        customer_id="Customer number | Customer no. | Customer ID",
        customer="Customer | Customer name | Client",
        date="Date",
        kind="Kind | Type | Event",
        project="Project",
        note="Note | Notes",
    ),
    _format(
        "customers-de",
        "customers",
        "Kundenliste (deutsch)",
        id="Kundennummer | Kundennr. | Kunden-Nr.",
        name="Name | Kunde | Kundenname | Firma",
        contact="Ansprechpartner | Kontakt",
        column="Spalte",
        contract="Vertrag",
        contract_until="Vertrag bis",
        prospect="Interessent",
        since="Kunde seit",
        tags="Tags | Schlagworte",
        notes="Notizen | Notiz | Bemerkung",
    ),
    _format(
        "customers-en",
        "customers",
        "customer list (English)",
        id="Customer number | Customer no. | Customer ID | Number | ID",
        name="Name | Customer | Customer name | Company",
        contact="Contact | Contact person",
        column="Column",
        contract="Contract",
        contract_until="Contract until",
        prospect="Prospect",
        since="Customer since | Since",
        tags="Tags",
        notes="Notes | Note",
    ),
)

FORMAT_NAMES: dict[str, tuple[str, ...]] = {kind: tuple(f.name for f in FORMATS if f.kind == kind) for kind in KINDS}


@dataclass(frozen=True)
class Recognised:
    """The format a header was recognised as, and the column index of each field found.

    `refused`: why the header was not recognised. It is raised by the parser, after
    the rows were read: a broken row is reported before a header we do not know.
    """

    format: str
    columns: dict[str, int]
    refused: ImportFileError | None = None

    @property
    def kept(self) -> Iterable[int] | None:
        """The columns to read: the recognised ones, or all when the header was refused."""
        return None if self.refused else self.columns.values()


def recognise_columns(
    header: list[str],
    kind: str,
    source: str,
    format: str = "auto",
    mapping: Mapping[str, str] | None = None,
    header_line: int = 1,
) -> Recognised:
    """`recognise`, with a refusal kept in the result instead of raised."""
    try:
        return recognise(header, kind, source, format, mapping, header_line)
    except ImportFileError as refused:
        return Recognised("", {}, refused)


def recognise(
    header: list[str],
    kind: str,
    source: str,
    format: str = "auto",
    mapping: Mapping[str, str] | None = None,
    header_line: int = 1,
) -> Recognised:
    """Find the format of a header (or check the one given) and where each field is."""
    if kind not in KINDS:
        raise ImportFileError(catalogue_text("imports.unknown_kind", kind=repr(kind), kinds=", ".join(KINDS)))
    mapped = _mapped_columns(header, kind, source, mapping or {})
    where = f"{source}:{header_line}"
    candidates = _candidates(kind, format, source)
    best: Recognised | None = None
    best_score = -1
    most_recognised = 0
    for fmt in candidates:
        columns, score = _match(header, fmt, mapped)
        most_recognised = max(most_recognised, score)
        if _missing(kind, columns) is None and score > best_score:
            best, best_score = Recognised(fmt.name if score else "mapped", columns), score
    other = _other_kind(header, kind)
    # Another kind's format that knows clearly more of the columns: the user picked the wrong kind.
    if other is not None and not mapped and other[1] >= _CLEARLY and other[1] > most_recognised:
        fmt = other[0]
        raise ImportFileError(
            catalogue_text("imports.other_kind", source=source, other=fmt.kind, label=fmt.label, kind=kind)
        )
    if best is None:
        raise _not_recognised(header, kind, source, candidates, mapped)
    _refuse_twice_named(header, best.columns, where)
    return best


def _refuse_twice_named(header: list[str], columns: Mapping[str, int], where: str) -> None:
    """A column we read whose name the header has twice: which of the two is meant cannot be known."""
    names = [normalise_header(name) for name in header]
    for index in columns.values():
        if names.count(names[index]) > 1:
            positions = [str(i + 1) for i, name in enumerate(names) if name == names[index]]
            raise ImportFileError(catalogue_text("records.header_twice", where=where, name=header[index],
                                       positions=", ".join(positions)))  # fmt: skip


_CLEARLY = 3  # columns another kind's format must recognise before we say the file is of that kind


def _candidates(kind: str, format: str, source: str) -> list[Format]:
    if format == "auto":
        return [f for f in FORMATS if f.kind == kind]
    for fmt in FORMATS:
        if fmt.name == format and fmt.kind == kind:
            return [fmt]
    raise ImportFileError(
        catalogue_text(
            "imports.unknown_format",
            source=source,
            kind=kind,
            format=repr(format),
            formats=", ".join(FORMAT_NAMES[kind]),
        )
    )


def _mapped_columns(header: list[str], kind: str, source: str, mapping: Mapping[str, str]) -> dict[str, int]:
    """--map COLUMN=field as field -> column index; COLUMN=ignore as "ignore:<index>" entries."""
    where = {normalise_header(name): index for index, name in reversed(list(enumerate(header)))}
    result: dict[str, int] = {}
    for column, field in mapping.items():
        field = field.strip()
        if field != IGNORE and field not in FIELDS[kind]:
            raise ImportFileError(
                catalogue_text(
                    "imports.map_unknown_field",
                    map=f"{column}={field}",
                    field=repr(field),
                    kind=kind,
                    fields=", ".join(FIELDS[kind]),
                    ignore=IGNORE,
                )
            )
        index = where.get(normalise_header(column))
        if index is None:
            raise ImportFileError(
                catalogue_text(
                    "imports.map_no_column",
                    map=f"{column}={field}",
                    source=source,
                    column=repr(column),
                    found=", ".join(header),
                )
            )
        if field != IGNORE and field in result:
            first = header[result[field]]
            raise ImportFileError(catalogue_text("records.map_twice", column=column, field=field, first=first))
        result[f"{IGNORE}:{index}" if field == IGNORE else field] = index
    return result


def _match(header: list[str], fmt: Format, mapped: dict[str, int]) -> tuple[dict[str, int], int]:
    """Field -> column index (the mapping first, then the format's names) and how many the names found."""
    taken = set(mapped.values())
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        where.setdefault(normalise_header(name), index)
    columns = {field: index for field, index in mapped.items() if not field.startswith(IGNORE + ":")}
    recognised = 0
    for field, names in fmt.columns.items():
        if field in columns:
            continue
        for name in names:
            position = where.get(normalise_header(name))
            if position is not None and position not in taken:
                columns[field] = position
                taken.add(position)
                recognised += 1
                break
    return columns, recognised


def _missing(kind: str, columns: Mapping[str, int]) -> tuple[str, ...] | None:
    """The first required group none of whose fields has a column, else None."""
    for group in REQUIRED[kind]:
        if not any(field in columns for field in group):
            return group
    return None


def _not_recognised(
    header: list[str], kind: str, source: str, candidates: list[Format], mapped: dict[str, int]
) -> ImportFileError:
    closest = max(candidates, key=lambda f: _match(header, f, mapped)[1])
    group = _missing(kind, _match(header, closest, mapped)[0]) or ()
    expected = " / ".join(repr(closest.columns[f][0]) for f in group if f in closest.columns) or repr(group[0])
    what = " / ".join(field_meaning(kind, f).split(" (")[0] for f in group)
    hint = _gross_hint(header) if "net" in group else ""
    return ImportFileError(
        catalogue_text(
            "imports.no_column",
            source=source,
            what=what,
            expected=expected,
            label=closest.label,
            hint=hint,
            found=", ".join(header),
            field=group[0],
        )
    )


def _other_kind(header: list[str], kind: str) -> tuple[Format, int] | None:
    """The best complete format of another kind, with how many columns it recognises."""
    best: tuple[Format, int] | None = None
    for fmt in FORMATS:
        if fmt.kind == kind:
            continue
        columns, score = _match(header, fmt, {})
        if _missing(fmt.kind, columns) is None and (best is None or score > best[1]):
            best = (fmt, score)
    return best


def _gross_hint(header: list[str]) -> str:
    for name in header:
        if normalise_header(name) in ("brutto", "bruttobetrag", "gross", "sumgross", "total"):
            return catalogue_text("imports.gross", name=name)
    return ""
