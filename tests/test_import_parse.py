"""CSV import, reading layer: real export files in, domain objects out, one-line errors.

Fixtures in tests/fixtures/import are written from the vendors' column names:
one per format, a Windows-1252 `;` invoice list with decimal commas and German
dates, a Toggl export with BOM, Kimai in German and English.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kanban.domain.metrics import compute_metrics
from kanban.domain.model import Column, Customer, EventKind, Facts
from kanban.importing import (
    FIELDS,
    CustomerRef,
    ImportFileError,
    apply_resolution,
    mapping_help,
    parse_file,
    resolve_customers,
)
from kanban.importing.csvread import (
    decimal_mark,
    decode,
    detect_delimiter,
    parse_amount,
    parse_amounts_plain,
    parse_date,
    parse_flag,
    parse_hours,
    parse_level,
    slash_order,
    split_table,
)
from kanban.importing.load import parse_file as parse_file_direct
from kanban.resources import demo_data_dir
from kanban.texts import set_language

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The importer's messages below as `--lang en` gives them; test_import_cli checks the German ones."""
    set_language("en")
    yield
    set_language("de")


D = dt.date


def write(tmp_path: Path, text: str, name: str = "rechnungen.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def error_of(path: Path, kind: str, **kwargs: object) -> str:
    with pytest.raises(ImportFileError) as caught:
        parse_file(path, kind, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- every format ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "format", "rows"),
    [
        ("rechnungen-de.csv", "invoices", "invoices-de", 7),
        ("invoices-en.csv", "invoices", "invoices-en", 5),
        ("sevdesk.csv", "invoices", "sevdesk", 5),
        ("toggl.csv", "time", "toggl", 6),
        ("clockify.csv", "time", "clockify", 5),
        ("harvest.csv", "time", "harvest", 5),
        ("kimai-de.csv", "time", "kimai", 5),
        ("kimai-en.csv", "time", "kimai", 4),
        ("ereignisse-de.csv", "events", "events-de", 6),
        ("events-en.csv", "events", "events-en", 5),
        ("kunden-de.csv", "customers", "customers-de", 5),
        ("customers-en.csv", "customers", "customers-en", 3),
    ],
)
def test_each_format_is_recognised_and_every_row_becomes_a_fact(name: str, kind: str, format: str, rows: int) -> None:
    parsed = parse_file(FIXTURES / name, kind)
    assert parsed.format == format
    assert parsed.rows_read == rows
    facts = {"invoices": parsed.invoices, "time": parsed.time_entries, "events": parsed.events}
    assert len(facts.get(kind, parsed.customers)) == rows
    assert {ref.key for ref in parsed.customer_refs} >= {
        getattr(f, "customer_id", getattr(f, "id", None)) for f in facts.get(kind, parsed.customers)
    }
    # the format can also be named instead of detected
    assert parse_file(FIXTURES / name, kind, format=format).rows_read == rows


def test_windows_1252_semicolon_file_with_decimal_commas_and_german_dates() -> None:
    parsed = parse_file(FIXTURES / "rechnungen-de.csv", "invoices")
    assert (parsed.encoding, parsed.delimiter) == ("Windows-1252", ";")
    first, second, third = parsed.invoices[:3]
    assert (first.number, first.customer_id, first.net) == ("RE-2026-001", "10001", 1234.56)
    assert (first.issued, first.due, first.paid) == (D(2026, 1, 15), D(2026, 1, 29), D(2026, 1, 27))
    assert second.dunning_level == 2
    assert third.net == 12500.0 and third.paid is None  # "12.500,00", not yet paid
    by_number = {i.number: i for i in parsed.invoices}
    assert by_number["GS-2026-001"].credit_note and by_number["GS-2026-001"].net == 120.0
    assert by_number["RE-2026-005"].net == 2000.0  # "2.000,00 €"
    assert by_number["RE-2026-004"].dunning_level == 0  # empty Mahnstufe
    names = {ref.name for ref in parsed.customer_refs}
    assert names == {"Müller & Söhne GmbH", "Bäckerei Groß", "Öko-Zentrum Fürth e.V.", "Straßenbau Weiß KG"}


def test_english_invoice_list_with_us_dates_and_thousands_commas() -> None:
    invoices = parse_file(FIXTURES / "invoices-en.csv", "invoices").invoices
    assert invoices[0].issued == D(2026, 1, 13) and invoices[0].net == 1200.0
    assert invoices[2].net == 2450.75
    credit = invoices[3]
    assert credit.credit_note and credit.net == 50.0 and credit.signed_net == -50.0


def test_sevdesk_time_to_pay_becomes_the_due_date() -> None:
    invoices = {i.number: i for i in parse_file(FIXTURES / "sevdesk.csv", "invoices").invoices}
    assert invoices["RE-1000"].due == D(2026, 1, 19)  # 5 January + 14 days
    assert invoices["RE-1000"].paid == D(2026, 1, 16)
    assert invoices["SR-1000"].credit_note  # Stornorechnung
    assert invoices["RE-1003"].due is None  # no timeToPay


def test_toggl_with_bom_reads_durations_and_billable() -> None:
    parsed = parse_file(FIXTURES / "toggl.csv", "time")
    assert parsed.encoding == "UTF-8 with BOM"
    entries = parsed.time_entries
    assert entries[0].customer_id == "Müller & Söhne GmbH"
    assert (entries[0].date, entries[0].hours, entries[0].project) == (D(2026, 3, 2), 2.5, "Relaunch Website")
    assert entries[2].hours == pytest.approx(1 / 3, abs=1e-4) and entries[2].billable is False
    assert entries[3].activity == "Layout, Eilig, Print"  # task and tags


def test_clockify_uses_the_decimal_duration_and_month_first_dates() -> None:
    entries = parse_file(FIXTURES / "clockify.csv", "time").time_entries
    assert [e.date for e in entries[:3]] == [D(2026, 3, 2), D(2026, 3, 13), D(2026, 3, 16)]
    assert [e.hours for e in entries] == [1.5, 0.75, 4.25, 1.0, 0.33]
    assert entries[1].billable is False


def test_harvest_reads_hours_not_the_rounded_ones() -> None:
    entries = parse_file(FIXTURES / "harvest.csv", "time").time_entries
    assert entries[3].hours == 0.33  # "Hours Rounded" says 0.5
    assert entries[2].billable is False
    assert entries[1].activity == "Typesetting"


def test_kimai_german_headers_and_clock_durations() -> None:
    entries = parse_file(FIXTURES / "kimai-de.csv", "time").time_entries
    assert [e.hours for e in entries] == [1.5, 4.25, 0.75, 2.0, 0.5]
    assert entries[1].customer_id == "Bäckerei Groß"
    assert entries[1].activity == "Gestaltung, Eilig"  # Tätigkeit and Tags
    assert entries[0].date == D(2026, 3, 2)


def test_kimai_customer_number_identifies_the_customer() -> None:
    parsed = parse_file(FIXTURES / "kimai-en.csv", "time")
    assert [e.customer_id for e in parsed.time_entries] == ["10001", "10002", "10003", "10004"]
    assert parsed.customer_refs[0] == CustomerRef("10001", "Müller & Söhne GmbH", 2, "kimai-en.csv")
    assert parsed.time_entries[2].hours == 1.75  # duration_decimal


def test_events_german_kinds_and_english_headers() -> None:
    german = parse_file(FIXTURES / "ereignisse-de.csv", "events").events
    assert [e.kind for e in german] == [
        EventKind.CORRECTION_ROUND,
        EventKind.CORRECTION_ROUND,
        EventKind.PRICE_COMPLAINT,
        EventKind.RUSH_REQUEST,
        EventKind.VAGUE_BRIEFING,
        EventKind.SUPPORT_REQUEST,
    ]
    assert german[0].note == "Startseite zum dritten Mal" and german[0].project == "Relaunch Website"
    english = parse_file(FIXTURES / "events-en.csv", "events").events
    assert english[1].kind is EventKind.PRICE_COMPLAINT and english[1].customer_id == "Northwind Traders"


def test_customers_with_columns_contracts_tags_and_a_prospect_without_number() -> None:
    customers = parse_file(FIXTURES / "kunden-de.csv", "customers").customers
    mueller = customers[0]
    assert mueller == Customer(
        id="10001",
        name="Müller & Söhne GmbH",
        column=Column.IDEAL,
        contract=True,
        contract_until=D(2027, 12, 31),
        prospect=False,
        contact="Frau Jäger",
        notes="Rahmenvertrag seit 2024",
        tags=("Web", "Print"),
        since=D(2019, 4, 1),
    )
    assert customers[1].column is Column.WATCH and customers[3].column is Column.DROP
    assert customers[2].column is Column.WATCH  # "watch"
    prospect = customers[4]
    assert prospect.prospect and prospect.id == "Neue Praxis Dr. Özdemir"  # no number yet: resolve gives one
    assert prospect.tags == ("Interessent", "Web")
    english = parse_file(FIXTURES / "customers-en.csv", "customers").customers
    assert english[0].contract_until == D(2027, 6, 30) and english[1].column is Column.DROP


def test_parsed_facts_feed_the_metrics() -> None:
    parsed = parse_file(FIXTURES / "rechnungen-de.csv", "invoices")
    facts = Facts(invoices=tuple(i for i in parsed.invoices if i.customer_id == "10002"))
    metrics = compute_metrics(Customer("10002", "Bäckerei Groß"), facts, D(2026, 6, 30))
    assert metrics["revenue"] == 360.0  # 480 invoice - 120 credit note
    assert metrics["max_dunning_level"] == 2.0


# --- data minimisation -------------------------------------------------------------


@pytest.mark.parametrize("name", ["toggl.csv", "clockify.csv", "harvest.csv", "kimai-de.csv", "kimai-en.csv"])
def test_no_email_staff_name_or_description_survives_a_time_export(name: str) -> None:
    parsed = parse_file(FIXTURES / name, "time")
    text = repr(parsed)
    assert "@" not in text
    staff = [
        "Anna",
        "Schröder",
        "Jonas",
        "Mia Becker",
        "Tom Krüger",
        "Lena",
        "Hoffmann",
        "Paul",
        "Zimmermann",
        "Sabine",
        "Kähler",
        "Günther",
        "Maaß",
    ]
    assert [person for person in staff if person in text] == []
    descriptions = ["Startseite Entwurf", "Telefonat", "Homepage mockups", "Wireframes", "Sitemap", "Kapitel 5"]
    assert [d for d in descriptions if d in text] == []


# --- identity of time entries and events -------------------------------------------


def test_reimporting_the_same_file_gives_the_same_keys_and_identical_rows_are_both_kept() -> None:
    first = parse_file(FIXTURES / "toggl.csv", "time").time_entries
    again = parse_file(FIXTURES / "toggl.csv", "time").time_entries
    assert [e.key for e in first] == [e.key for e in again]
    assert len({e.key for e in first}) == len(first) == 6  # rows 3 and 7 are identical, both kept
    assert first[5].key == first[1].key + "-2"
    events = parse_file(FIXTURES / "ereignisse-de.csv", "events").events
    assert events[0].key != events[1].key  # two correction rounds the same day


def test_key_ignores_the_description_but_not_the_hours(tmp_path: Path) -> None:
    header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,Duration,Tags\n"
    row = "Anna,a@x.de,Acme,Web,Design,{desc},Yes,2026-03-02,09:00:00,{dur},\n"
    one = write(tmp_path, header + row.format(desc="Entwurf", dur="01:00:00"), "one.csv")
    edited = write(tmp_path, header + row.format(desc="Entwurf v2", dur="01:00:00"), "two.csv")
    longer = write(tmp_path, header + row.format(desc="Entwurf", dur="01:30:00"), "three.csv")
    key = parse_file(one, "time").time_entries[0].key
    assert parse_file(edited, "time").time_entries[0].key == key
    assert parse_file(longer, "time").time_entries[0].key != key


# --- parse helpers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal_comma", "value"),
    [
        ("1.234,56", True, 1234.56),
        ("1234.56", True, 1234.56),
        ("1,234.56", False, 1234.56),
        ("1234,5", False, 1234.5),
        ("12.500", True, 12500.0),  # thousands in a German file
        ("12.500", False, 12.5),  # decimal point in an English one
        ("1,234", False, 1234.0),
        ("1.234.567,89", True, 1234567.89),
        ("-12,50", True, -12.5),
        ("12,50-", True, -12.5),
        ("2.000,00 €", True, 2000.0),
        ("€ 12.50", False, 12.5),
        ("+7", True, 7.0),
        ("1'234.50", False, 1234.5),
    ],
)
def test_parse_amount(text: str, decimal_comma: bool, value: float) -> None:
    assert parse_amount(text, decimal_comma) == value


@pytest.mark.parametrize("text", ["12,3,4", "1.2.3", "abc", "12,", "--5", "1.234,5.6", "$12", ""])
def test_parse_amount_refuses_what_is_not_an_amount(text: str) -> None:
    assert parse_amount(text, True) is None
    assert parse_amount(text, False) is None


def test_amount_column_read_at_once_agrees_with_cell_by_cell() -> None:
    texts = ["1.234,56", "12,5", "-7", "100.000", "0,99"]
    assert parse_amounts_plain(texts, True) == [parse_amount(t, True) for t in texts]
    assert parse_amounts_plain(["12,50 €"], True) is None  # needs the general path
    assert parse_amounts_plain(["1,2345"], True) is None  # more than cents


def test_decimal_mark_comes_from_decisive_values() -> None:
    assert decimal_mark(["1.234", "12,50"]) == ","
    assert decimal_mark(["1,234", "3.75"]) == "."
    assert decimal_mark(["1.234,56"]) == ","
    assert decimal_mark(["100", "1.234"]) is None


@pytest.mark.parametrize(
    ("text", "hours"),
    [("1:30", 1.5), ("01:30:00", 1.5), ("0:20", 0.3333), ("1,5", 1.5), ("1.5", 1.5), ("2", 2.0), (",25", 0.25)],
)
def test_parse_hours(text: str, hours: float) -> None:
    assert parse_hours(text) == hours


@pytest.mark.parametrize("text", ["1:75", "1h", "abc", "1,5,0", "-1", ":", "."])
def test_parse_hours_refuses_what_is_not_a_duration(text: str) -> None:
    assert parse_hours(text) is None


@pytest.mark.parametrize(
    ("text", "day_first", "date"),
    [
        ("31.12.2026", False, D(2026, 12, 31)),
        ("1.2.2026", False, D(2026, 2, 1)),
        ("2026-12-31", True, D(2026, 12, 31)),
        ("2026-01-05T00:00:00+01:00", False, D(2026, 1, 5)),
        ("12/31/2026", False, D(2026, 12, 31)),
        ("03/04/2026", False, D(2026, 3, 4)),
        ("03/04/2026", True, D(2026, 4, 3)),
        ("31.12.26", False, D(2026, 12, 31)),
        ("31.12.2026 10:15", False, D(2026, 12, 31)),
    ],
)
def test_parse_date(text: str, day_first: bool, date: dt.date) -> None:
    assert parse_date(text, day_first) == date


@pytest.mark.parametrize("text", ["31.02.2026", "2026-13-01", "morgen", "12/31", "31122026"])
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    assert parse_date(text, True) is None


def test_slash_order_is_decided_by_a_day_above_12() -> None:
    assert slash_order(["01/02/2026", "13/02/2026"])[0] is True
    assert slash_order(["01/02/2026", "02/13/2026"])[0] is False
    assert slash_order(["01/02/2026", "31.12.2026"])[0] is None  # nothing decides
    day_first, day_example, month_example = slash_order(["13/01/2026", "01/13/2026"])
    assert day_first is None and (day_example, month_example) == ("13/01/2026", "01/13/2026")


def test_ambiguous_slash_dates_follow_the_number_style(tmp_path: Path) -> None:
    german = write(tmp_path, "Rechnungsnummer;Kundennummer;Rechnungsdatum;Netto\nR1;K1;03/04/2026;12,50\n")
    english = write(tmp_path, "Invoice number,Customer number,Invoice date,Net\nR1,K1,03/04/2026,12.50\n", "en.csv")
    assert parse_file(german, "invoices").invoices[0].issued == D(2026, 4, 3)
    assert parse_file(english, "invoices").invoices[0].issued == D(2026, 3, 4)


def test_parse_flag_and_level() -> None:
    assert [parse_flag(t) for t in ["ja", "Nein", "yes", "NO", "true", "0", "x", "vielleicht"]] == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        None,
    ]
    assert [parse_level(t) for t in ["", "0", "2", "2. Mahnung", "keine", "hoch"]] == [0, 0, 2, 2, 0, None]


def test_delimiter_is_counted_outside_quotes() -> None:
    assert detect_delimiter("Kunde;Netto;Datum") == ";"
    assert detect_delimiter('"Kunde, Name";"Netto, EUR";Datum') == ";"
    assert detect_delimiter("User\tEmail\tClient") == "\t"
    assert detect_delimiter("a,b;c,d") == ","


def test_encodings_utf8_bom_windows_1252_and_utf16() -> None:
    text = "Kunde;Netto\nMüller;1,00\n"
    assert decode(text.encode("utf-8"), "f.csv") == (text, "UTF-8")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "f.csv") == (text, "UTF-8 with BOM")
    assert decode(text.encode("cp1252"), "f.csv") == (text, "Windows-1252")
    assert decode(text.encode("utf-16"), "f.csv") == (text, "UTF-16")


def test_excel_sep_line_blank_lines_and_quoted_line_breaks_keep_line_numbers() -> None:
    text = (
        'sep=;\nKundennummer;Datum;Art;Notiz\n\nK1;01.03.2026;Eilauftrag;"zwei\nZeilen"\nK2;02.03.2026;Eilauftrag;x\n'
    )
    table = split_table(text, "e.csv")
    assert table.header_line == 2
    assert list(table.lines) == [4, 6]
    assert table.columns[3][0] == "zwei\nZeilen"


# --- errors ------------------------------------------------------------------------

GERMAN_HEADER = "Rechnungsnummer;Kunde;Kundennummer;Rechnungsdatum;Netto\n"


def test_bad_amount_names_file_line_column_value_and_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path, GERMAN_HEADER + "R1;A;1;01.02.2026;10,00\nR2;B;2;02.02.2026;12,3,4\n")
    assert error_of(path, "invoices") == (
        "rechnungen.csv:3: column 'Netto': '12,3,4' is not an amount - use 1.234,56 or 1234.56"
    )


def test_bad_date_is_reported_on_its_physical_line(tmp_path: Path) -> None:
    rows = "R1;A;1;01.02.2026;10,00\n\nR2;B;2;31.02.2026;12,00\n"
    message = error_of(write(tmp_path, GERMAN_HEADER + rows), "invoices")
    assert message.startswith("rechnungen.csv:4: column 'Rechnungsdatum': '31.02.2026' is not a date - use ")


def test_the_first_bad_row_is_reported_whatever_the_column(tmp_path: Path) -> None:
    rows = "R1;A;1;01.02.2026;10,00\nR2;B;2;01.02.2026;zehn\nR3;C;3;gestern;10,00\n"
    assert error_of(write(tmp_path, GERMAN_HEADER + rows), "invoices").startswith("rechnungen.csv:3: column 'Netto'")


def test_empty_required_field_and_empty_customer(tmp_path: Path) -> None:
    no_date = write(tmp_path, GERMAN_HEADER + "R1;A;1;;10,00\n")
    assert error_of(no_date, "invoices") == (
        "rechnungen.csv:2: column 'Rechnungsdatum' is empty - fill in the invoice date"
    )
    no_customer = write(tmp_path, GERMAN_HEADER + "R1;A;1;01.02.2026;1\nR2; ;;01.02.2026;1\n", "k.csv")
    assert error_of(no_customer, "invoices") == (
        "k.csv:3: columns 'Kundennummer', 'Kunde' empty - every row needs its customer"
    )


def test_missing_required_column_names_the_columns_found_and_the_map_fix(tmp_path: Path) -> None:
    path = write(tmp_path, "Rechnungsnummer;Kunde;Rechnungsdatum;Brutto\nR1;A;01.02.2026;11,90\n")
    message = error_of(path, "invoices")
    assert message.startswith("rechnungen.csv: no column for net amount (expected 'Netto'")
    assert "columns found: Rechnungsnummer, Kunde, Rechnungsdatum, Brutto" in message
    assert "'Brutto' is gross" in message
    assert message.endswith("--map 'YOUR COLUMN=net'")


def test_map_names_columns_the_recognition_does_not_know(tmp_path: Path) -> None:
    path = write(tmp_path, "Beleg;Debitor Name;Datum;Betrag netto EUR\nR1;Acme;01.02.2026;1.000,00\n")
    parsed = parse_file(
        path, "invoices", mapping={"Beleg": "number", "Debitor Name": "customer", "betrag netto eur": "net"}
    )
    assert parsed.invoices[0].net == 1000.0 and parsed.invoices[0].customer_id == "Acme"
    assert parsed.format == "invoices-de"  # "Datum" was still recognised
    only_mapped = write(tmp_path, "A;B;C;D\nR1;Acme;2026-02-01;5\n", "m.csv")
    fields = {"A": "number", "B": "customer", "C": "issued", "D": "net"}
    assert parse_file(only_mapped, "invoices", mapping=fields).format == "mapped"


def test_map_errors_name_the_field_or_the_column(tmp_path: Path) -> None:
    path = write(tmp_path, GERMAN_HEADER + "R1;A;1;01.02.2026;10,00\n")
    unknown_field = error_of(path, "invoices", mapping={"Netto": "betrag"})
    assert unknown_field.startswith("--map Netto=betrag: unknown field 'betrag' for invoices - use one of number,")
    unknown_column = error_of(path, "invoices", mapping={"Summe": "net"})
    assert unknown_column.startswith("--map Summe=net: rechnungen.csv has no column 'Summe' - columns found: ")


def test_map_ignore_keeps_a_column_from_being_used(tmp_path: Path) -> None:
    path = write(tmp_path, GERMAN_HEADER.strip() + ";Mahnstufe\nR1;A;1;01.02.2026;10,00;hoch\n")
    assert "'hoch' is not a dunning level" in error_of(path, "invoices")
    assert parse_file(path, "invoices", mapping={"Mahnstufe": "ignore"}).invoices[0].dunning_level == 0


def test_a_file_of_another_kind_is_named(tmp_path: Path) -> None:
    message = error_of(FIXTURES / "toggl.csv", "invoices")
    assert message == (
        "toggl.csv: this looks like time (Toggl Track detailed report), not invoices - "
        "import it with `kundenboard import time toggl.csv`"
    )
    assert "looks like invoices" in error_of(FIXTURES / "rechnungen-de.csv", "customers")


def test_unknown_kind_and_format(tmp_path: Path) -> None:
    assert error_of(FIXTURES / "toggl.csv", "hours").startswith("unknown kind 'hours'")
    assert error_of(FIXTURES / "toggl.csv", "time", format="excel") == (
        "toggl.csv: unknown time format 'excel' - use auto or toggl, clockify, harvest, kimai"
    )


EMPTY = "leer.csv: the file is empty - export it again with a header row and data rows"
BINARY = "leer.csv: this is binary data, not a CSV text file - export it as CSV"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", EMPTY),
        (b"\n\n  \n", EMPTY),
        (GERMAN_HEADER.encode(), "leer.csv: only a header, no data rows - export the period that has data"),
        (b"PK\x03\x04\x14\x00\x06\x00", "leer.csv: this is an Excel or zip file, not CSV - save or export it as CSV"),
        (bytes(range(256)) * 4, BINARY),  # with NUL bytes
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, BINARY),  # control characters only
    ],
)
def test_empty_header_only_and_binary_files_get_one_clear_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "leer.csv"
    path.write_bytes(content)
    assert error_of(path, "invoices") == expected


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "cannot read the file" in error_of(tmp_path / "fehlt.csv", "invoices")
    assert error_of(tmp_path, "invoices").endswith("is a folder - name a CSV file")


def test_unquoted_delimiter_in_a_value_is_caught(tmp_path: Path) -> None:
    path = write(tmp_path, "Invoice number,Customer,Invoice date,Net\nR1,Acme,2026-02-01,1,234.50\n", "en.csv")
    assert error_of(path, "invoices") == (
        "en.csv:2: 5 fields but the header has 4 - a value contains the delimiter ',' without quotes; "
        "quote that value or export with another delimiter"
    )


def test_broken_quotes_are_reported_where_they_start(tmp_path: Path) -> None:
    header = "Kundennummer;Datum;Art;Notiz\n"
    unclosed = write(tmp_path, header + 'K1;01.03.2026;Eilauftrag;"offen\nK2;02.03.2026;Support;x\n', "e.csv")
    # without the error the open quote would swallow the next row unnoticed
    assert error_of(unclosed, "events") == "e.csv:2: a quote opened in this line is never closed - close or remove it"
    stray = write(tmp_path, header + 'K1;01.03.2026;Eilauftrag;x\nK2;01.03.2026;Support;"zu"viel\n', "f.csv")
    assert error_of(stray, "events") == (
        'f.csv:3: a quoted value goes on after its closing quote - write a quote inside quotes as ""'
    )


def test_short_rows_and_trailing_delimiters_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, GERMAN_HEADER.strip() + ";Mahnstufe;\nR1;A;1;01.02.2026;10,00;;\nR2;B;2;01.02.2026;5\n")
    assert [i.net for i in parse_file(path, "invoices").invoices] == [10.0, 5.0]


def test_repeated_invoice_number_and_mixed_date_orders(tmp_path: Path) -> None:
    twice = write(tmp_path, GERMAN_HEADER + "R1;A;1;01.02.2026;10\nR2;A;1;01.02.2026;10\nR1;A;1;01.02.2026;5\n")
    assert error_of(twice, "invoices") == (
        "rechnungen.csv:4: column 'Rechnungsnummer': invoice 'R1' appears again (first on line 2) - "
        "export one row per invoice, not one per item"
    )
    mixed = write(tmp_path, GERMAN_HEADER + "R1;A;1;13/01/2026;10\nR2;A;1;01/13/2026;10\n", "m.csv")
    assert error_of(mixed, "invoices") == (
        "m.csv:3: column 'Rechnungsdatum': '01/13/2026' is month first but '13/01/2026' is day first "
        "- export with one date format"
    )


def test_time_entry_errors(tmp_path: Path) -> None:
    header = "Date,Client,Project,Task,Hours,Billable?\n"
    seconds = write(tmp_path, header + "2026-03-02,Acme,Web,Design,5400,Yes\n", "h.csv")
    assert error_of(seconds, "time").startswith(
        "h.csv:2: column 'Hours': '5400' is more than 24 hours in one entry - the column must hold hours"
    )
    bad_flag = write(tmp_path, header + "2026-03-02,Acme,Web,Design,1.5,maybe\n", "b.csv")
    assert error_of(bad_flag, "time") == (
        "b.csv:2: column 'Billable?': 'maybe' is not yes or no - use ja/nein, yes/no, true/false or 1/0"
    )
    no_hours = write(tmp_path, header + "2026-03-02,Acme,Web,Design,,Yes\n", "e.csv")
    assert error_of(no_hours, "time") == "e.csv:2: column 'Hours' is empty - fill in the duration"
    no_client = write(tmp_path, header + "2026-03-02,,Web,Design,1.5,Yes\n", "c.csv")
    assert error_of(no_client, "time").startswith(
        "c.csv:2: column 'Client' empty - every row needs its client; "
        "--skip-unassigned skips internal time without a client"
    )


def test_event_and_customer_errors(tmp_path: Path) -> None:
    events = write(tmp_path, "Kundennummer;Datum;Art\nK1;01.03.2026;Ärger\n", "e.csv")
    assert error_of(events, "events") == (
        "e.csv:2: column 'Art': 'Ärger' is not an event kind - use Korrekturschleife, Preisbeschwerde, "
        "Eilauftrag, Ungenaues Briefing or Supportanfrage"
    )
    twice = write(tmp_path, "Kundennummer;Name;Spalte\nK1;A;ideal\nK1;B;watch\n", "k.csv")
    assert error_of(twice, "customers") == (
        "k.csv:3: customer 'K1' appears again (first on line 2) - keep one row per customer"
    )
    column = write(tmp_path, "Kundennummer;Name;Spalte\nK1;A;oben\n", "s.csv")
    assert "column 'Spalte': 'oben' is not a column - use ideal, watch or drop" in error_of(column, "customers")


def test_error_values_are_shortened_to_keep_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, GERMAN_HEADER + f"R1;A;1;01.02.2026;{'9' * 50}x{'9' * 50}\n")
    message = error_of(path, "invoices")
    assert "…'" in message and len(message) < 200


def test_mapping_help_lists_every_field_with_its_meaning() -> None:
    text = mapping_help("invoices")
    assert "  net             net amount (required); negative = credit note" in text.splitlines()
    assert "time:" not in text
    everything = mapping_help()
    assert all(f"  {field} " in everything for fields in FIELDS.values() for field in fields)


def test_map_fields_are_documented_for_the_cli_help() -> None:
    doc = parse_file_direct.__doc__ or ""
    for kind, fields in FIELDS.items():
        line = next(text for text in doc.splitlines() if text.strip().startswith(kind + ":"))
        block = doc[doc.index(line) :]
        for field in fields:
            assert field in block.split("\n\n")[0], (kind, field)


# --- resolving customers -----------------------------------------------------------

EXISTING = {
    "10001": Customer("10001", "Müller & Söhne GmbH"),
    "10002": Customer("10002", "Bäckerei Groß"),
}


def test_resolve_by_number_exact_name_and_loose_name() -> None:
    refs = [
        CustomerRef("10002", "Anderer Name", 2, "r.csv"),
        CustomerRef(None, "Müller & Söhne GmbH", 3, "r.csv"),
        CustomerRef(None, "  bäckerei   GROSS ", 4, "r.csv"),  # case, spaces, ß written ss
    ]
    resolution = resolve_customers(refs, EXISTING, create=False, trust_numbers=True)
    assert resolution.mapping == {"10002": "10002", "Müller & Söhne GmbH": "10001", "  bäckerei   GROSS ": "10002"}
    assert resolution.new_customers == ()


def test_a_number_naming_another_company_is_refused_with_the_line_both_names_and_the_owner_of_the_name() -> None:
    refs = [
        CustomerRef("10001", "Müller & Söhne", 2, "r.csv"),
        CustomerRef("10002", "Müller + Söhne", 5, "r.csv"),
        CustomerRef("10003", "Neu", 6, "r.csv"),
        CustomerRef("10002", "Bäckerei Klein", 7, "r.csv"),
    ]
    with pytest.raises(ImportFileError) as refused:
        resolve_customers(refs, EXISTING, create=True)
    message = str(refused.value)
    assert message.startswith(
        "r.csv:5: customer number 10002 belongs to “Bäckerei Groß”, the file names “Müller + "
        "Söhne” (ours is 10001); 1 more number does not match"
    )
    assert "--trust-numbers" in message


@pytest.mark.parametrize(
    ("ours", "theirs", "same"),
    [
        ("Vogt Ingenieure GmbH", "VOGT  Ingenieure GmbH & Co. KG", True),
        ("Blumen Schneider e.K.", "Blumen Schneider", True),
        ("Agentur Nord UG (haftungsbeschränkt)", "Agentur Nord", True),
        ("Steuerkanzlei Brandt & Partner", "Steuerkanzlei Brandt", False),
        ("Elektro Hoffmann GmbH", "Elektro Hofmann GmbH", False),
        ("AG", "AG", True),
    ],
)
def test_companies_are_the_same_beyond_case_spacing_and_legal_form(ours: str, theirs: str, same: bool) -> None:
    from kanban.importing.names import same_company

    assert same_company(ours, theirs) is same


def test_unknown_customers_are_created_with_their_number_or_a_stable_id() -> None:
    refs = [
        CustomerRef("20001", "Neu GmbH", 2, "r.csv"),
        CustomerRef(None, "Ohne Nummer KG", 5, "r.csv"),
        CustomerRef(None, "ohne nummer kg", 6, "r.csv"),
    ]
    resolution = resolve_customers(refs, EXISTING, create=True)
    new = {c.name: c.id for c in resolution.new_customers}
    assert new["Neu GmbH"] == "20001"
    generated = new["Ohne Nummer KG"]
    assert generated.startswith("K-") and len(resolution.new_customers) == 2  # the second spelling matches it
    assert resolution.mapping["ohne nummer kg"] == generated
    again = resolve_customers(refs, EXISTING, create=True)
    assert {c.id for c in again.new_customers} == {"20001", generated}  # stable across runs


def test_generated_ids_do_not_collide_with_existing_ones() -> None:
    ref = CustomerRef(None, "Kollision AG", 2, "r.csv")
    taken = resolve_customers([ref], {}, create=True).new_customers[0].id
    existing = {taken: Customer(taken, "Jemand anderes")}
    other = resolve_customers([ref], existing, create=True).new_customers[0].id
    assert other != taken and other.startswith(taken)


def test_no_create_names_file_line_unknown_customer_and_close_names() -> None:
    refs = [CustomerRef("10001", None, 2, "r.csv"), CustomerRef(None, "Bäckerei Gros", 7, "r.csv")]
    with pytest.raises(ImportFileError) as caught:
        resolve_customers(refs, EXISTING, create=False)
    assert str(caught.value) == (
        "r.csv:7: unknown customer 'Bäckerei Gros' - did you mean 'Bäckerei Groß'? "
        "create it first or import without --no-create"
    )


def test_a_name_shared_by_two_customers_needs_the_number() -> None:
    existing = {**EXISTING, "10003": Customer("10003", "Bäckerei Groß")}
    with pytest.raises(ImportFileError, match=r"r.csv:4: customer name 'Bäckerei Groß' fits 2 customers"):
        resolve_customers([CustomerRef(None, "Bäckerei Groß", 4, "r.csv")], existing, create=True)


def test_apply_resolution_rewrites_every_customer_id() -> None:
    parsed = parse_file(FIXTURES / "toggl.csv", "time")
    existing = {"10001": Customer("10001", "Müller & Söhne GmbH")}
    resolution = resolve_customers(parsed.customer_refs, existing, create=True)
    resolved = apply_resolution(parsed, resolution)
    ids = {e.customer_id for e in resolved.time_entries}
    assert "10001" in ids and ids <= {"10001"} | {c.id for c in resolution.new_customers}
    assert [e.key for e in resolved.time_entries] == [e.key for e in parsed.time_entries]
    assert {ref.key for ref in resolved.customer_refs} == ids


def test_apply_resolution_gives_customers_without_number_their_new_id() -> None:
    parsed = parse_file(FIXTURES / "kunden-de.csv", "customers")
    resolution = resolve_customers(parsed.customer_refs, {}, create=True)
    customers = apply_resolution(parsed, resolution).customers
    assert [c.id for c in customers[:4]] == ["10001", "10002", "10003", "10004"]
    assert customers[4].id.startswith("K-") and customers[4].name == "Neue Praxis Dr. Özdemir"


# --- the demo data -----------------------------------------------------------------


def test_all_four_demo_files_import_and_every_fact_has_a_known_customer() -> None:
    folder = demo_data_dir()
    customers = parse_file(folder / "kunden.csv", "customers")
    invoices = parse_file(folder / "rechnungen.csv", "invoices")
    times = parse_file(folder / "zeiten.csv", "time")
    events = parse_file(folder / "ereignisse.csv", "events")
    assert (customers.format, invoices.format, times.format, events.format) == (
        "customers-de",
        "invoices-de",
        "toggl",
        "events-de",
    )
    assert (invoices.encoding, times.encoding) == ("Windows-1252", "UTF-8 with BOM")
    existing = {c.id: c for c in customers.customers}
    for parsed in (invoices, times, events):
        assert parsed.rows_read > 0
        resolution = resolve_customers(parsed.customer_refs, existing, create=False)
        assert set(resolution.mapping.values()) <= set(existing)


# --- scale -------------------------------------------------------------------------


def _invoice_list(path: Path, rows: int, customers: int) -> float:
    """A German invoice list like the accounting exports; returns the total net."""
    rnd = random.Random(7)
    lines = ["Rechnungsnummer;Kunde;Kundennummer;Rechnungsdatum;Fälligkeitsdatum;Bezahlt am;Netto;Brutto;Mahnstufe;Typ"]
    total = 0.0
    for number in range(rows):
        customer = rnd.randrange(customers)
        day, month, year = rnd.randrange(1, 15), rnd.randrange(1, 13), rnd.choice((2024, 2025, 2026))
        cents = rnd.randrange(5_000, 2_000_000)
        total += cents
        net = f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"
        paid = f"{day + 5:02d}.{month:02d}.{year}" if rnd.random() < 0.8 else ""
        lines.append(
            f"RE-{number:07d};Kunde {customer} GmbH & Co. KG;K{customer:05d};{day:02d}.{month:02d}.{year};"
            f"{day + 14:02d}.{month:02d}.{year};{paid};{net};;{rnd.choice('0001123')};Rechnung"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return total / 100


def test_70000_invoice_rows_parse_correctly_and_the_ratio_to_a_plain_csv_read_is_printed(tmp_path: Path) -> None:
    path = tmp_path / "rechnungen.csv"
    total = _invoice_list(path, 70_000, 25_000)

    def plain() -> float:
        start = time.perf_counter()
        with path.open(encoding="cp1252", newline="") as file:
            list(csv.reader(file, delimiter=";"))
        return time.perf_counter() - start

    def ours() -> float:
        start = time.perf_counter()
        parse_file(path, "invoices")
        return time.perf_counter() - start

    plain_s = min(plain() for _ in range(3))
    ours_s = min(ours() for _ in range(3))
    print(f"\n70,000 invoice rows: csv.reader {plain_s:.3f} s, parse_file {ours_s:.3f} s, ratio {ours_s / plain_s:.1f}")
    parsed = parse_file(path, "invoices")
    assert parsed.rows_read == 70_000
    assert round(sum(i.net for i in parsed.invoices), 2) == round(total, 2)
    assert len(parsed.customer_refs) <= 25_000


# --- only the recognised columns are kept --------------------------------------------
# The rows are read with only the columns the format recognised; rows of another
# width and blank rows must still behave as when every cell was kept.

TOGGL_HEADER = "Client,Project,Start date,Start time,Duration,Billable"
TOGGL_EXTRA = "User,Email,Description,End date,Amount (EUR)"  # columns no metric uses


def toggl(tmp_path: Path, rows: list[tuple[str, str]], name: str = "toggl.csv", encoding: str = "utf-8") -> Path:
    """A Toggl file from (recognised cells, unrecognised cells) pairs, the unrecognised columns first."""
    lines = [f"{TOGGL_EXTRA},{TOGGL_HEADER}"] + [f"{extra},{known}" if extra or known else "" for known, extra in rows]
    return write(tmp_path, "\n".join(lines) + "\n", name, encoding)


def test_unrecognised_columns_change_no_fact(tmp_path: Path) -> None:
    known = ["Acme,P1,2026-03-02,09:00:00,01:30:00,Yes", "Beta,P2,2026-03-03,10:00:00,00:45:00,No"]
    plain = write(tmp_path, "\n".join([TOGGL_HEADER, *known]) + "\n", "plain.csv")
    wide = toggl(tmp_path, [(row, "Lena,lena@example.org,Entwurf,2026-03-02,142.50") for row in known])
    assert parse_file(wide, "time").time_entries == parse_file(plain, "time").time_entries
    assert parse_file(wide, "time").rows_read == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_every_encoding_reads_the_same_entries(tmp_path: Path, encoding: str) -> None:
    rows = [("Müller,P1,2026-03-02,09:00:00,01:30:00,Ja", "Lena,l@x.de,Änderung €,2026-03-02,9")]
    parsed = parse_file(toggl(tmp_path, rows, encoding=encoding), "time")
    assert parsed.time_entries == parse_file(toggl(tmp_path, rows, "u.csv"), "time").time_entries
    assert parsed.time_entries[0].customer_id == "Müller"


def test_a_filled_extra_cell_in_an_unrecognised_column_is_refused_on_its_line(tmp_path: Path) -> None:
    rows = [
        ("Acme,P1,2026-03-02,09:00:00,01:30:00,Yes", "Lena,l@x.de,Entwurf,2026-03-02,9"),
        ("Acme,P1,2026-03-03,09:00:00,01:30:00,Yes,oops", "Lena,l@x.de,Entwurf,2026-03-03,9"),
    ]
    assert error_of(toggl(tmp_path, rows), "time") == (
        "toggl.csv:3: 12 fields but the header has 11 - a value contains the delimiter ',' without quotes; "
        "quote that value or export with another delimiter"
    )


def test_short_rows_are_padded_and_empty_extra_cells_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"{TOGGL_HEADER},{TOGGL_EXTRA}\nAcme,P1,2026-03-02,09:00:00,01:30:00\n"
        "Beta,P2,2026-03-03,10:00:00,00:45:00,No,Lena,,,,,,\n",
        "short.csv",
    )
    entries = parse_file(path, "time").time_entries
    assert [(e.customer_id, e.hours, e.billable) for e in entries] == [("Acme", 1.5, True), ("Beta", 0.75, False)]


def test_a_short_row_missing_a_required_cell_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, f"{TOGGL_HEADER},{TOGGL_EXTRA}\nAcme,P1,2026-03-02,09:00:00,01:30:00\nBeta,P2\n")
    assert error_of(path, "time") == "rechnungen.csv:3: column 'Start date' is empty - fill in the date"


def test_a_row_filled_only_in_unrecognised_columns_is_not_a_blank_row(tmp_path: Path) -> None:
    rows = [
        ("Acme,P1,2026-03-02,09:00:00,01:30:00,Yes", "Lena,l@x.de,Entwurf,2026-03-02,9"),
        ("", ""),  # a blank line: skipped
        (",,,,,", "Lena,,,,"),
    ]  # only the staff name: a row without its customer
    assert error_of(toggl(tmp_path, rows), "time").startswith(
        "toggl.csv:4: column 'Client' empty - every row needs its client"
    )


def test_blank_and_odd_rows_beyond_the_first_chunk_keep_their_lines(tmp_path: Path) -> None:
    row = "Acme,P1,2026-03-02,09:00:00,01:30:00,Yes"
    rows = [(row, "Lena,,,,")] * 5000 + [("", "")] + [(row, "Lena,,,,")] * 3000 + [(row + ",,", "Lena,,,,")]
    rows += [("Acme,P1,gestern,09:00:00,01:30:00,Yes", "Lena,,,,")]
    assert error_of(toggl(tmp_path, rows), "time").startswith(
        "toggl.csv:8004: column 'Start date': 'gestern' is not a date"
    )
    del rows[-1]
    rows[6000] = ("Acme,P1,2026-03-02,09:00:00,01:30:00,Yes,x", "Lena,,,,")
    assert error_of(toggl(tmp_path, rows), "time").startswith("toggl.csv:6002: 12 fields but the header has 11")
    rows[6000] = (row, "Lena,,,,")
    parsed = parse_file(toggl(tmp_path, rows), "time")
    assert parsed.rows_read == 8001
    assert sum(e.hours for e in parsed.time_entries) == 8001 * 1.5


def test_a_toggl_report_is_parsed_in_memory_of_a_few_times_its_size(tmp_path: Path) -> None:
    """Issue 8: 250,000 rows peaked at 13 times the file's size when every cell of 14 columns was kept."""
    header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags"
    lines = [header] + [
        f"Lena Hartmann,lena@example.org,Kunde {i % 2000:06d} GmbH,P{i % 5},,Arbeit,Yes,2026-{i % 12 + 1:02d}-"
        f"{i % 28 + 1:02d},{7 + i % 10}:00:00,2026-{i % 12 + 1:02d}-{i % 28 + 1:02d},12:00:00,0{i % 8}:15:00,Design"
        for i in range(10_000)
    ]
    path = write(tmp_path, "\n".join(lines) + "\n", "toggl.csv", "utf-8-sig")
    tracemalloc.start()
    try:
        parsed = parse_file(path, "time")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(parsed.time_entries) == 10_000
    assert peak < 6 * path.stat().st_size, f"{peak / path.stat().st_size:.1f} times the file size"
