"""Any input ends in a result or a one-line error: CSV imports, YAML restores, rule files and conditions.

Property-based (hypothesis), bounded in examples so the whole file runs in
seconds, and derandomized so CI fails the same way on every run. The examples
hypothesis once shrank to a bug are kept below as plain tests.
"""

from __future__ import annotations

import copy
import csv
import io
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kanban.domain.expr import ExprError, compile_condition
from kanban.domain.metrics import METRICS
from kanban.domain.rules import evaluate
from kanban.importing import KINDS, ImportFileError, ParsedImport, parse_file
from kanban.importing.formats import FORMATS, REQUIRED, Format
from kanban.importing.load import import_file
from kanban.resources import default_rules_path
from kanban.rules_file import RuleSetError, check_rule_set, load_rule_set
from kanban.store import Store

ROOT = Path(__file__).resolve().parents[1]
# KUNDENBOARD_FUZZ=5000 runs that many random (not derandomized) examples per test, for a longer hunt.
_HUNT = int(os.environ.get("KUNDENBOARD_FUZZ", "0"))
FUZZ = settings(
    max_examples=_HUNT or 300, deadline=None, derandomize=not _HUNT, suppress_health_check=[HealthCheck.too_slow]
)
DATABASE_FILES = ("board.json", "invoices.json", "time_entries.json", "events.json", "decisions.jsonl")


@contextmanager
def scratch() -> Iterator[Path]:
    """A folder for one test: hypothesis runs many examples per test, function fixtures only once."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def contents(db: Path) -> dict[str, bytes]:
    return {name: (db / name).read_bytes() for name in DATABASE_FILES if (db / name).exists()}


def assert_one_line(error: Exception, where: str) -> None:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message, repr(message)
    assert where in message, message


# --- CSV: what an export may hold ---------------------------------------------------------------

# Per column: values real exports hold, then values they should not (each a bug once or a likely one).
GOOD_DATES = ["31.12.2026", "2026-12-31", "05.01.2026", "2026-01-05T00:00:00+01:00", "12/31/2026"]
NAMES = ["K-1", "10001", "Müller & Söhne GmbH", "Bäckerei Groß", "Acme Design Ltd"]
unique_ids = st.integers(1, 10**6).map(lambda n: f"K-{n}")
GOOD: dict[str, st.SearchStrategy[str]] = {
    **dict.fromkeys(("issued", "due", "paid", "date", "contract_until", "since"), st.sampled_from(GOOD_DATES)),
    "net": st.sampled_from(["1.234,56", "100", "0", "-12,50 €", "480,00", "350.50"]),
    "hours": st.sampled_from(["1:30", "01:30:00", "1,5", "2", "0:45"]),
    "due_days": st.sampled_from(["14", "30", "0"]),
    "dunning_level": st.sampled_from(["0", "1", "2. Mahnung", "keine"]),
    **dict.fromkeys(("billable", "contract", "prospect"), st.sampled_from(["ja", "nein", "yes", "no", ""])),
    "kind": st.sampled_from(["Korrekturschleife", "Preisbeschwerde", "rush", "Supportanfrage"]),
    "type": st.sampled_from(["Rechnung", "Gutschrift", "RE", "Invoice"]),
    "column": st.sampled_from(["ideal", "Trennen", "Beobachten", ""]),
    "number": st.integers(1, 10**6).map(lambda n: f"RE-{n}"),
    **dict.fromkeys(("id", "name"), unique_ids),
}
BAD = [
    "",
    " ",
    "morgen",
    "31.12.9999",
    "0001-01-01",
    "29.02.2026",
    "1.2.26",
    "9" * 400,
    "9" * 5000,
    "9" * 12 + ":00",
    "1e5",
    "12.345",
    "1,234.56",
    "€ 5",
    "1.2.3",
    "25:00",
    ":",
    "-3",
    "999999999",
    "x",
    "Mülleimer",
    "a;b",
    '"',
    "K-1 ",
    "k-1",
    "=cmd|' /C calc'!A0",
]


def cell(field: str) -> st.SearchStrategy[str]:
    """Mostly what such a column holds in real exports; now and then a bad value or anything at all."""
    good = GOOD.get(field, st.sampled_from(NAMES))
    return st.integers(0, 19).flatmap(
        lambda n: good if n < 17 else st.sampled_from(BAD) if n < 19 else st.text(max_size=8)
    )


@st.composite
def export_file(draw: st.DrawFn) -> tuple[bytes, str]:
    """A file under a recognisable header of one format: every required column, some optional ones."""
    fmt: Format = draw(st.sampled_from(FORMATS))
    required = [group[0] for group in REQUIRED[fmt.kind] if group[0] in fmt.columns] + [
        field for group in REQUIRED[fmt.kind] if group[0] not in fmt.columns for field in group[1:2]
    ]
    optional = draw(st.lists(st.sampled_from([f for f in fmt.columns if f not in required]), unique=True))
    fields = draw(st.permutations(required + optional))
    header = [draw(st.sampled_from(fmt.columns[field])) for field in fields]
    rows = draw(st.lists(st.tuples(*(cell(field) for field in fields)), min_size=1, max_size=6))
    out = io.StringIO()
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    writer = csv.writer(out, delimiter=delimiter, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return out.getvalue().encode(encoding, errors="replace"), fmt.kind


PIECES = list(';,\t"\n\r x1.-:/ä€') + [
    "\ufeff",
    "sep=;",
    'sep="',
    "sep=\n",
    "Kunde",
    "Datum",
    "Netto",
    "Client",
    "31.12.2026",
    "1.234,56",
    "1:30",
    '""',
]
BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0"]

csv_text = st.builds(
    lambda text, encoding: text.encode(encoding, errors="replace"),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"]),
)
csv_bytes = st.builds(lambda bom, body: bom + body, st.sampled_from(BOMS), st.binary(max_size=300))


def parse_or_refuse(path: Path, kind: str) -> ParsedImport | None:
    """The parse result, or None after checking the refusal is one line naming the file."""
    try:
        parsed = parse_file(path, kind)
    except ImportFileError as error:
        assert_one_line(error, path.name)
        event("refused")
        return None
    event("parsed")
    facts = {
        "invoices": parsed.invoices,
        "time": parsed.time_entries,
        "events": parsed.events,
        "customers": parsed.customers,
    }[kind]
    assert len(facts) == parsed.rows_read
    assert all(math.isfinite(i.net) and i.net >= 0 for i in parsed.invoices)
    assert all(0 <= t.hours <= 24 for t in parsed.time_entries)
    return parsed


@FUZZ
@given(data=st.one_of(csv_bytes, csv_text), kind=st.sampled_from(KINDS))
def test_any_bytes_parse_or_are_refused_in_one_line(data: bytes, kind: str) -> None:
    with scratch() as folder:
        path = folder / "export.csv"
        path.write_bytes(data)
        parse_or_refuse(path, kind)


@FUZZ
@given(export=export_file())
def test_any_cells_under_a_known_header_parse_or_are_refused_in_one_line(export: tuple[bytes, str]) -> None:
    data, kind = export
    with scratch() as folder:
        path = folder / "export.csv"
        path.write_bytes(data)
        parse_or_refuse(path, kind)


@settings(FUZZ, max_examples=max(100, _HUNT // 5))
@given(exports=st.lists(export_file(), min_size=1, max_size=4))
def test_an_import_adds_all_of_a_file_or_nothing(exports: list[tuple[bytes, str]]) -> None:
    with scratch() as folder, Store.open(folder / "db") as store:
        path = folder / "export.csv"
        for data, kind in exports:  # one database across files: later imports meet earlier customers
            path.write_bytes(data)
            before, customers, keys = contents(store.directory), store.customers(), store.fact_keys()
            try:
                summary = import_file(store, path, kind)
            except ImportFileError as error:
                event("import refused")
                assert_one_line(error, path.name)
                assert contents(store.directory) == before
                assert (store.customers(), store.fact_keys()) == (customers, keys)
                continue
            event("import done")
            added = sum(len(store.fact_keys()[k]) - len(keys[k]) for k in keys)
            assert added == summary.facts_added
            assert len(store.customers()) == len(customers) + summary.customers_created
        with Store.open(store.directory, readonly=True) as reader:  # what another process reads back
            assert (reader.customers(), reader.fact_keys()) == (store.customers(), store.fact_keys())


# Shrunk from the fuzz runs: each was a traceback (an "internal error" in the CLI) or a value nobody can use.

SEVDESK = "invoiceNumber;contact;invoiceDate;timeToPay;sumNet\n"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        # a payment term past the calendar: OverflowError in date + timedelta
        ("sevdesk.csv", SEVDESK + "RE-1;Kunde A;2026-01-05;999999999;100,00\n", "sevdesk.csv:2: Spalte 'timeToPay'"),
        ("sevdesk.csv", SEVDESK + "RE-1;Kunde A;31.12.9999;14;100,00\n", "nach dem Jahr 9999"),
        # more digits than int() converts: ValueError
        ("sevdesk.csv", SEVDESK + f"RE-1;Kunde A;2026-01-05;{'9' * 5000};100,00\n", "Spalte 'timeToPay'"),
        (
            "mahnung.csv",
            f"Rechnungsnummer;Kunde;Rechnungsdatum;Netto;Mahnstufe\nRE-1;Kunde A;05.01.2026;100,00;{'9' * 5000}\n",
            "Spalte 'Mahnstufe'",
        ),
        ("zeit.csv", f"Date,Client,Hours\n2026-03-02,Acme,{'9' * 5000}:00\n", "Spalte 'Hours'"),
        # an hour count too big for a float: OverflowError
        ("zeit.csv", f"Date,Client,Hours\n2026-03-02,Acme,{'9' * 400}:00\n", "Spalte 'Hours'"),
        # an amount too big for a float became inf: stored as Infinity, shown as "inf", the export unrestorable
        ("sevdesk.csv", SEVDESK + f"RE-1;Kunde A;2026-01-05;14;{'9' * 400}\n", "Spalte 'sumNet'"),
        ("sevdesk.csv", SEVDESK + f"RE-1;Kunde A;2026-01-05;14;{'9' * 400},00 €\n", "Spalte 'sumNet'"),
    ],
)
def test_numbers_beyond_any_real_export_are_named_not_crashed_on(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    kind = "time" if name == "zeit.csv" else "invoices"
    with pytest.raises(ImportFileError) as refused:
        parse_file(path, kind)
    assert_one_line(refused.value, where)


# --- rules: conditions and rule files ------------------------------------------------------------

# Whole payloads as single tokens, so they survive among random neighbours: if anything ever ran a
# condition as Python, the sentinel file would appear in the current folder.
PAYLOADS = [
    "__import__('os').system('touch SENTINEL')",
    "open('SENTINEL', 'w')",
    'exec(\'open("SENTINEL", "w")\')',
    "().__class__.__bases__[0].__subclasses__()",
    "(x := 1)",
    "lambda: 1",
    "[c for c in ()]",
    "f'{1}'",
    "b'x'",
]
TOKENS = [
    *list(METRICS)[:12],
    "target_hourly_rate",
    "limit",
    "1",
    "0",
    "2.5",
    "-3",
    "1e999",
    "9" * 5000,
    "0x10",
    "1_000",
    "1j",
    "True",
    "False",
    "None",
    "unknown",
    "and",
    "or",
    "not",
    "is",
    "is not",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "!=",
    "=",
    "+",
    "-",
    "*",
    "/",
    "//",
    "**",
    "%",
    "&",
    "|",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    ":",
    "'",
    '"',
    "\n",
    "\\",
    "#",
    "if",
    "else",
    "&&",
    "||",
    "ä",
    "€",
    "\t",
    "\x00",
    "await",
    "yield",
    "...",
    *PAYLOADS,
]
atoms = st.one_of(
    st.sampled_from([*list(METRICS), "target_hourly_rate", "limit", "True", "False"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**6), 10**6).map(str),
)
numbers = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(" ".join), inner.map(lambda x: f"-({x})")
    ),
)
truths = st.recursive(
    st.one_of(
        st.tuples(numbers, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), numbers).map(" ".join),
        st.sampled_from(list(METRICS)).map(lambda name: f"{name} is unknown"),
    ),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(" ".join), inner.map(lambda x: f"not ({x})")
    ),
    max_leaves=12,
)
# Well-formed conditions (which may still mix up types), token soup, and anything at all.
conditions = st.one_of(truths, st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join), st.text(max_size=40))
metric_values = st.fixed_dictionaries(
    {}, optional={name: st.one_of(st.none(), st.floats(), st.sampled_from([0.0, 1.0, -1.0, 1e30])) for name in METRICS}
)


@FUZZ
@given(source=conditions, values=metric_values)
def test_any_condition_compiles_or_is_refused_and_never_runs_python(
    source: str, values: dict[str, float | None]
) -> None:
    with scratch() as folder, working_directory(folder):
        try:
            condition = compile_condition(source, constants={"target_hourly_rate": 95.0, "limit": 3.0})
        except ExprError as error:
            assert "\n" not in str(error)
            event("refused")
        else:
            event("compiled")
            assert condition({name: values.get(name) for name in METRICS}) in (True, False, None)
            condition.comparisons()
        assert not (folder / "SENTINEL").exists()


@contextmanager
def working_directory(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _paths(node: object, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


DEFAULT_RULES = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
RULE_PATHS = [path for path in _paths(DEFAULT_RULES) if path]
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=10),
    st.dates(),
    st.sampled_from(TOKENS),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
YAML_JUNK = [
    "!!python/object/apply:os.system ['touch SENTINEL']",
    "!!python/name:os.system",
    "&a [*a]",
    "*nowhere",
    ": :",
    "\t",
    "- ",
    "{",
    "'",
    "\x00",
    "\x1f",
    "\ufeff",
    "%YAML 1.1\n",
    "---\n",
    "<<: *c",
    "? ",
    "!!binary x",
]


@st.composite
def rule_file(draw: st.DrawFn) -> str:
    """The shipped rule set, edited: keys dropped, values of the wrong type, rules repeated, stray YAML."""
    doc = copy.deepcopy(DEFAULT_RULES)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(RULE_PATHS))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            edit = draw(st.sampled_from(["drop", "replace", "repeat"]))
            if edit == "drop":
                del parent[path[-1]]
            elif edit == "replace":
                parent[path[-1]] = draw(ANY_VALUE)
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[path[-1]]))
        except (KeyError, IndexError, TypeError):
            pass  # an earlier edit removed or replaced the way there
    text = yaml.safe_dump(doc, allow_unicode=True)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(YAML_JUNK)) + text[at:]
    return text


@pytest.mark.slow
@settings(FUZZ, max_examples=_HUNT or 200)  # a rule file costs ~10 ms to check: fewer, for the time budget
@given(text=st.one_of(rule_file(), st.text(max_size=200)), values=metric_values)
def test_any_rule_file_loads_or_lists_its_problems_in_lines_and_never_runs_python(
    text: str, values: dict[str, float | None]
) -> None:
    with scratch() as folder, working_directory(folder):
        path = folder / "rules.yaml"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        problems = check_rule_set(path)
        assert all("\n" not in problem.message and str(problem).startswith(str(path)) for problem in problems)
        try:
            rule_set = load_rule_set(path)
        except RuleSetError as error:
            assert error.problems == problems
            event("refused")
        else:
            event("loaded")
            assert problems == []
            for lang in ("de", "en"):  # the reasons a user reads are formatted without a crash
                suggestion = evaluate(rule_set, {name: values.get(name) for name in METRICS}, lang)
                assert all(reason.text for reason in suggestion.reasons)
        assert not (folder / "SENTINEL").exists()


def test_a_control_character_in_a_rule_file_is_one_line_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\nbands:\x1f\n", encoding="utf-8")
    [problem] = check_rule_set(path)
    assert str(problem) == f"{path}:2: YAML-Syntax: Steuerzeichen '\\x1f' ist nicht erlaubt: entfernen Sie es"


def test_a_huge_amount_is_shown_not_crashed_on(tmp_path: Path) -> None:
    """An invoice of 10^30 € (a reference number in the amount column) made every listing an internal error."""
    from click.testing import CliRunner

    from kanban.cli import main

    export = tmp_path / "sevdesk.csv"
    export.write_text(SEVDESK + f"RE-1;Kunde A;2026-01-05;14;1{'0' * 30}\n", encoding="utf-8")
    db = str(tmp_path / "db")
    assert CliRunner().invoke(main, ["import", "invoices", str(export), "--db", db]).exit_code == 0
    listed = CliRunner().invoke(main, ["customers", "--db", db, "--as-of", "2026-11-27"])
    assert listed.exit_code == 0, listed.output
    assert "1.000.000.000.000.000.000.000.000.000.000,00 €" in listed.output


# --- YAML restore ----------------------------------------------------------------------------------


def _small_board_export(folder: Path) -> str:
    """An export with a bit of everything: facts of each kind, moves, an undo, a finished review."""
    import datetime as dt

    from kanban.board import Board
    from kanban.domain.model import Column, Customer, Event, EventKind, Invoice, TimeEntry
    from kanban.review import Review
    from kanban.rules_file import load_rule_set
    from kanban.transfer import export_text

    store = Store.open(folder / "db")
    store.save_customers(
        [
            Customer("K-1", "Bäckerei Groß", contract=True, tags=("Print",)),
            Customer("K-2", "Autohaus Krüger", notes="zahlt spät\nzweite Zeile"),
            Customer("K-3", "Café Linde", prospect=True),
        ]
    )
    store.add_facts(
        invoices=[
            Invoice(
                f"R-{n}",
                f"K-{1 + n % 2}",
                dt.date(2026, 1 + n, 5),
                400.0 * n,
                dt.date(2026, 1 + n, 19),
                dt.date(2026, 2 + n, 1),
                n % 3,
            )
            for n in range(1, 5)
        ],
        time_entries=[
            TimeEntry("K-1", dt.date(2026, 3, 2), 2.5, key="t1"),
            TimeEntry("K-2", dt.date(2026, 3, 3), 8.0, key="t2"),
        ],
        events=[Event("K-2", dt.date(2026, 3, 4), EventKind.PRICE_COMPLAINT, "zu teuer", key="e1")],
    )
    board = Board(store, load_rule_set(default_rules_path()), as_of=dt.date(2026, 11, 27))
    try:
        moved = board.move("K-2", Column.DROP, "zahlt nie")
        board.undo(moved)
        review = Review(board, "2026-Q4")
        for customer_id in review.order:
            review.decide(customer_id, None, "passt")
        review.finish(dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC))
        return export_text(board, dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC))
    finally:
        board.close()


with tempfile.TemporaryDirectory() as _folder:
    EXPORT = _small_board_export(Path(_folder))
EXPORT_DATA = yaml.safe_load(EXPORT)
EXPORT_PATHS = [path for path in _paths(EXPORT_DATA) if path]
NOT_DATES = ["2026-13-45", "31.12.2026", "2026-02-30", "", "heute", "2026-11-27T25:00:00Z", "9999-12-31T23:59:59Z"]


@st.composite
def edited_export(draw: st.DrawFn) -> str:
    """A real export after a careless edit: keys dropped, values of the wrong type or no date, lines repeated."""
    from kanban.transfer import dump_export

    data = copy.deepcopy(EXPORT_DATA)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(EXPORT_PATHS))
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            edit = draw(st.sampled_from(["drop", "replace", "not a date", "repeat"]))
            if edit == "drop":
                del parent[path[-1]]
            elif edit == "replace":
                parent[path[-1]] = draw(ANY_VALUE)
            elif edit == "not a date":
                parent[path[-1]] = draw(st.sampled_from(NOT_DATES))
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[path[-1]]))
        except (KeyError, IndexError, TypeError):
            pass
    return dump_export(data)


@st.composite
def spoiled_text(draw: st.DrawFn) -> str:
    """The export's text with stray YAML before a value or a line: tags, aliases, tabs, a second document."""
    lines = EXPORT.split("\n")
    at = draw(st.integers(0, len(lines) - 1))
    junk = draw(st.sampled_from(YAML_JUNK))
    key, colon, value = lines[at].partition(": ")
    lines[at] = f"{key}: {junk} {value}" if colon and draw(st.booleans()) else junk + lines[at]  # value or line
    return "\n".join(lines)


yaml_documents = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8), st.dates()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from([*EXPORT_DATA, "x"]), inner, max_size=4)
    ),
    max_leaves=10,
).map(lambda doc: yaml.safe_dump(doc, allow_unicode=True))


@pytest.mark.slow
@settings(FUZZ, max_examples=_HUNT or 200)  # a restore that succeeds builds a database: fewer, for the time budget
@given(text=st.one_of(edited_export(), spoiled_text(), yaml_documents), into_existing=st.booleans())
def test_any_export_restores_whole_or_is_refused_in_one_line_leaving_the_target(text: str, into_existing: bool) -> None:
    from kanban.domain.audit import first_broken
    from kanban.transfer import RestoreError, restore

    with scratch() as folder, working_directory(folder):
        source, target = folder / "export.yaml", folder / "boards" / "db"
        source.write_text(text, encoding="utf-8")
        if into_existing:
            (folder / "boards").mkdir()
            restore_seed(target)
        before, listing = contents(target), sorted(p.name for p in folder.rglob("*"))
        try:
            summary = restore(source, target, force=True)
        except RestoreError as error:
            event("refused")
            assert_one_line(error, str(source))
            assert contents(target) == before
            assert sorted(p.name for p in folder.rglob("*")) == listing  # no half-built folder left behind
        else:
            event("restored")
            with Store.open(target, readonly=True) as store:
                assert len(store.customers()) == summary.customers
                assert first_broken(store.decision_records()) is None
        assert not (folder / "SENTINEL").exists()


def restore_seed(target: Path) -> None:
    """A board already in the target: a refused restore must leave it exactly as it is."""
    from kanban.transfer import restore

    seed = target.parent / "seed.yaml"
    seed.write_text(EXPORT, encoding="utf-8")
    restore(seed, target)
    seed.unlink()
