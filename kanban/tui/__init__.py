"""The terminal app. `run_app` is what `kundenboard` and `kundenboard demo` call."""

from __future__ import annotations

from kanban.board import Board


def run_app(board: Board) -> None:
    """Show the board until the user quits; the board (and its database lock) is closed afterwards."""
    from kanban.tui.app import KundenboardApp

    try:
        KundenboardApp(board).run()
    finally:
        board.close()
