"""`kundenboard suggest`, `kundenboard rules check` and `kundenboard rules diff`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kanban.board import CustomerView, UserError, rules_path_for, run_backtest
from kanban.cli.common import board_options, global_options, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data, emit_records, emit_table
from kanban.domain.backtest import Backtest, Group
from kanban.domain.formatting import format_date, format_money, format_number, format_percent_value, format_value
from kanban.domain.model import Column
from kanban.domain.rules import RuleSet, evaluate, settings_used
from kanban.rules_file import check_rule_set, load_rule_set
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
        click.echo(
            text(
                "cli.suggest.line",
                lang,
                id=view.customer.id,
                name=view.customer.name,
                column=s.column.label(lang),
                score=f"{s.score:g}",
                marker=marker,
            )
        )
        for reason in s.reasons:
            weight = "KO" if reason.rule_id in knockouts else f"{reason.points:+g}"
            click.echo(f"    {weight:>3}  {reason.text}")
        if s.unknown:
            click.echo(
                text("cli.suggest.unknown", lang, count=len(s.unknown), texts="; ".join(u.text for u in s.unknown))
            )
    click.echo()
    click.echo(letting_go_summary(board, lang))


def letting_go_summary(board: Any, lang: str) -> str:
    """What letting go would free: the Trennen column as it is, and the customers the rules suggest to drop."""
    from kanban.domain.portfolio import letting_go_sentence
    from kanban.portfolio import board_portfolio

    portfolio = board_portfolio(board)
    suggested = [cid for cid, view in board.views.items() if view.passing_suggestion().column is Column.DROP]
    label = Column.DROP.label(lang)
    return "\n".join(
        (
            letting_go_sentence(portfolio.letting_go(), text("portfolio.free.in_column", lang, column=label), lang),
            letting_go_sentence(
                portfolio.letting_go_of(suggested), text("portfolio.free.suggested", lang, column=label), lang
            ),
        )
    )


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
    click.echo(
        text(
            "cli.rules.ok",
            path=path,
            rules=text("cli.rules.rules", count=len(rule_set.rules)),
            knockouts=text("cli.rules.knockouts", count=len(rule_set.knockouts)),
        )
    )
    lang = settings().lang
    click.echo(text("suggestions.check.settings", lang))
    for name, value, unit, given in settings_used(rule_set):
        origin = text("suggestions.check.set" if given else "suggestions.check.default", lang)
        click.echo(f"  {name}: {format_value(value, unit, lang)} ({origin})")


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
        {
            "id": v.customer.id,
            "name": v.customer.name,
            "current": v.customer.column.value,
            "from": v.suggestion.column.value,
            "to": a.column.value,
            "score_from": v.suggestion.score,
            "score_to": a.score,
        }
        for v, a in changes
    ]
    if fmt != "table":
        emit_data(records, fmt)
        return
    records.sort(key=lambda r: r["from"] == r["to"])  # column changes first
    moved = [r for r in records if r["from"] != r["to"]]
    lang = settings().lang
    click.echo(
        text(
            "cli.diff.summary",
            lang,
            count=len(moved),
            scores=len(records) - len(moved),
            customers=text("cli.demo.customers", lang, count=len(board.views)),
            before=board.rule_set.path,
            after=other,
        )
    )
    rows = [
        [
            r["id"],
            r["name"],
            Column(r["current"]).label(lang),
            f"{Column(r['from']).label(lang)} → {Column(r['to']).label(lang)}",
            f"{r['score_from']:g} → {r['score_to']:g}",
        ]
        for r in records
    ]
    if rows:
        emit_table([text(f"cli.diff.head.{h}", lang) for h in ("id", "name", "current", "suggested", "score")], rows)


@rules.command()
@board_options
@FORMAT_OPTION
@click.option(
    "--horizon",
    type=click.IntRange(1, 120),
    default=12,
    show_default=True,
    metavar="MONTHS",
    help="How many months after --as-of to judge the suggestions by.",
)
@click.option(
    "--compare",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    metavar="OTHER.yaml",
    help="A second rule set, tested side by side on the same customers.",
)
def backtest(fmt: str, horizon: int, compare: Path | None) -> None:
    """How well the rules would have predicted: suggestions from what was known on --as-of, against the
    revenue of the following --horizon months, beside plain sorting by revenue."""
    s = settings()
    if s.as_of is None:
        raise UserError(text("suggestions.backtest.needs_date", months=horizon))
    result, rule_sets = run_backtest(s.db_path, s.rules, s.as_of, horizon, compare)
    if fmt != "table":
        emit_data(backtest_record(result, rule_sets), fmt)
        return
    print_backtest(result, rule_sets, s.lang)


def backtest_record(result: Backtest, rule_sets: list[RuleSet]) -> dict[str, Any]:
    """The stable JSON/YAML form of a backtest (documented in the README)."""
    return {
        "as_of": result.as_of.isoformat(),
        "horizon_months": result.horizon_months,
        "until": result.until.isoformat(),
        "customers": result.customers,
        "rule_sets": [
            {
                "file": str(rule_set.path),
                "sha256": rule_set.digest,
                "columns": [_group_record(g, result.customers) for g in outcome.columns],
                "baseline": [_group_record(g, result.customers) for g in outcome.baseline],
            }
            for rule_set, outcome in zip(rule_sets, result.results, strict=True)
        ],
    }


def _group_record(group: Group, customers: int) -> dict[str, Any]:
    return {
        "column": group.column.value,
        "customers": group.customers,
        "share": round(100.0 * group.customers / customers, 1),
        "revenue": group.revenue,
        "revenue_per_customer": group.revenue_per_customer,
        "bought_again": group.bought_again_share,
        "contribution": group.contribution,
        "customers_with_hours": group.customers_with_hours,
    }


def print_backtest(result: Backtest, rule_sets: list[RuleSet], lang: str) -> None:
    def t(key: str, **values: Any) -> str:
        return text(f"suggestions.backtest.{key}", lang, **values)

    click.echo(
        t(
            "title",
            as_of=format_date(result.as_of, lang),
            customers=format_number(result.customers, lang),
            until=format_date(result.until, lang),
            months=result.horizon_months,
        )
    )
    headers = [
        t("group"),
        t("customers"),
        t("share"),
        t("revenue"),
        t("per_customer"),
        t("bought_again"),
        t("contribution"),
    ]
    tracked = 0
    for rule_set, outcome in zip(rule_sets, result.results, strict=True):
        click.echo("")
        click.echo(t("rules", file=rule_set.path))
        rows = [_group_row(t("by_rules"), g, result.customers, lang) for g in outcome.columns]
        rows += [_group_row(t("by_revenue"), g, result.customers, lang) for g in outcome.baseline]
        emit_table(headers, rows, right=range(1, len(headers)))
        tracked = sum(g.customers_with_hours for g in outcome.columns)
    click.echo("")
    click.echo(t("note", tracked=format_number(tracked, lang), customers=format_number(result.customers, lang)))


def _group_row(label: str, group: Group, customers: int, lang: str) -> list[str]:
    return [
        f"{label}: {group.column.label(lang)}",
        format_number(group.customers, lang),
        format_percent_value(100.0 * group.customers / customers, lang),
        format_money(group.revenue, lang, cents=False),
        format_money(group.revenue_per_customer, lang) if group.customers else "-",
        format_percent_value(group.bought_again_share, lang) if group.customers else "-",
        format_money(group.contribution, lang, cents=False) if group.contribution is not None else "-",
    ]


COMMANDS = [suggest, rules]
