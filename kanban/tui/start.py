"""The board's first screen, kept with the metrics cache, so that the app can paint it before the Board is loaded.

At 25,000 customers opening the Board (board.json, the metrics cache, a view
per customer) takes longer than starting Textual. What the first screen shows
is small: per column the order of the cards, the totals and the first
screenful of cards in the default sort. The app paints that, loads the Board
in a thread, then swaps in the real model (kanban.tui.app).

The snapshot is valid for the metrics cache's key (customers, facts, rules,
day) and the decision log as it was written (columns come from the log). It
lives inside the cache, so whatever removes the cache (e.g. forgetting a
customer) removes the names in it too. This module imports neither the Board
nor the rules: the fast start must not pay for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kanban.domain.formatting import LANGUAGES
from kanban.domain.model import Column

if TYPE_CHECKING:
    from kanban.tui.board_model import BoardModel

START_FORMAT = 1
FIRST_CARDS = 60  # per column: a screenful of a terminal 240 lines high


@dataclass(frozen=True)
class Card:
    """What a card on the board shows of one customer."""

    name: str
    prospect: bool
    revenue: float | None
    rate: float | None  # effective hourly rate
    glyphs: str  # the warning signs
    target: Column | None  # where the rules suggest the card, when that is not its column

    def to_row(self) -> list[Any]:
        return [self.name, self.prospect, self.revenue, self.rate, self.glyphs, self.target and self.target.value]

    @classmethod
    def from_row(cls, row: list[Any]) -> Card:
        name, prospect, revenue, rate, glyphs, target = row
        return cls(name, prospect, revenue, rate, glyphs, Column(target) if target else None)


class Totals(NamedTuple):
    count: int
    revenue: float


def log_stamp(db: Path) -> str:
    """Changes with every decision written: the log decides the columns."""
    try:
        st = (db / "decisions.jsonl").stat()
    except FileNotFoundError:
        return "-"
    return f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"


def snapshot(model: BoardModel, db: Path) -> dict[str, Any]:
    """The first screen of a model in the default order without a filter."""
    columns = {}
    for column in Column:
        ids = model.ids[column]
        columns[column.value] = {
            "ids": ids,
            "revenue": model.totals(column).revenue,
            "cards": [model.card(cid).to_row() for cid in ids[:FIRST_CARDS]],
        }
    return {
        "format": START_FORMAT,
        "log": log_stamp(db),
        "customers": model.size,
        "sort": {lang: model.sort_label(lang) for lang in LANGUAGES},
        "columns": columns,
    }


def read_start(db: Path, rules: Path | None, as_of: dt.date) -> dict[str, Any] | None:
    """The kept first screen if it still shows the truth, else None (then the app starts the slow way)."""
    from kanban.board import metrics_cache_key, rules_path_for
    from kanban.store import Store

    try:
        if not (db / "board.json").is_file():
            return None
        digest = hashlib.sha256(rules_path_for(db, rules).read_bytes()).hexdigest()  # as RuleSet.digest
    except OSError:
        return None
    store = Store(db, readonly=True)  # only stats the files and reads the cache: no lock, no parsing
    data = store.read_cache(metrics_cache_key(store.data_version(), digest, as_of))
    start = data.get("start") if isinstance(data, dict) else None
    return start if is_current(start, db) else None


def is_current(start: Any, db: Path) -> bool:
    """Whether a kept first screen (valid for its metrics cache) also has the columns as the log has them now."""
    return isinstance(start, dict) and start.get("format") == START_FORMAT and start.get("log") == log_stamp(db)


def database_in_use(db: Path) -> None:
    """Raise the store's one-line error now if another process holds the database, not after the first paint."""
    from kanban.store.lock import DatabaseLock

    lock = DatabaseLock(db)
    lock.acquire()
    lock.release()


class StartModel:
    """The board model's face (kanban.tui.board_model) over a kept first screen, until the Board is loaded."""

    query = ""

    def __init__(self, start: dict[str, Any], as_of: dt.date) -> None:
        self.as_of = as_of
        self.size: int = start["customers"]
        self._sort: dict[str, str] = start["sort"]
        columns = start["columns"]
        self.ids = {column: list(columns[column.value]["ids"]) for column in Column}
        self._totals = {c: Totals(len(self.ids[c]), columns[c.value]["revenue"]) for c in Column}
        self._cards = {
            cid: Card.from_row(row)
            for column in Column
            for cid, row in zip(self.ids[column], columns[column.value]["cards"], strict=False)
        }

    def card(self, customer_id: str) -> Card | None:
        """None beyond the first screenful: that part is drawn once the Board is loaded."""
        return self._cards.get(customer_id)

    def totals(self, column: Column) -> Totals:
        return self._totals[column]

    def sort_label(self, lang: str) -> str:
        return self._sort[lang]
