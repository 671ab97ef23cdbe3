"""The demo data in data/demo: real-world formats, consistent references, and
every persona carrying the signal data/README.md promises.

The files are read here with the csv module only (not the app's importer), so a
broken importer and broken demo files fail in different tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from kanban.domain.metrics import MetricSettings, compute_metrics
from kanban.domain.model import Column, Customer, Event, EventKind, Facts, Invoice, TimeEntry
from kanban.domain.relative import add_relative_measures
from kanban.domain.rules import evaluate
from kanban.resources import default_rules_path
from kanban.rules_file import load_rule_set

DATA = Path(__file__).resolve().parent.parent / "data"
DEMO = DATA / "demo"
TODAY = dt.date(2026, 11, 27)
FIRST = dt.date(2023, 9, 1)  # work on the first invoices starts a few weeks before them
LAST = dt.date(2026, 11, 26)

KUNDEN_HEADER = [
    "Kundennummer",
    "Name",
    "Ansprechpartner",
    "Spalte",
    "Vertrag",
    "Vertrag bis",
    "Interessent",
    "Kunde seit",
    "Tags",
    "Notizen",
]
RECHNUNGEN_HEADER = [
    "Rechnungsnummer",
    "Kunde",
    "Kundennummer",
    "Rechnungsdatum",
    "Fälligkeitsdatum",
    "Bezahlt am",
    "Netto",
    "Brutto",
    "Mahnstufe",
    "Typ",
]
TOGGL_HEADER = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount (EUR)",
]
EREIGNISSE_HEADER = ["Kundennummer", "Datum", "Art", "Projekt", "Notiz"]
EVENT_KINDS = {
    "Korrekturschleife": EventKind.CORRECTION_ROUND,
    "Preisbeschwerde": EventKind.PRICE_COMPLAINT,
    "Eilauftrag": EventKind.RUSH_REQUEST,
    "Ungenaues Briefing": EventKind.VAGUE_BRIEFING,
    "Supportanfrage": EventKind.SUPPORT_REQUEST,
}


def read(name: str, encoding: str, delimiter: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DEMO / name).open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def german_date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d.%m.%Y").date() if text else None


def german_money(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def kunden() -> list[dict[str, str]]:
    header, rows = read("kunden.csv", "utf-8", ";")
    assert header == KUNDEN_HEADER
    return rows


@pytest.fixture(scope="module")
def rechnungen() -> list[dict[str, str]]:
    header, rows = read("rechnungen.csv", "cp1252", ";")
    assert header == RECHNUNGEN_HEADER
    return rows


@pytest.fixture(scope="module")
def zeiten() -> list[dict[str, str]]:
    header, rows = read("zeiten.csv", "utf-8-sig", ",")
    assert header == TOGGL_HEADER
    return rows


@pytest.fixture(scope="module")
def ereignisse() -> list[dict[str, str]]:
    header, rows = read("ereignisse.csv", "utf-8", ";")
    assert header == EREIGNISSE_HEADER
    return rows


def test_files_are_in_the_encodings_the_real_exports_use() -> None:
    raw = {name: (DEMO / name).read_bytes() for name in ("kunden.csv", "rechnungen.csv", "zeiten.csv")}
    assert raw["zeiten.csv"].startswith(b"\xef\xbb\xbfUser,Email,Client")  # Toggl writes a BOM
    assert b"F\xe4lligkeitsdatum" in raw["rechnungen.csv"]  # Windows-1252, not UTF-8
    with pytest.raises(UnicodeDecodeError):
        raw["rechnungen.csv"].decode("utf-8")
    assert "Bäckerei Sommer" in raw["kunden.csv"].decode("utf-8")


def test_committed_files_are_the_generators_output(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(DATA / "make_demo.py"), str(tmp_path)], check=True, capture_output=True)
    for name in ("kunden.csv", "rechnungen.csv", "zeiten.csv", "ereignisse.csv"):
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), f"{name} is stale: run make_demo.py"


def test_customers_are_well_formed(kunden: list[dict[str, str]]) -> None:
    assert 22 <= len(kunden) <= 30
    assert len({row["Kundennummer"] for row in kunden}) == len(kunden)
    assert len({row["Name"] for row in kunden}) == len(kunden)
    for row in kunden:
        assert row["Kundennummer"].startswith("K-") and row["Kundennummer"][2:].isdigit()
        assert row["Spalte"] in {"ideal", "watch", "drop"}
        assert row["Vertrag"] in {"ja", "nein"} and row["Interessent"] in {"ja", "nein"}
        assert bool(row["Vertrag bis"]) == (row["Vertrag"] == "ja"), row["Name"]
        german_date(row["Vertrag bis"])
        german_date(row["Kunde seit"])
        assert row["Ansprechpartner"]
    assert {row["Spalte"] for row in kunden} == {"ideal", "watch", "drop"}


def test_invoices_reference_customers_and_add_up(
    kunden: list[dict[str, str]], rechnungen: list[dict[str, str]]
) -> None:
    names = {row["Kundennummer"]: row["Name"] for row in kunden}
    assert 250 <= len(rechnungen) <= 450
    assert len({row["Rechnungsnummer"] for row in rechnungen}) == len(rechnungen)
    for row in rechnungen:
        where = row["Rechnungsnummer"]
        assert names.get(row["Kundennummer"]) == row["Kunde"], where
        issued, due, paid = (german_date(row[k]) for k in ("Rechnungsdatum", "Fälligkeitsdatum", "Bezahlt am"))
        assert issued and due and dt.date(2023, 10, 1) <= issued <= LAST, where
        assert (due - issued).days in {14, 30}, where
        assert paid is None or issued < paid <= LAST, where
        net, gross = german_money(row["Netto"]), german_money(row["Brutto"])
        assert net > 0 and gross == round(net * 1.19, 2), where
        assert row["Mahnstufe"] in {"0", "1", "2", "3"} and row["Typ"] in {"Rechnung", "Gutschrift"}, where
    assert any("." in row["Netto"] for row in rechnungen)  # 1.234,56: the point groups thousands


def test_time_entries_reference_customers_by_exact_name(
    kunden: list[dict[str, str]], zeiten: list[dict[str, str]]
) -> None:
    names = {row["Name"] for row in kunden}
    assert 1500 <= len(zeiten) <= 3000
    assert 2 <= len({row["User"] for row in zeiten}) <= 3
    for number, row in enumerate(zeiten, start=2):
        assert row["Client"] in names, number
        start = dt.datetime.fromisoformat(f"{row['Start date']}T{row['Start time']}")
        end = dt.datetime.fromisoformat(f"{row['End date']}T{row['End time']}")
        hours, minutes, seconds = map(int, row["Duration"].split(":"))
        assert FIRST <= start.date() and end.date() <= LAST, number
        assert end - start == dt.timedelta(hours=hours, minutes=minutes, seconds=seconds) > dt.timedelta(0), number
        assert row["Billable"] in {"Yes", "No"}, number
    assert any(", " in row["Tags"] for row in zeiten)


def test_events_reference_customers(kunden: list[dict[str, str]], ereignisse: list[dict[str, str]]) -> None:
    numbers = {row["Kundennummer"] for row in kunden}
    assert 40 <= len(ereignisse) <= 80
    for number, row in enumerate(ereignisse, start=2):
        assert row["Kundennummer"] in numbers, number
        assert row["Art"] in EVENT_KINDS, number
        assert FIRST <= german_date(row["Datum"]) <= LAST, number  # type: ignore[operator]
    assert {row["Art"] for row in ereignisse} == set(EVENT_KINDS)


# --- the personas carry their signals ----------------------------------------


@pytest.fixture(scope="module")
def demo_base(
    kunden: list[dict[str, str]],
    rechnungen: list[dict[str, str]],
    zeiten: list[dict[str, str]],
    ereignisse: list[dict[str, str]],
) -> list[tuple[Customer, Facts]]:
    """Every demo customer with its facts, read from the CSV files."""
    by_name = {row["Name"]: row["Kundennummer"] for row in kunden}
    facts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in rechnungen:
        facts[row["Kundennummer"]]["invoices"].append(
            Invoice(
                row["Rechnungsnummer"],
                row["Kundennummer"],
                german_date(row["Rechnungsdatum"]),  # type: ignore[arg-type]
                german_money(row["Netto"]),
                german_date(row["Fälligkeitsdatum"]),
                german_date(row["Bezahlt am"]),
                int(row["Mahnstufe"]),
                row["Typ"] == "Gutschrift",
            )
        )
    for row in zeiten:
        hours, minutes, _ = map(int, row["Duration"].split(":"))
        customer_id = by_name[row["Client"]]
        facts[customer_id]["time_entries"].append(
            TimeEntry(
                customer_id,
                dt.date.fromisoformat(row["Start date"]),
                hours + minutes / 60,
                row["Billable"] == "Yes",
                row["Project"],
            )
        )
    for row in ereignisse:
        facts[row["Kundennummer"]]["events"].append(
            Event(
                row["Kundennummer"],
                german_date(row["Datum"]),
                EVENT_KINDS[row["Art"]],  # type: ignore[arg-type]
                row["Notiz"],
                row["Projekt"],
            )
        )
    base = []
    for row in kunden:
        customer = Customer(
            row["Kundennummer"],
            row["Name"],
            Column(row["Spalte"]),
            row["Vertrag"] == "ja",
            german_date(row["Vertrag bis"]),
            row["Interessent"] == "ja",
            since=german_date(row["Kunde seit"]),
        )
        known = facts[row["Kundennummer"]]
        base.append((customer, Facts(tuple(known["invoices"]), tuple(known["time_entries"]), tuple(known["events"]))))
    return base


def metrics_of(base: list[tuple[Customer, Facts]], events_tracked: bool = True) -> dict[str, dict[str, float | None]]:
    """Metrics per customer name as of 2026-11-27, the demo's today, with each one's place among the others."""
    settings = MetricSettings(events_tracked=events_tracked)
    result = {customer.name: compute_metrics(customer, facts, TODAY, settings) for customer, facts in base}
    add_relative_measures(result)  # as the board does
    return result


@pytest.fixture(scope="module")
def metrics(demo_base: list[tuple[Customer, Facts]]) -> dict[str, dict[str, float | None]]:
    return metrics_of(demo_base)


IDEAL_PARTNERS = [
    "Steuerkanzlei Brandt & Partner",
    "Zahnarztpraxis Dr. Kessler",
    "Elektro Hoffmann GmbH",
    "Vogt Ingenieure GmbH",
]


@pytest.mark.parametrize("name", IDEAL_PARTNERS)
def test_ideal_partners_grow_pay_on_time_and_earn_above_target(metrics: dict, name: str) -> None:
    m = metrics[name]
    assert m["revenue_growth"] >= 10 and m["effective_hourly_rate"] > 100
    assert m["avg_days_late"] < 2 and m["max_dunning_level"] == 0
    assert m["active_quarters"] == 8 and m["relationship_years"] >= 4 and m["has_contract"] == 1


def test_late_payer_sits_at_dunning_level_two(metrics: dict) -> None:
    m = metrics["Möbelhaus Wendt KG"]
    assert m["avg_days_late"] >= 40 and m["max_dunning_level"] == 2 and m["reminders"] >= 4
    assert m["open_overdue"] == 0


def test_knock_out_customer_has_an_open_invoice_at_dunning_level_three(metrics: dict) -> None:
    m = metrics["Eventservice Kramer GmbH"]
    assert m["max_dunning_level"] == 3 and m["open_overdue"] >= 5000


def test_last_resort_customer_books_once_a_year_in_a_rush(metrics: dict) -> None:
    m = metrics["Messebau Pohl GmbH"]
    assert m["active_quarters"] <= 2 and m["rush_share"] == 100 and m["months_since_last_invoice"] >= 6
    assert m["has_contract"] == 0


def test_haggler_costs_more_than_he_brings(metrics: dict) -> None:
    m = metrics["Modehaus Seidel"]
    assert m["effective_hourly_rate"] < 55 and m["contribution"] < 0
    assert m["correction_rounds_per_project"] >= 4 and m["price_complaints"] >= 3 and m["vague_briefings"] >= 2


def test_small_order_customer_buys_little_and_calls_often(metrics: dict) -> None:
    m = metrics["Blumen Schneider"]
    others = [v["support_per_1000"] or 0 for k, v in metrics.items() if k != "Blumen Schneider"]
    assert m["median_invoice"] <= 300 and m["invoice_count"] >= 12
    assert m["support_per_1000"] >= 1.5 > 3 * max(others)


def test_prospects_are_unknown_not_zero(metrics: dict) -> None:
    for name in ("Kosmetikstudio Aurora", "Tierarztpraxis Dr. Neumann"):
        assert metrics[name]["is_prospect"] == 1 and metrics[name]["revenue"] is None
    assert metrics["Kosmetikstudio Aurora"]["price_complaints"] == 1
    assert metrics["Tierarztpraxis Dr. Neumann"]["vague_briefings"] == 0


def test_sliding_customer_lost_half_its_revenue(metrics: dict) -> None:
    m = metrics["Autohaus Reimann GmbH"]
    assert m["revenue_growth"] <= -45 and m["has_contract"] == 0 and m["relationship_years"] >= 5


def test_credit_note_lowers_revenue(rechnungen: list[dict[str, str]], metrics: dict) -> None:
    credit = [row for row in rechnungen if row["Typ"] == "Gutschrift"]
    assert [row["Kunde"] for row in credit] == ["Kaffeerösterei Bohnenwerk"]
    invoiced = sum(
        german_money(row["Netto"])
        for row in rechnungen
        if row["Kunde"] == "Kaffeerösterei Bohnenwerk"
        and row["Typ"] == "Rechnung"
        and german_date(row["Rechnungsdatum"]) > dt.date(2025, 11, 27)
    )
    assert metrics["Kaffeerösterei Bohnenwerk"]["revenue"] == pytest.approx(invoiced - german_money(credit[0]["Netto"]))


def test_customer_without_time_tracking_has_unknown_hours(metrics: dict) -> None:
    m = metrics["Druckerei Albers GmbH"]
    assert m["revenue"] > 0 and m["hours"] is None and m["effective_hourly_rate"] is None


def test_club_is_small_but_pleasant(metrics: dict) -> None:
    m = metrics["TSV Grün-Weiß Lemgo e.V."]
    assert m["revenue"] < 2500 and m["avg_days_late"] == 0 and m["correction_rounds"] == 0
    assert m["price_complaints"] == 0 and m["relationship_years"] >= 8


# --- with the shipped rules, the board shows a few suggestion markers ---------


def test_shipped_rules_suggest_what_data_readme_promises(kunden: list[dict[str, str]], metrics: dict) -> None:
    rule_set = load_rule_set(default_rules_path())
    suggested = {name: evaluate(rule_set, m).column.value for name, m in metrics.items()}
    assert [suggested[name] for name in IDEAL_PARTNERS] == ["ideal"] * 4
    for name in ("Eventservice Kramer GmbH", "Modehaus Seidel", "Messebau Pohl GmbH"):
        assert suggested[name] == "drop", name
    assert suggested["Autohaus Reimann GmbH"] == "watch"
    markers = [row["Name"] for row in kunden if suggested[row["Name"]] != row["Spalte"]]
    assert 3 <= len(markers) <= 8, markers


def invoice_list_only(base: list[tuple[Customer, Facts]]) -> list[tuple[Customer, Facts]]:
    """What a business with an accounting export and nothing else knows: no hours, events, contracts."""
    return [(replace(c, contract=False, contract_until=None, since=None), Facts(f.invoices)) for c, f in base]


def invoices_and_hours(base: list[tuple[Customer, Facts]]) -> list[tuple[Customer, Facts]]:
    return [(replace(c, contract=False, contract_until=None), Facts(f.invoices, f.time_entries)) for c, f in base]


@pytest.mark.parametrize(
    ("shape", "events_tracked"), [(invoice_list_only, False), (invoices_and_hours, False), (lambda base: base, True)]
)
def test_every_column_is_reached_whatever_data_there_is(demo_base: list, shape, events_tracked: bool) -> None:
    rule_set = load_rule_set(default_rules_path())
    suggestions = {name: evaluate(rule_set, m) for name, m in metrics_of(shape(demo_base), events_tracked).items()}
    assert {s.column for s in suggestions.values()} == set(Column)
    for name, suggestion in suggestions.items():
        assert suggestion.reasons or suggestion.unknown, name  # every suggestion says why, or what it lacks


def test_without_hours_the_rules_on_them_are_named_with_the_data_they_lack(demo_base: list) -> None:
    rule_set = load_rule_set(default_rules_path())
    metrics = metrics_of(invoice_list_only(demo_base), events_tracked=False)["Steuerkanzlei Brandt & Partner"]
    suggestion = evaluate(rule_set, metrics, "de")
    unknown = {u.rule_id: u.text for u in suggestion.unknown}
    assert unknown["profitable"] == "Nicht bewertet, es fehlen Daten: Effektiver Stundensatz"
    assert unknown["price_complaints"] == "Nicht bewertet, es fehlen Daten: Preisbeschwerden"
    assert suggestion.column is Column.IDEAL  # an invoice list alone still finds the best customer
