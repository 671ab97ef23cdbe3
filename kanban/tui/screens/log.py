"""`L`: the audit log, newest first, narrowed by typing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from kanban.board import Board
from kanban.domain.board_logic import matches
from kanban.domain.formatting import format_date
from kanban.domain.model import Decision
from kanban.texts import text
from kanban.tui.keys import localize

ROW_LIMIT = 1000  # a DataTable of tens of thousands of rows takes seconds; the filter finds older ones


@dataclass(frozen=True)
class LogRow:
    decision_id: int
    cells: tuple[str, ...]
    search: str  # casefolded text the filter looks in


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
        rows.append(LogRow(d.id, cells, search))
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
        table = self.query_one(DataTable)
        for key in ("log.time", "log.customer", "log.move", "log.kind", "log.actor"):
            table.add_column(text(key, self.lang), key=key)
        table.add_column(text("log.reason", self.lang), key="log.reason")  # last: it may be long
        self.show(self.initial_query)

    @on(Input.Changed, "#log-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted, "#log-filter")
    def _to_table(self) -> None:
        self.set_focus(self.query_one(DataTable))

    def show(self, query: str) -> None:
        found = [row for row in self.rows if matches(row.search, query)]
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows([row.cells for row in found[:ROW_LIMIT]])
        key = "log.capped" if len(found) > ROW_LIMIT else "log.count"
        shown = min(len(found), ROW_LIMIT)
        self.query_one("#log-count", Static).update(text(key, self.lang, shown=shown, total=len(self.rows)))

    def action_back(self) -> None:
        self.dismiss(None)
