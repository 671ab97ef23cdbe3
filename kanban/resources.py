"""Where the shipped rule sets and demo data are, installed or from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """`rules` or `data`: inside the wheel (kanban/_shipped) or the repo top level."""
    for candidate in (_PACKAGE / "_shipped" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped folder {name!r} is missing: reinstall kundenboard")


def default_rules_path() -> Path:
    return shipped("rules") / "default.yaml"


def demo_data_dir() -> Path:
    return shipped("data") / "demo"
