"""Quarter snapshots read back: a customer's history, what changed, growth where facts ran out.

A snapshot is the dict the review stores when a quarter is finished:
`{quarter, finished_at, customers: [{id, name, column, suggested, score, metrics}], summary}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kanban.domain.metrics import Metrics
from kanban.domain.model import parse_quarter

# The metrics a snapshot keeps per customer: enough for history and growth.
SNAPSHOT_METRICS = (
    "revenue",
    "hours",
    "effective_hourly_rate",
    "contribution",
    "avg_days_late",
    "max_dunning_level",
    "active_quarters",
)


@dataclass(frozen=True)
class QuarterRecord:
    quarter: str
    column: str
    suggested: str
    score: float
    revenue: float | None


def history(snapshots: list[dict[str, Any]], customer_id: str) -> list[QuarterRecord]:
    """One customer's column and revenue per finished quarter, oldest first."""
    records = []
    for snapshot in snapshots:
        entry = _entry(snapshot, customer_id)
        if entry is not None:
            records.append(
                QuarterRecord(
                    snapshot["quarter"],
                    entry["column"],
                    entry["suggested"],
                    entry["score"],
                    entry["metrics"].get("revenue"),
                )
            )
    return records


def changes_since_last(
    snapshots: list[dict[str, Any]], customer_id: str, column: str, metrics: Metrics, quarter: str
) -> dict[str, tuple[Any, Any]]:
    """Metric name (or "column") -> (then, now) against the latest snapshot before `quarter`."""
    earlier = [s for s in snapshots if s["quarter"] < quarter]
    entry = _entry(earlier[-1], customer_id) if earlier else None
    if entry is None:
        return {}
    changes: dict[str, tuple[Any, Any]] = {}
    if entry["column"] != column:
        changes["column"] = (entry["column"], column)
    for name in SNAPSHOT_METRICS:
        then, now = entry["metrics"].get(name), metrics.get(name)
        if then != now:
            changes[name] = (then, now)
    return changes


def revenue_a_year_before(snapshots: list[dict[str, Any]], quarter: str) -> dict[str, float]:
    """Customer id -> 12-month revenue recorded four quarters before `quarter`."""
    year, q = parse_quarter(quarter)
    then = f"{year - 1}-Q{q}"
    snapshot = next((s for s in snapshots if s["quarter"] == then), None)
    if snapshot is None:
        return {}
    return {e["id"]: e["metrics"]["revenue"] for e in snapshot["customers"] if e["metrics"].get("revenue")}


def with_growth_from_history(metrics: Metrics, revenue_then: float | None) -> Metrics:
    """Growth from a snapshot where the facts no longer reach back to the previous window."""
    if metrics.get("revenue_growth") is not None or metrics.get("revenue") is None or not revenue_then:
        return metrics
    revenue = metrics["revenue"]
    assert revenue is not None  # checked above
    growth = round((revenue - revenue_then) / revenue_then * 100, 1)
    return metrics | {"revenue_prev": revenue_then, "revenue_growth": growth}


def _entry(snapshot: dict[str, Any], customer_id: str) -> dict[str, Any] | None:
    return next((e for e in snapshot.get("customers", []) if e["id"] == customer_id), None)
