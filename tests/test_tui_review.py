"""The quarterly review in the app, as a user drives it; export and the broken-log warning on the board.

Review order of the fixture board (tui_fixtures, as of 2026-11-27): first the
three whose suggestion differs, then the others by score.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Input, ProgressBar, Static
from tui_fixtures import build_store, open_board, running_app

from kanban.board import Board
from kanban.cli import main
from kanban.domain.model import Column, DecisionKind
from kanban.review import Review
from kanban.transfer import export as export_module
from kanban.tui.app import KundenboardApp
from kanban.tui.screens.board import BoardScreen
from kanban.tui.screens.drop_reason import DropReasonScreen, ReasonArea
from kanban.tui.screens.log import AuditLogScreen
from kanban.tui.screens.review import NoteScreen, ReviewScreen, ReviewSummaryScreen

QUARTER = "2026-Q4"
ORDER = [
    "Autohaus Krüger",
    "Meyer & Söhne",
    "Praxis Dr. Weber",
    "Tischlerei Holz",
    "Café Lindenblatt",
    "Modehaus Schick",
    "Bäckerei Sonnenschein",
    "Stadtwerke Nord",
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


def running(db: Path, review: str | None = QUARTER, lang: str = "de"):  # opens on the review by default
    return running_app(db, lang, review)


def review_screen(app: KundenboardApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen), type(app.screen).__name__
    return app.screen


def current(app: KundenboardApp) -> str:
    screen = review_screen(app)
    return screen.board.views[screen.current].customer.name


def shown(app: KundenboardApp, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


def on_screen(app: KundenboardApp) -> str:
    """The screen as drawn, line by line."""
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())


def column_of(board: Board, name: str) -> Column:
    return next(v.customer.column for v in board.views.values() if v.customer.name == name)


def review_decisions(board: Board) -> list[tuple[str, Column, Column, DecisionKind]]:
    return [
        (board.views[d.customer_id].customer.name, d.from_column, d.to_column, d.kind)
        for d in board.decisions()
        if d.review == QUARTER
    ]


async def test_review_shows_customer_progress_reasons_metrics_and_history(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        assert current(app) == "Autohaus Krüger"
        customer = shown(app, "review-customer")
        assert "K-1002" in customer and "Spalte: Beobachten" in customer and "Vorschlag: Trennen" in customer
        assert "Quartalsreview 2026-Q4" in shown(app, "review-title")
        assert shown(app, "review-count") == "0/8 geprüft"
        bar = app.screen.query_one(ProgressBar)
        assert (bar.progress, bar.total) == (0, 8)
        mahnungen = next(line for line in on_screen(app).splitlines() if "  Mahnungen  " in line)
        assert " 3  ✓ > 2 (Viele Mahnungen)" in mahnungen
        assert "Dritte Mahnstufe erreicht" in shown(app, "review-rules")
        assert "noch kein abgeschlossenes Quartal" in shown(app, "review-history")
        footer = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"Ideal", "Beobachten", "Trennen", "Behalten", "Notiz", "Später", "Zurück", "Board"} <= footer


async def test_a_prospect_shows_what_is_missing(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("s", "s", "s", "s")
        assert current(app) == "Café Lindenblatt"
        assert "Interessent" in shown(app, "review-customer")
        assert "Fehlende Daten:" in shown(app, "review-rules")


async def test_number_keys_and_enter_decide_and_move_on_in_order(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("1")  # Autohaus Krüger: watch -> ideal
        assert current(app) == "Meyer & Söhne"
        assert shown(app, "review-count") == "1/8 geprüft"
        assert "Autohaus Krüger – Beobachten → Idealer Partner" in shown(app, "review-last")
        await pilot.press("3")
        assert isinstance(app.screen, DropReasonScreen)
        await pilot.press("escape")  # cancels: nothing recorded, same customer
        assert current(app) == "Meyer & Söhne" and column_of(board, "Meyer & Söhne") is Column.IDEAL
        await pilot.press("3")
        prefill = app.screen.query_one(ReasonArea).text
        assert "Preis" in prefill  # the rules against Meyer & Söhne
        await pilot.press("enter")
        assert current(app) == "Praxis Dr. Weber"
        await pilot.press("enter")  # keep
        await pilot.press("2")  # Tischlerei Holz: drop -> watch
        await pilot.press("2")  # Café Lindenblatt is in watch already: 2 keeps
        assert current(app) == "Modehaus Schick"
        assert shown(app, "review-count") == "5/8 geprüft"
        assert review_decisions(board) == [
            ("Autohaus Krüger", Column.WATCH, Column.IDEAL, DecisionKind.MOVE),
            ("Meyer & Söhne", Column.IDEAL, Column.DROP, DecisionKind.MOVE),
            ("Praxis Dr. Weber", Column.WATCH, Column.WATCH, DecisionKind.CONFIRM),
            ("Tischlerei Holz", Column.DROP, Column.WATCH, DecisionKind.MOVE),
            ("Café Lindenblatt", Column.WATCH, Column.WATCH, DecisionKind.CONFIRM),
        ]
        assert board.decisions()[1].reason == prefill


async def test_skipped_customers_come_back_at_the_end(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("s")
        assert current(app) == "Meyer & Söhne"
        await pilot.press("s")
        seen = []
        for _ in range(6):
            seen.append(current(app))
            await pilot.press("enter")
        assert seen == ORDER[2:]
        assert current(app) == "Autohaus Krüger"
        assert "Übersprungen" in shown(app, "review-customer")
        await pilot.press("s")  # only skipped ones left: round them
        assert current(app) == "Meyer & Söhne"
        await pilot.press("enter")
        await pilot.press("s")  # the last one open
        assert current(app) == "Autohaus Krüger"
        assert shown(app, "review-count") == "7/8 geprüft"


async def test_a_customer_skipped_before_quitting_comes_at_the_end_after_resuming(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("s", "2", "enter")  # Autohaus Krüger skipped; Meyer & Söhne moved, Stadtwerke kept
        await pilot.press("q")
    async with running(db) as (app, pilot, board):
        assert current(app) == "Tischlerei Holz"
        seen = []
        for _ in range(5):
            seen.append(current(app))
            await pilot.press("enter")
        assert seen == ORDER[3:]
        assert current(app) == "Autohaus Krüger"
        assert "Übersprungen" in shown(app, "review-customer")


async def test_backspace_goes_back_and_a_change_is_a_new_decision(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("backspace")  # nothing before the first
        assert current(app) == "Autohaus Krüger"
        await pilot.press("1", "enter")
        assert current(app) == "Praxis Dr. Weber"
        await pilot.press("backspace")
        assert current(app) == "Meyer & Söhne"
        await pilot.press("backspace")
        assert current(app) == "Autohaus Krüger"
        assert "schon entschieden: Beobachten → Idealer Partner" in shown(app, "review-customer")
        await pilot.press("2")  # change it back: a new decision, the first stays on record
        assert current(app) == "Praxis Dr. Weber"  # on with the first open one
        await pilot.press("backspace", "enter")  # keeping a decided one again records nothing
        assert current(app) == "Praxis Dr. Weber"
        assert review_decisions(board) == [
            ("Autohaus Krüger", Column.WATCH, Column.IDEAL, DecisionKind.MOVE),
            ("Meyer & Söhne", Column.IDEAL, Column.IDEAL, DecisionKind.CONFIRM),
            ("Autohaus Krüger", Column.IDEAL, Column.WATCH, DecisionKind.MOVE),
        ]
        assert shown(app, "review-count") == "2/8 geprüft"


async def test_n_adds_a_dated_note_and_escape_adds_none(db: Path) -> None:
    async with running(db, lang="en") as (app, pilot, board):
        assert shown(app, "review-count") == "0/8 reviewed"
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"call in January", "enter")
        assert current(app) == "Autohaus Krüger"  # a note decides nothing
        assert "(2026-Q4): call in January" in board.views["K-1002"].customer.notes
        assert "call in January" in shown(app, "review-notes")
        await pilot.press("n", *"no", "escape")
        assert "no" not in board.views["K-1002"].customer.notes.split("January")[1]
        assert board.decisions() == []
    board = open_board(db)
    try:
        assert "call in January" in board.views["K-1002"].customer.notes
    finally:
        board.close()


async def test_quit_midway_shows_the_moves_on_the_board_and_reopening_resumes(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("3", "enter")  # Autohaus Krüger to drop
        await pilot.press("enter", "enter")
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        dropped = [board.views[cid].customer.name for cid in screen.model.ids[Column.DROP]]
        assert "Autohaus Krüger" in dropped
        assert str(screen.query_one("#header-drop", Static).render()).startswith("Trennen · 2 ·")
        await pilot.press("q")
    async with running(db, review=None) as (app, pilot, board):
        await pilot.press("r")
        assert current(app) == "Tischlerei Holz"
        assert shown(app, "review-count") == "3/8 geprüft"
        await pilot.press("backspace")  # back to the last one decided before quitting
        assert current(app) == "Praxis Dr. Weber"
        await pilot.press("q")
        assert isinstance(app.screen, BoardScreen)


async def test_leaving_the_review_focuses_the_card_decided_last(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("enter", "2")  # Autohaus Krüger kept, Meyer & Söhne: ideal -> watch
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        focused = screen.focused
        assert focused is screen.list_of(Column.WATCH)
        assert board.views[focused.current_id].customer.name == "Meyer & Söhne"


async def test_finishing_stores_the_snapshot_and_shows_the_summary(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("3", *" zahlt nie", "enter")  # Autohaus Krüger: watch -> drop
        await pilot.press("2")  # Meyer & Söhne: ideal -> watch
        await pilot.press(*["enter"] * 6)
        summary = app.screen
        assert isinstance(summary, ReviewSummaryScreen)
        assert "Quartalsreview 2026-Q4 abgeschlossen" in shown(app, "summary-title")
        assert "8 Kunden geprüft" in shown(app, "summary-title")
        moves = shown(app, "summary-moves")
        assert "Beobachten → Trennen: 1" in moves and "Idealer Partner → Beobachten: 1" in moves
        revenue = next(line for line in on_screen(app).splitlines() if "Idealer Partner  " in line)
        assert "84.000,00 €" in revenue and "80.400,00 €" in revenue  # ideal before and after
        dropped = next(line for line in on_screen(app).splitlines() if "Autohaus Krüger" in line)
        assert "K-1002" in dropped and "zahlt nie" in on_screen(app)
        (snapshot,) = board.store.snapshots()
        assert snapshot["quarter"] == QUARTER and len(snapshot["customers"]) == 8
        assert snapshot["summary"]["moves"] == {"ideal->watch": 1, "watch->drop": 1}
        await pilot.press("enter")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("r")  # a finished review opens on its summary; backspace reopens the last customer
        assert isinstance(app.screen, ReviewSummaryScreen)
        await pilot.press("backspace")
        assert current(app) == "Stadtwerke Nord"


async def test_a_later_review_shows_history_and_changes_since_the_last_quarter(db: Path) -> None:
    board = open_board(db)
    try:
        earlier = Review(board, "2026-Q3")
        for customer_id in earlier.order:
            earlier.decide(customer_id, None)
        earlier.finish()
        board.move("K-1002", Column.DROP, "zahlt nie")
    finally:
        board.close()
    async with running(db) as (app, pilot, board):
        assert current(app) == "Meyer & Söhne"  # Autohaus Krüger is where the rules suggest now
        await pilot.press("s", "s")
        assert current(app) == "Autohaus Krüger"
        history = shown(app, "review-history")
        assert "2026-Q3" in history and "Beobachten" in history and "4.800,00 €" in history
        assert "Seit 2026-Q3" in shown(app, "review-changes")
        assert "Spalte: Beobachten → Trennen" in shown(app, "review-changes")


async def test_r_on_the_board_starts_the_review_of_the_current_quarter(db: Path) -> None:
    async with running(db, review=None) as (app, pilot, board):
        await pilot.press("question_mark")
        help_text = shown(app, "help-text")
        assert "Quartalsreview starten" in help_text and "Board als YAML exportieren" in help_text
        assert "Im Quartalsreview" in help_text and "kommt am Ende wieder" in help_text
        await pilot.press("escape", "r")
        assert review_screen(app).quarter == QUARTER  # the board's as-of date is in 2026-Q4


def notified(app: KundenboardApp) -> list[tuple[str, str]]:
    return [(n.message, n.severity) for n in app._notifications]


async def export(app: KundenboardApp, pilot) -> tuple[str, str]:
    await pilot.press("x")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return notified(app)[-1]


async def test_x_exports_to_the_current_folder(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    async with running(db, review=None) as (app, pilot, board):
        written = out / "kundenboard-export-2026-11-27.yaml"
        assert await export(app, pilot) == (f"Export geschrieben: {written}", "information")
        assert "kundenboard_export" in written.read_text(encoding="utf-8")
        written.unlink()

        def disk_full(path: Path, data: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(export_module, "atomic_write", disk_full)
        message, severity = await export(app, pilot)
        assert severity == "error" and "No space left on device" in message and "\n" not in message
        assert not written.exists()
        out.rmdir()  # the folder the app was started in is gone
        message, severity = await export(app, pilot)
        assert severity == "error" and "aktuelle Ordner" in message
        assert isinstance(app.screen, BoardScreen)


def break_the_chain(db: Path) -> None:
    board = open_board(db)
    try:
        board.move("K-1002", Column.DROP, "zahlt nie")
        board.move("K-1006", Column.WATCH, "")
    finally:
        board.close()
    log = db / "decisions.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["reason"] = "freundlich getrennt"
    lines[0] = json.dumps(first, ensure_ascii=False)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")


def errors_shown(app: KundenboardApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_a_broken_audit_chain_is_warned_about_at_start(db: Path) -> None:
    async with running(db, review=None) as (app, pilot, board):
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert errors_shown(app) == []
    break_the_chain(db)
    async with running(db, review=None) as (app, pilot, board):
        await app.workers.wait_for_complete()
        await pilot.pause()
        (warning,) = errors_shown(app)
        assert "Eintrag #1" in warning and "nachträglich geändert" in warning
        assert "kundenboard audit verify" in warning
        (notification,) = app._notifications
        assert notification.timeout >= 3600  # stays until dismissed


async def test_the_log_shows_an_erasure(db: Path) -> None:
    result = CliRunner().invoke(main, ["forget", "K-1002", "--yes", "--db", str(db)])
    assert result.exit_code == 0, result.output
    async with running(db, review=None) as (app, pilot, board):
        await pilot.press("L")
        assert isinstance(app.screen, AuditLogScreen)
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(0)[3] == "gelöscht (Art. 17)"
        app.screen.query_one(Input).value = "Art. 17"
        await pilot.pause()
        assert table.row_count == 1


async def test_a_refused_write_keeps_the_customer_and_what_was_typed(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kanban.store.files import StoreWriteError

    def disk_full(*args: object, **kwargs: object) -> None:
        raise StoreWriteError("could not write board.json: No space left on device")

    async with running(db) as (app, pilot, board):
        monkeypatch.setattr(board.store, "append_decision", disk_full)
        monkeypatch.setattr(board.store, "save_customers", disk_full)
        await pilot.press("enter")
        assert current(app) == "Autohaus Krüger" and shown(app, "review-count") == "0/8 geprüft"
        await pilot.press("3")
        app.screen.query_one(ReasonArea).text = "zahlt nie"
        await pilot.press("enter")
        assert isinstance(app.screen, DropReasonScreen)  # asked again, with the reason as typed
        assert app.screen.query_one(ReasonArea).text == "zahlt nie"
        await pilot.press("escape", "n", *"Rückruf", "enter")
        assert isinstance(app.screen, NoteScreen) and app.screen.query_one(Input).value == "Rückruf"
        assert "No space left on device" in notified(app)[-1][0]
        await pilot.press("escape")
        assert current(app) == "Autohaus Krüger" and column_of(board, "Autohaus Krüger") is Column.WATCH
    board = open_board(db)
    try:
        assert board.decisions() == []
    finally:
        board.close()
