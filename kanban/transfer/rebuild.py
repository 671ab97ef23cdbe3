"""A database rebuilt from an export, all or nothing.

The whole file is checked before anything is written; the new database is
built in a hidden folder next to the target, read back, and swapped in with
one rename: the target holds either its old content or the complete new one.
"""

from __future__ import annotations

import glob
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kanban.domain.audit import first_broken
from kanban.store import STORE_ERRORS, Store
from kanban.store.facts import FACT_KINDS
from kanban.store.files import atomic_write, swap_in_folder
from kanban.store.lock import DatabaseLock
from kanban.store.store import foreign_files
from kanban.texts import text as catalogue_text
from kanban.transfer.errors import RestoreError
from kanban.transfer.schema import FACT_TABLES, Invalid, Plan, check_rules, checked_export, dotted, own_rules
from kanban.transfer.yaml_in import ReadWhole, read_export, read_whole


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
        parts = [
            catalogue_text("errors.restored.customers", lang, count=self.customers),
            catalogue_text("errors.restored.facts", lang, count=facts),
            catalogue_text("errors.restored.decisions", lang, count=self.decisions),
            catalogue_text("errors.restored.snapshots", lang, count=self.snapshots),
        ]
        rules = catalogue_text("errors.restored.rules", lang) if self.rules_file else ""
        return catalogue_text(
            "errors.restored", lang, parts=", ".join(parts[:-1]), last=parts[-1], rules=rules, db=self.db
        )


def _read_plan(source: Path) -> Plan:
    """Read and check an export; RestoreError names file:line, the key and the fix."""
    try:
        return _checked_plan(source, *read_export(source))
    except ReadWhole:
        return _checked_plan(source, *read_whole(source))


def _checked_plan(source: Path, data: Any, line_of: Callable[[tuple[str | int, ...]], int | None]) -> Plan:
    try:
        plan = checked_export(data)
        check_rules(plan)
        return plan
    except Invalid as problem:
        line = line_of(problem.path)
        where = f"{source}:{line}" if line else str(source)
        key = f" {dotted(problem.path)}:" if problem.path else ""
        raise RestoreError(
            catalogue_text("errors.restore_problem", where=f"{where}:{key}", problem=problem.message)
        ) from None


def restore(export_path: Path | str, db_path: Path | str, force: bool = False) -> RestoreSummary:
    """Rebuild a database from an export, all or nothing.

    A target that holds a board is refused unless `force`; then its content is
    replaced whole. A folder with files kundenboard did not write is refused always.
    """
    source, target = Path(export_path).expanduser(), Path(db_path).expanduser()
    with _claim(target, force):
        plan = _read_plan(source)
        invoices, time_entries, events = (len(plan.facts[kind]) for kind in FACT_TABLES)
        counts = (len(plan.customers), invoices, time_entries, events, len(plan.decisions), len(plan.snapshots))
        staging = _build(plan, target)
        try:
            old = swap_in_folder(staging, target)
        except OSError as error:
            shutil.rmtree(staging, ignore_errors=True)
            raise RestoreError(
                catalogue_text("errors.restore_unmovable", target=target, reason=error.strerror)
            ) from None
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


def _build(plan: Plan, target: Path) -> Path:
    """The new database, complete and checked, in a hidden folder next to the target."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_restore_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
    except OSError as error:
        raise RestoreError(
            catalogue_text("errors.restore_no_folder", parent=target.parent, reason=error.strerror)
        ) from None
    try:
        if own_rules(plan):
            atomic_write(staging / "rules.yaml", plan.rule_text.encode("utf-8"))  # type: ignore[union-attr]
        expected = {kind: plan.facts[kind].stored for kind in FACT_TABLES}
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


def _write(plan: Plan, staging: Path) -> None:
    """The plan into a new store, in one transaction: each file written once.

    The facts go in as the texts the check made of their rows; each kind
    leaves the plan once the store holds it.
    """
    with Store.open(staging) as store:
        with store.transaction():
            store.save_customers(plan.customers)
            for kind in FACT_KINDS:
                texts = plan.facts[kind.table].texts
                store.put_fact_texts(kind, texts)
                texts.clear()
            if plan.snapshots:
                store.upsert_table("snapshots", "quarter", plan.snapshots)
        if plan.decisions:
            store.rewrite_log(plan.decisions)


def _verify(plan: Plan, expected: dict[str, tuple[int, int]], staging: Path) -> None:
    """Read the new database back: every card in its column, every customer's facts as written, the chain intact.

    The facts are compared by what each kind's file holds (documents, length of their rows' texts), read
    back through the store: parsing every row again would take as long as the check did.
    """
    with Store.open(staging, readonly=True) as store:
        columns = {cid: c.column for cid, c in store.customers().items()}
        kept = store.fact_sizes()
        broken = first_broken(store.decision_records())
    if columns != {c.id: c.column for c in plan.customers} or kept != expected or broken is not None:
        raise RestoreError(catalogue_text("errors.restore_mismatch"))
