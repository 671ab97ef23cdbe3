"""A board opened from a cache of another day, or after the data changed, equals a board computed fresh."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kanban.board import Board
from kanban.cli.demo import load_demo
from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
from kanban.resources import default_rules_path
from kanban.rules_file import load_rule_set
from kanban.store import Store

AS_OF = dt.date(2026, 11, 27)
DAYS = dt.timedelta(days=1)


def _synthetic(db: Path, n: int = 150, seed: int = 3) -> None:
    """Customers with invoices on month ends and 29 February, open and overdue ones, contracts that end."""
    rng = random.Random(seed)
    customers, invoices, entries, events = [], [], [], []
    for c in range(n):
        cid = f"S-{c:04d}"
        contract = rng.random() < 0.4
        until = AS_OF + dt.timedelta(days=rng.randrange(-30, 400)) if contract and rng.random() < 0.6 else None
        since = AS_OF - dt.timedelta(days=rng.randrange(100, 3000)) if rng.random() < 0.2 else None
        customers.append(Customer(cid, f"Kunde {c}", rng.choice(list(Column)), contract, until, since=since))
        for i in range(rng.randrange(0, 6)):
            issued = rng.choice((dt.date(2024, 2, 29), dt.date(2025, 11, 30), dt.date(2026, 8, 31))) \
                if rng.random() < 0.2 else AS_OF - dt.timedelta(days=rng.randrange(0, 800))  # fmt: skip
            due = issued + dt.timedelta(days=14)
            paid = due + dt.timedelta(days=rng.randrange(-10, 60)) if rng.random() < 0.8 else None
            paid = paid if paid is None or paid <= AS_OF else None
            invoices.append(Invoice(f"{cid}-R{i}", cid, issued, round(rng.uniform(100, 9000), 2), due, paid,
                                    rng.choice((0, 0, 1, 3)), credit_note=rng.random() < 0.1))  # fmt: skip
        for t in range(rng.randrange(0, 5)):
            day = AS_OF - dt.timedelta(days=rng.randrange(0, 500))
            entries.append(TimeEntry(cid, day, round(rng.uniform(0.5, 6), 2), project=f"P{t % 2}", key=f"{cid}-T{t}"))
        if rng.random() < 0.5:
            day = AS_OF - dt.timedelta(days=rng.randrange(0, 400))
            events.append(Event(cid, day, rng.choice(list(EventKind)), key=f"{cid}-E"))
    with Store.open(db) as store, store.transaction():
        store.save_customers(customers)
        store.add_facts(invoices, entries, events)


def _demo(db: Path) -> None:
    load_demo(db)


def board(db: Path, day: dt.date) -> Board:
    return Board(Store.open(db), load_rule_set(default_rules_path()), as_of=day)


def seen(db: Path, day: dt.date) -> dict[str, Any]:
    """What a user sees of each customer on that day: every metric, the score and the suggestion."""
    opened = board(db, day)
    try:
        return {
            cid: (v.metrics, v.score, v.suggestion.column, [r.rule_id for r in v.suggestion.reasons])
            for cid, v in opened.views.items()
        }
    finally:
        opened.close()


def fresh(db: Path, day: dt.date, tmp_path: Path) -> dict[str, Any]:
    """The same database computed without any cache."""
    copy = tmp_path / f"fresh-{day}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(db, copy, ignore=shutil.ignore_patterns("cache.json", "lock"))
    return seen(copy, day)


@pytest.mark.parametrize("make", [_demo, _synthetic])
def test_a_board_reopened_on_other_days_equals_one_computed_fresh(make: Any, tmp_path: Path) -> None:
    db = tmp_path / "db"
    make(db)
    seen(db, AS_OF)  # the cache of that day
    for day in (AS_OF + DAYS, AS_OF + 40 * DAYS, AS_OF + 400 * DAYS, AS_OF - 30 * DAYS, AS_OF + 95 * DAYS):
        assert seen(db, day) == fresh(db, day, tmp_path), day


def test_the_next_day_decodes_only_the_facts_of_customers_whose_span_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db"
    _synthetic(db)
    seen(db, AS_OF)
    decoded: list[str] = []
    original = Store.facts_of
    monkeypatch.setattr(Store, "facts_of", lambda self, cid: decoded.append(cid) or original(self, cid))
    next_day = seen(db, AS_OF + DAYS)
    assert 0 < len(set(decoded)) < len(next_day) // 4
    decoded.clear()
    seen(db, AS_OF + DAYS)  # the same day again: the whole cache holds
    assert decoded == []


def test_an_import_touching_a_few_customers_equals_fresh(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _synthetic(db)
    seen(db, AS_OF - 3 * DAYS)
    with Store.open(db) as store:
        store.add_facts(
            invoices=[
                Invoice("S-0001-N1", "S-0001", AS_OF - DAYS, 1200.0),
                Invoice("S-0007-N1", "S-0007", AS_OF, 80.0),
            ],
            events=[Event("S-0002", AS_OF - 5 * DAYS, EventKind.PRICE_COMPLAINT, key="new")],
        )
        store.save_customers([Customer("S-9999", "Neu GmbH")])
    assert seen(db, AS_OF) == fresh(db, AS_OF, tmp_path)
    assert seen(db, AS_OF) == fresh(db, AS_OF, tmp_path)  # and from the cache just written


def test_a_hand_edited_fact_row_and_an_edited_customer_equal_fresh(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _synthetic(db)
    before = seen(db, AS_OF)
    state = json.loads((db / "invoices.json").read_text(encoding="utf-8"))
    recent = str(AS_OF - 300 * DAYS)
    doc = next(d for d in state["invoices"].values() if any(row[1] > recent for row in json.loads(d["rows"])))
    rows = json.loads(doc["rows"])
    row = next(row for row in rows if row[1] > recent)
    row[2] += 5000.0  # the net amount (number, issued, net, ...)
    doc["rows"] = json.dumps(rows)
    (db / "invoices.json").write_text(json.dumps(state), encoding="utf-8")
    after_edit = seen(db, AS_OF)
    assert after_edit == fresh(db, AS_OF, tmp_path)
    cid = doc["customer_id"]
    assert after_edit[cid][0]["revenue"] == round(before[cid][0]["revenue"] + 5000.0, 2)

    opened = board(db, AS_OF)
    customer = opened.views["S-0004"].customer
    opened.save_customer(replace(customer, contract=True, contract_until=AS_OF + 20 * DAYS), is_new=False)
    opened.close()
    edited = seen(db, AS_OF + DAYS)
    assert edited == fresh(db, AS_OF + DAYS, tmp_path)
    assert edited["S-0004"][0]["has_contract"] == 1.0


@pytest.mark.parametrize(
    "broken",
    [
        b"not json",
        b'{"key": 1}',
        None,  # a cache of another day whose kept spans are garbage
        b"span forever",  # a span edited to hold for decades: the metrics would never move again
        b"short row",
        b"text score",
    ],
)
def test_a_broken_or_foreign_cache_gives_a_correct_board(broken: bytes | None, tmp_path: Path) -> None:
    db = tmp_path / "db"
    _synthetic(db, n=40)
    seen(db, AS_OF)
    cache = db / "cache.json"
    kept = json.loads(cache.read_bytes())
    rows, scores = json.loads(kept["data"]["metrics"])
    later = AS_OF + (200 if broken == b"span forever" else 1) * DAYS  # far enough that facts left the window
    if broken is None:
        basis, version, spans = json.loads(kept["data"]["carried"])
        for entry in spans.values():
            entry[1:3] = ["x", 3]
        kept["data"]["carried"] = json.dumps([basis, version, spans])
    elif broken == b"span forever":
        basis, version, spans = json.loads(kept["data"]["carried"])
        for entry in spans.values():
            entry[2] = (AS_OF + 10_000 * DAYS).toordinal()
        kept["data"]["carried"] = json.dumps([basis, version, spans])
    elif broken == b"short row":
        rows["S-0001"] = rows["S-0001"][:3]
    elif broken == b"text score":
        scores["S-0001"] = "7"
    if broken in (None, b"span forever", b"short row", b"text score"):
        kept["data"]["metrics"] = json.dumps([rows, scores])
        broken = json.dumps(kept).encode()
    cache.write_bytes(broken)
    assert seen(db, later) == fresh(db, later, tmp_path)
