"""Engineers' working profiles (base, hours) and their absences (leave, training).

An engineer is a user with the role "engineer": the region and skills (product kinds) are
on the user; what scheduling needs besides is here.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, UTCDateTime, utcnow

DEFAULT_WORK_START = 8 * 60 + 30  # 08:30, minutes after local midnight
DEFAULT_WORK_END = 17 * 60 + 30  # 17:30
DEFAULT_WORK_DAYS = "12345"  # ISO weekdays: Monday … Friday


class AbsenceKind(StrEnum):
    LEAVE = "leave"
    TRAINING = "training"
    SICK = "sick"
    OTHER = "other"


class EngineerProfile(Base):
    """Where an engineer starts from and when they work (local time of the centre)."""

    __tablename__ = "engineer_profiles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id"), primary_key=True, autoincrement=False
    )
    base_city: Mapped[str] = mapped_column(String(100), default="")
    base_latitude: Mapped[float | None] = mapped_column(Float)
    base_longitude: Mapped[float | None] = mapped_column(Float)
    work_start_minute: Mapped[int] = mapped_column(SmallInteger, default=DEFAULT_WORK_START)
    work_end_minute: Mapped[int] = mapped_column(SmallInteger, default=DEFAULT_WORK_END)
    work_days: Mapped[str] = mapped_column(String(7), default=DEFAULT_WORK_DAYS)
    version: Mapped[int] = mapped_column(Integer, default=1)


class EngineerAbsence(Base):
    """A stretch an engineer cannot be booked; cancelled absences stay for the record."""

    __tablename__ = "engineer_absences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engineer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_engineer_absences_engineer_starts", "engineer_id", "starts_at"),)
