"""When a ticket is resolved, its follow-up call (回访) is planned in the same transaction."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.models import FollowUp, FollowUpStatus
from workstation.services.centre_settings import FOLLOW_UP_DELAY_DAYS, setting


def plan_follow_up(session: Session, ticket_id: int, resolved_at: datetime) -> int:
    """The ticket's open follow-up, due the centre's delay after `resolved_at`; its id.

    A ticket resolved again (after a reopen) keeps one open follow-up: its due date moves.
    """
    due = resolved_at + timedelta(days=setting(session, FOLLOW_UP_DELAY_DAYS))
    follow_up = session.scalars(
        select(FollowUp).where(
            FollowUp.ticket_id == ticket_id, FollowUp.status == FollowUpStatus.OPEN
        )
    ).first()
    if follow_up is None:
        follow_up = FollowUp(
            ticket_id=ticket_id,
            due_at=due,
            status=FollowUpStatus.OPEN,
            created_at=resolved_at,
            comments="",
            outcome="",
            version=1,
        )
        session.add(follow_up)
    else:
        follow_up.due_at = due
        follow_up.version += 1
    session.flush()
    record_change(session, "follow_up", follow_up.id, "update", None, {"ticket_id": ticket_id})
    return follow_up.id
