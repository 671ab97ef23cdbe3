"""The fast start: the board's three faces, and the first screen kept with the metrics cache.

The board screen draws from a `BoardFace`: the kept first screen (`StartModel`),
the loading one (`LoadingModel`), or the loaded board's model
(kanban.tui.board_model). Keys the first two can serve truthfully act at once;
the others wait as actions (`waits`) until the Board is installed.

With tens of thousands of customers opening the Board (board.json, the
metrics cache, a view per customer) takes longer than starting Textual. What the first screen shows
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
from typing import Any, Protocol

from kanban.domain.model import Column
from kanban.texts import LANGUAGES, text

START_FORMAT = 3
FIRST_CARDS = 60  # per column: a screenful of a terminal 240 lines high


@dataclass(frozen=True)
class Card:
    """What a card on the board shows of one customer, in one language."""

    name: str
    prospect: bool
    numbers: str  # revenue and hourly rate, formatted
    glyphs: str  # the warning signs
    target: Column | None  # where the rules suggest the card, when that is not its column
    compact: str = ""  # the numbers in whole euros, for a column too narrow for `numbers`


class BoardFace(Protocol):
    """What the board's columns, headers and status line are drawn from."""

    ids: dict[Column, list[str]]  # the shown cards per column, in order
    query: str  # the filter in force ("" for none)
    loading: bool  # True while the cards are not known yet

    def card(self, customer_id: str, lang: str) -> Card | None: ...

    def header_texts(self, lang: str) -> tuple[dict[str, str], str]: ...


def log_stamp(db: Path) -> str:
    """Changes with every decision written: the log decides the columns."""
    try:
        st = (db / "decisions.jsonl").stat()
    except FileNotFoundError:
        return "-"
    return f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"


def snapshot(model: BoardFace, db: Path) -> dict[str, Any]:
    """The first screen of a model in the default order without a filter, in every language.

    Texts are kept formatted: the fast start then needs neither Babel nor the rules.
    """
    ids = {column.value: model.ids[column] for column in Column}
    first = [cid for column_ids in ids.values() for cid in column_ids[:FIRST_CARDS]]
    texts = {}
    for lang in LANGUAGES:
        headers, status = model.header_texts(lang)
        cards = [_known(model, cid, lang) for cid in first]
        texts[lang] = {
            "headers": headers,
            "status": status,
            "numbers": [card.numbers for card in cards],
            "compact": [card.compact for card in cards],
        }
    cards = [_known(model, cid, LANGUAGES[0]) for cid in first]
    rows = [[card.name, card.prospect, card.glyphs, card.target.value if card.target else None] for card in cards]
    return {"format": START_FORMAT, "log": log_stamp(db), "ids": ids, "cards": rows, "texts": texts}


def _known(model: BoardFace, customer_id: str, lang: str) -> Card:
    card = model.card(customer_id, lang)
    if card is None:
        raise ValueError(f"no card for {customer_id}: only a loaded board is kept")
    return card


def first_screen(db: Path, rules: Path | None, as_of: dt.date, lang: str) -> StartModel | LoadingModel | None:
    """What the app paints before the Board is loaded: the kept first screen if it still shows the truth,
    else the columns without cards while the Board is computed; None without a database (Board.open says why)."""
    if not (db / "board.json").is_file():
        return None
    start, customers = _kept(db, rules, as_of)
    return _start_model(start, lang) or LoadingModel(customers)


def _kept(db: Path, rules: Path | None, as_of: dt.date) -> tuple[dict[str, Any] | None, int | None]:
    """The kept first screen if current; else how many customers a stale one counted, if the customers and
    facts are still the ones it was kept for (a day's first start: only the day in the key changed)."""
    from kanban.board import cache_key_has_data, metrics_cache_key, peek_metrics_cache, rules_path_for

    try:
        digest = hashlib.sha256(rules_path_for(db, rules).read_bytes()).hexdigest()  # as RuleSet.digest
        version, entry = peek_metrics_cache(db)  # a stale entry still counts the customers
    except OSError:  # unreadable: the slow way says what is wrong
        return None, None
    if entry is None:
        return None, None
    key, data = entry
    start = data.get("start") if isinstance(data, dict) else None
    if not isinstance(start, dict) or start.get("format") != START_FORMAT:
        return None, None
    if key == metrics_cache_key(version, digest, as_of) and is_current(start, db):
        return start, None
    if not cache_key_has_data(key, version):  # customers or facts changed since: the count may be wrong
        return None, None
    try:
        return None, sum(len(start["ids"][column.value]) for column in Column)
    except (KeyError, TypeError):
        return None, None


def _start_model(start: dict[str, Any] | None, lang: str) -> StartModel | None:
    if start is None:
        return None
    try:
        return StartModel(start, lang)
    except (KeyError, TypeError, ValueError):  # not what this version writes: start the slow way
        return None


def is_current(start: Any, db: Path) -> bool:
    """Whether a kept first screen (valid for its metrics cache) also has the columns as the log has them now."""
    return isinstance(start, dict) and start.get("format") == START_FORMAT and start.get("log") == log_stamp(db)


def database_in_use(db: Path) -> None:
    """Raise the store's one-line error now if another process holds the database, not after the first paint."""
    from kanban.board import check_not_in_use

    check_not_in_use(db)


class StartModel:
    """The board model's face (kanban.tui.board_model) over a kept first screen, until the Board is loaded."""

    query = ""
    loading = False

    def __init__(self, start: dict[str, Any], lang: str) -> None:
        self.ids = {column: list(start["ids"][column.value]) for column in Column}
        texts = start["texts"][lang]
        self._headers: tuple[dict[str, str], str] = (texts["headers"], texts["status"])
        first = [cid for column in Column for cid in self.ids[column][:FIRST_CARDS]]
        self._cards = {
            cid: Card(name, prospect, numbers, glyphs, Column(target) if target else None, compact)
            for cid, (name, prospect, glyphs, target), numbers, compact in zip(
                first, start["cards"], texts["numbers"], texts["compact"], strict=True
            )
        }

    def card(self, customer_id: str, lang: str) -> Card | None:
        """None beyond the first screenful: that part is drawn once the Board is loaded."""
        return self._cards.get(customer_id)

    def header_texts(self, lang: str) -> tuple[dict[str, str], str]:
        return self._headers


class LoadingModel:
    """The board model's face while the Board is computed (no valid kept screen, e.g. the day's first start):
    the columns without a card and without counts, and a status line that says so. Nothing here can be untrue:
    the number of customers only when the stale kept screen was kept for the same customers and facts."""

    query = ""
    loading = True

    def __init__(self, customers: int | None = None) -> None:
        self.ids: dict[Column, list[str]] = {column: [] for column in Column}
        self.customers = customers

    def card(self, customer_id: str, lang: str) -> Card | None:
        return None

    def header_texts(self, lang: str) -> tuple[dict[str, str], str]:
        headers = {column.value: f"[b]{column.label(lang)}[/b] · {text('board.loading', lang)}" for column in Column}
        if self.customers is None:
            computing = text("board.computing", lang)
        else:
            computing = text("board.computing_count", lang, customers=_grouped(self.customers, lang))
        return headers, f"[b]{text('board.title', lang)}[/b]  ·  {computing}"


def _grouped(number: int, lang: str) -> str:
    """25.000 / 25,000 without Babel, which the first paint must not wait for."""
    return f"{number:,}".replace(",", "." if lang == "de" else ",")


# -- keys before the Board is there ---------------------------------------------------------------

# Board actions that need neither the Board nor the filter's result: they act at once on any face.
AT_ONCE = frozenset({"quit", "filter", "clear_filter"})
# The cursor among the kept cards: served truthfully by the kept first screen while nothing waits.
ON_KEPT_CARDS = frozenset({"cursor", "page", "jump", "focus_column"})


def waits(action: str, face: BoardFace, waiting: bool, filtered: bool) -> bool:
    """Whether a board action waits for the Board, to run in order with the others once it is installed.

    The help is a window over the board: after keys that wait, it waits behind them. Moving the cursor
    after a waiting action would act on a board that action has not changed yet; with a filter typed,
    the kept cards are not the ones the filter will show.
    """
    if action in AT_ONCE:
        return False
    if action == "help":
        return waiting
    if action in ON_KEPT_CARDS:
        return face.loading or waiting or filtered
    return True


@dataclass(frozen=True)
class Held:
    """An action whose key came before the Board: the method of the board screen and its arguments."""

    action: str
    arguments: tuple[Any, ...]
