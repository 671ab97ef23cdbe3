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


class StoreLocked(Exception):
    """Another process holds the database; message names it."""


class DatabaseLock:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)  # never lock a link's target
        except OSError as error:  # a read-only folder or disk: reading still works, changing does not
            raise StoreWriteError(
                f"could not write {self.path}: {error.strerror or error} - the database folder must be writable "
                "to change anything; reading works (kundenboard customers)"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 500).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise StoreLocked(
                f"database {self.path.parent} is in use by {holder}: close it there, then try again"
            ) from None
        since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        command = os.path.basename(sys.argv[0]) or "python"
        try:  # a full disk refuses even the note of who holds the lock
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"process {os.getpid()} ({command} on {socket.gethostname()}, since {since})".encode(), 0)
        except OSError as error:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            raise StoreWriteError(f"could not write {self.path}: {error.strerror or error}") from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
