"""The portfolio screen as a user meets it: `p` on the board, the sentences, the plots, the filter, the way back."""
# ruff: noqa: E501  (the 160-column snapshot is as wide as the screen)

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui_snapshots import compare, screen_text
from tui_fixtures import build_store, open_board, running_app

from kanban.tui.app import KundenboardApp
from kanban.tui.screens.portfolio import PortfolioScreen

PORTFOLIO_80x24 = """\
 Portfolio: wer trägt, wer kostet  ·  12 Monate bis 27.11.2026, interner Koste…
 Die besten 20 % der Kunden bringen 87 % des Deckungsbeitrags; die letzten 10 %
 kosten 1.800 €
 Ohne den einen Kunden in Trennen: 0 € Umsatz, 0 € Deckungsbeitrag, 0 h im Jahr
 frei

                           Walkurve des Deckungsbeitrags
     ┌──────────────────────────────────────────────────────────────────────┐
 60.9┤                              ⣀⣀⣀⡠⠤⠤⠔⠒⠒B⠉⠉⠉⠉⠉⠉⠉⠉⠉T⠉⠉⠉⠉⠉⠉⠉⠉⠉I⠒⠒⠒⠒⠒⠤⠤⠤⠤B│
     │                      ⣀⣀⠤⠤⠒⠒⠉⠉B                                       │
 50.8┤                  ⢀⠔I⠉                                                │ ▇▇
     │                ⡠⠔⠁                                                   │
 40.6┤              ⡠⠊                                                      │
     │           ⢀⠔⠉                                                        │
 30.5┤         ⡠I⠁                                                          │
     │       ⢀⠎                                                             │
 20.3┤      ⡰⠁                                                              │
     │    ⢀⠎                                                                │
 10.2┤   ⡔⠁                                                                 │
     │ ⢠⠊                                                                   │
  0.0├⡔⠁────────────────────────────────────────────────────────────────────┤
     └┬────────────────┬─────────────────┬────────────────┬────────────────┬┘
      0               25                50               75              100
 esc Zurück                                                         ▏^p palette
"""

PORTFOLIO_160x45 = """\
 Portfolio: wer trägt, wer kostet  ·  12 Monate bis 27.11.2026, interner Kostensatz 55 €/h
 Die besten 20 % der Kunden bringen 87 % des Deckungsbeitrags; die letzten 10 % kosten 1.800 €
 Ohne den einen Kunden in Trennen: 0 € Umsatz, 0 € Deckungsbeitrag, 0 h im Jahr frei

                           Walkurve des Deckungsbeitrags
     ┌───────────────────────────────────────────────────────────────────────┐ ABC-Verteilung nach Umsatz
 60.9┤                              ⣀⣀⣀⡠⠤⠤⠤⠒⠒⠒B⠉⠉⠉⠉⠉⠉⠉⠉⠉T⠉⠉⠉⠉⠉⠉⠉⠉⠉I⠒⠒⠒⠒⠒⠤⠤⠤⠤B│
     │                      ⣀⣀⠤⠤⠒⠒⠉⠉B                                        │ Klasse       Kunden    Umsatz  Anteil        DB
 50.8┤                  ⢀⠔I⠉                                                 │ -----------  ------  --------  ------  --------
     │                ⡠⠔⠁                                                    │ A                 3  92.400 €  84,2 %  57.860 €
 40.6┤              ⡠⠊                                                       │ B                 2  13.800 €  12,6 %   1.260 €
     │           ⢀⠔⠉                                                         │ C                 1   3.600 €   3,3 %    -360 €
 30.5┤         ⡠I⠁                                                           │ ohne Umsatz       1       0 €     0 %       0 €
     │       ⢀⠎                                                              │
 20.3┤      ⡰⠁                                                               │
     │    ⢀⠎                                                                 │
 10.2┤   ⡔⠁                                                                  │
     │ ⢠⠊                                                                    │
  0.0├⡔⠁─────────────────────────────────────────────────────────────────────┤
     └┬─────────────────┬────────────────┬─────────────────┬────────────────┬┘
      0                25               50                75              100
 Deckungsbeitrag kumuliert (T€)

              Umsatz und Deckungsbeitrag je Spalte, letzte 8 Quartale                                   Umsatz und effektiver Stundensatz
     ┌───────────────────────────────────────────────────────────────────────┐      ┌───────────────────────────────────────────────────────────────────────┐
 12.8┤I         I         I         I         I         I         I          │ 178.6┤                                       I                               │
 10.7┤                                                                       │      │                                                                       │
  8.6┤                                                                      I│ 155.5┤                                                                       │
  6.4┤                                                                       │      │                                                                      I│
  4.3┤                                                                       │ 132.4┤                                                                       │
  2.1┤B         B         B         B         B         B         B         B│      │             B                                                         │
  0.0┤T         T         T         T         T         T         T         T│ 109.3┤                                                                       │
     └┬─────────┬─────────┬─────────┬─────────┬─────────┬─────────┬─────────┬┘      │                                                                       │
    25-Q1     25-Q2     25-Q3     25-Q4     26-Q1     26-Q2     26-Q3   26-Q4   86.2┤        B                                                              │
 DB (T€)                                                                            │                                                                       │
 I Idealer Partner, B Beobachten, T Trennen                                     63.1┤                                                                       │
 Quartal  Umsatz I  Umsatz B  Umsatz T      DB I     DB B   DB T                    │I                                                                      │
 -------  --------  --------  --------  --------  -------  -----                40.0┤  B                                                                    │
 2025-Q1  20.100 €   3.000 €       0 €  12.840 €  1.625 €    0 €                    └┬─────────────────┬────────────────┬─────────────────┬────────────────┬┘
 2025-Q2  20.100 €   3.800 €     900 €  12.840 €  1.325 €  240 €                    3.6              15.3             27.0              38.7            50.4
 2025-Q3  20.100 €   7.600 €       0 €  12.840 €  2.045 €    0 €               €/h                                 Umsatz (T€)
 2025-Q4  21.000 €   5.300 €       0 €  12.750 €  1.835 €    0 €                                                                                              ▆▆
 2026-Q1  21.000 €   7.600 €       0 €  12.750 €  2.045 €    0 €
 2026-Q2  21.000 €   5.300 €       0 €  12.750 €  1.835 €    0 €
 esc Zurück                                                                                                                                         ▏^p palette
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


async def portfolio_lines(db: Path, size: tuple[int, int], lang: str = "de") -> list[str]:
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
    compare(PORTFOLIO_80x24, await portfolio_lines(db, (80, 24)))


async def test_portfolio_at_160x45(db: Path) -> None:
    compare(PORTFOLIO_160x45, await portfolio_lines(db, (160, 45)))


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
        assert ("Ohne den einen Kunden im Filter „Krüger“: -4.800 € Umsatz, +1.800 € Deckungsbeitrag, "
                "120 h im Jahr frei") in sentences.replace("\n", " ")
        await pilot.press("escape")
        assert not isinstance(app.screen, PortfolioScreen)


async def test_the_portfolio_key_is_in_the_help_and_speaks_english(db: Path) -> None:
    from kanban.tui.screens.help import help_text

    assert "Portfolio: Walkurve" in help_text("de")
    lines = await portfolio_lines(db, (160, 45), lang="en")
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
        assert freed == ("Ohne die 2 Kunden in Trennen: -4.800 € Umsatz, +1.800 € Deckungsbeitrag, "
                         "120 h im Jahr frei")
