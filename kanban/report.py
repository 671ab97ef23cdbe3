"""The portfolio and the quarterly report as a document: sections of sentences and tables, written as
plain text (`kundenboard portfolio`), Markdown or a self-contained printable HTML page (`kundenboard report`).

One document, three writers: the terminal, the Markdown and the HTML say the same.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kanban.board import Board
from kanban.domain.audit import first_broken
from kanban.domain.formatting import format_date, format_money, format_number, format_percent_value
from kanban.domain.model import Column, Decision
from kanban.domain.portfolio import (
    QuarterFigures,
    WhaleCurve,
    curve_sentence,
    hours_unknown_note,
    letting_go_sentence,
    per_column,
)
from kanban.portfolio import Portfolio, board_portfolio, board_quarters, cost_rate, snapshot_portfolio
from kanban.texts import text

CURVE_ROWS = 25  # rows of the curve's table: every n-th customer beyond that


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    right: tuple[int, ...] = ()  # columns of numbers


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    svg: str = ""  # drawn in HTML only; the tables say the same in text


@dataclass
class Document:
    title: str
    lines: list[str]
    sections: list[Section]


def letter(column: Column, lang: str) -> str:
    return text(f"portfolio.letter.{column.value}", lang)


def money(value: float, lang: str) -> str:
    return format_money(round(value), lang, cents=False)


# -- the portfolio's sections ------------------------------------------------------------------------


def portfolio_header(portfolio: Portfolio, lang: str) -> list[str]:
    return [
        text(
            "portfolio.as_of",
            lang,
            date=format_date(portfolio.as_of, lang),
            rate=format_money(portfolio.cost_rate, lang, cents=False),
        )
    ]


def letting_go_lines(portfolio: Portfolio, lang: str, filtered: tuple[str, list[str]] | None = None) -> list[str]:
    """The Trennen column's sentence, and a filter's when one is given as (query, customer ids)."""
    group = text("portfolio.free.in_column", lang, column=Column.DROP.label(lang))
    lines = [letting_go_sentence(portfolio.letting_go(), group, lang)]
    if filtered:
        query, ids = filtered
        lines.append(
            letting_go_sentence(portfolio.letting_go_of(ids), text("portfolio.free.in_filter", lang, query=query), lang)
        )
    return lines


def curve_section(
    portfolio: Portfolio, lang: str, svg: bool = False, filtered: tuple[str, list[str]] | None = None
) -> Section:
    curve = portfolio.curve
    lines = [curve_sentence(curve, lang)]
    if note := hours_unknown_note(curve, lang):
        lines.append(note)
    lines += letting_go_lines(portfolio, lang, filtered)
    section = Section(text("portfolio.whale", lang), lines)
    if curve.ranked:
        section.tables.append(curve_table(curve, lang))
        if svg:
            section.svg = whale_svg(curve, lang)
    return section


def curve_rows(curve: WhaleCurve, limit: int = CURVE_ROWS) -> list[int]:
    """Positions shown in the curve's table: all of a short list, else every n-th customer and the last."""
    n = len(curve.ranked)
    step = max(1, math.ceil(n / limit))
    return sorted({*range(0, n, step), n - 1}) if n else []


def curve_table(curve: WhaleCurve, lang: str) -> Table:
    cumulative, running = [], 0.0
    for figures in curve.ranked:
        running += figures.contribution
        cumulative.append(running)
    n = len(curve.ranked)
    rows = [
        [
            str(i + 1),
            format_number(100 * (i + 1) / n, lang, 0),
            curve.ranked[i].name,
            letter(curve.ranked[i].column, lang),
            money(curve.ranked[i].contribution, lang),
            money(cumulative[i], lang),
        ]
        for i in curve_rows(curve)
    ]
    headers = [
        text(f"portfolio.head.{k}", lang)
        for k in ("rank", "customers_pct", "customer", "column", "contribution", "cumulative")
    ]
    return Table(headers, rows, (0, 1, 4, 5))


def abc_section(portfolio: Portfolio, lang: str) -> Section:
    rows = [
        [
            text("portfolio.abc.none", lang) if c.name == "-" else c.name,
            str(c.customers),
            money(c.revenue, lang),
            format_percent_value(c.revenue_pct, lang),
            money(c.contribution, lang),
        ]
        for c in portfolio.abc
    ]
    headers = [text(f"portfolio.head.{k}", lang) for k in ("class", "customers", "revenue", "share", "contribution")]
    return Section(text("portfolio.abc", lang), tables=[Table(headers, rows, (1, 2, 3, 4))])


def quarters_table(quarters: Sequence[QuarterFigures], lang: str) -> Table:
    revenue, margin = text("portfolio.head.revenue", lang), text("portfolio.head.contribution", lang)
    headers = [
        text("portfolio.head.quarter", lang),
        *(f"{revenue} {letter(c, lang)}" for c in Column),
        *(f"{margin} {letter(c, lang)}" for c in Column),
    ]
    rows = [
        [
            q.quarter + ("*" if q.from_snapshot else ""),
            *(money(q.revenue[c], lang) for c in Column),
            *(money(q.contribution[c], lang) for c in Column),
        ]
        for q in quarters
    ]
    return Table(headers, rows, tuple(range(1, 7)))


def quarters_section(quarters: Sequence[QuarterFigures], lang: str) -> Section:
    lines = [text("portfolio.legend", lang)]
    if any(q.from_snapshot for q in quarters):
        lines.append(text("portfolio.quarters.snapshot", lang))
    return Section(text("portfolio.quarters", lang), lines, [quarters_table(quarters, lang)])


def portfolio_document(
    portfolio: Portfolio, quarters: Sequence[QuarterFigures], lang: str, filtered: tuple[str, list[str]] | None = None
) -> Document:
    return Document(
        text("portfolio.title", lang),
        portfolio_header(portfolio, lang),
        [
            curve_section(portfolio, lang, filtered=filtered),
            abc_section(portfolio, lang),
            quarters_section(quarters, lang),
        ],
    )


def portfolio_data(portfolio: Portfolio, quarters: Sequence[QuarterFigures], lang: str) -> dict[str, Any]:
    """The portfolio for scripts (`--format json|yaml`): column ids, euros as numbers."""
    curve, freed = portfolio.curve, portfolio.letting_go()
    top_count, top = curve.top()
    tail_count, tail = curve.tail()
    return {
        "as_of": portfolio.as_of.isoformat(),
        "cost_rate": portfolio.cost_rate,
        "sentence": curve_sentence(curve, lang),
        "total_contribution": curve.total,
        "peak_contribution": curve.peak(),
        "best_20_percent": {"customers": top_count, "contribution": top},
        "last_10_percent": {"customers": tail_count, "contribution": tail},
        "hours_unknown": curve.hours_unknown,
        "letting_go_drop": {
            "customers": freed.customers,
            "revenue": freed.revenue,
            "contribution_change": freed.contribution_change,
            "hours": freed.hours,
        },
        "curve": [
            {
                "id": f.id,
                "name": f.name,
                "column": f.column.value,
                "revenue": f.revenue,
                "hours": f.hours,
                "contribution": f.contribution,
            }
            for f in curve.ranked
        ],
        "abc": [
            {
                "class": c.name,
                "customers": c.customers,
                "revenue": c.revenue,
                "revenue_pct": c.revenue_pct,
                "contribution": c.contribution,
            }
            for c in portfolio.abc
        ],
        "quarters": [
            {
                "quarter": q.quarter,
                "from_snapshot": q.from_snapshot,
                "revenue": {c.value: q.revenue[c] for c in Column},
                "contribution": {c.value: q.contribution[c] for c in Column},
            }
            for q in quarters
        ],
    }


# -- the quarterly report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewState:
    quarter: str
    finished_at: str | None  # ISO time of the snapshot, None while the review runs
    reviewed: int
    total: int
    moves: dict[str, int]
    decisions: list[Decision]
    names: dict[str, str]
    columns_before: dict[str, Column]


def build_report(board: Board, quarter: str, lang: str, made: dt.date, db: str, svg: bool) -> Document:
    """The report of `quarter`: as its finished review left it (the snapshot), else the board as it is now."""
    snapshot = next((s for s in board.snapshots() if s.get("quarter") == quarter), None)
    decisions = [d for d in board.decisions() if d.review == quarter]
    before: dict[str, Column] = {}
    for d in decisions:
        before.setdefault(d.customer_id, d.from_column)
    if snapshot is not None:
        portfolio = snapshot_portfolio(snapshot, board.as_of, cost_rate(board))
        summary = snapshot.get("summary", {})
        state = ReviewState(
            quarter,
            snapshot.get("finished_at"),
            summary.get("reviewed", len(before)),
            len(snapshot.get("customers", [])),
            summary.get("moves", {}),
            decisions,
            {e["id"]: e.get("name", "") for e in snapshot.get("customers", [])},
            before,
        )
    else:
        portfolio = board_portfolio(board)
        now = {cid: v.customer.column for cid, v in board.views.items()}
        moves: dict[str, int] = {}
        for cid, was in before.items():
            if cid in now and now[cid] is not was:
                key = f"{was.value}->{now[cid].value}"
                moves[key] = moves.get(key, 0) + 1
        state = ReviewState(
            quarter,
            None,
            len(before),
            len(board.views),
            dict(sorted(moves.items())),
            decisions,
            {cid: v.customer.name for cid, v in board.views.items()},
            before,
        )
    return report_document(state, portfolio, board_quarters(board), board.decision_records(), lang, made, db, svg)


def report_document(
    state: ReviewState,
    portfolio: Portfolio,
    quarters: Sequence[QuarterFigures],
    log: list[dict[str, Any]],
    lang: str,
    made: dt.date,
    db: str,
    svg: bool,
) -> Document:
    sections = [
        summary_section(state, portfolio, lang),
        decisions_section(state, lang),
        curve_section(portfolio, lang, svg=svg),
        abc_section(portfolio, lang),
        quarters_section(quarters, lang),
        audit_section(log, lang),
    ]
    lines = [
        text("portfolio.report.made", lang, date=format_date(made, lang), db=db),
        *portfolio_header(portfolio, lang),
    ]
    return Document(text("portfolio.report.title", lang, quarter=state.quarter), lines, sections)


def summary_section(state: ReviewState, portfolio: Portfolio, lang: str) -> Section:
    if state.finished_at:
        finished = dt.datetime.fromisoformat(state.finished_at).date()
        lines = [
            text(
                "portfolio.report.finished",
                lang,
                quarter=state.quarter,
                date=format_date(finished, lang),
                reviewed=state.reviewed,
            )
        ]
    else:
        lines = [
            text(
                "portfolio.report.not_finished", lang, quarter=state.quarter, reviewed=state.reviewed, total=state.total
            )
        ]
    moves = ", ".join(
        f"{Column(a).label(lang)} → {Column(b).label(lang)}: {n}"
        for a, b, n in ((*k.split("->"), v) for k, v in state.moves.items())
    )
    lines.append(f"{text('portfolio.report.moves', lang)}: {moves or text('portfolio.report.no_moves', lang)}")
    lines += letting_go_lines(portfolio, lang)
    before, after = per_column(portfolio.figures, state.columns_before), per_column(portfolio.figures)
    word = {k: text(f"portfolio.report.{k}", lang) for k in ("before", "after")}
    revenue, margin = text("portfolio.head.revenue", lang), text("portfolio.head.contribution_long", lang)
    headers = [
        text("portfolio.head.column", lang),
        f"{revenue} {word['before']}",
        f"{revenue} {word['after']}",
        f"{margin} {word['before']}",
        f"{margin} {word['after']}",
    ]
    rows = [
        [
            c.label(lang),
            money(before[c][0], lang),
            money(after[c][0], lang),
            money(before[c][1], lang),
            money(after[c][1], lang),
        ]
        for c in Column
    ]
    return Section(text("portfolio.report.summary", lang), lines, [Table(headers, rows, (1, 2, 3, 4))])


def decisions_section(state: ReviewState, lang: str) -> Section:
    title = text("portfolio.report.decisions", lang)
    if not state.decisions:
        return Section(title, [text("portfolio.report.no_decisions", lang)])
    rows = [
        [
            f"#{d.id}",
            d.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M"),
            f"{d.customer_id} {state.names.get(d.customer_id, '')}".strip(),
            f"{d.from_column.label(lang)} → {d.to_column.label(lang)}",
            d.reason or "-",
            d.actor,
        ]
        for d in state.decisions
    ]
    headers = [
        "#",
        text("portfolio.report.when", lang),
        text("portfolio.head.customer", lang),
        text("portfolio.report.change", lang),
        text("portfolio.report.reason", lang),
        text("portfolio.report.actor", lang),
    ]
    return Section(title, tables=[Table(headers, rows)])


def audit_section(log: list[dict[str, Any]], lang: str) -> Section:
    title = text("portfolio.report.audit", lang)
    if not log:
        return Section(title, [text("portfolio.report.head_empty", lang)])
    lines = [
        text("portfolio.report.head", lang, count=len(log), hash=log[-1].get("hash", "")),
        text("portfolio.report.verify", lang) + f" --anchor {str(log[-1].get('hash', ''))[:16]}",
    ]
    if first_broken(log) is not None:
        lines.append("audit verify: BROKEN")
    return Section(title, lines)


# -- writers ------------------------------------------------------------------------------------------


def plain_table(table: Table) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in table.rows]) for i, h in enumerate(table.headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in table.right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(table.headers), "  ".join("-" * w for w in widths), *(line(r) for r in table.rows)]


def as_text(document: Document) -> str:
    out = [document.title, *document.lines]
    for section in document.sections:
        out += ["", section.title, *section.lines]
        for table in section.tables:
            out += ["", *plain_table(table)]
    return "\n".join(out) + "\n"


def _md_cell(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def as_markdown(document: Document) -> str:
    out = [f"# {document.title}", "", *(f"{line}  " for line in document.lines)]
    for section in document.sections:
        out += ["", f"## {section.title}", ""]
        out += [f"{line}  " for line in section.lines]
        for table in section.tables:
            align = ["---:" if i in table.right else "---" for i in range(len(table.headers))]
            out += ["", "| " + " | ".join(map(_md_cell, table.headers)) + " |", "| " + " | ".join(align) + " |"]
            out += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


HTML_STYLE = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; max-width: 180mm; margin: auto; }
h1 { font-size: 16pt; margin-bottom: 2pt; } h2 { font-size: 12pt; margin-top: 14pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; margin: 6pt 0; page-break-inside: auto; } tr { page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 2pt 6pt; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
p { margin: 3pt 0; overflow-wrap: anywhere; } svg { max-width: 100%; height: auto; }
section { page-break-inside: avoid; }
"""


def as_html(document: Document, lang: str) -> str:
    e = html.escape
    out = [
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{e(document.title)}</title><style>{HTML_STYLE}</style></head><body>",
        f"<h1>{e(document.title)}</h1>",
        *(f"<p>{e(line)}</p>" for line in document.lines),
    ]
    for section in document.sections:
        out.append(f"<section><h2>{e(section.title)}</h2>")
        out += [f"<p>{e(line)}</p>" for line in section.lines]
        if section.svg:
            out.append(section.svg)
        for table in section.tables:

            def cells(row: Sequence[str], tag: str, table: Table = table) -> str:
                return "".join(
                    f"<{tag}{' class=num' if i in table.right else ''}>{e(c)}</{tag}>" for i, c in enumerate(row)
                )

            out.append(f"<table><thead><tr>{cells(table.headers, 'th')}</tr></thead><tbody>")
            out += [f"<tr>{cells(row, 'td')}</tr>" for row in table.rows]
            out.append("</tbody></table>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# -- the whale curve as SVG --------------------------------------------------------------------------

SVG_COLOURS = {Column.IDEAL: "#1a7f37", Column.WATCH: "#9a6700", Column.DROP: "#cf222e"}


def whale_svg(curve: WhaleCurve, lang: str, width: int = 640, height: int = 300) -> str:
    """The curve as an inline SVG: the cumulative line, each sampled customer as its column's letter."""
    points = curve.points()
    left, right, top, bottom = 64, 16, 16, 40
    low = min(0.0, *(p.cumulative for p in points))
    high = max(1.0, *(p.cumulative for p in points))

    def x(pct: float) -> float:
        return left + (width - left - right) * pct / 100

    def y(value: float) -> float:
        return top + (height - top - bottom) * (high - value) / (high - low)

    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{e(text("portfolio.whale", lang))}" font-family="DejaVu Sans, Arial" font-size="10">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>',
    ]
    for value in _ticks(low, high):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="{"#555" if value == 0 else "#ddd"}"/>'
        )
        parts.append(
            f'<text x="{left - 4}" y="{y(value) + 3:.1f}" text-anchor="end">'
            f"{e(format_number(value / 1000, lang, 0))}</text>"
        )
    for pct in range(0, 101, 20):
        parts.append(f'<text x="{x(pct):.1f}" y="{height - bottom + 14}" text-anchor="middle">{pct}</text>')
    parts.append(
        f'<text x="{(left + width - right) / 2:.0f}" y="{height - 6}" text-anchor="middle">'
        f"{e(text('portfolio.whale.x', lang))}</text>"
    )
    parts.append(
        f'<text x="12" y="{(top + height - bottom) / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 12 {(top + height - bottom) / 2:.0f})">{e(text("portfolio.whale.y", lang))}'
        "</text>"
    )
    line = " ".join(f"{x(p.customers_pct):.1f},{y(p.cumulative):.1f}" for p in points)
    parts.append(f'<polyline points="{x(0):.1f},{y(0):.1f} {line}" fill="none" stroke="#444" stroke-width="1.2"/>')
    for p in points[:: max(1, len(points) // 60)]:
        parts.append(
            f'<text x="{x(p.customers_pct):.1f}" y="{y(p.cumulative) - 3:.1f}" text-anchor="middle" '
            f'font-weight="bold" fill="{SVG_COLOURS[p.column]}">{e(letter(p.column, lang))}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _ticks(low: float, high: float) -> list[float]:
    """Round steps for the vertical axis, zero among them."""
    span = high - low
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    return [start + i * step for i in range(int((high - start) / step) + 1)]
