"""Snapshots of the board and the detail screen as text, at 140x40 (colours are not compared).

When a change is meant, rerun with KB_SNAPSHOT_PRINT=1 and paste what it prints.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tui_fixtures import build_store, open_board

from kanban.tui.app import KundenboardApp

BOARD = """\
 Kundenboard  ·  Stand 27.11.2026  ·  8 Kunden  ·  Sortiert nach Score

  Idealer Partner · 3 · 84.000 €                Beobachten · 4 · 25.800 €                     Trennen · 1 · 0 €

 ▌ Bäckerei Sonnenschein                       ▌ Praxis Dr. Weber                            ▌ Tischlerei Holz
 ▌ 30.000,00 €  ·  178,57 €/h                  ▌ 12.000,00 €  ·  120,00 €/h                  ▌ 0,00 €
 ▌                                             ▌                                             ▌ ~ ↘

 ▌ Stadtwerke Nord                             ▌ Café Lindenblatt             ◇ Interessent
 ▌ 50.400,00 €  ·  140,00 €/h                  ▌ kein Umsatz
 ▌                               → Beobachten  ▌

 ▌ Meyer & Söhne                               ▌ Modehaus Schick
 ▌ 3.600,00 €  ·  50,00 €/h                    ▌ 9.000,00 €  ·  83,33 €/h
 ▌ ↓ ◷ % ↻ ∘                        → Trennen  ▌ ◷ ↻

                                               ▌ Autohaus Krüger
                                               ▌ 4.800,00 €  ·  40,00 €/h
                                               ▌ ↓ ◷ § % »                        → Trennen

"""

DETAIL_SUMMARY = """\

  Autohaus Krüger  K-1002
  Spalte: Beobachten  ·  → Vorschlag: Trennen  ·  Score -9  ·  entschieden durch Dritte Mahnstufe erreicht
  Tags: Web  ·  ↓ Stundensatz niedrig  ◷ zahlt spät  § Mahnungen  % feilscht  » Eile und Sonderwünsche  ∅ kein Vertrag

"""

DETAIL_METRICS = """\
  Kennzahlen
   Kennzahl                        Wert         Grenze (Regel)
   Nettoumsatz                     4.800,00 €
   Umsatz Vorperiode               3.200,00 €
   Umsatzwachstum                  50 %         ≤ -50 % (Umsatz bricht ein)
   Stunden                         120 h
   Effektiver Stundensatz          40,00 €/h    < 76,00 €/h (Stundensatz un
   Deckungsbeitrag                 -1.800,00 €  < 0,00 € (Verlustgeschäft)
"""


def screen_text(app: KundenboardApp) -> list[str]:
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


def compare(expected: str, lines: list[str]) -> None:
    actual = "\n".join(lines) + "\n"
    if os.environ.get("KB_SNAPSHOT_PRINT"):
        print(actual)
    assert actual == expected


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    build_store(path).close()
    return path


async def test_board_snapshot(db: Path) -> None:
    board = open_board(db)
    try:
        app = KundenboardApp(board)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            compare(BOARD, screen_text(app)[:20])
    finally:
        board.close()


async def test_detail_snapshot(db: Path) -> None:
    board = open_board(db)
    try:
        app = KundenboardApp(board)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("l", "j", "j", "j", "enter")
            await pilot.pause()
            lines = screen_text(app)
            compare(DETAIL_SUMMARY, lines[:5])
            compare(DETAIL_METRICS, [line[:75].rstrip() for line in lines[6:14]])
    finally:
        board.close()
