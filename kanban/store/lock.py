"""One writer at a time: an exclusive lock on `<db>/lock` naming its holder.

TinyDB has no locking and an atomic rename alone does not stop two processes
from losing each other's updates. `flock` is released by the kernel when the
holder dies, so a crashed app never leaves a stale lock behind.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import socket
import sys
from pathlib import Path

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
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:  # a read-only folder or disk: reading still works, changing does not
            reason = error.strerror or error
            raise StoreWriteError(text("errors.lock_unwritable", path=self.path, reason=reason)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 500).decode("utf-8", "replace").strip() or text("errors.another_process")
            os.close(fd)
            raise StoreLocked(text("errors.locked", path=self.path.parent, holder=holder)) from None
        os.ftruncate(fd, 0)
        since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        command = os.path.basename(sys.argv[0]) or "python"
        # Read by a second process, maybe in another language: numbers and names only.
        os.pwrite(fd, f"{command} (PID {os.getpid()}, {socket.gethostname()}, {since})".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
