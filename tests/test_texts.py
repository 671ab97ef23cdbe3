"""The catalogue: every text in German and English, no key in two areas."""

import importlib

from kanban.texts import AREAS, text


def test_every_text_has_german_and_english_and_each_key_one_area() -> None:
    seen: dict[str, str] = {}
    for area in AREAS:
        for key, (de, en) in importlib.import_module(f"kanban.texts.{area}").TEXTS.items():
            assert de.strip() and en.strip(), f"{area}: {key} lacks a language"
            assert de.count("|") == en.count("|"), f"{area}: {key} has plural forms in one language only"
            assert key not in seen, f"{key} is in {seen[key]} and {area}"
            seen[key] = area


def test_plural_forms_follow_the_count() -> None:
    from kanban.texts import catalogue

    catalogue()["test.briefings"] = (
        "{count} ungenaues Briefing|{count} ungenaue Briefings",
        "{count} vague briefing|{count} vague briefings",
    )
    try:
        assert text("test.briefings", "de", count=1) == "1 ungenaues Briefing"
        assert text("test.briefings", "de", count=3) == "3 ungenaue Briefings"
        assert text("test.briefings", "en", count=2) == "2 vague briefings"
    finally:
        del catalogue()["test.briefings"]


def test_texts_without_a_language_follow_the_process_language() -> None:
    from kanban.texts import language, set_language

    assert language() == "de"
    try:
        set_language("en")
        assert text("key.quit") == "Quit"
    finally:
        set_language("de")
    assert text("key.quit") == "Beenden"
