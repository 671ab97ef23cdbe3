"""`kundenboard review [QUARTER]` and `kundenboard history [CUSTOMER]`."""

from __future__ import annotations

from dataclasses import asdict

import click

from kanban.cli.common import board_options, confirm, interactive, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data, emit_table
from kanban.domain.formatting import format_money
from kanban.domain.history import history as customer_history
from kanban.domain.model import Column, parse_quarter
from kanban.review import check_quarter, current_quarter
from kanban.texts import text


@click.command()
@board_options
@click.argument("quarter", required=False)
@click.option("--yes", is_flag=True, help="Start a future quarter without asking.")
def review(quarter: str | None, yes: bool) -> None:
    """Start or resume the review of QUARTER (like 2026-Q4; default: the current quarter)."""
    current = current_quarter(settings().as_of)
    quarter = check_quarter(quarter) if quarter else current
    if parse_quarter(quarter) > parse_quarter(current) and not yes:
        _ask_for_the_future(quarter, current)
    from kanban.tui import run_app

    run_app(open_board(), review=quarter)


def _ask_for_the_future(quarter: str, current: str) -> None:
    """A review of a quarter not yet begun records decisions under it: only when meant."""
    if not interactive():
        raise click.ClickException(text("cli.review.future_refused", quarter=quarter, current=current))
    if not confirm(text("cli.review.future_question", quarter=quarter, current=current)):
        click.echo(text("cli.nothing_changed"))
        raise click.exceptions.Exit(1)


@click.command()
@board_options
@FORMAT_OPTION
@click.argument("customer", required=False)
def history(fmt: str, customer: str | None) -> None:
    """Finished quarters with their summaries, or one CUSTOMER's column and revenue per quarter."""
    board = open_board(readonly=True)
    board.close()
    snapshots = board.snapshots()
    lang = settings().lang
    if customer:
        view = board.find(customer)
        records = [asdict(r) for r in customer_history(snapshots, view.customer.id)]
        if fmt != "table":
            emit_data({"id": view.customer.id, "name": view.customer.name, "quarters": records}, fmt)
            return
        click.echo(f"{view.customer.id}  {view.customer.name}")
        emit_table(
            [text(f"cli.history.head.{h}", lang) for h in ("quarter", "column", "suggested", "score", "revenue")],
            [
                [
                    r["quarter"],
                    Column(r["column"]).label(lang),
                    Column(r["suggested"]).label(lang),
                    f"{r['score']:g}",
                    format_money(r["revenue"], lang),
                ]
                for r in records
            ],
            right=(3, 4),
        )
        return
    summaries = [{"quarter": s["quarter"], "finished_at": s["finished_at"], **s["summary"]} for s in snapshots]
    if fmt != "table":
        emit_data(summaries, fmt)
        return
    if not summaries:
        click.echo(text("cli.history.none", lang))
        return
    emit_table(
        [
            *(text(f"cli.history.head.{h}", lang) for h in ("quarter", "reviewed", "moves", "dropped")),
            *(Column(c).label(lang) for c in Column),
        ],
        [
            [
                s["quarter"],
                str(s["reviewed"]),
                _moves(s["moves"], lang),
                str(len(s["dropped"])),
                *(format_money(s["revenue_after"][c.value], lang) for c in Column),
            ]
            for s in summaries
        ],
        right=(1, 3, 4, 5, 6),
    )


def _moves(moves: dict[str, int], lang: str) -> str:
    """The summary's moves ("drop->ideal": 1) in the column labels: "Trennen → Idealer Partner 1"."""
    parts = []
    for move, count in moves.items():
        before, _, after = move.partition("->")
        parts.append(f"{Column(before).label(lang)} → {Column(after).label(lang)} {count}")
    return ", ".join(parts) or "-"


COMMANDS = [review, history]
