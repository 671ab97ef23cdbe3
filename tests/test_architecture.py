"""The layers hold: the domain free of UI and storage, the store reached through its services only."""

from __future__ import annotations

import ast
from pathlib import Path

import kanban

PACKAGE = Path(kanban.__file__).parent
FORBIDDEN_IN_DOMAIN = {"textual", "tinydb", "click", "yaml", "kanban.store", "kanban.tui", "kanban.cli"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_imports_neither_textual_nor_tinydb() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for name in imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IN_DOMAIN)
    }
    assert not offenders


def test_only_the_store_imports_tinydb() -> None:
    offenders = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] == "tinydb" for name in imported_modules(path))
    }
    assert not offenders


def test_calls_only_posix_has_live_in_one_module() -> None:
    """The package must import on Windows: fcntl and friends only in kanban/system.py."""
    posix_only = {"fcntl", "termios", "pwd", "grp", "resource"}
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "system.py"
        for name in imported_modules(path)
        if name.split(".")[0] in posix_only
    }
    assert not offenders
    uses = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "system.py" and "os.pwrite" in path.read_text(encoding="utf-8")
    }
    assert not uses


def test_the_domain_reaches_up_to_nothing_but_the_catalogue() -> None:
    """The domain imports the domain and the catalogue (German and English words); the collector is paused by
    the entry points (the CLI command, the app's load), not in the functional core."""
    allowed = ("kanban.domain", "kanban.texts")
    reaching_up = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for name in imported_modules(path)
        if name.startswith("kanban") and not name.startswith(allowed)
    }
    assert reaching_up == set()


# The store's doors: the application service, the import pipeline (it writes facts before any board exists) and
# the transfer package (it builds and swaps whole database folders).
STORE_DOORS = ("store/", "board.py", "importing/load.py", "transfer/")


def _outside_the_doors(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return not relative.startswith(STORE_DOORS)


def test_only_the_services_import_the_store() -> None:
    """CLI, app, review, portfolio and report reach the database through Board, never past it."""
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if _outside_the_doors(path)
        for name in imported_modules(path)
        if name == "kanban.store" or name.startswith("kanban.store.")
    }
    assert offenders == set()


def test_no_caller_reaches_through_the_board_to_its_store() -> None:
    """`board.store.x` would be a door around the service: the attribute is the board's own business."""
    offenders = {
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        if _outside_the_doors(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "store"
    }
    assert offenders == set()
