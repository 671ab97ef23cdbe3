"""`kundenboard export` and `kundenboard restore`: the board as YAML for the records, and back."""

from __future__ import annotations

from pathlib import Path

import click

from kanban.cli.common import board_options, global_options, open_board, settings
from kanban.texts import text


@click.command()
@board_options
@click.argument("file", required=False)
def export(file: str | None) -> None:
    """Write the board as YAML for the records: columns with customers, metrics and suggestions, facts,
    decisions, review snapshots and the rule set.

    FILE defaults to kundenboard-export-<as-of date>.yaml in the current folder;
    a folder puts that name inside it; `-` writes to standard output. The file
    holds personal data and is created readable by you only.
    """
    from kanban.domain.portfolio import column_letting_go_sentence
    from kanban.portfolio import board_portfolio
    from kanban.transfer import default_export_name, write_export

    board = open_board(readonly=True)
    try:
        written = write_export(board, file or default_export_name(board.as_of))
    finally:
        board.close()
    if written is not None:
        click.echo(text("cli.export.written", path=written))
        click.echo(column_letting_go_sentence(board_portfolio(board).figures, settings().lang))


@click.command()
@global_options
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace the board in the --db folder (default: refuse if it holds one).")
def restore(file: Path, force: bool) -> None:
    """Rebuild the database in --db from an export FILE, all or nothing.

    The whole file is checked before anything is written; a problem is named with
    its line. A folder that holds a board is replaced only with --force.
    """
    from kanban.transfer import restore as restore_export

    summary = restore_export(file, settings().db_path, force=force)
    click.echo(summary.text())


COMMANDS = [export, restore]
