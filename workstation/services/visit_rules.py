"""The rules a visit's time must obey, as field errors the screens word.

Given an engineer, a stretch [starts, ends) and the visit's place, `visit_problems` lists
what is wrong with it, each a FieldError with a stable code:

- `bad_range` (at "ends_at"): it does not end after it starts, or lasts more than a day;
- `past` (at "starts_at"): it starts before now;
- `overlap` (at "starts_at"): another booked visit of the engineer overlaps it (params: that
  visit's id, times and customer);
- `absence` (at "engineer_id"): the engineer is on leave, training… then;
- `not_working_day` (at "starts_at"): the day is not one of the engineer's working days;
- `outside_hours` (at "starts_at"): it starts before or ends after the working hours;
- `travel_time` (at "starts_at"): too little time to drive from the previous visit's site
  or to the next one's (params: the minutes needed and available, the km).

The first four are hard: a booking with them is refused. The last three are warnings a
dispatcher may accept (overtime, a weekend job, a tight drive): see HARD_CODES.

Times are judged in the centre's local time (CENTRE_TIMEZONE, as intake, follow-ups and
the KPIs do): working hours are minutes after local midnight, working days ISO weekdays.
The checks themselves (`check_slot`) are pure functions of plain values, so the slot
suggestions run them many times over data read once.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.models import (
    HOLDING_STATUSES,
    Customer,
    EngineerAbsence,
    EngineerProfile,
    Site,
    Visit,
)
from workstation.models.engineers import DEFAULT_WORK_DAYS, DEFAULT_WORK_END, DEFAULT_WORK_START
from workstation.outcomes import FieldError
from workstation.services.intake import CENTRE_TIMEZONE
from workstation.services.travel import Point, TravelModel, point, travel_model

CENTRE_ZONE = ZoneInfo(CENTRE_TIMEZONE)
MAX_VISIT_MINUTES = 24 * 60
# Refused outright; the other codes are warnings a dispatcher may accept.
HARD_CODES = frozenset({"bad_range", "past", "overlap", "absence"})
SOFT_CODES = frozenset({"not_working_day", "outside_hours", "travel_time"})
# How far around a visit the neighbours that matter for travel are looked for.
NEIGHBOUR_WINDOW = timedelta(days=1)


@dataclass(frozen=True)
class WorkPattern:
    """When an engineer works (the model's defaults for one without a profile row)."""

    work_start_minute: int = DEFAULT_WORK_START
    work_end_minute: int = DEFAULT_WORK_END
    work_days: str = DEFAULT_WORK_DAYS
    base: Point | None = None


@dataclass(frozen=True)
class BusySpan:
    """A visit that holds the engineer."""

    visit_id: int
    starts_at: datetime
    ends_at: datetime
    place: Point | None
    customer_name: str


@dataclass(frozen=True)
class AbsenceSpan:
    absence_id: int
    kind: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class EngineerCalendar:
    """What the rules need of one engineer over a stretch of time; visits by start."""

    pattern: WorkPattern
    visits: tuple[BusySpan, ...] = ()
    absences: tuple[AbsenceSpan, ...] = ()


def is_hard(problems: Iterable[FieldError]) -> bool:
    """Whether any problem refuses the booking whatever the dispatcher says."""
    return any(p.code in HARD_CODES for p in problems)


def local(moment: datetime) -> datetime:
    """An instant on the centre's wall clock."""
    return moment.astimezone(CENTRE_ZONE)


def local_midnight(moment: datetime) -> datetime:
    """The centre's local midnight that starts the day of `moment` (aware)."""
    return datetime.combine(local(moment).date(), time(), CENTRE_ZONE)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def hours_problems(
    pattern: WorkPattern, starts_at: datetime, ends_at: datetime
) -> list[FieldError]:
    """Working day and working hours (local time of the centre)."""
    problems = []
    start_local = local(starts_at)
    if str(start_local.isoweekday()) not in pattern.work_days:
        problems.append(
            FieldError(
                "starts_at",
                "not_working_day",
                {"weekday": str(start_local.isoweekday()), "work_days": pattern.work_days},
            )
        )
    midnight = local_midnight(starts_at)
    start_minute = _minutes(starts_at - midnight)
    end_minute = (ends_at - midnight).total_seconds() / 60
    if start_minute < pattern.work_start_minute or end_minute > pattern.work_end_minute:
        problems.append(
            FieldError(
                "starts_at",
                "outside_hours",
                {
                    "work_start": _hhmm(pattern.work_start_minute),
                    "work_end": _hhmm(pattern.work_end_minute),
                },
            )
        )
    return problems


def check_slot(
    calendar: EngineerCalendar,
    starts_at: datetime,
    ends_at: datetime,
    place: Point | None,
    travel: TravelModel,
    now: datetime,
    *,
    ignore_visit_id: int | None = None,
) -> tuple[FieldError, ...]:
    """Every problem of booking [starts_at, ends_at) at `place` (pure: no database)."""
    if ends_at <= starts_at or ends_at - starts_at > timedelta(minutes=MAX_VISIT_MINUTES):
        return (FieldError("ends_at", "bad_range", {"max_minutes": str(MAX_VISIT_MINUTES)}),)
    problems: list[FieldError] = []
    if starts_at < now:
        problems.append(FieldError("starts_at", "past"))
    visits = [v for v in calendar.visits if v.visit_id != ignore_visit_id]
    for visit in visits:
        if visit.starts_at < ends_at and visit.ends_at > starts_at:
            problems.append(
                FieldError(
                    "starts_at",
                    "overlap",
                    {
                        "visit_id": str(visit.visit_id),
                        "starts_at": visit.starts_at.isoformat(),
                        "ends_at": visit.ends_at.isoformat(),
                        "customer": visit.customer_name,
                    },
                )
            )
    for absence in calendar.absences:
        if absence.starts_at < ends_at and absence.ends_at > starts_at:
            problems.append(
                FieldError(
                    "engineer_id",
                    "absence",
                    {
                        "kind": absence.kind,
                        "starts_at": absence.starts_at.isoformat(),
                        "ends_at": absence.ends_at.isoformat(),
                    },
                )
            )
    problems.extend(hours_problems(calendar.pattern, starts_at, ends_at))
    problems.extend(_travel_problems(visits, starts_at, ends_at, place, travel))
    return tuple(problems)


def _travel_problems(
    visits: Sequence[BusySpan],
    starts_at: datetime,
    ends_at: datetime,
    place: Point | None,
    travel: TravelModel,
) -> list[FieldError]:
    """Too little time from the previous visit's site, or to the next one's."""
    if place is None:
        return []
    before = [v for v in visits if v.ends_at <= starts_at]
    after = [v for v in visits if v.starts_at >= ends_at]
    problems = []
    neighbours = []
    if before:
        neighbours.append(("from", max(before, key=lambda v: v.ends_at)))
    if after:
        neighbours.append(("to", min(after, key=lambda v: v.starts_at)))
    for direction, visit in neighbours:
        needed = travel.minutes(visit.place, place)
        gap = starts_at - visit.ends_at if direction == "from" else visit.starts_at - ends_at
        available = _minutes(gap)
        if needed > available:
            km = travel.road_km(visit.place, place) or 0.0
            problems.append(
                FieldError(
                    "starts_at",
                    "travel_time",
                    {
                        "direction": direction,
                        "needed_minutes": str(needed),
                        "available_minutes": str(available),
                        "km": f"{km:.0f}",
                        "visit_id": str(visit.visit_id),
                        "customer": visit.customer_name,
                    },
                )
            )
    return problems


def earliest_after_previous(
    calendar: EngineerCalendar, moment: datetime, place: Point | None, travel: TravelModel
) -> datetime:
    """`moment`, or later when the visit ending last at or before it is too far to reach."""
    ends = [v.ends_at for v in calendar.visits]
    index = bisect.bisect_right(ends, moment) - 1
    if index < 0 or place is None:
        return moment
    previous = calendar.visits[index]
    return max(moment, previous.ends_at + timedelta(minutes=travel.minutes(previous.place, place)))


# --- reading what the rules need ------------------------------------------------------------


def pattern_of(profile: EngineerProfile | None) -> WorkPattern:
    if profile is None:
        return WorkPattern()
    return WorkPattern(
        work_start_minute=profile.work_start_minute,
        work_end_minute=profile.work_end_minute,
        work_days=profile.work_days,
        base=point(profile.base_latitude, profile.base_longitude),
    )


def engineer_calendars(
    session: Session, engineer_ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, EngineerCalendar]:
    """The engineers' patterns, booked visits and absences touching [since, until): three
    queries whatever the number of engineers."""
    ids = list(engineer_ids)
    if not ids:
        return {}
    profiles = {
        p.user_id: pattern_of(p)
        for p in session.scalars(select(EngineerProfile).where(EngineerProfile.user_id.in_(ids)))
    }
    visits: dict[int, list[BusySpan]] = {i: [] for i in ids}
    rows = session.execute(
        select(
            Visit.engineer_id,
            Visit.id,
            Visit.starts_at,
            Visit.ends_at,
            Site.latitude,
            Site.longitude,
            Customer.name,
        )
        .join(Customer, Customer.id == Visit.customer_id)
        .outerjoin(Site, Site.id == Visit.site_id)
        .where(
            Visit.engineer_id.in_(ids),
            Visit.status.in_([s.value for s in HOLDING_STATUSES]),
            Visit.starts_at < until,
            Visit.ends_at > since,
        )
        .order_by(Visit.starts_at)
    )
    for engineer_id, visit_id, starts, ends, lat, lon, customer in rows:
        if engineer_id is None or starts is None or ends is None:
            continue  # the query's tests exclude them; the types do not know
        visits[engineer_id].append(BusySpan(visit_id, starts, ends, point(lat, lon), customer))
    absences: dict[int, list[AbsenceSpan]] = {i: [] for i in ids}
    for absence in session.scalars(
        select(EngineerAbsence)
        .where(
            EngineerAbsence.engineer_id.in_(ids),
            EngineerAbsence.cancelled_at.is_(None),
            EngineerAbsence.starts_at < until,
            EngineerAbsence.ends_at > since,
        )
        .order_by(EngineerAbsence.starts_at)
    ):
        absences[absence.engineer_id].append(
            AbsenceSpan(absence.id, absence.kind, absence.starts_at, absence.ends_at)
        )
    return {
        i: EngineerCalendar(profiles.get(i, WorkPattern()), tuple(visits[i]), tuple(absences[i]))
        for i in ids
    }


def visit_problems(
    session: Session,
    engineer_id: int,
    starts_at: datetime,
    ends_at: datetime,
    place: Point | None,
    *,
    ignore_visit_id: int | None = None,
    now: datetime,
) -> tuple[FieldError, ...]:
    """Every problem of booking the engineer for [starts_at, ends_at) at `place`, in the
    caller's transaction (the booking services take the write lock before asking)."""
    since = min(starts_at, ends_at) - NEIGHBOUR_WINDOW
    until = max(starts_at, ends_at) + NEIGHBOUR_WINDOW
    calendar = engineer_calendars(session, [engineer_id], since, until)[engineer_id]
    return check_slot(
        calendar,
        starts_at,
        ends_at,
        place,
        travel_model(session),
        now,
        ignore_visit_id=ignore_visit_id,
    )
