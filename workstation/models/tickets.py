"""Tickets (service requests), their append-only timeline, and their numbering."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, JSONType, UTCDateTime, utcnow


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    WECHAT = "wechat"
    WEB = "web"
    WALK_IN = "walk_in"


class Severity(StrEnum):
    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class TicketStatus(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    WAITING_CUSTOMER = "waiting_customer"
    WAITING_PARTS = "waiting_parts"
    RESOLVED = "resolved"
    CLOSED = "closed"


class TicketKind(StrEnum):
    FAULT = "fault"
    COMPLAINT = "complaint"


class SlaFlag(StrEnum):
    """How far a deadline's warning went (set once, by whichever desk saw the crossing first)."""

    NONE = ""
    AT_RISK = "at_risk"
    BREACHED = "breached"


# Only waiting for the customer stops the SLA clock; waiting for parts is the vendor's time.
PAUSING_STATUSES = frozenset({"waiting_customer"})

OPEN_STATUSES = (
    TicketStatus.NEW,
    TicketStatus.ASSIGNED,
    TicketStatus.IN_PROGRESS,
    TicketStatus.WAITING_CUSTOMER,
    TicketStatus.WAITING_PARTS,
)


class Ticket(Base):
    """A service request: the fault as reported, its triage, SLA and outcome.

    `version` is the optimistic lock: every update bumps it and a save that
    carries an older version is refused.
    """

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id"))
    # The model as reported (also without a known serial): similar faults are found by it.
    product_model_id: Mapped[int | None] = mapped_column(ForeignKey("product_models.id"))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fault_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    symptom_category_id: Mapped[int | None] = mapped_column(ForeignKey("symptom_categories.id"))
    error_code: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    external_factors: Mapped[list[str]] = mapped_column(JSONType, default=list)
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    severity: Mapped[str] = mapped_column(String(10))
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default=TicketStatus.NEW)
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sla_plan_id: Mapped[int | None] = mapped_column(ForeignKey("sla_plans.id"))
    response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_type: Mapped[str] = mapped_column(String(30), default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text, default="")
    resolved_on_first_call: Mapped[bool] = mapped_column(Boolean, default=False)
    # Working minutes of the plan's calendar (the customer's waits kept out) from the report
    # to the first response and to the resolution, stored when those are written: the KPIs
    # average them in SQL, where no calendar can be computed (services/working_minutes.py).
    response_working_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_working_minutes: Mapped[int | None] = mapped_column(Integer)
    # When each deadline's at-risk share of its target is used up (queue highlight, warnings).
    response_at_risk_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_at_risk_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    response_sla_flag: Mapped[str] = mapped_column(String(10), default=SlaFlag.NONE)
    resolution_sla_flag: Mapped[str] = mapped_column(String(10), default=SlaFlag.NONE)
    # Set while the clock stands still (waiting for the customer); the pause's row says why.
    sla_paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(12), default=TicketKind.FAULT)
    # A complaint opened from a dissatisfied follow-up points at the ticket it is about.
    complaint_of_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_tickets_customer_reported", "customer_id", "reported_at"),
        Index("ix_tickets_equipment_reported", "equipment_id", "reported_at"),
        Index("ix_tickets_status_queue", "status", "queue_id"),
        Index("ix_tickets_assignee_status", "assignee_id", "status"),
        Index("ix_tickets_reported_at", "reported_at"),
        # Similar faults: the newest of one model and error code (or symptom) read backwards
        # along the index, without sorting every ticket of a common model.
        Index("ix_tickets_model_error", "product_model_id", "error_code", "id"),
        Index("ix_tickets_model_symptom", "product_model_id", "symptom_category_id", "id"),
        # The queue: open tickets by time left.
        Index("ix_tickets_status_resolution_due", "status", "resolution_due_at"),
        # The KPIs of a period: tickets first responded, or resolved, in it.
        Index("ix_tickets_first_response_at", "first_response_at"),
        Index("ix_tickets_resolved_at", "resolved_at"),
    )


class TicketEvent(Base):
    """One line of a ticket's timeline: who did what, when. Append-only."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    __table_args__ = (Index("ix_ticket_events_ticket_at", "ticket_id", "at"),)


class TicketCounter(Base):
    """The last ticket number handed out in a year (SR-2026-000123)."""

    __tablename__ = "ticket_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class SlaPause(Base):
    """A stretch of time the ticket's SLA clock stood still, and why (None end: still paused)."""

    __tablename__ = "ticket_sla_pauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(30))
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class TicketPresence(Base):
    """A desk that has a ticket open right now; `seen_at` is refreshed while it stays open."""

    __tablename__ = "ticket_presence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    desk: Mapped[str] = mapped_column(String(80))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("ticket_id", "user_id", "desk"),)


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class FollowUp(Base):
    """A follow-up call (回访) after a ticket is resolved: did the fix hold, how satisfied."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default=FollowUpStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reached: Mapped[bool | None] = mapped_column(Boolean)
    confirmed_fixed: Mapped[bool | None] = mapped_column(Boolean)
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    comments: Mapped[str] = mapped_column(Text, default="")
    # What the answer led to: "" (nothing), "reopened" or "complaint".
    outcome: Mapped[str] = mapped_column(String(12), default="")
    complaint_ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        Index("ix_follow_ups_status_due", "status", "due_at"),
        # The KPIs of a period: follow-up answers given in it.
        Index("ix_follow_ups_done_at", "done_at"),
    )
