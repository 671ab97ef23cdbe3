"""Domain objects to plain dicts and back: one format for the store, the export and the audit hash.

Dates are ISO strings, columns and kinds their ids. Keys are written in a fixed
order so that the YAML export and the hash of a decision are stable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kanban.domain import fact_schema
from kanban.domain.model import Column, Customer, Decision, DecisionKind


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def customer_to_dict(c: Customer) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "column": c.column.value,
        "contract": c.contract,
        "contract_until": _iso(c.contract_until),
        "prospect": c.prospect,
        "contact": c.contact,
        "notes": c.notes,
        "tags": list(c.tags),
        "since": _iso(c.since),
    }


def customer_from_dict(d: dict[str, Any]) -> Customer:
    return Customer(
        id=str(d["id"]),
        name=d["name"],
        column=Column(d.get("column", "watch")),
        contract=bool(d.get("contract", False)),
        contract_until=_date(d.get("contract_until")),
        prospect=bool(d.get("prospect", False)),
        contact=d.get("contact", ""),
        notes=d.get("notes", ""),
        tags=tuple(d.get("tags", ())),
        since=_date(d.get("since")),
    )


# Facts: derived from their declaration (see kanban.domain.fact_schema).
invoice_to_dict, invoice_from_dict = fact_schema.INVOICES.to_dict, fact_schema.INVOICES.from_dict
time_entry_to_dict, time_entry_from_dict = fact_schema.TIME_ENTRIES.to_dict, fact_schema.TIME_ENTRIES.from_dict
event_to_dict, event_from_dict = fact_schema.EVENTS.to_dict, fact_schema.EVENTS.from_dict


def decision_to_dict(x: Decision) -> dict[str, Any]:
    """The stored form; `hash` last, computed over everything before it."""
    return {
        "id": x.id,
        "at": x.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "customer_id": x.customer_id,
        "from": x.from_column.value,
        "to": x.to_column.value,
        "kind": x.kind.value,
        "reason": x.reason,
        "actor": x.actor,
        "quarter": x.quarter,
        "review": x.review,
        "suggested": x.suggested.value if x.suggested else None,
        "score": x.score,
        "fired_rules": list(x.fired_rules),
        "metrics": dict(x.metrics),
        # Only when set: an entry written before these existed keeps its stored form, and so its hash.
        **({"salt": x.salt} if x.salt else {}),
        **({"sealed": x.sealed} if x.sealed else {}),
        **({"erased": list(x.erased)} if x.erased else {}),
        "prev_hash": x.prev_hash,
        "hash": x.hash,
    }


def decision_from_dict(d: dict[str, Any]) -> Decision:
    return Decision(
        id=int(d["id"]),
        at=dt.datetime.fromisoformat(d["at"]),
        customer_id=d["customer_id"],
        from_column=Column(d["from"]),
        to_column=Column(d["to"]),
        kind=DecisionKind(d.get("kind", "move")),
        reason=d.get("reason", ""),
        actor=d.get("actor", ""),
        quarter=d.get("quarter", ""),
        review=d.get("review"),
        suggested=Column(d["suggested"]) if d.get("suggested") else None,
        score=d.get("score"),
        fired_rules=tuple(d.get("fired_rules", ())),
        metrics=dict(d.get("metrics", {})),
        salt=d.get("salt", ""),
        sealed=d.get("sealed", ""),
        erased=tuple(d.get("erased", ())),
        prev_hash=d.get("prev_hash", ""),
        hash=d.get("hash", ""),
    )


# --- facts as rows ----------------------------------------------------------------
# The store keeps each customer's facts as rows (lists) under the customer's
# number, and the export writes the same rows with the number put back in:
# a row takes a fraction of the memory and parse time of a dict, which counts at hundreds of thousands of facts.

INVOICE_FIELDS = fact_schema.INVOICES.row_names
TIME_ENTRY_FIELDS = fact_schema.TIME_ENTRIES.row_names
EVENT_FIELDS = fact_schema.EVENTS.row_names
invoice_to_row, invoice_from_row = fact_schema.INVOICES.to_row, fact_schema.INVOICES.from_row
time_entry_to_row, time_entry_from_row = fact_schema.TIME_ENTRIES.to_row, fact_schema.TIME_ENTRIES.from_row
event_to_row, event_from_row = fact_schema.EVENTS.to_row, fact_schema.EVENTS.from_row
