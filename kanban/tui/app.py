"""The Textual application: the board screen and what all screens share."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.screen import Screen

from kanban.texts import text
from kanban.tui.screens.board import BoardScreen, load_later

if TYPE_CHECKING:
    from kanban.board import Board
    from kanban.tui.start import LoadingModel, StartModel

BROKEN_CHAIN_TIMEOUT = 24 * 3600  # stays until dismissed: the user must not miss it
REPLAY_POLL = 0.005  # seconds between looks whether a replayed key has been handled


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

    def __init__(
        self,
        board: Board | None,
        review: str | None = None,
        start: StartModel | LoadingModel | None = None,
        opener: Callable[[], Board] | None = None,
        lang: str = "de",
    ) -> None:
        """With a Board; or with a first screen (`start`: the kept one, or the loading one without cards) and
        `opener`, which loads the Board after the paint.

        Until that Board is there, input waits (in order): no key acts on the first screen.
        """
        super().__init__()
        self.board = board
        self.review_quarter = review
        self.start = start
        self.opener = opener
        self.lang = board.lang if board is not None else lang
        self.failure: BaseException | None = None  # why the Board could not be loaded, for the CLI's one line
        self._loading = False
        # Input that came while the Board loads, replayed in order once it is there; None when not holding.
        self._held: list[events.Event] | None = None if board is not None else []
        self._replaying: set[int] = set()
        self.title = text("board.title", self.lang)
        self._bindings.key_to_bindings = {  # the footer's "^p palette" in the language
            key: [
                replace(b, description=text("palette.key", self.lang), tooltip=text("palette.tooltip", self.lang))
                if b.action == "command_palette"
                else b
                for b in bindings
            ]
            for key, bindings in self._bindings.key_to_bindings.items()
        }

    # -- the command palette's own words, in the language --------------------------------

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
        # No collection until the board is installed and frozen: one would walk all of it (0.1-0.3 s
        # at 25,000 customers). The screen's garbage of these seconds is frozen with it, once.
        gc.disable()
        try:
            try:
                board = self.opener()
            except BaseException as error:  # shown by the CLI as one line once the app has closed
                self.call_from_thread(self._failed, error)
                return
            try:
                self.call_from_thread(self._install, board)
            except Exception as error:  # end the app with it: held keys must not wait forever
                self.board = board  # closed by run_board
                self.call_from_thread(self._failed, error)
                return
        finally:
            gc.enable()
        load_later()

    def _install(self, board: Board) -> None:
        self.board = board
        screen = self.screen_stack[0]
        assert isinstance(screen, BoardScreen)
        screen.install(board)
        gc.freeze()  # the board lives as long as the app: out of the collector's passes (see kanban.collector)
        self.run_worker(self._replay(), group="replay")

    def _failed(self, error: BaseException) -> None:
        self.failure = error
        self._held = None
        self.exit(return_code=1)

    async def on_event(self, event: events.Event) -> None:
        """Hold input until the Board is loaded: then it acts on the real cards, and no key is lost."""
        if self._held is not None and isinstance(event, events.InputEvent | events.Paste) and not event.is_forwarded:
            if id(event) in self._replaying:
                self._replaying.discard(id(event))
            else:
                if not isinstance(event, events.MouseMove):  # hovering over the kept screen means nothing
                    self._held.append(event)
                self._load()  # a key can come before the Ready message, which is queued behind it
                return
        await super().on_event(event)

    async def _replay(self) -> None:
        """Input held while loading, one event at a time as if typed: a `/` must focus the filter
        before the next key is sent to the focused widget (Textual routes a burst to the old focus)."""
        assert self._held is not None
        while self._held:
            event = self._held.pop(0)
            self._replaying.add(id(event))
            self.post_message(event)
            await self._settled()
        self._held = None
        self._started()  # only now: the audit check hashes the whole log on a thread, which holds the interpreter

    async def _settled(self, limit: float = 1.0) -> None:
        """Until every message the last event caused is handled (twice nothing queued), at most `limit` s."""
        quiet = 0
        for _ in range(int(limit / REPLAY_POLL)):
            await asyncio.sleep(REPLAY_POLL)
            if not self.screen_stack:
                return  # the app is closing (a quit among the held keys)
            pumps = [self, *self.screen.walk_children(with_self=True)]
            quiet = 0 if any(pump.message_queue_size for pump in pumps) else quiet + 1
            if quiet >= 2:
                return

    @work(thread=True, group="audit")
    def check_audit_chain(self) -> None:
        """Hash the whole log after the first paint (a second or so at tens of thousands of entries)."""
        assert self.board is not None
        broken = self.board.chain_break()
        if broken is None:
            return
        lang = self.lang
        what = text("board.chain_changed" if broken.changed else "board.chain_gap", lang)
        entry = "?" if broken.entry is None else broken.entry
        message = text("board.chain_broken", lang, entry=entry, line=broken.position + 1, what=what)
        self.call_from_thread(self.notify, message, severity="error", timeout=BROKEN_CHAIN_TIMEOUT)
