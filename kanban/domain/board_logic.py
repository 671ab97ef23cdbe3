"""What the board shows of a customer beyond the raw numbers, as pure functions.

Warning signs, search and sort keys, revenue per quarter for the sparkline,
column totals and the checks of the customer form. The Textual app calls
these; the CLI and the review may call them too, so the board and the rest
never disagree about what "late payer" or "sorted by score" means.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from kanban.domain.metrics import Metrics
from kanban.domain.model import Column, Customer, Invoice
from kanban.domain.rules import Rule, RuleSet, Suggestion
from kanban.texts import text


class CardSource(Protocol):
    """What the board knows of one customer (kanban.board.CustomerView fits)."""

    @property
    def customer(self) -> Customer: ...

    @property
    def metrics(self) -> Metrics: ...

    @property
    def suggestion(self) -> Suggestion: ...

    @property
    def score(self) -> float: ...  # the suggestion's score, possibly known without evaluating it


# -- warning signs ------------------------------------------------------------


@dataclass(frozen=True)
class WarningSign:
    """A compact marker on a card for one of the article's signals.

    The glyphs are single-cell characters that common terminal fonts have
    (no emoji: those take two cells or none, depending on the terminal).
    """

    id: str
    glyph: str
    de: str
    en: str
    metrics: frozenset[str]

    def label(self, lang: str = "de") -> str:
        return self.de if lang == "de" else self.en


def _sign(id: str, glyph: str, de: str, en: str, metrics: str) -> WarningSign:
    return WarningSign(id, glyph, de, en, frozenset(metrics.split()))


# In card order: money first, then behaviour, then the relationship.
WARNING_SIGNS: tuple[WarningSign, ...] = (
    _sign("low_rate", "↓", "Stundensatz niedrig", "low hourly rate", "effective_hourly_rate contribution hours"),
    _sign("late_payment", "◷", "zahlt spät", "pays late", "avg_days_late open_overdue"),
    _sign("dunning", "§", "Mahnungen", "reminders", "reminders max_dunning_level"),
    _sign("haggling", "%", "feilscht", "haggles", "price_complaints"),
    _sign(
        "corrections",
        "↻",
        "Korrekturschleifen",
        "correction rounds",
        "correction_rounds correction_rounds_per_project vague_briefings",
    ),
    _sign(
        "rush",
        "»",
        "Eile und Sonderwünsche",
        "rush and special requests",
        "rush_requests rush_share support_requests support_per_1000",
    ),
    _sign("small_orders", "∘", "kleine Aufträge", "small orders", "median_invoice avg_invoice order_size_percentile"),
    _sign(
        "irregular",
        "~",
        "bucht unregelmäßig",
        "books irregularly",
        "active_quarters months_since_last_invoice median_order_gap_months orders_per_year invoice_count "
        "recency_percentile frequency_percentile",
    ),
    _sign("shrinking", "↘", "Umsatz sinkt", "revenue shrinking", "revenue_growth revenue revenue_prev"),
    _sign("no_contract", "∅", "kein Vertrag", "no contract", "has_contract contract_months_left"),
)


_RANK = {Column.DROP: 0, Column.WATCH: 1, Column.IDEAL: 2}


def counts_against(rule: Rule) -> bool:
    """A rule that, when it fires, speaks against the partnership.

    Negative points, or a knock-out that forces or caps the column below ideal;
    a floor (`no_worse_than`) protects a customer and is no warning.
    """
    if rule.effect is None:
        return rule.points < 0
    if rule.effect == "no_worse_than" or rule.effect_column is None:
        return False
    return _RANK[rule.effect_column] < _RANK[Column.IDEAL]


def judged_metrics(suggestion: Suggestion, rule_set: RuleSet) -> tuple[frozenset[str], frozenset[str]]:
    """(metrics read by fired rules against the customer, metrics read by fired rules for them)."""
    against: set[str] = set()
    for_: set[str] = set()
    for reason in suggestion.reasons:
        rule = rule_set.rule(reason.rule_id)
        (against if counts_against(rule) else for_).update(rule.condition.metrics)
    return frozenset(against), frozenset(for_)


def warning_signs_of_rule(rule: Rule) -> tuple[WarningSign, ...]:
    """The signs a rule shows when it fires (none for a rule in the customer's favour)."""
    if not counts_against(rule):
        return ()
    return tuple(sign for sign in WARNING_SIGNS if sign.metrics & set(rule.condition.metrics))


def warning_signs(suggestion: Suggestion, rule_set: RuleSet) -> tuple[WarningSign, ...]:
    """The signs behind the fired rules that count against a customer.

    A sign shows when such a rule reads one of the sign's metrics: the rule set
    decides what "late" means, the card only says which signal it was.
    """
    against, _ = judged_metrics(suggestion, rule_set)
    return tuple(sign for sign in WARNING_SIGNS if sign.metrics & against)


COMMON_SHARE = 0.5  # a sign on more than this share of the cards sets none of them apart


def common_signs(signs_per_card: Iterable[tuple[WarningSign, ...]]) -> dict[str, tuple[int, int]]:
    """Signs that stand on most cards, as sign id -> (cards with it, cards): shown on no card.

    A sign on 20 of 26 cards tells the eye nothing and hides the rare ones; the detail
    screen and the filter still know it, and the help says which signs are left off.
    """
    counts: Counter[str] = Counter()
    cards = 0
    for signs in signs_per_card:
        cards += 1
        counts.update(sign.id for sign in signs)
    return {sign_id: (count, cards) for sign_id, count in counts.items() if count > COMMON_SHARE * cards}


# -- search and sort -----------------------------------------------------------


def search_text(customer: Customer, signs: Iterable[WarningSign]) -> str:
    """Everything a filter may match, casefolded: name, number, tags, signs in both languages."""
    parts = [customer.name, customer.id, *customer.tags]
    for sign in signs:
        parts += [sign.glyph, sign.de, sign.en]
    if customer.prospect:
        parts += ["Interessent", "prospect"]
    return "\n".join(parts).casefold()


def matches(text: str, query: str) -> bool:
    """Every word of the query occurs in the search text (so "mahn gmbh" narrows)."""
    return all(word in text for word in query.casefold().split())


def german_name_key(name: str) -> tuple[str, str]:
    """Names as a German reader looks them up (DIN 5007, variant 1): Ä as A, ö as o, ß as ss, é as e.

    The exact spelling breaks ties, so "Müller" and "Muller" keep one order.
    """
    folded = unicodedata.normalize("NFD", name.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch)), name.casefold()


class SortOrder(Enum):
    """How cards are ordered within a column; `s` cycles in this order."""

    SCORE = "score"
    REVENUE = "revenue"
    NAME = "name"

    def next(self) -> SortOrder:
        members = list(SortOrder)
        return members[(members.index(self) + 1) % len(members)]

    def label(self, lang: str = "de") -> str:
        return _SORT_LABELS[self][lang]


_SORT_LABELS = {
    SortOrder.SCORE: {"de": "Score", "en": "score"},
    SortOrder.REVENUE: {"de": "Umsatz", "en": "revenue"},
    SortOrder.NAME: {"de": "Name", "en": "name"},
}


def sort_key(order: SortOrder) -> Callable[[CardSource], tuple[object, ...]]:
    """A key for `sorted`: highest score or revenue first, names A-Z; ties by name, then number.

    Unknown revenue sorts after every known one, also after negative revenue.
    """

    def name_key(view: CardSource) -> tuple[str, ...]:
        return (*german_name_key(view.customer.name), view.customer.id)

    if order is SortOrder.NAME:
        return name_key
    if order is SortOrder.SCORE:
        return lambda view: (-view.score, *name_key(view))

    def revenue_key(view: CardSource) -> tuple[object, ...]:
        revenue = view.metrics.get("revenue")
        return (revenue is None, -(revenue or 0.0), *name_key(view))

    return revenue_key


@dataclass(frozen=True)
class ColumnTotals:
    count: int
    revenue: float  # sum of the known 12-month revenues


def card_revenue(view: CardSource) -> float:
    """What a card adds to its column's total: its 12-month revenue, 0 when unknown."""
    return view.metrics.get("revenue") or 0.0


def column_totals(views: Iterable[CardSource]) -> ColumnTotals:
    revenues = [card_revenue(view) for view in views]
    return ColumnTotals(len(revenues), round(sum(revenues), 2))


# -- revenue per quarter ---------------------------------------------------------


def _quarter_index(day: dt.date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def revenue_by_quarter(invoices: Iterable[Invoice], as_of: dt.date, quarters: int = 8) -> list[tuple[str, float]]:
    """Net revenue of each of the last `quarters` quarters up to as_of, oldest first.

    The current quarter counts up to as_of only; credit notes subtract.
    """
    last = _quarter_index(as_of)
    first = last - quarters + 1
    totals = dict.fromkeys(range(first, last + 1), 0.0)
    for invoice in invoices:
        index = _quarter_index(invoice.issued)
        if invoice.issued <= as_of and index in totals:
            totals[index] += invoice.signed_net
    return [(f"{i // 4}-Q{i % 4 + 1}", round(total, 2)) for i, total in totals.items()]


# -- the customer form -------------------------------------------------------------


_DATE_FORMS = ("%d.%m.%Y", "%Y-%m-%d")


def parse_date_input(text: str, lang: str = "de") -> dt.date:
    """A date as people type it: 31.12.2027 or 2027-12-31; ValueError says how to write it."""
    value = text.strip()
    for form in _DATE_FORMS:
        try:
            return dt.datetime.strptime(value, form).date()
        except ValueError:
            continue
    what = _what_is_wrong(value, lang)
    if lang == "de":
        raise ValueError(f"„{value}“ ist kein Datum: {what}schreiben Sie z. B. 31.12.2027 oder 2027-12-31")
    raise ValueError(f"{value!r} is not a date: {what}write e.g. 31.12.2027 or 2027-12-31")


def _what_is_wrong(value: str, lang: str) -> str:
    """For a date written in a known form: which part does not exist, with a dash before the advice."""
    found = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    if found:
        day, month, year = int(found[1]), int(found[2]), int(found[3])
    else:
        found = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if not found:
            return ""
        year, month, day = int(found[1]), int(found[2]), int(found[3])
    if not 1 <= month <= 12:
        return text("form.date_no_month", lang, month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = text("form.months", lang).split()[month - 1]
        return text("form.date_no_day", lang, day=day, month=name, year=year, days=days)
    return ""


@dataclass(frozen=True)
class CustomerForm:
    """The form's fields as typed."""

    number: str
    name: str
    contract: bool = False
    contract_until: str = ""
    prospect: bool = False
    contact: str = ""
    tags: str = ""
    notes: str = ""


_MESSAGES = {
    "name_empty": {"de": "Bitte einen Namen eingeben.", "en": "Please enter a name."},
    "number_empty": {"de": "Bitte eine Kundennummer eingeben.", "en": "Please enter a customer number."},
    "number_space": {
        "de": "Die Kundennummer darf keine Leerzeichen enthalten.",
        "en": "The customer number must not contain spaces.",
    },
    "number_taken": {
        "de": "Kundennummer {number} ist schon vergeben ({name}): bitte eine andere wählen.",
        "en": "Customer number {number} is taken by {name}: choose another.",
    },
    "until_without_contract": {
        "de": "Ein Vertragsende ohne Vertrag: Haken bei „Vertrag“ setzen oder das Datum leeren.",
        "en": "A contract end without a contract: tick “Contract” or clear the date.",
    },
}


def _message(key: str, lang: str, **values: str) -> str:
    return _MESSAGES[key]["de" if lang == "de" else "en"].format(**values)


def customer_from_form(
    form: CustomerForm,
    taken: dict[str, str],
    original: Customer | None = None,
    lang: str = "de",
) -> tuple[Customer | None, dict[str, str]]:
    """The customer the form describes, or the messages per field that stop it.

    `taken` maps customer numbers in use to their names; `original` is the
    customer being edited (None for a new one), whose column is kept.
    """
    errors: dict[str, str] = {}
    name = " ".join(form.name.split())
    number = form.number.strip()
    if not name:
        errors["name"] = _message("name_empty", lang)
    if not number:
        errors["number"] = _message("number_empty", lang)
    elif re.search(r"\s", number):
        errors["number"] = _message("number_space", lang)
    elif original is None and number in taken:
        errors["number"] = _message("number_taken", lang, number=number, name=taken[number])
    until = None
    if form.contract_until.strip():
        try:
            until = parse_date_input(form.contract_until, lang)
        except ValueError as error:
            errors["contract_until"] = str(error)
        if until and not form.contract:
            errors["contract_until"] = _message("until_without_contract", lang)
    if errors:
        return None, errors
    tags = tuple(dict.fromkeys(t.strip() for t in form.tags.split(",") if t.strip()))
    customer = Customer(
        id=number,
        name=name,
        column=original.column if original else Column.WATCH,
        contract=form.contract,
        contract_until=until,
        prospect=form.prospect,
        contact=form.contact.strip(),
        notes=form.notes.rstrip(),
        tags=tags,
        since=original.since if original else None,
    )
    return customer, {}


def form_of(customer: Customer, lang: str = "de") -> CustomerForm:
    """The form prefilled with a customer, dates as the language writes them."""
    until = ""
    if customer.contract_until:
        until = customer.contract_until.strftime("%d.%m.%Y" if lang == "de" else "%Y-%m-%d")
    return CustomerForm(
        number=customer.id,
        name=customer.name,
        contract=customer.contract,
        contract_until=until,
        prospect=customer.prospect,
        contact=customer.contact,
        tags=", ".join(customer.tags),
        notes=customer.notes,
    )


def next_customer_number(numbers: Iterable[str]) -> str:
    """One past the highest number that ends in digits, keeping its prefix and width (K-0041 -> K-0042)."""
    best: tuple[int, str, int] | None = None
    for number in numbers:
        found = re.fullmatch(r"(.*?)(\d+)", number)
        if found and (best is None or int(found[2]) > best[0]):
            best = (int(found[2]), found[1], len(found[2]))
    if best is None:
        return "1"
    value, prefix, width = best
    return f"{prefix}{value + 1:0{width}d}"
