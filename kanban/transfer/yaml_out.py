"""Writing the export's YAML: piece by piece, the facts one JSON line each, the same text as one dump.

PyYAML's C emitter (where libyaml is there) writes each piece; the pieces are
small, so the file (70 MB at 25,000 customers) is never in memory at once.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TextIO

import yaml

HEADER = "# kundenboard export - rebuild a database from it: kundenboard restore FILE --db NEW-FOLDER\n"


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_WIDTH = 1 << 20  # never fold a line: one fact a line, reason texts whole
# Line breaks a YAML reader turns into "\n" inside block and quoted scalars: such text is
# written double-quoted, where they are escaped, so it comes back unchanged.
_NON_LF_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


class Row(dict):
    """A mapping written on one line: a fact, a reason."""


class Inline(list):
    """A short list written on one line: tags."""


class Stream:
    """A list the export writes item by item, each item made only then.

    At 25,000 customers the customer entries took 125 MB at once and the fact
    rows 45 MB. `make` gives a fresh iterator each time, so the data can be
    written twice (tests do). `count` is known without making the items.
    """

    def __init__(self, count: int, make: Callable[[], Iterator[Any]]) -> None:
        self.count, self.make = count, make

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        return self.make()


class ExportDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never `&id001` anchors, even if two records share an object


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = None
    if not text.isascii() or "\r" in text:
        if any(brk in text for brk in _NON_LF_BREAKS):
            style = '"'
    if style is None and "\n" in text:
        style = "|"  # notes and rule texts stay readable; the emitter quotes if a block cannot hold them
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


ExportDumper.add_representer(str, _represent_str)
ExportDumper.add_representer(Row, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, True))
ExportDumper.add_representer(Inline, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, True))
ExportDumper.add_representer(Stream, lambda d, data: d.represent_list(list(data)))


def dump_export(data: Mapping[str, Any]) -> str:
    """The export's text: keys in the order given, umlauts as they are."""
    out = io.StringIO()
    write_export_to(data, out)
    return out.getvalue()


def write_export_to(data: Mapping[str, Any], out: TextIO) -> None:
    """Write the export piece by piece: the customers one at a time, the facts one line each.

    PyYAML builds a node graph of everything it dumps; dumped whole, 25,000 customers
    took 2.5 GB. Each piece is dumped alone and indented to its place, which gives
    the same text as one dump of the whole.
    """
    out.write(HEADER)
    for key, value in data.items():
        if key == "columns" and isinstance(value, dict) and value:
            out.write(_key_line(key))
            for column, entries in value.items():
                _write_items(out, column, entries, "  ")
        elif key == "facts" and isinstance(value, dict) and value:
            out.write(_key_line(key))
            for kind, table in value.items():
                _write_table(out, kind, table)
        else:
            out.write(_dump({key: value}))


def _dump(data: Any) -> str:
    """One piece of the export, without the `...` PyYAML ends a document with after a `|+` block: more follows."""
    text = yaml.dump(
        data, Dumper=ExportDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=_WIDTH
    )
    return text[:-4] if text.endswith("\n...\n") else text


def _key_line(key: Any, indent: str = "") -> str:
    """`key:` as YAML writes it above a block (quoted if it must be)."""
    return indent + _dump({key: [None]}).split("\n", 1)[0] + "\n"


def _indented(text: str, indent: str) -> str:
    """Text dumped alone, moved to its place; empty lines stay empty, as in a block scalar dumped in place."""
    return "".join(indent + line if line != "\n" else line for line in text.splitlines(keepends=True))


def _write_items(out: TextIO, key: Any, items: Any, indent: str) -> None:
    """`key:` and a list below it, one item dumped at a time."""
    if not isinstance(items, list | Stream) or not items:
        out.write(_indented(_dump({key: items}), indent))
        return
    out.write(_key_line(key, indent))
    for item in items:
        out.write(_indented(_dump_item(item), indent))


def _dump_item(item: Any) -> str:
    """A list item as `- ...`; a customer's metrics written directly, as YAML would (the bulk of the dump time)."""
    metrics = item.get("metrics") if isinstance(item, dict) and next(iter(item), None) != "metrics" else None
    lines = _metric_lines(metrics) if isinstance(metrics, dict) and metrics else None
    if lines is None:
        return _dump([item])
    keys = list(item)
    at = keys.index("metrics")
    head = _dump([{k: item[k] for k in keys[:at]}])
    tail = _indented(_dump({k: item[k] for k in keys[at + 1 :]}), "  ") if at + 1 < len(keys) else ""
    return head + "  metrics:\n" + lines + tail


_PLAIN_KEYS: dict[str, bool] = {}


def _metric_lines(metrics: dict[Any, Any]) -> str | None:
    """`name: value` lines exactly as PyYAML writes them; None for anything but plain names and numbers."""
    lines = []
    for name, value in metrics.items():
        plain = _PLAIN_KEYS.get(name) if isinstance(name, str) else False
        if plain is None:
            plain = _PLAIN_KEYS[name] = _dump({name: 0}) == f"{name}: 0\n"
        kind = type(value)
        if not plain or kind not in (float, int, type(None)) or (kind is float and not math.isfinite(value)):
            return None
        text = "null" if value is None else repr(value).lower()
        if kind is float and "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)  # as PyYAML's represent_float
        lines.append(f"    {name}: {text}\n")
    return "".join(lines)


def _write_table(out: TextIO, kind: Any, table: Any) -> None:
    """A fact table: its column names, then one row a line, written as JSON that YAML reads alike."""
    rows = table.get("rows") if isinstance(table, dict) else None
    if not isinstance(rows, list | Stream) or not rows:
        out.write(_indented(_dump({kind: table}), "  "))
        return
    out.write(_key_line(kind, "  "))
    for key, value in table.items():
        if key != "rows":
            out.write(_indented(_dump({key: value}), "    "))
            continue
        out.write("    rows:\n")
        for row in rows:
            line = _json_row(row)
            if line is not None:
                out.write(f"    - {line}\n")
            elif isinstance(row, list):  # a value JSON cannot say as YAML reads it (1e+16, .inf): YAML's words
                out.write(_indented(_dump([Inline(row)]), "    "))
            else:
                out.write(_indented(_dump([row]), "    "))


# Characters a YAML reader takes for line breaks or refuses, written as \u escapes (JSON and YAML both read those).
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _json_row(row: Any) -> str | None:
    """A row as a JSON array that any YAML reader reads as the same values; None if it holds something else."""
    if not isinstance(row, list):
        return None
    for value in row:
        kind = type(value)
        if kind is float:
            if not math.isfinite(value) or (value and not 1e-4 <= abs(value) < 1e16):
                return None  # JSON writes 1e+16, which YAML 1.1 reads as text: YAML writes 1.0e+16
        elif kind not in (str, int, bool, type(None)):
            return None
    text = json.dumps(row, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _ESCAPE.search(text) else text
