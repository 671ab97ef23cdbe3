"""Numbers, money, dates and metric values as a German or English reader expects them.

The shapes come from CLDR via babel (locales de_DE and en_GB): "1.234,56 €" and
"€1,234.56", "31.12.2026" and "31 Dec 2026". Babel is too slow to format
every number of every customer's reason texts, so the symbols and currency
pattern are read from babel once per language and numbers are then formatted
with `decimal` (same half-even rounding of the shortest float repr as babel;
tests compare both). Babel's no-break spaces become plain spaces: terminals
show them alike, and plain text is what users grep, copy and paste.

Every function accepts None and shows "unbekannt" / "unknown" for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal
from functools import cache

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_currency, format_percent, get_decimal_symbol, get_group_symbol

from kanban.domain.metrics import METRICS

LANGUAGES = ("de", "en")
LOCALES = {"de": "de_DE", "en": "en_GB"}
UNKNOWN_TEXT = {"de": "unbekannt", "en": "unknown"}
_NO_BREAK = str.maketrans({"\xa0": " ", "\u202f": " "})

# Unit names as METRICS uses them, plus "number" for a bare number.
UNITS = (
    "eur",
    "eur_per_h",
    "hours",
    "count",
    "days",
    "months",
    "years",
    "percent",
    "level",
    "flag",
    "per_1000",
    "number",
    "abc",
    "rank",
)

# (singular, plural) words after a number, per language.
_UNIT_WORDS = {
    "days": {"de": ("Tag", "Tage"), "en": ("day", "days")},
    "months": {"de": ("Monat", "Monate"), "en": ("month", "months")},
    "years": {"de": ("Jahr", "Jahre"), "en": ("year", "years")},
}
_FLAG_WORDS = {"de": ("nein", "ja"), "en": ("no", "yes")}


@dataclass(frozen=True)
class _Shape:
    """What a locale wraps around a number: separators and the money and percent affixes."""

    decimal: str
    group: str
    money: tuple[str, str]  # prefix, suffix for a positive amount
    money_negative: tuple[str, str]
    percent: tuple[str, str]
    percent_negative: tuple[str, str]

    translation: dict[int, str]  # Python's "1,234.5" -> the locale's separators

    def localized(self, text: str) -> str:
        """Python's "1,234.5" with the locale's separators; the two shapes we have without a translation table,
        which costs more than the number's formatting."""
        if self.group == "," and self.decimal == ".":
            return text
        if self.group == "." and self.decimal == ",":
            return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text.translate(self.translation)


def _affixes(sample: str, number: str) -> tuple[str, str]:
    prefix, _, suffix = sample.translate(_NO_BREAK).partition(number)
    return prefix, suffix


@cache
def _shape(lang: str) -> _Shape:
    if lang not in LOCALES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    locale = LOCALES[lang]
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale).translate(_NO_BREAK)
    one = f"1{decimal}00"
    return _Shape(
        decimal=decimal,
        group=group,
        money=_affixes(format_currency(1, "EUR", locale=locale), one),
        money_negative=_affixes(format_currency(-1, "EUR", locale=locale), one),
        percent=_affixes(format_percent(1, locale=locale), "100"),
        percent_negative=_affixes(format_percent(-1, locale=locale), "100"),
        translation=str.maketrans({",": group, ".": decimal}),
    )


def unknown_text(lang: str) -> str:
    """The word for a value nobody knows: "unbekannt" / "unknown"."""
    _shape(lang)  # rejects an unknown language with one clear message
    return UNKNOWN_TEXT[lang]


_WIDE = Context(prec=400)
_FIXED = {decimals: f",.{decimals}f" for decimals in range(4)}  # the format specs reason texts use


def _digits(value: float, shape: _Shape, decimals: int, trim: bool) -> str:
    """Absolute value with grouping, `decimals` places (trailing zeros dropped if trim)."""
    value = abs(value)
    shortest = repr(value)
    point = shortest.find(".")
    if value < 1e12 and "e" not in shortest and len(shortest) - point - 1 <= decimals:
        # Already at display precision (metrics are rounded): no rounding, so float formatting is exact.
        text = format(value, _FIXED.get(decimals) or f",.{decimals}f")
    else:
        quantum = Decimal(1).scaleb(-decimals)
        # Digits enough for any float (up to 1.8e308): the default 28 raised InvalidOperation from 1e28 on.
        text = f"{Decimal(shortest).quantize(quantum, rounding=ROUND_HALF_EVEN, context=_WIDE):,f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return shape.localized(text)


def _signed(value: float, shape: _Shape, decimals: int, trim: bool) -> tuple[bool, str]:
    """(negative?, digits); a value that rounds to zero is not negative: "-0,00 €" would only confuse."""
    digits = _digits(value, shape, decimals, trim)
    return value < 0 and digits.strip("0" + shape.decimal + shape.group) != "", digits


def format_number(value: float | None, lang: str = "de", decimals: int = 2, trim: bool = True) -> str:
    """1234.5 -> "1.234,5" (de) / "1,234.5" (en); at most `decimals` places, all of them if not trim."""
    if value is None:
        return unknown_text(lang)
    if not math.isfinite(value):
        return str(value)
    shape = _shape(lang)
    negative, digits = _signed(value, shape, decimals, trim)
    return "-" + digits if negative else digits


def format_money(value: float | None, lang: str = "de", cents: bool = True) -> str:
    """Euros with cents: "1.234,56 €" (de), "€1,234.56" (en); whole euros "1.235 €" for totals."""
    if value is None:
        return unknown_text(lang)
    if not math.isfinite(value):
        return str(value)
    shape = _shape(lang)
    negative, digits = _signed(value, shape, 2 if cents else 0, False)
    prefix, suffix = shape.money_negative if negative else shape.money
    return prefix + digits + suffix


def format_percent_value(value: float | None, lang: str = "de", decimals: int = 1) -> str:
    """A value already in percent (12.5 means 12.5 %): "12,5 %" (de), "12.5%" (en)."""
    if value is None:
        return unknown_text(lang)
    if not math.isfinite(value):
        return str(value)
    shape = _shape(lang)
    negative, digits = _signed(value, shape, decimals, True)
    prefix, suffix = shape.percent_negative if negative else shape.percent
    return prefix + digits + suffix


def format_date(day: dt.date | None, lang: str = "de") -> str:
    """CLDR medium dates: "31.12.2026" (de), "31 Dec 2026" (en; a month name cannot be misread as US order)."""
    if day is None:
        return unknown_text(lang)
    _shape(lang)  # rejects an unknown language with one clear message
    return _babel_format_date(day, "medium", locale=LOCALES[lang]).translate(_NO_BREAK)


def _with_words(unit: str) -> Callable[[float, str], str]:
    def words(value: float, lang: str) -> str:
        singular, plural = _UNIT_WORDS[unit][lang]
        return f"{format_number(value, lang, 1)} {singular if value == 1 else plural}"

    return words


def _abc_letter(value: float) -> str:
    """ABC classes are held as 1, 2, 3 so that conditions can compare them; people read letters."""
    return "ABC"[int(value) - 1] if value in (1, 2, 3) else format_number(value)


# One function per unit: a dict lookup instead of a chain of ifs, for 25,000 reason texts.
_FORMATTERS: dict[str, Callable[[float, str], str]] = {
    "eur": format_money,
    "eur_per_h": lambda value, lang: format_money(value, lang) + "/h",
    "hours": lambda value, lang: format_number(value, lang, 1) + " h",
    "percent": format_percent_value,
    "flag": lambda value, lang: _FLAG_WORDS[lang][bool(value)],
    "days": _with_words("days"),
    "months": _with_words("months"),
    "years": _with_words("years"),
    "count": lambda value, lang: format_number(value, lang, 2),
    "level": lambda value, lang: format_number(value, lang, 2),
    "per_1000": lambda value, lang: format_number(value, lang, 2),
    "number": lambda value, lang: format_number(value, lang, 2),
    "abc": lambda value, lang: _abc_letter(value),
    "rank": lambda value, lang: format_number(value, lang, 0),
}
assert set(_FORMATTERS) == set(UNITS)


def format_value(value: float | None, unit: str, lang: str = "de") -> str:
    """A number in one of UNITS: "95,00 €/h", "12,5 h", "3 Tage", "ja"."""
    if value is None:
        return unknown_text(lang)
    formatter = _FORMATTERS.get(unit)
    if formatter is None:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
    return formatter(value, lang)


def format_metric(name: str, value: float | None, lang: str = "de") -> str:
    """A metric's value in its unit from METRICS, "unbekannt" / "unknown" for None."""
    info = METRICS.get(name)
    if info is None:
        raise ValueError(f"unknown metric {name!r}")
    return format_value(value, info.unit, lang)
