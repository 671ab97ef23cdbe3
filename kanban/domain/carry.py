"""A customer's metrics carried across days: computed once from the facts, valid for a span of days.

Most metrics change only on days where a fact moves: one is dated that day, it leaves the
current window (into the previous one) or the previous window, an invoice falls due or is
paid, or a new quarter begins. Between those days only the metrics that count days from an
anchor move (`day_metrics`), and those follow from the anchors for any day. So a customer
computed as of day D holds, with fresh day-counting metrics, up to the day before the next
such day, without decoding their facts again.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kanban.domain.metrics import (
    Anchors,
    Metrics,
    MetricSettings,
    add_months,
    day_metrics,
    metrics_and_anchors,
)
from kanban.domain.model import Customer, Facts


class Span(NamedTuple):
    """One customer's metrics as computed on `computed`, valid for every day up to `until` (a tuple, as Anchors)."""

    computed: dt.date
    until: dt.date
    anchors: Anchors
    metrics: Metrics  # compute_metrics as of `computed`

    def covers(self, day: dt.date) -> bool:
        return self.computed <= day <= self.until

    def could_be(self) -> bool:
        """Whether `span_of` could have made it: every span ends within its quarter (a hand edit may not)."""
        return self.computed <= self.until < _next_quarter(self.computed)


def span_of(customer: Customer, facts: Facts, as_of: dt.date, settings: MetricSettings) -> Span:
    """Compute a customer's metrics as of a day, with the last day they hold until."""
    metrics, anchors = metrics_and_anchors(customer, facts, as_of, settings)
    return Span(as_of, held_until(facts, as_of, settings.window_months), anchors, metrics)


def metrics_on(span: Span, day: dt.date) -> Metrics:
    """The metrics as compute_metrics gives them on `day`, a day the span covers."""
    if not span.covers(day):
        raise ValueError(f"{day} is outside the span {span.computed} - {span.until}")
    return span.metrics | day_metrics(span.anchors, day)


def held_until(facts: Facts, as_of: dt.date, window_months: int) -> dt.date:
    """The last day on which every metric but the day-counting ones is what it is on `as_of`.

    A fact dated after `as_of` counts from its day; one in the current window from the day it
    leaves it, one in the previous window from the day it leaves that. The day a fact leaves a
    window only grows with its date, so the earliest fact of each group is the one that matters.
    """
    start = add_months(as_of, -window_months)
    prev_start = add_months(start, -window_months)
    change = _next_quarter(as_of)
    current = previous = dt.date.max
    for invoice in facts.invoices:
        if invoice.due is not None and as_of <= invoice.due < change:
            change = invoice.due + _ONE_DAY  # overdue from the day after its due date
        if invoice.paid is not None and as_of < invoice.paid < change:
            change = invoice.paid  # open until the day it was paid
    dates = [i.issued for i in facts.invoices] + [t.date for t in facts.time_entries] + [e.date for e in facts.events]
    for day in dates:
        if day > as_of:
            change = min(change, day)
        elif day > start:
            current = min(current, day)
        elif day > prev_start:
            previous = min(previous, day)
    if current < change:
        change = min(change, window_reaches(current, window_months))
    if previous < change:
        change = min(change, window_reaches(window_reaches(previous, window_months), window_months))
    return change if change == dt.date.max else change - _ONE_DAY


def window_reaches(day: dt.date, months: int) -> dt.date:
    """The first day whose window (`months` back from it) starts on or after `day`: the day it leaves the window.

    That is the first day E with add_months(E, -months) >= day: in the month `months` after
    `day`'s, the same day of the month, or the first of the month after when that month is shorter.
    """
    if day == dt.date.max:
        return day
    try:
        end = add_months(day, months)
        return end if end.day == day.day else end + _ONE_DAY  # clamped to a shorter month's last day
    except (ValueError, OverflowError):  # past the year 9999: never
        return dt.date.max


_ONE_DAY = dt.timedelta(days=1)


def _next_quarter(day: dt.date) -> dt.date:
    """The first day of the next quarter: the active quarters count from the day's own."""
    first_month = (day.month - 1) // 3 * 3 + 1
    return add_months(dt.date(day.year, first_month, 1), 3) if day.year < 9999 or first_month < 10 else dt.date.max


__all__ = ["Span", "held_until", "metrics_on", "span_of", "window_reaches"]
