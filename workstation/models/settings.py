"""Centre-wide settings every desk shares (kept in the database, not on a desk)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, UTCDateTime, utcnow


class CentreSetting(Base):
    """One setting by name; absent means the program's default (services/centre_settings)."""

    __tablename__ = "centre_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
