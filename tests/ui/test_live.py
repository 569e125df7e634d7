"""The live connection: other desks' changes arrive; a lost database is retried, nothing missed."""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from ui.live import LiveConnection, LiveState
from ui.tasks import TaskRunner
from workstation.changes import Change, ChangeFeed, open_feed, record_change
from workstation.db import Database
from workstation.errors import DatabaseProblem, ProblemKind


def commit_change(db: Database, entity_id: int, entity: str = "ticket") -> None:
    with db.session() as session:
        record_change(session, entity, entity_id, "update", None)
        session.commit()


class Collector:
    """Records what the connection hands to the GUI thread, and on which thread."""

    def __init__(self, live: LiveConnection) -> None:
        self.ids: list[int] = []
        self.states: list[str] = []
        self.on_gui_thread = True
        live.changes.connect(self.take)
        live.state_changed.connect(self.states.append)

    def take(self, changes: list[Change]) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        self.on_gui_thread &= QThread.currentThread() is app.thread()
        self.on_gui_thread &= threading.current_thread() is threading.main_thread()
        self.ids += [change.entity_id for change in changes]


def test_changes_committed_elsewhere_arrive_on_the_gui_thread(
    qtbot: QtBot, db: Database, live: LiveConnection
) -> None:
    seen = Collector(live)
    live.start()
    qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
    for entity_id in (1, 2, 3):
        commit_change(db, entity_id)
    qtbot.waitUntil(lambda: seen.ids == [1, 2, 3], timeout=5000)
    assert seen.on_gui_thread
    assert seen.states == ["live"]


class _BreakingFeed:
    """A real feed that fails like a dropped connection after its first batch."""

    def __init__(self, feed: ChangeFeed) -> None:
        self._feed = feed
        self.last_id = feed.last_id
        self._batches = 0

    def wait(self, timeout: float) -> list[Change]:
        if self._batches >= 1:
            raise sqlite3.OperationalError("disk I/O error")
        changes = self._feed.wait(timeout)
        self.last_id = self._feed.last_id
        if changes:
            self._batches += 1
        return changes

    def close(self) -> None:
        self._feed.close()


def test_a_lost_feed_reconnects_from_where_it_was_and_misses_nothing(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    opened_from: list[int] = []
    outage = threading.Event()
    resume = threading.Event()

    def opener(database: Database, since: int) -> Any:
        opened_from.append(since)
        if len(opened_from) == 1:
            return _BreakingFeed(open_feed(database, since))
        outage.set()
        if not resume.is_set():
            raise sqlite3.OperationalError("unable to open database file")
        return open_feed(database, since)

    live = LiveConnection(db, runner, opener=opener, retry_seconds=0.05)
    seen = Collector(live)
    try:
        live.start()
        qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
        commit_change(db, 1)
        qtbot.waitUntil(lambda: live.state is LiveState.RECONNECTING, timeout=5000)
        assert "disk I/O error" in live.problem or "unable to open" in live.problem
        assert outage.wait(5)
        for entity_id in (2, 3, 4):  # committed while this desk is away
            commit_change(db, entity_id)
        resume.set()
        qtbot.waitUntil(lambda: seen.ids == [1, 2, 3, 4], timeout=5000)
        assert live.state is LiveState.LIVE
        assert live.problem == ""
        assert seen.states == ["live", "reconnecting", "live"]
        assert len(set(opened_from[1:])) == 1 and opened_from[1] > opened_from[0]
    finally:
        live.stop()


def test_stop_ends_the_feed_thread_quickly(qtbot: QtBot, live: LiveConnection) -> None:
    live.start()
    qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
    started = time.monotonic()
    live.stop()
    assert time.monotonic() - started < 0.35
    assert not live.running


def test_a_task_that_lost_the_connection_means_reconnecting_until_the_database_answers(
    qtbot: QtBot, live: LiveConnection, runner: TaskRunner
) -> None:
    seen = Collector(live)
    live.start()
    qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
    runner.problem.emit(
        DatabaseProblem(ProblemKind.CONNECTION_LOST, "server closed the connection")
    )
    assert live.state is LiveState.RECONNECTING
    assert live.problem == "server closed the connection"
    # The connection probes the database every second; the real one answers.
    qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
    assert seen.states == ["live", "reconnecting", "live"]


def test_a_busy_database_is_not_a_lost_connection(
    qtbot: QtBot, live: LiveConnection, runner: TaskRunner
) -> None:
    live.start()
    qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
    with qtbot.assertNotEmitted(live.state_changed, wait=100):
        runner.problem.emit(DatabaseProblem(ProblemKind.BUSY, "database is locked"))
    assert live.state is LiveState.LIVE
