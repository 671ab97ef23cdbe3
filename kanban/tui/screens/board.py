"""The board: three columns of customer cards, and the keys that act on the focused card."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from kanban.collector import collector_paused
from kanban.domain.model import Column, Decision, DecisionKind
from kanban.texts import text
from kanban.tui.board_widget import CARD_HEIGHT, ColumnList
from kanban.tui.keys import MEDIUM, WIDE, board_bindings
from kanban.tui.start import BoardFace, Held, waits

# Cells around the three columns (margins, scrollbars) and inside a header (padding): see app.tcss.
HEADER_MARGINS, HEADER_PADDING = 4, 3

if TYPE_CHECKING:
    from kanban.board import Board
    from kanban.tui.board_model import BoardModel

# The other screens, the store, the rules and the export are imported where they are
# first needed (after the first paint, see load_later): the fast start paints without them.


def action_errors() -> tuple[type[Exception], ...]:
    """What can go wrong when a decision or a customer is written; each has a one-line message."""
    from kanban.board import write_errors

    return write_errors()


def load_later() -> None:
    """Import what the board's keys open, ahead of the first key (the app calls this in a thread)."""
    import kanban.transfer
    import kanban.tui.board_model
    import kanban.tui.screens.customer_form
    import kanban.tui.screens.detail
    import kanban.tui.screens.drop_reason
    import kanban.tui.screens.help
    import kanban.tui.screens.log
    import kanban.tui.screens.review  # noqa: F401
    from kanban.board import store_errors

    store_errors()  # imports the store


P = ParamSpec("P")


def board_action(
    method: Callable[Concatenate[BoardScreen, P], None],
) -> Callable[Concatenate[BoardScreen, P], None]:
    """A key's action on the board: before the Board is installed it acts at once or waits (see `BoardScreen.holds`)."""
    name = method.__name__.removeprefix("action_")

    @wraps(method)
    def act_or_wait(screen: BoardScreen, *args: P.args, **kwargs: P.kwargs) -> None:
        if not screen.holds(name, args):
            method(screen, *args, **kwargs)

    return act_or_wait


class BoardScreen(Screen[None]):
    """Keys act on the card under the cursor of the focused column."""

    board: Board  # once loaded
    model: BoardModel  # once loaded

    def __init__(self, board: Board | None, start: BoardFace | None = None, lang: str = "de") -> None:
        """With a Board, or with the kept first screen or the loading one (`start`) until `install` brings it."""
        super().__init__()
        self.lang = board.lang if board is not None else lang
        self.loaded = False
        self.face: BoardFace  # what the columns draw: the model once loaded
        if board is not None:
            self._use(board)
        else:
            assert start is not None
            self.face = start
        self.held: list[Held] = []  # actions waiting for the Board, in the order of their keys
        self._held_on: tuple[Column, str | None] = (Column.IDEAL, None)  # the card focused when the first waited
        self.undo_stack: list[Decision] = []  # this session's moves, newest last
        self.exporting = False
        self.footer_tier = WIDE  # the width tier the footer's keys are chosen for (kanban.tui.keys)
        self.terminal_width = 0  # known from the first resize
        self._bindings = BindingsMap(board_bindings(self.lang))

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="columns"):
            for column in Column:
                with Vertical(classes=f"column {column.value}"):
                    yield Static(id=f"header-{column.value}", classes="column-header")
                    yield ColumnList(self.face, column, self.lang, id=f"list-{column.value}")
        yield Input(placeholder=text("board.filter_placeholder", self.lang), id="filter")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = text("board.title", self.lang)
        self.query_one("#filter", Input).display = False
        self.fit(self.app.size.width)  # before the first paint: a resize after it would redraw everything
        self.refresh_board({})
        self.set_focus(self.list_of(Column.IDEAL))

    def _use(self, board: Board, model: BoardModel | None = None) -> None:
        from kanban.tui.board_model import BoardModel

        self.board = board
        self.model = self.face = model or BoardModel(board)
        self.loaded = True

    def install(self, board: Board, model: BoardModel | None = None) -> None:
        """The Board has loaded: from now on the cards are its, the same ones the kept first screen showed.

        The cursors stay where the user left them; the actions that waited run in order, the first on the card
        that was focused when its key came; then the filter typed meanwhile applies."""
        keep = self.cursor_ids()
        self._use(board, model)
        for column_list in self.lists:
            column_list.model = self.model
        self.refresh_board(keep)
        typing = self.focused is self.filter_field
        self._run_held()
        if self.filter_field.value.strip():
            self._apply_filter(self.filter_field.value)
        if typing and self.app.screen is self:
            self.set_focus(self.filter_field)

    def holds(self, action: str, arguments: tuple[Any, ...]) -> bool:
        """Before the Board: whether an action waits for it (then it is kept to run later), else it acts now."""
        if self.loaded or not waits(action, self.face, bool(self.held), bool(self.filter_field.value.strip())):
            return False
        if not self.held:
            self._held_on = (self.active_list.column, self.active_list.current_id)
        self.held.append(Held(action, arguments))
        return True

    def _run_held(self) -> None:
        """Each waiting action once, in order; those after one that opened a window are dropped, and said so."""
        held, self.held = self.held, []
        if not held:
            return
        column, card = self._held_on
        target = self.list_of(column)
        if card in target.ids:
            target.cursor = target.ids.index(card)
        self.set_focus(target)
        for done, action in enumerate(held, 1):
            getattr(self, f"action_{action.action}")(*action.arguments)
            if self.app.screen is not self:
                if done < len(held):
                    self.notify(text("start.dropped", self.lang, count=len(held) - done), severity="warning")
                return

    # -- finding things ------------------------------------------------------------

    @property
    def filter_field(self) -> Input:
        return self.query_one("#filter", Input)

    def list_of(self, column: Column) -> ColumnList:
        return self.query_one(f"#list-{column.value}", ColumnList)

    @property
    def lists(self) -> list[ColumnList]:
        return [self.list_of(column) for column in Column]

    @property
    def active_list(self) -> ColumnList:
        """The focused column, or the last one that had the focus."""
        focused = self.focused if isinstance(self.focused, ColumnList) else None
        return focused or getattr(self, "_last_list", None) or self.list_of(Column.IDEAL)

    @on(ColumnList.Opened)
    def _opened(self, event: ColumnList.Opened) -> None:
        self.action_detail()

    def on_descendant_focus(self, event: object) -> None:
        if isinstance(self.focused, ColumnList):
            self._last_list = self.focused

    def current_id(self) -> str | None:
        customer_id = self.active_list.current_id
        if customer_id is None:
            self.notify(text("board.no_card", self.lang), severity="warning")
        return customer_id

    # -- drawing -------------------------------------------------------------------

    def cursor_ids(self) -> dict[Column, str | None]:
        """The card under each column's cursor, to find it again after the model changed."""
        return {column_list.column: column_list.current_id for column_list in self.lists}

    def refresh_board(self, keep: dict[Column, str | None]) -> None:
        """Redraw the lists, headers and status after the model changed."""
        for column_list in self.lists:
            column_list.sync(keep.get(column_list.column))
        self.refresh_headers()

    def update_card(self, customer_id: str, focus_it: bool = False) -> None:
        """Put a changed customer where they now belong and redraw; optionally move the focus to their card."""
        keep = self.cursor_ids()
        self._place(customer_id)
        view = self.board.views.get(customer_id)
        here = view is not None and customer_id in self.model.ids[view.customer.column]
        if focus_it and here:
            keep[view.customer.column] = customer_id  # type: ignore[union-attr]
        self.refresh_board(keep)
        if focus_it and here:
            self.set_focus(self.list_of(view.customer.column))  # type: ignore[union-attr]

    def refresh_headers(self) -> None:
        """Name, count and revenue of each column; on two lines where one would cut the totals."""
        headers, status = self.face.header_texts(self.lang)
        widgets = {column: self.query_one(f"#header-{column.value}", Static) for column in Column}
        # From the terminal's width, not the laid-out headers': a two-line header must not feed back into layout.
        room = (self.terminal_width - HEADER_MARGINS) // len(Column) - HEADER_PADDING
        two_lines = self.terminal_width > 0 and room < max(Text.from_markup(h).cell_len for h in headers.values())
        for column, widget in widgets.items():
            header = headers[column.value]
            widget.update(header.replace(" · ", "\n", 1) if two_lines else header)
        self.query_one("#status", Static).update(status)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        """The footer's keys and the headers' lines for a terminal `width` cells wide."""
        tier = max(w for w in (0, MEDIUM, WIDE) if width >= w)
        if tier != self.footer_tier:
            self.footer_tier = tier
            self._bindings = BindingsMap(board_bindings(self.lang, tier))
            self.query_one(Footer).show_command_palette = tier >= WIDE  # ctrl+p is in the help
            self.refresh_bindings()
        if width != self.terminal_width:
            self.terminal_width = width
            self.refresh_headers()

    # -- cursor and focus -------------------------------------------------------------

    @board_action
    def action_cursor(self, delta: int) -> None:
        self.active_list.move_cursor(delta)

    @board_action
    def action_page(self, direction: int) -> None:
        self.active_list.page(direction)

    @board_action
    def action_jump(self, index: int) -> None:
        self.active_list.jump(index)

    @board_action
    def action_focus_column(self, delta: int) -> None:
        """Focus the next column, on the card at about the same height."""
        source = self.active_list
        index = list(Column).index(source.column) + delta
        if not 0 <= index < len(Column):
            return
        target = self.list_of(list(Column)[index])
        row_on_screen = source.cursor * CARD_HEIGHT - int(source.scroll_y)
        if target.ids:
            wanted = (int(target.scroll_y) + max(0, row_on_screen)) // CARD_HEIGHT
            target.cursor = min(wanted, len(target.ids) - 1)
        self.set_focus(target)

    # -- moving cards --------------------------------------------------------------

    @board_action
    def action_move_to(self, column_id: str) -> None:
        customer_id = self.current_id()
        if customer_id is not None:
            self.move(customer_id, Column(column_id))

    @board_action
    def action_shift(self, delta: int) -> None:
        customer_id = self.current_id()
        if customer_id is None:
            return
        columns = list(Column)
        index = columns.index(self.board.views[customer_id].customer.column) + delta
        if 0 <= index < len(columns):
            self.move(customer_id, columns[index])
        else:
            self.app.bell()

    @board_action
    def action_accept(self) -> None:
        customer_id = self.current_id()
        if customer_id is None:
            return
        view = self.board.views[customer_id]
        if not view.differs:
            self.notify(text("board.already_suggested", self.lang, name=view.customer.name))
            return
        self.move(customer_id, view.suggestion.column, DecisionKind.ACCEPT)

    def move(self, customer_id: str, to: Column, kind: DecisionKind = DecisionKind.MOVE) -> None:
        """Move a card; a move to drop first asks for the reason (Esc leaves the card where it is)."""
        view = self.board.views[customer_id]
        if to is view.customer.column:
            self.notify(text("board.already_there", self.lang, name=view.customer.name, column=to.label(self.lang)))
            return
        if to is not Column.DROP:
            self.record(customer_id, to, "", kind)
            return
        from kanban.tui.screens.drop_reason import ask_drop_reason

        ask_drop_reason(
            self.app, view, self.board.rule_set, self.lang, lambda reason: self.record(customer_id, to, reason, kind)
        )

    def record(self, customer_id: str, to: Column, reason: str, kind: DecisionKind) -> bool:
        """Write the decision first; only a decision on disk moves the card on screen. False if not written."""
        source = self.board.views[customer_id].customer.column
        try:
            if kind is DecisionKind.ACCEPT:
                decision = self.board.accept(customer_id, reason)
            else:
                decision = self.board.move(customer_id, to, reason, kind=kind)
        except action_errors() as error:
            self.notify(str(error), severity="error", timeout=8)
            return False
        self.undo_stack.append(decision)
        self.update_card(customer_id, focus_it=True)  # the next key acts on this card again, not its neighbour
        name = self.board.views[customer_id].customer.name
        self.notify(text("board.moved", self.lang, name=name, from_=source.label(self.lang), to=to.label(self.lang)))
        return True

    @board_action
    def action_undo(self) -> None:
        # A move that later moves (e.g. in the review) overtook cannot be undone any more: drop it and say so.
        while self.undo_stack and not self._undoable(self.undo_stack[-1]):
            stale = self.undo_stack.pop()
            view = self.board.views.get(stale.customer_id)
            name = view.customer.name if view else stale.customer_id
            self.notify(text("board.undo_stale", self.lang, name=name), severity="warning")
        if not self.undo_stack:
            self.notify(text("board.nothing_to_undo", self.lang), severity="warning")
            return
        decision = self.undo_stack[-1]
        view = self.board.views[decision.customer_id]
        try:
            undo = self.board.undo(decision)
        except action_errors() as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.undo_stack.pop()
        self.update_card(undo.customer_id, focus_it=True)
        self.notify(text("board.undone", self.lang, name=view.customer.name, to=undo.to_column.label(self.lang)))

    # -- filter and sort -------------------------------------------------------------

    @board_action
    def action_filter(self) -> None:
        field = self.filter_field
        field.display = True
        self.set_focus(field)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.loaded:  # else it applies once the Board is installed: the kept cards cannot be filtered
            self._apply_filter(event.value)

    def _apply_filter(self, query: str) -> None:
        keep = self.cursor_ids()
        self.model.set_query(query)
        self.refresh_board(keep)

    @on(Input.Submitted, "#filter")
    def _filter_kept(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            event.input.display = False
        self.set_focus(self.active_list)

    @board_action
    def action_clear_filter(self) -> None:
        field = self.filter_field
        had_filter = bool(self.face.query) or field.display
        field.value = ""
        field.display = False
        if self.loaded and self.model.query:
            keep = self.cursor_ids()
            self.model.set_query("")
            self.refresh_board(keep)
        if had_filter:
            self.set_focus(self.active_list)

    @board_action
    def action_sort(self) -> None:
        keep = self.cursor_ids()
        self.model.cycle_order()
        self.refresh_board(keep)

    # -- other screens ---------------------------------------------------------------

    @board_action
    def action_detail(self) -> None:
        customer_id = self.current_id()
        if customer_id is not None:
            from kanban.tui.screens.detail import DetailScreen

            screen = DetailScreen(self.board, customer_id)
            self.app.push_screen(screen, lambda now: self._after_detail(customer_id, now))

    def _after_detail(self, customer_id: str, now: str | None) -> None:
        """`now`: the customer's number after the detail screen (a pseudonym if they were forgotten there)."""
        if now is not None and now != customer_id:
            self.forgotten(customer_id, now)
        else:
            self.update_card(customer_id)

    @board_action
    def action_log(self) -> None:
        from kanban.tui.screens.log import AuditLogScreen

        self.app.push_screen(AuditLogScreen(self.board))

    @board_action
    def action_portfolio(self) -> None:
        """The portfolio; with a filter on, it also says what letting go of the filtered customers would free."""
        from kanban.tui.screens.portfolio import PortfolioScreen

        query = self.model.query
        shown = [cid for ids in self.model.ids.values() for cid in ids] if query else []
        self.app.push_screen(PortfolioScreen(self.board, (query, shown) if query else None))

    @board_action
    def action_add(self) -> None:
        from kanban.tui.screens.customer_form import CustomerFormScreen

        self.app.push_screen(CustomerFormScreen(self.board, None), self._saved)

    @board_action
    def action_edit(self) -> None:
        customer_id = self.current_id()
        if customer_id is not None:
            from kanban.tui.screens.customer_form import CustomerFormScreen

            self.app.push_screen(CustomerFormScreen(self.board, customer_id), self._saved)

    @board_action
    def action_forget(self) -> None:
        customer_id = self.current_id()
        if customer_id is not None:
            from kanban.tui.screens.forget import ask_and_forget

            ask_and_forget(self, self.board, customer_id, lambda pseudonym: self.forgotten(customer_id, pseudonym))

    def forgotten(self, old_id: str, pseudonym: str) -> None:
        """The card stays where it was, under its pseudonym, and keeps the focus."""
        self._place(old_id)
        self.update_card(pseudonym, focus_it=True)

    def _saved(self, customer_id: str | None) -> None:
        if customer_id is not None:
            self.update_card(customer_id, focus_it=True)
            self.notify(text("board.saved", self.lang, name=self.board.views[customer_id].customer.name))

    @board_action
    def action_review(self) -> None:
        from kanban.review import current_quarter

        self.start_review(current_quarter(self.board.as_of))

    def start_review(self, quarter: str) -> None:
        """Open the review of a quarter; coming back, redraw the cards it changed."""
        if not self.board.views:
            self.notify(text("board.empty_hint", self.lang), severity="warning")
            return
        from kanban.tui.screens.review import ReviewScreen

        review = ReviewScreen(self.board, quarter)
        self.app.push_screen(review, lambda touched: self._reviewed(touched, review.last_decided))

    def _reviewed(self, touched: set[str] | None, last: str | None = None) -> None:
        """Redraw what the review changed; the focus goes to the card decided last, where it now stands."""
        keep = self.cursor_ids()
        for customer_id in touched or ():
            self._place(customer_id)
        view = self.board.views.get(last) if last else None
        if view is not None and last in self.model.ids[view.customer.column]:
            keep[view.customer.column] = last
            self.refresh_board(keep)
            self.set_focus(self.list_of(view.customer.column))
        else:
            self.refresh_board(keep)

    def _place(self, customer_id: str) -> None:
        """Sort a changed customer into the model and out of every list's drawn state."""
        self.model.place(customer_id)
        for column_list in self.lists:
            column_list.forget(customer_id)

    @board_action
    def action_export(self) -> None:
        """Export to the current folder in a thread: at 25,000 customers it takes seconds."""
        from kanban.transfer import build_export, default_export_name

        if self.exporting:
            self.notify(text("export.running", self.lang), severity="warning")
            return
        try:
            path = Path.cwd() / default_export_name(self.board.as_of)
        except OSError as error:  # the folder the app was started in is gone
            self.notify(text("export.no_folder", self.lang, error=error.strerror), severity="error", timeout=12)
            return
        try:
            data = build_export(self.board)  # here, where no move can interleave: one consistent moment
        except action_errors() as error:
            self.notify(str(error), severity="error", timeout=12)
            return
        self.exporting = True
        self.notify(text("export.started", self.lang, path=path))
        self._export(data, path)

    @work(thread=True, group="export")
    def _export(self, data: dict, path: Path) -> None:
        from kanban.transfer import write_export_data

        try:
            with collector_paused():  # the app's entry point of an export: its objects die by reference count
                written = write_export_data(data, path)
        except action_errors() as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=12)
        else:
            self.app.call_from_thread(self.notify, text("export.done", self.lang, path=written), timeout=12)
        finally:
            self.exporting = False

    def _undoable(self, decision: Decision) -> bool:
        view = self.board.views.get(decision.customer_id)
        return view is not None and view.customer.column is decision.to_column

    @board_action
    def action_help(self) -> None:
        from kanban.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.lang, self.model.common if self.loaded else None))

    @board_action
    def action_quit(self) -> None:
        self.app.exit()
