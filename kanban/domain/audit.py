"""The audit log's hash chain: each decision carries the hash of the one before.

Editing, deleting or reordering an entry breaks the chain from that entry on,
and `first_broken` names it. The hash covers the stored dict form (codec), so
what is verified is exactly what is on disk.

The customer number and the reason are personal data that an erasure must be
able to remove without changing the entry's hash. So an entry carries a random
`salt`, and its hash covers `sealed` (sha256 over salt, number and reason) in
place of the three. Erasing the entry keeps `sealed`, drops the salt and puts
the pseudonym and a blank reason in place: the hash stays, the chain and every
anchor noted before stay valid, and the original number cannot be guessed back
from `sealed` without the salt. Entries written before salts existed have none
and are hashed over everything; erasing one of them re-seals the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from enum import Enum
from typing import Any, NamedTuple

from kanban.domain.codec import decision_to_dict
from kanban.domain.model import Decision

ERASED_REASONS = frozenset({"", "[gelöscht]", "[erased]"})  # what an erased entry's reason may be
PERSONAL = ("salt", "customer_id", "reason")


def personal_seal(record: Mapping[str, Any]) -> str:
    """sha256 over an entry's salt, customer number and reason: what its hash covers in place of them."""
    personal = json.dumps([record.get(k) for k in PERSONAL], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(personal.encode("utf-8")).hexdigest()


def record_hash(record: Mapping[str, Any]) -> str:
    """sha256 over the canonical JSON of a stored decision, without its own hash."""
    body = {k: v for k, v in record.items() if k != "hash"}
    if body.get("salt"):
        body["sealed"] = personal_seal(record)
    if "sealed" in body:
        for key in PERSONAL:
            body.pop(key, None)
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def seal(decision: Decision, prev_hash: str) -> Decision:
    """The decision as it enters the log: chained to its predecessor and hashed."""
    chained = replace(decision, prev_hash=prev_hash, hash="")
    return replace(chained, hash=record_hash(decision_to_dict(chained)))


class BreakKind(Enum):
    """What is wrong with the first entry that breaks the chain."""

    CHANGED = "changed"  # its content no longer matches its hash
    OUT_OF_CHAIN = "out_of_chain"  # it does not follow the entry before it (deleted or reordered)


class ChainBreak(NamedTuple):
    """Where the chain breaks (position in the log, 0-based) and how; callers word it in their own texts."""

    position: int
    kind: BreakKind
    entry: Any  # the entry's number as written (a broken log may hold anything there)

    @property
    def changed(self) -> bool:
        return self.kind is BreakKind.CHANGED


def first_broken(records: Sequence[Mapping[str, Any]], start: int = 0) -> ChainBreak | None:
    """The first entry that breaks the chain, or None for an intact log.

    `start` entries are known intact already (the store proved them unchanged
    since they were verified) and are not hashed again. Appending cannot make
    them wrong: an erased entry counts as listed by the first erasure naming it.
    """
    erased = _erased_by(records)
    prev = records[start - 1]["hash"] if start else ""
    for position in range(start, len(records)):
        record = records[position]
        if record.get("prev_hash") != prev:
            return ChainBreak(position, BreakKind.OUT_OF_CHAIN, record.get("id"))
        if record_hash(record) != record.get("hash") or not _erased_as_recorded(record, erased):
            return ChainBreak(position, BreakKind.CHANGED, record.get("id"))
        prev = record["hash"]
    return None


def _erased_by(records: Iterable[Mapping[str, Any]]) -> dict[Any, tuple[Any, Any]]:
    """Entry id -> (pseudonym, erasure entry id), as the erasure entries list them."""
    listed: dict[Any, tuple[Any, Any]] = {}
    for record in records:
        if record.get("kind") == "erasure" and isinstance(record.get("erased"), list):
            for entry in record["erased"]:
                listed.setdefault(entry, (record.get("customer_id"), record.get("id")))
    return listed


def _erased_as_recorded(record: Mapping[str, Any], erased: Mapping[Any, tuple[Any, Any]]) -> bool:
    """An entry whose hash does not cover its number and reason: a later erasure must account for both."""
    if "sealed" not in record:
        return True
    pseudonym, by = erased.get(record.get("id"), (None, None))
    return (
        "salt" not in record
        and record.get("customer_id") == pseudonym
        and record.get("reason") in ERASED_REASONS
        and isinstance(by, int)
        and isinstance(record.get("id"), int)
        and by > record["id"]
    )
