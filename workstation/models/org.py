"""The organisation: regions, work queues and the users who sign in."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, JSONType, UTCDateTime, utcnow


class Role(StrEnum):
    """What a user is; the role decides what the user may do."""

    AGENT = "agent"
    ENGINEER = "engineer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Region(Base):
    """A geographical service region (华东, 华北, …) engineers and queues belong to."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Queue(Base):
    """A work queue: first line, second line, or a regional queue."""

    __tablename__ = "queues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[int] = mapped_column(SmallInteger, default=1)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))


class User(Base):
    """Someone who signs in. Never deleted: history keeps the name."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    skills: Mapped[list[str]] = mapped_column(JSONType, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
