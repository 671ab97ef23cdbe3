"""Do the suggestions hold up on a purchase history nobody here wrote? The CDNOW master data set, end to end.

    .venv/bin/python bench/real_history.py [--work DIR] [--lang de|en]

CDNOW (23,570 customers who first bought CDs at CDNOW in the first quarter of 1997, every purchase until
June 1998: customer, date, number of CDs, dollars) is the data set of Fader, Hardie and Lee's customer-base
papers. It ships inside the `lifetimes` package on PyPI (MIT licence); this script takes it from there with
`pip download` and nothing else, so no outside data file enters this repository.

Steps, all through the real command: the purchases become a German invoice list (one invoice per purchase,
dollars taken as euros, no due dates, no hours, no events: an invoice list and nothing else), `kundenboard
import invoices` reads it into a fresh database, `kundenboard suggest` and `kundenboard rules backtest` run on
it and print what they print. Each command is timed as a whole, the way a user waits for it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

WHEEL = "lifetimes==0.11.3"
MEMBER = "lifetimes/datasets/CDNOW_master.txt"
KUNDENBOARD = Path(sys.executable).with_name("kundenboard")
# (as-of day, horizon in months): a year of history judged by the half year after it; half a year by the year.
BACKTESTS = (("1997-12-31", 6), ("1997-06-30", 12), ("1997-09-30", 9))


def fetch(work: Path) -> Path:
    """The data file from the wheel on PyPI, downloaded once into `work`."""
    target = work / "CDNOW_master.txt"
    if target.exists():
        return target
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", WHEEL, "-d", str(work)], check=True)
    wheel = next(work.glob("[Ll]ifetimes-0.11.3-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        target.write_bytes(archive.read(MEMBER))
    return target


def to_invoice_list(source: Path, target: Path) -> int:
    """One invoice per purchase, written as a German accounting export (`;`, decimal comma, 31.12.1997)."""
    rows = 0
    with source.open(encoding="ascii") as lines, target.open("w", encoding="utf-8") as out:
        out.write("Rechnungsnummer;Kundennummer;Kunde;Rechnungsdatum;Netto\n")
        for line in lines:
            fields = line.split()
            if len(fields) != 4 or not fields[0].isdigit():
                continue  # the header line
            customer, day, _cds, dollars = fields
            rows += 1
            amount = f"{float(dollars):.2f}".replace(".", ",")
            out.write(f"CD-{rows:06d};C{customer};CDNOW-Kunde {customer};{day[6:]}.{day[4:6]}.{day[:4]};{amount}\n")
    return rows


def kundenboard(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([str(KUNDENBOARD), *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"kundenboard {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="folder for the download and the database (default: a temp dir)")
    parser.add_argument("--lang", default="de", choices=("de", "en"))
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kundenboard-cdnow-"))
    work.mkdir(parents=True, exist_ok=True)
    invoices = work / "cdnow-rechnungen.csv"
    rows = to_invoice_list(fetch(work), invoices)
    db = work / "db"
    if not db.exists():
        seconds, _ = kundenboard("--db", str(db), "import", "invoices", str(invoices))
        print(f"import invoices: {rows:,} invoices in {seconds:.1f} s")
    common = ["--db", str(db), "--lang", args.lang]
    for as_of, horizon in BACKTESTS:
        seconds, suggestions = kundenboard(*common, "--as-of", as_of, "suggest", "--format", "json")
        print(f"\nsuggest --as-of {as_of}: {seconds:.1f} s")
        seconds, table = kundenboard(*common, "--as-of", as_of, "rules", "backtest", "--horizon", str(horizon))
        print(f"rules backtest --as-of {as_of} --horizon {horizon}: {seconds:.1f} s\n")
        print(table)


if __name__ == "__main__":
    main()
