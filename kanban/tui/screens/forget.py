"""Forgetting a customer from the app: what would be erased, then one key to do it or Esc to leave it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from kanban.board import Board, UserError, write_errors
from kanban.domain.erasure import confirmation_text
from kanban.texts import text


class ForgetScreen(ModalScreen[bool]):
    """Dismissed with True only on y (or j): an erasure cannot be undone, so Enter does not do it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,j,J,Y", "confirm", show=False),
        Binding("escape,n,q", "cancel", show=False),
    ]

    def __init__(self, question: str, lang: str) -> None:
        super().__init__()
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(text("erasure.title", self.lang), classes="dialog-title")
            yield Static(Content(self.question), id="forget-question")
            yield Static(text("erasure.hint", self.lang), classes="muted hint")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def ask_and_forget(screen: Screen[Any], board: Board, customer_id: str, done: Callable[[str], object]) -> None:
    """Show what forgetting the customer erases; on yes write it and call `done` with the pseudonym."""
    lang = board.lang
    try:
        plan = board.plan_erasure(customer_id)
    except UserError as error:
        screen.notify(str(error), severity="error", timeout=10)
        return
    customer = board.views[customer_id].customer
    question = confirmation_text(plan, customer, board.facts(customer_id), lang)

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            board.forget(plan)
        except write_errors() as error:
            screen.notify(str(error), severity="error", timeout=10)
            return
        screen.notify(
            text("erasure.done", lang, old=plan.old_id, pseudonym=plan.pseudonym, entry=plan.entry.id), timeout=10
        )
        done(plan.pseudonym)

    screen.app.push_screen(ForgetScreen(question, lang), answered)
