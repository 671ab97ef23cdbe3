"""`kundenboard portfolio` and `kundenboard report` on the demo: numbers recomputed by hand from the facts."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from click.testing import CliRunner

from kanban.cli import main
from kanban.domain.model import Column
from kanban.resources import default_rules_path
from kanban.rules_file import load_rule_set
from kanban.store import Store

AS_OF = dt.date(2026, 11, 27)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--as-of", AS_OF.isoformat()])
    return result.exit_code, result.output


def german(amount: float) -> str:
    return f"{round(amount):,} €".replace(",", ".")


def contributions_by_hand(db: Path) -> dict[str, tuple[float, float | None, float]]:
    """(revenue, hours or None, contribution) per customer from the stored facts: invoices issued and hours worked
    in the 12 months up to AS_OF; where no hours were ever tracked, the revenue is the contribution."""
    rate = load_rule_set(default_rules_path()).metric_settings().internal_cost_rate
    start = dt.date(AS_OF.year - 1, AS_OF.month, AS_OF.day)
    result = {}
    with Store.open(db, readonly=True) as store:
        for cid in store.customers():
            facts = store.facts_of(cid)
            invoices = [i for i in facts.invoices if i.issued <= AS_OF]
            tracked = [t for t in facts.time_entries if t.date <= AS_OF]
            if not invoices and not tracked:
                continue
            revenue = sum(-i.net if i.credit_note else i.net for i in invoices if i.issued > start)
            hours = round(sum(t.hours for t in tracked if t.date > start), 2) if tracked else None  # as on the card
            result[cid] = (revenue, hours, revenue - (hours or 0) * rate)
    return result


def test_the_demo_whale_curve_is_the_facts_added_up_by_hand(demo_db: Path) -> None:
    by_hand = contributions_by_hand(demo_db)
    ranked = sorted(by_hand.items(), key=lambda item: (-item[1][2], item[0]))
    total = sum(c for _, (_, _, c) in ranked)
    best = sum(c for _, (_, _, c) in ranked[: math.ceil(len(ranked) * 0.2)])
    tail = sum(c for _, (_, _, c) in ranked[len(ranked) - math.ceil(len(ranked) * 0.1) :])
    assert tail < 0 < total  # the demo's tail costs money

    code, out = run("--db", str(demo_db), "portfolio")
    assert code == 0, out
    sentence = (
        f"Die besten 20 % der Kunden bringen {round(100 * best / total)} % des Deckungsbeitrags; "
        f"die letzten 10 % kosten {german(-tail)}"
    )
    assert sentence in out
    code, out = run("--db", str(demo_db), "portfolio", "--format", "json")
    data = json.loads(out)
    assert [entry["id"] for entry in data["curve"]] == [cid for cid, _ in ranked]
    cents = 0.01 * len(ranked)  # each customer's contribution is kept to the cent
    assert abs(data["total_contribution"] - total) <= cents
    assert abs(data["last_10_percent"]["contribution"] - tail) <= cents
    unknown = sum(1 for _, (_, hours, _) in ranked if hours is None)
    assert data["hours_unknown"] == unknown


def test_letting_go_of_the_drop_column_matches_the_cards(demo_db: Path) -> None:
    code, out = run("--db", str(demo_db), "customers", "--format", "json")
    cards = [c for c in json.loads(out) if c["column"] == "drop"]
    revenue = sum(c["metrics"]["revenue"] or 0 for c in cards)
    hours = sum(c["metrics"]["hours"] or 0 for c in cards)
    contribution = sum(
        c["metrics"]["contribution"] if c["metrics"]["contribution"] is not None else c["metrics"]["revenue"] or 0
        for c in cards
    )
    code, out = run("--db", str(demo_db), "portfolio")
    change = german(-contribution)
    expected = (
        f"Ohne die {len(cards)} Kunden in Trennen: {german(-revenue)} Umsatz, "
        f"{'+' if -contribution > 0 else ''}{change} Deckungsbeitrag, {round(hours)} h im Jahr frei"
    )
    assert expected in out


def test_portfolio_speaks_english_and_says_what_a_filter_would_free(demo_db: Path) -> None:
    code, out = run("--db", str(demo_db), "--lang", "en", "portfolio", "--filter", "Modehaus")
    assert code == 0, out
    assert "The best 20% of customers bring" in out
    assert "Without the one customer in the filter \u201cModehaus\u201d: -€" in out
    assert "ABC split by revenue" in out and "Revenue and contribution per column, last 8 quarters" in out


def test_report_in_markdown_has_the_decisions_with_reasons_and_actor_and_the_log_head(demo_db: Path) -> None:
    code, out = run(
        "--db", str(demo_db), "move", "Modehaus Seidel", "drop", "--reason", "zahlt nie pünktlich", "--actor", "anna"
    )
    assert code == 0, out
    code, report = run("--db", str(demo_db), "report", "2026-Q4")
    assert code == 0, report
    assert report.startswith("# Quartalsbericht 2026-Q4")
    assert "Das Review 2026-Q4 ist nicht abgeschlossen: 0 von 25 Kunden entschieden." in report
    assert "| Spalte | Umsatz vorher | Umsatz nachher | Deckungsbeitrag vorher | Deckungsbeitrag nachher |" in report
    assert "## Walkurve des Deckungsbeitrags" in report and "| Rang | Kunden % |" in report
    with Store.open(demo_db, readonly=True) as store:
        head = store.decision_records()[-1]["hash"]
    assert f"1 Entscheidung im Protokoll; letzter Hash: {head}" in report
    code, english = run("--db", str(demo_db), "--lang", "en", "report", "2026-Q4")
    assert english.startswith("# Quarterly report 2026-Q4") and "1 decision in the log; last hash:" in english


def test_report_of_a_review_lists_its_decisions(demo_db: Path) -> None:
    from kanban.board import Board
    from kanban.review import Review

    board = Board.open(demo_db, as_of=AS_OF)
    try:
        review = Review(board, "2026-Q4")
        seidel = board.find("Modehaus Seidel").customer.id
        review.decide(seidel, Column.DROP, "zahlt nie pünktlich")
    finally:
        board.close()
    code, report = run("--db", str(demo_db), "report", "2026-Q4")
    assert "Das Review 2026-Q4 ist nicht abgeschlossen: 1 von 25 Kunden entschieden." in report
    assert "Wechsel: Beobachten → Trennen: 1" in report
    row = next(line for line in report.splitlines() if "Modehaus Seidel" in line and "zahlt nie" in line)
    assert "Beobachten → Trennen" in row


def test_report_as_html_is_one_printable_file_without_scripts(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "bericht.html"
    code, out = run("--db", str(demo_db), "report", "2026-Q4", "-o", str(target))
    assert code == 0 and out.strip() == f"Bericht geschrieben: {target}"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@page { size: A4" in page
    assert "<script" not in page.lower() and "<link" not in page.lower() and "src=" not in page
    assert page.count("<svg") == 1 and "<polyline" in page
    assert "Walkurve des Deckungsbeitrags" in page


def test_bad_report_requests_are_one_line_and_write_nothing(demo_db: Path, tmp_path: Path) -> None:
    code, out = run("--db", str(demo_db), "report", "2031-Q1")
    assert code == 1 and out.strip() == (
        "Fehler: Quartal 2031-Q1 liegt in der Zukunft - ein vergangenes oder das laufende angeben"
    )
    code, out = run("--db", str(demo_db), "report", "-o", str(tmp_path / "no" / "such" / "x.md"))
    assert code == 1 and len(out.strip().splitlines()) == 1 and "anderen Pfad mit -o angeben" in out
    assert not (tmp_path / "no").exists()


def test_suggest_ends_with_what_letting_go_would_free(demo_db: Path) -> None:
    code, out = run("--db", str(demo_db), "suggest")
    current, suggested = out.splitlines()[-2:]
    assert current.startswith("Ohne die 2 Kunden in Trennen: -") and current.endswith("h im Jahr frei")
    code, listed = run("--db", str(demo_db), "suggest", "--format", "json")
    drop = [s for s in json.loads(listed) if s["suggested"] == "drop"]
    assert suggested.startswith(f"Ohne die {len(drop)} Kunden mit Vorschlag Trennen: -")


def test_the_review_summary_keeps_what_letting_go_would_free(demo_db: Path) -> None:
    from kanban.board import Board
    from kanban.portfolio import board_portfolio
    from kanban.review import Review
    from kanban.tui.screens.review import freed_sentence

    board = Board.open(demo_db, as_of=AS_OF)
    try:
        review = Review(board, "2026-Q4")
        seidel = board.find("Modehaus Seidel").customer.id
        review.decide(seidel, Column.DROP, "zahlt nie pünktlich")
        kept = review.summary()["letting_go"]
        freed = board_portfolio(board).letting_go()
    finally:
        board.close()
    assert kept["customers"] == 3 == freed.customers and kept["revenue"] == freed.revenue
    assert freed_sentence(kept, "de").startswith("Ohne die 3 Kunden in Trennen: -")
