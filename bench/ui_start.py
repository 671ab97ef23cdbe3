"""Start-up and key latency of the board at 25 and 25,000 customers, beside a bare Textual app.

    .venv/bin/python bench/ui_start.py [--sizes 25,25000] [--runs 3] [--keys 15]

Method. Each app runs as a child process in a pseudo-terminal of 140x40 with
TERM=xterm-256color, as in a real terminal; the parent reads what it draws.

- start: from spawning the process to the first frame that shows the board's
  column header ("Idealer Partner"), or the bare app's text. Includes the
  interpreter, imports, reading the database and the first paint. The board
  starts as `kundenboard` does (kanban.tui.run_board): warm, it paints the
  first screen kept with the metrics cache and opens the Board after the first
  paint, so the child notes when its Board is open: "board loaded", from
  spawn, is when keys act (keys pressed before wait for it). Each size gets one
  start first that is not counted: it computes the metrics cache and keeps the
  first screen, as a user's first start does.
- cold start: as a day's first start, with cache.json removed before each run:
  from spawn to the loading screen ("Kennzahlen werden berechnet") and to the
  first card (a synthetic name, "GmbH"). With --repo another checkout (e.g.
  one without the loading screen: then the first frame is the cards).
- key: after the app is idle, a key is written to the terminal and the time to
  the first byte of the repaint is taken ("first"), and to the last byte before
  30 ms of quiet ("done"). Median over --keys presses. j/k move the cursor, s
  re-sorts every column, 2/1 move a card (each a durable decision) and back.
  The bare app updates a counter label on j.
- data side, in a fresh process without UI: Board.open without and with the
  metrics cache, evaluating every customer's suggestion (sorting by score
  needs all of them), and the first access to facts (detail screen, edit).

Synthetic customers come from bench/synthetic.py (3 invoices, 10 time entries
and 1 event each), in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from synthetic import AS_OF, make_database

REPO = Path(__file__).resolve().parent.parent  # --repo: the checkout whose app is measured
COLUMNS, ROWS = 140, 40
ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")

BARE_APP = """
import time
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    BINDINGS = [("j", "bump", "bump"), ("q", "quit", "quit")]
    count = 0
    def compose(self):
        yield Static("bare app ready 0", id="label")
        yield Footer()
    def action_bump(self):
        self.count += 1
        self.query_one("#label", Static).update(f"bare app ready {self.count}")

Bare().run()
"""

BOARD_APP = """
import os, sys, time, datetime as dt
from pathlib import Path
from kanban.board import Board
from kanban.tui import run_board

board_open = Board.open

def noted(*args, **kwargs):
    board = board_open(*args, **kwargs)
    Path(os.environ["KB_BENCH_OPENED"]).write_text(repr(time.time()))
    return board

Board.open = noted
run_board(Path(sys.argv[1]), None, dt.date.fromisoformat(sys.argv[2]), "de")
"""


class Terminal:
    """A child process on a pseudo-terminal, and what it has drawn so far."""

    def __init__(self, code: str, args: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.master = master
        self.started = time.time()
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPO,
            start_new_session=True,  # `-c`: imports from cwd
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS), **env},
        )
        os.close(slave)
        self.screen = b""

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return b""
        self.screen += chunk
        return chunk

    def wait_for(self, text: str, timeout: float = 120.0, since: int = 0) -> float:
        """Seconds from spawn until `text` shows (escape codes stripped), in what was drawn after byte `since`."""
        needle = text.encode()
        deadline = time.time() + timeout
        if needle in ANSI.sub(b"", self.screen[since:]):
            return time.time() - self.started
        while time.time() < deadline:
            if self.read(0.05) and needle in ANSI.sub(b"", self.screen[since:]):
                return time.time() - self.started
        raise TimeoutError(f"{text!r} did not show within {timeout} s; last output: {self.screen[-400:]!r}")

    def first_of(self, texts: tuple[str, ...], timeout: float = 120.0) -> tuple[float, str]:
        """Seconds from spawn until one of `texts` shows, and which."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.read(0.05):
                screen = ANSI.sub(b"", self.screen)
                for text in texts:
                    if text.encode() in screen:
                        return time.time() - self.started, text
        raise TimeoutError(f"none of {texts!r} showed within {timeout} s; last output: {self.screen[-400:]!r}")

    def settle(self, quiet: float = 0.3) -> None:
        while self.read(quiet):
            pass

    def press(self, key: bytes, quiet: float = 0.03) -> tuple[float, float]:
        """(to the first byte of the repaint, to its last byte) in seconds."""
        self.settle(0.05)
        os.write(self.master, key)
        sent = time.perf_counter()
        while not self.read(5.0):
            if time.perf_counter() - sent > 5:
                raise TimeoutError(f"no repaint after {key!r}")
        first = last = time.perf_counter()
        while self.read(quiet):
            last = time.perf_counter()
        return first - sent, last - sent

    def close(self) -> None:
        """Quit with `q`, reading on: a child blocked writing its last frames to a full pty never exits."""
        try:
            os.write(self.master, b"q")
            deadline = time.time() + 10
            while self.process.poll() is None and time.time() < deadline:
                self.read(0.05)
            self.process.wait(timeout=0.1)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f}"


def bare_start() -> float:
    terminal = Terminal(BARE_APP, [], {})
    try:
        return terminal.wait_for("bare app ready 0")
    finally:
        terminal.close()


def board_start(db: Path, stamp: Path) -> tuple[float, float, Terminal]:
    """(seconds to the loaded Board, seconds to the first paint, the running app)."""
    stamp.unlink(missing_ok=True)
    terminal = Terminal(BOARD_APP, [str(db), AS_OF.isoformat()], {"KB_BENCH_OPENED": str(stamp)})
    painted = terminal.wait_for("Idealer Partner")
    deadline = time.time() + 120
    while not stamp.exists():  # the Board loads after the first paint
        if time.time() > deadline:
            raise TimeoutError(f"the Board did not load; last output: {terminal.screen[-400:]!r}")
        terminal.read(0.01)
    opened = float(stamp.read_text()) - terminal.started
    return opened, painted, terminal


LOADING, CARD = "Kennzahlen werden berechnet", "GmbH"


def board_cold_start(db: Path, stamp: Path) -> tuple[float | None, float, float]:
    """A day's first start: (seconds to the loading screen if there is one, to the first card, to the Board)."""
    (db / "cache.json").unlink(missing_ok=True)
    stamp.unlink(missing_ok=True)
    terminal = Terminal(BOARD_APP, [str(db), AS_OF.isoformat()], {"KB_BENCH_OPENED": str(stamp)})
    try:
        first, which = terminal.first_of((LOADING, CARD))
        cards = terminal.wait_for(CARD) if which == LOADING else first
        opened = float(stamp.read_text()) - terminal.started
        terminal.settle(0.3)
        return (first if which == LOADING else None), cards, opened
    finally:
        terminal.close()


def keys(terminal: Terminal, sequence: list[bytes], presses: int) -> tuple[list[float], list[float]]:
    firsts, dones = [], []
    for i in range(presses):
        first, done = terminal.press(sequence[i % len(sequence)])
        firsts.append(first)
        dones.append(done)
    return firsts, dones


IN_PROCESS = """
import json, sys, time, datetime as dt
from pathlib import Path
from kanban.board import Board

db, as_of = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
(db / "cache.json").unlink(missing_ok=True)  # the store's metrics cache
times = {}
start = time.perf_counter()
Board.open(db, as_of=as_of).close()
times["Board.open, no metrics cache"] = time.perf_counter() - start
start = time.perf_counter()
board = Board.open(db, as_of=as_of)
times["Board.open, cached"] = time.perf_counter() - start
start = time.perf_counter()
for view in board.views.values():
    view.suggestion  # evaluated on first access
times["every suggestion (score sort)"] = time.perf_counter() - start
start = time.perf_counter()
board.facts(next(iter(board.views)))
times["first facts (detail, edit)"] = time.perf_counter() - start
board.close()
print(json.dumps(times))
"""


def in_process(db: Path) -> dict[str, float]:
    """The data side alone, in a fresh process: opening the board, suggestions, facts."""
    result = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(db), AS_OF.isoformat()],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,25000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keys", type=int, default=15)
    parser.add_argument("--repo", type=Path, help="the checkout whose app is measured (default: this one)")
    parser.add_argument("--cold-only", action="store_true", help="only the day's first start and the bare app")
    args = parser.parse_args()
    global REPO
    REPO = (args.repo or REPO).resolve()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(size) for size in args.sizes.split(",")):
            db = make_database(Path(tmp) / f"db{n}", n)
            bare = [bare_start() for _ in range(args.runs)]
            cold = [board_cold_start(db, Path(tmp) / "opened") for _ in range(args.runs)]
            if args.cold_only:
                print_cold(n, bare, cold)
                continue
            data = in_process(db)
            _, _, terminal = board_start(db, Path(tmp) / "opened")  # computes the cache, keeps the first screen
            terminal.settle(0.3)
            terminal.close()
            opened, painted = [], []
            latency: dict[str, tuple[list[float], list[float]]] = {}
            for run in range(args.runs):
                o, p, terminal = board_start(db, Path(tmp) / "opened")
                opened.append(o)
                painted.append(p)
                if run == 0:
                    terminal.settle(1.0)
                    latency["j/k cursor"] = keys(terminal, [b"j", b"k"], args.keys)
                    latency["s re-sort"] = keys(terminal, [b"s"], 6)
                    latency["2/1 move"] = keys(terminal, [b"2", b"1"], min(args.keys, 10))
                terminal.close()
            bare_term = Terminal(BARE_APP, [], {})
            bare_term.wait_for("bare app ready 0")
            bare_term.settle(0.5)
            bare_keys = keys(bare_term, [b"j"], args.keys)
            bare_term.close()
            rows.append((n, data, bare, opened, painted, latency, bare_keys, cold))
    if rows:
        print_table(rows)


def print_cold(n: int, bare: list[float], cold: list[tuple[float | None, float, float]]) -> None:
    loading = [frame for frame, _, _ in cold if frame is not None]
    print(
        f"{n:>9} | {'cold: start to loading screen':<34} | {median_ms(loading) if loading else '   none'} | "
        f"{median_ms(bare):>8}"
    )
    print(f"{'':>9} | {'cold: start to first card':<34} | {median_ms([cards for _, cards, _ in cold])} |")
    print(f"{'':>9} | {'cold: board loaded, keys act':<34} | {median_ms([opened for _, _, opened in cold])} |")


def print_table(rows: list) -> None:
    print(f"terminal {COLUMNS}x{ROWS}, medians in ms; python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print(f"{'customers':>9} | {'what':<34} | {'board':>7} | {'bare app':>8}")
    print("-" * 68)
    for n, data, bare, opened, painted, latency, bare_keys, cold in rows:
        print_cold(n, bare, cold)
        print(f"{n:>9} | {'start to first paint':<34} | {median_ms(painted)} | {median_ms(bare):>8}")
        print(f"{'':>9} | {'board loaded, keys act':<34} | {median_ms(opened)} |")
        for name, (firsts, dones) in latency.items():
            bare_first = median_ms(bare_keys[0]) if name.startswith("j") else ""
            print(f"{'':>9} | {'key ' + name + ', first byte':<34} | {median_ms(firsts)} | {bare_first:>8}")
            bare_done = median_ms(bare_keys[1]) if name.startswith("j") else ""
            print(f"{'':>9} | {'key ' + name + ', repaint done':<34} | {median_ms(dones)} | {bare_done:>8}")
        for name, seconds in data.items():
            print(f"{'':>9} | {name:<34} | {seconds * 1000:7.0f} |")
        print("-" * 68)


if __name__ == "__main__":
    main()
