"""German throughout, English with --lang en: every help and the typical errors, and no bare English in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kanban.cli import COMMAND_MODULES, main

ROOT = Path(__file__).resolve().parent.parent

# Words that give an English text away, as written (German nouns such as "Option" are capitalised); a German text
# has none of them, identifiers and option names aside.
ENGLISH = {
    "the",
    "and",
    "with",
    "of",
    "to",
    "is",
    "not",
    "this",
    "from",
    "for",
    "or",
    "show",
    "Show",
    "Usage",
    "Options",
    "Commands",
    "default",
    "message",
    "exit",
    "Error",
    "Missing",
    "missing",
    "argument",
    "such",
    "option",
    "no",
    "give",
    "use",
    "write",
    "only",
    "every",
    "which",
    "would",
    "its",
    "each",
    "your",
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def english_words(text: str) -> set[str]:
    """English words outside option names, metavars, [choices], `code`, 'quoted' names and identifiers."""
    text = re.sub(r"`[^`]*`|\[[^\]]*\]|\{[^}]*\}|'[^']*'|\"[^\"]*\"|„[^“]*“|--?[\w-]+|\S*[_/=.$]\S*", " ", text)
    return {word for word in re.findall(r"[A-Za-zÄÖÜäöüß]+", text) if word in ENGLISH}


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as the arguments that name it."""
    paths: list[list[str]] = [[]]
    ctx = click.Context(main)
    for name in sorted(set(COMMAND_MODULES)):
        command = main.get_command(ctx, name)
        paths.append([name])
        if isinstance(command, click.Group):
            paths += [[name, sub] for sub in command.commands]
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "kundenboard")
def test_every_help_is_german_and_english_with_lang_en(path: list[str]) -> None:
    code, german = run(*path, "--help")
    assert code == 0 and german.startswith("Aufruf:") and "Optionen:" in german
    assert english_words(german) == set(), german
    code, english = run("--lang", "en", *path, "--help")
    assert code == 0 and english.startswith("Usage:") and english != german


@pytest.mark.parametrize(
    "args",
    [
        ["move"],  # click: missing argument
        ["move", "K-1001", "ideal", "--bogus"],  # click: no such option
        ["bogus"],  # click: no such command
        ["move", "Nobody GmbH", "ideal"],
        ["move", "K-1001", "maybe"],
        ["move", "K-1001", "drop"],
        ["suggest", "--as-of", "gestern"],
        ["review", "2026-Q9"],
        ["import", "invoices", "nowhere.csv"],
        ["import", "invoices", "x.csv", "--map", "Spalte"],
        ["audit", "--column", "maybe"],
        ["restore", "nowhere.yaml"],
    ],
)
def test_typical_errors_are_one_german_line(args: list[str], demo_db: Path) -> None:
    code, german = run(*args, "--db", str(demo_db))
    last = german.strip().splitlines()[-1]
    assert code != 0 and last.startswith("Fehler: ") and english_words(last) == set(), german
    code, english = run(*args, "--db", str(demo_db), "--lang", "en")
    assert english.strip().splitlines()[-1].startswith("Error: ")


# Calls whose first argument reaches the user: it must come from the catalogue, not be written in place.
USER_FACING = {
    "echo",
    "secho",
    "ClickException",
    "UsageError",
    "BadParameter",
    "UserError",
    "ImportFileError",
    "RestoreError",
    "ExportError",
    "CorruptDatabase",
    "StoreWriteError",
    "StoreLocked",
    "NewerSchema",
    "Invalid",
    "confirm",
    "prompt",
    "Problem",
    "ExprError",
    "fail",
    "YamlFileError",
}
# Calls whose second argument is the message: a rule file's problem at its node or field.
USER_FACING_SECOND = {"problem"}
SHELL_MODULES = [
    *sorted((ROOT / "kanban" / "cli").glob("*.py")),
    *sorted((ROOT / "kanban" / "importing").glob("*.py")),
    *sorted((ROOT / "kanban" / "store").glob("*.py")),
    *sorted((ROOT / "kanban" / "transfer").glob("*.py")),
    *(
        ROOT / "kanban" / name
        for name in ("board.py", "review.py", "rules_file.py", "yaml_file.py", "portfolio.py", "report.py")
    ),
    *(ROOT / "kanban" / "domain" / name for name in ("rules.py", "expr.py", "backtest.py")),
]


def written_in_place(node: ast.expr) -> bool:
    """A literal (or f-string) with words in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{2}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(written_in_place(part) for part in node.values if isinstance(part, ast.Constant))
    return False


def test_no_user_facing_call_gets_a_text_written_in_place() -> None:
    found = []
    for path in SHELL_MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            texts = [a for a in node.args if name in USER_FACING] + (
                node.args[1:2] if name in USER_FACING_SECOND else []
            )
            if any(written_in_place(arg) for arg in texts):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert found == []


def test_no_text_hedges_its_plural_with_brackets() -> None:
    """ "1 ungenaues Briefing", not "1 ungenaue(s) Briefing(s)": plurals are "one|other" with a count."""
    from kanban.resources import default_rules_path
    from kanban.texts import catalogue

    hedged = re.compile(r"\w\((s|e|n|en|es)\)")
    texts = [text for pair in catalogue().values() for text in pair]
    assert [t for t in texts if hedged.search(t)] == []
    assert hedged.findall(default_rules_path().read_text(encoding="utf-8")) == []


BROKEN_RULES = """version: 1
settings: {window_months: 0}
bands:
  drop: {below: -2}
  watch: {min: -2, below: 2}
  ideal: {min: 3}
rules:
  - id: late
    title: {de: Zahlt spät}
    when: remindrs > 2 && hours > 1
    points: zwei
    reason: {de: "{reminder} Mahnungen", en: x}
knockouts:
  - id: ko
    title: {de: k, en: k}
    when: hours.real > 1
    reason: {de: k, en: k}
    force: trennenn
"""


@pytest.mark.parametrize("place", ["rules check", "--rules", "rules.yaml", "rules diff"])
def test_a_broken_rule_file_is_german_and_english_with_lang_en(place: str, demo_db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN_RULES, encoding="utf-8")
    args = {
        "rules check": ["rules", "check", str(broken)],
        "--rules": ["customers", "--rules", str(broken)],
        "rules.yaml": ["suggest"],
        "rules diff": ["rules", "diff", str(broken)],
    }[place]
    if place == "rules.yaml":
        (demo_db / "rules.yaml").write_text(BROKEN_RULES, encoding="utf-8")
    code, german = run(*args, "--db", str(demo_db))
    problems = [line for line in german.splitlines() if "yaml:" in line]
    assert code == 1 and len(problems) >= 8, german
    assert all(english_words(line) == set() for line in german.splitlines()), german
    code, english = run(*args, "--db", str(demo_db), "--lang", "en")
    assert code == 1 and "did you mean 'reminders'?" in english and "meinten Sie" not in english
