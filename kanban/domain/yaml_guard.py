"""Moved to kanban.yaml_file (YAML is read outside the domain); kanban/transfer.py still imports from here.

Delete this module once transfer imports GuardedLoader from kanban.yaml_file and excerpt from
kanban.domain.excerpt.
"""

from __future__ import annotations

from typing import Any

from kanban.domain.excerpt import excerpt

__all__ = ["excerpt"]


def __getattr__(name: str) -> Any:
    if name in ("GuardedLoader", "AliasRefused", "refuse_aliases"):
        import kanban.yaml_file

        return getattr(kanban.yaml_file, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
