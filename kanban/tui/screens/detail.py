"""`enter`: one customer in full: metrics against thresholds, the rules, history, revenue and notes.

The section builders are plain functions over the board so the review screen
can show the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static, TextArea

from kanban.board import Board, CustomerView, store_errors
from kanban.domain.board_logic import counts_against, judged_metrics, revenue_by_quarter, warning_signs
from kanban.domain.expr import Part, condition_parts
from kanban.domain.formatting import format_date, format_metric, format_money, format_number, format_value
from kanban.domain.metrics import METRICS
from kanban.domain.model import Decision
from kanban.domain.rules import Rule, RuleSet
from kanban.texts import text
from kanban.tui.keys import localize
from kanban.tui.screens.log import local_time

NARROW_BELOW = 110  # columns: below this the detail and the review stack their two halves


_OP_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}


def part_text(part: Part, lang: str, with_metric: bool) -> Text:
    """One comparison as a reader checks it: ✓ holds, ✗ does not, ? unknown; the customer's value
    beside the metric's name when the row is not the metric's own."""
    mark, style = {True: ("✓", "bold"), False: ("✗", "dim"), None: ("?", "dim")}[part.holds]
    info = METRICS.get(part.metric)
    unit = info.unit if info else "count"
    limit = format_value(part.limit, unit, lang)
    if part.limit_metrics:
        names = ", ".join(getattr(METRICS[name], lang) for name in part.limit_metrics)
        limit += " " + text("detail.limit_from", lang, metrics=names)
    words = f"{_OP_SYMBOLS[part.op]} {limit}"
    if with_metric and info is not None:
        value = "" if unit == "flag" else " " + format_value(part.value, unit, lang)
        words = f"{getattr(info, lang)}{value} {words}"
    return Text.assemble((mark, style), " ", (words, style))


def rule_parts_text(rule: Rule, values: Mapping[str, float | None], metric: str | None, lang: str) -> Text:
    """Every part of a rule's condition, joined as the rule joins them.

    On a metric's own row its parts come first and without its name.
    """
    joiner, parts = condition_parts(rule.condition, values)
    own = [p for p in parts if p.metric == metric]
    texts = [part_text(p, lang, with_metric=False) for p in own]
    texts += [part_text(p, lang, with_metric=True) for p in parts if p not in own]
    return Text(f" {text('detail.' + joiner, lang)} ").join(texts)


def threshold_text(name: str, values: Mapping[str, float | None], rule_set: RuleSet, lang: str) -> Text:
    """The rules that read a metric, one per line, each with all its parts and its title."""
    lines = []
    for rule in (*rule_set.knockouts, *rule_set.rules):
        if name in rule.condition.metrics:
            lines.append(rule_parts_text(rule, values, name, lang) + Text(f" ({rule.title[lang]})", style="italic"))
    return Text("\n").join(lines)


def partly_holding(rule: Rule, values: Mapping[str, float | None]) -> bool:
    """A compound condition of which some part holds: listed by its title alone it would mislead."""
    _, parts = condition_parts(rule.condition, values)
    return len(parts) > 1 and any(part.holds for part in parts)


def metric_rows(view: CustomerView, rule_set: RuleSet, lang: str) -> list[tuple[str, Text, Text]]:
    """(metric, value, the rules that read it with every part of their condition) for every metric.

    A value is red where a fired rule against the customer reads it, green where
    one in their favour does, dim where it is unknown.
    """
    against, in_favour = judged_metrics(view.suggestion, rule_set)
    rows = []
    for name, info in METRICS.items():
        value = view.metrics.get(name)
        style = "dim" if value is None else "bold red" if name in against else "green" if name in in_favour else ""
        limits = threshold_text(name, view.metrics, rule_set, lang)
        rows.append((getattr(info, lang), Text(format_metric(name, value, lang), style=style), limits))
    return rows


def metrics_table(rows: list[tuple[str, Text, Text]], lang: str) -> Table:
    """Metric, value and thresholds; the thresholds wrap, so no part of a condition is cut off."""
    table = Table(box=None, pad_edge=False, expand=True, header_style="bold")
    table.add_column(text("detail.metric", lang), max_width=26, overflow="fold")  # a long name wraps
    table.add_column(text("detail.value", lang), no_wrap=True, justify="right", min_width=12)
    table.add_column(text("detail.threshold", lang), ratio=1, overflow="fold")
    for label, value, limits in rows:
        table.add_row(label, value, limits)
    return table


def summary_markup(view: CustomerView, rule_set: RuleSet, lang: str) -> str:
    """Who, where, what the rules suggest and the signs."""
    c, s = view.customer, view.suggestion
    parts = [f"[b]{escape(c.name)}[/b]  [dim]{escape(c.id)}[/dim]"]
    if c.prospect:
        parts[0] += f"  [i $accent]◇ {text('board.prospect', lang)}[/]"
    suggestion = f"{text('detail.suggestion', lang)}: [b]{s.column.label(lang)}[/b]"
    if view.differs:
        suggestion = "[b $warning]→[/] " + suggestion
    line = [
        f"{text('detail.column', lang)}: [b]{c.column.label(lang)}[/b]",
        suggestion,
        f"{text('detail.score', lang)} {format_number(s.score, lang)}",
    ]
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
    rules = [rule_set.rule(rule_id) for rule_id in s.not_fired]
    for rule in rules:  # first those of which a part holds, with every part: which one kept the rule quiet
        if partly_holding(rule, view.metrics):
            parts = rule_parts_text(rule, view.metrics, None, lang).markup
            lines.append(f"  [b]{escape(rule.title[lang])}[/b]: {parts}")
    titles = [rule.title[lang] for rule in rules if not partly_holding(rule, view.metrics)]
    if titles or not rules:
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


class DetailScreen(Screen[str]):
    """Esc goes back and keeps edited notes; ctrl+s saves them at once; F forgets the customer (asks first).

    Dismissed with the customer's number as it is then: a pseudonym after they were forgotten.

    Everything below the summary scrolls as one; side by side when the terminal is wide,
    one under the other when it is narrow.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back"),
        Binding("ctrl+s", "save_notes", "detail.save_notes"),
        Binding("F", "forget", "erasure.key"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    AUTO_FOCUS = "#detail-body"

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
        with VerticalScroll(id="detail-body"), Horizontal(id="detail-columns"):
            with Vertical(id="detail-left"):
                yield Label(f"[b]{text('detail.metrics', lang)}[/b]")
                yield Static(metrics_table(metric_rows(view, rule_set, lang), lang), id="detail-metrics")
            with Vertical(id="detail-right"):
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

    def notes_changed(self) -> bool:
        return self.query_one("#detail-notes", TextArea).text.rstrip() != self.view.customer.notes

    def action_save_notes(self) -> bool:
        """Save the notes if they changed; False if the store refused (the message says why)."""
        if not self.notes_changed():
            return True
        notes = self.query_one("#detail-notes", TextArea).text.rstrip()
        try:
            self.board.save_customer(replace(self.view.customer, notes=notes), is_new=False)
        except store_errors() as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        self.notify(text("detail.notes_saved", self.lang))
        return True

    def action_back(self) -> None:
        if self.action_save_notes():
            self.dismiss(self.customer_id)

    def action_forget(self) -> None:
        """Notes typed but not saved are dropped with the rest of the personal data."""
        from kanban.tui.screens.forget import ask_and_forget

        ask_and_forget(self, self.board, self.customer_id, self.dismiss)
