"""Messages of the store, the board, reviews and transfers that reach users."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
}
