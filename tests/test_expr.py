"""The condition language: what it accepts, what it refuses (and where), and how unknowns behave."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban.domain.expr import Comparison, ExprError, compile_condition


def refused(source: str) -> ExprError:
    with pytest.raises(ExprError) as caught:
        compile_condition(source)
    return caught.value


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("__import__('os')", "Funktionsaufrufe sind nicht erlaubt"),
        ("().__class__", "Zugriff mit '.' ist nicht erlaubt"),
        ("lambda: 1", "lambda ist nicht erlaubt"),
        ("open('x')", "Funktionsaufrufe sind nicht erlaubt"),
        ("hours.real", "Zugriff mit '.' ist nicht erlaubt"),
        ("[x for x in y]", "Comprehensions sind nicht erlaubt"),
        ("hours[0]", "Indizes ('[...]') sind nicht erlaubt"),
        ("__class__", "Namen, die mit '__' beginnen, sind nicht erlaubt: '__class__'"),
        ("(x := 1)", "':=' ist nicht erlaubt"),
        ("9 ** 9 ** 9 > 1", "'**' wird nicht unterstützt: verwenden Sie + - * /"),
        ("'rm -rf' < 'x'", "Text wird nicht unterstützt: Bedingungen vergleichen Zahlen"),
        ("hours if True else 1", "'x if c else y' wird nicht unterstützt: teilen Sie es auf zwei Regeln auf"),
    ],
)
def test_anything_that_reaches_for_python_is_refused(source: str, message: str) -> None:
    assert refused(source).message == message


def test_an_error_points_at_the_column_of_the_culprit() -> None:
    error = refused("reminders > 2 and hours.real > 1")
    assert error.col == 18
    assert str(error) == "Zugriff mit '.' ist nicht erlaubt (Stelle 19)"


def test_columns_count_characters_not_bytes() -> None:
    assert refused("hours > 1 and größe > 2").col == 14


def test_unknown_metric_suggests_the_closest_name() -> None:
    error = refused("remindrs > 2")
    assert str(error) == "unbekannte Kennzahl 'remindrs': meinten Sie 'reminders'? (Stelle 1)"


def test_errors_are_english_with_lang_en() -> None:
    from kanban.texts import set_language

    set_language("en")
    try:
        assert str(refused("remindrs > 2")) == "unknown metric 'remindrs': did you mean 'reminders'? (col 1)"
        assert refused("hours > > 1").message == "syntax error: invalid syntax"
        assert refused("(hours > 1").message == "syntax error: '(' was never closed"
    finally:
        set_language("de")


def test_a_syntax_error_without_german_words_is_quoted_as_pythons() -> None:
    assert refused("hours > 1e").message.startswith("Syntaxfehler: ungültige Zahl")
    assert refused("hours > 0x").message == "Syntaxfehler: Python meldet „invalid hexadecimal literal“"


def test_unknown_metric_without_anything_close_has_no_suggestion() -> None:
    assert refused("zzz > 2").message == "unbekannte Kennzahl 'zzz'"


@pytest.mark.parametrize(
    ("source", "message", "col"),
    [
        ("reminders = 2", "Syntaxfehler: vergleichen Sie mit '==' ('=' weist zu)", 10),
        ("hours > 1 && reminders > 2", "Syntaxfehler: schreiben Sie 'and' statt '&&'", 10),
        ("(hours > 1", "Syntaxfehler: '(' wird nie geschlossen", 0),
        ("hours >", "Syntaxfehler: die Bedingung endet zu früh", 7),
        ("hours > > 1", "Syntaxfehler: ungültige Syntax", 8),
        ("2,5 < hours", "Tupel sind nicht erlaubt (ein Dezimalkomma? schreiben Sie 2.5, nicht 2,5)", 0),
        ("", "die Bedingung ist leer: schreiben Sie z. B. 'reminders > 2'", 0),
    ],
)
def test_syntax_errors_carry_message_and_position(source: str, message: str, col: int) -> None:
    error = refused(source)
    assert (error.message, error.col) == (message, col)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "hours and reminders > 1",
            "'hours' ist eine Zahl, nicht wahr/falsch: vergleichen Sie sie vor 'and', z. B. 'hours > 0'",
        ),
        (
            "not revenue",
            "'revenue' ist eine Zahl, nicht wahr/falsch: vergleichen Sie sie vor 'not', z. B. 'revenue > 0'",
        ),
        ("(hours > 1) + 2 > 0", "'hours > 1' ist wahr/falsch, keine Zahl"),
        ("reminders == True", "'reminders == True' vergleicht eine Zahl mit wahr/falsch"),
        ("True < hours", "'True' ist wahr/falsch, keine Zahl"),
        ("hours * 2", "die Bedingung ist eine Zahl, nicht wahr/falsch: vergleichen Sie sie, z. B. 'hours * 2 > 0'"),
        ("hours is 3", "'is' prüft nur auf unknown: schreiben Sie 'hours == ...', um zu vergleichen"),
        (
            "hours is unknown < 3",
            "'is unknown' lässt sich nicht mit anderen Vergleichen verketten: verbinden Sie mit 'and'",
        ),
        ("unknown > 3", "'unknown' geht nur in einer Prüfung: schreiben Sie 'x is unknown' oder 'x is not unknown'"),
        ("hours == None", "None wird nicht unterstützt: prüfen Sie einen fehlenden Wert mit 'x is unknown'"),
        ("has_contract == true", "unbekannte Kennzahl 'true': schreiben Sie True"),
        ("hours / 0 > 1", "Division durch 0"),
        ("hours in 3", "'in' wird nicht unterstützt: vergleichen Sie mit < <= > >= == !="),
    ],
)
def test_type_check_catches_obvious_mistakes_at_load(source: str, message: str) -> None:
    assert refused(source).message == message


def test_flags_work_as_truth_values_and_as_numbers() -> None:
    for source in ("has_contract", "not has_contract", "has_contract == 1", "has_contract == True"):
        compile_condition(source)
    assert compile_condition("has_contract")({"has_contract": 1.0}) is True
    assert compile_condition("not has_contract")({"has_contract": 1.0}) is False


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("reminders > 2", {"reminders": 3.0}, True),
        ("reminders > 2", {"reminders": 2.0}, False),
        ("5 <= active_quarters <= 8", {"active_quarters": 7.0}, True),
        ("5 <= active_quarters <= 8", {"active_quarters": 4.0}, False),
        ("-contribution > 1000", {"contribution": -1500.0}, True),
        ("revenue - revenue_prev * 2 >= 0", {"revenue": 200.0, "revenue_prev": 100.0}, True),
        ("(revenue + 100) / hours < 10", {"revenue": 0.0, "hours": 20.0}, True),
        ("not (hours > 1 or reminders > 1)", {"hours": 0.5, "reminders": 0.0}, True),
        ("hours > 1 and reminders < 1 or has_contract", {"hours": 0.0, "reminders": 5.0, "has_contract": 1.0}, True),
    ],
)
def test_evaluation_on_known_values(source: str, values: dict, expected: bool) -> None:
    assert compile_condition(source)(values) is expected


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        # Anything that touches an unknown is unknown ...
        ("reminders > 2", {"reminders": None}, None),
        ("revenue / hours > 50", {"revenue": 100.0, "hours": None}, None),
        ("-hours < 0", {}, None),  # a metric missing from the mapping is unknown too
        ("not has_contract", {"has_contract": None}, None),
        ("5 <= active_quarters <= 8", {"active_quarters": None}, None),
        # ... except where the other side decides, in either order (SQL's three-valued logic).
        ("reminders > 2 and hours > 10", {"reminders": 0.0, "hours": None}, False),
        ("hours > 10 and reminders > 2", {"reminders": 0.0, "hours": None}, False),
        ("hours > 10 and reminders > 2", {"reminders": 5.0, "hours": None}, None),
        ("hours > 10 or reminders > 2", {"reminders": 5.0, "hours": None}, True),
        ("hours > 10 or reminders > 2", {"reminders": 0.0, "hours": None}, None),
        ("3 < hours < active_quarters", {"hours": 1.0, "active_quarters": None}, False),
        # The unknown test itself is always decided.
        ("hours is unknown", {"hours": None}, True),
        ("hours is unknown", {"hours": 0.0}, False),
        ("hours is not unknown", {"hours": 0.0}, True),
        ("hours is unknown or hours > 3", {"hours": None}, True),
        # Division by zero cannot be evaluated either.
        ("revenue / hours > 50", {"revenue": 100.0, "hours": 0.0}, None),
        ("revenue / hours is unknown", {"revenue": 100.0, "hours": 0.0}, True),
    ],
)
def test_unknowns(source: str, values: dict, expected: bool | None) -> None:
    assert compile_condition(source)(values) is expected


def test_named_constants_are_folded_and_reported() -> None:
    condition = compile_condition(
        "effective_hourly_rate < target_hourly_rate * 0.8 or reminders > max_reminders",
        constants={"target_hourly_rate": 95.0, "max_reminders": 2.0},
    )
    assert condition.metrics == ("effective_hourly_rate", "reminders")
    assert condition.comparisons() == [
        Comparison("effective_hourly_rate", "<", 76.0, None),
        Comparison("reminders", ">", 2.0, "max_reminders"),
    ]
    assert condition({"effective_hourly_rate": 80.0, "reminders": 3.0}) is True


def test_comparisons_are_written_metric_first() -> None:
    assert compile_condition("2 < reminders <= 5").comparisons() == [
        Comparison("reminders", ">", 2.0, None),
        Comparison("reminders", "<=", 5.0, None),
    ]


def test_a_condition_spanning_lines_is_one_expression() -> None:
    condition = compile_condition("hours > 1\n  and reminders > 1\n")
    assert condition({"hours": 2.0, "reminders": 2.0}) is True


values = st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))


@given(hours=values, reminders=values)
def test_and_or_agree_with_three_valued_logic(hours: float | None, reminders: float | None) -> None:
    def kleene_and(a: bool | None, b: bool | None) -> bool | None:
        if a is False or b is False:
            return False
        return None if a is None or b is None else True

    a = None if hours is None else hours > 10
    b = None if reminders is None else reminders > 2
    metrics = {"hours": hours, "reminders": reminders}
    assert compile_condition("hours > 10 and reminders > 2")(metrics) is kleene_and(a, b)
    negated = compile_condition("not (not hours > 10 or not reminders > 2)")(metrics)
    assert negated is kleene_and(a, b)  # De Morgan holds with unknowns too


def test_monster_conditions_are_refused_before_they_exhaust_the_stack() -> None:
    assert refused("hours" + " + hours" * 80 + " > 1").message == (
        "die Bedingung ist mehr als 60 Ebenen tief verschachtelt: teilen Sie sie auf"
    )
    assert refused("(" * 300 + "hours" + ")" * 300 + " > 1").message == "Syntaxfehler: zu viele verschachtelte Klammern"
    assert refused("hours > 1" + " and hours > 1" * 200).message == (
        "die Bedingung ist länger als 2000 Zeichen: teilen Sie sie auf mehrere Regeln auf"
    )
    assert compile_condition(" and ".join(["hours > 1"] * 50))({"hours": 2.0}) is True


def test_a_condition_splits_into_its_comparisons_with_which_holds() -> None:
    from kanban.domain.expr import Part, condition_parts

    overdue = compile_condition("open_overdue > 500 and open_overdue > revenue * 20 / 100")
    joiner, parts = condition_parts(overdue, {"open_overdue": 1100.0, "revenue": 6600.0})
    assert joiner == "and"
    assert parts == [
        Part("open_overdue", ">", 1100.0, 500.0, (), True),
        Part("open_overdue", ">", 1100.0, 1320.0, ("revenue",), False),  # the part that keeps the rule quiet
    ]
    late = compile_condition("7 < avg_days_late <= 30 or not has_contract")
    joiner, parts = condition_parts(late, {"avg_days_late": None, "has_contract": 1.0})
    assert joiner == "or"
    assert parts == [
        Part("avg_days_late", ">", None, 7.0, (), None),  # written limit-first, read metric-first
        Part("avg_days_late", "<=", None, 30.0, (), None),
        Part("has_contract", "==", 1.0, 0.0, (), False),
    ]
    _, parts = condition_parts(compile_condition("not reminders > 2"), {"reminders": 1.0})
    assert parts == [Part("reminders", "<=", 1.0, 2.0, (), True)]


@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "==", "!="])
@pytest.mark.parametrize("value", [None, -1, 0, 4.5, 5, 5.0, 6, True, False])
@pytest.mark.parametrize("limit", [0, 5, 5.0, -0.5, True])
def test_the_fast_metric_vs_limit_agrees_with_the_general_comparison(
    op: str, value: float | None, limit: float
) -> None:
    from kanban.domain.expr import _COMPARE_FUNCS, _METRIC_VS_LIMIT

    assert _METRIC_VS_LIMIT.keys() == _COMPARE_FUNCS.keys()
    fast = _METRIC_VS_LIMIT[op]("hours", limit)({"hours": value} if value is not None else {})
    general = None if value is None else _COMPARE_FUNCS[op](value, limit)
    assert fast == general and type(fast) is type(general)
