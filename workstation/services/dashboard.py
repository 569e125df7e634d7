"""The supervisor dashboard: every tile and chart series in one snapshot, aggregated in SQL.

The plan at 5,000,000 tickets (≈37,000 open, ≈3,300 a day):
- tiles, backlog age and loads read the open tickets only (the status index), one grouped
  statement with conditional counts (at-risk and breached are the queue's own conditions)
  plus one per-assignee count;
- tickets and calls per hour read today and the same weekday of the last four weeks by
  their `reported_at` / `started_at` index ranges;
- per-day series read past days from the rollup table (services/dashboard_rollups.py:
  summed once, summed again when one of the day's tickets changes) and today live from the
  tickets, with the KPI service's cohorts (services/kpis.py) so the days add up to its
  figures: tickets reported that day; response time (first response − reported, clock
  time) of the tickets first responded to that day, median and 90th percentile; SLA
  compliance of the tickets resolved that day with a resolution deadline, the share
  resolved at or before it.

The filter and the period are the KPI service's (`KpiFilter`, `Period`,
services/kpi_filters.py), its values bound into statements built once per filter shape.

Percentiles come from a histogram of whole response minutes, exact below one hour and in
10-minute, hourly and 6-hour buckets beyond (`BUCKETS`): the nearest-rank percentile's
bucket, reported as its lower bound; the chart's legend says so.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import BindParameter, Date, and_, bindparam, func, literal, or_, select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import (
    OPEN_STATUSES as _OPEN,
)
from workstation.models import (
    Call,
    Customer,
    DashboardDayRollup,
    DashboardDayTotal,
    ProductModel,
    Role,
    SlaPlan,
    SlaTarget,
    Ticket,
    User,
    UTCDateTime,
)
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.dashboard_rollups import (
    REPORTED,
    RESOLVED,
    RESPONDED,
    ensure_rolled,
    measure_column,
    measure_extra,
    measure_value,
)
from workstation.services.dashboard_sql import (
    Clock,
    as_date,
    cached,
)
from workstation.services.intake import CENTRE_TIMEZONE
from workstation.services.kpi_filters import (
    NO_FILTER,
    FilterShape,
    KpiFilter,
    Period,
    filter_params,
    filtered_bound,
)
from workstation.services.options import QueueOption, RegionOption, queue_options, region_options
from workstation.services.queue import PRIORITIES, TIERS, at_risk_condition, breached_condition
from workstation.services.reference import product_kinds

OPEN_STATUSES: tuple[str, ...] = tuple(str(s) for s in _OPEN)
SAME_WEEKDAYS = 4  # the hourly average is over this many past same weekdays
# Backlog age buckets: (key, upper bound of age); None: no bound.
BACKLOG_AGES: tuple[tuple[str, timedelta | None], ...] = (
    ("under_1h", timedelta(hours=1)),
    ("1h_4h", timedelta(hours=4)),
    ("4h_1d", timedelta(days=1)),
    ("1d_3d", timedelta(days=3)),
    ("3d_7d", timedelta(days=7)),
    ("over_7d", None),
)
MAX_DAYS = 366
TARGET_PRIORITY = "P3"  # the response chart's SLA line: the default plan's target for it


def last_days(days: int, today: date) -> Period:
    """The `days` local days ending with `today`."""
    return Period(today - timedelta(days=days - 1), today)


def days_of(period: Period) -> tuple[date, ...]:
    return tuple(period.start + timedelta(days=n) for n in range(period.days))


@dataclass(frozen=True)
class Tiles:
    open: int
    by_priority: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    unassigned: int
    at_risk: int
    breached: int
    oldest_open_since: datetime | None


@dataclass(frozen=True)
class Load:
    user_id: int
    display_name: str
    role: str
    open_tickets: int

    @property
    def id(self) -> int:
        return self.user_id


@dataclass(frozen=True)
class Hourly:
    """Today's tickets and calls per local hour, and the same hours' average over the last
    `weeks` same weekdays."""

    day: date
    tickets: tuple[int, ...]
    calls: tuple[int, ...]
    tickets_average: tuple[float, ...]
    calls_average: tuple[float, ...]
    weeks: int
    hour_now: int  # the local hour at `now` (later hours of today have not happened)


@dataclass(frozen=True)
class DayPoint:
    day: date
    tickets: int
    responded: int
    response_median_minutes: int | None
    response_p90_minutes: int | None
    resolution_met: int
    resolution_judged: int  # resolved that day with a resolution deadline

    @property
    def compliance(self) -> float | None:
        """The share of the day's resolved tickets resolved in time (None: none resolved)."""
        return self.resolution_met / self.resolution_judged if self.resolution_judged else None


@dataclass(frozen=True)
class BacklogAge:
    key: str
    tickets: int


@dataclass(frozen=True)
class DashboardSnapshot:
    now: datetime
    filter: KpiFilter
    period: Period
    tiles: Tiles
    loads: tuple[Load, ...]
    hourly: Hourly
    days: tuple[DayPoint, ...]
    backlog: tuple[BacklogAge, ...]
    response_target_minutes: int | None
    summed_days: tuple[date, ...] = field(default=())  # past days summed by this call


@dataclass(frozen=True)
class CategoryOption:
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class DashboardOptions:
    regions: tuple[RegionOption, ...]
    queues: tuple[QueueOption, ...]
    categories: tuple[CategoryOption, ...]
    tiers: tuple[str, ...]


def centre_clock(db: Database, now: datetime) -> Clock:
    return Clock.of(db.backend, CENTRE_TIMEZONE, now)


def today_of(db: Database, now: datetime | None = None) -> date:
    """The centre's local day at `now` (for a screen's period choice)."""
    now = now or datetime.now(UTC)
    return centre_clock(db, now).local_day(now)


def dashboard_options(db: Database, user: SignedInUser) -> DashboardOptions:
    require(user.role, Permission.VIEW_DASHBOARD)
    with db.session() as session:
        regions, queues = region_options(session), queue_options(session)
        used = set(session.scalars(select(ProductModel.category).distinct()))
    categories = tuple(
        CategoryOption(k.code, k.name_en, k.name_zh) for k in product_kinds() if k.code in used
    )
    return DashboardOptions(regions, queues, categories, TIERS)


def dashboard_snapshot(
    db: Database,
    user: SignedInUser,
    flt: KpiFilter = NO_FILTER,
    period: Period | None = None,
    now: datetime | None = None,
) -> DashboardSnapshot:
    """Every tile and series of the dashboard for `flt` over `period` (default: 7 days)."""
    require(user.role, Permission.VIEW_DASHBOARD)
    now = now or datetime.now(UTC)
    clock = centre_clock(db, now)
    today = clock.local_day(now)
    period = period or last_days(7, today)
    if period.days > MAX_DAYS:
        raise ValueError(f"a period of 1 to {MAX_DAYS} days, not {period}")
    with db.session() as session:
        summed = ensure_rolled(
            session, clock, period.start, min(period.end, today - timedelta(days=1)), now
        )
        tiles, backlog = _tiles(session, flt, now)
        snapshot = DashboardSnapshot(
            now=now,
            filter=flt,
            period=period,
            tiles=tiles,
            loads=_loads(session, flt),
            hourly=_hourly(session, clock, flt, today, now),
            days=_days(session, clock, flt, period, today),
            backlog=backlog,
            response_target_minutes=_response_target(session),
            summed_days=tuple(summed),
        )
    return snapshot


# -- open tickets ---------------------------------------------------------------------------


def tiles_statement(flt: KpiFilter) -> Any:
    """Open tickets by priority and status, with unassigned, at-risk, breached, the oldest
    and the backlog age buckets as conditional counts (`tiles_params` and the filter's
    values bound)."""
    shape = FilterShape.of(flt)
    return cached(("tiles", shape), lambda: _build_tiles(shape))


def _build_tiles(shape: FilterShape) -> Any:
    ages = []
    for n, (key, upper) in enumerate(BACKLOG_AGES):
        condition = []
        if upper is not None:
            condition.append(Ticket.reported_at > bindparam(f"age_{n}", type_=UTCDateTime()))
        if n:
            condition.append(Ticket.reported_at <= bindparam(f"age_{n - 1}", type_=UTCDateTime()))
        ages.append(func.count().filter(and_(*condition)).label(key))
    statement = select(
        Ticket.priority,
        Ticket.status,
        func.count().label("open"),
        func.count().filter(Ticket.assignee_id.is_(None)).label("unassigned"),
        func.count().filter(at_risk_condition()).label("at_risk"),
        func.count().filter(breached_condition()).label("breached"),
        func.min(Ticket.reported_at).label("oldest"),
        *ages,
    )
    return filtered_bound(
        statement.select_from(Ticket).where(Ticket.status.in_(OPEN_STATUSES)), shape
    ).group_by(Ticket.priority, Ticket.status)


def tiles_params(now: datetime, flt: KpiFilter) -> dict[str, Any]:
    """`:now`, the instants the backlog age buckets begin (computed here, not in SQL) and
    the filter's values."""
    params: dict[str, Any] = {"now": now, **filter_params(flt)}
    for n, (_key, upper) in enumerate(BACKLOG_AGES):
        if upper is not None:
            params[f"age_{n}"] = now - upper
    return params


def _tiles(session: Session, flt: KpiFilter, now: datetime) -> tuple[Tiles, tuple[BacklogAge, ...]]:
    rows = session.connection().execute(tiles_statement(flt), tiles_params(now, flt)).all()
    by_priority: dict[str, int] = dict.fromkeys(PRIORITIES, 0)
    by_status: dict[str, int] = dict.fromkeys(OPEN_STATUSES, 0)
    ages: dict[str, int] = dict.fromkeys((key for key, _ in BACKLOG_AGES), 0)
    unassigned = at_risk = breached = 0
    oldest: datetime | None = None
    for row in rows:
        by_priority[row.priority] = by_priority.get(row.priority, 0) + row.open
        by_status[row.status] = by_status.get(row.status, 0) + row.open
        unassigned += row.unassigned
        at_risk += row.at_risk
        breached += row.breached
        if row.oldest is not None:
            when = _aware(row.oldest)
            oldest = when if oldest is None else min(oldest, when)
        for key in ages:
            ages[key] += int(getattr(row, key))
    total = sum(by_status.values())
    tiles = Tiles(
        open=total,
        by_priority=tuple(by_priority.items()),
        by_status=tuple(by_status.items()),
        unassigned=unassigned,
        at_risk=at_risk,
        breached=breached,
        oldest_open_since=oldest,
    )
    return tiles, tuple(BacklogAge(key, count) for key, count in ages.items())


def _aware(value: Any) -> datetime:
    """min() over a UTCDateTime column loses the type on SQLite: text back to an instant."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def loads_statement(flt: KpiFilter) -> Any:
    """Open tickets per assignee (the filter's values bound)."""
    shape = FilterShape.of(flt)
    return cached(("loads", shape), lambda: _build_loads(shape))


def _build_loads(shape: FilterShape) -> Any:
    statement = (
        select(Ticket.assignee_id, func.count().label("open"))
        .select_from(Ticket)
        .where(Ticket.status.in_(OPEN_STATUSES), Ticket.assignee_id.is_not(None))
    )
    return filtered_bound(statement, shape).group_by(Ticket.assignee_id)


def _build_users() -> Any:
    return select(User.id, User.display_name, User.role, User.region_id).where(
        User.active.is_(True), User.role.in_([Role.AGENT, Role.ENGINEER])
    )


def _loads(session: Session, flt: KpiFilter) -> tuple[Load, ...]:
    connection = session.connection()
    counts = {
        int(a): int(n) for a, n in connection.execute(loads_statement(flt), filter_params(flt))
    }
    users = cached(("users",), _build_users)
    loads = [
        Load(int(uid), name, str(role), counts.get(int(uid), 0))
        for uid, name, role, region_id in connection.execute(users)
        # With a region chosen: its people, and whoever holds its tickets.
        if not flt.region_ids or region_id in flt.region_ids or int(uid) in counts
    ]
    loads.sort(key=lambda load: (-load.open_tickets, load.display_name, load.user_id))
    return tuple(loads)


# -- per hour -------------------------------------------------------------------------------


def _hour_days(today: date) -> list[date]:
    return [today - timedelta(days=7 * n) for n in range(SAME_WEEKDAYS + 1)]


def hourly_statements(clock: Clock, flt: KpiFilter) -> tuple[Any, Any]:
    """Tickets and calls per (local day, hour) on today and the past same weekdays
    (`hourly_params` and the filter's values bound)."""
    shape = FilterShape.of(flt)
    return cached(("hourly", clock, shape), lambda: _build_hourly(clock, shape))


def hourly_params(clock: Clock, today: date, flt: KpiFilter) -> dict[str, Any]:
    params: dict[str, Any] = filter_params(flt)
    for n, day in enumerate(_hour_days(today)):
        params[f"from_{n}"] = clock.day_start(day)
        params[f"to_{n}"] = clock.day_start(day + timedelta(days=1))
    return params


def _build_hourly(clock: Clock, shape: FilterShape) -> tuple[Any, Any]:
    def ranges(column: Any) -> Any:
        return or_(
            *(
                and_(
                    column >= bindparam(f"from_{n}", type_=UTCDateTime()),
                    column < bindparam(f"to_{n}", type_=UTCDateTime()),
                )
                for n in range(SAME_WEEKDAYS + 1)
            )
        )

    tday, thour = clock.day_sql(Ticket.reported_at), clock.hour_sql(Ticket.reported_at)
    tickets = filtered_bound(
        select(tday, thour, func.count()).select_from(Ticket).where(ranges(Ticket.reported_at)),
        shape,
    ).group_by(tday, thour)
    cday, chour = clock.day_sql(Call.started_at), clock.hour_sql(Call.started_at)
    calls = select(cday, chour, func.count()).select_from(Call)
    where = [ranges(Call.started_at)]
    # A call's queue and product kind are its ticket's; its region and tier its customer's.
    if shape.queues or shape.categories:
        calls = calls.join(Ticket, Ticket.id == Call.ticket_id)
        if shape.queues:
            where.append(Ticket.queue_id.in_(bindparam("queue_ids", expanding=True)))
        if shape.categories:
            calls = calls.join(ProductModel, ProductModel.id == Ticket.product_model_id)
            categories: BindParameter[str] = bindparam("product_categories", expanding=True)
            where.append(ProductModel.category.in_(categories))
    if shape.regions or shape.tiers:
        calls = calls.join(Customer, Customer.id == Call.customer_id)
        if shape.regions:
            where.append(Customer.region_id.in_(bindparam("region_ids", expanding=True)))
        if shape.tiers:
            where.append(Customer.tier.in_(bindparam("tiers", expanding=True)))
    calls = calls.where(*where).group_by(cday, chour)
    return tickets, calls


def _per_hour(rows: Iterable[Any], today: date) -> tuple[tuple[int, ...], tuple[float, ...]]:
    now_counts, past = [0] * 24, [0] * 24
    for day, hour, count in rows:
        if as_date(day) == today:
            now_counts[int(hour)] += int(count)
        else:
            past[int(hour)] += int(count)
    return tuple(now_counts), tuple(round(n / SAME_WEEKDAYS, 2) for n in past)


_CALL_PARAMS = frozenset(
    {"region_ids", "queue_ids", "product_categories", "tiers"}
    | {f"{edge}_{n}" for edge in ("from", "to") for n in range(SAME_WEEKDAYS + 1)}
)


def _hourly(session: Session, clock: Clock, flt: KpiFilter, today: date, now: datetime) -> Hourly:
    tickets_sql, calls_sql = hourly_statements(clock, flt)
    params = hourly_params(clock, today, flt)
    connection = session.connection()
    tickets, tickets_average = _per_hour(connection.execute(tickets_sql, params), today)
    calls, calls_average = _per_hour(
        connection.execute(calls_sql, {k: v for k, v in params.items() if k in _CALL_PARAMS}),
        today,
    )
    hour_now = now.astimezone(clock.zone).hour
    return Hourly(today, tickets, calls, tickets_average, calls_average, SAME_WEEKDAYS, hour_now)


# -- per day --------------------------------------------------------------------------------


def rollup_read_statement(flt: KpiFilter) -> Any:
    """The summed days :first..:last for the filter: tickets per day, measure and value
    (without a filter, from the totals over all dimensions)."""
    shape = FilterShape.of(flt)
    return cached(("rollup_read", shape), lambda: _build_rollup_read(shape))


def _build_rollup_read(shape: FilterShape) -> Any:
    if not (shape.regions or shape.queues or shape.categories or shape.tiers):
        t = DashboardDayTotal
        first, last = bindparam("first", type_=Date()), bindparam("last", type_=Date())
        return select(t.day, t.measure, t.value, t.tickets).where(t.day >= first, t.day <= last)
    r = DashboardDayRollup
    where = [r.day >= bindparam("first", type_=Date()), r.day <= bindparam("last", type_=Date())]
    for used, column, name in (
        (shape.regions, r.region_id, "region_ids"),
        (shape.queues, r.queue_id, "queue_ids"),
        (shape.categories, r.product_category, "product_categories"),
        (shape.tiers, r.tier, "tiers"),
    ):
        if used:
            where.append(column.in_(bindparam(name, expanding=True)))
    return (
        select(r.day, r.measure, r.value, func.sum(r.tickets))
        .where(*where)
        .group_by(r.day, r.measure, r.value)
    )


def live_days_statements(clock: Clock, flt: KpiFilter) -> tuple[Any, ...]:
    """The same rows as the rollup read, straight from the tickets of [:start, :end)
    (today): one statement per measure, each an index range of its own timestamp."""
    shape = FilterShape.of(flt)
    return cached(("live_days", clock, shape), lambda: _build_live_days(clock, shape))


def _build_live_days(clock: Clock, shape: FilterShape) -> tuple[Any, ...]:
    start = bindparam("start", type_=UTCDateTime())
    end = bindparam("end", type_=UTCDateTime())
    statements = []
    for measure in (REPORTED, RESPONDED, RESOLVED):
        column = measure_column(measure)
        day, value = clock.day_sql(column), measure_value(clock, measure)
        statement = (
            select(day, literal(measure), value, func.count())
            .select_from(Ticket)
            .where(column >= start, column < end, *measure_extra(measure))
        )
        statements.append(filtered_bound(statement, shape).group_by(day, value))
    return tuple(statements)


def _days(
    session: Session,
    clock: Clock,
    flt: KpiFilter,
    period: Period,
    today: date,
) -> tuple[DayPoint, ...]:
    rows: list[Any] = []
    connection = session.connection()
    params = filter_params(flt)
    past_last = min(period.end, today - timedelta(days=1))
    if period.start <= past_last:
        rows += connection.execute(
            rollup_read_statement(flt), {"first": period.start, "last": past_last, **params}
        ).all()
    if period.start <= today <= period.end:
        start, end = clock.day_start(today), clock.day_start(today + timedelta(days=1))
        for statement in live_days_statements(clock, flt):
            rows += connection.execute(statement, {"start": start, "end": end, **params}).all()
    return days_from_rows(rows, period)


def days_from_rows(rows: Iterable[Any], period: Period) -> tuple[DayPoint, ...]:
    """Per day of the period: tickets reported, the response-time histogram's percentiles
    and the resolution compliance, from (day, measure, value, tickets) rows."""
    histograms: dict[date, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    reported: dict[date, int] = defaultdict(int)
    met: dict[date, int] = defaultdict(int)
    judged: dict[date, int] = defaultdict(int)
    for day_value, measure, value, count in rows:
        day, count = as_date(day_value), int(count)
        if measure == REPORTED:
            reported[day] += count
        elif measure == RESPONDED:
            histograms[day][int(value)] += count
        elif measure == RESOLVED:
            judged[day] += count
            met[day] += count if int(value) == 1 else 0
    points = []
    for day in days_of(period):
        histogram = histograms.get(day, {})
        points.append(
            DayPoint(
                day=day,
                tickets=reported.get(day, 0),
                responded=sum(histogram.values()),
                response_median_minutes=percentile(histogram, 0.5),
                response_p90_minutes=percentile(histogram, 0.9),
                resolution_met=met.get(day, 0),
                resolution_judged=judged.get(day, 0),
            )
        )
    return tuple(points)


def percentile(histogram: Mapping[int, int], share: float) -> int | None:
    """The nearest-rank percentile of a histogram {bucket: count}: the bucket holding the
    ceil(share × n)-th smallest value (None when empty)."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= rank:
            return bucket
    raise AssertionError("rank beyond the histogram")


def _response_target(session: Session) -> int | None:
    """The default SLA plan's response target for `TARGET_PRIORITY` (working minutes): one
    reference line; each ticket's own target depends on its plan and priority."""
    return session.scalar(cached(("target",), _build_target))


def _build_target() -> Any:
    return (
        select(func.max(SlaTarget.response_minutes))
        .join(SlaPlan, SlaPlan.id == SlaTarget.sla_plan_id)
        .where(SlaPlan.is_default.is_(True), SlaTarget.priority == TARGET_PRIORITY)
    )
