"""`kundenboard demo`: the board on believable demo data, never on your real database."""

from __future__ import annotations

import shutil
import signal
import tempfile
from pathlib import Path

import click

from kanban.board import UserError
from kanban.cli.common import RULES_OPTION, global_options, open_board, settings
from kanban.importing.load import ImportSummary, database_for_import, import_file
from kanban.resources import demo_data_dir
from kanban.system import hangup_signals
from kanban.texts import text

# The demo files, in the order they must be imported (customers first), in the
# formats real exports have: see data/README.md.
DEMO_FILES = (
    ("customers", "kunden.csv"),
    ("invoices", "rechnungen.csv"),
    ("time", "zeiten.csv"),
    ("events", "ereignisse.csv"),
)


def load_demo(db: Path) -> list[ImportSummary]:
    """Import the demo files into `db`, which must be empty, through the normal importer."""
    with database_for_import(db) as store:
        if not store.is_empty():
            raise UserError(text("cli.demo.not_empty", path=db))
        return [import_file(store, demo_data_dir() / name, kind) for kind, name in DEMO_FILES]


@click.command()
@global_options
@RULES_OPTION
@click.option("--open/--no-open", "open_app", default=True, help="Open the board after loading (default: open).")
def demo(open_app: bool) -> None:
    """Open the board on the demo data: ~25 customers of a small agency.

    Without --db the demo lives in a temporary folder that is removed afterwards,
    so trying it never touches your real data. With --db PATH it is loaded into
    PATH (which must be empty) and kept.
    """
    s = settings()
    temporary = s.db is None
    if temporary:
        s.db = Path(tempfile.mkdtemp(prefix="kundenboard-demo-")) / "db"
        # A closed terminal window (SIGHUP) or a kill (SIGTERM) still removes the temporary demo.
        for signum in hangup_signals():
            signal.signal(signum, _exit_on_signal)
    try:
        summaries = load_demo(s.db_path)
        if not open_app:
            customers = sum(x.customers_created for x in summaries)
            facts = sum(x.facts_added for x in summaries)
            click.echo(
                text(
                    "cli.demo.loaded",
                    path=s.db_path,
                    customers=text("cli.demo.customers", count=customers),
                    facts=text("cli.demo.facts", count=facts),
                )
            )
            return
        from kanban.tui import run_app

        run_app(open_board())
    finally:
        if temporary:
            shutil.rmtree(s.db_path.parent, ignore_errors=True)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


COMMANDS = [demo]
