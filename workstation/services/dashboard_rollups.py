"""Past days of the dashboard, summed once and kept fresh from the change log.

A past local day's tickets are summed into `dashboard_day_rollups` per region, queue,
product category, tier, response-time bucket and compliance state (one INSERT … SELECT per
run of consecutive days); `dashboard_rollup_days` says which days are summed and up to which
change-log id. Before a read, every ticket change after the oldest of those ids is looked up
(one statement: the change log joined to its tickets by id); a day with a change newer than
its own id is summed again. Days never summed are summed on first use (lazily); today is
never summed (the snapshot computes it live).

Two desks may sum the same day at once: the unique key refuses the second, which rolls back
and reads what the first wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workstation.models import (
    ChangeLogEntry,
    Customer,
    DashboardDayRollup,
    DashboardRollupDay,
    ProductModel,
    Ticket,
    UTCDateTime,
)
from workstation.services.dashboard_sql import (
    Clock,
    DashboardFilter,
    as_date,
    cached,
    compliance_state,
    joined_for,
    region_of_ticket,
    response_bucket,
)

log = logging.getLogger(__name__)

# Past this many unseen change-log entries, the checked days' ids move up even when none of
# the changes touched them (so the next check reads from there).
ADVANCE_AFTER = 500


def sum_statement(clock: Clock) -> Any:
    """Tickets reported in [:start, :end) grouped by day and every dimension (`:now` bound)."""
    return cached(("sum", clock), lambda: _build_sum(clock))


def _build_sum(clock: Clock) -> Any:
    day = clock.day_sql(Ticket.reported_at)
    columns = (
        day.label("day"),
        func.coalesce(region_of_ticket(), 0).label("region_id"),
        func.coalesce(Ticket.queue_id, 0).label("queue_id"),
        func.coalesce(ProductModel.category, "").label("product_category"),
        Customer.tier.label("tier"),
        response_bucket(clock).label("response_bucket"),
        compliance_state().label("compliance"),
    )
    start = bindparam("start", type_=UTCDateTime())
    end = bindparam("end", type_=UTCDateTime())
    statement = select(*columns, func.count().label("tickets"))
    return (
        joined_for(statement, DashboardFilter(), all_dims=True)
        .where(Ticket.reported_at >= start, Ticket.reported_at < end)
        .group_by(*columns)
    )


def touched_statement(clock: Clock) -> Any:
    """Per local day of [:start, :end), the newest change-log id in (:low, :mark] of one of
    its tickets."""
    return cached(("touched", clock), lambda: _build_touched(clock))


def _build_touched(clock: Clock) -> Any:
    day = clock.day_sql(Ticket.reported_at)
    return (
        select(day, func.max(ChangeLogEntry.id))
        .select_from(ChangeLogEntry)
        .join(Ticket, Ticket.id == ChangeLogEntry.entity_id)
        .where(
            ChangeLogEntry.id > bindparam("low"),
            ChangeLogEntry.id <= bindparam("mark"),
            ChangeLogEntry.entity == "ticket",
            Ticket.reported_at >= bindparam("start", type_=UTCDateTime()),
            Ticket.reported_at < bindparam("end", type_=UTCDateTime()),
        )
        .group_by(day)
    )


def ensure_rolled(
    session: Session, clock: Clock, first: date, last: date, now: datetime
) -> list[date]:
    """Make the days first..last (all before today) summed and fresh; return the days summed
    now. Commits its own writes (the caller's session reads after it)."""
    if last < first:
        return []
    mark = int(session.scalar(select(func.max(ChangeLogEntry.id))) or 0)
    rolled = {
        as_date(day): int(change_id)
        for day, change_id in session.execute(
            select(DashboardRollupDay.day, DashboardRollupDay.change_id).where(
                DashboardRollupDay.day >= first, DashboardRollupDay.day <= last
            )
        )
    }
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    todo = {day for day in days if day not in rolled}
    low = min(rolled.values(), default=mark)
    if low < mark:
        todo |= _touched(session, clock, rolled, low, mark, first, last)
    advance = mark - low > ADVANCE_AFTER
    if not todo and not advance:
        return []
    try:
        if todo:
            _sum_days(session, clock, sorted(todo), mark, now)
        session.execute(
            update(DashboardRollupDay)
            .where(
                DashboardRollupDay.day >= first,
                DashboardRollupDay.day <= last,
                DashboardRollupDay.change_id < mark,
            )
            .values(change_id=mark)
        )
        session.commit()
    except IntegrityError:
        # Another desk summed these days at the same moment: read what it wrote.
        session.rollback()
        log.info("dashboard days were summed by another desk at the same time")
        return []
    return sorted(todo)


def _touched(
    session: Session,
    clock: Clock,
    rolled: dict[date, int],
    low: int,
    mark: int,
    first: date,
    last: date,
) -> set[date]:
    """Summed days with a ticket change newer than their own change id."""
    rows = session.connection().execute(
        touched_statement(clock),
        {
            "low": low,
            "mark": mark,
            "start": clock.day_start(first),
            "end": clock.day_start(last + timedelta(days=1)),
        },
    )
    touched = set()
    for value, newest in rows:
        when = as_date(value)
        if when in rolled and int(newest) > rolled[when]:
            touched.add(when)
    return touched


def _runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days as (first, last) runs."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _sum_days(session: Session, clock: Clock, days: list[date], mark: int, now: datetime) -> None:
    session.execute(delete(DashboardDayRollup).where(DashboardDayRollup.day.in_(days)))
    session.execute(delete(DashboardRollupDay).where(DashboardRollupDay.day.in_(days)))
    table = cast(Table, DashboardDayRollup.__table__)
    target = [
        table.c[name]
        for name in (
            "day",
            "region_id",
            "queue_id",
            "product_category",
            "tier",
            "response_bucket",
            "compliance",
            "tickets",
        )
    ]
    connection = session.connection()
    for first, last in _runs(days):
        start, end = clock.day_start(first), clock.day_start(last + timedelta(days=1))
        connection.execute(
            insert(table).from_select(target, sum_statement(clock)),
            {"start": start, "end": end, "now": now},
        )
    session.execute(
        insert(DashboardRollupDay),
        [{"day": day, "change_id": mark, "rolled_at": now} for day in days],
    )
