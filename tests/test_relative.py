"""Relative measures against the customer base, computed by hand."""

from kanban.domain.model import Column
from kanban.domain.relative import abc_classes, add_relative_measures, percentiles
from kanban.domain.rules import evaluate
from kanban.rules_file import load_rule_set


def test_abc_split_by_cumulative_revenue_share() -> None:
    # 1,000 total: K1 makes 50 %, K1+K2 80 % -> both A (K2 crosses the line); K3 at 95 % -> B; K4 and K5 C.
    revenue = {"K1": 500.0, "K2": 300.0, "K3": 150.0, "K4": 30.0, "K5": 20.0, "K6": None, "K7": 0.0, "K8": -50.0}
    assert abc_classes(revenue) == {"K1": "A", "K2": "A", "K3": "B", "K4": "C", "K5": "C"}


def test_abc_boundaries_are_settings_and_ties_break_by_id() -> None:
    revenue = {"K2": 100.0, "K1": 100.0, "K3": 100.0, "K4": 100.0}
    assert abc_classes(revenue, a_share=50, b_share=75) == {"K1": "A", "K2": "A", "K3": "B", "K4": "C"}
    assert abc_classes({}) == {}


def test_percentile_ranks_count_the_customers_beaten_and_each_tie_half() -> None:
    orders = {"K1": 1.0, "K2": 1.0, "K3": 2.0, "K4": 5.0, "K5": None}
    # K1 and K2 tie: 0 beaten + 2 tied / 2 = 1 of 4 (25 %); K3 beats 2 and ties itself (2.5 of 4); K5 has no place.
    assert percentiles(orders) == {"K1": 25.0, "K2": 25.0, "K3": 62.5, "K4": 87.5}
    months_ago = {"K1": 1.0, "K2": 10.0, "K3": 3.0}  # fewer months since the last order is better
    assert percentiles(months_ago, higher_is_better=False) == {"K2": 16.7, "K3": 50.0, "K1": 83.3}
    assert percentiles({"K1": 4.0, "K2": 4.0, "K3": 4.0}) == {"K1": 50.0, "K2": 50.0, "K3": 50.0}  # no top, no tail


def _own(revenue: float | None, orders: float | None, months_ago: float | None, median: float | None) -> dict:
    return {
        "revenue": revenue,
        "invoice_count": orders,
        "months_since_last_invoice": months_ago,
        "median_invoice": median,
    }


def test_relative_measures_place_each_customer_in_the_base() -> None:
    base = {
        "K1": _own(420.0, 6.0, 0.5, 70.0),
        "K2": _own(380.0, 2.0, 2.0, 190.0),
        "K3": _own(200.0, 1.0, 5.0, 200.0),
        "K4": _own(0.0, 0.0, 14.0, None),  # invoices only before the window: known revenue of 0
        "K5": _own(None, None, None, None),  # a prospect: no place at all
    }
    add_relative_measures(base)
    # total 1,000: K1 42 % (A, crosses nothing), K1+K2 80 % -> K2 A too; K3 B; K4 no revenue -> C, unranked.
    assert {cid: base[cid]["abc_class"] for cid in base} == {"K1": 1.0, "K2": 1.0, "K3": 2.0, "K4": 3.0, "K5": None}
    assert (base["K1"]["revenue_share"], base["K1"]["revenue_rank"], base["K1"]["ranked_customers"]) == (42.0, 1, 3)
    assert (base["K4"]["revenue_share"], base["K4"]["revenue_rank"]) == (0.0, None)
    assert base["K1"]["frequency_percentile"] == 87.5 and base["K4"]["frequency_percentile"] == 12.5
    assert base["K1"]["recency_percentile"] == 87.5 and base["K4"]["recency_percentile"] == 12.5
    assert base["K3"]["order_size_percentile"] == 83.3  # beats K1 and K2 of the three with orders
    assert all(value is None for name, value in base["K5"].items() if name not in ("revenue",))


def test_a_reason_quotes_the_customers_place_in_the_base(tmp_path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "version: 1\nbands: {drop: {below: -2}, watch: {min: -2, below: 2}, ideal: {min: 2}}\nrules:\n"
        "  - id: a_customer\n    title: {de: A-Kunde, en: A customer}\n    when: abc_class == A\n    points: 2\n"
        "    reason:\n      de: 'A-Kunde: {revenue_share} des Umsatzes, Rang {revenue_rank} von {ranked_customers}'\n"
        "      en: 'A customer: {revenue_share} of revenue, rank {revenue_rank} of {ranked_customers}'\n",
        encoding="utf-8",
    )
    metrics = {"revenue_share": 4.2, "abc_class": 1.0, "revenue_rank": 12.0, "ranked_customers": 480.0}
    suggestion = evaluate(load_rule_set(rules), metrics, "de")
    assert [r.text for r in suggestion.reasons] == ["A-Kunde: 4,2 % des Umsatzes, Rang 12 von 480"]
    assert suggestion.column is Column.IDEAL
    english = evaluate(load_rule_set(rules), metrics | {"abc_class": 2.0}, "en")
    assert english.reasons == () and english.column is Column.WATCH
