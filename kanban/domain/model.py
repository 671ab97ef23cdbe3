"""The domain model: customers, the facts about them, columns and decisions.

Plain frozen dataclasses; no Textual, no TinyDB. Money is a float of euros
rounded to cents (the store keeps JSON numbers), dates are `datetime.date`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Column(str, Enum):
    """The three columns of the board, in board order."""

    IDEAL = "ideal"
    WATCH = "watch"
    DROP = "drop"

    @classmethod
    def parse(cls, text: str) -> Column:
        """Accept the id, the German or the English label, or 1/2/3."""
        key = text.strip().lower()
        for column in cls:
            if key in _COLUMN_ALIASES[column]:
                return column
        raise ValueError(f"unknown column {text!r}: use ideal, watch or drop")

    def label(self, lang: str = "de") -> str:
        return _COLUMN_LABELS[self][lang]


_COLUMN_LABELS = {
    Column.IDEAL: {"de": "Idealer Partner", "en": "Ideal partner"},
    Column.WATCH: {"de": "Beobachten", "en": "Watch"},
    Column.DROP: {"de": "Trennen", "en": "Drop"},
}


_COLUMN_ALIASES = {
    Column.IDEAL: {"ideal", "1", "idealer partner", "ideal partner", "partner"},
    Column.WATCH: {"watch", "2", "beobachten"},
    Column.DROP: {"drop", "3", "trennen"},
}


class EventKind(str, Enum):
    """Things that happen with a customer that invoices and hours do not show."""

    CORRECTION_ROUND = "correction_round"
    PRICE_COMPLAINT = "price_complaint"
    RUSH_REQUEST = "rush_request"
    VAGUE_BRIEFING = "vague_briefing"
    SUPPORT_REQUEST = "support_request"


@dataclass(frozen=True)
class Customer:
    id: str  # the customer number, as the accounting software has it
    name: str
    column: Column = Column.WATCH
    contract: bool = False
    contract_until: dt.date | None = None
    prospect: bool = False
    contact: str = ""  # contact person: personal data (see `forget`)
    notes: str = ""
    tags: tuple[str, ...] = ()
    since: dt.date | None = None  # customer since, when known beyond the invoices


# Facts have slots: an import or a restore holds hundreds of thousands of them.
# Each fact dataclass is the one declaration of its fields: their order is the stored row's, their
# types and defaults what the store, the export and a restore use (kanban/domain/fact_schema.py).
@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    customer_id: str
    issued: dt.date
    net: float  # positive; a credit note is flagged, not negative
    due: dt.date | None = None
    paid: dt.date | None = None  # None: still open
    dunning_level: int = 0  # 0-3, highest Mahnstufe reached
    credit_note: bool = False

    @property
    def signed_net(self) -> float:
        """Net amount as it counts towards revenue: credit notes subtract."""
        return -self.net if self.credit_note else self.net


@dataclass(frozen=True, slots=True)
class TimeEntry:
    customer_id: str
    date: dt.date
    hours: float
    billable: bool = True
    project: str = ""
    activity: str = ""  # activity or tags, joined
    key: str = ""  # identity for de-duplicating imports


@dataclass(frozen=True, slots=True)
class Event:
    customer_id: str
    date: dt.date
    kind: EventKind
    note: str = ""
    project: str = ""
    key: str = ""  # identity for de-duplicating imports


@dataclass(frozen=True)
class Facts:
    """Everything known about one customer's business with us."""

    invoices: tuple[Invoice, ...] = ()
    time_entries: tuple[TimeEntry, ...] = ()
    events: tuple[Event, ...] = ()


class DecisionKind(str, Enum):
    MOVE = "move"  # a person moved the card
    ACCEPT = "accept"  # a person accepted the rules' suggestion
    UNDO = "undo"  # a person undid an earlier move (a new decision, never an erasure)
    CONFIRM = "confirm"  # a review kept the card where it was
    ERASURE = "erasure"  # a customer's personal data was erased (GDPR Art. 17); the entry says what changed


@dataclass(frozen=True)
class Decision:
    """One entry of the audit log. Never edited, never deleted."""

    id: int
    at: dt.datetime  # UTC
    customer_id: str
    from_column: Column
    to_column: Column
    reason: str
    actor: str
    quarter: str  # e.g. "2026-Q4"
    kind: DecisionKind = DecisionKind.MOVE
    review: str | None = None  # the quarter under review, when decided in a review
    suggested: Column | None = None
    score: float | None = None
    fired_rules: tuple[str, ...] = ()
    metrics: dict[str, float | None] = field(default_factory=dict)
    salt: str = ""  # random; the hash covers number and reason only through it (see domain/audit.py)
    sealed: str = ""  # an erased entry: the seal of the number and reason it had
    erased: tuple[int, ...] = ()  # an erasure entry: the entries it pseudonymised
    prev_hash: str = ""
    hash: str = ""


def quarter_of(day: dt.date) -> str:
    """The quarter a date falls in, written like `2026-Q4`."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def parse_quarter(text: str) -> tuple[int, int]:
    """`2026-Q4` -> (2026, 4); raises ValueError with the expected form."""
    try:
        year, q = text.strip().upper().split("-Q")
        year_i, q_i = int(year), int(q)
    except ValueError:
        raise ValueError(f"bad quarter {text!r}: write it like 2026-Q4") from None
    if not 1 <= q_i <= 4 or not 1900 < year_i < 3000:
        raise ValueError(f"bad quarter {text!r}: write it like 2026-Q4")
    return year_i, q_i
