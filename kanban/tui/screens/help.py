"""`?`: every key of the board, and what the signs on the cards mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from kanban.domain.board_logic import WARNING_SIGNS
from kanban.texts import text
from kanban.tui.keys import BOARD_KEYS, REVIEW_KEYS


def help_text(lang: str) -> str:
    """The help as console markup: keys, warning signs, other markers."""
    lines = [f"[b]{text('help.title', lang)}[/b]", ""]
    rows = [(k.shown, text(k.help, lang)) for k in BOARD_KEYS]
    rows.append((text("help.palette_key", lang), text("help.palette", lang)))
    lines += [f"  [b $accent]{escape(keys):<18}[/] {escape(description)}" for keys, description in rows]
    lines += ["", f"[b]{text('help.review_keys', lang)}[/b]", ""]
    lines += [f"  [b $accent]{escape(k.shown):<18}[/] {escape(text(k.help, lang))}" for k in REVIEW_KEYS]
    lines += ["", f"[b]{text('help.signs', lang)}[/b]", ""]
    lines += [f"  [b $warning]{sign.glyph}[/]  {escape(sign.label(lang))}" for sign in WARNING_SIGNS]
    lines += ["", f"[b]{text('help.markers', lang)}[/b]", ""]
    lines.append(f"  [b]→ …[/b]  {text('help.suggest_marker', lang)}")
    lines.append(f"  [b]◇[/b]    {text('help.prospect_marker', lang)}")
    lines += ["", f"[dim]{text('help.close', lang)}[/dim]"]
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", show=False),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="help"):
            yield Static(help_text(self.lang), id="help-text")
