"""The board as the CLI and the app use it: customers, their metrics and suggestions, and decisions.

This is the one place where a column change happens, so the board, the review
and `kundenboard move` record decisions the same way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import getpass
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import orjson

from kanban import __version__
from kanban.domain.carry import Span, metrics_on, span_of
from kanban.domain.history import revenue_a_year_before, with_growth_from_history
from kanban.domain.metrics import (
    METRICS,
    RELATIVE_METRICS,
    Anchors,
    Metrics,
    MetricSettings,
    add_months,
    compute_metrics,
)
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
        """Every customer's metrics: from the cache when customers, facts, rules and day are unchanged, else
        carried over for the customers whose facts are unchanged and computed for the others."""
        self._settings = None  # whether events are tracked may have changed
        self._refresh()

    def _refresh(self) -> None:
        customers = self.store.customers()
        key = self._cache_key()
        entry = self.store.read_cache_entry()
        kept = entry[1] if entry is not None else None
        if entry is not None and entry[0] == key and isinstance(kept, dict):
            metrics, scores = _unpack(kept, customers)
            if metrics is not None and scores is not None:
                self._cached = (key, kept)
                self.views = {c.id: self._view(c, metrics[c.id], scores[c.id]) for c in customers.values()}
                return
        self._recompute(customers, key, kept)

    def _recompute(self, customers: dict[str, Customer], key: str, kept: object) -> None:
        """Carry over every customer whose facts are unchanged and whose span covers the day; compute the rest.

        Scores come from the rules that fired: a customer's kept ones stand, and only the rules reading a
        metric that moved since are evaluated again.
        """
        version = self.store.data_version()
        kept_rows, _ = _unpack_rows(kept)
        spans, metrics = self._carry(customers, _unpack_carried(kept, self._basis()), version, kept_rows)
        year_ago = self._revenue_a_year_before()
        for cid, own in metrics.items():
            metrics[cid] = with_growth_from_history(own, year_ago.get(cid))
        settings = self.rule_set.settings
        add_relative_measures(metrics, settings.abc_a_share, settings.abc_b_share)
        rows = {cid: [m[n] for n in _METRIC_NAMES] for cid, m in metrics.items()}
        fired = self._fired(metrics, rows, kept_rows, _unpack_fired(kept, self._basis()))
        scores = {cid: self.rule_set.score_of(mask) for cid, mask in fired.items()}
        carry = {"carried": _pack_carried(self._basis(), version, spans), "fired": _pack_fired(self._basis(), fired)}
        self._cached = (key, _pack(rows, scores) | carry)
        self.store.write_cache(*self._cached)
        self.views = {c.id: self._view(c, metrics[c.id], scores[c.id]) for c in customers.values()}

    def _fired(
        self,
        metrics: dict[str, Metrics],
        rows: dict[str, list[Any]],
        kept_rows: dict[str, list[Any]],
        kept_fired: dict[str, int],
    ) -> dict[str, int]:
        """Each customer's fired rules: evaluated again only for the metrics the rules read that moved."""
        rule_set, read = self.rule_set, self._read_at()
        fired = {}
        for cid, row in rows.items():
            before, mask = kept_rows.get(cid), kept_fired.get(cid)
            if before is None or mask is None:
                fired[cid] = rule_set.fired(metrics[cid])
                continue
            moved = [name for name, n in read if before[n] != row[n]]
            fired[cid] = rule_set.refired(mask, metrics[cid], moved) if moved else mask
        return fired

    def _read_at(self) -> list[tuple[str, int]]:
        """(name, place in a row of metrics) of every metric a rule's condition reads."""
        names = {name for rule in self.rule_set.all_rules for name in rule.condition.metrics}
        return [(name, n) for n, name in enumerate(_METRIC_NAMES) if name in names]

    def _carry(
        self, customers: dict[str, Customer], carried: Carried | None, version: str, kept_rows: dict[str, list[Any]]
    ) -> tuple[dict[str, KeptSpan], dict[str, Metrics]]:
        """Each customer's own metrics on the day, and what to keep of their span for the next: carried where the
        kept span still holds and their facts are unchanged, else computed from the facts.

        With the data unchanged since the cache was written no digest is needed: nobody's facts changed.
        One span at a time: only what the next day needs of it is kept, not its metrics (they are the row).
        """
        entries = carried.spans if carried is not None else {}
        same_data = carried is not None and carried.data_version == version
        digests: dict[str, str] = {} if same_data else self.store.customer_digests()
        settings = self._metric_settings()
        spans, metrics = {}, {}
        for customer in customers.values():
            kept_digest, span = _unpack_span(entries.get(customer.id), kept_rows.get(customer.id))
            if same_data and not kept_digest and not digests:
                digests = self.store.customer_digests()  # a customer the cache does not know: read them all once
            digest = kept_digest if same_data and kept_digest else digests.get(customer.id, "")
            if span is None or digest != kept_digest or not span.covers(self.as_of):
                span = span_of(customer, self.facts(customer.id), self.as_of, settings)
            metrics[customer.id] = metrics_on(span, self.as_of)
            before_history = tuple(span.metrics[n] for n in _BEFORE_HISTORY)
            spans[customer.id] = KeptSpan(digest, span.computed, span.until, span.anchors, before_history)
        return spans, metrics

    def _metric_settings(self) -> MetricSettings:
        if self._settings is None:
            # Whether anyone records events at all decides if a count of 0 means "none" or "unknown".
            self._settings = replace(self.rule_set.metric_settings(), events_tracked=self.store.events_tracked())
        return self._settings

    def _basis(self) -> str:
        """What every customer's kept metrics and score depend on beyond their own facts and the day."""
        return f"{__version__}|{self.rule_set.digest}|{self._metric_settings()}"

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
        metrics = compute_metrics(customer, self.facts(customer.id), self.as_of, self._metric_settings())
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
        from kanban.texts import text

        broken = self.chain_break()
        if broken is not None:
            entry = "?" if broken.entry is None else broken.entry
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
        """Where the log's hash chain breaks first, or None when it is intact (the store re-hashes only
        what was appended since its last check)."""
        return self.store.chain_break()

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

    expected: tuple[type[Exception], ...] = (RuleSetError, *store_errors())
    try:
        Board(store, load_rule_set(rules_path_for(store.directory, rules)), as_of, lang)
    except expected:
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


def _pack(rows: dict[str, list[float | None]], scores: dict[str, float]) -> dict[str, Any]:
    """Metrics as rows of values in a fixed name order (a third of the size of dicts), and the scores.

    Rows and scores are one JSON text inside the cache: reading the cache for the
    app's first screen then only scans a string instead of building 25,000 lists.
    """
    return {"names": _METRIC_NAMES, "metrics": orjson.dumps([rows, scores]).decode()}


def _unpack_rows(packed: object) -> tuple[dict[str, Any], dict[str, Any]]:
    """The kept rows and scores by customer, as stored; empty when unreadable."""
    if not isinstance(packed, dict) or packed.get("names") != _METRIC_NAMES:
        return {}, {}
    try:
        rows, scores = orjson.loads(packed["metrics"])
    except (KeyError, TypeError, ValueError):
        return {}, {}
    if not isinstance(rows, dict) or not isinstance(scores, dict):
        return {}, {}
    width = len(_METRIC_NAMES)
    if not all(isinstance(row, list) and len(row) == width for row in rows.values()) or not all(
        isinstance(score, int | float) for score in scores.values()
    ):
        return {}, {}  # edited by hand or by another program
    return rows, scores


def _unpack(
    packed: object, customers: dict[str, Customer]
) -> tuple[dict[str, Metrics] | None, dict[str, float] | None]:
    rows, scores = _unpack_rows(packed)
    if not rows or rows.keys() != customers.keys() or scores.keys() != customers.keys():
        return None, None
    try:
        return {cid: dict(zip(_METRIC_NAMES, row, strict=True)) for cid, row in rows.items()}, scores
    except (TypeError, ValueError):
        return None, None


def _pack_fired(basis: str, fired: dict[str, int]) -> str:
    """The rules that fired for each customer, a bit per rule in evaluation order (hex: any number of rules)."""
    return orjson.dumps([basis, {cid: format(mask, "x") for cid, mask in fired.items()}]).decode()


def _unpack_fired(packed: object, basis: str) -> dict[str, int]:
    """The kept fired rules if the cache holds them for this basis (the same rule set); else none."""
    if not isinstance(packed, dict) or not isinstance(packed.get("fired"), str):
        return {}
    try:
        kept_basis, fired = orjson.loads(packed["fired"])
        if kept_basis != basis:
            return {}
        masks = {cid: int(mask, 16) for cid, mask in fired.items()}
    except (TypeError, ValueError, AttributeError):
        return {}
    return masks if all(mask >= 0 for mask in masks.values()) else {}  # not what this version writes


# A kept span: digest, the day computed, the day it holds until, the anchors, and the revenue before growth from
# history stepped in; its other metrics are those of the kept row of all metrics, where the span holds.
_BEFORE_HISTORY = ("revenue_prev", "revenue_growth")


class KeptSpan(NamedTuple):
    """What the cache keeps of a customer's span: its metrics other than these are those of the kept row."""

    digest: str  # of the customer's record and fact texts the span was computed from
    computed: dt.date
    until: dt.date
    anchors: Anchors
    before_history: tuple[float | None, ...]  # _BEFORE_HISTORY's values before growth from history stepped in


@dataclass(frozen=True)
class Carried:
    """Each customer's kept span as the cache holds it (unpacked one at a time), and the data version it was for."""

    data_version: str
    spans: dict[str, list[Any]]


def _pack_carried(basis: str, data_version: str, spans: dict[str, KeptSpan]) -> str:
    def day(value: dt.date | None) -> int | None:
        return None if value is None else value.toordinal()

    def packed(kept: KeptSpan) -> list[Any]:
        a = kept.anchors
        anchors = [day(a.first_day), day(a.first_invoice), day(a.last_order), a.contract, day(a.contract_until)]
        return [kept.digest, day(kept.computed), day(kept.until), *anchors, a.prospect, *kept.before_history]

    customers = {cid: packed(kept) for cid, kept in spans.items()}
    return orjson.dumps([basis, data_version, customers]).decode()


def _unpack_carried(packed: object, basis: str) -> Carried | None:
    """The kept spans if the cache holds them for this basis; None when missing or foreign."""
    if not isinstance(packed, dict) or not isinstance(packed.get("carried"), str):
        return None
    try:
        kept_basis, data_version, customers = orjson.loads(packed["carried"])
    except (TypeError, ValueError):
        return None
    if kept_basis != basis or not isinstance(data_version, str) or not isinstance(customers, dict):
        return None
    return Carried(data_version, customers)


def _unpack_span(entry: Any, row: list[Any] | None) -> tuple[str, Span | None]:
    """One customer's kept span with its metrics from their kept row; ("", None) when there is none, or it is
    not one this version could have written (that customer is computed again)."""
    if entry is None or row is None:
        return "", None
    try:
        digest, computed, until, first_day, first_invoice, last_order, contract, contract_until, prospect, *own = entry
        if not isinstance(digest, str) or len(own) != len(_BEFORE_HISTORY):
            return "", None
        anchors = Anchors(_day(first_day), _day(first_invoice), _day(last_order), bool(contract),
                          _day(contract_until), bool(prospect))  # fmt: skip
        metrics: Metrics = dict(zip(_METRIC_NAMES, row, strict=True))
        metrics.update(zip(_BEFORE_HISTORY, own, strict=True))
        metrics.update(dict.fromkeys(RELATIVE_METRICS))
        span = Span(dt.date.fromordinal(computed), dt.date.fromordinal(until), anchors, metrics)
    except (TypeError, ValueError, AttributeError, OverflowError):
        return "", None
    return (digest, span) if span.could_be() else ("", None)


def _day(ordinal: int | None) -> dt.date | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal)


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
        if error.reason == "too_early":
            raise UserError(text("suggestions.backtest.too_early", as_of=day(as_of))) from None
        last_day, until = cast("dt.date | None", error.values["last_day"]), cast(dt.date, error.values["until"])
        if last_day is None:
            raise UserError(text("suggestions.backtest.no_data")) from None
        latest = add_months(last_day, -horizon_months)
        message = text(
            "suggestions.backtest.too_late",
            as_of=day(as_of),
            months=horizon_months,
            last_day=day(last_day),
            until=day(until),
            latest=day(latest),
        )
        raise UserError(message) from None
    finally:
        store.close()
