"""The portfolio screen as a user meets it: `p` on the board, the sentences, the plots, the filter, the way back."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_snapshots import compare, screen_text
from tui_fixtures import build_store, open_board, running_app

from kanban.tui.app import KundenboardApp
from kanban.tui.screens.portfolio import PortfolioScreen


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


async def portfolio_text(db: Path, size: tuple[int, int], lang: str = "de") -> str:
    board = open_board(db, lang)
    try:
        app = KundenboardApp(board)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()  # the quarters' plot, mounted when the worker is done
            assert isinstance(app.screen, PortfolioScreen)
            return screen_text(app)
    finally:
        board.close()


async def test_portfolio_at_80x24(db: Path) -> None:
    compare("portfolio-80x24", await portfolio_text(db, (80, 24)))


async def test_portfolio_at_160x45(db: Path) -> None:
    compare("portfolio-160x45", await portfolio_text(db, (160, 45)))


async def test_with_a_filter_the_screen_says_what_letting_go_of_the_filtered_customers_would_free(db: Path) -> None:
    async with running_app(db) as (app, pilot, board):
        await pilot.press("slash", *"Krüger", "enter")
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        sentences = str(app.screen.query_one("#portfolio-sentences").render())
        # as on the card: 6 invoices of 800 € and 6 x 20 h in the 12 months: 4,800 € - 120 h x 55 € = -1,800 €
        krueger = board.views["K-1002"].metrics
        assert krueger["revenue"] == 4800 and krueger["hours"] == 120 and krueger["contribution"] == -1800
        assert (
            "Ohne den einen Kunden im Filter „Krüger“: -4.800 € Umsatz, +1.800 € Deckungsbeitrag, 120 h im Jahr frei"
        ) in sentences.replace("\n", " ")
        await pilot.press("escape")
        assert not isinstance(app.screen, PortfolioScreen)


async def test_the_portfolio_key_is_in_the_help_and_speaks_english(db: Path) -> None:
    from kanban.tui.screens.help import help_text

    assert "Portfolio: Walkurve" in help_text("de")
    lines = (await portfolio_text(db, (160, 45), lang="en")).splitlines()
    assert lines[1].startswith(" The best 20% of customers bring 87% of the contribution; the last 10% cost €1,800")
    assert any("ABC split by revenue" in line for line in lines)
    assert any("I ideal partner, W watch, D drop" in line for line in lines)


async def test_the_review_summary_says_what_letting_the_drop_column_go_would_free(db: Path) -> None:
    from kanban.tui.screens.review import ReviewSummaryScreen

    async with running_app(db, review="2026-Q4") as (app, pilot, board):
        await pilot.press("3", *" zahlt nie", "enter")  # Autohaus Krüger: watch -> drop
        await pilot.press(*["enter"] * 7)
        assert isinstance(app.screen, ReviewSummaryScreen)
        freed = str(app.screen.query_one("#summary-letting-go").render())
        # Tischlerei Holz (no revenue, no hours this year) and Autohaus Krüger (4,800 €, 120 h, -1,800 €)
        assert freed == ("Ohne die 2 Kunden in Trennen: -4.800 € Umsatz, +1.800 € Deckungsbeitrag, 120 h im Jahr frei")
