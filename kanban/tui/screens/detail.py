"""`enter`: one customer in full: metrics against thresholds, the rules, history, revenue and notes.

The section builders are plain functions over the board so the review screen
can show the same picture.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Sparkline, Static, TextArea

from kanban.board import Board, CustomerView
from kanban.domain.board_logic import counts_against, judged_metrics, revenue_by_quarter, warning_signs
from kanban.domain.formatting import format_date, format_metric, format_money, format_number
from kanban.domain.metrics import METRICS
from kanban.domain.model import Decision
from kanban.domain.rules import RuleSet
from kanban.store import STORE_ERRORS
from kanban.texts import text
from kanban.tui.keys import localize
from kanban.tui.screens.log import local_time


def metric_rows(view: CustomerView, rule_set: RuleSet, lang: str) -> list[tuple[str, Text, str]]:
    """(metric, value, thresholds of the rules that use it) for every metric, in METRICS order.

    A value is red where a fired rule against the customer reads it, green where
    one in their favour does, dim where it is unknown.
    """
    thresholds = rule_set.thresholds(lang)
    against, in_favour = judged_metrics(view.suggestion, rule_set)
    rows = []
    for name, info in METRICS.items():
        limits = "; ".join(
            f"{limit} ({rule_set.rule(rule_id).title[lang]})" for rule_id, limit in thresholds.get(name, [])
        )
        value = view.metrics.get(name)
        style = "dim" if value is None else "bold red" if name in against else "green" if name in in_favour else ""
        rows.append((getattr(info, lang), Text(format_metric(name, value, lang), style=style), limits))
    return rows


def summary_markup(view: CustomerView, rule_set: RuleSet, lang: str) -> str:
    """Who, where, what the rules suggest and the signs."""
    c, s = view.customer, view.suggestion
    parts = [f"[b]{escape(c.name)}[/b]  [dim]{escape(c.id)}[/dim]"]
    if c.prospect:
        parts[0] += f"  [i $accent]◇ {text('board.prospect', lang)}[/]"
    suggestion = f"{text('detail.suggestion', lang)}: [b]{s.column.label(lang)}[/b]"
    if view.differs:
        suggestion = "[b $warning]→[/] " + suggestion
    line = [f"{text('detail.column', lang)}: [b]{c.column.label(lang)}[/b]", suggestion,
            f"{text('detail.score', lang)} {format_number(s.score, lang)}"]
    if s.knockout:
        line.append(f"{text('detail.knockout', lang)} {escape(rule_set.rule(s.knockout).title[lang])}")
    parts.append("  ·  ".join(line))
    facts = []
    if c.contract:
        until = c.contract_until and f" {text('detail.contract_until', lang)} {format_date(c.contract_until, lang)}"
        facts.append(f"{text('detail.contract', lang)}{until or ''}")
    if c.contact:
        facts.append(f"{text('detail.contact', lang)}: {escape(c.contact)}")
    if c.tags:
        facts.append(f"{text('detail.tags', lang)}: {escape(', '.join(c.tags))}")
    signs = warning_signs(s, rule_set)
    if signs:
        facts.append(f"[$warning]{escape('  '.join(f'{x.glyph} {x.label(lang)}' for x in signs))}[/]")
    if facts:
        parts.append("  ·  ".join(facts))
    return "\n".join(parts)


def rules_markup(view: CustomerView, rule_set: RuleSet, lang: str) -> str:
    """Fired rules with points and reason text, the ones that did not fire, and those missing data."""
    s = view.suggestion
    lines = [f"[b]{text('detail.fired', lang)}[/b]"]
    for reason in s.reasons:
        rule = rule_set.rule(reason.rule_id)
        if rule.effect:
            badge = "[b $error]K.O.[/]" if counts_against(rule) else "[b $success]K.O.[/]"
        else:
            colour = "$success" if reason.points > 0 else "$error"
            badge = f"[b {colour}]{reason.points:+g}[/]"
        lines.append(f"  {badge} [b]{escape(reason.title)}[/b] – {escape(reason.text)}")
    if not s.reasons:
        lines.append(f"  [dim]{text('detail.none', lang)}[/dim]")
    lines += ["", f"[b]{text('detail.not_fired', lang)}[/b]"]
    titles = [rule_set.rule(rule_id).title[lang] for rule_id in s.not_fired]
    lines.append(f"  [dim]{escape(', '.join(titles)) if titles else text('detail.none', lang)}[/dim]")
    lines += ["", f"[b]{text('detail.unknown', lang)}[/b]"]
    for unknown in s.unknown:
        lines.append(f"  [$warning]?[/] {escape(unknown.title)} – [dim]{escape(unknown.text)}[/dim]")
    missing = sorted({name for unknown in s.unknown for name in unknown.missing}, key=list(METRICS).index)
    if missing:
        labels = ", ".join(getattr(METRICS[name], lang) for name in missing)
        lines.append(f"  [$warning]{text('detail.missing', lang)}: {escape(labels)}[/]")
    elif not s.unknown:
        lines.append(f"  [dim]{text('detail.none', lang)}[/dim]")
    return "\n".join(lines)


def history_markup(decisions: list[Decision], lang: str) -> str:
    """The customer's decisions, newest first."""
    lines = [f"[b]{text('detail.history', lang)}[/b]"]
    for d in sorted(decisions, key=lambda d: d.id, reverse=True):
        move = f"{d.from_column.label(lang)} → {d.to_column.label(lang)}"
        reason = f" – {escape(d.reason)}" if d.reason else ""
        lines.append(
            f"  [dim]{local_time(d, lang)}[/dim]  [b]{move}[/b] ({text(f'kind.{d.kind.value}', lang)}){reason}"
            f"  [dim]{escape(d.actor)}[/dim]"
        )
    if not decisions:
        lines.append(f"  [dim]{text('detail.no_history', lang)}[/dim]")
    return "\n".join(lines)


class DetailScreen(Screen[None]):
    """Esc goes back and keeps edited notes; ctrl+s saves them at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back"),
        Binding("ctrl+s", "save_notes", "detail.save_notes"),
    ]
    AUTO_FOCUS = "#detail-metrics"

    def __init__(self, board: Board, customer_id: str) -> None:
        super().__init__()
        self.board = board
        self.customer_id = customer_id
        self.lang = board.lang
        localize(self, self.lang)

    @property
    def view(self) -> CustomerView:
        return self.board.views[self.customer_id]

    def compose(self) -> ComposeResult:
        view, rule_set, lang = self.view, self.board.rule_set, self.lang
        quarters = revenue_by_quarter(self.board.facts(self.customer_id).invoices, self.board.as_of)
        yield Static(summary_markup(view, rule_set, lang), id="detail-summary")
        with Horizontal(id="detail-body"):
            with Vertical(id="detail-left"):
                yield Label(f"[b]{text('detail.metrics', lang)}[/b]")
                yield DataTable(id="detail-metrics", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail-right"):
                yield Static(rules_markup(view, rule_set, lang), id="detail-rules")
                with Vertical(id="detail-revenue"):
                    values = [value for _, value in quarters]
                    peak = format_money(max(values), lang)
                    yield Label(
                        f"[b]{text('detail.revenue', lang)}[/b]  [dim]{quarters[0][0]} … {quarters[-1][0]}"
                        f" · max {peak}[/dim]"
                    )
                    yield Sparkline(values, id="detail-sparkline")
                yield Static(history_markup(self.board.decisions(self.customer_id), lang), id="detail-history")
                yield Label(f"[b]{text('detail.notes', lang)}[/b]")
                yield TextArea(view.customer.notes, id="detail-notes", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#detail-metrics", DataTable)
        for key in ("detail.metric", "detail.value", "detail.threshold"):
            table.add_column(text(key, self.lang), key=key)
        table.add_rows(metric_rows(self.view, self.board.rule_set, self.lang))

    def notes_changed(self) -> bool:
        return self.query_one("#detail-notes", TextArea).text.rstrip() != self.view.customer.notes

    def action_save_notes(self) -> bool:
        """Save the notes if they changed; False if the store refused (the message says why)."""
        if not self.notes_changed():
            return True
        notes = self.query_one("#detail-notes", TextArea).text.rstrip()
        try:
            self.board.save_customer(replace(self.view.customer, notes=notes), is_new=False)
        except STORE_ERRORS as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        self.notify(text("detail.notes_saved", self.lang))
        return True

    def action_back(self) -> None:
        if self.action_save_notes():
            self.dismiss(None)
