"""Snapshots of every screen as text, at 80x24 (the smallest usual terminal) and 200x50 (colours are not compared).

Each snapshot is a file in tests/snapshots/. When a change is meant, rerun with KB_SNAPSHOT_UPDATE=1, read the
changed files (git diff) as a user would see them, and commit them. The date and time of log entries are masked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from tui_fixtures import build_store, open_board

from kanban.tui.app import KundenboardApp

SNAPSHOTS = Path(__file__).with_name("snapshots")
SIZES = [(80, 24), (200, 50)]
REVIEW_ALL = ["r", "3", *"zahlt nie", "enter", "2", *["enter"] * 6]  # Autohaus Krüger dropped, Meyer & Söhne watched
KEYS = {
    "board": [],
    "detail": ["l", "j", "j", "j", "enter"],  # Autohaus Krüger
    "review": ["r"],
    "summary": REVIEW_ALL,
    "log": [*REVIEW_ALL, "enter", "L"],
}
CLOCK = re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d")
TODAY = re.compile(r"\b\d\d\.\d\d\.\d\d\b")  # the log's short date on a narrow terminal


def screen_text(app: KundenboardApp) -> str:
    lines = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
    return TODAY.sub("TT.MM.JJ", CLOCK.sub("TT.MM.JJJJ hh:mm", "\n".join(lines) + "\n"))


def compare(name: str, actual: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("KB_SNAPSHOT_UPDATE"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} changed: KB_SNAPSHOT_UPDATE=1 if it is meant"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", list(KEYS))
async def test_screen_snapshot(db: Path, screen: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):  # who decides, as the log shows it
        monkeypatch.setenv(name, "anna")
    board = open_board(db)
    try:
        app = KundenboardApp(board)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in KEYS[screen]:
                await pilot.press(key)
            await pilot.pause()
            compare(f"{screen}-{size[0]}x{size[1]}", screen_text(app))
    finally:
        board.close()
