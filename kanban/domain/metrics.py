"""Metrics per customer as of a date, computed from the facts.

Every metric is a float (or None for "unknown"). Unknown is not zero: a
customer without any invoice has an unknown revenue, not a revenue of 0 € that
a rule would read as "tiny orders". The rules in `rules/` name these metrics.

Windows: the current window is (as_of - window_months, as_of], the previous one
the same length before it. A fact dated exactly on the window start belongs to
the previous window.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import dataclass
from typing import NamedTuple

from kanban.domain.model import Customer, EventKind, Facts, Invoice

Metrics = dict[str, float | None]


@dataclass(frozen=True)
class MetricInfo:
    unit: str  # eur, eur_per_h, hours, count, days, months, years, percent, level, flag, per_1000, abc, rank
    de: str
    en: str


METRICS: dict[str, MetricInfo] = {
    "revenue": MetricInfo("eur", "Nettoumsatz", "Net revenue"),
    "revenue_prev": MetricInfo("eur", "Umsatz Vorperiode", "Revenue previous window"),
    "revenue_growth": MetricInfo("percent", "Umsatzwachstum", "Revenue growth"),
    "hours": MetricInfo("hours", "Stunden", "Hours"),
    "effective_hourly_rate": MetricInfo("eur_per_h", "Effektiver Stundensatz", "Effective hourly rate"),
    "contribution": MetricInfo("eur", "Deckungsbeitrag", "Contribution"),
    "invoice_count": MetricInfo("count", "Rechnungen", "Invoices"),
    "orders_per_year": MetricInfo("count", "Aufträge pro Jahr", "Orders per year"),
    "median_invoice": MetricInfo("eur", "Median Rechnung", "Median invoice"),
    "avg_invoice": MetricInfo("eur", "Durchschnitt Rechnung", "Average invoice"),
    "avg_days_late": MetricInfo("days", "Ø Tage Zahlungsverzug", "Avg. days paid late"),
    "reminders": MetricInfo("count", "Mahnungen", "Reminders sent"),
    "max_dunning_level": MetricInfo("level", "Höchste Mahnstufe", "Highest dunning level"),
    "open_overdue": MetricInfo("eur", "Offen und überfällig", "Open and overdue"),
    "active_quarters": MetricInfo("count", "Aktive Quartale (von 8)", "Active quarters (of 8)"),
    "months_since_last_invoice": MetricInfo("months", "Monate seit letzter Rechnung", "Months since last invoice"),
    "median_order_gap_months": MetricInfo("months", "Median Abstand Aufträge", "Median gap between orders"),
    "relationship_years": MetricInfo("years", "Kunde seit (Jahre)", "Relationship (years)"),
    "correction_rounds": MetricInfo("count", "Korrekturschleifen", "Correction rounds"),
    "correction_rounds_per_project": MetricInfo(
        "count", "Korrekturschleifen pro Projekt", "Correction rounds per project"
    ),
    "price_complaints": MetricInfo("count", "Preisbeschwerden", "Price complaints"),
    "vague_briefings": MetricInfo("count", "Ungenaue Briefings", "Vague briefings"),
    "rush_requests": MetricInfo("count", "Eilaufträge", "Rush requests"),
    "rush_share": MetricInfo("percent", "Anteil Eilaufträge", "Share of rush jobs"),
    "support_requests": MetricInfo("count", "Supportanfragen", "Support requests"),
    "support_per_1000": MetricInfo("per_1000", "Support pro 1.000 €", "Support per 1,000 €"),
    "has_contract": MetricInfo("flag", "Vertrag", "Contract"),
    "contract_months_left": MetricInfo("months", "Vertrag läuft noch (Monate)", "Contract months left"),
    "is_prospect": MetricInfo("flag", "Interessent", "Prospect"),
    "tenure_months": MetricInfo("months", "Monate seit erster Rechnung", "Months since first invoice"),
    # Relative to the whole customer base as of the date (kanban.domain.relative): None until computed there.
    "revenue_share": MetricInfo("percent", "Anteil am Gesamtumsatz", "Share of total revenue"),
    "abc_class": MetricInfo("abc", "ABC-Klasse", "ABC class"),
    "revenue_rank": MetricInfo("rank", "Rang nach Umsatz", "Rank by revenue"),
    "ranked_customers": MetricInfo("count", "Kunden mit Umsatz", "Customers with revenue"),
    "revenue_percentile": MetricInfo("percent", "Perzentilrang Umsatz", "Percentile rank of revenue"),
    "frequency_percentile": MetricInfo("percent", "Perzentilrang Auftragszahl", "Percentile rank of order count"),
    "recency_percentile": MetricInfo("percent", "Perzentilrang letzter Auftrag", "Percentile rank of recency"),
    "order_size_percentile": MetricInfo("percent", "Perzentilrang Rechnungsgröße", "Percentile rank of invoice size"),
}

# Filled in by kanban.domain.relative once every customer's own metrics are known.
RELATIVE_METRICS = (
    "revenue_share",
    "abc_class",
    "revenue_rank",
    "ranked_customers",
    "revenue_percentile",
    "frequency_percentile",
    "recency_percentile",
    "order_size_percentile",
)


@dataclass(frozen=True)
class MetricSettings:
    window_months: int = 12
    internal_cost_rate: float = 55.0  # € per hour the business itself pays
    events_tracked: bool = True  # False: nobody records events, so counts are unknown


def add_months(day: dt.date, months: int) -> dt.date:
    """Shift by whole months, clamping the day (31 March - 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def months_between(start: dt.date, end: dt.date) -> float:
    """Months from start to end as a decimal (30.44 days a month), 1 place."""
    return round((end - start).days / 30.44, 1)


def _quarter_index(day: dt.date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def _ratio(numerator: float | None, denominator: float | None, scale: float = 1.0) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator * scale, 2)


def compute_metrics(
    customer: Customer,
    facts: Facts,
    as_of: dt.date,
    settings: MetricSettings = MetricSettings(),
) -> Metrics:
    """All metrics of one customer as of a date. Facts after `as_of` are ignored."""
    return metrics_and_anchors(customer, facts, as_of, settings)[0]


def metrics_and_anchors(
    customer: Customer, facts: Facts, as_of: dt.date, settings: MetricSettings
) -> tuple[Metrics, Anchors]:
    """compute_metrics, and the anchors its day-counting metrics were counted from."""
    start = add_months(as_of, -settings.window_months)
    prev_start = add_months(start, -settings.window_months)
    anchors = anchors_of(customer, facts, as_of)
    m: Metrics = {}
    m.update(_invoice_metrics(customer, facts, as_of, start, prev_start, settings))
    m.update(_hour_metrics(facts, as_of, start, m["revenue"], settings))
    m.update(_event_metrics(facts, as_of, start, m, settings))
    m.update(day_metrics(anchors, as_of))
    m.update(dict.fromkeys(RELATIVE_METRICS))
    return {name: m[name] for name in METRICS}, anchors  # the registry's order, as the cache gives them


class Anchors(NamedTuple):
    """The days the day-counting metrics count from, as of a day; they stay while no new fact comes in.

    A tuple: the cache carries one per customer across days, and builds them all again when read.
    """

    first_day: dt.date | None  # the first invoice, or the day the customer came if that was earlier
    first_invoice: dt.date | None
    last_order: dt.date | None  # the last invoice that is not a credit note
    contract: bool
    contract_until: dt.date | None
    prospect: bool


def anchors_of(customer: Customer, facts: Facts, as_of: dt.date) -> Anchors:
    history = [i for i in facts.invoices if i.issued <= as_of]
    first_invoice = min((i.issued for i in history), default=None)
    first_day = first_invoice
    if customer.since and (first_day is None or customer.since < first_day):
        first_day = customer.since
    last_order = max((i.issued for i in history if not i.credit_note), default=None)
    return Anchors(first_day, first_invoice, last_order, customer.contract, customer.contract_until, customer.prospect)


def day_metrics(anchors: Anchors, as_of: dt.date) -> Metrics:
    """The day-counting metrics as of a day: compute_metrics and a carried span both take them from here."""
    active = anchors.contract and (anchors.contract_until is None or anchors.contract_until >= as_of)
    months_left = None
    if active and anchors.contract_until:
        months_left = months_between(as_of, anchors.contract_until)
    first_day, first_invoice, last_order = anchors.first_day, anchors.first_invoice, anchors.last_order
    return {
        "months_since_last_invoice": months_between(last_order, as_of) if last_order else None,
        "relationship_years": round((as_of - first_day).days / 365.25, 1) if first_day else None,
        "tenure_months": months_between(first_invoice, as_of) if first_invoice else None,
        "has_contract": 1.0 if active else 0.0,
        "contract_months_left": months_left,
        "is_prospect": 1.0 if anchors.prospect else 0.0,
    }


def _invoice_metrics(
    customer: Customer,
    facts: Facts,
    as_of: dt.date,
    start: dt.date,
    prev_start: dt.date,
    settings: MetricSettings,
) -> Metrics:
    history = [i for i in facts.invoices if i.issued <= as_of]
    if not history:
        names = (
            "revenue revenue_prev revenue_growth invoice_count orders_per_year median_invoice avg_invoice "
            "avg_days_late reminders max_dunning_level open_overdue active_quarters median_order_gap_months"
        ).split()
        return dict.fromkeys(names)

    window = [i for i in history if i.issued > start]
    previous = [i for i in history if prev_start < i.issued <= start]
    orders = [i for i in window if not i.credit_note]
    revenue = round(sum(i.signed_net for i in window), 2)
    revenue_prev = round(sum(i.signed_net for i in previous), 2)
    order_dates = sorted({i.issued for i in history if not i.credit_note})
    gaps = [months_between(a, b) for a, b in itertools.pairwise(order_dates)]
    this_quarter = _quarter_index(as_of)
    active = {_quarter_index(i.issued) for i in history if not i.credit_note}
    return {
        "revenue": revenue,
        "revenue_prev": revenue_prev,
        "revenue_growth": _growth(revenue, revenue_prev, previous),
        "invoice_count": float(len(orders)),
        "orders_per_year": round(len(orders) * 12 / settings.window_months, 2),
        "median_invoice": round(statistics.median(i.net for i in orders), 2) if orders else None,
        "avg_invoice": round(sum(i.net for i in orders) / len(orders), 2) if orders else None,
        "avg_days_late": _avg_days_late(orders),
        "reminders": float(sum(i.dunning_level for i in window)),
        # the highest level in the window, or on any invoice still open
        "max_dunning_level": float(
            max((i.dunning_level for i in history if i.issued > start or i.paid is None), default=0)
        ),
        "open_overdue": round(sum(i.net for i in history if _overdue(i, as_of)), 2),
        "active_quarters": float(sum(1 for q in range(this_quarter - 7, this_quarter + 1) if q in active)),
        "median_order_gap_months": round(statistics.median(gaps), 1) if gaps else None,
    }


def _growth(revenue: float, revenue_prev: float, previous: list[Invoice]) -> float | None:
    """Growth in percent against the previous window; unknown without a base."""
    if not previous or revenue_prev <= 0:
        return None
    return round((revenue - revenue_prev) / revenue_prev * 100, 1)


def _avg_days_late(orders: list[Invoice]) -> float | None:
    """Days paid after the due date, weighted by amount; early counts as 0."""
    paid = [i for i in orders if i.paid and i.due and i.net > 0]
    weight = sum(i.net for i in paid)
    if not weight:
        return None
    late = sum(max(0, (i.paid - i.due).days) * i.net for i in paid if i.paid and i.due)  # both known, as above
    return round(late / weight, 1)


def _overdue(invoice: Invoice, as_of: dt.date) -> bool:
    if invoice.credit_note or invoice.due is None or invoice.due >= as_of:
        return False
    return invoice.paid is None or invoice.paid > as_of


def _hour_metrics(
    facts: Facts, as_of: dt.date, start: dt.date, revenue: float | None, settings: MetricSettings
) -> Metrics:
    if not any(e.date <= as_of for e in facts.time_entries):
        return {"hours": None, "effective_hourly_rate": None, "contribution": None}
    hours = round(sum(e.hours for e in facts.time_entries if start < e.date <= as_of), 2)
    contribution = None if revenue is None else round(revenue - hours * settings.internal_cost_rate, 2)
    return {
        "hours": hours,
        "effective_hourly_rate": _ratio(revenue, hours),
        "contribution": contribution,
    }


_EVENT_COUNTS = {
    "correction_rounds": EventKind.CORRECTION_ROUND,
    "price_complaints": EventKind.PRICE_COMPLAINT,
    "vague_briefings": EventKind.VAGUE_BRIEFING,
    "rush_requests": EventKind.RUSH_REQUEST,
    "support_requests": EventKind.SUPPORT_REQUEST,
}

# Unknown, not zero, where nobody records events at all.
EVENT_METRICS = (*_EVENT_COUNTS, "correction_rounds_per_project", "rush_share", "support_per_1000")


def _event_metrics(facts: Facts, as_of: dt.date, start: dt.date, known: Metrics, settings: MetricSettings) -> Metrics:
    if not settings.events_tracked:
        return dict.fromkeys(EVENT_METRICS)
    window = [e for e in facts.events if start < e.date <= as_of]
    counts: dict[str, float] = {
        name: float(sum(1 for e in window if e.kind is kind)) for name, kind in _EVENT_COUNTS.items()
    }
    projects = {e.project for e in window if e.project} | {
        t.project for t in facts.time_entries if t.project and start < t.date <= as_of
    }
    rounds = counts["correction_rounds"]
    per_project = _ratio(rounds, len(projects)) if projects else rounds
    orders, revenue = known["invoice_count"], known["revenue"]
    return counts | {
        "correction_rounds_per_project": per_project,
        "rush_share": None if not orders else round(min(counts["rush_requests"] / orders, 1.0) * 100, 1),
        "support_per_1000": _ratio(counts["support_requests"], revenue if revenue and revenue > 0 else None, 1000),
    }
