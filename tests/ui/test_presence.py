"""Presence between two desks: each sees the other on the same ticket at once (change feed),
a crashed desk's stale row is ignored, closing or switching tickets removes this desk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from tests.factories import add_customer, add_ticket
from tests.ui.helpers import add_user
from ui.i18n import CHINESE, Translations
from ui.live import LiveConnection, LiveState
from ui.presence import TicketPresence
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.models import TicketPresence as PresenceRow
from workstation.services.auth import SignedInUser
from workstation.services.presence import announce


def user(db: Database, username: str, name: str) -> SignedInUser:
    user_id = add_user(db, username, display_name=name)
    return SignedInUser(user_id, username, name, "agent", None, ())


class Desk:
    """One desk: its own task runner, live connection and presence controller."""

    def __init__(self, db: Database, who: SignedInUser, desk: str, heartbeat_ms: int) -> None:
        self.runner = TaskRunner()
        self.live = LiveConnection(db, self.runner)
        self.presence = TicketPresence(db, self.runner, who, desk, heartbeat_ms=heartbeat_ms)
        self.screen = QWidget()  # the ticket screen the banner sits in
        QVBoxLayout(self.screen).addWidget(self.presence.banner)
        self.screen.show()
        self.live.changes.connect(self.presence.on_changes)
        self.live.start()

    def names(self) -> list[str]:
        return [v.display_name for v in self.presence.viewers]

    def stop(self) -> None:
        self.presence.close()
        self.live.stop()
        self.runner.shutdown()
        QCoreApplication.processEvents()
        self.screen.close()
        self.screen.deleteLater()


@pytest.fixture
def desks(db: Database) -> Iterator[list[Desk]]:
    made: list[Desk] = []
    yield made
    for desk in made:
        desk.stop()


def test_two_desks_see_each_other_on_a_ticket_and_a_leaving_desk_drops_out(
    qtbot: QtBot, db: Database, desks: list[Desk], translations: Translations
) -> None:
    zhang, li = user(db, "zhangwei", "张伟"), user(db, "lina", "李娜")
    ticket = add_ticket(db, add_customer(db))
    other = add_ticket(db, add_customer(db, "北京远望科技"))
    a = Desk(db, zhang, "desk-a", heartbeat_ms=30_000)
    b = Desk(db, li, "desk-b", heartbeat_ms=30_000)
    desks += [a, b]
    qtbot.waitUntil(lambda: a.live.state is b.live.state is LiveState.LIVE, timeout=5000)

    with qtbot.waitSignal(a.presence.viewers_changed, timeout=5000):
        a.presence.open(ticket)
    assert a.names() == [] and a.presence.banner.isHidden()

    b.presence.open(ticket)
    qtbot.waitUntil(lambda: b.names() == ["张伟"], timeout=5000)
    qtbot.waitUntil(lambda: a.names() == ["李娜"], timeout=5000)  # through the change feed
    assert a.presence.banner.isVisible()
    assert a.presence.banner.text() == "李娜 also has this ticket open"
    assert b.presence.banner.text() == "张伟 also has this ticket open"
    assert "张伟: open since " in b.presence.banner.toolTip()
    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: a.presence.banner.text() == "李娜也在查看此工单", timeout=2000)

    b.presence.open(other)  # a switch leaves the first ticket
    qtbot.waitUntil(lambda: a.names() == [], timeout=5000)
    assert a.presence.banner.isHidden()
    assert b.names() == [] and b.presence.ticket_id == other

    b.presence.open(ticket)
    qtbot.waitUntil(lambda: a.names() == ["李娜"], timeout=5000)
    b.presence.close()
    qtbot.waitUntil(lambda: a.names() == [], timeout=5000)


def test_several_viewers_are_named_and_a_crashed_desk_is_ignored(
    qtbot: QtBot, db: Database, desks: list[Desk]
) -> None:
    zhang, li = user(db, "zhangwei", "张伟"), user(db, "lina", "李娜")
    wang, zhao = user(db, "wangfang", "王芳"), user(db, "zhaolei", "赵磊")
    ticket = add_ticket(db, add_customer(db))
    a = Desk(db, zhang, "desk-a", heartbeat_ms=100)
    desks.append(a)
    qtbot.waitUntil(lambda: a.live.state is LiveState.LIVE, timeout=5000)
    now = datetime.now(UTC)
    announce(db, li, "desk-b", ticket, now=now - timedelta(seconds=10))
    announce(db, wang, "desk-w", ticket, now=now - timedelta(seconds=5))
    announce(db, zhao, "desk-z", ticket, now=now)
    a.presence.open(ticket)
    qtbot.waitUntil(lambda: a.names() == ["李娜", "王芳", "赵磊"], timeout=5000)
    assert a.presence.banner.text() == "李娜, 王芳 and 1 more have this ticket open"

    # 赵磊's desk crashed: its heartbeats stopped five minutes ago (no change is sent).
    with db.session() as session:
        session.execute(
            update(PresenceRow)
            .where(PresenceRow.desk == "desk-z")
            .values(seen_at=now - timedelta(minutes=5))
        )
        session.commit()
    # The next heartbeat (100 ms here, 30 s in the desk) reads again and drops it.
    qtbot.waitUntil(lambda: a.names() == ["李娜", "王芳"], timeout=5000)
    assert a.presence.banner.text() == "李娜 and 王芳 have this ticket open"
