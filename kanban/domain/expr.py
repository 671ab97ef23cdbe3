"""Conditions of a rule set: a small expression language that never runs Python.

    avg_days_late > 30 and reminders >= 2
    effective_hourly_rate < target_hourly_rate * 0.8
    5 <= active_quarters <= 8 or has_contract
    revenue_growth is unknown

The text is parsed with `ast` and every node is checked against a whitelist:
numbers, True/False, names of metrics and named constants (settings and a rule's
thresholds), comparisons (chained too), and/or/not, + - * /, unary minus,
parentheses, and `x is unknown` / `x is not unknown`. Calls, attributes,
subscripts, lambdas, comprehensions, strings and dunder names are refused with
the column where they start. Nothing is ever passed to eval or compile.

A checked condition is folded (constants computed once) and turned into nested
closures, so evaluating it does not walk the syntax tree again.

Unknown (None) values follow three-valued logic, as in SQL: arithmetic or a
comparison that touches an unknown is unknown; `and` is false as soon as one
side is false and `or` true as soon as one side is true, otherwise unknown
wins. So `has_contract == 1 and revenue > 5000` is decided (false) for a
customer without contract even when revenue is unknown, in whichever order it
is written. Division by zero is unknown too. Only `is unknown` looks at an
unknown without becoming unknown itself.

Type check at compile time: flags (metrics with unit "flag", 0 or 1) may be
used as numbers and as true/false; other metrics and arithmetic are numbers;
comparisons, True and False are true/false. Mixing the two where it cannot be
meant (`hours and 3`, `(a > b) + 1`, `reminders == True`) is an error.
"""

from __future__ import annotations

import ast
import difflib
import enum
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from kanban.domain.excerpt import excerpt
from kanban.domain.metrics import METRICS, MetricInfo
from kanban.texts import text as catalogue_text

Values = Mapping[str, float | None]
Evaluator = Callable[[Values], Any]

UNKNOWN_NAME = "unknown"
# Compiling and evaluating recurse once per level: these limits keep far below Python's
# recursion limit (and any real rule far below them).
MAX_LENGTH = 2000
MAX_DEPTH = 60


LARGEST_NUMBER = 10**15  # larger whole numbers in a rule are typos; past about 10**308 float() fails


class ExprError(ValueError):
    """A condition that cannot be used; `col` is the 0-based character offset of the culprit."""

    def __init__(self, message: str, col: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.col = col

    def __str__(self) -> str:
        return catalogue_text("rules.expr.col", message=self.message, col=self.col + 1)


class Kind(enum.Enum):
    NUMBER = "number"
    BOOL = "true/false"
    FLAG = "flag"  # 0/1 metric: a number and a truth value at once


_NUMERIC = (Kind.NUMBER, Kind.FLAG)
_TRUTHY = (Kind.BOOL, Kind.FLAG)


# The checked tree. Each node knows its kind and where it starts in the source.
@dataclass(frozen=True)
class Const:
    value: float | bool
    kind: Kind
    col: int
    name: str | None = None  # set when it came from a named constant (a setting or threshold)


@dataclass(frozen=True)
class Metric:
    name: str
    kind: Kind
    col: int


@dataclass(frozen=True)
class Arith:
    op: str  # + - * /
    left: Node
    right: Node
    col: int
    kind: Kind = Kind.NUMBER


@dataclass(frozen=True)
class Negate:
    operand: Node
    col: int
    kind: Kind = Kind.NUMBER


@dataclass(frozen=True)
class Compare:
    ops: tuple[str, ...]  # < <= > >= == !=
    operands: tuple[Node, ...]
    col: int
    kind: Kind = Kind.BOOL


@dataclass(frozen=True)
class Logic:
    op: str  # and / or
    operands: tuple[Node, ...]
    col: int
    kind: Kind = Kind.BOOL


@dataclass(frozen=True)
class Not:
    operand: Node
    col: int
    kind: Kind = Kind.BOOL


@dataclass(frozen=True)
class IsUnknown:
    operand: Node
    negated: bool  # `is not unknown`
    col: int
    kind: Kind = Kind.BOOL


Node = Const | Metric | Arith | Negate | Compare | Logic | Not | IsUnknown


class Comparison(NamedTuple):
    """A metric against a fixed value, written metric-first: ("reminders", ">", 2.0, "max_reminders")."""

    metric: str
    op: str
    value: float
    constant: str | None  # the named constant it came from, if any


@dataclass(frozen=True)
class Condition:
    """A checked, compiled condition. Call it with a customer's metrics: True, False or None (unknown)."""

    source: str
    tree: Node
    metrics: tuple[str, ...]  # metric names it reads, in order of appearance
    evaluate: Evaluator

    def __call__(self, values: Values) -> bool | None:
        result = self.evaluate(values)
        return None if result is None else bool(result)

    def comparisons(self) -> list[Comparison]:
        """Every comparison of one metric with a constant, for showing thresholds."""
        found: list[Comparison] = []
        for node in _walk(self.tree):
            if isinstance(node, Compare):
                for op, left, right in zip(node.ops, node.operands, node.operands[1:], strict=False):
                    if isinstance(left, Metric) and isinstance(right, Const):
                        found.append(Comparison(left.name, op, float(right.value), right.name))
                    elif isinstance(left, Const) and isinstance(right, Metric):
                        found.append(Comparison(right.name, _MIRRORED[op], float(left.value), left.name))
        return found


class Part(NamedTuple):
    """One comparison inside a condition, with one customer's numbers: what a reader checks by eye.

    `metric` is the metric on the left as a reader would say it ("open_overdue > revenue * 20 / 100"
    is about open_overdue); `limit` is what it is compared with for this customer (computed when the
    limit reads metrics too, which `limit_metrics` names). `holds` is None when a value is unknown.
    """

    metric: str
    op: str
    value: float | None
    limit: float | None
    limit_metrics: tuple[str, ...]
    holds: bool | None


def condition_parts(condition: Condition, values: Values) -> tuple[str, list[Part]]:
    """How a condition splits into comparisons, each with whether it holds for these values.

    Returns the word that joins the parts at the top ("and" / "or") and the parts in reading order;
    a bare flag (`has_contract`, `not has_contract`) is a part "flag == 1" or "flag == 0".
    """
    joiner = condition.tree.op if isinstance(condition.tree, Logic) else "and"
    parts: list[Part] = []
    _collect_parts(condition.tree, values, False, parts)
    return joiner, parts


_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


def _collect_parts(node: Node, values: Values, negated: bool, parts: list[Part]) -> None:
    if isinstance(node, Logic):
        for operand in node.operands:
            _collect_parts(operand, values, negated, parts)
    elif isinstance(node, Not):
        _collect_parts(node.operand, values, not negated, parts)
    elif isinstance(node, Metric) and node.kind is Kind.FLAG:
        value = values.get(node.name)
        wanted = 0.0 if negated else 1.0
        parts.append(Part(node.name, "==", value, wanted, (), None if value is None else (value != 0) == bool(wanted)))
    elif isinstance(node, Compare):
        for op, left, right in zip(node.ops, node.operands, node.operands[1:], strict=False):
            parts.append(_part(op, left, right, values, negated))


def _part(op: str, left: Node, right: Node, values: Values, negated: bool) -> Part:
    left_metrics, right_metrics = _metric_names(left), _metric_names(right)
    if not left_metrics and right_metrics:  # `2 < avg_days_late` reads as `avg_days_late > 2`
        left, right, op = right, left, _MIRRORED[op]
        left_metrics, right_metrics = right_metrics, left_metrics
    if negated:
        op = _NEGATED[op]
    value, limit = _emit(left)(values), _emit(right)(values)
    holds = None if value is None or limit is None else bool(_COMPARE_FUNCS[op](value, limit))
    metric = left_metrics[0] if left_metrics else ""
    return Part(metric, op, value, limit, tuple(right_metrics), holds)


def _metric_names(node: Node) -> list[str]:
    return list(dict.fromkeys(n.name for n in _walk(node) if isinstance(n, Metric)))


def compile_condition(
    source: str,
    metrics: Mapping[str, MetricInfo] = METRICS,
    constants: Mapping[str, float] | None = None,
) -> Condition:
    """Check and compile a condition; raises ExprError with the column of the first problem."""
    text = " ".join(source.split("\n")).strip()  # YAML block scalars may span lines
    if not text:
        raise ExprError(catalogue_text("rules.expr.empty"), 0)
    if len(text) > MAX_LENGTH:
        raise ExprError(catalogue_text("rules.expr.too_long", limit=MAX_LENGTH), 0)
    try:
        parsed = ast.parse(text, mode="eval")
    except SyntaxError as error:
        col = max((error.offset or 1) - 1, 0)
        message, col = _syntax_message(error.msg, text, col)
        raise ExprError(message, col) from None
    except (RecursionError, MemoryError):
        raise ExprError(catalogue_text("rules.expr.too_deep"), 0) from None
    checker = _Checker(text, metrics, constants or {})
    tree = checker.build(parsed.body)
    if tree.kind is Kind.NUMBER:
        raise ExprError(catalogue_text("rules.expr.number_not_condition", text=text), 0)
    evaluate = _emit(tree)
    if tree.kind is Kind.FLAG:
        evaluate = _as_truth(evaluate)
    return Condition(text, tree, tuple(checker.used), evaluate)


def _syntax_message(message: str, text: str, col: int) -> tuple[str, int]:
    """Python's message, or a hint for the slips people bring from other languages."""
    for slip, hint in (("&&", "rules.expr.and_not_ampersands"), ("||", "rules.expr.or_not_bars")):
        if slip in text:
            return _syntax(catalogue_text(hint)), text.index(slip)
    if col == 0 and (text.endswith(tuple("<>=!+-*/(")) or text.split()[-1] in ("and", "or", "not", "is")):
        # Python reports a condition that stops after an operator ("hours >") at offset 0.
        return _syntax(catalogue_text("rules.expr.ends_early")), len(text)
    rest = text[col:]
    if rest.startswith("=") and not rest.startswith("=="):
        return _syntax(catalogue_text("rules.expr.assign")), col
    return _syntax(_python_message(message)), col


def _syntax(message: str) -> str:
    return catalogue_text("rules.expr.syntax", message=message)


_PYTHON_WORDS = {  # catalogue keys
    "too many nested parentheses": "rules.expr.too_many_parentheses",
    "invalid decimal literal": "rules.expr.invalid_number",
    "unterminated string literal": "rules.expr.unterminated_text",
}


def _python_message(message: str) -> str:
    """Python's own words for the few syntax errors a condition meets; any other quoted as Python's."""
    if message.startswith("invalid syntax"):
        return catalogue_text("rules.expr.invalid_syntax")
    if match := re.fullmatch(r"'(.)' was never closed", message):
        return catalogue_text("rules.expr.never_closed", bracket=match[1])
    for english, key in _PYTHON_WORDS.items():
        if message.startswith(english):
            return catalogue_text(key)
    if match := re.fullmatch(r"unmatched '(.)'", message):
        return catalogue_text("rules.expr.unmatched", bracket=match[1])
    return catalogue_text("rules.expr.python", message=message)


_REFUSED = {  # catalogue keys
    ast.Call: "rules.expr.call",
    ast.Attribute: "rules.expr.attribute",
    ast.Subscript: "rules.expr.subscript",
    ast.Lambda: "rules.expr.lambda",
    ast.ListComp: "rules.expr.comprehension",
    ast.SetComp: "rules.expr.comprehension",
    ast.DictComp: "rules.expr.comprehension",
    ast.GeneratorExp: "rules.expr.comprehension",
    ast.NamedExpr: "rules.expr.walrus",
    ast.IfExp: "rules.expr.if_else",
    ast.JoinedStr: "rules.expr.text",
    ast.List: "rules.expr.list",
    ast.Set: "rules.expr.set",
    ast.Dict: "rules.expr.dict",
    ast.Starred: "rules.expr.starred",
}

_ARITH_OPS: dict[type, str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_OTHER_BINOPS: dict[type, str] = {  # catalogue keys
    ast.Pow: "rules.expr.power",
    ast.FloorDiv: "rules.expr.floor_division",
    ast.Mod: "rules.expr.modulo",
    ast.BitAnd: "rules.expr.ampersand",
    ast.BitOr: "rules.expr.bar",
}
_COMPARE_OPS: dict[type, str] = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_ORDERING = {"<", "<=", ">", ">="}


class _Checker:
    """Turns a Python expression tree into a checked Node tree, or raises ExprError."""

    def __init__(self, source: str, metrics: Mapping[str, MetricInfo], constants: Mapping[str, float]) -> None:
        self.source = source
        self.raw = source.encode()
        self.metrics = metrics
        self.constants = constants
        self.used: dict[str, None] = {}  # ordered set
        self.depth = 0

    def col(self, node: ast.AST) -> int:
        """ast counts UTF-8 bytes; users count characters."""
        return len(self.raw[: getattr(node, "col_offset", 0)].decode(errors="ignore"))

    def text(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or "?"

    def fail(self, message: str, node: ast.AST) -> ExprError:
        return ExprError(message, self.col(node))

    def build(self, node: ast.AST) -> Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise self.fail(catalogue_text("rules.expr.deeper_than", limit=MAX_DEPTH), node)
            return self.dispatch(node)
        finally:
            self.depth -= 1

    def dispatch(self, node: ast.AST) -> Node:
        handler: Callable[[Any], Node] | None = getattr(self, "_" + type(node).__name__, None)
        if handler is not None:
            return handler(node)
        if type(node) in _REFUSED:
            raise self.fail(catalogue_text(_REFUSED[type(node)]), node)
        if isinstance(node, ast.Tuple):
            raise self.fail(catalogue_text("rules.expr.tuple"), node)
        raise self.fail(catalogue_text("rules.expr.not_allowed", text=self.text(node)), node)

    def _Constant(self, node: ast.Constant) -> Node:
        value = node.value
        if isinstance(value, bool):
            return Const(value, Kind.BOOL, self.col(node))
        if isinstance(value, int) and abs(value) > LARGEST_NUMBER:
            raise self.fail(catalogue_text("records.number_too_large", number=excerpt(value)), node)
        if isinstance(value, int | float):
            return Const(float(value), Kind.NUMBER, self.col(node))
        if value is None:
            raise self.fail(catalogue_text("rules.expr.none"), node)
        if isinstance(value, str):
            raise self.fail(catalogue_text("rules.expr.text"), node)
        raise self.fail(catalogue_text("rules.expr.bad_number", text=self.text(node)), node)

    def _Name(self, node: ast.Name) -> Node:
        name, col = node.id, self.col(node)
        if name.startswith("__"):
            raise self.fail(catalogue_text("rules.expr.dunder", name=name), node)
        if name == UNKNOWN_NAME:
            raise self.fail(catalogue_text("rules.expr.unknown_alone"), node)
        if name in self.metrics:
            self.used[name] = None
            kind = Kind.FLAG if self.metrics[name].unit == "flag" else Kind.NUMBER
            return Metric(name, kind, col)
        if name in self.constants:
            return Const(float(self.constants[name]), Kind.NUMBER, col, name)
        raise self.fail(catalogue_text("rules.expr.unknown_metric", name=name, hint=self._suggestion(name)), node)

    def _suggestion(self, name: str) -> str:
        if name.lower() in ("true", "false"):
            return catalogue_text("rules.expr.capitalize", name=name.capitalize())
        candidates = [*self.metrics, *self.constants]
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
        if not close:
            lowered = {c.lower(): c for c in candidates}
            close = [lowered[m] for m in difflib.get_close_matches(name.lower(), lowered, n=1, cutoff=0.6)]
        return catalogue_text("rules.did_you_mean", name=close[0]) if close else ""

    def _UnaryOp(self, node: ast.UnaryOp) -> Node:
        operand = self.build(node.operand)
        if isinstance(node.op, ast.Not):
            self.expect_truth(operand, node.operand, "not")
            return _fold(Not(operand, self.col(node)))
        if isinstance(node.op, ast.USub | ast.UAdd):
            self.expect_number(operand, node.operand)
            return operand if isinstance(node.op, ast.UAdd) else _fold(Negate(operand, self.col(node)))
        raise self.fail(catalogue_text("rules.expr.tilde"), node)

    def _BinOp(self, node: ast.BinOp) -> Node:
        op = _ARITH_OPS.get(type(node.op))
        if op is None:
            key = _OTHER_BINOPS.get(type(node.op))
            message = catalogue_text(key) if key else catalogue_text("rules.expr.operator", text=self.text(node))
            raise self.fail(message, node)
        left, right = self.build(node.left), self.build(node.right)
        self.expect_number(left, node.left)
        self.expect_number(right, node.right)
        if op == "/" and isinstance(right, Const) and right.value == 0:
            raise self.fail(catalogue_text("rules.expr.division_by_zero"), node.right)
        return _fold(Arith(op, left, right, self.col(node)))

    def _BoolOp(self, node: ast.BoolOp) -> Node:
        word = "and" if isinstance(node.op, ast.And) else "or"
        operands = tuple(self.build(value) for value in node.values)
        for operand, source in zip(operands, node.values, strict=True):
            self.expect_truth(operand, source, word)
        return _fold(Logic(word, operands, self.col(node)))

    def _Compare(self, node: ast.Compare) -> Node:
        if any(isinstance(op, ast.Is | ast.IsNot) for op in node.ops):
            return self.is_unknown(node)
        sources = [node.left, *node.comparators]
        for op, source in zip(node.ops, node.comparators, strict=True):
            if type(op) not in _COMPARE_OPS:
                raise self.fail(catalogue_text("rules.expr.in"), source)
        operands = tuple(self.build(source) for source in sources)
        ops = []
        for i, op in enumerate(node.ops):
            symbol = _COMPARE_OPS[type(op)]
            self.check_pair(symbol, (sources[i], sources[i + 1]), operands[i], operands[i + 1])
            ops.append(symbol)
        return _fold(Compare(tuple(ops), operands, self.col(node)))

    def check_pair(self, symbol: str, sources: tuple[ast.AST, ast.AST], left: Node, right: Node) -> None:
        if symbol in _ORDERING:
            self.expect_number(left, sources[0])
            self.expect_number(right, sources[1])
        elif (left.kind is Kind.NUMBER and right.kind is Kind.BOOL) or (
            left.kind is Kind.BOOL and right.kind is Kind.NUMBER
        ):
            comparison = f"{self.text(sources[0])} {symbol} {self.text(sources[1])}"
            raise self.fail(catalogue_text("rules.expr.number_with_truth", comparison=comparison), sources[0])

    def is_unknown(self, node: ast.Compare) -> Node:
        if len(node.ops) != 1:
            raise self.fail(catalogue_text("rules.expr.unknown_chained"), node)
        target = node.comparators[0]
        if not (isinstance(target, ast.Name) and target.id == UNKNOWN_NAME):
            raise self.fail(catalogue_text("rules.expr.is_only_unknown", text=self.text(node.left)), target)
        operand = self.build(node.left)
        self.expect_number(operand, node.left)
        return _fold(IsUnknown(operand, isinstance(node.ops[0], ast.IsNot), self.col(node)))

    def expect_number(self, built: Node, source: ast.AST) -> None:
        if built.kind not in _NUMERIC:
            raise self.fail(catalogue_text("rules.expr.truth_not_number", text=self.text(source)), source)

    def expect_truth(self, built: Node, source: ast.AST, word: str) -> None:
        if built.kind not in _TRUTHY:
            raise self.fail(catalogue_text("rules.expr.number_not_truth", text=self.text(source), word=word), source)


def _fold(node: Node) -> Node:
    """Compute a node whose inputs are all constants now, so evaluation never repeats it."""
    children = _children(node)
    if not children or not all(isinstance(child, Const) for child in children):
        return node
    value = _emit(node)({})
    kind = Kind.BOOL if isinstance(value, bool) else Kind.NUMBER
    return Const(value, kind, node.col)


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Arith):
        return (node.left, node.right)
    if isinstance(node, Negate | Not | IsUnknown):
        return (node.operand,)
    if isinstance(node, Compare | Logic):
        return node.operands
    return ()


def _walk(node: Node) -> list[Node]:
    nodes = [node]
    for child in _children(node):
        nodes.extend(_walk(child))
    return nodes


# --- closures: None means unknown ------------------------------------------------

_ARITH_FUNCS = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_COMPARE_FUNCS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _emit(node: Node) -> Evaluator:
    if isinstance(node, Const):
        value = node.value
        return lambda values: value
    if isinstance(node, Metric):
        name = node.name
        return lambda values: values.get(name)
    if isinstance(node, Arith):
        return _emit_arith(node)
    if isinstance(node, Negate):
        operand = _emit(node.operand)

        def negate(values: Values) -> Any:
            value = operand(values)
            return None if value is None else -value

        return negate
    if isinstance(node, Compare):
        return _emit_compare(node)
    if isinstance(node, Logic):
        return _emit_logic(node)
    if isinstance(node, Not):
        operand = _emit(node.operand)

        def negation(values: Values) -> Any:
            value = operand(values)
            return None if value is None else not value

        return negation
    operand = _emit(node.operand)
    if node.negated:
        return lambda values: operand(values) is not None
    return lambda values: operand(values) is None


def _emit_arith(node: Arith) -> Evaluator:
    left, right = _emit(node.left), _emit(node.right)
    if node.op == "/":

        def divide(values: Values) -> Any:
            a = left(values)
            b = right(values)
            if a is None or b is None or b == 0:
                return None
            return a / b

        return divide
    func = _ARITH_FUNCS[node.op]

    def arith(values: Values) -> Any:
        a = left(values)
        b = right(values)
        return None if a is None or b is None else func(a, b)

    return arith


def _emit_compare(node: Compare) -> Evaluator:
    funcs = [_COMPARE_FUNCS[op] for op in node.ops]
    left, right = node.operands[0], node.operands[-1]
    if len(funcs) == 1 and isinstance(left, Metric) and isinstance(right, Const):
        # The shape of almost every rule, `metric > 30`: one closure, no calls but the dict lookup.
        return _METRIC_VS_LIMIT[node.ops[0]](left.name, right.value)
    operands = [_emit(operand) for operand in node.operands]

    def compare(values: Values) -> Any:
        unknown = False
        a = operands[0](values)
        for func, operand in zip(funcs, operands[1:], strict=True):
            b = operand(values)
            if a is None or b is None:
                unknown = True
            elif not func(a, b):
                return False
            a = b
        return None if unknown else True

    return compare


# `metric OP limit` with the operator written out: evaluated for every rule of every customer.
_METRIC_VS_LIMIT: dict[str, Callable[[str, Any], Evaluator]] = {
    "<": lambda name, limit: lambda values: None if (value := values.get(name)) is None else value < limit,
    "<=": lambda name, limit: lambda values: None if (value := values.get(name)) is None else value <= limit,
    ">": lambda name, limit: lambda values: None if (value := values.get(name)) is None else value > limit,
    ">=": lambda name, limit: lambda values: None if (value := values.get(name)) is None else value >= limit,
    "==": lambda name, limit: lambda values: None if (value := values.get(name)) is None else value == limit,
    "!=": lambda name, limit: lambda values: None if (value := values.get(name)) is None else value != limit,
}


def _emit_logic(node: Logic) -> Evaluator:
    operands = [_emit(operand) for operand in node.operands]
    if node.op == "and":

        def conjunction(values: Values) -> Any:
            unknown = False
            for operand in operands:
                value = operand(values)
                if value is None:
                    unknown = True
                elif not value:
                    return False
            return None if unknown else True

        return conjunction

    def disjunction(values: Values) -> Any:
        unknown = False
        for operand in operands:
            value = operand(values)
            if value is None:
                unknown = True
            elif value:
                return True
        return None if unknown else False

    return disjunction


def _as_truth(evaluate: Evaluator) -> Evaluator:
    """A bare flag as the whole condition (`has_contract`): 1.0 -> True."""

    def truth(values: Values) -> Any:
        value = evaluate(values)
        return None if value is None else value != 0

    return truth
