"""Rows for tests of ticket work: an office calendar with a holiday, an SLA plan on it, tickets
with their deadlines computed by triage, and users with a region and skills."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.factories import CustomerIds
from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    BusinessCalendar,
    CalendarDay,
    CalendarPeriod,
    FollowUp,
    Queue,
    SlaPause,
    SlaPlan,
    SlaTarget,
    Ticket,
    TicketEvent,
    User,
)
from workstation.services.auth import SignedInUser
from workstation.services.triage import deadlines

SHANGHAI = "Asia/Shanghai"
# Qingming 2026: Sunday 5 April, observed on Monday 6 April.
HOLIDAY = date(2026, 4, 6)
# Targets in working minutes of the office calendar (a working day is 450 minutes).
TARGETS = {"P1": (30, 450), "P2": (60, 900), "P3": (120, 900), "P4": (240, 2250)}

_numbers = itertools.count(1)
_plans = itertools.count(1)


def beijing(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Beijing wall-clock time as the aware UTC instant the database stores."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(SHANGHAI)).astimezone(UTC)


def add_office_plan(
    db: Database,
    *,
    name: str | None = None,
    targets: dict[str, tuple[int, int]] | None = None,
    at_risk_ratio: float = 0.8,
) -> int:
    """An SLA plan on a Mon-Fri 09:00-12:00, 13:30-18:00 calendar with HOLIDAY off."""
    with db.session() as session:
        number = next(_plans)
        calendar = BusinessCalendar(name=f"Test office {number}", timezone=SHANGHAI)
        session.add(calendar)
        session.flush()
        for weekday in range(5):
            session.add_all(
                [
                    CalendarPeriod(
                        calendar_id=calendar.id,
                        weekday=weekday,
                        start_time=time(9),
                        end_time=time(12),
                    ),
                    CalendarPeriod(
                        calendar_id=calendar.id,
                        weekday=weekday,
                        start_time=time(13, 30),
                        end_time=time(18),
                    ),
                ]
            )
        session.add(CalendarDay(calendar_id=calendar.id, day=HOLIDAY, kind="holiday", name="清明"))
        plan = SlaPlan(
            name=name or f"Test plan {number}",
            calendar_id=calendar.id,
            at_risk_ratio=at_risk_ratio,
            is_default=False,
        )
        session.add(plan)
        session.flush()
        for priority, (response, resolution) in (targets or TARGETS).items():
            session.add(
                SlaTarget(
                    sla_plan_id=plan.id,
                    priority=priority,
                    response_minutes=response,
                    resolution_minutes=resolution,
                )
            )
        session.commit()
        return plan.id


def queue_id(db: Database, code: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Queue.id).where(Queue.code == code))
        assert found is not None, f"no queue {code}: load the reference data"
        return found


def add_planned_ticket(
    db: Database,
    customer: CustomerIds,
    plan_id: int,
    reported_at: datetime,
    *,
    priority: str = "P3",
    status: str = "new",
    assignee_id: int | None = None,
    queue: int | None = None,
    product_model: int | None = None,
    equipment_id: int | None = None,
) -> int:
    """A ticket whose deadlines and at-risk instants come from `plan_id`."""
    with db.session() as session:
        triage = deadlines(session, plan_id, priority, reported_at)
        ticket = Ticket(
            number=f"SR-2026-{800_000 + next(_numbers):06d}",
            channel="phone",
            customer_id=customer.customer_id,
            contact_id=customer.contact_ids[0] if customer.contact_ids else None,
            equipment_id=equipment_id,
            product_model_id=product_model,
            reported_at=reported_at,
            description="打印机卡纸",
            severity="major",
            priority=priority,
            status=status,
            queue_id=queue,
            assignee_id=assignee_id,
            sla_plan_id=plan_id,
            response_due_at=triage.response_due_at,
            resolution_due_at=triage.resolution_due_at,
            response_at_risk_at=triage.response_at_risk_at,
            resolution_at_risk_at=triage.resolution_at_risk_at,
            created_at=reported_at,
            updated_at=reported_at,
        )
        session.add(ticket)
        session.flush()
        session.add(TicketEvent(ticket_id=ticket.id, at=reported_at, kind="created", details={}))
        record_change(session, "ticket", ticket.id, "create", None, {"status": status})
        session.commit()
        return ticket.id


def add_worker(
    db: Database,
    username: str,
    role: str = "engineer",
    *,
    region_id: int | None = None,
    skills: tuple[str, ...] = (),
    active: bool = True,
) -> SignedInUser:
    """A user with a region and skills (product categories)."""
    with db.session() as session:
        user = User(
            username=username,
            display_name=username,
            password_hash="-",
            role=role,
            region_id=region_id,
            skills=list(skills),
            active=active,
        )
        session.add(user)
        session.commit()
        return SignedInUser(user.id, username, username, role, region_id, skills)


def add_worked_ticket(
    db: Database,
    customer: CustomerIds,
    reported_at: datetime,
    *,
    first_response_at: datetime | None = None,
    resolved_at: datetime | None = None,
    response_working_minutes: int | None = None,
    resolution_working_minutes: int | None = None,
    response_due_at: datetime | None = None,
    resolution_due_at: datetime | None = None,
    status: str | None = None,
    kind: str = "fault",
    product_model: int | None = None,
    symptom: int | None = None,
    error_code: str = "",
    equipment_id: int | None = None,
    queue: int | None = None,
    assignee_id: int | None = None,
    resolved_on_first_call: bool = False,
    repeat_of_id: int | None = None,
    reopened_at: datetime | None = None,
) -> int:
    """A ticket as the KPIs read it, every timestamp and stored working minute given by hand.

    The status follows from the timestamps unless given; `reopened_at` adds the pause a
    reopen leaves (the resolved stretch up to it), which is how a reopen is recognised.
    """
    if status is None:
        status = "resolved" if resolved_at else "in_progress" if first_response_at else "new"
    with db.session() as session:
        ticket = Ticket(
            number=f"SR-2026-{800_000 + next(_numbers):06d}",
            channel="phone",
            customer_id=customer.customer_id,
            equipment_id=equipment_id,
            product_model_id=product_model,
            symptom_category_id=symptom,
            error_code=error_code,
            reported_at=reported_at,
            severity="major",
            priority="P3",
            status=status,
            kind=kind,
            queue_id=queue,
            assignee_id=assignee_id,
            response_due_at=response_due_at,
            resolution_due_at=resolution_due_at,
            first_response_at=first_response_at,
            resolved_at=resolved_at,
            response_working_minutes=response_working_minutes,
            resolution_working_minutes=resolution_working_minutes,
            resolved_on_first_call=resolved_on_first_call,
            repeat_of_id=repeat_of_id,
            created_at=reported_at,
            updated_at=reported_at,
        )
        session.add(ticket)
        session.flush()
        if reopened_at is not None:
            session.add(
                SlaPause(
                    ticket_id=ticket.id,
                    started_at=reopened_at - timedelta(hours=1),
                    ended_at=reopened_at,
                    reason="resolved",
                )
            )
        session.commit()
        return ticket.id


def add_scored_follow_up(
    db: Database,
    ticket_id: int,
    done_at: datetime,
    satisfaction: int | None,
    *,
    reached: bool = True,
) -> int:
    """A follow-up call answered at `done_at` with a satisfaction score (None: not given)."""
    with db.session() as session:
        follow_up = FollowUp(
            ticket_id=ticket_id,
            due_at=done_at,
            status="done",
            created_at=done_at - timedelta(days=3),
            done_at=done_at,
            reached=reached,
            satisfaction=satisfaction,
        )
        session.add(follow_up)
        session.commit()
        return follow_up.id
