"""The Qt runtime is one that survives a working day (PySide6 6.12.0 on CPython 3.11 does not).

6.12.0 drops a reference to True on every Signal.emit() and to None on every
Python paint override; the process aborts after a few hundred of either.
"""

from __future__ import annotations

import pyqtgraph as pg
import PySide6
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    ping = Signal(int)


def test_pyside6_is_the_pinned_safe_series() -> None:
    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), PySide6.__version__


def test_thousands_of_signals_do_not_crash(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.ping.connect(received.append)
    for i in range(5000):
        emitter.ping.emit(i)
    assert len(received) == 5000 and received[-1] == 4999


def test_a_chart_redrawn_hundreds_of_times_does_not_crash(qtbot: QtBot) -> None:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    curve = plot.plot([0, 1, 2], [0, 1, 0])
    for i in range(300):
        curve.setData([0, 1, 2], [0, i % 7, 0])
        plot.grab()  # forces a real paint through the Python paint overrides
    assert curve.yData is not None and curve.yData[1] == 299 % 7
