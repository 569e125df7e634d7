"""Past days of the dashboard, summed once and kept fresh from the change log.

Three measures per local day, each summed per region, queue, product category and tier
into `dashboard_day_rollups` (one INSERT … SELECT per measure and run of consecutive days,
each an index range of its own timestamp), and over all of them into `dashboard_day_totals`
(what the unfiltered dashboard reads):
- REPORTED: tickets reported that day;
- RESPONDED: tickets first responded to that day, per response-time bucket (`value`);
- RESOLVED: tickets resolved that day that had a resolution deadline, `value` 1 when met.
The cohorts are the KPI service's (responded / resolved in the period), so the dashboard's
days add up to its figures.

`dashboard_rollup_days` says which days are summed and up to which change-log id. Before a
read, the tickets changed after the oldest of those ids are looked up (the change log joined
to its tickets by id, and a reopened ticket's pause that remembers when it was resolved);
a summed day one of their timestamps falls on is summed again. Days never summed are summed
on first use (lazily); today is never summed (the snapshot computes it live).

Two desks may sum the same day at once: the unique key refuses the second, which rolls back
and reads what the first wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workstation.models import (
    ChangeLogEntry,
    Customer,
    DashboardDayRollup,
    DashboardDayTotal,
    DashboardRollupDay,
    ProductModel,
    SlaPause,
    Ticket,
    UTCDateTime,
)
from workstation.services.dashboard_sql import (
    Clock,
    as_date,
    cached,
    joined_all,
    region_of_ticket,
    resolution_met,
    response_bucket,
)
from workstation.services.kpis import REOPEN_PAUSE_REASON

log = logging.getLogger(__name__)

REPORTED, RESPONDED, RESOLVED = 0, 1, 2
# Past this many unseen change-log entries, the checked days' ids move up even when none of
# the changes touched them (so the next check reads from there).
ADVANCE_AFTER = 500


def measure_column(measure: int) -> Any:
    """The timestamp whose local day a measure is counted on."""
    return {
        REPORTED: Ticket.reported_at,
        RESPONDED: Ticket.first_response_at,
        RESOLVED: Ticket.resolved_at,
    }[measure]


def measure_value(clock: Clock, measure: int) -> Any:
    if measure == RESPONDED:
        return response_bucket(clock)
    if measure == RESOLVED:
        return resolution_met()
    return literal(0)


def measure_extra(measure: int) -> list[Any]:
    """What else a ticket needs to count for the measure."""
    return [Ticket.resolution_due_at.is_not(None)] if measure == RESOLVED else []


def sum_statement(clock: Clock, measure: int) -> Any:
    """One measure's tickets in [:start, :end) grouped by day, every dimension and value."""
    return cached(("sum", clock, measure), lambda: _build_sum(clock, measure))


def _build_sum(clock: Clock, measure: int) -> Any:
    column = measure_column(measure)
    columns = (
        clock.day_sql(column).label("day"),
        literal(measure).label("measure"),
        func.coalesce(region_of_ticket(), 0).label("region_id"),
        func.coalesce(Ticket.queue_id, 0).label("queue_id"),
        func.coalesce(ProductModel.category, "").label("product_category"),
        Customer.tier.label("tier"),
        measure_value(clock, measure).label("value"),
    )
    start = bindparam("start", type_=UTCDateTime())
    end = bindparam("end", type_=UTCDateTime())
    return (
        joined_all(select(*columns, func.count().label("tickets")))
        .where(column >= start, column < end, *measure_extra(measure))
        .group_by(*columns)
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
        todo |= touched_days(session, clock, rolled, low, mark)
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


def touched_statements() -> tuple[Any, Any]:
    """The tickets changed in (:low, :mark] with the change's id and their timestamps; the
    instants reopened ones among them were resolved at (kept as a pause)."""
    return cached(("touched",), _build_touched)


def _build_touched() -> tuple[Any, Any]:
    changed = (
        select(
            ChangeLogEntry.id,
            Ticket.id.label("ticket_id"),
            Ticket.reported_at,
            Ticket.first_response_at,
            Ticket.resolved_at,
        )
        .select_from(ChangeLogEntry)
        .join(Ticket, Ticket.id == ChangeLogEntry.entity_id)
        .where(
            ChangeLogEntry.id > bindparam("low"),
            ChangeLogEntry.id <= bindparam("mark"),
            ChangeLogEntry.entity == "ticket",
        )
    )
    reopened = select(SlaPause.ticket_id, SlaPause.started_at).where(
        SlaPause.ticket_id.in_(bindparam("ids", expanding=True)),
        SlaPause.reason == REOPEN_PAUSE_REASON,
    )
    return changed, reopened


def touched_days(
    session: Session, clock: Clock, rolled: dict[date, int], low: int, mark: int
) -> set[date]:
    """Summed days on which a ticket changed since the day was summed was reported, first
    responded, resolved, or resolved before it was reopened."""
    changed_sql, reopened_sql = touched_statements()
    connection = session.connection()
    newest: dict[int, int] = {}
    days: dict[int, set[date]] = {}
    for change_id, ticket_id, *instants in connection.execute(
        changed_sql, {"low": low, "mark": mark}
    ):
        newest[ticket_id] = max(newest.get(ticket_id, 0), int(change_id))
        days.setdefault(ticket_id, set()).update(
            clock.local_day(v) for v in instants if v is not None
        )
    if newest:
        for ticket_id, started in connection.execute(reopened_sql, {"ids": list(newest)}):
            days[ticket_id].add(clock.local_day(started))
    touched = set()
    for ticket_id, ticket_days in days.items():
        for day in ticket_days:
            if day in rolled and newest[ticket_id] > rolled[day]:
                touched.add(day)
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


_TARGET = (
    "day",
    "measure",
    "region_id",
    "queue_id",
    "product_category",
    "tier",
    "value",
    "tickets",
)


def _sum_days(session: Session, clock: Clock, days: list[date], mark: int, now: datetime) -> None:
    session.execute(delete(DashboardDayRollup).where(DashboardDayRollup.day.in_(days)))
    session.execute(delete(DashboardDayTotal).where(DashboardDayTotal.day.in_(days)))
    session.execute(delete(DashboardRollupDay).where(DashboardRollupDay.day.in_(days)))
    table = cast(Table, DashboardDayRollup.__table__)
    target = [table.c[name] for name in _TARGET]
    connection = session.connection()
    for first, last in _runs(days):
        start, end = clock.day_start(first), clock.day_start(last + timedelta(days=1))
        for measure in (REPORTED, RESPONDED, RESOLVED):
            connection.execute(
                insert(table).from_select(target, sum_statement(clock, measure)),
                {"start": start, "end": end},
            )
        r = DashboardDayRollup
        over_all = (
            select(r.day, r.measure, r.value, func.sum(r.tickets))
            .where(r.day >= first, r.day <= last)
            .group_by(r.day, r.measure, r.value)
        )
        totals = cast(Table, DashboardDayTotal.__table__)
        connection.execute(
            insert(totals).from_select(["day", "measure", "value", "tickets"], over_all)
        )
    session.execute(
        insert(DashboardRollupDay),
        [{"day": day, "change_id": mark, "rolled_at": now} for day in days],
    )
