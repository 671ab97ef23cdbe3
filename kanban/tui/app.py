"""The Textual application: the board screen and what all screens share."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App

from kanban.board import Board
from kanban.tui.commands import BoardCommands
from kanban.tui.screens.board import BoardScreen
from kanban.tui.texts import text


class KundenboardApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS: ClassVar = App.COMMANDS | {BoardCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, board: Board) -> None:
        super().__init__()
        self.board = board
        self.title = text("board.title", board.lang)

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen(self.board)
