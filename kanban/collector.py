"""Pausing Python's cyclic garbage collector around bulk work.

Parsing a large export, evaluating every customer's suggestion or dumping an
export makes hundreds of thousands of objects that stay alive (or die by
reference count); the collector walks the growing heap again and again without
freeing one, a large part of the time such work takes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Bulk work without the collector; in a command, what it made is then frozen out of the collector's way.

    Turning the collector back on is not enough: the next allocation walks every
    object made while paused (seconds of a large import), and
    later full passes walk them again. They are data that stays (or dies by
    reference count), so `gc.freeze` moves them out of its generations. Garbage
    from before is collected first, so no cycle made elsewhere is frozen with them.

    The freeze only where this is the process's one thread: in the app a pause on
    a worker (the export) also holds back the screen's garbage while it runs, and a
    freeze would keep that for good; it is collected once the export is done. The
    app freezes once, when its board is loaded.
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.collect()
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if threading.active_count() == 1:
                gc.freeze()
            gc.enable()
