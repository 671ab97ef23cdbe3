"""The benchmark: import, rules, suggest, export, restore, app start, card move and memory at several sizes.

    /work/venv/bin/python bench/run.py [--sizes 25,1000,25000] [--keys 10] [--runs 3]

Prints one table: every figure beside a baseline measured in the same run, the
target from issue 8 and whether it is met. Method, in short:

- Data: bench/synthetic.py makes N customers (3 invoices, 10 time entries, 1
  event each). They are written as the CSV files a small business has: a
  German customer list, invoice list and event list (`;`, decimal comma,
  31.12.2026 dates, Windows-1252) and a Toggl detailed report (UTF-8 with BOM),
  and imported in that order into a fresh database, which every later step uses.
- In-process steps run each in a fresh child process (`--worker`), timed around
  the call alone (perf_counter), so imports of Python modules and earlier steps
  do not count. Peak memory is the child's ru_maxrss (os.wait4): the whole
  process, interpreter included.
- Baselines: the import beside a plain `csv.reader` pass over the same file (same
  encoding and separator); export beside `json.dump` of the same data into a file;
  restore beside `json.load` of that file; `kundenboard suggest` beside
  `kundenboard --version` (interpreter and CLI start).
- App: the installed `kundenboard --db DB` runs in a pseudo-terminal of 140x40
  (bench/ui_start.py's Terminal); start is spawn to the first frame that shows
  a card. First start has no metrics cache, warm start has it. The bare app is
  bench/ui_start.py's one-label Textual app, started the same way.
- Card move: on the warm board, `2` moves the focused card of "Idealer Partner"
  to "Beobachten"; timed from writing the key to the last byte of the repaint
  (30 ms of quiet ends it). The decision is fsynced before the screen changes,
  so the figure includes the durable write; the log must have grown by one line
  per press or the run fails. Baseline: a key that updates a label in the bare app.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synthetic import AS_OF, invoice_only_history, synthetic_facts
from ui_start import BARE_APP, Terminal, bare_start, in_process

from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry

HERE = Path(__file__).resolve()
KUNDENBOARD = Path(sys.executable).with_name("kundenboard")
# Runs the installed console script as it is, inside ui_start's Terminal (which spawns `python -c CODE`).
KUNDENBOARD_APP = f"import runpy; runpy.run_path({str(KUNDENBOARD)!r}, run_name='__main__')"
CARD_TEXT = "GmbH"  # every synthetic customer's name ends so: the board shows cards
LOADING_TEXT = "lädt"  # the column headers of the loading frame (German, the default)
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


def german_date(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def german_money(amount: float) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def duration(hours: float) -> str:
    seconds = round(hours * 3600)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def customer_rows(customers: list[Customer]) -> list[list[str]]:
    head = ["Kundennummer", "Name", "Spalte", "Vertrag", "Tags"]
    return [head] + [[c.id, c.name, c.column.label("de"), "ja" if c.contract else "nein", ",".join(c.tags)]
                     for c in customers]


def invoice_rows(invoices: list[Invoice], names: dict[str, str]) -> list[list[str]]:
    head = ["Rechnungsnummer", "Kunde", "Kundennummer", "Rechnungsdatum", "Fälligkeitsdatum", "Bezahlt am",
            "Netto", "Mahnstufe", "Typ"]
    return [head] + [[i.number, names[i.customer_id], i.customer_id, german_date(i.issued), german_date(i.due),
                      german_date(i.paid), german_money(i.net), str(i.dunning_level), "Rechnung"]
                     for i in invoices]


def toggl_rows(entries: list[TimeEntry], names: dict[str, str]) -> list[list[str]]:
    head = ["User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date", "Start time",
            "End date", "End time", "Duration", "Tags", "Amount (EUR)"]
    rows = [head]
    for index, entry in enumerate(entries):
        start = dt.datetime.combine(entry.date, dt.time(7)) + dt.timedelta(minutes=index % 10 * 61)
        end = start + dt.timedelta(hours=entry.hours)
        rows.append(["Lena Hartmann", "lena@example.org", names[entry.customer_id], entry.project, "", "Arbeit",
                     "Yes", start.date().isoformat(), start.strftime("%H:%M:%S"), end.date().isoformat(),
                     end.strftime("%H:%M:%S"), duration(entry.hours), "Design", f"{entry.hours * 95:.2f}"])
    return rows


def event_rows(events: list[Event]) -> list[list[str]]:
    head = ["Kundennummer", "Datum", "Art", "Projekt", "Notiz"]
    return [head] + [[e.customer_id, german_date(e.date), EVENT_WORDS[e.kind], "", ""] for e in events]


def write_csv_files(folder: str, n: str) -> dict[str, int]:
    """The synthetic customers as four export files; returns how many customers each column holds."""
    customers, invoices, entries, events = synthetic_facts(int(n))
    names = {c.id: c.name for c in customers}
    tables = {"customers": customer_rows(customers), "invoices": invoice_rows(invoices, names),
              "time": toggl_rows(entries, names), "events": event_rows(events)}
    for file in FILES:
        newline = "\r\n" if file.dialect is GERMAN else "\n"
        with open(Path(folder) / file.name, "w", encoding=file.dialect["encoding"], newline="") as handle:
            csv.writer(handle, delimiter=file.dialect["delimiter"], lineterminator=newline).writerows(
                tables[file.kind])
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


def work_import(db: str, path: str, kind: str) -> dict[str, float]:
    from kanban.importing.load import import_file
    from kanban.store import Store

    with Store.open(Path(db)) as store:
        return {"seconds": timed(lambda: import_file(store, Path(path), kind))}


def work_rules(db: str) -> dict[str, float]:
    """Facts from the store, metrics of every customer from them (no cache), then the rules on all."""
    from dataclasses import replace

    from kanban.board import rules_path_for
    from kanban.domain.metrics import compute_metrics
    from kanban.domain.relative import add_relative_measures
    from kanban.domain.rules import load_rule_set, suggest_all
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


def work_export(db: str, yaml_path: str, json_path: str) -> dict[str, float]:
    from kanban.board import Board
    from kanban.transfer import build_export, write_export

    board = Board.open(Path(db), as_of=AS_OF, readonly=True)
    try:
        seconds = timed(lambda: write_export(board, yaml_path))
        peak = own_peak_mb()  # before the baseline's data exists
        data = plain(build_export(board))  # made in full before the baseline's clock starts
    finally:
        board.close()

    def dump() -> None:
        with open(json_path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)

    return {"seconds": seconds, "baseline": timed(dump), "peak": peak}


def plain(data: Any) -> Any:
    """The export's data with its streamed lists (entries and rows made while written) made into lists."""
    if isinstance(data, dict):
        return {key: plain(value) for key, value in data.items()}
    from kanban.transfer import _Stream

    if isinstance(data, list | tuple | _Stream):
        return [plain(item) for item in data]
    return data


def work_restore(yaml_path: str, json_path: str, db: str) -> dict[str, float]:
    from kanban.transfer import restore

    def load() -> None:
        with open(json_path, encoding="utf-8") as handle:
            json.load(handle)

    seconds = timed(lambda: restore(yaml_path, db))
    peak = own_peak_mb()
    return {"seconds": seconds, "baseline": timed(load), "peak": peak}


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
    rows = [[i.number, i.customer_id, f"Kunde {i.customer_id}", german_date(i.issued), german_money(i.net)]
            for i in invoices]
    with open(Path(folder) / INVOICE_ONLY, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows([head, *rows])
    return {"invoices": len(invoices)}


INVOICE_ONLY = "nur-rechnungen.csv"

WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "write-invoice-only": write_invoice_only,
    "write-csv": write_csv_files, "csv-read": work_csv_read, "import": work_import, "rules": work_rules,
    "export": work_export, "restore": work_restore, "move": work_move,
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


def kundenboard(*args: str) -> tuple[float, float]:
    """Wall seconds and peak MB of one `kundenboard` command, output discarded."""
    _, seconds, peak = run_child([str(KUNDENBOARD), *args], keep_output=False)
    return seconds, peak


# --- the app in a pseudo-terminal -------------------------------------------------------------


def peak_mb(pid: int) -> float:
    """Peak resident memory of a running process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def board_terminal(db: Path, first: str | None = None) -> tuple[Terminal, float, float]:
    """`kundenboard --db DB` on a pseudo-terminal: seconds until `first` shows (if given), until it shows cards."""
    terminal = Terminal(KUNDENBOARD_APP, ["--db", str(db), "--as-of", AS_OF.isoformat()], {})
    before = terminal.wait_for(first) if first else 0.0
    return terminal, before, terminal.wait_for(CARD_TEXT)


def board_start(db: Path, first: str | None = None) -> tuple[float, float, float]:
    """Seconds until `first` shows (if given) and until cards show, and the app's peak MB."""
    terminal, before, seconds = board_terminal(db, first)
    terminal.settle(0.3)  # a `q` right at the first paint can get lost; close() would then wait 10 s
    peak = peak_mb(terminal.process.pid)
    terminal.close()
    return before, seconds, peak


def first_start(db: Path) -> tuple[float, float, float]:
    """The day's first start (no metrics cache): seconds to the loading frame, to the first card; peak MB."""
    (db / "cache.json").unlink(missing_ok=True)
    return board_start(db, LOADING_TEXT)


def log_lines(db: Path) -> int:
    path = db / "decisions.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def card_moves(db: Path, presses: int) -> tuple[list[float], float]:
    """Press `2` on the focused card of the first column; each press must add one decision to the log."""
    terminal, _, _ = board_terminal(db)
    try:
        terminal.settle(1.0)
        before = log_lines(db)
        done = [terminal.press(b"2")[1] for _ in range(presses)]
        terminal.settle(0.3)
        peak = peak_mb(terminal.process.pid)
    finally:
        terminal.close()
    if log_lines(db) - before != presses:
        raise SystemExit(f"bench: {presses} presses of 2 wrote {log_lines(db) - before} decisions, not one each")
    return done, peak


def bare_keys(presses: int) -> list[float]:
    terminal = Terminal(BARE_APP, [], {})
    try:
        terminal.wait_for("bare app ready 0")
        terminal.settle(0.5)
        return [terminal.press(b"j")[1] for _ in range(presses)]
    finally:
        terminal.close()


# --- the table --------------------------------------------------------------------------------


@dataclass
class Row:
    step: str
    size: int
    seconds: float | None
    baseline: float | None = None
    peak: float | None = None  # MB
    target: str = ""
    ok: bool | None = None  # None: no target at this size

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.baseline if self.seconds is not None and self.baseline else None


def at_most_ratio(limit: float, sizes: tuple[int, ...] | None = None) -> Callable[[Row], None]:
    def judge(row: Row) -> None:
        if sizes is None or row.size in sizes:
            row.target, row.ok = f"≤ {limit:g}x", row.ratio is not None and row.ratio <= limit
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


def print_table(rows: list[Row]) -> None:
    print("| step | customers | time | baseline | ratio | peak MB | target | result |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for row in rows:
        ratio = f"{row.ratio:.1f}x" if row.ratio is not None else ""
        peak = f"{row.peak:.0f}" if row.peak is not None else ""
        result = "" if row.ok is None else "pass" if row.ok else "**miss**"
        print(f"| {row.step} | {row.size:,} | {show_seconds(row.seconds)} | {show_seconds(row.baseline)} | {ratio} "
              f"| {peak} | {row.target} | {result} |")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return (f"{dt.date.today().isoformat()}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


# --- one size ---------------------------------------------------------------------------------


def measure_imports(folder: Path, db: Path, n: int) -> list[Row]:
    rows = []
    for file in FILES:
        path = folder / file.name
        base, _ = worker("csv-read", path, file.dialect["encoding"], file.dialect["delimiter"])
        done, peak = worker("import", db, path, file.kind)
        rows.append(Row(f"import {file.kind} ({file.name})", n, done["seconds"], base["seconds"], peak))
    return rows


def measure_data(folder: Path, db: Path, n: int) -> list[Row]:
    figures, peak = worker("rules", db)
    if (figures["customers"], figures["facts"]) != (n, 14 * n):  # 3 invoices, 10 time entries, 1 event each
        raise SystemExit(f"bench: the imports stored {figures['customers']} customers and {figures['facts']} facts, "
                         f"not {n} and {14 * n}")
    rows = [Row("read customers and parse the fact files", n, figures["read"], peak=peak),
            Row("decode facts, metrics of all customers (no cache)", n, figures["metrics"]),
            Row("rules on all customers (suggest_all)", n, figures["rules"])]
    opened = in_process(db)  # ui_start's data side of the board, in a fresh process
    # Sorting by score no longer needs every suggestion (the cache has the scores); suggest and export do.
    rows += [Row(f"board: {name.replace('(score sort)', '(suggest, export)')}", n, seconds)
             for name, seconds in opened.items()]
    version, _ = kundenboard("--version")
    suggest, peak = kundenboard("--db", str(db), "--as-of", AS_OF.isoformat(), "suggest", "--format", "json")
    rows.append(Row("`kundenboard suggest --format json` (vs --version)", n, suggest, version, peak))
    export, _ = worker("export", db, folder / "export.yaml", folder / "export.json")
    rows.append(Row("export YAML (vs json.dump)", n, export["seconds"], export["baseline"], export["peak"]))
    restored, _ = worker("restore", folder / "export.yaml", folder / "export.json", folder / "restored")
    rows.append(Row("restore (vs json.load)", n, restored["seconds"], restored["baseline"], restored["peak"]))
    moved, peak = worker("move", folder / "restored", 10)  # on the restored copy: the app's board stays as it was
    rows.append(Row(f"Board.move with its fsync, in-process (median of {moved['count']})", n, moved["median"],
                    peak=peak))
    return rows


def measure_invoice_only(tmp: Path, n: int) -> list[Row]:
    """A history with an invoice list and nothing else (bench/synthetic.py's invoice_only_history): most metrics
    unknown and most rules not evaluated, the shape of a shop's accounting export."""
    folder = tmp / f"invoices-only-{n}"
    folder.mkdir()
    written, _ = worker("write-invoice-only", folder, n)
    db, path = folder / "db", folder / INVOICE_ONLY
    base, _ = worker("csv-read", path, "cp1252", ";")
    done, peak = worker("import", db, path, "invoices")
    rows = [Row(f"invoice-only: import invoices ({written['invoices']:,} rows)", n, done["seconds"], base["seconds"],
                peak)]
    figures, peak = worker("rules", db)
    rows += [Row("invoice-only: metrics of all customers (no cache)", n, figures["metrics"], peak=peak),
             Row("invoice-only: rules on all customers (suggest_all)", n, figures["rules"])]
    day = (AS_OF - dt.timedelta(days=200)).isoformat()  # half a year of outcome after it, and a margin
    suggest, peak = kundenboard("--db", str(db), "--as-of", day, "suggest", "--format", "json")
    rows.append(Row("invoice-only: `kundenboard suggest --format json` (no cache)", n, suggest, peak=peak))
    backtest, peak = kundenboard("--db", str(db), "--as-of", day, "rules", "backtest", "--horizon", "6")
    rows.append(Row("invoice-only: `kundenboard rules backtest` (vs suggest)", n, backtest, suggest, peak))
    shutil.rmtree(folder)
    return rows


def measure_app(db: Path, n: int, counts: dict[str, int], runs: int, keys: int) -> list[Row]:
    bare = statistics.median(bare_start() for _ in range(runs))
    frame, first, first_peak = first_start(db)
    warm = [board_start(db) for _ in range(runs)]
    moves, move_peak = card_moves(db, min(keys, counts[Column.IDEAL.value]))
    bare_key = statistics.median(bare_keys(keys))
    return [
        Row("loading frame, first start of a day (no metrics cache)", n, frame, bare),
        Row("app start, first of a day (no metrics cache)", n, first, bare, first_peak),
        Row("app start, warm (median)", n, statistics.median(s for _, s, _ in warm), bare, max(p for *_, p in warm)),
        Row(f"card move `2`, key to repaint (median of {len(moves)})", n, statistics.median(moves), bare_key,
            move_peak),
        Row("card move `2`, slowest", n, max(moves), bare_key),
    ]


JUDGES: dict[str, Callable[[Row], None]] = {
    "import": at_most_ratio(5),
    "rules on all": at_most_seconds({BIG: 0.5}),
    "invoice-only: rules on all": at_most_seconds({BIG: 0.5}),
    "invoice-only: `kundenboard rules backtest`": at_most_ratio(2),
    "app start": at_most_ratio(2, (BIG,)),
    "card move `2`, key": at_most_seconds({1000: 0.05, BIG: 0.15}),
}


def judge(rows: list[Row], n: int) -> list[Row]:
    for row in rows:
        for prefix, check in JUDGES.items():
            if row.step.startswith(prefix):
                check(row)
    return rows + [peak_row("app", [r for r in rows if r.step.startswith(("app", "card"))], n),
                   peak_row("other", [r for r in rows if not r.step.startswith(("app", "card"))], n)]


def peak_row(which: str, rows: list[Row], n: int) -> Row:
    """The largest peak among `rows`, judged at the big size."""
    top = max((row for row in rows if row.peak is not None), key=lambda row: row.peak or 0)
    memory = Row(f"peak memory, {which}: {top.step.split(' (')[0]}", n, None, peak=top.peak)
    if n == BIG:
        memory.target, memory.ok = "< 300 MB", (top.peak or 0) < 300
    return memory


def measure(n: int, runs: int, keys: int, tmp: Path) -> list[Row]:
    folder = tmp / f"n{n}"
    folder.mkdir()
    # In a child: the parent must stay small, as a child's ru_maxrss starts at its parent's (vfork + exec).
    counts, _ = worker("write-csv", folder, n)
    db = folder / "db"
    rows = measure_imports(folder, db, n) + measure_data(folder, db, n) + measure_app(db, n, counts, runs, keys)
    shutil.rmtree(folder)
    rows += measure_invoice_only(tmp, n)
    return judge(rows, n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,1000,25000", help="customer counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="app starts per size (median)")
    parser.add_argument("--keys", type=int, default=10, help="card moves per size (median)")
    parser.add_argument("--worker", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker[0]](*args.worker[1:])))
        return
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kundenboard-bench-") as tmp:
        for n in (int(size) for size in args.sizes.split(",")):
            rows += measure(n, args.runs, args.keys, Path(tmp))
            print(f"bench: {n:,} customers done after {time.perf_counter() - started:.0f} s", file=sys.stderr)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the floor of every child's peak
    print(f"{machine()}; terminal 140x40; whole run {time.perf_counter() - started:.0f} s; "
          f"benchmark process {own:.0f} MB\n")
    print_table(rows)


if __name__ == "__main__":
    main()
