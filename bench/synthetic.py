"""Synthetic customers for benchmarks: N customers with ~3 invoices, 10 time entries and 1 event each."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
from kanban.store import Store

AS_OF = dt.date(2026, 11, 27)


def synthetic_facts(n: int, seed: int = 7) -> tuple[list[Customer], list[Invoice], list[TimeEntry], list[Event]]:
    rng = random.Random(seed)
    customers, invoices, entries, events = [], [], [], []
    columns = list(Column)
    kinds = list(EventKind)
    for c in range(n):
        cid = f"S-{c:06d}"
        customers.append(
            Customer(
                cid,
                f"Kunde {c:06d} GmbH",
                column=rng.choice(columns),
                contract=rng.random() < 0.3,
                tags=("Synthetisch",),
            )
        )
        for i in range(3):
            issued = AS_OF - dt.timedelta(days=rng.randint(1, 700))
            due = issued + dt.timedelta(days=14)
            paid = due + dt.timedelta(days=rng.randint(-10, 60)) if rng.random() < 0.9 else None
            invoices.append(
                Invoice(
                    f"{cid}-R{i}",
                    cid,
                    issued,
                    round(rng.uniform(150, 6000), 2),
                    due,
                    paid if paid and paid <= AS_OF else None,
                    rng.choice((0, 0, 0, 1, 2)),
                )
            )
        for t in range(10):
            day = AS_OF - dt.timedelta(days=rng.randint(1, 700))
            entries.append(
                TimeEntry(cid, day, round(rng.uniform(0.25, 6), 2), project=f"P{rng.randint(1, 3)}", key=f"{cid}-T{t}")
            )
        events.append(Event(cid, AS_OF - dt.timedelta(days=rng.randint(1, 400)), rng.choice(kinds), key=f"{cid}-E"))
    return customers, invoices, entries, events


def make_database(db: Path, n: int) -> Path:
    customers, invoices, entries, events = synthetic_facts(n)
    with Store.open(db) as store, store.transaction():
        store.save_customers(customers)
        store.add_facts(invoices, entries, events)
    return db


def invoice_only_history(n: int, seed: int = 11) -> list[Invoice]:
    """N retail-shaped customers with an invoice list and nothing else: each first buys in the first quarter of
    an 18-month history ending on AS_OF, most never again, some often; small amounts, no due or paid dates."""
    rng = random.Random(seed)
    start = AS_OF - dt.timedelta(days=547)
    invoices = []
    for c in range(n):
        cid = f"R-{c:06d}"
        first = start + dt.timedelta(days=rng.randint(1, 90))
        days = [first] + sorted(
            first + dt.timedelta(days=rng.randint(1, (AS_OF - first).days))
            for _ in range(min(int(rng.expovariate(0.6)), 25))
        )
        for i, day in enumerate(days):
            invoices.append(Invoice(f"{cid}-{i}", cid, day, round(rng.lognormvariate(3.3, 0.7), 2)))
    return invoices
