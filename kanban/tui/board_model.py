"""Which cards the board shows in which order: the filter and sort state over a Board.

Kept apart from the widgets so that it can be tested without a terminal and
so that a move costs O(column) list work, not a re-sort of 25,000 cards:
column totals are kept up to date per card, and sort keys are computed once
per customer and order.
"""

from __future__ import annotations

from bisect import insort
from collections import Counter
from typing import Any

from kanban.board import Board, CustomerView
from kanban.domain.board_logic import (
    WARNING_SIGNS,
    ColumnTotals,
    SortOrder,
    WarningSign,
    card_revenue,
    column_totals,
    common_signs,
    matches,
    search_text,
    sort_key,
    warning_signs_of_rule,
)
from kanban.domain.formatting import format_date, format_metric, format_money, format_number
from kanban.domain.model import Column
from kanban.texts import text
from kanban.tui.start import Card


class BoardModel:
    loading = False  # as the start models' (kanban.tui.start): the cards are known

    def __init__(self, board: Board, order: SortOrder = SortOrder.SCORE) -> None:
        self.board = board
        self.order = order
        self.query = ""
        self.ids: dict[Column, list[str]] = {column: [] for column in Column}
        self._signs: dict[str, tuple[WarningSign, ...]] = {}
        self._search: dict[str, str] = {}
        self._keys: dict[SortOrder, dict[str, Any]] = {order: {} for order in SortOrder}
        self._revenue: dict[str, float] = {}  # what each shown card adds to its column's total
        self._totals: dict[Column, list[float]] = {}  # column -> [count, revenue] of the shown cards
        self._columns: dict[str, Column] = {}  # every customer's column as counted in _all
        self._all: Counter[Column] = Counter()
        self.common: dict[str, tuple[int, int]] = {}  # signs on most cards: left off every card
        self._rule_signs = {
            rule.id: warning_signs_of_rule(rule) for rule in (*board.rule_set.knockouts, *board.rule_set.rules)
        }
        self.rebuild()

    # -- what a card shows ------------------------------------------------------

    def view(self, customer_id: str) -> CustomerView:
        return self.board.views[customer_id]

    def card(self, customer_id: str, lang: str) -> Card:
        view = self.board.views[customer_id]
        revenue = view.metrics.get("revenue")
        numbers = compact = format_money(revenue, lang) if revenue is not None else text("board.no_revenue", lang)
        if revenue is not None:
            compact = format_money(revenue, lang, cents=False)
        rate = view.metrics.get("effective_hourly_rate")
        if rate is not None:
            numbers += "  ·  " + format_metric("effective_hourly_rate", rate, lang)
            compact += " · " + text("board.per_hour", lang, money=format_money(rate, lang, cents=False))
        return Card(
            name=view.customer.name,
            prospect=view.customer.prospect,
            numbers=numbers,
            glyphs=" ".join(sign.glyph for sign in self.signs(customer_id) if sign.id not in self.common),
            target=view.suggestion.column if view.differs else None,
            compact=compact,
        )

    def header_texts(self, lang: str) -> tuple[dict[str, str], str]:
        """Each column's header (by column value) and the status line, as markup."""
        all_counts = self.all_counts() if self.query else None
        headers = {}
        for column in Column:
            totals = self.totals(column)
            count = format_number(totals.count, lang)
            if all_counts is not None:
                count += "/" + format_number(all_counts[column], lang)
            revenue = format_money(totals.revenue, lang, cents=False)
            headers[column.value] = f"[b]{column.label(lang)}[/b] · {count} · {revenue}"
        status = [
            f"[b]{text('board.title', lang)}[/b]",
            f"{text('board.as_of', lang)} {format_date(self.board.as_of, lang)}",
            f"{format_number(len(self.board.views), lang)} {text('board.customers', lang)}",
            f"{text('board.sort', lang)} {self.order.label(lang)}",
        ]
        if self.query:
            status.append(f"{text('board.filter', lang)}: [b]{self.query}[/b]")
        return headers, "  ·  ".join(status)

    def signs(self, customer_id: str) -> tuple[WarningSign, ...]:
        signs = self._signs.get(customer_id)
        if signs is None:
            ids = {
                sign.id
                for reason in self.board.views[customer_id].suggestion.reasons
                for sign in self._rule_signs.get(reason.rule_id, ())
            }
            signs = self._signs[customer_id] = tuple(sign for sign in WARNING_SIGNS if sign.id in ids)
        return signs

    def _search_text(self, customer_id: str) -> str:
        found = self._search.get(customer_id)
        if found is None:
            found = search_text(self.board.views[customer_id].customer, self.signs(customer_id))
            self._search[customer_id] = found
        return found

    def _key(self, customer_id: str) -> Any:
        keys = self._keys[self.order]
        found = keys.get(customer_id)
        if found is None:
            found = keys[customer_id] = sort_key(self.order)(self.board.views[customer_id])
        return found

    # -- filter and sort ----------------------------------------------------------

    def shows(self, customer_id: str) -> bool:
        return not self.query or matches(self._search_text(customer_id), self.query)

    def rebuild(self) -> None:
        """Filter and sort every column from scratch (after a filter or sort change)."""
        self.ids = {column: [] for column in Column}
        self._columns = {cid: view.customer.column for cid, view in self.board.views.items()}
        self._all = Counter(self._columns.values())
        for customer_id, column in self._columns.items():
            if self.shows(customer_id):
                self.ids[column].append(customer_id)
        for ids in self.ids.values():
            ids.sort(key=self._key)
        self._count_shown()
        if not self.common and not self._signs:  # once: signs follow the rules, not a move or the filter
            self.common = common_signs(self.signs(cid) for cid in self.board.views)

    def _count_shown(self) -> None:
        views = self.board.views
        self._revenue = {}
        self._totals = {}
        for column, ids in self.ids.items():
            shown = [views[cid] for cid in ids]
            self._revenue.update(zip(ids, map(card_revenue, shown), strict=True))
            totals = column_totals(shown)
            self._totals[column] = [totals.count, totals.revenue]

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        self.rebuild()

    def cycle_order(self) -> SortOrder:
        """The same cards in the next order: only a sort, the totals stay."""
        self.order = self.order.next()
        for ids in self.ids.values():
            ids.sort(key=self._key)
        return self.order

    def place(self, customer_id: str) -> None:
        """Put one customer where the board now has them (after a move, an undo or an edit)."""
        self._signs.pop(customer_id, None)
        self._search.pop(customer_id, None)
        for keys in self._keys.values():
            keys.pop(customer_id, None)
        old = self._columns.pop(customer_id, None)
        if old is not None:
            self._all[old] -= 1
            if customer_id in self._revenue:
                self.ids[old].remove(customer_id)
                totals = self._totals[old]
                totals[0] -= 1
                totals[1] -= self._revenue.pop(customer_id)
        view = self.board.views.get(customer_id)
        if view is None:
            return
        column = self._columns[customer_id] = view.customer.column
        self._all[column] += 1
        if self.shows(customer_id):
            insort(self.ids[column], customer_id, key=self._key)
            value = self._revenue[customer_id] = card_revenue(view)
            totals = self._totals[column]
            totals[0] += 1
            totals[1] += value

    # -- headers ------------------------------------------------------------------

    def totals(self, column: Column) -> ColumnTotals:
        """Count and 12-month revenue of the cards shown in a column."""
        count, revenue = self._totals[column]
        return ColumnTotals(int(count), round(revenue, 2))

    def all_counts(self) -> Counter[Column]:
        """Cards per column without the filter, for "3/7" while filtering."""
        return Counter(self._all)
