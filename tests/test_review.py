"""The quarterly review without the UI: order, decisions, resume, snapshot, summary, history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kanban.board import Board, UserError
from kanban.domain.history import changes_since_last, history, with_growth_from_history
from kanban.domain.model import Column, DecisionKind
from kanban.review import Review, check_quarter

AS_OF = dt.date(2026, 11, 27)


@pytest.fixture
def board(demo_db: Path):
    board = Board.open(demo_db, as_of=AS_OF)
    yield board
    board.close()


def test_customers_whose_suggestion_differs_come_first_then_lowest_score(board: Board) -> None:
    review = Review(board, "2026-Q4")
    views = [board.views[cid] for cid in review.order]
    differing = [v for v in views if v.differs]
    assert views[: len(differing)] == differing and differing
    rest = views[len(differing) :]
    assert [v.suggestion.score for v in rest] == sorted(v.suggestion.score for v in rest)
    assert review.progress().reviewed == 0 and review.progress().total == 25


def test_keep_move_and_drop_are_decisions_of_the_review(board: Board) -> None:
    review = Review(board, "2026-Q4")
    first, second, third = review.order[:3]
    keep = review.decide(first, None)
    assert keep.kind is DecisionKind.CONFIRM and keep.from_column is keep.to_column and keep.review == "2026-Q4"
    review.decide(second, Column.IDEAL if board.views[second].customer.column is not Column.IDEAL else Column.WATCH)
    with pytest.raises(UserError, match="braucht einen Grund"):
        review.decide(third, Column.DROP)
    review.decide(third, Column.DROP, "Zahlt nur nach dritter Mahnung")
    assert review.progress().reviewed == 3


def test_reopening_resumes_at_the_first_customer_not_reviewed(board: Board) -> None:
    review = Review(board, "2026-Q4")
    for cid in review.order[:5]:
        review.decide(cid, None)
    order = review.order
    board.close()
    reopened = Board.open(board.store.directory, as_of=AS_OF)
    try:
        again = Review(reopened, "2026-Q4")
        assert again.progress().reviewed == 5
        assert again.order[again.first_open()] == order[5]
        # skipped customers come after the others, but are not lost
        assert again.order[again.first_open(skipped={order[5]})] == order[6]
    finally:
        reopened.close()


def test_finishing_stores_a_snapshot_with_summary_and_history(board: Board) -> None:
    review = Review(board, "2026-Q4")
    with pytest.raises(UserError, match="25 Kunden sind noch nicht geprüft"):
        review.finish()
    kramer = next(cid for cid, v in board.views.items() if v.customer.name.startswith("Eventservice Kramer"))
    revenue = board.views[kramer].metrics["revenue"]
    for cid in review.order:
        if cid == kramer:
            review.decide(cid, Column.DROP, "Mahnstufe 3, 5.800 € offen")
        else:
            review.decide(cid, None)
    snapshot = review.finish(now=dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC))
    summary = snapshot["summary"]
    assert summary["reviewed"] == 25 and summary["moves"] == {"watch->drop": 1}
    assert summary["dropped"] == [
        {"id": kramer, "name": "Eventservice Kramer GmbH", "reason": "Mahnstufe 3, 5.800 € offen"}
    ]
    assert summary["revenue_after"]["drop"] - summary["revenue_before"]["drop"] == pytest.approx(revenue)
    assert board.store.snapshots()[0]["quarter"] == "2026-Q4"
    records = history(board.store.snapshots(), kramer)
    assert [(r.quarter, r.column) for r in records] == [("2026-Q4", "drop")]


def test_changes_since_last_quarter_and_growth_from_snapshots() -> None:
    snapshots = [
        {
            "quarter": "2025-Q4",
            "customers": [
                {
                    "id": "K-1",
                    "name": "A",
                    "column": "watch",
                    "suggested": "watch",
                    "score": 0,
                    "metrics": {"revenue": 8000.0, "avg_days_late": 3.0},
                }
            ],
        }
    ]
    now = {"revenue": 10000.0, "avg_days_late": 3.0, "revenue_growth": None}
    assert changes_since_last(snapshots, "K-1", "ideal", now, "2026-Q4") == {
        "column": ("watch", "ideal"),
        "revenue": (8000.0, 10000.0),
    }
    assert changes_since_last(snapshots, "K-1", "watch", now, "2025-Q4") == {}  # nothing before it


def test_a_quarter_is_written_like_2026_q4() -> None:
    assert check_quarter("2026-q4") == "2026-Q4"
    with pytest.raises(UserError, match="2026-Q4"):
        check_quarter("Q4/2026")


def test_growth_uses_a_snapshot_where_the_facts_do_not_reach_back() -> None:
    metrics = {"revenue": 12000.0, "revenue_prev": None, "revenue_growth": None}
    assert with_growth_from_history(metrics, 10000.0)["revenue_growth"] == 20.0
    known = {"revenue": 12000.0, "revenue_prev": 6000.0, "revenue_growth": 100.0}
    assert with_growth_from_history(known, 10000.0) == known


def test_the_summary_shows_the_net_result_of_changed_minds(board: Board) -> None:
    review = Review(board, "2026-Q4")
    first, second = [cid for cid in review.order if board.views[cid].customer.column is Column.WATCH][:2]
    review.decide(first, Column.IDEAL)
    review.decide(first, Column.WATCH)  # changed their mind: no net move
    review.decide(second, Column.DROP, "erst Trennen")
    review.decide(second, Column.WATCH)
    review.decide(second, Column.DROP, "doch Trennen: zahlt nicht")
    summary = review.summary()
    assert summary["moves"] == {"watch->drop": 1}
    assert summary["dropped"] == [
        {"id": second, "name": board.views[second].customer.name, "reason": "doch Trennen: zahlt nicht"}
    ]
    assert summary["reviewed"] == 2
