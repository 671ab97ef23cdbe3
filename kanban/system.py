"""The calls that differ between POSIX and Windows, in one place: locking, links, folder fsync, signals.

POSIX locks with the standard library's `flock`. Windows has no `fcntl`: there
the lock comes from portalocker (msvcrt's byte-range lock, released by the
system when the holder dies, as `flock` is). On POSIX portalocker would make
the same `flock` call, but importing it loads `importlib.metadata` on the way
to the first paint, so it is used only where it is needed.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from types import ModuleType

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


# Opening a database file never follows a symlink planted in its place. Windows has no O_NOFOLLOW
# (and creating a symlink there needs admin rights); the folder check in the store still refuses links.
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NoLocking(Exception):
    """This system offers no file lock we know how to take."""


def try_lock(fd: int) -> bool:
    """Take an exclusive lock on the open file without waiting: False when another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    portalocker = _portalocker()
    try:
        portalocker.lock(fd, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
    except portalocker.AlreadyLocked:
        return False
    return True


def unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        _portalocker().unlock(fd)


def _portalocker() -> ModuleType:
    try:
        import portalocker
    except ImportError as error:  # POSIX without fcntl, or a Windows install without its dependency
        raise NoLocking(str(error)) from None
    return portalocker


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in `directory` durable. Windows cannot open a folder and
    makes renames durable itself (NTFS journals its metadata)."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_at_start(fd: int, data: bytes) -> None:
    """Replace what the open file holds with `data` (os.pwrite is POSIX only)."""
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)


def hangup_signals() -> tuple[signal.Signals, ...]:
    """The signals of a closed terminal window and of a kill: Windows has no SIGHUP."""
    return tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))
