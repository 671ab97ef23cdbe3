"""Rule sets: checking a file before anything runs, evaluating customers, and the shipped rules on personas."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import textwrap
from pathlib import Path

import pytest
import yaml
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

import kanban.yaml_file as yaml_file_module
from kanban.domain.formatting import format_date, format_metric, format_money, format_number, format_value
from kanban.domain.metrics import METRICS, MetricSettings, compute_metrics
from kanban.domain.model import Column, Customer, Facts, Invoice, TimeEntry
from kanban.domain.rules import Reason, RuleSet, evaluate, suggest_all
from kanban.resources import default_rules_path
from kanban.rules_file import Problem, RuleSetError, check_rule_set, load_rule_set
from kanban.texts import set_language

FIXTURES = Path(__file__).parent / "fixtures" / "rules"

BANDS = """
bands:
  drop: {below: -2}
  watch: {min: -2, below: 2}
  ideal: {min: 2}
"""


def write(tmp_path: Path, body: str, bands: str = BANDS, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text("version: 1\n" + textwrap.dedent(bands) + textwrap.dedent(body), encoding="utf-8")
    return path


def rule(rule_id: str, when: str, points: float = -1, reason_de: str = "x", reason_en: str = "x") -> str:
    return (
        f'  - id: {rule_id}\n    title: {{de: Titel {rule_id}, en: Title {rule_id}}}\n    when: "{when}"\n'
        f'    points: {points}\n    reason: {{de: "{reason_de}", en: "{reason_en}"}}\n'
    )


def knockout(rule_id: str, when: str, effect: str) -> str:
    return (
        f'  - id: {rule_id}\n    title: {{de: K.o. {rule_id}, en: Knock-out {rule_id}}}\n    when: "{when}"\n'
        f'    {effect}\n    reason: {{de: "{rule_id} greift", en: "{rule_id} applies"}}\n'
    )


def problems_of(path: Path) -> list[str]:
    return [str(problem) for problem in check_rule_set(path)]


def unknown_metrics(**known: float) -> dict[str, float | None]:
    return dict.fromkeys(METRICS) | {name: float(value) for name, value in known.items()}


# --- the shipped rule set ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> RuleSet:
    return load_rule_set(default_rules_path())


def test_shipped_rules_check_ok() -> None:
    assert check_rule_set(default_rules_path()) == []


def test_shipped_rules_carry_settings_digest_and_metric_settings(shipped: RuleSet) -> None:
    assert (shipped.settings.target_hourly_rate, shipped.settings.internal_cost_rate) == (95.0, 55.0)
    assert shipped.metric_settings() == MetricSettings(window_months=12, internal_cost_rate=55.0)
    assert shipped.digest == hashlib.sha256(default_rules_path().read_bytes()).hexdigest()
    assert shipped.version == 1 and shipped.path == default_rules_path()


def test_shipped_rules_cover_every_signal_of_the_design(shipped: RuleSet) -> None:
    used = {name for rule in (*shipped.rules, *shipped.knockouts) for name in rule.condition.metrics}
    signals = {
        "effective_hourly_rate",
        "contribution",
        "avg_days_late",
        "reminders",
        "max_dunning_level",
        "open_overdue",
        "active_quarters",
        "months_since_last_invoice",
        "median_order_gap_months",
        "rush_share",
        "rush_requests",
        "has_contract",
        "order_size_percentile",
        "price_complaints",
        "correction_rounds_per_project",
        "vague_briefings",
        "support_per_1000",
        "relationship_years",
        "orders_per_year",
        "revenue_growth",
        "abc_class",
        "revenue_percentile",
        "frequency_percentile",
        "recency_percentile",
    }
    assert signals <= used
    assert any(r.points > 0 for r in shipped.rules) and any(r.points < 0 for r in shipped.rules)


def test_thresholds_show_where_each_rule_draws_the_line(shipped: RuleSet) -> None:
    german = shipped.thresholds("de")
    assert ("third_dunning_level", "≥ 3") in german["max_dunning_level"]
    assert ("below_target_rate", "< 76,00 €/h") in german["effective_hourly_rate"]
    assert ("pays_late", "> 7 Tage, ≤ 30 Tage") in german["avg_days_late"]
    assert ("small_orders", "< 20%") in shipped.thresholds("en")["order_size_percentile"]


# --- every validation error, with file:line and the rule ------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "german", "english"),
    [
        (
            "unknown_metric.yaml",
            "unknown_metric.yaml:10: Regel 'many_reminders': when: unbekannte Kennzahl 'remindrs': "
            "meinten Sie 'reminders'? (Stelle 1)",
            "unknown_metric.yaml:10: rule 'many_reminders': when: unknown metric 'remindrs': "
            "did you mean 'reminders'? (col 1)",
        ),
        (
            "syntax_error.yaml",
            "syntax_error.yaml:15: Regel 'broken': when: Syntaxfehler: vergleichen Sie mit '==' ('=' weist zu) "
            "(Stelle 11)",
            "syntax_error.yaml:15: rule 'broken': when: syntax error: use '==' to compare ('=' assigns) (col 11)",
        ),
        (
            "duplicate_id.yaml",
            "duplicate_id.yaml:13: Regel 'late': id 'late' doppelt (zuerst in Zeile 8): ids müssen eindeutig sein",
            "duplicate_id.yaml:13: rule 'late': duplicate id 'late' (first on line 8): ids must be unique",
        ),
        (
            "overlapping_bands.yaml",
            "overlapping_bands.yaml:5: die Bänder 'watch' und 'ideal' überlappen: Punktzahlen von 2 bis unter 3 "
            "passen in beide; lassen Sie 'watch' unter 2 enden",
            "overlapping_bands.yaml:5: bands 'watch' and 'ideal' overlap: scores from 2 to below 3 fit both; "
            "let 'watch' end below 2",
        ),
        (
            "gap_in_bands.yaml",
            "gap_in_bands.yaml:5: die Bänder lassen eine Lücke: Punktzahlen von -3 bis unter -2 passen in keine "
            "Spalte; lassen Sie 'watch' bei -3 beginnen",
            "gap_in_bands.yaml:5: bands leave a gap: scores from -3 to below -2 fit no column; let 'watch' start at -3",
        ),
        (
            "points_not_number.yaml",
            "points_not_number.yaml:11: Regel 'haggles': points muss eine Zahl sein (z. B. -2 oder 1.5), "
            "nicht 'minus two'",
            "points_not_number.yaml:11: rule 'haggles': points must be a number (e.g. -2 or 1.5), got 'minus two'",
        ),
        (
            "malformed.yaml",
            "malformed.yaml:7: YAML-Syntax: hier fehlt ',' oder '}' (in einer Zuordnung in geschweiften Klammern, "
            "beginnt in Zeile 6) (Stelle 6)",
            "malformed.yaml:7: YAML syntax: did not find expected ',' or '}' "
            "(while parsing a flow mapping that starts on line 6) (col 6)",
        ),
    ],
)
def test_each_error_class_has_a_precise_message(fixture: str, german: str, english: str) -> None:
    path = FIXTURES / fixture
    assert problems_of(path) == [f"{path.parent}/{german}"]
    set_language("en")
    try:
        assert problems_of(path) == [f"{path.parent}/{english}"]
    finally:
        set_language("de")


def test_load_raises_with_every_problem_one_per_line() -> None:
    path = FIXTURES / "hostile.yaml"
    with pytest.raises(RuleSetError) as caught:
        load_rule_set(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.problems) == 8
    assert all(line.startswith(f"{path}:") for line in lines)


def test_expressions_that_reach_for_python_are_refused_at_check_time() -> None:
    found = {p.rule_id: p.message for p in check_rule_set(FIXTURES / "hostile.yaml")}
    assert found == {
        "import": "when: Funktionsaufrufe sind nicht erlaubt",
        "class": "when: Zugriff mit '.' ist nicht erlaubt",
        "lambda": "when: lambda ist nicht erlaubt",
        "open": "when: Funktionsaufrufe sind nicht erlaubt",
        "attribute": "when: Zugriff mit '.' ist nicht erlaubt",
        "comprehension": "when: Comprehensions sind nicht erlaubt",
        "subscript": "when: Indizes ('[...]') sind nicht erlaubt",
        "format_string": "reason.de: Platzhalter {hours.__class__} muss ein einfacher Name wie {reminders} sein",
    }


def test_problem_without_rule_or_line_reads_cleanly() -> None:
    assert str(Problem("r.yaml", None, "file not found")) == "r.yaml: file not found"
    assert str(Problem("r.yaml", 3, "bad", "late", 7)) == "r.yaml:3: Regel 'late': bad (Stelle 7)"


@pytest.mark.parametrize(
    ("body", "bands", "expected"),
    [
        (
            "rules:\n  - id: a\n    title: {de: a, en: a}\n    wen: has_contract\n    points: 1\n"
            "    reason: {de: a, en: a}\n",
            BANDS,
            [
                "8: Regel 'a': 'when' fehlt: ergänzen Sie eine Bedingung, z. B. 'when: reminders > 2'",
                "10: Regel 'a': Regel: unbekannter Schlüssel 'wen': meinten Sie 'when'?",
            ],
        ),
        (
            "rules:\n" + rule("a", "has_contract") + "    thresholds: {max_reminders: zwei}\n",
            BANDS,
            ["13: Regel 'a': Schwelle 'max_reminders' muss eine Zahl sein, nicht 'zwei'"],
        ),
        (
            "rules:\n  - id: a\n    title: {de: a}\n    when: has_contract\n    points: 1\n"
            "    reason: {de: a, en: a}\n",
            BANDS,
            ["9: Regel 'a': title.en fehlt oder ist leer: schreiben Sie den Text auf Englisch"],
        ),
        (
            "rules:\n" + rule("a", "reminders > 2", reason_de="{reminder} Mahnungen"),
            BANDS,
            ["12: Regel 'a': reason.de: unbekannter Platzhalter {reminder}: meinten Sie 'reminders'?"],
        ),
        (
            "rules:\n" + rule("a", "reminders > 2", reason_en="{reminders:euro}"),
            BANDS,
            [
                "12: Regel 'a': reason.en: unbekanntes Format ':euro' in {reminders:euro}: "
                "verwenden Sie eines von eur, eur_per_h, hours, "
                "count, days, months, years, percent, level, flag, per_1000, number, abc, rank"
            ],
        ),
        (
            "rules:\n" + rule("a", "reminders > 2", reason_de="{reminders"),
            BANDS,
            [
                "12: Regel 'a': reason.de: eine geschweifte Klammer steht allein: "
                "schreiben Sie '{{' oder '}}' für eine Klammer im Text"
            ],
        ),
        (
            "knockouts:\n" + knockout("k", "reminders > 2", "points: -3") + "rules:\n" + rule("a", "has_contract"),
            BANDS,
            [
                "8: Regel 'k': ein Knock-out braucht genau eines von force, no_better_than, no_worse_than "
                "(z. B. 'force: drop'), gefunden: 0",
                "11: Regel 'k': ein Knock-out hat keine points: er setzt die Spalte; "
                "verschieben Sie die Bewertung nach 'rules'",
            ],
        ),
        (
            "knockouts:\n" + knockout("k", "reminders > 2", "force: trennenn") + "rules:\n" + rule("a", "has_contract"),
            BANDS,
            ["11: Regel 'k': force: unbekannte Spalte 'trennenn': verwenden Sie ideal, watch oder drop"],
        ),
        (
            "rules:\n" + rule("a", "has_contract") + "    when: reminders > 1\n",
            BANDS,
            ["13: Schlüssel 'when' doppelt (zuerst in Zeile 10): behalten Sie einen"],
        ),
        (
            "rules:\n" + rule("a", "has_contract"),
            "bands:\n  drop: {below: 0}\n  watch: {min: 0, below: 2}\n",
            ["3: bands: 'ideal' fehlt: jede Spalte braucht einen Punktebereich"],
        ),
        (
            "rules:\n" + rule("a", "has_contract"),
            "bands:\n  ideal: {below: 0}\n  watch: {min: 0, below: 2}\n  drop: {min: 2}\n",
            [
                "3: die Bänder stehen in falscher Reihenfolge (ideal < watch < drop): drop muss die niedrigsten "
                "Punktzahlen halten und ideal die höchsten, denn positive Punkte sprechen für die Partnerschaft"
            ],
        ),
        (
            "settings: {target_hourly_rate: -5, window_months: 1.5}\nrules:\n" + rule("a", "has_contract"),
            BANDS,
            [
                "7: settings.target_hourly_rate muss eine Zahl ab 0 sein, nicht -5",
                "7: settings.window_months muss ganze Monate von 1 bis 60 angeben, nicht 1.5",
            ],
        ),
    ],
)
def test_more_mistakes_are_named_with_their_line(tmp_path: Path, body: str, bands: str, expected: list[str]) -> None:
    path = write(tmp_path, body, bands)
    assert problems_of(path) == [f"{path}:{line}" for line in expected]


def test_missing_file_and_wrong_version_and_encoding(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "none.yaml") == [
        f"{tmp_path}/none.yaml: Datei nicht gefunden: geben Sie den Pfad einer Regel-Datei (YAML) an"
    ]
    old = tmp_path / "old.yaml"
    current = write(tmp_path, "rules:\n" + rule("a", "has_contract")).read_text()
    old.write_text(current.replace("version: 1", "version: 2"))
    assert problems_of(old) == [f"{old}:1: version 2 wird nicht unterstützt: dieses kundenboard liest Version 1"]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("version: 1\n# Gr\xfc\xdfe\n".encode("latin-1"))
    assert problems_of(latin) == [f"{latin}:2: kein UTF-8-Text: speichern Sie die Datei als UTF-8"]


# --- evaluation ----------------------------------------------------------------------------------


@pytest.fixture
def scorecard(tmp_path: Path) -> RuleSet:
    body = (
        "knockouts:\n"
        + knockout("dunning", "max_dunning_level >= 3", "force: drop")
        + knockout("loss", "contribution < 0", "no_better_than: watch")
        + knockout("retainer", "contract_months_left > 6", "no_worse_than: watch")
        + "rules:\n"
        + rule(
            "late",
            "avg_days_late > limit",
            -2,
            "{avg_days_late} zu spät (Grenze: {limit})",
            "{avg_days_late} late (limit: {limit})",
        )
        + "    thresholds: {limit: 30}\n"
        + rule("complaints", "price_complaints >= 2", -1, "{price_complaints} Beschwerden", "{price_complaints} x")
        + rule("steady", "active_quarters >= 7", 2, "{active_quarters} Quartale", "{active_quarters} quarters")
        + rule("rate", "revenue / hours < target_hourly_rate", -1, "{revenue} für {hours}", "{revenue} for {hours}")
    )
    return load_rule_set(write(tmp_path, body))


def test_points_add_up_to_a_band(scorecard: RuleSet) -> None:
    good = evaluate(
        scorecard,
        unknown_metrics(
            avg_days_late=0,
            price_complaints=0,
            active_quarters=8,
            revenue=20000,
            hours=100,
            max_dunning_level=0,
            contribution=1,
            contract_months_left=0,
        ),
    )
    assert (good.column, good.score, good.knockout) == (Column.IDEAL, 2.0, None)
    assert [r.rule_id for r in good.reasons] == ["steady"]
    assert good.not_fired == ("dunning", "loss", "retainer", "late", "complaints", "rate")
    bad = evaluate(
        scorecard,
        unknown_metrics(
            avg_days_late=45,
            price_complaints=3,
            active_quarters=3,
            revenue=1000,
            hours=100,
            max_dunning_level=1,
            contribution=1,
            contract_months_left=0,
        ),
    )
    assert (bad.column, bad.score) == (Column.DROP, -4.0)


def test_reason_texts_show_values_against_thresholds_in_both_languages(scorecard: RuleSet) -> None:
    metrics = unknown_metrics(avg_days_late=45, revenue=1234.5, hours=20.5)
    suggestion = evaluate(scorecard, metrics, "de")
    metrics["avg_days_late"] = 99.0  # texts are formatted later, but from the values the rules saw
    german = {r.rule_id: (r.title, r.points, r.text) for r in suggestion.reasons}
    assert german["late"] == ("Titel late", -2.0, "45 Tage zu spät (Grenze: 30 Tage)")
    assert german["rate"][2] == "1.234,50 € für 20,5 h"
    english = evaluate(scorecard, metrics | {"avg_days_late": 45.0}, "en").reasons
    assert {r.rule_id: r.text for r in english} == {
        "late": "45 days late (limit: 30 days)",
        "rate": "€1,234.50 for 20.5 h",
    }
    assert Reason("late", "Title late", -2.0, "45 days late (limit: 30 days)") == english[0]


def test_unknown_metric_keeps_a_rule_silent_and_says_what_is_missing(scorecard: RuleSet) -> None:
    suggestion = evaluate(scorecard, unknown_metrics(active_quarters=8, hours=10), "de")
    assert [r.rule_id for r in suggestion.reasons] == ["steady"]
    missing = {u.rule_id: (u.missing, u.text) for u in suggestion.unknown}
    assert missing["late"] == (("avg_days_late",), "Nicht bewertet, es fehlen Daten: Ø Tage Zahlungsverzug")
    assert missing["rate"] == (("revenue",), "Nicht bewertet, es fehlen Daten: Nettoumsatz")
    assert len(suggestion.unknown) == 6  # three knock-outs, and every rule but the one that fired
    english = evaluate(scorecard, unknown_metrics(), "en").unknown[0]
    assert english.text == "Not evaluated, data missing: Highest dunning level"


def test_division_by_zero_is_reported_as_not_computable(scorecard: RuleSet) -> None:
    suggestion = evaluate(scorecard, unknown_metrics(revenue=500, hours=0), "en")
    rate = next(u for u in suggestion.unknown if u.rule_id == "rate")
    assert rate.missing == () and rate.text == "Not evaluated: cannot be computed (division by zero)"


def test_knockout_force_wins_over_any_score(scorecard: RuleSet) -> None:
    metrics = unknown_metrics(active_quarters=8, max_dunning_level=3, contract_months_left=12)
    suggestion = evaluate(scorecard, metrics, "de")
    assert (suggestion.score_column, suggestion.column, suggestion.knockout) == (Column.IDEAL, Column.DROP, "dunning")
    assert suggestion.reasons[0].rule_id == "dunning" and suggestion.reasons[0].text == "dunning greift"


def test_knockout_ceiling_only_counts_when_it_changes_the_column(scorecard: RuleSet) -> None:
    capped = evaluate(scorecard, unknown_metrics(active_quarters=8, contribution=-100))
    assert (capped.column, capped.knockout) == (Column.WATCH, "loss")
    already_low = evaluate(scorecard, unknown_metrics(active_quarters=2, contribution=-100))
    assert (already_low.column, already_low.knockout) == (Column.WATCH, None)
    assert "loss" in [r.rule_id for r in already_low.reasons]


def test_knockout_floor_and_ceiling_together_give_the_ceiling(scorecard: RuleSet) -> None:
    floored = evaluate(scorecard, unknown_metrics(avg_days_late=60, price_complaints=5, contract_months_left=12))
    assert (floored.score_column, floored.column, floored.knockout) == (Column.DROP, Column.WATCH, "retainer")


def test_score_on_a_band_boundary_is_exact(tmp_path: Path) -> None:
    body = "rules:\n" + "".join(rule(f"r{i}", "has_contract", 0.1) for i in range(20))
    suggestion = evaluate(load_rule_set(write(tmp_path, body)), unknown_metrics(has_contract=1))
    assert (suggestion.score, suggestion.column) == (2.0, Column.IDEAL)


def test_unknown_language_is_refused(scorecard: RuleSet) -> None:
    with pytest.raises(ValueError, match="unknown language 'fr': use one of de, en"):
        evaluate(scorecard, unknown_metrics(), "fr")


def test_suggest_all_matches_one_by_one_on_random_customers(shipped: RuleSet) -> None:
    rng = random.Random(7)
    customers = {f"K-{n}": random_metrics(rng) for n in range(300)}
    suggestions = suggest_all(shipped, customers, "en")
    assert list(suggestions) == list(customers)
    for customer_id, metrics in customers.items():
        assert suggestions[customer_id] == evaluate(shipped, metrics, "en")
        s = suggestions[customer_id]
        assert len(s.reasons) + len(s.not_fired) + len(s.unknown) == len(shipped.rules) + len(shipped.knockouts)
    assert len({s.column for s in suggestions.values()}) >= 2


def random_metrics(rng: random.Random) -> dict[str, float | None]:
    return {name: None if rng.random() < 0.15 else round(rng.uniform(-20, 120), 1) for name in METRICS}


# --- the shipped rules on personas (an agency: target 95 €/h, cost 55 €/h) ---------------------------

LOYAL_RETAINER = dict(
    revenue=36000,
    revenue_prev=30000,
    revenue_growth=20,
    hours=300,
    effective_hourly_rate=120,
    contribution=19500,
    invoice_count=13,
    orders_per_year=13,
    median_invoice=2500,
    avg_invoice=2770,
    avg_days_late=0,
    reminders=0,
    max_dunning_level=0,
    open_overdue=0,
    active_quarters=8,
    months_since_last_invoice=0.5,
    median_order_gap_months=1,
    relationship_years=6,
    correction_rounds=3,
    correction_rounds_per_project=1,
    price_complaints=0,
    vague_briefings=0,
    rush_requests=1,
    rush_share=7.7,
    support_requests=4,
    support_per_1000=0.11,
    has_contract=1,
    contract_months_left=14,
    is_prospect=0,
    tenure_months=72,
    revenue_share=12.0,
    abc_class=1,
    revenue_rank=2,
    ranked_customers=25,
    revenue_percentile=96,
    frequency_percentile=85,
    recency_percentile=90,
    order_size_percentile=70,
)
LATE_HAGGLER = LOYAL_RETAINER | dict(
    revenue=12000,
    revenue_prev=12500,
    revenue_growth=-4,
    hours=140,
    effective_hourly_rate=85.7,
    contribution=4300,
    invoice_count=5,
    orders_per_year=5,
    median_invoice=2400,
    avg_days_late=38,
    reminders=4,
    max_dunning_level=2,
    open_overdue=1800,
    active_quarters=6,
    relationship_years=4,
    price_complaints=3,
    has_contract=0,
    contract_months_left=None,
    abc_class=2,
    revenue_percentile=70,
    frequency_percentile=50,
    recency_percentile=60,
)
ONCE_A_YEAR_RUSH = LOYAL_RETAINER | dict(
    revenue=4800,
    revenue_prev=4500,
    revenue_growth=6.7,
    hours=45,
    effective_hourly_rate=106.7,
    contribution=2325,
    invoice_count=1,
    orders_per_year=1,
    median_invoice=4800,
    avg_invoice=4800,
    avg_days_late=5,
    active_quarters=2,
    months_since_last_invoice=8,
    median_order_gap_months=12,
    relationship_years=3,
    rush_requests=1,
    rush_share=100,
    has_contract=0,
    contract_months_left=None,
    abc_class=3,
    revenue_percentile=40,
    frequency_percentile=5,
    recency_percentile=15,
    order_size_percentile=80,
)
SMALL_ORDERS = LOYAL_RETAINER | dict(
    revenue=2600,
    revenue_prev=2500,
    revenue_growth=4,
    hours=34,
    effective_hourly_rate=76.5,
    contribution=730,
    invoice_count=14,
    orders_per_year=14,
    median_invoice=180,
    avg_invoice=186,
    avg_days_late=1,
    active_quarters=8,
    relationship_years=2,
    support_requests=8,
    support_per_1000=3.1,
    has_contract=0,
    contract_months_left=None,
    abc_class=3,
    revenue_share=0.4,
    revenue_percentile=20,
    frequency_percentile=90,
    recency_percentile=90,
    order_size_percentile=5,
)
SOLID = LOYAL_RETAINER | dict(
    revenue=9000,
    revenue_prev=8800,
    revenue_growth=2.3,
    hours=100,
    effective_hourly_rate=90,
    contribution=3500,
    invoice_count=5,
    orders_per_year=5,
    median_invoice=1500,
    avg_days_late=2,
    active_quarters=6,
    relationship_years=5,
    has_contract=0,
    contract_months_left=None,
    abc_class=2,
    revenue_percentile=60,
    frequency_percentile=50,
    recency_percentile=70,
    order_size_percentile=60,
)


def reasons(suggestion: object) -> set[str]:
    return {reason.rule_id for reason in suggestion.reasons}  # type: ignore[attr-defined]


def test_loyal_growing_retainer_customer_is_an_ideal_partner(shipped: RuleSet) -> None:
    suggestion = evaluate(shipped, LOYAL_RETAINER)
    assert suggestion.column is Column.IDEAL and suggestion.unknown == ()
    assert {"steady", "growing", "contract", "loyal", "repeat_orders", "a_customer", "top_revenue"} <= reasons(
        suggestion
    )
    assert all(reason.points > 0 for reason in suggestion.reasons)


def test_late_payer_at_dunning_level_two_who_haggles_is_dropped(shipped: RuleSet) -> None:
    suggestion = evaluate(shipped, LATE_HAGGLER, "de")
    assert suggestion.column is Column.DROP and suggestion.knockout is None
    assert {"pays_very_late", "many_reminders", "second_dunning_level", "price_complaints"} <= reasons(suggestion)
    texts = {reason.rule_id: reason.text for reason in suggestion.reasons}
    assert texts["many_reminders"] == "4 Mahnungen in 12 Monaten (Grenze: 2)"
    assert "38 Tage" in texts["pays_very_late"] and "§ 286 BGB" in texts["pays_very_late"]


def test_third_dunning_level_drops_even_the_best_customer(shipped: RuleSet) -> None:
    suggestion = evaluate(shipped, LOYAL_RETAINER | {"max_dunning_level": 3.0})
    assert (suggestion.column, suggestion.knockout, suggestion.score_column) == (
        Column.DROP,
        "third_dunning_level",
        Column.IDEAL,
    )


def test_once_a_year_rush_customer_is_not_kept_as_a_partner(shipped: RuleSet) -> None:
    suggestion = evaluate(shipped, ONCE_A_YEAR_RUSH)
    assert suggestion.column is Column.DROP
    assert {"rarely_active", "mostly_rush", "long_gaps", "c_customer", "fading"} <= reasons(suggestion)


def test_small_order_customer_is_watched(shipped: RuleSet) -> None:
    suggestion = evaluate(shipped, SMALL_ORDERS, "en")
    assert suggestion.column is Column.WATCH
    texts = {reason.rule_id: reason.text for reason in suggestion.reasons}
    assert texts["small_orders"] == "Typical invoice €180.00: percentile rank 5 among your customers"
    assert "support_heavy" in texts and texts["c_customer"] == "C customer: 0.4% of revenue"


def test_prospect_without_facts_is_watched_and_unknowns_push_nowhere(shipped: RuleSet) -> None:
    prospect = unknown_metrics(is_prospect=1, has_contract=0)
    suggestion = evaluate(shipped, prospect, "de")
    assert (suggestion.column, suggestion.score, suggestion.reasons) == (Column.WATCH, 0.0, ())
    assert len(suggestion.unknown) == len(shipped.rules) + len(shipped.knockouts) - len(suggestion.not_fired)
    assert "contract" in suggestion.not_fired  # no contract yet, and not held against it
    texts = {u.rule_id: u.text for u in suggestion.unknown}
    assert texts["pays_very_late"] == "Nicht bewertet, es fehlen Daten: Ø Tage Zahlungsverzug"


def test_prospect_who_haggles_before_the_first_order_is_flagged(shipped: RuleSet) -> None:
    prospect = unknown_metrics(is_prospect=1, has_contract=0, price_complaints=1, vague_briefings=1)
    suggestion = evaluate(shipped, prospect, "en")
    assert suggestion.column is Column.WATCH
    assert reasons(suggestion) == {"prospect_haggles", "prospect_vague"}


def test_solid_unremarkable_customer_is_watched(shipped: RuleSet) -> None:
    suggestion = evaluate(shipped, SOLID)
    assert suggestion.column is Column.WATCH and suggestion.knockout is None
    assert 0 < suggestion.score < 5


def test_loss_making_loyal_customer_is_never_ideal(shipped: RuleSet) -> None:
    losing = LOYAL_RETAINER | dict(effective_hourly_rate=50, contribution=-1500)
    suggestion = evaluate(shipped, losing, "de")
    assert suggestion.column is Column.WATCH
    assert {"below_target_rate", "below_cost_rate", "loss_making"} <= reasons(suggestion)
    texts = {reason.rule_id: reason.text for reason in suggestion.reasons}
    assert texts["loss_making"] == (
        "Deckungsbeitrag -1.500,00 €: 300 h Arbeit kosten mehr, als 36.000,00 € Umsatz einbringen"
    )


def test_metrics_computed_from_facts_feed_the_rules(shipped: RuleSet) -> None:
    """The metric names of the engine and of compute_metrics are the same, end to end."""
    today = dt.date(2026, 11, 27)
    invoices = tuple(  # monthly for four years, paid on the due date, 20 % more in the last year
        Invoice(
            f"R-{n}",
            "K-1",
            today - dt.timedelta(days=30 * n + 5),
            2400.0 if n < 12 else 2000.0,
            today - dt.timedelta(days=30 * n - 9),
            today - dt.timedelta(days=30 * n - 9),
            0,
        )
        for n in range(48)
    )
    hours = tuple(TimeEntry("K-1", today - dt.timedelta(days=7 * n), 4.0) for n in range(52))
    customer = Customer("K-1", "Brandt", contract=True, contract_until=today + dt.timedelta(days=400))
    metrics = compute_metrics(customer, Facts(invoices, hours), today, shipped.metric_settings())
    suggestion = evaluate(shipped, metrics)
    assert suggestion.column is Column.IDEAL
    assert reasons(suggestion) == {
        "steady",
        "contract",
        "profitable",
        "pays_on_time",
        "loyal",
        "repeat_orders",
        "growing",
    }


# --- formatting shared with the UI ------------------------------------------------------------------


def test_money_numbers_and_dates_in_each_language() -> None:
    assert format_money(1234.56, "de") == "1.234,56 €"
    assert format_money(1234.56, "en") == "€1,234.56"
    assert format_money(-1234.5, "en") == "-€1,234.50"
    assert format_money(-0.001, "de") == "0,00 €"
    assert format_number(1234.5, "de") == "1.234,5" and format_number(3.0, "en") == "3"
    assert format_number(2.5, "de", 2, trim=False) == "2,50"
    assert format_date(dt.date(2026, 12, 31), "de") == "31.12.2026"
    assert format_date(dt.date(2026, 12, 31), "en") == "31 Dec 2026"


def test_metric_values_carry_their_unit_and_unknown_is_spelled_out() -> None:
    assert format_metric("effective_hourly_rate", 95, "de") == "95,00 €/h"
    assert format_metric("avg_days_late", 1, "en") == "1 day"
    assert format_metric("revenue_growth", -12.5, "de") == "-12,5 %"
    assert format_metric("has_contract", 1.0, "de") == "ja"
    assert format_metric("revenue", None, "de") == "unbekannt"
    assert format_metric("revenue", None, "en") == "unknown"
    assert format_value(None, "eur", "en") == "unknown"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.sampled_from(["de", "en"]))
def test_fast_formatting_agrees_with_babel(value: float, lang: str) -> None:
    locale = {"de": "de_DE", "en": "en_GB"}[lang]
    if round(value, 2) != 0:  # babel writes "-0,00 €"; we do not
        assert format_money(value, lang) == format_currency(value, "EUR", locale=locale).replace("\xa0", " ")
    if round(value, 1) != 0:
        assert format_number(value, lang, 1) == format_decimal(value, format="#,##0.#", locale=locale)


def test_pure_python_yaml_loader_reports_the_same_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the SafeLoader takes over; messages must not change."""
    with_libyaml = {name: problems_of(FIXTURES / name) for name in ("duplicate_id.yaml", "hostile.yaml")}
    monkeypatch.setattr(yaml_file_module, "_Loader", yaml.SafeLoader)
    assert {name: problems_of(FIXTURES / name) for name in with_libyaml} == with_libyaml
    assert check_rule_set(default_rules_path()) == []


# --- scores from the rules that fired (a new day re-evaluates only the rules reading what moved) ----------


def _metric_values(rng: random.Random, name: str) -> float | None:
    """A value a metric may take, often one a shipped rule draws its line at, sometimes unknown."""
    unit = METRICS[name].unit
    if rng.random() < 0.15:
        return None
    if unit == "flag":
        return float(rng.random() < 0.5)
    if unit == "abc":
        return float(rng.choice((1, 2, 3)))
    return round(rng.choice((rng.uniform(-50, 50), rng.uniform(0, 200), float(rng.randint(0, 30)))), 1)


def test_scores_from_fired_rules_equal_evaluation_and_refiring_only_what_moved_equals_firing_all() -> None:
    rule_set = load_rule_set(default_rules_path())
    rng = random.Random(14)
    read = sorted({name for rule in rule_set.all_rules for name in rule.condition.metrics})
    compared = 0
    for _ in range(600):
        before = {name: _metric_values(rng, name) for name in METRICS}
        after = dict(before)
        moved = rng.sample(read, rng.randint(1, 3))
        for name in moved:
            after[name] = _metric_values(rng, name)
        fired_before = rule_set.fired(before)
        assert rule_set.score_of(fired_before) == evaluate(rule_set, before).score
        fired_after = rule_set.refired(fired_before, after, moved)
        assert fired_after == rule_set.fired(after)
        assert rule_set.score_of(fired_after) == evaluate(rule_set, after).score
        compared += fired_after != fired_before
    assert compared > 100  # the moves changed which rules fire often enough to mean something


def test_refiring_with_nothing_moved_evaluates_no_rule() -> None:
    rule_set = load_rule_set(default_rules_path())
    metrics = {name: 1.0 for name in METRICS}
    fired = rule_set.fired(metrics)
    assert rule_set.refired(fired, {}, []) == fired  # with no metric, every rule would be unknown: none ran
