"""Export and restore as a user meets them: the same YAML after a round trip, and a bad file changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kanban.board import Board
from kanban.cli import main
from kanban.cli.demo import load_demo
from kanban.domain.audit import first_broken
from kanban.domain.model import Column, Customer, Event, EventKind
from kanban.resources import default_rules_path
from kanban.store import Store, StoreLocked, StoreWriteError
from kanban.store import files as store_files
from kanban.texts import set_language
from kanban.transfer import (
    ExportError,
    RestoreError,
    dump_export,
    export_text,
    rebuild,
    restore,
    write_export,
    yaml_in,
    yaml_out,
)
from kanban.transfer import export as export_module
from kanban.transfer.yaml_out import Inline, Row

AS_OF = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
TOP_KEYS = [
    "kundenboard_export",
    "exported_at",
    "kundenboard_version",
    "as_of",
    "lang",
    "rule_set",
    "counts",
    "columns",
    "facts",
    "decisions",
    "snapshots",
    "rule_set_text",
]
# Text that YAML likes to change on the way back: breaks other than \n, trailing and leading blanks, look-alikes.
TRICKY = Customer(
    id="K-9001", name="Ärger GmbH\u2028Niederlassung", contact="  Frau Öz ", tags=("yes", "2026-01-01", "1e3"),
    notes="Zeile 1\n  eingerückt\t mit Tab\nLeerzeichen am Ende   \n\x85nach NEL\r\nWindows\n\n",
)  # fmt: skip


def open_board(db: Path, readonly: bool = True) -> Board:
    return Board.open(db, as_of=AS_OF, readonly=readonly)


def export(db: Path) -> str:
    board = open_board(db)
    try:
        return export_text(board, NOW)
    finally:
        board.close()


@pytest.fixture(scope="module")
def board_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with decisions (a drop with a two-line reason, a move and its undo), a tricky customer and a
    quarter snapshot as the review would leave it."""
    db = tmp_path_factory.mktemp("board") / "db"
    load_demo(db)
    board = open_board(db, readonly=False)
    try:
        board.save_customer(TRICKY, is_new=True)
        board.store.add_facts(events=[Event(TRICKY.id, AS_OF, EventKind.PRICE_COMPLAINT, TRICKY.notes, key="t")])
        board.refresh()
        by_column = board.columns()
        late, partner = by_column[Column.WATCH][0].customer.id, by_column[Column.IDEAL][0].customer.id
        at = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
        board.move(late, Column.DROP, "Zahlt seit Monaten spät,\nignoriert Mahnungen", "anna", at=at)
        moved = board.move(partner, Column.WATCH, "Umsatz bricht ein", "anna", at=at + dt.timedelta(minutes=5))
        board.undo(moved, actor="ben")
        # A year-old review: its revenue feeds the growth of customers whose facts do not reach back that far.
        entry = {
            "id": late,
            "name": "x",
            "column": "watch",
            "suggested": "watch",
            "score": 0.0,
            "metrics": {"revenue": 1234.5, "hours": None},
        }
        board.store.save_snapshot(
            {
                "quarter": "2025-Q4",
                "finished_at": "2025-12-19T16:00:00+00:00",
                "customers": [entry],
                "summary": {"reviewed": 1, "moves": {}, "note": "Ruhiges Quartal:\nkeine Wechsel"},
            }
        )
    finally:
        board.close()
    return db


@pytest.fixture(scope="module")
def board_export(board_db: Path) -> str:
    return export(board_db)


@pytest.fixture
def exported(board_export: str, tmp_path: Path) -> Path:
    path = tmp_path / "export.yaml"
    path.write_text(board_export, encoding="utf-8")
    return path


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- the round trip -------------------------------------------------------------------------


@pytest.mark.parametrize("own_rules", [False, True], ids=["shipped rules", "own rules.yaml"])
def test_export_restore_export_gives_the_same_yaml(board_db: Path, tmp_path: Path, own_rules: bool) -> None:
    source = tmp_path / "source"
    shutil.copytree(board_db, source)
    if own_rules:
        (source / "rules.yaml").write_bytes(default_rules_path().read_bytes() + b"# our own copy\n")
    first = export(source)
    (tmp_path / "export.yaml").write_text(first, encoding="utf-8")
    shutil.rmtree(source)  # a restore must not need anything of the original, its rules file included

    summary = restore(tmp_path / "export.yaml", tmp_path / "restored")

    assert export(tmp_path / "restored") == first
    assert summary.rules_file is own_rules
    assert summary.decisions == 3 and summary.snapshots == 1
    assert "3 Entscheidungen und 1 Quartals-Schnappschuss" in summary.text()
    assert "3 decisions and 1 snapshot" in summary.text("en") and "1 snapshots" not in summary.text("en")


def test_restored_log_verifies_and_every_card_keeps_its_column(board_db: Path, exported: Path, tmp_path: Path) -> None:
    restore(exported, tmp_path / "restored")
    with Store.open(board_db, readonly=True) as before, Store.open(tmp_path / "restored", readonly=True) as after:
        assert after.decision_records() == before.decision_records()
        assert first_broken(after.decision_records()) is None
        assert after.customers() == before.customers()
        ids = before.customers_with_facts()
        assert after.customers_with_facts() == ids
        assert [after.facts_of(cid) for cid in sorted(ids)] == [before.facts_of(cid) for cid in sorted(ids)]
        assert after.snapshots() == before.snapshots()
    # The log continues from the restored head: a new decision chains onto it.
    board = open_board(tmp_path / "restored", readonly=False)
    try:
        board.move("K-9001", Column.IDEAL, "neu bewertet", "anna")
        assert first_broken(board.store.decision_records()) is None
    finally:
        board.close()


def test_the_export_reads_in_the_documented_order(exported: Path) -> None:
    text = exported.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    assert list(data) == TOP_KEYS
    assert data["exported_at"] == "2026-11-27T12:00:00Z" and data["as_of"] == "2026-11-27"
    assert data["counts"]["decisions"] == 3 and sum(data["counts"][c.value] for c in Column) == 26
    ids = [c["id"] for c in data["columns"]["watch"]]
    assert ids == sorted(ids)
    customer = data["columns"]["ideal"][0]
    assert list(customer)[:2] == ["id", "name"] and list(customer)[-2:] == ["metrics", "suggestion"]
    assert customer["suggestion"]["reasons"][0]["text"]  # the reason as the board shows it
    assert data["decisions"][0]["hash"] and data["decisions"][1]["prev_hash"] == data["decisions"][0]["hash"]
    # Facts as tables: the field names once, then one fact a line (a JSON array, which YAML reads alike).
    invoices = data["facts"]["invoices"]
    assert invoices["columns"][:3] == ["number", "customer_id", "issued"]
    assert len(invoices["rows"]) == data["counts"]["invoices"]
    assert '\n    rows:\n    - ["RE-' in text


# --- refusing, all or nothing ---------------------------------------------------------------


def test_restore_refuses_a_database_that_holds_a_board_unless_forced(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "demo"
    load_demo(target)
    before = files_of(target)

    with pytest.raises(RestoreError, match=r"enthält schon ein Board \(25 Kunden.*mit --force ersetzen"):
        restore(exported, target)
    assert files_of(target) == before

    restore(exported, target, force=True)
    assert export(target) == exported.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "export.yaml"]  # no temp folder left behind


def test_without_an_atomic_exchange_the_restore_still_replaces_the_board_whole(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_files, "_exchange", lambda a, b: False)  # as on macOS or an old kernel
    target = tmp_path / "demo"
    load_demo(target)
    restore(exported, target, force=True)
    assert export(target) == exported.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "export.yaml"]


def test_a_disk_error_while_building_leaves_the_old_board(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "demo"
    load_demo(target)
    before = files_of(target)

    def disk_full(self: Store, records: list) -> None:
        raise StoreWriteError(f"could not write {self.directory}/decisions.jsonl: No space left on device")

    monkeypatch.setattr(Store, "rewrite_log", disk_full)
    with pytest.raises(StoreWriteError, match="No space left"):
        restore(exported, target, force=True)
    assert files_of(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "export.yaml"]


def test_restore_into_an_empty_folder_needs_no_force(exported: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert restore(exported, tmp_path / "empty").customers == 26


def test_restore_never_replaces_a_folder_with_other_files(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "documents"
    target.mkdir()
    (target / "thesis.docx").write_bytes(b"years of work")
    with pytest.raises(RestoreError, match=r"keine kundenboard-Datenbank sind \(thesis.docx\)"):
        restore(exported, target, force=True)
    assert files_of(target) == {"thesis.docx": b"years of work"}


def test_restore_refuses_a_database_open_elsewhere(board_db: Path, exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "db"
    shutil.copytree(board_db, target)
    with Store.open(target), pytest.raises(StoreLocked, match="in Benutzung von"):
        restore(exported, target, force=True)


def _replace(old: str, new: str, record: bool = False) -> Callable[[str], tuple[str, int]]:
    """A change to the export text, and the line it lands on (or the line of the record it is in)."""

    def change(text: str) -> tuple[str, int]:
        at = text.index(old) + len(old) - len(old.lstrip("\n"))
        if record:
            at = text.rindex("\n- ", 0, at) + 1
        return text[:at] + text[at:].replace(old.lstrip("\n"), new.lstrip("\n"), 1), text.count("\n", 0, at) + 1

    return change


def _drop_line(start: str) -> Callable[[str], tuple[str, int]]:
    """Delete the first line starting with `start`; the problem is reported at the record it was in."""

    def change(text: str) -> tuple[str, int]:
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        record = max(i for i in range(index + 1) if lines[i].lstrip().startswith("- "))
        return "\n".join(lines[:index] + lines[index + 1 :]), record + 1

    return change


def _cut_off(text: str) -> tuple[str, int]:
    """A file cut at a line break in the middle of the log: it still parses, the missing keys give it away."""
    return text[: text.index("\n", text.index("\ndecisions:") + 500)], 2


def _delete_first_invoice(text: str) -> tuple[str, int]:
    """One fact a line: deleting a line still parses, the counts catch it."""
    at = text.index("    - [", text.index("\n  invoices:"))
    cut = text[:at] + text[text.index("\n", at) + 1 :]
    return cut, cut.count("\n", 0, cut.index("\n  invoices: ")) + 2


BROKEN = {
    "yaml syntax": (_replace("lang: de", "lang: de: en"), "not a valid export (mapping values are not allowed"),
    "python tag": (_replace("lang: de", "lang: !!python/object/apply:os.system ['touch /tmp/kb-pwned']"),
                   "could not determine a constructor for the tag"),
    "missing field": (_drop_line("    name: "), "the key 'name' is missing: add it"),
    "bad date": (_replace(', "2023-10-02", ', ', "2023-13-02", '),
                 "facts.invoices.rows[0].issued: '2023-13-02' is not a date: write it like"),
    "unknown column": (_replace("\n  drop:\n", "\n  dropped:\n"), "'dropped' is not a column: use ideal, watch"),
    "edited decision": (_replace("Umsatz bricht ein", "Umsatz bricht leicht ein", record=True),
                        "decision #2 was changed after it was written"),
    "cut off": (_cut_off, "the key 'snapshots' is missing at the top: use a complete export"),
    "fact deleted": (_delete_first_invoice, "counts.invoices says 431 but the file holds 430"),
}  # fmt: skip


@pytest.fixture
def english() -> Iterator[None]:
    """The messages below as `--lang en` gives them; the German ones are checked by the CLI test."""
    set_language("en")
    yield
    set_language("de")


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_export_is_named_by_its_line_and_nothing_is_written(case: str, exported: Path, tmp_path: Path) -> None:
    change, message = BROKEN[case]
    text, line = change(exported.read_text(encoding="utf-8"))
    exported.write_text(text, encoding="utf-8")

    with pytest.raises(RestoreError) as raised:
        restore(exported, tmp_path / "new")

    error = str(raised.value)
    assert "\n" not in error and message in error
    assert error.startswith(f"{exported}:{line}:") and error.endswith("nothing was restored")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.yaml"]
    assert not Path("/tmp/kb-pwned").exists()


@pytest.mark.usefixtures("english")
def test_a_customer_listed_against_the_log_is_refused(exported: Path, tmp_path: Path) -> None:
    data = yaml.load(exported.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    moved = data["decisions"][0]["customer_id"]  # moved to drop in the fixture
    data["columns"]["watch"] += [c for c in data["columns"]["drop"] if c["id"] == moved]
    data["columns"]["drop"] = [c for c in data["columns"]["drop"] if c["id"] != moved]
    data["counts"]["drop"] -= 1
    data["counts"]["watch"] += 1
    exported.write_text(dump_export(data), encoding="utf-8")
    with pytest.raises(RestoreError, match=r"listed under watch, but the last decision on it \(#1\) put it in drop"):
        restore(exported, tmp_path / "new")
    assert not (tmp_path / "new").exists()


# --- writing the file -----------------------------------------------------------------------


def test_export_to_stdout_is_the_yaml_alone(board_db: Path) -> None:
    result = CliRunner().invoke(main, ["export", "-", "--db", str(board_db), "--as-of", "2026-11-27"])
    assert result.exit_code == 0
    data = yaml.load(result.output, Loader=yaml.CSafeLoader)
    assert data["counts"]["decisions"] == 3 and len(data["columns"]["drop"]) == data["counts"]["drop"]


def test_export_names_its_file_after_the_date_and_keeps_it_private(
    board_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "--db", str(board_db), "--as-of", "2026-11-27"])
    written = tmp_path / "kundenboard-export-2026-11-27.yaml"
    first, freed = result.output.splitlines()
    assert result.exit_code == 0 and first == f"Export geschrieben nach {written}"
    assert freed.startswith("Ohne ") and "im Jahr frei" in freed  # what letting the Trennen column go would free
    assert os.stat(written).st_mode & 0o777 == 0o600  # it holds personal data


def test_export_to_a_missing_folder_is_one_clear_error(board_db: Path, tmp_path: Path) -> None:
    board = open_board(board_db)
    try:
        with pytest.raises(ExportError, match=r"Export nach .*nowhere.* ließ sich nicht schreiben.*nichts wurde"):
            write_export(board, tmp_path / "nowhere" / "export.yaml")
        assert write_export(board, tmp_path) == tmp_path / "kundenboard-export-2026-11-27.yaml"
    finally:
        board.close()


def test_a_hand_edited_fact_stops_the_export_in_one_line_and_leaves_no_file(board_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    shutil.copytree(board_db, db)
    path = db / "time_entries.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    rows = json.loads(state["time_entries"]["1"]["rows"])
    rows[0][0] = "31.02.2026"
    state["time_entries"]["1"]["rows"] = json.dumps(rows)
    path.write_text(json.dumps(state), encoding="utf-8")
    target = tmp_path / "out"
    target.mkdir()
    result = CliRunner().invoke(main, ["export", str(target / "e.yaml"), "--db", str(db), "--as-of", "2026-11-27"])
    assert result.exit_code == 1 and "time_entries.json" in result.output and len(result.output.splitlines()) == 1
    assert list(target.iterdir()) == []  # neither the export nor its temp file


def test_an_export_interrupted_half_way_leaves_no_file(
    board_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = []

    def entry_then_ctrl_c(view: object) -> dict:
        if written:
            raise KeyboardInterrupt  # the user pressed Ctrl-C while the file was being written
        written.append(view)
        return customer_entry(view)

    customer_entry = export_module._customer_entry
    monkeypatch.setattr(export_module, "_customer_entry", entry_then_ctrl_c)
    board = open_board(board_db)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_export(board, tmp_path / "e.yaml")
    finally:
        board.close()
    assert written and list(tmp_path.iterdir()) == []  # neither the export nor its temp file


def test_cli_restore_reports_a_problem_in_one_line(exported: Path, tmp_path: Path) -> None:
    exported.write_text(exported.read_text(encoding="utf-8").replace("as_of: '2026-11-27'", "as_of: 27.11.2026"))
    result = CliRunner().invoke(main, ["restore", str(exported), "--db", str(tmp_path / "new")])
    assert result.exit_code == 1
    assert result.output == (f"Fehler: {exported}:5: as_of: '27.11.2026' ist kein Datum: so schreiben: 2026-12-31; "
                             "nichts wurde wiederhergestellt\n")  # fmt: skip
    result = CliRunner().invoke(main, ["restore", str(exported), "--db", str(tmp_path / "new"), "--lang", "en"])
    assert result.output == (f"Error: {exported}:5: as_of: '27.11.2026' is not a date: write it like 2026-12-31; "
                             "nothing was restored\n")  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.text())
@example("\n")  # a `|+` block, which PyYAML closes with `...` when it ends a document
@example("Zeile\n\n")
def test_any_text_comes_back_from_the_yaml_unchanged(text: str) -> None:
    document = {"notes": text, "row": Row(reason=text), "list": [text], "table_row": Inline([text, 1.5])}
    loaded = yaml.load(dump_export(document), Loader=yaml.CSafeLoader)
    assert loaded == document


# --- reading a large export in pieces -------------------------------------------------------


def test_an_export_restores_without_loading_it_as_one_yaml_document(
    board_db: Path, exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One YAML document of 25,000 customers took 3 GB: an export as written is read in pieces."""

    def whole(source: Path) -> None:
        raise AssertionError(f"{source} was loaded as one document")

    monkeypatch.setattr(rebuild, "read_whole", whole)
    monkeypatch.setattr(yaml_in, "read_whole", whole)
    restore(exported, tmp_path / "restored")
    assert export(tmp_path / "restored") == exported.read_text(encoding="utf-8")


def test_an_export_with_yaml_rows_from_an_earlier_version_still_restores(exported: Path, tmp_path: Path) -> None:
    data = yaml.load(exported.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for table in data["facts"].values():
        table["rows"] = [Inline(row) for row in table["rows"]]
    old_style = yaml_out.HEADER + yaml.dump(data, Dumper=yaml_out.ExportDumper, sort_keys=False,
                                            allow_unicode=True, width=1 << 20)  # fmt: skip
    assert "\n    - [RE-" in old_style and "'2023-10-02'" in old_style
    (tmp_path / "old.yaml").write_text(old_style, encoding="utf-8")

    restore(tmp_path / "old.yaml", tmp_path / "restored")
    assert export(tmp_path / "restored") == exported.read_text(encoding="utf-8")


@pytest.mark.parametrize("row, message", [
    ('["K-1001", "2023-10-03", 3.5, true, "Monatsbetreuung 2023", "Social Media"]', "{line}: facts.time_entries"
     ".rows[1]: a row needs 7 values, one per column: customer_id, date, hours, billable, project, activity, key"),
    ('["K-1001", "2023-10-03", 3.5, true, "Monatsbetreuung 2023", "Social Media"', "{next}: not a valid export "
     "(did not find expected ',' or ']' (while parsing a flow sequence that starts on line {line}))"),
    ('["K-1001", "2023-10-03", 1' + "0" * 400 + ', true, "Monatsbetreuung 2023", "Social Media", "t9"]',
     "{line}: facts.time_entries.rows[1].hours: 1000"),
], ids=["six values", "unclosed", "hours past a float"])  # fmt: skip
@pytest.mark.usefixtures("english")
def test_a_broken_row_is_named_by_its_line(row: str, message: str, exported: Path, tmp_path: Path) -> None:
    lines = exported.read_text(encoding="utf-8").split("\n")
    at = lines.index("  time_entries:") + 4  # the second row of the table
    lines[at] = f"    - {row}"
    exported.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(RestoreError) as raised:
        restore(exported, tmp_path / "new")
    assert str(raised.value).startswith(f"{exported}:" + message.format(line=at + 1, next=at + 2))
    assert not (tmp_path / "new").exists()


CELLS = st.one_of(st.text(), st.floats(allow_nan=False, allow_infinity=False), st.integers(), st.booleans(),
                  st.none())  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELLS, max_size=6), min_size=1, max_size=3))
def test_a_fact_row_reads_back_the_same_by_yaml_and_by_the_restore(rows: list[list]) -> None:
    text = dump_export({"facts": {"invoices": {"columns": Inline(["a"]), "rows": rows}}})
    assert yaml.load(text, Loader=yaml.CSafeLoader)["facts"]["invoices"]["rows"] == rows
    lines = [line for line in text.split("\n") if line.startswith("    - ")]
    assert [yaml_in.parse_row(line[6:]) for line in lines] == rows


def test_an_export_with_the_fact_columns_in_another_order_restores_the_same_facts(
    board_db: Path, board_export: str, tmp_path: Path
) -> None:
    """Exports written before the columns followed the facts' declaration (net after paid) restore unchanged."""
    old_order = ["number", "customer_id", "issued", "due", "paid", "net", "dunning_level", "credit_note"]
    lines, in_invoices, new_order = [], False, None
    for line in board_export.splitlines(keepends=True):
        if line.startswith("  ") and not line.startswith("    "):
            in_invoices = line == "  invoices:\n"
        if in_invoices and line.startswith("    columns: "):
            new_order = yaml.safe_load(line.split(": ", 1)[1])
            line = f"    columns: [{', '.join(old_order)}]\n"
        elif in_invoices and line.startswith("    - ["):
            values = dict(zip(new_order, json.loads(line[6:]), strict=True))
            line = f"    - {json.dumps([values[name] for name in old_order], ensure_ascii=False)}\n"
        lines.append(line)
    assert new_order is not None and new_order != old_order
    source = tmp_path / "old-order.yaml"
    source.write_text("".join(lines), encoding="utf-8")
    restore(source, tmp_path / "restored")
    with Store.open(board_db, readonly=True) as before, Store.open(tmp_path / "restored", readonly=True) as after:
        ids = before.customers().keys()
        assert [after.facts_of(cid) for cid in ids] == [before.facts_of(cid) for cid in ids]
        assert sum(after.fact_counts().values()) > 0


_TRICKY = [
    "",
    " lead",
    "trail ",
    "yes",
    "No",
    "null",
    "~",
    "Null",
    "on",
    "12",
    "1.5",
    "2026-11-27",
    "-x",
    "- x",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "#a",
    "a, b",
    "a,b",
    "[a]",
    "{a}",
    "a?",
    "?a",
    "'q'",
    "it's",
    '"d"',
    "€ 5",
    "Fälligkeit 5,00 €",
    "§ 286 BGB",
    "line\nbreak",
    "tab\there",
    "\x85",
    "\u2028",
    "\ufeff",
    "@x",
    "%x",
    "`x",
    "!x",
    "&x",
    "*x",
    "|x",
    ">x",
    "---",
    "...",
    "a%",
    "x\u00a0y",
    "É",
    "ß",
    "日本",
    "a&b*c!d|e>f'g\"h%i@j`k",
    "a?b",
    "a[b]{c}",
    "\u00a0x",
    "x\u00a0",
    "(x)",
    "_x",
    "1. FC",
    "0x1F",
    "1e3",
    "Ja",
    "TRUE",
    "off",
    "=",
    "<<",
    "a  b",
    "a\u00ff",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_TRICKY), st.text(max_size=12), st.text(alphabet="aZ0 :#,?[]{}'\"-.&äß€", max_size=8)
        ),
        min_size=4,
        max_size=4,
    ),
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
)
def test_a_customer_entry_written_directly_is_the_text_pyyaml_writes(texts: list[str], number: object) -> None:
    """The export writes customer entries without PyYAML's representer; a reader must not see the difference."""
    from kanban.transfer.yaml_out import _dump_item, _dump_item_by_yaml

    entry = {
        "id": texts[0],
        "name": texts[1],
        "tags": Inline(texts[:2]),
        "contract_until": number,
        "metrics": {"revenue": number if type(number) is float else 1.5, "hours": None},
        "suggestion": {
            "column": texts[2],
            "score": number,
            "reasons": [Row(rule=texts[3], points=number, text=texts[2])],
            "not_evaluated": [],
        },
    }
    assert _dump_item(entry) == _dump_item_by_yaml(entry)


@pytest.mark.parametrize("name", ["Kunde 7 GmbH", "Müller & Söhne, Köln", "A: B", "yes", "it's", " x", "a #1"])
def test_an_ordinary_entry_is_written_directly_as_pyyaml_would(name: str) -> None:
    from kanban.transfer.yaml_out import _Direct, _dump_item_by_yaml

    entry = {
        "id": "K-1",
        "name": name,
        "tags": Inline([name]),
        "metrics": {"revenue": 1e16, "hours": None},
        "suggestion": {"column": "drop", "reasons": [Row(rule="r", points=-1.0, text=name)]},
    }
    direct = _Direct.mapping(entry, "  ")
    assert direct is not None
    assert "- " + direct[2:] == _dump_item_by_yaml(entry)


# --- any YAML of the right shape ------------------------------------------------------------


def _read_in_bulk(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    """What the restore's reader makes of the text, failing if it reads the file as one YAML document."""

    def whole(source: Path) -> None:
        raise AssertionError(f"{source} was loaded as one document")

    monkeypatch.setattr(yaml_in, "read_whole", whole)
    path = tmp_path / "bulk.yaml"
    path.write_text(text, encoding="utf-8")
    data, _ = yaml_in.read_export(path)
    return data


def _as_yaml_reads_it(text: str) -> object:
    """The text as YAML reads it, with what the board showed (which a restore never reads) left out."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    for customers in data["columns"].values():
        for customer in customers:
            customer.pop("metrics", None)
            customer.pop("suggestion", None)
    for table in data["facts"].values():
        table["rows"] = list(table["rows"])
    return data


def _plain(data: object) -> object:
    """The rows the reader keeps as their lines, parsed: to compare with what YAML reads."""
    assert isinstance(data, dict)
    for table in data["facts"].values():
        if isinstance(table["rows"], yaml_in.RowLines):
            table["rows"] = table["rows"].rows()
    return data


SCALARS = st.one_of(
    st.text(max_size=12), st.integers(-(10**6), 10**6), st.booleans(), st.none(), st.dates(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["yes", "null", "1e3", "0x1F", "~", "- a", "a: b"]),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    customers=st.lists(st.dictionaries(st.sampled_from(["id", "name", "contact", "notes", "tags", "since"]),
                                       st.one_of(SCALARS, st.lists(SCALARS, max_size=3)), min_size=1), max_size=4),
    style=st.sampled_from([None, "'", '"']),
    comment=st.booleans(),
)  # fmt: skip
def test_customers_read_in_bulk_are_what_yaml_reads(
    customers: list[dict[str, object]], style: str | None, comment: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any values, quoted any way, with comments between the customers: the bulk reader reads what YAML reads
    (or leaves the file to YAML, never reading it otherwise)."""
    text = yaml.safe_dump({"columns": {"ideal": customers, "watch": []}, "facts": {}}, sort_keys=False,
                          allow_unicode=True, default_style=style, width=1 << 20)  # fmt: skip
    if comment:
        text = text.replace("\n  - ", "\n  # ein Kommentar\n  - ")
    path = tmp_path_factory.mktemp("bulk") / "export.yaml"
    path.write_text(text, encoding="utf-8")
    data, _ = yaml_in.read_export(path)
    assert data == yaml.load(text, Loader=yaml.CSafeLoader)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELLS, max_size=6), min_size=1, max_size=5))
def test_a_table_read_in_one_decode_is_what_yaml_reads(rows: list[list]) -> None:
    text = dump_export({"facts": {"invoices": {"columns": Inline(["a"]), "rows": rows}}})
    lines = [line[6:] for line in text.split("\n") if line.startswith("    - ")]
    assert yaml_in.RowLines(0, "\n    - ".join(lines).encode()).rows() == rows


@pytest.mark.parametrize("lines, whole", [
    (['["K-1", 1]', '["K-2", 2]  # ein Kommentar'], False),
    (['["K-1", 1e3]', '["K-2", 1.5e+3]'], False),  # YAML 1.1 reads an exponent without sign and dot as text
    (['["K-1", [1', '2]]'], True),  # a row that does not end on its line
    (['[1], "\\u0000", [2]', "[3]"], True),  # the separator the one decode puts between rows, in a row
], ids=["comment", "exponents", "row over two lines", "separator in a row"])  # fmt: skip
def test_rows_that_json_reads_otherwise_are_read_as_yaml_reads_them(lines: list[str], whole: bool) -> None:
    """Read line by line as YAML reads each line; a row that is not one line has the file read as one document."""
    rows = yaml_in.RowLines(0, "\n    - ".join(lines).encode())
    if whole:
        with pytest.raises(yaml_in.ReadWhole):
            rows.rows()
    else:
        assert rows.rows() == yaml.load("".join(f"- {line}\n" for line in lines), Loader=yaml.CSafeLoader)


def test_a_hand_edited_export_restores_the_same_board(
    board_db: Path, board_export: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys in another order, comments, other quoting, a customer written by hand: the same board, and the long
    lists still read in bulk."""
    text = board_export.replace("\n  - id: ", "\n  # geprüft\n  - id: ")  # a comment before every customer
    text = text.replace("    contract: false\n", "    contract: no\n")  # YAML 1.1's other word for false
    text = text.replace("    contact: ''\n", '    contact: ""\n')
    text = text.replace("    - [", "    -   [")  # more blanks in a fact row
    top, rest = text.split("\ncolumns:\n", 1)
    columns, rest = rest.split("\nfacts:\n", 1)
    facts, rest = rest.split("\ndecisions:", 1)
    text = f"{top}\nfacts:\n{facts}\ncolumns:\n{columns}\ndecisions:{rest}"  # the facts before the columns
    assert _plain(_read_in_bulk(text, tmp_path, monkeypatch)) == _as_yaml_reads_it(text)

    monkeypatch.undo()
    (tmp_path / "edited.yaml").write_text(text, encoding="utf-8")
    restore(tmp_path / "edited.yaml", tmp_path / "restored")
    assert export(tmp_path / "restored") == board_export


def test_an_export_written_by_another_tool_restores_the_same_board(board_export: str, tmp_path: Path) -> None:
    """The export loaded and written again by PyYAML in its own style (block lists for the rows, its own
    quoting and line folding): the same board comes back. (The audit log keeps its entries' keys in the order
    written, so they are not sorted here.)"""
    data = yaml.load(board_export, Loader=yaml.CSafeLoader)
    other = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert "    - - " in other  # each row a block list
    (tmp_path / "other.yaml").write_text(other, encoding="utf-8")
    restore(tmp_path / "other.yaml", tmp_path / "restored")
    assert export(tmp_path / "restored") == board_export


def test_a_customers_facts_apart_in_the_file_are_kept_together_in_the_files_order() -> None:
    from kanban.transfer.schema import _grouped

    grouped = _grouped(["K-2", "K-1", "K-1", "K-2"], [["a"], ["b"], ["c"], ["d"]])
    assert grouped.texts == {"K-2": '[["a"],["d"]]', "K-1": '[["b"],["c"]]'}
    assert grouped.first_rows == {"K-2": 0, "K-1": 1} and grouped.count == 4


ODD_CHARACTERS = ["\t", "\r", "\x7f", "\x80", "\x85", "\x9f", "\xa0", "\u2028", "\u2029", "\ufeff", "\ufffe",
                  "\uffff", "é", "€", "\U0001f600", "\\ud83d\\ude00", "\\ud800", "\\u00e9", "\\u2028"]  # fmt: skip


@pytest.mark.parametrize("odd", ODD_CHARACTERS, ids=map(ascii, ODD_CHARACTERS))
@pytest.mark.parametrize("shape", ['["a{}b", 1]', "[1,{} 2]", '["{}"]'])
def test_a_row_with_an_odd_character_is_read_as_yaml_reads_it(odd: str, shape: str) -> None:
    line = shape.format(odd)
    try:
        expected = yaml.load(line, Loader=yaml_in.Loader)
    except yaml.YAMLError:
        with pytest.raises((ValueError, yaml.YAMLError)):
            yaml_in.parse_row(line)
        return
    assert yaml_in.parse_row(line) == expected
    assert yaml_in.RowLines(0, line.encode("utf-8", "surrogatepass")).rows() == [expected]
