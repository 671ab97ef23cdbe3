"""Relative measures against the customer base, computed by hand."""

from kanban.domain.relative import abc_classes


def test_abc_split_by_cumulative_revenue_share() -> None:
    # 1,000 total: K1 makes 50 %, K1+K2 80 % -> both A (K2 crosses the line); K3 at 95 % -> B; K4 and K5 C.
    revenue = {"K1": 500.0, "K2": 300.0, "K3": 150.0, "K4": 30.0, "K5": 20.0, "K6": None, "K7": 0.0, "K8": -50.0}
    assert abc_classes(revenue) == {"K1": "A", "K2": "A", "K3": "B", "K4": "C", "K5": "C"}


def test_abc_boundaries_are_settings_and_ties_break_by_id() -> None:
    revenue = {"K2": 100.0, "K1": 100.0, "K3": 100.0, "K4": 100.0}
    assert abc_classes(revenue, a_share=50, b_share=75) == {"K1": "A", "K2": "A", "K3": "B", "K4": "C"}
    assert abc_classes({}) == {}
