"""The backtest on small histories whose outcome is worked out by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from kanban.domain.backtest import BacktestError, backtest, known_on
from kanban.domain.model import Column, Customer, Event, EventKind, Facts, Invoice, TimeEntry
from kanban.rules_file import load_rule_set

D = dt.date
RULES = """version: 1
bands: {drop: {below: -1}, watch: {min: -1, below: 1}, ideal: {min: 1}}
rules:
  - id: big
    title: {de: Groß, en: Big}
    when: revenue >= 1000
    points: 2
    reason: {de: groß, en: big}
  - id: dunned
    title: {de: Gemahnt, en: Dunned}
    when: max_dunning_level >= 1
    points: -2
    reason: {de: gemahnt, en: dunned}
"""


def invoice(
    number: str,
    cid: str,
    issued: dt.date,
    net: float,
    due: dt.date | None = None,
    paid: dt.date | None = None,
    level: int = 0,
    credit: bool = False,
) -> Invoice:
    return Invoice(number, cid, issued, net, due, paid, level, credit)


def histories() -> list[tuple[Customer, Facts]]:
    return [
        # Big before the day; buys 800 + 400 after it, with 10 hours of work.
        (
            Customer("K1", "Eins"),
            Facts(
                invoices=(
                    invoice("1", "K1", D(2025, 3, 1), 1200),
                    invoice("2", "K1", D(2026, 2, 1), 800),
                    invoice("3", "K1", D(2026, 5, 1), 400),
                ),
                time_entries=(TimeEntry("K1", D(2025, 3, 1), 10), TimeEntry("K1", D(2026, 2, 1), 10)),
            ),
        ),
        # Overdue by 46 days on the day with level 2 on record: two reminders could have gone out. Pays later.
        (
            Customer("K2", "Zwei"),
            Facts(invoices=(invoice("4", "K2", D(2025, 11, 1), 300, D(2025, 11, 15), D(2026, 2, 20), level=2),)),
        ),
        # Level 2 on record, but the invoice was not even due on the day: no reminder yet. Buys 200, credits 50.
        (
            Customer("K3", "Drei"),
            Facts(
                invoices=(
                    invoice("5", "K3", D(2025, 12, 20), 500, D(2026, 1, 3), D(2026, 3, 1), level=2),
                    invoice("6", "K3", D(2026, 4, 1), 200),
                    invoice("7", "K3", D(2026, 5, 1), 50, credit=True),
                )
            ),
        ),
        # First invoice after the day: not a customer yet. Its invoice still shows how far the data reach.
        (Customer("K4", "Vier"), Facts(invoices=(invoice("8", "K4", D(2026, 7, 10), 900),))),
        # Big once, long ago; nothing in the year before the day; buys 100 after it.
        (
            Customer("K5", "Fünf"),
            Facts(invoices=(invoice("9", "K5", D(2024, 6, 1), 2000), invoice("10", "K5", D(2026, 3, 1), 100))),
        ),
    ]


@pytest.fixture
def rules(tmp_path: Path):
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return load_rule_set(path)


def rows(groups) -> list[tuple]:
    return [
        (
            g.column,
            g.customers,
            g.revenue,
            g.revenue_per_customer,
            g.bought_again_share,
            g.contribution,
            g.customers_with_hours,
        )
        for g in groups
    ]


def test_suggestions_from_the_day_set_against_the_months_after(rules) -> None:
    result = backtest(histories(), [rules], D(2025, 12, 31), horizon_months=6)
    assert (result.until, result.customers) == (D(2026, 6, 30), 4)  # K4 did not exist yet
    (outcome,) = result.results
    assert rows(outcome.columns) == [
        (Column.IDEAL, 1, 1200.0, 1200.0, 100.0, 1200.0 - 10 * 55.0, 1),  # K1
        (Column.WATCH, 2, 250.0, 125.0, 100.0, None, 0),  # K3 (200 - 50), K5 (100)
        (Column.DROP, 1, 0.0, 0.0, 0.0, None, 0),  # K2
    ]
    # Baseline: the same sizes by revenue of the 12 months before: K1 1,200 | K3 500, K2 300 | K5 0.
    assert rows(outcome.baseline) == [
        (Column.IDEAL, 1, 1200.0, 1200.0, 100.0, 650.0, 1),
        (Column.WATCH, 2, 150.0, 75.0, 50.0, None, 0),
        (Column.DROP, 1, 100.0, 100.0, 100.0, None, 0),
    ]


def test_a_second_rule_set_is_tested_on_the_same_customers(rules, tmp_path: Path) -> None:
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text(RULES.replace("when: max_dunning_level >= 1", "when: max_dunning_level >= 3"), encoding="utf-8")
    result = backtest(histories(), [rules, load_rule_set(lenient)], D(2025, 12, 31), horizon_months=6)
    assert [g.customers for g in result.results[1].columns] == [1, 3, 0]


def test_facts_are_taken_as_they_stood_on_the_day() -> None:
    _, facts = histories()[1]
    (on_the_day,) = known_on(facts, D(2025, 12, 31)).invoices
    assert (on_the_day.paid, on_the_day.dunning_level) == (None, 2)  # paid later: open then
    (early,) = known_on(facts, D(2025, 11, 20)).invoices
    assert early.dunning_level == 0  # 5 days past due: no reminder could have gone out
    assert known_on(facts, D(2026, 3, 1)).invoices == facts.invoices  # paid by then: as on record
    assert known_on(facts, D(2025, 10, 31)).invoices == ()


def test_a_day_without_enough_data_after_it_is_refused(rules) -> None:
    with pytest.raises(BacktestError) as refused:
        backtest(histories(), [rules], D(2025, 12, 31), horizon_months=12)
    assert refused.value.reason == "too_late" and refused.value.values["last_day"] == D(2026, 7, 10)


def test_a_day_before_any_customer_is_refused(rules) -> None:
    with pytest.raises(BacktestError) as refused:
        backtest(histories(), [rules], D(2024, 1, 1), horizon_months=12)
    assert refused.value.reason == "too_early"


def test_events_recorded_only_after_the_day_are_unknown_on_it_not_zero(tmp_path: Path) -> None:
    rules = tmp_path / "calm.yaml"
    rules.write_text(RULES.replace("when: revenue >= 1000", "when: price_complaints == 0"), encoding="utf-8")
    rule_set = load_rule_set(rules)
    later = Event("K5", D(2026, 3, 1), EventKind.PRICE_COMPLAINT)
    base = [(c, replace(f, events=(later,)) if c.id == "K5" else f) for c, f in histories()]
    result = backtest(base, [rule_set], D(2025, 12, 31), horizon_months=6)
    assert [g.customers for g in result.results[0].columns] == [0, 3, 1]  # nobody judged on complaints
    earlier = Event("K5", D(2025, 6, 1), EventKind.VAGUE_BRIEFING)  # events were recorded by then
    base = [(c, replace(f, events=(earlier, later)) if c.id == "K5" else f) for c, f in histories()]
    result = backtest(base, [rule_set], D(2025, 12, 31), horizon_months=6)
    assert [g.customers for g in result.results[0].columns] == [3, 1, 0]  # +2 each for no complaint; K2 -2 +2
