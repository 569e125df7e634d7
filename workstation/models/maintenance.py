"""Preventive maintenance and inspection plans: a device's or a contract's recurring visits."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, JSONType, UTCDateTime, utcnow


class MaintenancePlan(Base):
    """Every `interval_months` from `first_due_on`, a visit of `visit_kind` per device.

    A plan covers one device, or every device of one contract. The generator creates the
    visits `lead_days` ahead of their due date (visits.plan_id, unique per device and date).
    """

    __tablename__ = "maintenance_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("service_contracts.id"), index=True)
    visit_kind: Mapped[str] = mapped_column(String(30))
    interval_months: Mapped[int] = mapped_column(SmallInteger)
    first_due_on: Mapped[date] = mapped_column(Date)
    lead_days: Mapped[int] = mapped_column(SmallInteger, default=30)
    duration_minutes: Mapped[int] = mapped_column(SmallInteger, default=120)
    checklist: Mapped[list[str]] = mapped_column(JSONType, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        CheckConstraint(
            "(equipment_id IS NULL) <> (contract_id IS NULL)", name="device_or_contract"
        ),
        CheckConstraint("interval_months > 0", name="interval_positive"),
    )
