"""The fast start: the kept first screen is the board's, it goes stale with the data, and no key is lost to it."""

from __future__ import annotations

import datetime as dt
import os
import re
import select
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Static
from tui_fixtures import AS_OF, SIZE, build_store, open_board, until

from kanban.board import Board
from kanban.cli import COMMAND_MODULES
from kanban.domain.model import Column
from kanban.store import CorruptDatabase, StoreLocked
from kanban.texts import text
from kanban.tui import _keep_first_screen
from kanban.tui.app import KundenboardApp
from kanban.tui.board_model import BoardModel
from kanban.tui.board_widget import ColumnList
from kanban.tui.screens.board import BoardScreen
from kanban.tui.start import FIRST_CARDS, LANGUAGES, LoadingModel, StartModel, first_screen


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The fixture database after one session of the app: the first screen is kept."""
    path = tmp_path / "db"
    build_store(path).close()
    board = open_board(path)
    _keep_first_screen(board)
    board.close()
    return path


def kept(db: Path, lang: str = "de", rules: Path | None = None, day: dt.date = AS_OF) -> StartModel | None:
    """The kept first screen the app would paint, or None when it would paint the loading frame."""
    start = first_screen(db, rules, day, lang)
    return start if isinstance(start, StartModel) else None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_kept_screen_shows_what_the_board_shows(db: Path, lang: str) -> None:
    start = kept(db, lang)
    assert start is not None
    board = open_board(db, lang)
    try:
        model = BoardModel(board)
        assert start.header_texts(lang) == model.header_texts(lang)
        for column in Column:
            assert start.ids[column] == model.ids[column]
            for cid in model.ids[column][:FIRST_CARDS]:
                assert start.card(cid, lang) == model.card(cid, lang)
    finally:
        board.close()


def test_the_formatting_languages_are_the_kept_ones() -> None:
    from kanban.domain.formatting import LANGUAGES as FORMATTED

    assert FORMATTED == LANGUAGES


def test_a_decision_changed_data_or_other_rules_make_it_stale(db: Path, tmp_path: Path) -> None:
    board = open_board(db)
    cid = board.columns()[Column.IDEAL][0].customer.id
    board.move(cid, Column.WATCH)  # e.g. `kundenboard move` while the app is closed
    assert kept(db) is None
    _keep_first_screen(board)  # the app does this when it closes
    start = kept(db)
    assert start is not None and cid in start.ids[Column.WATCH]
    board.save_customer(board.views[cid].customer, is_new=False)  # board.json written
    board.close()
    assert kept(db) is None

    board = open_board(db)
    _keep_first_screen(board)
    board.close()
    assert kept(db) is not None
    rules = tmp_path / "rules.yaml"
    rules.write_text(board.rule_set.path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert kept(db, rules=rules) is None
    assert kept(db, day=AS_OF.replace(day=1)) is None


def test_forgetting_a_customer_removes_the_kept_screen_with_the_cache(db: Path) -> None:
    board = open_board(db)
    store = board.store
    view = board.columns()[Column.IDEAL][0]
    store.forget_customer(view.customer.id, view.customer, board.facts(view.customer.id), store.decision_records())
    board.close()
    assert not (db / "cache.json").exists()
    assert kept(db) is None


def loading_app(db: Path, release: threading.Event, fail: BaseException | None = None) -> KundenboardApp:
    """The app as `kundenboard` starts it on a kept screen; the Board loads once `release` is set."""

    def opener() -> Board:
        release.wait(10)
        if fail is not None:
            raise fail
        return open_board(db)

    return KundenboardApp(None, start=kept(db), opener=opener)


def focus_and_cursors(app: KundenboardApp) -> tuple[object, dict[Column, str | None]]:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen.active_list.column, screen.cursor_ids()


@pytest.fixture
def twin(tmp_path: Path) -> Path:
    """A second database like `db`, for the same keys pressed on a board that is already loaded."""
    path = tmp_path / "twin"
    build_store(path).close()
    return path


async def after_keys_on_a_loaded_board(db: Path, keys: list[str]) -> tuple[object, list[tuple[str, Column]]]:
    """Where the focus and cursors are, and which decisions were written, after `keys` on a loaded board."""
    board = open_board(db)
    app = KundenboardApp(board)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        state = focus_and_cursors(app)
    decisions = [(d.customer_id, d.to_column) for d in board.decisions()]
    board.close()
    return state, decisions


async def test_moving_the_cursor_on_the_kept_screen_acts_at_once_and_lands_as_on_a_loaded_board(
    db: Path, twin: Path
) -> None:
    keys = ["j", "l", "j", "j", "h", "right"]
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await pilot.press("j")
        await pilot.pause()
        assert app.board is None and screen.list_of(Column.IDEAL).cursor == 1  # at once, before the Board
        await pilot.press(*keys[1:])
        await pilot.pause()
        kept_state = focus_and_cursors(app)
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.pause()
        assert focus_and_cursors(app) == kept_state  # the real cards, the cursors where the user left them
    app.board.close()
    assert kept_state == (await after_keys_on_a_loaded_board(twin, keys))[0]


async def test_keys_that_need_the_board_wait_and_act_once_in_order_on_the_card_that_was_focused(
    db: Path, twin: Path
) -> None:
    keys = ["j", "2", "j", "1", "s"]
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        ideal = app.screen.query_one("#list-ideal", ColumnList)
        second = ideal.ids[1]
        await pilot.press(*keys)
        await pilot.pause()
        assert app.board is None and ideal.ids[1] == second and ideal.cursor == 1  # nothing moved yet
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.pause()
        state = focus_and_cursors(app)
        decisions = [(d.customer_id, d.to_column) for d in app.board.decisions()]
        assert decisions[0] == (second, Column.WATCH)
        assert app.screen.model.order.value != "score"  # the `s` after them sorted once
    app.board.close()
    assert (state, decisions) == await after_keys_on_a_loaded_board(twin, keys)


async def test_a_filter_typed_while_loading_shows_at_once_and_applies_to_the_board(db: Path) -> None:
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        await pilot.press("slash", "B", "ä", "c", "k")
        await pilot.pause()
        assert app.board is None and screen.filter_field.value == "Bäck" and screen.focused is screen.filter_field
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.press("e")  # still typing into the filter
        await pilot.pause()
        shown = [cid for ids in screen.model.ids.values() for cid in ids]
        assert screen.model.query == "Bäcke" and [app.board.views[cid].customer.name for cid in shown] == [
            "Bäckerei Sonnenschein"
        ]
    app.board.close()


async def test_a_filter_typed_in_one_burst_while_loading_keeps_every_character(db: Path) -> None:
    """Typed faster than the app takes keys (it loads the Board meanwhile): the characters after `/` were handed
    to the card list, which had the focus when they came; they still land in the filter."""
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        for key, character in [("slash", "/"), ("B", "B"), ("ä", "ä"), ("c", "c"), ("k", "k"), ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert screen.filter_field.value == "Bäck"
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.pause()
        assert screen.model.query == "Bäck" and isinstance(screen.focused, ColumnList)  # Enter kept the filter
    app.board.close()


async def test_letters_of_a_burst_that_land_in_the_filter_do_not_also_act_as_board_keys(db: Path) -> None:
    """`e` (edit), `a` (accept), `2` (move) and `q` (quit) are board keys: typed into the filter in one burst they
    are the filter's letters only, nothing waits and nothing quits."""
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        for key, character in [("slash", "/"), ("e", "e"), ("a", "a"), ("2", "2"), ("q", "q")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert screen.filter_field.value == "ea2q" and app.is_running
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.pause()
        assert app.is_running and app.screen is screen and app.board.decisions() == []
    app.board.close()


async def test_help_opens_at_once_on_the_kept_screen(db: Path) -> None:
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.board is None and type(app.screen).__name__ == "HelpScreen"
        release.set()
        await until(pilot, lambda: app.board is not None)
    app.board.close()


async def test_a_window_opened_by_a_waiting_key_takes_the_keyboard_and_later_keys_are_not_acted_on(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The waiting `3` opens the reason dialog; the keys after it were meant for the board: not acted on, said so."""
    monkeypatch.chdir(tmp_path)  # where `x` would export to
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "x", "enter")
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.pause()
        assert type(app.screen).__name__ == "DropReasonScreen"
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert warnings == [text("start.dropped", "de", count=2)]
        assert app.board.decisions() == [] and not list(tmp_path.glob("kundenboard-export-*"))
    app.board.close()


async def test_a_quit_while_loading_quits_at_once(db: Path) -> None:
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "2", "q")
        await until(pilot, lambda: not app.is_running)
        assert not app.is_running and app.board is None  # before the Board was there
    release.set()
    assert app.failure is None and app.return_code in (0, None)


async def test_a_board_that_cannot_load_ends_the_app_with_its_error(db: Path) -> None:
    release = threading.Event()
    release.set()
    app = loading_app(db, release, StoreLocked("database is in use by process 1: close it there, then try again"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await until(pilot, lambda: app.failure is not None)
    assert isinstance(app.failure, StoreLocked)
    assert app.board is None


def test_every_command_is_found_in_its_module() -> None:
    import importlib

    for module_name in set(COMMAND_MODULES.values()):
        module = importlib.import_module(f"kanban.cli.{module_name}")
        names = {command.name for command in module.COMMANDS}
        assert names == {name for name, where in COMMAND_MODULES.items() if where == module_name}


def test_the_fast_start_paints_without_yaml_babel_rules_or_the_other_commands(db: Path) -> None:
    script = (
        "import sys, datetime as dt; from pathlib import Path; import kanban.cli;"
        "from kanban.tui.start import StartModel, first_screen;"
        f"start = first_screen(Path({str(db)!r}), None, dt.date.fromisoformat({AS_OF.isoformat()!r}), 'de');"
        "assert isinstance(start, StartModel);"
        "import kanban.tui.app;"
        "print(' '.join(sorted(sys.modules)))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = set(run.stdout.split())
    late = {
        "yaml",
        "babel",
        "kanban.domain.rules",
        "kanban.transfer",
        "kanban.importing",
        "kanban.cli.audit_cmd",
        "kanban.tui.screens.detail",
        "kanban.tui.commands",
    }
    assert not late & loaded, sorted(late & loaded)


async def test_a_log_changed_behind_the_kept_screen_is_still_warned_about(db: Path) -> None:
    board = open_board(db)
    board.move(board.columns()[Column.IDEAL][0].customer.id, Column.DROP, "zahlt nie")
    _keep_first_screen(board)
    board.close()
    log = db / "decisions.jsonl"
    stat = log.stat()
    log.write_text(log.read_text(encoding="utf-8").replace("zahlt nie", "zahlt NIE"), encoding="utf-8")
    os.utime(log, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, time and file: the kept screen stays
    release = threading.Event()
    release.set()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:

        def warnings() -> list[str]:
            return [n.message for n in app._notifications if n.severity == "error"]

        await until(pilot, warnings)  # the check runs once the Board is loaded
        await pilot.pause()
        assert len(warnings()) == 1 and "nachträglich geändert" in warnings()[0]
    app.board.close()


# -- the day's first start: no kept screen, the columns say they are loading ------------------------------


@pytest.fixture
def cold_db(tmp_path: Path) -> Path:
    """The fixture database with no metrics cache, as on the very first start."""
    path = tmp_path / "cold"
    build_store(path).close()
    return path


NEXT_DAY = AS_OF + dt.timedelta(days=1)


def cold_app(
    db: Path, release: threading.Event, opener: Callable[[], Board] | None = None, day: dt.date = AS_OF
) -> KundenboardApp:
    """The app as `kundenboard` starts it without a current kept screen; the Board loads once `release` is set."""
    start = first_screen(db, None, day, "de")
    assert isinstance(start, LoadingModel)

    def waiting() -> Board:
        release.wait(10)
        return (opener or (lambda: open_board(db)))()

    return KundenboardApp(None, start=start, opener=waiting)


def screen_text(app: KundenboardApp) -> str:
    screen = app.screen
    lines = [str(widget.render()) for widget in screen.query(Static)]
    for column_list in screen.query(ColumnList):
        lines += [column_list.render_line(y).text for y in range(column_list.size.height)]
    return "\n".join(lines)


async def test_the_loading_screen_shows_no_card_and_says_it_is_loading(db: Path) -> None:
    release = threading.Event()
    app = cold_app(db, release, day=NEXT_DAY)  # the day's first start: yesterday's screen is kept
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert app.board is None
        assert shown.count("lädt") == 3 and "Kennzahlen werden berechnet – 8 Kunden" in shown
        assert "K-1" not in shown and "Keine Kunden" not in shown and "€" not in shown
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.pause()
        shown = screen_text(app)
        assert "lädt" not in shown and "berechnet" not in shown
        names = [view.customer.name for view in app.board.views.values()]
        assert all(name in shown for name in names)  # 8 cards: all on the screen now
    app.board.close()


def test_without_a_database_there_is_no_loading_screen(tmp_path: Path) -> None:
    assert first_screen(tmp_path / "new", None, AS_OF, "de") is None  # Board.open creates it, or says why not


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_loading_screen_counts_customers_only_when_the_count_is_sure(db: Path, cold_db: Path, lang: str) -> None:
    def status(path: Path) -> str:
        start = first_screen(path, None, NEXT_DAY, lang)
        assert isinstance(start, LoadingModel)
        return start.header_texts(lang)[1]

    computing = {"de": "Kennzahlen werden berechnet", "en": "Computing the metrics"}[lang]
    assert status(db).endswith(f"{computing} – 8 {text('board.customers', lang)} …")  # yesterday's screen
    assert status(cold_db).endswith(f"{computing} …")  # no cache at all
    board = open_board(db)
    board.save_customer(next(iter(board.views.values())).customer, is_new=False)  # board.json changed since
    board.close()
    assert status(db).endswith(f"{computing} …")


async def test_help_after_a_waiting_key_waits_behind_it(db: Path) -> None:
    release = threading.Event()
    app = loading_app(db, release)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one("#list-ideal", ColumnList).ids[0]
        await pilot.press("2", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)  # the move is not made yet: no help over it
        release.set()
        await until(pilot, lambda: app.board is not None)
        await pilot.pause()
        assert [(d.customer_id, d.to_column) for d in app.board.decisions()] == [(first, Column.WATCH)]
        assert type(app.screen).__name__ == "HelpScreen"
    app.board.close()


async def test_help_opens_at_once_on_the_loading_screen(cold_db: Path) -> None:
    release = threading.Event()
    app = cold_app(cold_db, release)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.board is None and type(app.screen).__name__ == "HelpScreen"
        release.set()
        await until(pilot, lambda: app.board is not None)
    app.board.close()


async def test_keys_pressed_on_the_loading_screen_act_on_the_board_in_order(cold_db: Path) -> None:
    release = threading.Event()
    app = cold_app(cold_db, release)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "2", "l", "j", "1")
        await pilot.pause()
        assert app.board is None
        release.set()
        await until(pilot, lambda: app.board is not None and len(app.board.decisions()) == 2)
        model = BoardModel(app.board)
        decisions = app.board.decisions()
        # The second ideal card went to watch; then the second card of watch (as it was then) to ideal.
        assert [d.to_column for d in decisions] == [Column.WATCH, Column.IDEAL]
        assert decisions[0].customer_id not in model.ids[Column.IDEAL]
    app.board.close()


async def test_a_board_that_fails_to_load_behind_the_loading_screen_ends_the_app_with_its_error(
    cold_db: Path,
) -> None:
    (cold_db / "board.json").write_text("{ not json", encoding="utf-8")
    release = threading.Event()
    release.set()
    app = cold_app(cold_db, release, lambda: Board.open(cold_db, as_of=AS_OF))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await until(pilot, lambda: not app.is_running)
    assert isinstance(app.failure, CorruptDatabase) and "board.json" in str(app.failure)
    assert app.return_code == 1 and app.board is None


def test_kundenboard_on_a_corrupt_database_ends_with_one_line_and_an_error_code(cold_db: Path) -> None:
    """In a terminal: the loading screen comes up, the error ends it, the shell shows the CLI's one line."""
    (cold_db / "invoices.json").write_text("{ not json", encoding="utf-8")
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", "from kanban.cli import main; main()", "--db", str(cold_db), "--as-of", str(AS_OF)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(slave)
    output = b""
    while True:
        ready, _, _ = select.select([master], [], [], 20)
        try:
            chunk = os.read(master, 1 << 16) if ready else b""
        except OSError:  # the child closed the terminal
            chunk = b""
        if not chunk:
            break
        output += chunk
    os.close(master)
    assert process.wait(10) != 0
    drawn, _, after = output.decode(errors="replace").rpartition("\x1b[?1049l")  # leaving the app's screen
    assert "lädt" in drawn
    shell = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z~]", "", after).strip().splitlines()  # what stays in the shell
    assert len(shell) == 1 and shell[0].startswith("Fehler: ") and "invoices.json:1" in shell[0], shell
