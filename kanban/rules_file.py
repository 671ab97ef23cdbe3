"""Rule files: reading a rule set from YAML and checking every part of it, each problem at its line.

Everything is checked when the file loads, and every problem is reported at
once with file:line, the rule id and, for conditions, the column, so a broken
rule set never reaches a customer. The messages follow the process language
(`--lang`); the model and its evaluation are `kanban.domain.rules`.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from kanban import yaml_file
from kanban.domain.excerpt import excerpt
from kanban.domain.expr import LARGEST_NUMBER, Comparison, Condition, ExprError, compile_condition
from kanban.domain.formatting import LANGUAGES, UNITS, format_value
from kanban.domain.metrics import METRICS
from kanban.domain.model import Column
from kanban.domain.rules import ABC_CONSTANTS, SETTING_UNITS, Band, Rule, RuleSet, RuleSettings, Template
from kanban.texts import text as catalogue_text

FORMAT_VERSION = 1
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EFFECTS = ("force", "no_better_than", "no_worse_than")
_TOP_KEYS = ("version", "settings", "bands", "rules", "knockouts")
_RULE_KEYS = ("id", "title", "when", "points", "reason", "thresholds")
_KNOCKOUT_KEYS = ("id", "title", "when", "reason", "thresholds", *_EFFECTS)


# --- problems ----------------------------------------------------------------------------


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
        rule = catalogue_text("rules.where.rule", rule=self.rule_id) if self.rule_id else ""
        col = catalogue_text("rules.where.col", col=self.col) if self.col else ""
        return f"{where}:{rule} {self.message}{col}"


class RuleSetError(Exception):
    """A rule file that cannot be used; str() lists every problem, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


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
        return None, [Problem(file, None, catalogue_text("rules.file_not_found"))]
    except OSError as error:
        return None, [Problem(file, None, catalogue_text("rules.file_unreadable", reason=error.strerror))]
    try:
        node, data = yaml_file.parse(yaml_file.decode(raw))
    except yaml_file.YamlFileError as error:
        return None, [Problem(file, error.line, error.message, col=error.col)]
    reader = _Reader(file, node)
    rule_set = reader.rule_set(path, data, hashlib.sha256(raw).hexdigest())
    problems = sorted(reader.problems, key=lambda problem: problem.line or 0)
    return (None if problems else rule_set), problems


def _value_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def _item_node(node: yaml.Node | None, index: int) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and index < len(node.value):
        return node.value[index]
    return None


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _scores(start: float, end: float) -> str:
    if start == -math.inf:
        return catalogue_text("rules.scores_below", end=f"{end:g}")
    if end == math.inf:
        return catalogue_text("rules.scores_from", start=f"{start:g}")
    return catalogue_text("rules.scores_between", start=f"{start:g}", end=f"{end:g}")


def _close(word: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return catalogue_text("rules.did_you_mean", name=match[0]) if match else ""


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
            self.problem(self.root, catalogue_text("rules.not_mapping"))
            return None
        self.duplicate_keys(self.root)
        if self.huge_numbers(self.root):
            return None  # every later check would have to guard its float() against them
        self.unknown_keys(self.root, data, _TOP_KEYS, None, catalogue_text("rules.top_level"))
        version = self.version(data)
        settings = self.settings(data.get("settings"), _value_node(self.root, "settings"))
        bands = self.bands(data.get("bands"), _value_node(self.root, "bands"))
        seen: dict[str, int | None] = {}
        rules = self.rules(data, "rules", settings, seen)
        knockouts = self.rules(data, "knockouts", settings, seen)
        if "rules" in data and not rules and not self.problems:
            self.problem(_value_node(self.root, "rules"), catalogue_text("rules.empty"))
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
                        self.problem(key_node, catalogue_text("rules.duplicate_key", field=key, line=seen[key]))
                    elif key is not None:
                        seen[key] = _line(key_node)
                    pending.append(value_node)
            elif isinstance(node, yaml.SequenceNode):
                pending.extend(node.value)

    def unknown_keys(
        self, node: yaml.Node | None, data: dict, allowed: tuple[str, ...], rule_id: str | None, where: str
    ) -> bool:
        """Report keys that are not in `allowed` (typos, mostly); True if there were any."""
        unknown = [key for key in data if key not in allowed]
        for key in unknown:
            key_node = next((k for k, _ in getattr(node, "value", ()) if getattr(k, "value", None) == key), node)
            hint = _close(str(key), allowed) or catalogue_text("rules.allowed", keys=", ".join(allowed))
            self.problem(key_node, catalogue_text("rules.unknown_key", where=where, field=key, hint=hint), rule_id)
        return bool(unknown)

    def version(self, data: dict) -> int:
        version = data.get("version")
        node = _value_node(self.root, "version") or self.root
        if "version" not in data:
            self.problem(node, catalogue_text("rules.version_missing", version=FORMAT_VERSION))
        elif version != FORMAT_VERSION or isinstance(version, bool):
            self.problem(
                node, catalogue_text("rules.version_unsupported", version=excerpt(version), supported=FORMAT_VERSION)
            )
        return FORMAT_VERSION

    def settings(self, data: Any, node: yaml.Node | None) -> RuleSettings:
        defaults = RuleSettings()
        if data is None:
            return defaults
        if not isinstance(data, dict):
            self.problem(node, catalogue_text("rules.settings_not_mapping", names=", ".join(SETTING_UNITS)))
            return defaults
        self.unknown_keys(node, data, tuple(SETTING_UNITS), None, "settings")
        values: dict[str, Any] = {}
        for name in SETTING_UNITS:
            value = data.get(name, getattr(defaults, name))
            value_node = _value_node(node, name) or node
            if not _is_number(value) or value < 0:
                self.problem(value_node, catalogue_text("rules.setting_not_number", name=name, value=excerpt(value)))
            elif name == "target_hourly_rate" and value == 0:
                self.problem(value_node, catalogue_text("rules.target_rate_zero"))
            elif name == "window_months" and (value != int(value) or not 1 <= value <= 60):
                self.problem(value_node, catalogue_text("rules.window_months", value=excerpt(value)))
            elif name.startswith("abc_") and not 0 < value <= 100:
                self.problem(value_node, catalogue_text("rules.abc_share", name=name, value=excerpt(value)))
            else:
                values[name] = int(value) if name == "window_months" else float(value)
                continue
            values[name] = getattr(defaults, name)
        if values["abc_a_share"] >= values["abc_b_share"]:
            self.problem(
                _value_node(node, "abc_a_share") or node,
                catalogue_text("rules.abc_order", a=f"{values['abc_a_share']:g}", b=f"{values['abc_b_share']:g}"),
            )
        return RuleSettings(**values, given=frozenset(name for name in data if name in SETTING_UNITS))

    def bands(self, data: Any, node: yaml.Node | None) -> tuple[Band, ...]:
        fallback = (Band(Column.DROP, None, -4.0), Band(Column.WATCH, -4.0, 4.0), Band(Column.IDEAL, 4.0, None))
        if not isinstance(data, dict):
            example = "bands: {drop: {below: -4}, watch: {min: -4, below: 4}, ideal: {min: 4}}"
            self.problem(node or self.root, catalogue_text("rules.bands_not_mapping", example=example))
            return fallback
        bands = [band for key, value in data.items() if (band := self.band(str(key), value, node)) is not None]
        for column in Column:
            if column not in {band.column for band in bands} and column.value not in data:
                self.problem(node, catalogue_text("rules.band_missing", column=column.value))
        if len(bands) != len(data) or len(bands) != len(Column):
            return fallback
        bands.sort(key=lambda band: -math.inf if band.min is None else band.min)
        if self.band_coverage(bands, node):
            return tuple(bands)
        return fallback

    def band(self, key: str, value: Any, node: yaml.Node | None) -> Band | None:
        band_node = _value_node(node, key) or node
        if key not in {column.value for column in Column}:
            hint = _close(key, [c.value for c in Column])
            self.problem(band_node, catalogue_text("rules.band_unknown", field=key, hint=hint))
            return None
        if not isinstance(value, dict) or not value or set(value) - {"min", "below"}:
            self.problem(band_node, catalogue_text("rules.band_bounds", field=key, value=excerpt(value)))
            return None
        bounds = {name: value.get(name) for name in ("min", "below")}
        for name, bound in bounds.items():
            if bound is not None and not _is_number(bound):
                bound_node = _value_node(band_node, name) or band_node
                self.problem(
                    bound_node, catalogue_text("rules.band_not_number", field=key, name=name, value=excerpt(bound))
                )
                return None
        low, high = bounds["min"], bounds["below"]
        if low is not None and high is not None and low >= high:
            self.problem(band_node, catalogue_text("rules.band_min_below", field=key, low=low, high=high))
            return None
        return Band(Column(key), None if low is None else float(low), None if high is None else float(high))

    def band_coverage(self, bands: list[Band], node: yaml.Node | None) -> bool:
        """Every score must fall into exactly one band, and ideal must hold the highest scores."""
        ok = True
        lowest, highest = bands[0], bands[-1]

        def at(band: Band) -> yaml.Node | None:
            return _value_node(node, band.column.value) or node

        if lowest.min is not None:
            self.problem(
                at(lowest), catalogue_text("rules.band_gap_low", min=f"{lowest.min:g}", column=lowest.column.value)
            )
            ok = False
        if highest.below is not None:
            self.problem(
                at(highest),
                catalogue_text("rules.band_gap_high", below=f"{highest.below:g}", column=highest.column.value),
            )
            ok = False
        for low, high in zip(bands, bands[1:], strict=False):
            a, b = low.column.value, high.column.value
            start = -math.inf if high.min is None else high.min
            end = math.inf if low.below is None else low.below
            if end > start:
                fix = (
                    catalogue_text("rules.band_fix_end", a=a, start=f"{start:g}")
                    if high.min is not None
                    else catalogue_text("rules.band_fix_min", b=b)
                )
                self.problem(
                    at(low), catalogue_text("rules.band_overlap", a=a, b=b, scores=_scores(start, end), fix=fix)
                )
                ok = False
            elif end < start:
                self.problem(
                    at(high), catalogue_text("rules.band_gap", scores=_scores(end, start), b=b, end=f"{end:g}")
                )
                ok = False
        if ok and [band.column for band in bands] != [Column.DROP, Column.WATCH, Column.IDEAL]:
            order = " < ".join(band.column.value for band in bands)
            self.problem(node, catalogue_text("rules.band_order", order=order))
            ok = False
        return ok

    def rules(self, data: dict, key: str, settings: RuleSettings, seen: dict[str, int | None]) -> list[Rule]:
        items, node = data.get(key), _value_node(self.root, key)
        if items is None:
            if key == "rules":
                self.problem(self.root, catalogue_text("rules.missing"))
            return []
        if not isinstance(items, list):
            self.problem(node, catalogue_text("rules.not_list", field=key))
            return []
        constants = {name: float(getattr(settings, name)) for name in SETTING_UNITS} | ABC_CONSTANTS
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

    def section_name(self) -> str:
        return catalogue_text(f"rules.section.{self.section}")

    def problem(self, field_name: str | None, message: str, col: int | None = None) -> None:
        node = _value_node(self.node, field_name) if field_name else None
        self.reader.problem(node or self.node, message, self.id, col)
        self.ok = False

    def read(self, item: Any, seen: dict[str, int | None]) -> Rule | None:
        if not isinstance(item, dict):
            self.problem(
                None,
                catalogue_text(
                    "rules.item_not_mapping", section=self.section_name(), number=self.index + 1, value=excerpt(item)
                ),
            )
            return None
        self.read_id(item, seen)
        allowed = (*_KNOCKOUT_KEYS, "points") if self.knockout else _RULE_KEYS  # points: effect() explains
        if self.reader.unknown_keys(self.node, item, allowed, self.id, self.section_name()):
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

    def read_id(self, item: dict, seen: dict[str, int | None]) -> None:
        rule_id = item.get("id")
        if rule_id is None:
            self.problem(None, catalogue_text("rules.no_id", section=self.section_name(), number=self.index + 1))
            return
        if not isinstance(rule_id, str) or not _ID.match(rule_id):
            self.problem("id", catalogue_text("rules.bad_id", value=excerpt(rule_id)))
            return
        self.id = rule_id
        if rule_id in seen:
            self.problem("id", catalogue_text("rules.duplicate_id", id=rule_id, line=seen[rule_id]))
        else:
            seen[rule_id] = _line(self.node)

    def thresholds(self, data: Any) -> dict[str, float]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.problem("thresholds", catalogue_text("rules.thresholds_not_mapping", value=excerpt(data)))
            return {}
        found = {}
        for name, value in data.items():
            if not isinstance(name, str) or not _NAME.match(name) or name.startswith("__"):
                self.problem("thresholds", catalogue_text("rules.threshold_name", value=excerpt(name)))
            elif name in METRICS or name in self.settings or name == "unknown":
                self.problem("thresholds", catalogue_text("rules.threshold_taken", name=name))
            elif not _is_number(value):
                self.problem(
                    "thresholds", catalogue_text("rules.threshold_not_number", name=name, value=excerpt(value))
                )
            else:
                found[name] = float(value)
        return found

    def condition(self, source: Any, thresholds: Mapping[str, float]) -> Condition | None:
        if source is None:
            self.problem(None, catalogue_text("rules.when_missing"))
            return None
        if isinstance(source, bool) or not isinstance(source, str | int | float):
            self.problem("when", catalogue_text("rules.when_not_text", value=excerpt(source)))
            return None
        try:
            return compile_condition(str(source), METRICS, {**self.settings, **thresholds})
        except ExprError as error:
            self.problem("when", catalogue_text("rules.when", message=error.message), error.col + 1)
            return None

    def points(self, item: dict) -> float:
        points = item.get("points")
        if "points" not in item:
            self.problem(None, catalogue_text("rules.points_missing"))
        elif _is_number(points):
            return float(points)
        else:
            self.problem("points", catalogue_text("rules.points_not_number", value=excerpt(points)))
        return 0.0

    def effect(self, item: dict) -> tuple[str | None, Column | None]:
        given = [name for name in _EFFECTS if name in item]
        if "points" in item:
            self.problem("points", catalogue_text("rules.knockout_points"))
        if len(given) != 1:
            self.problem(None, catalogue_text("rules.knockout_effect", effects=", ".join(_EFFECTS), count=len(given)))
            return None, None
        value = item[given[0]]
        try:
            return given[0], Column.parse(str(value))
        except ValueError:
            self.problem(given[0], catalogue_text("rules.knockout_column", effect=given[0], value=excerpt(value)))
            return None, None

    def texts(self, item: dict, key: str) -> dict[str, str]:
        data = item.get(key)
        if not isinstance(data, dict):
            self.problem(key if key in item else None, catalogue_text("rules.texts_not_mapping", field=key))
            return {}
        for lang in data:
            if lang not in LANGUAGES:
                self.problem(key, catalogue_text("rules.texts_language", field=key, value=excerpt(lang)))
        texts = {}
        for lang in LANGUAGES:
            text = data.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.problem(
                    key,
                    catalogue_text(
                        "rules.texts_empty", field=key, code=lang, language=catalogue_text(f"rules.language.{lang}")
                    ),
                )
            else:
                texts[lang] = text.strip()
        return texts

    def placeholder_units(self, condition: Condition | None, thresholds: Mapping[str, float]) -> dict[str, str]:
        """Unit of every name a reason may show: metrics their own, thresholds that of the metric they bound."""
        units = {name: info.unit for name, info in METRICS.items()} | SETTING_UNITS
        comparisons: list[Comparison] = condition.comparisons() if condition else []
        for name in thresholds:
            bound = [c.metric for c in comparisons if c.constant == name]
            units[name] = METRICS[bound[0]].unit if bound else "number"
        return units

    def template(self, lang: str, text: str, units: Mapping[str, str], thresholds: Mapping[str, float]) -> Template:
        where = f"reason.{lang}"
        try:
            fields = list(string.Formatter().parse(text))
        except ValueError:
            self.problem("reason", catalogue_text("rules.reason_brace", where=where))
            return Template(text, text, ())
        pattern: list[str] = []
        shown: list[tuple[str, str]] = []
        for literal, name, spec, conversion in fields:
            pattern.append(literal.replace("%", "%%"))
            if name is None:
                continue
            if not _NAME.match(name) or conversion:
                self.problem("reason", catalogue_text("rules.placeholder_plain", where=where, name=name))
                continue
            if name not in units:
                self.problem(
                    "reason",
                    catalogue_text("rules.placeholder_unknown", where=where, name=name, hint=_close(name, units)),
                )
                continue
            if spec and spec not in UNITS:
                self.problem(
                    "reason",
                    catalogue_text(
                        "rules.placeholder_format", where=where, name=name, spec=spec, units=", ".join(UNITS)
                    ),
                )
                continue
            unit = spec or units[name]
            constant = thresholds.get(name, self.settings.get(name))
            if constant is None:
                pattern.append("%s")
                shown.append((name, unit))
            else:
                pattern.append(format_value(constant, unit, lang).replace("%", "%%"))
        return Template(text, "".join(pattern), tuple(shown))
