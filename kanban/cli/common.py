"""What every command shares: where the database is, the language, the rules, one-line errors."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kanban.texts import LANGUAGES, has_text, language, set_language, text

F = TypeVar("F", bound=Callable[..., Any])


def default_db_path() -> Path:
    """--db, else $KUNDENBOARD_DB, else the user's data directory (XDG on Linux)."""
    env = os.environ.get("KUNDENBOARD_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs  # here: with --db the board starts without it

    return platformdirs.user_data_path("kundenboard") / "db"


class Settings:
    """The global options, which may be given before or after the command name."""

    def __init__(self) -> None:
        self.db: Path | None = None
        self.lang: str = "de"
        self.rules: Path | None = None
        self.as_of: dt.date | None = None

    @property
    def db_path(self) -> Path:
        return self.db or default_db_path()


def settings() -> Settings:
    ctx = click.get_current_context()
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def _store(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is not None:
            setattr(settings(), name, value)
            if name == "lang":  # every text asked for without a language follows --lang from here on
                set_language(value)

    return callback


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is None:
        return
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        if not 1901 <= day.year <= 2998:
            raise click.BadParameter(text("cli.date_too_far", value=value))
        settings().as_of = day
        return
    raise click.BadParameter(text("cli.not_a_date", value=value))


DB_OPTION = click.option(
    "--db",
    type=click.Path(path_type=Path),
    expose_value=False,
    callback=_store("db"),
    help="cli.opt.db",
)
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    expose_value=False,
    callback=_store("lang"),
    is_eager=True,  # before --help, so that `import --lang en --help` is English
    help="cli.opt.lang",
)
RULES_OPTION = click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    expose_value=False,
    callback=_store("rules"),
    help="cli.opt.rules",
)
AS_OF_OPTION = click.option(
    "--as-of",
    expose_value=False,
    callback=_parse_date,
    help="cli.opt.as_of",
)


def global_options(func: F) -> F:
    """--db and --lang, accepted after the command name as well as before it."""
    return DB_OPTION(LANG_OPTION(func))


def board_options(func: F) -> F:
    """The global options plus --rules and --as-of, for commands that evaluate rules."""
    return global_options(RULES_OPTION(AS_OF_OPTION(func)))


def open_board(readonly: bool = False) -> Any:
    """The Board for the current settings; imported late to keep --help fast."""
    from kanban.board import Board

    s = settings()
    return Board.open(s.db_path, s.rules, s.as_of, s.lang, readonly=readonly)


def user_errors() -> tuple[type[Exception], ...]:
    """Exceptions whose message is meant for the user, one line each."""
    from kanban.board import UserError, store_errors
    from kanban.rules_file import RuleSetError

    errors: list[type[Exception]] = [UserError, RuleSetError, *store_errors()]
    try:
        from kanban.importing import ImportFileError

        errors.append(ImportFileError)
    except ImportError:
        pass
    return tuple(errors)


def report_internal_error(error: BaseException, command: str | None = None) -> str:
    """Keep the traceback in a file for a bug report; the user sees one line.

    The file is readable by its owner only and names the command, never its
    arguments: those may be a customer's name or a reason.
    """
    import platformdirs

    from kanban.system import NO_FOLLOW

    log_dir = platformdirs.user_state_path("kundenboard")
    try:
        log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = log_dir / "crash.log"
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | NO_FOLLOW, 0o600)
        os.chmod(path, 0o600)  # a crash.log from an older kundenboard was readable by all
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat()} kundenboard {command or ''}\n")
            handle.write("".join(traceback.format_exception(error)))
        where = text("cli.crash_details", path=path)
    except OSError:
        where = ""
    return text("cli.internal_error", kind=error.__class__.__name__, error=error, where=where)


# -- the language of help, prompts and click's own words ------------------------


def language_in(args: list[str]) -> str | None:
    """The value of --lang anywhere on the command line, before click parses it.

    Help is printed while the arguments are parsed, possibly before --lang is
    reached (`kundenboard --help --lang en`), so the language is known first.
    """
    for position, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and position + 1 < len(args):
            value = args[position + 1]
        if value in LANGUAGES:
            return value
    return None


def localise(command: click.Command, path: tuple[str, ...] = ()) -> None:
    """Help texts of a command, its options and subcommands from the catalogue, in the current language.

    click reads `help=` once, at import; the catalogue holds them by the
    command's path (`cli.help.audit.verify`) and the option's name
    (`cli.opt.import.dry_run`, else the shared `cli.opt.db`). An option
    declared with a key as its help is looked up by that key.
    """
    name = ".".join(path)
    for attribute, prefix in (("help", "cli.help"), ("short_help", "cli.short"), ("epilog", "cli.epilog")):
        key = f"{prefix}.{name}" if name else prefix
        if has_text(key):
            setattr(command, attribute, text(key))
    command.options_metavar = text("cli.options_metavar")
    if isinstance(command, click.Group):
        command.subcommand_metavar = text("cli.subcommand_metavar")
        if command.invoke_without_command:
            command.subcommand_metavar = text("cli.subcommand_metavar_optional")
    for param in command.params:
        metavar = f"cli.arg.{param.name}" if isinstance(param, click.Argument) else f"cli.metavar.{param.name}"
        if has_text(metavar):
            param.metavar = text(metavar)
        if not isinstance(param, click.Option):
            continue
        keys = [f"cli.opt.{name}.{param.name}", f"cli.opt.{param.name}", getattr(param, "help_key", param.help)]
        help_key = next((k for k in keys if k and has_text(k)), None)
        if help_key:
            param.help_key = help_key  # type: ignore[attr-defined]  # our catalogue key, kept on click's option
            param.help = text(help_key)
    command._help_option = None  # click keeps it, with its help in one language
    if isinstance(command, click.Group):
        for sub_name, sub in command.commands.items():
            localise(sub, (*path, sub_name))


def _click_gettext(message: str) -> str:
    key = _click_keys().get(message)
    return text(key) if key else message


def _click_ngettext(singular: str, plural: str, count: int) -> str:
    key = _click_keys().get(singular)
    if key is None:
        return singular if count == 1 else plural
    one, _, other = text(key).partition("|")
    return one if count == 1 else other


@functools.cache
def _click_keys() -> dict[str, str]:
    """click's English message (the singular for plurals) -> our key."""
    from kanban.texts import catalogue

    return {english.partition("|")[0]: key for key, (_, english) in catalogue().items() if key.startswith("click.")}


def speak_click() -> None:
    """click's own messages ("Usage:", "Error:", "Missing argument") in the process language.

    click looks them up with gettext's `_` and `ngettext` of each module; these
    names are rebound to the catalogue's click area, so no compiled .mo file
    and no process-wide gettext domain is needed.
    """
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        # click looks its texts up through these module globals; its stubs do not declare them
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


# -- asking --------------------------------------------------------------------

_YES = {"de": ("j", "ja", "y", "yes"), "en": ("y", "yes")}
_NO = {"de": ("n", "nein", "no"), "en": ("n", "no")}


def interactive() -> bool:
    return sys.stdin.isatty()


def confirm(question: str) -> bool:
    """Ask a yes/no question in the current language, No by default: j/ja (and y/yes) in German."""
    lang = language()
    while True:
        answer = (
            click.prompt(f"{question} {text('cli.yes_no')}", default="", show_default=False, prompt_suffix=" ")
            .strip()
            .casefold()
        )
        if not answer or answer in _NO[lang]:
            return False
        if answer in _YES[lang]:
            return True
        click.echo(text("cli.yes_no_again"), err=True)
