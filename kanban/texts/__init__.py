"""The one catalogue of user-facing words: German first, English with `--lang en`.

Each area keeps its texts in a module of this package (a dict `TEXTS` of
key -> (German, English)), so that parallel work on two areas never edits the
same lines; keys are unique across areas (a test says so). A text with a
count gives its singular and plural as "one|other": ``text("x", "de", count=1)``.
Domain words with units and formulas (metric names, columns, rule reasons)
stay with the domain, which is also German and English.
"""

from __future__ import annotations

import importlib

AREAS = ("app",)  # modules of this package, each with TEXTS

_catalogue: dict[str, tuple[str, str]] | None = None


def catalogue() -> dict[str, tuple[str, str]]:
    """Every key of every area, (German, English); loaded on first use."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, tuple[str, str]] = {}
        for area in AREAS:
            merged.update(importlib.import_module(f"kanban.texts.{area}").TEXTS)
        _catalogue = merged
    return _catalogue


def has_text(key: str) -> bool:
    return key in catalogue()


def text(key: str, lang: str = "de", count: int | float | None = None, **values: object) -> str:
    """The text for key in the language, with {placeholders} filled; `count` picks "one|other" and fills {count}."""
    de, en = catalogue()[key]
    template = de if lang == "de" else en
    if count is not None:
        one, _, other = template.partition("|")
        template = one if count == 1 or not other else other
        values["count"] = count
    return template.format(**values) if values else template
