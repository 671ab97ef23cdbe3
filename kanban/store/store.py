"""The store: the only code that talks to TinyDB and the database files.

A database is a directory, created owner-only:

- `board.json`     TinyDB: customers, quarter snapshots, meta (schema version)
- `facts.json`     TinyDB: invoices, time entries, events (bulk, rarely written)
- `decisions.jsonl` the audit log, one JSON object a line, appended and fsynced
- `lock`           held while a process writes; names that process

Facts live apart from the board so that a card move never rewrites them, and
the current column of a customer is the `to` of their latest decision (or the
column they were created with): a move is one fsynced line, at any size.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from kanban.domain import codec
from kanban.domain.audit import seal
from kanban.domain.model import Column, Customer, Decision, Event, Facts, Invoice, TimeEntry
from kanban.store.files import StoreWriteError, append_durably, atomic_write, truncate_durably
from kanban.store.lock import DatabaseLock
from kanban.store.storage import AtomicJSONStorage, CorruptDatabase, batch_together

SCHEMA_VERSION = 1
_SCHEMA_STAMP = {"meta": {"1": {"schema": SCHEMA_VERSION}}}

# Schema migrations, by the version they start from: each takes and returns the
# raw TinyDB dict of one file. Empty while there has only been version 1.
MIGRATIONS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {}


# Every file a database folder may hold; temp files of interrupted writes aside.
DATABASE_FILES = frozenset({"board.json", "facts.json", "decisions.jsonl", "lock", "rules.yaml", "cache.json"})


def foreign_files(directory: Path) -> list[str]:
    """Names in `directory` that no kundenboard database has: it is someone else's folder."""
    return sorted(n for n in os.listdir(directory) if n not in DATABASE_FILES and not _is_leftover(n))


def _is_leftover(name: str) -> bool:
    """A temp file of an interrupted atomic write (`.board.json.abc123.tmp`)."""
    return name.startswith(".") and name.endswith(".tmp") and any(name.startswith(f".{f}.") for f in DATABASE_FILES)


class NewerSchema(Exception):
    """The database was written by a newer kundenboard; we do not touch it."""


class UpsertTable(Table):
    """TinyDB table with a bulk upsert by our own key in one write.

    TinyDB's own upsert writes the whole file once per document; an import of
    thousands of rows must be one write.
    """

    def upsert_by(self, key: str, docs: Iterable[dict[str, Any]]) -> None:
        incoming = {doc[key]: doc for doc in docs}
        if not incoming:
            return  # nothing to write: an import without new customers must not rewrite the board file

        def updater(table: dict[int, dict[str, Any]]) -> None:
            for doc_id, doc in table.items():
                if doc.get(key) in incoming:
                    table[doc_id] = incoming.pop(doc[key])
            next_id = max(table, default=0) + 1
            for offset, doc in enumerate(incoming.values()):
                table[next_id + offset] = doc

        self._update_table(updater)
        self._next_id = None  # TinyDB caches the next id; ours may have used it


class _Database(TinyDB):
    table_class = UpsertTable


@dataclass(frozen=True)
class FactsAdded:
    invoices: int = 0
    invoices_updated: int = 0
    time_entries: int = 0
    events: int = 0
    duplicates: int = 0


class Store:
    def __init__(self, directory: Path, readonly: bool = False) -> None:
        self.directory = directory
        self.readonly = readonly
        self._lock = DatabaseLock(directory)
        self._board: _Database | None = None
        self._facts: _Database | None = None
        self._decisions: list[dict[str, Any]] = []

    # -- opening and closing ---------------------------------------------

    @classmethod
    def open(cls, directory: Path | str, readonly: bool = False) -> Store:
        """Open (or create) the database; a writer takes the lock first."""
        directory = Path(directory).expanduser()
        blocking = next((p for p in (directory, *directory.parents) if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise CorruptDatabase(f"{blocking} is a file, not a kundenboard database folder: choose another --db")
        if directory.is_dir() and foreign_files(directory) and not (directory / "board.json").exists():
            raise CorruptDatabase(
                f"{directory} holds other files and no kundenboard database: choose a new or empty folder with --db"
            )
        if not readonly:
            try:
                directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as error:
                raise StoreWriteError(
                    f"could not create {directory}: {error.strerror or error} - choose another --db"
                ) from None
        store = cls(directory, readonly)
        if not readonly:
            store._lock.acquire()
        try:
            store._load()
        except BaseException:
            store.close()
            raise
        return store

    def _load(self) -> None:
        if not self.readonly:
            self._remove_leftovers()
        self._board = self._open_tinydb("board.json")
        self._facts = self._open_tinydb("facts.json")
        self._board.storage.read()  # the board is always needed: check it now
        self._decisions = self._read_log()

    def _remove_leftovers(self) -> None:
        """Temp files of writes a crash interrupted: old copies of the data, of forgotten customers too.

        Only the lock holder writes these files (a reader's cache write that loses
        its temp file here just fails quietly), so none of them is in use.
        """
        for name in os.listdir(self.directory):
            if _is_leftover(name):
                with suppress(OSError):
                    (self.directory / name).unlink()

    def _open_tinydb(self, name: str) -> _Database:
        storage = AtomicJSONStorage(
            self.directory / name, readonly=self.readonly, on_load=self._check_schema, stamp=_SCHEMA_STAMP
        )
        return _Database(storage=lambda: storage)

    def _check_schema(self, storage: AtomicJSONStorage) -> None:
        """Runs when a file is first read: refuse newer files, migrate older ones."""
        path = storage.path
        state = storage.read()
        if state is None:
            return  # a new file: the stamp goes in with its first write
        try:
            version = int(state["meta"]["1"]["schema"])
        except (KeyError, TypeError, ValueError):
            raise CorruptDatabase(
                f"{path}: no kundenboard schema version in it - is this the right --db folder?"
            ) from None
        if version > SCHEMA_VERSION:
            raise NewerSchema(
                f"{path} was written by a newer kundenboard (schema {version}, this one reads up to "
                f"{SCHEMA_VERSION}): upgrade kundenboard; the file was not changed"
            )
        if version < SCHEMA_VERSION and not self.readonly:
            for start in range(version, SCHEMA_VERSION):
                state = MIGRATIONS[start](path.name, state)
            state.update(_SCHEMA_STAMP)
            storage.write(state)

    def close(self) -> None:
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def board(self) -> _Database:
        assert self._board is not None, "store is closed"
        return self._board

    @property
    def facts_db(self) -> _Database:
        assert self._facts is not None, "store is closed"
        return self._facts

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Board and facts writes inside are made durable at the end, or not at all."""
        with batch_together(self.board.storage, self.facts_db.storage):
            yield

    def is_empty(self) -> bool:
        return not (len(self.board.table("customers")) or len(self.facts_db.table("invoices")) or self._decisions)

    # -- customers ---------------------------------------------------------

    def customers(self) -> dict[str, Customer]:
        """All customers by id, each in its current column (per the audit log)."""
        current = self.current_columns()
        result = {}
        for doc in (self.board.storage.read() or {}).get("customers", {}).values():
            customer = codec.customer_from_dict(doc)
            if customer.id in current:
                customer = replace(customer, column=current[customer.id])
            result[customer.id] = customer
        return result

    def save_customers(self, customers: Iterable[Customer]) -> None:
        """Insert or replace by customer number, in one durable write."""
        self.board.table("customers").upsert_by("id", (codec.customer_to_dict(c) for c in customers))

    # -- facts -------------------------------------------------------------

    def facts_by_customer(self) -> dict[str, Facts]:
        invoices = self._group("invoices", codec.invoice_from_dict)
        entries = self._group("time_entries", codec.time_entry_from_dict)
        events = self._group("events", codec.event_from_dict)
        return {
            cid: Facts(tuple(invoices.get(cid, ())), tuple(entries.get(cid, ())), tuple(events.get(cid, ())))
            for cid in invoices.keys() | entries.keys() | events.keys()
        }

    def facts_of(self, customer_id: str) -> Facts:
        """One customer's facts: a scan of the raw tables, decoding only theirs."""
        return Facts(
            tuple(codec.invoice_from_dict(d) for d in self._raw("invoices") if d["customer_id"] == customer_id),
            tuple(codec.time_entry_from_dict(d) for d in self._raw("time_entries") if d["customer_id"] == customer_id),
            tuple(codec.event_from_dict(d) for d in self._raw("events") if d["customer_id"] == customer_id),
        )

    def _group(self, table: str, from_dict: Callable[[dict[str, Any]], Any]) -> dict[str, list[Any]]:
        """Facts of one table by customer id, read from the raw documents.

        `Table.all()` wraps each document in a TinyDB Document; at 25,000
        customers that alone took seconds, so read the table's dict directly.
        """
        grouped: dict[str, list[Any]] = {}
        for doc in self._raw(table):
            grouped.setdefault(doc["customer_id"], []).append(from_dict(doc))
        return grouped

    def _raw(self, table: str) -> Iterable[dict[str, Any]]:
        state = self.facts_db.storage.read() or {}
        return state.get(table, {}).values()

    def events_tracked(self) -> bool:
        """Whether anyone records events here; if not, event counts are unknown, not zero."""
        return len(self.facts_db.table("events")) > 0

    def add_facts(
        self,
        invoices: Iterable[Invoice] = (),
        time_entries: Iterable[TimeEntry] = (),
        events: Iterable[Event] = (),
    ) -> FactsAdded:
        """Add facts, skipping those already stored; invoices update by number."""
        known_invoices = {doc["number"]: doc for doc in self._raw("invoices")}
        new_invoices, changed, duplicates = [], [], 0
        for invoice in invoices:
            doc = codec.invoice_to_dict(invoice)
            old = known_invoices.get(invoice.number)
            if old is None:
                new_invoices.append(doc)
            elif dict(old) != doc:
                changed.append(doc)
            else:
                duplicates += 1
            known_invoices[invoice.number] = doc
        new_entries, skipped = self._new_by_key("time_entries", time_entries, codec.time_entry_to_dict)
        new_events, skipped_events = self._new_by_key("events", events, codec.event_to_dict)
        with self.facts_db.storage.batch():
            if new_invoices or changed:
                self.facts_db.table("invoices").upsert_by("number", new_invoices + changed)
            if new_entries:
                self.facts_db.table("time_entries").insert_multiple(new_entries)
            if new_events:
                self.facts_db.table("events").insert_multiple(new_events)
        return FactsAdded(
            len(new_invoices), len(changed), len(new_entries), len(new_events), duplicates + skipped + skipped_events
        )

    def invoices_numbered(self, numbers: set[str]) -> dict[str, Invoice]:
        """Stored invoices with these numbers, by number."""
        return {d["number"]: codec.invoice_from_dict(d) for d in self._raw("invoices") if d["number"] in numbers}

    def fact_keys(self) -> dict[str, set[str]]:
        """The identities of stored facts: invoice numbers, time entry and event keys."""
        return {
            "invoices": {doc["number"] for doc in self._raw("invoices")},
            "time_entries": {doc["key"] for doc in self._raw("time_entries")},
            "events": {doc["key"] for doc in self._raw("events")},
        }

    def _new_by_key(self, table: str, facts: Iterable[Any], to_dict: Callable[[Any], dict]) -> tuple[list, int]:
        seen = {doc["key"] for doc in self._raw(table)}
        fresh, skipped = [], 0
        for fact in facts:
            if fact.key in seen:
                skipped += 1
                continue
            seen.add(fact.key)
            fresh.append(to_dict(fact))
        return fresh, skipped

    # -- decisions (the audit log) -------------------------------------------

    @property
    def _log_path(self) -> Path:
        return self.directory / "decisions.jsonl"

    def _read_log(self) -> list[dict[str, Any]]:
        try:
            raw = self._log_path.read_bytes()
        except FileNotFoundError:
            return []
        complete, _, torn = raw.rpartition(b"\n")
        if torn.strip() and not self.readonly:
            # The process died mid-append: that decision was never confirmed.
            truncate_durably(self._log_path, len(complete) + 1 if complete else 0)
        records = []
        for number, line in enumerate(complete.split(b"\n") if complete else [], start=1):
            try:
                records.append(json.loads(line))
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise CorruptDatabase(
                    f"{self._log_path}:{number}: not a valid log entry; the file was left as it is - "
                    "run 'kundenboard audit verify' and restore from a backup or an export"
                ) from None
        return records

    def decision_records(self) -> list[dict[str, Any]]:
        """The log as stored, for verification and export."""
        return list(self._decisions)

    def decisions(self, customer_id: str | None = None) -> list[Decision]:
        return [
            codec.decision_from_dict(r)
            for r in self._decisions
            if customer_id is None or r["customer_id"] == customer_id
        ]

    def current_columns(self) -> dict[str, Column]:
        return {r["customer_id"]: Column(r["to"]) for r in self._decisions}

    def append_decision(self, decision: Decision) -> Decision:
        """Number, chain and durably append a decision; returns it as stored."""
        prev_hash = self._decisions[-1]["hash"] if self._decisions else ""
        next_id = self._decisions[-1]["id"] + 1 if self._decisions else 1
        sealed = seal(replace(decision, id=next_id), prev_hash)
        record = codec.decision_to_dict(sealed)
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        append_durably(self._log_path, line.encode("utf-8"))
        self._decisions.append(record)
        return sealed

    def rewrite_log(self, records: list[dict[str, Any]]) -> None:
        """Replace the whole log atomically (pseudonymisation after an erasure request)."""
        body = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
        atomic_write(self._log_path, body.encode("utf-8"))
        self._decisions = list(records)

    def forget_customer(
        self,
        old_id: str,
        customer: Customer,
        facts: Facts,
        log: list[dict[str, Any]],
        snapshots: Iterable[dict[str, Any]] = (),
    ) -> None:
        """Write an erasure (see kanban.domain.erasure): the customer under a pseudonym everywhere.

        The log goes first, as it must not keep the old identity; a crash before the
        second write leaves the old customer record, and forgetting it again finishes
        the job. The derived-data cache may hold the old number, so it goes too.
        """
        self.rewrite_log(log)
        with self.transaction():
            self.board.table("customers").remove(lambda doc: doc["id"] == old_id)
            self.save_customers([customer])
            for table, docs in (
                ("invoices", [codec.invoice_to_dict(i) for i in facts.invoices]),
                ("time_entries", [codec.time_entry_to_dict(t) for t in facts.time_entries]),
                ("events", [codec.event_to_dict(e) for e in facts.events]),
            ):
                self.facts_db.table(table).remove(lambda doc: doc["customer_id"] == old_id)
                self.facts_db.table(table).insert_multiple(docs)
            self.board.table("snapshots").upsert_by("quarter", snapshots)
        self._cache_path.unlink(missing_ok=True)

    # -- derived data --------------------------------------------------------

    def data_version(self) -> str:
        """Changes whenever customers or facts change on disk: the key of derived caches."""
        parts = []
        for name in ("board.json", "facts.json"):
            try:
                st = (self.directory / name).stat()
                parts.append(f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}")
            except FileNotFoundError:
                parts.append("-")
        return ";".join(parts)

    @property
    def _cache_path(self) -> Path:
        return self.directory / "cache.json"

    def read_cache(self, key: str) -> Any | None:
        """Derived data stored under `key`, or None when missing, stale or unreadable."""
        try:
            cached = json.loads(self._cache_path.read_bytes())
        except (OSError, ValueError):
            return None
        return cached.get("data") if isinstance(cached, dict) and cached.get("key") == key else None

    def write_cache(self, key: str, data: Any) -> None:
        """Best effort, readers too: the cache is derived data, so a failed write costs only speed."""
        try:
            atomic_write(self._cache_path, json.dumps({"key": key, "data": data}, separators=(",", ":")).encode())
        except StoreWriteError:
            pass

    # -- quarter snapshots -------------------------------------------------

    def save_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Store (or replace) the snapshot of one quarter's review."""
        self.board.table("snapshots").upsert_by("quarter", [snapshot])

    def snapshots(self) -> list[dict[str, Any]]:
        return sorted((dict(d) for d in self.board.table("snapshots").all()), key=lambda s: s["quarter"])

    def upsert_table(self, table: str, key: str, docs: list[dict[str, Any]]) -> None:
        self.board.table(table).upsert_by(key, docs)

    def documents(self, table: str) -> list[dict[str, Any]]:
        return [dict(d) for d in self.board.table(table).all()]

