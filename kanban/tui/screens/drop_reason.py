"""The question before a customer goes to Trennen: why? The answer goes into the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from kanban.board import CustomerView
from kanban.domain.board_logic import counts_against
from kanban.domain.rules import RuleSet, Suggestion
from kanban.texts import text


def drop_reasons(suggestion: Suggestion, rule_set: RuleSet) -> str:
    """The fired rules that speak against the customer, as a reason to start from."""
    return "; ".join(r.text for r in suggestion.reasons if counts_against(rule_set.rule(r.rule_id)))


class ReasonArea(TextArea):
    """A wrapping text field in which Enter confirms instead of starting a new line."""

    class Submitted(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self.text))
            return
        await super()._on_key(event)


def recorded_reason(typed: str) -> str:
    """The reason as the log will hold it: one line, single spaces."""
    return " ".join(typed.split())


class DropReasonScreen(ModalScreen[str | None]):
    """Enter confirms with the reason typed (never empty), Esc cancels: the card stays where it was.

    The rules' reasons are offered selected: typing replaces them, End or → keeps them to add to,
    and the line below shows the reason exactly as it will be recorded.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    AUTO_FOCUS = "#reason"

    def __init__(self, name: str, prefill: str, lang: str, offered: bool = True) -> None:
        """`offered`: the prefill is the rules' suggestion (selected), not what the user typed before."""
        super().__init__()
        self.customer_name = name
        self.prefill = prefill
        self.lang = lang
        self.offered = offered and bool(prefill)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog"):
            yield Label(text("drop.title", lang, name=self.customer_name), classes="dialog-title")
            yield Static(text("drop.prompt", lang), classes="muted")
            yield ReasonArea(self.prefill, id="reason", soft_wrap=True, placeholder=text("drop.placeholder", lang))
            yield Static(id="reason-preview")
            yield Label("", id="reason-error", classes="error")
            yield Static(text("drop.offer_hint" if self.offered else "drop.hint", lang), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one("#reason-error", Label).display = False
        area = self.query_one(ReasonArea)
        if self.offered:
            area.select_all()
        else:
            area.move_cursor(area.document.end)
        self.show_preview(area.text)

    def on_text_area_changed(self, event: ReasonArea.Changed) -> None:
        self.show_preview(event.text_area.text)

    def show_preview(self, typed: str) -> None:
        reason = recorded_reason(typed)
        if not reason:
            preview = text("drop.nothing_yet", self.lang)
        elif self.offered and reason == recorded_reason(self.prefill):  # said above: no second copy on a small screen
            preview = text("drop.recorded_offer", self.lang)
        else:
            preview = text("drop.recorded_as", self.lang, reason=reason)
        self.query_one("#reason-preview", Static).update(Content(preview))

    def on_reason_area_submitted(self, event: ReasonArea.Submitted) -> None:
        reason = recorded_reason(event.value)
        if not reason:
            error = self.query_one("#reason-error", Label)
            error.update(text("drop.empty", self.lang))
            error.display = True
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_drop_reason(app: App, view: CustomerView, rule_set: RuleSet, lang: str, record: Callable[[str], bool]) -> None:
    """Ask why, prefilled with the reasons against the customer, then `record(reason)`.

    When the write fails (a full disk), ask again with the reason as typed, so it is not lost.
    """

    def confirmed(reason: str | None) -> None:
        if reason and not record(reason):
            app.push_screen(DropReasonScreen(view.customer.name, reason, lang, offered=False), confirmed)

    app.push_screen(DropReasonScreen(view.customer.name, drop_reasons(view.suggestion, rule_set), lang), confirmed)
