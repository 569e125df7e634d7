"""Take next: the most urgent unassigned ticket a user may work, claimed exactly once.

Many desks press "take next" at the same moment. The claim is one conditional UPDATE of the
best candidate that only succeeds while the ticket is still unassigned: on PostgreSQL the
candidate is picked `FOR UPDATE SKIP LOCKED`, so each desk gets a different ticket without
waiting for the others; SQLite runs the statement under its single write lock. Either way a
ticket is never assigned twice and none is skipped.

Which tickets a user may take: new and unassigned; in the queue asked for (else any); in a
queue of the user's region or of no region; and, for a user with skills (product categories),
of a product the user knows (or of no known model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Select, and_, or_, select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import ProductModel, Queue, Ticket, TicketEvent, TicketStatus
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser

# A desk that keeps losing races on SQLite gives up after this many candidates (then None:
# the queue is being emptied by others faster than it can look).
MAX_ATTEMPTS = 50


@dataclass(frozen=True)
class ClaimedTicket:
    ticket_id: int
    number: str
    priority: str
    version: int
    customer_id: int


def take_next(
    db: Database,
    user: SignedInUser,
    queue_id: int | None = None,
    now: datetime | None = None,
) -> ClaimedTicket | None:
    """Assign the most urgent ticket `user` may take to them; None if there is none.

    One statement picks and claims: `UPDATE … WHERE id = (the best candidate) AND still
    unassigned`. SQLite runs it under its single write lock; on PostgreSQL the candidate is
    picked `FOR UPDATE SKIP LOCKED`, so concurrent desks pick different rows.
    """
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    for _ in range(MAX_ATTEMPTS):
        with db.session() as session:
            pick = _candidates(user, queue_id).limit(1)
            if db.backend != "sqlite":
                pick = pick.with_for_update(skip_locked=True, of=Ticket)
            claimed = _claim(session, user, pick, now)
            if claimed is not None:
                session.commit()
                return claimed
            session.rollback()
            if session.execute(_candidates(user, queue_id).limit(1)).first() is None:
                return None
            # A candidate exists but another desk held or took it: look again.
    return None


def _candidates(user: SignedInUser, queue_id: int | None) -> Select[int]:
    where: list[ColumnElement[bool]] = [
        Ticket.status == TicketStatus.NEW,
        Ticket.assignee_id.is_(None),
        or_(Queue.id.is_(None), Queue.region_id.is_(None), Queue.region_id == user.region_id)
        if user.region_id is not None
        else or_(Queue.id.is_(None), Queue.region_id.is_(None)),
    ]
    if queue_id is not None:
        where.append(Ticket.queue_id == queue_id)
    if user.skills:
        where.append(or_(Ticket.product_model_id.is_(None), ProductModel.category.in_(user.skills)))
    return (
        select(Ticket.id)
        .outerjoin(Queue, Queue.id == Ticket.queue_id)
        .outerjoin(ProductModel, ProductModel.id == Ticket.product_model_id)
        .where(and_(*where))
        # P1 before P4, then the deadline nearest, then the oldest.
        .order_by(
            Ticket.priority,
            Ticket.resolution_due_at.is_(None),
            Ticket.resolution_due_at,
            Ticket.id,
        )
    )


def _claim(
    session: Session, user: SignedInUser, pick: Select[int], now: datetime
) -> ClaimedTicket | None:
    """The conditional update: it changes the picked row only while nobody has claimed it."""
    result = session.execute(
        update(Ticket)
        .where(
            Ticket.id == pick.scalar_subquery(),
            Ticket.assignee_id.is_(None),
            Ticket.status == TicketStatus.NEW,
        )
        .values(
            assignee_id=user.id,
            status=TicketStatus.ASSIGNED,
            version=Ticket.version + 1,
            updated_at=now,
        )
        .returning(
            Ticket.id,
            Ticket.number,
            Ticket.priority,
            Ticket.version,
            Ticket.queue_id,
            Ticket.customer_id,
        )
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if result is None:
        return None
    session.add(
        TicketEvent(
            ticket_id=result.id,
            at=now,
            user_id=user.id,
            kind="assigned",
            details={"assignee_id": user.id, "queue_id": result.queue_id, "taken": True},
        )
    )
    record_change(session, "ticket", result.id, "update", user.id, {"assignee_id": user.id})
    return ClaimedTicket(
        result.id, result.number, result.priority, result.version, result.customer_id
    )
