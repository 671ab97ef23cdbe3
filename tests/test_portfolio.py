"""The portfolio: whale curve, ABC split, what letting go would free, quarters per column; computed by hand."""

import datetime as dt

from kanban.domain import codec
from kanban.domain.model import Column, Customer, Decision, Facts, Invoice, TimeEntry
from kanban.domain.portfolio import (
    CustomerFigures,
    abc_split,
    column_letting_go_sentence,
    curve_sentence,
    customer_figures,
    hours_unknown_note,
    last_quarters,
    letting_go,
    per_column,
    quarter_sums,
    quarters_by_column,
    quarters_by_column_of_rows,
    whale_curve,
)

IDEAL, W, D = Column.IDEAL, Column.WATCH, Column.DROP


def fig(cid: str, column: Column, revenue: float, hours: float | None, rate: float = 50.0) -> CustomerFigures:
    contribution = revenue - (hours or 0) * rate
    return CustomerFigures(
        cid, f"Kunde {cid}", column, revenue, hours, contribution, round(revenue / hours, 2) if hours else None
    )


# Ten customers, contributions (revenue - hours x 50 €):
#   K1 20000-40*50=18000, K2 12000-40*50=10000, K3 8000 (hours unknown), K4 6000-40*50=4000,
#   K5 3000-20*50=2000, K6 2000-20*50=1000, K7 1000-20*50=0, K8 1000-40*50=-1000,
#   K9 500-70*50=-3000, K10 0-64*50=-3200 (hours, no invoice)
TEN = [
    fig("K1", IDEAL, 20000, 40),
    fig("K2", IDEAL, 12000, 40),
    fig("K3", W, 8000, None),
    fig("K4", IDEAL, 6000, 40),
    fig("K5", W, 3000, 20),
    fig("K6", W, 2000, 20),
    fig("K7", W, 1000, 20),
    fig("K8", D, 1000, 40),
    fig("K9", D, 500, 70),
    fig("K10", D, 0, 64),
]


def test_the_curve_ranks_by_contribution_and_its_sentence_says_what_the_ends_do() -> None:
    curve = whale_curve(reversed(TEN))
    assert [f.id for f in curve.ranked] == ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "K10"]
    assert curve.total == 18000 + 10000 + 8000 + 4000 + 2000 + 1000 + 0 - 1000 - 3000 - 3200  # 35,800
    assert curve.top() == (2, 28000)  # the best 20 % of 10 customers: K1, K2
    assert curve.tail() == (1, -3200)  # the last 10 %: K10
    assert curve.peak() == 43000  # K1..K6
    # 28,000 / 35,800 = 78.2 %
    assert curve_sentence(curve, "de") == (
        "Die besten 20 % der Kunden bringen 78 % des Deckungsbeitrags; die letzten 10 % kosten 3.200 €"
    )
    assert curve_sentence(curve, "en") == (
        "The best 20% of customers bring 78% of the contribution; the last 10% cost €3,200"
    )
    assert hours_unknown_note(curve, "de") == (
        "Für 1 Kunden ohne erfasste Stunden zählt der Umsatz als Deckungsbeitrag."
    )


def test_a_tail_that_still_earns_is_not_said_to_cost() -> None:
    curve = whale_curve([fig("A", IDEAL, 1000, 0), fig("B", W, 300, 0)])
    assert curve.tail() == (1, 300)
    assert curve_sentence(curve, "de").endswith("die letzten 10 % bringen noch 300 €")
    assert curve_sentence(whale_curve([]), "de") == "Noch keine Kunden mit Umsatz oder Stunden."


def test_a_losing_portfolio_says_the_best_fifth_in_euros() -> None:
    curve = whale_curve([fig("A", IDEAL, 1000, 10), fig("B", D, 0, 100)])  # 500 and -5000
    assert curve_sentence(curve, "de") == (
        "Die besten 20 % der Kunden bringen 500 € Deckungsbeitrag; die letzten 10 % kosten 5.000 €"
    )


def test_figures_take_revenue_where_hours_are_unknown_and_skip_customers_without_either() -> None:
    customer = Customer("K1", "Müller", Column.DROP)
    assert customer_figures(customer, {"revenue": 900.0, "hours": None, "contribution": None}, 55).contribution == 900
    no_invoice = customer_figures(customer, {"revenue": None, "hours": 10.0, "contribution": None}, 55)
    assert (no_invoice.revenue, no_invoice.contribution) == (0.0, -550.0)
    assert customer_figures(customer, {"revenue": None, "hours": None, "contribution": None}, 55) is None
    known = customer_figures(customer, {"revenue": 1000.0, "hours": 10.0, "contribution": 450.0}, 55)
    assert known.contribution == 450


def test_curve_points_are_sampled_but_keep_first_peak_and_last() -> None:
    many = [
        fig(f"K{i:05}", IDEAL if i < 20000 else D, 100.0 if i < 20000 else 0.0, 1.0 if i >= 20000 else 0.0)
        for i in range(25000)
    ]
    curve = whale_curve(many)
    points = curve.points(200)
    assert 200 <= len(points) <= 202
    assert points[0].customers_pct == 100 / 25000
    assert points[-1].customers_pct == 100.0 and points[-1].cumulative == curve.total == 2000000 - 5000 * 50
    assert max(p.cumulative for p in points) == curve.peak() == 2000000
    assert points[-1].column is D
    assert len(whale_curve(TEN).points(200)) == 10


def test_abc_split_counts_customers_and_revenue_share_per_class() -> None:
    # revenue 53,500 in all; A up to 80 %: K1 (0 % before), K2 (37.4 %), K3 (59.8 %), K4 (74.8 %) -> 46,000
    # B up to 95 %: K5 (86.0 %), K6 (91.6 %) -> 5,000; C: K7, K8, K9 -> 2,500; K10 has no revenue
    split = {c.name: c for c in abc_split(TEN)}
    assert (split["A"].customers, split["A"].revenue, split["A"].revenue_pct) == (4, 46000, 86.0)
    assert (split["B"].customers, split["B"].revenue, split["B"].revenue_pct) == (2, 5000, 9.3)
    assert (split["C"].customers, split["C"].revenue, split["C"].revenue_pct) == (3, 2500, 4.7)
    assert (split["-"].customers, split["-"].contribution) == (1, -3200)


def test_letting_go_of_the_drop_column_says_what_goes_and_what_is_freed() -> None:
    freed = letting_go(f for f in TEN if f.column is D)
    assert (freed.customers, freed.revenue, freed.contribution, freed.hours) == (3, 1500, -7200, 174)
    assert freed.contribution_change == 7200
    assert column_letting_go_sentence(TEN, "de") == (
        "Ohne die 3 Kunden in Trennen: -1.500 € Umsatz, +7.200 € Deckungsbeitrag, 174 h im Jahr frei"
    )
    assert column_letting_go_sentence(TEN, "en") == (
        "Without the 3 customers in Drop: -€1,500 revenue, +€7,200 contribution, 174 h a year freed"
    )
    assert column_letting_go_sentence(TEN, "de", Column.WATCH).endswith(
        "60 h im Jahr frei (1 davon ohne erfasste Stunden)"
    )
    assert column_letting_go_sentence([], "de") == "Keine Kunden in Trennen."


def test_quarters_per_column_follow_snapshots_then_the_log() -> None:
    as_of = dt.date(2026, 11, 15)
    quarters = last_quarters(as_of)
    assert quarters == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    facts = [
        (
            "K1",
            Facts(
                invoices=(
                    Invoice("R1", "K1", dt.date(2026, 2, 1), 1000.0),
                    Invoice("R2", "K1", dt.date(2026, 8, 1), 2000.0),
                    Invoice("G1", "K1", dt.date(2026, 8, 9), 500.0, credit_note=True),
                ),
                time_entries=(TimeEntry("K1", dt.date(2026, 8, 2), 10.0),),
            ),
        ),
        (
            "K2",
            Facts(
                invoices=(
                    Invoice("R3", "K2", dt.date(2026, 3, 1), 400.0),
                    Invoice("R4", "K2", dt.date(2026, 10, 1), 600.0),
                    Invoice("R0", "K2", dt.date(2024, 12, 1), 9999.0),
                )
            ),
        ),  # before the 8 quarters
    ]
    # K2 moved from ideal to drop on 2026-07-10; the 2026-Q1 review put K1 in watch
    decisions = [
        Decision(1, dt.datetime(2026, 7, 10, 9, tzinfo=dt.UTC), "K2", IDEAL, D, "zahlt spät", "anna", "2026-Q3")
    ]
    snapshots = [
        {"quarter": "2026-Q1", "customers": [{"id": "K1", "column": "watch"}, {"id": "K2", "column": "ideal"}]}
    ]
    current = {"K1": IDEAL, "K2": D}
    sums = quarter_sums(facts, quarters, 50.0)
    rows = {q.quarter: q for q in quarters_by_column(sums, quarters, snapshots, decisions, current)}
    q1, q3, q4 = rows["2026-Q1"], rows["2026-Q3"], rows["2026-Q4"]
    assert q1.from_snapshot and q1.revenue == {IDEAL: 400.0, W: 1000.0, D: 0.0}
    assert not q3.from_snapshot
    assert q3.revenue == {IDEAL: 1500.0, W: 0.0, D: 0.0}  # 2,000 - 500 credit note
    assert q3.contribution == {IDEAL: 1000.0, W: 0.0, D: 0.0}  # 1,500 - 10 h x 50 €
    assert q4.revenue == {IDEAL: 0.0, W: 0.0, D: 600.0}
    assert rows["2026-Q2"].revenue == {IDEAL: 0.0, W: 0.0, D: 0.0}
    assert sum(sum(q.revenue.values()) for q in rows.values()) == 3500  # the 2024 invoice is outside
    # the stored rows, summed as they stream by, give the same figures as the decoded facts
    invoice_rows = [(cid, [codec.invoice_to_row(i) for i in f.invoices]) for cid, f in facts]
    time_rows = [(cid, [codec.time_entry_to_row(t) for t in f.time_entries]) for cid, f in facts]
    history = (snapshots, decisions, current)
    assert quarters_by_column_of_rows(invoice_rows, time_rows, quarters, 50.0, history) == list(rows.values())


def test_per_column_moves_customers_where_they_were_before() -> None:
    now = per_column(TEN)
    assert now[D] == (1500, -7200)
    before = per_column(TEN, {"K8": W})  # K8 was in watch before the review
    assert before[D] == (500, -6200) and before[W] == (15000, 8000 + 2000 + 1000 + 0 - 1000)
