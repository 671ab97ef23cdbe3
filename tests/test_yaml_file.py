"""Reading YAML people write: every failure at its line, in German (English with --lang en), never a traceback."""

from __future__ import annotations

import pytest

from kanban.texts import set_language
from kanban.yaml_file import YamlFileError, decode, load, parse


def failure(source: str) -> YamlFileError:
    with pytest.raises(YamlFileError) as caught:
        parse(source)
    return caught.value


def test_a_key_value_inside_a_value_is_named_in_german_at_its_line_and_column() -> None:
    error = failure("version: 1\nrules:\n  - id: a\n    when: x: y\n")
    assert (error.line, error.col) == (4, 12)
    assert error.message.startswith("YAML-Syntax: hier darf kein 'Schlüssel: Wert' stehen")


def test_an_unclosed_bracket_names_the_line_it_opened_on() -> None:
    error = failure("version: 1\nbands:\n  drop: {below: -2\n")
    assert error.line == 4 and error.problem == error.message.removeprefix("YAML-Syntax: ")
    assert error.message == (
        "YAML-Syntax: hier fehlt ',' oder '}' (in einer Zuordnung in geschweiften Klammern, beginnt in Zeile 3)"
    )
    set_language("en")
    assert failure("version: 1\nbands:\n  drop: {below: -2\n").message == (
        "YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping that starts on line 3)"
    )


def test_a_list_item_inside_a_mapping_is_named_in_german() -> None:
    error = failure("a: b\n- c\n")
    assert error.line == 2 and error.message.startswith("YAML-Syntax: hier fehlt ein Schlüssel (die Einrückung")


def test_words_of_the_reader_without_german_are_quoted_as_its_own() -> None:
    message = failure("a: @x\n").message  # libyaml and the pure-Python reader word it slightly differently
    assert message.startswith("YAML-Syntax: der YAML-Leser meldet „found character") and message.endswith("“")


def test_an_alias_is_refused_at_its_line_before_loading() -> None:
    source = "a: &x [1, 2]\nb: *x\n"
    for read in (parse, load):
        with pytest.raises(YamlFileError) as caught:
            read(source)
        assert caught.value.line == 2 and "Alias" in caught.value.message


def test_text_that_is_not_utf8_names_the_line_of_the_first_bad_byte() -> None:
    with pytest.raises(YamlFileError) as caught:
        decode("version: 1\n# Gr\xfc\xdfe\n".encode("latin-1"))
    assert caught.value.line == 2 and caught.value.message == "kein UTF-8-Text: speichern Sie die Datei als UTF-8"
    assert decode("\ufeffversion: 1\n".encode()) == "version: 1\n"


def test_a_control_character_is_named_with_its_line() -> None:
    error = failure("version: 1\nbands:\x1f\n")
    assert error.line == 2 and error.message == "YAML-Syntax: Steuerzeichen '\\x1f' ist nicht erlaubt: entfernen Sie es"
