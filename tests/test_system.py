"""Without fcntl (as on Windows) the package imports, reads, and locks through the platform's locker."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from kanban import system
from kanban.store import StoreLocked
from kanban.store.lock import DatabaseLock

ROOT = Path(__file__).resolve().parents[1]

# fcntl and portalocker made unimportable before kanban is imported, as on a system that has neither.
WITHOUT_FCNTL = (
    "import sys; sys.modules['fcntl'] = None; sys.modules['portalocker'] = None; "
    "sys.argv[0] = 'kundenboard'; from kanban.cli import main; sys.exit(main())"
)


def run_without_fcntl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_FCNTL, *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_the_cli_reads_without_fcntl_and_refuses_to_write_in_one_line(demo_db: Path, tmp_path: Path) -> None:
    assert run_without_fcntl("--version").returncode == 0
    listed = run_without_fcntl("customers", "--db", str(demo_db), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert '"K-1001"' in listed.stdout
    before = {path.name: path.read_bytes() for path in demo_db.iterdir()}
    moved = run_without_fcntl("move", "K-1001", "watch", "--db", str(demo_db))
    assert moved.returncode == 1
    assert len(moved.stderr.strip().splitlines()) == 1 and "Traceback" not in moved.stderr, moved.stderr
    assert "lock" in moved.stderr
    assert {path.name: path.read_bytes() for path in demo_db.iterdir()} == before


class FakeLocker(types.SimpleNamespace):
    """portalocker's interface with a lock per file, as msvcrt keeps it for the whole system."""

    class AlreadyLocked(Exception):
        pass

    LockFlags = types.SimpleNamespace(EXCLUSIVE=2, NON_BLOCKING=4)
    held: dict[int, int] = {}

    def lock(self, fd: int, flags: int) -> None:
        assert flags == 6, "an exclusive lock that does not wait"
        inode = os.fstat(fd).st_ino
        if inode in self.held:
            raise self.AlreadyLocked
        self.held[inode] = fd

    def unlock(self, fd: int) -> None:
        del self.held[os.fstat(fd).st_ino]


def test_without_fcntl_the_lock_comes_from_portalocker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system, "fcntl", None)
    monkeypatch.setitem(sys.modules, "portalocker", FakeLocker())
    first, second = DatabaseLock(tmp_path), DatabaseLock(tmp_path)
    first.acquire()
    with pytest.raises(StoreLocked, match="PID"):
        second.acquire()
    first.release()
    second.acquire()  # free again once released
    second.release()
