"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate. When a worker thread collects a
cycle that holds Qt objects (a closed window and the closures connected to it), their C++
destructors run off the GUI thread and Qt crashes. So automatic collection is switched off
while the desk runs and done here, on a GUI-thread timer, with the interpreter's own thresholds
(the recipe of pyqtgraph's GarbageCollector, without importing pyqtgraph at start-up).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

INTERVAL_MS = 1000


class GuiThreadGarbageCollector(QObject):
    """Owns the collector from construction until `stop()`."""

    def __init__(self, interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    @Slot()
    def collect_if_due(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        count0, count1, count2 = gc.get_count()
        limit0, limit1, limit2 = gc.get_threshold()
        if count0 > limit0:
            gc.collect(0)
            if count1 > limit1:
                gc.collect(1)
                if count2 > limit2:
                    gc.collect(2)

    def stop(self) -> None:
        """Collect what is left, here, and give the collector back to the interpreter."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
