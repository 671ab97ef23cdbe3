"""The board as YAML for the records, and a database rebuilt from that YAML.

An export holds everything the database holds (customers, facts, the audit log
exactly as stored, review snapshots, the rule set's text) plus what the board
showed that day (metrics, suggestions and their reasons), so a person can read
it and `restore` can rebuild the database from it alone. Metrics and
suggestions are for the reader: a restore recomputes them, it never reads them.

A restore checks the whole file before it writes anything, builds the new
database in a temp folder next to the target and swaps it in with one rename:
the target holds either its old content or the complete new one.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import glob
import hashlib
import io
import json
import math
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import yaml

from kanban import __version__
from kanban.board import Board, CustomerView, UserError
from kanban.collector import collector_paused
from kanban.domain import codec
from kanban.domain.audit import first_broken
from kanban.domain.fact_schema import REQUIRED
from kanban.domain.metrics import METRICS
from kanban.domain.model import Column, Customer, DecisionKind, Event, EventKind, Invoice, TimeEntry, parse_quarter
from kanban.domain.rules import RuleSetError, load_rule_set
from kanban.domain.yaml_guard import GuardedLoader, excerpt
from kanban.lines import MAX_LINE, overlong_line
from kanban.resources import default_rules_path
from kanban.store import STORE_ERRORS, Store, StoreWriteError
from kanban.store.facts import EVENTS, FACT_KINDS, INVOICES, TIME_ENTRIES, FactKind
from kanban.store.files import atomic_write
from kanban.store.lock import DatabaseLock
from kanban.store.store import foreign_files
from kanban.system import fsync_dir
from kanban.texts import text as catalogue_text

FORMAT_VERSION = 1
HEADER = "# kundenboard export - rebuild a database from it: kundenboard restore FILE --db NEW-FOLDER\n"
_TOP_KEYS = (
    "kundenboard_export", "exported_at", "kundenboard_version", "as_of", "lang", "rule_set", "counts",
    "columns", "facts", "decisions", "snapshots", "rule_set_text",
)  # fmt: skip
_FACT_KINDS = tuple(kind.table for kind in FACT_KINDS)
_COUNT_KEYS = (*(c.value for c in Column), *_FACT_KINDS, "decisions", "snapshots")
# What the store keeps; a table outside these would be missing from the export.
_KNOWN_TABLES = {"meta", "customers", "snapshots", *_FACT_KINDS}
class TransferError(UserError):
    """An export or restore that cannot be done; the one-line message says where and what to do."""


class ExportError(TransferError):
    """The export could not be written (disk full, no such folder, no permission); nothing was written."""


class RestoreError(TransferError):
    """The export cannot be restored, or not into that folder; nothing was written."""


# --- YAML in and out ------------------------------------------------------------------------

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = GuardedLoader  # safe loading only, ever; aliases refused
_WIDTH = 1 << 20  # never fold a line: one fact a line, reason texts whole
# Line breaks a YAML reader turns into "\n" inside block and quoted scalars: such text is
# written double-quoted, where they are escaped, so it comes back unchanged.
_NON_LF_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


class _Row(dict):
    """A mapping written on one line: a fact, a reason."""


class _Inline(list):
    """A short list written on one line: tags."""


class _Stream:
    """A list the export writes item by item, each item made only then.

    At 25,000 customers the customer entries took 125 MB at once and the fact
    rows 45 MB. `make` gives a fresh iterator each time, so the data can be
    written twice (tests do). `count` is known without making the items.
    """

    def __init__(self, count: int, make: Callable[[], Iterator[Any]]) -> None:
        self.count, self.make = count, make

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        return self.make()


class _ExportDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never `&id001` anchors, even if two records share an object


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = None
    if not text.isascii() or "\r" in text:
        if any(brk in text for brk in _NON_LF_BREAKS):
            style = '"'
    if style is None and "\n" in text:
        style = "|"  # notes and rule texts stay readable; the emitter quotes if a block cannot hold them
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ExportDumper.add_representer(str, _represent_str)
_ExportDumper.add_representer(_Row, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, True))
_ExportDumper.add_representer(_Inline, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, True))
_ExportDumper.add_representer(_Stream, lambda d, data: d.represent_list(list(data)))


def dump_export(data: Mapping[str, Any]) -> str:
    """The export's text: keys in the order given, umlauts as they are."""
    out = io.StringIO()
    write_export_to(data, out)
    return out.getvalue()


def write_export_to(data: Mapping[str, Any], out: TextIO) -> None:
    """Write the export piece by piece: the customers one at a time, the facts one line each.

    PyYAML builds a node graph of everything it dumps; dumped whole, 25,000 customers
    took 2.5 GB. Each piece is dumped alone and indented to its place, which gives
    the same text as one dump of the whole.
    """
    out.write(HEADER)
    for key, value in data.items():
        if key == "columns" and isinstance(value, dict) and value:
            out.write(_key_line(key))
            for column, entries in value.items():
                _write_items(out, column, entries, "  ")
        elif key == "facts" and isinstance(value, dict) and value:
            out.write(_key_line(key))
            for kind, table in value.items():
                _write_table(out, kind, table)
        else:
            out.write(_dump({key: value}))


def _dump(data: Any) -> str:
    """One piece of the export, without the `...` PyYAML ends a document with after a `|+` block: more follows."""
    text = yaml.dump(
        data, Dumper=_ExportDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=_WIDTH
    )
    return text[:-4] if text.endswith("\n...\n") else text


def _key_line(key: Any, indent: str = "") -> str:
    """`key:` as YAML writes it above a block (quoted if it must be)."""
    return indent + _dump({key: [None]}).split("\n", 1)[0] + "\n"


def _indented(text: str, indent: str) -> str:
    """Text dumped alone, moved to its place; empty lines stay empty, as in a block scalar dumped in place."""
    return "".join(indent + line if line != "\n" else line for line in text.splitlines(keepends=True))


def _write_items(out: TextIO, key: Any, items: Any, indent: str) -> None:
    """`key:` and a list below it, one item dumped at a time."""
    if not isinstance(items, list | _Stream) or not items:
        out.write(_indented(_dump({key: items}), indent))
        return
    out.write(_key_line(key, indent))
    for item in items:
        out.write(_indented(_dump_item(item), indent))


def _dump_item(item: Any) -> str:
    """A list item as `- ...`; a customer's metrics written directly, as YAML would (the bulk of the dump time)."""
    metrics = item.get("metrics") if isinstance(item, dict) and next(iter(item), None) != "metrics" else None
    lines = _metric_lines(metrics) if isinstance(metrics, dict) and metrics else None
    if lines is None:
        return _dump([item])
    keys = list(item)
    at = keys.index("metrics")
    head = _dump([{k: item[k] for k in keys[:at]}])
    tail = _indented(_dump({k: item[k] for k in keys[at + 1 :]}), "  ") if at + 1 < len(keys) else ""
    return head + "  metrics:\n" + lines + tail


_PLAIN_KEYS: dict[str, bool] = {}


def _metric_lines(metrics: dict[Any, Any]) -> str | None:
    """`name: value` lines exactly as PyYAML writes them; None for anything but plain names and numbers."""
    lines = []
    for name, value in metrics.items():
        plain = _PLAIN_KEYS.get(name) if isinstance(name, str) else False
        if plain is None:
            plain = _PLAIN_KEYS[name] = _dump({name: 0}) == f"{name}: 0\n"
        kind = type(value)
        if not plain or kind not in (float, int, type(None)) or (kind is float and not math.isfinite(value)):
            return None
        text = "null" if value is None else repr(value).lower()
        if kind is float and "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)  # as PyYAML's represent_float
        lines.append(f"    {name}: {text}\n")
    return "".join(lines)


def _write_table(out: TextIO, kind: Any, table: Any) -> None:
    """A fact table: its column names, then one row a line, written as JSON that YAML reads alike."""
    rows = table.get("rows") if isinstance(table, dict) else None
    if not isinstance(rows, list | _Stream) or not rows:
        out.write(_indented(_dump({kind: table}), "  "))
        return
    out.write(_key_line(kind, "  "))
    for key, value in table.items():
        if key != "rows":
            out.write(_indented(_dump({key: value}), "    "))
            continue
        out.write("    rows:\n")
        for row in rows:
            line = _json_row(row)
            if line is not None:
                out.write(f"    - {line}\n")
            elif isinstance(row, list):  # a value JSON cannot say as YAML reads it (1e+16, .inf): YAML's words
                out.write(_indented(_dump([_Inline(row)]), "    "))
            else:
                out.write(_indented(_dump([row]), "    "))


# Characters a YAML reader takes for line breaks or refuses, written as \u escapes (JSON and YAML both read those).
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _json_row(row: Any) -> str | None:
    """A row as a JSON array that any YAML reader reads as the same values; None if it holds something else."""
    if not isinstance(row, list):
        return None
    for value in row:
        kind = type(value)
        if kind is float:
            if not math.isfinite(value) or (value and not 1e-4 <= abs(value) < 1e16):
                return None  # JSON writes 1e+16, which YAML 1.1 reads as text: YAML writes 1.0e+16
        elif kind not in (str, int, bool, type(None)):
            return None
    text = json.dumps(row, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _ESCAPE.search(text) else text


# --- export ---------------------------------------------------------------------------------


def default_export_name(as_of: dt.date) -> str:
    return f"kundenboard-export-{as_of.isoformat()}.yaml"


def build_export(board: Board, now: dt.datetime | None = None) -> dict[str, Any]:
    """The board as one dict in export order; `now` pins exported_at (tests).

    Customer entries and fact rows are made while the export is written (see
    _Stream), from what is taken here: the views of this moment (a move makes
    a new view, it does not change one) and the facts, which nothing changes
    while the board holds the database lock, but an import it does not allow.
    """
    store = board.store
    _check_tables(store)
    rule_text = _rule_text(board)
    columns = {c: sorted(views, key=lambda v: v.customer.id) for c, views in board.columns().items()}
    # By customer, each customer's facts in stored order: a restore keeps that order,
    # so sums over them (and the metrics) come out the same to the last digit.
    fact_counts = store.fact_counts()
    fact_tables = {kind.table: _fact_table(store, kind, spec, fact_counts[kind.table]) for kind, spec in _FACT_SPECS}
    decisions = store.decision_records()
    snapshots = store.snapshots()
    counts = {c.value: len(columns[c]) for c in Column}
    counts.update(fact_counts)
    counts.update(decisions=len(decisions), snapshots=len(snapshots))
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return {
        "kundenboard_export": FORMAT_VERSION,
        "exported_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "kundenboard_version": __version__,
        "as_of": board.as_of.isoformat(),
        "lang": board.lang,
        "rule_set": {
            "file": board.rule_set.path.name,
            "version": board.rule_set.version,
            "sha256": board.rule_set.digest,
        },
        "counts": counts,
        "columns": {c.value: _Stream(len(columns[c]), lambda c=c: map(_customer_entry, columns[c])) for c in Column},
        "facts": fact_tables,
        "decisions": decisions,
        "snapshots": snapshots,
        "rule_set_text": rule_text,
    }


def export_text(board: Board, now: dt.datetime | None = None) -> str:
    with collector_paused():
        return dump_export(build_export(board, now))


def write_export(board: Board, target: Path | str, now: dt.datetime | None = None) -> Path | None:
    """Write the export to a file (or a folder: default name inside it), or to stdout for "-".

    Returns the file written (None for stdout). The file appears whole or not at
    all, readable by its owner only: it holds personal data. Raises ExportError.
    """
    return write_export_data(build_export(board, now), target)


def _refuse_unless_regular(path: Path) -> None:
    """The export replaces only a regular file: never a link, a FIFO or a device (as root, /dev/full)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = catalogue_text(f"records.kind_{'link' if stat.S_ISLNK(mode) else 'special'}")
        raise ExportError(catalogue_text("records.export_not_regular", path=path, kind=kind))


def _remove_export_leftovers(path: Path) -> None:
    """Temp files of an earlier export to this file that was killed: whole copies of the board, personal data."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return  # the write below says what is wrong with the folder
    for name in names:
        if pattern.fullmatch(name) and (path.parent / name).is_file() and not (path.parent / name).is_symlink():
            with contextlib.suppress(OSError):
                (path.parent / name).unlink()


def write_export_data(data: dict[str, Any], target: Path | str) -> Path | None:
    """Dump and write an export built by `build_export`.

    The app builds the data on its own thread, where nothing else writes, and
    lets a worker do this slow part: the export stays one consistent moment.
    """
    if str(target) == "-":
        with collector_paused():
            write_export_to(data, sys.stdout)
        sys.stdout.flush()
        return None
    path = Path(target).expanduser().absolute()
    if path.is_dir():
        path = path / default_export_name(dt.date.fromisoformat(data["as_of"]))
    _refuse_unless_regular(path)
    _remove_export_leftovers(path)

    def fill(handle: BinaryIO) -> None:  # written as it is made: the file (70 MB at 25,000) is never in memory
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        with collector_paused():
            write_export_to(data, text)
        text.detach()  # flushes; leaves the file to atomic_write, which fsyncs and renames it

    try:
        atomic_write(path, fill)
    except (StoreWriteError, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ExportError(catalogue_text("errors.export_unwritable", path=path, reason=reason)) from None
    return path


def _customer_entry(view: CustomerView) -> dict[str, Any]:
    record = codec.customer_to_dict(view.customer)
    del record["column"]  # the column it is listed under
    record["tags"] = _Inline(record["tags"])
    s = view.passing_suggestion()
    record["metrics"] = _in_metric_order(view.metrics)
    record["suggestion"] = {
        "column": s.column.value,
        "score": s.score,
        "knockout": s.knockout,
        "reasons": [_Row(rule=r.rule_id, points=r.points, text=r.text) for r in s.reasons],
        "not_evaluated": [_Row(rule=u.rule_id, text=u.text) for u in s.unknown],
    }
    return record


def _fact_table(store: Store, kind: FactKind, spec: dict[str, Any], count: int) -> dict[str, Any]:
    """Facts as a table: the field names once, then one line per fact (a third smaller and faster than mappings).

    The rows are the store's own, with the customer number put back in.
    """
    names = list(spec)
    at = names.index("customer_id")

    def rows() -> Iterator[list[Any]]:
        return ([*row[:at], cid, *row[at:]] for cid, stored in store.fact_rows(kind) for row in stored)

    return {"columns": _Inline(names), "rows": _Stream(count, rows)}


def _in_metric_order(metrics: Mapping[str, float | None]) -> dict[str, float | None]:
    """Metrics in the registry's order, whether the board computed them or read its cache."""
    ordered = {name: metrics[name] for name in METRICS if name in metrics}
    ordered.update((name, value) for name, value in metrics.items() if name not in ordered)
    return ordered


def _check_tables(store: Store) -> None:
    """Refuse to leave data out silently when the store has grown a table the export does not know."""
    unknown = store.table_names() - _KNOWN_TABLES
    if unknown:
        raise ExportError(catalogue_text("errors.export_unknown_tables", tables=", ".join(sorted(unknown)),
                                         count=len(unknown)))


def _rule_text(board: Board) -> str:
    """The rule set's text, as the board loaded it: a restore must not depend on the file still being there."""
    path = board.rule_set.path
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ExportError(catalogue_text("errors.export_rules_unreadable", path=path, reason=error.strerror)) from None
    if hashlib.sha256(raw).hexdigest() != board.rule_set.digest:
        raise ExportError(catalogue_text("errors.export_rules_changed", path=path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # the loader already refuses such a file
        raise ExportError(catalogue_text("errors.export_rules_not_utf8", path=path)) from None


# --- restore: reading and checking ----------------------------------------------------------


@dataclass(frozen=True)
class RestoreSummary:
    db: Path
    customers: int
    invoices: int
    time_entries: int
    events: int
    decisions: int
    snapshots: int
    rules_file: bool  # the export's rule set was written as rules.yaml into the database

    def text(self, lang: str | None = None) -> str:
        facts = self.invoices + self.time_entries + self.events
        parts = [catalogue_text("errors.restored.customers", lang, count=self.customers),
                 catalogue_text("errors.restored.facts", lang, count=facts),
                 catalogue_text("errors.restored.decisions", lang, count=self.decisions),
                 catalogue_text("errors.restored.snapshots", lang, count=self.snapshots)]
        rules = catalogue_text("errors.restored.rules", lang) if self.rules_file else ""
        return catalogue_text("errors.restored", lang, parts=", ".join(parts[:-1]), last=parts[-1], rules=rules,
                              db=self.db)


@dataclass(frozen=True)
class _Plan:
    """A checked export, ready to be written."""

    customers: list[Customer]
    invoices: list[Invoice]
    time_entries: list[TimeEntry]
    events: list[Event]
    decisions: list[dict[str, Any]]
    snapshots: list[dict[str, Any]]
    rule_text: str | None
    rule_sha256: str


class _Invalid(Exception):
    """A problem at a place in the export: the path of keys and indexes leading to it."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


_REQUIRED = object()
Check = Callable[[Any, tuple[str | int, ...]], Any]


def _show(value: Any) -> str:
    return excerpt(value)  # bounded: repr() of a large value would build all of it first


def _text(value: Any, path: tuple[str | int, ...]) -> str:
    if isinstance(value, str):
        return value
    raise _Invalid(path, catalogue_text("transfer.not_text", value=_show(value)))


def _opt_text(value: Any, path: tuple[str | int, ...]) -> str | None:
    return None if value is None else _text(value, path)


def _date(value: Any, path: tuple[str | int, ...]) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise _Invalid(path, catalogue_text("transfer.not_date", value=_show(value)))


def _opt_date(value: Any, path: tuple[str | int, ...]) -> str | None:
    return None if value is None else _date(value, path)


def _timestamp(value: Any, path: tuple[str | int, ...]) -> str:
    if isinstance(value, dt.datetime):
        raise _Invalid(path, catalogue_text("transfer.time_in_quotes", time=value.isoformat()))
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise _Invalid(path, catalogue_text("transfer.not_time", value=_show(value)))


def _number(value: Any, path: tuple[str | int, ...]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise _Invalid(path, catalogue_text("transfer.not_number", value=_show(value)))


def _opt_number(value: Any, path: tuple[str | int, ...]) -> float | None:
    return None if value is None else _number(value, path)


def _int(value: Any, path: tuple[str | int, ...]) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _Invalid(path, catalogue_text("transfer.not_whole", value=_show(value)))


def _bool(value: Any, path: tuple[str | int, ...]) -> bool:
    if isinstance(value, bool):
        return value
    raise _Invalid(path, catalogue_text("transfer.not_bool", value=_show(value)))


def _choice(kind: str, values: list[str]) -> Check:
    def check(value: Any, path: tuple[str | int, ...]) -> str:
        if isinstance(value, str) and value in values:
            return value
        raise _Invalid(path, catalogue_text("transfer.not_choice", value=_show(value), kind=catalogue_text(kind),
                                            values=", ".join(values)))

    return check


_column = _choice("transfer.a_column", [c.value for c in Column])


def _opt_column(value: Any, path: tuple[str | int, ...]) -> str | None:
    return None if value is None else _column(value, path)


def _text_list(value: Any, path: tuple[str | int, ...]) -> list[str]:
    if not isinstance(value, list):
        raise _Invalid(path, catalogue_text("transfer.not_text_list", value=_show(value)))
    return [_text(item, (*path, i)) for i, item in enumerate(value)]


def _int_list(value: Any, path: tuple[str | int, ...]) -> list[int]:
    if not isinstance(value, list):
        raise _Invalid(path, catalogue_text("transfer.not_int_list", value=_show(value)))
    return [_int(item, (*path, i)) for i, item in enumerate(value)]


def _mapping(value: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise _Invalid(path, catalogue_text("transfer.not_mapping", value=_show(value)))


def _metrics(value: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
    for name, number in _mapping(value, path).items():
        is_number = isinstance(number, int | float) and not isinstance(number, bool)
        if not isinstance(name, str) or not (number is None or is_number):
            raise _Invalid((*path, str(name)), catalogue_text("transfer.not_metric", value=_show(number)))
    return value


def _plain(value: Any, path: tuple[str | int, ...]) -> None:
    """Only what the store can keep as JSON: text, numbers, true/false, null, lists and mappings of them."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Invalid(path, catalogue_text("transfer.key_not_text", field=_show(key)))
            _plain(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _plain(item, (*path, index))
    elif not (value is None or isinstance(value, str | int | float | bool)):
        raise _Invalid(path, catalogue_text("transfer.not_storable", value=_show(value)))


def _list(value: Any, path: tuple[str | int, ...]) -> list[Any]:
    if isinstance(value, list):
        return value
    raise _Invalid(path, catalogue_text("transfer.not_list", value=_show(value)))


def _rows(value: Any, path: tuple[str | int, ...]) -> Any:
    """A table's rows: a list, or the lines a restore read them from (parsed one at a time)."""
    return value if isinstance(value, _RowLines) else _list(value, path)


# Field -> (check, default or _REQUIRED), in codec order. Defaults follow the codec's.
_CUSTOMER = {
    "id": (_text, _REQUIRED), "name": (_text, _REQUIRED), "contract": (_bool, False),
    "contract_until": (_opt_date, None), "prospect": (_bool, False), "contact": (_text, ""),
    "notes": (_text, ""), "tags": (_text_list, []), "since": (_opt_date, None),
}  # fmt: skip
# A fact field's check by its value kind; the fields, their order and defaults are the declaration's.
_VALUE_CHECKS: dict[str, Check] = {
    "text": _text, "number": _number, "int": _int, "flag": _bool, "date": _date, "optional_date": _opt_date,
}  # fmt: skip
_CHOICE_NAMES = {EventKind.__name__: "transfer.an_event_kind"}


def _fact_spec(schema: FactKind) -> dict[str, tuple[Check, Any]]:
    """Field -> (check, default or _REQUIRED), in the declaration's order (the export's columns)."""
    spec = {}
    for field in schema.fields:
        kind = field.kind
        check = _choice(_CHOICE_NAMES[kind.name], list(kind.choices)) if kind.choices else _VALUE_CHECKS[kind.name]
        spec[field.name] = (check, _REQUIRED if field.default is REQUIRED else kind.to_plain(field.default))
    return spec


_FACT_SPECS = tuple((kind, _fact_spec(kind)) for kind in (INVOICES, TIME_ENTRIES, EVENTS))
# Every key of a decision is covered by its hash, so all are required and none is changed; the last
# three are there only in entries that have them (see kanban.domain.audit).
_DECISION = {
    "id": (_int, _REQUIRED), "at": (_timestamp, _REQUIRED), "customer_id": (_text, _REQUIRED),
    "from": (_column, _REQUIRED), "to": (_column, _REQUIRED),
    "kind": (_choice("transfer.a_decision_kind", [k.value for k in DecisionKind]), _REQUIRED),
    "reason": (_text, _REQUIRED), "actor": (_text, _REQUIRED), "quarter": (_text, _REQUIRED),
    "review": (_opt_text, _REQUIRED), "suggested": (_opt_column, _REQUIRED), "score": (_opt_number, _REQUIRED),
    "fired_rules": (_text_list, _REQUIRED), "metrics": (_metrics, _REQUIRED),
    "prev_hash": (_text, _REQUIRED), "hash": (_text, _REQUIRED),
    "salt": (_text, ""), "sealed": (_text, ""), "erased": (_int_list, []),
}  # fmt: skip
_RULE_SET = {"file": (_text, _REQUIRED), "version": (_int, _REQUIRED), "sha256": (_text, _REQUIRED)}


def _record(
    raw: Any, path: tuple[str | int, ...], spec: dict[str, tuple[Check, Any]], ignored: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Check one record against its fields; returns the fields in spec order, defaults filled in."""
    raw = _mapping(raw, path)
    for key in raw:
        if key not in spec and key not in ignored:
            known = ", ".join(spec)
            raise _Invalid((*path, key), catalogue_text("transfer.unknown_key", field=_show(key), known=known))
    out = {}
    for key, (check, default) in spec.items():
        if key in raw:
            out[key] = check(raw[key], (*path, key))
        elif default is _REQUIRED:
            raise _Invalid(path, catalogue_text("transfer.missing_key", field=repr(key)))
        else:
            out[key] = default
    return out


def _plan(data: Any) -> _Plan:
    """Check the whole export; raises _Invalid at the first problem."""
    if not isinstance(data, dict) or "kundenboard_export" not in data:
        raise _Invalid((), catalogue_text("transfer.not_an_export"))  # fmt: skip
    version = data["kundenboard_export"]
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise _Invalid(("kundenboard_export",), catalogue_text("transfer.newer", version=version,
                                                               readable=FORMAT_VERSION))  # fmt: skip
    if version != FORMAT_VERSION:
        raise _Invalid(("kundenboard_export",), catalogue_text("transfer.not_format", value=_show(version)))
    for key in data:
        if key not in _TOP_KEYS:
            raise _Invalid((key,), catalogue_text("transfer.unknown_top_key", field=_show(key)))
    for key in _TOP_KEYS:
        if key not in data:
            raise _Invalid((), catalogue_text("transfer.missing_top_key", field=repr(key)))
    _timestamp(data["exported_at"], ("exported_at",))
    _text(data["kundenboard_version"], ("kundenboard_version",))
    _date(data["as_of"], ("as_of",))
    _choice("transfer.a_language", ["de", "en"])(data["lang"], ("lang",))
    rule_set = _record(data["rule_set"], ("rule_set",), _RULE_SET)
    rule_text = _rule_set_text(data["rule_set_text"], rule_set["sha256"])
    customers = _customers(data["columns"])
    facts = _facts(data["facts"])
    _facts_of_listed_customers(facts, customers)
    decisions = _decisions(data["decisions"], customers)
    snapshots = _snapshots(data["snapshots"])
    _check_counts(data["counts"], customers, facts, decisions, snapshots)
    return _Plan(
        [customer for customer, _ in customers.values()], *facts, decisions, snapshots, rule_text, rule_set["sha256"]
    )


def _rule_set_text(text: Any, sha256: str) -> str | None:
    """The rule set the board was exported with; null (written by hand) restores with the shipped rules."""
    if text is None:
        return None
    _text(text, ("rule_set_text",))
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        raise _Invalid(("rule_set_text",), catalogue_text("transfer.rules_text_changed"))  # fmt: skip
    return text


def _customers(columns: Any) -> dict[str, tuple[Customer, tuple[str | int, ...]]]:
    """Customer number -> (customer in the column it is listed under, where it is listed)."""
    columns = _mapping(columns, ("columns",))
    for key in columns:
        _column(key, ("columns", key))
    found: dict[str, tuple[Customer, tuple[str | int, ...]]] = {}
    for column in Column:
        if column.value not in columns:
            raise _Invalid(("columns",), catalogue_text("transfer.missing_column", column=repr(column.value)))
        entries = columns[column.value] or []
        for index, raw in enumerate(_list(entries, ("columns", column.value))):
            path = ("columns", column.value, index)
            fields = _record(raw, path, _CUSTOMER, ignored=("metrics", "suggestion"))
            if not fields["id"].strip():
                raise _Invalid((*path, "id"), catalogue_text("records.restore_empty_id"))
            if fields["id"] in found:
                first = _dotted(found[fields["id"]][1])
                raise _Invalid((*path, "id"), catalogue_text("transfer.customer_twice", number=fields["id"],
                                                             first=first))  # fmt: skip
            customer = codec.customer_from_dict({**fields, "column": column.value})
            found[customer.id] = (customer, path)
    return found


def _facts(facts: Any) -> tuple[list[Invoice], list[TimeEntry], list[Event]]:
    facts = _mapping(facts, ("facts",))
    for key in facts:
        if key not in _FACT_KINDS:
            raise _Invalid(("facts", key), catalogue_text("transfer.unknown_fact_kind", kind=_show(key),
                                                          kinds=", ".join(_FACT_KINDS)))
    for key in _FACT_KINDS:
        if key not in facts:
            raise _Invalid(("facts",), catalogue_text("transfer.missing_fact_key", field=repr(key)))
    invoices, entries, events = (_fact_list(facts[kind.table], kind, spec) for kind, spec in _FACT_SPECS)
    return invoices, entries, events


def _facts_of_listed_customers(facts: tuple[list, ...], customers: Mapping[str, Any]) -> None:
    """A fact of a customer the file does not list would come back as the data of nobody on the board."""
    for kind, listed in zip(_FACT_KINDS, facts, strict=True):
        for index, fact in enumerate(listed):
            if fact.customer_id not in customers:
                raise _Invalid(("facts", kind, "rows", index),
                               catalogue_text("records.restore_unlisted_fact", customer=fact.customer_id))


def _fact_list(raw: Any, schema: FactKind, spec: dict[str, tuple[Check, Any]]) -> list[Any]:
    """Facts of one kind from their table; two with the same identity would be merged by the store, so are refused."""
    kind, identity, build = schema.table, schema.identity, schema.from_dict
    path: tuple[str | int, ...] = ("facts", kind)
    table = _record(raw, path, {"columns": (_text_list, _REQUIRED), "rows": (_rows, _REQUIRED)})
    names = table["columns"]
    for index, name in enumerate(names):
        if name not in spec or name in names[:index]:
            problem = (catalogue_text("transfer.appears_twice") if name in spec
                       else catalogue_text("transfer.not_a_field", kind=kind, known=", ".join(spec)))
            raise _Invalid((*path, "columns"), catalogue_text("transfer.bad_fact_column", column=repr(name),
                                                              problem=problem))
    seen: dict[str, int] = {}
    result = []
    for index, row in enumerate(table["rows"]):
        row_path = (*path, "rows", index)
        if not isinstance(row, list) or len(row) != len(names):
            raise _Invalid(row_path, catalogue_text("transfer.row_length", count=len(names), columns=", ".join(names)))
        fields = _record(dict(zip(names, row, strict=True)), row_path, spec)
        key = fields[identity]
        if key in seen:
            raise _Invalid((*row_path, identity), catalogue_text("transfer.repeated_row", identity=identity,
                                                                 field=repr(key), row=seen[key]))
        seen[key] = index
        result.append(build(fields))
    return result


def _decisions(raw: Any, customers: dict[str, tuple[Customer, tuple[str | int, ...]]]) -> list[dict[str, Any]]:
    """The audit log as it was written: the chain must verify, and agree with the columns."""
    records = _list(raw or [], ("decisions",))
    latest: dict[str, int] = {}
    for index, record in enumerate(records):
        _record(record, ("decisions", index), _DECISION)
        latest[record["customer_id"]] = index
    broken = first_broken(records)
    if broken is not None:
        index, what = broken
        raise _Invalid(("decisions", index), catalogue_text("transfer.decision_broken", entry=records[index]["id"],
                                                            what=_chain_problem(what)))  # fmt: skip
    for customer_id, index in latest.items():
        if customer_id not in customers:
            if _PSEUDONYM.fullmatch(customer_id):
                continue  # an erasure interrupted by an older kundenboard left the log without the card
            raise _Invalid(("decisions", index), catalogue_text("records.restore_unlisted_decision",
                                                                entry=records[index]["id"], customer=customer_id))
        customer, path = customers[customer_id]
        moved_to = records[index]["to"]
        if moved_to != customer.column.value:
            raise _Invalid(path, catalogue_text("transfer.column_disagrees", customer=customer_id,
                                                listed=customer.column.value, entry=records[index]["id"],
                                                moved=moved_to))  # fmt: skip
    return records


def _chain_problem(what: str) -> str:
    """The domain's finding on a broken chain, in the user's language."""
    return catalogue_text("transfer.chain_changed" if "changed" in what else "transfer.chain_not_following")


def _snapshots(raw: Any) -> list[dict[str, Any]]:
    snapshots = _list(raw or [], ("snapshots",))
    seen: set[str] = set()
    for index, snapshot in enumerate(snapshots):
        path = ("snapshots", index)
        if "quarter" not in _mapping(snapshot, path):
            raise _Invalid(path, catalogue_text("transfer.missing_quarter"))
        quarter = _text(snapshot["quarter"], (*path, "quarter"))
        try:
            parse_quarter(quarter)
        except ValueError:
            raise _Invalid((*path, "quarter"), catalogue_text("errors.bad_quarter", value=quarter)) from None
        if quarter in seen:
            raise _Invalid((*path, "quarter"), catalogue_text("transfer.snapshot_twice", quarter=quarter))
        seen.add(quarter)
        _plain(snapshot, path)
    return snapshots


def _check_counts(raw: Any, customers: dict, facts: tuple[list, ...], decisions: list, snapshots: list) -> None:
    """The counts catch a file that was cut off at a line break and still parses."""
    counts = _record(raw, ("counts",), {key: (_int, _REQUIRED) for key in _COUNT_KEYS})
    found = {c.value: 0 for c in Column}
    for customer, _ in customers.values():
        found[customer.column.value] += 1
    found.update(zip(_FACT_KINDS, map(len, facts), strict=True))
    found.update(decisions=len(decisions), snapshots=len(snapshots))
    for key in _COUNT_KEYS:
        if counts[key] != found[key]:
            raise _Invalid(("counts", key), catalogue_text("transfer.counts_differ", field=key, said=counts[key],
                                                           found=found[key]))  # fmt: skip


# --- restore: locating a problem in the file ------------------------------------------------


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """The line of the node at `path`, found by parsing again: only ever done for a file with a problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == str(part)), None)
            if pair is None:
                break
            node, line = pair[1], pair[0].start_mark.line + 1  # the key's line: a list value starts below it
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _read_export(source: Path) -> tuple[Any, Callable[[tuple[str | int, ...]], int | None]]:
    """The export's data, and how to find the line of a path in it.

    An export as `export` writes it is read in pieces: the skeleton in one YAML
    load, each customer in its own, each fact row with json.loads. Anything that
    does not fit that shape exactly is read as one YAML document instead.
    """
    try:
        with source.open("rb") as handle:
            overlong = overlong_line(handle)
        if overlong is not None:
            raise RestoreError(catalogue_text("records.line_too_long", where=f"{source}:{overlong}",
                                              limit=MAX_LINE >> 20))  # fmt: skip
        with source.open("rb") as handle:
            scan = _Scan(secrets.token_hex(8))
            if scan.read(source, handle):
                data = scan.resolve()
                if data is not None:
                    return data, scan.line_of
    except FileNotFoundError:
        raise RestoreError(catalogue_text("errors.restore_no_file", source=source)) from None
    except OSError as error:
        raise RestoreError(catalogue_text("errors.restore_unreadable", source=source, reason=error.strerror)) from None
    return _read_whole(source)


def _read_whole(source: Path) -> tuple[Any, Callable[[tuple[str | int, ...]], int | None]]:
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise RestoreError(catalogue_text("errors.restore_unreadable", source=source, reason=error.strerror)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise RestoreError(catalogue_text("errors.restore_not_utf8", where=f"{source}:{line}")) from None
    return _load_yaml(source, text), lambda path: _line_of(text, path)


def _load_yaml(source: Path, text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{source}:{mark.line + 1}" if mark else str(source)
        problem = " ".join(str(error.problem or error.context or "").split())
        context = error.context_mark
        if error.problem and error.context and context and mark and context.line != mark.line:
            problem += f", {error.context} that starts on line {context.line + 1}"
        raise RestoreError(catalogue_text("errors.restore_invalid", where=where, problem=problem)) from None
    except yaml.YAMLError as error:
        problem = " ".join(str(error).split())
        raise RestoreError(catalogue_text("errors.restore_invalid", where=source, problem=problem)) from None


_PSEUDONYM = re.compile(r"P-[0-9a-f]{8}")
_TOP_KEY = re.compile(r"([a-z_]+):")
_SUB_KEY = re.compile(r"  ([A-Za-z_][A-Za-z0-9_-]*):")
# Inside these a YAML reader counts lines differently, or reads JSON differently: such a file is read whole.
_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")
_NOT_JSON_AS_YAML = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff]|\\u[dD][89abAB]")
_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?")


def _yaml_float(text: str) -> float:
    if not _YAML_FLOAT.fullmatch(text):
        raise ValueError(text)  # YAML 1.1 reads 1e5 or 1.0e5 as text: let YAML read the line
    return float(text)


def _no_constant(text: str) -> Any:
    raise ValueError(text)  # NaN, Infinity: text to YAML


def _parse_row(text: str) -> Any:
    """One row line as a YAML reader reads it: JSON where that gives the same, else YAML; raises on neither."""
    if not _NOT_JSON_AS_YAML.search(text):
        try:
            return json.loads(text, parse_float=_yaml_float, parse_constant=_no_constant)
        except ValueError:
            pass
    if not text.startswith("["):
        raise ValueError(text)
    return yaml.load(text, Loader=_Loader)


class _RowLines:
    """A fact table's rows as the lines they were read from, parsed as they are checked."""

    def __init__(self, first_line: int, lines: list[str]) -> None:
        self.first_line, self.lines = first_line, lines

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[Any]:
        for text in self.lines:
            try:
                yield _parse_row(text)
            except (ValueError, yaml.YAMLError):
                raise _ReadWhole from None


class _ReadWhole(Exception):
    """A row that cannot be read on its own line: the file is read as one YAML document, which names the problem."""


@dataclass
class _Block:
    """A long list read piece by piece: the customers of a column, or a fact table's rows."""

    path: tuple[str, ...]
    rows: bool
    marker: str
    first_line: int  # of its first item
    items: list[Any]  # customers: parsed; rows: their text
    spans: list[tuple[int, int]]  # customers: first and last line of each


class _Scan:
    """Splits an export into a small YAML skeleton and its long lists, line by line."""

    def __init__(self, nonce: str) -> None:
        self.nonce = nonce
        self.skeleton: list[str] = []
        self.blocks: list[_Block] = []
        self.source: Path | None = None
        self._chunk: list[str] = []
        self._chunk_start = 0

    def read(self, source: Path, handle: Any) -> bool:
        """False when the file must be read whole (a shape this reader does not take apart)."""
        self.source = source
        section, kind, pending, block = None, None, None, None
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise RestoreError(catalogue_text("errors.restore_not_utf8", where=f"{source}:{number}")) from None
            body = line.rstrip("\n").removesuffix("\r")
            if _ODD_BREAKS.search(body):
                return False
            if pending is not None:
                path, index = pending
                pending = None
                if self._starts_item(body, path):
                    block = _Block(path, path[0] == "facts", f"kundenboard-stream-{self.nonce}-{len(self.blocks)}",
                                   number, [], [])  # fmt: skip
                    self.blocks.append(block)
                    self.skeleton[index] = f"{self.skeleton[index].rstrip()} '{block.marker}'\n"
            if block is not None:
                taken = self._take(block, body, number)
                if taken is None:
                    return False
                if taken:
                    self.skeleton.append("\n")
                    continue
                block = None
            self.skeleton.append(line)
            if body[:1] not in ("", " ", "#"):
                section, kind = (body[:-1] if _TOP_KEY.fullmatch(body) else None), None
            elif section == "columns" and _SUB_KEY.fullmatch(body):
                pending = (("columns", body.strip()[:-1]), len(self.skeleton) - 1)
            elif section == "facts" and _SUB_KEY.fullmatch(body):
                kind = body.strip()[:-1]
            elif section == "facts" and kind and body == "    rows:":
                pending = (("facts", kind, "rows"), len(self.skeleton) - 1)
        return block is None or self._close(block)

    @staticmethod
    def _starts_item(body: str, path: tuple[str, ...]) -> bool:
        return body.startswith("    - [") if path[0] == "facts" else body.startswith("  - ")

    def _take(self, block: _Block, body: str, number: int) -> bool | None:
        """Whether the line belongs to the block; None when it cannot be read apart from the rest."""
        if block.rows:
            if not body.startswith("    - "):
                return False
            block.items.append(body[6:])  # parsed once, when checked: a row YAML alone cannot read has it read whole
            return True
        if body.startswith("  - "):
            if self._chunk and not self._close(block):
                return None
            self._chunk, self._chunk_start = [body], number
            return True
        if body.startswith("    ") or not body.strip() or body.lstrip().startswith("#"):
            self._chunk.append(body)
            return True
        return False if self._close(block) else None

    def _close(self, block: _Block) -> bool:
        """Parse the customer read so far on its own; False if it does not stand alone."""
        if block.rows or not self._chunk:
            return True
        lines = _without_display(self._chunk) or self._chunk
        try:
            item = yaml.load(_dedent(lines), Loader=_Loader)
        except yaml.YAMLError:
            return False
        if not isinstance(item, list) or len(item) != 1:
            return False
        customer = item[0]
        if isinstance(customer, dict):  # what the board showed: a restore recomputes it
            customer.pop("metrics", None)
            customer.pop("suggestion", None)
        block.items.append(customer)
        block.spans.append((self._chunk_start, self._chunk_start + len(self._chunk) - 1))
        self._chunk = []
        return True

    def resolve(self) -> Any:
        """The skeleton loaded, each long list put back where its marker is; None to read the file whole."""
        try:
            data = yaml.load("".join(self.skeleton), Loader=_Loader)
        except yaml.YAMLError:
            return None  # read whole, the error names the line as the reader sees it
        for block in self.blocks:
            parent = data
            for key in block.path[:-1]:
                parent = parent.get(key) if isinstance(parent, dict) else None
            if not isinstance(parent, dict) or parent.get(block.path[-1]) != block.marker:
                return None
            parent[block.path[-1]] = _RowLines(block.first_line, block.items) if block.rows else block.items
        return data

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        for block in self.blocks:
            size = len(block.path)
            if path[:size] != block.path or len(path) == size or not isinstance(path[size], int):
                continue
            if block.rows:
                return block.first_line + path[size]
            first, last = block.spans[path[size]]
            with self.source.open("rb") as handle:  # type: ignore[union-attr]
                lines = [raw.decode("utf-8").rstrip("\n").removesuffix("\r") for raw in _lines(handle, first, last)]
            inner = _line_of(_dedent(lines), (0, *path[size + 1:]))
            return first + (inner or 1) - 1
        return _line_of("".join(self.skeleton), path)


# A customer's metrics and suggestion as `export` writes them: what the board showed, which a restore
# recomputes. Lines of this shape are left unparsed (most of the work at 25,000 customers); any other
# line there has the customer parsed whole.
_DISPLAY_LINE = re.compile(
    r"      (?:[a-z_][a-z0-9_]*: (?:null|-?[0-9][0-9.]*(?:e[-+][0-9]+)?|-?\.inf|\.nan|[a-z_][a-z0-9_]*)"
    r"|(?:reasons|not_evaluated):(?: \[\])?|- \{rule: [a-z0-9_]+, .*\})"
)


def _without_display(chunk: list[str]) -> list[str] | None:
    """The customer's lines without its metrics and suggestion; None if those are not in the shape written."""
    kept, skipping = [], False
    for line in chunk:
        if line in ("    metrics:", "    suggestion:"):
            skipping = True
            continue
        if skipping and line.startswith("      "):
            if not _DISPLAY_LINE.fullmatch(line):
                return None
            continue
        skipping = False
        kept.append(line)
    return kept


def _lines(handle: Any, first: int, last: int) -> Iterator[bytes]:
    for number, raw in enumerate(handle, 1):
        if number > last:
            return
        if number >= first:
            yield raw


def _dedent(lines: list[str]) -> str:
    """A customer's lines as a list of one: its two spaces of indent removed (comments may sit further left)."""
    return "".join((line[2:] if line.startswith("  ") else line.lstrip(" ")) + "\n" for line in lines)


def _read_plan(source: Path) -> _Plan:
    """Read and check an export; RestoreError names file:line, the key and the fix."""
    try:
        return _checked_plan(source, *_read_export(source))
    except _ReadWhole:
        return _checked_plan(source, *_read_whole(source))


def _checked_plan(source: Path, data: Any, line_of: Callable[[tuple[str | int, ...]], int | None]) -> _Plan:
    try:
        plan = _plan(data)
        _check_rules(plan)
        return plan
    except _Invalid as problem:
        line = line_of(problem.path)
        where = f"{source}:{line}" if line else str(source)
        key = f" {_dotted(problem.path)}:" if problem.path else ""
        raise RestoreError(catalogue_text("errors.restore_problem", where=f"{where}:{key}",
                                          problem=problem.message)) from None


# --- restore: writing -----------------------------------------------------------------------


def restore(export_path: Path | str, db_path: Path | str, force: bool = False) -> RestoreSummary:
    """Rebuild a database from an export, all or nothing.

    A target that holds a board is refused unless `force`; then its content is
    replaced whole. A folder with files kundenboard did not write is refused always.
    """
    source, target = Path(export_path).expanduser(), Path(db_path).expanduser()
    with _claim(target, force), collector_paused():
        plan = _read_plan(source)
        counts = (len(plan.customers), len(plan.invoices), len(plan.time_entries), len(plan.events),
                  len(plan.decisions), len(plan.snapshots))  # fmt: skip
        staging = _build(plan, target)
        try:
            old = _swap_in(staging, target)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise RestoreError(catalogue_text("errors.restore_unmovable", target=target,
                                              reason=error.strerror)) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)  # the replaced content; the restore is done either way
    return RestoreSummary(target, *counts, (target / "rules.yaml").exists())


@contextmanager
def _claim(target: Path, force: bool) -> Iterator[None]:
    """Hold the target's lock (if it exists) while checking that it may be replaced."""
    if target.exists() and not target.is_dir():
        raise RestoreError(catalogue_text("errors.restore_target_file", target=target))
    if not target.exists():
        yield
        return
    foreign = foreign_files(target)
    if foreign:
        raise RestoreError(catalogue_text("errors.restore_foreign", target=target, files=", ".join(foreign[:5])))
    lock = DatabaseLock(target)
    lock.acquire()  # StoreLocked names the process that has it open
    try:
        held = _what_it_holds(target)
        if held and not force:
            raise RestoreError(catalogue_text("errors.restore_target_held", target=target, held=held))
        yield
    finally:
        lock.release()


def _what_it_holds(target: Path) -> str:
    try:
        with Store.open(target, readonly=True) as store:
            customers, decisions = len(store.customers()), len(store.decision_records())
            facts = sum(store.fact_counts().values())
            snapshots = len(store.snapshots())
    except STORE_ERRORS:
        return catalogue_text("errors.held.unreadable")
    held = ((customers, "customers"), (facts, "facts"), (decisions, "decisions"), (snapshots, "snapshots"))
    parts = [catalogue_text(f"errors.restored.{what}", count=n) for n, what in held if n]
    if (target / "rules.yaml").exists():
        parts.append(catalogue_text("errors.held.rules"))
    return catalogue_text("errors.held.board", parts=", ".join(parts)) if parts else ""


def _build(plan: _Plan, target: Path) -> Path:
    """The new database, complete and checked, in a hidden folder next to the target."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_restore_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
    except OSError as error:
        raise RestoreError(catalogue_text("errors.restore_no_folder", parent=target.parent,
                                          reason=error.strerror)) from None
    try:
        if _own_rules(plan):
            atomic_write(staging / "rules.yaml", plan.rule_text.encode("utf-8"))  # type: ignore[union-attr]
        expected = {kind: len(facts) for kind, facts in zip(_FACT_KINDS, (plan.invoices, plan.time_entries,
                                                                          plan.events), strict=True)}  # fmt: skip
        _write(plan, staging)
        _verify(plan, expected, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _remove_restore_leftovers(target: Path) -> None:
    """Hidden folders of an earlier restore of this target that was killed: copies of personal data.

    The old content set aside by the two-rename swap is kept while the target
    is missing: it is then the only copy of the board the user had.
    """
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.restore-*"):
        if leftover.is_dir() and not leftover.is_symlink() and (target.exists() or not leftover.name.endswith("-old")):
            shutil.rmtree(leftover, ignore_errors=True)


def _write(plan: _Plan, staging: Path) -> None:
    """The plan into a new store, in one transaction.

    Each kind of facts leaves the plan once the store has it as rows: at 25,000
    customers the plan's facts and the store's rows are 100 MB each.
    """
    with Store.open(staging) as store:
        with store.transaction():
            store.save_customers(plan.customers)
            for kind in _FACT_KINDS:
                facts = getattr(plan, kind)
                store.add_facts(**{kind: facts})
                facts.clear()
            if plan.snapshots:
                store.upsert_table("snapshots", "quarter", plan.snapshots)
        if plan.decisions:
            store.rewrite_log(plan.decisions)


def _own_rules(plan: _Plan) -> bool:
    """Whether the export's rule set must go into the database: it is not the one shipped with this version."""
    shipped = hashlib.sha256(default_rules_path().read_bytes()).hexdigest()
    return plan.rule_text is not None and plan.rule_sha256 != shipped


def _check_rules(plan: _Plan) -> None:
    """The rule set must load here, or the restored board would not open."""
    if not _own_rules(plan):
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules.yaml"
        path.write_bytes(plan.rule_text.encode("utf-8"))  # type: ignore[union-attr]
        try:
            load_rule_set(path)
        except RuleSetError as error:
            first = error.problems[0]
            raise _Invalid(("rule_set_text",), catalogue_text("transfer.rules_unusable", line=first.line,
                                                              problem=first.message)) from None  # fmt: skip


def _verify(plan: _Plan, expected: dict[str, int], staging: Path) -> None:
    """Read the new database back: every card in its column, every fact kept, the chain intact."""
    with Store.open(staging, readonly=True) as store:
        columns = {cid: c.column for cid, c in store.customers().items()}
        kept = store.fact_counts()
        broken = first_broken(store.decision_records())
    if columns != {c.id: c.column for c in plan.customers} or kept != expected or broken is not None:
        raise RestoreError(catalogue_text("errors.restore_mismatch"))


def _swap_in(staging: Path, target: Path) -> Path | None:
    """Put the new database where the target is, in one step where the system allows it.

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
