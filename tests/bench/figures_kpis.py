"""KPI figures: `kpi_summary_month`, every KPI of the last whole month (no filter), beside its
floor: the heaviest of the statements the service ran, replayed with the same parameters
through the DBAPI cursor of one pooled connection.

The statements are caught as the service sends them (`before_cursor_execute`), so the floor
is exactly what the service asked of the database, not a hand-written stand-in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database
from workstation.models import User
from workstation.services.auth import SignedInUser
from workstation.services.kpi_filters import Period
from workstation.services.kpis import kpi_summary

NAMES = ("kpi_summary_month",)
REPEAT = 20


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def _time(action: Callable[[], object], repeat: int = REPEAT) -> list[float]:
    for _ in range(2):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def last_whole_month(today: date) -> Period:
    first = today.replace(day=1) - timedelta(days=1)
    return Period.month(first.year, first.month)


def _supervisor(db: Database) -> SignedInUser:
    with db.session() as session:
        user = session.scalars(select(User).where(User.role == "supervisor").limit(1)).one()
        return SignedInUser(user.id, user.username, user.display_name, user.role, None, ())


def _statements(db: Database, action: Callable[[], object]) -> list[tuple[str, Any]]:
    """The SQL and parameters `action` sends, as the driver receives them."""
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):  # not BEGIN and the like
            caught.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)
    return caught


def _heaviest_floor(db: Database, statements: list[tuple[str, Any]]) -> tuple[list[float], str]:
    """Each statement timed raw on one connection; the samples of the slowest, and its SQL."""
    with db.engine.connect() as conn:
        cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

        def runner(sql: str, params: Any) -> Callable[[], None]:
            def run() -> None:
                cursor.execute(sql, params)
                cursor.fetchall()

            return run

        timed = [(_time(runner(sql, params), repeat=5), sql, params) for sql, params in statements]
        _, sql, params = max(timed, key=lambda t: sorted(t[0])[len(t[0]) // 2])
        samples = _time(runner(sql, params))
        cursor.close()
        conn.rollback()
    return samples, sql


def run(url: URL, only: str | None = None) -> list[Figure]:
    if not any(_wanted(name, only) for name in NAMES):
        return []
    db = Database.connect(url)
    figures: list[Figure] = []
    try:
        now = datetime.now(UTC)
        period = last_whole_month(now.date())
        boss = _supervisor(db)

        def month() -> object:
            return kpi_summary(db, boss, period, now=now)

        summary = kpi_summary(db, boss, period, now=now)
        statements = _statements(db, month)
        floor, heaviest = _heaviest_floor(db, statements)
        first_line = " ".join(heaviest.split())[:60]
        figures.append(
            figure(
                "kpi_summary_month",
                _time(month),
                floor,
                note=(
                    f"{period.start:%Y-%m}: {summary.tickets_reported:,} reported, "
                    f"{summary.resolved:,} resolved, {summary.backlog:,} open; "
                    f"{len(statements)} statements, floor = heaviest: {first_line}…"
                ),
            )
        )
    finally:
        db.dispose()
    return figures
