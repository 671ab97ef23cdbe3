"""The fast start's words: keys pressed before the board was loaded."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "start.dropped": (
        "Eine Taste aus der Ladezeit wurde nicht ausgeführt: vorher öffnete sich ein Fenster|"
        "{count} Tasten aus der Ladezeit wurden nicht ausgeführt: vorher öffnete sich ein Fenster",
        "A key pressed while loading was not acted on: a window opened before it|"
        "{count} keys pressed while loading were not acted on: a window opened before them",
    ),
}
