"""Two desks in two processes on one database: every change the other desk commits reaches
this desk's live connection (a real feed thread) within the budget, and a desk cut off from
the database catches up with everything committed meanwhile, exactly once and in order.

The other desk is `tests/desk_writer.py` in a process of its own, saving customers through
the real service. The outage: on PostgreSQL a TCP forwarder in front of the server goes down
(a real lost connection); on SQLite, which has no connection to lose, the desk's feed fails
while a switch is set (its open and its reads raise the error a lost file gives).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from tests.conftest import url_for_subprocess
from tests.desk_writer import NOTE
from tests.factories import add_customer, add_desk_user
from tests.forwarder import Forwarder
from tests.other_desk import OtherDesk
from tests.ui.desk import PASSWORD, sign_in_through_dialog
from tests.ui.helpers import add_user
from ui.i18n import Translations
from ui.live import LiveConnection, LiveState
from ui.session import Workstation
from ui.settings import DeskSettings
from ui.tasks import TaskRunner
from workstation.changes import Change, ChangeFeed, open_feed
from workstation.db import Database, describe_url

BUDGET_S = 2.0  # generous: the figure itself is the benchmark's job (tests/bench)


class Arrivals:
    """Customer changes as this desk's GUI thread receives them, with the wall-clock time."""

    def __init__(self, live: LiveConnection) -> None:
        self.seen: list[tuple[int, float]] = []
        self.states: list[str] = []
        live.changes.connect(self.take)
        live.state_changed.connect(self.states.append)

    def take(self, changes: list[Change]) -> None:
        at = time.time()
        self.seen += [(c.entity_id, at) for c in changes if c.entity == "customer"]

    def ids(self) -> list[int]:
        return [entity_id for entity_id, _ in self.seen]


@dataclass
class Outage:
    """Cuts this desk off from the database and brings it back; `db` is the desk's database."""

    db: Database
    down: Callable[[], None]
    up: Callable[[], None]
    opener: Callable[[Database, int], ChangeFeed]


class _SwitchedFeed:
    """A real SQLite feed that fails like a lost file while the switch is set."""

    def __init__(self, feed: ChangeFeed, cut: threading.Event) -> None:
        self._feed = feed
        self._cut = cut
        self.last_id = feed.last_id

    def wait(self, timeout: float) -> list[Change]:
        if self._cut.is_set():
            raise sqlite3.OperationalError("disk I/O error")
        changes = self._feed.wait(timeout)
        self.last_id = self._feed.last_id
        return changes

    def close(self) -> None:
        self._feed.close()


@contextmanager
def outage_for(db: Database, database_url: URL) -> Iterator[Outage]:
    if db.backend == "sqlite":
        cut = threading.Event()

        def opener(database: Database, since: int) -> ChangeFeed:
            if cut.is_set():
                raise sqlite3.OperationalError("unable to open database file")
            return _SwitchedFeed(open_feed(database, since), cut)

        yield Outage(db, cut.set, cut.clear, opener)
        return
    forwarder = Forwarder(database_url.host or "127.0.0.1", database_url.port or 5432)
    forwarder.up()
    through = Database.connect(database_url.set(host="127.0.0.1", port=forwarder.port))

    def down() -> None:
        forwarder.down()
        through.dispose()

    try:
        yield Outage(through, down, forwarder.up, open_feed)
    finally:
        forwarder.down()
        through.dispose()


@pytest.fixture
def other_desk(db: Database, database_url: URL) -> Iterator[tuple[OtherDesk, list[int]]]:
    """The other desk's process (signed in as its own user) and 12 customers to edit."""
    user = add_desk_user(db, "other_desk")
    customers = [add_customer(db, f"客户{i:02d}有限公司").customer_id for i in range(12)]
    desk = OtherDesk(url_for_subprocess(database_url), user.id)
    try:
        desk.wait_ready()
        yield desk, customers
    finally:
        desk.close()


def wait_batches(qtbot: QtBot, desk: OtherDesk, count: int) -> None:
    qtbot.waitUntil(lambda: desk.batches_done >= count, timeout=30_000)


def test_every_change_committed_in_another_process_arrives_in_order_within_the_budget(
    qtbot: QtBot, db: Database, runner: TaskRunner, other_desk: tuple[OtherDesk, list[int]]
) -> None:
    desk, customers = other_desk
    live = LiveConnection(db, runner)
    arrivals = Arrivals(live)
    try:
        live.start()
        qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
        desk.edit(customers, interval_ms=60, jitter_ms=20)
        qtbot.waitUntil(lambda: len(arrivals.seen) >= len(customers), timeout=30_000)
        wait_batches(qtbot, desk, 1)
        qtbot.wait(300)  # nothing more comes
        commits = desk.committed()
        assert arrivals.ids() == [c.customer_id for c in commits] == customers
        delays = [seen - c.at for (_, seen), c in zip(arrivals.seen, commits, strict=True)]
        assert max(delays) < BUDGET_S, delays
        assert arrivals.states == ["live"]
    finally:
        live.stop()


def test_a_desk_cut_off_catches_up_with_everything_committed_meanwhile_exactly_once(
    qtbot: QtBot,
    db: Database,
    database_url: URL,
    other_desk: tuple[OtherDesk, list[int]],
) -> None:
    desk, customers = other_desk
    before, during, after = customers[:3], customers[3:9], customers[9:]
    with outage_for(db, database_url) as outage:
        runner = TaskRunner()
        live = LiveConnection(outage.db, runner, opener=outage.opener, retry_seconds=0.2)
        arrivals = Arrivals(live)
        try:
            live.start()
            qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
            desk.edit(before, interval_ms=50)
            qtbot.waitUntil(lambda: arrivals.ids() == before, timeout=10_000)

            outage.down()
            qtbot.waitUntil(lambda: live.state is LiveState.RECONNECTING, timeout=10_000)
            desk.edit(during)  # the other desk works on while this one is away
            wait_batches(qtbot, desk, 2)
            qtbot.wait(500)  # a few reconnect attempts fail
            assert live.state is LiveState.RECONNECTING
            assert live.problem  # what went wrong, for the status bar's tooltip
            assert arrivals.ids() == before

            outage.up()
            qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=10_000)
            qtbot.waitUntil(lambda: len(arrivals.seen) >= len(before + during), timeout=10_000)
            desk.edit(after, interval_ms=50)
            wait_batches(qtbot, desk, 3)
            qtbot.waitUntil(lambda: len(arrivals.seen) >= len(customers), timeout=10_000)
            qtbot.wait(300)  # nothing more comes (no change twice)
            assert arrivals.ids() == [c.customer_id for c in desk.committed()] == customers
            assert arrivals.states == ["live", "reconnecting", "live"]
            assert live.problem == ""
        finally:
            live.stop()
            runner.shutdown()
            QCoreApplication.processEvents()


def test_the_status_bar_says_reconnecting_and_the_open_card_catches_up(
    qtbot: QtBot,
    db: Database,
    database_url: URL,
    other_desk: tuple[OtherDesk, list[int]],
    translations: Translations,
    settings: DeskSettings,
) -> None:
    desk, customers = other_desk
    watched = customers[0]
    add_user(db, "zhangwei", PASSWORD, display_name="张伟")
    with outage_for(db, database_url) as outage:
        runner = TaskRunner()
        live = LiveConnection(outage.db, runner, opener=outage.opener, retry_seconds=0.2)
        station = Workstation(
            outage.db,
            describe_url(outage.db.url),
            translations=translations,
            settings=settings,
            runner=runner,
            live=live,
        )
        try:
            station.start()
            window = sign_in_through_dialog(qtbot, station, "zhangwei")
            status = window.status.connection
            qtbot.waitUntil(lambda: status.text() == "● Live", timeout=10_000)
            card = window.agent_desk.customer_card
            window.agent_desk.show_customer(watched)
            shown = lambda: card.card is not None and card.card.id == watched  # noqa: E731
            qtbot.waitUntil(shown, timeout=10_000)
            assert card.card is not None and card.card.notes == ""

            outage.down()
            qtbot.waitUntil(lambda: status.text() == "● Reconnecting…", timeout=10_000)
            desk.edit([watched, customers[1], watched])  # saved twice while this desk is away
            wait_batches(qtbot, desk, 1)
            qtbot.wait(300)
            assert status.text() == "● Reconnecting…"
            assert "Last problem:" in status.toolTip()
            assert card.card.notes == ""

            outage.up()
            qtbot.waitUntil(lambda: status.text() == "● Live", timeout=10_000)
            last = desk.committed()[-1]
            qtbot.waitUntil(
                lambda: card.card is not None and card.card.version == last.version, timeout=10_000
            )
            assert card.card.notes.startswith(NOTE)
            assert card.card.notes in window.agent_desk.customer_card.facts.text()
        finally:
            station.shutdown()
            station.sign_in_dialog.deleteLater()
            QCoreApplication.processEvents()
