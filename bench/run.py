"""The benchmark: every step a user waits for, at several sizes, each beside a baseline taken in turns.

    .venv/bin/python bench/run.py [--sizes 25,1000,25000] [--runs 5] [--keys 10]
    .venv/bin/python bench/run.py --quick      # about a minute: 25 and 1,000 customers, 5 runs

Prints one table: per step the median of the runs with min-max, the baseline's
median, their ratio, the peak memory, the target and whether it is met. Method:

- Data: bench/synthetic.py makes N customers (3 invoices, 10 time entries, 1
  event each). They are written as the CSV files a small business has: a
  German customer list, invoice list and event list (`;`, decimal comma,
  31.12.2026 dates, Windows-1252) and a Toggl detailed report (UTF-8 with BOM).
- Commands are timed whole, as a user runs them: the installed `kundenboard`
  in a fresh process, from spawn to exit, with everything it does (an import's
  recompute of the metrics, an export's or restore's writes). Each import runs
  on a fresh copy of the database as it was before it (the copy is not timed).
  Peak memory is the child's ru_maxrss (os.wait4). Our modules' bytecode is
  compiled once before any timing, as an installed package has it.
- Baselines, each run taken in turns with the step it belongs to (baseline,
  step, baseline, step, ...) so that a busy machine weighs on both alike: an
  import beside a plain `csv.reader` pass over the same file in its own process;
  `suggest`, `export` and `restore` beside `kundenboard --version` (interpreter
  and CLI start); the app beside a bare one-label Textual app started the same way.
- App: the installed `kundenboard --db DB` in a pseudo-terminal of 140x40
  (bench/ui_start.py's Terminal). From spawn: the first paint (a column header,
  or the loading frame) and the first card, no key pressed; the first key acted
  on, in a start of its own (the help drawn over the loading frame would hide
  the first card): `?` is pressed as soon as the first frame shows and the
  clock stops when the help screen is drawn (the kept first screen serves it
  at once). And the first move acted on, in a third start: `2` pressed as soon as the first frame
  shows, the clock stops when the decision is in the log (a move needs the
  Board: the key waits for it, then acts on the card that was focused). The bare
  app: its label, then `j` pressed at once and the label changed. Three starts:
  warm (same day, the kept first screen), the first after an import (metrics
  computed by the import, no kept screen), and a day's first, with no cache
  and with the cache written the day before (by `suggest --as-of` that day,
  untimed): what a user meets each morning.
- Re-import: `kundenboard import invoices` of the whole invoice list again
  with a quarter's new invoices (two customers in five have one), into a copy
  of the database after all imports, beside csv.reader over that file.
- Card move: on the warm board, `2` moves the focused card of "Idealer Partner"
  to "Beobachten" and `1` back (the focus follows the card), in turns: to the
  first byte of the repaint (first frame) and to its last byte before 30 ms of
  quiet (settled). The decision is fsynced before the
  screen changes; the log must have grown by one line per press or the run
  fails. Baseline: a key that updates a label in the bare app.
- In-process rows break the data side down (reading, metrics, rules, opening
  the Board) in a fresh child, timed around the call alone, the collector paused
  as every command has it.
- Portfolio: on the warm board, `p` opens the portfolio screen; timed from writing
  the key until the whale curve's sentence shows, and until the plot of the 8
  quarters shows (those read every customer's facts, in a thread); Esc goes back
  between runs. Baseline: the bare app's key.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from synthetic import AS_OF, invoice_only_history, synthetic_facts
from ui_start import ANSI, BARE_APP, Terminal, in_process

from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
from kanban.texts import text

HERE = Path(__file__).resolve()
KUNDENBOARD = Path(sys.executable).with_name("kundenboard")
# Runs the installed console script as it is, inside ui_start's Terminal (which spawns `python -c CODE`).
KUNDENBOARD_APP = f"import runpy; runpy.run_path({str(KUNDENBOARD)!r}, run_name='__main__')"
CARD_TEXT = "GmbH"  # every synthetic customer's name ends so: the board shows cards
COLUMN_TEXT = Column.IDEAL.label("de")  # a column header: on the kept screen, the loading frame and the board
HELP_TEXT = text("help.title", "de")  # the help screen that `?` opens
BIG = 25_000


# --- the CSV files ---------------------------------------------------------------------------

GERMAN = {"encoding": "cp1252", "delimiter": ";"}
TOGGL = {"encoding": "utf-8-sig", "delimiter": ","}
EVENT_WORDS = {
    EventKind.CORRECTION_ROUND: "Korrekturschleife",
    EventKind.PRICE_COMPLAINT: "Preisbeschwerde",
    EventKind.RUSH_REQUEST: "Eilauftrag",
    EventKind.VAGUE_BRIEFING: "Ungenaues Briefing",
    EventKind.SUPPORT_REQUEST: "Supportanfrage",
}


@dataclass(frozen=True)
class CsvFile:
    kind: str  # the import kind
    name: str
    dialect: dict[str, str]


FILES = (
    CsvFile("customers", "kunden.csv", GERMAN),
    CsvFile("invoices", "rechnungen.csv", GERMAN),
    CsvFile("time", "zeiten.csv", TOGGL),
    CsvFile("events", "ereignisse.csv", GERMAN),
)


# The invoice list of the next quarter's review: every stored invoice again, and the quarter's new ones.
REIMPORT = CsvFile("invoices", "rechnungen-quartal.csv", GERMAN)


def quarter_invoices(customers: list[Customer], seed: int = 13) -> list[Invoice]:
    """A quarter's new invoices: one for two customers in five, dated in the 90 days up to AS_OF, still open."""
    rng = random.Random(seed)
    new = []
    for customer in customers:
        if rng.random() < 0.4:
            issued = AS_OF - dt.timedelta(days=rng.randint(0, 90))
            amount = round(rng.uniform(150, 6000), 2)
            new.append(Invoice(f"{customer.id}-Q", customer.id, issued, amount, issued + dt.timedelta(days=14)))
    return new


def german_date(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def german_money(amount: float) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def duration(hours: float) -> str:
    seconds = round(hours * 3600)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def customer_rows(customers: list[Customer]) -> list[list[str]]:
    head = ["Kundennummer", "Name", "Spalte", "Vertrag", "Tags"]
    return [head] + [
        [c.id, c.name, c.column.label("de"), "ja" if c.contract else "nein", ",".join(c.tags)] for c in customers
    ]


def invoice_rows(invoices: list[Invoice], names: dict[str, str]) -> list[list[str]]:
    head = [
        "Rechnungsnummer",
        "Kunde",
        "Kundennummer",
        "Rechnungsdatum",
        "Fälligkeitsdatum",
        "Bezahlt am",
        "Netto",
        "Mahnstufe",
        "Typ",
    ]
    return [head] + [
        [
            i.number,
            names[i.customer_id],
            i.customer_id,
            german_date(i.issued),
            german_date(i.due),
            german_date(i.paid),
            german_money(i.net),
            str(i.dunning_level),
            "Rechnung",
        ]
        for i in invoices
    ]


def toggl_rows(entries: list[TimeEntry], names: dict[str, str]) -> list[list[str]]:
    head = [
        "User",
        "Email",
        "Client",
        "Project",
        "Task",
        "Description",
        "Billable",
        "Start date",
        "Start time",
        "End date",
        "End time",
        "Duration",
        "Tags",
        "Amount (EUR)",
    ]
    rows = [head]
    for index, entry in enumerate(entries):
        start = dt.datetime.combine(entry.date, dt.time(7)) + dt.timedelta(minutes=index % 10 * 61)
        end = start + dt.timedelta(hours=entry.hours)
        rows.append(
            [
                "Lena Hartmann",
                "lena@example.org",
                names[entry.customer_id],
                entry.project,
                "",
                "Arbeit",
                "Yes",
                start.date().isoformat(),
                start.strftime("%H:%M:%S"),
                end.date().isoformat(),
                end.strftime("%H:%M:%S"),
                duration(entry.hours),
                "Design",
                f"{entry.hours * 95:.2f}",
            ]
        )
    return rows


def event_rows(events: list[Event]) -> list[list[str]]:
    head = ["Kundennummer", "Datum", "Art", "Projekt", "Notiz"]
    return [head] + [[e.customer_id, german_date(e.date), EVENT_WORDS[e.kind], "", ""] for e in events]


def write_csv_files(folder: str, n: str) -> dict[str, int]:
    """The synthetic customers as four export files; returns how many customers each column holds."""
    customers, invoices, entries, events = synthetic_facts(int(n))
    names = {c.id: c.name for c in customers}
    tables = {
        "customers": customer_rows(customers),
        "invoices": invoice_rows(invoices, names),
        "time": toggl_rows(entries, names),
        "events": event_rows(events),
    }
    tables[REIMPORT.name] = invoice_rows(invoices + quarter_invoices(customers), names)
    for file in (*FILES, REIMPORT):
        newline = "\r\n" if file.dialect is GERMAN else "\n"
        with open(Path(folder) / file.name, "w", encoding=file.dialect["encoding"], newline="") as handle:
            rows = tables[file.name if file is REIMPORT else file.kind]
            csv.writer(handle, delimiter=file.dialect["delimiter"], lineterminator=newline).writerows(rows)
    return {column.value: sum(1 for c in customers if c.column is column) for column in Column}


# --- workers: one measured step in a fresh process -------------------------------------------


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def work_csv_read(path: str, encoding: str, delimiter: str) -> dict[str, float]:
    def read() -> None:
        with open(path, encoding=encoding, newline="") as handle:
            list(csv.reader(handle, delimiter=delimiter))

    return {"seconds": timed(read)}


def work_rules(db: str) -> dict[str, float]:
    """Facts from the store, metrics of every customer from them (no cache), then the rules on all."""
    from dataclasses import replace

    from kanban.board import rules_path_for
    from kanban.domain.metrics import compute_metrics
    from kanban.domain.relative import add_relative_measures
    from kanban.domain.rules import suggest_all
    from kanban.rules_file import load_rule_set
    from kanban.store import Store

    rule_set = load_rule_set(rules_path_for(Path(db), None))
    with Store.open(Path(db), readonly=True) as store:
        start = time.perf_counter()
        customers = store.customers()
        settings = replace(rule_set.metric_settings(), events_tracked=store.events_tracked())
        store.customers_with_facts()  # parses every fact file
        read = time.perf_counter() - start
        start = time.perf_counter()
        metrics = {cid: compute_metrics(c, store.facts_of(cid), AS_OF, settings) for cid, c in customers.items()}
        add_relative_measures(metrics, rule_set.settings.abc_a_share, rule_set.settings.abc_b_share)
        computed = time.perf_counter() - start
        count = sum(store.fact_counts().values())
    rules = timed(lambda: suggest_all(rule_set, metrics))
    return {"read": read, "metrics": computed, "rules": rules, "customers": len(customers), "facts": count}


def own_peak_mb() -> float:
    """This process's peak resident memory so far, in MB: a step's own, read before its baseline runs."""
    return peak_mb(os.getpid())


def work_move(db: str, presses: str) -> dict[str, float]:
    """What a card move costs below the UI: Board.move, which appends and fsyncs the decision."""
    from kanban.board import Board

    board = Board.open(Path(db), as_of=AS_OF)
    try:
        ideal = [cid for cid, view in board.views.items() if view.customer.column is Column.IDEAL][: int(presses)]
        times = [timed(lambda cid=cid: board.move(cid, Column.WATCH)) for cid in ideal]
    finally:
        board.close()
    return {"median": statistics.median(times), "max": max(times), "count": len(times)}


def write_invoice_only(folder: str, n: str) -> dict[str, int]:
    """The invoice-only history as a German invoice list; returns how many invoices it holds."""
    invoices = invoice_only_history(int(n))
    head = ["Rechnungsnummer", "Kundennummer", "Kunde", "Rechnungsdatum", "Netto"]
    rows = [
        [i.number, i.customer_id, f"Kunde {i.customer_id}", german_date(i.issued), german_money(i.net)]
        for i in invoices
    ]
    with open(Path(folder) / INVOICE_ONLY, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows([head, *rows])
    return {"invoices": len(invoices)}


INVOICE_ONLY = "nur-rechnungen.csv"

WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "write-invoice-only": write_invoice_only,
    "write-csv": write_csv_files,
    "csv-read": work_csv_read,
    "rules": work_rules,
    "move": work_move,
}


# --- running children -------------------------------------------------------------------------


def run_child(argv: list[str], keep_output: bool = True) -> tuple[str, float, float]:
    """(stdout, wall seconds, peak RSS in MB) of a child process; its failure stops the benchmark."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        stdout = subprocess.PIPE if keep_output else subprocess.DEVNULL
        child = subprocess.Popen(argv, stdout=stdout, stderr=err, cwd=HERE.parent.parent)
        out = child.stdout.read() if child.stdout else b""
        _, status, usage = os.wait4(child.pid, 0)  # reaps it, unlike Popen.wait, with its rusage
        seconds = time.perf_counter() - start
        if child.stdout:
            child.stdout.close()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"bench: {' '.join(argv[1:5])} failed:\n{err.read().decode(errors='replace')[-2000:]}")
    return out.decode(), seconds, usage.ru_maxrss / 1024


def worker(name: str, *args: object) -> tuple[dict[str, Any], float]:
    """A worker's figures and its peak memory in MB."""
    out, _, peak = run_child([sys.executable, str(HERE), "--worker", name, *map(str, args)])
    return json.loads(out), peak


# --- the app in a pseudo-terminal -------------------------------------------------------------


def peak_mb(pid: int) -> float:
    """Peak resident memory of a running process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Start:
    """Seconds from spawn to what a user sees and does, and the app's peak memory."""

    painted: float
    card: float
    key: float
    peak: float
    move: float = float("nan")  # `2` pressed at the first paint, to its decision in the log


def board_terminal(db: Path) -> Terminal:
    return Terminal(KUNDENBOARD_APP, ["--db", str(db), "--as-of", AS_OF.isoformat()], {})


def board_start(db: Path) -> Start:
    """First paint (a column header: the kept screen or the loading frame) and first card, no key pressed."""
    terminal = board_terminal(db)
    try:
        painted = terminal.wait_for(COLUMN_TEXT)
        card = terminal.wait_for(CARD_TEXT)
        terminal.settle(0.3)  # a `q` right after a repaint can get lost; close() would then wait 10 s
        return Start(painted, card, float("nan"), peak_mb(terminal.process.pid))
    finally:
        terminal.close()


def board_key_start(db: Path) -> float:
    """`?` pressed as soon as the first frame shows: seconds from spawn until the help is drawn. A start of its
    own: the help drawn over the loading frame would hide the first card from `board_start`."""
    terminal = board_terminal(db)
    try:
        terminal.wait_for(COLUMN_TEXT)
        shown = len(terminal.screen)
        os.write(terminal.master, b"?")
        key = terminal.wait_for(HELP_TEXT, since=shown)
        terminal.settle(0.3)
        os.write(terminal.master, b"?")  # closes the help again: close() quits with `q` from the board
        terminal.settle(0.3)
        return key
    finally:
        terminal.close()


def board_move_start(db: Path) -> float:
    """`2` pressed at the first paint (it waits for the Board): seconds from spawn until its decision is logged.
    Then `1` moves the card back (the focus follows it), so that every run starts from the same board; the next
    start keeps the first screen this one leaves."""
    terminal = board_terminal(db)
    try:
        terminal.wait_for(COLUMN_TEXT)
        before = log_lines(db)
        os.write(terminal.master, b"2")
        logged(terminal, db, before + 1)
        moved = time.time() - terminal.started
        terminal.settle(0.3)
        os.write(terminal.master, b"1")
        logged(terminal, db, before + 2)
        terminal.settle(0.3)
        return moved
    finally:
        terminal.close()


def logged(terminal: Terminal, db: Path, lines: int) -> None:
    """Until the log has this many lines; the run stops when a key wrote no decision."""
    deadline = time.time() + 120
    while log_lines(db) < lines:
        terminal.read(0.005)
        if time.time() > deadline:
            raise SystemExit("bench: a move key wrote no decision within 120 s")


def bare_app_start() -> Start:
    """The bare Textual app: its label, then `j` pressed at once and the label changed."""
    terminal = Terminal(BARE_APP, [], {})
    try:
        painted = terminal.wait_for("bare app ready 0")
        os.write(terminal.master, b"j")
        key = terminal.wait_for("bare app ready 1")
        return Start(painted, painted, key, peak_mb(terminal.process.pid))
    finally:
        terminal.close()


def log_lines(db: Path) -> int:
    path = db / "decisions.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def card_moves(db: Path, presses: int) -> tuple[list[tuple[float, float]], float]:
    """Press `2` and `1` in turns on the focused card of the first column (to Beobachten and back); each press
    must add one decision to the log."""
    terminal = board_terminal(db)
    try:
        terminal.wait_for(CARD_TEXT)
        terminal.settle(1.0)
        before = log_lines(db)
        done = [terminal.press(b"21"[i % 2 : i % 2 + 1]) for i in range(presses)]  # the focus follows the card
        terminal.settle(0.3)
        peak = peak_mb(terminal.process.pid)
    finally:
        terminal.close()
    if log_lines(db) - before != presses:
        raise SystemExit(f"bench: {presses} presses of 2 and 1 wrote {log_lines(db) - before} decisions, not one each")
    return done, peak


PORTFOLIO_TEXT = "Die besten 20 %"  # the whale curve's sentence, the portfolio screen's first line of content
QUARTERS_TEXT = "Umsatz und Deckungsbeitrag je Spalte"  # the quarters' plot title: shown once their facts are read


def after(terminal: Terminal, mark: int, text: str, sent: float, timeout: float = 60.0) -> float:
    """Seconds from `sent` until `text` shows in what the terminal drew after byte `mark`."""
    needle = text.encode()
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if terminal.read(0.01) and needle in ANSI.sub(b"", terminal.screen[mark:]):
            return time.perf_counter() - sent
    raise SystemExit(f"bench: {text!r} did not show within {timeout:g} s of the key")


def portfolio_opens(db: Path, runs: int) -> tuple[list[float], list[float], float]:
    """On the warm board, `p`: seconds to the portfolio's sentence and to the quarters' plot, each run; peak MB."""
    terminal = board_terminal(db)
    opened, quarters = [], []
    try:
        terminal.wait_for(CARD_TEXT)
        terminal.settle(1.0)
        for _ in range(runs):
            terminal.settle(0.3)
            mark = len(terminal.screen)
            os.write(terminal.master, b"p")
            sent = time.perf_counter()
            opened.append(after(terminal, mark, PORTFOLIO_TEXT, sent))
            quarters.append(after(terminal, mark, QUARTERS_TEXT, sent))
            terminal.settle(0.3)
            os.write(terminal.master, b"\x1b")  # back to the board
        terminal.settle(0.5)
        peak = peak_mb(terminal.process.pid)
    finally:
        terminal.close()
    return opened, quarters, peak


def bare_keys(presses: int) -> list[tuple[float, float]]:
    terminal = Terminal(BARE_APP, [], {})
    try:
        terminal.wait_for("bare app ready 0")
        terminal.settle(0.5)
        return [terminal.press(b"j") for _ in range(presses)]
    finally:
        terminal.close()


# --- the table --------------------------------------------------------------------------------


@dataclass
class Row:
    step: str
    size: int
    samples: list[float]  # seconds, one a run; empty for a memory-only row
    baseline: list[float] = field(default_factory=list)
    peak: float | None = None  # MB, the largest of the runs
    target: str = ""
    ok: bool | None = None  # None: no target at this size

    @property
    def seconds(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def base_seconds(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    @property
    def ratio(self) -> float | None:
        seconds, base = self.seconds, self.base_seconds
        return seconds / base if seconds is not None and base else None


def in_turns(
    runs: int,
    step: Callable[[], tuple[float, float]],
    baseline: Callable[[], float] | None = None,
    before: Callable[[], None] | None = None,
) -> tuple[list[float], list[float], float]:
    """(step seconds, baseline seconds, peak MB of the step): baseline and step by turns, `before` untimed."""
    samples, base, peaks = [], [], []
    for _ in range(runs):
        if baseline is not None:
            base.append(baseline())
        if before is not None:
            before()
        seconds, peak = step()
        samples.append(seconds)
        peaks.append(peak)
    return samples, base, max(peaks)


def at_most_ratio(limit: float, sizes: tuple[int, ...] | None = None, plus: float = 0.0) -> Callable[[Row], None]:
    def judge(row: Row) -> None:
        if (sizes is None or row.size in sizes) and row.seconds is not None and row.base_seconds:
            allowed = limit * row.base_seconds + plus
            row.target = f"≤ {limit:g}x" + (f" + {show_seconds(plus)}" if plus else "")
            row.ok = row.seconds <= allowed

    return judge


def at_most_seconds(limits: dict[int, float]) -> Callable[[Row], None]:
    def judge(row: Row) -> None:
        if row.size in limits and row.seconds is not None:
            row.target, row.ok = f"≤ {show_seconds(limits[row.size])}", row.seconds <= limits[row.size]

    return judge


def show_seconds(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def show_spread(samples: list[float]) -> str:
    if len(samples) < 2:
        return ""
    return f"{show_seconds(min(samples))} – {show_seconds(max(samples))}"


def print_table(rows: list[Row]) -> None:
    print("| step | customers | median | min – max | baseline | ratio | peak MB | target | result |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for row in rows:
        ratio = f"{row.ratio:.1f}x" if row.ratio is not None else ""
        peak = f"{row.peak:.0f}" if row.peak is not None else ""
        result = "" if row.ok is None else "pass" if row.ok else "**miss**"
        print(
            f"| {row.step} | {row.size:,} | {show_seconds(row.seconds)} | {show_spread(row.samples)} "
            f"| {show_seconds(row.base_seconds)} | {ratio} | {peak} | {row.target} | {result} |"
        )


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


# --- one size ---------------------------------------------------------------------------------


def fresh_copy(source: Path, target: Path) -> None:
    """`target` made the database `source` is (or no database, when `source` does not exist)."""
    shutil.rmtree(target, ignore_errors=True)
    if source.exists():
        shutil.copytree(source, target)


def command(*args: str) -> tuple[float, float]:
    """Wall seconds and peak MB of one whole `kundenboard` command, output discarded."""
    _, seconds, peak = run_child([str(KUNDENBOARD), *args], keep_output=False)
    return seconds, peak


def version() -> float:
    return command("--version")[0]


def csv_read(path: Path, encoding: str, delimiter: str) -> float:
    """The baseline of an import: a plain `csv.reader` pass over the same file, in its own process."""
    return run_child([sys.executable, str(HERE), "--worker", "csv-read", str(path), encoding, delimiter])[1]


def measure_imports(folder: Path, db: Path, n: int, runs: int) -> list[Row]:
    """Each file imported whole by `kundenboard import`, each run into the database as it was before it."""
    rows, before = [], folder / "before-import"
    for file in FILES:
        fresh_copy(db, before)
        path = folder / file.name
        dialect = file.dialect
        samples, base, peak = in_turns(
            runs,
            lambda kind=file.kind, path=path: command(
                "--db", str(db), "--as-of", AS_OF.isoformat(), "import", kind, str(path)
            ),
            partial(csv_read, path, dialect["encoding"], dialect["delimiter"]),
            before=lambda: fresh_copy(before, db),
        )
        rows.append(
            Row(
                f"`kundenboard import {file.kind}` ({file.name}; vs csv.reader in its own process)",
                n,
                samples,
                base,
                peak,
            )
        )
    before.rename(folder / "before-last-import")  # the app's first start after an import begins from it
    return rows


def measure_reimport(folder: Path, db: Path, n: int, runs: int) -> list[Row]:
    """The quarterly re-import: the whole invoice list again with a quarter's new invoices, into the database
    after all imports (a copy each run; `db` stays as it is for the steps after)."""
    path, target, before = folder / REIMPORT.name, folder / "reimport-db", folder / "before-reimport"
    fresh_copy(db, before)

    samples = in_turns(
        runs,
        lambda: command("--db", str(target), "--as-of", AS_OF.isoformat(), "import", "invoices", str(path)),
        lambda: csv_read(path, "cp1252", ";"),
        before=lambda: fresh_copy(before, target),
    )
    shutil.rmtree(before)
    shutil.rmtree(target)
    step = f"`kundenboard import invoices` re-import with a quarter's new invoices ({REIMPORT.name}; vs csv.reader)"
    return [Row(step, n, *samples)]


def measure_commands(folder: Path, db: Path, n: int, runs: int) -> list[Row]:
    at = ("--db", str(db), "--as-of", AS_OF.isoformat())
    export, restored = folder / "export.yaml", folder / "restored"
    suggest = in_turns(runs, lambda: command(*at, "suggest", "--format", "json"), version)
    exported = in_turns(
        runs, lambda: command(*at, "export", str(export)), version, before=lambda: export.unlink(missing_ok=True)
    )
    restore = in_turns(
        runs,
        lambda: command("restore", str(export), "--db", str(restored)),
        version,
        before=lambda: shutil.rmtree(restored, ignore_errors=True),
    )
    shutil.rmtree(restored)
    export.unlink()
    return [
        Row("`kundenboard suggest --format json` (vs --version)", n, *suggest),
        Row("`kundenboard export FILE` (vs --version)", n, *exported),
        Row("`kundenboard restore FILE --db NEW` (vs --version)", n, *restore),
    ]


def measure_in_process(db: Path, n: int) -> list[Row]:
    figures, peak = worker("rules", db)
    if (figures["customers"], figures["facts"]) != (n, 14 * n):  # 3 invoices, 10 time entries, 1 event each
        raise SystemExit(
            f"bench: the imports stored {figures['customers']} customers and {figures['facts']} facts, "
            f"not {n} and {14 * n}"
        )
    rows = [
        Row("in process: read customers and parse the fact files", n, [figures["read"]], peak=peak),
        Row("in process: decode facts, metrics of all customers", n, [figures["metrics"]]),
        Row("in process: rules on all customers (suggest_all)", n, [figures["rules"]]),
    ]
    opened = in_process(db)  # ui_start's data side of the board, in a fresh process
    return rows + [
        Row(f"in process: {name.replace('(score sort)', '(suggest, export)')}", n, [seconds])
        for name, seconds in opened.items()
    ]


def measure_invoice_only(tmp: Path, n: int, runs: int) -> list[Row]:
    """A history with an invoice list and nothing else (bench/synthetic.py's invoice_only_history): most metrics
    unknown and most rules not evaluated, the shape of a shop's accounting export."""
    folder = tmp / f"invoices-only-{n}"
    folder.mkdir()
    written, _ = worker("write-invoice-only", folder, n)
    db, path = folder / "db", folder / INVOICE_ONLY

    imported = in_turns(
        runs,
        lambda: command("--db", str(db), "--as-of", AS_OF.isoformat(), "import", "invoices", str(path)),
        lambda: csv_read(path, "cp1252", ";"),
        before=lambda: shutil.rmtree(db, ignore_errors=True),
    )
    figures, peak = worker("rules", db)
    day = (AS_OF - dt.timedelta(days=200)).isoformat()  # half a year of outcome after it, and a margin
    at = ("--db", str(db), "--as-of", day)
    backtest = in_turns(
        runs,
        lambda: command(*at, "rules", "backtest", "--horizon", "6"),
        lambda: command(*at, "suggest", "--format", "json")[0],
    )
    shutil.rmtree(folder)
    return [
        Row(f"invoice-only: `kundenboard import invoices` ({written['invoices']:,} rows; vs csv.reader)", n, *imported),
        Row("invoice-only: in process: metrics of all customers", n, [figures["metrics"]], peak=peak),
        Row("invoice-only: in process: rules on all customers (suggest_all)", n, [figures["rules"]]),
        Row("invoice-only: `kundenboard rules backtest --horizon 6` (vs suggest --format json)", n, *backtest),
    ]


def measure_app(folder: Path, db: Path, n: int, counts: dict[str, int], runs: int, keys: int) -> list[Row]:
    before_import, last = folder / "before-last-import", FILES[-1]

    def import_again() -> None:
        """The database as it was before the last import, and that import (untimed): it computes the day's
        metrics as every `kundenboard import` does, and no first screen is kept yet. A copy of the state after
        it would not do: the metrics cache knows its files by inode."""
        fresh_copy(before_import, db)
        command("--db", str(db), "--as-of", AS_OF.isoformat(), "import", last.kind, str(folder / last.name))

    def cache_of_yesterday() -> None:
        """What a user meets each morning: the metrics cache written the day before (untimed)."""
        (db / "cache.json").unlink(missing_ok=True)
        command("--db", str(db), "--as-of", (AS_OF - dt.timedelta(days=1)).isoformat(), "suggest", "--format", "json")

    starts = {
        "first after an import": import_again,
        "first of a day (no cache)": (lambda: (db / "cache.json").unlink(missing_ok=True)),
        "first of a day (yesterday's cache)": cache_of_yesterday,
        "warm": None,  # the previous start kept its first screen for this one
    }
    rows = []
    for name, before in starts.items():
        board: list[Start] = []
        bare: list[Start] = []
        for _ in range(runs):
            bare.append(bare_app_start())
            if before is not None:
                before()
            board.append(board_start(db))
            if before is not None:
                before()
            board[-1].key = board_key_start(db)
            if before is not None:
                before()
            board[-1].move = board_move_start(db)
        peak = max(start.peak for start in board)
        rows += [
            Row(f"app start, {name}: first paint", n, [s.painted for s in board], [s.painted for s in bare]),
            Row(f"app start, {name}: first card", n, [s.card for s in board], [s.painted for s in bare], peak),
            Row(f"app start, {name}: first key acted on", n, [s.key for s in board], [s.key for s in bare]),
            Row(f"app start, {name}: first move acted on", n, [s.move for s in board], [s.key for s in bare]),
        ]
    shutil.rmtree(before_import)
    moves, move_peak = card_moves(db, min(keys, counts[Column.IDEAL.value]))
    bare_moves = bare_keys(keys)
    opened, quarters, portfolio_peak = portfolio_opens(db, runs)
    return rows + [
        Row(
            f"card move `2`/`1`, first frame ({len(moves)} presses)",
            n,
            [m[0] for m in moves],
            [b[0] for b in bare_moves],
            move_peak,
        ),
        Row(
            f"card move `2`/`1`, screen settled ({len(moves)} presses)",
            n,
            [m[1] for m in moves],
            [b[1] for b in bare_moves],
        ),
        Row(
            f"portfolio `p`, key to the curve's sentence ({len(opened)} runs)",
            n,
            opened,
            [b[0] for b in bare_moves],
            portfolio_peak,
        ),
        Row(f"portfolio `p`, key to the 8 quarters from the facts ({len(quarters)} runs)", n, quarters),
    ]


JUDGES: dict[str, Callable[[Row], None]] = {
    "`kundenboard import": at_most_ratio(5, plus=0.5),
    "`kundenboard suggest": at_most_seconds({BIG: 1.5}),
    "`kundenboard export": at_most_seconds({BIG: 3.0}),
    "`kundenboard restore": at_most_seconds({BIG: 3.0}),
    "in process: rules on all": at_most_seconds({BIG: 0.5}),
    "app start, warm: first key": at_most_ratio(2, (BIG,)),
    "app start, first after an import: first card": at_most_ratio(2, (BIG,)),
    "app start, first after an import: first key": at_most_ratio(3, (BIG,)),
    "app start, first of a day (no cache): first card": at_most_ratio(3, (BIG,)),
    "app start, first of a day (yesterday's cache): first card": at_most_ratio(3, (BIG,)),
    "card move `2`/`1`, screen settled": at_most_seconds({1000: 0.05, BIG: 0.15}),
    "portfolio `p`, key to the curve": at_most_seconds({BIG: 0.3}),
    "invoice-only: `kundenboard import": at_most_ratio(5, plus=0.5),
    "invoice-only: in process: rules on all": at_most_seconds({BIG: 0.5}),
    "invoice-only: `kundenboard rules backtest": at_most_ratio(2),
}


def judge(rows: list[Row], n: int) -> list[Row]:
    for row in rows:
        for prefix, check in JUDGES.items():
            if row.step.startswith(prefix):
                check(row)
    in_app = ("app", "card", "portfolio")
    return rows + [
        peak_row("app", [r for r in rows if r.step.startswith(in_app)], n),
        peak_row("commands", [r for r in rows if not r.step.startswith(in_app)], n),
    ]


def peak_row(which: str, rows: list[Row], n: int) -> Row:
    """The largest peak among `rows`, judged at the big size (and at 100,000 when measured)."""
    top = max((row for row in rows if row.peak is not None), key=lambda row: row.peak or 0)
    memory = Row(f"peak memory, {which}: {top.step.split(' (')[0]}", n, [], peak=top.peak)
    limit = {BIG: 300, 100_000: 1000}.get(n)
    if limit:
        memory.target, memory.ok = f"≤ {limit} MB", (top.peak or 0) <= limit
    return memory


def measure(n: int, runs: int, keys: int, tmp: Path) -> list[Row]:
    folder = tmp / f"n{n}"
    folder.mkdir()
    # In a child: the parent must stay small, as a child's ru_maxrss starts at its parent's (vfork + exec).
    counts, _ = worker("write-csv", folder, n)
    db = folder / "db"
    rows = measure_imports(folder, db, n, runs) + measure_reimport(folder, db, n, runs)
    rows += measure_commands(folder, db, n, runs) + measure_in_process(db, n)
    rows += measure_app(folder, db, n, counts, runs, keys)
    shutil.rmtree(folder)
    rows += measure_invoice_only(tmp, n, runs)
    return judge(rows, n)


def compile_package() -> None:
    """Our modules' bytecode, written once: an installed package carries it (pip compiles at install), while
    an editable install under PYTHONDONTWRITEBYTECODE would compile every module in every timed process."""
    import compileall

    import kanban

    compileall.compile_dir(Path(kanban.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,1000,25000", help="customer counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs of every step, the baseline taken in turns")
    parser.add_argument("--keys", type=int, default=10, help="card moves per size")
    parser.add_argument("--quick", action="store_true", help="about a minute: --sizes 25,1000 --runs 5 --keys 5")
    parser.add_argument("--worker", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        from kanban.collector import collector_paused

        with collector_paused():  # as every kundenboard command runs: the CLI pauses it at its entry
            print(json.dumps(WORKERS[args.worker[0]](*args.worker[1:])))
        return
    if args.quick:
        args.sizes, args.runs, args.keys = "25,1000", 5, 5
    compile_package()
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kundenboard-bench-") as tmp:
        for n in (int(size) for size in args.sizes.split(",")):
            rows += measure(n, args.runs, args.keys, Path(tmp))
            print(f"bench: {n:,} customers done after {time.perf_counter() - started:.0f} s", file=sys.stderr)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the floor of every child's peak
    print(
        f"{machine()}; terminal 140x40; {args.runs} runs a step; whole run {time.perf_counter() - started:.0f} s; "
        f"benchmark process {own:.0f} MB\n"
    )
    print_table(rows)


if __name__ == "__main__":
    main()
