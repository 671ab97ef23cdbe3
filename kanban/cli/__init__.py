"""The `kundenboard` command. Without a subcommand it opens the board."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from kanban import __version__
from kanban.cli.common import (
    board_options,
    global_options,
    language_in,
    localise,
    report_internal_error,
    settings,
    speak_click,
    user_errors,
)
from kanban.collector import collector_paused
from kanban.texts import set_language, text

# The module of each command, imported when the command is asked for: importing
# them all (rules, YAML, the importers, the export) would delay the board's start.
COMMAND_MODULES = {
    "audit": "audit_cmd",
    "forget": "audit_cmd",
    "customers": "customers",
    "move": "customers",
    "demo": "demo",
    "import": "import_cmd",
    "review": "review_cmd",
    "history": "review_cmd",
    "suggest": "rules_cmd",
    "rules": "rules_cmd",
    "export": "transfer_cmd",
    "restore": "transfer_cmd",
    "portfolio": "portfolio_cmd",
    "report": "portfolio_cmd",
}


class KundenboardGroup(click.Group):
    """Turns every error meant for the user into one line and a non-zero exit; loads commands when used."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # The language first: help and click's errors may be printed before --lang is parsed.
        set_language(language_in(args) or "de")
        speak_click()
        localise(self)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"kanban.cli.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        command = self.commands.get(cmd_name)
        if command is not None:
            localise(command, (cmd_name,))
        return command

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
            raise click.ClickException(report_internal_error(error, ctx.invoked_subcommand)) from None


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(text("cli.version", version=__version__))
        ctx.exit()


@click.group(
    cls=KundenboardGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, help="cli.opt.version"
)
@board_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Review your customers every quarter: ideal partners, watch, drop - with reasons on record.

    Without a command, opens the board on your database. Try `kundenboard demo`.
    Shell completion: eval "$(_KUNDENBOARD_COMPLETE=bash_source kundenboard)" (zsh_source, fish_source).
    """
    # A command's bulk work (the database read, every customer's metrics and suggestion, an export) makes
    # objects that stay or die by reference count: the cyclic collector would only walk them (kanban.collector).
    ctx.with_resource(collector_paused())
    if ctx.invoked_subcommand is None:
        from kanban.tui import run_board

        s = settings()
        run_board(s.db_path, s.rules, s.as_of, s.lang)


__all__ = ["main", "global_options", "board_options"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
