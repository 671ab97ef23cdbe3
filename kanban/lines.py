"""A limit on the length of one line of an input file.

No CSV export or kundenboard export has a line of a megabyte; a file without
line breaks (a binary dump, a run-away generator) would otherwise be read, decoded and split
whole, gigabytes of memory for a "line" before any useful message.
"""

from __future__ import annotations

from typing import BinaryIO

MAX_LINE = 1 << 20  # bytes
_CHUNK = MAX_LINE  # a line inside one chunk cannot be longer than the limit: only lines across chunks are counted


def overlong_line(handle: BinaryIO) -> int | None:
    """The number (1-based) of the first line longer than MAX_LINE, read in chunks; None when there is none."""
    line, run = 1, 0
    while chunk := handle.read(_CHUNK):
        first = chunk.find(b"\n")
        if first < 0:
            run += len(chunk)
        else:
            if run + first > MAX_LINE:
                return line
            line += chunk.count(b"\n")
            run = len(chunk) - chunk.rfind(b"\n") - 1
        if run > MAX_LINE:
            return line
    return None
