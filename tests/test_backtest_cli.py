"""`kundenboard rules backtest` as a user meets it: an imported invoice list, a table or JSON, one-line refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kanban.cli import main
from tests.test_backtest import RULES

INVOICES = """Rechnungsnummer;Kundennummer;Kunde;Rechnungsdatum;Netto
1;K1;Eins GmbH;01.03.2025;1.200,00
2;K1;Eins GmbH;01.02.2026;800,00
3;K1;Eins GmbH;01.05.2026;400,00
4;K2;Zwei KG;01.11.2025;300,00
5;K3;Drei AG;01.07.2026;50,00
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    (tmp_path / "rechnungen.csv").write_text(INVOICES, encoding="utf-8")
    options = ["--db", str(tmp_path / "db")]
    code, out = run("import", "invoices", str(tmp_path / "rechnungen.csv"), *options)
    assert code == 0, out
    (tmp_path / "db" / "rules.yaml").write_text(RULES, encoding="utf-8")  # the database's own rule set
    return options


def test_backtest_as_json_with_its_documented_keys(db: list[str]) -> None:
    code, out = run("rules", "backtest", "--as-of", "31.12.2025", "--horizon", "6", "--format", "json", *db)
    assert code == 0, out
    result = json.loads(out)
    assert {k: result[k] for k in ("as_of", "horizon_months", "until", "customers")} == {
        "as_of": "2025-12-31",
        "horizon_months": 6,
        "until": "2026-06-30",
        "customers": 2,
    }  # K3 came later
    (rule_set,) = result["rule_sets"]
    ideal, watch, drop = rule_set["columns"]
    # K1 had 1,200 before the day (big: ideal) and bought 1,200 after; K2 300 (watch) and nothing after.
    assert ideal == {
        "column": "ideal",
        "customers": 1,
        "share": 50.0,
        "revenue": 1200.0,
        "revenue_per_customer": 1200.0,
        "bought_again": 100.0,
        "contribution": None,
        "customers_with_hours": 0,
    }
    assert (watch["customers"], watch["revenue"], watch["bought_again"]) == (1, 0.0, 0.0)
    assert (drop["customers"], drop["revenue_per_customer"]) == (0, None)
    assert [g["customers"] for g in rule_set["baseline"]] == [1, 1, 0]


def test_backtest_table_in_german_and_a_second_rule_set(db: list[str], tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(RULES.replace("revenue >= 1000", "revenue >= 100"), encoding="utf-8")
    code, out = run("rules", "backtest", "--as-of", "2025-12-31", "--horizon", "6", "--compare", str(other), *db)
    assert code == 0, out
    assert "Vorschläge vom 31.12.2025 (2 Kunden) gegen das, was bis 30.06.2026 geschah (6 Monate)" in out
    assert out.count("Regeln: Idealer Partner") == 2
    rows = [line.split("  ") for line in out.splitlines() if line.startswith("Regeln: Idealer Partner")]
    assert [[cell.strip() for cell in row if cell.strip()][:4] for row in rows] == [
        ["Regeln: Idealer Partner", "1", "50 %", "1.200 €"],
        ["Regeln: Idealer Partner", "2", "100 %", "1.200 €"],
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--as-of", "2026-01-31"],
            "die Daten reichen nur bis 01.07.2026, für 12 Monate danach bräuchte es Daten "
            "bis 31.01.2027; wählen Sie einen Stichtag bis 01.07.2025",
        ),
        (["--as-of", "2024-12-31"], "an diesem Tag gab es noch keinen Kunden"),
        ([], "rules backtest braucht einen Stichtag"),
        (["--as-of", "2025-01-31", "--horizon", "0"], "--horizon"),
    ],
)
def test_backtest_refuses_in_one_line(db: list[str], args: list[str], message: str) -> None:
    code, out = run("rules", "backtest", *args, *db)
    assert code != 0 and message in out and "Traceback" not in out
    assert len(out.strip().splitlines()) == 1 or "Aufruf:" in out


def test_rules_check_names_the_settings_a_rule_set_expects(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        RULES.replace("bands:", "settings: {abc_a_share: 70}\nbands:").replace(
            "when: revenue >= 1000", "when: abc_class == A"
        ),
        encoding="utf-8",
    )
    code, out = run("--lang", "en", "rules", "check", str(rules))
    assert code == 0, out
    assert out.splitlines()[1:] == [
        "Settings these rules expect:",
        "  window_months: 12 months (default, change it under settings:)",
        "  abc_a_share: 70% (set)",
        "  abc_b_share: 95% (default, change it under settings:)",
    ]


def test_rules_check_refuses_abc_boundaries_out_of_order(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES.replace("bands:", "settings: {abc_a_share: 96}\nbands:"), encoding="utf-8")
    code, out = run("rules", "check", str(rules))
    assert (
        code == 1
        and (f"{rules}:2: settings.abc_a_share muss unter abc_b_share liegen (A endet bei 96 %, B bei 95 %)") in out
    )
    code, out = run("rules", "check", str(rules), "--lang", "en")
    assert code == 1 and f"{rules}:2: settings.abc_a_share must be below abc_b_share (A ends at 96 %, B at 95 %)" in out
