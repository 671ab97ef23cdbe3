"""`n` and `e`: add or edit a customer; problems are shown next to the field, nothing is saved until all are fixed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea

from kanban.board import Board, write_errors
from kanban.domain.board_logic import CustomerForm, customer_from_form, form_of, next_customer_number
from kanban.texts import text

FIELDS = ("name", "number", "contract_until", "contact", "tags")


class CustomerFormScreen(ModalScreen[str | None]):
    """Dismisses with the saved customer's number, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "save", show=False),
    ]
    AUTO_FOCUS = "#name"

    def __init__(self, board: Board, customer_id: str | None) -> None:
        super().__init__()
        self.board = board
        self.lang = board.lang
        self.original = board.views[customer_id].customer if customer_id else None

    def compose(self) -> ComposeResult:
        lang = self.lang
        if self.original:
            form = form_of(self.original, lang)
        else:
            form = CustomerForm(number=next_customer_number(self.board.views), name="")
        title = text("form.edit" if self.original else "form.new", lang)
        with VerticalScroll(id="dialog", classes="form"):
            yield Label(title, classes="dialog-title")
            with Horizontal(classes="row"):
                yield from self.field("name", form.name, classes="wide")
                yield from self.field("number", form.number, disabled=self.original is not None)
            with Horizontal(classes="row checks"):
                yield Checkbox(text("form.contract", lang), form.contract, id="contract")
                yield Checkbox(text("form.prospect", lang), form.prospect, id="prospect")
            with Horizontal(classes="row"):
                yield from self.field("contract_until", form.contract_until)
                yield from self.field("contact", form.contact, classes="wide")
            yield from self.field("tags", form.tags)
            yield Label(text("form.notes", lang), classes="field-label")
            yield TextArea(form.notes, id="notes", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button(text("form.save", lang), variant="primary", id="save")
                yield Button(text("form.cancel", lang), id="cancel")
            yield Static(text("form.hint", lang), classes="muted hint")

    def field(self, name: str, value: str, disabled: bool = False, classes: str = "") -> ComposeResult:
        """A labelled input with room for its error message below."""
        with Vertical(classes=f"field {classes}"):
            yield Label(text(f"form.{name}", self.lang), classes="field-label")
            yield Input(value, id=name, disabled=disabled)
            yield Label("", id=f"{name}-error", classes="error")

    def on_mount(self) -> None:
        for name in FIELDS:
            self.query_one(f"#{name}-error", Label).display = False

    def read_form(self) -> CustomerForm:
        def value(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        return CustomerForm(
            number=value("number"),
            name=value("name"),
            contract=self.query_one("#contract", Checkbox).value,
            contract_until=value("contract_until"),
            prospect=self.query_one("#prospect", Checkbox).value,
            contact=value("contact"),
            tags=value("tags"),
            notes=self.query_one("#notes", TextArea).text,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for name in FIELDS:
            label = self.query_one(f"#{name}-error", Label)
            label.update(errors.get(name, ""))
            label.display = name in errors
            self.query_one(f"#{name}", Input).set_class(name in errors, "-invalid")
        first = next((name for name in FIELDS if name in errors), None)
        if first:
            self.set_focus(self.query_one(f"#{first}", Input))

    def action_save(self) -> None:
        taken = {cid: view.customer.name for cid, view in self.board.views.items()}
        customer, errors = customer_from_form(self.read_form(), taken, self.original, self.lang)
        self.show_errors(errors)
        if customer is None:
            return
        try:
            self.board.save_customer(customer, is_new=self.original is None)
        except write_errors() as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.dismiss(customer.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
