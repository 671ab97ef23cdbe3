"""The one catalogue of user-facing words: German first, English with `--lang en`.

Each area keeps its texts in a module of this package (a dict `TEXTS` of
key -> (German, English)), so that parallel work on two areas never edits the
same lines; keys are unique across areas (a test says so). A text with a
count gives its singular and plural as "one|other": ``text("x", "de", count=1)``.

Without a language, a text is in the process's language: the CLI and the app
set it once from `--lang` (like gettext's install), so an error raised deep in
the store or the importer reaches the user in their language without every
function passing `lang` down.
Domain words with units and formulas (metric names, columns, rule reasons)
stay with the domain, which is also German and English.
"""

from __future__ import annotations

import importlib

AREAS = (  # modules of this package, each with TEXTS
    "app",
    "cli",
    "click",
    "erasure",
    "errors",
    "imports",
    "portfolio",
    "records",
    "rules",
    "start",
    "suggestions",
    "transfer",
)

LANGUAGES = ("de", "en")

_catalogue: dict[str, tuple[str, str]] | None = None
_language = "de"


def set_language(lang: str) -> None:
    """The language of texts asked for without one, for the rest of the process."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    _language = lang


def language() -> str:
    return _language


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


def text(key: str, lang: str | None = None, count: int | float | None = None, **values: object) -> str:
    """The text for key in the language, with {placeholders} filled; `count` picks "one|other" and fills {count}."""
    de, en = catalogue()[key]
    template = en if (lang or _language) == "en" else de
    if count is not None:
        one, _, other = template.partition("|")
        template = one if count == 1 or not other else other
        values["count"] = count
    return template.format(**values) if values else template
