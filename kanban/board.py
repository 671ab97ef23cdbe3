"""The board as the CLI and the app use it: customers, their metrics and suggestions, and decisions.

This is the one place where a column change happens, so the board, the review
and `kundenboard move` record decisions the same way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import getpass
import json
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kanban import __version__
from kanban.domain.history import revenue_a_year_before, with_growth_from_history
from kanban.domain.metrics import METRICS, RELATIVE_METRICS, Metrics, MetricSettings, add_months, compute_metrics
from kanban.domain.model import Column, Customer, Decision, DecisionKind, Facts, quarter_of
from kanban.domain.relative import add_relative_measures
from kanban.resources import default_rules_path
from kanban.texts import language, text

if TYPE_CHECKING:
    from kanban.domain.audit import ChainBreak
    from kanban.domain.backtest import Backtest
    from kanban.domain.erasure import Erasure
    from kanban.domain.rules import RuleSet, Suggestion
    from kanban.store import Store


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why and what to do."""


def store_errors() -> tuple[type[Exception], ...]:
    """What reading or writing the database can raise, each with a one-line message.

    Imported when first asked for: the app paints its first screen without the store.
    """
    from kanban.store import STORE_ERRORS

    return STORE_ERRORS


class UnreadableLog(Exception):
    """The database's log cannot be read as entries at all; the message names where."""


def read_log(db: Path) -> list[dict[str, Any]]:
    """The audit log as stored, read without rules or lock (`audit verify` checks it as it is)."""
    from kanban.store import CorruptDatabase, Store

    try:
        with Store.open(db, readonly=True) as store:
            return store.decision_records()
    except CorruptDatabase as error:
        raise UnreadableLog(str(error)) from None


def write_errors() -> tuple[type[Exception], ...]:
    """What can go wrong when a decision or a customer is written; each has a one-line message."""
    return (UserError, *store_errors())


@dataclass(frozen=True)
class CustomerView:
    """Everything the board shows of one customer.

    The suggestion is evaluated when first asked for: a board of 25,000 cards
    draws a few dozen, and the detail screen one.
    """

    customer: Customer
    metrics: Metrics
    rule_set: RuleSet
    lang: str
    known_score: float | None = field(default=None, compare=False)  # from the metrics cache

    @cached_property
    def suggestion(self) -> Suggestion:
        from kanban.domain.rules import evaluate

        return evaluate(self.rule_set, self.metrics, self.lang)

    def passing_suggestion(self) -> Suggestion:
        """The suggestion, not kept on the view: for going through all customers once (suggest, export),
        where 25,000 kept suggestions would add up."""
        if "suggestion" in self.__dict__:
            return self.suggestion
        from kanban.domain.rules import evaluate

        return evaluate(self.rule_set, self.metrics, self.lang)

    @property
    def score(self) -> float:
        """The rules' score; from the cache when known, so sorting 25,000 cards by it evaluates no rule."""
        return self.suggestion.score if self.known_score is None else self.known_score

    @property
    def differs(self) -> bool:
        return self.suggestion.column is not self.customer.column


def rules_path_for(db: Path, explicit: Path | None) -> Path:
    """--rules FILE, else a rules.yaml inside the database folder, else the shipped set."""
    if explicit is not None:
        return explicit
    local = db / "rules.yaml"
    return local if local.is_file() else default_rules_path()


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Board:
    def __init__(self, store: Store, rule_set: RuleSet, as_of: dt.date | None = None, lang: str = "de") -> None:
        self.store = store
        self.rule_set = rule_set
        self.as_of = as_of or dt.date.today()
        self.lang = lang
        self.views: dict[str, CustomerView] = {}
        self._settings: MetricSettings | None = None
        self._cached: tuple[str, dict[str, Any]] = ("", {})  # the metrics cache as read or written: key, data
        self.refresh()

    @classmethod
    def open(
        cls,
        db: Path,
        rules: Path | None = None,
        as_of: dt.date | None = None,
        lang: str = "de",
        readonly: bool = False,
    ) -> Board:
        """Load the rules first: a broken rule set must not take the database lock."""
        # Imported here: the app paints its first screen before it needs the rules (YAML) or the store.
        from kanban.rules_file import load_rule_set
        from kanban.store import Store

        rule_set = load_rule_set(rules_path_for(db, rules))
        store = Store.open(db, readonly=readonly)
        try:
            return cls(store, rule_set, as_of, lang)
        except BaseException:
            store.close()  # e.g. a corrupt facts.json, read only now: do not keep the lock
            raise

    def close(self) -> None:
        self.store.close()

    @property
    def directory(self) -> Path:
        """The database's folder."""
        return self.store.directory

    # -- reading ----------------------------------------------------------

    def refresh(self) -> None:
        """Every customer's metrics, from the cache when customers, facts and rules are unchanged."""
        self._refresh()

    def _refresh(self) -> None:
        self._settings = None
        customers = self.store.customers()
        key = self._cache_key()
        cached = self.store.read_cache(key)
        metrics, scores = _unpack(cached, customers)
        if metrics is None:
            from kanban.domain.rules import suggest_all

            year_ago = self._revenue_a_year_before()
            metrics = {c.id: self._metrics(c, year_ago) for c in customers.values()}
            settings = self.rule_set.settings
            add_relative_measures(metrics, settings.abc_a_share, settings.abc_b_share)
            # The board sorts by score: evaluate every customer now, once, and keep the scores with the metrics.
            suggestions = suggest_all(self.rule_set, metrics, self.lang)
            scores = {cid: s.score for cid, s in suggestions.items()}
            self._cached = (key, _pack(metrics, scores))
            self.store.write_cache(*self._cached)
            self.views = {
                c.id: self._view(c, metrics[c.id], scores[c.id], suggestions[c.id]) for c in customers.values()
            }
            return
        self._cached = (key, cached)
        self.views = {c.id: self._view(c, metrics[c.id], scores[c.id]) for c in customers.values()}

    def _cache_key(self) -> str:
        return metrics_cache_key(self.store.data_version(), self.rule_set.digest, self.as_of)

    @property
    def start_screen(self) -> Any:
        """What the app kept of its first screen beside the metrics (kanban.tui.start), if anything."""
        return self._cached[1].get("start")

    def save_start_screen(self, start: Any) -> None:
        """Keep the app's first screen with the metrics cache, so that the next start can paint it at once.

        Skipped when customers or facts changed since the metrics were computed: they would be stale.
        """
        key, data = self._cached
        if data and key == self._cache_key():
            self._cached = (key, {**data, "start": start})
            self.store.write_cache(*self._cached)

    def _metrics(self, customer: Customer, year_ago: dict[str, float]) -> Metrics:
        """Metrics from the facts; growth from the snapshot of a year ago where the facts do not reach back."""
        if self._settings is None:
            # Whether anyone records events at all decides if a count of 0 means "none" or "unknown".
            self._settings = replace(self.rule_set.metric_settings(), events_tracked=self.store.events_tracked())
        metrics = compute_metrics(customer, self.facts(customer.id), self.as_of, self._settings)
        return with_growth_from_history(metrics, year_ago.get(customer.id))

    def _revenue_a_year_before(self) -> dict[str, float]:
        return revenue_a_year_before(self.store.snapshots(), quarter_of(self.as_of))

    def _view(
        self, customer: Customer, metrics: Metrics, score: float | None = None, suggestion: Suggestion | None = None
    ) -> CustomerView:
        view = CustomerView(customer, metrics, self.rule_set, self.lang, score)
        if suggestion is not None:
            view.__dict__["suggestion"] = suggestion  # where cached_property keeps it: not evaluated twice
        return view

    def facts(self, customer_id: str) -> Facts:
        """One customer's facts, decoded when asked for: all of them at once would not fit in memory at scale."""
        return self.store.facts_of(customer_id)

    def invoice_and_time_rows(self) -> tuple[Any, Any]:
        """Every customer's invoice and time rows, parsed, for sums over all of them (the portfolio's quarters)."""
        from kanban.store.facts import INVOICES, TIME_ENTRIES

        return self.store.parsed_fact_rows(INVOICES), self.store.parsed_fact_rows(TIME_ENTRIES)

    def find(self, query: str) -> CustomerView:
        """A customer by number or by an unambiguous (part of the) name."""
        if query in self.views:
            return self.views[query]
        needle = query.strip().casefold()
        exact = [v for v in self.views.values() if v.customer.name.casefold() == needle]
        partial = exact or [v for v in self.views.values() if needle in v.customer.name.casefold()]
        if len(partial) == 1:
            return partial[0]
        if partial:
            names = ", ".join(f"{v.customer.id} {v.customer.name}" for v in partial[:8])
            raise UserError(text("errors.customer_ambiguous", query=query, names=names))
        close = difflib.get_close_matches(query, [v.customer.name for v in self.views.values()], n=3)
        hint = text("errors.did_you_mean", names=", ".join(close)) if close else text("errors.customers_lists")
        raise UserError(text("errors.no_customer", query=query, hint=hint))

    # -- deciding ---------------------------------------------------------

    def require_intact_log(self) -> None:
        """Refuse to add to a log whose chain is broken: a new entry would sit behind a break nobody saw."""
        from kanban.domain.audit import first_broken
        from kanban.texts import text

        records = self.store.decision_records()
        broken = first_broken(records)
        if broken is not None:
            entry = records[broken.position].get("id", "?")
            raise UserError(text("records.move_broken_log", entry=entry, line=broken.position + 1))

    def move(
        self,
        customer_id: str,
        to: Column,
        reason: str = "",
        actor: str | None = None,
        kind: DecisionKind = DecisionKind.MOVE,
        review: str | None = None,
        at: dt.datetime | None = None,
    ) -> Decision:
        """Record a column change (or a review's confirmation) durably, then show it."""
        view = self.views[customer_id]
        if to is Column.DROP and kind is not DecisionKind.CONFIRM and not reason.strip():
            raise UserError(text("errors.drop_needs_reason", name=view.customer.name))
        if to is view.customer.column and kind is not DecisionKind.CONFIRM:
            raise UserError(text("errors.already_in", name=view.customer.name, column=to.label(language())))
        now = at or dt.datetime.now(dt.UTC)
        decision = self.store.append_decision(
            Decision(
                id=0,
                at=now,
                customer_id=customer_id,
                from_column=view.customer.column,
                to_column=to,
                reason=reason.strip(),
                actor=actor or current_actor(),
                quarter=quarter_of(now.date()),
                kind=kind,
                review=review,
                suggested=view.suggestion.column,
                score=view.suggestion.score,
                fired_rules=tuple(r.rule_id for r in view.suggestion.reasons),
                metrics=dict(view.metrics),
            )
        )
        self.views[customer_id] = replace(view, customer=replace(view.customer, column=to))
        return decision

    def accept(self, customer_id: str, reason: str = "", actor: str | None = None) -> Decision:
        """Move a card where the rules suggest; the fired rules are the default reason."""
        suggestion = self.views[customer_id].suggestion
        text = reason or "; ".join(r.text for r in suggestion.reasons)
        return self.move(customer_id, suggestion.column, text, actor, DecisionKind.ACCEPT)

    def undo(self, decision: Decision, actor: str | None = None) -> Decision:
        """Take a move back by a new decision; the original stays in the log."""
        reason = f"Rückgängig: Entscheidung #{decision.id}" if self.lang == "de" else f"Undo of decision #{decision.id}"
        return self.move(decision.customer_id, decision.from_column, reason, actor, DecisionKind.UNDO)

    def decisions(self, customer_id: str | None = None) -> list[Decision]:
        return self.store.decisions(customer_id)

    # -- the log and the quarters' snapshots ----------------------------------

    def decision_records(self) -> list[dict[str, Any]]:
        """The log as stored: what the chain's hashes cover, for verifying, reporting and exporting."""
        return self.store.decision_records()

    def chain_break(self) -> ChainBreak | None:
        """Where the log's hash chain breaks first, or None when it is intact."""
        from kanban.domain.audit import first_broken

        return first_broken(self.store.decision_records())

    def snapshots(self) -> list[dict[str, Any]]:
        return self.store.snapshots()

    def save_snapshot(self, snapshot: dict[str, Any]) -> None:
        """Keep (or replace) the snapshot of one quarter's review."""
        self.store.save_snapshot(snapshot)

    # -- erasure (GDPR Art. 17) ------------------------------------------------

    def plan_erasure(self, customer_id: str, actor: str | None = None) -> Erasure:
        """What forgetting the customer would write; nothing changes until `forget` is given the plan."""
        from kanban.domain.erasure import ErasureRefused, erase, new_pseudonym

        log = self.store.decision_records()
        taken = set(self.views) | {r["customer_id"] for r in log if r.get("customer_id")}
        try:
            return erase(
                self.views[customer_id].customer,
                self.facts(customer_id),
                log,
                pseudonym=new_pseudonym(taken),
                at=dt.datetime.now(dt.UTC),
                actor=actor or current_actor(),
                lang=self.lang,
                snapshots=self.store.snapshots(),
            )
        except ErasureRefused as error:
            raise UserError(str(error)) from None

    def forget(self, plan: Erasure) -> None:
        """Write the erasure in one transaction; the card stays on the board under its pseudonym."""
        self.store.forget_customer(plan.old_id, plan.customer, plan.facts, plan.log, plan.snapshots)
        old = self.views.pop(plan.old_id).metrics
        metrics = self._metrics(plan.customer, self._revenue_a_year_before())
        metrics.update({name: old.get(name) for name in RELATIVE_METRICS})  # the invoices stay, so does the place
        self.views[plan.customer.id] = self._view(plan.customer, metrics)

    # -- editing customers --------------------------------------------------

    def save_customer(self, customer: Customer, is_new: bool) -> None:
        """Add or edit a customer's record; the column is changed only by decisions."""
        if is_new and customer.id in self.views:
            raise UserError(text("errors.number_taken", number=customer.id, name=self.views[customer.id].customer.name))
        if not is_new:
            customer = replace(customer, column=self.views[customer.id].customer.column)
        self.store.save_customers([customer])
        metrics = self._metrics(customer, self._revenue_a_year_before())
        if not is_new:
            # A record's edit changes no invoice, so the customer's place in the base stays where it was.
            old = self.views[customer.id].metrics
            metrics.update({name: old.get(name) for name in RELATIVE_METRICS})
        self.views[customer.id] = self._view(customer, metrics)

    def columns(self) -> dict[Column, list[CustomerView]]:
        result: dict[Column, list[CustomerView]] = {c: [] for c in Column}
        for view in self.views.values():
            result[view.customer.column].append(view)
        return result


def update_metrics_cache(store: Store, rules: Path | None, as_of: dt.date | None, lang: str) -> None:
    """Compute every customer's metrics and score now, for the metrics cache (if they are for today)."""
    from kanban.rules_file import RuleSetError, load_rule_set

    try:
        Board(store, load_rule_set(rules_path_for(store.directory, rules)), as_of, lang)
    except (RuleSetError, *store_errors()):
        pass  # the import is written; the board names the rule set's or the data's problem when it opens


def peek_metrics_cache(db: Path) -> tuple[str, tuple[str, Any] | None]:
    """The data version and the metrics cache entry (key, data), without lock or parsing: the app's fast
    start reads them before any Board exists. OSError when the files cannot be read."""
    from kanban.store import Store

    store = Store(db, readonly=True)  # only stats the files and reads the cache
    version = store.data_version()
    return version, store.read_cache_entry()


def check_not_in_use(db: Path) -> None:
    """Raise the store's one-line error now if another process holds the database."""
    from kanban.store.lock import DatabaseLock

    lock = DatabaseLock(db)
    lock.acquire()
    lock.release()


def metrics_cache_key(data_version: str, rules_digest: str, as_of: dt.date) -> str:
    """The metrics cache holds for these data, rules and day; the app's fast start checks it without a Board.

    The version is part of the key: a new release may compute a metric differently.
    """
    return f"{__version__}|{data_version}|{rules_digest}|{as_of.isoformat()}"


def cache_key_has_data(key: str, data_version: str) -> bool:
    """Whether a metrics cache key was made for these customers and facts (of any day and rules)."""
    return f"|{data_version}|" in key


_METRIC_NAMES = list(METRICS)


def _pack(metrics: dict[str, Metrics], scores: dict[str, float]) -> dict[str, Any]:
    """Metrics as rows of values in a fixed name order (a third of the size of dicts), and the scores.

    Rows and scores are one JSON text inside the cache: reading the cache for the
    app's first screen then only scans a string instead of building 25,000 lists.
    """
    rows = {cid: [m[n] for n in _METRIC_NAMES] for cid, m in metrics.items()}
    return {"names": _METRIC_NAMES, "metrics": json.dumps([rows, scores], separators=(",", ":"))}


def _unpack(
    packed: object, customers: dict[str, Customer]
) -> tuple[dict[str, Metrics], dict[str, float]] | tuple[None, None]:
    if not isinstance(packed, dict) or packed.get("names") != _METRIC_NAMES:
        return None, None
    try:
        rows, scores = json.loads(packed["metrics"])
    except (KeyError, TypeError, ValueError):
        return None, None
    if not isinstance(rows, dict) or not isinstance(scores, dict):
        return None, None
    if rows.keys() != customers.keys() or scores.keys() != customers.keys():
        return None, None
    return {cid: dict(zip(_METRIC_NAMES, row, strict=True)) for cid, row in rows.items()}, scores


def run_backtest(
    db: Path, rules: Path | None, as_of: dt.date, horizon_months: int, compare: Path | None = None
) -> tuple[Backtest, list[RuleSet]]:
    """`rules backtest`: the rule set in use (and OTHER) judged on the database's history as of a past day."""
    from kanban.domain.backtest import BacktestError, backtest
    from kanban.domain.formatting import format_date
    from kanban.rules_file import load_rule_set
    from kanban.store import Store
    from kanban.texts import language, text

    def day(value: dt.date) -> str:
        return format_date(value, language())

    rule_sets = [load_rule_set(rules_path_for(db, rules))]
    if compare is not None:
        rule_sets.append(load_rule_set(compare))
    store = Store.open(db, readonly=True)
    try:
        customers = store.customers()
        histories = ((customer, store.facts_of(cid)) for cid, customer in customers.items())
        return backtest(histories, rule_sets, as_of, horizon_months, store.events_tracked()), rule_sets
    except BacktestError as error:
        values = error.values
        if error.reason == "too_early":
            raise UserError(text("suggestions.backtest.too_early", as_of=day(as_of))) from None
        if values["last_day"] is None:
            raise UserError(text("suggestions.backtest.no_data")) from None
        latest = add_months(values["last_day"], -horizon_months)
        message = text(
            "suggestions.backtest.too_late",
            as_of=day(as_of),
            months=horizon_months,
            last_day=day(values["last_day"]),
            until=day(values["until"]),
            latest=day(latest),
        )
        raise UserError(message) from None
    finally:
        store.close()
