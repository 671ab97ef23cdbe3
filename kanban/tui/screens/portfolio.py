"""`p`: who carries, who costs. The whale curve, the ABC split, 8 quarters per column, revenue against €/h.

Plots are drawn by textual-plotext; every point is its column's letter, so the
columns stay apart without colour. The quarters read every customer's facts and
arrive from a thread; everything else comes from the metrics the cards show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from kanban.board import Board
from kanban.domain.model import Column
from kanban.domain.portfolio import CustomerFigures, QuarterFigures, WhaleCurve
from kanban.portfolio import Portfolio, board_portfolio, board_quarters
from kanban.report import abc_section, curve_section, letter, plain_table, portfolio_header, quarters_table
from kanban.texts import text

COLOURS = {Column.IDEAL: "green", Column.WATCH: "orange", Column.DROP: "red"}
SCATTER_POINTS = 300  # per column: the cloud's shape, not every one of 25,000 points


class PortfolioScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,p", "back", "portfolio.close")]
    DEFAULT_CSS = """
    PortfolioScreen { layout: vertical; }
    #portfolio-title { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    #portfolio-sentences { height: auto; padding: 0 1; margin-bottom: 1; }
    #portfolio-body { height: 1fr; }
    .portfolio-row { layout: horizontal; height: auto; }
    .portfolio-panel { width: 1fr; height: auto; margin: 0 1 1 1; }
    PortfolioScreen.-narrow .portfolio-row { layout: vertical; }
    PortfolioScreen.-narrow .portfolio-panel { width: 100%; }
    #portfolio-whale, #portfolio-scatter { height: 18; }
    #portfolio-quarters { height: auto; }
    #portfolio-quarters-plot { height: 12; }
    #portfolio-quarters-table { height: auto; }
    #portfolio-abc { padding: 1 0 0 0; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # typed on Screen

    def __init__(self, board: Board, filtered: tuple[str, list[str]] | None = None) -> None:
        super().__init__()
        self.board = board
        self.lang = board.lang
        self.filtered = filtered  # the board's filter and the customers it shows
        self.portfolio: Portfolio = board_portfolio(board)
        from kanban.tui.keys import localize

        localize(self, self.lang)

    def compose(self) -> ComposeResult:
        lang, portfolio = self.lang, self.portfolio
        yield Static(
            f"[b]{escape(text('portfolio.title', lang))}[/b]  ·  {escape(portfolio_header(portfolio, lang)[0])}",
            id="portfolio-title",
        )
        curve = curve_section(portfolio, lang, filtered=self.filtered)
        yield Static("\n".join(escape(line) for line in curve.lines), id="portfolio-sentences")
        with VerticalScroll(id="portfolio-body"):
            with Container(classes="portfolio-row"):
                yield WhalePlot(portfolio.curve, lang, id="portfolio-whale", classes="portfolio-panel")
                yield Static(abc_text(portfolio, lang), id="portfolio-abc", classes="portfolio-panel")
            with Container(classes="portfolio-row"):
                with Vertical(id="portfolio-quarters", classes="portfolio-panel"):
                    yield Static(escape(text("portfolio.quarters.loading", lang)), id="portfolio-quarters-table")
                yield ScatterPlot(portfolio.figures, lang, id="portfolio-scatter", classes="portfolio-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.load_quarters)  # the thread shares the interpreter: paint the screen first

    @work(thread=True, group="portfolio-quarters", exclusive=True)
    def load_quarters(self) -> None:
        quarters = board_quarters(self.board)
        self.app.call_from_thread(self.show_quarters, quarters)

    def show_quarters(self, quarters: list[QuarterFigures]) -> None:
        if not self.is_attached:
            return
        lang = self.lang
        lines = [text("portfolio.legend", lang), *plain_table(quarters_table(quarters, lang))]
        if any(q.from_snapshot for q in quarters):
            lines.append(text("portfolio.quarters.snapshot", lang))
        self.query_one("#portfolio-quarters-table", Static).update("\n".join(escape(line) for line in lines))
        # Mounted with its data: a plotext figure drawn once without data keeps that empty figure's axes.
        self.query_one("#portfolio-quarters", Vertical).mount(
            QuarterPlot(quarters, lang, id="portfolio-quarters-plot"), before=0
        )

    def action_back(self) -> None:
        self.dismiss(None)


def abc_text(portfolio: Portfolio, lang: str) -> str:
    section = abc_section(portfolio, lang)
    lines = [f"[b]{escape(section.title)}[/b]", "", *(escape(line) for line in plain_table(section.tables[0]))]
    return "\n".join(lines)


class WhalePlot(PlotextPlot):
    """Cumulative contribution over the customers, best first; each sampled customer as its column's letter."""

    def __init__(self, curve: WhaleCurve, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.curve, self.lang = curve, lang

    def on_mount(self) -> None:
        plt, lang = self.plt, self.lang
        plt.title(text("portfolio.whale", lang))
        plt.xlabel(text("portfolio.whale.x", lang))
        plt.ylabel(text("portfolio.whale.y", lang))
        points = self.curve.points()
        if not points:
            return
        plt.plot(
            [0.0] + [p.customers_pct for p in points],
            [0.0] + [p.cumulative / 1000 for p in points],
            marker="braille",
            color="gray",
        )
        for column in Column:
            mine = [p for p in points if p.column is column]
            if mine:
                plt.scatter(
                    [p.customers_pct for p in mine],
                    [p.cumulative / 1000 for p in mine],
                    marker=letter(column, lang),
                    color=COLOURS[column],
                )
        plt.horizontal_line(0, color="gray")
        plt.xlim(0, 100)


class QuarterPlot(PlotextPlot):
    """Contribution per column in each of the last 8 quarters, a letter per column and quarter."""

    def __init__(self, quarters: Sequence[QuarterFigures], lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.quarters, self.lang = quarters, lang

    def on_mount(self) -> None:
        plt, lang, quarters = self.plt, self.lang, self.quarters
        plt.title(text("portfolio.quarters", lang))
        labels = [q.quarter[2:] for q in quarters]  # 26-Q4: eight fit in a narrow panel
        positions: list[float] = [*range(1, len(quarters) + 1)]  # plotext's stubs take floats; ints are fine
        for column in Column:
            plt.scatter(
                positions,
                [q.contribution[column] / 1000 for q in quarters],
                marker=letter(column, lang),
                color=COLOURS[column],
            )
        plt.xticks(positions, labels)
        plt.ylabel(text("portfolio.quarters.y", lang))


class ScatterPlot(PlotextPlot):
    """Revenue against the effective hourly rate, a letter per customer; customers without hours are left out."""

    def __init__(self, figures: Sequence[CustomerFigures], lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.figures, self.lang = figures, lang

    def on_mount(self) -> None:
        plt, lang = self.plt, self.lang
        plt.title(text("portfolio.scatter", lang))
        plt.xlabel(text("portfolio.scatter.x", lang))
        plt.ylabel(text("portfolio.scatter.y", lang))
        for column in Column:
            mine = sample([f for f in self.figures if f.column is column and f.hourly_rate is not None])
            if mine:
                plt.scatter(
                    [f.revenue / 1000 for f in mine],
                    [f.hourly_rate for f in mine],
                    marker=letter(column, lang),
                    color=COLOURS[column],
                )


def sample(figures: list[CustomerFigures], limit: int = SCATTER_POINTS) -> list[CustomerFigures]:
    """At most `limit` customers, evenly over the list sorted by revenue, so the cloud keeps its spread."""
    if len(figures) <= limit:
        return figures
    ordered = sorted(figures, key=lambda f: (f.revenue, f.id))
    return [ordered[round(i * (len(ordered) - 1) / (limit - 1))] for i in range(limit)]
