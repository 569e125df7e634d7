"""The change feed: a durable change log plus a wake-up, so every desk sees every change.

Writers call `record_change` inside their transaction: the log row commits
with the change or not at all. PostgreSQL also sends NOTIFY (delivered at
commit) so listeners wake at once; SQLite listeners poll `PRAGMA data_version`,
which costs microseconds. A `ChangeFeed` hands out batches from the last id it
saw, so a desk that was disconnected catches up without missing anything.
"""

from __future__ import annotations

import select as select_module
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import ChangeLogEntry, UTCDateTime

NOTIFY_CHANNEL = "workstation_changes"
SQLITE_POLL_SECONDS = 0.02
# A PostgreSQL id can commit after a higher one; a hole is looked for this long.
GAP_PATIENCE_SECONDS = 30.0
BATCH_LIMIT = 1000

_UTC = UTCDateTime()


@dataclass(frozen=True)
class Change:
    """One committed change as other desks see it."""

    id: int
    at: datetime
    entity: str
    entity_id: int
    action: str
    user_id: int | None
    data: dict[str, Any]


def record_change(
    session: Session,
    entity: str,
    entity_id: int,
    action: str,
    user_id: int | None,
    data: dict[str, Any] | None = None,
) -> None:
    """Log a change in the caller's transaction (and wake PostgreSQL listeners on commit)."""
    session.add(
        ChangeLogEntry(
            entity=entity, entity_id=entity_id, action=action, user_id=user_id, data=data or {}
        )
    )
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": NOTIFY_CHANNEL})


def last_change_id(db: Database) -> int:
    """Where a desk that starts now begins following the feed."""
    with db.session() as session:
        return int(session.scalar(select(func.coalesce(func.max(ChangeLogEntry.id), 0))) or 0)


class ChangeFeed(Protocol):
    """Batches of changes committed after the last one handed out."""

    last_id: int

    def wait(self, timeout: float) -> list[Change]:
        """Block up to `timeout` seconds; return new changes (maybe none)."""
        ...

    def close(self) -> None: ...


_SELECT_AFTER = (
    "SELECT id, at, entity, entity_id, action, user_id, data FROM change_log "
    "WHERE id > {p} ORDER BY id LIMIT {limit}"
)


def _row_to_change(row: tuple[Any, ...], dialect: Any, decode_json: bool) -> Change:
    data = row[6]
    if decode_json and isinstance(data, str):
        import json

        data = json.loads(data)
    at = _UTC.process_result_value(row[1], dialect)
    assert at is not None
    return Change(int(row[0]), at, row[2], int(row[3]), row[4], row[5], data or {})


class SqliteChangeFeed:
    """Polls `PRAGMA data_version` on a connection of its own; reads the log when it moves."""

    def __init__(self, database_path: str, since: int) -> None:
        self.last_id = since
        self._conn = sqlite3.connect(database_path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._data_version: int | None = None
        from sqlalchemy.dialects import sqlite

        self._dialect = sqlite.dialect()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _fetch(self) -> list[Change]:
        rows = self._conn.execute(
            _SELECT_AFTER.format(p="?", limit=BATCH_LIMIT), (self.last_id,)
        ).fetchall()
        changes = [_row_to_change(row, self._dialect, True) for row in rows]
        if changes:
            self.last_id = changes[-1].id
        return changes

    def wait(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while True:
            version = self._version()
            if version != self._data_version:
                self._data_version = version
                changes = self._fetch()
                if changes:
                    if len(changes) == BATCH_LIMIT:
                        self._data_version = None  # more to read: come straight back
                    return changes
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            time.sleep(min(SQLITE_POLL_SECONDS, remaining))

    def close(self) -> None:
        self._conn.close()


class PostgresChangeFeed:
    """LISTENs on a connection of its own; NOTIFY wakes it, the log says what changed."""

    def __init__(self, url: URL, since: int) -> None:
        self.last_id = since
        conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        import psycopg  # only a PostgreSQL desk pays for importing the driver

        self._conn = psycopg.connect(conninfo, autocommit=True)
        self._conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        self._gaps: dict[int, float] = {}
        from sqlalchemy.dialects import postgresql

        self._dialect = postgresql.dialect()

    def fileno(self) -> int:
        """The socket to watch, for callers that multiplex (e.g. a QSocketNotifier)."""
        return self._conn.fileno()

    def _fetch(self) -> list[Change]:
        rows = self._conn.execute(
            _SELECT_AFTER.format(p="%s", limit=BATCH_LIMIT), (self.last_id,)
        ).fetchall()
        now = time.monotonic()
        if self._gaps:
            late = self._conn.execute(
                "SELECT id, at, entity, entity_id, action, user_id, data FROM change_log "
                "WHERE id = ANY(%s) ORDER BY id",
                (list(self._gaps),),
            ).fetchall()
            for row in late:
                self._gaps.pop(int(row[0]), None)
            self._gaps = {k: t for k, t in self._gaps.items() if now - t < GAP_PATIENCE_SECONDS}
            rows = sorted([*late, *rows], key=lambda r: int(r[0]))
        expected = self.last_id + 1
        for row in rows:
            row_id = int(row[0])
            if row_id > self.last_id:
                for missing in range(expected, row_id):
                    self._gaps.setdefault(missing, now)
                expected = row_id + 1
        changes = [_row_to_change(row, self._dialect, False) for row in rows]
        if changes:
            self.last_id = max(self.last_id, max(c.id for c in changes))
        return changes

    def _drain_notifies(self, timeout: float) -> bool:
        """Wait for a notification on the socket; True if one (or more) came."""
        ready, _, _ = select_module.select([self._conn.fileno()], [], [], max(timeout, 0))
        if not ready:
            return False
        got = False
        for _ in self._conn.notifies(timeout=0):
            got = True
        return got

    def wait(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        changes = self._fetch()
        while not changes:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            wake = min(remaining, 1.0) if self._gaps else remaining
            self._drain_notifies(wake)
            changes = self._fetch()
        return changes

    def close(self) -> None:
        self._conn.close()


def open_feed(db: Database, since: int) -> ChangeFeed:
    """A feed on its own connection for this database's back end."""
    if db.backend == "sqlite":
        assert db.url.database
        return SqliteChangeFeed(db.url.database, since)
    return PostgresChangeFeed(db.url, since)
