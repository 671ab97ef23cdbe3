"""The app in an 80x24 terminal, as a user reads it: totals, rates, every footer key, whole log entries;
and the command palette's own words in German."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from tui_fixtures import build_store, open_board, palette_offers, until

from kanban.domain.model import Column
from kanban.tui.app import KundenboardApp
from kanban.tui.screens.log import AuditLogScreen, LogEntryScreen

REASON = "Zahlt seit einem Jahr nur nach der dritten Mahnung und will jede Rechnung neu verhandeln"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


@asynccontextmanager
async def running(db: Path, size: tuple[int, int] = (80, 24), lang: str = "de") -> AsyncIterator[tuple[Any, Any]]:
    board = open_board(db, lang)
    try:
        app = KundenboardApp(board)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            yield app, pilot
    finally:
        board.close()


def on_screen(app: KundenboardApp) -> str:
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())


async def test_the_board_at_80x24_keeps_totals_rates_and_names_every_key_it_does_not_show(db: Path) -> None:
    async with running(db) as (app, pilot):
        await pilot.pause()
        screen = on_screen(app)
        assert "3 · 84.000 €" in screen and "4 · 25.800 €" in screen  # the totals under the column names
        assert "30.000 € · 179 €/h" in screen and "50.400 € · 140 €/h" in screen  # the hourly rate, uncut
        footer = screen.splitlines()[-1]
        assert "? Hilfe" in footer and "q Beenden" in footer and "u Rückgängig" in footer
        await pilot.press("question_mark")
        legend = str(app.screen.query_one("#help-text").render())
        assert "Protokoll" in legend and "Strg+P" in legend  # what the footer leaves out, the help lists


async def test_the_board_at_200x50_shows_every_key_in_the_footer(db: Path) -> None:
    async with running(db, (200, 50)) as (app, pilot):
        footer = on_screen(app).splitlines()[-1]
        for label in (
            "Details",
            "Filter",
            "Sortierung",
            "Rückgängig",
            "Review",
            "Protokoll",
            "Export",
            "Neu",
            "Bearbeiten",
            "Hilfe",
            "Beenden",
            "Befehle",
        ):
            assert label in footer, label


async def test_the_review_footer_at_80x24_has_every_decision_key(db: Path) -> None:
    async with running(db) as (app, pilot):
        await pilot.press("r")
        footer = on_screen(app).splitlines()[-1]
        for label in ("1 Ideal", "2 Beobachten", "3 Trennen", "Behalten", "n Notiz", "s Später", "Zurück", "Board"):
            assert label in footer, label


async def test_the_log_at_80x24_shows_kind_actor_and_reason_and_enter_the_whole_entry(db: Path) -> None:
    board = open_board(db)
    try:
        board.move("K-1002", Column.DROP, REASON, actor="Anna")
    finally:
        board.close()
    async with running(db) as (app, pilot):
        await pilot.press("L")
        assert isinstance(app.screen, AuditLogScreen)
        lines = on_screen(app).splitlines()
        header = next(line for line in lines if "Kunde" in line and "Zeit" in line)
        assert all(word in header for word in ("Art", "Wer", "Grund"))
        row = next(line for line in lines if "Autohaus" in line)
        assert "verschoben" in row and "Anna" in row and "Zahlt seit" in row and row.endswith("…")
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, LogEntryScreen)
        entry = " ".join(on_screen(app).replace("│", " ").split())
        assert REASON in entry and "Autohaus Krüger" in entry and "Beobachten → Trennen" in entry
        await pilot.press("escape")
        assert isinstance(app.screen, AuditLogScreen)


async def test_the_command_palette_speaks_german(db: Path) -> None:
    async with running(db, (200, 50)) as (app, pilot):
        assert "Befehle" in on_screen(app).splitlines()[-1]
        await pilot.press("ctrl+p")
        await until(pilot, lambda: "Befehl suchen" in on_screen(app))
        screen = on_screen(app)
        assert "Befehl suchen" in screen and "Search for commands" not in screen
        await pilot.press(*"farb")
        await until(pilot, lambda: palette_offers(app, "Farbschema"))
        screen = on_screen(app)
        assert "Farbschema" in screen and "Das Farbschema wechseln" in screen
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"maxi")
        await until(pilot, lambda: palette_offers(app, "Maximieren"))
        assert "Maximieren" in on_screen(app) and "Maximize" not in on_screen(app)
