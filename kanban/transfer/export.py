"""Building the export from a board: everything the database holds, and what the board showed that day.

Metrics and suggestions are for the reader: a restore recomputes them, it never reads them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from kanban import __version__
from kanban.board import Board, CustomerView
from kanban.domain import codec
from kanban.domain.metrics import METRICS
from kanban.domain.model import Column
from kanban.store import Store, StoreWriteError
from kanban.store.facts import FACT_KINDS, FactKind
from kanban.store.files import atomic_write
from kanban.texts import text as catalogue_text
from kanban.transfer.errors import ExportError
from kanban.transfer.schema import FORMAT_VERSION, KNOWN_TABLES
from kanban.transfer.yaml_out import Inline, Row, Stream, dump_export, write_export_to


def default_export_name(as_of: dt.date) -> str:
    return f"kundenboard-export-{as_of.isoformat()}.yaml"


def build_export(board: Board, now: dt.datetime | None = None) -> dict[str, Any]:
    """The board as one dict in export order; `now` pins exported_at (tests).

    Customer entries and fact rows are made while the export is written (see
    Stream), from what is taken here: the views of this moment (a move makes
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
    fact_tables = {kind.table: _fact_table(store, kind, fact_counts[kind.table]) for kind in FACT_KINDS}
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
        "columns": {
            c.value: Stream(len(columns[c]), functools.partial(map, _customer_entry, columns[c])) for c in Column
        },
        "facts": fact_tables,
        "decisions": decisions,
        "snapshots": snapshots,
        "rule_set_text": rule_text,
    }


def export_text(board: Board, now: dt.datetime | None = None) -> str:
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
        write_export_to(data, sys.stdout)
        sys.stdout.flush()
        return None
    path = Path(target).expanduser().absolute()
    if path.is_dir():
        path = path / default_export_name(dt.date.fromisoformat(data["as_of"]))
    _refuse_unless_regular(path)
    _remove_export_leftovers(path)

    def fill(handle: BinaryIO) -> None:  # written as it is made: the file is never in memory at once
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
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
    record["tags"] = Inline(record["tags"])
    s = view.passing_suggestion()
    record["metrics"] = _in_metric_order(view.metrics)
    record["suggestion"] = {
        "column": s.column.value,
        "score": s.score,
        "knockout": s.knockout,
        "reasons": [Row(rule=r.rule_id, points=r.points, text=r.text) for r in s.reasons],
        "not_evaluated": [Row(rule=u.rule_id, text=u.text) for u in s.unknown],
    }
    return record


def _fact_table(store: Store, kind: FactKind, count: int) -> dict[str, Any]:
    """Facts as a table: the field names once, then one line per fact (a third smaller and faster than mappings).

    The rows are the store's own, with the customer number put back in.
    """
    names = list(kind.names)
    at = names.index("customer_id")

    def rows() -> Iterator[list[Any]]:
        return ([*row[:at], cid, *row[at:]] for cid, stored in store.fact_rows(kind) for row in stored)

    return {"columns": Inline(names), "rows": Stream(count, rows)}


_METRIC_ORDER = tuple(METRICS)


def _in_metric_order(metrics: Mapping[str, float | None]) -> dict[str, float | None]:
    """Metrics in the registry's order, whether the board computed them or read its cache."""
    if type(metrics) is dict and tuple(metrics) == _METRIC_ORDER:
        return metrics  # as they mostly come: written, never changed, so no copy is needed
    ordered = {name: metrics[name] for name in METRICS if name in metrics}
    ordered.update((name, value) for name, value in metrics.items() if name not in ordered)
    return ordered


def _check_tables(store: Store) -> None:
    """Refuse to leave data out silently when the store has grown a table the export does not know."""
    unknown = store.table_names() - KNOWN_TABLES
    if unknown:
        raise ExportError(
            catalogue_text("errors.export_unknown_tables", tables=", ".join(sorted(unknown)), count=len(unknown))
        )


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
