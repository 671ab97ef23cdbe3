"""Which cards the board shows in which order: the filter and sort state over a Board.

Kept apart from the widgets so that it can be tested without a terminal and
so that a move costs O(column) list work, not a re-sort of 25,000 cards.
"""

from __future__ import annotations

from bisect import insort
from collections import Counter

from kanban.board import Board, CustomerView
from kanban.domain.board_logic import (
    ColumnTotals,
    SortOrder,
    WarningSign,
    column_totals,
    matches,
    search_text,
    sort_key,
    warning_signs,
)
from kanban.domain.model import Column


class BoardModel:
    def __init__(self, board: Board, order: SortOrder = SortOrder.SCORE) -> None:
        self.board = board
        self.order = order
        self.query = ""
        self.ids: dict[Column, list[str]] = {column: [] for column in Column}
        self._signs: dict[str, tuple[WarningSign, ...]] = {}
        self._search: dict[str, str] = {}
        self.rebuild()

    # -- what a card shows ------------------------------------------------------

    def view(self, customer_id: str) -> CustomerView:
        return self.board.views[customer_id]

    def signs(self, customer_id: str) -> tuple[WarningSign, ...]:
        signs = self._signs.get(customer_id)
        if signs is None:
            signs = warning_signs(self.board.views[customer_id].suggestion, self.board.rule_set)
            self._signs[customer_id] = signs
        return signs

    def _search_text(self, customer_id: str) -> str:
        found = self._search.get(customer_id)
        if found is None:
            found = search_text(self.board.views[customer_id].customer, self.signs(customer_id))
            self._search[customer_id] = found
        return found

    # -- filter and sort ----------------------------------------------------------

    def shows(self, customer_id: str) -> bool:
        return not self.query or matches(self._search_text(customer_id), self.query)

    def rebuild(self) -> None:
        """Filter and sort every column from scratch (after a filter or sort change)."""
        key = sort_key(self.order)
        columns: dict[Column, list[CustomerView]] = {column: [] for column in Column}
        for customer_id, view in self.board.views.items():
            if self.shows(customer_id):
                columns[view.customer.column].append(view)
        for column, views in columns.items():
            views.sort(key=key)
            self.ids[column] = [view.customer.id for view in views]

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        self.rebuild()

    def cycle_order(self) -> SortOrder:
        self.order = self.order.next()
        self.rebuild()
        return self.order

    def place(self, customer_id: str) -> None:
        """Put one customer where the board now has them (after a move, an undo or an edit)."""
        self._signs.pop(customer_id, None)
        self._search.pop(customer_id, None)
        for ids in self.ids.values():
            if customer_id in ids:
                ids.remove(customer_id)
                break
        view = self.board.views.get(customer_id)
        if view is None or not self.shows(customer_id):
            return
        key = sort_key(self.order)
        views = self.board.views
        insort(self.ids[view.customer.column], customer_id, key=lambda cid: key(views[cid]))

    # -- headers ------------------------------------------------------------------

    def totals(self, column: Column) -> ColumnTotals:
        """Count and revenue of the cards shown in a column."""
        views = self.board.views
        return column_totals(views[cid] for cid in self.ids[column])

    def all_counts(self) -> Counter[Column]:
        """Cards per column without the filter, for "3 of 7" while filtering."""
        return Counter(view.customer.column for view in self.board.views.values())
