"""A TinyDB storage that writes crash-safely and reads from memory.

We hold the database lock for as long as the store is open, so nobody else
writes the file and the parsed state can be kept in memory: TinyDB otherwise
re-reads and re-parses the whole file on every query.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from kanban.store.files import atomic_write, replace_all_or_none, replace_durably, write_temp
from kanban.texts import text


class CorruptDatabase(Exception):
    """A database file that is not what we wrote; it is left untouched."""


def read_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a database file; None when it does not exist yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        line = getattr(error, "lineno", "?")
        raise CorruptDatabase(text("errors.not_json", where=f"{path}:{line}", kind=error.__class__.__name__)) from None
    if not isinstance(data, dict):
        raise CorruptDatabase(text("errors.not_a_database", path=path))
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic replace on write, in-memory state between writes."""

    def __init__(
        self,
        path: Path,
        readonly: bool = False,
        on_load: Callable[[AtomicJSONStorage], None] | None = None,
        stamp: dict[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.stamp = stamp or {}  # top-level entries every written file carries (the schema version)
        self.readonly = readonly
        self._on_load = on_load
        self._loaded = False
        self._state: dict[str, Any] | None = None
        self._batching = False

    def read(self) -> dict[str, Any] | None:
        """The file's content, parsed on first use (a board from cache never needs the facts)."""
        if not self._loaded:
            self._state, self._loaded = read_json_file(self.path), True
            if self._on_load:
                self._on_load(self)
        # A shallow copy: TinyDB swaps whole tables in it before it calls write().
        return dict(self._state) if self._state is not None else None

    def content(self) -> dict[str, Any]:
        """The parsed content itself, not a copy, for reading only: `read` copies, 75,000 times a board."""
        if not self._loaded:
            self.read()
        return self._state or {}

    def hold(self, data: dict[str, Any]) -> None:
        """Take `data` as the file's content in memory only (a reader's view of an old schema, converted)."""
        self._state, self._loaded = self.stamp | data, True

    def write(self, data: dict[str, Any]) -> None:
        self._loaded = True
        if self.readonly:
            raise PermissionError(f"{self.path} is open read-only")
        data = self.stamp | data
        if self._batching:
            self._state, self._dirty = data, True
            return
        self._flush(data)

    def _payload(self, data: dict[str, Any]) -> bytes:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _flush(self, data: dict[str, Any]) -> None:
        try:
            atomic_write(self.path, self._payload(data))
        except Exception:
            # TinyDB changed the in-memory state before calling us: go back to the disk's.
            self._state = read_json_file(self.path)
            raise
        self._state = data

    def close(self) -> None:
        pass


@contextmanager
def batch_together(
    *storages: AtomicJSONStorage,
    journal: Path | None = None,
    also: tuple[tuple[Path, bytes], ...] = (),
    removals: tuple[str, ...] = (),
) -> Iterator[None]:
    """Table operations on several files, made durable together: a failed write changes none of them.

    Every changed file (and each of `also`, a file given whole) is written to
    its temp file first and renamed into place only when all of them are on
    disk, so a disk that fills up half way through leaves every file as it was.
    With `journal` (the database folder) the renames are all-or-none even when
    the process is killed among them (see `replace_all_or_none`). Nests.
    """
    outer = [storage for storage in storages if not storage._batching]
    for storage in outer:
        storage._batching, storage._dirty = True, False
    try:
        yield
        changed = [(s, s._state) for s in outer if s._dirty and s._state is not None]
        targets = [*(storage.path for storage, _ in changed), *(path for path, _ in also)]
        staged: list[str] = []
        try:
            for storage, state in changed:
                staged.append(write_temp(storage.path, storage._payload(state)))
            for path, data in also:
                staged.append(write_temp(path, data))
        except BaseException:
            for tmp in staged:
                with suppress(OSError):
                    os.unlink(tmp)
            raise
        moves = list(zip(staged, targets, strict=True))
        if journal is not None and (len(moves) > 1 or removals):
            replace_all_or_none(journal, moves, removals)
        elif moves:
            replace_durably(*moves)
    except BaseException:
        # TinyDB changed the in-memory state before it called write(): go back to the disk's.
        for storage in outer:
            storage._state = read_json_file(storage.path)
        raise
    finally:
        for storage in outer:
            storage._batching = False
