"""The board's cards and totals after moves and edits match a board drawn from scratch (no terminal needed)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from tui_fixtures import make_board

from kanban.domain.board_logic import SortOrder
from kanban.domain.model import Column
from kanban.tui.board_model import BoardModel


def snapshot(model: BoardModel) -> tuple:
    return (
        {column: list(ids) for column, ids in model.ids.items()},
        {column: model.totals(column) for column in Column},
        model.all_counts(),
    )


def test_incremental_moves_and_edits_match_a_fresh_board(tmp_path: Path) -> None:
    board = make_board(tmp_path / "db", copies=3)
    try:
        rng = random.Random(4)
        for order, query in [(SortOrder.SCORE, ""), (SortOrder.REVENUE, "mahn"), (SortOrder.NAME, "2")]:
            model = BoardModel(board, order)
            model.set_query(query)
            for _ in range(25):
                customer_id = rng.choice(sorted(board.views))
                view = board.views[customer_id]
                if rng.random() < 0.3:
                    board.save_customer(replace(view.customer, name=view.customer.name + " x"), is_new=False)
                else:
                    to = rng.choice([c for c in Column if c is not view.customer.column])
                    board.move(customer_id, to, "Test")
                model.place(customer_id)
                fresh = BoardModel(board, order)
                fresh.set_query(query)
                assert snapshot(model) == snapshot(fresh)
    finally:
        board.close()


def test_filter_counts_against_all_cards(tmp_path: Path) -> None:
    board = make_board(tmp_path / "db")
    try:
        model = BoardModel(board)
        model.set_query("retainer")
        assert model.totals(Column.IDEAL).count == 2
        assert model.all_counts()[Column.IDEAL] == 3
        assert model.totals(Column.IDEAL).revenue == 80400.0
    finally:
        board.close()
