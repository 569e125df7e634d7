"""Reading one ticket for the ticket screen: every field, its timeline, its SLA timeline.

Also the workflow table (which status may follow which): the screen offers only the moves
`allowed_transitions` lists, and workstation/services/ticket_work.py refuses any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from workstation.db import Database
from workstation.models import (
    Contact,
    Customer,
    Equipment,
    ProductModel,
    Queue,
    SlaPause,
    SlaPlan,
    SymptomCategory,
    Ticket,
    TicketEvent,
    User,
)
from workstation.services.customer_edit import RecordNotFound, first_phone
from workstation.services.intake import FIRST_CALL_RESOLUTION_TYPES, SEVERITIES, URGENCIES
from workstation.services.options import QueueOption, queue_options
from workstation.services.sla_timeline import (
    EventInput,
    PhaseTime,
    SlaStep,
    sla_steps,
    where_time_went,
)
from workstation.services.triage import calendar_of

# The pseudo-status of a reopen: the ticket goes back to in_progress (assigned) or new.
REOPENED = "reopened"

# Which status may follow which (the screen offers these; anything else is refused).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("assigned",),
    "assigned": ("in_progress", "resolved"),
    "in_progress": ("waiting_customer", "waiting_parts", "resolved"),
    "waiting_customer": ("in_progress",),
    "waiting_parts": ("in_progress",),
    "resolved": ("closed", REOPENED),
    "closed": (REOPENED,),
}

# How a ticket may end (first-call types first, then the ones of worked tickets).
RESOLUTION_TYPES: tuple[str, ...] = (
    *FIRST_CALL_RESOLUTION_TYPES,
    *(
        t
        for t in ("onsite_repair", "part_replaced", "device_replaced")
        if t not in FIRST_CALL_RESOLUTION_TYPES
    ),
)
PRIORITIES = ("P1", "P2", "P3", "P4")


def allowed_transitions(status: str, has_assignee: bool = True) -> tuple[str, ...]:
    """The statuses a ticket in `status` may move to (new → assigned needs an assignee)."""
    moves = TRANSITIONS.get(status, ())
    if not has_assignee:
        moves = tuple(m for m in moves if m != "assigned")
    return moves


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the ticket's timeline (append-only): who did what, when."""

    at: datetime
    user_id: int | None
    user: str  # display name; "" for the system (SLA watch)
    kind: str
    details: dict[str, Any]


@dataclass(frozen=True)
class TicketEdit:
    """The fields the ticket screen edits, as loaded (or as edited) at `version`.

    `status`, `assignee_id`, `queue_id` and `priority` are context, never written by
    `edit_ticket`: a conflict lists them too when another desk changed them.
    """

    version: int
    description: str
    error_code: str
    symptom_category_id: int | None
    severity: str
    urgency: str
    resolution_type: str
    root_cause: str
    solution: str
    status: str = ""
    assignee_id: int | None = None
    queue_id: int | None = None
    priority: str = ""


EDITABLE_FIELDS = (
    "description",
    "error_code",
    "symptom_category_id",
    "severity",
    "urgency",
    "resolution_type",
    "root_cause",
    "solution",
)
CONTEXT_FIELDS = ("status", "assignee_id", "queue_id", "priority")


@dataclass(frozen=True)
class TicketDetail:
    """Everything the ticket screen shows (instants are aware UTC)."""

    id: int
    number: str
    kind: str
    customer_id: int
    customer_name: str
    customer_tier: str
    contact_id: int | None
    contact_name: str
    contact_phone: str
    equipment_id: int | None
    serial_number: str
    equipment_model_name: str
    product_model_id: int | None
    product_model_name: str
    product_category: str
    symptom_category_id: int | None
    symptom_code: str
    symptom_name_en: str
    symptom_name_zh: str
    error_code: str
    description: str
    channel: str
    urgency: str
    severity: str
    priority: str
    status: str
    queue_id: int | None
    queue_name: str
    queue_level: int | None
    assignee_id: int | None
    assignee_name: str
    sla_plan_id: int | None
    sla_plan_name: str
    reported_at: datetime
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    response_at_risk_at: datetime | None
    resolution_at_risk_at: datetime | None
    response_sla_flag: str
    resolution_sla_flag: str
    sla_paused_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution_type: str
    root_cause: str
    solution: str
    version: int
    complaint_of_id: int | None
    complaint_of_number: str
    # Whether each deadline is missed (at the first response / resolution, or now).
    response_breached: bool
    resolution_breached: bool
    timeline: tuple[TimelineEntry, ...]
    sla_timeline: tuple[SlaStep, ...]
    # Working minutes per status up to the resolution (or now); paused time left out. The
    # screen shows it for a breach; filled whenever the ticket has an SLA plan.
    where_time_went: tuple[PhaseTime, ...]
    allowed_transitions: tuple[str, ...]

    @property
    def edit(self) -> TicketEdit:
        """The editable fields as loaded: what the form starts from and `loaded` for a save."""
        return TicketEdit(
            version=self.version,
            description=self.description,
            error_code=self.error_code,
            symptom_category_id=self.symptom_category_id,
            severity=self.severity,
            urgency=self.urgency,
            resolution_type=self.resolution_type,
            root_cause=self.root_cause,
            solution=self.solution,
            status=self.status,
            assignee_id=self.assignee_id,
            queue_id=self.queue_id,
            priority=self.priority,
        )


@dataclass(frozen=True)
class PlanOption:
    id: int
    name: str
    is_default: bool


@dataclass(frozen=True)
class TicketOptions:
    """The lists the ticket screen offers (symptoms: workstation.services.options)."""

    queues: tuple[QueueOption, ...]
    sla_plans: tuple[PlanOption, ...]
    resolution_types: tuple[str, ...]
    severities: tuple[str, ...]
    urgencies: tuple[str, ...]
    priorities: tuple[str, ...]


def options(db: Database) -> TicketOptions:
    with db.session() as session:
        queues = queue_options(session)
        plans = tuple(
            PlanOption(*row)
            for row in session.execute(
                select(SlaPlan.id, SlaPlan.name, SlaPlan.is_default).order_by(SlaPlan.name)
            )
        )
    return TicketOptions(
        queues, plans, RESOLUTION_TYPES, tuple(SEVERITIES), tuple(URGENCIES), PRIORITIES
    )


def load_ticket(db: Database, ticket_id: int, now: datetime | None = None) -> TicketDetail:
    """The ticket with its timeline and SLA timeline; RecordNotFound if there is none."""
    with db.session() as session:
        return ticket_detail(session, ticket_id, now or datetime.now(UTC))


def ticket_detail(session: Session, ticket_id: int, now: datetime) -> TicketDetail:
    """The detail read inside the caller's session (a conflict hands back the fresh one)."""
    assignee = aliased(User)
    complaint_of = aliased(Ticket)
    device_model = aliased(ProductModel)
    row = session.execute(
        select(
            Ticket,
            Customer.name,
            Customer.tier,
            Contact.name,
            Equipment.serial_number,
            device_model.name,
            ProductModel.name,
            ProductModel.category,
            SymptomCategory.code,
            SymptomCategory.name_en,
            SymptomCategory.name_zh,
            Queue.name,
            Queue.level,
            assignee.display_name,
            SlaPlan.name,
            SlaPlan.calendar_id,
            complaint_of.number,
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Contact, Contact.id == Ticket.contact_id)
        .outerjoin(Equipment, Equipment.id == Ticket.equipment_id)
        .outerjoin(device_model, device_model.id == Equipment.product_model_id)
        .outerjoin(ProductModel, ProductModel.id == Ticket.product_model_id)
        .outerjoin(SymptomCategory, SymptomCategory.id == Ticket.symptom_category_id)
        .outerjoin(Queue, Queue.id == Ticket.queue_id)
        .outerjoin(assignee, assignee.id == Ticket.assignee_id)
        .outerjoin(SlaPlan, SlaPlan.id == Ticket.sla_plan_id)
        .outerjoin(complaint_of, complaint_of.id == Ticket.complaint_of_id)
        .where(Ticket.id == ticket_id)
    ).one_or_none()
    if row is None:
        raise RecordNotFound("ticket", ticket_id)
    t: Ticket = row[0]
    phone = first_phone(session, t.contact_id)
    timeline = tuple(
        TimelineEntry(at, user_id, name or "", kind, dict(details or {}))
        for at, user_id, name, kind, details in session.execute(
            select(
                TicketEvent.at,
                TicketEvent.user_id,
                User.display_name,
                TicketEvent.kind,
                TicketEvent.details,
            )
            .outerjoin(User, User.id == TicketEvent.user_id)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.at, TicketEvent.id)
        )
    )
    events = tuple(EventInput(e.at, e.user, e.kind, e.details) for e in timeline)
    steps = sla_steps(
        reported_at=t.reported_at,
        events=events,
        response_due_at=t.response_due_at,
        resolution_due_at=t.resolution_due_at,
        first_response_at=t.first_response_at,
        resolved_at=t.resolved_at,
        now=now,
    )
    calendar_id = row[15]
    phases: tuple[PhaseTime, ...] = ()
    if calendar_id is not None:
        phases = where_time_went(
            calendar_of(session, calendar_id),
            reported_at=t.reported_at,
            events=events,
            end=t.resolved_at or t.closed_at or now,
        )
    response_end = t.first_response_at or now
    resolution_end = t.resolved_at or t.closed_at or now
    return TicketDetail(
        id=t.id,
        number=t.number,
        kind=t.kind,
        customer_id=t.customer_id,
        customer_name=row[1],
        customer_tier=row[2],
        contact_id=t.contact_id,
        contact_name=row[3] or "",
        contact_phone=phone,
        equipment_id=t.equipment_id,
        serial_number=row[4] or "",
        equipment_model_name=row[5] or "",
        product_model_id=t.product_model_id,
        product_model_name=row[6] or "",
        product_category=row[7] or "",
        symptom_category_id=t.symptom_category_id,
        symptom_code=row[8] or "",
        symptom_name_en=row[9] or "",
        symptom_name_zh=row[10] or "",
        error_code=t.error_code,
        description=t.description,
        channel=t.channel,
        urgency=t.urgency,
        severity=t.severity,
        priority=t.priority,
        status=t.status,
        queue_id=t.queue_id,
        queue_name=row[11] or "",
        queue_level=row[12],
        assignee_id=t.assignee_id,
        assignee_name=row[13] or "",
        sla_plan_id=t.sla_plan_id,
        sla_plan_name=row[14] or "",
        reported_at=t.reported_at,
        response_due_at=t.response_due_at,
        resolution_due_at=t.resolution_due_at,
        response_at_risk_at=t.response_at_risk_at,
        resolution_at_risk_at=t.resolution_at_risk_at,
        response_sla_flag=t.response_sla_flag,
        resolution_sla_flag=t.resolution_sla_flag,
        sla_paused_at=t.sla_paused_at,
        first_response_at=t.first_response_at,
        resolved_at=t.resolved_at,
        closed_at=t.closed_at,
        resolution_type=t.resolution_type,
        root_cause=t.root_cause,
        solution=t.solution,
        version=t.version,
        complaint_of_id=t.complaint_of_id,
        complaint_of_number=row[16] or "",
        response_breached=t.response_due_at is not None and response_end > t.response_due_at,
        resolution_breached=(
            t.resolution_due_at is not None and resolution_end > t.resolution_due_at
        ),
        timeline=timeline,
        sla_timeline=steps,
        where_time_went=phases,
        allowed_transitions=allowed_transitions(t.status, t.assignee_id is not None),
    )


def open_pauses(session: Session, ticket_id: int) -> list[SlaPause]:
    """The ticket's pauses still running (normally none or one)."""
    return list(
        session.scalars(
            select(SlaPause).where(SlaPause.ticket_id == ticket_id, SlaPause.ended_at.is_(None))
        )
    )
