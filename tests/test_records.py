"""Records that cannot be half-done or fooled: erasure, anchors, and what the database folder may hold.

An erasure rewrites the log, the customer record, the facts and the snapshots.
Whatever stops it (a kill at any moment, a full disk), the user finds it either
done or not begun: the customer in the column of their last decision, under
their name or under one pseudonym, and the audit chain intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
from child_lines import ChildLines
from test_faults import ROOT, Disk, assert_one_line_error, cli, leftovers, seed_database

from kanban.domain.audit import first_broken
from kanban.domain.erasure import erase
from kanban.domain.model import Column, Customer, Facts
from kanban.store import Store
from kanban.store.files import JOURNAL

ERASED = "K-3"


@pytest.fixture(autouse=True)
def crash_log_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal error would write a crash log; keep it out of the home folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


# "Kunde 3", in drop since a reasoned decision, with facts


def seed_for_erasure(db: Path) -> str:
    """The seeded board with K-3 moved to ideal and then dropped; returns the log head before any erasure."""
    seed_database(db)
    assert cli("move", "K-3", "ideal", "--reason", "Kunde 3 zahlt gut", "--db", str(db))[0] == 0
    assert cli("move", "K-3", "drop", "--reason", "Kunde 3 feilscht", "--db", str(db))[0] == 0
    assert cli("move", "K-5", "drop", "--reason", "zu teuer für uns", "--db", str(db))[0] == 0
    with Store.open(db, readonly=True) as store:
        return store.decision_records()[-1]["hash"]


def erasure_state(db: Path, readonly: bool) -> str:
    """'absent' or 'done', after checking that the database shows exactly one of them, consistently."""
    with Store.open(db, readonly=readonly) as store:
        records = store.decision_records()
        assert first_broken(records) is None
        customers = store.customers()
        erasures = [r for r in records if r["kind"] == "erasure"]
        pseudonyms = [cid for cid in customers if cid.startswith("P-")]
        if ERASED in customers:
            assert not erasures and not pseudonyms
            assert customers[ERASED].name == "Kunde 3"
            assert customers[ERASED].column is Column.DROP
            assert len(store.facts_of(ERASED).invoices) == 4
            return "absent"
        assert len(pseudonyms) == 1 and len(erasures) == 1, (pseudonyms, erasures)
        pseudonym = pseudonyms[0]
        assert erasures[0]["customer_id"] == pseudonym
        assert customers[pseudonym].column is Column.DROP  # the column of its last decision
        assert len(store.facts_of(pseudonym).invoices) == 4 and not store.facts_of(ERASED).invoices
        log_text = json.dumps(records, ensure_ascii=False)
        assert "Kunde 3" not in log_text and f'"{ERASED}"' not in log_text
        assert "zu teuer für uns" in log_text  # another customer's reason is not touched
        return "done"


def test_forget_moves_nothing_and_keeps_the_column(tmp_path: Path) -> None:
    db = tmp_path / "db"
    head = seed_for_erasure(db)
    code, out, err = cli("forget", ERASED, "--yes", "--db", str(db))
    assert code == 0, err
    assert erasure_state(db, readonly=True) == "done"
    code, out, _ = cli("audit", "verify", "--anchor", head[:12], "--db", str(db))
    assert code == 0 and out.startswith("OK"), out


# --- a full disk, at every size between nothing and enough ------------------------------------


class FullDisk(Disk):
    """The shared fake disk, which also fills up under the lock file's note of who holds it."""

    def pwrite(self, fd: int, data: bytes, offset: int) -> int:
        if self.room is not None and len(data) > self.room:
            raise self._refuse(errno.ENOSPC)
        if self.room is not None:
            self.room -= len(data)
        self.written += len(data)
        return os.pwrite(fd, data, offset)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    import types

    from kanban.store import files, lock

    faulty = FullDisk()
    monkeypatch.setattr(files, "os", faulty)
    monkeypatch.setattr(files, "tempfile", types.SimpleNamespace(mkstemp=faulty.mkstemp))
    monkeypatch.setattr(lock, "os", faulty)
    return faulty


def test_forget_on_a_full_disk_is_done_or_not_begun_and_a_second_run_finishes_it(tmp_path: Path, disk: Disk) -> None:
    seeded = tmp_path / "seeded"
    head = seed_for_erasure(seeded)
    probe = tmp_path / "probe"
    shutil.copytree(seeded, probe)
    disk.written = 0
    assert cli("forget", ERASED, "--yes", "--db", str(probe))[0] == 0
    needed = disk.written
    outcomes = {"absent": 0, "done": 0}
    for room in sorted({*range(0, needed, max(1, needed // 40)), needed - 1, needed + 1}):
        db = tmp_path / f"db-{room}"
        shutil.copytree(seeded, db)
        disk.room = room
        code, _, err = cli("forget", ERASED, "--yes", "--db", str(db))
        disk.room = None
        if code != 0:
            assert_one_line_error(code, err, "No space left on device")
        state = erasure_state(db, readonly=True)
        assert (state == "done") == (code == 0), (room, err)
        assert leftovers(db) == [] and not (db / JOURNAL).exists()
        outcomes[state] += 1
        if state == "absent":
            assert cli("forget", ERASED, "--yes", "--db", str(db))[0] == 0
            assert erasure_state(db, readonly=True) == "done"
        code, out, _ = cli("audit", "verify", "--anchor", head[:12], "--db", str(db))
        assert code == 0, out
    assert outcomes["absent"] > 10 and outcomes["done"] >= 1


# --- killed at every step of the write, and at random moments --------------------------------

# A process that forks one `forget` per line it reads. The child counts the
# file operations of the store (open, write, fsync, rename, unlink) and kills
# itself at the one it was told, before or after it; step 0 waits to be killed
# by the test at a random moment instead.
FORGETTER = textwrap.dedent("""
    import os, signal, sys
    from kanban.cli import main
    from kanban.store import files

    class Steps:
        def __init__(self, stop, after):
            self.count, self.stop, self.after = 0, stop, after
        def __getattr__(self, name):
            real = getattr(os, name)
            if name not in ("open", "fdopen", "write", "fsync", "replace", "unlink", "ftruncate"):
                return real
            def step(*args, **kwargs):
                self.count += 1
                if self.count == self.stop and not self.after:
                    os.kill(os.getpid(), signal.SIGKILL)
                result = real(*args, **kwargs)
                if self.count == self.stop and self.after:
                    os.kill(os.getpid(), signal.SIGKILL)
                return result
            return step

    for line in sys.stdin:
        db, stop, after = line.split()
        pid = os.fork()
        if pid == 0:
            files.os = Steps(int(stop), after == "1")
            os.write(1, b"go\\n")
            code = 1
            try:
                main(["forget", "K-3", "--yes", "--db", db], standalone_mode=False)
                code = 0
            finally:
                os.write(1, f"steps {files.os.count} exit {code}\\n".encode())
                os._exit(code)
        os.write(1, f"pid {pid}\\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"dead {status}\\n".encode())
""")


def test_forget_killed_hundreds_of_times_is_done_or_not_begun(tmp_path: Path) -> None:
    seeded = tmp_path / "seeded"
    head = seed_for_erasure(seeded)
    forgetter = subprocess.Popen(
        [sys.executable, "-c", FORGETTER],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
    )

    line = ChildLines(forgetter.stdout, "forgetting process", silence=60.0)

    def run(db: Path, stop: int, after: bool) -> list[str]:
        forgetter.stdin.write(f"{db} {stop} {int(after)}\n")
        said = [line().strip(), line().strip()]
        assert sorted(s.split()[0] for s in said) == ["go", "pid"], said  # parent and child race to say theirs
        pid = int(next(s for s in said if s.startswith("pid")).split()[1])
        if stop == 0:  # at a random moment: where it lands is chance, that every outcome is whole is not
            time.sleep(rng.uniform(0, 0.15))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        while not said[-1].startswith("dead"):
            said.append(line().strip())
        return said

    rng = random.Random(16)
    try:
        shutil.copytree(seeded, tmp_path / "count")
        said = run(tmp_path / "count", 10_000, False)
        steps = int(next(s for s in said if s.startswith("steps")).split()[1])
        assert steps > 10
        outcomes = {"absent": 0, "done": 0}
        rounds = [(stop, after) for stop in range(1, steps + 1) for after in (False, True)] * 4
        rounds += [(0, False)] * 100
        for number, (stop, after) in enumerate(rounds):
            db = tmp_path / f"db{number}"
            shutil.copytree(seeded, db)
            run(db, stop, after)
            assert erasure_state(db, readonly=True) in outcomes  # a reader, before any writer finished it
            with Store.open(db):
                pass  # the next writer finishes a decided erasure
            state = erasure_state(db, readonly=False)
            assert leftovers(db) == [] and not (db / JOURNAL).exists()
            outcomes[state] += 1
            if number % 10 == 0:
                if state == "absent":
                    assert cli("forget", ERASED, "--yes", "--db", str(db))[0] == 0
                    assert erasure_state(db, readonly=True) == "done"
                code, out, _ = cli("audit", "verify", "--anchor", head[:12], "--db", str(db))
                assert code == 0, out
            shutil.rmtree(db)
    finally:
        forgetter.kill()
        forgetter.wait()
    assert len(rounds) > 200 and outcomes["absent"] and outcomes["done"]


# --- an anchor proves the entries it sealed, and a forged erasure does not pass ------------------


def log_records(db: Path) -> list[dict]:
    return [json.loads(line) for line in (db / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]


def write_log(db: Path, records: list[dict]) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
    (db / "decisions.jsonl").write_text(lines, encoding="utf-8")


def reseal(records: list[dict]) -> list[dict]:
    """What a forger does: every hash recomputed, so the chain alone verifies."""
    from kanban.domain.audit import record_hash

    prev = ""
    for record in records:
        record["prev_hash"] = prev
        record["hash"] = prev = record_hash(record)
    return records


def test_a_rewritten_log_with_a_forged_erasure_fails_the_anchor(tmp_path: Path) -> None:
    db = tmp_path / "db"
    head = seed_for_erasure(db)
    records = log_records(db)
    dropped = next(r for r in records if r["customer_id"] == ERASED and r["to"] == "drop")
    dropped.update(to="ideal", reason="REWRITTEN")
    fake = dict(
        records[-1],
        id=records[-1]["id"] + 1,
        kind="erasure",
        customer_id="P-00000000",
        reason=f"Personenbezogene Daten gelöscht (Art. 17 DSGVO); Kettenkopf vorher: {head}",
    )
    fake.pop("salt", None)
    write_log(db, reseal([*records, fake]))
    assert cli("audit", "verify", "--db", str(db))[0] == 0  # the chain alone cannot see a rewrite
    code, out, _ = cli("audit", "verify", "--anchor", head[:12], "--db", str(db))
    assert code == 1 and out.count("\n") == 1, out
    assert f"#{fake['id'] - 1}" in out and "Sicherung" in out


def test_an_erased_entry_changed_after_the_erasure_fails(tmp_path: Path) -> None:
    db = tmp_path / "db"
    seed_for_erasure(db)
    assert cli("forget", ERASED, "--yes", "--db", str(db))[0] == 0
    erased = [r for r in log_records(db) if "sealed" in r]
    assert len(erased) == 2  # both of K-3's entries, hashes unchanged
    for change in ({"reason": "REWRITTEN"}, {"customer_id": "K-5"}, {"to": "ideal"}):
        records = log_records(db)
        target = next(r for r in records if r["id"] == erased[-1]["id"])
        target.update(change)
        write_log(db, records)
        code, out, _ = cli("audit", "verify", "--db", str(db))
        assert code == 1 and f"Eintrag #{target['id']}" in out and "verändert" in out, (change, out)


def test_an_anchor_noted_before_an_erasure_still_passes_and_names_its_entry(tmp_path: Path) -> None:
    db = tmp_path / "db"
    head = seed_for_erasure(db)
    before = log_records(db)
    assert cli("forget", ERASED, "--yes", "--db", str(db))[0] == 0
    after = log_records(db)
    assert [r["hash"] for r in after[: len(before)]] == [r["hash"] for r in before]
    code, out, _ = cli("audit", "verify", "--anchor", head[:12], "--db", str(db))
    assert code == 0 and f"#{before[-1]['id']}" in out, out


# --- forget touches only the erased customer's own entries ------------------------------------


def test_forget_changes_no_other_customers_entry_even_for_a_short_name(tmp_path: Path) -> None:
    db = tmp_path / "db"
    seed_database(db)
    with Store.open(db) as store:
        store.save_customers([Customer("K-20", "Teuer", contact="e")])
    for customer, column, reason in (
        ("K-1", "drop", "zu teuer"),
        ("K-2", "ideal", "test1"),
        ("K-20", "drop", "Teuer zahlt nie"),
        ("K-4", "drop", "wie Teuer"),
    ):
        assert cli("move", customer, column, "--reason", reason, "--db", str(db))[0] == 0
    others = [r for r in log_records(db) if r["customer_id"] != "K-20"]
    plan = erase(
        Customer("K-20", "Teuer", contact="e"),
        Facts(),
        log_records(db),
        "P-1",
        dt.datetime(2026, 11, 27, tzinfo=dt.UTC),
        "me",
    )
    assert plan.other_mentions == (next(r["id"] for r in others if r["reason"] == "wie Teuer"),)  # shown, not changed
    code, out, err = cli("forget", "K-20", "--db", str(db), "--yes")
    assert code == 0, err
    assert [r for r in log_records(db) if r["id"] in {o["id"] for o in others}] == others
    assert cli("audit", "verify", "--db", str(db))[0] == 0


# --- a move from the command line does not add to a broken log -------------------------------


def test_a_cli_move_on_a_broken_log_is_refused_naming_audit_verify(tmp_path: Path) -> None:
    db = tmp_path / "db"
    seed_for_erasure(db)
    records = log_records(db)
    records[1]["reason"] = "von Hand geändert"
    write_log(db, records)
    before = (db / "decisions.jsonl").read_bytes()
    code, _, err = cli("move", "K-7", "drop", "--reason", "zahlt nie", "--db", str(db))
    assert_one_line_error(code, err, "#2", "audit verify", "--despite-broken-log")
    assert (db / "decisions.jsonl").read_bytes() == before
    code, out, err = cli("move", "K-7", "drop", "--reason", "zahlt nie", "--despite-broken-log", "--db", str(db))
    assert code == 0, err
    assert cli("audit", "verify", "--db", str(db))[0] == 1  # the break is still reported


# --- the move's check starts at the head verified last time, and never trusts a changed log -------

MOVE = ("move", "K-7", "drop", "--reason", "zahlt nie")


def moved_twice(db: Path) -> None:
    """The seeded board after two checked moves: the head remembers the log up to the second one."""
    seed_for_erasure(db)
    assert cli("move", "K-8", "ideal", "--db", str(db))[0] == 0
    assert cli("move", "K-9", "ideal", "--db", str(db))[0] == 0
    assert (db / "decisions.head").exists()


def assert_move_refused_at(db: Path, entry: int) -> None:
    before = (db / "decisions.jsonl").read_bytes()
    code, _, err = cli(*MOVE, "--db", str(db))
    assert_one_line_error(code, err, f"#{entry}", "audit verify", "--despite-broken-log")
    assert (db / "decisions.jsonl").read_bytes() == before


def assert_move_recorded(db: Path) -> None:
    code, _, err = cli(*MOVE, "--db", str(db))
    assert code == 0, err
    assert cli("audit", "verify", "--db", str(db))[0] == 0  # chained to the log as it is now


def hashes_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every entry the chain check re-hashes, counted."""
    from kanban.domain import audit

    counted: list[int] = []
    record_hash = audit.record_hash

    def counting(record: dict) -> str:
        counted.append(record.get("id", 0))
        return record_hash(record)

    monkeypatch.setattr(audit, "record_hash", counting)
    return counted


def test_a_check_re_hashes_only_what_was_appended_since_the_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db"
    moved_twice(db)
    with Store.open(db) as store:
        entries = len(store.decision_records())
        store.append_decision(replace(store.decisions()[-1], id=0, reason="ohne Prüfung angehängt"))
        counted = hashes_counted(monkeypatch)
        assert store.chain_break() is None
        assert counted == [entries, entries + 1]  # the last move's own entry, and the one appended since
        counted.clear()
        assert store.chain_break() is None and counted == []
    assert (db / "decisions.head").stat().st_mode & 0o777 == 0o600


def test_the_head_is_one_of_the_database_files(tmp_path: Path) -> None:
    from kanban.store.store import foreign_files

    db = tmp_path / "db"
    moved_twice(db)
    killed_write = db / ".decisions.head.ab12CD34.tmp"  # a head write killed before its rename
    killed_write.write_text("{}")
    assert foreign_files(db) == []
    assert cli(*MOVE, "--db", str(db))[0] == 0
    assert not killed_write.exists()


def test_a_move_after_an_old_entry_was_edited_by_hand_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "db"
    moved_twice(db)
    records = log_records(db)
    assert records[1]["reason"] == "Kunde 3 zahlt gut"
    records[1]["reason"] = "Kunde 3 zahlt GUT"  # the file keeps its size: only its bytes tell
    write_log(db, records)
    assert_move_refused_at(db, 2)
    assert_move_refused_at(db, 2)  # a refused check does not remember the broken log as verified


def test_a_move_after_the_log_was_cut_checks_what_is_left(tmp_path: Path) -> None:
    db = tmp_path / "db"
    moved_twice(db)
    records = log_records(db)
    records[-3]["to"] = "ideal" if records[-3]["to"] != "ideal" else "watch"
    write_log(db, records[:-2])  # shorter than the head, and its last entry changed
    assert_move_refused_at(db, records[-3]["id"])
    write_log(db, log_records(db)[:-1])
    assert_move_recorded(db)  # a cut-off tail leaves an intact chain (only an anchor sees the cut)


def test_a_move_after_the_log_was_replaced_by_another_checks_the_other(tmp_path: Path) -> None:
    db, other = tmp_path / "db", tmp_path / "other"
    moved_twice(db)
    seed_for_erasure(other)
    for number in range(8, 12):  # a longer log than the one it replaces
        assert cli("move", f"K-{number}", "drop", "--reason", "anderswo", "--db", str(other))[0] == 0
    records = log_records(other)
    shutil.copyfile(other / "decisions.jsonl", db / "decisions.jsonl")
    assert_move_recorded(db)
    records[0]["actor"] = "jemand anderes"
    write_log(db, records + log_records(db)[len(records) :])
    assert_move_refused_at(db, 1)


def test_a_move_after_a_forget_checks_the_rewritten_log(tmp_path: Path) -> None:
    db = tmp_path / "db"
    moved_twice(db)
    assert cli("forget", ERASED, "--db", str(db), "--yes")[0] == 0
    assert not (db / "decisions.head").exists()  # it described the log before the erasure
    assert_move_recorded(db)
    records = log_records(db)
    records[0]["reason"] = "nachträglich"
    write_log(db, records)
    assert_move_refused_at(db, 1)


@pytest.mark.parametrize("score", ["NaN", "9" * 400, "1e999"])
def test_an_entry_edited_to_a_number_json_alone_reads_is_named_as_changed(tmp_path: Path, score: str) -> None:
    db = tmp_path / "db"
    moved_twice(db)
    lines = (db / "decisions.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    entry = json.loads(lines[1])
    lines[1] = lines[1].replace(f'"score":{json.dumps(entry["score"])}', f'"score":{score}')
    assert f'"score":{score},' in lines[1]
    (db / "decisions.jsonl").write_text("".join(lines), encoding="utf-8")
    assert_move_refused_at(db, 2)


def test_a_move_after_a_restore_checks_the_restored_log(tmp_path: Path) -> None:
    db = tmp_path / "db"
    moved_twice(db)
    export = tmp_path / "export.yaml"
    assert cli("export", str(export), "--db", str(db))[0] == 0
    assert cli("restore", str(export), "--db", str(db), "--force")[0] == 0
    assert_move_recorded(db)
    records = log_records(db)
    records[2]["from"] = "drop" if records[2]["from"] != "drop" else "ideal"
    write_log(db, records)
    assert_move_refused_at(db, 3)


# --- YAML alias bombs are refused before they grow ------------------------------------------

# Nine levels of nine: 387 million leaves once expanded; any walk over it or repr() of it would not end.
BOMB = "".join(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}" if n else "x"] * 9) + "]\n" for n in range(9))


def bomb_rules(path: Path) -> Path:
    path.write_text(f"version: 1\nsettings:\n  window_months: 12\n{BOMB}rules: *l8\n", encoding="utf-8")
    return path


def test_an_alias_bomb_as_rules_is_refused_in_one_line_naming_the_line(tmp_path: Path) -> None:
    rules = bomb_rules(tmp_path / "bomb.yaml")
    db = tmp_path / "db"
    seed_database(db)
    for args in (
        ("rules", "check", str(rules)),
        ("suggest", "--rules", str(rules), "--db", str(db)),
        ("rules", "diff", str(rules), "--db", str(db)),
    ):
        code, out, err = cli(*args)
        message = (out + err).strip()
        assert code == 1 and "bomb.yaml:5" in message and "Alias" in message, (args, message[:300])
        assert len(message) < 400
    bomb_rules(db / "rules.yaml")  # in the database folder it is read by every command
    code, _, err = cli("customers", "--db", str(db))
    assert_one_line_error(code, err, "rules.yaml:5", "Alias")


def test_an_alias_bomb_in_an_export_is_refused_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "db"
    seed_database(db)
    export = tmp_path / "export.yaml"
    assert cli("export", str(export), "--db", str(db))[0] == 0
    text = export.read_text(encoding="utf-8")
    poisoned = tmp_path / "poisoned.yaml"
    poisoned.write_text(text.replace("snapshots: []\n", f"snapshots: []\n{BOMB}"), encoding="utf-8")
    code, _, err = cli("restore", str(poisoned), "--db", str(tmp_path / "new"))
    assert_one_line_error(code, err, "poisoned.yaml:", "Alias")
    assert not (tmp_path / "new").exists() or not any((tmp_path / "new").iterdir())


def test_a_huge_value_in_an_error_is_shown_as_a_short_excerpt(tmp_path: Path) -> None:
    rules = tmp_path / "long.yaml"
    rules.write_text("version: 1\nrules:\n  - " + "x" * 100_000 + "\n", encoding="utf-8")
    code, out, err = cli("rules", "check", str(rules))
    assert code == 1 and len(out + err) < 600, (out + err)[:600]


# --- links in the database folder, and exports onto anything but a regular file ----------------


@pytest.mark.parametrize("name", ["lock", "decisions.jsonl", "board.json"])
def test_a_database_file_that_is_a_symlink_is_refused_and_its_target_untouched(tmp_path: Path, name: str) -> None:
    db = tmp_path / "db"
    seed_database(db)
    victim = tmp_path / "victim.txt"
    victim.write_text("nicht anfassen\n", encoding="utf-8")
    (db / name).unlink()
    (db / name).symlink_to(victim)
    code, _, err = cli("move", "K-7", "drop", "--reason", "zahlt nie", "--db", str(db))
    assert_one_line_error(code, err, f"{name} ist ein symbolischer Link")
    assert victim.read_text(encoding="utf-8") == "nicht anfassen\n"


def test_export_writes_only_regular_files(tmp_path: Path) -> None:
    db = tmp_path / "db"
    seed_database(db)
    victim = tmp_path / "victim.txt"
    victim.write_text("nicht anfassen\n", encoding="utf-8")
    link, fifo = tmp_path / "link.yaml", tmp_path / "fifo.yaml"
    link.symlink_to(victim)
    os.mkfifo(fifo)
    for target, kind in ((link, "symbolischer Link"), (fifo, "FIFO")):
        code, _, err = cli("export", str(target), "--db", str(db))
        assert_one_line_error(code, err, str(target), kind)
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "nicht anfassen\n"
    assert fifo.exists() and not fifo.is_file()
    code, _, err = cli("export", os.devnull, "--db", str(db))
    assert_one_line_error(code, err, "Gerät")
    assert cli("export", str(tmp_path / "ok.yaml"), "--db", str(db))[0] == 0


# --- input that used to be read quietly as something else ------------------------------------

INVOICES = "Rechnungsnummer;Kundennummer;Kunde;Rechnungsdatum;Netto;Brutto;Mahnstufe\n"


def import_invoices(tmp_path: Path, body: str, *options: str) -> tuple[int, str, str, Path]:
    db = tmp_path / "db"
    source = tmp_path / "rechnungen.csv"
    source.write_text(body, encoding="utf-8")
    code, out, err = cli("import", "invoices", str(source), *options, "--db", str(db))
    return code, out, err, db


@pytest.mark.parametrize(
    ("body", "where", "hint"),
    [
        (
            INVOICES + "R-1;K-1;Kunde 1;31.12.2026;100,00;119,00;1\nR-2;K-1;Kunde 1;31.12.0026;100,00;119,00;0\n",
            "rechnungen.csv:3",
            "31.12.2026",
        ),
        (INVOICES + "R-1;K-1;Kunde 1;0026-12-31;100,00;119,00;1\n", "rechnungen.csv:2", "2026-12-31"),
        (INVOICES + "R-1;K-1;Kunde 1;31.12.2026;100,00;119,00;99\n", "rechnungen.csv:2", "0, 1, 2"),
        (
            "Rechnungsnummer;Kundennummer;Kunde;Rechnungsdatum;Netto;Netto\nR-1;K-1;Kunde 1;31.12.2026;100,00;119,00\n",
            "rechnungen.csv:1",
            "Netto",
        ),
    ],
)
def test_misread_input_is_refused_with_the_place_and_the_fix(tmp_path: Path, body: str, where: str, hint: str) -> None:
    code, _, err, db = import_invoices(tmp_path, body)
    assert_one_line_error(code, err, where, hint)
    assert not (db / "invoices.json").exists()


def test_two_columns_mapped_to_one_field_are_refused(tmp_path: Path) -> None:
    body = INVOICES + "R-1;K-1;Kunde 1;31.12.2026;100,00;119,00;1\n"
    code, _, err, db = import_invoices(tmp_path, body, "--map", "Netto=net", "--map", "Brutto=net")
    assert_one_line_error(code, err, "--map Brutto=net", "Netto")
    assert not (db / "invoices.json").exists()


# --- a sentence, not "internal error" ---------------------------------------------------------


def test_a_400_digit_number_in_a_rule_set_is_a_problem_at_its_line(tmp_path: Path) -> None:
    huge = "9" * 400
    bodies = (
        f"version: 1\nsettings:\n  target_hourly_rate: {huge}\nrules: []\n",
        f"version: 1\nrules:\n  - id: a\n    when: revenue > {huge}\n    points: 1\n",
        f"version: 1\nrules:\n  - id: a\n    when: revenue > max_x\n    thresholds: {{max_x: {huge}}}\n",
        f"version: 1\nbands:\n  ideal: {{min: {huge}}}\nrules: []\n",
    )
    for number, body in enumerate(bodies):
        rules = tmp_path / f"huge{number}.yaml"
        rules.write_text(body, encoding="utf-8")
        code, out, err = cli("rules", "check", str(rules))
        assert code == 1 and "internal error" not in out + err, out + err
        assert f"huge{number}.yaml:" in out + err and "zu groß" in out + err and "9" * 50 not in out + err


def test_restore_force_on_a_full_disk_is_one_line_and_keeps_the_old_board(tmp_path: Path, disk: Disk) -> None:
    db = tmp_path / "db"
    seed_database(db)
    export = tmp_path / "export.yaml"
    assert cli("export", str(export), "--db", str(db))[0] == 0
    with Store.open(db, readonly=True) as store:
        before = store.customers()
    disk.written = 0
    assert cli("restore", str(export), "--db", str(tmp_path / "probe"))[0] == 0
    needed = disk.written
    for room in (0, 10, needed // 3, needed * 2 // 3, needed - 1):
        disk.room = room
        code, _, err = cli("restore", str(export), "--db", str(db), "--force")
        disk.room = None
        assert_one_line_error(code, err, "No space left on device")
        with Store.open(db, readonly=True) as store:
            assert store.customers() == before


@pytest.mark.parametrize("command", ["import", "restore"])
def test_a_line_without_end_is_refused_before_it_is_read_whole(tmp_path: Path, command: str) -> None:
    from kanban.lines import MAX_LINE

    source = tmp_path / "endless.csv"
    with source.open("wb") as handle:
        handle.write(INVOICES.encode())
        handle.write(b"R-1;K-1;" + b"x" * (3 * MAX_LINE))
    args = ("import", "invoices", str(source)) if command == "import" else ("restore", str(source))
    code, _, err = cli(*args, "--db", str(tmp_path / "db"))
    assert_one_line_error(code, err, "endless.csv:2", "MB")


# --- leftovers and small leaks ----------------------------------------------------------------


def test_a_reason_without_placeholders_shows_its_percent_sign_once(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        textwrap.dedent("""\
        version: 1
        bands: {drop: {below: -4}, watch: {min: -4, below: 4}, ideal: {min: 4}}
        rules:
          - id: always
            title: {de: Immer, en: Always}
            when: revenue >= 0
            points: 1
            reason: {de: "100% Stammkunde", en: "100% regular"}
        """),
        encoding="utf-8",
    )
    db = tmp_path / "db"
    seed_database(db)
    code, out, err = cli("suggest", "--rules", str(rules), "--format", "json", "--db", str(db))
    assert code == 0, err
    texts = {reason["text"] for entry in json.loads(out) for reason in entry["reasons"]}
    assert texts == {"100% Stammkunde"}


def test_the_crash_log_is_private_and_holds_no_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kanban.board import Board

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Board, "move", broken)
    db = tmp_path / "db"
    seed_database(db)
    log = tmp_path / "state" / "kundenboard" / "crash.log"
    log.parent.mkdir(parents=True)
    log.write_text("from an older kundenboard\n", encoding="utf-8")
    log.chmod(0o644)
    code, _, err = cli("move", "Kunde 7", "drop", "--reason", "Herr Geheim zahlt nie", "--db", str(db))
    assert code == 1 and "interner Fehler" in err and str(log) in err
    assert log.stat().st_mode & 0o777 == 0o600
    written = log.read_text(encoding="utf-8")
    assert "kundenboard move" in written and "RuntimeError: a bug" in written
    assert "Geheim" not in written and "Kunde 7" not in written and str(db) not in written


def exported(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "db"
    seed_database(db)
    export = tmp_path / "export.yaml"
    assert cli("export", str(export), "--db", str(db))[0] == 0
    return export, export.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda text: text.replace("- id: K-0\n", "- id: ''\n", 1), ("columns.", ".id", "leer")),
        (
            lambda text: text.replace("- id: K-11\n", "- id: K-99\n", 1).replace('"K-11"', '"K-98"'),
            ("facts.", "K-98", "in keiner Spalte"),
        ),
    ],
)
def test_restore_refuses_what_the_board_could_not_show(tmp_path: Path, edit: object, words: tuple[str, ...]) -> None:
    export, text = exported(tmp_path)
    edited = edit(text)  # type: ignore[operator]
    assert edited != text
    export.write_text(edited, encoding="utf-8")
    code, _, err = cli("restore", str(export), "--db", str(tmp_path / "new"))
    assert_one_line_error(code, err, "export.yaml:", *words)
    assert not (tmp_path / "new").exists()


def test_restore_refuses_a_decision_about_a_customer_not_in_the_file(tmp_path: Path) -> None:
    export, text = exported(tmp_path)  # K-0 has the one decision
    start, end = text.index("  ideal:\n"), text.index("  watch:\n")
    edited = text[:start] + "  ideal: []\n" + text[end:]
    edited = "\n".join(line for line in edited.splitlines() if '"K-0"' not in line) + "\n"
    edited = edited.replace("ideal: 1", "ideal: 0").replace("invoices: 40", "invoices: 36")
    edited = edited.replace("time_entries: 40", "time_entries: 36")
    export.write_text(edited, encoding="utf-8")
    code, _, err = cli("restore", str(export), "--db", str(tmp_path / "new"))
    assert_one_line_error(code, err, "decisions[0]", "K-0", "in keiner Spalte")


def test_leftovers_of_a_killed_export_and_restore_go_at_the_next_run(tmp_path: Path) -> None:
    export, _ = exported(tmp_path)
    db = tmp_path / "db"
    copy = tmp_path / ".export.yaml.ab12CD34.tmp"
    copy.write_text("die Kopie eines abgebrochenen Exports", encoding="utf-8")
    other = tmp_path / ".other.yaml.ab12CD34.tmp"
    other.write_text("gehört zu einem anderen Export", encoding="utf-8")
    assert cli("export", str(export), "--db", str(db))[0] == 0
    assert not copy.exists() and other.exists()
    target = tmp_path / "restored"
    half = tmp_path / ".restored.restore-x1y2z3"
    half.mkdir()
    (half / "board.json").write_text("{}", encoding="utf-8")
    code, _, err = cli("restore", str(export), "--db", str(target))
    assert code == 0, err
    assert not half.exists() and sorted(p.name for p in tmp_path.glob(".restored*")) == []


def test_an_anchor_across_an_erasure_of_entries_without_salt_cannot_be_proven(tmp_path: Path) -> None:
    db = tmp_path / "db"
    seed_for_erasure(db)
    records = log_records(db)
    for record in records:  # a log written before entries had a salt
        record.pop("salt")
    write_log(db, reseal(records))
    head = records[-1]["hash"]
    assert cli("forget", ERASED, "--yes", "--db", str(db))[0] == 0
    assert cli("audit", "verify", "--db", str(db))[0] == 0
    code, out, _ = cli("audit", "verify", "--anchor", head[:12], "--db", str(db))
    assert code == 1 and "Salts" in out and "Sicherung" in out, out
