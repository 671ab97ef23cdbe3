"""The Textual application: the board screen and what all screens share."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App

from kanban.board import Board
from kanban.domain.audit import first_broken
from kanban.tui.commands import BoardCommands
from kanban.tui.screens.board import BoardScreen
from kanban.tui.texts import text

BROKEN_CHAIN_TIMEOUT = 24 * 3600  # stays until dismissed: the user must not miss it


class KundenboardApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS: ClassVar = App.COMMANDS | {BoardCommands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, board: Board, review: str | None = None) -> None:
        super().__init__()
        self.board = board
        self.review_quarter = review
        self.title = text("board.title", board.lang)

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen(self.board)

    def on_mount(self) -> None:
        self.check_audit_chain()
        if self.review_quarter is not None:
            screen = self.screen
            assert isinstance(screen, BoardScreen)
            screen.start_review(self.review_quarter)

    @work(thread=True, group="audit")
    def check_audit_chain(self) -> None:
        """Hash the whole log after the first paint (a second or so at tens of thousands of entries)."""
        records = self.board.store.decision_records()
        broken = first_broken(records)
        if broken is None:
            return
        position, problem = broken
        lang = self.board.lang
        what = text("board.chain_changed" if "changed" in problem else "board.chain_gap", lang)
        message = text("board.chain_broken", lang, entry=records[position].get("id", "?"), line=position + 1,
                       what=what)
        self.call_from_thread(self.notify, message, severity="error", timeout=BROKEN_CHAIN_TIMEOUT)
