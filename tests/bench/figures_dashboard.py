"""Dashboard figures: the whole snapshot a refresh reads (`dashboard_refresh`: 30 days, no
filter; `dashboard_refresh_7d_vip`: 7 days of VIP customers), with the past days already
summed, each beside its floor: the very statements the snapshot sent (caught on the
engine), replayed with the same parameters through the DBAPI cursor of one pooled
connection. `dashboard_first_sum` is a refresh that first sums 30 past days (what the first
dashboard of a day after the rollups were emptied pays): no floor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, event
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure, time_ms
from workstation.db import Database
from workstation.models import DashboardDayRollup, DashboardRollupDay
from workstation.services.auth import SignedInUser
from workstation.services.dashboard import dashboard_snapshot, days_of, today_of
from workstation.services.kpi_filters import KpiFilter, Period

NAMES = ("dashboard_refresh", "dashboard_refresh_7d_vip", "dashboard_first_sum")
REPEAT = 30
SUPERVISOR = SignedInUser(0, "bench", "bench", "supervisor", None, ())


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def _statements(db: Database, action: Callable[[], object]) -> list[tuple[str, Any]]:
    """The queries and parameters `action` sends to the database (no BEGIN, no writes)."""
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            caught.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)
    return caught


def _floor(db: Database, statements: list[tuple[str, Any]]) -> list[float]:
    with db.engine.connect() as conn:
        cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

        def run() -> None:
            for sql, parameters in statements:
                cursor.execute(sql, parameters)
                cursor.fetchall()

        samples = time_ms(run, REPEAT)
        cursor.close()
        conn.rollback()
    return samples


def _refresh(db: Database, name: str, flt: KpiFilter, period: Period, now: datetime) -> Figure:
    def action() -> object:
        return dashboard_snapshot(db, SUPERVISOR, flt, period, now)

    action()  # sums the past days that are not summed yet
    statements = _statements(db, action)
    snapshot = dashboard_snapshot(db, SUPERVISOR, flt, period, now)
    tickets = sum(p.tickets for p in snapshot.days)
    return figure(
        name,
        time_ms(action, REPEAT),
        _floor(db, statements),
        note=f"{len(statements)} statements, {snapshot.tiles.open:,} open, "
        f"{tickets:,} tickets in {len(days_of(period))} days",
    )


def _first_sum(db: Database, period: Period, now: datetime) -> Figure:
    samples = []
    for _ in range(3):
        with db.session() as session:
            session.execute(
                delete(DashboardDayRollup).where(DashboardDayRollup.day >= period.start)
            )
            session.execute(
                delete(DashboardRollupDay).where(DashboardRollupDay.day >= period.start)
            )
            session.commit()
        started = time.perf_counter()
        snapshot = dashboard_snapshot(db, SUPERVISOR, KpiFilter(), period, now)
        samples.append((time.perf_counter() - started) * 1000)
    return figure(
        "dashboard_first_sum",
        samples,
        note=f"summed {len(snapshot.summed_days)} past days, then the snapshot",
    )


def run(url: URL, only: str | None = None) -> list[Figure]:
    if not any(_wanted(name, only) for name in NAMES):
        return []
    db = Database.connect(url)
    figures: list[Figure] = []
    try:
        now = datetime.now(UTC).replace(microsecond=0)
        today = today_of(db, now)
        month = Period(today - timedelta(days=29), today)
        if _wanted("dashboard_first_sum", only):
            figures.append(_first_sum(db, month, now))
        if _wanted("dashboard_refresh", only):
            figures.append(_refresh(db, "dashboard_refresh", KpiFilter(), month, now))
        if _wanted("dashboard_refresh_7d_vip", only):
            week = Period(today - timedelta(days=6), today)
            figures.append(
                _refresh(db, "dashboard_refresh_7d_vip", KpiFilter(tiers=("vip",)), week, now)
            )
    finally:
        db.dispose()
    return figures
