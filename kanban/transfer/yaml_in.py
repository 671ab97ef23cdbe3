"""Reading an export's YAML: the skeleton in one load, each customer alone, each fact row as JSON.

Anything that does not fit the shape `export` writes is read as one YAML
document instead, whose errors name the line as a YAML reader sees it.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kanban.lines import MAX_LINE, overlong_line
from kanban.texts import text as catalogue_text
from kanban.transfer.errors import RestoreError
from kanban.yaml_file import GuardedLoader, YamlFileError, decode, load

Loader = GuardedLoader  # safe loading only, ever; aliases refused


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


def read_export(source: Path) -> tuple[Any, Callable[[tuple[str | int, ...]], int | None]]:
    """The export's data, and how to find the line of a path in it.

    An export as `export` writes it is read in pieces: the skeleton in one YAML
    load, each customer in its own, each fact row with json.loads. Anything that
    does not fit that shape exactly is read as one YAML document instead.
    """
    try:
        with source.open("rb") as handle:
            overlong = overlong_line(handle)
        if overlong is not None:
            raise RestoreError(catalogue_text("records.line_too_long", where=f"{source}:{overlong}",
                                              limit=MAX_LINE >> 20))  # fmt: skip
        with source.open("rb") as handle:
            scan = _Scan(secrets.token_hex(8))
            if scan.read(source, handle):
                data = scan.resolve()
                if data is not None:
                    return data, scan.line_of
    except FileNotFoundError:
        raise RestoreError(catalogue_text("errors.restore_no_file", source=source)) from None
    except OSError as error:
        raise RestoreError(catalogue_text("errors.restore_unreadable", source=source, reason=error.strerror)) from None
    return read_whole(source)


def read_whole(source: Path) -> tuple[Any, Callable[[tuple[str | int, ...]], int | None]]:
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


_TOP_KEY = re.compile(r"([a-z_]+):")
_SUB_KEY = re.compile(r"  ([A-Za-z_][A-Za-z0-9_-]*):")
# Inside these a YAML reader counts lines differently, or reads JSON differently: such a file is read whole.
_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")
_NOT_JSON_AS_YAML = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff]|\\u[dD][89abAB]")
_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?")


def _yaml_float(text: str) -> float:
    if not _YAML_FLOAT.fullmatch(text):
        raise ValueError(text)  # YAML 1.1 reads 1e5 or 1.0e5 as text: let YAML read the line
    return float(text)


def _no_constant(text: str) -> Any:
    raise ValueError(text)  # NaN, Infinity: text to YAML


# One decoder for every row: json.loads with these hooks would build a decoder per row.
_ROW_DECODER = json.JSONDecoder(parse_float=_yaml_float, parse_constant=_no_constant)


def parse_row(text: str) -> Any:
    """One row line as a YAML reader reads it: JSON where that gives the same, else YAML; raises on neither."""
    if not _NOT_JSON_AS_YAML.search(text):
        try:
            return _ROW_DECODER.decode(text)
        except ValueError:
            pass
    if not text.startswith("["):
        raise ValueError(text)
    return yaml.load(text, Loader=Loader)


class RowLines:
    """A fact table's rows as the lines they were read from, parsed as they are checked."""

    def __init__(self, first_line: int, lines: list[str]) -> None:
        self.first_line, self.lines = first_line, lines

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[Any]:
        for text in self.lines:
            try:
                yield parse_row(text)
            except (ValueError, yaml.YAMLError):
                raise ReadWhole from None


class ReadWhole(Exception):
    """A row that cannot be read on its own line: the file is read as one YAML document, which names the problem."""


@dataclass
class _Block:
    """A long list read piece by piece: the customers of a column, or a fact table's rows."""

    path: tuple[str, ...]
    rows: bool
    marker: str
    first_line: int  # of its first item
    items: list[Any]  # customers: parsed; rows: their text
    spans: list[tuple[int, int]]  # customers: first and last line of each


class _Scan:
    """Splits an export into a small YAML skeleton and its long lists, line by line."""

    def __init__(self, nonce: str) -> None:
        self.nonce = nonce
        self.skeleton: list[str] = []
        self.blocks: list[_Block] = []
        self.source: Path | None = None
        self._chunk: list[str] = []
        self._chunk_start = 0

    def read(self, source: Path, handle: Any) -> bool:
        """False when the file must be read whole (a shape this reader does not take apart)."""
        self.source = source
        section, kind, pending, block = None, None, None, None
        inside: bytes | None = None  # how the lines of the block being read start: most lines of an export
        for number, raw in enumerate(handle, 1):
            if inside is not None and raw.startswith(inside):  # what _take would do with it, without the checks
                body = _decoded(raw, source, number).rstrip("\n").removesuffix("\r")
                if _ODD_BREAKS.search(body):
                    return False
                if block.rows:  # type: ignore[union-attr]
                    block.items.append(body[6:])  # type: ignore[union-attr]
                else:
                    self._chunk.append(body)
                self.skeleton.append("\n")
                continue
            line = _decoded(raw, source, number)
            body = line.rstrip("\n").removesuffix("\r")
            if _ODD_BREAKS.search(body):
                return False
            if pending is not None:
                path, index = pending
                pending = None
                if self._starts_item(body, path):
                    block = _Block(path, path[0] == "facts", f"kundenboard-stream-{self.nonce}-{len(self.blocks)}",
                                   number, [], [])  # fmt: skip
                    self.blocks.append(block)
                    inside = b"    - " if block.rows else b"    "
                    self.skeleton[index] = f"{self.skeleton[index].rstrip()} '{block.marker}'\n"
            if block is not None:
                taken = self._take(block, body, number)
                if taken is None:
                    return False
                if taken:
                    self.skeleton.append("\n")
                    continue
                block = inside = None
            self.skeleton.append(line)
            if body[:1] not in ("", " ", "#"):
                section, kind = (body[:-1] if _TOP_KEY.fullmatch(body) else None), None
            elif section == "columns" and _SUB_KEY.fullmatch(body):
                pending = (("columns", body.strip()[:-1]), len(self.skeleton) - 1)
            elif section == "facts" and _SUB_KEY.fullmatch(body):
                kind = body.strip()[:-1]
            elif section == "facts" and kind and body == "    rows:":
                pending = (("facts", kind, "rows"), len(self.skeleton) - 1)
        return block is None or self._close(block)

    @staticmethod
    def _starts_item(body: str, path: tuple[str, ...]) -> bool:
        return body.startswith("    - [") if path[0] == "facts" else body.startswith("  - ")

    def _take(self, block: _Block, body: str, number: int) -> bool | None:
        """Whether the line belongs to the block; None when it cannot be read apart from the rest."""
        if block.rows:
            if not body.startswith("    - "):
                return False
            block.items.append(body[6:])  # parsed once, when checked: a row YAML alone cannot read has it read whole
            return True
        if body.startswith("  - "):
            if self._chunk and not self._close(block):
                return None
            self._chunk, self._chunk_start = [body], number
            return True
        if body.startswith("    ") or not body.strip() or body.lstrip().startswith("#"):
            self._chunk.append(body)
            return True
        return False if self._close(block) else None

    def _close(self, block: _Block) -> bool:
        """Parse the customer read so far on its own; False if it does not stand alone."""
        if block.rows or not self._chunk:
            return True
        lines = _without_display(self._chunk) or self._chunk
        try:
            item = yaml.load(_dedent(lines), Loader=Loader)
        except yaml.YAMLError:
            return False
        if not isinstance(item, list) or len(item) != 1:
            return False
        customer = item[0]
        if isinstance(customer, dict):  # what the board showed: a restore recomputes it
            customer.pop("metrics", None)
            customer.pop("suggestion", None)
        block.items.append(customer)
        block.spans.append((self._chunk_start, self._chunk_start + len(self._chunk) - 1))
        self._chunk = []
        return True

    def resolve(self) -> Any:
        """The skeleton loaded, each long list put back where its marker is; None to read the file whole."""
        try:
            data = yaml.load("".join(self.skeleton), Loader=Loader)
        except yaml.YAMLError:
            return None  # read whole, the error names the line as the reader sees it
        for block in self.blocks:
            parent = data
            for key in block.path[:-1]:
                parent = parent.get(key) if isinstance(parent, dict) else None
            if not isinstance(parent, dict) or parent.get(block.path[-1]) != block.marker:
                return None
            parent[block.path[-1]] = RowLines(block.first_line, block.items) if block.rows else block.items
        return data

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        for block in self.blocks:
            size = len(block.path)
            if path[:size] != block.path or len(path) == size or not isinstance(path[size], int):
                continue
            if block.rows:
                return block.first_line + path[size]
            first, last = block.spans[path[size]]
            with self.source.open("rb") as handle:  # type: ignore[union-attr]
                lines = [raw.decode("utf-8").rstrip("\n").removesuffix("\r") for raw in _lines(handle, first, last)]
            inner = line_of_path(_dedent(lines), (0, *path[size + 1 :]))
            return first + (inner or 1) - 1
        return line_of_path("".join(self.skeleton), path)


# A customer's metrics and suggestion as `export` writes them: what the board showed, which a restore
# recomputes. Lines of this shape are left unparsed (most of the work at 25,000 customers); any other
# line there has the customer parsed whole.
_DISPLAY_LINE = re.compile(
    r"      (?:[a-z_][a-z0-9_]*: (?:null|-?[0-9][0-9.]*(?:e[-+][0-9]+)?|-?\.inf|\.nan|[a-z_][a-z0-9_]*)"
    r"|(?:reasons|not_evaluated):(?: \[\])?|- \{rule: [a-z0-9_]+, .*\})"
)


def _without_display(chunk: list[str]) -> list[str] | None:
    """The customer's lines without its metrics and suggestion; None if those are not in the shape written."""
    kept, skipping = [], False
    for line in chunk:
        if line in ("    metrics:", "    suggestion:"):
            skipping = True
            continue
        if skipping and line.startswith("      "):
            if not _DISPLAY_LINE.fullmatch(line):
                return None
            continue
        skipping = False
        kept.append(line)
    return kept


def _decoded(raw: bytes, source: Path, number: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RestoreError(catalogue_text("errors.restore_not_utf8", where=f"{source}:{number}")) from None


def _lines(handle: Any, first: int, last: int) -> Iterator[bytes]:
    for number, raw in enumerate(handle, 1):
        if number > last:
            return
        if number >= first:
            yield raw


def _dedent(lines: list[str]) -> str:
    """A customer's lines as a list of one: its two spaces of indent removed (comments may sit further left)."""
    return "".join((line[2:] if line.startswith("  ") else line.lstrip(" ")) + "\n" for line in lines)
