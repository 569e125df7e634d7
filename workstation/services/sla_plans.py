"""SLA plans from the database: a plan's targets and its business calendar as a WorkingCalendar.

The SLA arithmetic itself lives in workstation/sla.py (pure, no database); this module only
reads what it needs. A customer without a contract gets the default plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.models import BusinessCalendar, CalendarDay, CalendarPeriod, SlaPlan, SlaTarget
from workstation.models.sla import DayKind
from workstation.sla import Period, WorkingCalendar


@dataclass(frozen=True)
class PlanTargets:
    """What one plan promises for one priority, in working minutes of its calendar."""

    plan_id: int
    plan_name: str
    priority: str
    response_minutes: int
    resolution_minutes: int
    at_risk_ratio: float
    calendar_id: int


def load_calendar(session: Session, calendar_id: int) -> WorkingCalendar:
    """The calendar's weekly periods and every dated exception it has."""
    calendar = session.get(BusinessCalendar, calendar_id)
    if calendar is None:
        raise LookupError(f"no business calendar {calendar_id}")
    weekly: defaultdict[int, list[Period]] = defaultdict(list)
    for period in session.scalars(
        select(CalendarPeriod).where(CalendarPeriod.calendar_id == calendar_id)
    ):
        weekly[period.weekday].append((period.start_time, period.end_time))
    holidays: set[date] = set()
    workdays: dict[date, int] = {}
    for day in session.scalars(select(CalendarDay).where(CalendarDay.calendar_id == calendar_id)):
        if day.kind == DayKind.HOLIDAY:
            holidays.add(day.day)
        elif day.kind == DayKind.WORKDAY:
            workdays[day.day] = day.works_like_weekday if day.works_like_weekday is not None else 0
    return WorkingCalendar(
        weekly=tuple(tuple(weekly[d]) for d in range(7)),
        timezone=calendar.timezone,
        holidays=frozenset(holidays),
        workdays=workdays,
    )


def default_plan_id(session: Session) -> int:
    """The plan of customers without a contract."""
    plan_id = session.scalar(select(SlaPlan.id).where(SlaPlan.is_default.is_(True)).limit(1))
    if plan_id is None:
        raise LookupError("no default SLA plan: load the reference data")
    return plan_id


def plan_targets(session: Session, plan_id: int, priority: str) -> PlanTargets:
    """The targets of `plan_id` for `priority`."""
    row = session.execute(
        select(SlaPlan, SlaTarget)
        .join(SlaTarget, SlaTarget.sla_plan_id == SlaPlan.id)
        .where(SlaPlan.id == plan_id, SlaTarget.priority == priority)
    ).one_or_none()
    if row is None:
        raise LookupError(f"SLA plan {plan_id} has no target for priority {priority}")
    plan, target = row
    return PlanTargets(
        plan_id=plan.id,
        plan_name=plan.name,
        priority=priority,
        response_minutes=target.response_minutes,
        resolution_minutes=target.resolution_minutes,
        at_risk_ratio=plan.at_risk_ratio,
        calendar_id=plan.calendar_id,
    )
