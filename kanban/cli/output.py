"""Printing results as a table for people or as JSON / YAML for scripts."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from typing import Any

import click
import yaml

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "yaml"]),
    default="table",
    show_default=True,
    help="Output format; json and yaml are stable for scripts.",
)

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data: Any) -> str:
    """Readable YAML in the key order given (no sorting), umlauts kept."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def emit_data(data: Any, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(dump_yaml(data), nl=False)


def emit_records(records: Iterable[Any], fmt: str) -> None:
    """A list, written one record at a time: the same text as `emit_data(list(records))`.

    `kundenboard suggest` at 25,000 customers writes 29 MB of JSON; made whole it
    took the command from 200 to 430 MB.
    """
    empty = True
    for record in records:
        if fmt == "json":
            # JSON escapes line breaks inside strings, so every line break is one of the layout: indent each
            # by hand (textwrap.indent took a quarter of `suggest` at 25,000 customers).
            item = "  " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            click.echo(("[\n" if empty else ",\n") + item, nl=False)
        else:
            click.echo(dump_yaml([record]), nl=False)
        empty = False
    if empty:
        emit_data([], fmt)
    elif fmt == "json":
        click.echo("\n]")


def emit_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> None:
    """A plain aligned table; columns whose index is in `right` align right (numbers)."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        padded = (c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        return "  ".join(padded).rstrip()

    click.echo(line(headers))
    click.echo("  ".join("-" * w for w in _rule_widths(headers, widths)))
    for row in rows:
        click.echo(line(row))


def _rule_widths(headers: Sequence[str], widths: Sequence[int]) -> list[int]:
    """The separator under each header: the last column's (free text such as a reason) ends at the terminal's
    edge, so one long reason does not make a line of dashes that wraps."""
    rules = list(widths)
    room = shutil.get_terminal_size().columns - sum(w + 2 for w in widths[:-1])
    rules[-1] = min(widths[-1], max(len(headers[-1]), room))
    return rules
