"""Writing the export's YAML: piece by piece, the facts one JSON line each, the same text as one dump.

PyYAML's C emitter (where libyaml is there) writes each piece; the pieces are
small, so the file (tens of MB for a large board) is never in memory at once. A
customer's entry is written directly (`_Direct`) wherever its text is certain,
since PyYAML's representer, which is Python even under the C emitter, was half
the export; the text is the same either way.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TextIO

import yaml

from kanban.plain_json import plain_encoder

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

    Made at once, a large board's customer entries and fact rows would be
    held in memory together. `make` gives a fresh iterator each time, so the data can be
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

    PyYAML builds a node graph of everything it dumps; dumped whole, a large board
    takes gigabytes. Each piece is dumped alone and indented to its place, which gives
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
        out.write(_dump_item(item, indent))


def _dump_item(item: Any, indent: str = "") -> str:
    """A list item as `- ...` at `indent`: written directly where every value is one _Direct can write (already
    at its place, not moved there line by line), else by PyYAML."""
    if type(item) is dict and item:
        lines = _Direct.mapping(item, indent + "  ")
        if lines is not None:
            return indent + "- " + lines[len(indent) + 2 :]
    return _indented(_dump_item_by_yaml(item), indent)


def _dump_item_by_yaml(item: Any) -> str:
    """A list item as `- ...`; a customer's metrics written directly, as YAML would."""
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


def _metric_lines(metrics: dict[Any, Any], indent: str = "    ") -> str | None:
    """`name: value` lines exactly as PyYAML writes them; None for anything but plain names and numbers."""
    lines = []
    for name, value in metrics.items():
        plain = _PLAIN_KEYS.get(name) if type(name) is str else False
        if plain is None:
            plain = _PLAIN_KEYS[name] = _dump({name: 0}) == f"{name}: 0\n"
        if not plain:
            return None
        kind = type(value)
        if kind is float:
            text = repr(value)  # lower case already; PyYAML's represent_float writes the same but for:
            if "e" in text or "n" in text:
                if not math.isfinite(value):
                    return None  # .inf, .nan
                if "." not in text:
                    text = text.replace("e", ".0e", 1)  # 1e+16 as 1.0e+16
        elif value is None:
            text = "null"
        elif kind is int:
            text = repr(value)
        else:
            return None
        lines.append(f"{indent}{name}: {text}\n")
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
        iterator = iter(rows)
        while batch := list(itertools.islice(iterator, _ROWS_AT_ONCE)):
            lines = _json_rows(batch)
            if lines is not None:
                out.write("    - " + "\n    - ".join(lines) + "\n")
                continue
            for row in batch:
                _write_row(out, row)


def _write_row(out: TextIO, row: Any) -> None:
    line = _json_row(row)
    if line is not None:
        out.write(f"    - {line}\n")
    elif isinstance(row, list):  # a value JSON cannot say as YAML reads it (1e+16, .inf): YAML's words
        out.write(_indented(_dump([Inline(row)]), "    "))
    else:
        out.write(_indented(_dump([row]), "    "))


_encode_row = plain_encoder(", ", ": ")  # a row as the export writes it: [1, "a"]
# Characters a YAML reader takes for line breaks or refuses, written as \u escapes (JSON and YAML both read those).
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_ROW_TYPES = frozenset({str, int, float, bool, type(None)})


def _json_row(row: Any) -> str | None:
    """A row as a JSON array that any YAML reader reads as the same values; None if it holds something else."""
    if not isinstance(row, list) or not _ROW_TYPES.issuperset(map(type, row)):
        return None
    text = _encode_row(row)
    # JSON writes a float with an exponent as 1e+16, which YAML 1.1 reads as text (YAML writes 1.0e+16), and
    # .inf as Infinity: such rows, or rows with text that looks so, have their numbers looked at one by one.
    if _may_hold_json_only_numbers(text) and not _plain_numbers(row):
        return None
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _ESCAPE.search(text) else text


_ROWS_AT_ONCE = 1000


def _json_rows(rows: list[Any]) -> list[str] | None:
    """Many rows as `_json_row` writes each, from one call of the encoder; None if one of them needs a look of its
    own (a number with an exponent, a character to escape, a text that looks so, a row that is not a list).

    The rows' text is cut between rows at "], [": where that occurs once less than there are rows, no text
    holds it, so each piece is one row.
    """
    if not all(type(row) is list for row in rows) or not _ROW_TYPES.issuperset(
        map(type, itertools.chain.from_iterable(rows))
    ):
        return None
    text = _encode_row(rows)
    if _may_hold_json_only_numbers(text) or _ESCAPE.search(text):
        return None
    inner = text[2:-2].split("], [")  # [[a, b], [c, d]] -> "a, b" and "c, d"
    if len(inner) != len(rows):
        return None
    return ["[" + line + "]" for line in inner]


def _may_hold_json_only_numbers(text: str) -> bool:
    """Whether JSON text may hold a number YAML reads otherwise (1e+16, 1e-05, NaN, Infinity), or text like one."""
    return "e+" in text or "e-" in text or "NaN" in text or "Infinity" in text


def _plain_numbers(row: list[Any]) -> bool:
    """Whether every float of the row is finite and written by JSON without an exponent."""
    return all(
        type(value) is not float or (math.isfinite(value) and (not value or 1e-4 <= abs(value) < 1e16)) for value in row
    )


class _Direct:
    """A customer's entry written as PyYAML writes it, without building its node graph (the bulk of the dump time).

    Only the shapes and scalars whose text is certain are written here: plain names,
    numbers, and strings that are plain or single-quoted by rules PyYAML's emitter
    cannot decide otherwise. Anything else (a line break, a control character, a
    string whose style is not certain) returns None, and PyYAML writes the entry.
    """

    # A plain scalar: no indicator first, none inside (`:` and `#` anywhere, in flow also `,?[]{}`).
    PLAIN_BLOCK = re.compile("[A-Za-z0-9_(\u00a0-\ud7ff][^:#]*\\Z")
    PLAIN_FLOW = re.compile("[A-Za-z0-9_(\u00a0-\ud7ff][^:#,?\\[\\]{}]*\\Z")
    # Printable for the emitter with allow_unicode, no line break: single quotes hold it as it is.
    QUOTABLE = re.compile(r"[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff]*\Z")
    STR_TAG = "tag:yaml.org,2002:str"
    resolver = yaml.resolver.Resolver()
    keys: dict[str, bool] = {}
    # How each string was written, by context: rule ids, columns, tags and many reason texts repeat.
    # Emptied when full, so that an export of many customers does not keep every name.
    written: tuple[dict[str, str | None], dict[str, str | None]] = ({}, {})
    WRITTEN_KEPT = 20_000

    @classmethod
    def scalar(cls, value: Any, flow: bool) -> str | None:
        kind = type(value)
        if kind is str:
            return cls.string(value, flow)
        if value is None:
            return "null"
        if kind is bool:
            return "true" if value else "false"
        if kind is int:
            return str(value)
        if kind is float and math.isfinite(value):
            text = repr(value).lower()
            return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
        return None

    @classmethod
    def string(cls, text: str, flow: bool) -> str | None:
        written = cls.written[flow]
        if text in written:
            return written[text]
        if len(written) >= cls.WRITTEN_KEPT:
            written.clear()
        result = written[text] = cls.decide(text, flow)
        return result

    @classmethod
    def decide(cls, text: str, flow: bool) -> str | None:
        if not cls.QUOTABLE.match(text):
            return None
        plain = cls.PLAIN_FLOW if flow else cls.PLAIN_BLOCK
        if plain.match(text) and not text.endswith(" ") and ": " not in text and " #" not in text:
            if cls.resolver.resolve(yaml.ScalarNode, text, (True, False)) == cls.STR_TAG:
                return text
            return "'" + text + "'"  # a word YAML reads as another type (yes, null)
        if cls.never_plain(text, flow):
            return "'" + text.replace("'", "''") + "'"
        return None

    @staticmethod
    def never_plain(text: str, flow: bool) -> bool:
        """Whether PyYAML's analysis forbids a plain scalar here for certain."""
        if not text or text[0] in " #,[]{}&*!|>'\"%@`" or text[-1] in " :":
            return True
        if ": " in text or " #" in text:
            return True
        return flow and any(mark in text for mark in ",?[]{}")

    @classmethod
    def plain_key(cls, key: Any) -> bool:
        """A key written as it is in both contexts; the few keys an export has are decided once each."""
        known = cls.keys.get(key) if type(key) is str else False
        if known is None:
            known = cls.keys[key] = " " not in key and cls.string(key, flow=True) == key
        return known

    @classmethod
    def mapping(cls, data: dict[Any, Any], indent: str) -> str | None:
        """`key: value` lines of a block mapping at `indent`."""
        out = []
        for key, value in data.items():
            if not cls.plain_key(key):
                return None
            text = cls.value(value, indent)
            if text is None:
                return None
            out.append(f"{indent}{key}:{text}")
        return "".join(out)

    @classmethod
    def value(cls, value: Any, indent: str) -> str | None:
        """What follows `key:` in a block mapping, up to and with its line break."""
        kind = type(value)
        if kind is Inline or kind is Row:
            text = cls.flow(value)
            return None if text is None else f" {text}\n"
        if kind is dict:
            if not value:
                return " {}\n"
            first = next(iter(value.values()))
            numbers = first is None or type(first) is float or type(first) is int  # metrics: the faster way
            text = _metric_lines(value, indent + "  ") if numbers else None
            text = text if text is not None else cls.mapping(value, indent + "  ")
            return None if text is None else "\n" + text
        if kind is list:
            return " []\n" if not value else cls.items(value, indent)
        text = cls.scalar(value, flow=False)
        return None if text is None else f" {text}\n"

    @classmethod
    def items(cls, values: list[Any], indent: str) -> str | None:
        """A block sequence below a key: PyYAML writes its dashes at the key's indent."""
        out = ["\n"]
        for item in values:
            if type(item) is Row or type(item) is Inline:
                text = cls.flow(item)
            else:
                text = cls.scalar(item, flow=False)
            if text is None:
                return None
            out.append(f"{indent}- {text}\n")
        return "".join(out)

    @classmethod
    def flow(cls, data: Row | Inline) -> str | None:
        """`{key: value, ...}` or `[a, b]` on one line."""
        parts = []
        if isinstance(data, Inline):
            for item in data:
                text = cls.scalar(item, flow=True)
                if text is None:
                    return None
                parts.append(text)
            return "[" + ", ".join(parts) + "]"
        if not data:
            return None
        for key, item in data.items():
            text = cls.scalar(item, flow=True)
            if text is None or not cls.plain_key(key):
                return None
            parts.append(f"{key}: {text}")
        return "{" + ", ".join(parts) + "}"
