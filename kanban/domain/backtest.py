"""How well would the rules have predicted? Suggestions made from what was known on a past day,
set against what the customers brought in the months after it.

Known on the day means: invoices issued after it, payments made after it and reminders that cannot
have been sent yet are left out, and so are hours and events after it; a customer with nothing on
record by then (no fact, no "customer since") did not exist yet. Beside the rules stands a baseline
that needs no rules at all: the same number of customers per column, taken in order of their
revenue in the 12 months before the day. Rules that cannot beat it are not worth their complexity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kanban.domain.metrics import EVENT_METRICS, Metrics, MetricSettings, add_months, compute_metrics
from kanban.domain.model import Column, Customer, Facts, Invoice
from kanban.domain.relative import add_relative_measures
from kanban.domain.rules import RuleSet, suggest_all

# A reminder follows the due date by some days and the next one the last; one level per 14 days past due
# is the most a customer can have reached by the day, whatever the level on record today.
REMINDER_INTERVAL_DAYS = 14
BASELINE_MONTHS = 12
COLUMNS = (Column.IDEAL, Column.WATCH, Column.DROP)


class BacktestError(ValueError):
    """The day cannot be tested: too little data after it, or no customer before it."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason  # "too_late" or "too_early"
        self.values = values


@dataclass(frozen=True)
class Outcome:
    """What one customer did in the months after the day."""

    revenue: float
    bought_again: bool
    hours: float | None  # None: no time tracking for this customer


@dataclass(frozen=True)
class Group:
    """The customers put into one column, and what they brought afterwards."""

    column: Column
    customers: int
    revenue: float
    bought_again: int  # customers with an order after the day
    contribution: float | None  # revenue - hours x cost rate, over the customers whose hours are known
    customers_with_hours: int

    @property
    def revenue_per_customer(self) -> float | None:
        return round(self.revenue / self.customers, 2) if self.customers else None

    @property
    def bought_again_share(self) -> float | None:
        return round(100.0 * self.bought_again / self.customers, 1) if self.customers else None


@dataclass(frozen=True)
class RulesOutcome:
    """One rule set's columns and the baseline of the same sizes."""

    columns: tuple[Group, ...]  # ideal, watch, drop
    baseline: tuple[Group, ...]


@dataclass(frozen=True)
class Backtest:
    as_of: dt.date
    horizon_months: int
    until: dt.date
    customers: int
    results: tuple[RulesOutcome, ...]  # one per rule set, in the order given


def known_on(facts: Facts, day: dt.date) -> Facts:
    """The facts as they stood at the end of `day`."""
    return Facts(
        invoices=tuple(_invoice_on(invoice, day) for invoice in facts.invoices if invoice.issued <= day),
        time_entries=tuple(entry for entry in facts.time_entries if entry.date <= day),
        events=tuple(event for event in facts.events if event.date <= day),
    )


def _invoice_on(invoice: Invoice, day: dt.date) -> Invoice:
    if invoice.paid is not None and invoice.paid <= day:
        return invoice  # every reminder came before the payment
    reachable = 0 if invoice.due is None or invoice.due >= day else (day - invoice.due).days // REMINDER_INTERVAL_DAYS
    level = min(invoice.dunning_level, reachable)
    if invoice.paid is None and level == invoice.dunning_level:
        return invoice
    return replace(invoice, paid=None, dunning_level=level)


def existed_on(customer: Customer, facts: Facts, day: dt.date) -> bool:
    if customer.since is not None and customer.since <= day:
        return True
    return (
        any(i.issued <= day for i in facts.invoices)
        or any(t.date <= day for t in facts.time_entries)
        or any(e.date <= day for e in facts.events)
    )


def last_fact_day(facts: Facts) -> dt.date | None:
    days = [*(i.issued for i in facts.invoices), *(t.date for t in facts.time_entries), *(e.date for e in facts.events)]
    return max(days, default=None)


def outcome(facts: Facts, day: dt.date, until: dt.date) -> Outcome:
    """Revenue (credit notes subtracted), a new order and hours in (day, until]."""
    after = [i for i in facts.invoices if day < i.issued <= until]
    tracked = any(t.date <= until for t in facts.time_entries)
    return Outcome(
        revenue=round(sum(i.signed_net for i in after), 2),
        bought_again=any(not i.credit_note for i in after),
        hours=round(sum(t.hours for t in facts.time_entries if day < t.date <= until), 2) if tracked else None,
    )


def trailing_revenue(facts: Facts, day: dt.date, months: int = BASELINE_MONTHS) -> float:
    start = add_months(day, -months)
    return round(sum(i.signed_net for i in facts.invoices if start < i.issued <= day), 2)


def backtest(
    histories: Iterable[tuple[Customer, Facts]],
    rule_sets: Iterable[RuleSet],
    as_of: dt.date,
    horizon_months: int = 12,
    events_tracked: bool = True,
) -> Backtest:
    """Suggest from what was known on `as_of` with every rule set, and group what happened until the horizon.

    Histories are read once, a customer at a time, so that facts of a large base need not be held together.
    """
    rule_sets = list(rule_sets)
    until = add_months(as_of, horizon_months)
    kinds = {replace(r.metric_settings(), events_tracked=events_tracked): None for r in rule_sets}
    metrics: dict[MetricSettings, dict[str, Metrics]] = {settings: {} for settings in kinds}
    outcomes: dict[str, Outcome] = {}
    trailing: dict[str, float] = {}
    last_day: dt.date | None = None
    events_by_then = False
    for customer, facts in histories:
        day = last_fact_day(facts)
        if day is not None and (last_day is None or day > last_day):
            last_day = day
        events_by_then = events_by_then or any(event.date <= as_of for event in facts.events)
        if not existed_on(customer, facts, as_of):
            continue
        known = known_on(facts, as_of)
        for settings in kinds:
            metrics[settings][customer.id] = compute_metrics(customer, known, as_of, settings)
        outcomes[customer.id] = outcome(facts, as_of, until)
        trailing[customer.id] = trailing_revenue(facts, as_of)
    if last_day is None or last_day < until:
        raise BacktestError("too_late", last_day=last_day, until=until, months=horizon_months)
    if not outcomes:
        raise BacktestError("too_early", as_of=as_of)
    if not events_by_then:  # events recorded only since: on the day nobody recorded them, so counts are unknown
        for by_customer in metrics.values():
            for values in by_customer.values():
                values.update(dict.fromkeys(EVENT_METRICS))
    results = []
    for rule_set in rule_sets:
        settings = replace(rule_set.metric_settings(), events_tracked=events_tracked)
        own = {cid: dict(values) for cid, values in metrics[settings].items()}
        add_relative_measures(own, rule_set.settings.abc_a_share, rule_set.settings.abc_b_share)
        suggested = {cid: s.column for cid, s in suggest_all(rule_set, own).items()}
        results.append(_grouped(suggested, outcomes, trailing, settings.internal_cost_rate))
    return Backtest(as_of, horizon_months, until, len(outcomes), tuple(results))


def _grouped(
    suggested: Mapping[str, Column], outcomes: Mapping[str, Outcome], trailing: Mapping[str, float], cost_rate: float
) -> RulesOutcome:
    members: dict[Column, list[str]] = {column: [] for column in COLUMNS}
    for cid, column in suggested.items():
        members[column].append(cid)
    by_revenue = sorted(trailing, key=lambda cid: (-trailing[cid], cid))
    baseline: dict[Column, list[str]] = {}
    start = 0
    for column in COLUMNS:
        baseline[column] = by_revenue[start : start + len(members[column])]
        start += len(members[column])
    return RulesOutcome(
        columns=tuple(_group(column, members[column], outcomes, cost_rate) for column in COLUMNS),
        baseline=tuple(_group(column, baseline[column], outcomes, cost_rate) for column in COLUMNS),
    )


def _group(column: Column, customers: list[str], outcomes: Mapping[str, Outcome], cost_rate: float) -> Group:
    results = [outcomes[cid] for cid in customers]
    tracked = [result for result in results if result.hours is not None]
    contribution = (
        round(sum(r.revenue - r.hours * cost_rate for r in tracked if r.hours is not None), 2) if tracked else None
    )
    return Group(
        column=column,
        customers=len(results),
        revenue=round(sum(r.revenue for r in results), 2),
        bought_again=sum(1 for r in results if r.bought_again),
        contribution=contribution,
        customers_with_hours=len(tracked),
    )
