"""The `kundenboard` command. Without a subcommand it opens the board."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from kanban import __version__
from kanban.cli.common import board_options, global_options, report_internal_error, user_errors


class KundenboardGroup(click.Group):
    """Turns every error meant for the user into one line and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            raise click.exceptions.Exit(130) from None
        except BrokenPipeError:
            # `kundenboard suggest | head`: the reader left; say nothing more.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(1) from None
        except Exception as error:
            if isinstance(error, user_errors()):
                raise click.ClickException(str(error)) from None
            raise click.ClickException(report_internal_error(error)) from None


@click.group(
    cls=KundenboardGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "--version", prog_name="kundenboard")
@board_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Review your customers every quarter: ideal partners, watch, drop - with reasons on record.

    Without a command, opens the board on your database. Try `kundenboard demo`.
    Shell completion: eval "$(_KUNDENBOARD_COMPLETE=bash_source kundenboard)" (zsh_source, fish_source).
    """
    if ctx.invoked_subcommand is None:
        from kanban.cli.common import open_board
        from kanban.tui import run_app

        run_app(open_board())


def _register() -> None:
    from kanban.cli import audit_cmd, customers, demo, import_cmd, review_cmd, rules_cmd, transfer_cmd

    for module in (audit_cmd, customers, demo, import_cmd, review_cmd, rules_cmd, transfer_cmd):
        for command in module.COMMANDS:
            main.add_command(command)


_register()

__all__ = ["main", "global_options", "board_options"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
