"""`kundenboard review [QUARTER]` and `kundenboard history [CUSTOMER]`."""

from __future__ import annotations

from dataclasses import asdict

import click

from kanban.cli.common import board_options, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data, emit_table
from kanban.domain.formatting import format_money
from kanban.domain.history import history as customer_history
from kanban.domain.model import Column
from kanban.review import check_quarter, current_quarter


@click.command()
@board_options
@click.argument("quarter", required=False)
def review(quarter: str | None) -> None:
    """Start or resume the review of QUARTER (like 2026-Q4; default: the current quarter)."""
    quarter = check_quarter(quarter) if quarter else current_quarter(settings().as_of)
    from kanban.tui import run_app

    run_app(open_board(), review=quarter)


@click.command()
@board_options
@FORMAT_OPTION
@click.argument("customer", required=False)
def history(fmt: str, customer: str | None) -> None:
    """Finished quarters with their summaries, or one CUSTOMER's column and revenue per quarter."""
    board = open_board(readonly=True)
    board.close()
    snapshots = board.store.snapshots()
    lang = settings().lang
    if customer:
        view = board.find(customer)
        records = [asdict(r) for r in customer_history(snapshots, view.customer.id)]
        if fmt != "table":
            emit_data({"id": view.customer.id, "name": view.customer.name, "quarters": records}, fmt)
            return
        click.echo(f"{view.customer.id}  {view.customer.name}")
        emit_table(["quarter", "column", "suggested", "score", "revenue"],
                   [[r["quarter"], Column(r["column"]).label(lang), Column(r["suggested"]).label(lang),
                     f"{r['score']:g}", format_money(r["revenue"], lang)] for r in records], right=(3, 4))
        return
    summaries = [{"quarter": s["quarter"], "finished_at": s["finished_at"], **s["summary"]} for s in snapshots]
    if fmt != "table":
        emit_data(summaries, fmt)
        return
    if not summaries:
        click.echo("no finished review yet: start one with 'kundenboard review'")
        return
    emit_table(
        ["quarter", "reviewed", "moves", "dropped", *(Column(c).label(lang) for c in Column)],
        [[s["quarter"], str(s["reviewed"]), ", ".join(f"{k} {v}" for k, v in s["moves"].items()) or "-",
          str(len(s["dropped"])), *(format_money(s["revenue_after"][c.value], lang) for c in Column)]
         for s in summaries],
        right=(1, 3, 4, 5, 6),
    )


COMMANDS = [review, history]
