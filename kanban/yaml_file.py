"""Reading YAML that people write and exports bring: safe, without aliases, errors at their line in the user's words.

An alias repeats a node, and aliases of aliases repeat it exponentially ("a
billion laughs"): a few hundred bytes that any walk over the loaded value, or
its repr in an error message, turns into gigabytes. Nothing kundenboard reads
(rule sets, exports) needs an alias, so a document with one is refused before
it is loaded, at the line of the first alias.

Every failure is a `YamlFileError` with the 1-based line (and column where
the reader knows it) and one message; the caller adds the file name.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from kanban.domain.excerpt import excerpt
from kanban.texts import text

__all__ = ["AliasRefused", "GuardedLoader", "YamlFileError", "decode", "excerpt", "load", "parse", "refuse_aliases"]

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present (far faster); safe loading only, ever
# An anchor (&name) starts a node: at the start of a line or after blank space or a flow indicator. Text
# without one has no alias that could load; text with one (or a "&" inside a quoted string) is parsed for aliases.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&", re.MULTILINE)
# PyYAML's messages that people meet most, as catalogue keys; any other is quoted as the reader's own words.
_PROBLEMS = {
    "mapping values are not allowed": "rules.yaml.mapping_values",
    "expected <block end>": "rules.yaml.block_end",
    "found character '\\t' that cannot start any token": "rules.yaml.tab",
    "found a tab character where an indentation space is expected": "rules.yaml.tab",
    "found unexpected end of stream": "rules.yaml.unclosed_quote",
}
_CONTEXTS = {
    "while parsing a block mapping": "rules.yaml.in_mapping",
    "while parsing a block collection": "rules.yaml.in_list",
    "while scanning a quoted scalar": "rules.yaml.in_quoted",
    "while scanning a simple key": "rules.yaml.in_mapping",
    "while parsing a flow mapping": "rules.yaml.in_flow_mapping",
    "while parsing a flow sequence": "rules.yaml.in_flow_list",
}
_EXPECTED = re.compile(r"(?:did|could) not find expected (.+?)(?: or (.+))?")


class YamlFileError(Exception):
    """YAML that cannot be read: where (1-based line and column, when known) and what, in the user's language.

    `message` is the sentence for a rule file ("YAML-Syntax: ..."); `problem` the bare reason, for a caller
    that words its own sentence around it (a restore: "kein gültiger Export (...)").
    """

    def __init__(self, message: str, line: int | None = None, col: int | None = None, problem: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.problem = problem or message


class AliasRefused(yaml.MarkedYAMLError):
    """A YAML alias: refused at its place, with the fix."""


class GuardedLoader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a document with an alias before loading it."""

    def __init__(self, stream: Any) -> None:
        if isinstance(stream, str):
            refuse_aliases(stream)
        super().__init__(stream)


_Loader = GuardedLoader


def refuse_aliases(source: str) -> None:
    """Raise AliasRefused at the first alias; a syntax error is left to the load, which says where."""
    if not _ANCHOR.search(source):
        return
    try:
        for event in yaml.parse(source, Loader=_Base):
            if isinstance(event, yaml.AliasEvent):
                # libyaml's C Mark has the fields of yaml.error.Mark that the message reads (line, column, name)
                mark: Any = event.start_mark
                raise AliasRefused(problem=text("records.yaml_alias"), problem_mark=mark)
    except AliasRefused:
        raise
    except yaml.YAMLError:
        return


def decode(raw: bytes, bom: bool = True) -> str:
    """The bytes as UTF-8 text (a BOM dropped when `bom`); else YamlFileError at the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlFileError(text("rules.yaml.not_utf8"), line) from None


def parse(source: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (which knows every line) and its value; YamlFileError where it breaks."""
    try:
        loader = _Loader(source)
        try:
            node = loader.get_single_node()
            return node, (loader.construct_document(node) if node is not None else None)
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise _problem(error, source) from None


def load(source: str) -> Any:
    """The document's value only (faster than `parse`); YamlFileError where it breaks."""
    try:
        return yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as error:
        raise _problem(error, source) from None


def _problem(error: yaml.YAMLError, source: str) -> YamlFileError:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = _words(error.problem or error.context or "", _PROBLEMS)
        context = error.context_mark
        if error.problem and error.context and context and mark and context.line != mark.line:
            problem = text(
                "rules.yaml.in_context",
                problem=problem,
                context=_words(error.context, _CONTEXTS),
                line=context.line + 1,
            )
        return YamlFileError(
            text("rules.yaml.syntax", problem=problem),
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            problem,
        )
    if isinstance(error, yaml.reader.ReaderError):  # a control character; its str() spans two lines
        char = chr(error.character) if isinstance(error.character, int) else error.character
        line = source[: error.position].count("\n") + 1
        problem = text("rules.yaml.control", char=repr(char))
        return YamlFileError(text("rules.yaml.syntax", problem=problem), line, problem=problem)
    problem = _words(" ".join(str(error).split()), {})
    return YamlFileError(text("rules.yaml.syntax", problem=problem), problem=problem)


def _words(message: str, known: dict[str, str]) -> str:
    """The reader's message in the user's words, or quoted as the reader's own."""
    message = " ".join(message.split())
    if match := _EXPECTED.fullmatch(message):
        if match[1] == "key" and not match[2]:
            return text("rules.yaml.expected_key")
        if match[2]:
            return text("rules.yaml.expected_either", first=match[1], second=match[2])
        return text("rules.yaml.expected", what=match[1])
    for english, key in known.items():
        if message.startswith(english):
            return text(key)
    if message == " ".join(text("records.yaml_alias").split()):  # ours, already in the user's words
        return message
    return text("rules.yaml.parser", message=message)
