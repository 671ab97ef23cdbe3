"""Reading an export's YAML: the long lists in bulk, the small rest as one YAML document.

An export as `export` writes it is mostly two long lists: the customers of each
column (with what the board showed, which a restore never reads) and the fact
tables, one JSON array a line. Those are taken out of the text and read in bulk:
a fact table with one JSON decode, a customer's one-line fields with a few
regular expressions and PyYAML's own resolver. What is left (a few hundred lines
and blank lines where the lists were, so every line keeps its number) is loaded
with libyaml. A customer written otherwise is loaded with libyaml on its own; a
file whose lists are not where the rest of the file says they are is read as one
YAML document, whose errors name the line as a YAML reader sees it.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kanban.lines import MAX_LINE, overlong_line
from kanban.texts import text as catalogue_text
from kanban.transfer.errors import RestoreError
from kanban.yaml_file import GuardedLoader, YamlFileError, decode, load

Loader = GuardedLoader  # safe loading only, ever; aliases refused
LineOf = Callable[[tuple[str | int, ...]], int | None]


def line_of_path(text: str, path: tuple[str | int, ...]) -> int | None:
    """The line of the node at `path`, found by parsing again: only ever done for a file with a problem."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == str(part)), None)
            if pair is None:
                break
            node, line = pair[1], pair[0].start_mark.line + 1  # the key's line: a list value starts below it
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def read_export(source: Path) -> tuple[Any, LineOf]:
    """The export's data, and how to find the line of a path in it.

    The long lists of an export are read in bulk (see the module's docstring);
    a file they cannot be taken out of is read as one YAML document instead.
    """
    try:
        raw = _read_lines_limited(source)
    except FileNotFoundError:
        raise RestoreError(catalogue_text("errors.restore_no_file", source=source)) from None
    except OSError as error:
        raise RestoreError(catalogue_text("errors.restore_unreadable", source=source, reason=error.strerror)) from None
    _check_utf8(source, raw)
    read = _read_in_bulk(source, raw)
    del raw
    return read if read is not None else read_whole(source)


def _read_lines_limited(source: Path) -> bytes:
    """The file's bytes, read a piece at a time: one line longer than MAX_LINE stops it there, by its number."""
    pieces: list[bytes] = []
    with source.open("rb") as handle:
        line = overlong_line(handle, kept=pieces)
    if line is not None:
        raise RestoreError(catalogue_text("records.line_too_long", where=f"{source}:{line}", limit=MAX_LINE >> 20))
    return b"".join(pieces)


def _check_utf8(source: Path, raw: bytes) -> None:
    """Refuse bytes that are not UTF-8, naming their line; decoded a piece at a time, as the text is not kept."""
    if raw.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(raw), _PIECE):
        try:
            decoder.decode(raw[start : start + _PIECE], final=start + _PIECE >= len(raw))
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, max(start + error.start, 0)) + 1
            raise RestoreError(catalogue_text("errors.restore_not_utf8", where=f"{source}:{line}")) from None


_PIECE = 1 << 22


def read_whole(source: Path) -> tuple[Any, LineOf]:
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise RestoreError(catalogue_text("errors.restore_unreadable", source=source, reason=error.strerror)) from None
    try:
        text = decode(raw, bom=False)
    except YamlFileError as error:
        raise RestoreError(catalogue_text("errors.restore_not_utf8", where=f"{source}:{error.line}")) from None
    try:
        data = load(text)
    except YamlFileError as error:
        where = f"{source}:{error.line}" if error.line else str(source)
        raise RestoreError(catalogue_text("errors.restore_invalid", where=where, problem=error.problem)) from None
    return data, lambda path: line_of_path(text, path)


# --- fact rows ------------------------------------------------------------------------------

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abAB]")
_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?")
_EXPONENT = re.compile(rb"[eE](?<=[0-9][eE])")  # looked for from the letter: far fewer places to try
# Put between the rows of a table read in one decode; a table with this text in it is read line by line.
_SEPARATOR = b'"\\u0000"'


def _yaml_float(text: str) -> float:
    if not _YAML_FLOAT.fullmatch(text):
        raise ValueError(text)  # YAML 1.1 reads 1e5 or 1.0e5 as text: let YAML read the line
    return float(text)


def _no_constant(text: str) -> Any:
    raise ValueError(text)  # NaN, Infinity: text to YAML


# One decoder for every row: json.loads with these hooks would build a decoder per row.
_ROW_DECODER = json.JSONDecoder(parse_float=_yaml_float, parse_constant=_no_constant)
# Without an exponent every JSON number reads as YAML reads it: floats are then left to the C scanner.
_PLAIN_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _reads_as_json(text: bytes) -> bool:
    """Whether YAML reads these rows (UTF-8) as JSON does: not with a character YAML counts, reads or refuses
    otherwise (tab, carriage return, DEL, C1 controls, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF), nor with a
    surrogate escape; a row with one is read by YAML."""
    if b"\t" in text or b"\r" in text:
        return False
    if b"\x7f" in text or (b"\\u" in text and _SURROGATE_ESCAPE.search(text)):
        return False
    return text.isascii() or not any(pattern.search(text) for pattern in _NOT_PLAIN_BEYOND_ASCII)


def parse_row(text: str) -> Any:
    """One row line as a YAML reader reads it: JSON where that gives the same, else YAML; raises on neither."""
    if _reads_as_json(text.encode("utf-8", "surrogatepass")):
        try:
            return _ROW_DECODER.decode(text)
        except ValueError:
            pass
    if not text.startswith("["):
        raise ValueError(text)
    return yaml.load(text, Loader=Loader)


class RowLines:
    """A fact table's rows as the bytes of their lines (`    - ` taken off), parsed when checked."""

    def __init__(self, start: int, text: bytes) -> None:
        self.start, self.text = start, text  # where its first line starts in the file

    def rows(self) -> list[Any]:
        """Every row, as YAML reads it: all lines in one JSON decode where JSON reads them alike, else line by line.

        Raises ReadWhole for a row that cannot be read on its own line.
        """
        count = self.text.count(b"\n") + 1
        if _reads_as_json(self.text) and _SEPARATOR not in self.text:
            decoder = _ROW_DECODER if _EXPONENT.search(self.text) else _PLAIN_DECODER
            joined = b"[" + self.text.replace(b"\n    - ", b"," + _SEPARATOR + b",") + b"]"
            try:
                read = decoder.decode(joined.decode("utf-8"))
            except ValueError:
                pass  # a comment, a YAML-only value: the lines one by one say which
            else:
                # Each line one value: then every separator is read between two values, none inside one.
                if len(read) == 2 * count - 1 and read[1::2].count("\x00") == count - 1:
                    return read[::2]
        return list(self._each())

    def _each(self) -> Iterator[Any]:
        for line in self.text.split(b"\n    - "):
            try:
                yield parse_row(line.decode("utf-8"))
            except (ValueError, yaml.YAMLError):
                raise ReadWhole from None


class ReadWhole(Exception):
    """A row that cannot be read on its own line: the file is read as one YAML document, which names the problem."""


# --- customers ------------------------------------------------------------------------------

# A customer's metrics and suggestion as `export` writes them: what the board showed, which a restore
# recomputes. Lines of this shape are left unparsed (most of an export's lines); any other
# line there has the customer parsed by YAML.
_DISPLAY_LINE = (
    r"      (?:[a-z_][a-z0-9_]*+: (?:null|-?[0-9][0-9.]*+(?:e[-+][0-9]++)?|-?\.inf|\.nan|[a-z_][a-z0-9_]*+)"
    r"|(?:reasons|not_evaluated):(?: \[\])?|- \{rule: [a-z0-9_]++, .*\})"
)
_DISPLAY = rb"    (?:metrics|suggestion):\n(?:" + _DISPLAY_LINE.encode() + rb"\n)*"
_DISPLAY_LINE_TEXT = re.compile(_DISPLAY_LINE)
# A customer written one field a line, each value on its line; its display blocks last.
_CUSTOMER = re.compile(rb"  - ([a-z_]+): ([^\n]+)\n((?:    [a-z_]+: [^\n]+\n)*)((?:" + _DISPLAY + rb")*)")
_FIELD = re.compile(r"    ([a-z_]+): ([^\n]+)")
# After a customer: the next one, the next column, the next top-level key, or the end.
_AFTER_ITEM = re.compile(rb"  - |  [^ #\n]|[^ #\n]|\Z")
# Where a customer written otherwise ends (its lines, comments and blank lines go with it).
_ITEM_END = re.compile(rb"\n(?=  - |  [^ #\n]|[^ #\n])")
_SINGLE_QUOTED = re.compile(r"'(?:[^'\n]|'')*'")
# A plain scalar on one line that PyYAML scans as written: no comment, no ": ", no tab, no indicator first.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\t:#]*(?<! )")
_RESOLVERS = Loader.yaml_implicit_resolvers
_NOT_READ = object()


@functools.lru_cache(maxsize=1024)
def _is_text(plain: str) -> bool:
    """Whether PyYAML resolves the plain scalar to text (not a number, date, true/false or null)."""
    return not any(regexp.match(plain) for _, regexp in _RESOLVERS.get(plain[0], ()))


@functools.lru_cache(maxsize=4096)
def _loaded(value: str) -> Any:
    """A one-line value that is not plain text, read by YAML as the value of a key (cached: most are the
    same few, null, false, []); _NOT_READ when YAML does not read it as one value there."""
    try:
        loaded = yaml.load("key: " + value, Loader=Loader)
    except yaml.YAMLError:
        return _NOT_READ
    if not isinstance(loaded, dict) or list(loaded) != ["key"] or isinstance(loaded["key"], dict):
        return _NOT_READ
    return loaded["key"]


@functools.lru_cache(maxsize=4096)
def _value(value: str) -> Any:
    """A one-line value as YAML reads it; cached, as most are the same few (false, null, '', a tag list)."""
    if value[0] == "'" and _SINGLE_QUOTED.fullmatch(value):
        return value[1:-1].replace("''", "'")
    if _PLAIN.fullmatch(value) and (value[0] not in _RESOLVERS or _is_text(value)):
        return value
    return _loaded(value)  # a list in it is shared by the customers with the same line: the checks copy it


def _customer(match: re.Match[bytes]) -> dict[str, Any] | None:
    """The fields of a customer matched by _CUSTOMER; None if one is not read here alike."""
    fields = {}
    for key, value in ((match[1].decode(), match[2].decode()), *_FIELD.findall(match[3].decode())):
        if not _is_text(key):
            return None
        read = _value(value)
        if read is _NOT_READ:
            return None
        fields[key] = read  # a key given twice: the last one counts, as in YAML
    return fields


def _customer_by_yaml(chunk: str) -> Any:
    """A customer written otherwise, loaded by YAML on its own; _NOT_READ if it does not stand alone."""
    lines = _without_display(chunk.rstrip("\n").split("\n"))
    try:
        item = yaml.load(_dedent(lines), Loader=Loader)
    except yaml.YAMLError:
        return _NOT_READ
    if not isinstance(item, list) or len(item) != 1:
        return _NOT_READ
    customer = item[0]
    if isinstance(customer, dict):  # what the board showed: a restore recomputes it
        customer.pop("metrics", None)
        customer.pop("suggestion", None)
    return customer


def _without_display(lines: list[str]) -> list[str]:
    """The customer's lines without metrics and suggestion in the shape written (parsed as YAML otherwise)."""
    kept: list[str] = []
    at = 0
    while at < len(lines):
        if lines[at] in ("    metrics:", "    suggestion:"):
            end = at + 1
            while end < len(lines) and lines[end].startswith("      "):
                end += 1
            if all(_DISPLAY_LINE_TEXT.fullmatch(line) for line in lines[at + 1 : end]):
                at = end
                continue
        kept.append(lines[at])
        at += 1
    return kept


def _dedent(lines: list[str]) -> str:
    """A customer's lines as a list of one: its two spaces of indent removed (comments may sit further left)."""
    return "".join((line[2:] if line.startswith("  ") else line.lstrip(" ")) + "\n" for line in lines)


# --- the file taken apart -------------------------------------------------------------------

# The file is taken apart as bytes: as a str, a text with one euro sign in it takes two bytes a character.
# What a YAML reader counts or reads otherwise than the patterns here (other line breaks, tabs, characters
# it refuses, a byte order mark inside) has the file read whole.
_ASCII_OK = bytes(byte for byte in range(256) if byte == 0x0A or 0x20 <= byte < 0x7F or byte >= 0x80)
# In UTF-8: C1 controls (U+0085 a line break among them), U+2028 and U+2029, U+FEFF, U+FFFE and U+FFFF.
# Three patterns, each starting with a fixed byte, are searched far faster than one alternation.
_NOT_PLAIN_BEYOND_ASCII = (
    re.compile(rb"\xc2[\x80-\x9f]"),
    re.compile(rb"\xe2\x80[\xa8\xa9]"),
    re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"),
)
_BOM = b"\xef\xbb\xbf"
_COLUMNS = re.compile(rb"^columns:\n", re.MULTILINE)
_COLUMN = re.compile(rb"  ([a-z_]+):\n")
_COMMENTS = re.compile(rb"(?:[ ]*+(?:#[^\n]*+)?\n)*+")  # blank lines and comment lines
_ROWS_KEY = b"\n    rows:\n    - "
_ROWS_END = re.compile(rb"\n(?!    - )")


def _plain(raw: bytes) -> bool:
    """Whether the file has only characters the patterns here read as a YAML reader does."""
    if raw.translate(None, _ASCII_OK):
        return False
    start = 3 if raw.startswith(_BOM) else 0
    return raw.isascii() or not any(pattern.search(raw, start) for pattern in _NOT_PLAIN_BEYOND_ASCII)


@dataclass
class _Block:
    """A long list taken out of the text: a column's customers, or a fact table's rows."""

    marker: str
    key_end: int  # where the line of its key ends (the marker goes there)
    end: int  # just past its last line
    column: str | None  # a column's name; None for rows
    customers: list[Any] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # each customer's bytes
    rows: RowLines | None = None
    path: tuple[str, ...] = ()


class _Pieces:
    """The export's bytes taken apart: its long lists read in bulk, the rest as YAML."""

    def __init__(self, source: Path, raw: bytes) -> None:
        self.source, self.raw = source, raw
        self.nonce = secrets.token_hex(8)
        self.blocks: list[_Block] = []
        self.skeleton = ""

    def _marker(self) -> str:
        return f"kundenboard-stream-{self.nonce}-{len(self.blocks)}"

    def take_columns(self) -> bool:
        """Each column's customers; False if one of them does not stand alone as YAML."""
        found = _COLUMNS.search(self.raw)
        if found is None:
            return True
        raw, at = self.raw, found.end()
        while raw[at : at + 1] in (b" ", b"#", b"\n"):  # the columns' lines, up to the next top-level key
            column = _COLUMN.match(raw, at)
            if column is None or not raw.startswith(b"  - ", _past_comments(raw, column.end())):
                at = raw.find(b"\n", at) + 1 or len(raw)
                continue
            block = _Block(self._marker(), column.end() - 1, column.end(), column[1].decode())
            if not self._take_customers(block):
                return False
            self.blocks.append(block)
            at = block.end
        return True

    def _take_customers(self, block: _Block) -> bool:
        raw = self.raw
        at = _past_comments(raw, block.end)
        while raw.startswith(b"  - ", at):
            match = _CUSTOMER.match(raw, at)
            after = _past_comments(raw, match.end()) if match else at
            customer = _customer(match) if match and _AFTER_ITEM.match(raw, after) else None
            if customer is not None and match is not None:
                end = match.end()
            else:
                found = _ITEM_END.search(raw, at)
                end = after = found.start() + 1 if found else len(raw)
                customer = _customer_by_yaml(raw[at:end].decode("utf-8"))
                if customer is _NOT_READ:
                    return False
            block.customers.append(customer)
            block.spans.append((at, end))
            at = after
        block.end = at
        return True

    def take_rows(self) -> None:
        """Each fact table's rows: the lines after `    rows:` that start with `    - `."""
        raw = self.raw
        found = raw.find(_ROWS_KEY)
        while found >= 0:
            start = found + len(_ROWS_KEY) - 6  # the first row's line
            end = _ROWS_END.search(raw, start)
            stop = end.start() + 1 if end else len(raw)
            rows = RowLines(start, raw[start + 6 : stop].rstrip(b"\n"))
            self.blocks.append(_Block(self._marker(), start - 1, stop, None, rows=rows))
            found = raw.find(_ROWS_KEY, stop - 1)

    def build_skeleton(self) -> bool:
        """The text without the blocks (blank lines instead, the marker on each key's line); False if they overlap."""
        self.blocks.sort(key=lambda block: block.key_end)
        pieces, last = [], 0
        for block in self.blocks:
            if block.key_end < last:
                return False
            newlines = self.raw.count(b"\n", block.key_end, block.end)
            pieces += [self.raw[last : block.key_end], f" '{block.marker}'".encode(), b"\n" * newlines]
            last = block.end
        pieces.append(self.raw[last:])
        self.skeleton = b"".join(pieces).decode("utf-8")
        return True

    def resolve(self) -> Any:
        """The skeleton loaded, each block put back where its marker is; _NOT_READ to read the file whole."""
        try:
            data = yaml.load(self.skeleton, Loader=Loader)
        except yaml.YAMLError:
            return _NOT_READ  # read whole, the error names the line as the reader sees it
        for block in self.blocks:
            value: Any
            if block.column is not None:
                parent, key, value = _at(data, "columns"), block.column, block.customers
                block.path = ("columns", block.column)
            else:
                facts, key, value = _at(data, "facts"), "rows", block.rows
                tables = facts.items() if isinstance(facts, dict) else ()
                kind, parent = next(((k, t) for k, t in tables if _at(t, "rows") == block.marker), (None, None))
                block.path = ("facts", str(kind), "rows")
            if not isinstance(parent, dict) or parent.get(key) != block.marker:
                return _NOT_READ
            parent[key] = value
        return data

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        for block in self.blocks:
            size = len(block.path)
            index = path[size] if path[:size] == block.path and len(path) > size else None
            if not isinstance(index, int):
                continue
            raw = _lines_as_read(self.source.read_bytes())  # read again: only ever for a file with a problem
            if block.rows is not None:
                return raw.count(b"\n", 0, block.rows.start) + 1 + index
            start, end = block.spans[index]
            lines = raw[start:end].decode("utf-8").rstrip("\n").split("\n")
            inner = line_of_path(_dedent(lines), (0, *path[size + 1 :]))
            return raw.count(b"\n", 0, start) + (inner or 1)
        return line_of_path(self.skeleton, path)


def _past_comments(raw: bytes, at: int) -> int:
    """Where the text goes on after the blank and comment lines at `at`."""
    found = _COMMENTS.match(raw, at)
    return found.end() if found else at


def _at(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _lines_as_read(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n") if b"\r" in raw else raw  # a line break to YAML, as "\n" is


def _read_in_bulk(source: Path, raw: bytes) -> tuple[Any, LineOf] | None:
    """The export read with its long lists in bulk; None when it must be read as one YAML document."""
    raw = _lines_as_read(raw)  # a lone carriage return is left, and has the file read whole
    if not _plain(raw):
        return None
    pieces = _Pieces(source, raw)
    if not pieces.take_columns():
        return None
    pieces.take_rows()
    if not pieces.build_skeleton():
        return None
    pieces.raw = b""  # the rows and customers are out of it; a problem's line reads the file again
    data = pieces.resolve()
    return None if data is _NOT_READ else (data, pieces.line_of)
