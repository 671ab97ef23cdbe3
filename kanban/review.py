"""The quarterly review: who comes next, decisions recorded as the review's, the quarter's snapshot.

Progress is not a separate record: a customer counts as reviewed in a quarter
when the log holds a decision made in that review. Every decision is durable
before the next customer shows, so quitting midway loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any

from kanban.board import Board, CustomerView, UserError
from kanban.domain.history import SNAPSHOT_METRICS
from kanban.domain.model import Column, Decision, DecisionKind, parse_quarter, quarter_of
from kanban.texts import text as catalogue_text


def current_quarter(today: dt.date | None = None) -> str:
    return quarter_of(today or dt.date.today())


def check_quarter(text: str) -> str:
    """`2026-q4` -> `2026-Q4`; a clear error for anything else."""
    try:
        year, q = parse_quarter(text)
    except ValueError:
        raise UserError(catalogue_text("errors.bad_quarter", value=text)) from None
    return f"{year}-Q{q}"


@dataclass(frozen=True)
class Progress:
    reviewed: int
    total: int

    @property
    def done(self) -> bool:
        return self.reviewed >= self.total


class Review:
    """One quarter's review on a board."""

    def __init__(self, board: Board, quarter: str) -> None:
        self.board = board
        self.quarter = check_quarter(quarter)
        # The order is fixed when the review starts, so a decision does not reshuffle who comes next.
        self.order = review_order(board.views.values())
        # Who is reviewed, from the log once; kept up to date by `decide`, so a key press reads no log.
        self._reviewed = {d.customer_id for d in board.decisions() if d.review == self.quarter}

    # -- progress -----------------------------------------------------------

    def reviewed_ids(self) -> set[str]:
        return set(self._reviewed)

    def progress(self) -> Progress:
        reviewed = self.reviewed_ids() & set(self.order)
        return Progress(len(reviewed), len(self.order))

    def first_open(self, skipped: Collection[str] = frozenset()) -> int | None:
        """Position of the first customer not yet reviewed (skipped ones last), or None when all are."""
        reviewed = self.reviewed_ids()
        open_ = [i for i, cid in enumerate(self.order) if cid not in reviewed]
        for i in open_:
            if self.order[i] not in skipped:
                return i
        return open_[0] if open_ else None

    def passed_over(self) -> set[str]:
        """Open customers the review had passed when it was left: skipped then, so they come at the end now.

        The order a review started with is rebuilt from its decisions (the column, suggestion and score
        each customer had when first decided): an open customer that came before one decided was skipped.
        """
        first: dict[str, Decision] = {}
        for decision in self.board.decisions():
            if decision.review == self.quarter and decision.suggested is not None and decision.score is not None:
                first.setdefault(decision.customer_id, decision)
        if not first:
            return set()
        furthest = max(
            (d.from_column is d.suggested, d.score, self.board.views[cid].customer.name.casefold())
            for cid, d in first.items()
            if cid in self.board.views
        )
        return {cid for cid in self.order if cid not in self._reviewed and _order_key(self.board.views[cid]) < furthest}

    # -- deciding -----------------------------------------------------------

    def decide(self, customer_id: str, column: Column | None, reason: str = "") -> Decision:
        """Move to `column`, or keep the current one (`None`): recorded as this review's decision."""
        view = self.board.views[customer_id]
        if column is None or column is view.customer.column:
            decision = self.board.move(
                customer_id, view.customer.column, reason, kind=DecisionKind.CONFIRM, review=self.quarter
            )
        else:
            decision = self.board.move(customer_id, column, reason, review=self.quarter)
        self._reviewed.add(customer_id)
        return decision

    def add_note(self, customer_id: str, note: str, today: dt.date | None = None) -> None:
        """Append a dated line to the customer's notes."""
        note = note.strip()
        if not note:
            return
        customer = self.board.views[customer_id].customer
        stamp = (today or dt.date.today()).strftime("%d.%m.%Y")
        notes = f"{customer.notes}\n{stamp} ({self.quarter}): {note}".strip()
        self.board.save_customer(replace(customer, notes=notes), is_new=False)

    # -- finishing ------------------------------------------------------------

    def finish(self, now: dt.datetime | None = None) -> dict[str, Any]:
        """Store the quarter's snapshot with its summary; allowed once every customer is reviewed."""
        if not self.progress().done:
            p = self.progress()
            raise UserError(
                catalogue_text("errors.review_unfinished", quarter=self.quarter, count=p.total - p.reviewed)
            )
        snapshot = {
            "quarter": self.quarter,
            "finished_at": (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds"),
            "customers": [_snapshot_entry(self.board.views[cid]) for cid in sorted(self.order)],
            "summary": self.summary(),
        }
        self.board.save_snapshot(snapshot)
        return snapshot

    def summary(self) -> dict[str, Any]:
        """Net result: who moved from where to where, revenue per column before and after, who was dropped.

        A customer moved twice in one review (watch -> ideal -> watch) did not move.
        """
        decisions = [d for d in self.board.decisions() if d.review == self.quarter]
        started = self._columns_before()
        now = {cid: self.board.views[cid].customer.column for cid in started}
        moves = Counter(f"{started[cid].value}->{now[cid].value}" for cid in started if started[cid] is not now[cid])
        revenue_before: dict[str, float] = {}
        revenue_after: dict[str, float] = {}
        for cid in self.order:
            view = self.board.views[cid]
            revenue = view.metrics.get("revenue") or 0.0
            before, after = started.get(cid, view.customer.column).value, view.customer.column.value
            revenue_before[before] = revenue_before.get(before, 0) + revenue
            revenue_after[after] = revenue_after.get(after, 0) + revenue
        last_reason = {d.customer_id: d.reason for d in decisions}
        dropped = [
            {"id": cid, "name": self.board.views[cid].customer.name, "reason": last_reason[cid]}
            for cid in started
            if now[cid] is Column.DROP and started[cid] is not Column.DROP
        ]
        return {
            "reviewed": len(started),
            "moves": dict(sorted(moves.items())),
            "revenue_before": {c.value: round(revenue_before.get(c.value, 0), 2) for c in Column},
            "revenue_after": {c.value: round(revenue_after.get(c.value, 0), 2) for c in Column},
            "dropped": dropped,
            "letting_go": self._letting_go(),
        }

    def _letting_go(self) -> dict[str, float]:
        """What letting the Trennen column go would free, as the review leaves it."""
        from kanban.portfolio import board_portfolio

        freed = board_portfolio(self.board).letting_go()
        return {
            "customers": freed.customers,
            "revenue": freed.revenue,
            "contribution": freed.contribution,
            "hours": freed.hours,
            "hours_unknown": freed.hours_unknown,
        }

    def _columns_before(self) -> dict[str, Column]:
        """Each customer's column before their first decision in this review."""
        before: dict[str, Column] = {}
        for d in self.board.decisions():
            if d.review == self.quarter and d.customer_id not in before:
                before[d.customer_id] = d.from_column
        return before


def review_order(views: Iterable[CustomerView]) -> list[str]:
    """Customers whose suggestion differs from their column first, then the lowest scores first."""
    return [v.customer.id for v in sorted(views, key=_order_key)]


def _order_key(view: CustomerView) -> tuple[bool, float, str]:
    return (not view.differs, view.suggestion.score, view.customer.name.casefold())


def _snapshot_entry(view: CustomerView) -> dict[str, Any]:
    return {
        "id": view.customer.id,
        "name": view.customer.name,
        "column": view.customer.column.value,
        "suggested": view.suggestion.column.value,
        "score": view.suggestion.score,
        "metrics": {name: view.metrics.get(name) for name in SNAPSHOT_METRICS},
    }
