"""The audit log's hash chain: each decision carries the hash of the one before.

Editing, deleting or reordering an entry breaks the chain from that entry on,
and `first_broken` names it. The hash covers the stored dict form (codec), so
what is verified is exactly what is on disk.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from kanban.domain.codec import decision_to_dict
from kanban.domain.model import Decision


def record_hash(record: Mapping[str, Any]) -> str:
    """sha256 over the canonical JSON of a stored decision, without its own hash."""
    body = {k: v for k, v in record.items() if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def seal(decision: Decision, prev_hash: str) -> Decision:
    """The decision as it enters the log: chained to its predecessor and hashed."""
    chained = replace(decision, prev_hash=prev_hash, hash="")
    return replace(chained, hash=record_hash(decision_to_dict(chained)))


def first_broken(records: Iterable[Mapping[str, Any]]) -> tuple[int, str] | None:
    """(position, what is wrong) of the first entry that breaks the chain, or None."""
    prev = ""
    for position, record in enumerate(records):
        if record.get("prev_hash") != prev:
            return position, "does not follow the entry before it (deleted or reordered?)"
        if record_hash(record) != record.get("hash"):
            return position, "was changed after it was written"
        prev = record["hash"]
    return None
