"""Who carries, who costs: the portfolio of customers as a whole.

The whale curve of customer profitability ranks customers from the most to the
least profitable and adds up their contribution; the best fifth typically
brings well over all of it, and the tail gives a part of it back. Contribution
is revenue minus hours at the internal cost rate; where a customer's hours are
unknown it is their revenue, and the curve says how many those are.

Everything here is computed from the 12-month metrics the cards show, so the
figures match the cards; the quarters come from the facts and the snapshots.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from kanban.domain import codec
from kanban.domain.formatting import format_money, format_number, format_percent_value
from kanban.domain.metrics import Metrics, add_months
from kanban.domain.model import Column, Customer, Decision, Facts, parse_quarter, quarter_of
from kanban.domain.relative import ABC_CLASSES, abc_classes
from kanban.texts import text

TOP_SHARE = 20.0  # percent of customers: "the best fifth"
TAIL_SHARE = 10.0  # percent of customers: "the last tenth"
CURVE_POINTS = 200  # points drawn of the curve, however many customers there are
QUARTERS = 8


class CustomerFigures(NamedTuple):
    """One customer's 12 months as the portfolio counts them (a tuple: 25,000 are made when the screen opens)."""

    id: str
    name: str
    column: Column
    revenue: float
    hours: float | None  # None: unknown (no time tracked)
    contribution: float  # revenue - hours x cost rate; the revenue where hours are unknown
    hourly_rate: float | None

    @property
    def hours_known(self) -> bool:
        return self.hours is not None


def customer_figures(customer: Customer, metrics: Metrics, cost_rate: float) -> CustomerFigures | None:
    """The figures of one customer, or None for one with neither revenue nor hours (nothing to count)."""
    revenue, hours = metrics.get("revenue"), metrics.get("hours")
    if revenue is None and hours is None:
        return None
    contribution = metrics.get("contribution")
    if contribution is None:
        contribution = (revenue or 0.0) - (hours or 0.0) * cost_rate
    return CustomerFigures(
        customer.id,
        customer.name,
        customer.column,
        revenue or 0.0,
        hours,
        round(contribution, 2),
        metrics.get("effective_hourly_rate"),
    )


@dataclass(frozen=True)
class CurvePoint:
    customers_pct: float  # share of customers up to and including this one, 0-100
    cumulative: float  # contribution of these customers together, €
    column: Column  # this customer's column


@dataclass(frozen=True)
class WhaleCurve:
    ranked: tuple[CustomerFigures, ...]  # the most profitable first

    @property
    def total(self) -> float:
        return round(sum(f.contribution for f in self.ranked), 2)

    @property
    def hours_unknown(self) -> int:
        """Customers whose contribution is their revenue, for want of hours."""
        return sum(1 for f in self.ranked if not f.hours_known)

    def top(self, share: float = TOP_SHARE) -> tuple[int, float]:
        """How many customers make the best `share` % (at least one) and their contribution."""
        count = _count_of(len(self.ranked), share)
        return count, round(sum(f.contribution for f in self.ranked[:count]), 2)

    def tail(self, share: float = TAIL_SHARE) -> tuple[int, float]:
        """How many customers make the last `share` % (at least one) and their contribution."""
        count = _count_of(len(self.ranked), share)
        return count, round(sum(f.contribution for f in self.ranked[len(self.ranked) - count :]), 2)

    def peak(self) -> float:
        """The highest point of the curve: what the profitable customers bring before the tail gives back."""
        running, best = 0.0, 0.0
        for figures in self.ranked:
            running += figures.contribution
            best = max(best, running)
        return round(best, 2)

    def points(self, limit: int = CURVE_POINTS) -> list[CurvePoint]:
        """At most `limit` points of the curve, evenly over the customers; the first, the peak and the last
        are always among them, so the curve keeps its height and its end however many customers there are."""
        n = len(self.ranked)
        cumulative, running = [], 0.0
        for figures in self.ranked:
            running += figures.contribution
            cumulative.append(running)
        if n == 0:
            return []
        chosen = {0, n - 1, max(range(n), key=cumulative.__getitem__)}
        if n <= limit:
            chosen.update(range(n))
        else:
            chosen.update(round(i * (n - 1) / (limit - 1)) for i in range(limit))
        return [CurvePoint(100.0 * (i + 1) / n, round(cumulative[i], 2), self.ranked[i].column) for i in sorted(chosen)]


def _count_of(n: int, share: float) -> int:
    return min(n, max(1, math.ceil(n * share / 100 - 1e-9))) if n else 0


def whale_curve(figures: Iterable[CustomerFigures]) -> WhaleCurve:
    """Customers from the most to the least contribution; ties by customer number, so every run agrees."""
    return WhaleCurve(tuple(sorted(figures, key=lambda f: (-f.contribution, f.id))))


def curve_sentence(curve: WhaleCurve, lang: str | None = None) -> str:
    """What the curve proves, in one sentence: what the best fifth brings, what the last tenth costs."""
    if not curve.ranked:
        return text("portfolio.curve.empty", lang)
    top_count, top = curve.top()
    tail_count, tail = curve.tail()
    total = curve.total
    lang_ = lang or _lang()
    if total > 0:
        first = text(
            "portfolio.curve.top_share",
            lang,
            share=format_number(TOP_SHARE, lang_, 0),
            percent=format_percent_value(100 * top / total, lang_, 0),
        )
    else:
        first = text(
            "portfolio.curve.top_money", lang, share=format_number(TOP_SHARE, lang_, 0), money=_money(top, lang_)
        )
    key = "portfolio.curve.tail_costs" if tail < 0 else "portfolio.curve.tail_brings"
    second = text(key, lang, share=format_number(TAIL_SHARE, lang_, 0), money=_money(abs(tail), lang_))
    return f"{first}; {second}"


def hours_unknown_note(curve: WhaleCurve, lang: str | None = None) -> str:
    """Says for how many customers the curve counts revenue, as their hours are unknown; empty when none."""
    unknown = curve.hours_unknown
    return text("portfolio.curve.hours_unknown", lang, count=unknown) if unknown else ""


# -- the ABC split ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AbcClass:
    name: str  # A, B, C, or "-" for customers without revenue
    customers: int
    revenue: float
    revenue_pct: float  # of all revenue
    contribution: float


def abc_split(figures: Iterable[CustomerFigures]) -> list[AbcClass]:
    """Customers and revenue per ABC class (A: first 80 % of revenue, B: next 15 %, C: the rest)."""
    listed = list(figures)
    classes = abc_classes({f.id: f.revenue for f in listed})
    totals = {name: [0, 0.0, 0.0] for name in (*ABC_CLASSES, "-")}  # customers, revenue, contribution
    for f in listed:
        bucket = totals[classes.get(f.id, "-")]
        bucket[0] += 1
        bucket[1] += f.revenue
        bucket[2] += f.contribution
    paying = sum(totals[name][1] for name in ABC_CLASSES)
    return [
        AbcClass(
            name,
            int(count),
            round(revenue, 2),
            round(100.0 * revenue / paying, 1) if paying and name != "-" else 0.0,
            round(contribution, 2),
        )
        for name, (count, revenue, contribution) in totals.items()
        if name != "-" or count
    ]


# -- what letting go would free ---------------------------------------------------------------------


@dataclass(frozen=True)
class LettingGo:
    """A set of customers' part of the year: what would go with them, what would stay free."""

    customers: int
    revenue: float  # the revenue that would go
    contribution: float  # their contribution: letting them go changes the total by minus this
    hours: float  # the hours they take a year (known hours only)
    hours_unknown: int  # of them, how many have no hours tracked

    @property
    def contribution_change(self) -> float:
        return round(-self.contribution, 2)


def letting_go(figures: Iterable[CustomerFigures]) -> LettingGo:
    listed = list(figures)
    return LettingGo(
        customers=len(listed),
        revenue=round(sum(f.revenue for f in listed), 2),
        contribution=round(sum(f.contribution for f in listed), 2),
        hours=round(sum(f.hours for f in listed if f.hours is not None), 1),
        hours_unknown=sum(1 for f in listed if not f.hours_known),
    )


def letting_go_from(record: Mapping[str, float]) -> LettingGo:
    """A LettingGo as a review's summary keeps it."""
    return LettingGo(
        int(record["customers"]),
        record["revenue"],
        record["contribution"],
        record["hours"],
        int(record.get("hours_unknown", 0)),
    )


def letting_go_column(figures: Iterable[CustomerFigures], column: Column = Column.DROP) -> LettingGo:
    return letting_go(f for f in figures if f.column is column)


def letting_go_sentence(freed: LettingGo, group: str, lang: str | None = None) -> str:
    """ "Ohne die 3 Kunden in Trennen: -10.350 € Umsatz, +2.300 € Deckungsbeitrag, 140 h im Jahr frei".

    `group` names the customers ("in Trennen", "im Filter").
    """
    lang_ = lang or _lang()
    if not freed.customers:
        return text("portfolio.free.none", lang, group=group)
    sentence = text(
        "portfolio.free.sentence",
        lang,
        count=freed.customers,
        group=group,
        revenue=_money(-freed.revenue, lang_, signed=True),
        contribution=_money(freed.contribution_change, lang_, signed=True),
        hours=format_number(freed.hours, lang_, 0),
    )
    if freed.hours_unknown:
        sentence += " " + text("portfolio.free.hours_unknown", lang, count=freed.hours_unknown)
    return sentence


def column_letting_go_sentence(
    figures: Iterable[CustomerFigures], lang: str | None = None, column: Column = Column.DROP
) -> str:
    lang_ = lang or _lang()
    group = text("portfolio.free.in_column", lang, column=column.label(lang_))
    return letting_go_sentence(letting_go_column(figures, column), group, lang)


# -- per column, per quarter --------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterFigures:
    quarter: str
    revenue: dict[Column, float]
    contribution: dict[Column, float]
    from_snapshot: bool  # the columns are those of the quarter's finished review


def last_quarters(as_of: dt.date, count: int = QUARTERS) -> list[str]:
    """The `count` quarters up to and including the one of `as_of`, oldest first."""
    return [quarter_of(add_months(as_of, -3 * back)) for back in range(count - 1, -1, -1)]


def quarter_end(quarter: str) -> dt.date:
    year, q = parse_quarter(quarter)
    return dt.date(year + (q == 4), q * 3 % 12 + 1, 1) - dt.timedelta(days=1)


def columns_in_quarter(
    quarter: str, snapshots: list[dict[str, Any]], decisions: list[Decision], current: Mapping[str, Column]
) -> tuple[dict[str, Column], bool]:
    """Each customer's column in a quarter and whether a finished review says so.

    Without a snapshot, the column at the quarter's end: today's, with every later decision taken back.
    """
    changed, from_snapshot = _columns_changed_since(quarter, snapshots, decisions, current)
    return {**current, **changed}, from_snapshot


def _columns_changed_since(
    quarter: str, snapshots: list[dict[str, Any]], decisions: list[Decision], current: Mapping[str, Column]
) -> tuple[dict[str, Column], bool]:
    """The customers whose column in `quarter` differs from today's (or a review recorded), and whether one did."""
    changed: dict[str, Column] = {}
    end = quarter_end(quarter)
    for decision in reversed(decisions):
        if decision.at.date() <= end:
            break
        if decision.customer_id in current:
            changed[decision.customer_id] = decision.from_column
    snapshot = next((s for s in snapshots if s.get("quarter") == quarter), None)
    if snapshot is None:
        return changed, False
    changed.update({e["id"]: Column(e["column"]) for e in snapshot.get("customers", []) if e["id"] in current})
    return changed, True


QuarterSums = dict[tuple[str, str], list[float]]  # (quarter, customer) -> [revenue, cost of the hours]


def quarter_sums(facts: Iterable[tuple[str, Facts]], quarters: list[str], cost_rate: float) -> QuarterSums:
    """Each customer's revenue and cost of hours in each of `quarters`, from decoded facts."""
    wanted = set(quarters)
    sums: QuarterSums = {}
    for customer_id, customer_facts in facts:
        for invoice in customer_facts.invoices:
            _add(sums, wanted, quarter_of(invoice.issued), customer_id, 0, invoice.signed_net)
        for entry in customer_facts.time_entries:
            _add(sums, wanted, quarter_of(entry.date), customer_id, 1, entry.hours * cost_rate)
    return sums


_ISSUED, _NET, _CREDIT = (codec.INVOICE_FIELDS.index(name) for name in ("issued", "net", "credit_note"))
_DATE, _HOURS = (codec.TIME_ENTRY_FIELDS.index(name) for name in ("date", "hours"))
Rows = Iterable[tuple[str, list[list[Any]]]]  # each customer's stored rows (codec's field order, ISO dates)


def _revenue_by_quarter(rows: list[list[Any]], quarter_of_day: _QuarterOfDay) -> dict[str, float]:
    """One customer's invoiced net per wanted quarter, credit notes taken off."""
    by_quarter: dict[str, float] = {}
    for row in rows:
        quarter = quarter_of_day[row[_ISSUED]]
        if quarter:
            by_quarter[quarter] = by_quarter.get(quarter, 0.0) + (-row[_NET] if row[_CREDIT] else row[_NET])
    return by_quarter


def _cost_by_quarter(rows: list[list[Any]], quarter_of_day: _QuarterOfDay, cost_rate: float) -> dict[str, float]:
    """One customer's hours at the cost rate per wanted quarter."""
    by_quarter: dict[str, float] = {}
    for row in rows:
        quarter = quarter_of_day[row[_DATE]]
        if quarter:
            by_quarter[quarter] = by_quarter.get(quarter, 0.0) + row[_HOURS] * cost_rate
    return by_quarter


class _QuarterOfDay(dict[str, str]):
    """ISO day -> its quarter if among the wanted ones, else "": worked out once per day, as days repeat."""

    def __init__(self, quarters: list[str]) -> None:
        super().__init__()
        self.wanted = set(quarters)

    def __missing__(self, day: str) -> str:
        quarter = f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
        self[day] = found = quarter if quarter in self.wanted else ""
        return found


def _add(sums: QuarterSums, wanted: set[str], quarter: str, customer_id: str, at: int, amount: float) -> None:
    if quarter in wanted:
        found = sums.get((quarter, customer_id))
        if found is None:
            found = sums[quarter, customer_id] = [0.0, 0.0]
        found[at] += amount


def quarters_by_column(
    sums: QuarterSums,
    quarters: list[str],
    snapshots: list[dict[str, Any]],
    decisions: list[Decision],
    current: Mapping[str, Column],
) -> list[QuarterFigures]:
    """Revenue and contribution per column in each quarter, from the invoices and hours of that quarter.

    A customer without any hours tracked counts with their revenue as contribution, as on the curve.
    """
    totals = _ColumnTotals(quarters, snapshots, decisions, current)
    for (quarter, customer_id), (earned, cost) in sums.items():
        totals.add(quarter, customer_id, earned, cost)
    return totals.figures()


def quarters_by_column_of_rows(
    invoice_rows: Rows,
    time_rows: Rows,
    quarters: list[str],
    cost_rate: float,
    history: tuple[list[dict[str, Any]], list[Decision], Mapping[str, Column]],
) -> list[QuarterFigures]:
    """The same figures from the stored rows (`history`: snapshots, decisions and today's columns), each
    customer's rows added to their column as they stream by: every customer's sum per quarter held until
    the end would take more memory than the rows of one customer at a time."""
    totals = _ColumnTotals(quarters, *history)
    quarter_of_day = _QuarterOfDay(quarters)
    for customer_id, rows in invoice_rows:
        for quarter, earned in _revenue_by_quarter(rows, quarter_of_day).items():
            totals.add(quarter, customer_id, earned, 0.0)
    for customer_id, rows in time_rows:
        for quarter, cost in _cost_by_quarter(rows, quarter_of_day, cost_rate).items():
            totals.add(quarter, customer_id, 0.0, cost)
    return totals.figures()


class _ColumnTotals:
    """Revenue and contribution per quarter and column, added up customer by customer."""

    def __init__(
        self,
        quarters: list[str],
        snapshots: list[dict[str, Any]],
        decisions: list[Decision],
        current: Mapping[str, Column],
    ) -> None:
        self.quarters, self.current = quarters, current
        self.changed = {q: _columns_changed_since(q, snapshots, decisions, current) for q in quarters}
        self.money = {q: dict.fromkeys(Column, 0.0) for q in quarters}
        self.margin = {q: dict.fromkeys(Column, 0.0) for q in quarters}

    def add(self, quarter: str, customer_id: str, earned: float, cost: float) -> None:
        """A customer not on the board (any more) counts nowhere."""
        column = self.changed[quarter][0].get(customer_id) or self.current.get(customer_id)
        if column is not None:
            self.money[quarter][column] += earned
            self.margin[quarter][column] += earned - cost

    def figures(self) -> list[QuarterFigures]:
        return [
            QuarterFigures(
                quarter,
                {c: round(v, 2) for c, v in self.money[quarter].items()},
                {c: round(v, 2) for c, v in self.margin[quarter].items()},
                self.changed[quarter][1],
            )
            for quarter in self.quarters
        ]


def per_column(
    figures: Iterable[CustomerFigures], columns: Mapping[str, Column] | None = None
) -> dict[Column, tuple[float, float]]:
    """(revenue, contribution) per column; `columns` puts customers elsewhere (e.g. before a review)."""
    revenue = {c: 0.0 for c in Column}
    contribution = {c: 0.0 for c in Column}
    for f in figures:
        column = columns.get(f.id, f.column) if columns else f.column
        revenue[column] += f.revenue
        contribution[column] += f.contribution
    return {c: (round(revenue[c], 2), round(contribution[c], 2)) for c in Column}


# -- formatting helpers -------------------------------------------------------------------------------


def _lang() -> str:
    from kanban.texts import language

    return language()


def _money(value: float, lang: str, signed: bool = False) -> str:
    shown = format_money(round(value), lang, cents=False)
    return f"+{shown}" if signed and round(value) > 0 else shown
