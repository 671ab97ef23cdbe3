"""A customer's metrics carried across days: computed once from the facts, valid for a span of days.

Most metrics change only on days where a fact moves: one is dated that day, it leaves the
current window (into the previous one) or the previous window, an invoice falls due or is
paid, or a new quarter begins. Between those days only the metrics that count days from an
anchor move (`DAY_METRICS`), and those follow from the anchors for any day. So a customer
computed as of day D holds, with fresh day-counting metrics, up to the day before the next
such day, without decoding their facts again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kanban.domain.metrics import (
    DAY_METRICS,
    Anchors,
    Metrics,
    MetricSettings,
    add_months,
    anchors_of,
    compute_metrics,
    day_metrics,
)
from kanban.domain.model import Customer, Facts

_LAST_MONTH_INDEX = 9999 * 12 + 11  # December 9999, the last month a date can have


@dataclass(frozen=True)
class Span:
    """One customer's metrics as computed on `computed`, valid for every day up to `until`."""

    computed: dt.date
    until: dt.date
    anchors: Anchors
    metrics: Metrics  # compute_metrics as of `computed`

    def covers(self, day: dt.date) -> bool:
        return self.computed <= day <= self.until


def span_of(customer: Customer, facts: Facts, as_of: dt.date, settings: MetricSettings) -> Span:
    """Compute a customer's metrics as of a day, with the last day they hold until."""
    metrics = compute_metrics(customer, facts, as_of, settings)
    until = held_until(facts, as_of, settings.window_months)
    return Span(as_of, until, anchors_of(customer, facts, as_of), metrics)


def metrics_on(span: Span, day: dt.date) -> Metrics:
    """The metrics as compute_metrics gives them on `day`, a day the span covers."""
    if not span.covers(day):
        raise ValueError(f"{day} is outside the span {span.computed} - {span.until}")
    return span.metrics | day_metrics(span.anchors, day)


def held_until(facts: Facts, as_of: dt.date, window_months: int) -> dt.date:
    """The last day on which every metric but the day-counting ones is what it is on `as_of`."""
    change = _next_quarter(as_of)
    for day in _change_days(facts, window_months):
        if as_of < day < change:
            change = day
    return change - dt.timedelta(days=1)


def _change_days(facts: Facts, window_months: int) -> Iterable[dt.date]:
    """Days on which a metric other than a day-counting one may change (some may lie before any given day)."""
    dated = [i.issued for i in facts.invoices] + [t.date for t in facts.time_entries] + [e.date for e in facts.events]
    for day in dated:
        leaves_window = window_reaches(day, window_months)
        yield from (day, leaves_window, window_reaches(leaves_window, window_months))
    for invoice in facts.invoices:
        if invoice.due is not None:
            yield invoice.due + dt.timedelta(days=1)  # overdue from the day after its due date
        if invoice.paid is not None:
            yield invoice.paid  # open until the day it was paid


def window_reaches(day: dt.date, months: int) -> dt.date:
    """The first day whose window (`months` back from it) starts on or after `day`: the day it leaves the window.

    That is the first day E with add_months(E, -months) >= day: in the month `months` after
    `day`'s, the same day of the month, or the first of the month after when that month is shorter.
    """
    index = day.year * 12 + day.month - 1 + months
    if index > _LAST_MONTH_INDEX:
        return dt.date.max
    same_day = add_months(dt.date(day.year, day.month, 1), months)
    if add_months(day, months).day == day.day:
        return same_day.replace(day=day.day)
    if index == _LAST_MONTH_INDEX:
        return dt.date.max
    return add_months(same_day, 1)


def _next_quarter(day: dt.date) -> dt.date:
    """The first day of the next quarter: the active quarters count from the day's own."""
    first_month = (day.month - 1) // 3 * 3 + 1
    return add_months(dt.date(day.year, first_month, 1), 3) if day.year < 9999 or first_month < 10 else dt.date.max


__all__ = ["DAY_METRICS", "Span", "held_until", "metrics_on", "span_of", "window_reaches"]
