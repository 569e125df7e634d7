"""Open the desk's database on a worker while the sign-in window is already on screen.

Loading SQLAlchemy and checking the schema take longer than showing the window (cold-start
budget, DESIGN.md), and a shared server may be unreachable for a while: the window shows at
once, says that the database is opening, and says why not yet while it retries.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from workstation.errors import classify

if TYPE_CHECKING:
    from workstation.startup import DeskDatabase

log = logging.getLogger(__name__)

RETRY_MS = 3000


class DatabaseOpening(QObject):
    """Calls `open_database` on a worker thread until it answers or refuses."""

    opened = Signal(object)  # the DeskDatabase
    problem = Signal(object)  # a DatabaseProblem: not open yet, trying again
    refused = Signal(str)  # the schema does not fit this program: the desk must stop
    failed = Signal(object)  # an unexpected error (a bug): the desk must stop
    _answered = Signal(object, object)  # (DeskDatabase | None, error | None), from the worker

    def __init__(
        self,
        open_database: Callable[[], DeskDatabase],
        *,
        retry_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open = open_database
        self._thread: threading.Thread | None = None
        self._stopped = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS if retry_ms is None else retry_ms)
        self._retry.timeout.connect(self._attempt)
        self._answered.connect(self._on_answer)

    def start(self) -> None:
        self._attempt()

    def stop(self, timeout_s: float = 10.0) -> None:
        """No more attempts; waits for one in progress (its database is closed, not used)."""
        self._stopped = True
        self._retry.stop()
        if self._thread is not None:
            self._thread.join(timeout_s)

    @Slot()
    def _attempt(self) -> None:
        if self._stopped:
            return
        self._thread = threading.Thread(target=self._work, name="open-database", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            desk = self._open()
        except BaseException as error:  # handed to the GUI thread, which decides
            self._answered.emit(None, error)
        else:
            if self._stopped:
                desk.db.dispose()
                return
            self._answered.emit(desk, None)

    @Slot(object, object)
    def _on_answer(self, desk: Any, error: BaseException | None) -> None:
        if self._stopped:
            if desk is not None:
                desk.db.dispose()
            return
        if error is None:
            self.opened.emit(desk)
            return
        from workstation.startup import SchemaMismatch

        if isinstance(error, SchemaMismatch):
            self.refused.emit(str(error))
            return
        problem = classify(error)
        if problem is None:
            log.error("opening the database failed", exc_info=error)
            self.failed.emit(error)
            return
        log.warning("the database cannot be opened yet (%s): %s", problem.kind, problem.detail)
        self.problem.emit(problem)
        self._retry.start()
