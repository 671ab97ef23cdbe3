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


def help_text(lang: str, common: dict[str, tuple[int, int]] | None = None) -> str:
    """The help as console markup: keys, warning signs (`common`: those left off the cards), other markers."""
    common = common or {}
    lines = [f"[b]{text('help.title', lang)}[/b]", ""]
    rows = [(k.shown, text(k.help, lang)) for k in BOARD_KEYS]
    rows.append((text("help.palette_key", lang), text("help.palette", lang)))
    lines += [f"  [b $accent]{escape(keys):<18}[/] {escape(description)}" for keys, description in rows]
    lines += ["", f"[b]{text('help.review_keys', lang)}[/b]", ""]
    lines += [f"  [b $accent]{escape(k.shown):<18}[/] {escape(text(k.help, lang))}" for k in REVIEW_KEYS]
    lines += ["", f"[b]{text('help.signs', lang)}[/b]", ""]
    for sign in WARNING_SIGNS:
        line = f"  [b $warning]{sign.glyph}[/]  {escape(sign.label(lang))}"
        if sign.id in common:
            count, cards = common[sign.id]
            line += f"  [dim]{text('help.sign_common', lang, count=count, cards=cards)}[/dim]"
        lines.append(line)
    lines += ["", f"[b]{text('help.markers', lang)}[/b]", ""]
    lines.append(f"  [b]→ …[/b]  {text('help.suggest_marker', lang)}")
    lines.append(f"  [b]◇[/b]    {text('help.prospect_marker', lang)}")
    lines += ["", f"[dim]{text('help.close', lang)}[/dim]"]
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", show=False),
    ]

    def __init__(self, lang: str, common: dict[str, tuple[int, int]] | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.common = common

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="help"):
            yield Static(help_text(self.lang, self.common), id="help-text")
