"""Domain objects to plain dicts and back: one format for the store, the export and the audit hash.

Dates are ISO strings, columns and kinds their ids. Keys are written in a fixed
order so that the YAML export and the hash of a decision are stable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kanban.domain.model import (
    Column,
    Customer,
    Decision,
    DecisionKind,
    Event,
    EventKind,
    Invoice,
    TimeEntry,
)


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


def invoice_to_dict(i: Invoice) -> dict[str, Any]:
    return {
        "number": i.number,
        "customer_id": i.customer_id,
        "issued": i.issued.isoformat(),
        "due": _iso(i.due),
        "paid": _iso(i.paid),
        "net": i.net,
        "dunning_level": i.dunning_level,
        "credit_note": i.credit_note,
    }


def invoice_from_dict(d: dict[str, Any]) -> Invoice:
    return Invoice(
        number=d["number"],
        customer_id=d["customer_id"],
        issued=dt.date.fromisoformat(d["issued"]),
        due=_date(d.get("due")),
        paid=_date(d.get("paid")),
        net=float(d["net"]),
        dunning_level=int(d.get("dunning_level", 0)),
        credit_note=bool(d.get("credit_note", False)),
    )


def time_entry_to_dict(t: TimeEntry) -> dict[str, Any]:
    return {
        "customer_id": t.customer_id,
        "date": t.date.isoformat(),
        "hours": t.hours,
        "billable": t.billable,
        "project": t.project,
        "activity": t.activity,
        "key": t.key,
    }


def time_entry_from_dict(d: dict[str, Any]) -> TimeEntry:
    return TimeEntry(
        customer_id=d["customer_id"],
        date=dt.date.fromisoformat(d["date"]),
        hours=float(d["hours"]),
        billable=bool(d.get("billable", True)),
        project=d.get("project", ""),
        activity=d.get("activity", ""),
        key=d.get("key", ""),
    )


def event_to_dict(e: Event) -> dict[str, Any]:
    return {
        "customer_id": e.customer_id,
        "date": e.date.isoformat(),
        "kind": e.kind.value,
        "project": e.project,
        "note": e.note,
        "key": e.key,
    }


def event_from_dict(d: dict[str, Any]) -> Event:
    return Event(
        customer_id=d["customer_id"],
        date=dt.date.fromisoformat(d["date"]),
        kind=EventKind(d["kind"]),
        project=d.get("project", ""),
        note=d.get("note", ""),
        key=d.get("key", ""),
    )


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
# at 325,000 facts a row takes a third of the memory and parse time of a dict.

INVOICE_FIELDS = ("number", "issued", "due", "paid", "net", "dunning_level", "credit_note")
TIME_ENTRY_FIELDS = ("date", "hours", "billable", "project", "activity", "key")
EVENT_FIELDS = ("date", "kind", "project", "note", "key")


def invoice_to_row(i: Invoice) -> list[Any]:
    return [i.number, i.issued.isoformat(), _iso(i.due), _iso(i.paid), i.net, i.dunning_level, i.credit_note]


def invoice_from_row(customer_id: str, r: list[Any]) -> Invoice:
    number, issued, due, paid, net, dunning_level, credit_note = r
    return Invoice(number, customer_id, dt.date.fromisoformat(issued), float(net), _date(due), _date(paid),
                   int(dunning_level), bool(credit_note))


def time_entry_to_row(t: TimeEntry) -> list[Any]:
    return [t.date.isoformat(), t.hours, t.billable, t.project, t.activity, t.key]


def time_entry_from_row(customer_id: str, r: list[Any]) -> TimeEntry:
    day, hours, billable, project, activity, key = r
    return TimeEntry(customer_id, dt.date.fromisoformat(day), float(hours), bool(billable), project, activity, key)


def event_to_row(e: Event) -> list[Any]:
    return [e.date.isoformat(), e.kind.value, e.project, e.note, e.key]


def event_from_row(customer_id: str, r: list[Any]) -> Event:
    day, kind, project, note, key = r
    return Event(customer_id, dt.date.fromisoformat(day), EventKind(kind), note, project, key)
