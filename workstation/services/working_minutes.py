"""The working minutes a ticket took to its first response and to its resolution, stored.

No SQL can follow a business calendar (holidays, make-up days, the customer's waits kept
out), so the minutes are computed here, once, when the first response or the resolution
is written, and the KPIs (services/kpis.py) average them in SQL. Every writer of
`first_response_at` / `resolved_at` calls `stamp_response` / `stamp_resolution`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.models import SlaPause, SlaPlan, Ticket
from workstation.services.triage import calendar_of
from workstation.sla import Pause, elapsed_working_minutes


def used_working_minutes(
    session: Session,
    plan_id: int | None,
    reported_at: datetime,
    until: datetime,
    pauses: Sequence[Pause] = (),
) -> int | None:
    """Working minutes of the plan's calendar from the report to `until`, pauses kept out.

    Rounded to whole minutes (what the KPIs show); None for a ticket without a plan.
    """
    if plan_id is None:
        return None
    calendar_id = session.scalar(select(SlaPlan.calendar_id).where(SlaPlan.id == plan_id))
    if calendar_id is None:
        return None
    calendar = calendar_of(session, calendar_id)
    return round(elapsed_working_minutes(calendar, reported_at, until, pauses))


def _pauses(session: Session, ticket_id: int | None) -> list[Pause]:
    if ticket_id is None:  # not flushed yet: a ticket born this instant has no pause
        return []
    rows = session.execute(
        select(SlaPause.started_at, SlaPause.ended_at).where(SlaPause.ticket_id == ticket_id)
    )
    return [Pause(start, end) for start, end in rows]


def stamp_response(session: Session, ticket: Ticket) -> None:
    """Store the working minutes to the ticket's first response (call after setting it)."""
    if ticket.first_response_at is None:
        ticket.response_working_minutes = None
        return
    ticket.response_working_minutes = used_working_minutes(
        session,
        ticket.sla_plan_id,
        ticket.reported_at,
        ticket.first_response_at,
        _pauses(session, ticket.id),
    )


def stamp_resolution(session: Session, ticket: Ticket) -> None:
    """Store the working minutes to the ticket's resolution (None again when it is cleared)."""
    if ticket.resolved_at is None:
        ticket.resolution_working_minutes = None
        return
    ticket.resolution_working_minutes = used_working_minutes(
        session,
        ticket.sla_plan_id,
        ticket.reported_at,
        ticket.resolved_at,
        _pauses(session, ticket.id),
    )
