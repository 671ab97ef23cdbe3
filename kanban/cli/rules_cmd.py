"""`kundenboard suggest`, `kundenboard rules check` and `kundenboard rules diff`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kanban.board import CustomerView, rules_path_for
from kanban.cli.common import board_options, global_options, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data, emit_records, emit_table
from kanban.domain.model import Column
from kanban.domain.rules import check_rule_set, evaluate, load_rule_set
from kanban.texts import text


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
        click.echo(text("cli.suggest.line", lang, id=view.customer.id, name=view.customer.name,
                        column=s.column.label(lang), score=f"{s.score:g}", marker=marker))
        for reason in s.reasons:
            weight = "KO" if reason.rule_id in knockouts else f"{reason.points:+g}"
            click.echo(f"    {weight:>3}  {reason.text}")
        if s.unknown:
            click.echo(text("cli.suggest.unknown", lang, count=len(s.unknown),
                            texts="; ".join(u.text for u in s.unknown)))


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
        click.echo(text("cli.rules.problems", path=path, count=len(problems)), err=True)
        sys.exit(1)
    rule_set = load_rule_set(path)
    click.echo(text("cli.rules.ok", path=path, rules=text("cli.rules.rules", count=len(rule_set.rules)),
                    knockouts=text("cli.rules.knockouts", count=len(rule_set.knockouts))))


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
    lang = settings().lang
    click.echo(text("cli.diff.summary", lang, count=len(moved), scores=len(records) - len(moved),
                    customers=text("cli.demo.customers", lang, count=len(board.views)),
                    before=board.rule_set.path, after=other))
    rows = [[r["id"], r["name"], Column(r["current"]).label(lang),
             f"{Column(r['from']).label(lang)} → {Column(r['to']).label(lang)}",
             f"{r['score_from']:g} → {r['score_to']:g}"]
            for r in records]
    if rows:
        emit_table([text(f"cli.diff.head.{h}", lang) for h in ("id", "name", "current", "suggested", "score")], rows)


COMMANDS = [suggest, rules]
