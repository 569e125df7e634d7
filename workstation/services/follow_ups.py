"""Follow-up calls (回访): the list to work through, and what the customer said.

A resolved ticket gets a follow-up due a few days later (follow_up_plan.py). The agent
calls the customer and records whether they were reached, whether the fix held, a
satisfaction score (1–5) and comments. A satisfied customer closes the ticket; a
dissatisfied one reopens it or opens a complaint linked to it. Not reached: the
follow-up stays open and comes back the next day. Each answer is an outgoing call on the
customer's history and a line on the ticket's timeline, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    Call,
    Contact,
    Customer,
    Equipment,
    FollowUp,
    FollowUpStatus,
    ProductModel,
    Ticket,
    TicketEvent,
    TicketKind,
    TicketStatus,
    User,
)
from workstation.outcomes import FieldError, Refused
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound, first_phone, phones_of
from workstation.services.intake import CENTRE_TIMEZONE, first_line_queue, next_ticket_number
from workstation.services.ticket_work import close_in_session, reopen_in_session
from workstation.services.triage import deadlines, plan_for, priority_for

# Not reached: try again this much later.
RETRY_AFTER = timedelta(days=1)
# A score at or below this is dissatisfied: the answer must reopen or complain.
DISSATISFIED_AT_MOST = 2
SCORES = range(1, 6)


class FollowUpAction(StrEnum):
    NONE = "none"
    REOPEN = "reopen"
    COMPLAINT = "complaint"


@dataclass(frozen=True)
class FollowUpRow:
    """One follow-up to call: whom, about what, since when it is due."""

    id: int
    version: int
    ticket_id: int
    ticket_number: str
    customer_id: int
    customer_name: str
    contact_name: str
    phone: str
    device: str
    resolved_at: datetime | None
    resolved_by: str
    solution: str
    due_at: datetime
    attempts: int


@dataclass(frozen=True)
class FollowUpAnswer:
    reached: bool
    confirmed_fixed: bool | None = None
    satisfaction: int | None = None
    comments: str = ""
    action: FollowUpAction = FollowUpAction.NONE


@dataclass(frozen=True)
class FollowUpRecorded:
    """What the answer did: done or tried again later; the ticket closed, reopened or a
    complaint opened."""

    follow_up_id: int
    done: bool
    ticket_id: int
    ticket_number: str
    ticket_status: str
    complaint_ticket_id: int | None
    complaint_number: str


class FollowUpRejected(Refused):
    """The answer is incomplete: each problem at its field."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


class FollowUpChanged(Refused):
    """Another desk recorded this follow-up since it was loaded."""


def dissatisfied(answer: FollowUpAnswer) -> bool:
    """The customer says the fault is back, or scores the service poorly."""
    if not answer.reached:
        return False
    poor = answer.satisfaction is not None and answer.satisfaction <= DISSATISFIED_AT_MOST
    return answer.confirmed_fixed is False or poor


def check_answer(answer: FollowUpAnswer) -> tuple[FieldError, ...]:
    """Every problem of an answer, at its field (empty: it may be recorded)."""
    errors: list[FieldError] = []
    if answer.reached:
        if answer.confirmed_fixed is None:
            errors.append(FieldError("confirmed_fixed", "required"))
        if answer.satisfaction is None:
            errors.append(FieldError("satisfaction", "required"))
        elif answer.satisfaction not in SCORES:
            errors.append(FieldError("satisfaction", "out_of_range"))
        if dissatisfied(answer) and answer.action is FollowUpAction.NONE:
            errors.append(FieldError("action", "required"))
        if answer.action is FollowUpAction.COMPLAINT and not answer.comments.strip():
            errors.append(FieldError("comments", "required"))
    elif answer.action is not FollowUpAction.NONE:
        errors.append(FieldError("action", "not_reached"))
    return tuple(errors)


def follow_ups_due(
    db: Database, now: datetime | None = None, *, ahead: timedelta = timedelta(0), limit: int = 500
) -> tuple[FollowUpRow, ...]:
    """Open follow-ups due by `now + ahead`, the longest waiting first."""
    now = now or datetime.now(UTC)
    resolver = aliased(User)
    with db.session() as session:
        rows = session.execute(
            select(
                FollowUp,
                Ticket.number,
                Ticket.customer_id,
                Customer.name,
                Contact.name,
                Ticket.contact_id,
                ProductModel.name,
                Equipment.serial_number,
                Ticket.resolved_at,
                resolver.display_name,
                Ticket.solution,
            )
            .join(Ticket, Ticket.id == FollowUp.ticket_id)
            .join(Customer, Customer.id == Ticket.customer_id)
            .outerjoin(Contact, Contact.id == Ticket.contact_id)
            .outerjoin(Equipment, Equipment.id == Ticket.equipment_id)
            .outerjoin(ProductModel, ProductModel.id == Ticket.product_model_id)
            .outerjoin(resolver, resolver.id == Ticket.assignee_id)
            .where(FollowUp.status == FollowUpStatus.OPEN, FollowUp.due_at <= now + ahead)
            .order_by(FollowUp.due_at, FollowUp.id)
            .limit(limit)
        ).all()
        phones = phones_of(session, sorted({r[5] for r in rows if r[5] is not None}))
    return tuple(
        FollowUpRow(
            id=f.id,
            version=f.version,
            ticket_id=f.ticket_id,
            ticket_number=number,
            customer_id=customer_id,
            customer_name=customer_name,
            contact_name=contact_name or "",
            phone=next(iter(phones.get(contact_id, [])), "") if contact_id is not None else "",
            device=" ".join(p for p in (model or "", serial or "") if p),
            resolved_at=resolved_at,
            resolved_by=resolved_by or "",
            solution=solution,
            due_at=f.due_at,
            attempts=f.comments.count("\n") + 1 if f.reached is False else 0,
        )
        for (
            f,
            number,
            customer_id,
            customer_name,
            contact_name,
            contact_id,
            model,
            serial,
            resolved_at,
            resolved_by,
            solution,
        ) in rows
    )


def due_count(db: Database, now: datetime | None = None) -> int:
    """How many follow-ups are due now (the tab's badge)."""
    from sqlalchemy import func

    now = now or datetime.now(UTC)
    with db.session() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(FollowUp)
                .where(FollowUp.status == FollowUpStatus.OPEN, FollowUp.due_at <= now)
            )
            or 0
        )


def record_follow_up(
    db: Database,
    user: SignedInUser,
    follow_up_id: int,
    version: int,
    answer: FollowUpAnswer,
    now: datetime | None = None,
) -> FollowUpRecorded:
    """Record what the customer said, and what follows from it, in one transaction."""
    require(user.role, Permission.LOG_CALLS)
    errors = check_answer(answer)
    if errors:
        raise FollowUpRejected(errors)
    now = now or datetime.now(UTC)
    with db.session() as session:
        query = select(FollowUp).where(FollowUp.id == follow_up_id)
        if db.backend != "sqlite":
            query = query.with_for_update()
        follow_up = session.scalars(query).one_or_none()
        if follow_up is None:
            raise RecordNotFound("follow_up", follow_up_id)
        if follow_up.version != version or follow_up.status != FollowUpStatus.OPEN:
            raise FollowUpChanged(f"follow-up {follow_up_id} changed on another desk")
        ticket = session.get(Ticket, follow_up.ticket_id)
        assert ticket is not None
        comments = answer.comments.strip()
        _log_call(session, user, ticket, comments, now)
        follow_up.version += 1
        complaint: Ticket | None = None
        if not answer.reached:
            follow_up.reached = False
            follow_up.due_at = now + RETRY_AFTER
            stamp = now.astimezone(ZoneInfo(CENTRE_TIMEZONE)).strftime("%Y-%m-%d %H:%M")
            note = f"{stamp} {comments}".strip()
            follow_up.comments = f"{follow_up.comments}\n{note}".strip()
            _event(session, ticket, user, now, "follow_up_attempt", {"comments": comments})
        else:
            follow_up.status = FollowUpStatus.DONE
            follow_up.done_at = now
            follow_up.done_by_id = user.id
            follow_up.reached = True
            follow_up.confirmed_fixed = answer.confirmed_fixed
            follow_up.satisfaction = answer.satisfaction
            follow_up.comments = comments
            _event(
                session,
                ticket,
                user,
                now,
                "follow_up",
                {
                    "satisfaction": answer.satisfaction,
                    "confirmed_fixed": answer.confirmed_fixed,
                    "comments": comments,
                    "action": answer.action.value,
                },
            )
            if answer.action is FollowUpAction.REOPEN:
                follow_up.outcome = "reopened"
                reopen_in_session(session, user, ticket, now, reason=comments or "follow_up")
            elif answer.action is FollowUpAction.COMPLAINT:
                follow_up.outcome = "complaint"
                complaint = _open_complaint(session, user, ticket, comments, now)
                follow_up.complaint_ticket_id = complaint.id
                if ticket.status == TicketStatus.RESOLVED:
                    close_in_session(session, user, ticket, now)
            elif ticket.status == TicketStatus.RESOLVED:
                close_in_session(session, user, ticket, now)
        record_change(
            session, "follow_up", follow_up.id, "update", user.id, {"ticket_id": ticket.id}
        )
        session.commit()
        return FollowUpRecorded(
            follow_up_id=follow_up.id,
            done=follow_up.status == FollowUpStatus.DONE,
            ticket_id=ticket.id,
            ticket_number=ticket.number,
            ticket_status=ticket.status,
            complaint_ticket_id=complaint.id if complaint else None,
            complaint_number=complaint.number if complaint else "",
        )


def _event(
    session: Session,
    ticket: Ticket,
    user: SignedInUser,
    now: datetime,
    kind: str,
    details: dict[str, object],
) -> None:
    session.add(
        TicketEvent(ticket_id=ticket.id, at=now, user_id=user.id, kind=kind, details=details)
    )


def _log_call(
    session: Session, user: SignedInUser, ticket: Ticket, notes: str, now: datetime
) -> None:
    """The follow-up is an outgoing call on the customer's history."""
    phone = first_phone(session, ticket.contact_id)
    session.add(
        Call(
            direction="out",
            channel="phone",
            phone=phone,
            customer_id=ticket.customer_id,
            contact_id=ticket.contact_id,
            agent_id=user.id,
            started_at=now,
            ended_at=now,
            ticket_id=ticket.id,
            wrap_up_code="follow_up",
            notes=notes,
        )
    )


def _open_complaint(
    session: Session, user: SignedInUser, about: Ticket, comments: str, now: datetime
) -> Ticket:
    """A complaint ticket about `about`, triaged like a major fault of the same customer."""
    tier = session.scalar(select(Customer.tier).where(Customer.id == about.customer_id))
    local_day = now.astimezone(ZoneInfo(CENTRE_TIMEZONE)).date()
    priority = priority_for(session, "major", tier or "standard")
    plan_id = plan_for(session, about.customer_id, about.equipment_id, local_day)
    triage = deadlines(session, plan_id, priority, now)
    complaint = Ticket(
        number=next_ticket_number(session, local_day.year),
        channel="phone",
        kind=TicketKind.COMPLAINT,
        complaint_of_id=about.id,
        customer_id=about.customer_id,
        contact_id=about.contact_id,
        equipment_id=about.equipment_id,
        product_model_id=about.product_model_id,
        reported_at=now,
        symptom_category_id=about.symptom_category_id,
        error_code=about.error_code,
        description=comments,
        external_factors=[],
        urgency="high",
        severity="major",
        priority=priority,
        status=TicketStatus.NEW,
        queue_id=first_line_queue(session),
        sla_plan_id=triage.plan_id,
        response_due_at=triage.response_due_at,
        resolution_due_at=triage.resolution_due_at,
        response_at_risk_at=triage.response_at_risk_at,
        resolution_at_risk_at=triage.resolution_at_risk_at,
        created_by_id=user.id,
        created_at=now,
        updated_at=now,
    )
    session.add(complaint)
    session.flush()
    _event(
        session,
        complaint,
        user,
        now,
        "created",
        {"channel": "phone", "complaint_of": about.number, "priority": priority},
    )
    _event(session, about, user, now, "complaint_opened", {"complaint": complaint.number})
    record_change(
        session,
        "ticket",
        complaint.id,
        "create",
        user.id,
        {"customer_id": about.customer_id, "status": TicketStatus.NEW.value},
    )
    return complaint
