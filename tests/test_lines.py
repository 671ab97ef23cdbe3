"""The line limit: the first line longer than MAX_LINE found by number, whether or not the bytes are kept."""

from __future__ import annotations

import io

import pytest

from kanban.lines import MAX_LINE, overlong_line

SHORT = b"short line\n"


def first_overlong(data: bytes) -> int | None:
    """The same question answered the plain way: every line split out and measured."""
    return next((at + 1 for at, line in enumerate(data.split(b"\n")) if len(line) > MAX_LINE), None)


LAYOUTS = {
    "empty": b"",
    "short lines": SHORT * 1000,
    "a line of exactly the limit": SHORT + b"x" * MAX_LINE + b"\n" + SHORT,
    "a line one byte over": SHORT + b"x" * (MAX_LINE + 1) + b"\n" + SHORT,
    "a line over the limit at the end, no break": SHORT * 3 + b"x" * (MAX_LINE + 1),
    "a line of the limit at the end, no break": SHORT * 3 + b"x" * MAX_LINE,
    "a line over, beyond the first chunk": SHORT * 200_000 + b"y" * (2 * MAX_LINE) + b"\n" + SHORT,
    "a long line across chunks, then an overlong one": b"z" * (MAX_LINE - 5)
    + b"\n"
    + SHORT * 10
    + b"x" * (MAX_LINE + 7),
    "many lines in one chunk after a long run": b"a" * (MAX_LINE // 2)
    + b"\n"
    + SHORT * 100_000
    + b"b" * (MAX_LINE + 3)
    + b"\n",
}


@pytest.mark.parametrize("data", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_the_overlong_line_is_named_by_its_number_with_or_without_keeping_the_bytes(data: bytes) -> None:
    kept: list[bytes] = []
    line = overlong_line(io.BytesIO(data), kept=kept)
    assert line == first_overlong(data)
    assert overlong_line(io.BytesIO(data)) == line
    if line is None:
        assert b"".join(kept) == data  # every byte kept for the caller that reads the file this way
