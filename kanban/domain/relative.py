"""Measures of a customer relative to the whole customer base, as of a date.

What counts as a big customer or a small order depends on the business; a
customer's place among the owner's own customers travels from one business to
the next. These functions take one value per customer and give each its place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

ABC_CLASSES = ("A", "B", "C")


def abc_classes(revenue: Mapping[str, float | None], a_share: float = 80.0, b_share: float = 95.0) -> dict[str, str]:
    """A, B or C per customer with revenue > 0: A are the biggest customers that together make the first
    `a_share` % of revenue (the one that crosses the line included), B the next ones up to `b_share` %, C the rest.

    Customers without revenue (None, zero or credit notes only) get no class: they are not part of the split.
    Ties are broken by customer id so that the split is the same on every run.
    """
    paying = sorted((-value, cid) for cid, value in revenue.items() if value is not None and value > 0)
    total = sum(-negated for negated, _ in paying)
    classes: dict[str, str] = {}
    running = 0.0
    for negated, cid in paying:
        value = -negated
        share_before = 100.0 * running / total
        classes[cid] = "A" if share_before < a_share else "B" if share_before < b_share else "C"
        running += value
    return classes


ABC_NUMBERS = {"A": 1.0, "B": 2.0, "C": 3.0}  # how a class is held as a metric; conditions write `abc_class == A`


def percentiles(values: Mapping[str, float | None], higher_is_better: bool = True) -> dict[str, float]:
    """Per customer with a known value: its percentile rank among those customers, 0 to 100 (1 place).

    The share of customers it beats, each tie counted half: when every customer ordered once, all stand
    at 50 and none is at the top or the bottom; a rule on "the top fifth" then fires for nobody.
    """
    # Ranked by distinct value: customers share few values (invoice counts, months), so the ties are
    # counted once each instead of sorting every customer.
    ties = Counter(value for value in values.values() if value is not None)
    count = sum(ties.values())
    rank_of: dict[float, float] = {}
    below = 0
    for value in sorted(ties, reverse=not higher_is_better):
        tied = ties[value]
        rank_of[value] = round(100.0 * (below + tied / 2) / count, 1)
        below += tied
    return {cid: rank_of[value] for cid, value in values.items() if value is not None}


def add_relative_measures(
    metrics_by_customer: Mapping[str, dict[str, float | None]], a_share: float = 80.0, b_share: float = 95.0
) -> None:
    """Fill in every customer's place in the base (the names in metrics.RELATIVE_METRICS), in place.

    The base is every customer whose own metric is known: a prospect without invoices has no place.
    Revenue share and rank count the customers with revenue in the window; one with a known revenue of 0
    is class C (it belongs to the rest), one without any invoice has no class.
    """
    revenue = {cid: m["revenue"] for cid, m in metrics_by_customer.items()}
    total = sum(value for value in revenue.values() if value is not None and value > 0)
    classes = abc_classes(revenue, a_share, b_share)
    rank = {cid: float(place) for place, cid in enumerate(classes, 1)}  # classes holds them biggest first
    columns = {
        "revenue_percentile": percentiles(revenue),
        "frequency_percentile": percentiles({cid: m["invoice_count"] for cid, m in metrics_by_customer.items()}),
        "recency_percentile": percentiles(
            {cid: m["months_since_last_invoice"] for cid, m in metrics_by_customer.items()}, higher_is_better=False
        ),
        "order_size_percentile": percentiles({cid: m["median_invoice"] for cid, m in metrics_by_customer.items()}),
    }
    ranked_count = float(len(rank))
    for cid, m in metrics_by_customer.items():
        own = revenue[cid]
        if own is None:
            m.update(revenue_share=None, abc_class=None, revenue_rank=None, ranked_customers=None)
        else:
            share = round(100.0 * own / total, 2) if total and own > 0 else 0.0
            m.update(
                revenue_share=share,
                abc_class=ABC_NUMBERS[classes.get(cid, "C")],
                revenue_rank=rank.get(cid),
                ranked_customers=ranked_count,
            )
        for name, places in columns.items():
            m[name] = places.get(cid)
