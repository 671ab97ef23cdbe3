"""The portfolio as the app, `kundenboard portfolio` and `kundenboard report` show it: figures from the board.

The computing is in `kanban.domain.portfolio`; this gathers its inputs from the
board (metrics, facts, snapshots, the log), so the CLI and the app show the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kanban.board import Board, CustomerView
from kanban.domain.model import Column, Customer, Decision
from kanban.domain.portfolio import (
    AbcClass,
    CustomerFigures,
    LettingGo,
    QuarterFigures,
    WhaleCurve,
    abc_split,
    customer_figures,
    last_quarters,
    letting_go,
    quarters_by_column_of_rows,
    whale_curve,
)


@dataclass(frozen=True)
class Portfolio:
    as_of: dt.date
    cost_rate: float
    figures: tuple[CustomerFigures, ...]
    curve: WhaleCurve
    abc: list[AbcClass]

    def letting_go(self, column: Column = Column.DROP) -> LettingGo:
        return letting_go(f for f in self.figures if f.column is column)

    def letting_go_of(self, customer_ids: Iterable[str]) -> LettingGo:
        wanted = set(customer_ids)
        return letting_go(f for f in self.figures if f.id in wanted)


def cost_rate(board: Board) -> float:
    return board.rule_set.metric_settings().internal_cost_rate


def portfolio_of(figures: Iterable[CustomerFigures], as_of: dt.date, rate: float) -> Portfolio:
    listed = tuple(figures)
    return Portfolio(as_of, rate, listed, whale_curve(listed), abc_split(listed))


def board_portfolio(board: Board, views: Iterable[CustomerView] | None = None) -> Portfolio:
    """The portfolio of the board's customers (or of `views`), from the 12-month metrics the cards show."""
    rate = cost_rate(board)
    chosen = board.views.values() if views is None else views
    figures = (customer_figures(v.customer, v.metrics, rate) for v in chosen)
    return portfolio_of((f for f in figures if f is not None), board.as_of, rate)


def snapshot_portfolio(snapshot: dict[str, Any], as_of: dt.date, rate: float) -> Portfolio:
    """The portfolio as a finished review left it: the columns and metrics its snapshot kept."""
    figures = []
    for entry in snapshot.get("customers", []):
        customer = Customer(entry["id"], entry.get("name", entry["id"]), Column(entry["column"]))
        found = customer_figures(customer, entry.get("metrics", {}), rate)
        if found is not None:
            figures.append(found)
    return portfolio_of(figures, as_of, rate)


def board_quarters(board: Board, count: int = 8) -> list[QuarterFigures]:
    """Revenue and contribution per column for the last `count` quarters; reads every customer's facts."""
    current = {cid: view.customer.column for cid, view in board.views.items()}
    quarters = last_quarters(board.as_of, count)
    invoices, time_entries = board.invoice_and_time_rows()
    history = (board.snapshots(), board.decisions(), current)
    return quarters_by_column_of_rows(invoices, time_entries, quarters, cost_rate(board), history)


def review_decisions(board: Board, quarter: str) -> list[Decision]:
    return [d for d in board.decisions() if d.review == quarter]
