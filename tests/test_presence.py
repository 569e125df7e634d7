"""Presence: two users on one ticket see each other; a stopped heartbeat goes stale; leaving
removes the row; only opening and leaving reach the change feed (heartbeats stay quiet)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests.factories import add_customer, add_desk_user, add_ticket
from workstation.changes import Change, last_change_id, open_feed
from workstation.db import Database
from workstation.desk import desk_id
from workstation.models import TicketPresence, User
from workstation.services.auth import SignedInUser
from workstation.services.presence import (
    STALE_AFTER,
    announce,
    leave,
    purge_stale,
    viewers,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def named(db: Database, username: str, display_name: str) -> SignedInUser:
    user = add_desk_user(db, username)
    with db.session() as session:
        row = session.get(User, user.id)
        assert row is not None
        row.display_name = display_name
        session.commit()
    return SignedInUser(user.id, username, display_name, "agent", None, ())


def presence_changes(db: Database, since: int) -> list[Change]:
    feed = open_feed(db, since)
    try:
        return [c for c in feed.wait(0.2) if c.entity == "presence"]
    finally:
        feed.close()


def rows(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(TicketPresence)) or 0)


def test_two_users_on_one_ticket_see_each_other_and_only_each_other(db: Database) -> None:
    zhang = named(db, "zhangwei", "张伟")
    li = named(db, "lina", "李娜")
    ticket = add_ticket(db, add_customer(db))
    other_ticket = add_ticket(db, add_customer(db, "北京远望科技"))
    announce(db, zhang, "desk-a", ticket, now=T0)
    announce(db, li, "desk-b", ticket, now=T0 + timedelta(seconds=5))
    announce(db, li, "desk-b", other_ticket, now=T0 + timedelta(seconds=5))
    now = T0 + timedelta(seconds=10)

    seen_by_li = viewers(db, ticket, li.id, "desk-b", now=now)
    assert [(v.user_id, v.display_name, v.since) for v in seen_by_li] == [(zhang.id, "张伟", T0)]
    seen_by_zhang = viewers(db, ticket, zhang.id, "desk-a", now=now)
    assert [(v.display_name, v.since) for v in seen_by_zhang] == [
        ("李娜", T0 + timedelta(seconds=5))
    ]
    assert viewers(db, other_ticket, li.id, "desk-b", now=now) == ()


def test_the_same_user_at_a_second_desk_is_listed_once(db: Database) -> None:
    zhang = named(db, "zhangwei", "张伟")
    li = named(db, "lina", "李娜")
    ticket = add_ticket(db, add_customer(db))
    announce(db, zhang, "desk-a", ticket, now=T0)
    announce(db, zhang, "desk-c", ticket, now=T0 + timedelta(seconds=3))
    seen = viewers(db, ticket, li.id, "desk-b", now=T0 + timedelta(seconds=4))
    assert [(v.display_name, v.since) for v in seen] == [("张伟", T0)]
    # From desk-a, 张伟's other desk still shows (the ticket is open twice).
    mine = viewers(db, ticket, zhang.id, "desk-a", now=T0 + timedelta(seconds=4))
    assert [v.user_id for v in mine] == [zhang.id]


def test_a_stopped_heartbeat_is_ignored_and_a_running_one_keeps_the_viewer(db: Database) -> None:
    zhang = named(db, "zhangwei", "张伟")
    li = named(db, "lina", "李娜")
    wang = named(db, "wangfang", "王芳")
    ticket = add_ticket(db, add_customer(db))
    announce(db, zhang, "desk-a", ticket, now=T0)  # then crashes: no more heartbeats
    announce(db, li, "desk-b", ticket, now=T0)
    for beat in range(1, 5):  # 李娜 stays, beating every 30 s
        announce(db, li, "desk-b", ticket, now=T0 + timedelta(seconds=30 * beat))
    later = T0 + timedelta(seconds=121)
    seen = viewers(db, ticket, wang.id, "desk-w", now=later)
    assert [(v.display_name, v.since) for v in seen] == [("李娜", T0)]  # opened_at kept
    just_in_time = T0 + STALE_AFTER
    assert {v.display_name for v in viewers(db, ticket, wang.id, "desk-w", now=just_in_time)} == {
        "张伟",
        "李娜",
    }
    assert purge_stale(db, later) == 1
    assert rows(db) == 1


def test_leaving_removes_the_row_and_tells_other_desks(db: Database) -> None:
    zhang = named(db, "zhangwei", "张伟")
    li = named(db, "lina", "李娜")
    ticket = add_ticket(db, add_customer(db))
    start = last_change_id(db)
    announce(db, zhang, "desk-a", ticket)
    announce(db, zhang, "desk-a", ticket)  # a heartbeat: quiet
    announce(db, zhang, "desk-a", ticket)
    leave(db, zhang, "desk-a", ticket)
    leave(db, zhang, "desk-a", ticket)  # already gone: quiet
    changes = presence_changes(db, start)
    assert [(c.entity_id, c.action, c.user_id, c.data) for c in changes] == [
        (ticket, "update", zhang.id, {"ticket_id": ticket, "desk": "desk-a"}),
        (ticket, "delete", zhang.id, {"ticket_id": ticket, "desk": "desk-a"}),
    ]
    assert viewers(db, ticket, li.id, "desk-b") == ()
    assert rows(db) == 0


def test_a_stale_row_taken_up_again_counts_as_opened_anew(db: Database) -> None:
    zhang = named(db, "zhangwei", "张伟")
    li = named(db, "lina", "李娜")
    ticket = add_ticket(db, add_customer(db))
    announce(db, zhang, "desk-a", ticket, now=T0)
    start = last_change_id(db)
    back = T0 + timedelta(minutes=5)  # the desk was cut off, then came back
    announce(db, zhang, "desk-a", ticket, now=back)
    assert [c.action for c in presence_changes(db, start)] == ["update"]
    seen = viewers(db, ticket, li.id, "desk-b", now=back)
    assert [v.since for v in seen] == [back]


def test_a_desk_id_is_stable_while_the_desk_runs() -> None:
    assert desk_id() == desk_id()
    assert 0 < len(desk_id()) <= 80
