"""The SLA watch: warn once when a ticket's deadline turns at risk, and when it is breached.

Any desk may sweep (the main window runs it on a timer); several desks sweeping at the same
moment flag each crossing exactly once, because the flag is set by a conditional UPDATE that
only matches while the flag is still below the new level (PostgreSQL: the rows are picked
`FOR UPDATE SKIP LOCKED`, so a second sweeper skips what the first holds instead of waiting on
it; SQLite runs each UPDATE under its single write lock). Each flagged ticket gets a timeline
event and a change-log row, so the assignee's and the supervisors' desks show a notice; a
breach is also escalated to the supervisors (event "escalated_to_supervisor").

The flags are not an edit of the ticket: the version is not bumped (a desk saving its edit
is not refused because the watch flagged the ticket meanwhile).

Cost when nothing crossed: the resolution deadline is read along ix_tickets_status_resolution_due
(status, resolution_due_at): a breach is `resolution_due_at < now`, and an at-risk instant
`<= now` implies a due date at most (1 − at_risk_ratio) × target working minutes ahead, so
the at-risk query is a bounded range of the same index too. The response deadline concerns
only tickets nobody has started on (status new or assigned: the first move to in_progress
answers it), read by status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, TextClause, and_, select, text, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import SlaFlag, SlaPlan, SlaTarget, Ticket, TicketEvent
from workstation.services.sla_timeline import RESOLUTION, RESPONSE, iso
from workstation.services.triage import calendar_of

# The fixed part of each sweep condition, written as literal SQL: a partial index whose WHERE
# is the same text can serve the query on both back ends (SQLite only uses a partial index when
# the query repeats its predicate with constants, not bound parameters). Waiting for the
# customer stops the clock, resolved and closed tickets are done; the response is owed only
# before anyone started work (the first move to in_progress answers it).
RUNNING = "status IN ('new', 'assigned', 'in_progress', 'waiting_parts')"
UNANSWERED = "status IN ('new', 'assigned') AND first_response_at IS NULL"
# Migration 0007 indexes each predicate with a partial index of this name prefix.
WATCH_INDEX_PREFIX = "ix_tickets_watch_"
WATCH_PREDICATES = {
    (RESOLUTION, SlaFlag.BREACHED): f"{RUNNING} AND resolution_sla_flag <> 'breached'",
    (RESOLUTION, SlaFlag.AT_RISK): f"{RUNNING} AND resolution_sla_flag = ''",
    (RESPONSE, SlaFlag.BREACHED): f"{UNANSWERED} AND response_sla_flag <> 'breached'",
    (RESPONSE, SlaFlag.AT_RISK): f"{UNANSWERED} AND response_sla_flag = ''",
}


@dataclass(frozen=True)
class SlaWarning:
    """One crossing flagged by this sweep (`deadline`: response | resolution; `level`:
    at_risk | breached)."""

    ticket_id: int
    number: str
    deadline: str
    level: str
    assignee_id: int | None
    priority: str
    queue_id: int | None
    due_at: datetime | None


def at_risk_horizon(db: Database, now: datetime) -> datetime:
    """The latest resolution deadline a ticket at risk by `now` can have.

    At risk means at least `at_risk_ratio` of the target is used, so at most
    (1 − ratio) × target working minutes remain: the furthest of those, over every plan and
    priority, on each plan's calendar. Read in its own short session.
    """
    with db.session() as session:
        rows = session.execute(
            select(SlaPlan.calendar_id, SlaPlan.at_risk_ratio, SlaTarget.resolution_minutes).join(
                SlaTarget, SlaTarget.sla_plan_id == SlaPlan.id
            )
        ).all()
        horizon = now
        for calendar_id, ratio, minutes in rows:
            remaining = max(0.0, (1.0 - ratio) * minutes)
            horizon = max(
                horizon, calendar_of(session, calendar_id).add_working_minutes(now, remaining)
            )
    # A second of slack for rounding of fractional minutes.
    return horizon + timedelta(seconds=1)


def _conditions(
    deadline: str, level: SlaFlag, now: datetime, horizon: datetime
) -> list[ColumnElement[bool] | TextClause]:
    """Which tickets cross `level` of `deadline` now and have not been warned of it."""
    where: list[ColumnElement[bool] | TextClause] = [
        text(WATCH_PREDICATES[deadline, level]),
        Ticket.sla_paused_at.is_(None),
    ]
    if deadline == RESOLUTION and level == SlaFlag.BREACHED:
        where.append(Ticket.resolution_due_at < now)
    elif deadline == RESOLUTION:
        # The bound on the due date lets ix_tickets_status_resolution_due serve the query.
        where += [Ticket.resolution_at_risk_at <= now, Ticket.resolution_due_at <= horizon]
    elif level == SlaFlag.BREACHED:
        where.append(Ticket.response_due_at < now)
    else:
        where.append(Ticket.response_at_risk_at <= now)
    return where


# A breach is checked before at-risk, so a crossing of both is warned once, as breached.
_LEVELS = (SlaFlag.BREACHED, SlaFlag.AT_RISK)


def sweep_sla(db: Database, now: datetime | None = None) -> tuple[SlaWarning, ...]:
    """Flag every deadline that turned at risk or was breached since the last sweep.

    A breach is checked before at-risk, so a ticket that crossed both while nobody swept is
    warned once, as breached. Returns what this sweep flagged (another desk's share is not in
    it).
    """
    now = now or datetime.now(UTC)
    horizon = at_risk_horizon(db, now)
    steps = [(d, level) for d in (RESOLUTION, RESPONSE) for level in _LEVELS]
    # Most sweeps find nothing: read first, in a transaction of its own, so SQLite's single
    # write lock is taken only when there is something to flag (and the writing transaction
    # starts with its write, so it waits for the lock instead of failing to upgrade a read).
    with db.session() as session:
        due = [
            (deadline, level)
            for deadline, level in steps
            if session.execute(
                select(Ticket.id).where(and_(*_conditions(deadline, level, now, horizon))).limit(1)
            ).first()
            is not None
        ]
    if not due:
        return ()
    warnings: list[SlaWarning] = []
    with db.session() as session:
        for deadline, level in due:
            warnings += _flag(db, session, deadline, level, now, horizon)
        if warnings:
            session.commit()
        else:
            session.rollback()
    return tuple(warnings)


def _flag(
    db: Database,
    session: Session,
    deadline: str,
    level: SlaFlag,
    now: datetime,
    horizon: datetime,
) -> list[SlaWarning]:
    where = _conditions(deadline, level, now, horizon)
    condition = and_(*where)
    if db.backend != "sqlite":
        picked = (
            select(Ticket.id).where(condition).order_by(Ticket.id).with_for_update(skip_locked=True)
        )
        condition = and_(Ticket.id.in_(picked.scalar_subquery()), *where)
    flag_column = "resolution_sla_flag" if deadline == RESOLUTION else "response_sla_flag"
    due_column = Ticket.resolution_due_at if deadline == RESOLUTION else Ticket.response_due_at
    rows = session.execute(
        update(Ticket)
        .where(condition)
        .values({flag_column: level.value})
        .returning(
            Ticket.id,
            Ticket.number,
            Ticket.assignee_id,
            Ticket.priority,
            Ticket.queue_id,
            due_column,
        )
        .execution_options(synchronize_session=False)
    ).all()
    warnings = []
    kind = "sla_breached" if level == SlaFlag.BREACHED else "sla_at_risk"
    for ticket_id, number, assignee_id, priority, queue_id, due_at in rows:
        details: dict[str, Any] = {"deadline": deadline, "due_at": iso(due_at)}
        session.add(
            TicketEvent(ticket_id=ticket_id, at=now, user_id=None, kind=kind, details=details)
        )
        breached = level == SlaFlag.BREACHED
        if breached:
            session.add(
                TicketEvent(
                    ticket_id=ticket_id,
                    at=now,
                    user_id=None,
                    kind="escalated_to_supervisor",
                    details={"deadline": deadline, "reason": "sla_breached"},
                )
            )
        record_change(
            session,
            "ticket",
            ticket_id,
            "update",
            None,
            {
                "sla_warning": level.value,
                "deadline": deadline,
                "assignee_id": assignee_id,
                "number": number,
                "priority": priority,
                "queue_id": queue_id,
                "escalated_to_supervisor": breached,
            },
        )
        warnings.append(
            SlaWarning(
                ticket_id, number, deadline, level.value, assignee_id, priority, queue_id, due_at
            )
        )
    return warnings
