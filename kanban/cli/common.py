"""What every command shares: where the database is, the language, the rules, one-line errors."""

from __future__ import annotations

import datetime as dt
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

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
                from kanban.texts import set_language

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
            raise click.BadParameter(f"{value!r} is too far from today: give a date between 1901 and 2998")
        settings().as_of = day
        return
    raise click.BadParameter(f"{value!r} is not a date: write 2026-12-31 or 31.12.2026")


DB_OPTION = click.option(
    "--db",
    type=click.Path(path_type=Path),
    expose_value=False,
    callback=_store("db"),
    help="Database folder (default: $KUNDENBOARD_DB, else your data directory).",
)
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    expose_value=False,
    callback=_store("lang"),
    help="Language of labels, reasons, money and dates (default: de).",
)
RULES_OPTION = click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    expose_value=False,
    callback=_store("rules"),
    help="Rule set YAML (default: rules.yaml in the database folder, else the shipped one).",
)
AS_OF_OPTION = click.option(
    "--as-of",
    expose_value=False,
    callback=_parse_date,
    help="Compute metrics as of this date (default: today).",
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
    from kanban.board import UserError
    from kanban.domain.rules import RuleSetError
    from kanban.store import STORE_ERRORS

    errors: list[type[Exception]] = [UserError, RuleSetError, *STORE_ERRORS]
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
        where = f" (details in {path})"
    except OSError:
        where = ""
    return f"internal error: {error.__class__.__name__}: {error}{where} - please report it"
