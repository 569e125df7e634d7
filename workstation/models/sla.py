"""Service levels: business calendars, SLA plans with targets, the priority matrix."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base


class DayKind(StrEnum):
    """An exception to the weekly pattern: a holiday, or a make-up working day (调休)."""

    HOLIDAY = "holiday"
    WORKDAY = "workday"


class BusinessCalendar(Base):
    """When the clock of an SLA runs: weekly working periods plus exception days."""

    __tablename__ = "business_calendars"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Shanghai")


class CalendarPeriod(Base):
    """One working period of a weekday (0 = Monday); a day may have several."""

    __tablename__ = "calendar_periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("business_calendars.id"), index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)


class CalendarDay(Base):
    """A dated exception: a public holiday, or a weekend day that is worked.

    A make-up working day uses the working periods of `works_like_weekday`.
    """

    __tablename__ = "calendar_days"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("business_calendars.id"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100), default="")
    works_like_weekday: Mapped[int | None] = mapped_column(SmallInteger)

    __table_args__ = (UniqueConstraint("calendar_id", "day"),)


class SlaPlan(Base):
    """A service level agreement: targets per priority, on a business calendar."""

    __tablename__ = "sla_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("business_calendars.id"))
    at_risk_ratio: Mapped[float] = mapped_column(Float, default=0.8)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class SlaTarget(Base):
    """Response and resolution targets, in working minutes, for one priority."""

    __tablename__ = "sla_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sla_plan_id: Mapped[int] = mapped_column(ForeignKey("sla_plans.id"))
    priority: Mapped[str] = mapped_column(String(10))
    response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("sla_plan_id", "priority"),)


class PriorityRule(Base):
    """One cell of the priority matrix: severity × customer tier → priority."""

    __tablename__ = "priority_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    severity: Mapped[str] = mapped_column(String(10))
    tier: Mapped[str] = mapped_column(String(10))
    priority: Mapped[str] = mapped_column(String(10))

    __table_args__ = (UniqueConstraint("severity", "tier"),)
