"""Any input ends in a result or a one-line error: CSV imports, YAML restores, rule files and conditions.

Property-based (hypothesis), bounded in examples so the whole file runs in
seconds, and derandomized so CI fails the same way on every run. The examples
hypothesis once shrank to a bug are kept below as plain tests.
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kanban.importing import KINDS, ImportFileError, ParsedImport, parse_file
from kanban.importing.formats import FORMATS, REQUIRED, Format
from kanban.importing.load import import_file
from kanban.store import Store

ROOT = Path(__file__).resolve().parents[1]
# KUNDENBOARD_FUZZ=5000 runs that many random (not derandomized) examples per test, for a longer hunt.
_HUNT = int(os.environ.get("KUNDENBOARD_FUZZ", "0"))
FUZZ = settings(max_examples=_HUNT or 150, deadline=None, derandomize=not _HUNT,
                suppress_health_check=[HealthCheck.too_slow])
DATABASE_FILES = ("board.json", "facts.json", "decisions.jsonl")


@contextmanager
def scratch() -> Iterator[Path]:
    """A folder for one test: hypothesis runs many examples per test, function fixtures only once."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def contents(db: Path) -> dict[str, bytes]:
    return {name: (db / name).read_bytes() for name in DATABASE_FILES if (db / name).exists()}


def assert_one_line(error: Exception, where: str) -> None:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message, repr(message)
    assert where in message, message


# --- CSV: what an export may hold ---------------------------------------------------------------

# Per column: values real exports hold, then values they should not (each a bug once or a likely one).
GOOD_DATES = ["31.12.2026", "2026-12-31", "05.01.2026", "2026-01-05T00:00:00+01:00", "12/31/2026"]
NAMES = ["K-1", "10001", "Müller & Söhne GmbH", "Bäckerei Groß", "Acme Design Ltd"]
unique_ids = st.integers(1, 10**6).map(lambda n: f"K-{n}")
GOOD: dict[str, st.SearchStrategy[str]] = {
    **dict.fromkeys(("issued", "due", "paid", "date", "contract_until", "since"), st.sampled_from(GOOD_DATES)),
    "net": st.sampled_from(["1.234,56", "100", "0", "-12,50 €", "480,00", "350.50"]),
    "hours": st.sampled_from(["1:30", "01:30:00", "1,5", "2", "0:45"]),
    "due_days": st.sampled_from(["14", "30", "0"]),
    "dunning_level": st.sampled_from(["0", "1", "2. Mahnung", "keine"]),
    **dict.fromkeys(("billable", "contract", "prospect"), st.sampled_from(["ja", "nein", "yes", "no", ""])),
    "kind": st.sampled_from(["Korrekturschleife", "Preisbeschwerde", "rush", "Supportanfrage"]),
    "type": st.sampled_from(["Rechnung", "Gutschrift", "RE", "Invoice"]),
    "column": st.sampled_from(["ideal", "Trennen", "Beobachten", ""]),
    "number": st.integers(1, 10**6).map(lambda n: f"RE-{n}"),
    **dict.fromkeys(("id", "name"), unique_ids),
}
BAD = [
    "", " ", "morgen", "31.12.9999", "0001-01-01", "29.02.2026", "1.2.26", "9" * 400, "9" * 5000, "9" * 12 + ":00",
    "1e5", "12.345", "1,234.56", "€ 5", "1.2.3", "25:00", ":", "-3", "999999999", "x", "Mülleimer", "a;b", '"',
    "K-1 ", "k-1", "=cmd|' /C calc'!A0",
]


def cell(field: str) -> st.SearchStrategy[str]:
    """Mostly what such a column holds in real exports; now and then a bad value or anything at all."""
    good = GOOD.get(field, st.sampled_from(NAMES))
    return st.integers(0, 19).flatmap(
        lambda n: good if n < 17 else st.sampled_from(BAD) if n < 19 else st.text(max_size=8)
    )


@st.composite
def export_file(draw: st.DrawFn) -> tuple[bytes, str]:
    """A file under a recognisable header of one format: every required column, some optional ones."""
    fmt: Format = draw(st.sampled_from(FORMATS))
    required = [group[0] for group in REQUIRED[fmt.kind] if group[0] in fmt.columns] + [
        field for group in REQUIRED[fmt.kind] if group[0] not in fmt.columns for field in group[1:2]
    ]
    optional = draw(st.lists(st.sampled_from([f for f in fmt.columns if f not in required]), unique=True))
    fields = draw(st.permutations(required + optional))
    header = [draw(st.sampled_from(fmt.columns[field])) for field in fields]
    rows = draw(st.lists(st.tuples(*(cell(field) for field in fields)), min_size=1, max_size=6))
    out = io.StringIO()
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    writer = csv.writer(out, delimiter=delimiter, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return out.getvalue().encode(encoding, errors="replace"), fmt.kind


PIECES = list(';,\t"\n\r x1.-:/ä€') + ["\ufeff", "sep=;", 'sep="', "sep=\n", "Kunde", "Datum", "Netto", "Client",
                                       "31.12.2026", "1.234,56", "1:30", '""']
BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0"]

csv_text = st.builds(
    lambda text, encoding: text.encode(encoding, errors="replace"),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"]),
)
csv_bytes = st.builds(lambda bom, body: bom + body, st.sampled_from(BOMS), st.binary(max_size=300))


def parse_or_refuse(path: Path, kind: str) -> ParsedImport | None:
    """The parse result, or None after checking the refusal is one line naming the file."""
    try:
        parsed = parse_file(path, kind)
    except ImportFileError as error:
        assert_one_line(error, path.name)
        event("refused")
        return None
    event("parsed")
    facts = {"invoices": parsed.invoices, "time": parsed.time_entries, "events": parsed.events,
             "customers": parsed.customers}[kind]
    assert len(facts) == parsed.rows_read
    assert all(math.isfinite(i.net) and i.net >= 0 for i in parsed.invoices)
    assert all(0 <= t.hours <= 24 for t in parsed.time_entries)
    return parsed


@FUZZ
@given(data=st.one_of(csv_bytes, csv_text), kind=st.sampled_from(KINDS))
def test_any_bytes_parse_or_are_refused_in_one_line(data: bytes, kind: str) -> None:
    with scratch() as folder:
        path = folder / "export.csv"
        path.write_bytes(data)
        parse_or_refuse(path, kind)


@FUZZ
@given(export=export_file())
def test_any_cells_under_a_known_header_parse_or_are_refused_in_one_line(export: tuple[bytes, str]) -> None:
    data, kind = export
    with scratch() as folder:
        path = folder / "export.csv"
        path.write_bytes(data)
        parse_or_refuse(path, kind)


@settings(FUZZ, max_examples=max(60, _HUNT // 5))
@given(exports=st.lists(export_file(), min_size=1, max_size=4))
def test_an_import_adds_all_of_a_file_or_nothing(exports: list[tuple[bytes, str]]) -> None:
    with scratch() as folder, Store.open(folder / "db") as store:
        path = folder / "export.csv"
        for data, kind in exports:  # one database across files: later imports meet earlier customers
            path.write_bytes(data)
            before, customers, keys = contents(store.directory), store.customers(), store.fact_keys()
            try:
                summary = import_file(store, path, kind)
            except ImportFileError as error:
                event("import refused")
                assert_one_line(error, path.name)
                assert contents(store.directory) == before
                assert (store.customers(), store.fact_keys()) == (customers, keys)
                continue
            event("import done")
            added = sum(len(store.fact_keys()[k]) - len(keys[k]) for k in keys)
            assert added == summary.facts_added
            assert len(store.customers()) == len(customers) + summary.customers_created
        with Store.open(store.directory, readonly=True) as reader:  # what another process reads back
            assert (reader.customers(), reader.fact_keys()) == (store.customers(), store.fact_keys())


# Shrunk from the fuzz runs: each was a traceback (an "internal error" in the CLI) or a value nobody can use.

SEVDESK = "invoiceNumber;contact;invoiceDate;timeToPay;sumNet\n"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        # a payment term past the calendar: OverflowError in date + timedelta
        ("sevdesk.csv", SEVDESK + "RE-1;Kunde A;2026-01-05;999999999;100,00\n", "sevdesk.csv:2: column 'timeToPay'"),
        ("sevdesk.csv", SEVDESK + "RE-1;Kunde A;31.12.9999;14;100,00\n", "past the year 9999"),
        # more digits than int() converts: ValueError
        ("sevdesk.csv", SEVDESK + f"RE-1;Kunde A;2026-01-05;{'9' * 5000};100,00\n", "column 'timeToPay'"),
        ("mahnung.csv", "Rechnungsnummer;Kunde;Rechnungsdatum;Netto;Mahnstufe\n"
                        f"RE-1;Kunde A;05.01.2026;100,00;{'9' * 5000}\n", "column 'Mahnstufe'"),
        ("zeit.csv", f"Date,Client,Hours\n2026-03-02,Acme,{'9' * 5000}:00\n", "column 'Hours'"),
        # an hour count too big for a float: OverflowError
        ("zeit.csv", f"Date,Client,Hours\n2026-03-02,Acme,{'9' * 400}:00\n", "column 'Hours'"),
        # an amount too big for a float became inf: stored as Infinity, shown as "inf", the export unrestorable
        ("sevdesk.csv", SEVDESK + f"RE-1;Kunde A;2026-01-05;14;{'9' * 400}\n", "column 'sumNet'"),
        ("sevdesk.csv", SEVDESK + f"RE-1;Kunde A;2026-01-05;14;{'9' * 400},00 €\n", "column 'sumNet'"),
    ],
)
def test_numbers_beyond_any_real_export_are_named_not_crashed_on(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    kind = "time" if name == "zeit.csv" else "invoices"
    with pytest.raises(ImportFileError) as refused:
        parse_file(path, kind)
    assert_one_line(refused.value, where)
