"""The live connection: follow the change feed on a thread of its own and say whether we are live.

A `QThread` waits on the feed in short steps and hands each batch of changes
to the GUI thread by signal. When the database goes away it reports it, closes
the feed and opens a new one every second from the last id it had, so no
change is missed. The state the status bar shows combines the feed's health
with the task runner's: a task that lost the connection means "reconnecting"
until a task (or a probe sent every second) gets through again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ui.tasks import TaskRunner
from workstation.errors import DatabaseProblem, ProblemKind

if TYPE_CHECKING:
    from workstation.changes import ChangeFeed
    from workstation.db import Database

log = logging.getLogger(__name__)

FeedOpener = Callable[["Database", int], "ChangeFeed"]
LastIdReader = Callable[["Database"], int]


def open_feed(db: Database, after_id: int) -> ChangeFeed:
    """The change feed; its module (and the ORM) loads only once the desk goes live."""
    from workstation import changes

    return changes.open_feed(db, after_id)


def last_change_id(db: Database) -> int:
    from workstation import changes

    return changes.last_change_id(db)


WAIT_SECONDS = 0.25
RETRY_SECONDS = 1.0


class LiveState(StrEnum):
    CONNECTING = "connecting"
    LIVE = "live"
    RECONNECTING = "reconnecting"


class _FeedFollower(QThread):
    """Loops on `feed.wait`; reopens the feed after an error. Touches no widget."""

    changes = Signal(object)  # list[Change]
    opened = Signal()
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        since: int | None,
        opener: FeedOpener,
        last_id: LastIdReader,
        retry_seconds: float,
    ) -> None:
        super().__init__()
        self.setObjectName("change-feed")
        self._db = db
        self._since = since
        self._opener = opener
        self._last_id = last_id
        self._retry_seconds = retry_seconds
        self._stopping = threading.Event()

    @property
    def since(self) -> int | None:
        """The last change id handed out (where a new feed starts)."""
        return self._since

    def request_stop(self) -> None:
        self._stopping.set()

    def run(self) -> None:
        feed: ChangeFeed | None = None
        outage = False
        try:
            while not self._stopping.is_set():
                try:
                    if feed is None:
                        if self._since is None:
                            self._since = self._last_id(self._db)
                        feed = self._opener(self._db, self._since)
                        outage = False
                        self.opened.emit()
                    batch = feed.wait(WAIT_SECONDS)
                    self._since = feed.last_id
                except Exception as error:
                    self._report(error, first=not outage)
                    outage = True
                    if feed is not None:
                        self._close(feed)
                        feed = None
                    self._stopping.wait(self._retry_seconds)
                    continue
                if batch:
                    self.changes.emit(batch)
        finally:
            if feed is not None:
                self._close(feed)

    def _report(self, error: Exception, *, first: bool) -> None:
        from workstation.services.feed import feed_problem

        problem = feed_problem(error)
        if problem is None:
            log.exception("the change feed failed (a bug); retrying")
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        if first:
            log.warning("the change feed lost the database: %s", problem.detail)
        self.failed.emit(problem.detail)

    @staticmethod
    def _close(feed: ChangeFeed) -> None:
        try:
            feed.close()
        except Exception:
            log.debug("closing a broken change feed failed", exc_info=True)


class LiveConnection(QObject):
    """Changes from other desks, delivered on the GUI thread, and whether the desk is live."""

    changes = Signal(object)  # list[Change], on the GUI thread
    state_changed = Signal(str)  # a LiveState

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        *,
        opener: FeedOpener = open_feed,
        last_id: LastIdReader = last_change_id,
        retry_seconds: float = RETRY_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._opener = opener
        self._last_id = last_id
        self._retry_seconds = retry_seconds
        self._follower: _FeedFollower | None = None
        self._since: int | None = None
        self._feed_ok: bool | None = None  # None until the first feed opened or failed
        self._tasks_ok = True
        self._problem = ""
        self._state = LiveState.CONNECTING
        self._probe = QTimer(self)
        self._probe.setInterval(round(retry_seconds * 1000))
        self._probe.timeout.connect(self._send_probe)
        runner.problem.connect(self._on_task_problem)
        runner.reachable.connect(self._on_task_reachable)

    @property
    def state(self) -> LiveState:
        return self._state

    @property
    def problem(self) -> str:
        """What went wrong last (for the status bar's tooltip); empty when nothing did."""
        return self._problem

    @property
    def running(self) -> bool:
        return self._follower is not None

    def start(self) -> None:
        """Start following the feed from now (or from where a stopped follower left off)."""
        if self._follower is not None:
            return
        follower = _FeedFollower(
            self._db, self._since, self._opener, self._last_id, self._retry_seconds
        )
        follower.changes.connect(self.changes)
        follower.opened.connect(self._on_feed_opened)
        follower.failed.connect(self._on_feed_failed)
        self._follower = follower
        follower.start()

    def stop(self) -> None:
        """End the thread (within a quarter of a second) and wait for it."""
        self._probe.stop()
        follower = self._follower
        if follower is None:
            return
        follower.request_stop()
        follower.wait()
        self._since = follower.since
        self._follower = None
        follower.deleteLater()

    @Slot()
    def _on_feed_opened(self) -> None:
        self._feed_ok = True
        self._update()

    @Slot(str)
    def _on_feed_failed(self, detail: str) -> None:
        self._feed_ok = False
        self._problem = detail
        self._update()

    @Slot(object)
    def _on_task_problem(self, problem: DatabaseProblem) -> None:
        if problem.kind is not ProblemKind.CONNECTION_LOST:
            return
        self._tasks_ok = False
        self._problem = problem.detail
        if not self._probe.isActive():
            self._probe.start()
        self._update()

    @Slot()
    def _on_task_reachable(self) -> None:
        self._probe.stop()
        if not self._tasks_ok:
            self._tasks_ok = True
            self._update()

    @Slot()
    def _send_probe(self) -> None:
        # Any answer will do: `reachable` or `problem` come from the runner itself.
        self._runner.read(self._last_id, self._db, on_error=_ignore, key="live-probe")

    def _update(self) -> None:
        if self._feed_ok is False or not self._tasks_ok:
            state = LiveState.RECONNECTING
        elif self._feed_ok is None:
            state = LiveState.CONNECTING
        else:
            state = LiveState.LIVE
        if state is LiveState.LIVE:
            self._problem = ""
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state.value)


def _ignore(_error: BaseException) -> None:
    """The probe's failure is already reported by the runner's `problem` signal."""
