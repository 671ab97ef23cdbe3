"""Measures of a customer relative to the whole customer base, as of a date.

What counts as a big customer or a small order depends on the business; a
customer's place among the owner's own customers travels from one business to
the next. These functions take one value per customer and give each its place.
"""

from __future__ import annotations

from collections.abc import Mapping

ABC_CLASSES = ("A", "B", "C")


def abc_classes(revenue: Mapping[str, float | None], a_share: float = 80.0, b_share: float = 95.0) -> dict[str, str]:
    """A, B or C per customer with revenue > 0: A are the biggest customers that together make the first
    `a_share` % of revenue (the one that crosses the line included), B the next ones up to `b_share` %, C the rest.

    Customers without revenue (None, zero or credit notes only) get no class: they are not part of the split.
    Ties are broken by customer id so that the split is the same on every run.
    """
    paying = sorted(((value, cid) for cid, value in revenue.items() if value is not None and value > 0),
                    key=lambda pair: (-pair[0], pair[1]))
    total = sum(value for value, _ in paying)
    classes: dict[str, str] = {}
    running = 0.0
    for value, cid in paying:
        share_before = 100.0 * running / total
        classes[cid] = "A" if share_before < a_share else "B" if share_before < b_share else "C"
        running += value
    return classes
