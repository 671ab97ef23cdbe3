"""The store: the only code that talks to TinyDB and the database files.

A database is a directory, created owner-only:

- `board.json`     TinyDB: customers, quarter snapshots, meta (schema version)
- `invoices.json`, `time_entries.json`, `events.json`
                   TinyDB: the facts, a file per kind, rows by customer (see facts.py)
- `decisions.jsonl` the audit log, one JSON object a line, appended and fsynced
- `decisions.head` how far the log's hash chain was last verified (see log_head.py)
- `lock`           held while a process writes; names that process

Facts live apart from the board so that a card move never rewrites them, and
the current column of a customer is the `to` of their latest decision (or the
column they were created with): a move is one fsynced line, at any size.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, cast

import orjson
from tinydb import TinyDB
from tinydb.table import Table

from kanban.domain import codec
from kanban.domain.audit import ChainBreak, first_broken, seal
from kanban.domain.model import Column, Customer, Decision, Event, Facts, Invoice, TimeEntry
from kanban.store.facts import EVENTS, FACT_KINDS, INVOICES, TIME_ENTRIES, FactFile, FactKind, rows_document
from kanban.store.files import (
    JOURNAL,
    StoreWriteError,
    append_durably,
    atomic_write,
    finish_journal,
    pending_journal,
    truncate_durably,
)
from kanban.store.lock import DatabaseLock
from kanban.store.log_head import HEAD_FILE, head_of, proven_entries, read_head, read_log_bytes, write_head
from kanban.store.storage import AtomicJSONStorage, CorruptDatabase, batch_together, read_json_file
from kanban.system import fsync_dir
from kanban.texts import text

SCHEMA_VERSION = 3

# Schema migrations, by the version they start from: each takes and returns the
# raw TinyDB dict of one file. Version 2 left board.json as it was and moved
# the facts out of facts.json into a file per kind (see _upgrade_schema_1_facts).
# Version 3 wrote each fact kind's rows in the order of its declaration (kanban.domain.fact_schema):
# a fact file's rows are converted by field name (see _relayout), board.json stays as it was.
MIGRATIONS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {
    1: lambda name, state: state,
    2: lambda name, state: state,
}

_SCHEMA_1_FACTS = "facts.json"
_FROM_SCHEMA_1: dict[FactKind, Callable[[dict[str, Any]], Invoice | TimeEntry | Event]] = {
    INVOICES: codec.invoice_from_dict,
    TIME_ENTRIES: codec.time_entry_from_dict,
    EVENTS: codec.event_from_dict,
}

# Every file a database folder may hold; temp files of interrupted writes aside.
DATABASE_FILES = frozenset({"board.json", *(f"{kind.table}.json" for kind in FACT_KINDS), _SCHEMA_1_FACTS,
                            "decisions.jsonl", HEAD_FILE, "lock", "rules.yaml", "cache.json", JOURNAL})  # fmt: skip


def _stamp(kind: FactKind | None = None) -> dict[str, Any]:
    """The meta table every file carries: the schema version, and the row layout of a fact file."""
    meta: dict[str, Any] = {"schema": SCHEMA_VERSION}
    if kind is not None:
        meta["fields"] = list(kind.row_names)
    return {"meta": {"1": meta}}


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

        def updater(table: dict[int, Mapping[Any, Any]]) -> None:
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

    def table(self, name: str, **kwargs: Any) -> UpsertTable:
        return cast(UpsertTable, super().table(name, **kwargs))  # table_class makes every table one

    @property
    def storage(self) -> AtomicJSONStorage:
        return cast(AtomicJSONStorage, super().storage)  # the board is always opened on it


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
        self._facts: dict[FactKind, FactFile] = {}
        self._decisions: list[dict[str, Any]] = []
        self._log_size = 0  # bytes of the log's complete lines: what `_decisions` was read from and added to
        self._log_guard = threading.Lock()  # the app checks the chain in a thread while a move may append
        self._pending: dict[str, Path] = {}  # files a decided write has not renamed yet: a reader reads these

    # -- opening and closing ---------------------------------------------

    @classmethod
    def open(cls, directory: Path | str, readonly: bool = False) -> Store:
        """Open (or create) the database; a writer takes the lock first."""
        directory = Path(directory).expanduser()
        blocking = next((p for p in (directory, *directory.parents) if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise CorruptDatabase(text("errors.db_is_a_file", path=blocking))
        if directory.is_dir() and foreign_files(directory) and not (directory / "board.json").exists():
            raise CorruptDatabase(text("errors.db_foreign", path=directory))
        _refuse_links(directory)
        if not readonly:
            try:
                directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as error:
                raise StoreWriteError(
                    text("errors.db_uncreatable", path=directory, reason=error.strerror or error)
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
        if self.readonly:
            self._pending = pending_journal(self.directory)
        else:
            finish_journal(self.directory)  # before the leftovers go: its temp files are the new content
            self._remove_leftovers()
        self._board = self._open_tinydb("board.json")
        self._board.storage.read()  # the board is always needed: check it now
        self._facts = {kind: FactFile(kind, self._storage(f"{kind.table}.json", kind)) for kind in FACT_KINDS}
        self._upgrade_schema_1_facts()
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
        storage = self._storage(name)
        return _Database(storage=lambda: storage)

    def _storage(self, name: str, kind: FactKind | None = None) -> AtomicJSONStorage:
        path = self._pending.get(name, self.directory / name)
        return AtomicJSONStorage(
            path, readonly=self.readonly, on_load=partial(_check_schema, kind=kind), stamp=_stamp(kind)
        )

    def _upgrade_schema_1_facts(self) -> None:
        """Schema 1 kept all facts in facts.json, a document a fact: convert them to a file per kind.

        A writer writes the new files and then removes the old one (invoices.json
        is renamed into place last, so its presence means the others are there);
        a reader converts them in memory only.
        """
        legacy = self.directory / _SCHEMA_1_FACTS
        if not legacy.exists():
            return
        if (self.directory / f"{INVOICES.table}.json").exists():
            if not self.readonly:  # a crash between the new files and the old one's removal
                legacy.unlink()
            return
        state = read_json_file(legacy) or {}
        if int(state.get("meta", {}).get("1", {}).get("schema", 1)) > 1:
            raise NewerSchema(text("errors.newer", path=legacy))
        storages = [self._facts[kind].storage for kind in (TIME_ENTRIES, EVENTS, INVOICES)]
        with batch_together(*storages):
            for kind in FACT_KINDS:
                try:
                    converted = _schema_1_rows(kind, state.get(kind.table, {}).values())
                except (KeyError, TypeError, ValueError, AttributeError):
                    raise CorruptDatabase(
                        text("errors.corrupt_file", path=legacy, what=text("errors.legacy_document", table=kind.table))
                    ) from None
                if self.readonly:
                    self._facts[kind].storage.hold(converted)
                else:
                    self._facts[kind].storage.write(converted)
        if not self.readonly:
            legacy.unlink()
            fsync_dir(self.directory)

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

    @contextmanager
    def transaction(self, also: tuple[tuple[Path, bytes], ...] = (), removals: tuple[str, ...] = ()) -> Iterator[None]:
        """Board and facts writes inside (and the files `also` gives whole) are made durable at the end,
        all of them or none, even when the process is killed among the renames."""
        storages = (self.board.storage, *(facts.storage for facts in self._facts.values()))
        with batch_together(*storages, journal=self.directory, also=also, removals=removals):
            yield

    def is_empty(self) -> bool:
        return not (len(self.board.table("customers")) or self._facts[INVOICES].any() or self._decisions)

    def table_names(self) -> set[str]:
        """Every table the database holds (the export refuses to leave one out)."""
        return set(self.board.tables()) | {kind.table for kind, facts in self._facts.items() if facts.any()}

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

    def facts_of(self, customer_id: str) -> Facts:
        """One customer's facts, decoded from their rows."""
        return Facts(*(self._facts[kind].of(customer_id) for kind in FACT_KINDS))

    def customers_with_facts(self) -> set[str]:
        return set().union(*(facts.customer_ids() for facts in self._facts.values()))

    def fact_rows(self, kind: FactKind) -> Iterator[tuple[str, list[list[Any]]]]:
        """Each customer's stored rows of one kind (fields as in `kind.fields`), by customer number."""
        return self._facts[kind].rows_by_customer()

    def parsed_fact_rows(self, kind: FactKind) -> Iterator[tuple[str, list[list[Any]]]]:
        """Each customer's rows of one kind, parsed and checked but not decoded: for sums over every
        customer (the portfolio's quarters), where decoding hundreds of thousands of facts takes seconds."""
        return self._facts[kind].parsed_rows()

    def customer_digests(self) -> dict[str, str]:
        """Per customer a digest of their record and their fact rows as stored: it changes when any of them does.

        Taken from the stored texts without parsing a row, so that telling who changed costs little.
        """
        texts = [self._facts[kind].row_texts() for kind in FACT_KINDS]
        digests = {}
        for doc in (self.board.storage.read() or {}).get("customers", {}).values():
            customer_id = doc.get("id") if isinstance(doc, dict) else None
            if not isinstance(customer_id, str):
                continue  # customers() names a broken record
            digest = hashlib.blake2b(repr(doc).encode(), digest_size=16)
            for rows in texts:
                digest.update(b"\0" + rows.get(customer_id, "").encode())
            digests[customer_id] = digest.hexdigest()
        return digests

    def events_tracked(self) -> bool:
        """Whether anyone records events here; if not, event counts are unknown, not zero."""
        return self._facts[EVENTS].any()

    def add_facts(
        self,
        invoices: Iterable[Invoice] = (),
        time_entries: Iterable[TimeEntry] = (),
        events: Iterable[Event] = (),
    ) -> FactsAdded:
        """Add facts, skipping those already stored; invoices update by number. One durable write."""
        with self.transaction():
            new_invoices, changed, same = self._facts[INVOICES].add(invoices, replace_same=True)
            new_entries, _, skipped = self._facts[TIME_ENTRIES].add(time_entries, replace_same=False)
            new_events, _, skipped_events = self._facts[EVENTS].add(events, replace_same=False)
        return FactsAdded(new_invoices, changed, new_entries, new_events, same + skipped + skipped_events)

    def put_fact_texts(self, kind: FactKind, texts_by_customer: dict[str, str]) -> None:
        """Set these customers' rows of one kind, given as the texts their documents keep (`rows_text` of rows
        in `kind.row_names` order): a restore's checked rows, written as they are. One durable write."""
        with self.transaction():
            self._facts[kind].put_texts(texts_by_customer)

    def invoices_numbered(self, numbers: set[str]) -> dict[str, Invoice]:
        """Stored invoices with these numbers, by number."""
        return self._facts[INVOICES].find(numbers)

    def fact_counts(self) -> dict[str, int]:
        """How many facts of each kind are stored."""
        return {kind.table: self._facts[kind].count() for kind in FACT_KINDS}

    def fact_sizes(self) -> dict[str, tuple[int, int]]:
        """Per kind: how many customers have facts, and the length of their rows' texts (a cheap read-back)."""
        return {kind.table: self._facts[kind].size() for kind in FACT_KINDS}

    def fact_keys(self) -> dict[str, set[str]]:
        """The identities of stored facts: invoice numbers, time entry and event keys."""
        return {kind.table: self._facts[kind].identities() for kind in FACT_KINDS}

    # -- decisions (the audit log) -------------------------------------------

    @property
    def _log_path(self) -> Path:
        return self.directory / "decisions.jsonl"

    def _read_log(self) -> list[dict[str, Any]]:
        try:
            raw = self._pending.get(self._log_path.name, self._log_path).read_bytes()
        except FileNotFoundError:
            return []
        complete, _, torn = raw.rpartition(b"\n")
        self._log_size = len(complete) + 1 if complete else 0
        if torn.strip() and not self.readonly:
            # The process died mid-append: that decision was never confirmed.
            truncate_durably(self._log_path, self._log_size)
        records = []
        for number, line in enumerate(complete.split(b"\n") if complete else [], start=1):
            try:
                records.append(_log_entry(line))
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise CorruptDatabase(text("errors.log_entry", where=f"{self._log_path}:{number}")) from None
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
        sealed = seal(replace(decision, id=next_id, salt=secrets.token_hex(16)), prev_hash)
        record = codec.decision_to_dict(sealed)
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        data = line.encode("utf-8")
        append_durably(self._log_path, data)
        with self._log_guard:
            self._decisions.append(record)
            self._log_size += len(data)
        return sealed

    def chain_break(self) -> ChainBreak | None:
        """Where the log's hash chain breaks first, or None when it is intact.

        Entries up to the head verified last time are proven unchanged by a digest
        over their bytes and not re-hashed (see log_head.py); a writer remembers
        the new head once the whole chain is intact.
        """
        with self._log_guard:
            records, size = list(self._decisions), self._log_size
        log = read_log_bytes(self._pending.get(self._log_path.name, self._log_path), size)
        if log is None or len(log.data) != size:  # changed under us since it was read: check what we hold
            return first_broken(records)
        head_path = self.directory / HEAD_FILE
        head = read_head(head_path)
        proven = proven_entries(head, log, records)
        broken = first_broken(records, start=proven)
        if broken is None and not self.readonly and records and (proven != len(records) or head is None):
            write_head(head_path, head_of(log, records))
        return broken

    def rewrite_log(self, records: list[dict[str, Any]]) -> None:
        """Replace the whole log atomically (pseudonymisation after an erasure request)."""
        body = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
        data = body.encode("utf-8")
        atomic_write(self._log_path, data)
        with self._log_guard:
            self._decisions = list(records)
            self._log_size = len(data)

    def forget_customer(
        self,
        old_id: str,
        customer: Customer,
        facts: Facts,
        log: list[dict[str, Any]],
        snapshots: Iterable[dict[str, Any]] = (),
    ) -> None:
        """Write an erasure (see kanban.domain.erasure): the customer under a pseudonym everywhere.

        Log, customer record, facts and snapshots change in one transaction: a
        crash or a full disk leaves the erasure done or not begun, never a log that
        names the pseudonym beside a record that still has the name. The derived-data
        cache may hold the old number, so it goes too.
        """
        data = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in log).encode("utf-8")
        # The head remembered the log before the erasure, personal data included: it goes with it.
        with self.transaction(also=((self._log_path, data),), removals=(self._cache_path.name, HEAD_FILE)):
            self.board.table("customers").remove(lambda doc: doc["id"] == old_id)
            self.save_customers([customer])
            for kind, kept in zip(FACT_KINDS, (facts.invoices, facts.time_entries, facts.events), strict=True):
                self._facts[kind].replace_customer(old_id, customer.id, kept)
            self.board.table("snapshots").upsert_by("quarter", snapshots)
        with self._log_guard:
            self._decisions = list(log)
            self._log_size = len(data)

    # -- derived data --------------------------------------------------------

    def data_version(self) -> str:
        """Changes whenever customers or facts change on disk: the key of derived caches."""
        parts = []
        for name in ("board.json", *(f"{kind.table}.json" for kind in FACT_KINDS)):
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
        entry = self.read_cache_entry()
        return entry[1] if entry is not None and entry[0] == key else None

    def read_cache_entry(self) -> tuple[str, Any] | None:
        """The derived data with the key it was stored under, whatever the key; None when missing or unreadable."""
        try:
            cached = json.loads(self._cache_path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(cached, dict) or not isinstance(cached.get("key"), str):
            return None
        return cached["key"], cached.get("data")

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


def _log_entry(line: bytes) -> Any:
    """One log line decoded: by orjson's C decoder (a move reads every line), by json where orjson refuses what
    json reads (NaN, lone surrogates). orjson reads an integer past 64 bits as a float: no entry we write holds
    one, and a line edited to hold one no longer matches its hash either way, so the chain check names it."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


def _refuse_links(directory: Path) -> None:
    """A database file that is a symbolic link would have kundenboard write (or lock, or truncate) its target.

    rules.yaml is only ever read: a link to a rule set kept elsewhere is fine.
    """
    for name in sorted(DATABASE_FILES - {"rules.yaml"}):
        if (directory / name).is_symlink():
            raise CorruptDatabase(text("records.symlink_in_db", path=directory / name))


def _schema_1_rows(kind: FactKind, documents: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One kind's facts of a schema 1 facts.json as the table of its own file."""
    by_customer: dict[str, list[list[Any]]] = {}
    for doc in documents:
        fact = _FROM_SCHEMA_1[kind](doc)
        by_customer.setdefault(fact.customer_id, []).append(kind.to_row(fact))
    table = {str(n): rows_document(cid, rows) for n, (cid, rows) in enumerate(by_customer.items(), start=1)}
    return {kind.table: table}


def _check_schema(storage: AtomicJSONStorage, kind: FactKind | None = None) -> None:
    """Runs when a file is first read: refuse newer files, migrate older ones (a reader in memory only)."""
    path = storage.path
    state = storage.read()
    if state is None:
        return  # a new file: the stamp goes in with its first write
    try:
        version = int(state["meta"]["1"]["schema"])
        fields = state["meta"]["1"].get("fields")
    except (KeyError, TypeError, ValueError, AttributeError):
        raise CorruptDatabase(text("errors.no_schema", path=path)) from None
    if version > SCHEMA_VERSION:
        raise NewerSchema(text("errors.newer_schema", path=path, version=version, readable=SCHEMA_VERSION))
    expected = storage.stamp["meta"]["1"].get("fields")
    if fields != expected:
        state = _relayout(path, state, kind, fields, expected)
    elif version == SCHEMA_VERSION:
        return
    for start in range(version, SCHEMA_VERSION):
        state = MIGRATIONS[start](path.name, state)
    state.update(storage.stamp)
    if storage.readonly:
        storage.hold(state)
    else:
        storage.write(state)


def _relayout(path: Path, state: dict[str, Any], kind: FactKind | None, fields: Any, expected: Any) -> dict[str, Any]:
    """A fact file written with other fields (an older schema, a field declared since): its rows by field name."""
    convert = kind.relayout(fields) if kind is not None and isinstance(fields, list) else None
    if kind is None or convert is None:
        raise CorruptDatabase(
            text("errors.corrupt_file", path=path, what=text("errors.other_fields", fields=fields, expected=expected))
        )
    table = {}
    for doc_id, doc in state.get(kind.table, {}).items():
        try:
            rows = json.loads(doc["rows"])
            table[doc_id] = rows_document(doc["customer_id"], [convert(row) for row in rows])
        except (KeyError, TypeError, ValueError, IndexError):
            raise CorruptDatabase(
                text("errors.corrupt_file", path=path, what=text("errors.facts_not_rows", doc=doc_id))
            ) from None
    return {**state, kind.table: table}
