"""Reading a child process's output line by line, with a limit on how long it may stay silent."""

from __future__ import annotations

import os
import select
from typing import IO


class ChildLines:
    """Lines are split here, not by a buffered reader: select() cannot see what a reader already holds."""

    def __init__(self, stdout: IO[str], who: str, silence: float) -> None:
        self.fd = stdout.fileno()
        self.who = who
        self.silence = silence  # seconds without output before the child counts as hung
        self._pending = b""

    def __call__(self) -> str:
        while b"\n" not in self._pending:
            ready, _, _ = select.select([self.fd], [], [], self.silence)
            assert ready, f"the {self.who} stopped answering"
            chunk = os.read(self.fd, 65536)
            assert chunk, f"the {self.who} died"
            self._pending += chunk
        text, self._pending = self._pending.split(b"\n", 1)
        return text.decode()
