"""The change feed: what one desk commits, another desk's feed hands out, in order, once."""

from __future__ import annotations

import threading

from workstation.changes import last_change_id, open_feed, record_change
from workstation.db import Database


def _commit_change(db: Database, entity_id: int) -> None:
    with db.session() as session:
        record_change(session, "ticket", entity_id, "update", None, {"n": entity_id})
        session.commit()


def test_a_committed_change_reaches_a_listening_feed(db: Database) -> None:
    feed = open_feed(db, last_change_id(db))
    try:
        _commit_change(db, 7)
        changes = feed.wait(2.0)
        assert [(c.entity, c.entity_id, c.data) for c in changes] == [("ticket", 7, {"n": 7})]
        assert feed.wait(0.05) == []
    finally:
        feed.close()


def test_a_rolled_back_change_is_never_seen(db: Database) -> None:
    feed = open_feed(db, last_change_id(db))
    try:
        with db.session() as session:
            record_change(session, "ticket", 1, "update", None)
            session.rollback()
        _commit_change(db, 2)
        assert [c.entity_id for c in feed.wait(2.0)] == [2]
    finally:
        feed.close()


def test_a_desk_that_was_away_catches_up_from_where_it_left_off(db: Database) -> None:
    since = last_change_id(db)
    for i in range(5):
        _commit_change(db, i)
    feed = open_feed(db, since)
    try:
        seen: list[int] = []
        while len(seen) < 5:
            batch = feed.wait(2.0)
            assert batch, "feed stopped short"
            seen += [c.entity_id for c in batch]
        assert seen == [0, 1, 2, 3, 4]
    finally:
        feed.close()


def test_changes_from_concurrent_writers_are_all_delivered(db: Database) -> None:
    feed = open_feed(db, last_change_id(db))
    try:

        def writer(offset: int) -> None:
            for i in range(20):
                _commit_change(db, offset + i)

        threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(3)]
        for t in threads:
            t.start()
        seen: set[int] = set()
        for _ in range(200):
            seen |= {c.entity_id for c in feed.wait(0.5)}
            if len(seen) == 60:
                break
        for t in threads:
            t.join()
        assert seen == {k * 100 + i for k in range(3) for i in range(20)}
    finally:
        feed.close()
