"""`kundenboard portfolio` and `kundenboard report [QUARTER]`: who carries, who costs; the quarter on record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kanban.cli.common import board_options, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data
from kanban.texts import text

if TYPE_CHECKING:  # the Board is imported late, to keep --help fast
    from kanban.board import Board


@click.command()
@board_options
@FORMAT_OPTION
@click.option(
    "--filter",
    "query",
    metavar="TEXT",
    help="Also say what letting go of the customers matching TEXT (name, tag, warning sign) would free.",
)
def portfolio(fmt: str, query: str | None) -> None:
    """The whale curve of contribution, the ABC split, revenue and contribution per column for 8 quarters,
    and what letting the Trennen column go would free."""
    from kanban.portfolio import board_portfolio, board_quarters
    from kanban.report import as_text, portfolio_data, portfolio_document

    board = open_board(readonly=True)
    board.close()
    lang = settings().lang
    found, quarters = board_portfolio(board), board_quarters(board)
    if fmt != "table":
        emit_data(portfolio_data(found, quarters, lang), fmt)
        return
    filtered = (query, matching(board, query)) if query else None
    click.echo(as_text(portfolio_document(found, quarters, lang, filtered)), nl=False)


def matching(board: Board, query: str) -> list[str]:
    """Customers the board's filter would show for `query`."""
    from kanban.domain.board_logic import matches, search_text, warning_signs

    return [
        cid
        for cid, view in board.views.items()
        if matches(search_text(view.customer, warning_signs(view.passing_suggestion(), view.rule_set)), query)
    ]


@click.command()
@board_options
@click.argument("quarter", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default=None,
    help="Markdown or a printable HTML page (default: from -o's ending, else md).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE instead of the screen."
)
def report(quarter: str | None, fmt: str | None, output: Path | None) -> None:
    """The quarter for the records: review summary, decisions with reasons and actor, revenue and contribution
    per column before and after, the whale curve and the audit chain's head."""
    from kanban.board import UserError
    from kanban.report import as_html, as_markdown, build_report
    from kanban.review import check_quarter, current_quarter

    s = settings()
    board = open_board(readonly=True)
    board.close()
    quarter = check_quarter(quarter) if quarter else current_quarter(board.as_of)
    if quarter > current_quarter(board.as_of):
        raise UserError(text("portfolio.report.bad_quarter", quarter=quarter))
    fmt = fmt or ("html" if output and output.suffix.lower() in (".html", ".htm") else "md")
    document = build_report(board, quarter, s.lang, dt.date.today(), str(s.db_path), svg=fmt == "html")
    written = as_html(document, s.lang) if fmt == "html" else as_markdown(document)
    if output is None:
        click.echo(written, nl=False)
        return
    try:
        output.write_text(written, encoding="utf-8")
    except OSError as error:
        raise UserError(text("portfolio.report.cannot_write", path=output, error=error.strerror or error)) from None
    click.echo(text("portfolio.report.written", path=output))


COMMANDS = [portfolio, report]
