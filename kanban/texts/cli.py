"""The command line's words: commands, help, output headers, prompts."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
}
