"""Administering business calendars: weekly hours, dated exceptions, public holidays, preview.

A calendar is when the SLA clock runs. Its weekly working periods and its exception days
(public holidays; make-up working days, 调休, that work like a given weekday) are edited
here by an administrator; "load public holidays" fills a year from `chinese_calendar`
(China, with its make-up working days) or `holidays` (other countries), and the
administrator edits from there. A change applies to deadlines computed after it: tickets
already logged keep theirs. Every change is on the audit trail and in the change log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import BusinessCalendar, CalendarDay, CalendarPeriod, DayKind, SlaPlan
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require
from workstation.services.admin_trail import record_admin_change
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound
from workstation.services.reference import china_exceptions
from workstation.services.sla_plans import load_calendar
from workstation.services.triage import forget_calendars

ENTITY = "business_calendar"
CHINA = "CN"


@dataclass(frozen=True)
class CalendarSummary:
    id: int
    name: str
    timezone: str
    plans: int  # SLA plans running on it


@dataclass(frozen=True)
class DayRow:
    """A dated exception: a holiday, or a make-up working day that works like a weekday."""

    day: date
    kind: str
    name: str
    works_like_weekday: int | None


@dataclass(frozen=True)
class CalendarDetail:
    id: int
    name: str
    timezone: str
    weekly: tuple[tuple[tuple[time, time], ...], ...]  # index 0 = Monday
    days: tuple[DayRow, ...]


@dataclass(frozen=True)
class HolidaysLoaded:
    added: int
    kept: int  # days the calendar already had (an administrator's edit stays)


@dataclass(frozen=True)
class Preview:
    """Where a target lands: the deadline, in the calendar's zone and in UTC."""

    start_local: datetime
    deadline_local: datetime
    deadline_utc: datetime
    target_minutes: int
    exceptions_crossed: tuple[DayRow, ...]


def _admin(user: SignedInUser) -> None:
    require(user.role, Permission.ADMINISTER)


def _calendar(session: Session, calendar_id: int) -> BusinessCalendar:
    calendar = session.get(BusinessCalendar, calendar_id)
    if calendar is None:
        raise RecordNotFound(ENTITY, calendar_id)
    return calendar


def _days(session: Session, calendar_id: int) -> list[CalendarDay]:
    return list(
        session.scalars(
            select(CalendarDay)
            .where(CalendarDay.calendar_id == calendar_id)
            .order_by(CalendarDay.day)
        )
    )


def _day_row(day: CalendarDay) -> DayRow:
    return DayRow(day.day, day.kind, day.name, day.works_like_weekday)


def list_calendars(db: Database, user: SignedInUser) -> tuple[CalendarSummary, ...]:
    _admin(user)
    with db.session() as session:
        plans = dict(
            session.execute(
                select(SlaPlan.calendar_id, func.count(SlaPlan.id)).group_by(SlaPlan.calendar_id)
            ).all()
        )
        return tuple(
            CalendarSummary(c.id, c.name, c.timezone, int(plans.get(c.id, 0)))
            for c in session.scalars(select(BusinessCalendar).order_by(BusinessCalendar.name))
        )


def calendar_detail(db: Database, user: SignedInUser, calendar_id: int) -> CalendarDetail:
    _admin(user)
    with db.session() as session:
        return _detail(session, calendar_id)


def _detail(session: Session, calendar_id: int) -> CalendarDetail:
    calendar = _calendar(session, calendar_id)
    weekly: list[list[tuple[time, time]]] = [[] for _ in range(7)]
    for period in session.scalars(
        select(CalendarPeriod)
        .where(CalendarPeriod.calendar_id == calendar_id)
        .order_by(CalendarPeriod.weekday, CalendarPeriod.start_time)
    ):
        weekly[period.weekday].append((period.start_time, period.end_time))
    return CalendarDetail(
        calendar.id,
        calendar.name,
        calendar.timezone,
        tuple(tuple(periods) for periods in weekly),
        tuple(_day_row(day) for day in _days(session, calendar_id)),
    )


def create_calendar(db: Database, user: SignedInUser, name: str, timezone: str) -> CalendarDetail:
    """A new calendar with no working time yet (set its weekly hours next)."""
    _admin(user)
    name = name.strip()
    errors: list[FieldError] = []
    if not name:
        errors.append(FieldError("name", "required"))
    elif len(name) > 100:
        errors.append(FieldError("name", "too_long", {"max": "100"}))
    try:
        ZoneInfo(timezone.strip())
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(FieldError("timezone", "unknown"))
    with db.session() as session:
        if name and session.scalar(
            select(BusinessCalendar.id).where(BusinessCalendar.name == name)
        ):
            errors.append(FieldError("name", "taken"))
        if errors:
            raise EditRejected(errors)
        calendar = BusinessCalendar(name=name, timezone=timezone.strip())
        session.add(calendar)
        session.flush()
        record_admin_change(
            session, user, ENTITY, calendar.id, "create", {"name": name, "timezone": timezone}
        )
        detail = _detail(session, calendar.id)
        session.commit()
    return detail


def _minutes(moment: time, end: bool = False) -> int:
    value = moment.hour * 60 + moment.minute
    return 24 * 60 if end and value == 0 and moment == time(0) else value


def check_weekly(weekly: Sequence[Sequence[tuple[time, time]]]) -> list[FieldError]:
    """Seven days; each period ends after it starts; the periods of a day do not overlap."""
    if len(weekly) != 7:
        return [FieldError("weekly", "seven_days")]
    errors: list[FieldError] = []
    for weekday, periods in enumerate(weekly):
        spans = sorted((_minutes(s), _minutes(e, end=True)) for s, e in periods)
        if any(end <= start for start, end in spans):
            errors.append(FieldError(f"weekly.{weekday}", "end_before_start"))
        elif any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
            errors.append(FieldError(f"weekly.{weekday}", "overlap"))
    return errors


def _period_text(periods: Sequence[tuple[time, time]]) -> list[str]:
    return [f"{s:%H:%M}-{e:%H:%M}" for s, e in sorted(periods)]


def set_weekly_hours(
    db: Database,
    user: SignedInUser,
    calendar_id: int,
    weekly: Sequence[Sequence[tuple[time, time]]],
) -> CalendarDetail:
    """Replace the calendar's working periods, weekday by weekday (0 = Monday)."""
    _admin(user)
    errors = check_weekly(weekly)
    if errors:
        raise EditRejected(errors)
    with db.session() as session:
        old = _detail(session, calendar_id)
        changes = {
            str(weekday): [_period_text(old.weekly[weekday]), _period_text(weekly[weekday])]
            for weekday in range(7)
            if _period_text(old.weekly[weekday]) != _period_text(weekly[weekday])
        }
        if not changes:
            return old
        for period in session.scalars(
            select(CalendarPeriod).where(CalendarPeriod.calendar_id == calendar_id)
        ):
            session.delete(period)
        session.flush()
        for weekday, periods in enumerate(weekly):
            for start, end in periods:
                session.add(
                    CalendarPeriod(
                        calendar_id=calendar_id, weekday=weekday, start_time=start, end_time=end
                    )
                )
        record_admin_change(session, user, ENTITY, calendar_id, "weekly_hours", changes)
        detail = _detail(session, calendar_id)
        session.commit()
    forget_calendars()
    return detail


def _check_day(row: DayRow) -> list[FieldError]:
    errors: list[FieldError] = []
    if row.kind not in (DayKind.HOLIDAY, DayKind.WORKDAY):
        errors.append(FieldError("kind", "unknown"))
    if len(row.name) > 100:
        errors.append(FieldError("name", "too_long", {"max": "100"}))
    if row.kind == DayKind.WORKDAY and (
        row.works_like_weekday is None or not 0 <= row.works_like_weekday <= 6
    ):
        errors.append(FieldError("works_like_weekday", "required"))
    return errors


def _values(row: DayRow) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "name": row.name,
        "works_like_weekday": row.works_like_weekday if row.kind == DayKind.WORKDAY else None,
    }


def save_day(db: Database, user: SignedInUser, calendar_id: int, row: DayRow) -> CalendarDetail:
    """Add or change the exception of one date."""
    _admin(user)
    row = DayRow(row.day, row.kind, row.name.strip(), row.works_like_weekday)
    errors = _check_day(row)
    if errors:
        raise EditRejected(errors)
    new = _values(row)
    with db.session() as session:
        _calendar(session, calendar_id)
        day = session.scalar(
            select(CalendarDay).where(
                CalendarDay.calendar_id == calendar_id, CalendarDay.day == row.day
            )
        )
        old = _values(_day_row(day)) if day is not None else None
        if old == new:
            return _detail(session, calendar_id)
        if day is None:
            day = CalendarDay(calendar_id=calendar_id, day=row.day)
            session.add(day)
        day.kind, day.name, day.works_like_weekday = (
            new["kind"],
            new["name"],
            new["works_like_weekday"],
        )
        record_admin_change(
            session,
            user,
            ENTITY,
            calendar_id,
            "day_set",
            {"day": row.day.isoformat(), "old": old, "new": new},
        )
        detail = _detail(session, calendar_id)
        session.commit()
    forget_calendars()
    return detail


def remove_day(db: Database, user: SignedInUser, calendar_id: int, day: date) -> CalendarDetail:
    """The date follows the weekly pattern again."""
    _admin(user)
    with db.session() as session:
        _calendar(session, calendar_id)
        row = session.scalar(
            select(CalendarDay).where(
                CalendarDay.calendar_id == calendar_id, CalendarDay.day == day
            )
        )
        if row is None:
            return _detail(session, calendar_id)
        old = _values(_day_row(row))
        session.delete(row)
        record_admin_change(
            session, user, ENTITY, calendar_id, "day_removed", {"day": day.isoformat(), "old": old}
        )
        detail = _detail(session, calendar_id)
        session.commit()
    forget_calendars()
    return detail


def _first_working_weekday(session: Session, calendar_id: int) -> int:
    """What a make-up working day works like: the first weekday with working hours."""
    weekday = session.scalar(
        select(func.min(CalendarPeriod.weekday)).where(CalendarPeriod.calendar_id == calendar_id)
    )
    return int(weekday) if weekday is not None else 0


def public_holidays(country: str, year: int, works_like: int) -> list[DayRow]:
    """A country's public holidays of a year (China: with its make-up working days)."""
    country = country.strip().upper()
    if country == CHINA:
        import chinese_calendar

        known = {d.year for d in chinese_calendar.holidays}
        if year not in known:
            raise EditRejected(
                [
                    FieldError(
                        "year", "out_of_range", {"min": str(min(known)), "max": str(max(known))}
                    )
                ]
            )
        return [
            DayRow(e.day, e.kind, e.name, works_like if e.kind == DayKind.WORKDAY else None)
            for e in china_exceptions(year)
            if e.day.year == year
        ]
    import holidays

    try:
        found = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        raise EditRejected([FieldError("country", "unknown")]) from None
    return [
        DayRow(day, DayKind.HOLIDAY, str(name)[:100], None) for day, name in sorted(found.items())
    ]


def load_public_holidays(
    db: Database, user: SignedInUser, calendar_id: int, country: str, year: int
) -> HolidaysLoaded:
    """Add the country's holidays (and, for China, make-up working days) of `year`.

    Dates the calendar already has are kept as they are: loading again never undoes an
    administrator's edit.
    """
    _admin(user)
    with db.session() as session:
        _calendar(session, calendar_id)
        rows = public_holidays(country, year, _first_working_weekday(session, calendar_id))
        have = {day.day for day in _days(session, calendar_id)}
        added = [row for row in rows if row.day not in have]
        for row in added:
            session.add(CalendarDay(calendar_id=calendar_id, day=row.day, **_values(row)))
        result = HolidaysLoaded(added=len(added), kept=len(rows) - len(added))
        record_admin_change(
            session,
            user,
            ENTITY,
            calendar_id,
            "holidays_loaded",
            {
                "country": country.strip().upper(),
                "year": year,
                "added": [row.day.isoformat() for row in added],
                "kept": result.kept,
            },
        )
        session.commit()
    forget_calendars()
    return result


def preview_deadline(
    db: Database, user: SignedInUser, calendar_id: int, start_local: datetime, minutes: int
) -> Preview:
    """The deadline `minutes` working minutes after `start_local` (wall time of the calendar)."""
    _admin(user)
    if minutes <= 0:
        raise EditRejected([FieldError("minutes", "out_of_range", {"min": "1", "max": "—"})])
    with db.session() as session:
        _calendar(session, calendar_id)
        calendar = load_calendar(session, calendar_id)
        zone = calendar.zone
        start = start_local.replace(tzinfo=zone)
        try:
            due = calendar.add_working_minutes(start, minutes)
        except ValueError:
            raise EditRejected([FieldError("minutes", "no_working_time")]) from None
        due_local = due.astimezone(zone)
        crossed = tuple(
            _day_row(day)
            for day in _days(session, calendar_id)
            if start_local.date() <= day.day <= due_local.date()
        )
    return Preview(
        start_local=start_local.replace(tzinfo=None),
        deadline_local=due_local.replace(tzinfo=None),
        deadline_utc=due.astimezone(UTC),
        target_minutes=minutes,
        exceptions_crossed=crossed,
    )
