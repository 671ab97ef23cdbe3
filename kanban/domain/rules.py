"""Rule sets: the scorecard that turns a customer's metrics into a suggested column, with reasons.

A rule set is a weighted scorecard. Every rule whose condition holds adds its
points (positive = good for the partnership, negative = bad); the total score
falls into one of three bands (drop < watch < ideal). Knock-outs then override
the score: `force` sets the column, `no_better_than` caps it, `no_worse_than`
floors it. rules/default.yaml documents the file format at its top.

This module is the model and its evaluation; reading and checking a rule
file (YAML) is `kanban.rules_file`, which builds these objects only from a
file that passed every check.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from kanban.domain.expr import Condition
from kanban.domain.formatting import format_value, unknown_text
from kanban.domain.metrics import METRICS, MetricSettings
from kanban.domain.model import Column

_RANK = {Column.DROP: 0, Column.WATCH: 1, Column.IDEAL: 2}  # how good a column is for the partnership
SETTING_UNITS = {
    "target_hourly_rate": "eur_per_h",
    "internal_cost_rate": "eur_per_h",
    "window_months": "months",
    "abc_a_share": "percent",
    "abc_b_share": "percent",
}
ABC_CONSTANTS = {"A": 1.0, "B": 2.0, "C": 3.0}  # `abc_class == A`; as relative.ABC_NUMBERS
_OP_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}
_NOT_EVALUATED = {
    "de": ("Nicht bewertet, es fehlen Daten: {}", "Nicht bewertet: nicht berechenbar (Division durch 0)"),
    "en": ("Not evaluated, data missing: {}", "Not evaluated: cannot be computed (division by zero)"),
}


# --- the loaded rule set --------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSettings:
    target_hourly_rate: float = 95.0  # € per hour the business wants to earn
    internal_cost_rate: float = 55.0  # € per hour the business itself pays
    window_months: int = 12
    abc_a_share: float = 80.0  # A: the biggest customers that together make this % of revenue
    abc_b_share: float = 95.0  # B: the next ones up to this %; C the rest
    given: frozenset[str] = frozenset()  # the settings the file sets; the others are defaults


@dataclass(frozen=True)
class Band:
    """Scores from `min` (inclusive) to `below` (exclusive); None is open-ended."""

    column: Column
    min: float | None
    below: float | None

    def holds(self, score: float) -> bool:
        return (self.min is None or score >= self.min) and (self.below is None or score < self.below)


@dataclass(frozen=True)
class Template:
    """A reason text, turned at load into a %-pattern (thresholds already filled in) and the metrics it shows."""

    source: str
    pattern: str  # "%s Mahnungen (Grenze: 2)"
    fields: tuple[tuple[str, str], ...]  # (metric name, unit) for each %s
    # Texts filled before, by language and values: many customers share them (days late, a percentile, a flag).
    # Values that are equal format alike (0.0 and -0.0 both without a sign), so equal keys may share a text.
    filled: dict[tuple[str, tuple[float | None, ...]], str] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def values(self, metrics: Mapping[str, float | None]) -> tuple[float | None, ...]:
        return tuple([metrics.get(name) for name, _ in self.fields])

    def fill(self, values: tuple[float | None, ...], lang: str) -> str:
        if not self.fields:
            return self.pattern % ()  # the pattern has "%%" for every "%" of the text
        key = (lang, values)
        text = self.filled.get(key)
        if text is None:
            if len(self.filled) >= _FILLED_KEPT:
                self.filled.clear()  # amounts rarely repeat: keep the memory of a long run bounded
            units = [unit for _, unit in self.fields]
            text = self.pattern % tuple([_formatted(v, unit, lang) for v, unit in zip(values, units, strict=True)])
            self.filled[key] = text
        return text


_FILLED_KEPT = 2_000  # texts kept per reason template: those that repeat are far fewer


# Reasons of many customers repeat their values (days late, counts, percentiles): each is formatted once.
_formatted = functools.lru_cache(maxsize=1 << 12, typed=True)(format_value)


@dataclass(frozen=True)
class Rule:
    """A scored rule, or a knock-out when `effect` is set (then `points` is 0)."""

    id: str
    title: Mapping[str, str]  # language -> text
    condition: Condition
    points: float
    reason: Mapping[str, Template]
    thresholds: Mapping[str, float]
    line: int | None
    effect: str | None = None  # force / no_better_than / no_worse_than
    effect_column: Column | None = None


class Reason:
    """A rule that fired, in the language asked for (knock-outs have 0 points).

    The text is formatted on first use, from the values the rule saw: formatting every text
    of 25,000 customers costs as much as evaluating them, and a board shows the reasons of one.
    """

    __slots__ = ("rule_id", "title", "points", "_text", "_template", "_values", "_lang")

    def __init__(self, rule_id: str, title: str, points: float, text: str) -> None:
        self.rule_id = rule_id
        self.title = title
        self.points = points
        self._text: str | None = text
        self._template: Template | None = None
        self._values: tuple[float | None, ...] = ()
        self._lang = ""

    @classmethod
    def deferred(
        cls, rule_id: str, title: str, points: float, template: Template, values: tuple[float | None, ...], lang: str
    ) -> Reason:
        reason = cls.__new__(cls)  # each slot set once: one of these per fired rule of every customer
        reason.rule_id, reason.title, reason.points = rule_id, title, points
        reason._text, reason._template, reason._values, reason._lang = None, template, values, lang
        return reason

    @property
    def text(self) -> str:
        if self._text is None:
            assert self._template is not None  # a reason without its text was made by `deferred`
            self._text = self._template.fill(self._values, self._lang)
        return self._text

    def _key(self) -> tuple[str, str, float, str]:
        return (self.rule_id, self.title, self.points, self.text)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Reason) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Reason(rule_id={self.rule_id!r}, title={self.title!r}, points={self.points!r}, text={self.text!r})"


class Unevaluated(NamedTuple):
    """A rule that could not be evaluated, and which of the customer's data is missing."""

    rule_id: str
    title: str
    points: float  # what it would have counted
    missing: tuple[str, ...]  # metric names
    text: str


@dataclass(frozen=True, slots=True)  # slots: 25,000 of these should stay small
class Suggestion:
    """The column the rules suggest for one customer, and why. A person decides; this only advises."""

    column: Column
    score: float
    reasons: tuple[Reason, ...]  # fired knock-outs first, then fired rules, in file order
    not_fired: tuple[str, ...]  # rule ids evaluated as false
    unknown_rules: tuple[Rule, ...]  # rules that could not be evaluated; `unknown` explains them
    knockout: str | None  # the knock-out that decided the column, if one did
    score_column: Column  # the column the score alone gives
    metrics: Mapping[str, float | None] = field(default_factory=dict, repr=False, compare=False)
    lang: str = "de"

    @property
    def unknown(self) -> tuple[Unevaluated, ...]:
        """Each rule not evaluated with the data it lacks, explained when asked for: with an invoice list
        alone half the rules lack data, and explaining them for 25,000 customers cost more than evaluating.
        Explained from the metrics evaluated, which the board never changes afterwards (it makes new ones)."""
        return tuple([_unevaluated(rule, self.metrics, self.lang) for rule in self.unknown_rules])


@dataclass(frozen=True)
class RuleSet:
    path: Path
    version: int
    settings: RuleSettings
    bands: tuple[Band, ...]  # lowest scores first
    rules: tuple[Rule, ...]
    knockouts: tuple[Rule, ...]
    digest: str  # sha256 of the file's bytes: which rules stood behind an export or decision

    @functools.cached_property
    def all_rules(self) -> tuple[Rule, ...]:
        """Knock-outs first, then the scored rules: the order of evaluation and of reasons."""
        return (*self.knockouts, *self.rules)

    @functools.cached_property
    def conditions(self) -> tuple[tuple[Rule, Any], ...]:
        """(rule, its compiled condition) in evaluation order, looked up once instead of per customer."""
        return tuple((rule, rule.condition.evaluate) for rule in self.all_rules)

    # -- scores from the rules that fired: a new day re-evaluates only the rules reading what moved ----------

    def fired(self, metrics: Mapping[str, float | None], among: int = -1) -> int:
        """The rules among `among` (a bit per rule in evaluation order; all by default) whose condition holds."""
        found = 0
        for bit, (_, condition) in enumerate(self.conditions):
            if among >> bit & 1 and condition(metrics):
                found |= 1 << bit
        return found

    def refired(self, fired: int, metrics: Mapping[str, float | None], moved: Iterable[str]) -> int:
        """`fired` for metrics where only the metrics `moved` changed: the other rules' conditions read the same
        values, so only the rules reading a moved metric are evaluated again."""
        readers = self._readers
        again = functools.reduce(operator.or_, (readers.get(name, 0) for name in moved), 0)
        return fired & ~again | self.fired(metrics, again)

    def score_of(self, fired: int) -> float:
        """The score of the rules that fired, added in evaluation order as `evaluate` adds them: the same float."""
        score = self._scores.get(fired)
        if score is None:
            total = 0.0
            for bit, (rule, _) in enumerate(self.conditions):
                if fired >> bit & 1:
                    total += rule.points
            score = self._scores[fired] = round(total, 6)
        return score

    @functools.cached_property
    def _readers(self) -> dict[str, int]:
        """Metric name -> the rules whose condition reads it, a bit per rule."""
        readers: dict[str, int] = {}
        for bit, rule in enumerate(self.all_rules):
            for name in rule.condition.metrics:
                readers[name] = readers.get(name, 0) | 1 << bit
        return readers

    @functools.cached_property
    def _scores(self) -> dict[int, float]:
        return {}  # customers share few combinations of fired rules

    def metric_settings(self) -> MetricSettings:
        settings = self.settings
        return MetricSettings(window_months=settings.window_months, internal_cost_rate=settings.internal_cost_rate)

    def column_for(self, score: float) -> Column:
        for band in self.bands:
            if band.holds(score):
                return band.column
        raise AssertionError(f"score {score} fits no band")  # the rule file's check rules out gaps

    def rule(self, rule_id: str) -> Rule:
        for rule in (*self.knockouts, *self.rules):
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def thresholds(self, lang: str = "de") -> dict[str, list[tuple[str, str]]]:
        """Metric name -> [(rule id, "> 2"), ...]: which rules judge a metric, and where they draw the line."""
        unknown_text(lang)  # rejects an unknown language
        found: dict[str, list[tuple[str, str]]] = {}
        for rule in (*self.knockouts, *self.rules):
            by_metric: dict[str, list[str]] = {}
            for comparison in rule.condition.comparisons():
                unit = METRICS[comparison.metric].unit
                text = f"{_OP_SYMBOLS[comparison.op]} {format_value(comparison.value, unit, lang)}"
                by_metric.setdefault(comparison.metric, []).append(text)
            for metric, texts in by_metric.items():
                found.setdefault(metric, []).append((rule.id, ", ".join(texts)))
        return found


def settings_used(rule_set: RuleSet) -> list[tuple[str, float, str, bool]]:
    """(setting, value, unit, set in the file?) for every setting the rules depend on, in the order of the format.

    A setting counts when a condition or reason names it, or when a rule reads a metric computed from it
    (contribution from internal_cost_rate, the ABC class from its shares); window_months shapes every
    windowed metric, so it always counts.
    """
    names: set[str] = {"window_months"}
    for rule in (*rule_set.knockouts, *rule_set.rules):
        words = set(
            re.findall(
                r"[A-Za-z_][A-Za-z0-9_]*",
                " ".join([rule.condition.source, *(template.source for template in rule.reason.values())]),
            )
        )
        names |= words & set(SETTING_UNITS)
        names |= {setting for metric, settings in _METRIC_SETTINGS.items() if metric in words for setting in settings}
    settings = rule_set.settings
    return [
        (name, float(getattr(settings, name)), unit, name in settings.given)
        for name, unit in SETTING_UNITS.items()
        if name in names
    ]


_METRIC_SETTINGS = {"contribution": ("internal_cost_rate",), "abc_class": ("abc_a_share", "abc_b_share")}


# --- evaluation -----------------------------------------------------------------------------


def evaluate(rule_set: RuleSet, metrics: Mapping[str, float | None], lang: str = "de") -> Suggestion:
    """The suggested column for one customer's metrics, with the reasons and what could not be judged."""
    unknown_text(lang)  # rejects an unknown language before any work
    return _evaluate(rule_set, metrics, lang)


def suggest_all(
    rule_set: RuleSet, metrics_by_customer: Mapping[str, Mapping[str, float | None]], lang: str = "de"
) -> dict[str, Suggestion]:
    """Suggestions for many customers, keyed like the input (customer id)."""
    unknown_text(lang)
    return {customer_id: _evaluate(rule_set, metrics, lang) for customer_id, metrics in metrics_by_customer.items()}


def _evaluate(rule_set: RuleSet, metrics: Mapping[str, float | None], lang: str) -> Suggestion:
    score = 0.0
    fired_knockouts: list[Rule] = []
    reasons: list[Reason] = []
    not_fired: list[str] = []
    unknown: list[Rule] = []
    for rule, condition in rule_set.conditions:  # the hot loop of 25,000 customers x every rule
        result = condition(metrics)
        if result is None:
            unknown.append(rule)
        elif not result:
            not_fired.append(rule.id)
        else:
            score += rule.points  # 0 for knock-outs
            if rule.effect is not None:
                fired_knockouts.append(rule)
            template = rule.reason[lang]
            reasons.append(
                Reason.deferred(rule.id, rule.title[lang], rule.points, template, template.values(metrics), lang)
            )
    score = round(score, 6)  # 0.1 + 0.2 must land in the band of 0.3
    score_column = rule_set.column_for(score)
    column, knockout = _apply_knockouts(score_column, fired_knockouts)
    return Suggestion(
        column, score, tuple(reasons), tuple(not_fired), tuple(unknown), knockout, score_column, metrics, lang
    )


def _apply_knockouts(column: Column, fired: list[Rule]) -> tuple[Column, str | None]:
    """Floors first, then caps (a warning beats a protection), then `force` (the worst forced column wins)."""
    if not fired:
        return column, None
    knockout = None
    effects = [(rule.effect, rule.effect_column, rule.id) for rule in fired if rule.effect_column is not None]
    for effect, target, rule_id in effects:
        if effect == "no_worse_than" and _RANK[target] > _RANK[column]:
            column, knockout = target, rule_id
    for effect, target, rule_id in effects:
        if effect == "no_better_than" and _RANK[target] < _RANK[column]:
            column, knockout = target, rule_id
    forced = [(target, rule_id) for effect, target, rule_id in effects if effect == "force"]
    if forced:
        column, knockout = min(forced, key=lambda force: _RANK[force[0]])
    return column, knockout


def _unevaluated(rule: Rule, metrics: Mapping[str, float | None], lang: str) -> Unevaluated:
    missing = tuple([name for name in rule.condition.metrics if metrics.get(name) is None])
    return Unevaluated(rule.id, rule.title[lang], rule.points, missing, _missing_text(missing, lang))


@functools.cache
def _missing_text(missing: tuple[str, ...], lang: str) -> str:
    """Few combinations of missing metrics occur, and a prospect repeats them all: worth keeping."""
    some_missing, division = _NOT_EVALUATED[lang]
    return some_missing.format(", ".join(getattr(METRICS[name], lang) for name in missing)) if missing else division
