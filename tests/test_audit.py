"""The audit log as an owner and an auditor meet it: every decision listed, durable, tamper-evident, erasable."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kanban.board import Board
from kanban.cli import audit_cmd, main
from kanban.domain.audit import first_broken, record_hash
from kanban.domain.erasure import erase
from kanban.domain.model import Column, Customer, Facts
from kanban.store import Store

REPO = Path(__file__).resolve().parent.parent
UTC = dt.UTC


@pytest.fixture
def db(demo_db: Path) -> Path:
    return demo_db


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], input=stdin)
    return result.exit_code, result.output


def decide(db: Path, *moves: tuple[str, Column, str], at: dt.datetime | None = None) -> None:
    """Moves through Board.move, the way the app and `kundenboard move` make them."""
    board = Board.open(db)
    try:
        for query, column, reason in moves:
            board.move(board.find(query).customer.id, column, reason, actor="anna", at=at)
    finally:
        board.close()


def log_lines(db: Path) -> list[str]:
    return (db / "decisions.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)


def write_log(db: Path, lines: list[str]) -> None:
    (db / "decisions.jsonl").write_text("".join(lines), encoding="utf-8")


THREE_MOVES = (
    ("Modehaus Seidel", Column.DROP, "Feilscht bei jedem Auftrag"),
    ("K-1001", Column.WATCH, "Retainer läuft aus"),
    ("Modehaus Seidel", Column.WATCH, "Neuer Ansprechpartner"),
)


# -- the list ------------------------------------------------------------------


def test_audit_lists_each_decision_in_local_time_oldest_first(db: Path, berlin: None) -> None:
    decide(db, *THREE_MOVES, at=dt.datetime(2026, 11, 27, 7, 50, tzinfo=UTC))
    code, out = run(db, "audit")
    assert code == 0
    rows = out.splitlines()[2:]
    assert len(rows) == 3
    first = rows[0]
    assert "27.11.2026 08:50" in first  # stored 07:50 UTC, shown in Berlin time
    assert "K-1008 Modehaus Seidel" in first and "Beobachten → Trennen" in first and "verschoben" in first
    assert "anna" in first and "Feilscht bei jedem Auftrag" in first
    assert "Neuer Ansprechpartner" in rows[2]  # newest last


def test_audit_filters_by_customer_name_or_number_date_and_column(db: Path) -> None:
    decide(db, *THREE_MOVES, at=dt.datetime(2026, 10, 2, 9, 0, tzinfo=UTC))
    decide(
        db,
        ("Zahnarztpraxis", Column.DROP, "Zahlt erst nach der dritten Mahnung"),
        at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
    )
    code, out = run(db, "audit", "--customer", "modehaus", "--format", "json")
    assert code == 0 and [d["reason"] for d in json.loads(out)] == [
        "Feilscht bei jedem Auftrag",
        "Neuer Ansprechpartner",
    ]
    code, out = run(db, "audit", "--customer", "K-1008", "--format", "json")
    assert len(json.loads(out)) == 2
    code, out = run(db, "audit", "--column", "drop", "--format", "json")
    assert [d["customer_name"] for d in json.loads(out)] == ["Modehaus Seidel", "Zahnarztpraxis Dr. Kessler"]
    code, out = run(db, "audit", "--since", "15.11.2026", "--format", "yaml")
    assert code == 0 and "Zahlt erst nach der dritten Mahnung" in out and "Feilscht" not in out
    code, out = run(db, "audit", "--since", "2027-01-01")
    assert code == 0 and "Keine Entscheidungen" in out


def test_audit_json_entries_are_the_stored_ones_with_hashes(db: Path) -> None:
    decide(db, *THREE_MOVES)
    code, out = run(db, "audit", "--format", "json")
    listed = json.loads(out)
    stored = [json.loads(line) for line in log_lines(db)]
    assert [{k: v for k, v in d.items() if k != "customer_name"} for d in listed] == stored
    assert {
        "id",
        "at",
        "from",
        "to",
        "reason",
        "actor",
        "quarter",
        "suggested",
        "score",
        "fired_rules",
        "metrics",
        "hash",
    } <= listed[0].keys()


def test_audit_refuses_unknown_ambiguous_customer_and_bad_filters(db: Path) -> None:
    code, out = run(db, "audit", "--customer", "Dr.")
    assert code == 1 and "nicht eindeutig" in out and "K-1002" in out and "Traceback" not in out
    code, out = run(db, "audit", "--customer", "Modehaus Seidl")
    assert code == 1 and "meinten Sie Modehaus Seidel" in out
    code, out = run(db, "audit", "--column", "maybe")
    assert code == 2 and "ideal, watch oder drop angeben" in out
    code, out = run(db, "audit", "--since", "gestern")
    assert code == 2 and "„gestern“ ist kein Datum" in out


def test_a_drop_without_a_reason_is_refused_and_not_recorded(db: Path) -> None:
    code, out = run(db, "move", "Modehaus", "drop")
    assert code == 1 and "braucht einen Grund" in out
    code, out = run(db, "move", "Modehaus", "drop", "--reason", "   ", "--lang", "en")
    assert code == 1 and "needs a reason" in out
    assert not (db / "decisions.jsonl").exists() or log_lines(db) == []
    assert run(db, "audit", "--format", "json")[1].strip() == "[]"


# -- durability ----------------------------------------------------------------

CHILD = """
import sys, time
from pathlib import Path
from kanban.board import Board
from kanban.domain.model import Column
board = Board.open(Path(sys.argv[1]))
decision = board.move(board.find("Modehaus Seidel").customer.id, Column.DROP, "Zahlt nie pünktlich")
print("confirmed", decision.id, flush=True)
time.sleep(60)
"""


def test_a_confirmed_move_survives_the_process_being_killed(db: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        line = child.stdout.readline() if child.stdout else ""
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert line.split() == ["confirmed", "1"]
    assert child.returncode == -signal.SIGKILL
    with Store.open(db) as store:  # the killed writer's lock is gone with it
        decisions = store.decisions()
        assert [(d.id, d.reason) for d in decisions] == [(1, "Zahlt nie pünktlich")]
        assert store.customers()["K-1008"].column is Column.DROP
    assert run(db, "audit", "verify")[0] == 0


# -- tamper evidence -------------------------------------------------------------


def test_verify_passes_on_an_untouched_log(db: Path) -> None:
    assert run(db, "audit", "verify") == (0, "OK: 0 Entscheidungen, das Protokoll ist leer\n")
    decide(db, *THREE_MOVES)
    code, out = run(db, "audit", "verify")
    head = json.loads(log_lines(db)[-1])["hash"]
    assert code == 0 and out == f"OK: 3 Entscheidungen, Kette intakt (Kopf {head[:12]})\n"
    code, out = run(db, "audit", "verify", "--lang", "en")
    assert code == 0 and out == f"OK: 3 decisions, chain intact (head {head[:12]})\n"


def test_a_reason_changed_by_hand_is_named(db: Path) -> None:
    decide(db, *THREE_MOVES)
    lines = log_lines(db)
    lines[1] = lines[1].replace("Retainer läuft aus", "Retainer gekündigt")
    write_log(db, lines)
    code, out = run(db, "audit", "verify")
    assert code == 1 and out == "DEFEKT: Eintrag #2 (decisions.jsonl Zeile 2) wurde nach dem Schreiben verändert\n"
    code, out = run(db, "audit", "verify", "--lang", "en")
    assert code == 1 and out == "BROKEN: entry #2 (decisions.jsonl line 2) was changed after it was written\n"


def test_a_change_with_a_recomputed_hash_breaks_the_next_entry(db: Path) -> None:
    decide(db, *THREE_MOVES)
    lines = log_lines(db)
    record = json.loads(lines[1])
    record["reason"] = "Retainer gekündigt"
    record["hash"] = record_hash(record)
    lines[1] = json.dumps(record, ensure_ascii=False) + "\n"
    write_log(db, lines)
    code, out = run(db, "audit", "verify")
    assert code == 1 and "Eintrag #3 (decisions.jsonl Zeile 3)" in out and "folgt nicht auf den davor" in out


def test_a_deleted_entry_is_named(db: Path) -> None:
    decide(db, *THREE_MOVES)
    lines = log_lines(db)
    write_log(db, [lines[0], lines[2]])
    code, out = run(db, "audit", "verify")
    assert code == 1 and out == "DEFEKT: Eintrag #2 fehlt (gelöscht?): decisions.jsonl Zeile 2 enthält #3\n"


def test_swapped_entries_are_named(db: Path) -> None:
    decide(db, *THREE_MOVES)
    lines = log_lines(db)
    write_log(db, [lines[0], lines[2], lines[1]])
    code, out = run(db, "audit", "verify")
    assert code == 1 and out == "DEFEKT: Eintrag #3 (decisions.jsonl Zeile 2) steht falsch: #2 gehört davor\n"


def test_a_garbled_line_is_named_by_line(db: Path) -> None:
    decide(db, *THREE_MOVES)
    lines = log_lines(db)
    lines[1] = lines[1][:40] + "\n"
    write_log(db, lines)
    code, out = run(db, "audit", "verify")
    assert code == 1 and out.startswith("DEFEKT: ") and "decisions.jsonl:2" in out and "Traceback" not in out


def test_a_cut_off_tail_is_caught_by_an_anchor(db: Path) -> None:
    decide(db, *THREE_MOVES)
    head = json.loads(log_lines(db)[-1])["hash"]
    assert run(db, "audit", "verify", "--anchor", head[:12])[0] == 0
    write_log(db, log_lines(db)[:2])
    assert run(db, "audit", "verify")[0] == 0  # a chain alone cannot see a missing tail
    code, out = run(db, "audit", "verify", "--anchor", head[:12])
    assert code == 1 and f"Anker {head[:12]} ist nicht im Protokoll" in out


# -- forget ----------------------------------------------------------------------

PERSONAL = (
    "Modehaus Seidel",
    "Claudia Seidel",
    "Lippstadt",
    "K-1008",
    "Feilscht bei jedem Auftrag",
    "Chefin hat Freundin gefragt",
)


def database_text(db: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(db.iterdir()) if p.suffix in {".json", ".jsonl"})


def access_record(db: Path, query: str) -> dict:
    code, out = run(db, "customers", "--customer", query, "--format", "json", "--as-of", "2026-11-27")
    assert code == 0, out
    return json.loads(out)


def test_forget_refuses_without_a_terminal_and_without_yes(db: Path) -> None:
    decide(db, *THREE_MOVES)
    before = database_text(db)
    code, out = run(db, "forget", "Modehaus")
    assert code == 1 and "im Terminal aufrufen, oder --yes anhängen" in out
    assert database_text(db) == before


def test_forget_asks_naming_the_customer_and_no_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_cmd, "_interactive", lambda: True)
    decide(db, *THREE_MOVES)
    before = database_text(db)
    code, out = run(db, "forget", "Modehaus", stdin="n\n")
    assert code == 1 and "K-1008 Modehaus Seidel vergessen?" in out and "[j/N]" in out
    assert "Nichts wurde geändert" in out
    assert "Ansprechpartner, Notizen, 2 Tags" in out and "Gründe im Protokoll: 2" in out
    code, out = run(db, "forget", "Modehaus", "--lang", "en", stdin="j\n")  # j is no answer in English
    assert code == 1 and "[y/N]" in out and "Please answer y (yes) or n (no)" in out
    assert database_text(db) == before
    code, out = run(db, "forget", "Modehaus", stdin="j\n")
    assert code == 0 and "Vergessen: K-1008 ist jetzt P-" in out


def test_forget_erases_personal_data_everywhere_and_keeps_the_board(db: Path) -> None:
    decide(db, *THREE_MOVES, ("Vogt", Column.WATCH, "Ähnlich zäh wie Modehaus Seidel"))
    before = access_record(db, "Modehaus Seidel")
    assert all(text in database_text(db) for text in PERSONAL)

    code, out = run(db, "forget", "Modehaus Seidel", "--yes")
    assert code == 0, out
    pseudonym = out.split(" ist jetzt ")[1].split()[0]

    text = database_text(db)
    # Only the forgotten customer's own entries change: Vogt's reason, which names them, stays as written.
    assert [t for t in PERSONAL if t in text] == ["Modehaus Seidel"] and text.count("Modehaus Seidel") == 1
    after = access_record(db, pseudonym)
    customer = after["customer"]
    assert customer["name"] == f"Gelöscht ({pseudonym})"
    assert (customer["contact"], customer["notes"], customer["tags"]) == ("", "", [])
    assert customer["column"] == before["customer"]["column"] == "watch"
    assert after["metrics"] == before["metrics"]  # amounts, hours, events and projects still count
    assert len(after["invoices"]) == len(before["invoices"])
    assert [i["number"] for i in after["invoices"]] == [i["number"] for i in before["invoices"]]
    assert {e["note"] for e in after["events"]} == {"[gelöscht]"}
    assert {t["project"] for t in after["time_entries"]} <= {f"Projekt {n}" for n in range(1, 20)}

    decisions = json.loads(run(db, "audit", "--format", "json")[1])
    assert [d["id"] for d in decisions] == [1, 2, 3, 4, 5]  # every decision kept, the erasure added
    assert [d["customer_id"] for d in decisions if d["id"] in (1, 3)] == [pseudonym, pseudonym]
    assert decisions[1]["reason"] == "Retainer läuft aus"  # another customer's reason stays
    assert decisions[3]["reason"] == "Ähnlich zäh wie Modehaus Seidel"
    erasure = decisions[4]
    assert erasure["kind"] == "erasure" and erasure["customer_id"] == pseudonym and erasure["erased"] == [1, 3]
    assert "nichts neu versiegelt" in erasure["reason"]  # salted entries keep their hashes

    code, out = run(db, "audit", "verify")
    assert code == 0 and "OK: 5 Entscheidungen, Kette intakt" in out and "#5" in out
    code, out = run(db, "audit", "--customer", pseudonym)
    assert code == 0 and "gelöscht (Art. 17)" in out


def test_the_erasure_records_the_head_before_it(db: Path) -> None:
    decide(db, *THREE_MOVES)
    old_head = json.loads(log_lines(db)[-1])["hash"]
    assert run(db, "forget", "K-1001", "--yes")[0] == 0
    lines = [json.loads(line) for line in log_lines(db)]
    assert lines[0]["hash"] != old_head and old_head in lines[-1]["reason"]
    code, out = run(db, "audit", "verify", "--anchor", old_head[:16])
    assert code == 0 and f"{old_head[:16]} gefunden bei #3" in out  # the entry it sealed is still there


def test_forget_refuses_a_broken_log_and_changes_nothing(db: Path) -> None:
    decide(db, *THREE_MOVES)
    lines = log_lines(db)
    write_log(db, [lines[0], lines[2]])
    before = database_text(db)
    code, out = run(db, "forget", "Modehaus", "--yes")
    assert code == 1 and "das Protokoll ist in Zeile 2 kaputt" in out and "zuerst das Protokoll wiederherstellen" in out
    assert database_text(db) == before


def test_forget_twice_and_unknown_customers_are_refused(db: Path) -> None:
    code, out = run(db, "forget", "Modehaus", "--yes")
    pseudonym = out.split(" ist jetzt ")[1].split()[0]
    code, out = run(db, "forget", pseudonym, "--yes")
    assert code == 1 and "wurde schon vergessen" in out
    code, out = run(db, "forget", "Dr.", "--yes")
    assert code == 1 and "nicht eindeutig" in out and "K-1002" in out
    code, out = run(db, "forget", "Nobody GmbH", "--yes")
    assert code == 1 and "kein Kunde „Nobody GmbH“" in out


def test_erase_keeps_hashes_before_the_first_changed_entry() -> None:
    """An anchor noted before the forgotten customer's first decision stays valid."""
    db_free = [
        {"id": i, "customer_id": cid, "reason": f"r{i}", "prev_hash": "", "hash": ""}
        for i, cid in enumerate(["A", "A", "B", "A"], start=1)
    ]
    prev = ""
    for record in db_free:
        record["prev_hash"] = prev
        record["hash"] = prev = record_hash(record)
    customer = Customer(id="B", name="Bäckerei Beispiel", column=Column.WATCH, contact="Bea Beispiel")
    plan = erase(customer, Facts(), db_free, "P-0001", dt.datetime(2026, 11, 27, tzinfo=UTC), "anna")
    assert [r["hash"] for r in plan.log[:2]] == [r["hash"] for r in db_free[:2]]
    assert [r["hash"] for r in plan.log[2:4]] != [r["hash"] for r in db_free[2:4]]
    assert first_broken(plan.log) is None and len(plan.log) == 5 and plan.first_resealed == 3
    assert [r["customer_id"] for r in plan.log] == ["A", "A", "P-0001", "A", "P-0001"]
