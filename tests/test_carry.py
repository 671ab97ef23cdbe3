"""Metrics carried across days equal the metrics computed from the facts on every day their span covers."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kanban.domain.carry import held_until, metrics_on, span_of, window_reaches
from kanban.domain.metrics import MetricSettings, add_months, compute_metrics
from kanban.domain.model import Customer, Event, EventKind, Facts, Invoice, TimeEntry

D = dt.date
DAY = dt.timedelta(days=1)


def _edge_days() -> list[dt.date]:
    """Month ends, firsts, 29 February and the days around them: where clamped windows turn."""
    days = []
    for year in (2023, 2024, 2025):
        for month in range(1, 13):
            first = D(year, month, 1)
            last = add_months(first, 1) - DAY
            days += [first, first + DAY, last - DAY, last, min(D(year, month, 28), last)]
    return days + [D(2024, 2, 29), D(2024, 3, 29), D(2024, 3, 30), D(2024, 3, 31)]


EDGES = _edge_days()
START, END = D(2023, 1, 1), D(2026, 6, 30)


def _day(rng: random.Random) -> dt.date:
    if rng.random() < 0.5:
        return rng.choice(EDGES)
    return START + dt.timedelta(days=rng.randrange((END - START).days))


def _history(rng: random.Random) -> tuple[Customer, Facts]:
    invoices = []
    for n in range(rng.randrange(0, 8)):
        issued = _day(rng)
        due = issued + dt.timedelta(days=rng.choice((0, 14, 30))) if rng.random() < 0.8 else None
        paid = None if rng.random() < 0.3 else issued + dt.timedelta(days=rng.randrange(0, 90))
        invoices.append(
            Invoice(
                f"R{n}",
                "K-1",
                issued,
                float(rng.randrange(50, 5000)),
                due,
                paid,
                rng.randrange(0, 4),
                credit_note=rng.random() < 0.15,
            )  # fmt: skip
        )
    entries = [
        TimeEntry("K-1", _day(rng), float(rng.randrange(1, 9)), project=rng.choice(("", "A", "B")), key=f"t{n}")
        for n in range(rng.randrange(0, 6))
    ]
    events = [
        Event("K-1", _day(rng), rng.choice(list(EventKind)), project=rng.choice(("", "A")), key=f"e{n}")
        for n in range(rng.randrange(0, 4))
    ]
    since = _day(rng) if rng.random() < 0.3 else None
    contract = rng.random() < 0.4
    until = _day(rng) if contract and rng.random() < 0.7 else None
    customer = Customer(
        "K-1", "Test", contract=contract, contract_until=until, prospect=rng.random() < 0.1, since=since
    )
    return customer, Facts(tuple(invoices), tuple(entries), tuple(events))


@pytest.mark.parametrize("window_months", [12, 1, 6, 13])
def test_carried_metrics_equal_computed_ones_on_every_covered_day(window_months: int) -> None:
    rng = random.Random(window_months)
    settings = MetricSettings(window_months=window_months, events_tracked=rng.random() < 0.8)
    covered = 0
    for _ in range(400):
        customer, facts = _history(rng)
        as_of = _day(rng)
        span = span_of(customer, facts, as_of, settings)
        assert span.metrics == compute_metrics(customer, facts, as_of, settings)
        later = [as_of + dt.timedelta(days=rng.randrange(0, 120)) for _ in range(6)] + [span.until]
        for day in later:
            if span.covers(day):
                covered += 1
                assert metrics_on(span, day) == compute_metrics(customer, facts, day, settings), (facts, as_of, day)
    assert covered > 800  # a third of the sampled days fall in a span: the comparison is not vacuous


def _carried_until(facts: Facts, as_of: dt.date, customer: Customer | None = None, months: int = 12) -> dt.date:
    span = span_of(customer or Customer("K-1", "Test"), facts, as_of, MetricSettings(window_months=months))
    for day in (as_of, span.until):
        assert metrics_on(span, day) == compute_metrics(
            customer or Customer("K-1", "Test"), facts, day, MetricSettings(window_months=months)
        )
    return span.until


def test_a_span_ends_before_the_next_invoice_and_with_the_quarter() -> None:
    facts = Facts(invoices=(Invoice("R1", "K-1", D(2025, 1, 10), 100.0), Invoice("R2", "K-1", D(2025, 2, 20), 50.0)))
    assert _carried_until(facts, D(2025, 1, 15)) == D(2025, 2, 19)
    assert _carried_until(facts, D(2025, 2, 20)) == D(2025, 3, 31)  # then a new quarter counts the active ones


def test_a_fact_on_the_window_start_has_left_the_window() -> None:
    facts = Facts(time_entries=(TimeEntry("K-1", D(2025, 4, 15), 3.0, key="t"),))
    as_of = D(2026, 4, 2)
    assert compute_metrics(Customer("K-1", "T"), facts, D(2026, 4, 14))["hours"] == 3.0
    assert compute_metrics(Customer("K-1", "T"), facts, D(2026, 4, 15))["hours"] == 0.0
    assert _carried_until(facts, as_of) == D(2026, 4, 14)


def test_windows_ending_on_the_31st_and_on_29_february_are_clamped_never_late() -> None:
    assert window_reaches(D(2024, 3, 31), 1) == D(2024, 5, 1)  # 30 April's window starts on 30 March
    assert window_reaches(D(2024, 2, 29), 12) == D(2025, 3, 1)  # no 29 February in 2025
    assert window_reaches(D(2023, 3, 31), 11) == D(2024, 3, 1)  # 29 February 2024's window starts on 29 March
    facts = Facts(invoices=(Invoice("R1", "K-1", D(2024, 2, 29), 100.0),))
    assert _carried_until(facts, D(2025, 1, 5)) == D(2025, 2, 28)
    assert _carried_until(facts, D(2025, 3, 1)) == D(2025, 3, 31)  # in the previous window until 1 March 2026
    assert _carried_until(facts, D(2026, 1, 2)) == D(2026, 2, 28)


def test_an_invoice_is_overdue_from_the_day_after_it_is_due_until_the_day_it_is_paid() -> None:
    invoice = Invoice("R1", "K-1", D(2025, 1, 2), 100.0, due=D(2025, 1, 20), paid=D(2025, 2, 10))
    facts = Facts(invoices=(invoice,))
    assert _carried_until(facts, D(2025, 1, 5)) == D(2025, 1, 20)  # due = day: not overdue yet
    assert compute_metrics(Customer("K-1", "T"), facts, D(2025, 1, 21))["open_overdue"] == 100.0
    assert _carried_until(facts, D(2025, 1, 21)) == D(2025, 2, 9)  # paid = day: no longer overdue
    assert compute_metrics(Customer("K-1", "T"), facts, D(2025, 2, 10))["open_overdue"] == 0.0


def test_a_contract_ending_is_counted_from_its_anchor_not_a_span_end() -> None:
    customer = Customer("K-1", "Test", contract=True, contract_until=D(2025, 2, 15))
    facts = Facts(invoices=(Invoice("R1", "K-1", D(2025, 1, 2), 100.0),))
    span = span_of(customer, facts, D(2025, 1, 10), MetricSettings())
    assert span.until == D(2025, 3, 31)
    on_end, after = metrics_on(span, D(2025, 2, 15)), metrics_on(span, D(2025, 2, 16))
    assert on_end["has_contract"] == 1.0 and on_end["contract_months_left"] == 0.0
    assert after["has_contract"] == 0.0 and after["contract_months_left"] is None
    assert after == compute_metrics(customer, facts, D(2025, 2, 16))


def test_a_span_does_not_carry_to_an_earlier_day_or_past_its_end() -> None:
    span = span_of(Customer("K-1", "Test"), Facts(), D(2025, 5, 5), MetricSettings())
    assert span.until == D(2025, 6, 30)
    with pytest.raises(ValueError):
        metrics_on(span, D(2025, 5, 4))
    with pytest.raises(ValueError):
        metrics_on(span, D(2025, 7, 1))


def test_held_until_ignores_facts_long_past() -> None:
    facts = Facts(invoices=(Invoice("R1", "K-1", D(2020, 1, 2), 100.0, due=D(2020, 2, 1), paid=D(2020, 3, 1)),))
    assert held_until(facts, D(2025, 5, 5), 12) == D(2025, 6, 30)


@pytest.mark.parametrize("months", [1, 6, 11, 12, 13, 24])
def test_window_reaches_is_the_first_day_whose_window_starts_on_or_after_the_day(months: int) -> None:
    day = D(2023, 1, 1)
    while day < D(2025, 3, 1):
        leaves = window_reaches(day, months)
        assert add_months(leaves, -months) >= day > add_months(leaves - DAY, -months), day
        day += DAY
