"""The durable change feed other desks follow, and the audit trail of edits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, JSONType, UTCDateTime, utcnow

# SQLite only aliases the rowid for a column declared exactly INTEGER.
_BigId = BigInteger().with_variant(Integer(), "sqlite")


class ChangeLogEntry(Base):
    """One committed change, written in the same transaction as the change itself.

    Desks read it from the last id they saw, so a desk that was away misses nothing.
    """

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(_BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class AuditRecord(Base):
    """Who changed what outside the ticket timeline (customers, users, settings)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)
