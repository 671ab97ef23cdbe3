"""One writer at a time: an exclusive lock on `<db>/lock` naming its holder.

TinyDB has no locking and an atomic rename alone does not stop two processes
from losing each other's updates. `flock` is released by the kernel when the
holder dies, so a crashed app never leaves a stale lock behind (`kanban/system.py`
says how on Windows).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from pathlib import Path

from kanban import system
from kanban.store.files import StoreWriteError
from kanban.texts import text


class StoreLocked(Exception):
    """Another process holds the database; message names it."""


class DatabaseLock:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | system.NO_FOLLOW, 0o600)  # never lock a link's target
        except OSError as error:  # a read-only folder or disk: reading still works, changing does not
            reason = error.strerror or error
            raise StoreWriteError(text("errors.lock_unwritable", path=self.path, reason=reason)) from None
        try:
            locked = system.try_lock(fd)
        except system.NoLocking as error:
            os.close(fd)
            raise StoreWriteError(text("errors.no_locking", path=self.path, reason=error)) from None
        if not locked:
            holder = _holder(fd) or text("errors.another_process")
            os.close(fd)
            raise StoreLocked(text("errors.locked", path=self.path.parent, holder=holder)) from None
        since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        command = os.path.basename(sys.argv[0]) or "python"
        # Read by a second process, maybe in another language: numbers and names only.
        holder = f"{command} (PID {os.getpid()}, {socket.gethostname()}, {since})"
        try:  # a full disk refuses even the note of who holds the lock
            system.write_at_start(fd, holder.encode())
        except OSError as error:
            system.unlock(fd)
            os.close(fd)
            raise StoreWriteError(text("errors.unwritable", path=self.path, reason=error.strerror or error)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            system.unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def _holder(fd: int) -> str:
    """Who holds the lock, as it wrote into the file."""
    try:
        return os.read(fd, 500).decode("utf-8", "replace").strip()
    except OSError:  # Windows locks the bytes themselves: the name cannot be read while held
        return ""
