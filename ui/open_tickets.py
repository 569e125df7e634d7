"""The live count of open tickets: read on a worker, refreshed on ticket changes, throttled."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ui.tasks import TaskRunner, is_problem
from workstation.db import Database
from workstation.services.status import open_ticket_count

log = logging.getLogger(__name__)

# At most two reads a second, however fast tickets change on other desks.
MIN_INTERVAL_MS = 500


class OpenTicketCount(QObject):
    """Asks for the count; a request while one is running or cooling down is folded into one."""

    counted = Signal(int)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        *,
        min_interval_ms: int = MIN_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._in_flight = False
        self._again = False
        self._stopped = False
        self._value: int | None = None
        self._cooldown = QTimer(self)
        self._cooldown.setSingleShot(True)
        self._cooldown.setInterval(min_interval_ms)
        self._cooldown.timeout.connect(self._cooled_down)

    @property
    def value(self) -> int | None:
        """The last count read; None before the first answer."""
        return self._value

    def request(self) -> None:
        """Refresh soon: now if idle, else once the running read and the cool-down are over."""
        if self._stopped:
            return
        if self._in_flight or self._cooldown.isActive():
            self._again = True
            return
        self._read()

    def stop(self) -> None:
        """No more reads; an answer still on its way is dropped."""
        self._stopped = True
        self._cooldown.stop()

    def _read(self) -> None:
        self._in_flight = True
        self._again = False
        self._runner.read(
            open_ticket_count,
            self._db,
            on_done=self._done,
            on_error=self._failed,
            key="open-ticket-count",
        )

    def _done(self, count: int) -> None:
        self._in_flight = False
        if self._stopped:
            return
        self._value = count
        self._cooldown.start()
        self.counted.emit(count)

    def _failed(self, error: BaseException) -> None:
        self._in_flight = False
        if self._stopped:
            return
        if is_problem(error) is None:
            log.error("counting open tickets failed: %s", error)
        # Asked again after the next ticket change, or when the desk is live again.
        self._cooldown.start()

    @Slot()
    def _cooled_down(self) -> None:
        if self._again and not self._stopped:
            self._read()
