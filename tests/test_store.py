"""The store keeps what a user entered: through kills, a second writer, corrupt and newer files."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kanban.domain.audit import first_broken
from kanban.domain.model import Column, Customer, Decision, Event, EventKind, Facts, Invoice, TimeEntry
from kanban.store import CorruptDatabase, NewerSchema, Store, StoreLocked

ROOT = Path(__file__).resolve().parents[1]


def decision(customer_id: str, to: Column, reason: str = "") -> Decision:
    return Decision(
        0, dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC), customer_id, Column.WATCH, to, reason, "me", "2026-Q4"
    )


def test_customers_and_facts_survive_reopening(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.save_customers([Customer("K-1", "Bäckerei Krume", tags=("Handwerk",)), Customer("K-2", "Autohaus")])
        store.add_facts(
            invoices=[Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0)],
            time_entries=[TimeEntry("K-1", dt.date(2026, 1, 4), 3.5, key="t1")],
        )
        store.append_decision(decision("K-2", Column.DROP, "zahlt nie"))
    with Store.open(tmp_path / "db", readonly=True) as store:
        customers = store.customers()
        assert customers["K-1"].tags == ("Handwerk",)
        assert customers["K-2"].column is Column.DROP
        facts = store.facts_of("K-1")
        assert facts.invoices[0].net == 1200.0 and facts.time_entries[0].hours == 3.5


def test_importing_the_same_facts_twice_adds_nothing_and_updates_changed_invoices(tmp_path: Path) -> None:
    invoice = Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0)
    entry = TimeEntry("K-1", dt.date(2026, 1, 4), 3.5, key="t1")
    with Store.open(tmp_path / "db") as store:
        store.add_facts([invoice], [entry])
        again = store.add_facts([invoice], [entry])
        assert (again.invoices, again.time_entries, again.duplicates) == (0, 0, 2)
        paid = store.add_facts([Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0, paid=dt.date(2026, 2, 1))])
        assert paid.invoices_updated == 1
        assert store.facts_of("K-1").invoices[0].paid == dt.date(2026, 2, 1)
        assert len(store.facts_of("K-1").invoices) == 1


def test_new_database_files_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.save_customers([Customer("K-1", "Steuerkanzlei")])
        store.add_facts(invoices=[Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0)])
        store.append_decision(decision("K-1", Column.IDEAL))
    for name in ("board.json", "invoices.json", "decisions.jsonl"):
        mode = stat.S_IMODE((tmp_path / "db" / name).stat().st_mode)
        assert mode == 0o600, name
    assert stat.S_IMODE((tmp_path / "db").stat().st_mode) == 0o700


def test_a_second_writer_is_refused_with_the_holding_process_named(tmp_path: Path) -> None:
    db = tmp_path / "db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from kanban.store import Store
            store = Store.open({str(db)!r})
            print("ready", flush=True)
            time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked) as refused:
            Store.open(db)
        assert f"PID {holder.pid}" in str(refused.value)
        # Readers still get in: the CLI can list customers while the board is open.
        Store.open(db, readonly=True).close()
    finally:
        holder.kill()
        holder.wait()
    Store.open(db).close()  # the kernel released the dead holder's lock


def test_a_corrupt_file_gets_a_clear_error_and_is_left_untouched(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.save_customers([Customer("K-1", "Weingut")])
    board = tmp_path / "db" / "board.json"
    broken = board.read_bytes()[:-7] + b'{"oops'
    board.write_bytes(broken)
    with pytest.raises(CorruptDatabase) as error:
        Store.open(tmp_path / "db")
    assert "board.json" in str(error.value) and "\n" not in str(error.value)
    assert board.read_bytes() == broken


def test_a_file_from_a_newer_version_is_refused_and_not_rewritten(tmp_path: Path) -> None:
    Store.open(tmp_path / "db").close()
    board = tmp_path / "db" / "board.json"
    board.write_text(json.dumps({"meta": {"1": {"schema": 99}}, "customers": {}}))
    before = board.read_bytes()
    with pytest.raises(NewerSchema, match="neueren kundenboard"):
        Store.open(tmp_path / "db")
    assert board.read_bytes() == before


def _schema_1_database(db: Path) -> None:
    """A database as kundenboard wrote it before the facts got a file per kind: all of them in facts.json."""
    db.mkdir(mode=0o700)
    stamp = {"meta": {"1": {"schema": 1}}}
    customers = {
        "1": {"id": "K-1", "name": "Weingut", "column": "watch", "tags": []},
        "2": {"id": "K-2", "name": "Autohaus", "column": "ideal", "tags": []},
    }
    (db / "board.json").write_text(json.dumps({**stamp, "customers": customers}))
    (db / "facts.json").write_text(json.dumps({**stamp,
        "invoices": {"1": {"number": "R-1", "customer_id": "K-1", "issued": "2026-01-05", "due": None,
                           "paid": "2026-02-01", "net": 1200.0, "dunning_level": 1, "credit_note": False}},
        "time_entries": {"1": {"customer_id": "K-2", "date": "2026-01-04", "hours": 3.5, "billable": True,
                               "project": "Web", "activity": "", "key": "t1"}},
        "events": {}}))  # fmt: skip


SCHEMA_1_FACTS = {
    "K-1": Facts(invoices=(Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0, paid=dt.date(2026, 2, 1),
                                   dunning_level=1),)),
    "K-2": Facts(time_entries=(TimeEntry("K-2", dt.date(2026, 1, 4), 3.5, project="Web", key="t1"),)),
}  # fmt: skip


def test_a_schema_1_database_is_upgraded_by_a_writer_with_nothing_lost(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _schema_1_database(db)
    with Store.open(db) as store:
        assert {cid: store.facts_of(cid) for cid in ("K-1", "K-2")} == SCHEMA_1_FACTS
    assert not (db / "facts.json").exists()
    with Store.open(db, readonly=True) as store:
        assert {cid: store.facts_of(cid) for cid in ("K-1", "K-2")} == SCHEMA_1_FACTS
        assert [c.name for c in store.customers().values()] == ["Weingut", "Autohaus"]


def test_a_reader_sees_a_schema_1_database_without_changing_it(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _schema_1_database(db)
    before = {p.name: p.read_bytes() for p in db.iterdir()}
    with Store.open(db, readonly=True) as store:
        assert {cid: store.facts_of(cid) for cid in ("K-1", "K-2")} == SCHEMA_1_FACTS
    assert {p.name: p.read_bytes() for p in db.iterdir()} == before


def test_an_upgrade_cut_short_after_the_new_files_keeps_the_new_files(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _schema_1_database(db)
    legacy = (db / "facts.json").read_bytes()
    Store.open(db).close()
    (db / "facts.json").write_bytes(legacy)  # as if killed before the old file was removed
    with Store.open(db) as store:
        store.add_facts(invoices=[Invoice("R-2", "K-2", dt.date(2026, 3, 1), 80.0)])
    with Store.open(db) as store:
        assert len(store.facts_of("K-2").invoices) == 1 and store.facts_of("K-1") == SCHEMA_1_FACTS["K-1"]
    assert not (db / "facts.json").exists()


def _schema_2_database(db: Path) -> None:
    """A database as kundenboard wrote it before the rows followed the facts' declaration:
    invoices as number, issued, due, paid, net, ...; events as date, kind, project, note, key."""
    db.mkdir(mode=0o700)
    (db / "board.json").write_text(
        json.dumps(
            {
                "meta": {"1": {"schema": 2}},
                "customers": {"1": {"id": "K-1", "name": "Weingut", "column": "watch", "tags": []}},
            }
        )
    )
    layouts = {
        "invoices": (
            ["number", "issued", "due", "paid", "net", "dunning_level", "credit_note"],
            [["R-1", "2026-01-05", "2026-01-19", "2026-02-01", 1200.0, 1, False]],
        ),
        "time_entries": (
            ["date", "hours", "billable", "project", "activity", "key"],
            [["2026-01-04", 3.5, True, "Web", "", "t1"]],
        ),
        "events": (
            ["date", "kind", "project", "note", "key"],
            [["2026-01-06", "price_complaint", "Web", "zu teuer", "e1"]],
        ),
    }
    for table, (fields, rows) in layouts.items():
        (db / f"{table}.json").write_text(
            json.dumps(
                {
                    "meta": {"1": {"schema": 2, "fields": fields}},
                    table: {"1": {"customer_id": "K-1", "rows": json.dumps(rows)}},
                }
            )
        )


SCHEMA_2_FACTS = Facts(
    invoices=(
        Invoice(
            "R-1",
            "K-1",
            dt.date(2026, 1, 5),
            1200.0,
            due=dt.date(2026, 1, 19),
            paid=dt.date(2026, 2, 1),
            dunning_level=1,
        ),
    ),
    time_entries=(TimeEntry("K-1", dt.date(2026, 1, 4), 3.5, project="Web", key="t1"),),
    events=(Event("K-1", dt.date(2026, 1, 6), EventKind.PRICE_COMPLAINT, note="zu teuer", project="Web", key="e1"),),
)


def test_a_schema_2_database_is_converted_by_a_writer_with_nothing_lost(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _schema_2_database(db)
    with Store.open(db) as store:
        assert store.facts_of("K-1") == SCHEMA_2_FACTS
    invoices = json.loads((db / "invoices.json").read_text())
    assert invoices["meta"]["1"]["schema"] == 3
    assert invoices["meta"]["1"]["fields"] == ["number", "issued", "net", "due", "paid", "dunning_level",
                                               "credit_note"]  # fmt: skip
    with Store.open(db, readonly=True) as store:
        assert store.facts_of("K-1") == SCHEMA_2_FACTS
        store_before = {p.name: p.read_bytes() for p in db.iterdir()}
    with Store.open(db) as store:  # converted once: a second open writes nothing
        assert store.facts_of("K-1") == SCHEMA_2_FACTS
    assert {p.name: p.read_bytes() for p in db.iterdir() if p.name != "lock"} == {
        name: data for name, data in store_before.items() if name != "lock"
    }


def test_a_reader_sees_a_schema_2_database_without_changing_it(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _schema_2_database(db)
    before = {p.name: p.read_bytes() for p in db.iterdir()}
    with Store.open(db, readonly=True) as store:
        assert store.facts_of("K-1") == SCHEMA_2_FACTS
    assert {p.name: p.read_bytes() for p in db.iterdir()} == before


def test_a_fact_file_with_a_field_nobody_declares_is_refused_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "db"
    _schema_2_database(db)
    path = db / "invoices.json"
    state = json.loads(path.read_text())
    state["meta"]["1"]["fields"][1] = "ausgestellt"
    path.write_text(json.dumps(state))
    before = path.read_bytes()
    with Store.open(db) as store, pytest.raises(CorruptDatabase, match="invoices.json") as error:
        store.facts_of("K-1")
    assert "ausgestellt" in str(error.value) and "\n" not in str(error.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("edit", [
    lambda rows: rows.replace(",0,false", ",false"),    # a value deleted
    lambda rows: rows.replace("2026-01-05", "5. Januar"),  # a date in another format
    lambda rows: rows.replace("]]", "]"),               # a bracket lost
])  # fmt: skip
def test_a_hand_edited_fact_row_is_named_in_one_line(tmp_path: Path, edit: Callable[[str], str]) -> None:
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.add_facts(invoices=[Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0)])
    path = db / "invoices.json"
    state = json.loads(path.read_text())
    state["invoices"]["1"]["rows"] = edit(state["invoices"]["1"]["rows"])
    path.write_text(json.dumps(state))
    with Store.open(db, readonly=True) as store, pytest.raises(CorruptDatabase) as error:
        store.facts_of("K-1")
    assert "invoices.json" in str(error.value) and "K-1" in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("kind", ['"preisbeschwerde"', '["price_complaint"]', "null"])
def test_a_hand_edited_event_kind_is_named_in_one_line(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.add_facts(events=[Event("K-1", dt.date(2026, 1, 5), EventKind.PRICE_COMPLAINT, key="e")])
        assert store.facts_of("K-1").events[0].kind is EventKind.PRICE_COMPLAINT
    path = db / "events.json"
    state = json.loads(path.read_text())
    state["events"]["1"]["rows"] = state["events"]["1"]["rows"].replace('"price_complaint"', kind)
    path.write_text(json.dumps(state))
    with Store.open(db, readonly=True) as store, pytest.raises(CorruptDatabase) as error:
        store.facts_of("K-1")
    assert "events.json" in str(error.value) and "K-1" in str(error.value) and "\n" not in str(error.value)


def test_a_fact_file_with_other_columns_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.add_facts(events=[Event("K-1", dt.date(2026, 1, 5), EventKind.PRICE_COMPLAINT, key="e")])
    path = db / "events.json"
    path.write_text(path.read_text().replace('"fields":["date","kind"', '"fields":["kind","date"'))
    with Store.open(db, readonly=True) as store, pytest.raises(CorruptDatabase, match="events.json"):
        store.facts_of("K-1")


def test_adding_events_leaves_the_other_fact_files_as_they_were(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store.open(db) as store:
        store.add_facts(
            invoices=[Invoice("R-1", "K-1", dt.date(2026, 1, 5), 1200.0)],
            time_entries=[TimeEntry("K-1", dt.date(2026, 1, 4), 3.5, key="t1")],
        )
    before = {name: (db / name).stat().st_ino for name in ("invoices.json", "time_entries.json")}
    with Store.open(db) as store:
        store.add_facts(events=[Event("K-1", dt.date(2026, 1, 5), EventKind.PRICE_COMPLAINT, key="e")])
        assert len(store.facts_of("K-1").events) == 1
    assert {name: (db / name).stat().st_ino for name in before} == before  # an atomic write makes a new inode


def test_a_torn_last_log_line_is_dropped_and_the_chain_still_verifies(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.save_customers([Customer("K-1", "Hotel")])
        store.append_decision(decision("K-1", Column.IDEAL))
    log = tmp_path / "db" / "decisions.jsonl"
    with open(log, "ab") as handle:
        handle.write(b'{"id": 2, "customer_')  # killed mid-append, never confirmed
    with Store.open(tmp_path / "db") as store:
        assert [d.id for d in store.decisions()] == [1]
        store.append_decision(decision("K-1", Column.WATCH))
        assert first_broken(store.decision_records()) is None


WRITER = """
import datetime as dt, sys
from kanban.domain.model import Column, Customer, Decision
from kanban.store import Store
store = Store.open(sys.argv[1])
n = 0
while True:
    n += 1
    store.save_customers([Customer(f"K-{n}", f"Kunde {n}")])
    store.append_decision(Decision(0, dt.datetime.now(dt.UTC), f"K-{n}", Column.WATCH, Column.IDEAL, "", "me",
                                   "2026-Q4"))
    print(n, flush=True)
"""


@pytest.mark.slow
def test_killing_a_writer_at_random_moments_never_loses_a_confirmed_write(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store.open(db) as store:  # some bulk so a write takes a moment
        store.save_customers([Customer(f"B-{i}", f"Bestand {i}", notes="x" * 200) for i in range(2000)])
    for round_ in range(12):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        confirmed = 0
        deadline = time.monotonic() + 0.15 + round_ * 0.04
        while time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            confirmed = int(line)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        with Store.open(db) as store:  # always opens: old or new state, never a torn file
            customers = store.customers()
            assert all(f"K-{n}" in customers for n in range(1, confirmed + 1))
            assert first_broken(store.decision_records()) is None
            assert len(customers) >= 2000
        # the next round starts numbering again at 1: the same ids, re-written
