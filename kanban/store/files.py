"""Durable file writes: whole files by atomic replace, logs by fsynced append.

TinyDB's JSONStorage rewrites its file in place, so a kill mid-write leaves a
truncated file. Here a write goes to a temp file in the same directory, is
fsynced, renamed over the old one and the directory fsynced: a crash leaves
the old or the new state, never a mix.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kanban.system import NO_FOLLOW, fsync_dir
from kanban.texts import text

OWNER_ONLY = 0o600
JOURNAL = "journal.json"  # a multi-file write decided but perhaps not yet done: see replace_all_or_none


class StoreWriteError(Exception):
    """The disk refused a write (full, read-only, permissions); nothing changed."""


def atomic_write(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Replace `path` with `data` (or what `data` writes into the file), durably; owner-only permissions."""
    replace_durably((write_temp(path, data), path))


def write_temp(path: Path, data: bytes | Callable[[BinaryIO], None]) -> str:
    """The first half of an atomic write: `data` fsynced in a temp file next to `path`.

    Split from the rename so that several files can all be written before any
    of them replaces its old version (a full disk then changes none of them).
    `data` may be a function that writes the content, so that a large file
    (an export) never has to be in memory whole; whatever it raises, the temp
    file goes.
    """
    tmp = ""  # unlinking "" fails quietly
    try:
        # Inside the try: a read-only or unwritable folder fails here already.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, OWNER_ONLY)
    except OSError as error:
        _remove_quietly(tmp)
        raise StoreWriteError(text("errors.unwritable", path=path, reason=error.strerror or error)) from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    return tmp


def replace_durably(*moves: tuple[str, Path]) -> None:
    """The second half: each temp file from `write_temp` takes the place of its file.

    The renames go back to back and the folder is fsynced once after them, so a
    process killed in between splits a multi-file write only in a window of
    microseconds (not atomic: that would take a journal).
    """
    path = moves[0][1]
    try:
        for tmp, path in moves:
            os.replace(tmp, path)
        for directory in {target.parent for _, target in moves}:
            fsync_dir(directory)
    except OSError as error:
        for tmp, _ in moves:
            _remove_quietly(tmp)
        raise StoreWriteError(text("errors.unwritable", path=path, reason=error.strerror or error)) from None


def replace_all_or_none(directory: Path, moves: list[tuple[str, Path]], removals: tuple[str, ...] = ()) -> None:
    """Temp files from `write_temp` take their files' places in `directory` together, or none does.

    The journal naming every rename is written first: once it is on disk the
    write is decided, and if the process dies before the renames are done, the
    next writer to open the database finishes them (`finish_journal`). Before it
    is on disk nothing has changed and the temp files are leftovers. `removals`
    are files the write makes stale (a cache holding what was just erased).
    """
    plan = {"replace": [[Path(tmp).name, target.name] for tmp, target in moves], "remove": list(removals)}
    try:
        atomic_write(directory / JOURNAL, json.dumps(plan).encode())
    except BaseException:
        for tmp, _ in moves:
            _remove_quietly(tmp)
        raise
    finish_journal(directory)


def pending_journal(directory: Path) -> dict[str, Path]:
    """The files a decided write has not yet renamed into place, by name: where a reader finds the new content."""
    plan = _read_journal(directory)
    if plan is None:
        return {}
    return {name: directory / tmp for tmp, name in plan["replace"] if (directory / tmp).exists()}


def finish_journal(directory: Path) -> None:
    """Finish a decided multi-file write a crash interrupted; nothing to do when there is none."""
    plan = _read_journal(directory)
    if plan is None:
        return
    try:
        for tmp, name in plan["replace"]:
            if (directory / tmp).exists():  # the renames done before the crash have no temp file left
                os.replace(directory / tmp, directory / name)
        for name in plan["remove"]:
            (directory / name).unlink(missing_ok=True)
        fsync_dir(directory)
        (directory / JOURNAL).unlink()
        fsync_dir(directory)
    except OSError as error:
        reason = error.strerror or error
        raise StoreWriteError(text("errors.journal_unfinished", path=directory, reason=reason)) from None


def _read_journal(directory: Path) -> dict[str, list] | None:
    try:
        plan = json.loads((directory / JOURNAL).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        plan = None
    if not _is_plan(plan):
        raise StoreWriteError(text("errors.journal_foreign", path=directory / JOURNAL))
    return plan


def _is_plan(plan: object) -> bool:
    """Names only, no paths: a journal must not rename anything outside its folder."""
    if not isinstance(plan, dict) or not isinstance(plan.get("replace"), list):
        return False
    names = [n for pair in plan["replace"] for n in (pair if isinstance(pair, list) and len(pair) == 2 else [None])]
    names += plan.get("remove", []) if isinstance(plan.get("remove"), list) else [None]
    return all(isinstance(n, str) and n and "/" not in n and n not in (".", "..") for n in names)


def append_durably(path: Path, data: bytes) -> None:
    """Append `data` and fsync before returning: the log line is on disk."""
    created = not path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | NO_FOLLOW, OWNER_ONLY)
        try:
            _append_all_or_nothing(fd, data)
        finally:
            os.close(fd)
        if created:
            fsync_dir(path.parent)
    except OSError as error:
        raise StoreWriteError(text("errors.unwritable", path=path, reason=error.strerror or error)) from None


def _append_all_or_nothing(fd: int, data: bytes) -> None:
    """A full disk may take part of a line, or all of it and fail the fsync: take it back.

    A line left behind would be read as confirmed on the next start, and the
    next append would not chain to it.
    """
    size = os.fstat(fd).st_size
    try:
        view = memoryview(data)
        while view:  # write(2) writes less than asked when the disk fills up
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError:
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        except OSError:
            pass
        raise


def truncate_durably(path: Path, size: int) -> None:
    """Cut a torn last line (an append the process did not finish) off the log."""
    with os.fdopen(os.open(path, os.O_RDWR | NO_FOLLOW), "r+b") as handle:
        handle.truncate(size)
        handle.flush()
        os.fsync(handle.fileno())


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def swap_in_folder(staging: Path, target: Path) -> Path | None:
    """Put a new folder (a restored database) where the target is, in one step where the system allows it.

    Returns the folder that now holds the replaced content, if there was any.
    """
    old: Path | None = None
    if not target.exists():
        os.rename(staging, target)
    elif _exchange(staging, target):
        old = staging
    else:
        # No atomic exchange here: two renames, the old content set aside until the new is in place.
        old = staging.with_name(staging.name + "-old")
        os.rename(target, old)
        try:
            os.rename(staging, target)
        except OSError:
            os.rename(old, target)
            raise
    fsync_dir(target.parent)
    return old


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); False when not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # old kernel or a filesystem without it
    raise OSError(code, os.strerror(code), str(b))
