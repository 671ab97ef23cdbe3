"""Safe YAML that stays small: aliases refused, values shown only as short excerpts.

An alias repeats a node, and aliases of aliases repeat it exponentially ("a
billion laughs"): a few hundred bytes that any walk over the loaded value, or
its repr in an error message, turns into gigabytes. Nothing kundenboard reads
(rule sets, exports) needs an alias, so a document with one is refused before
it is loaded, at the line of the first alias.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

import yaml

from kanban.texts import text as catalogue_text

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present; safe loading only, ever
# An anchor (&name) starts a node: at the start of a line or after blank space or a flow indicator. Text
# without one has no alias that could load; text with one (or a "&" inside a quoted string) is parsed for aliases.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&", re.MULTILINE)
_EXCERPT = reprlib.Repr()  # bounded at every level, unlike repr(); Python 3.11 takes no arguments here
for _limit in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset", "maxdeque", "maxarray"):
    setattr(_EXCERPT, _limit, 4)
_EXCERPT.maxlevel, _EXCERPT.maxstring, _EXCERPT.maxother, _EXCERPT.maxlong = 2, 40, 40, 40


class AliasRefused(yaml.MarkedYAMLError):
    """A YAML alias: refused at its place, with the fix."""


class GuardedLoader(_Base):  # type: ignore[misc,valid-type]  # _Base is chosen at run time (libyaml or not)
    """The safe loader, refusing a document with an alias before loading it."""

    def __init__(self, stream: Any) -> None:
        if isinstance(stream, str):
            refuse_aliases(stream)
        super().__init__(stream)


def refuse_aliases(text: str) -> None:
    """Raise AliasRefused at the first alias; a syntax error is left to the load, which says where."""
    if not _ANCHOR.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.AliasEvent):
                # libyaml's C Mark has the fields of yaml.error.Mark that the message reads (line, column, name)
                mark = event.start_mark
                raise AliasRefused(problem=catalogue_text("records.yaml_alias"), problem_mark=mark)  # type: ignore[arg-type]
    except AliasRefused:
        raise
    except yaml.YAMLError:
        return


def excerpt(value: Any) -> str:
    """A value for an error message: at most about 40 characters, however large the value."""
    text = _EXCERPT.repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
