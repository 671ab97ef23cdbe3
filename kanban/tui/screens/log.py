"""`L`: the audit log, newest first, narrowed by typing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, Static

from kanban.board import Board
from kanban.domain.board_logic import matches
from kanban.domain.formatting import format_date
from kanban.domain.model import Decision
from kanban.texts import text
from kanban.tui.keys import localize

ROW_LIMIT = 1000  # a DataTable of tens of thousands of rows takes seconds; the filter finds older ones


NARROW_BELOW = 120  # columns: below this the rows are shortened so that every column stays on screen
# On a narrow terminal: the widest time, customer, move, kind and actor; the reason gets the rest.
NARROW_WIDTHS = (8, 14, 17, 10, 8)
CELL_PADDING = 2  # a DataTable column's padding, both sides
LOG_COLUMNS = ("log.time", "log.customer", "log.move", "log.kind", "log.actor", "log.reason")  # reason last: long


@dataclass(frozen=True)
class LogRow:
    decision_id: int
    cells: tuple[str, ...]
    search: str  # casefolded text the filter looks in
    short: tuple[str, ...] = ()  # the cells for a narrow terminal (date and columns shortened)


def cut(words: str, width: int) -> str:
    """At most `width` cells; what is cut ends in "…"."""
    if cell_len(words) <= width:
        return words
    return set_cell_size(words, max(width - 1, 0)) + "…"


def narrow_rows(rows: list[LogRow], headers: list[str], width: int) -> list[tuple[str, ...]]:
    """Rows cut to fit `width` cells with every column kept: the reason gets what the others leave."""
    fixed = [tuple(cut(cell, limit) for cell, limit in zip(row.short, NARROW_WIDTHS, strict=False)) for row in rows]
    widths = [max([cell_len(header), *(cell_len(cells[i]) for cells in fixed)]) for i, header in enumerate(headers)]
    room = width - sum(widths) - CELL_PADDING * (len(widths) + 1) - 2  # 2: the scrollbar
    return [(*cells, cut(row.short[-1], max(room, 4))) for cells, row in zip(fixed, rows, strict=True)]


def local_time(decision: Decision, lang: str) -> str:
    """Stored in UTC, shown in the computer's time zone."""
    local = decision.at.astimezone()
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def log_rows(decisions: Iterable[Decision], names: dict[str, str], lang: str) -> list[LogRow]:
    """One row per decision, newest first; a forgotten customer shows by number (or pseudonym)."""
    rows = []
    for d in sorted(decisions, key=lambda d: d.id, reverse=True):
        name = names.get(d.customer_id, d.customer_id)
        cells = (
            local_time(d, lang),
            name,
            f"{d.from_column.label(lang)} → {d.to_column.label(lang)}",
            text(f"kind.{d.kind.value}", lang),
            d.actor,
            d.reason,
        )
        search = "\n".join((*cells, d.customer_id, d.quarter, d.from_column.value, d.to_column.value)).casefold()
        short_move = " → ".join(text(f"log.short.{c.value}", lang) for c in (d.from_column, d.to_column))
        day = d.at.astimezone().date()
        short = (
            format_date(day, lang)[:-4] + f"{day:%y}" if lang == "de" else f"{day:%y-%m-%d}",
            name,
            short_move,
            cells[3],
            d.actor,
            d.reason,
        )
        rows.append(LogRow(d.id, cells, search, short))
    return rows


class AuditLogScreen(Screen[None]):
    """Every decision on record; the filter field has the focus, so typing narrows at once."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "key.back")]
    AUTO_FOCUS = "#log-filter"  # typing filters at once

    def __init__(self, board: Board, query: str = "") -> None:
        super().__init__()
        self.board = board
        self.lang = board.lang
        self.initial_query = query
        self.narrow_width: int | None = None  # the terminal's width when the rows are shortened for it
        self.found: list[LogRow] = []  # the rows in the table, in its order
        localize(self, self.lang)
        names = {cid: view.customer.name for cid, view in board.views.items()}
        self.rows = log_rows(board.decisions(), names, self.lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(f"[b]{text('log.title', lang)}[/b]", id="log-title")
        yield Input(self.initial_query, placeholder=text("log.filter_placeholder", lang), id="log-filter")
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="log-count", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.initial_query)

    def on_resize(self, event: events.Resize) -> None:
        width = event.size.width if event.size.width < NARROW_BELOW else None
        if width != self.narrow_width:
            self.narrow_width = width
            self.show(self.query_one("#log-filter", Input).value)

    @on(DataTable.RowSelected, "#log-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        """Enter on an entry: the whole of it, the reason unabridged."""
        if 0 <= event.cursor_row < len(self.found):
            row = self.found[event.cursor_row]
            self.app.push_screen(LogEntryScreen(row, self.lang))

    @on(Input.Changed, "#log-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted, "#log-filter")
    def _to_table(self) -> None:
        self.set_focus(self.query_one(DataTable))

    def show(self, query: str) -> None:
        found = [row for row in self.rows if matches(row.search, query)]
        self.found = found[:ROW_LIMIT]
        table = self.query_one(DataTable)
        table.clear(columns=True)  # the columns take the width of what they now hold
        headers = [text(key, self.lang) for key in LOG_COLUMNS]
        for key, header in zip(LOG_COLUMNS, headers, strict=True):
            table.add_column(header, key=key)
        if self.narrow_width is None:
            table.add_rows([row.cells for row in self.found])
        else:
            table.add_rows(narrow_rows(self.found, headers[:-1], self.narrow_width - 2))  # 2: the table's margin
        key = "log.capped" if len(found) > ROW_LIMIT else "log.count"
        shown = min(len(found), ROW_LIMIT)
        self.query_one("#log-count", Static).update(text(key, self.lang, shown=shown, total=len(self.rows)))

    def action_back(self) -> None:
        self.dismiss(None)


class LogEntryScreen(ModalScreen[None]):
    """One entry of the log in full: every field, the reason wrapped, nothing cut."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "dismiss", show=False)]

    def __init__(self, row: LogRow, lang: str) -> None:
        super().__init__()
        self.row = row
        self.lang = lang

    def compose(self) -> ComposeResult:
        time, customer, move, kind, actor, reason = self.row.cells
        lang = self.lang
        fields = [
            ("log.time", time),
            ("log.customer", customer),
            ("log.move", move),
            ("log.kind", kind),
            ("log.actor", actor),
        ]
        lines = [f"[b]{escape(text(key, lang))}:[/b] {escape(value)}" for key, value in fields]
        lines += ["", f"[b]{escape(text('log.reason', lang))}:[/b]", escape(reason or text("log.no_reason", lang))]
        with VerticalScroll(id="dialog"):
            yield Label(text("log.entry_title", lang, number=self.row.decision_id), classes="dialog-title")
            yield Static("\n".join(lines), id="log-entry")
            yield Static(text("log.entry_hint", lang), classes="muted hint")
