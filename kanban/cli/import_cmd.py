"""`kundenboard import KIND FILE`: real exports in, all rows or none."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kanban.board import UserError, update_metrics_cache
from kanban.cli.common import global_options, settings
from kanban.importing import FORMAT_NAMES, KINDS, mapping_help
from kanban.importing.load import IMPORT_STEPS, database_for_import, import_file
from kanban.texts import text

STEPS = (*IMPORT_STEPS, "updating suggestions")


def _step_label(step: str | None) -> str:
    return text("cli.import.step." + step.replace(" ", "_")) if step else ""


def _mapping(values: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for value in values:
        column, sep, field = value.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise click.BadParameter(text("cli.import.bad_map", value=value), param_hint="--map")
        mapping[column.strip()] = field.strip()
    return mapping


class ImportCommand(click.Command):
    """Its help ends in the fields --map can name, listed by the importer."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.epilog = f"{text('cli.epilog.import')}\n\n\b\n{mapping_help()}"
        super().format_epilog(ctx, formatter)


@click.command("import", cls=ImportCommand)
@global_options
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *FORMAT_NAMES]),
    default="auto",
    show_default=True,
    help="The export's format; auto recognises it by its column names.",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="CSV_COLUMN=field",
    help="Read a column as one of our fields (repeatable); see the list below.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option("--no-create", is_flag=True, help="Refuse rows of customers that are not in the database yet.")
@click.option(
    "--trust-numbers", is_flag=True, help="A customer number wins where the file names another company under it."
)
@click.option(
    "--skip-unassigned", is_flag=True, help="Skip time rows without a client (internal time) and say how many hours."
)
def import_(
    kind: str,
    file: Path,
    fmt: str,
    maps: tuple[str, ...],
    dry_run: bool,
    no_create: bool,
    trust_numbers: bool,
    skip_unassigned: bool,
) -> None:
    """Import invoices, time entries, events or customers from a CSV export.

    Recognises German invoice lists, sevDesk, Toggl Track, Clockify, Harvest,
    Kimai and our own event and customer lists; UTF-8 or Windows-1252, `,` `;`
    or tab, decimal commas and German dates. A bad row stops the import with
    its line and column, and nothing is written. Importing a file twice adds
    nothing new.
    """
    if not file.exists():
        raise UserError(text("cli.import.no_file", path=file))
    if not file.is_file():
        raise UserError(text("cli.import.not_a_file", path=file))
    mapping = _mapping(maps)
    s = settings()
    with database_for_import(s.db_path, dry_run) as store:
        # On a terminal only: in a script the bar would print its label as a stray line.
        with click.progressbar(
            length=len(STEPS),
            label=f"{file.name}",
            file=sys.stderr,
            item_show_func=_step_label,
            hidden=not sys.stderr.isatty(),
        ) as bar:
            summary = import_file(
                store,
                file,
                kind,
                fmt,
                mapping,
                create=not no_create,
                dry_run=dry_run,
                progress=lambda step: bar.update(1, step),
                trust_numbers=trust_numbers,
                skip_unassigned=skip_unassigned,
            )
            if summary.changed_anything:
                # The board then opens from the metrics cache instead of computing while the user waits.
                update_metrics_cache(store, s.rules, s.as_of, s.lang)
                bar.update(1, STEPS[-1])
    click.echo(summary.text(s.lang))


COMMANDS = [import_]
