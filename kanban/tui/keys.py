"""The board's keys in one table: the footer, the help screen and the command palette read it.

H/L would move a card one column in vim's way, but L opens the audit log; a
card moves with shift+←/→, H (left) or the plain-terminal pair < and >.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding
from textual.dom import DOMNode

from kanban.texts import has_text, text

MEDIUM, WIDE = 120, 150  # terminal widths at which the board's footer has room for more keys


@dataclass(frozen=True)
class KeyAction:
    keys: str  # Textual key names, comma-separated
    action: str  # action on the board screen
    short: str  # text key of the footer label
    help: str  # text key of the long description (help screen, command palette)
    shown: str  # how the help screen writes the keys
    footer: bool = True
    palette: bool = True
    group: str | None = None  # text key: bindings shown together in the footer
    footer_from: int = 0  # the terminal width from which the footer shows it (the help lists every key)


BOARD_KEYS: tuple[KeyAction, ...] = (
    KeyAction(
        "left,right,up,down,h,j,k,l", "noop", "key.left", "help.focus", "← → ↑ ↓  h j k l", footer=False, palette=False
    ),
    KeyAction("1", "move_to('ideal')", "key.to_ideal", "help.to_ideal", "1", group="key.columns"),
    KeyAction("2", "move_to('watch')", "key.to_watch", "help.to_watch", "2", group="key.columns"),
    KeyAction("3", "move_to('drop')", "key.to_drop", "help.to_drop", "3", group="key.columns"),
    KeyAction("shift+left,H,less_than_sign", "shift(-1)", "key.move_left", "help.move_left", "⇧← H <", footer=False),
    KeyAction("shift+right,greater_than_sign", "shift(1)", "key.move_right", "help.move_right", "⇧→ >", footer=False),
    KeyAction("a", "accept", "key.accept", "help.accept", "a"),
    KeyAction("enter", "detail", "key.detail", "help.detail", "Enter"),
    KeyAction("slash", "filter", "key.filter", "help.filter", "/", footer_from=MEDIUM),
    KeyAction("escape", "clear_filter", "key.clear_filter", "help.clear_filter", "Esc", footer=False),
    KeyAction("s", "sort", "key.sort", "help.sort", "s", footer_from=MEDIUM),
    KeyAction("u", "undo", "key.undo", "help.undo", "u"),
    KeyAction("r", "review", "key.review", "help.review", "r"),
    KeyAction("L", "log", "key.log", "help.log", "L", footer_from=MEDIUM),
    KeyAction("p", "portfolio", "portfolio.key", "portfolio.help", "p", footer_from=MEDIUM),
    KeyAction("x", "export", "key.export", "help.export", "x", footer_from=WIDE),
    KeyAction("n", "add", "key.add", "help.add", "n", footer_from=WIDE),
    KeyAction("e", "edit", "key.edit", "help.edit", "e", footer_from=WIDE),
    KeyAction("F", "forget", "erasure.key", "erasure.help", "F", footer=False),
    KeyAction("question_mark", "help", "key.help", "help.help", "?"),
    KeyAction("q", "quit", "key.quit", "help.quit", "q"),
)

# The review screen's keys: its footer and the help screen read them.
REVIEW_KEYS: tuple[KeyAction, ...] = (
    KeyAction("1", "decide('ideal')", "review.key.ideal", "review.help.ideal", "1"),
    KeyAction("2", "decide('watch')", "review.key.watch", "review.help.watch", "2"),
    KeyAction("3", "decide('drop')", "review.key.drop", "review.help.drop", "3"),
    KeyAction("enter", "keep", "review.key.keep", "review.help.keep", "Enter"),
    KeyAction("n", "note", "review.key.note", "review.help.note", "n"),
    KeyAction("s", "skip", "review.key.skip", "review.help.skip", "s"),
    KeyAction("backspace", "back", "review.key.back", "review.help.back", "⌫"),
    KeyAction("escape,q", "leave", "review.key.leave", "review.help.leave", "Esc q"),
)


def review_bindings(lang: str) -> list[Binding]:
    return [Binding(k.keys, k.action, text(k.short, lang), tooltip=text(k.help, lang)) for k in REVIEW_KEYS]


def board_bindings(lang: str, width: int = WIDE) -> list[Binding]:
    """Bindings of the board screen with labels in the language (the focus keys live on the columns).

    A terminal narrower than `WIDE` shows the keys a first-time user needs first; `?` lists them all.
    """
    groups = {key: Binding.Group(text(key, lang)) for key in {k.group for k in BOARD_KEYS if k.group}}
    return [
        Binding(
            k.keys,
            k.action,
            text(k.short, lang),
            show=k.footer and width >= k.footer_from,
            tooltip=text(k.help, lang),
            group=groups.get(k.group) if k.group else None,
        )
        for k in BOARD_KEYS
        if k.action != "noop"
    ]


def localize(node: DOMNode, lang: str) -> None:
    """Turn a node's bindings, declared with text keys as descriptions, into the language."""
    node._bindings.key_to_bindings = {
        key: [replace(b, description=text(b.description, lang)) if has_text(b.description) else b for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
