"""A limit on the length of one line of an input file.

No CSV export or kundenboard export has a line of a megabyte; a file without
line breaks (a binary dump, a run-away generator) would otherwise be read, decoded and split
whole, gigabytes of memory for a "line" before any useful message.
"""

from __future__ import annotations

from typing import BinaryIO

MAX_LINE = 1 << 20  # bytes
_CHUNK = MAX_LINE  # a line inside one chunk cannot be longer than the limit: only lines across chunks are counted


def overlong_line(handle: BinaryIO, kept: list[bytes] | None = None) -> int | None:
    """The number (1-based) of the first line longer than MAX_LINE, read in chunks; None when there is none.

    With `kept`, each chunk read is appended to it, so a caller that needs the bytes reads the file once; the
    line breaks are then counted only for a file with such a line.
    """
    counted, run = 0, 0  # counted: line breaks in the chunks before this one (without `kept`); run: since the last
    while chunk := handle.read(_CHUNK):
        if kept is not None:
            kept.append(chunk)
        first = chunk.find(b"\n")
        if first < 0:
            run += len(chunk)
        elif run + first > MAX_LINE:
            return 1 + _breaks_before_last(counted, kept)
        else:
            run = len(chunk) - chunk.rfind(b"\n") - 1
        if run > MAX_LINE:
            return 1 + _breaks_before_last(counted, kept) + chunk.count(b"\n")
        if kept is None:
            counted += chunk.count(b"\n")
    return None


def _breaks_before_last(counted: int, kept: list[bytes] | None) -> int:
    return counted if kept is None else sum(chunk.count(b"\n") for chunk in kept[:-1])
