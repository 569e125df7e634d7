"""The schedule board: engineers' visits and absences over a run of the centre's local days.

One read for the schedule view (`week_board`): the engineers shown (a region's, one
engineer's, or by default an engineer's own row), the blocks of their visits that overlap
the period, their absences, and the visits still to schedule (unscheduled, due up to a few
weeks after the period). Days are the service centre's local days (CENTRE_TIMEZONE), as in
the dashboard and the reports, so a dispatcher in another zone sees the same board; work
hours are minutes after the centre's local midnight (engineer_profiles).

Four statements whatever the size (engineers, visits, absences, to schedule), each a range
on an index (visits by engineer and start, absences by engineer and start, visits by status
and due date). A region's week of 50 engineers is about 1,100 visits: the benchmark figure
`schedule_week_load` (tests/bench/figures_schedule.py) measures it beside its raw SQL.
Anyone signed in may read the board; booking, moving and cancelling are scheduling's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import (
    Customer,
    EngineerAbsence,
    EngineerProfile,
    Equipment,
    MaintenancePlan,
    ProductModel,
    Region,
    Role,
    ServiceContract,
    Site,
    Ticket,
    User,
    Visit,
    VisitKind,
    VisitStatus,
)
from workstation.models.engineers import DEFAULT_WORK_DAYS, DEFAULT_WORK_END, DEFAULT_WORK_START
from workstation.services.auth import SignedInUser
from workstation.services.intake import CENTRE_TIMEZONE
from workstation.services.options import RegionOption, region_options

__all__ = [
    "MAX_DAYS",
    "SNAP_MINUTES",
    "TO_SCHEDULE_AHEAD",
    "AbsenceBar",
    "BoardEngineer",
    "EngineerOption",
    "LateReason",
    "ScheduleBoard",
    "ScheduleOptions",
    "UnscheduledVisit",
    "VisitBlock",
    "VisitKind",
    "VisitStatus",
    "centre_today",
    "schedule_options",
    "week_board",
    "week_start",
]

MAX_DAYS = 31
# Bookings are made on a quarter-hour grid (what a drag on the board snaps to).
SNAP_MINUTES = 15
# The "to schedule" list looks this far past the period's last day.
TO_SCHEDULE_AHEAD = timedelta(weeks=4)
TO_SCHEDULE_LIMIT = 300
# No visit lasts longer than this (a job of several days is booked as a visit a day): it
# bounds the index range of "visits overlapping the period" from below; without it the
# range starts at the engineer's first visit ever.
LONGEST_VISIT = timedelta(days=7)
# How long an unscheduled visit without a plan's duration is booked for, by kind.
DEFAULT_MINUTES: dict[str, int] = {
    VisitKind.REPAIR: 120,
    VisitKind.INSTALLATION: 240,
    VisitKind.PREVENTIVE_MAINTENANCE: 120,
    VisitKind.INSPECTION: 90,
    VisitKind.TRAINING: 180,
}
# Visits of these statuses are not blocks. Said as NOT IN (the others are booked and
# completed) so the planner reads the engineers' index, not every booked visit by status.
HIDDEN_STATUSES = (VisitStatus.UNSCHEDULED, VisitStatus.CANCELLED)

Statement = Select[*tuple[Any, ...]]


class LateReason(StrEnum):
    """Why a block stands out as late."""

    # An installation booked on a day after its contract's delivery date.
    AFTER_DELIVERY = "after_delivery"
    # The visit ends after its ticket's resolution deadline.
    AFTER_RESOLUTION_DEADLINE = "after_resolution_deadline"


@dataclass(frozen=True, slots=True)
class BoardEngineer:
    """A row of the board: who, where, and when they work (centre's local time)."""

    id: int
    name: str
    region_id: int | None
    region_name: str
    skills: tuple[str, ...]
    base_city: str
    work_start_minute: int  # after local midnight
    work_end_minute: int
    work_days: str  # ISO weekdays, "12345" = Monday … Friday
    active: bool

    def works_on(self, day: date) -> bool:
        return str(day.isoweekday()) in self.work_days


@dataclass(frozen=True, slots=True)
class VisitBlock:
    """A booked (or completed) visit on the board, with what its block and tooltip show."""

    id: int
    version: int
    kind: str
    status: str
    engineer_id: int
    starts_at: datetime
    ends_at: datetime
    customer_id: int
    customer_name: str
    site_name: str
    site_city: str
    equipment_id: int | None
    serial: str
    model_code: str
    model_name: str
    priority: str
    ticket_id: int | None
    ticket_number: str
    due_on: date | None
    delivery_date: date | None
    resolution_due_at: datetime | None
    late_reasons: tuple[LateReason, ...]

    @property
    def late(self) -> bool:
        return bool(self.late_reasons)

    @property
    def movable(self) -> bool:
        """A completed visit stays where it happened."""
        return self.status == VisitStatus.BOOKED


@dataclass(frozen=True, slots=True)
class AbsenceBar:
    """An engineer's absence (not cancelled) overlapping the period."""

    id: int
    engineer_id: int
    kind: str  # AbsenceKind
    starts_at: datetime
    ends_at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class UnscheduledVisit:
    """A visit due but not booked yet: a row of the "to schedule" list."""

    id: int
    version: int
    kind: str
    customer_id: int
    customer_name: str
    site_name: str
    site_city: str
    serial: str
    model_code: str
    model_name: str
    priority: str
    ticket_id: int | None
    ticket_number: str
    due_on: date | None
    duration_minutes: int
    overdue: bool  # due before today (centre's local day)


@dataclass(frozen=True)
class ScheduleBoard:
    """Local days `start` … `start + days - 1` of the centre, for the engineers shown."""

    start: date
    days: int
    timezone: str
    today: date
    region_id: int | None  # the region asked for, if any
    engineer_id: int | None  # the one engineer shown, if only one was asked for
    engineers: tuple[BoardEngineer, ...]
    blocks: tuple[VisitBlock, ...]  # by engineer, then start
    absences: tuple[AbsenceBar, ...]
    to_schedule: tuple[UnscheduledVisit, ...]  # overdue and soonest due first

    @property
    def end(self) -> date:
        """The last day shown."""
        return self.start + timedelta(days=self.days - 1)

    def bounds(self) -> tuple[datetime, datetime]:
        return day_bounds(self.start, self.days, ZoneInfo(self.timezone))


@dataclass(frozen=True)
class EngineerOption:
    id: int
    name: str
    region_id: int | None


@dataclass(frozen=True)
class ScheduleOptions:
    """What the board's filters offer: every region and every active engineer."""

    regions: tuple[RegionOption, ...]
    engineers: tuple[EngineerOption, ...]


def centre_today(now: datetime | None = None) -> date:
    """The centre's local day at `now`."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(CENTRE_TIMEZONE)).date()


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def day_bounds(start: date, days: int, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants of `start`'s local midnight and of the midnight `days` later."""
    low = datetime.combine(start, time(0), tzinfo=zone)
    high = datetime.combine(start + timedelta(days=days), time(0), tzinfo=zone)
    return low.astimezone(UTC), high.astimezone(UTC)


def schedule_options(db: Database, user: SignedInUser) -> ScheduleOptions:
    """Regions and active engineers for the board's region and engineer filters."""
    del user  # any signed-in user may read the schedule
    with db.session() as session:
        regions = region_options(session)
        rows = session.execute(
            select(User.id, User.display_name, User.region_id)
            .where(User.role == Role.ENGINEER, User.active.is_(True))
            .order_by(User.display_name, User.id)
        )
        engineers = tuple(EngineerOption(*row) for row in rows)
    return ScheduleOptions(regions, engineers)


def week_board(
    db: Database,
    user: SignedInUser,
    start: date,
    days: int = 7,
    region_id: int | None = None,
    engineer_id: int | None = None,
    now: datetime | None = None,
) -> ScheduleBoard:
    """The board of `days` local days from `start`.

    Whom it shows: `engineer_id` alone if given; else the engineers of `region_id`; else,
    for an engineer, their own row; else every engineer. Inactive engineers appear only
    with a visit or an absence in the period. The "to schedule" list is of the region
    asked for (else of the one engineer's region; else of every region); a visit whose
    region is not known (neither its site's nor its customer's) is in every region's list,
    so none is lost.
    """
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a board shows 1 to {MAX_DAYS} days, not {days}")
    zone = ZoneInfo(CENTRE_TIMEZONE)
    today = (now or datetime.now(UTC)).astimezone(zone).date()
    low, high = day_bounds(start, days, zone)
    if engineer_id is None and region_id is None and user.role == Role.ENGINEER:
        engineer_id = user.id
    with db.session() as session:
        engineers = _engineers(session, region_id, engineer_id)
        ids = [e.id for e in engineers]
        blocks = _blocks(session, ids, low, high, zone) if ids else []
        absences = _absences(session, ids, low, high) if ids else []
        list_region = region_id
        if list_region is None and engineer_id is not None and engineers:
            list_region = engineers[0].region_id
        last_due = start + timedelta(days=days - 1) + TO_SCHEDULE_AHEAD
        to_schedule = _to_schedule(
            session, list_region, engineer_id is None and region_id is None, last_due, today
        )
    busy = {b.engineer_id for b in blocks} | {a.engineer_id for a in absences}
    shown = tuple(e for e in engineers if e.active or e.id in busy)
    return ScheduleBoard(
        start=start,
        days=days,
        timezone=CENTRE_TIMEZONE,
        today=today,
        region_id=region_id,
        engineer_id=engineer_id,
        engineers=shown,
        blocks=tuple(blocks),
        absences=tuple(absences),
        to_schedule=tuple(to_schedule),
    )


def engineers_statement(region_id: int | None, engineer_id: int | None) -> Statement:
    """The engineers' rows with their profile (the benchmark's floor runs it too)."""
    return _engineers_query(_engineer_filter(region_id, engineer_id)).params(
        region_id=region_id, engineer_id=engineer_id
    )


def _engineer_filter(region_id: int | None, engineer_id: int | None) -> str:
    return "engineer" if engineer_id is not None else "region" if region_id is not None else ""


@cache
def _engineers_query(by: str) -> Statement:
    """Built once per filter (one engineer, a region's, everyone's)."""
    stmt = (
        select(
            User.id,
            User.display_name,
            User.region_id,
            Region.name,
            User.skills,
            User.active,
            EngineerProfile.base_city,
            EngineerProfile.work_start_minute,
            EngineerProfile.work_end_minute,
            EngineerProfile.work_days,
        )
        .outerjoin(Region, Region.id == User.region_id)
        .outerjoin(EngineerProfile, EngineerProfile.user_id == User.id)
        .where(User.role == Role.ENGINEER)
        .order_by(User.display_name, User.id)
    )
    if by == "engineer":
        stmt = stmt.where(User.id == bindparam("engineer_id"))
    elif by == "region":
        stmt = stmt.where(User.region_id == bindparam("region_id"))
    return stmt


def blocks_statement(ids: Sequence[int], low: datetime, high: datetime) -> Statement:
    """Visits of these engineers that hold them and overlap [low, high)."""
    return _blocks_query().params(_period_values(ids, low, high))


def _period_values(ids: Sequence[int], low: datetime, high: datetime) -> dict[str, Any]:
    return {"ids": list(ids), "reach": low - LONGEST_VISIT, "low": low, "high": high}


@cache
def _blocks_query() -> Statement:
    """Built once: a week's read then costs no statement building (about 2 ms a read)."""
    site_id = func.coalesce(Visit.site_id, Equipment.site_id)
    model_id = func.coalesce(Equipment.product_model_id, Ticket.product_model_id)
    return (
        select(
            Visit.id,
            Visit.version,
            Visit.kind,
            Visit.status,
            Visit.engineer_id,
            _as_given(Visit.starts_at),
            _as_given(Visit.ends_at),
            Visit.customer_id,
            Customer.name,
            Site.name,
            Site.city,
            Visit.equipment_id,
            Equipment.serial_number,
            ProductModel.code,
            ProductModel.name,
            Visit.priority,
            Ticket.priority,
            Visit.ticket_id,
            Ticket.number,
            _as_given(Visit.due_on),
            _as_given(ServiceContract.delivery_date),
            _as_given(Ticket.resolution_due_at),
        )
        .select_from(Visit)
        .join(Customer, Customer.id == Visit.customer_id)
        .outerjoin(Equipment, Equipment.id == Visit.equipment_id)
        .outerjoin(Ticket, Ticket.id == Visit.ticket_id)
        .outerjoin(Site, Site.id == site_id)
        .outerjoin(ProductModel, ProductModel.id == model_id)
        .outerjoin(ServiceContract, ServiceContract.id == Visit.contract_id)
        .where(
            Visit.engineer_id.in_(bindparam("ids", expanding=True)),
            Visit.starts_at >= bindparam("reach"),
            Visit.starts_at < bindparam("high"),
            Visit.ends_at > bindparam("low"),
            Visit.status.not_in(HIDDEN_STATUSES),
        )
        .order_by(Visit.engineer_id, Visit.starts_at)
    )


def absences_statement(ids: Sequence[int], low: datetime, high: datetime) -> Statement:
    return _absences_query().params(_period_values(ids, low, high))


@cache
def _absences_query() -> Statement:
    return (
        select(
            EngineerAbsence.id,
            EngineerAbsence.engineer_id,
            EngineerAbsence.kind,
            EngineerAbsence.starts_at,
            EngineerAbsence.ends_at,
            EngineerAbsence.note,
        )
        .where(
            EngineerAbsence.engineer_id.in_(bindparam("ids", expanding=True)),
            EngineerAbsence.starts_at < bindparam("high"),
            EngineerAbsence.ends_at > bindparam("low"),
            EngineerAbsence.cancelled_at.is_(None),
        )
        .order_by(EngineerAbsence.engineer_id, EngineerAbsence.starts_at)
    )


def to_schedule_statement(region_id: int | None, every_region: bool, last_due: date) -> Statement:
    """Unscheduled visits due by `last_due` (or without a due date), soonest first."""
    return _to_schedule_query(every_region).params(region_id=region_id, last_due=last_due)


@cache
def _to_schedule_query(every_region: bool) -> Statement:
    site_id = func.coalesce(Visit.site_id, Equipment.site_id)
    model_id = func.coalesce(Equipment.product_model_id, Ticket.product_model_id)
    region = func.coalesce(Site.region_id, Customer.region_id)
    stmt = (
        select(
            Visit.id,
            Visit.version,
            Visit.kind,
            Visit.customer_id,
            Customer.name,
            Site.name,
            Site.city,
            Equipment.serial_number,
            ProductModel.code,
            ProductModel.name,
            Visit.priority,
            Ticket.priority,
            Visit.ticket_id,
            Ticket.number,
            Visit.due_on,
            MaintenancePlan.duration_minutes,
            Visit.starts_at,
            Visit.ends_at,
        )
        .select_from(Visit)
        .join(Customer, Customer.id == Visit.customer_id)
        .outerjoin(Equipment, Equipment.id == Visit.equipment_id)
        .outerjoin(Ticket, Ticket.id == Visit.ticket_id)
        .outerjoin(Site, Site.id == site_id)
        .outerjoin(ProductModel, ProductModel.id == model_id)
        .outerjoin(MaintenancePlan, MaintenancePlan.id == Visit.plan_id)
        .where(
            Visit.status == VisitStatus.UNSCHEDULED,
            (Visit.due_on <= bindparam("last_due")) | Visit.due_on.is_(None),
        )
        .order_by(Visit.due_on.is_(None), Visit.due_on, Visit.id)
        .limit(TO_SCHEDULE_LIMIT)
    )
    if not every_region:
        stmt = stmt.where((region == bindparam("region_id")) | region.is_(None))
    return stmt


def _engineers(
    session: Session, region_id: int | None, engineer_id: int | None
) -> list[BoardEngineer]:
    return [
        BoardEngineer(
            id=row[0],
            name=row[1],
            region_id=row[2],
            region_name=row[3] or "",
            skills=tuple(row[4] or ()),
            base_city=row[6] or "",
            work_start_minute=DEFAULT_WORK_START if row[7] is None else row[7],
            work_end_minute=DEFAULT_WORK_END if row[8] is None else row[8],
            work_days=DEFAULT_WORK_DAYS if row[9] is None else row[9],
            active=bool(row[5]),
        )
        for row in session.connection().execute(
            _engineers_query(_engineer_filter(region_id, engineer_id)),
            {"region_id": region_id, "engineer_id": engineer_id},
        )
    ]


def _blocks(
    session: Session, ids: list[int], low: datetime, high: datetime, zone: ZoneInfo
) -> list[VisitBlock]:
    rows = session.connection().execute(_blocks_query(), _period_values(ids, low, high)).all()
    return block_rows(rows, zone)


def block_rows(rows: Sequence[Any], zone: ZoneInfo) -> list[VisitBlock]:
    """The blocks of `blocks_statement`'s rows, with their late reasons."""
    blocks = []
    installation = VisitKind.INSTALLATION
    for row in rows:
        (
            visit_id, version, kind, status, engineer_id, starts, ends, customer_id,
            customer_name, site_name, site_city, equipment_id, serial, model_code, model_name,
            priority, ticket_priority, ticket_id, ticket_number, due, delivery, resolution_due,
        ) = row  # fmt: skip
        starts_at, ends_at = _instant(starts), _instant(ends)
        assert starts_at is not None and ends_at is not None  # booked visits have their times
        due_on, delivery_date = _day(due), _day(delivery)
        resolution_due_at = _instant(resolution_due)
        reasons: tuple[LateReason, ...] = ()
        deliver_by = delivery_date or due_on  # the contract's delivery date, else the due date
        if (
            kind == installation
            and deliver_by is not None
            and starts_at.astimezone(zone).date() > deliver_by
        ):
            reasons = (LateReason.AFTER_DELIVERY,)
        if resolution_due_at is not None and resolution_due_at < ends_at:
            reasons += (LateReason.AFTER_RESOLUTION_DEADLINE,)
        blocks.append(
            VisitBlock(
                id=visit_id,
                version=version,
                kind=kind,
                status=status,
                engineer_id=engineer_id,
                starts_at=starts_at,
                ends_at=ends_at,
                customer_id=customer_id,
                customer_name=customer_name,
                site_name=site_name or "",
                site_city=site_city or "",
                equipment_id=equipment_id,
                serial=serial or "",
                model_code=model_code or "",
                model_name=model_name or "",
                priority=priority or ticket_priority or "",
                ticket_id=ticket_id,
                ticket_number=ticket_number or "",
                due_on=due_on,
                delivery_date=delivery_date,
                resolution_due_at=resolution_due_at,
                late_reasons=reasons,
            )
        )
    return blocks


def _as_given(column: Any) -> Any:
    """A date or time column as the driver hands it over, read by `_instant` / `_day`: a
    week of a region is a thousand rows or more, and the column types' per-value
    processing cost more than the query itself (measured: figures_schedule.py)."""
    return type_coerce(column, String)


def _instant(value: str | datetime | None) -> datetime | None:
    """An instant as stored: SQLite's naive UTC text as an aware UTC datetime; PostgreSQL's
    aware datetime as it comes (in the session's zone: the same instant, compared and
    shown correctly, without a conversion per value)."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")  # one C call, 5× a parse and replace
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _absences(session: Session, ids: list[int], low: datetime, high: datetime) -> list[AbsenceBar]:
    return [
        AbsenceBar(*row)
        for row in session.connection().execute(_absences_query(), _period_values(ids, low, high))
    ]


def _to_schedule(
    session: Session, region_id: int | None, every_region: bool, last_due: date, today: date
) -> list[UnscheduledVisit]:
    visits = []
    for row in session.connection().execute(
        _to_schedule_query(every_region), {"region_id": region_id, "last_due": last_due}
    ):
        kind, due_on, plan_minutes, starts, ends = row[2], row[14], row[15], row[16], row[17]
        if plan_minutes:
            minutes = int(plan_minutes)
        elif starts is not None and ends is not None and ends > starts:
            minutes = int((ends - starts).total_seconds() // 60)
        else:
            minutes = DEFAULT_MINUTES.get(kind, 120)
        visits.append(
            UnscheduledVisit(
                id=row[0],
                version=row[1],
                kind=kind,
                customer_id=row[3],
                customer_name=row[4],
                site_name=row[5] or "",
                site_city=row[6] or "",
                serial=row[7] or "",
                model_code=row[8] or "",
                model_name=row[9] or "",
                priority=row[10] or row[11] or "",
                ticket_id=row[12],
                ticket_number=row[13] or "",
                due_on=due_on,
                duration_minutes=minutes,
                overdue=due_on is not None and due_on < today,
            )
        )
    return visits
