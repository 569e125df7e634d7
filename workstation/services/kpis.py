"""The supervisor's KPIs over a period and a filter, aggregated in SQL on both back ends.

Each KPI's written definition (what is counted, over which timestamps) is in
ui/kpi_help.py and the README ("KPI definitions"); the names below follow it. Each
cohort is one indexed range of one timestamp: tickets reported, first responded, or
resolved in the period; follow-up answers given in it; open tickets at its end.
Working times come from the minutes stored when the response / resolution was written
(services/working_minutes.py): no SQL can follow a business calendar. Medians use
percentile_cont on PostgreSQL and a row_number() window on SQLite (which has none).

Parts consumption, engineer utilisation and visits per day need the field-service records
(visits, parts) that the schema does not have yet: they are not computed here, and
`NOT_MEASURABLE` names them so a screen can say so instead of showing a made-up number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Float,
    Select,
    bindparam,
    case,
    cast,
    exists,
    extract,
    func,
    select,
    union_all,
)

from workstation.db import Database
from workstation.models import (
    FollowUp,
    ProductModel,
    SlaPause,
    SymptomCategory,
    Ticket,
    TicketKind,
    User,
)
from workstation.models.base import UTCDateTime
from workstation.models.tickets import OPEN_STATUSES
from workstation.permissions import Permission, PermissionDenied, allowed
from workstation.services.auth import SignedInUser
from workstation.services.kpi_filters import (
    NO_FILTER,
    FilterShape,
    KpiFilter,
    Period,
    filter_params,
    filtered,
    filtered_bound,
    period_params,
    within,
    within_bound,
)

# KPIs of issue 6 the schema cannot measure until visits and parts are recorded (issue 5).
NOT_MEASURABLE = ("parts_consumption", "engineer_utilisation", "visits_per_day")

# The bound parameter of the backlog's instant: the period's end, or now for a period not
# over yet.
AS_OF = "as_of"

# A follow-up score of this or more counts as satisfied ("share of 4–5").
SATISFIED_SCORE = 4

# The resolved stretch of a reopened ticket is kept as a pause with this reason.
REOPEN_PAUSE_REASON = "resolved"


def require_kpi_access(user: SignedInUser) -> None:
    """The dashboard's and the reports' readers: either permission will do."""
    if not (
        allowed(user.role, Permission.VIEW_DASHBOARD)
        or allowed(user.role, Permission.EXPORT_REPORTS)
    ):
        raise PermissionDenied(user.role, Permission.VIEW_DASHBOARD)


# --- named SQL expressions -----------------------------------------------------------------


def clock_minutes(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    """Clock minutes from `start` to `end`: SQLite keeps ISO text (julianday), PostgreSQL
    timestamptz (epoch of the interval)."""
    if dialect == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 1440.0
    return cast(extract("epoch", end - start), Float) / 60.0


def _was_reopened() -> ColumnElement[bool]:
    """The ticket was reopened at least once (its resolved stretch became a pause)."""
    return exists().where(SlaPause.ticket_id == Ticket.id, SlaPause.reason == REOPEN_PAUSE_REASON)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _hours(minutes: float | None) -> float | None:
    return minutes / 60.0 if minutes is not None else None


def median_statement(dialect: str, value: Any, stmt: Select) -> Select:
    """The median of `value` over the rows `stmt` (a SELECT over tickets with its WHERE) picks.

    An even count takes the mean of the two middle values on both back ends: PostgreSQL's
    percentile_cont does; SQLite has none, so the rows are numbered in order of `value`.
    """
    present = stmt.where(value.is_not(None))
    if dialect == "postgresql":
        return present.with_only_columns(func.percentile_cont(0.5).within_group(value))
    ranked = present.with_only_columns(
        value.label("v"),
        func.row_number().over(order_by=value).label("rn"),
        func.count().over().label("n"),
    ).subquery()
    # The middle row (odd count) or the two middle rows (even): 2·rn between n and n + 2.
    middle = (ranked.c.rn * 2).between(ranked.c.n, ranked.c.n + 2)
    return select(func.avg(ranked.c.v)).where(middle)


# --- the summary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiSummary:
    """Every KPI of a period (None where nothing was there to measure). Rates are 0..1,
    times in hours (working hours of the SLA calendar, or clock hours)."""

    period: Period
    tickets_reported: int
    faults_reported: int
    first_call_resolution_rate: float | None
    responded: int
    mean_response_working_hours: float | None
    median_response_working_hours: float | None
    mean_response_clock_hours: float | None
    median_response_clock_hours: float | None
    response_compliance: float | None
    resolved: int
    mean_resolution_working_hours: float | None
    median_resolution_working_hours: float | None
    mean_resolution_clock_hours: float | None
    median_resolution_clock_hours: float | None
    resolution_compliance: float | None
    reopen_rate: float | None
    backlog: int
    backlog_as_of: datetime
    backlog_mean_age_hours: float | None
    backlog_median_age_hours: float | None
    follow_ups_scored: int
    satisfaction_average: float | None
    satisfied_share: float | None
    repeat_faults: int
    repeat_fault_rate: float | None


def kpi_summary(
    db: Database,
    user: SignedInUser,
    period: Period,
    flt: KpiFilter = NO_FILTER,
    *,
    now: datetime | None = None,
) -> KpiSummary:
    """Every KPI of `period` for the tickets `flt` lets through."""
    require_kpi_access(user)
    now = now or datetime.now(UTC)
    as_of = min(period.bounds()[1], now)
    params = {**period_params(period), **filter_params(flt), AS_OF: as_of}
    with db.session() as session:
        conn = session.connection()
        sql = summary_statements(conn.dialect.name, FilterShape.of(flt))

        def one(stmt: Select) -> Any:
            return conn.execute(stmt, params).one()

        def hours(stmt: Select) -> float | None:
            return _hours(_float(conn.execute(stmt, params).scalar()))

        total, faults, first_calls, repeats, devices = (int(v) for v in one(sql.reported))
        responded, response_working, response_clock, response_due, response_met = one(sql.response)
        resolved, resolution_working, resolution_clock, resolution_due, resolution_met, reopened = (
            one(sql.resolution)
        )
        backlog, backlog_age = one(sql.backlog)
        scored, average, satisfied = one(sql.satisfaction)
        return KpiSummary(
            period=period,
            tickets_reported=total,
            faults_reported=faults,
            first_call_resolution_rate=_ratio(first_calls, faults),
            responded=int(responded),
            mean_response_working_hours=_hours(_float(response_working)),
            median_response_working_hours=hours(sql.response_working_median),
            mean_response_clock_hours=_hours(_float(response_clock)),
            median_response_clock_hours=hours(sql.response_clock_median),
            response_compliance=_ratio(int(response_met), int(response_due)),
            resolved=int(resolved),
            mean_resolution_working_hours=_hours(_float(resolution_working)),
            median_resolution_working_hours=hours(sql.resolution_working_median),
            mean_resolution_clock_hours=_hours(_float(resolution_clock)),
            median_resolution_clock_hours=hours(sql.resolution_clock_median),
            resolution_compliance=_ratio(int(resolution_met), int(resolution_due)),
            reopen_rate=_ratio(int(reopened), int(resolved)),
            backlog=int(backlog),
            backlog_as_of=as_of,
            backlog_mean_age_hours=_hours(_float(backlog_age)),
            backlog_median_age_hours=hours(sql.backlog_age_median),
            follow_ups_scored=int(scored),
            satisfaction_average=_float(average),
            satisfied_share=_ratio(int(satisfied), int(scored)),
            repeat_faults=repeats,
            repeat_fault_rate=_ratio(repeats, devices),
        )


@dataclass(frozen=True)
class SummaryStatements:
    """The statements of `kpi_summary`, built once per back end and filter shape and run with
    the period's, the filter's and `as_of`'s values as bound parameters."""

    reported: Select
    response: Select
    response_working_median: Select
    response_clock_median: Select
    resolution: Select
    resolution_working_median: Select
    resolution_clock_median: Select
    backlog: Select
    backlog_age_median: Select
    satisfaction: Select


@lru_cache(maxsize=64)
def summary_statements(dialect: str, shape: FilterShape) -> SummaryStatements:
    """Each cohort is one indexed range of one timestamp (see the module's docstring)."""

    def tickets(*columns: Any) -> Select:
        return filtered_bound(select(*columns).select_from(Ticket), shape)

    # Tickets reported in the period: first-call resolution and repeat faults.
    fault = Ticket.kind == TicketKind.FAULT
    reported = tickets(
        func.count(),
        _count_if(fault),
        _count_if(fault & Ticket.resolved_on_first_call & ~_was_reopened()),
        _count_if(fault & Ticket.repeat_of_id.is_not(None)),
        _count_if(fault & Ticket.equipment_id.is_not(None)),
    ).where(within_bound(Ticket.reported_at))

    # First responded in the period: times to respond, response compliance.
    responded, response_working, response_clock, response = _time_to(
        tickets(), dialect, Ticket.first_response_at, Ticket.response_working_minutes,
        Ticket.response_due_at,
    )  # fmt: skip
    # Resolved in the period: times to resolve, resolution compliance, reopen rate.
    resolved, resolution_working, resolution_clock, resolution = _time_to(
        tickets(), dialect, Ticket.resolved_at, Ticket.resolution_working_minutes,
        Ticket.resolution_due_at,
    )  # fmt: skip
    resolution = resolution.add_columns(_count_if(_was_reopened()))

    # Open at the end of the period (or now), and how old.
    as_of = bindparam(AS_OF, type_=UTCDateTime())
    open_then = tickets().where(Ticket.id.in_(_open_at(as_of)), Ticket.reported_at < as_of)
    age = clock_minutes(dialect, Ticket.reported_at, as_of)

    # Follow-up calls answered in the period with a score. Only an answered call has done_at
    # and a score: its status is not asked, which would lead a planner to the status index
    # (nearly every follow-up is done) instead of done_at.
    satisfaction = filtered_bound(
        select(
            func.count(),
            func.avg(FollowUp.satisfaction),
            _count_if(FollowUp.satisfaction >= SATISFIED_SCORE),
        )
        .select_from(FollowUp)
        .join(Ticket, Ticket.id == FollowUp.ticket_id),
        shape,
    ).where(within_bound(FollowUp.done_at), FollowUp.satisfaction.is_not(None))

    return SummaryStatements(
        reported=reported,
        response=response,
        response_working_median=median_statement(dialect, response_working, responded),
        response_clock_median=median_statement(dialect, response_clock, responded),
        resolution=resolution,
        resolution_working_median=median_statement(dialect, resolution_working, resolved),
        resolution_clock_median=median_statement(dialect, resolution_clock, resolved),
        backlog=open_then.with_only_columns(func.count(), func.avg(age)),
        backlog_age_median=median_statement(dialect, age, open_then),
        satisfaction=satisfaction,
    )


def _time_to(
    tickets: Select, dialect: str, at: Any, working: Any, due: Any
) -> tuple[Select, Any, Any, Select]:
    """Tickets whose `at` (first response, resolution) falls in the period: the cohort, its
    working and clock minutes from the report, and count, means, with a deadline, in time."""
    cohort = tickets.where(within_bound(at))
    clock = clock_minutes(dialect, Ticket.reported_at, at)
    has_due = due.is_not(None)
    totals = cohort.with_only_columns(
        func.count(),
        func.avg(working),
        func.avg(clock),
        _count_if(has_due),
        _count_if(has_due & (at <= due)),
    )
    return cohort, working, clock, totals


def _open_at(as_of: Any) -> CompoundSelect:
    """Ids of the tickets not resolved at `as_of`: resolved after it, or open now (the caller
    keeps those reported before `as_of`).

    Two short index ranges (resolved_at from `as_of` on; resolved_at empty) instead of an OR
    that reads every ticket ever reported before `as_of`. The report-time condition stays
    outside: inside, SQLite's planner took its index and read the whole history.
    """
    resolved_later = select(Ticket.id).where(Ticket.resolved_at >= as_of)
    still_open = select(Ticket.id).where(
        Ticket.resolved_at.is_(None), Ticket.status.in_([s.value for s in OPEN_STATUSES])
    )
    return union_all(resolved_later, still_open)


def _tickets(flt: KpiFilter, *columns: Any) -> Select:
    return filtered(select(*columns).select_from(Ticket), flt)


def _float(value: object) -> float | None:
    return float(value) if value is not None else None  # type: ignore[arg-type]


# --- breakdowns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FailureRow:
    """Faults reported in the period for one model / symptom / error code (feedback to R&D).

    `share` is of all faults reported in the period under the filter (rows of a breakdown
    need not add up to 1: faults without a model, symptom or code have no row).
    """

    key: str
    name: str
    name_zh: str
    faults: int
    share: float


def _failures(
    db: Database,
    user: SignedInUser,
    period: Period,
    flt: KpiFilter,
    columns: tuple[Any, Any, Any],
    joined: type[ProductModel] | type[SymptomCategory] | None,
    limit: int,
) -> tuple[FailureRow, ...]:
    require_kpi_access(user)
    faults = _tickets(flt, func.count()).where(
        Ticket.kind == TicketKind.FAULT, within(Ticket.reported_at, period)
    )
    key, name, name_zh = columns
    count = func.count().label("faults")
    stmt = faults.with_only_columns(key, name, name_zh, count)
    if joined is ProductModel:
        stmt = stmt.join(ProductModel, ProductModel.id == Ticket.product_model_id)
    elif joined is SymptomCategory:
        stmt = stmt.join(SymptomCategory, SymptomCategory.id == Ticket.symptom_category_id)
    else:
        stmt = stmt.where(Ticket.error_code != "")
    stmt = stmt.group_by(key, name, name_zh).order_by(count.desc(), key).limit(limit)
    with db.session() as session:
        total = int(session.scalar(faults) or 0)
        rows = session.execute(stmt).all()
    return tuple(FailureRow(str(k), str(n), str(z), int(c), c / total) for k, n, z, c in rows)


def failures_by_model(
    db: Database, user: SignedInUser, period: Period, flt: KpiFilter = NO_FILTER, limit: int = 50
) -> tuple[FailureRow, ...]:
    """Faults reported in the period per product model, most first."""
    columns = (ProductModel.code, ProductModel.name, ProductModel.name)
    return _failures(db, user, period, flt, columns, ProductModel, limit)


def failures_by_symptom(
    db: Database, user: SignedInUser, period: Period, flt: KpiFilter = NO_FILTER, limit: int = 50
) -> tuple[FailureRow, ...]:
    """Faults reported in the period per symptom category, most first."""
    columns = (SymptomCategory.code, SymptomCategory.name_en, SymptomCategory.name_zh)
    return _failures(db, user, period, flt, columns, SymptomCategory, limit)


def failures_by_error_code(
    db: Database, user: SignedInUser, period: Period, flt: KpiFilter = NO_FILTER, limit: int = 50
) -> tuple[FailureRow, ...]:
    """Faults reported in the period per error code (faults without one have no row)."""
    columns = (Ticket.error_code, Ticket.error_code, Ticket.error_code)
    return _failures(db, user, period, flt, columns, None, limit)


@dataclass(frozen=True)
class RepeatRow:
    """Repeat faults of one product model: faults on a device fixed shortly before."""

    model_code: str
    model_name: str
    faults_on_devices: int
    repeats: int
    rate: float


def repeat_faults_by_model(
    db: Database, user: SignedInUser, period: Period, flt: KpiFilter = NO_FILTER, limit: int = 50
) -> tuple[RepeatRow, ...]:
    """Per model: faults reported in the period on a known device, and how many were repeats
    (flagged at intake: the device's previous fault was fixed within the repeat window)."""
    require_kpi_access(user)
    repeats = _count_if(Ticket.repeat_of_id.is_not(None)).label("repeats")
    stmt = (
        _tickets(flt, ProductModel.code, ProductModel.name, func.count(), repeats)
        .join(ProductModel, ProductModel.id == Ticket.product_model_id)
        .where(
            Ticket.kind == TicketKind.FAULT,
            Ticket.equipment_id.is_not(None),
            within(Ticket.reported_at, period),
        )
        .group_by(ProductModel.code, ProductModel.name)
        .having(repeats > 0)
        .order_by(repeats.desc(), ProductModel.code)
        .limit(limit)
    )
    with db.session() as session:
        rows = session.execute(stmt).all()
    return tuple(RepeatRow(str(c), str(n), int(f), int(r), int(r) / int(f)) for c, n, f, r in rows)


@dataclass(frozen=True)
class EngineerLoad:
    """What the schema can say of an engineer's work until visits are recorded (issue 5):
    tickets resolved as assignee in the period, per day of the period, and open now."""

    user_id: int
    name: str
    resolved: int
    resolved_per_day: float
    open_assigned: int


def engineer_load(
    db: Database, user: SignedInUser, period: Period, flt: KpiFilter = NO_FILTER
) -> tuple[EngineerLoad, ...]:
    """Active engineers (of the filter's regions, if any), most resolved first."""
    require_kpi_access(user)
    resolved = (
        _tickets(flt, Ticket.assignee_id.label("user_id"), func.count().label("n"))
        .where(within(Ticket.resolved_at, period))
        .group_by(Ticket.assignee_id)
        .subquery()
    )
    open_now = (
        _tickets(flt, Ticket.assignee_id.label("user_id"), func.count().label("n"))
        .where(Ticket.status.in_([s.value for s in OPEN_STATUSES]))
        .group_by(Ticket.assignee_id)
        .subquery()
    )
    done = func.coalesce(resolved.c.n, 0)
    stmt = (
        select(User.id, User.display_name, done, func.coalesce(open_now.c.n, 0))
        .outerjoin(resolved, resolved.c.user_id == User.id)
        .outerjoin(open_now, open_now.c.user_id == User.id)
        .where(User.role == "engineer", User.active.is_(True))
        .order_by(done.desc(), User.display_name)
    )
    if flt.region_ids:
        stmt = stmt.where(User.region_id.in_(flt.region_ids))
    with db.session() as session:
        rows = session.execute(stmt).all()
    return tuple(
        EngineerLoad(int(i), str(n), int(r), int(r) / period.days, int(o)) for i, n, r, o in rows
    )
