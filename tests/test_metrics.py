"""Metrics against hand-computed examples; unknown is never a zero."""

from __future__ import annotations

import datetime as dt

import pytest

from kanban.domain.metrics import METRICS, MetricSettings, add_months, compute_metrics
from kanban.domain.model import Customer, Event, EventKind, Facts, Invoice, TimeEntry

AS_OF = dt.date(2026, 11, 27)
D = dt.date


def metrics(facts: Facts, customer: Customer | None = None, **settings: object) -> dict:
    return compute_metrics(customer or Customer("K-1", "Test"), facts, AS_OF, MetricSettings(**settings))


def test_every_metric_is_computed_and_listed() -> None:
    assert set(metrics(Facts())) == set(METRICS)


def test_no_facts_at_all_gives_unknown_not_zero() -> None:
    m = metrics(Facts())
    for name in (
        "revenue",
        "hours",
        "effective_hourly_rate",
        "contribution",
        "median_invoice",
        "avg_days_late",
        "active_quarters",
        "months_since_last_invoice",
        "relationship_years",
        "revenue_growth",
    ):
        assert m[name] is None, name
    assert m["has_contract"] == 0.0 and m["is_prospect"] == 0.0


def test_revenue_hours_rate_and_contribution() -> None:
    facts = Facts(
        invoices=(
            Invoice("R1", "K-1", D(2026, 3, 1), 3000.0),
            Invoice("R2", "K-1", D(2026, 9, 1), 1000.0),
            Invoice("G1", "K-1", D(2026, 10, 1), 500.0, credit_note=True),
        ),
        time_entries=(TimeEntry("K-1", D(2026, 2, 1), 20.0), TimeEntry("K-1", D(2026, 8, 1), 15.0)),
    )
    m = metrics(facts, internal_cost_rate=55.0)
    assert m["revenue"] == 3500.0  # 3000 + 1000 - 500 credit note
    assert m["hours"] == 35.0
    assert m["effective_hourly_rate"] == 100.0  # 3500 / 35
    assert m["contribution"] == 3500.0 - 35 * 55.0  # 1575
    assert m["invoice_count"] == 2.0  # credit notes are not orders
    assert m["median_invoice"] == 2000.0 and m["avg_invoice"] == 2000.0


def test_credit_notes_only_give_negative_revenue_and_no_median() -> None:
    m = metrics(Facts(invoices=(Invoice("G1", "K-1", D(2026, 5, 1), 200.0, credit_note=True),)))
    assert m["revenue"] == -200.0
    assert m["invoice_count"] == 0.0 and m["median_invoice"] is None
    assert m["months_since_last_invoice"] is None


def test_hours_without_invoices_leave_rate_unknown() -> None:
    m = metrics(Facts(time_entries=(TimeEntry("K-1", D(2026, 6, 1), 8.0),)))
    assert m["hours"] == 8.0
    assert m["revenue"] is None and m["effective_hourly_rate"] is None and m["contribution"] is None


def test_window_boundary_belongs_to_the_previous_window() -> None:
    start = add_months(AS_OF, -12)  # 2025-11-27
    facts = Facts(
        invoices=(
            Invoice("R1", "K-1", start, 1000.0),
            Invoice("R2", "K-1", start + dt.timedelta(days=1), 1500.0),
            Invoice("R3", "K-1", AS_OF + dt.timedelta(days=1), 9999.0),
        )
    )
    m = metrics(facts)
    assert m["revenue"] == 1500.0  # the later invoice after as-of does not count either
    assert m["revenue_prev"] == 1000.0
    assert m["revenue_growth"] == 50.0


def test_late_payment_is_weighted_by_amount_and_early_counts_as_zero() -> None:
    facts = Facts(
        invoices=(
            Invoice("R1", "K-1", D(2026, 1, 1), 1000.0, due=D(2026, 1, 15), paid=D(2026, 2, 14)),  # 30 days late
            Invoice("R2", "K-1", D(2026, 2, 1), 3000.0, due=D(2026, 2, 15), paid=D(2026, 2, 10)),  # early -> 0
            Invoice("R3", "K-1", D(2026, 3, 1), 500.0, due=D(2026, 3, 15), dunning_level=2),  # open
        )
    )
    m = metrics(facts)
    assert m["avg_days_late"] == round(30 * 1000 / 4000, 1)  # 7.5
    assert m["reminders"] == 2.0 and m["max_dunning_level"] == 2.0
    assert m["open_overdue"] == 500.0


def test_open_invoice_not_yet_due_is_not_overdue() -> None:
    m = metrics(Facts(invoices=(Invoice("R1", "K-1", D(2026, 11, 20), 800.0, due=D(2026, 12, 4)),)))
    assert m["open_overdue"] == 0.0 and m["avg_days_late"] is None


def test_loyalty_active_quarters_gaps_and_relationship() -> None:
    dates = [D(2025, 1, 10), D(2025, 4, 10), D(2025, 7, 10), D(2026, 1, 10), D(2026, 10, 10)]
    facts = Facts(invoices=tuple(Invoice(f"R{i}", "K-1", d, 100.0) for i, d in enumerate(dates)))
    m = metrics(facts, customer=Customer("K-1", "T", since=D(2020, 11, 27)))
    # last 8 quarters: 2025-Q1 .. 2026-Q4; active in 2025-Q1, Q2, Q3, 2026-Q1, Q4
    assert m["active_quarters"] == 5.0
    assert m["months_since_last_invoice"] == round((AS_OF - D(2026, 10, 10)).days / 30.44, 1)
    assert m["relationship_years"] == round((AS_OF - D(2020, 11, 27)).days / 365.25, 1)
    # gaps 90, 91, 184, 273 days = 3.0, 3.0, 6.0, 9.0 months: median 4.5
    assert m["median_order_gap_months"] == 4.5


def test_events_count_per_project_and_relative_to_orders() -> None:
    facts = Facts(
        invoices=(Invoice("R1", "K-1", D(2026, 2, 1), 1000.0), Invoice("R2", "K-1", D(2026, 6, 1), 1000.0)),
        time_entries=(TimeEntry("K-1", D(2026, 2, 1), 1.0, project="Website"),),
        events=(
            Event("K-1", D(2026, 3, 1), EventKind.CORRECTION_ROUND, project="Website"),
            Event("K-1", D(2026, 3, 2), EventKind.CORRECTION_ROUND, project="Flyer"),
            Event("K-1", D(2026, 3, 3), EventKind.CORRECTION_ROUND, project="Flyer"),
            Event("K-1", D(2026, 4, 1), EventKind.RUSH_REQUEST),
            Event("K-1", D(2026, 4, 2), EventKind.SUPPORT_REQUEST),
            Event("K-1", D(2026, 4, 3), EventKind.PRICE_COMPLAINT),
            Event("K-1", D(2024, 4, 3), EventKind.PRICE_COMPLAINT),
        ),  # outside the window
    )
    m = metrics(facts)
    assert m["correction_rounds"] == 3.0 and m["correction_rounds_per_project"] == 1.5
    assert m["rush_share"] == 50.0  # 1 rush request of 2 orders
    assert m["support_per_1000"] == 0.5  # 1 request per 2000 €
    assert m["price_complaints"] == 1.0


def test_events_are_unknown_when_nobody_records_events() -> None:
    m = metrics(Facts(invoices=(Invoice("R1", "K-1", D(2026, 2, 1), 1000.0),)), events_tracked=False)
    assert m["price_complaints"] is None and m["correction_rounds_per_project"] is None
    assert metrics(Facts(), events_tracked=True)["price_complaints"] == 0.0


@pytest.mark.parametrize(
    ("until", "active", "left"), [(None, 1.0, None), (D(2027, 11, 27), 1.0, 12.0), (D(2026, 1, 1), 0.0, None)]
)
def test_contract(until: dt.date | None, active: float, left: float | None) -> None:
    m = metrics(Facts(), customer=Customer("K-1", "T", contract=True, contract_until=until, prospect=True))
    assert m["has_contract"] == active and m["is_prospect"] == 1.0
    assert m["contract_months_left"] == left


def test_add_months_clamps_the_day() -> None:
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2024, 3, 31), -1) == D(2024, 2, 29)
    assert add_months(D(2026, 1, 15), -12) == D(2025, 1, 15)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
