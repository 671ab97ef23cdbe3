"""The command line as a user meets it: demo, customers, move, suggest, rules; one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kanban import __version__
from kanban.cli import main
from kanban.resources import default_rules_path

AS_OF = ["--as-of", "2026-11-27"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_version() -> None:
    assert run("--version") == (0, f"kundenboard, Version {__version__}\n")
    assert run("--version", "--lang", "en") == (0, f"kundenboard, version {__version__}\n")


def test_every_command_has_help() -> None:
    for args in (
        ["--help"],
        ["customers", "--help"],
        ["move", "--help"],
        ["demo", "--help"],
        ["suggest", "--help"],
        ["rules", "check", "--help"],
        ["rules", "diff", "--help"],
        ["rules", "backtest", "--help"],
    ):
        code, out = run(*args)
        assert code == 0 and "Aufruf:" in out, args
        code, out = run(*args, "--lang", "en")
        assert code == 0 and "Usage:" in out, args


def test_demo_lists_its_customers_with_metrics_as_json(demo_db: Path) -> None:
    code, out = run("customers", "--db", str(demo_db), "--format", "json", *AS_OF)
    assert code == 0
    customers = json.loads(out)
    assert len(customers) == 25
    for customer in customers:
        assert {"id", "name", "column", "metrics"} <= customer.keys()
        assert customer["column"] in {"ideal", "watch", "drop"}
    by_name = {c["name"]: c for c in customers}
    assert by_name["Steuerkanzlei Brandt & Partner"]["metrics"]["revenue"] > 20000
    prospect = next(c for c in customers if c["prospect"] and c["name"].startswith("Tierarzt"))
    assert prospect["metrics"]["revenue"] is None  # unknown, not 0


def test_demo_refuses_a_database_that_holds_data(demo_db: Path) -> None:
    code, out = run("demo", "--db", str(demo_db), "--no-open")
    assert code != 0 and "enthält schon Daten" in out and "Traceback" not in out


def test_move_records_a_decision_and_drop_needs_a_reason(demo_db: Path) -> None:
    code, out = run("move", "--db", str(demo_db), "Modehaus", "drop")
    assert code != 0 and "braucht einen Grund" in out
    code, out = run("move", "--db", str(demo_db), "Modehaus", "trennen", "--reason", "Feilscht um jede Rechnung")
    assert code == 0 and "Trennen" in out
    code, out = run("customers", "--db", str(demo_db), "--format", "json")
    assert next(c for c in json.loads(out) if c["name"] == "Modehaus Seidel")["column"] == "drop"
    code, out = run("customers", "--db", str(demo_db), "--customer", "Modehaus Seidel", "--format", "yaml")
    assert "Feilscht um jede Rechnung" in out and "invoices:" in out


def test_unknown_and_ambiguous_customers_get_one_line_with_candidates(demo_db: Path) -> None:
    code, out = run("move", "--db", str(demo_db), "Modehaus Seidl", "watch")
    assert code != 0 and "meinten Sie Modehaus Seidel" in out and out.count("\n") == 1
    code, out = run("move", "--db", str(demo_db), "Dr.", "watch")
    assert code != 0 and "nicht eindeutig" in out and "K-1002" in out
    code, out = run("move", "--db", str(demo_db), "Dr.", "watch", "--lang", "en")
    assert code != 0 and out.startswith("Error: customer 'Dr.' is ambiguous") and "K-1002" in out


def test_bad_column_and_bad_date_are_refused(demo_db: Path) -> None:
    code, out = run("move", "--db", str(demo_db), "K-1001", "maybe")
    assert code == 2 and "ideal, watch oder drop angeben" in out
    code, out = run("customers", "--db", str(demo_db), "--as-of", "31.02.2026")
    assert code == 2 and "ist kein Datum" in out


def test_a_corrupt_database_is_one_line_and_unchanged(demo_db: Path) -> None:
    facts = demo_db / "invoices.json"
    facts.write_bytes(facts.read_bytes()[:1000])
    before = facts.read_bytes()
    code, out = run("customers", "--db", str(demo_db))
    assert code == 1 and "invoices.json" in out and "kein gültiges JSON" in out and "Traceback" not in out
    assert facts.read_bytes() == before


def test_suggest_json_has_reasons_and_unknowns(demo_db: Path) -> None:
    code, out = run("suggest", "--db", str(demo_db), "--format", "json", *AS_OF)
    assert code == 0
    suggestions = {s["name"]: s for s in json.loads(out)}
    kramer = suggestions["Eventservice Kramer GmbH"]
    assert kramer["suggested"] == "drop" and any("Mahnstufe 3" in r["text"] for r in kramer["reasons"])
    assert {"rule", "points", "text"} <= kramer["reasons"][0].keys()
    prospect = suggestions["Tierarztpraxis Dr. Neumann"]
    assert prospect["unknown"] and prospect["suggested"] == "watch"


def test_rules_check_and_diff(demo_db: Path, tmp_path: Path) -> None:
    assert run("rules", "check")[1].startswith("OK")
    stricter = tmp_path / "strict.yaml"
    stricter.write_text(
        default_rules_path().read_text(encoding="utf-8").replace("target_hourly_rate: 95", "target_hourly_rate: 130")
    )
    code, out = run("rules", "diff", str(stricter), "--db", str(demo_db), "--format", "json", *AS_OF)
    assert code == 0 and any(r["from"] != r["to"] for r in json.loads(out))
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nrules:\n  - id: x\n    when: __import__('os')\n")
    code, out = run("rules", "check", str(broken))
    assert code == 1 and "broken.yaml:4" in out
    code, out = run("customers", "--db", str(demo_db), "--rules", str(broken))
    assert code == 1 and "broken.yaml" in out


def test_a_database_path_below_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    code, out = run("customers", "--db", str(tmp_path / "notes.txt" / "db"))
    assert code == 1 and "ist eine Datei" in out and "interner Fehler" not in out


def test_kundenboard_db_environment_variable_names_the_database(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUNDENBOARD_DB", str(demo_db))
    code, out = run("customers", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 25


def test_a_folder_of_other_files_is_not_taken_for_a_database(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text("Sehr geehrte Damen und Herren")
    for args in (["customers"], ["demo", "--no-open"], ["move", "K-1", "ideal"]):
        code, out = run(*args, "--db", str(tmp_path))
        assert code == 1 and "enthält andere Dateien" in out, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.txt"]


def test_the_board_without_a_terminal_says_so(demo_db: Path) -> None:
    code, out = run("--db", str(demo_db))
    assert code == 1 and "needs a terminal" in out


def test_an_as_of_date_out_of_range_is_refused() -> None:
    code, out = run("suggest", "--as-of", "1900-01-01")
    assert code == 2 and "zwischen 1901 und 2998" in out


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("records", [
    [],
    [{"id": "K-1", "name": "Bäckerei \"Krume\"\nzweite Zeile", "reasons": [], "score": 1.5}],
    [{"id": f"K-{i}", "reasons": [{"rule": "r", "points": -2, "text": "ü"}], "unknown": None} for i in range(3)],
])  # fmt: skip
def test_suggestions_written_one_at_a_time_read_as_the_whole_list(
    fmt: str, records: list, capsys: pytest.CaptureFixture[str]
) -> None:
    from kanban.cli.output import emit_data, emit_records

    emit_data(records, fmt)
    whole = capsys.readouterr().out
    emit_records(iter(records), fmt)
    assert capsys.readouterr().out == whole


def test_more_suggestions_than_one_write_read_as_the_whole_list(capsys: pytest.CaptureFixture[str]) -> None:
    from kanban.cli.output import emit_data, emit_records

    records = [{"id": f"K-{i}", "score": i / 7, "reasons": [{"text": "zahlt\n spät"}] * (i % 3)} for i in range(1234)]
    emit_data(records, "json")
    whole = capsys.readouterr().out
    emit_records(iter(records), "json")
    assert capsys.readouterr().out == whole == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers() | st.booleans(), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=1000, deadline=None)
@given(_JSON_VALUES)
@example([1e-05, 1e-07, float("nan"), float("-inf"), 2**70, {1: None}, "0.00001 null"])
@example([1.23e-06, -1e-09, 1e-10, 5e-324, 1e16, "e-Mail", "x1e-7"])
def test_json_output_is_the_text_of_the_json_module(data: object) -> None:
    """Scripts parse what `--format json` writes; the faster encoder must not change a byte of it."""
    from kanban.cli.output import json_text

    assert json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)


def _first_document(state: dict) -> dict:
    return next(iter(state["invoices"].values()))


@pytest.mark.parametrize("edit", [
    lambda state: _first_document(state).pop("customer_id"),
    lambda state: _first_document(state).update(rows='[["R-1"]]'),       # a row cut short
    lambda state: _first_document(state).update(rows='[[7,"2026-01-05",null,null,1.0,0,false]]'),  # a number as number
    lambda state: state.update(invoices=None),
    lambda state: state["invoices"].update(x=_first_document(state)),  # a document id that is not a number
])  # fmt: skip
def test_a_hand_edited_fact_file_is_one_line_for_every_command(demo_db: Path, edit: object) -> None:
    from kanban.resources import demo_data_dir

    path = demo_db / "invoices.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    edit(state)  # type: ignore[operator]
    path.write_text(json.dumps(state), encoding="utf-8")
    before = path.read_bytes()
    for args in (["customers"], ["import", "invoices", str(demo_data_dir() / "rechnungen.csv")], ["export", "-"]):
        code, out = (
            run(*args, "--db", str(demo_db), "--as-of", "2026-11-27")
            if args[0] != "import"
            else run(*args, "--db", str(demo_db))
        )
        assert code == 1 and "invoices.json" in out and "interner Fehler" not in out, (args, out)
        assert len(out.strip().splitlines()) == 1, (args, out)
    assert path.read_bytes() == before


def test_a_review_of_a_future_quarter_is_refused_without_a_terminal_and_asked_in_one(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kanban.tui
    from kanban.cli import review_cmd

    started: list[str] = []
    monkeypatch.setattr(kanban.tui, "run_app", lambda board, review: (started.append(review), board.close()))
    code, out = run("review", "2027-Q1", "--db", str(demo_db), *AS_OF)
    assert code == 1 and "2027-Q1 hat noch nicht begonnen (jetzt: 2026-Q4)" in out and "--yes" in out
    assert out.count("\n") == 1 and started == []
    monkeypatch.setattr(review_cmd, "interactive", lambda: True)
    result = CliRunner().invoke(main, ["review", "2027-Q1", "--db", str(demo_db), *AS_OF], input="n\n")
    assert result.exit_code == 1 and "Trotzdem beginnen? [j/N]" in result.output and started == []
    result = CliRunner().invoke(main, ["review", "2027-Q1", "--db", str(demo_db), *AS_OF], input="ja\n")
    assert result.exit_code == 0 and started == ["2027-Q1"]
    assert run("review", "2026-Q4", "--db", str(demo_db), *AS_OF)[0] == 0 and started[-1] == "2026-Q4"


def test_a_long_reason_does_not_stretch_the_audit_separator_past_the_terminal(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason = "Zahlt seit Monaten zu spät und verlangt trotzdem Eilaufträge zum Normalpreis. " * 4
    assert run("move", "Modehaus", "drop", "--reason", reason, "--db", str(demo_db))[0] == 0
    monkeypatch.setenv("COLUMNS", "100")
    code, out = run("audit", "--db", str(demo_db))
    header, separator, row = out.splitlines()
    assert code == 0 and len(separator) <= 100 and separator.endswith("-") and row.endswith(reason.strip())


def test_history_names_the_moves_with_the_column_labels(demo_db: Path) -> None:
    import datetime as dt

    from kanban.board import Board
    from kanban.domain.model import Column
    from kanban.review import Review

    board = Board.open(demo_db, as_of=dt.date(2026, 11, 27))
    try:
        review = Review(board, "2026-Q4")
        for index, cid in enumerate(review.order):
            review.decide(cid, Column.DROP if index == 0 else None, "Zahlt nicht")
        review.finish()
    finally:
        board.close()
    code, out = run("history", "--db", str(demo_db), *AS_OF)
    header = out.splitlines()[0].split()
    assert code == 0 and header[:4] == ["Quartal", "geprüft", "Verschiebungen", "getrennt"]
    assert "→ Trennen 1" in out and "->" not in out
    code, out = run("history", "--db", str(demo_db), *AS_OF, "--lang", "en")
    assert code == 0 and out.startswith("Quarter") and "→ Drop 1" in out
