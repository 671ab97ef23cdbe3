"""Durable file writes: whole files by atomic replace, logs by fsynced append.

TinyDB's JSONStorage rewrites its file in place, so a kill mid-write leaves a
truncated file. Here a write goes to a temp file in the same directory, is
fsynced, renamed over the old one and the directory fsynced: a crash leaves
the old or the new state, never a mix.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600


class StoreWriteError(Exception):
    """The disk refused a write (full, read-only, permissions); nothing changed."""


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, durably; owner-only permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, OWNER_ONLY)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as error:
        _remove_quietly(tmp)
        raise StoreWriteError(f"could not write {path}: {error.strerror or error}") from None


def append_durably(path: Path, data: bytes) -> None:
    """Append `data` and fsync before returning: the log line is on disk."""
    created = not path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, OWNER_ONLY)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _fsync_dir(path.parent)
    except OSError as error:
        raise StoreWriteError(f"could not write {path}: {error.strerror or error}") from None


def truncate_durably(path: Path, size: int) -> None:
    """Cut a torn last line (an append the process did not finish) off the log."""
    with open(path, "r+b") as handle:
        handle.truncate(size)
        handle.flush()
        os.fsync(handle.fileno())


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
