"""The terminal app. `run_app` is what `kundenboard` and `kundenboard demo` call."""

from __future__ import annotations

import gc
import sys

from kanban.board import Board, UserError


def run_app(board: Board, review: str | None = None) -> None:
    """Show the board until the user quits; the board (and its database lock) is closed afterwards.

    With `review` (a quarter like 2026-Q4) the app opens on that quarter's review.
    """
    from kanban.tui.app import KundenboardApp

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        board.close()
        raise UserError("the board needs a terminal: in scripts use 'kundenboard customers' or 'suggest'")

    # The board's data lives as long as the app: keep it out of the garbage
    # collector's full passes, which otherwise walk every customer's metrics
    # again and again while Textual starts (measurable at 25,000 customers).
    gc.freeze()
    try:
        KundenboardApp(board, review=review).run()
    finally:
        board.close()
