"""What a user keeps when things go wrong: kills mid-write, a second instance, a full or read-only disk, hand edits.

Each test states what the user would see: the database still opens, every
decision the program confirmed is there and the audit chain verifies; a write
that fails says so in one line and changes nothing, on disk or on screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from child_lines import ChildLines

from kanban.domain.audit import first_broken
from kanban.domain.model import Column, Customer, Decision, Invoice, TimeEntry
from kanban.store import Store

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 27)


def seed_database(db: Path, customers: int = 12) -> None:
    """A small board with some facts and a decision, so that every file has content a torn write could damage."""
    with Store.open(db) as store:
        store.save_customers(Customer(f"K-{i}", f"Kunde {i}", notes="0") for i in range(customers))
        store.add_facts(
            invoices=[
                Invoice(f"B-{i}", f"K-{i % customers}", dt.date(2026, 1 + i % 10, 3), 500.0 + i) for i in range(40)
            ],
            time_entries=[
                TimeEntry(f"K-{i % customers}", dt.date(2026, 1 + i % 10, 2), 2.5, key=f"b{i}") for i in range(40)
            ],
        )
        store.append_decision(
            Decision(
                0,
                dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC),
                "K-0",
                Column.WATCH,
                Column.IDEAL,
                "Rahmenvertrag",
                "me",
                "2026-Q4",
            )
        )


# --- 1. killed at random moments -------------------------------------------------------------

# One long-lived process imports everything once and forks a writer per round, so a
# few hundred kills cost milliseconds each instead of an interpreter start each.
# A writer prints a line only after the call returned: that write is confirmed.
ZYGOTE = textwrap.dedent("""
    import datetime as dt, os, random, sys
    from dataclasses import replace
    from pathlib import Path
    from kanban.board import Board
    from kanban.domain.model import Column, Invoice, TimeEntry
    from kanban.rules_file import load_rule_set
    from kanban.importing.load import import_file
    from kanban.resources import default_rules_path
    from kanban.store import Store

    rule_set = load_rule_set(default_rules_path())

    def say(text):
        os.write(1, (text + "\\n").encode())

    def write_forever(db, round_, seed):
        rng = random.Random(seed)
        board = Board(Store.open(db), rule_set, as_of=dt.date(2026, 11, 27))
        say(f"ready {round_}")
        for n in range(1, 1_000_000):
            seq = round_ * 10_000 + n
            cid = rng.choice(sorted(board.views))
            choice = rng.random()
            if choice < 0.5:
                current = board.views[cid].customer.column
                to = rng.choice([c for c in Column if c is not current])
                decision = board.move(cid, to, reason=f"Runde {seq}")
                say(f"D {decision.id} {cid} {to.value}")
            elif choice < 0.6:  # an import: a new customer and its invoice, two files in one transaction
                export = Path(db).parent / f"import-{seq}.csv"
                with open(export, "w", encoding="utf-8") as handle:
                    handle.write(f"Rechnungsnummer;Kundennummer;Kunde;Rechnungsdatum;Netto\\n"
                                 f"I-{seq};N-{seq};Neu {seq};05.10.2026;100,00\\n")
                import_file(board.store, export, "invoices")
                say(f"I I-{seq} N-{seq}")
            elif choice < 0.8:
                customer = board.views[cid].customer
                board.store.save_customers([replace(customer, notes=str(seq))])
                say(f"C {cid} {seq}")
            else:
                board.store.add_facts(
                    invoices=[Invoice(f"R-{seq}", cid, dt.date(2026, 10, 1), 100.0)],
                    time_entries=[TimeEntry(cid, dt.date(2026, 10, 1), 1.0, key=f"t{seq}")],
                )
                say(f"F R-{seq} t{seq}")

    for line in sys.stdin:
        db, round_, seed = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(db, int(round_), int(seed))
            except BaseException as error:  # the test fails with this line
                import traceback
                where = traceback.extract_tb(error.__traceback__)[-1]
                text = " ".join(str(error).split())
                say(f"error {error.__class__.__name__}: {text} at {where.filename}:{where.lineno}")
            finally:
                os._exit(1)
        say(f"pid {pid}")
        os.waitpid(pid, 0)
        say(f"dead {round_}")
""")


@dataclass
class Confirmed:
    """What writers reported as done, across all rounds."""

    decisions: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (customer, to)
    notes: dict[str, int] = field(default_factory=dict)  # customer -> highest confirmed seq
    facts: set[tuple[str, str]] = field(default_factory=set)  # (invoice number, time entry key)
    imports: set[tuple[str, str]] = field(default_factory=set)  # (invoice number, new customer)

    def take(self, line: str) -> None:
        kind, *rest = line.split()
        if kind == "D":
            self.decisions[int(rest[0])] = (rest[1], rest[2])
        elif kind == "C":
            self.notes[rest[0]] = max(self.notes.get(rest[0], 0), int(rest[1]))
        elif kind == "F":
            self.facts.add((rest[0], rest[1]))
        elif kind == "I":
            self.imports.add((rest[0], rest[1]))


class Zygote:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.child: int | None = None
        self.line = ChildLines(self.process.stdout, "writer process", silence=60.0)

    def until(self, prefix: str, confirmed: Confirmed) -> str:
        while True:
            text = self.line()
            if text.startswith(prefix):
                return text
            assert not text.startswith(("error", "dead")), f"the writer failed by itself: {text}"
            confirmed.take(text)

    def confirmations(self, count: int, confirmed: Confirmed) -> None:
        """Wait until the writer has confirmed `count` more writes."""
        for _ in range(count):
            text = self.line()
            assert not text.startswith(("error", "dead")), f"the writer failed by itself: {text}"
            confirmed.take(text)

    def close(self) -> None:
        if self.child is not None:
            try:
                os.kill(self.child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.kill()
        self.process.wait()


def check_after_kill(db: Path, confirmed: Confirmed) -> None:
    with Store.open(db, readonly=True) as reader:  # a reader opens even with a torn last log line
        assert first_broken(reader.decision_records()) is None
    with Store.open(db) as store:  # the database opens for writing: old or new state, never a torn file
        records = store.decision_records()
        assert first_broken(records) is None
        by_id = {r["id"]: (r["customer_id"], r["to"]) for r in records}
        lost = {i: d for i, d in confirmed.decisions.items() if by_id.get(i) != d}
        assert not lost, f"confirmed decisions lost: {lost}"
        customers = store.customers()
        assert {f"K-{i}" for i in range(12)} <= customers.keys()
        stale = {cid: seq for cid, seq in confirmed.notes.items() if int(customers[cid].notes) < seq}
        assert not stale, f"confirmed customer edits lost: {stale}"
        keys = store.fact_keys()
        missing = {f for f in confirmed.facts if f[0] not in keys["invoices"] or f[1] not in keys["time_entries"]}
        assert not missing, f"confirmed facts lost: {missing}"
        unseen = {i for i in confirmed.imports if i[0] not in keys["invoices"] or i[1] not in customers}
        assert not unseen, f"confirmed imports lost: {unseen}"
    # Temp files of interrupted writes are copies of old data (of forgotten customers too): none pile up.
    assert leftovers(db) == []


@pytest.mark.slow
def test_a_writer_killed_hundreds_of_times_never_loses_a_confirmed_write(tmp_path: Path) -> None:
    rng = random.Random(8)
    zygote = Zygote()
    total = awaited = 0
    try:
        # A fresh database every 100 kills: the log grows by a kilobyte a decision and checking it costs time.
        for db in (tmp_path / "db1", tmp_path / "db2", tmp_path / "db3"):
            seed_database(db)
            confirmed = Confirmed()
            for _ in range(100):
                total += 1
                zygote.process.stdin.write(f"{db} {total} {rng.randrange(1 << 30)}\n")
                zygote.child = int(zygote.until("pid", confirmed).split()[1])
                if rng.random() < 0.9:  # mostly mid-write; sometimes while it is still opening the database
                    zygote.until("ready", confirmed)
                    # Wait for writes, not for time: a slow machine kills after as many confirmed writes as a fast one.
                    writes = rng.randrange(4)
                    zygote.confirmations(writes, confirmed)
                    awaited += writes
                time.sleep(rng.uniform(0, 0.02))  # only where in the next write the kill lands
                with contextlib.suppress(ProcessLookupError):  # it failed by itself: its last line says why
                    os.kill(zygote.child, signal.SIGKILL)
                zygote.until(f"dead {total}", confirmed)
                zygote.child = None
                check_after_kill(db, confirmed)
    finally:
        zygote.close()
    assert awaited > 200  # the kills fell between and inside real writes, as many on any machine


# --- helpers for the tests below ---------------------------------------------------------------

DATABASE_FILES = ("board.json", "invoices.json", "time_entries.json", "events.json", "decisions.jsonl")


def contents(db: Path) -> dict[str, bytes]:
    """The files that hold the user's data, byte for byte (not the lock, not the derived cache)."""
    return {name: (db / name).read_bytes() for name in DATABASE_FILES if (db / name).exists()}


def leftovers(db: Path) -> list[str]:
    return sorted(name for name in os.listdir(db) if name.endswith(".tmp"))


def kundenboard(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, as a user runs it."""
    script = "import sys; sys.argv[0] = 'kundenboard'; from kanban.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(exit_code: int, stderr: str, *words: str) -> None:
    """Exit 1 and a single line naming what is wrong, no traceback, no internal error."""
    assert exit_code == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "interner Fehler" not in stderr and "internal error" not in stderr, stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(autouse=True)
def crash_log_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal error would write a crash log; keep it out of the home folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture
def app_never_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    """`kundenboard` without a command must fail before the full-screen app takes the terminal."""
    import kanban.tui

    def refuse(board: object) -> None:
        raise AssertionError("the app started although the database could not be opened for writing")

    monkeypatch.setattr(kanban.tui, "run_app", refuse)


def cli(*args: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from kanban.cli import main

    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, AssertionError), result.exception
    return result.exit_code, result.stdout, result.stderr


# --- 2. two instances at once ------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time
    from kanban.store import Store
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    time.sleep(120)
""")


@pytest.fixture
def held_db(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A database that another process (the board in another terminal) has open."""
    db = tmp_path / "db"
    seed_database(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_second_cli_writer_is_refused_naming_the_process_and_readers_still_work(held_db: tuple[Path, int]) -> None:
    db, pid = held_db
    before = contents(db)
    moved = kundenboard("move", "K-1", "ideal", "--db", str(db))
    assert_one_line_error(moved.returncode, moved.stderr, f"PID {pid}", "in Benutzung", str(db))
    code, out, err = cli("customers", "--db", str(db), "--format", "json", "--as-of", "2026-11-27")
    assert code == 0, err
    assert "Kunde 11" in out
    assert contents(db) == before


def test_a_second_app_is_refused_before_it_takes_the_screen(held_db: tuple[Path, int], app_never_starts: None) -> None:
    db, pid = held_db
    code, _, err = cli("--db", str(db))
    assert_one_line_error(code, err, f"PID {pid}")
    code, _, err = cli("demo", "--db", str(db))
    assert_one_line_error(code, err, f"PID {pid}")


def test_a_restore_over_an_open_database_is_refused_naming_the_process(
    held_db: tuple[Path, int], tmp_path: Path
) -> None:
    db, pid = held_db
    code, _, err = cli("export", "--db", str(db), str(tmp_path / "export.yaml"), "--as-of", "2026-11-27")
    assert code == 0, err
    before = contents(db)
    code, _, err = cli("restore", str(tmp_path / "export.yaml"), "--db", str(db), "--force")
    assert_one_line_error(code, err, f"PID {pid}")
    assert contents(db) == before


def test_the_lock_is_free_again_when_the_holder_is_killed(tmp_path: Path) -> None:
    db = tmp_path / "db"
    seed_database(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    code, out, err = cli("move", "K-1", "ideal", "--db", str(db))
    assert code == 0, err
    assert "Kunde 1" in out


# --- 3. a full or read-only disk ---------------------------------------------------------------


class Disk:
    """What kanban.store.files sees of `os` and `tempfile`: the real thing, until the disk fills up.

    `room` is how many more bytes fit (None: plenty). A write that does not fit
    writes what fits and reports the short count, as write(2) does; the next one
    fails with ENOSPC, and so does every fsync once the disk is full. Read-only
    refuses every file created or opened for writing with EROFS. Root ignores
    permissions, so a read-only disk cannot be made with chmod in CI.
    """

    def __init__(self, room: int | None = None, readonly: bool = False) -> None:
        self.room = room
        self.readonly = readonly
        self.written = 0

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    def _refuse(self, code: int) -> OSError:
        return OSError(code, os.strerror(code))

    def write(self, fd: int, data: bytes) -> int:
        if self.readonly:
            raise self._refuse(errno.EROFS)
        if self.room is not None:
            if self.room == 0:
                raise self._refuse(errno.ENOSPC)
            data = bytes(data[: self.room])
            self.room -= len(data)
        self.written += len(data)
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        if self.room == 0:
            raise self._refuse(errno.ENOSPC)
        os.fsync(fd)

    def open(self, path: str | Path, flags: int, *args: int) -> int:
        if self.readonly and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise self._refuse(errno.EROFS)
        return os.open(path, flags, *args)

    def fdopen(self, fd: int, mode: str = "r", *args: object) -> object:
        import io

        disk = self

        class Raw(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, data: bytes) -> int:
                return disk.write(fd, data)

            def fileno(self) -> int:
                return fd

            def close(self) -> None:
                if not self.closed:
                    os.close(fd)
                super().close()

        return io.BufferedWriter(Raw()) if "w" in mode else os.fdopen(fd, mode, *args)

    def mkstemp(self, *args: object, **kwargs: object) -> tuple[int, str]:
        import tempfile

        if self.readonly:
            raise self._refuse(errno.EROFS)
        return tempfile.mkstemp(*args, **kwargs)  # type: ignore[call-overload]


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    """The disk under the store, with plenty of room until a test fills it or makes it read-only."""
    import types

    from kanban.store import files, lock

    faulty = Disk()
    monkeypatch.setattr(files, "os", faulty)
    monkeypatch.setattr(files, "tempfile", types.SimpleNamespace(mkstemp=faulty.mkstemp))
    monkeypatch.setattr(lock, "os", faulty)
    return faulty


@pytest.fixture
def board(tmp_path: Path) -> Iterator[object]:
    from kanban.board import Board
    from kanban.resources import default_rules_path
    from kanban.rules_file import load_rule_set

    db = tmp_path / "db"
    seed_database(db)
    board = Board(Store.open(db), load_rule_set(default_rules_path()), as_of=AS_OF)
    board.move("K-1", Column.IDEAL, "zahlt pünktlich")
    yield board
    board.close()


def on_disk(db: Path) -> tuple[dict[str, Column], list[dict], dict[str, set[str]]]:
    """What a fresh process would read: columns, the log, the fact keys."""
    with Store.open(db, readonly=True) as store:
        columns = {cid: c.column for cid, c in store.customers().items()}
        return columns, store.decision_records(), store.fact_keys()


def in_memory(board: object) -> tuple[dict[str, Column], list[dict], dict[str, set[str]]]:
    """What the running program believes: the board's cards and the store's state."""
    store = board.store  # type: ignore[attr-defined]
    columns = {cid: view.customer.column for cid, view in board.views.items()}  # type: ignore[attr-defined]
    return columns, store.decision_records(), store.fact_keys()


def failing_writes(board: object) -> dict[str, object]:
    """Every kind of write a user can start, each as a call that must fail cleanly."""
    from kanban.importing.load import import_file

    store = board.store  # type: ignore[attr-defined]
    return {
        "move": lambda: board.move("K-2", Column.DROP, "zu viele Korrekturen"),  # type: ignore[attr-defined]
        "undo": lambda: board.undo(store.decisions()[-1]),  # type: ignore[attr-defined]
        "new customer": lambda: board.save_customer(Customer("K-99", "Weingut Rebstock"), True),  # type: ignore
        "edit customer": lambda: board.save_customer(Customer("K-3", "Kunde 3", notes="neu"), False),  # type: ignore
        "facts": lambda: store.add_facts(invoices=[Invoice("R-NEU", "K-3", dt.date(2026, 11, 2), 90.0)]),
        "import": lambda: (
            import_file(store, ROOT / "tests/fixtures/import/rechnungen-de.csv", "invoices"),
            board.refresh(),
        ),  # type: ignore[attr-defined]  # the app shows the new cards
    }


WRITES = ["move", "undo", "new customer", "edit customer", "facts", "import"]


@pytest.mark.parametrize("room", [0, 5, 300])
@pytest.mark.parametrize("write", WRITES)
def test_a_full_disk_refuses_a_write_in_one_line_and_changes_nothing(
    board: object, disk: Disk, write: str, room: int
) -> None:
    from kanban.store import StoreWriteError

    db = board.store.directory  # type: ignore[attr-defined]
    before, shown = contents(db), in_memory(board)
    disk.room = room
    with pytest.raises(StoreWriteError) as refused:
        failing_writes(board)[write]()  # type: ignore[operator]
    message = str(refused.value)
    assert "\n" not in message and "No space left on device" in message and str(db) in message
    assert contents(db) == before
    assert in_memory(board) == shown == on_disk(db)  # the screen does not claim what the disk lacks
    assert leftovers(db) == []
    # Room again: the same write now goes through and the audit chain stays intact.
    disk.room = None
    failing_writes(board)[write]()  # type: ignore[operator]
    assert in_memory(board) == on_disk(db)
    assert first_broken(on_disk(db)[1]) is None


@pytest.mark.parametrize("write", WRITES)
def test_a_read_only_disk_refuses_a_write_in_one_line_and_changes_nothing(
    board: object, disk: Disk, write: str
) -> None:
    from kanban.store import StoreWriteError

    db = board.store.directory  # type: ignore[attr-defined]
    before, shown = contents(db), in_memory(board)
    disk.readonly = True
    with pytest.raises(StoreWriteError) as refused:
        failing_writes(board)[write]()  # type: ignore[operator]
    assert "\n" not in str(refused.value) and "Read-only file system" in str(refused.value)
    assert contents(db) == before
    assert in_memory(board) == shown == on_disk(db)


@pytest.mark.parametrize("share", [0.3, 0.9, 0.99])
def test_an_import_that_fills_the_disk_half_way_adds_nothing(
    board: object, disk: Disk, tmp_path: Path, share: float
) -> None:
    """Customers go to board.json and facts to their own files: the disk may fill between two files."""
    import shutil

    from kanban.importing.load import import_file
    from kanban.store import StoreWriteError

    db = board.store.directory  # type: ignore[attr-defined]
    trial = tmp_path / "trial"
    shutil.copytree(db, trial)
    source = ROOT / "tests/fixtures/import/rechnungen-de.csv"
    with Store.open(trial) as store:
        import_file(store, source, "invoices")
    needed, disk.written = disk.written, 0
    before, shown = contents(db), in_memory(board)
    disk.room = int(needed * share)
    with pytest.raises(StoreWriteError):
        import_file(board.store, source, "invoices")  # type: ignore[attr-defined]
    assert contents(db) == before
    assert in_memory(board) == shown == on_disk(db)
    assert leftovers(db) == []


def test_a_full_disk_is_one_line_from_the_cli_and_the_move_is_not_recorded(tmp_path: Path, disk: Disk) -> None:
    db = tmp_path / "db"
    seed_database(db)
    before = contents(db)
    disk.room = 0
    code, _, err = cli("move", "K-1", "drop", "--reason", "zahlt nie", "--db", str(db))
    assert_one_line_error(code, err, "No space left on device", "decisions.jsonl")
    assert contents(db) == before
    disk.room = None
    code, out, _ = cli("audit", "--db", str(db), "--format", "json")
    assert code == 0 and "zahlt nie" not in out


def test_a_read_only_database_folder_can_be_read_but_not_opened_for_writing(tmp_path: Path, disk: Disk) -> None:
    db = tmp_path / "db"
    seed_database(db)
    before = contents(db)
    disk.readonly = True
    code, out, err = cli("customers", "--db", str(db), "--format", "json", "--as-of", "2026-11-27")
    assert code == 0, err
    assert "Kunde 11" in out
    code, _, err = cli("move", "K-1", "ideal", "--db", str(db))
    assert_one_line_error(code, err, "Read-only file system", str(db))
    assert contents(db) == before


def test_a_database_folder_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder's parent should be")
    code, _, err = cli("move", "K-1", "ideal", "--db", str(blocker / "db"))
    assert_one_line_error(code, err, str(blocker), "ist eine Datei", "ein anderes --db wählen")


# --- 4. a database edited by hand into invalid JSON -----------------------------------------------


def spoil(path: Path) -> None:
    """What a slip in an editor leaves: stray characters in the middle of the file."""
    raw = path.read_bytes()
    middle = len(raw) // 2
    path.write_bytes(raw[:middle] + b'", oops ]{' + raw[middle:])


COMMANDS = {
    "the app": [],
    "move": ["move", "K-1", "ideal"],
    "customers": ["customers"],
    "audit verify": ["audit", "verify"],
    "export": ["export", "-"],
}


@pytest.mark.parametrize("name", ("board.json", "invoices.json", "time_entries.json", "decisions.jsonl"))
def test_a_hand_edited_file_is_named_in_one_line_and_left_as_it_is(
    tmp_path: Path, name: str, app_never_starts: None
) -> None:
    db = tmp_path / "db"
    seed_database(db)
    with Store.open(db) as store:  # a few decisions, so the log has a middle
        for cid in ("K-2", "K-3", "K-4"):
            store.append_decision(
                Decision(
                    0,
                    dt.datetime(2026, 11, 3, tzinfo=dt.UTC),
                    cid,
                    Column.WATCH,
                    Column.DROP,
                    "zahlt nie",
                    "me",
                    "2026-Q4",
                )
            )
    spoil(db / name)
    before = contents(db)
    for command, args in COMMANDS.items():
        if command == "audit verify" and name in ("invoices.json", "time_entries.json"):
            continue  # verify reads the log and the board only; the facts are not part of the chain
        code, out, err = cli(*args, "--db", str(db))
        assert_one_line_error(code, err or out, str(db / name))  # audit verify reports on stdout: BROKEN: ...
        assert contents(db) == before, command
        assert leftovers(db) == [], command
    assert not (tmp_path / "state").exists()  # no crash log: every error was one the program expected


# --- the app: a failed write keeps what the user typed and shows the truth -------------------------


async def type_into(pilot: object, app: object, field_id: str, value: str) -> None:
    from textual.widgets import Input

    widget = app.screen.query_one(f"#{field_id}", Input)  # type: ignore[attr-defined]
    widget.focus()
    await pilot.pause()  # type: ignore[attr-defined]
    widget.value = value[:-1]
    widget.cursor_position = len(widget.value)
    await pilot.press(value[-1])  # type: ignore[attr-defined]


def errors_shown(app: object) -> list[str]:
    """The error notifications (run_test does not draw them, so read what the app was told to show)."""
    return [n.message for n in app._notifications if n.severity == "error"]  # type: ignore[attr-defined]


async def test_a_full_disk_keeps_the_customer_form_open_with_what_was_typed(tmp_path: Path, disk: Disk) -> None:
    from textual.widgets import Input
    from tui_fixtures import build_store, running_app

    from kanban.tui.screens.customer_form import CustomerFormScreen

    db = tmp_path / "db"
    build_store(db).close()
    async with running_app(db) as (app, pilot, board):
        await pilot.press("n")
        await type_into(pilot, app, "name", "Weingut Rebstock")
        await type_into(pilot, app, "contact", "Frau Rebe")
        before = contents(db)
        disk.room = 0
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CustomerFormScreen)  # still open: nothing typed is lost
        assert app.screen.query_one("#name", Input).value == "Weingut Rebstock"
        assert app.screen.query_one("#contact", Input).value == "Frau Rebe"
        assert any("No space left on device" in message for message in errors_shown(app))
        assert contents(db) == before
        assert "Weingut Rebstock" not in {v.customer.name for v in board.views.values()}
        disk.room = None  # space freed: the same form saves
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CustomerFormScreen)
    with Store.open(db, readonly=True) as store:
        assert "Weingut Rebstock" in {c.name for c in store.customers().values()}


async def test_a_full_disk_leaves_the_card_where_it_was(tmp_path: Path, disk: Disk) -> None:
    from tui_fixtures import build_store, running_app

    from kanban.tui.board_widget import ColumnList

    db = tmp_path / "db"
    build_store(db).close()
    async with running_app(db) as (app, pilot, board):
        focused = app.screen.focused
        assert isinstance(focused, ColumnList)
        customer_id, column = focused.current_id, focused.column
        target = next(c for c in Column if c is not column and c is not Column.DROP)
        disk.room = 0
        await pilot.press(str(list(Column).index(target) + 1))
        await pilot.pause()
        assert any("No space left on device" in message for message in errors_shown(app))
        lists = {c: app.screen.query_one(f"#list-{c.value}", ColumnList) for c in Column}
        assert customer_id in lists[column].ids and customer_id not in lists[target].ids
        assert board.views[customer_id].customer.column is column
    assert on_disk(db)[1] == []


async def test_a_full_disk_asks_for_the_drop_reason_again_with_what_was_typed(tmp_path: Path, disk: Disk) -> None:
    from tui_fixtures import build_store, running_app

    from kanban.tui.board_widget import ColumnList
    from kanban.tui.screens.drop_reason import DropReasonScreen, ReasonArea

    db = tmp_path / "db"
    build_store(db).close()
    reason = "Zahlt seit Monaten nicht, trotz dritter Mahnung"
    async with running_app(db) as (app, pilot, board):
        focused = app.screen.focused
        assert isinstance(focused, ColumnList) and focused.column is not Column.DROP
        customer_id = focused.current_id
        await pilot.press("3")
        assert isinstance(app.screen, DropReasonScreen)
        app.screen.query_one(ReasonArea).text = reason
        disk.room = 0
        await pilot.press("enter")
        await pilot.pause()
        assert any("No space left on device" in message for message in errors_shown(app))
        assert isinstance(app.screen, DropReasonScreen)  # asked again, with the reason as typed
        assert app.screen.query_one(ReasonArea).text == reason
        assert board.views[customer_id].customer.column is not Column.DROP
        disk.room = None
        await pilot.press("enter")
        await pilot.pause()
        assert board.views[customer_id].customer.column is Column.DROP
    assert [(r["customer_id"], r["reason"]) for r in on_disk(db)[1]] == [(customer_id, reason)]
