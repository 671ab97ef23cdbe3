"""The board as a user drives it: keys, dialogs, filter, sort, undo, forms, and what survives a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input, Label, Sparkline, Static, TextArea
from tui_fixtures import build_store, open_board, palette_offers, running_app, until

from kanban.board import Board
from kanban.domain.model import Column, DecisionKind
from kanban.resources import default_rules_path
from kanban.tui.app import KundenboardApp
from kanban.tui.board_widget import CARD_HEIGHT, ColumnList
from kanban.tui.screens.board import BoardScreen
from kanban.tui.screens.customer_form import CustomerFormScreen
from kanban.tui.screens.detail import DetailScreen, metric_rows
from kanban.tui.screens.drop_reason import DropReasonScreen, ReasonArea
from kanban.tui.screens.help import HelpScreen
from kanban.tui.screens.log import AuditLogScreen


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


def running(db: Path, lang: str = "de"):  # the app on the fixture board, as (app, pilot, board)
    return running_app(db, lang)


def board_screen(app: KundenboardApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def column(app: KundenboardApp, col: Column) -> ColumnList:
    return app.screen.query_one(f"#list-{col.value}", ColumnList)


def names(app: KundenboardApp, col: Column) -> list[str]:
    board = board_screen(app).board
    return [board.views[cid].customer.name for cid in column(app, col).ids]


def shown(widget: ColumnList) -> str:
    """The column's text as drawn on screen."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def focused_name(app: KundenboardApp) -> str:
    focused = app.screen.focused
    assert isinstance(focused, ColumnList)
    return board_screen(app).board.views[focused.current_id].customer.name


def on_screen(app: KundenboardApp) -> str:
    """The screen as drawn, line by line."""
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())


def header(app: KundenboardApp, col: Column) -> str:
    return str(app.screen.query_one(f"#header-{col.value}", Static).render())


async def focus_card(app: KundenboardApp, pilot, name: str) -> None:
    """Walk to a card with the keys a user would press."""
    for col in Column:
        if name in names(app, col):
            while column(app, col) is not app.screen.focused:
                key = "l" if list(Column).index(col) > list(Column).index(app.screen.focused.column) else "h"
                await pilot.press(key)
            await pilot.press("k", "k", "k", "k")
            for _ in range(names(app, col).index(name)):
                await pilot.press("j")
            assert focused_name(app) == name
            return
    raise AssertionError(f"{name} is not on the board")


def column_of(board_or_app: Board | KundenboardApp, name: str) -> Column:
    board = board_or_app if isinstance(board_or_app, Board) else board_screen(board_or_app).board
    return next(v.customer.column for v in board.views.values() if v.customer.name == name)


# -- what the board shows ---------------------------------------------------------------


async def test_columns_show_count_revenue_and_cards_with_signs_and_suggestions(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        assert header(app, Column.IDEAL) == "Idealer Partner · 3 · 84.000 €"
        assert header(app, Column.WATCH) == "Beobachten · 4 · 25.800 €"
        assert header(app, Column.DROP).startswith("Trennen · 1 ·")
        ideal = shown(column(app, Column.IDEAL))
        assert "Bäckerei Sonnenschein" in ideal
        assert "30.000,00 €  ·  178,57 €/h" in ideal
        assert "→" not in ideal.split("Meyer & Söhne")[0]  # Bäckerei and Stadtwerke are where the rules say
        meyer = ideal.splitlines()[
            ideal.splitlines().index(next(line for line in ideal.splitlines() if "Meyer & Söhne" in line)) + 2
        ]
        assert "↓" in meyer and "%" in meyer and "→ Trennen" in meyer
        watch = shown(column(app, Column.WATCH))
        assert "Café Lindenblatt" in watch and "◇ Interessent" in watch and "kein Umsatz" in watch
        assert focused_name(app) == "Bäckerei Sonnenschein"


NO_CONTRACT_RULE = """
  - id: no_contract
    title: {de: Kein Vertrag, en: No contract}
    when: not has_contract
    points: -1
    reason: {de: "Kein Vertrag", en: "No contract"}
"""


async def test_a_sign_on_most_cards_is_left_off_them_and_the_help_says_so(db: Path) -> None:
    # An owner's rule set that counts a missing contract against a customer: 6 of the 8 have none.
    (db / "rules.yaml").write_text(
        default_rules_path().read_text(encoding="utf-8") + NO_CONTRACT_RULE, encoding="utf-8"
    )
    async with running(db) as (app, pilot, board):
        everything = "\n".join(shown(column(app, col)) for col in Column)
        assert "∅" not in everything  # "kein Vertrag" holds for 6 of 8 customers: it sets no card apart
        assert "↓" in everything and "§" in everything  # the rarer ones stay
        await pilot.press("question_mark")
        legend = str(app.screen.query_one("#help-text", Static).render())
        assert "kein Vertrag  auf 6 von 8 Karten, darum auf keiner gezeigt" in legend
        await pilot.press("escape", "slash", *"kein vertrag", "enter")
        assert sum(len(names(app, col)) for col in Column) == 6  # the filter still knows the sign


async def test_an_empty_board_says_once_how_customers_come_in(tmp_path: Path) -> None:
    from kanban.store import Store

    Store.open(tmp_path / "empty").close()
    async with running_app(tmp_path / "empty") as (app, pilot, board):
        everything = "\n".join(shown(column(app, col)) for col in Column)
        assert " ".join(everything.split()).count("kundenboard import customers DATEI") == 1
        assert everything.count(" n legt") == 1
        await pilot.press("slash", "x")
        assert "Keine Treffer" in shown(column(app, Column.IDEAL)) and "import" not in shown(column(app, Column.IDEAL))


async def test_english_labels_money_and_markers(db: Path) -> None:
    async with running(db, "en") as (app, pilot, board):
        assert header(app, Column.IDEAL) == "Ideal partner · 3 · €84,000"
        assert header(app, Column.WATCH).startswith("Watch · 4")
        ideal = shown(column(app, Column.IDEAL))
        assert "€30,000.00  ·  €178.57/h" in ideal and "→ Drop" in ideal
        watch = shown(column(app, Column.WATCH))
        assert "◇ prospect" in watch and "→ Ideal partner" in watch
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Move the card to Drop" in str(app.screen.query_one("#help-text", Static).render())


# -- moving the focus -------------------------------------------------------------------


async def test_arrows_and_hjkl_move_the_focus(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("j")
        assert focused_name(app) == "Stadtwerke Nord"
        await pilot.press("down", "down")  # stops at the last card
        assert focused_name(app) == "Meyer & Söhne"
        await pilot.press("k")
        assert focused_name(app) == "Stadtwerke Nord"
        await pilot.press("l")
        assert app.screen.focused is column(app, Column.WATCH)
        assert focused_name(app) == "Café Lindenblatt"  # the card at the same height
        await pilot.press("right")
        assert focused_name(app) == "Tischlerei Holz"
        await pilot.press("left", "up", "h")
        assert focused_name(app) == "Bäckerei Sonnenschein"


async def test_click_focuses_a_card(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        watch = column(app, Column.WATCH)
        await pilot.click(watch, offset=(5, 1 + 2 * CARD_HEIGHT))  # 1: the list's top padding
        assert app.screen.focused is watch
        assert focused_name(app) == "Modehaus Schick"


# -- moving cards -----------------------------------------------------------------------


async def test_number_keys_move_the_card_and_record_the_decision(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Stadtwerke Nord")
        await pilot.press("2")
        assert "Stadtwerke Nord" in names(app, Column.WATCH)
        assert "Stadtwerke Nord" not in names(app, Column.IDEAL)
        assert focused_name(app) == "Stadtwerke Nord"  # the focus follows the moved card
        assert app.screen.focused is column(app, Column.WATCH)
        assert header(app, Column.IDEAL).startswith("Idealer Partner · 2 ·")
        await focus_card(app, pilot, "Stadtwerke Nord")
        await pilot.press("1")
        assert column_of(app, "Stadtwerke Nord") is Column.IDEAL
        decisions = board.decisions()
        assert [(d.from_column, d.to_column, d.kind) for d in decisions] == [
            (Column.IDEAL, Column.WATCH, DecisionKind.MOVE),
            (Column.WATCH, Column.IDEAL, DecisionKind.MOVE),
        ]


async def test_drop_asks_for_the_reason_prefilled_and_enter_confirms(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Autohaus Krüger")
        await pilot.press("3")
        assert isinstance(app.screen, DropReasonScreen)
        prefill = app.screen.query_one(ReasonArea).text
        assert "Mahnstufe" in prefill or "Mahnung" in prefill
        await pilot.press("end", "space", "x")  # the user keeps the rules' reasons and adds to them
        assert f"Ins Protokoll kommt: {prefill} x" in str(app.screen.query_one("#reason-preview", Static).render())
        await pilot.press("enter")
        assert isinstance(app.screen, BoardScreen)
        assert column_of(app, "Autohaus Krüger") is Column.DROP
        (decision,) = board.decisions()
        assert decision.to_column is Column.DROP and decision.reason == prefill + " x"


async def test_typing_in_the_drop_dialog_replaces_the_rules_reasons(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Autohaus Krüger")
        await pilot.press("3")
        preview = app.screen.query_one("#reason-preview", Static)
        assert "die Gründe der Regeln, wie sie oben stehen" in str(preview.render())  # the offer, untouched
        await pilot.press(*"Zahlt schlecht")
        assert str(preview.render()) == "Ins Protokoll kommt: Zahlt schlecht"
        await pilot.press("enter")
        (decision,) = board.decisions()
        assert decision.reason == "Zahlt schlecht"


async def test_escape_in_the_drop_dialog_leaves_the_card_where_it_was(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Praxis Dr. Weber")
        await pilot.press("3")
        assert isinstance(app.screen, DropReasonScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        assert column_of(app, "Praxis Dr. Weber") is Column.WATCH
        assert board.decisions() == []


async def test_drop_without_a_reason_is_refused_in_the_dialog(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Café Lindenblatt")  # a prospect: no rule speaks against it, no prefill
        await pilot.press("3")
        assert app.screen.query_one(ReasonArea).text == ""
        await pilot.press("enter")
        error = app.screen.query_one("#reason-error", Label)
        assert error.display and "Grund" in str(error.render())
        assert isinstance(app.screen, DropReasonScreen)
        await pilot.press(*"kein Budget", "enter")
        assert column_of(app, "Café Lindenblatt") is Column.DROP
        assert board.decisions()[0].reason == "kein Budget"


async def test_shift_arrows_and_h_move_one_column(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Praxis Dr. Weber")
        await pilot.press("shift+left")
        assert column_of(app, "Praxis Dr. Weber") is Column.IDEAL
        await pilot.press("l")
        await focus_card(app, pilot, "Modehaus Schick")
        await pilot.press("H")
        assert column_of(app, "Modehaus Schick") is Column.IDEAL
        await focus_card(app, pilot, "Modehaus Schick")
        await pilot.press("shift+right")
        assert column_of(app, "Modehaus Schick") is Column.WATCH
        await focus_card(app, pilot, "Modehaus Schick")
        await pilot.press("greater_than_sign")
        assert isinstance(app.screen, DropReasonScreen)  # to drop: the reason first


async def test_the_focus_follows_the_moved_card_so_the_next_key_moves_it_again(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Tischlerei Holz")
        await pilot.press("shift+left", "shift+left")
        assert column_of(app, "Tischlerei Holz") is Column.IDEAL
        assert focused_name(app) == "Tischlerei Holz"
        customers = {board.views[d.customer_id].customer.name for d in board.decisions()}
        assert customers == {"Tischlerei Holz"}  # no other card was moved
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert isinstance(app.screen, DropReasonScreen)
        assert "Tischlerei Holz" in str(app.screen.query_one(".dialog-title", Label).render())
        await pilot.press("escape")
        await pilot.press("u")
        assert column_of(app, "Tischlerei Holz") is Column.IDEAL
        assert focused_name(app) == "Tischlerei Holz"


async def test_accept_and_number_keys_keep_the_focus_on_the_card(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Praxis Dr. Weber")  # in Beobachten, the rules suggest Idealer Partner
        await pilot.press("a")
        assert focused_name(app) == "Praxis Dr. Weber" and column_of(app, "Praxis Dr. Weber") is Column.IDEAL
        await pilot.press("2", "1")
        assert focused_name(app) == "Praxis Dr. Weber" and column_of(app, "Praxis Dr. Weber") is Column.IDEAL
        customers = {board.views[d.customer_id].customer.name for d in board.decisions()}
        assert customers == {"Praxis Dr. Weber"}


async def test_accept_moves_where_the_rules_suggest(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Praxis Dr. Weber")
        await pilot.press("a")
        assert column_of(app, "Praxis Dr. Weber") is Column.IDEAL
        (decision,) = board.decisions()
        assert decision.kind is DecisionKind.ACCEPT and decision.suggested is Column.IDEAL
        await focus_card(app, pilot, "Bäckerei Sonnenschein")  # already where suggested: nothing happens
        await pilot.press("a")
        assert column_of(app, "Bäckerei Sonnenschein") is Column.IDEAL
        assert len(board.decisions()) == 1


async def test_accepting_a_drop_asks_for_the_reason(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Meyer & Söhne")
        await pilot.press("a")
        assert isinstance(app.screen, DropReasonScreen)
        await pilot.press("enter")
        (decision,) = board.decisions()
        assert decision.kind is DecisionKind.ACCEPT and decision.to_column is Column.DROP and decision.reason


async def test_undo_records_a_new_decision_and_restores_the_column(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Praxis Dr. Weber")
        await pilot.press("1")
        await focus_card(app, pilot, "Bäckerei Sonnenschein")
        await pilot.press("2")
        await pilot.press("u")
        assert column_of(app, "Bäckerei Sonnenschein") is Column.IDEAL
        assert focused_name(app) == "Bäckerei Sonnenschein"  # the focus follows the restored card
        await pilot.press("u")
        assert column_of(app, "Praxis Dr. Weber") is Column.WATCH
        await pilot.press("u")  # nothing left to undo
        kinds = [d.kind for d in board.decisions()]
        assert kinds == [DecisionKind.MOVE, DecisionKind.MOVE, DecisionKind.UNDO, DecisionKind.UNDO]


async def test_undo_skips_a_move_that_was_overtaken_and_undoes_the_one_before(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Praxis Dr. Weber")
        await pilot.press("1")
        await focus_card(app, pilot, "Bäckerei Sonnenschein")
        await pilot.press("2")
        bakery = next(cid for cid, v in board.views.items() if v.customer.name == "Bäckerei Sonnenschein")
        board.move(bakery, Column.IDEAL)  # moved again elsewhere (e.g. in a review): its undo no longer applies
        board_screen(app).update_card(bakery)
        await pilot.press("u")
        assert column_of(app, "Praxis Dr. Weber") is Column.WATCH  # the move before it is undone
        assert column_of(app, "Bäckerei Sonnenschein") is Column.IDEAL


async def test_a_move_survives_a_restart(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Autohaus Krüger")
        await pilot.press("3", "enter")
        await focus_card(app, pilot, "Stadtwerke Nord")
        await pilot.press("2")
        await pilot.press("q")
        assert app.return_code == 0
    async with running(db) as (app, pilot, board):
        assert "Autohaus Krüger" in names(app, Column.DROP)
        assert "Stadtwerke Nord" in names(app, Column.WATCH)
        assert header(app, Column.IDEAL).startswith("Idealer Partner · 2 ·")


# -- filter and sort ---------------------------------------------------------------------


async def test_filter_by_warning_sign_tag_and_name_and_escape_clears(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("slash", *"mahn")
        assert [names(app, c) for c in Column] == [[], ["Autohaus Krüger"], []]
        assert header(app, Column.WATCH).startswith("Beobachten · 1/4 ·")
        await pilot.press("enter")  # keeps the filter, back to the cards
        assert isinstance(app.screen.focused, ColumnList)
        assert names(app, Column.WATCH) == ["Autohaus Krüger"]
        await pilot.press("escape")
        assert len(names(app, Column.WATCH)) == 4
        await pilot.press("slash", *"retain")
        assert names(app, Column.IDEAL) == ["Bäckerei Sonnenschein", "Stadtwerke Nord"]
        await pilot.press("escape")
        await pilot.press("slash", *"zz")
        assert "Keine Treffer" in shown(column(app, Column.IDEAL))


async def test_s_cycles_the_sort_score_revenue_name(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        assert names(app, Column.IDEAL) == ["Bäckerei Sonnenschein", "Stadtwerke Nord", "Meyer & Söhne"]
        await pilot.press("s")
        assert names(app, Column.IDEAL) == ["Stadtwerke Nord", "Bäckerei Sonnenschein", "Meyer & Söhne"]
        assert "Sortiert nach Umsatz" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("s")
        assert names(app, Column.WATCH) == [
            "Autohaus Krüger",
            "Café Lindenblatt",
            "Modehaus Schick",
            "Praxis Dr. Weber",
        ]
        await pilot.press("s")
        assert names(app, Column.IDEAL)[0] == "Bäckerei Sonnenschein"


# -- other screens ------------------------------------------------------------------------


async def test_detail_shows_metrics_rules_missing_data_history_and_saves_notes(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Autohaus Krüger")
        await pilot.press("3", "enter")
        await focus_card(app, pilot, "Autohaus Krüger")
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        rows = {label: (value, limits) for label, value, limits in metric_rows(app.screen.view, board.rule_set, "de")}
        value, threshold = rows["Mahnungen"]
        assert value.plain == "3" and "✓ > 2 (Viele Mahnungen)" in threshold.plain
        assert "red" in str(value.style)  # a rule against the customer reads it
        assert "Mahnungen  " in on_screen(app) and "✓ > 2 (Viele Mahnungen)" in on_screen(app)
        rules = str(app.screen.query_one("#detail-rules", Static).render())
        assert "Viele Mahnungen" in rules and "Regeln, die nicht greifen" in rules
        history = str(app.screen.query_one("#detail-history", Static).render())
        assert "Beobachten → Trennen" in history
        assert len(app.screen.query_one(Sparkline).data) == 8
        notes = app.screen.query_one("#detail-notes", TextArea)
        notes.focus()
        await pilot.press(*"Rückruf")
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
    board = open_board(db)
    try:
        assert next(v for v in board.views.values() if v.customer.name == "Autohaus Krüger").customer.notes == "Rückruf"
    finally:
        board.close()


async def test_detail_shows_every_part_of_a_compound_rule_and_which_holds(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Bäckerei Sonnenschein")  # a customer for years, active every quarter
        await pilot.press("enter")
        rows = {label: limits.plain for label, _, limits in metric_rows(app.screen.view, board.rule_set, "de")}
        # "Selten aktiv" does not fire: the long relationship holds, but the customer is active often
        assert "✓ ≥ 2 Jahre und ✗ Aktive Quartale (von 8) 8 ≤ 2 (Selten aktiv)" in rows["Kunde seit (Jahre)"]
        assert "✗ ≤ 2 und ✓ Kunde seit (Jahre) 7,7 Jahre ≥ 2 Jahre (Selten aktiv)" in rows["Aktive Quartale (von 8)"]
        rules = " ".join(str(app.screen.query_one("#detail-rules", Static).render()).split())
        assert "Selten aktiv: ✗ Aktive Quartale (von 8) 8 ≤ 2 und ✓ Kunde seit (Jahre) 7,7 Jahre ≥ 2 Jahre" in rules


async def test_detail_names_missing_data_of_a_prospect(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Café Lindenblatt")
        await pilot.press("enter")
        rules = str(app.screen.query_one("#detail-rules", Static).render())
        assert "Fehlende Daten:" in rules and "Nettoumsatz" in rules


async def test_audit_log_lists_decisions_and_filters_by_typing(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Stadtwerke Nord")
        await pilot.press("2")
        await focus_card(app, pilot, "Praxis Dr. Weber")
        await pilot.press("1")
        await pilot.press("L")
        assert isinstance(app.screen, AuditLogScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert table.get_row_at(0)[1] == "Praxis Dr. Weber"  # newest first
        assert table.get_row_at(0)[2] == "Beobachten → Idealer Partner"
        await pilot.press(*"stadt")
        assert table.row_count == 1 and table.get_row_at(0)[1] == "Stadtwerke Nord"
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_command_palette_runs_board_actions(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("ctrl+p")
        await pilot.press(*"Sortier")
        await until(pilot, lambda: palette_offers(app, "Sortier"))
        await pilot.press("enter")
        await pilot.pause()
        assert board_screen(app).model.order.value == "revenue"


# -- the customer form -----------------------------------------------------------------------


async def fill(app: KundenboardApp, pilot, field: str, value: str) -> None:
    """Focus a field and replace its text (typed key by key only at the end, to keep the tests quick)."""
    widget = app.screen.query_one(f"#{field}", Input)
    widget.focus()
    await pilot.pause()
    widget.value = value[:-1]
    widget.cursor_position = len(widget.value)
    await pilot.press(value[-1] if value else "backspace")


def error_of(app: KundenboardApp, field: str) -> str:
    label = app.screen.query_one(f"#{field}-error", Label)
    return str(label.render()) if label.display else ""


async def test_add_customer_shows_validation_messages_then_saves(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press("n")
        assert isinstance(app.screen, CustomerFormScreen)
        assert app.screen.query_one("#number", Input).value == "K-1009"  # next free number
        await pilot.press("ctrl+s")
        assert error_of(app, "name") == "Bitte einen Namen eingeben."
        await fill(app, pilot, "name", "Weingut Rebstock")
        await fill(app, pilot, "number", "K-1001")
        await fill(app, pilot, "contract_until", "31.02.2027")
        await pilot.press("ctrl+s")
        assert error_of(app, "name") == ""
        assert "Bäckerei Sonnenschein" in error_of(app, "number")
        assert "den 31. Februar gibt es nicht" in error_of(app, "contract_until")
        label = app.screen.query_one("#contract_until-error", Label)
        assert label.size.width > 0 and label.size.height >= 2  # the whole message, wrapped: nothing cut
        await fill(app, pilot, "number", "K-2000")
        await fill(app, pilot, "contract_until", "31.12.2027")
        app.screen.query_one("#contract", Checkbox).value = True
        await fill(app, pilot, "tags", "Wein, Print")
        await pilot.press("enter")
        assert isinstance(app.screen, BoardScreen)
        assert focused_name(app) == "Weingut Rebstock"
    board = open_board(db)
    try:
        customer = board.views["K-2000"].customer
        assert (customer.name, customer.contract, customer.tags) == ("Weingut Rebstock", True, ("Wein", "Print"))
        assert customer.contract_until.isoformat() == "2027-12-31"
    finally:
        board.close()


async def test_edit_renames_the_card_and_escape_cancels(db: Path) -> None:
    async with running(db) as (app, pilot, board):
        await focus_card(app, pilot, "Praxis Dr. Weber")
        await pilot.press("e")
        assert app.screen.query_one("#number", Input).disabled
        await fill(app, pilot, "name", "Praxis Dr. Weber & Kollegen")
        await pilot.press("ctrl+s")
        assert focused_name(app) == "Praxis Dr. Weber & Kollegen"
        assert "Praxis Dr. Weber & Kollegen" in shown(column(app, Column.WATCH))
        await pilot.press("e")
        await fill(app, pilot, "name", "")
        await pilot.press("escape")
        assert focused_name(app) == "Praxis Dr. Weber & Kollegen"


@pytest.mark.parametrize("key", ["n", "e"])
async def test_form_keys_open_the_form(db: Path, key: str) -> None:
    async with running(db) as (app, pilot, board):
        await pilot.press(key)
        assert isinstance(app.screen, CustomerFormScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


def test_each_listed_key_has_an_action_on_the_board() -> None:
    from kanban.tui.keys import BOARD_KEYS, board_bindings

    keys = {key for binding in board_bindings("de") for key in binding.key.split(",")}
    wanted = {
        "1",
        "2",
        "3",
        "shift+left",
        "shift+right",
        "H",
        "a",
        "enter",
        "slash",
        "escape",
        "s",
        "u",
        "L",
        "n",
        "e",
        "question_mark",
        "q",
    }
    assert wanted <= keys
    methods = {k.action: "action_" + k.action.split("(")[0] for k in BOARD_KEYS if k.action != "noop"}
    assert [action for action, method in methods.items() if not hasattr(BoardScreen, method)] == []
