"""Forgetting a customer in the app (GDPR Art. 17): asked first, written as the CLI writes it, the card kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static
from tui_fixtures import build_store, palette_offers, running_app, until

from kanban.board import Board
from kanban.domain.model import Column, DecisionKind
from kanban.tui.board_widget import ColumnList
from kanban.tui.screens.board import BoardScreen
from kanban.tui.screens.detail import DetailScreen
from kanban.tui.screens.forget import ForgetScreen

NAME = "Autohaus Krüger"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


def names_in(app, board: Board, col: Column) -> list[str]:
    return [board.views[cid].customer.name for cid in app.screen.query_one(f"#list-{col.value}", ColumnList).ids]


async def focus(app, pilot, board: Board, name: str) -> None:
    """Walk to the card with the keys a user would press."""
    col = next(v.customer.column for v in board.views.values() if v.customer.name == name)
    while app.screen.focused.column is not col:
        order = list(Column)
        await pilot.press("l" if order.index(col) > order.index(app.screen.focused.column) else "h")
    await pilot.press("k", "k", "k", "k")
    for _ in range(names_in(app, board, col).index(name)):
        await pilot.press("j")
    assert board.views[app.screen.focused.current_id].customer.name == name


async def test_the_detail_screen_forgets_after_asking_and_the_card_stays_under_its_pseudonym(db: Path) -> None:
    async with running_app(db) as (app, pilot, board):
        await focus(app, pilot, board, NAME)
        old_id = app.screen.focused.current_id
        entries = len(board.decision_records())
        await pilot.press("enter", "F")
        assert isinstance(app.screen, ForgetScreen)
        question = str(app.screen.query_one("#forget-question", Static).render())
        assert f"{old_id} {NAME} vergessen?" in question
        await pilot.press("escape")  # cancelled: nothing changes
        assert isinstance(app.screen, DetailScreen)
        assert board.views[old_id].customer.name == NAME and len(board.decision_records()) == entries
        await pilot.press("F", "y")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert old_id not in board.views
        watch = names_in(app, board, Column.WATCH)
        assert NAME not in watch and any(name.startswith("Gelöscht (") for name in watch)
        focused = board.views[app.screen.focused.current_id].customer
        assert focused.name.startswith("Gelöscht (") and focused.column is Column.WATCH
        assert board.decisions()[-1].kind is DecisionKind.ERASURE and board.chain_break() is None
    async with running_app(db) as (app, pilot, board):  # on disk, not only on screen
        assert NAME not in names_in(app, board, Column.WATCH)
        assert board.chain_break() is None


async def test_the_palette_offers_forgetting_the_focused_customer(db: Path) -> None:
    async with running_app(db) as (app, pilot, board):
        await focus(app, pilot, board, NAME)
        await pilot.press("ctrl+p")
        await pilot.press(*"vergessen")
        await until(pilot, lambda: palette_offers(app, "vergessen"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ForgetScreen)
        await pilot.press("n")  # no: the customer stays as they were
        await pilot.pause()
        assert NAME in names_in(app, board, Column.WATCH)
        assert not any(d.kind is DecisionKind.ERASURE for d in board.decisions())
