"""The Textual application: the board screen and what all screens share."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from kanban.texts import LANGUAGES, text
from kanban.tui.screens.board import BoardScreen, load_later

if TYPE_CHECKING:
    from kanban.board import Board
    from kanban.tui.board_model import BoardModel
    from kanban.tui.start import BoardFace

BROKEN_CHAIN_TIMEOUT = 24 * 3600  # stays until dismissed: the user must not miss it
LOADING_SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005


# Textual's English titles (and helps, where one title has two) -> our text keys.
SYSTEM_COMMANDS: dict[str, tuple[str, str | dict[str, str]]] = {
    "Theme": ("palette.theme", "palette.theme_help"),
    "Quit": ("palette.quit", "palette.quit_help"),
    "Keys": (
        "palette.keys",
        {
            "Hide the keys and widget help panel": "palette.keys_hide",
            "Show help for the focused widget and a summary of available keys": "palette.keys_show",
        },
    ),
    "Minimize": ("palette.minimize", "palette.minimize_help"),
    "Maximize": ("palette.maximize", "palette.maximize_help"),
    "Screenshot": ("palette.screenshot", "palette.screenshot_help"),
}


def _board_commands() -> type:
    """The palette's board commands, imported when the palette first opens."""
    from kanban.tui.commands import BoardCommands

    return BoardCommands


class KundenboardApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS: ClassVar = App.COMMANDS | {_board_commands}
    ENABLE_COMMAND_PALETTE = True
    # ctrl+p named in each language: `check_action` lets the app's language through (the footer shows it).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+p",
            f"palette('{lang}')",
            text("palette.key", lang),
            show=False,
            priority=True,
            tooltip=text("palette.tooltip", lang),
        )
        for lang in LANGUAGES
    ]

    def __init__(
        self,
        board: Board | None,
        review: str | None = None,
        start: BoardFace | None = None,
        opener: Callable[[], Board] | None = None,
        lang: str = "de",
    ) -> None:
        """With a Board; or with a first screen (`start`: the kept one, or the loading one without cards) and
        `opener`, which loads the Board after the paint.

        Until that Board is there, the board screen decides which keys act at once and which wait.
        """
        super().__init__()
        self.board = board
        self.review_quarter = review
        self.start = start
        self.opener = opener
        self.lang = board.lang if board is not None else lang
        self.failure: BaseException | None = None  # why the Board could not be loaded, for the CLI's one line
        self._loading = False
        self.title = text("board.title", self.lang)

    # -- the command palette's own words, in the language --------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "palette" or parameters == (self.lang,)

    def action_palette(self, lang: str) -> None:
        self.action_command_palette()

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App[None]
            self.push_screen(CommandPalette(id="--command-palette", placeholder=text("palette.search", self.lang)))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=text("palette.themes", self.lang)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, keys, maximize, screenshot, quit), named in the language."""
        for command in super().get_system_commands(screen):
            title, help_ = SYSTEM_COMMANDS.get(command.title, (None, None))
            if title is None:
                yield command
                continue
            helps = help_ if isinstance(help_, dict) else {command.help: help_ or title}
            yield SystemCommand(
                text(title, self.lang),
                text(helps.get(command.help, title), self.lang),
                command.callback,
                command.discover,
            )

    def on_key(self, event: events.Key) -> None:
        """A character that reaches the app while a text field has the focus belongs to that field.

        Textual hands each key to the widget focused when the key arrived, and a field takes its own characters
        (they never get here): this one came in one burst with the key that focused the field (`/` opens the
        filter), typed while the Board loads or pasted, and went to the widget focused before."""
        field = self.focused
        if isinstance(field, Input) and event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen(self.board, self.start, self.lang)

    def on_mount(self) -> None:
        if self.board is not None:
            self._started()

    def on_ready(self) -> None:
        """The first frame is on screen: now load the Board behind the kept first screen."""
        self._load()

    def _load(self) -> None:
        if self.board is None and not self._loading:
            self._loading = True
            self.load_board()

    def _started(self) -> None:
        self.check_audit_chain()
        if self.review_quarter is not None:
            screen = self.screen
            assert isinstance(screen, BoardScreen)
            screen.start_review(self.review_quarter)

    @work(thread=True, group="load", exit_on_error=False)
    def load_board(self) -> None:
        assert self.opener is not None
        # No collection until the board is installed and frozen: one would walk all of it, for nothing.
        # The screen's garbage of these seconds is frozen with it, once.
        gc.disable()
        switching = sys.getswitchinterval()
        # The loading thread holds the interpreter; the screen gets it back sooner for keys that act at once.
        sys.setswitchinterval(LOADING_SWITCH_INTERVAL)
        try:
            try:
                board = self.opener()
            except BaseException as error:  # shown by the CLI as one line once the app has closed
                self.call_from_thread(self._failed, error)
                return
            try:
                from kanban.tui.board_model import BoardModel

                model = BoardModel(board)  # sorting every column: here, not on the screen's thread
                self.call_from_thread(self._install, board, model)
            except Exception as error:  # end the app with it: waiting keys must not wait forever
                self.board = board  # closed by run_board
                if self.is_running:  # else the user quit while it loaded
                    self.call_from_thread(self._failed, error)
                return
        finally:
            sys.setswitchinterval(switching)
            gc.enable()
        load_later()

    def _install(self, board: Board, model: BoardModel) -> None:
        self.board = board
        screen = self.screen_stack[0]
        assert isinstance(screen, BoardScreen)
        screen.install(board, model)
        gc.freeze()  # the board lives as long as the app: out of the collector's passes (see kanban.collector)
        self._started()  # only now: the audit check reads the log on a thread, which holds the interpreter

    def _failed(self, error: BaseException) -> None:
        self.failure = error
        self.exit(return_code=1)

    @work(thread=True, group="audit")
    def check_audit_chain(self) -> None:
        """Check the log's hash chain after the first paint: what was appended since it was last verified,
        the whole chain after an upgrade, a forget or a restore."""
        assert self.board is not None
        broken = self.board.chain_break()
        if broken is None:
            return
        lang = self.lang
        what = text("board.chain_changed" if broken.changed else "board.chain_gap", lang)
        entry = "?" if broken.entry is None else broken.entry
        message = text("board.chain_broken", lang, entry=entry, line=broken.position + 1, what=what)
        self.call_from_thread(self.notify, message, severity="error", timeout=BROKEN_CHAIN_TIMEOUT)
