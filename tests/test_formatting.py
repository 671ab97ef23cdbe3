"""Money and dates as a German or English reader expects them."""

from __future__ import annotations

import datetime as dt

from kanban.domain.formatting import format_date, format_money


def test_money_with_and_without_cents() -> None:
    assert format_money(1234.56, "de") == "1.234,56 €"
    assert format_money(1234.56, "en") == "€1,234.56"
    assert format_money(123456.4, "de", cents=False) == "123.456 €"
    assert format_money(-1234.7, "de", cents=False) == "-1.235 €"
    assert format_money(None, "de") == "unbekannt"


def test_dates() -> None:
    assert format_date(dt.date(2026, 12, 31), "de") == "31.12.2026"
