"""Garbage is collected on the GUI thread's timer while the desk runs, never by a worker."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from ui.garbage import GuiThreadGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_collector_runs_on_the_gui_timer_and_is_given_back(qtbot: QtBot) -> None:
    was_enabled = gc.isenabled()
    collector = GuiThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        gc.set_threshold(*gc.get_threshold())
        for _ in range(gc.get_threshold()[0] + 10):
            _Cycle()
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=2000)
    finally:
        collector.stop()
    assert gc.isenabled() is was_enabled
