"""A board reopened from its metrics cache sorts and suggests exactly as one computed from the facts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tui_fixtures import AS_OF, make_board, open_board

from kanban.board import Board
from kanban.domain.board_logic import SortOrder, sort_key
from kanban.domain.metrics import RELATIVE_METRICS
from kanban.domain.rules import evaluate
from kanban.rules_file import load_rule_set
from kanban.store import Store


def score_order(board: Board) -> list[str]:
    return [v.customer.id for v in sorted(board.views.values(), key=sort_key(SortOrder.SCORE))]


def test_reopened_board_keeps_the_score_order_without_evaluating_the_rules(tmp_path: Path) -> None:
    board = make_board(tmp_path / "db")
    computed = score_order(board)
    board.close()

    board = open_board(tmp_path / "db")
    try:
        assert score_order(board) == computed
        assert all("suggestion" not in vars(view) for view in board.views.values())  # sorting evaluated nothing
        for view in board.views.values():
            assert view.score == evaluate(board.rule_set, view.metrics).score == view.suggestion.score
    finally:
        board.close()


def test_a_changed_rule_set_is_not_sorted_by_old_scores(tmp_path: Path) -> None:
    board = make_board(tmp_path / "db")
    board.close()
    before = {v.customer.id: v.score for v in board.views.values()}
    rules = tmp_path / "stricter.yaml"
    shipped = board.rule_set.path.read_text(encoding="utf-8")
    rules.write_text(shipped.replace("points: -", "points: -1", 1), encoding="utf-8")  # -2 becomes -12

    board = Board(Store.open(tmp_path / "db"), load_rule_set(rules), as_of=AS_OF)
    try:
        assert {v.customer.id: v.score for v in board.views.values()} != before
        for view in board.views.values():
            assert view.score == evaluate(board.rule_set, view.metrics).score
    finally:
        board.close()


def test_each_customers_place_in_the_base_is_computed_cached_and_kept_through_an_edit(tmp_path: Path) -> None:
    board = make_board(tmp_path / "db")
    places = {cid: {name: v.metrics[name] for name in RELATIVE_METRICS} for cid, v in board.views.items()}
    board.close()
    utility = next(cid for cid, v in board.views.items() if v.customer.name == "Stadtwerke Nord")
    assert places[utility]["abc_class"] == 1.0 and places[utility]["revenue_rank"] == 1.0  # the biggest of the 8
    prospect = next(cid for cid, v in board.views.items() if v.customer.prospect)
    assert set(places[prospect].values()) == {None}  # no invoice: no place

    board = open_board(tmp_path / "db")  # from the cache
    try:
        assert {cid: {name: v.metrics[name] for name in RELATIVE_METRICS} for cid, v in board.views.items()} == places
        view = board.views[utility]
        board.save_customer(replace(view.customer, notes="Ausschreibung 2027"), is_new=False)
        assert {name: board.views[utility].metrics[name] for name in RELATIVE_METRICS} == places[utility]
    finally:
        board.close()
