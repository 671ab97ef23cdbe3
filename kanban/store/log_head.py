"""The audit log's verified head: how far its hash chain was last proven intact.

Checking the whole chain re-hashes every entry (JSON-encoded again, sha256),
and `kundenboard move` checks it before every append. So the store keeps,
beside the log, the head it last verified: the size in bytes and the number of
entries of the verified part, the last entry's hash, the log file's identity
and a sha256 over the verified bytes. The next check hashes those bytes
as they are, which is much cheaper than re-hashing every entry, and re-hashes
only the entries appended since. The digest is what proves the verified part
unchanged: a hand edit, a truncation, another log copied in its place all
change it (the identity and size only rule out the obvious cases early),
and then the whole chain is checked again.

The head is derived data, like the metrics cache: deleting it costs one full
check, and a failed write of it costs only speed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kanban.store.files import StoreWriteError, atomic_write
from kanban.system import NO_FOLLOW

HEAD_FILE = "decisions.head"


@dataclass(frozen=True)
class LogHead:
    """The verified part of the log: its first `size` bytes, holding `entries` entries."""

    size: int
    entries: int
    last_hash: str
    digest: str  # sha256 over the first `size` bytes
    device: int
    inode: int


@dataclass(frozen=True)
class LogBytes:
    """The log's bytes as on disk, with the file's identity."""

    data: bytes
    device: int
    inode: int


def read_log_bytes(path: Path, size: int) -> LogBytes | None:
    """The first `size` bytes of the log (fewer if it is shorter now); None when there is no log."""
    try:
        fd = os.open(path, os.O_RDONLY | NO_FOLLOW)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        stat = os.fstat(fd)
        return LogBytes(handle.read(size), stat.st_dev, stat.st_ino)


def read_head(path: Path) -> LogHead | None:
    """The remembered head, or None when there is none or it is unreadable (the whole chain is checked then)."""
    try:
        stored = json.loads(path.read_bytes())
        head = LogHead(**stored)
    except (OSError, ValueError, TypeError):
        return None
    numbers = (head.size, head.entries, head.device, head.inode)
    if not all(isinstance(n, int) and n >= 0 for n in numbers) or not isinstance(head.digest, str):
        return None
    return head


def proven_entries(head: LogHead | None, log: LogBytes, records: Sequence[Mapping[str, Any]]) -> int:
    """How many leading entries are proven unchanged since the head was verified: 0 when nothing is."""
    if head is None or not 0 < head.entries <= len(records) or head.size > len(log.data):
        return 0
    last = records[head.entries - 1]
    if (head.device, head.inode) != (log.device, log.inode) or not isinstance(last, Mapping):
        return 0
    if last.get("hash") != head.last_hash:
        return 0
    if hashlib.sha256(memoryview(log.data)[: head.size]).hexdigest() != head.digest:
        return 0
    return head.entries


def head_of(log: LogBytes, records: Sequence[Mapping[str, Any]]) -> LogHead:
    """The head of the whole log as read: to remember once its chain has been verified."""
    last_hash = records[-1].get("hash") if records else ""
    digest = hashlib.sha256(log.data).hexdigest()
    return LogHead(len(log.data), len(records), str(last_hash), digest, log.device, log.inode)


def write_head(path: Path, head: LogHead) -> None:
    """Best effort: without the head the next check is a full one, nothing worse."""
    try:
        atomic_write(path, json.dumps(asdict(head)).encode())
    except StoreWriteError:
        pass
