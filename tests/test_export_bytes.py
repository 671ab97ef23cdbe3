"""The export of a varied board, byte for byte as it was written before the export was made faster.

tests/fixtures/export/synthetic.yaml was written by the export as it was before its fast paths; any change to
how the export writes must leave this text as it is (a restore and every reader depend on it). Only the line
with the program's version is left out of the comparison. The rule set is a copy kept beside the file, so that
a change to the shipped rules does not change the expected text.

To write the file anew after a deliberate change of the format: `python tests/test_export_bytes.py`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kanban.board import Board
from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
from kanban.store import Store
from kanban.transfer import export_text
from kanban.transfer.yaml_out import _json_row, _json_rows

HERE = Path(__file__).parent / "fixtures" / "export"
EXPECTED = HERE / "synthetic.yaml"
AS_OF = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)

# Names and texts that YAML writes plain, quoted, double-quoted or as a block.
_TEXTS = [
    "Kunde GmbH",
    "Müller & Söhne, Köln",
    "A: B",
    "yes",
    "it's",
    " x",
    "a #1",
    'Bäckerei "Krume"',
    "null",
    "1. FC",
    "日本",
    "zwei\nZeilen",
    "Trennung\u2028hier",
    "-",
    "",
    "[eckig]",
]


def _customers_and_facts(n: int) -> tuple[list[Customer], list[Invoice], list[TimeEntry], list[Event]]:
    rng = random.Random(14)
    customers, invoices, entries, events = [], [], [], []
    for c in range(n):
        cid = f"V-{c:03d}"
        text = _TEXTS[c % len(_TEXTS)]
        customers.append(
            Customer(
                cid,
                f"{text} {c}" if c % 3 else text or "Leer",
                column=rng.choice(list(Column)),
                contract=c % 4 == 0,
                contract_until=AS_OF + dt.timedelta(days=90) if c % 8 == 0 else None,
                prospect=c % 11 == 5,
                contact=text if c % 5 == 0 else "",
                notes=_TEXTS[(c + 3) % len(_TEXTS)] if c % 2 else "",
                tags=tuple(_TEXTS[(c + k) % len(_TEXTS)] for k in range(c % 3)),
                since=AS_OF - dt.timedelta(days=400 + c) if c % 6 == 0 else None,
            )
        )
        if c % 11 == 5:
            continue  # a prospect: nothing booked yet
        for i in range(c % 5 + 1):
            issued = AS_OF - dt.timedelta(days=rng.randint(1, 700))
            due = issued + dt.timedelta(days=14) if i % 4 else None
            paid = due + dt.timedelta(days=rng.randint(-10, 60)) if due and rng.random() < 0.8 else None
            net = rng.choice([round(rng.uniform(50, 9000), 2), 0.1 + 0.2, 1e-05, 12345678.9, 0.0, 1e16])
            invoices.append(
                Invoice(
                    f"{cid}-R{i}",
                    cid,
                    issued,
                    net,
                    due,
                    paid if paid and paid <= AS_OF else None,
                    dunning_level=rng.choice([0, 0, 1, 2, 3]),
                    credit_note=i == 3,
                )
            )
        for i in range(c % 7 + 1):
            day = AS_OF - dt.timedelta(days=rng.randint(1, 700))
            entries.append(
                TimeEntry(
                    cid,
                    day,
                    round(rng.uniform(0.25, 8), 2),
                    billable=i % 3 != 0,
                    project=_TEXTS[(c + i) % len(_TEXTS)],
                    activity=_TEXTS[(c * 7 + i) % len(_TEXTS)],
                    key=f"{cid}-T{i}",
                )
            )
        for i in range(c % 3):
            day = AS_OF - dt.timedelta(days=rng.randint(1, 400))
            kind = rng.choice(list(EventKind))
            events.append(Event(cid, day, kind, note=_TEXTS[(c + 5 * i) % len(_TEXTS)], key=f"{cid}-E{i}"))
    return customers, invoices, entries, events


def _export(db: Path) -> str:
    customers, invoices, entries, events = _customers_and_facts(48)
    with Store.open(db) as store, store.transaction():
        store.save_customers(customers)
        store.add_facts(invoices, entries, events)
    board = Board.open(db, HERE / "rules.yaml", AS_OF, "de")
    try:
        return export_text(board, NOW)
    finally:
        board.close()


def _without_version(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith("kundenboard_version: "))


def test_the_export_of_a_varied_board_is_the_text_it_was_before(tmp_path: Path) -> None:
    written = _export(tmp_path / "db")
    assert _without_version(written) == _without_version(EXPECTED.read_text(encoding="utf-8"))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        EXPECTED.write_text(_export(Path(folder) / "db"), encoding="utf-8")
    sys.exit(0)


_CELLS = st.one_of(
    st.text(),
    st.sampled_from(["], [", '"], ["', "e-1", "\u2028"]),
    st.floats(),
    st.integers(),
    st.booleans(),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CELLS, max_size=5), min_size=1, max_size=6))
@example([["R-1", "K-1", "2026-01-05", 1.5, 0, False], ["a], [b", "K-1", None, 2.0, 3, True]])
def test_fact_rows_written_together_are_the_rows_written_one_by_one(rows: list[list[object]]) -> None:
    together = _json_rows(rows)
    one_by_one = [_json_row(row) for row in rows]
    assert together is None or together == one_by_one


def test_ordinary_fact_rows_are_written_together() -> None:
    rows = [["R-1", "K-1", "2026-01-05", 1234.5, 0, False], ["R-2", "K-1", None, 0.0, 3, True], []]
    assert _json_rows(rows) == [
        '["R-1", "K-1", "2026-01-05", 1234.5, 0, false]',
        '["R-2", "K-1", null, 0.0, 3, true]',
        "[]",
    ]
