"""Reading CSV exports as they come: encoding, delimiter, numbers, dates, durations.

The helpers here know nothing about invoices or time entries. They turn bytes
into a `Table` (header, columns, the physical line each row starts on) and single
cells into Python values. Cell parsers return `None` for text they do not
understand; the caller knows the column and line and raises the error.

Decisions a file cannot always make for us (documented for users in the README):

- Encoding: UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"),
  else Windows-1252.
- Numbers: with both `.` and `,` the last one is the decimal mark
  (`1.234,56`, `1,234.56`). A lone separator followed by exactly three digits
  (`1.234`) is read by the file's number style: thousands in a decimal-comma
  file, a decimal point otherwise. The style comes from the values themselves
  (`12,50` decides it), else from the delimiter (`;` and tab files are German).
- Durations: a lone `.` or `,` is always the decimal mark (`1,5` = 1.5 h);
  `h:mm` and `h:mm:ss` are hours and minutes (and seconds).
- Dates: `31.12.2026`, `2026-12-31` and `31-12-2026` are unambiguous. Slash
  dates follow the file: a first part above 12 anywhere means day first
  (`31/12/2026`), a second part above 12 means month first (`12/31/2026`).
  When no date in the file decides, a decimal-comma file is read day first
  (European) and a decimal-point file month first (US).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kanban.lines import MAX_LINE, overlong_line
from kanban.texts import text as catalogue_text


class ImportFileError(Exception):
    """A file that cannot be imported. `str()` is one line: where, what, and the fix."""


def quote(value: str, limit: int = 60) -> str:
    """A cell value for an error message, shortened so one line stays one line."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


@dataclass(frozen=True)
class CsvHeader:
    """What a CSV file's header says: how it is written and what its columns are called."""

    source: str  # the file name, for messages
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int


@dataclass(frozen=True)
class Table(CsvHeader):
    """A CSV file split into cells, by column. `lines[i]` is the 1-based physical line of row i."""

    columns: dict[int, list[str]]  # header index -> the column's cells row by row, for the columns kept
    lines: Sequence[int]


# --- bytes to text ---------------------------------------------------------------

_NOT_CSV = (
    (b"PK\x03\x04", "imports.excel"),
    (b"\xd0\xcf\x11\xe0", "imports.old_excel"),
    (b"%PDF", "imports.pdf"),
)


def decode(raw: bytes, source: str) -> tuple[str, str]:
    """Bytes to text and the name of the encoding used."""
    if not raw.strip():
        raise ImportFileError(catalogue_text("imports.empty_file", source=source))
    for magic, what in _NOT_CSV:
        if raw.startswith(magic):
            raise ImportFileError(catalogue_text("imports.not_csv", source=source, what=catalogue_text(what)))
    if raw.startswith(b"\xef\xbb\xbf"):
        return _decode_as(raw, "utf-8-sig", "UTF-8 with BOM", source), "UTF-8 with BOM"
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _decode_as(raw, "utf-16", "UTF-16", source), "UTF-16"
    if b"\x00" in raw[:8192]:
        raise ImportFileError(catalogue_text("imports.binary", source=source))
    try:
        text, encoding = raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        text, encoding = _decode_as(raw, "cp1252", "UTF-8 or Windows-1252", source), "Windows-1252"
    _refuse_junk(text, source)
    return text, encoding


def _decode_as(raw: bytes, codec: str, label: str, source: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            catalogue_text("imports.bad_byte", where=f"{source}:{line}", byte=f"{raw[exc.start]:#04x}", label=label)
        ) from None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _refuse_junk(text: str, source: str) -> None:
    sample = text[:4096]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise ImportFileError(catalogue_text("imports.binary", source=source))


_CODECS = {"UTF-8": "utf-8", "UTF-8 with BOM": "utf-8-sig", "UTF-16": "utf-16", "Windows-1252": "cp1252"}

# --- text to rows ----------------------------------------------------------------

_DELIMITERS = (";", "\t", ",")  # order breaks ties
_ONE_COLUMN = "\x1f"  # a header without any delimiter is a one-column file
_SEP_LINE = re.compile(r"^sep=(.)\r?$", re.IGNORECASE)  # Excel's delimiter hint line


def first_line(text: str) -> str:
    """The first logical line: newlines inside quotes do not end it."""
    in_quotes = False
    for pos, char in enumerate(text):
        if char == '"':
            in_quotes = not in_quotes
        elif char in "\r\n" and not in_quotes:
            return text[:pos]
    return text


def detect_delimiter(header_line: str) -> str:
    """The delimiter that occurs most often in the header outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    for char in header_line:
        if char == '"':
            in_quotes = not in_quotes
        elif not in_quotes and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else _ONE_COLUMN


def read_file(path: Path) -> bytes:
    """The bytes of an export, refusing a folder, an unreadable file or a line too long with a one-line error."""
    source = path.name
    try:
        with path.open("rb") as handle:
            overlong = overlong_line(handle)
        if overlong is not None:
            where = f"{source}:{overlong}"
            raise ImportFileError(catalogue_text("records.line_too_long", where=where, limit=MAX_LINE >> 20))
        return path.read_bytes()
    except IsADirectoryError:
        raise ImportFileError(catalogue_text("imports.is_folder", path=path)) from None
    except OSError as exc:
        raise ImportFileError(catalogue_text("imports.unreadable", path=path, reason=exc.strerror or exc)) from None


@dataclass(frozen=True)
class CsvText(CsvHeader):
    """A CSV file decoded as far as its header: delimiter and header known, the rows not read yet."""

    sep_line: bool  # the file starts with Excel's "sep=;" line
    lines: Callable[[], io.TextIOWrapper]  # the text's lines from the start, as often as asked
    text: Callable[[], str]  # the whole text, made only for the message about a quote never closed


def open_csv(raw: bytes, source: str) -> CsvText:
    """Decode an export and read its header, refusing what is not CSV with a one-line error."""
    text, encoding = decode(raw, source)
    head = first_line(text)
    del text  # the whole file again, at up to 4 bytes a character: the rows are read from the bytes instead
    codec = _CODECS[encoding]

    def lines() -> io.TextIOWrapper:  # BytesIO shares the bytes: no copy
        return io.TextIOWrapper(io.BytesIO(raw), encoding=codec, newline="")

    return _open(lines, head, source, encoding, lambda: raw.decode(codec))


def _lines(text: str) -> io.TextIOWrapper:
    """The text's lines as `io.StringIO(text, newline="")` gives them, without its copy at 4 bytes a character."""
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8", "surrogatepass")), encoding="utf-8",
                            errors="surrogatepass", newline="")  # fmt: skip


def split_table(text: str, source: str, encoding: str = "UTF-8") -> Table:
    """Split decoded text into header and rows, keeping each row's physical line."""
    return read_rows(_open(lambda: _lines(text), first_line(text), source, encoding, lambda: text))


def _open(
    lines: Callable[[], io.TextIOWrapper], head: str, source: str, encoding: str, text: Callable[[], str]
) -> CsvText:
    sep = _SEP_LINE.match(head)
    delimiter = sep.group(1) if sep else detect_delimiter(head)
    reader = _reader(lines, delimiter, bool(sep))
    try:
        header, header_line = _read_header(reader, source)
    except csv.Error as exc:
        raise _broken(exc, text(), source, delimiter, reader.line_num) from None
    return CsvText(source, encoding, delimiter, header, header_line, bool(sep), lines, text)


def _reader(lines: Callable[[], io.TextIOWrapper], delimiter: str, sep_line: bool) -> Any:
    # strict: an unclosed quote is an error instead of silently swallowing the rest of the file
    reader = csv.reader(lines(), delimiter=delimiter, strict=True)
    if sep_line:
        next(reader, None)
    return reader


def read_rows(csv_text: CsvText, keep: Iterable[int] | None = None) -> Table:
    """The rows below the header, of the columns `keep` names (None: all); the others are dropped as read."""
    source, delimiter, header = csv_text.source, csv_text.delimiter, csv_text.header
    reader = _reader(csv_text.lines, delimiter, csv_text.sep_line)
    try:
        _, header_line = _read_header(reader, source)  # the rows start below it
        columns = sorted(set(range(len(header)) if keep is None else keep))
        read = _Reader(len(header), columns)
        read.rows(reader)
        if reader.line_num - header_line == read.count:  # one physical line per row: line = position
            first = header_line + 1
            row_lines: Sequence[int] = (
                range(first, first + read.count) if read.filled is None else [first + i for i in read.filled]
            )
        else:  # quoted values span lines: read again, counting lines row by row
            reader = csv.reader(csv_text.lines(), delimiter=delimiter, strict=True)
            row_lines = _counted(reader, header_line)
    except csv.Error as exc:
        raise _broken(exc, csv_text.text(), source, delimiter, reader.line_num) from None
    if not row_lines:
        raise ImportFileError(catalogue_text("imports.header_only", source=source))
    for index, row in read.odd.items():
        _fit(row, len(header), source, row_lines[index], delimiter)
        for column, cells in zip(columns, read.columns, strict=True):
            cells[index] = row[column]
    return Table(source, csv_text.encoding, delimiter, header, header_line,
                 dict(zip(columns, read.columns, strict=True)), row_lines)  # fmt: skip


_CHUNK = 1024  # rows held whole at a time
_FEW = 0.5  # a column keeps its cache of distinct values while they are fewer than this share of its cells,
_SAMPLE = 10_000  # judged once it has this many


class _Reader:
    """The kept columns of the rows that are not blank, read a chunk at a time.

    Equal cells of a column share one string: a time report repeats its
    clients, dates and durations, and 250,000 rows of separate strings took
    most of the import's memory. Rows of another width than the header are
    kept whole in `odd` (by row index, with empty cells in the columns) for
    `_fit` to pad or refuse once the whole file is read.
    """

    def __init__(self, width: int, columns: list[int]) -> None:
        self.width = width
        self.positions = columns
        self.columns: list[list[str]] = [[] for _ in columns]
        self.caches: list[dict[str, str] | None] = [{} for _ in columns]
        self.odd: dict[int, list[str]] = {}
        self.filled: list[int] | None = None  # positions of the rows not blank, once a blank row was read
        self.count = 0  # rows read, blank ones too
        self.added = 0  # rows kept

    def rows(self, reader: Any) -> None:
        while chunk := list(itertools.islice(reader, _CHUNK)):
            start, self.count = self.count, self.count + len(chunk)
            if not all(map(any, chunk)):
                if self.filled is None:
                    self.filled = list(range(start))
                marks = [i for i, filled in enumerate(map(any, chunk)) if filled]
                self.filled += [start + i for i in marks]
                chunk = [chunk[i] for i in marks]
            elif self.filled is not None:
                self.filled += range(start, self.count)
            if chunk:
                self._add(chunk)

    def _add(self, chunk: list[list[str]]) -> None:
        if set(map(len, chunk)) != {self.width}:
            done = self.added
            for index, row in enumerate(chunk):
                if len(row) != self.width:
                    self.odd[done + index] = row
                    chunk[index] = [""] * self.width
        self.added += len(chunk)
        cells = list(zip(*chunk, strict=True))
        for number, (position, column) in enumerate(zip(self.positions, self.columns, strict=True)):
            cache = self.caches[number]
            if cache is None:
                column += cells[position]
                continue
            column += map(cache.setdefault, cells[position], cells[position])
            if len(cache) > _FEW * len(column) and len(column) >= _SAMPLE:  # values that rarely repeat
                self.caches[number] = None


def _read_header(reader: Any, source: str) -> tuple[list[str], int]:
    for row in reader:
        if any(cell.strip() for cell in row):
            return [cell.replace("\ufeff", "").strip() for cell in row], reader.line_num
    raise ImportFileError(catalogue_text("imports.empty_file", source=source))


def _counted(reader: Any, header_line: int) -> list[int]:
    """The line each row that is not blank starts on, for files whose quoted values contain line breaks."""
    for _ in reader:
        if reader.line_num >= header_line:
            break
    lines: list[int] = []
    last = reader.line_num
    for row in reader:
        line, last = last + 1, reader.line_num
        if any(row):
            lines.append(line)
    return lines


def _broken(exc: csv.Error, text: str, source: str, delimiter: str, line: int) -> ImportFileError:
    if "end of data" in str(exc):
        start = _last_row_start(text, delimiter)
        return ImportFileError(catalogue_text("imports.open_quote", where=f"{source}:{start}"))
    if "expected after" in str(exc):
        return ImportFileError(catalogue_text("imports.after_quote", where=f"{source}:{line}"))
    return ImportFileError(catalogue_text("imports.broken_csv", where=f"{source}:{line}", problem=exc))


def _last_row_start(text: str, delimiter: str) -> int:
    """The line the last row starts on: where a quote that runs to the end of the file opened."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = last = 0
    for _ in reader:
        start, last = last + 1, reader.line_num
    return start


def _fit(row: list[str], width: int, source: str, line: int, delimiter: str) -> None:
    """Pad a short row (exporters drop trailing empty cells); refuse a long one unless the extra cells are empty."""
    if len(row) < width:
        row.extend([""] * (width - len(row)))
    elif any(cell.strip() for cell in row[width:]):
        shown = "tab" if delimiter == "\t" else repr(delimiter)
        raise ImportFileError(
            catalogue_text(
                "imports.too_many_fields", where=f"{source}:{line}", fields=len(row), width=width, delimiter=shown
            )
        )
    else:
        del row[width:]


# --- numbers ---------------------------------------------------------------------

_AMOUNT = re.compile(r"^([+-]?)\s*(?:€|EUR)?\s*([+-]?)(\d[\d.,'\u00a0\u202f]*)\s*(?:€|EUR)?\s*(-?)$", re.IGNORECASE)
_GROUPED = {
    ".": re.compile(r"^\d{1,3}(?:\.\d{3})+$"),
    ",": re.compile(r"^\d{1,3}(?:,\d{3})+$"),
}
_DECISIVE_TAIL = re.compile(r"[.,](\d{1,2}|\d{4,})$")
# The common shapes, parsed without the general path: "1.234,56" / "1,234.56" and plain digits.
_FAST = {
    True: (re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"), ".", ","),
    False: (re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"), ",", "."),
}
_ENOUGH_VOTES = 200


def decimal_mark(values: Iterable[str]) -> str | None:
    """The decimal mark the values themselves show ("," or "."), or None if none decides.

    Decisive: both marks in one value (the last is decimal), or a lone mark not
    followed by exactly three digits (`12,5`, `3.75`). The majority of the
    first 200 decisive values wins.
    """
    votes = {",": 0, ".": 0}
    for value in values:
        if votes[","] + votes["."] >= _ENOUGH_VOTES:
            break
        text = value.strip().rstrip(" €EURur-")
        comma, dot = text.rfind(","), text.rfind(".")
        if comma >= 0 and dot >= 0:
            votes["," if comma > dot else "."] += 1
        elif comma >= 0 or dot >= 0:
            tail = _DECISIVE_TAIL.search(text)
            if tail:
                votes[text[tail.start()]] += 1
    if votes[","] == votes["."]:
        return None
    return "," if votes[","] > votes["."] else "."


_BULK = {  # at most two decimals: the floats need no rounding to cents
    True: re.compile(r"(?:-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d\d?)?\n)*"),
    False: re.compile(r"(?:-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d\d?)?\n)*"),
}


def parse_amounts_plain(texts: Iterable[str], decimal_comma: bool) -> list[float] | None:
    """All cells of an amount column at once when every one has a common shape (`-1.234,56`, `12.5`).

    One regex over the joined column and `float` by `map`: faster than cell by
    cell, and amounts rarely repeat, so caching does not help them. None
    when any cell needs the general path (a currency sign, an empty cell,
    anything odd): then use `parse_amount`.
    """
    joined = "\n".join(texts) + "\n"
    if not _BULK[decimal_comma].fullmatch(joined):
        return None
    _, grouping, mark = _FAST[decimal_comma]
    amounts = list(map(float, joined.replace(grouping, "").replace(mark, ".").split("\n")[:-1]))
    return amounts if math.isfinite(sum(amounts)) else None  # 400 digits make inf: let parse_amount refuse it


def parse_amount(text: str, decimal_comma: bool) -> float | None:
    """`1.234,56`, `1234.56`, `1,234.56`, `-12,50 €`, `12,50-` -> float rounded to cents; None if not an amount."""
    fast, grouping, mark = _FAST[decimal_comma]
    if fast.fullmatch(text):
        amount = round(float(text.replace(grouping, "").replace(mark, ".")), 2)
        return amount if math.isfinite(amount) else None  # too many digits for a float: no amount
    match = _AMOUNT.match(text.strip())
    if not match:
        return None
    sign1, sign2, body, trailing = match.groups()
    body = body.replace("'", "").replace("\u00a0", "").replace("\u202f", "")
    number = _plain_number(body, decimal_comma)
    if number is None or (sign1 and sign2):
        return None
    negative = "-" in (sign1, sign2) or trailing == "-"
    return round(-number if negative else number, 2) if math.isfinite(number) else None


def _plain_number(body: str, decimal_comma: bool) -> float | None:
    comma, dot = body.rfind(","), body.rfind(".")
    if comma < 0 and dot < 0:
        return float(body)
    if comma >= 0 and dot >= 0:
        mark = "," if comma > dot else "."
        whole, _, fraction = body.rpartition(mark)
        grouping = "." if mark == "," else ","
        if not fraction.isdigit() or not _GROUPED[grouping].match(whole):
            return None
        return float(whole.replace(grouping, "") + "." + fraction)
    mark = "," if comma >= 0 else "."
    if body.count(mark) > 1:
        return float(body.replace(mark, "")) if _GROUPED[mark].match(body) else None
    whole, _, fraction = body.partition(mark)
    if not fraction.isdigit():
        return None
    is_grouping_mark = (mark == ".") == decimal_comma
    if is_grouping_mark and len(fraction) == 3 and len(whole) <= 3:
        return float(whole + fraction)
    return float(whole + "." + fraction)


# At most 9 digits: longer runs are no level or term, and int() refuses over 4,300 digits.
_INTEGER = re.compile(r"^\s*(\d{1,9})\s*$")
_LEADING_DIGIT = re.compile(r"^\s*(\d)\b")  # "2. Mahnung", "1 - Zahlungserinnerung"


_HIGHEST_LEVEL = 9


def parse_level(text: str) -> int | None:
    """A dunning level: `2`, `2. Mahnung`, empty/`-`/`keine` = 0; None if not a level."""
    stripped = text.strip().lower()
    if stripped in ("", "-", "keine", "none", "no", "nein"):
        return 0
    match = _INTEGER.match(stripped) or _LEADING_DIGIT.match(stripped)
    level = int(match.group(1)) if match else None
    return level if level is not None and level <= _HIGHEST_LEVEL else None  # 99 is a typo, not a tenth reminder


def parse_days(text: str) -> int | None:
    """A whole number of days (payment terms), None if not one."""
    match = _INTEGER.match(text)
    return int(match.group(1)) if match else None


# --- durations -------------------------------------------------------------------

_CLOCK = re.compile(r"^(\d{1,9}):([0-5]?\d)(?::([0-5]?\d))?$")  # 9 digits: int and float both take them
_DECIMAL_HOURS = re.compile(r"^(\d*)(?:[.,](\d+))?$")


def parse_hours(text: str) -> float | None:
    """`1:30`, `01:30:00`, `1,5`, `1.5` -> hours (4 decimals); None if not a duration."""
    stripped = text.strip()
    clock = _CLOCK.match(stripped)
    if clock:
        hours, minutes, seconds = clock.groups()
        return round(int(hours) + int(minutes) / 60 + int(seconds or 0) / 3600, 4)
    decimal = _DECIMAL_HOURS.match(stripped)
    if not decimal or not stripped or stripped in ".,":
        return None
    whole, fraction = decimal.groups()
    return round(float(f"{whole or 0}.{fraction or 0}"), 4)


# --- dates -----------------------------------------------------------------------

_DATE = re.compile(
    r"^(?:(?P<y>\d{4})[-/.](?P<ym>\d{1,2})[-/.](?P<yd>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2}))"
    r"(?:[ T].*)?$"  # a time of day after the date is ignored
)


def slash_order(values: Iterable[str]) -> tuple[bool | None, str | None, str | None]:
    """What the slash dates among `values` say: (day_first or None, a day-first and a month-first example).

    Both examples set means the file mixes the two orders.
    """
    day_first_example = month_first_example = None
    for value in values:
        match = _DATE.match(value.strip())
        if not match or match.group("sep") != "/":
            continue
        first, second = int(match.group("a")), int(match.group("b"))
        if first > 12 and day_first_example is None:
            day_first_example = value.strip()
        if second > 12 and month_first_example is None:
            month_first_example = value.strip()
    if day_first_example and not month_first_example:
        return True, day_first_example, None
    if month_first_example and not day_first_example:
        return False, None, month_first_example
    return None, day_first_example, month_first_example


_FIRST_YEAR = 1900


def parse_date(text: str, slash_day_first: bool) -> dt.date | None:
    """`31.12.2026`, `2026-12-31`, `12/31/2026` (order given) -> date; None if not a date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    if match.group("y"):
        year, month, day = int(match.group("y")), int(match.group("ym")), int(match.group("yd"))
    else:
        first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("c"))
        if len(match.group("c")) == 2:  # 26 -> 2026, 99 -> 1999; "0026" is written out and means no such year
            year += 2000 if year < 70 else 1900
        day_first = match.group("sep") != "/" or slash_day_first
        day, month = (first, second) if day_first else (second, first)
    if year < _FIRST_YEAR:
        return None  # a typo like 0026 for 2026, not a business date: refused, never moved into another century
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- words -----------------------------------------------------------------------

_TRUE = frozenset({"ja", "j", "yes", "y", "true", "wahr", "1", "x", "✓", "✔", "billable", "abrechenbar"})
_FALSE = frozenset({"nein", "n", "no", "false", "falsch", "0", "-", "non-billable", "nicht abrechenbar"})


def parse_flag(text: str) -> bool | None:
    """Yes/no in German or English (`ja`, `nein`, `true`, `1`, `x`); None if neither."""
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def normalise_text(text: str) -> str:
    """Trimmed, inner whitespace collapsed: the form names are compared and stored in."""
    return " ".join(text.split())
