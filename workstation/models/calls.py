"""Calls: every interaction with a caller, inbound or outbound, on any channel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, UTCDateTime


class Call(Base):
    """One interaction; linked to the ticket it opened or added to, if any."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    direction: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone_e164: Mapped[str] = mapped_column(String(20), default="", index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    # Who called, as they said (an unknown caller has no contact yet).
    caller_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    wrap_up_code: Mapped[str] = mapped_column(String(30), default="")
    external_call_id: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_calls_customer_started", "customer_id", "started_at"),
        Index("ix_calls_started_at", "started_at"),
        Index("ix_calls_contact_started", "contact_id", "started_at"),
    )
