"""Printing results as a table for people or as JSON / YAML for scripts."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Iterable, Sequence
from typing import Any

import click
import orjson
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
        click.echo(json_text(data))
    else:
        click.echo(dump_yaml(data), nl=False)


# Where orjson writes a float otherwise than json: "0.00001" for 1e-05, a one-digit exponent "1e-7" for 1e-07.
# Looked for after a plain search for "e-": a regex run over all the text stopped at every "e" of every word.
_SHORT_EXPONENT = re.compile(rb"\de-\d(?!\d)")


def json_text(data: Any) -> str:
    """The text of `json.dumps(data, ensure_ascii=False, indent=2)`, made by orjson's C encoder.

    json's own encoder runs in Python once it indents. Where orjson would write
    otherwise (ints past 64 bits, keys that are not strings, tiny floats, NaN
    and infinity, or text that merely looks like them), json writes it.
    """
    try:
        encoded = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except TypeError:
        return json.dumps(data, ensure_ascii=False, indent=2)
    if _float_written_otherwise(encoded) or (b"null" in encoded and not _finite(data)):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return encoded.decode()


def _float_written_otherwise(encoded: bytes) -> bool:
    """Whether orjson wrote a float as json would not (or text that looks like one: then json writes it all)."""
    if b"0.0000" in encoded:
        return True
    at = encoded.find(b"e-")
    while at != -1:
        if at and _SHORT_EXPONENT.match(encoded, at - 1):
            return True
        at = encoded.find(b"e-", at + 2)
    return False


def _finite(data: Any) -> bool:
    """No NaN or infinity inside (orjson writes them as null, json as NaN): asked of json's C encoder."""
    try:
        json.dumps(data, allow_nan=False)
    except ValueError:
        return False
    return True


_BATCH = 500  # records per write and per encoding: a `click.echo` or a check of the text per record cost more


def emit_records(records: Iterable[Any], fmt: str) -> None:
    """A list, written a batch of records at a time: the same text as `emit_data(list(records))`, without
    holding every record at once."""
    if fmt != "json":
        empty = True
        for record in records:
            click.echo(dump_yaml([record]), nl=False)
            empty = False
        if empty:
            emit_data([], fmt)
        return
    opening = "[\n"
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, _BATCH)):
        # The batch as a list is "[\n" + its records, indented and joined by ",\n", + "\n]": the list's inside.
        click.echo(opening + json_text(batch)[2:-2], nl=False)
        opening = ",\n"
    click.echo("[]" if opening == "[\n" else "\n]")


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
