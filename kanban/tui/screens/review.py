"""`r`: the quarterly review, one customer at a time, each decided with one key.

Who comes next and what counts as reviewed live in kanban.review (from the
audit log, so quitting loses nothing). The screen keeps only what one sitting
needs: who was skipped, the way back, and which cards the board must redraw.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, ProgressBar, Static

from kanban.board import Board, CustomerView, write_errors
from kanban.domain.formatting import format_date, format_metric, format_money, format_number
from kanban.domain.history import SNAPSHOT_METRICS, changes_since_last, history
from kanban.domain.metrics import METRICS
from kanban.domain.model import Column, Decision
from kanban.review import Review
from kanban.texts import text
from kanban.tui.keys import review_bindings
from kanban.tui.screens.detail import NARROW_BELOW, metric_rows, metrics_table, rules_markup, summary_markup
from kanban.tui.screens.drop_reason import ask_drop_reason

# What can go wrong when a decision, a note or the snapshot is written; each has a one-line message.
WRITE_ERRORS = write_errors()


def key_metric_rows(view: CustomerView, board: Board, lang: str) -> list[tuple[str, Text, Text]]:
    """The detail screen's rows, cut to what a rule judges plus the money and the hours."""
    thresholds = board.rule_set.thresholds(lang)
    rows = zip(METRICS, metric_rows(view, board.rule_set, lang), strict=True)
    return [row for name, row in rows if name in thresholds or name in SNAPSHOT_METRICS]


def move_text(decision: Decision, lang: str) -> str:
    if decision.from_column is decision.to_column:
        return text("review.kept", lang, column=decision.to_column.label(lang))
    return f"{decision.from_column.label(lang)} → {decision.to_column.label(lang)}"


def changes_markup(snapshots: list[dict[str, Any]], view: CustomerView, quarter: str, lang: str) -> str:
    """What changed since the last finished quarter, if this customer was in it."""
    customer = view.customer
    earlier = [s["quarter"] for s in snapshots if s["quarter"] < quarter]
    records = [r for r in history(snapshots, customer.id) if r.quarter < quarter]
    if not earlier or not records or records[-1].quarter != earlier[-1]:
        return ""
    changes = changes_since_last(snapshots, customer.id, customer.column.value, view.metrics, quarter)
    lines = [f"[b]{text('review.changes', lang, quarter=earlier[-1])}[/b]"]
    for name, (then, now) in changes.items():
        if name == "column":
            label, before, after = text("detail.column", lang), Column(then).label(lang), Column(now).label(lang)
        else:
            label = getattr(METRICS[name], lang)
            before, after = format_metric(name, then, lang), format_metric(name, now, lang)
        lines.append(f"  {label}: {before} → [b]{after}[/b]")
    if not changes:
        lines.append(f"  [dim]{text('review.no_changes', lang)}[/dim]")
    return "\n".join(lines)


def history_markup(snapshots: list[dict[str, Any]], customer_id: str, quarter: str, lang: str) -> str:
    """Column and revenue per finished quarter before this one, oldest first."""
    records = [r for r in history(snapshots, customer_id) if r.quarter < quarter]
    if not records:
        return f"[b]{text('review.history', lang)}:[/b] [dim]{text('review.no_history', lang)}[/dim]"
    lines = [f"[b]{text('review.history', lang)}[/b]"]
    for r in records:
        extra = text(
            "review.history_row", lang, suggested=Column(r.suggested).label(lang), score=format_number(r.score, lang)
        )
        lines.append(
            f"  {r.quarter}  [b]{Column(r.column).label(lang):<16}[/b] "
            f"{format_money(r.revenue, lang):>14}  [dim]{extra}[/dim]"
        )
    return "\n".join(lines)


NOTE_LINES = 4  # the newest lines of the notes; the detail screen has them all


def notes_markup(notes: str, lang: str) -> str:
    lines = notes.strip().splitlines()
    if not lines:
        return f"[b]{text('review.notes', lang)}:[/b] [dim]{text('review.no_notes', lang)}[/dim]"
    shown = ["…"] * (len(lines) > NOTE_LINES) + lines[-NOTE_LINES:]
    return f"[b]{text('review.notes', lang)}[/b]\n" + "\n".join(f"  {escape(line)}" for line in shown)


def reasons_markup(view: CustomerView, board: Board, lang: str) -> str:
    """The detail screen's rules, with what could not be judged before the long list of rules that did not fire."""
    sections = rules_markup(view, board.rule_set, lang).split("\n\n")
    if len(sections) == 3:
        fired, not_fired, unknown = sections
        sections = [fired, unknown, not_fired]
    return "\n\n".join(sections)


class NoteScreen(ModalScreen[str | None]):
    """One line of note; Enter saves it, Esc (or an empty line) saves nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    AUTO_FOCUS = "#note"

    def __init__(self, name: str, lang: str, typed: str = "") -> None:
        super().__init__()
        self.customer_name = name
        self.lang = lang
        self.typed = typed

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog"):
            yield Label(text("review.note_title", lang, name=self.customer_name), classes="dialog-title")
            yield Input(self.typed, placeholder=text("review.note_placeholder", lang), id="note")
            yield Static(text("review.note_hint", lang), classes="muted hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def freed_sentence(record: dict[str, float], lang: str) -> str:
    from kanban.domain.portfolio import letting_go_from, letting_go_sentence

    group = text("portfolio.free.in_column", lang, column=Column.DROP.label(lang))
    return letting_go_sentence(letting_go_from(record), group, lang)


class ReviewSummaryScreen(Screen[str | None]):
    """The quarter at a glance; dismissed with "back" to return to the last customer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,q", "close", show=False),
        Binding("backspace", "back", show=False),
    ]

    def __init__(self, quarter: str, summary: dict[str, Any], board: Board) -> None:
        super().__init__()
        self.quarter = quarter
        self.summary = summary
        self.board = board
        self.lang = board.lang

    def compose(self) -> ComposeResult:
        lang, s = self.lang, self.summary
        with VerticalScroll(id="summary"):
            yield Static(
                f"[b]{text('summary.title', lang, quarter=self.quarter)}[/b]  ·  "
                f"{text('summary.reviewed', lang, reviewed=s['reviewed'])}",
                id="summary-title",
            )
            yield Static(self.moves_markup(), id="summary-moves")
            yield Static(f"[b]{text('summary.revenue', lang)}[/b]", classes="summary-heading")
            yield Static(self.revenue_table(), id="summary-revenue")
            if "letting_go" in s:  # summaries stored before it was kept have none
                yield Static(freed_sentence(s["letting_go"], lang), id="summary-letting-go")
            yield Static(f"[b]{text('summary.dropped', lang)}[/b]", classes="summary-heading")
            yield Static(self.dropped_table(), id="summary-dropped")
            yield Static(text("summary.hint", lang), classes="muted hint")

    def moves_markup(self) -> str:
        lang = self.lang
        lines = [f"[b]{text('summary.moves', lang)}[/b]"]
        for move, count in self.summary["moves"].items():
            source, target = (Column(c) for c in move.split("->"))
            lines.append(f"  {source.label(lang)} → [b]{target.label(lang)}[/b]: {count}")
        if not self.summary["moves"]:
            lines.append(f"  [dim]{text('summary.no_moves', lang)}[/dim]")
        return "\n".join(lines)

    def revenue_table(self) -> Table:
        lang = self.lang
        table = Table(box=None, pad_edge=False, header_style="dim")
        table.add_column("", min_width=18)
        table.add_column(text("summary.before", lang), justify="right", min_width=14)
        table.add_column(text("summary.after", lang), justify="right", min_width=14)
        for column in Column:
            table.add_row(
                column.label(lang),
                format_money(self.summary["revenue_before"][column.value], lang),
                format_money(self.summary["revenue_after"][column.value], lang),
            )
        return table

    def dropped_table(self) -> Table | str:
        """Name and number, and the reason wrapped beside them: reasons from the rules run long."""
        if not self.summary["dropped"]:
            return f"  [dim]{text('summary.no_dropped', self.lang)}[/dim]"
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), pad_edge=False, expand=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for entry in self.summary["dropped"]:
            table.add_row(Text.assemble((entry["name"], "bold"), " ", (entry["id"], "dim")), entry["reason"])
        return table

    def action_close(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss("back")


class ReviewScreen(Screen[set[str]]):
    """Dismissed with the ids of the customers it changed, so the board redraws just those.

    Below the customer everything scrolls as one: side by side when wide, stacked when narrow.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    AUTO_FOCUS = "#review-body"

    def __init__(self, board: Board, quarter: str) -> None:
        super().__init__()
        self.board = board
        self.lang = board.lang
        self.review = Review(board, quarter)
        self.snapshots = board.snapshots()
        self.current: str | None = None
        self.skipped: set[str] = set()
        self.trail: list[str] = []  # customers decided or skipped before the current one, for backspace
        self.touched: set[str] = set()
        self.last_decided: str | None = None  # the board focuses this card when the review closes
        self._bindings = BindingsMap(review_bindings(self.lang))

    @property
    def quarter(self) -> str:
        return self.review.quarter

    def on_resize(self, event: events.Resize) -> None:
        """Every decision key stays in the footer of a narrow terminal: closer together, ctrl+p in the help."""
        footer = self.query_one(Footer)
        footer.compact = event.size.width < NARROW_BELOW
        footer.show_command_palette = not footer.compact

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-top"):
            yield Static(id="review-title")
            yield ProgressBar(show_eta=False, show_percentage=False, id="review-progress")
            yield Static(id="review-count")
        yield Static(id="review-customer")
        with VerticalScroll(id="review-body"), Horizontal(id="review-columns"):
            with Vertical(id="review-left"):
                yield Static(id="review-metrics")
            with Vertical(id="review-right"):
                yield Static(id="review-history")
                yield Static(id="review-changes")
                yield Static(id="review-notes")
                yield Static(id="review-rules")
        yield Static(id="review-last")
        yield Footer()

    def on_mount(self) -> None:
        # Resumed, backspace walks back through the customers decided before, newest first.
        decided = [d.customer_id for d in self.board.decisions() if d.review == self.quarter]
        self.trail = list(dict.fromkeys(reversed(decided)))[::-1]
        self.skipped = self.review.passed_over()  # skipped before leaving: still at the end, as the help says
        position = self.review.first_open(self.skipped)
        if position is not None:
            self.show(self.review.order[position])
            return
        # Everything is reviewed: straight to the summary; backspace from there reopens the last one.
        if not self.trail:
            self.trail = self.review.order[-1:]
        self.show(self.trail[-1])
        stored = next((s for s in self.snapshots if s["quarter"] == self.quarter), None)
        if stored is None:
            self.finish()
        else:
            self.show_summary(stored["summary"])

    # -- showing one customer ----------------------------------------------------------

    def decided_here(self, customer_id: str) -> Decision | None:
        """The customer's latest decision in this review, if any."""
        mine = [d for d in self.board.decisions(customer_id) if d.review == self.quarter]
        return mine[-1] if mine else None

    def show(self, customer_id: str) -> None:
        self.current = customer_id
        view, board, lang = self.board.views[customer_id], self.board, self.lang
        customer = summary_markup(view, board.rule_set, lang)
        decided = self.decided_here(customer_id)
        if decided is not None:
            reason = f" – {escape(decided.reason)}" if decided.reason else ""
            line = text("review.decided", lang, move=move_text(decided, lang))
            customer += f"\n[b $success]✓[/] {line}{reason}"
        elif customer_id in self.skipped:
            customer += f"\n[$warning]↷ {text('review.skipped', lang)}[/]"
        self.query_one("#review-customer", Static).update(customer)
        self.query_one("#review-metrics", Static).update(metrics_table(key_metric_rows(view, board, lang), lang))
        self.query_one("#review-rules", Static).update(reasons_markup(view, board, lang))
        changes = changes_markup(self.snapshots, view, self.quarter, lang)
        self.query_one("#review-changes", Static).update(changes)
        self.query_one("#review-changes", Static).display = bool(changes)
        self.query_one("#review-history", Static).update(
            history_markup(self.snapshots, customer_id, self.quarter, lang)
        )
        self.query_one("#review-notes", Static).update(notes_markup(view.customer.notes, lang))
        for pane in self.query(VerticalScroll):
            pane.scroll_home(animate=False)
        self.show_progress()

    def show_progress(self) -> None:
        progress, lang = self.review.progress(), self.lang
        title = (
            f"[b]{text('review.title', lang, quarter=self.quarter)}[/b]  ·  "
            f"{text('board.as_of', lang)} {format_date(self.board.as_of, lang)}"
        )
        self.query_one("#review-title", Static).update(title)
        self.query_one(ProgressBar).update(total=max(progress.total, 1), progress=progress.reviewed)
        count = text("review.count", lang, reviewed=progress.reviewed, total=progress.total)
        self.query_one("#review-count", Static).update(count)

    # -- deciding ------------------------------------------------------------------------

    def action_decide(self, column_id: str) -> None:
        customer_id = self.current
        if customer_id is None:
            return
        view = self.board.views[customer_id]
        to = Column(column_id)
        if to is view.customer.column:
            self.record(customer_id, None)
        elif to is not Column.DROP:
            self.record(customer_id, to)
        else:
            ask_drop_reason(
                self.app, view, self.board.rule_set, self.lang, lambda reason: self.record(customer_id, to, reason)
            )

    def action_keep(self) -> None:
        if self.current is not None:
            self.record(self.current, None)

    def record(self, customer_id: str, to: Column | None, reason: str = "") -> bool:
        """Write the decision (None keeps the column), then show the next open customer; False if not written.

        Keeping a customer already decided in this review (after backspace) writes
        nothing: that decision stands.
        """
        view = self.board.views[customer_id]
        keeps = to is None or to is view.customer.column
        if not (keeps and self.decided_here(customer_id) is not None):
            try:
                decision = self.review.decide(customer_id, to, reason)
            except WRITE_ERRORS as error:
                self.notify(str(error), severity="error", timeout=8)
                return False
            self.touched.add(customer_id)
            self.last_decided = customer_id
            last = text("review.last", self.lang, name=escape(view.customer.name), move=move_text(decision, self.lang))
            self.query_one("#review-last", Static).update(last)
        self.skipped.discard(customer_id)
        self.leave_for_next(customer_id)
        return True

    def leave_for_next(self, customer_id: str) -> None:
        if not self.trail or self.trail[-1] != customer_id:
            self.trail.append(customer_id)
        position = self.review.first_open(self.skipped)
        if position is None:
            self.show_progress()
            self.finish()
        else:
            self.show(self.review.order[position])

    def action_skip(self) -> None:
        customer_id = self.current
        if customer_id is None:
            return
        self.skipped.add(customer_id)
        position = self.review.first_open(self.skipped)
        if position is not None and self.review.order[position] == customer_id:
            # Only skipped customers are left: go round them in order.
            self.skipped = {customer_id}
            position = self.review.first_open(self.skipped)
        if position is None or self.review.order[position] == customer_id:
            self.notify(text("review.only_left", self.lang), severity="warning")
            return
        self.trail.append(customer_id)
        self.show(self.review.order[position])

    def action_back(self) -> None:
        if not self.trail:
            self.notify(text("review.first", self.lang), severity="warning")
            return
        self.show(self.trail.pop())

    def action_note(self) -> None:
        customer_id = self.current
        if customer_id is None:
            return
        name = self.board.views[customer_id].customer.name

        def written(note: str | None) -> None:
            if not note:
                return
            try:
                self.review.add_note(customer_id, note)
            except WRITE_ERRORS as error:
                self.notify(str(error), severity="error", timeout=8)
                self.app.push_screen(NoteScreen(name, self.lang, note), written)  # keep what was typed
                return
            self.touched.add(customer_id)
            notes = self.board.views[customer_id].customer.notes
            self.query_one("#review-notes", Static).update(notes_markup(notes, self.lang))
            self.notify(text("review.note_saved", self.lang))

        self.app.push_screen(NoteScreen(name, self.lang), written)

    def action_leave(self) -> None:
        self.dismiss(self.touched)

    # -- finishing -----------------------------------------------------------------------

    def finish(self) -> None:
        """Store the quarter's snapshot, then show the summary."""
        try:
            snapshot = self.review.finish()
        except WRITE_ERRORS as error:
            self.notify(text("review.not_saved", self.lang, error=error), severity="error", timeout=12)
            return
        self.snapshots = self.board.snapshots()
        self.show_summary(snapshot["summary"])

    def show_summary(self, summary: dict[str, Any]) -> None:
        def closed(result: str | None) -> None:
            if result == "back":
                self.action_back()
            else:
                self.dismiss(self.touched)

        self.app.push_screen(ReviewSummaryScreen(self.quarter, summary, self.board), closed)
