"""`kundenboard audit`, `audit verify` and `forget`: the decisions on record, their integrity, erasure."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click

from kanban.board import Board, UserError
from kanban.cli.common import board_options, confirm, global_options, open_board, settings
from kanban.cli.output import FORMAT_OPTION, emit_data, emit_table
from kanban.domain import codec
from kanban.domain.audit import first_broken
from kanban.domain.erasure import confirmation_text, recorded_previous_head
from kanban.domain.formatting import format_date
from kanban.domain.model import Column, Decision, DecisionKind
from kanban.texts import text

HEADERS = ("no", "time", "customer", "from_to", "kind", "who", "reason")


def _parse_since(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise click.BadParameter(text("cli.not_a_date", value=value))


def _parse_column(ctx: click.Context, param: click.Parameter, value: str | None) -> Column | None:
    if value is None:
        return None
    try:
        return Column.parse(value)
    except ValueError:
        raise click.BadParameter(text("errors.unknown_column", value=value)) from None


# -- audit: the list ---------------------------------------------------------


@click.group(invoke_without_command=True)
@board_options
@click.option("--customer", help="Only this customer (number or unambiguous name; a pseudonym after forget).")
@click.option("--since", callback=_parse_since, help="Only decisions on or after this date (2026-10-01 or 01.10.2026).")
@click.option("--column", callback=_parse_column, help="Only moves into this column: ideal, watch or drop.")
@FORMAT_OPTION
@click.pass_context
def audit(ctx: click.Context, customer: str | None, since: dt.date | None, column: Column | None, fmt: str) -> None:
    """List the decisions on record, oldest first. `audit verify` checks that none was changed.

    Times are shown in your time zone (stored in UTC). json and yaml give the
    stored entries, hashes included, plus the customer's current name.
    """
    if ctx.invoked_subcommand is not None:
        if customer or since or column:
            raise click.UsageError(text("cli.audit.filters_with_verify"))
        return
    board = open_board(readonly=True)
    try:
        customer_id = _customer_id(board, customer) if customer else None
        names = {cid: view.customer.name for cid, view in board.views.items()}
        decisions = [d for d in board.decisions(customer_id) if _wanted(d, since, column)]
    finally:
        board.close()
    lang = settings().lang
    if fmt != "table":
        emit_data([_record(d, names) for d in decisions], fmt)
    elif not decisions:
        click.echo(text("cli.audit.none", lang))
    else:
        emit_table(
            [text(f"cli.audit.head.{h}", lang) for h in HEADERS], [_row(d, names, lang) for d in decisions], right=(0,)
        )


def _customer_id(board: Board, query: str) -> str:
    """Number or name via Board.find; a number that is only in the log (no record left) works too."""
    try:
        return board.find(query).customer.id
    except UserError:
        if board.decisions(query):
            return query
        raise


def _wanted(decision: Decision, since: dt.date | None, column: Column | None) -> bool:
    if since and decision.at.astimezone().date() < since:
        return False
    return not (column and (decision.to_column is not column or decision.kind is DecisionKind.ERASURE))


def _record(decision: Decision, names: Mapping[str, str]) -> dict[str, Any]:
    record = codec.decision_to_dict(decision)
    named = {"customer_name": names.get(decision.customer_id)}
    position = list(record).index("customer_id") + 1
    items = list(record.items())
    return dict(items[:position] + list(named.items()) + items[position:])


def _row(decision: Decision, names: Mapping[str, str], lang: str) -> list[str]:
    local = decision.at.astimezone()
    name = names.get(decision.customer_id)
    return [
        str(decision.id),
        f"{format_date(local.date(), lang)} {local:%H:%M}",
        f"{decision.customer_id} {name}" if name else decision.customer_id,
        f"{decision.from_column.label(lang)} → {decision.to_column.label(lang)}",
        text(f"cli.audit.kind.{decision.kind.value}", lang),
        decision.actor,
        decision.reason,
    ]


# -- audit verify --------------------------------------------------------------


@audit.command()
@global_options
@click.option(
    "--anchor",
    metavar="HASH",
    help="A head hash noted earlier (at least 8 characters): also check the log still contains it.",
)
def verify(anchor: str | None) -> None:
    """Check the whole hash chain; name the first broken entry and exit 1 if there is one."""
    from kanban.board import UnreadableLog, read_log

    path = settings().db_path
    if not path.is_dir():
        raise click.ClickException(text("cli.no_database", path=path))
    try:
        records = read_log(path)
    except UnreadableLog as error:
        click.echo(text("cli.verify.broken", problem=error))
        raise click.exceptions.Exit(1) from None
    problem = describe_break(records)
    if problem is None and anchor:
        problem = _anchor_problem(records, anchor)
    if problem is not None:
        click.echo(text("cli.verify.broken", problem=problem))
        raise click.exceptions.Exit(1)
    click.echo(verified_summary(records, anchor))


def describe_break(records: Sequence[Any]) -> str | None:
    """The first entry that breaks the chain, by id and line, and what is wrong with it."""
    for line, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not isinstance(record.get("id"), int):
            return text("cli.verify.not_an_entry", line=line)
    broken = first_broken(records)
    if broken is None:
        return None
    position = broken.position
    entry, line = records[position]["id"], position + 1
    if broken.changed:
        return text("cli.verify.changed", entry=entry, line=line)
    expected = records[position - 1]["id"] + 1 if position else 1
    later = {r["id"] for r in records[position + 1 :]}
    if entry != expected and expected in later:
        return text("cli.verify.out_of_order", entry=entry, line=line, expected=expected)
    if entry > expected:
        missing = f"#{expected}" if entry == expected + 1 else f"#{expected}-#{entry - 1}"
        return text("cli.verify.missing", missing=missing, line=line, entry=entry)
    return text("cli.verify.does_not_follow", entry=entry, line=line)


def _anchor_problem(records: Sequence[dict[str, Any]], anchor: str) -> str | None:
    anchor = anchor.strip().lower()
    if len(anchor) < 8:
        raise click.BadParameter(text("cli.verify.anchor_short"), param_hint="--anchor")
    if any(r["hash"].startswith(anchor) for r in records):
        return None
    erasure = next((r for r in records if (recorded_previous_head(r) or "").startswith(anchor)), None)
    if erasure is not None:
        # The head the erasure names is its predecessor's; a log that no longer holds it was changed before it.
        key = "records.anchor_across_reseal" if _resealed_unsalted(records, erasure) else "records.anchor_not_proven"
        return text(key, anchor=anchor, erasure=erasure["id"], entry=erasure["id"] - 1)
    return text("cli.verify.anchor_missing", anchor=anchor)


def _resealed_unsalted(records: Sequence[dict[str, Any]], erasure: dict[str, Any]) -> bool:
    """The erasure pseudonymised entries written before entries had a salt: it had to re-seal the chain."""
    return any(r["customer_id"] == erasure["customer_id"] and "salt" not in r and "sealed" not in r
               for r in records if r["id"] < erasure["id"])  # fmt: skip


def verified_summary(records: Sequence[dict[str, Any]], anchor: str | None = None) -> str:
    if not records:
        return text("cli.verify.empty")
    summary = text("cli.verify.ok", count=len(records), head=records[-1]["hash"][:12])
    erasures = [f"#{r['id']}" for r in records if r.get("kind") == DecisionKind.ERASURE.value]
    resealed = [f"#{r['id']}" for r in records if r.get("kind") == DecisionKind.ERASURE.value and not r.get("erased")]
    if resealed:
        summary += text("cli.verify.resealed", count=len(resealed), entries=", ".join(resealed))
    elif erasures:
        summary += "; " + text("records.erasures", erasures=", ".join(erasures))
    if anchor:
        found = next(r["id"] for r in records if r["hash"].startswith(anchor.strip().lower()))
        summary += "; " + text("records.anchor_found", anchor=anchor.strip().lower(), entry=found)
    return summary


# -- forget --------------------------------------------------------------------


def _interactive() -> bool:
    return sys.stdin.isatty()


@click.command()
@board_options
@click.argument("customer")
@click.option("--yes", is_flag=True, help="Do not ask; needed when there is no terminal to ask on.")
@click.option("--actor", default=None, help="Who carried out the erasure (default: your OS user name).")
def forget(customer: str, yes: bool, actor: str | None) -> None:
    """Erase CUSTOMER's personal data (GDPR Art. 17) and pseudonymise them in the audit log.

    CUSTOMER is the number or an unambiguous name. See README, "Audit log and personal data".
    """
    if not yes and not _interactive():
        raise click.ClickException(text("cli.forget.no_terminal"))
    board = open_board()
    try:
        view = board.find(customer)
        plan = board.plan_erasure(view.customer.id, actor)
        if not yes:
            click.echo(confirmation_text(plan, view.customer, board.facts(view.customer.id)))
            if not confirm(text("cli.forget.question")):
                click.echo(text("cli.nothing_changed"))
                raise click.exceptions.Exit(1)
        board.forget(plan)
    finally:
        board.close()
    click.echo(
        text(
            "cli.forget.done",
            old=plan.old_id,
            pseudonym=plan.pseudonym,
            name=plan.customer.name,
            entries=plan.entries_pseudonymised,
            reasons=plan.reasons_blanked,
            entry=plan.entry.id,
        )
    )


COMMANDS = [audit, forget]
