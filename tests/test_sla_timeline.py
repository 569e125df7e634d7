"""The SLA clock while a ticket is worked: pauses across weekends and holidays, priority changes
mid-way, and the SLA timeline the ticket screen shows (with where the time went)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from tests.factories import add_customer, add_desk_user, with_reference_data
from tests.ticket_factories import add_office_plan, add_planned_ticket, beijing
from workstation.db import Database
from workstation.models import BusinessCalendar, SlaPause, SlaPlan, Ticket
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.sla_plans import load_calendar
from workstation.services.sla_timeline import PhaseTime
from workstation.services.ticket_detail import load_ticket
from workstation.services.ticket_work import (
    Resolution,
    TicketRefused,
    change_priority_or_plan,
    change_status,
)
from workstation.sla import Pause, elapsed_working_minutes

FIX = Resolution("part_replaced", "定影器老化", "更换定影器，测试正常")


def _steps(db: Database, user: SignedInUser, ticket_id: int, *moves: tuple[str, datetime]) -> int:
    version = load_ticket(db, ticket_id).version
    for status, at in moves:
        resolution = FIX if status == "resolved" else None
        version = change_status(
            db, user, ticket_id, version, status, resolution=resolution, now=at
        ).version
    return version


@pytest.fixture
def agent(db: Database) -> SignedInUser:
    with_reference_data(db)
    return add_desk_user(db, "agent1", "agent")


def test_a_pause_from_friday_to_tuesday_over_a_weekend_and_a_holiday_moves_the_deadline_by_the_paused_working_time(  # noqa: E501
    db: Database, agent: SignedInUser
) -> None:
    plan = add_office_plan(db)  # P3: response 120, resolution 900 working minutes
    ticket_id = add_planned_ticket(
        db, add_customer(db), plan, beijing(2026, 4, 3, 9), assignee_id=agent.id
    )
    before = load_ticket(db, ticket_id)
    # Friday 9:00 + 900 minutes: 450 on Friday, Monday 6 April is a holiday, 450 on Tuesday.
    assert before.resolution_due_at == beijing(2026, 4, 7, 18)
    assert before.resolution_at_risk_at == beijing(2026, 4, 7, 15)
    version = _steps(
        db,
        agent,
        ticket_id,
        ("assigned", beijing(2026, 4, 3, 9, 30)),
        ("in_progress", beijing(2026, 4, 3, 10)),
        ("waiting_customer", beijing(2026, 4, 3, 15)),
    )
    paused = load_ticket(db, ticket_id)
    assert paused.sla_paused_at == beijing(2026, 4, 3, 15)
    assert paused.resolution_due_at == before.resolution_due_at  # moves only when it resumes
    change = change_status(
        db, agent, ticket_id, version, "in_progress", now=beijing(2026, 4, 7, 10)
    )
    assert change.sla_paused_at is None
    # Paused: Friday 15:00-18:00 (180) + Tuesday 09:00-10:00 (60); the weekend and the
    # holiday were not working time anyway.
    with db.session() as session:
        calendar_id = session.scalar(select(SlaPlan.calendar_id).where(SlaPlan.id == plan))
        assert calendar_id is not None
        calendar = load_calendar(session, calendar_id)
        pause = session.scalars(select(SlaPause).where(SlaPause.ticket_id == ticket_id)).one()
        assert (pause.reason, pause.started_by_id, pause.ended_by_id) == (
            "waiting_customer",
            agent.id,
            agent.id,
        )
    assert before.resolution_due_at is not None and before.resolution_at_risk_at is not None
    assert calendar.add_working_minutes(before.resolution_due_at, 240) == beijing(
        2026, 4, 8, 14, 30
    )
    assert change.resolution_due_at == beijing(2026, 4, 8, 14, 30)
    assert change.resolution_at_risk_at == calendar.add_working_minutes(
        before.resolution_at_risk_at, 240
    )
    # The response was given before the pause: its deadline stays.
    assert change.response_due_at == before.response_due_at
    resumed = load_ticket(db, ticket_id).timeline[-2]
    assert resumed.kind == "sla_resumed"
    assert resumed.details["paused_minutes"] == 240
    assert resumed.details["deadlines"]["before"]["resolution_due_at"] == (
        before.resolution_due_at.isoformat()
    )
    assert resumed.details["deadlines"]["after"]["resolution_due_at"] == (
        beijing(2026, 4, 8, 14, 30).isoformat()
    )


def test_a_priority_change_mid_way_recomputes_from_the_working_time_used(
    db: Database, agent: SignedInUser
) -> None:
    plan = add_office_plan(db)  # P2: 60 / 900, P4: 240 / 2250
    ticket_id = add_planned_ticket(
        db,
        add_customer(db),
        plan,
        beijing(2026, 4, 1, 9),
        priority="P2",
        assignee_id=agent.id,
        status="in_progress",
    )
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.first_response_at = beijing(2026, 4, 1, 9, 30)
        # The watch already warned: Thursday 15:00 was the at-risk instant.
        assert ticket.resolution_at_risk_at == beijing(2026, 4, 2, 15)
        ticket.resolution_sla_flag = "at_risk"
        session.commit()
    now = beijing(2026, 4, 2, 16)
    with pytest.raises(PermissionDenied):  # the promise to the customer is a supervisor's call
        change_priority_or_plan(db, agent, ticket_id, 1, priority="P4", reason="客户同意延期")
    supervisor = add_desk_user(db, "supervisor1", "supervisor")
    with pytest.raises(TicketRefused) as refused:
        change_priority_or_plan(db, supervisor, ticket_id, 1, priority="P9", reason="")
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("reason", "required"),
        ("priority", "unknown"),
    }
    change = change_priority_or_plan(
        db, supervisor, ticket_id, 1, priority="P4", reason="客户同意延期", now=now
    )
    # Used by Thursday 16:00: Wednesday 450 + Thursday 09:00-12:00 and 13:30-16:00 = 780.
    # P4 leaves 2250 - 780 = 1470: Thursday 120, Friday 450, Monday holiday, Tuesday 450,
    # Wednesday 450 → Wednesday 8 April 18:00. At risk at 1800: Tuesday 7 April 18:00.
    assert change.priority == "P4"
    assert change.resolution_due_at == beijing(2026, 4, 8, 18)
    assert change.resolution_at_risk_at == beijing(2026, 4, 7, 18)
    assert change.resolution_sla_flag == ""  # not at risk any more: the watch warns again later
    detail = load_ticket(db, ticket_id, now=now)
    event = detail.timeline[-1]
    assert event.kind == "priority_changed"
    assert (event.details["priority_before"], event.details["priority_after"]) == ("P2", "P4")
    assert event.details["deadlines"]["before"]["resolution_due_at"] == (
        beijing(2026, 4, 2, 18).isoformat()
    )
    step = detail.sla_timeline[-1]
    assert (step.kind, step.change_from, step.change_to, step.reason) == (
        "priority_changed",
        "P2",
        "P4",
        "客户同意延期",
    )
    assert step.resolution_due_before == beijing(2026, 4, 2, 18)
    assert step.resolution_due_after == beijing(2026, 4, 8, 18)


def test_a_plan_change_keeps_paused_time_out(db: Database, agent: SignedInUser) -> None:
    plan = add_office_plan(db)
    other = add_office_plan(db, targets={p: (60, 1800) for p in ("P1", "P2", "P3", "P4")})
    ticket_id = add_planned_ticket(
        db, add_customer(db), plan, beijing(2026, 4, 1, 9), assignee_id=agent.id
    )
    version = _steps(
        db,
        agent,
        ticket_id,
        ("assigned", beijing(2026, 4, 1, 9)),
        ("in_progress", beijing(2026, 4, 1, 10)),
        ("waiting_customer", beijing(2026, 4, 1, 11)),
        ("in_progress", beijing(2026, 4, 2, 11)),
    )
    now = beijing(2026, 4, 2, 14)
    supervisor = add_desk_user(db, "supervisor1", "supervisor")
    change = change_priority_or_plan(
        db, supervisor, ticket_id, version, sla_plan_id=other, reason="合同升级", now=now
    )
    with db.session() as session:
        calendar_id = session.scalar(
            select(BusinessCalendar.id).join(SlaPlan).where(SlaPlan.id == other)
        )
        assert calendar_id is not None
        calendar = load_calendar(session, calendar_id)
    pauses = [Pause(beijing(2026, 4, 1, 11), beijing(2026, 4, 2, 11))]
    used = elapsed_working_minutes(calendar, beijing(2026, 4, 1, 9), now, pauses)
    assert used == 120 + 60 + 30  # Wed 09:00-11:00, Thu 11:00-12:00 and 13:30-14:00
    assert change.resolution_due_at == calendar.add_working_minutes(now, 1800 - used)
    assert load_ticket(db, ticket_id).timeline[-1].kind == "sla_plan_changed"


def test_the_sla_timeline_shows_the_clock_the_pause_and_where_the_time_of_a_breach_went(
    db: Database, agent: SignedInUser
) -> None:
    plan = add_office_plan(db)  # P1: response 30, resolution 450
    ticket_id = add_planned_ticket(
        db, add_customer(db), plan, beijing(2026, 4, 3, 9), priority="P1", assignee_id=agent.id
    )
    _steps(
        db,
        agent,
        ticket_id,
        ("assigned", beijing(2026, 4, 3, 9, 10)),
        ("in_progress", beijing(2026, 4, 3, 9, 20)),
        ("waiting_customer", beijing(2026, 4, 3, 10)),
        ("in_progress", beijing(2026, 4, 7, 10)),
        ("waiting_parts", beijing(2026, 4, 7, 11)),
        ("in_progress", beijing(2026, 4, 8, 9, 30)),
        ("resolved", beijing(2026, 4, 8, 10)),
    )
    detail = load_ticket(db, ticket_id, now=beijing(2026, 4, 9, 9))
    steps = detail.sla_timeline
    assert [s.kind for s in steps] == [
        "clock_started",
        "first_response",
        "paused",
        "resumed",
        "breached",
        "resolved",
    ]
    started, response, paused, resumed, breached, resolved = steps
    assert started.at == beijing(2026, 4, 3, 9)
    assert started.resolution_due_after == beijing(2026, 4, 3, 18)  # as first promised
    assert response.within_deadline is True
    assert (paused.reason, paused.user) == ("waiting_customer", "agent1")
    # Paused Friday 10:00-18:00 (390) and Tuesday 09:00-10:00 (60).
    assert resumed.paused_minutes == 450
    assert resumed.resolution_due_before == beijing(2026, 4, 3, 18)
    assert resumed.resolution_due_after == beijing(2026, 4, 7, 18)
    assert (breached.deadline, breached.at, breached.synthetic) == (
        "resolution",
        beijing(2026, 4, 7, 18),
        True,
    )
    assert resolved.within_deadline is False and resolved.reason == "part_replaced"
    assert detail.resolution_breached and not detail.response_breached
    # Where the 510 working minutes went (the pause not counted): 60 over the target.
    assert detail.where_time_went == (
        PhaseTime("new", 10),
        PhaseTime("assigned", 10),
        PhaseTime("in_progress", 130),  # Fri 09:20-10:00, Tue 10:00-11:00, Wed 09:30-10:00
        PhaseTime("waiting_parts", 360),  # Tue 11:00-18:00, Wed 09:00-09:30
    )
    assert sum(p.working_minutes for p in detail.where_time_went) == 450 + 60


def test_a_reopened_ticket_does_not_count_its_resolved_time(
    db: Database, agent: SignedInUser
) -> None:
    plan = add_office_plan(db)  # P3: resolution 900
    ticket_id = add_planned_ticket(
        db, add_customer(db), plan, beijing(2026, 4, 1, 9), assignee_id=agent.id
    )
    version = _steps(
        db,
        agent,
        ticket_id,
        ("assigned", beijing(2026, 4, 1, 9)),
        ("in_progress", beijing(2026, 4, 1, 9, 30)),
        ("resolved", beijing(2026, 4, 1, 11)),
    )
    before = load_ticket(db, ticket_id).resolution_due_at
    assert before == beijing(2026, 4, 2, 18)
    change = change_status(
        db, agent, ticket_id, version, "reopened", note="又卡纸了", now=beijing(2026, 4, 2, 11)
    )
    # Resolved Wednesday 11:00 to Thursday 11:00: 450 working minutes kept out.
    assert change.resolution_due_at == beijing(2026, 4, 3, 18)  # a working day later
    detail = load_ticket(db, ticket_id, now=beijing(2026, 4, 2, 12))
    reopened = detail.sla_timeline[-1]
    assert (reopened.kind, reopened.reason, reopened.paused_minutes) == (
        "reopened",
        "又卡纸了",
        450,
    )
    assert reopened.resolution_due_before == before
    assert reopened.resolution_due_after == beijing(2026, 4, 3, 18)
    # Assigned 09:00-09:30, in progress 09:30-11:00 and again from Thursday 11:00 to 12:00.
    assert detail.where_time_went == (PhaseTime("assigned", 30), PhaseTime("in_progress", 150))
