"""Tickets (service requests), their append-only timeline, and their numbering."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
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
