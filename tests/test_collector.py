"""Pausing the collector must not keep garbage for good: a long app session would grow."""

from __future__ import annotations

import gc
import threading
import weakref

from kanban.collector import collector_paused


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_garbage_made_beside_a_pause_on_a_worker_thread_is_still_collected() -> None:
    paused, done = threading.Event(), threading.Event()

    def export_on_a_worker() -> None:
        with collector_paused():
            paused.set()
            done.wait(5)

    worker = threading.Thread(target=export_on_a_worker)
    worker.start()
    paused.wait(5)
    garbage = [weakref.ref(Node()) for _ in range(1000)]  # the screen's, made while the worker holds the pause
    done.set()
    worker.join()
    gc.collect()
    assert not any(ref() for ref in garbage)  # collected, not frozen with the worker's data


def test_a_command_freezes_what_its_bulk_work_made() -> None:
    gc.unfreeze()
    with collector_paused():
        kept = [{"row": i} for i in range(1000)]
    assert gc.get_freeze_count() >= 1000 and kept
    gc.unfreeze()
