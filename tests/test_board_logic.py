"""What the board derives from a customer: signs, search, sort, quarters, and the checks of the customer form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from tui_fixtures import make_board

from kanban.board import Board
from kanban.domain.board_logic import (
    CustomerForm,
    SortOrder,
    column_totals,
    customer_from_form,
    form_of,
    matches,
    next_customer_number,
    parse_date_input,
    revenue_by_quarter,
    search_text,
    sort_key,
    warning_signs,
)
from kanban.domain.model import Column, Customer, Invoice


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Board]:
    board = make_board(tmp_path_factory.mktemp("logic") / "db")
    yield board
    board.close()


def by_name(board: Board, name: str):
    return next(v for v in board.views.values() if v.customer.name == name)


def glyphs(board: Board, name: str) -> str:
    return " ".join(s.glyph for s in warning_signs(by_name(board, name).suggestion, board.rule_set))


def test_signs_follow_the_rules_that_count_against_a_customer(board: Board) -> None:
    # low rate, late, dunning, haggling, rush; the shipped rules hold no missing contract against anyone
    assert glyphs(board, "Autohaus Krüger") == "↓ ◷ § % »"
    assert glyphs(board, "Modehaus Schick") == "◷ ↻"
    assert glyphs(board, "Bäckerei Sonnenschein") == ""  # only good rules fired
    assert glyphs(board, "Café Lindenblatt") == ""  # a prospect without data is not suspicious


def test_search_matches_name_number_tag_and_sign_in_either_language(board: Board) -> None:
    garage = by_name(board, "Autohaus Krüger")
    text = search_text(garage.customer, warning_signs(garage.suggestion, board.rule_set))
    for query in ("krüger", "K-1002", "web", "mahnung", "reminders", "§", "autohaus mahn"):
        assert matches(text, query), query
    assert not matches(text, "autohaus retainer")
    cafe = by_name(board, "Café Lindenblatt")
    assert matches(search_text(cafe.customer, ()), "interessent")


def test_sort_keys_score_revenue_name(board: Board) -> None:
    views = list(board.views.values())
    by_score = [v.customer.name for v in sorted(views, key=sort_key(SortOrder.SCORE))]
    assert by_score[0] == "Bäckerei Sonnenschein" and by_score[-2:] == ["Autohaus Krüger", "Meyer & Söhne"]
    by_revenue = [v.customer.name for v in sorted(views, key=sort_key(SortOrder.REVENUE))]
    assert by_revenue[0] == "Stadtwerke Nord" and by_revenue[-1] == "Café Lindenblatt"  # unknown revenue last
    by_name_ = [v.customer.name for v in sorted(views, key=sort_key(SortOrder.NAME))]
    assert by_name_[:2] == ["Autohaus Krüger", "Bäckerei Sonnenschein"]
    assert [SortOrder.SCORE.next(), SortOrder.NAME.next()] == [SortOrder.REVENUE, SortOrder.SCORE]


def test_column_totals_skip_unknown_revenue(board: Board) -> None:
    watch = board.columns()[Column.WATCH]
    totals = column_totals(watch)
    assert (totals.count, totals.revenue) == (4, 25800.0)


def test_revenue_by_quarter_last_eight_oldest_first_credit_notes_subtract() -> None:
    def invoice(number: str, day: dt.date, net: float, credit: bool = False) -> Invoice:
        return Invoice(number, "K1", day, net, credit_note=credit)

    invoices = [
        invoice("1", dt.date(2024, 12, 31), 999.0),  # 2024-Q4: one quarter too old
        invoice("2", dt.date(2025, 1, 1), 100.0),
        invoice("3", dt.date(2026, 10, 1), 500.0),
        invoice("4", dt.date(2026, 11, 2), 50.0, credit=True),
        invoice("5", dt.date(2026, 11, 28), 700.0),  # after as_of
    ]
    quarters = revenue_by_quarter(invoices, dt.date(2026, 11, 27))
    assert quarters[0] == ("2025-Q1", 100.0)
    assert quarters[-1] == ("2026-Q4", 450.0)
    assert len(quarters) == 8 and sum(v for _, v in quarters) == 550.0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("31.12.2027", dt.date(2027, 12, 31)), ("2027-12-31", dt.date(2027, 12, 31)), (" 1.2.2027 ", dt.date(2027, 2, 1))],
)
def test_dates_as_people_type_them(typed: str, expected: dt.date) -> None:
    assert parse_date_input(typed) == expected


def test_a_bad_date_says_how_to_write_it() -> None:
    with pytest.raises(ValueError, match="31.12.2027 oder 2027-12-31"):
        parse_date_input("31.13.2027")
    with pytest.raises(ValueError, match="'12/31/2027' is not a date"):
        parse_date_input("12/31/2027", "en")


def test_a_date_that_does_not_exist_says_which_part() -> None:
    with pytest.raises(ValueError) as error:
        parse_date_input("31.02.2027")
    assert str(error.value) == (
        "„31.02.2027“ ist kein Datum: den 31. Februar gibt es nicht, der Februar 2027 hat "
        "28 Tage – schreiben Sie z. B. 31.12.2027 oder 2027-12-31"
    )
    with pytest.raises(ValueError, match="there is no month 13 - write"):
        parse_date_input("2027-13-01", "en")
    with pytest.raises(ValueError, match="February 2028 has 29 days, not 30"):
        parse_date_input("2028-02-30", "en")


def test_form_errors_name_each_field() -> None:
    taken = {"K-1": "Alpha GmbH"}
    customer, errors = customer_from_form(CustomerForm(number="K-1", name="  ", contract_until="2027-02-30"), taken)
    assert customer is None
    assert errors == {
        "name": "Bitte einen Namen eingeben.",
        "number": "Kundennummer K-1 ist schon vergeben (Alpha GmbH): bitte eine andere wählen.",
        "contract_until": "„2027-02-30“ ist kein Datum: den 30. Februar gibt es nicht, der Februar 2027 hat 28 "
        "Tage – schreiben Sie z. B. 31.12.2027 oder 2027-12-31",
    }
    _, errors = customer_from_form(CustomerForm(number="K 2", name="B", contract_until="31.12.2027"), taken, lang="en")
    assert errors["number"] == "The customer number must not contain spaces."
    assert errors["contract_until"].startswith("A contract end without a contract")


def test_form_builds_the_customer_and_editing_keeps_the_column() -> None:
    original = Customer("K-7", "Old Name", Column.DROP, since=dt.date(2020, 1, 1))
    form = CustomerForm(
        number="K-7",
        name=" New   Name ",
        contract=True,
        contract_until="31.12.2027",
        tags="Print, Web, Print",
        notes="Hi\n",
    )
    customer, errors = customer_from_form(form, {"K-7": "Old Name"}, original)
    assert errors == {}
    assert customer == Customer(
        "K-7",
        "New Name",
        Column.DROP,
        True,
        dt.date(2027, 12, 31),
        tags=("Print", "Web"),
        notes="Hi",
        since=dt.date(2020, 1, 1),
    )
    assert form_of(customer).contract_until == "31.12.2027"
    assert form_of(customer, "en").contract_until == "2027-12-31"


def test_next_customer_number_keeps_prefix_and_width() -> None:
    assert next_customer_number(["K-0041", "K-0007"]) == "K-0042"
    assert next_customer_number(["10099", "K-12"]) == "10100"
    assert next_customer_number([]) == "1"
    assert next_customer_number(["ACME"]) == "1"


def test_names_sort_as_a_german_reader_expects() -> None:
    names = [
        "Blumen Schneider",
        "Öko Bau",
        "Bäckerei Müller",
        "Ofenbau Ost",
        "Äpfel & Co",
        "Zander",
        "Apfelhof",
        "Straße 1",
        "Strasse 2",
        "Étoile",
    ]
    views = [SimpleNamespace(customer=Customer(id=f"K-{n}", name=name)) for n, name in enumerate(names)]
    assert [v.customer.name for v in sorted(views, key=sort_key(SortOrder.NAME))] == [
        "Äpfel & Co",
        "Apfelhof",
        "Bäckerei Müller",
        "Blumen Schneider",
        "Étoile",
        "Ofenbau Ost",
        "Öko Bau",
        "Straße 1",
        "Strasse 2",
        "Zander",
    ]


def test_a_sign_on_more_than_half_the_cards_is_common() -> None:
    from kanban.domain.board_logic import WARNING_SIGNS, common_signs

    low_rate, late, *_ = WARNING_SIGNS
    cards = [(low_rate, late), (late,), (late,), (low_rate,)]
    assert common_signs(cards) == {"late_payment": (3, 4)}  # on half of the cards a sign still sets them apart
    assert common_signs([]) == {}
