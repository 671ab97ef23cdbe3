"""One column of the board as a virtual list: only the visible cards are ever drawn.

A column holds up to 25,000 cards, so it is a single line-API widget (as
Textual's DataTable and Log are): every card is CARD_HEIGHT lines high, the
scroll offset says which cards are visible, and `render_line` draws just those
lines from a small cache of rendered cards. No widget per card.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kanban.domain.model import Column
from kanban.texts import text

if TYPE_CHECKING:
    from kanban.tui.start import BoardFace

CARD_LINES = 3  # name; revenue and rate; signs and suggestion
CARD_HEIGHT = CARD_LINES + 1  # plus a blank line between cards
COMPACT_BELOW = 32  # cells: a narrower card shows whole euros, so the hourly rate is never cut
_CACHE_LIMIT = 600  # rendered cards kept; a screenful is a few dozen


class ColumnList(ScrollView, can_focus=True):
    """The cards of one column, drawn line by line; the cursor marks the card keys act on."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "column-list--card",
        "column-list--cursor",
        "column-list--cursor-focused",
        "column-list--name",
        "column-list--muted",
        "column-list--sign",
        "column-list--prospect",
        "column-list--bar-ideal",
        "column-list--bar-watch",
        "column-list--bar-drop",
        "column-list--bar-focused",
        "column-list--to-ideal",
        "column-list--to-watch",
        "column-list--to-drop",
        "column-list--empty",
    }

    # The screen's actions: while the Board loads, it decides whether a key acts at once or waits.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "screen.cursor(-1)", show=False),
        Binding("down,j", "screen.cursor(1)", show=False),
        Binding("left,h", "screen.focus_column(-1)", show=False),
        Binding("right,l", "screen.focus_column(1)", show=False),
        Binding("pageup", "screen.page(-1)", show=False),
        Binding("pagedown", "screen.page(1)", show=False),
        Binding("home", "screen.jump(0)", show=False),
        Binding("end", "screen.jump(-1)", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Opened(Message):
        """A card was double-clicked."""

        def __init__(self, column_list: ColumnList) -> None:
            super().__init__()
            self.column_list = column_list

    def __init__(self, model: BoardFace, column: Column, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model = model
        self.column = column
        self.lang = lang
        self._cards: dict[tuple[str, int, int], tuple[Strip, ...]] = {}

    # -- state ------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        return self.model.ids[self.column]

    @property
    def current_id(self) -> str | None:
        ids = self.ids
        return ids[self.cursor] if 0 <= self.cursor < len(ids) else None

    def sync(self, keep: str | None = None) -> None:
        """Show the model's current cards; keep the cursor on `keep` if it is still here."""
        ids = self.ids
        self._cards.clear()
        self.virtual_size = Size(self.size.width, len(ids) * CARD_HEIGHT)
        if keep is not None and keep in ids:
            self.cursor = ids.index(keep)
        else:
            self.cursor = min(self.cursor, max(len(ids) - 1, 0))
        self.refresh()

    def forget(self, customer_id: str) -> None:
        """Drop a card's rendering after its data changed."""
        for key in [key for key in self._cards if key[0] == customer_id]:
            del self._cards[key]

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        top = self.cursor * CARD_HEIGHT
        bottom = top + CARD_LINES
        height = self.size.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=bottom - height, animate=False)

    def move_cursor(self, delta: int) -> None:
        if self.ids:
            self.cursor = max(0, min(len(self.ids) - 1, self.cursor + delta))

    def page(self, direction: int) -> None:
        visible = max(1, (self.size.height or CARD_HEIGHT) // CARD_HEIGHT)
        self.move_cursor(direction * visible)

    def jump(self, index: int) -> None:
        if self.ids:
            self.cursor = index % len(self.ids)

    # -- mouse --------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index, line = divmod(offset.y + int(self.scroll_y), CARD_HEIGHT)
        if index < len(self.ids) and line < CARD_LINES:
            self.cursor = index
            self.focus()
            if event.chain == 2:
                self.post_message(self.Opened(self))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cards.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.ids) * CARD_HEIGHT)
        self._cards.clear()

    # -- drawing ------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index, line = divmod(y + int(self.scroll_y), CARD_HEIGHT)
        ids = self.ids
        if not ids:
            return self._empty_line(y, width)
        if index >= len(ids) or line >= CARD_LINES:
            return Strip.blank(width, self.rich_style)
        state = 0
        if index == self.cursor:
            state = 2 if self.has_focus else 1
        return self._card(ids[index], state, width)[line]

    def _empty_line(self, y: int, width: int) -> Strip:
        """An empty column says so; on an empty board the first column says once how customers come in."""
        if self.model.loading:  # not "no customers": the cards are not known yet
            return Strip.blank(width, self.rich_style)
        if self.model.query:
            lines = ["", text("board.empty_filtered", self.lang)]
        elif any(self.model.ids[column] for column in Column):
            lines = ["", text("board.empty", self.lang)]
        elif self.column is Column.IDEAL:
            lines = ["", *textwrap.wrap(text("board.empty_hint", self.lang), max(width - 3, 10))]
        else:
            lines = []
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        style = self.get_component_rich_style("column-list--empty")
        return Strip([Segment(set_cell_size(" " + lines[y], width), style)])

    def _card(self, customer_id: str, state: int, width: int) -> tuple[Strip, ...]:
        key = (customer_id, state, width)
        cached = self._cards.get(key)
        if cached is None:
            if len(self._cards) > _CACHE_LIMIT:
                self._cards.clear()
            cached = self._cards[key] = self._draw_card(customer_id, state, width)
        return cached

    def _fg(self, name: str, base: Style) -> Style:
        """A component's colour and attributes over the card's background."""
        style = self.get_component_rich_style(name)
        return base + Style(color=style.color, bold=style.bold, italic=style.italic, dim=style.dim)

    def _draw_card(self, customer_id: str, state: int, width: int) -> tuple[Strip, ...]:
        card, lang = self.model.card(customer_id, self.lang), self.lang
        if card is None:  # beyond the kept first screen while the Board loads
            return (Strip.blank(width, self.rich_style),) * CARD_LINES
        base = self.get_component_rich_style(
            ("column-list--card", "column-list--cursor", "column-list--cursor-focused")[state]
        )
        bar_name = "column-list--bar-focused" if state == 2 else f"column-list--bar-{self.column.value}"
        bar = (("▌ ", self._fg(bar_name, base)),)

        prospect = []
        if card.prospect:
            badge = "◇ " + text("board.prospect", lang)
            if cell_len(card.name) + cell_len(badge) + 4 > width:  # the name first; ◇ is in the help's legend
                badge = "◇"
            prospect = [(badge, self._fg("column-list--prospect", base))]
        name_line = _line([*bar, (card.name, self._fg("column-list--name", base))], prospect, width, base)

        numbers = card.numbers
        if card.compact and (width < COMPACT_BELOW or cell_len(numbers) + 3 > width):  # the rate must not be cut
            numbers = card.compact
        number_line = _line([*bar, (numbers, self._fg("column-list--muted", base))], [], width, base)

        marker = []
        if card.target is not None:
            target = card.target
            marker = [("→ " + target.label(lang), self._fg(f"column-list--to-{target.value}", base))]
        sign_line = _line([*bar, (card.glyphs, self._fg("column-list--sign", base))], marker, width, base)
        return (name_line, number_line, sign_line)


def _line(left: list[tuple[str, Style]], right: list[tuple[str, Style]], width: int, base: Style) -> Strip:
    """One card line of exactly `width` cells: left text cut with an ellipsis where the right text needs room."""
    right_width = sum(cell_len(part) for part, _ in right)
    room = max(0, width - 1 - (right_width + 1 if right_width else 0))
    segments: list[Segment] = []
    used = 0
    for part, style in left:
        length = cell_len(part)
        if used + length > room:
            part = set_cell_size(part, max(0, room - used - 1)) + "…" if room - used > 0 else ""
            length = cell_len(part)
        segments.append(Segment(part, style))
        used += length
        if used >= room:
            break
    if right_width and right_width + 2 <= width:
        segments.append(Segment(" " * (width - used - right_width - 1), base))
        segments.extend(Segment(part, style) for part, style in right)
        used = width - 1
    segments.append(Segment(" " * max(0, width - used), base))
    return Strip(segments).adjust_cell_length(width, base)
