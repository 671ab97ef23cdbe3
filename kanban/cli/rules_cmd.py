"""`kundenboard suggest`, `kundenboard rules check` and `kundenboard rules diff`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kanban.board import CustomerView, rules_path_for
from kanban.cli.common import board_options, global_options, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data, emit_records, emit_table
from kanban.domain.rules import check_rule_set, evaluate, load_rule_set


def suggestion_record(view: CustomerView) -> dict[str, Any]:
    """The stable JSON/YAML form of one suggestion (documented in the README)."""
    s = view.passing_suggestion()
    return {
        "id": view.customer.id,
        "name": view.customer.name,
        "current": view.customer.column.value,
        "suggested": s.column.value,
        "score": s.score,
        "reasons": [{"rule": r.rule_id, "points": r.points, "text": r.text} for r in s.reasons],
        "unknown": [{"rule": u.rule_id, "missing": list(u.missing), "text": u.text} for u in s.unknown],
    }


@click.command()
@board_options
@FORMAT_OPTION
def suggest(fmt: str) -> None:
    """Every customer's suggested column, score and the reasons behind it."""
    board = open_board(readonly=True)
    board.close()
    views = sorted(board.views.values(), key=lambda v: (v.score, v.customer.name))
    if fmt != "table":
        emit_records(map(suggestion_record, views), fmt)
        return
    lang = settings().lang
    knockouts = {rule.id for rule in board.rule_set.knockouts}
    for view in views:
        s = view.passing_suggestion()
        moved = s.column is not view.customer.column
        marker = f"  ({view.customer.column.label(lang)} → {s.column.label(lang)})" if moved else ""
        click.echo(f"{view.customer.id}  {view.customer.name}: {s.column.label(lang)}, Score {s.score:g}{marker}")
        for reason in s.reasons:
            weight = "KO" if reason.rule_id in knockouts else f"{reason.points:+g}"
            click.echo(f"    {weight:>3}  {reason.text}")
        if s.unknown:
            label = "nicht bewertet" if lang == "de" else "not evaluated"
            click.echo(f"    ?  {len(s.unknown)} {label}: {'; '.join(u.text for u in s.unknown)}")
    click.echo()
    click.echo(letting_go_summary(board, lang))


def letting_go_summary(board: Any, lang: str) -> str:
    """What letting go would free: the Trennen column as it is, and the customers the rules suggest to drop."""
    from kanban.domain.model import Column
    from kanban.domain.portfolio import letting_go_sentence
    from kanban.portfolio import board_portfolio
    from kanban.texts import text

    portfolio = board_portfolio(board)
    suggested = [cid for cid, view in board.views.items() if view.passing_suggestion().column is Column.DROP]
    label = Column.DROP.label(lang)
    return "\n".join((
        letting_go_sentence(portfolio.letting_go(), text("portfolio.free.in_column", lang, column=label), lang),
        letting_go_sentence(portfolio.letting_go_of(suggested), text("portfolio.free.suggested", lang, column=label),
                            lang),
    ))


@click.group()
def rules() -> None:
    """Check a rule set, or see what a changed one would suggest."""


@rules.command()
@global_options
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
def check(file: Path | None) -> None:
    """Check FILE (default: the rule set in use) and print OK or every problem."""
    path = file or rules_path_for(settings().db_path, settings().rules)
    problems = check_rule_set(path)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"{path}: {len(problems)} problem(s)", err=True)
        sys.exit(1)
    rule_set = load_rule_set(path)
    click.echo(f"OK: {path} ({len(rule_set.rules)} rules, {len(rule_set.knockouts)} knock-outs)")


@rules.command()
@board_options
@FORMAT_OPTION
@click.argument("other", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def diff(fmt: str, other: Path) -> None:
    """Which suggestions would change if OTHER replaced the rule set in use."""
    candidate = load_rule_set(other)
    board = open_board(readonly=True)
    board.close()
    changes = []
    for view in sorted(board.views.values(), key=lambda v: v.customer.name):
        after = evaluate(candidate, view.metrics, board.lang)
        if after.column is not view.suggestion.column or after.score != view.suggestion.score:
            changes.append((view, after))
    records = [
        {"id": v.customer.id, "name": v.customer.name, "current": v.customer.column.value,
         "from": v.suggestion.column.value, "to": a.column.value, "score_from": v.suggestion.score,
         "score_to": a.score}
        for v, a in changes
    ]
    if fmt != "table":
        emit_data(records, fmt)
        return
    records.sort(key=lambda r: r["from"] == r["to"])  # column changes first
    moved = [r for r in records if r["from"] != r["to"]]
    click.echo(f"{len(moved)} suggestion(s) would change column, {len(records) - len(moved)} only their score "
               f"({len(board.views)} customers, {board.rule_set.path} → {other})")
    rows = [[r["id"], r["name"], r["current"], f"{r['from']} → {r['to']}", f"{r['score_from']:g} → {r['score_to']:g}"]
            for r in records]
    if rows:
        emit_table(["id", "name", "current", "suggested", "score"], rows)


COMMANDS = [suggest, rules]
