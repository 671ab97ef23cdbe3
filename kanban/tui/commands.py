"""Every board action in the command palette (ctrl+p), named as in the help screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kanban.texts import text
from kanban.tui.keys import BOARD_KEYS


class BoardCommands(Provider):
    """Offers the board's actions while the board is the screen below the palette."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from kanban.tui.screens.board import BoardScreen

        screen = self.screen
        if not isinstance(screen, BoardScreen):
            return []
        return [(text(k.help, screen.lang), k.action, k.shown) for k in BOARD_KEYS if k.palette]

    async def discover(self) -> Hits:
        for name, action, keys in self._commands():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=keys)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, keys in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.screen.run_action, action), text=name, help=keys)
