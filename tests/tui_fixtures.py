"""A small board for the TUI tests and the start-up benchmark: a handful of customers a reader recognises.

As of 2026-11-27. Each persona carries one or two of the article's signals, so
the board shows warning signs, a suggestion that differs and a prospect.
`build_store(path, copies=n)` repeats the personas with new numbers and names
for the 25,000-customer benchmark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kanban.board import Board, rules_path_for
from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
from kanban.resources import default_rules_path
from kanban.rules_file import load_rule_set
from kanban.store import Store

AS_OF = dt.date(2026, 11, 27)


@dataclass
class Persona:
    customer: Customer
    invoices: list[Invoice] = field(default_factory=list)
    hours: list[TimeEntry] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def _orders(
    persona: Persona,
    every_months: int,
    count: int,
    net: float,
    hours: float,
    days_late: int = 0,
    dunning: int = 0,
    start: dt.date = AS_OF,
) -> None:
    """`count` orders going back from `start`, one every `every_months`, each with its hours."""
    cid = persona.customer.id
    for n in range(count):
        month_index = start.year * 12 + start.month - 1 - n * every_months
        issued = dt.date(month_index // 12, month_index % 12 + 1, 10)
        if issued >= AS_OF:
            continue
        due = issued + dt.timedelta(days=14)
        paid = due + dt.timedelta(days=days_late)
        persona.invoices.append(
            Invoice(f"{cid}-R{n:03d}", cid, issued, net, due, paid if paid < AS_OF else None, dunning if n == 1 else 0)
        )
        persona.hours.append(TimeEntry(cid, issued - dt.timedelta(days=5), hours, key=f"{cid}-T{n:03d}"))


def _events(persona: Persona, kind: EventKind, count: int) -> None:
    cid = persona.customer.id
    for n in range(count):
        day = AS_OF - dt.timedelta(days=20 + 30 * n)
        persona.events.append(Event(cid, day, kind, key=f"{cid}-{kind.value}-{n}", project="P1"))


def personas(suffix: str = "", prefix: str = "K-1") -> list[Persona]:
    def customer(number: str, name: str, column: Column, **kw: object) -> Customer:
        return Customer(id=f"{prefix}{number}", name=name + suffix, column=column, **kw)  # type: ignore[arg-type]

    bakery = Persona(
        customer(
            "001",
            "Bäckerei Sonnenschein",
            Column.IDEAL,
            contract=True,
            tags=("Retainer",),
            contact="Anna Sonnenschein",
            since=dt.date(2019, 3, 1),
        )
    )
    _orders(bakery, 1, 36, 2500.0, 14.0)
    garage = Persona(customer("002", "Autohaus Krüger", Column.WATCH, tags=("Web",)))
    _orders(garage, 2, 10, 800.0, 20.0, days_late=45, dunning=3)
    _events(garage, EventKind.PRICE_COMPLAINT, 3)
    _events(garage, EventKind.RUSH_REQUEST, 3)
    practice = Persona(customer("003", "Praxis Dr. Weber", Column.WATCH, tags=("Design",)))
    _orders(practice, 3, 8, 3000.0, 25.0)
    cafe = Persona(customer("004", "Café Lindenblatt", Column.WATCH, prospect=True, notes="Erstgespräch im Oktober"))
    haggler = Persona(customer("005", "Meyer & Söhne", Column.IDEAL, tags=("Print",)))
    _orders(haggler, 1, 14, 300.0, 6.0, days_late=20)
    _events(haggler, EventKind.PRICE_COMPLAINT, 4)
    _events(haggler, EventKind.CORRECTION_ROUND, 5)
    utility = Persona(
        customer(
            "006",
            "Stadtwerke Nord",
            Column.IDEAL,
            contract=True,
            contract_until=dt.date(2027, 12, 31),
            tags=("öffentlich", "Retainer"),
        )
    )
    _orders(utility, 1, 30, 4200.0, 30.0)
    joinery = Persona(customer("007", "Tischlerei Holz", Column.DROP))
    _orders(joinery, 9, 3, 900.0, 12.0, start=dt.date(2025, 6, 1))
    fashion = Persona(customer("008", "Modehaus Schick", Column.WATCH, tags=("Social Media",)))
    _orders(fashion, 2, 9, 1500.0, 18.0, days_late=10)
    _events(fashion, EventKind.CORRECTION_ROUND, 6)
    return [bakery, garage, practice, cafe, haggler, utility, joinery, fashion]


def build_store(path: Path, copies: int = 1) -> Store:
    """A database with `copies` x 8 customers; the first copy keeps the plain names."""
    store = Store.open(path)
    everyone: list[Persona] = []
    for copy in range(copies):
        everyone += personas(f" {copy + 1}" if copy else "", prefix=f"K-{copy + 1}")
    store.save_customers(p.customer for p in everyone)
    store.add_facts(
        invoices=[i for p in everyone for i in p.invoices],
        time_entries=[t for p in everyone for t in p.hours],
        events=[e for p in everyone for e in p.events],
    )
    return store


def open_board(path: Path, lang: str = "de") -> Board:
    """The board on an existing fixture database (as the app would open it: its own rules.yaml, if it has one)."""
    return Board(Store.open(path), load_rule_set(rules_path_for(path, None)), as_of=AS_OF, lang=lang)


def make_board(path: Path, lang: str = "de", copies: int = 1) -> Board:
    """A fresh fixture database and the board on it."""
    store = build_store(path, copies)
    return Board(store, load_rule_set(default_rules_path()), as_of=AS_OF, lang=lang)


SIZE = (140, 40)


@asynccontextmanager
async def running_app(db: Path, lang: str = "de", review: str | None = None) -> AsyncIterator[tuple[Any, Any, Board]]:
    """The app on a fixture database under Pilot: (app, pilot, board); the board is closed afterwards."""
    from kanban.tui.app import KundenboardApp  # Textual only for the tests that drive the app

    board = open_board(db, lang)
    app = KundenboardApp(board, review=review)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            yield app, pilot, board
    finally:
        board.close()


async def until(pilot: Any, done: Callable[[], object]) -> None:
    """Let the app run until `done` (a Board loading on a thread, a palette search). The limit only keeps a hung
    app from hanging the suite: a slow machine waits longer, it does not fail."""
    for _ in range(3000):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


def palette_offers(app: Any, words: str) -> bool:
    """Whether the open command palette has searched and highlights a command with these words."""
    from textual.command import CommandList
    from textual.css.query import NoMatches

    try:
        commands = app.screen.query_one(CommandList)
    except NoMatches:
        return False
    at = commands.highlighted
    return at is not None and words.lower() in str(commands.get_option_at_index(at).prompt).lower()
