"""`kundenboard customers` and `kundenboard move`."""

from __future__ import annotations

from typing import Any

import click

from kanban.board import Board, CustomerView
from kanban.cli.common import board_options, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data, emit_table
from kanban.domain import codec
from kanban.domain.formatting import format_money, format_value
from kanban.domain.metrics import METRICS
from kanban.domain.model import Column
from kanban.texts import text


def customer_record(view: CustomerView) -> dict[str, Any]:
    """The stable JSON/YAML form of one customer (documented in the README)."""
    c = view.customer
    return {
        "id": c.id,
        "name": c.name,
        "column": c.column.value,
        "suggested": view.suggestion.column.value,
        "score": view.suggestion.score,
        "prospect": c.prospect,
        "contract": c.contract,
        "contract_until": c.contract_until.isoformat() if c.contract_until else None,
        "tags": list(c.tags),
        "metrics": dict(view.metrics),
    }


def access_record(board: Board, view: CustomerView) -> dict[str, Any]:
    """Everything held on one customer, for a GDPR Art. 15 access request."""
    facts = board.facts(view.customer.id)
    return {
        "customer": codec.customer_to_dict(view.customer),
        "metrics": dict(view.metrics),
        "suggestion": {
            "column": view.suggestion.column.value,
            "score": view.suggestion.score,
            "reasons": [r.text for r in view.suggestion.reasons],
        },
        "invoices": [codec.invoice_to_dict(i) for i in facts.invoices],
        "time_entries": [codec.time_entry_to_dict(t) for t in facts.time_entries],
        "events": [codec.event_to_dict(e) for e in facts.events],
        "decisions": [codec.decision_to_dict(d) for d in board.decisions(view.customer.id)],
    }


@click.command()
@board_options
@FORMAT_OPTION
@click.option("--customer", "customer", help="Only this customer (number or name), with all data held on them.")
def customers(fmt: str, customer: str | None) -> None:
    """List customers with their column, suggestion and key metrics."""
    board = open_board(readonly=True)
    try:
        if customer:
            view = board.find(customer)
            emit_data(access_record(board, view), "json" if fmt == "json" else "yaml")
            return
        views = sorted(board.views.values(), key=lambda v: (list(Column).index(v.customer.column), v.customer.name))
        if fmt != "table":
            emit_data([customer_record(v) for v in views], fmt)
            return
        _print_table(views, settings().lang)
    finally:
        board.close()


def _print_table(views: list[CustomerView], lang: str) -> None:
    headers = [
        text(f"cli.customers.head.{h}", lang) for h in ("no", "name", "column", "suggested", "revenue", "rate", "score")
    ]
    rows = [
        [
            v.customer.id,
            v.customer.name + (text("cli.customers.prospect", lang) if v.customer.prospect else ""),
            v.customer.column.label(lang),
            ("" if not v.differs else "→ ") + v.suggestion.column.label(lang),
            format_money(v.metrics.get("revenue"), lang),
            format_value(v.metrics.get("effective_hourly_rate"), METRICS["effective_hourly_rate"].unit, lang),
            f"{v.suggestion.score:g}",
        ]
        for v in views
    ]
    emit_table(headers, rows, right=(4, 5, 6))


@click.command()
@board_options
@click.argument("customer")
@click.argument("column")
@click.option("--reason", default="", help="Why; required for a move to drop.")
@click.option("--actor", default=None, help="Who decided (default: your OS user name).")
@click.option("--despite-broken-log", is_flag=True, help=text("records.despite_broken_log_help"))
def move(customer: str, column: str, reason: str, actor: str | None, despite_broken_log: bool) -> None:
    """Move CUSTOMER (number or name) to COLUMN (ideal, watch, drop) and record the decision."""
    try:
        target = Column.parse(column)
    except ValueError:
        raise click.BadParameter(
            text("errors.unknown_column", value=column), param_hint=text("cli.arg.column")
        ) from None
    board = open_board()
    try:
        view = board.find(customer)
        if not despite_broken_log:
            board.require_intact_log()
        decision = board.move(view.customer.id, target, reason, actor)
    finally:
        board.close()
    lang = settings().lang
    click.echo(
        f"{view.customer.name}: {decision.from_column.label(lang)} → {decision.to_column.label(lang)} (#{decision.id})"
    )


COMMANDS = [customers, move]
