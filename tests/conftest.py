"""Shared fixtures: the demo database, loaded once per session and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kanban.cli.demo import load_demo


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data loaded through the real importer; never written to by tests."""
    db = tmp_path_factory.mktemp("demo") / "db"
    load_demo(db)
    return db


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    db = tmp_path / "demo-db"
    shutil.copytree(demo_template, db)
    return db


@pytest.fixture(autouse=True)
def german_by_default() -> None:
    """A test that ran a command with --lang en leaves the next one in German, as a new process would be."""
    from kanban.texts import set_language

    set_language("de")
