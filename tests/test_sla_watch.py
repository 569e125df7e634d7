"""The SLA watch: each crossing is warned exactly once, even with several desks sweeping."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from tests.factories import CustomerIds, add_customer, add_desk_user, with_reference_data
from tests.ticket_factories import add_office_plan, add_planned_ticket, beijing
from workstation.db import Database
from workstation.models import ChangeLogEntry, Ticket, TicketEvent
from workstation.services.sla_watch import SlaWarning, at_risk_horizon, sweep_sla
from workstation.services.ticket_detail import load_ticket
from workstation.services.ticket_work import change_status

REPORTED = beijing(2026, 4, 1, 9)  # Wednesday; P3: response 120, resolution 900 minutes


def _setup(db: Database) -> tuple[int, CustomerIds]:
    with_reference_data(db)
    return add_office_plan(db), add_customer(db)


def _events(db: Database, kind: str) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(TicketEvent.ticket_id).where(TicketEvent.kind == kind)))


def test_nothing_is_flagged_before_a_crossing(db: Database) -> None:
    plan, customer = _setup(db)
    add_planned_ticket(db, customer, plan, REPORTED)
    assert sweep_sla(db, now=REPORTED + timedelta(minutes=30)) == ()


def test_at_risk_then_breached_each_once(db: Database) -> None:
    plan, customer = _setup(db)
    agent = add_desk_user(db)
    ticket_id = add_planned_ticket(db, customer, plan, REPORTED, assignee_id=agent.id)
    # The response target (120) is at risk after 96 working minutes: 10:36.
    at_risk = sweep_sla(db, now=beijing(2026, 4, 1, 10, 40))
    assert [(w.ticket_id, w.deadline, w.level) for w in at_risk] == [
        (ticket_id, "response", "at_risk")
    ]
    assert at_risk[0].assignee_id == agent.id and at_risk[0].priority == "P3"
    assert sweep_sla(db, now=beijing(2026, 4, 1, 10, 50)) == ()
    breached = sweep_sla(db, now=beijing(2026, 4, 1, 11, 1))
    assert [(w.deadline, w.level) for w in breached] == [("response", "breached")]
    assert sweep_sla(db, now=beijing(2026, 4, 1, 11, 30)) == ()
    detail = load_ticket(db, ticket_id, now=beijing(2026, 4, 1, 11, 30))
    assert (detail.response_sla_flag, detail.resolution_sla_flag) == ("breached", "")
    kinds = [e.kind for e in detail.timeline]
    assert kinds == ["created", "sla_at_risk", "sla_breached", "escalated_to_supervisor"]
    assert detail.timeline[2].details["deadline"] == "response"
    assert detail.timeline[2].user == ""  # the watch, not a person
    breach_step = [s for s in detail.sla_timeline if s.kind == "breached"]
    assert len(breach_step) == 1 and not breach_step[0].synthetic
    with db.session() as session:
        notices = [
            entry.data
            for entry in session.scalars(
                select(ChangeLogEntry)
                .where(ChangeLogEntry.entity_id == ticket_id, ChangeLogEntry.entity == "ticket")
                .order_by(ChangeLogEntry.id)
            )
            if "sla_warning" in entry.data
        ]
    assert notices == [
        {
            "sla_warning": "at_risk",
            "deadline": "response",
            "assignee_id": agent.id,
            "number": detail.number,
            "priority": "P3",
            "queue_id": None,
            "escalated_to_supervisor": False,
        },
        {
            "sla_warning": "breached",
            "deadline": "response",
            "assignee_id": agent.id,
            "number": detail.number,
            "priority": "P3",
            "queue_id": None,
            "escalated_to_supervisor": True,
        },
    ]
    # The flags are not an edit: a desk holding the ticket can still save.
    assert detail.version == 1


def test_a_ticket_that_crossed_both_levels_unseen_is_warned_once_as_breached(
    db: Database,
) -> None:
    plan, customer = _setup(db)
    ticket_id = add_planned_ticket(db, customer, plan, REPORTED)
    # Thursday evening: response and resolution (900 minutes: Thursday 18:00) both missed.
    warnings = sweep_sla(db, now=beijing(2026, 4, 2, 19))
    assert sorted((w.ticket_id, w.deadline, w.level) for w in warnings) == [
        (ticket_id, "resolution", "breached"),
        (ticket_id, "response", "breached"),
    ]
    assert sweep_sla(db, now=beijing(2026, 4, 2, 20)) == ()


def test_a_paused_ticket_and_an_answered_response_are_not_flagged(db: Database) -> None:
    plan, customer = _setup(db)
    agent = add_desk_user(db)
    ticket_id = add_planned_ticket(db, customer, plan, REPORTED, assignee_id=agent.id)
    version = change_status(
        db, agent, ticket_id, 1, "assigned", now=beijing(2026, 4, 1, 9, 5)
    ).version
    version = change_status(
        db, agent, ticket_id, version, "in_progress", now=beijing(2026, 4, 1, 9, 10)
    ).version
    change_status(db, agent, ticket_id, version, "waiting_customer", now=beijing(2026, 4, 1, 10))
    # Long after both deadlines would have passed, had the clock run.
    assert sweep_sla(db, now=beijing(2026, 4, 10, 12)) == ()
    detail = load_ticket(db, ticket_id)
    assert (detail.response_sla_flag, detail.resolution_sla_flag) == ("", "")


def test_two_desks_sweeping_at_once_flag_each_crossing_exactly_once(db: Database) -> None:
    plan, customer = _setup(db)
    tickets = [
        add_planned_ticket(db, customer, plan, REPORTED + timedelta(minutes=i % 30))
        for i in range(60)
    ]
    now = beijing(2026, 4, 3, 12)  # every response and resolution missed
    found: list[list[SlaWarning]] = [[], [], []]
    start = threading.Barrier(3)

    def desk(index: int) -> None:
        start.wait()
        for _ in range(3):
            found[index].extend(sweep_sla(db, now=now))

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flagged = sorted((w.ticket_id, w.deadline) for share in found for w in share)
    expected = sorted((t, d) for t in tickets for d in ("response", "resolution"))
    assert flagged == expected  # each crossing once, none missed, none twice
    with db.session() as session:
        per_ticket = dict(
            session.execute(
                select(TicketEvent.ticket_id, func.count())
                .where(TicketEvent.kind == "sla_breached")
                .group_by(TicketEvent.ticket_id)
            ).all()
        )
        assert per_ticket == {t: 2 for t in tickets}
        flags = set(
            session.execute(select(Ticket.response_sla_flag, Ticket.resolution_sla_flag)).all()
        )
        assert flags == {("breached", "breached")}
    assert len(_events(db, "escalated_to_supervisor")) == 2 * len(tickets)


def test_the_at_risk_horizon_bounds_the_deadlines_of_tickets_at_risk(db: Database) -> None:
    plan, customer = _setup(db)
    now = beijing(2026, 4, 2, 15, 30)
    ticket_id = add_planned_ticket(db, customer, plan, REPORTED)  # at risk Thursday 15:00
    detail = load_ticket(db, ticket_id)
    assert detail.resolution_at_risk_at is not None and detail.resolution_due_at is not None
    assert detail.resolution_at_risk_at <= now
    assert detail.resolution_due_at <= at_risk_horizon(db, now)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.first_response_at = REPORTED  # only the resolution deadline left
        ticket.status = "in_progress"
        session.commit()
    warnings = sweep_sla(db, now=now)
    assert [(w.deadline, w.level) for w in warnings] == [("resolution", "at_risk")]
