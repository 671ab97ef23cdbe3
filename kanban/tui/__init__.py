"""The terminal app: `run_board` is the plain `kundenboard`, `run_app` what `review` and `demo` call."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kanban.board import Board
    from kanban.tui.app import KundenboardApp


def _in_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _need_terminal() -> None:
    if not _in_terminal():
        from kanban.board import UserError

        raise UserError("the board needs a terminal: in scripts use 'kundenboard customers' or 'suggest'")


def run_app(board: Board, review: str | None = None) -> None:
    """Show the board until the user quits; the board (and its database lock) is closed afterwards.

    With `review` (a quarter like 2026-Q4) the app opens on that quarter's review.
    """
    try:
        _need_terminal()
        from kanban.tui.app import KundenboardApp

        _run(KundenboardApp(board, review=review))
    finally:
        board.close()


def run_board(db: Path, rules: Path | None, as_of: dt.date | None, lang: str) -> None:
    """The board on `db`: painted at once, from the kept first screen when it is current, else as columns
    without cards that say the board is loading (at 25,000 customers computing the metrics takes seconds);
    the Board is loaded behind it."""
    from kanban.board import Board
    from kanban.tui.start import database_in_use, first_screen

    day = as_of or dt.date.today()
    # Without a database yet Board.open creates it or says at once why not; without a terminal
    # what is wrong with the database is worth more than "needs a terminal".
    start = first_screen(db, rules, day, lang) if _in_terminal() else None
    if start is None:
        run_app(Board.open(db, rules, as_of, lang))
        return
    database_in_use(db)  # "in use by ..." as one line now, not after the board flashed up
    from kanban.tui.app import KundenboardApp

    app = KundenboardApp(None, start=start, opener=lambda: Board.open(db, rules, day, lang), lang=lang)
    try:
        _run(app)
    finally:
        if app.board is not None:
            app.board.close()
    if app.failure is not None:
        raise app.failure


def _run(app: KundenboardApp) -> None:
    # The board's data lives as long as the app: keep it out of the garbage
    # collector's full passes, which otherwise walk every customer's metrics
    # again and again while Textual starts. The collector itself runs (the CLI
    # paused it for the command's bulk work): screens come and go for hours.
    gc.freeze()
    gc.enable()
    app.run()
    if app.board is not None and app.failure is None:
        _keep_first_screen(app.board)


def _keep_first_screen(board: Board) -> None:
    """Keep the first screen as it is now for the next start, unless the kept one is still current."""
    from kanban.tui.board_model import BoardModel
    from kanban.tui.start import is_current, snapshot

    if is_current(board.start_screen, board.directory):
        return
    board.save_start_screen(snapshot(BoardModel(board), board.directory))
