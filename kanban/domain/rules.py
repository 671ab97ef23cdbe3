"""Rule sets: YAML files that turn a customer's metrics into a suggested column, with reasons.

A rule set is a weighted scorecard. Every rule whose condition holds adds its
points (positive = good for the partnership, negative = bad); the total score
falls into one of three bands (drop < watch < ideal). Knock-outs then override
the score: `force` sets the column, `no_better_than` caps it, `no_worse_than`
floors it. rules/default.yaml documents the file format at its top.

Everything is checked when the file loads, and every problem is reported at
once with file:line, the rule id and, for conditions, the column, so a broken
rule set never reaches a customer.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import math
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

import yaml

from kanban.collector import collector_paused
from kanban.domain.expr import LARGEST_NUMBER, Comparison, Condition, ExprError, compile_condition
from kanban.domain.formatting import LANGUAGES, UNITS, format_value, unknown_text
from kanban.domain.metrics import METRICS, MetricSettings
from kanban.domain.model import Column
from kanban.domain.yaml_guard import GuardedLoader, excerpt
from kanban.texts import text as catalogue_text

_Loader = GuardedLoader  # libyaml when present (~10x faster), aliases refused

FORMAT_VERSION = 1
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_RANK = {Column.DROP: 0, Column.WATCH: 1, Column.IDEAL: 2}  # how good a column is for the partnership
_SETTING_UNITS = {"target_hourly_rate": "eur_per_h", "internal_cost_rate": "eur_per_h", "window_months": "months",
                  "abc_a_share": "percent", "abc_b_share": "percent"}
_ABC_CONSTANTS = {"A": 1.0, "B": 2.0, "C": 3.0}  # `abc_class == A`; as relative.ABC_NUMBERS
_EFFECTS = ("force", "no_better_than", "no_worse_than")
_TOP_KEYS = ("version", "settings", "bands", "rules", "knockouts")
_RULE_KEYS = ("id", "title", "when", "points", "reason", "thresholds")
_KNOCKOUT_KEYS = ("id", "title", "when", "reason", "thresholds", *_EFFECTS)
_OP_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}
_NOT_EVALUATED = {
    "de": ("Nicht bewertet, es fehlen Daten: {}", "Nicht bewertet: nicht berechenbar (Division durch 0)"),
    "en": ("Not evaluated, data missing: {}", "Not evaluated: cannot be computed (division by zero)"),
}


# --- problems -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a rule file. `col` is 1-based inside the condition (or the YAML line)."""

    file: str
    line: int | None
    message: str
    rule_id: str | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        rule = f" rule '{self.rule_id}':" if self.rule_id else ""
        col = f" (col {self.col})" if self.col else ""
        return f"{where}:{rule} {self.message}{col}"


class RuleSetError(Exception):
    """A rule file that cannot be used; str() lists every problem, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


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

    def values(self, metrics: Mapping[str, float | None]) -> tuple[float | None, ...]:
        return tuple([metrics.get(name) for name, _ in self.fields])

    def fill(self, values: tuple[float | None, ...], lang: str) -> str:
        if not self.fields:
            return self.pattern % ()  # the pattern has "%%" for every "%" of the text
        units = [unit for _, unit in self.fields]
        return self.pattern % tuple([_formatted(v, unit, lang) for v, unit in zip(values, units, strict=True)])


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
        reason = cls(rule_id, title, points, "")
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

    def metric_settings(self) -> MetricSettings:
        settings = self.settings
        return MetricSettings(window_months=settings.window_months, internal_cost_rate=settings.internal_cost_rate)

    def column_for(self, score: float) -> Column:
        for band in self.bands:
            if band.holds(score):
                return band.column
        raise AssertionError(f"score {score} fits no band")  # load_rule_set rules out gaps

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
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", " ".join(
            [rule.condition.source, *(template.source for template in rule.reason.values())])))
        names |= words & set(_SETTING_UNITS)
        names |= {setting for metric, settings in _METRIC_SETTINGS.items() if metric in words for setting in settings}
    settings = rule_set.settings
    return [(name, float(getattr(settings, name)), unit, name in settings.given)
            for name, unit in _SETTING_UNITS.items() if name in names]


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
    with collector_paused():  # many small objects per customer: the collector would walk them again and again
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
            reasons.append(Reason.deferred(rule.id, rule.title[lang], rule.points, template,
                                           template.values(metrics), lang))
    score = round(score, 6)  # 0.1 + 0.2 must land in the band of 0.3
    score_column = rule_set.column_for(score)
    column, knockout = _apply_knockouts(score_column, fired_knockouts)
    return Suggestion(column, score, tuple(reasons), tuple(not_fired), tuple(unknown), knockout, score_column,
                      metrics, lang)


def _apply_knockouts(column: Column, fired: list[Rule]) -> tuple[Column, str | None]:
    """Floors first, then caps (a warning beats a protection), then `force` (the worst forced column wins)."""
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


# --- loading and checking -------------------------------------------------------------------


def load_rule_set(path: Path) -> RuleSet:
    """Read and check a rule file; raises RuleSetError listing every problem."""
    rule_set, problems = _load(Path(path))
    if problems or rule_set is None:
        raise RuleSetError(problems)
    return rule_set


def check_rule_set(path: Path) -> list[Problem]:
    """Every problem of a rule file, in line order; empty when it is fine."""
    return _load(Path(path))[1]


def _load(path: Path) -> tuple[RuleSet | None, list[Problem]]:
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(file, None, "file not found: give the path of a rules YAML file")]
    except OSError as error:
        return None, [Problem(file, None, f"cannot read the file: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(file, line, "not UTF-8 text: save the file as UTF-8")]
    try:
        node, data = _parse_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"YAML syntax: {error.problem or error.context}"
        if error.problem and error.context and error.context_mark and mark and error.context_mark.line != mark.line:
            message += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        return None, [Problem(file, mark.line + 1 if mark else None, message, col=mark.column + 1 if mark else None)]
    except yaml.reader.ReaderError as error:  # a control character; its str() spans two lines
        line = text[: error.position].count("\n") + 1
        char = chr(error.character) if isinstance(error.character, int) else error.character
        return None, [Problem(file, line, f"YAML syntax: {error.reason} ({char!r}): remove it")]
    except yaml.YAMLError as error:
        return None, [Problem(file, None, f"YAML syntax: {' '.join(str(error).split())}")]
    reader = _Reader(file, node)
    rule_set = reader.rule_set(path, data, hashlib.sha256(raw).hexdigest())
    problems = sorted(reader.problems, key=lambda problem: problem.line or 0)
    return (None if problems else rule_set), problems


def _parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _value_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value_node
                return found
    return None


def _item_node(node: yaml.Node | None, index: int) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and index < len(node.value):
        item: yaml.Node = node.value[index]
        return item
    return None


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _scores(start: float, end: float) -> str:
    if start == -math.inf:
        return f"scores below {end:g}"
    if end == math.inf:
        return f"scores from {start:g} up"
    return f"scores from {start:g} to below {end:g}"


def _close(word: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f": did you mean '{match[0]}'?" if match else ""


class _Reader:
    """Builds a RuleSet from parsed YAML, collecting every problem with its line instead of stopping."""

    def __init__(self, file: str, root: yaml.Node | None) -> None:
        self.file = file
        self.root = root
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, rule_id: str | None = None, col: int | None = None) -> None:
        self.problems.append(Problem(self.file, _line(node), message, rule_id, col))

    def huge_numbers(self, node: yaml.Node | None) -> bool:
        """Whole numbers past any sensible threshold, points or setting, each a problem at its line."""
        found = False
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            digits = node.value.lstrip("+-").replace("_", "")
            if len(digits) > len(str(LARGEST_NUMBER)):
                self.problem(node, catalogue_text("records.number_too_large", number=excerpt(node.value)))
                found = True
        elif isinstance(node, yaml.SequenceNode | yaml.MappingNode):
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            for child in children:
                found = self.huge_numbers(child) or found
        return found

    def rule_set(self, path: Path, data: Any, digest: str) -> RuleSet | None:
        if not isinstance(data, dict):
            self.problem(self.root, "the file must be a mapping with version, settings, bands and rules")
            return None
        self.duplicate_keys(self.root)
        if self.huge_numbers(self.root):
            return None  # every later check would have to guard its float() against them
        self.unknown_keys(self.root, data, _TOP_KEYS, None, "top level")
        version = self.version(data)
        settings = self.settings(data.get("settings"), _value_node(self.root, "settings"))
        bands = self.bands(data.get("bands"), _value_node(self.root, "bands"))
        seen: dict[str, int | None] = {}
        rules = self.rules(data, "rules", settings, seen)
        knockouts = self.rules(data, "knockouts", settings, seen)
        if "rules" in data and not rules and not self.problems:
            self.problem(_value_node(self.root, "rules"), "rules: the list is empty: add at least one rule")
        return RuleSet(path, version, settings, bands, tuple(rules), tuple(knockouts), digest)

    def duplicate_keys(self, root: yaml.Node | None) -> None:
        """YAML quietly keeps the last of two equal keys; a rule with two `when:` is a mistake.

        Each node is visited once: aliases may point back up or fan out a billion times.
        """
        pending, visited = [root], set()
        while pending:
            node = pending.pop()
            if node is None or id(node) in visited:
                continue
            visited.add(id(node))
            if isinstance(node, yaml.MappingNode):
                seen: dict[str, int | None] = {}
                for key_node, value_node in node.value:
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                    if key is not None and key in seen:
                        self.problem(key_node, f"duplicate key '{key}' (first on line {seen[key]}): keep one")
                    elif key is not None:
                        seen[key] = _line(key_node)
                    pending.append(value_node)
            elif isinstance(node, yaml.SequenceNode):
                pending.extend(node.value)

    def unknown_keys(
        self, node: yaml.Node | None, data: dict[str, Any], allowed: tuple[str, ...], rule_id: str | None, where: str
    ) -> bool:
        """Report keys that are not in `allowed` (typos, mostly); True if there were any."""
        unknown = [key for key in data if key not in allowed]
        for key in unknown:
            key_node = next((k for k, _ in getattr(node, "value", ()) if getattr(k, "value", None) == key), node)
            hint = _close(str(key), allowed) or f": allowed are {', '.join(allowed)}"
            self.problem(key_node, f"{where}: unknown key '{key}'{hint}", rule_id)
        return bool(unknown)

    def version(self, data: dict[str, Any]) -> int:
        version = data.get("version")
        node = _value_node(self.root, "version") or self.root
        if "version" not in data:
            self.problem(node, f"version is missing: add 'version: {FORMAT_VERSION}' at the top")
        elif version != FORMAT_VERSION or isinstance(version, bool):
            self.problem(node, f"version {excerpt(version)} is not supported: "
                               f"this kundenboard reads version {FORMAT_VERSION}")
        return FORMAT_VERSION

    def settings(self, data: Any, node: yaml.Node | None) -> RuleSettings:
        defaults = RuleSettings()
        if data is None:
            return defaults
        if not isinstance(data, dict):
            self.problem(node, f"settings must be a mapping ({', '.join(_SETTING_UNITS)})")
            return defaults
        self.unknown_keys(node, data, tuple(_SETTING_UNITS), None, "settings")
        values: dict[str, Any] = {}
        for name in _SETTING_UNITS:
            value = data.get(name, getattr(defaults, name))
            value_node = _value_node(node, name) or node
            if not _is_number(value) or value < 0:
                self.problem(value_node, f"settings.{name} must be a number of 0 or more, got {excerpt(value)}")
            elif name == "target_hourly_rate" and value == 0:
                self.problem(value_node, "settings.target_hourly_rate must be above 0")
            elif name == "window_months" and (value != int(value) or not 1 <= value <= 60):
                self.problem(value_node,
                             f"settings.window_months must be whole months from 1 to 60, got {excerpt(value)}")
            elif name.startswith("abc_") and not 0 < value <= 100:
                self.problem(value_node,
                             f"settings.{name} must be a percentage above 0 and up to 100, got {excerpt(value)}")
            else:
                values[name] = int(value) if name == "window_months" else float(value)
                continue
            values[name] = getattr(defaults, name)
        if values["abc_a_share"] >= values["abc_b_share"]:
            self.problem(_value_node(node, "abc_a_share") or node, "settings.abc_a_share must be below abc_b_share "
                         f"(A ends at {values['abc_a_share']:g} %, B at {values['abc_b_share']:g} %)")
        return RuleSettings(**values, given=frozenset(name for name in data if name in _SETTING_UNITS))

    def bands(self, data: Any, node: yaml.Node | None) -> tuple[Band, ...]:
        fallback = (Band(Column.DROP, None, -4.0), Band(Column.WATCH, -4.0, 4.0), Band(Column.IDEAL, 4.0, None))
        if not isinstance(data, dict):
            example = "bands: {drop: {below: -4}, watch: {min: -4, below: 4}, ideal: {min: 4}}"
            self.problem(node or self.root, f"bands must map each column to a score range, e.g. {example}")
            return fallback
        bands = [band for key, value in data.items() if (band := self.band(str(key), value, node)) is not None]
        for column in Column:
            if column not in {band.column for band in bands} and column.value not in data:
                self.problem(node, f"bands: '{column.value}' is missing: every column needs a score range")
        if len(bands) != len(data) or len(bands) != len(Column):
            return fallback
        bands.sort(key=lambda band: -math.inf if band.min is None else band.min)
        if self.band_coverage(bands, node):
            return tuple(bands)
        return fallback

    def band(self, key: str, value: Any, node: yaml.Node | None) -> Band | None:
        band_node = _value_node(node, key) or node
        if key not in {column.value for column in Column}:
            self.problem(band_node, f"bands: unknown column '{key}'{_close(key, [c.value for c in Column])}")
            return None
        if not isinstance(value, dict) or not value or set(value) - {"min", "below"}:
            self.problem(band_node,
                         f"bands.{key}: give 'min' (inclusive) and/or 'below' (exclusive), got {excerpt(value)}")
            return None
        bounds = {name: value.get(name) for name in ("min", "below")}
        for name, bound in bounds.items():
            if bound is not None and not _is_number(bound):
                bound_node = _value_node(band_node, name) or band_node
                self.problem(bound_node, f"bands.{key}.{name} must be a number, got {excerpt(bound)}")
                return None
        low, high = bounds["min"], bounds["below"]
        if low is not None and high is not None and low >= high:
            self.problem(band_node, f"bands.{key}: min {low} must be less than below {high}")
            return None
        return Band(Column(key), None if low is None else float(low), None if high is None else float(high))

    def band_coverage(self, bands: list[Band], node: yaml.Node | None) -> bool:
        """Every score must fall into exactly one band, and ideal must hold the highest scores."""
        ok = True
        lowest, highest = bands[0], bands[-1]

        def at(band: Band) -> yaml.Node | None:
            return _value_node(node, band.column.value) or node

        if lowest.min is not None:
            self.problem(at(lowest), f"bands leave a gap: scores below {lowest.min:g} fit no column; "
                               f"remove 'min' from '{lowest.column.value}'")
            ok = False
        if highest.below is not None:
            self.problem(at(highest), f"bands leave a gap: scores from {highest.below:g} up fit no column; "
                               f"remove 'below' from '{highest.column.value}'")
            ok = False
        for low, high in zip(bands, bands[1:], strict=False):
            a, b = low.column.value, high.column.value
            start = -math.inf if high.min is None else high.min
            end = math.inf if low.below is None else low.below
            if end > start:
                fix = f"let '{a}' end below {start:g}" if high.min is not None else f"give '{b}' a 'min'"
                self.problem(at(low), f"bands '{a}' and '{b}' overlap: {_scores(start, end)} fit both; {fix}")
                ok = False
            elif end < start:
                self.problem(at(high), f"bands leave a gap: {_scores(end, start)} fit no column; "
                                       f"let '{b}' start at {end:g}")
                ok = False
        if ok and [band.column for band in bands] != [Column.DROP, Column.WATCH, Column.IDEAL]:
            order = " < ".join(band.column.value for band in bands)
            self.problem(node, f"bands are in the wrong order ({order}): drop must hold the lowest scores and "
                               "ideal the highest, since positive points are good for the partnership")
            ok = False
        return ok

    def rules(self, data: dict[str, Any], key: str, settings: RuleSettings, seen: dict[str, int | None]) -> list[Rule]:
        items, node = data.get(key), _value_node(self.root, key)
        if items is None:
            if key == "rules":
                self.problem(self.root, "rules are missing: add a 'rules:' list")
            return []
        if not isinstance(items, list):
            self.problem(node, f"{key} must be a list of rules, each starting with '- id: ...'")
            return []
        constants = {name: float(getattr(settings, name)) for name in _SETTING_UNITS} | _ABC_CONSTANTS
        built = []
        for index, item in enumerate(items):
            rule = _RuleReader(self, _item_node(node, index), key, index, constants).read(item, seen)
            if rule is not None:
                built.append(rule)
        return built


class _RuleReader:
    """Checks one entry of `rules` or `knockouts`."""

    def __init__(
        self, reader: _Reader, node: yaml.Node | None, section: str, index: int, settings: Mapping[str, float]
    ) -> None:
        self.reader = reader
        self.node = node
        self.section = section
        self.index = index
        self.settings = settings
        self.knockout = section == "knockouts"
        self.id: str | None = None
        self.ok = True

    def problem(self, field_name: str | None, message: str, col: int | None = None) -> None:
        node = _value_node(self.node, field_name) if field_name else None
        self.reader.problem(node or self.node, message, self.id, col)
        self.ok = False

    def read(self, item: Any, seen: dict[str, int | None]) -> Rule | None:
        if not isinstance(item, dict):
            self.problem(None,
                         f"{self.section} #{self.index + 1} must be a mapping starting with 'id:', got {excerpt(item)}")
            return None
        self.read_id(item, seen)
        allowed = (*_KNOCKOUT_KEYS, "points") if self.knockout else _RULE_KEYS  # points: effect() explains
        if self.reader.unknown_keys(self.node, item, allowed, self.id, self.section[:-1]):
            self.ok = False
        thresholds = self.thresholds(item.get("thresholds"))
        condition = self.condition(item.get("when"), thresholds)
        points = 0.0 if self.knockout else self.points(item)
        effect, effect_column = self.effect(item) if self.knockout else (None, None)
        title = self.texts(item, "title")
        units = self.placeholder_units(condition, thresholds)
        reasons = self.texts(item, "reason")
        reason = {lang: self.template(lang, text, units, thresholds) for lang, text in reasons.items()}
        if not self.ok or condition is None or self.id is None:
            return None
        return Rule(self.id, title, condition, points, reason, thresholds, _line(self.node), effect, effect_column)

    def read_id(self, item: dict[str, Any], seen: dict[str, int | None]) -> None:
        rule_id = item.get("id")
        if rule_id is None:
            self.problem(None, f"{self.section} #{self.index + 1} has no 'id': add e.g. 'id: late_payment'")
            return
        if not isinstance(rule_id, str) or not _ID.match(rule_id):
            self.problem("id", f"id {excerpt(rule_id)} must start with a letter and use only letters, digits, _ and -")
            return
        self.id = rule_id
        if rule_id in seen:
            self.problem("id", f"duplicate id '{rule_id}' (first on line {seen[rule_id]}): ids must be unique")
        else:
            seen[rule_id] = _line(self.node)

    def thresholds(self, data: Any) -> dict[str, float]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.problem("thresholds",
                         f"thresholds must map names to numbers, e.g. {{max_reminders: 2}}, got {excerpt(data)}")
            return {}
        found = {}
        for name, value in data.items():
            if not isinstance(name, str) or not _NAME.match(name) or name.startswith("__"):
                self.problem("thresholds", f"threshold name {excerpt(name)} must be a plain name like max_reminders")
            elif name in METRICS or name in self.settings or name == "unknown":
                self.problem("thresholds", f"threshold name '{name}' is taken by a metric or setting: rename it")
            elif not _is_number(value):
                self.problem("thresholds", f"threshold '{name}' must be a number, got {excerpt(value)}")
            else:
                found[name] = float(value)
        return found

    def condition(self, source: Any, thresholds: Mapping[str, float]) -> Condition | None:
        if source is None:
            self.problem(None, "'when' is missing: add a condition, e.g. 'when: reminders > 2'")
            return None
        if isinstance(source, bool) or not isinstance(source, str | int | float):
            self.problem("when", f"when must be a condition written as text, got {excerpt(source)}")
            return None
        try:
            return compile_condition(str(source), METRICS, {**self.settings, **thresholds})
        except ExprError as error:
            self.problem("when", f"when: {error.message}", error.col + 1)
            return None

    def points(self, item: dict[str, Any]) -> float:
        points = item.get("points")
        if "points" not in item:
            self.problem(None, "'points' is missing: add e.g. 'points: -2' (negative = bad for the partnership)")
        elif not _is_number(points):
            self.problem("points", f"points must be a number (e.g. -2 or 1.5), got {excerpt(points)}")
        else:
            return float(points)
        return 0.0

    def effect(self, item: dict[str, Any]) -> tuple[str | None, Column | None]:
        given = [name for name in _EFFECTS if name in item]
        if "points" in item:
            self.problem("points", "a knock-out carries no points: it sets the column; move scoring to 'rules'")
        if len(given) != 1:
            self.problem(None, f"a knock-out needs exactly one of {', '.join(_EFFECTS)} (e.g. 'force: drop'), "
                               f"got {len(given)}")
            return None, None
        value = item[given[0]]
        try:
            return given[0], Column.parse(str(value))
        except ValueError as error:
            self.problem(given[0], f"{given[0]}: {error}")
            return None, None

    def texts(self, item: dict[str, Any], key: str) -> dict[str, str]:
        data = item.get(key)
        if not isinstance(data, dict):
            self.problem(key if key in item else None, f"{key} must give the text in German and English: "
                                                       f"'{key}: {{de: ..., en: ...}}'")
            return {}
        for lang in data:
            if lang not in LANGUAGES:
                self.problem(key, f"{key}: unknown language {excerpt(lang)}: use de and en")
        texts = {}
        for lang in LANGUAGES:
            text = data.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.problem(key, f"{key}.{lang} is missing or empty: write the text in {lang}")
            else:
                texts[lang] = text.strip()
        return texts

    def placeholder_units(self, condition: Condition | None, thresholds: Mapping[str, float]) -> dict[str, str]:
        """Unit of every name a reason may show: metrics their own, thresholds that of the metric they bound."""
        units = {name: info.unit for name, info in METRICS.items()} | _SETTING_UNITS
        comparisons: list[Comparison] = condition.comparisons() if condition else []
        for name in thresholds:
            bound = [c.metric for c in comparisons if c.constant == name]
            units[name] = METRICS[bound[0]].unit if bound else "number"
        return units

    def template(self, lang: str, text: str, units: Mapping[str, str], thresholds: Mapping[str, float]) -> Template:
        where = f"reason.{lang}"
        try:
            fields = list(string.Formatter().parse(text))
        except ValueError as error:
            self.problem("reason", f"{where}: {error}: write '{{{{' or '}}}}' for a literal brace")
            return Template(text, text, ())
        pattern: list[str] = []
        shown: list[tuple[str, str]] = []
        for literal, name, spec, conversion in fields:
            pattern.append(literal.replace("%", "%%"))
            if name is None:
                continue
            if not _NAME.match(name) or conversion:
                self.problem("reason", f"{where}: placeholder {{{name}}} must be a plain name like {{reminders}}")
                continue
            if name not in units:
                self.problem("reason", f"{where}: unknown placeholder {{{name}}}{_close(name, units)}")
                continue
            if spec and spec not in UNITS:
                self.problem("reason", f"{where}: unknown format ':{spec}' in {{{name}:{spec}}}: use one of "
                                       f"{', '.join(UNITS)}")
                continue
            unit = spec or units[name]
            constant = thresholds.get(name, self.settings.get(name))
            if constant is None:
                pattern.append("%s")
                shown.append((name, unit))
            else:
                pattern.append(format_value(constant, unit, lang).replace("%", "%%"))
        return Template(text, "".join(pattern), tuple(shown))
