"""`kundenboard import` as a user runs it: all or nothing, twice adds nothing, dry run writes nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kanban.cli import main
from kanban.resources import demo_data_dir

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def snapshot(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.glob("*.json*"))}


def test_a_windows_1252_german_invoice_list_imports_and_a_second_import_adds_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    code, out = run("import", "invoices", str(demo_data_dir() / "rechnungen.csv"), "--db", db)
    assert code == 0 and "431 Einträge neu" in out
    code, out = run("import", "invoices", str(demo_data_dir() / "rechnungen.csv"), "--db", db, "--lang", "en")
    assert code == 0 and "0 facts added" in out and "431 duplicates skipped" in out
    code, out = run("customers", "--db", db, "--format", "json")
    assert '"Möbelhaus Wendt KG"' in out


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    run("import", "customers", str(demo_data_dir() / "kunden.csv"), "--db", str(db))
    before = snapshot(db)
    code, out = run("import", "time", str(demo_data_dir() / "zeiten.csv"), "--db", str(db), "--dry-run")
    assert code == 0 and "nichts geschrieben" in out
    assert snapshot(db) == before


def test_a_broken_row_names_line_and_column_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    run("import", "customers", str(demo_data_dir() / "kunden.csv"), "--db", str(db))
    before = snapshot(db)
    lines = (demo_data_dir() / "rechnungen.csv").read_bytes().split(b"\r\n")
    cells = lines[5].split(b";")
    cells[6] = b"12,3,4"  # the net amount
    lines[5] = b";".join(cells)
    broken = tmp_path / "rechnungen.csv"
    broken.write_bytes(b"\r\n".join(lines))
    code, out = run("import", "invoices", str(broken), "--db", str(db))
    assert code == 1 and "rechnungen.csv:6" in out and "Netto" in out and "12,3,4" in out
    assert "ist kein Betrag – 1.234,56 oder 1234.56 verwenden" in out
    assert "Traceback" not in out
    assert snapshot(db) == before


def test_no_create_refuses_unknown_customers_and_map_reads_other_columns(tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    code, out = run("import", "time", str(FIXTURES / "toggl.csv"), "--db", db, "--no-create")
    assert code == 1 and "unbekannter Kunde" in out and "ohne --no-create" in out
    other = tmp_path / "stunden.csv"
    other.write_text("Auftraggeber;Tag;Aufwand\nBäckerei Krume;03.11.2026;1,5\n", encoding="utf-8")
    code, out = run(
        "import",
        "time",
        str(other),
        "--db",
        db,
        "--map",
        "Auftraggeber=customer",
        "--map",
        "Tag=date",
        "--map",
        "Aufwand=hours",
    )
    assert code == 0 and "1 Eintrag neu" in out and "1 Kunde angelegt" in out
    code, out = run("import", "time", str(other), "--db", db, "--map", "Auftraggeber")
    assert code == 2 and "CSV_SPALTE=feld" in out


def test_customer_rows_without_a_number_update_by_name_or_get_a_generated_number(tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    run("import", "customers", str(demo_data_dir() / "kunden.csv"), "--db", db)
    listing = tmp_path / "kunden.csv"
    listing.write_text(
        "Name;Notizen\nModehaus Seidel;Neuer Ansprechpartner ab Januar\nNeukunde Berger;\n", encoding="utf-8"
    )
    code, out = run("import", "customers", str(listing), "--db", db)
    assert code == 0 and "1 Kunde angelegt, 1 Kunde aktualisiert" in out
    code, out = run("customers", "--db", db, "--customer", "Modehaus Seidel")
    assert "id: K-1008" in out and "Neuer Ansprechpartner ab Januar" in out
    code, out = run("customers", "--db", db, "--customer", "Neukunde Berger")
    assert "id: K-" in out and "id: Neukunde Berger" not in out
    code, out = run("customers", "--db", db, "--customer", "Modehaus Seidel")
    assert "Claudia Seidel" in out and "- Mode" in out  # columns the short list lacks are kept


def test_a_shorter_or_older_invoice_list_never_forgets_a_payment_or_a_reminder(tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    full = tmp_path / "voll.csv"
    full.write_text(
        "Rechnungsnummer;Kunde;Rechnungsdatum;Fälligkeitsdatum;Bezahlt am;Netto;Mahnstufe\n"
        "RE-9;Neukunde AG;01.10.2026;15.10.2026;20.11.2026;1.000,00;2\n",
        encoding="utf-8",
    )
    short = tmp_path / "kurz.csv"
    short.write_text(
        "Rechnungsnummer;Kunde;Rechnungsdatum;Netto\nRE-9;Neukunde AG;01.10.2026;1.000,00\n", encoding="utf-8"
    )
    assert run("import", "invoices", str(full), "--db", db)[0] == 0
    assert run("import", "invoices", str(short), "--db", db)[0] == 0
    code, out = run("customers", "--db", db, "--customer", "Neukunde AG")
    assert "paid: '2026-11-20'" in out and "dunning_level: 2" in out and "due: '2026-10-15'" in out


def test_an_invoice_number_of_another_customer_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = tmp_path / "a.csv"
    first.write_text(
        "Rechnungsnummer;Kunde;Rechnungsdatum;Netto\nRE-1;Neukunde AG;01.10.2026;1.000,00\n", encoding="utf-8"
    )
    other = tmp_path / "b.csv"
    other.write_text(
        "Rechnungsnummer;Kunde;Rechnungsdatum;Netto\nRE-1;Anderer Kunde;02.10.2026;500,00\n", encoding="utf-8"
    )
    assert run("import", "invoices", str(first), "--db", str(db))[0] == 0
    before = snapshot(db)
    code, out = run("import", "invoices", str(other), "--db", str(db))
    assert code == 1 and "'RE-1'" in out and "eindeutig" in out
    assert snapshot(db) == before


def test_after_an_import_the_board_opens_without_computing_a_metric(tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    import kanban.board
    from kanban.board import Board

    db = tmp_path / "db"
    for kind, name in (("customers", "kunden.csv"), ("invoices", "rechnungen.csv")):
        code, _ = run("import", kind, str(demo_data_dir() / name), "--db", str(db))  # for today
        assert code == 0

    def computed(*args: object) -> None:
        raise AssertionError("the board computed metrics the import should have left in the cache")

    monkeypatch.setattr(kanban.board, "compute_metrics", computed)
    board = Board.open(db, as_of=dt.date.today(), readonly=True)
    try:
        assert len(board.views) == 25 and all(view.metrics for view in board.views.values())
    finally:
        board.close()


def _invoices_for(tmp_path: Path, rows: str) -> Path:
    listing = tmp_path / "liste.csv"
    listing.write_text("Rechnungsnummer;Kundennummer;Kunde;Rechnungsdatum;Netto\n" + rows, encoding="utf-8")
    return listing


def test_a_number_that_names_another_customer_is_refused_with_both_names_unless_numbers_are_trusted(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db"
    run("import", "customers", str(demo_data_dir() / "kunden.csv"), "--db", str(db))
    before = snapshot(db)
    listing = _invoices_for(
        tmp_path,
        "X-1;K-1002;Zahnarztpraxis Dr. Kessler;01.10.2026;100,00\nX-2;K-1001;Bäckerei Müller GmbH;01.10.2026;200,00\n",
    )
    code, out = run("import", "invoices", str(listing), "--db", str(db))
    assert code == 1 and "liste.csv:3" in out and "K-1001" in out
    assert "Steuerkanzlei Brandt & Partner" in out and "Bäckerei Müller GmbH" in out and "--trust-numbers" in out
    assert snapshot(db) == before  # all or nothing: the matching first row is not written either
    code, out = run("import", "invoices", str(listing), "--db", str(db), "--lang", "en")
    assert code == 1 and "belongs to" in out
    code, out = run("import", "invoices", str(listing), "--db", str(db), "--trust-numbers")
    assert code == 0 and "2 Einträge neu" in out


def test_case_spacing_and_legal_form_do_not_make_another_customer(tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    run("import", "customers", str(demo_data_dir() / "kunden.csv"), "--db", db)
    listing = _invoices_for(
        tmp_path,
        "X-1;K-1001;STEUERKANZLEI  Brandt & Partner PartG mbB;01.10.2026;100,00\n"
        "X-2;K-1003;Elektro Hoffmann;01.10.2026;200,00\n"
        "X-3;K-1004;Vogt Ingenieure GmbH & Co. KG;01.10.2026;300,00\n",
    )
    code, out = run("import", "invoices", str(listing), "--db", db)
    assert code == 0 and "3 Einträge neu" in out and "0 Kunden angelegt" in out


def test_time_rows_without_a_client_are_refused_naming_the_flag_or_skipped_and_counted(tmp_path: Path) -> None:
    db = tmp_path / "db"
    run("import", "customers", str(demo_data_dir() / "kunden.csv"), "--db", str(db))
    before = snapshot(db)
    export = tmp_path / "toggl.csv"
    export.write_text(
        "User,Email,Client,Project,Description,Start date,Duration\n"
        "Anna,a@x.de,Modehaus Seidel,Shop,Banner,2026-10-01,01:30:00\n"
        "Anna,a@x.de,,Intern,Buchhaltung,2026-10-02,02:00:00\n"
        "Anna,a@x.de,,Intern,Teamrunde,2026-10-03,00:30:00\n",
        encoding="utf-8",
    )
    code, out = run("import", "time", str(export), "--db", str(db))
    assert code == 1 and "toggl.csv:3" in out and "--skip-unassigned" in out
    assert snapshot(db) == before
    code, out = run("import", "time", str(export), "--db", str(db), "--skip-unassigned", "--dry-run")
    assert code == 0 and "1 Eintrag wäre neu" in out and "2 Zeilen ohne Kunde übersprungen (2,5 h)" in out
    code, out = run("import", "time", str(export), "--db", str(db), "--skip-unassigned", "--lang", "en")
    assert code == 0 and "1 fact added" in out and "2 rows without a client skipped (2.5 h)" in out


def test_a_dry_run_works_while_the_board_is_open_and_a_real_import_waits_for_it(tmp_path: Path) -> None:
    from kanban.store import Store

    db = tmp_path / "db"
    run("import", "customers", str(demo_data_dir() / "kunden.csv"), "--db", str(db))
    with Store.open(db):  # the board holds the lock, as the app does
        code, out = run("import", "invoices", str(demo_data_dir() / "rechnungen.csv"), "--db", str(db), "--dry-run")
        assert code == 0 and "Probelauf, nichts geschrieben" in out and "431 Einträge wären neu" in out
        code, out = run("import", "invoices", str(demo_data_dir() / "rechnungen.csv"), "--db", str(db))
        assert code == 1 and out.count("\n") == 1


def test_a_number_that_names_two_companies_within_the_file_is_refused_unless_numbers_are_trusted(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db"
    listing = _invoices_for(
        tmp_path,
        "X-1;K-2001;Bäckerei Müller GmbH;01.10.2026;100,00\n"
        "X-2;K-2001;BÄCKEREI MÜLLER;02.10.2026;100,00\n"
        "X-3;K-2001;Steuerkanzlei Brandt;03.10.2026;200,00\n",
    )
    code, out = run("import", "invoices", str(listing), "--db", str(db))
    assert code == 1 and "liste.csv:4" in out and "K-2001" in out and "in Zeile 2" in out
    assert "Steuerkanzlei Brandt" in out and "Bäckerei Müller GmbH" in out
    assert run("customers", "--db", str(db), "--format", "json")[1].strip() == "[]"
    code, out = run("import", "invoices", str(listing), "--db", str(db), "--trust-numbers")
    assert code == 0 and "3 Einträge neu" in out and "1 Kunde angelegt" in out
