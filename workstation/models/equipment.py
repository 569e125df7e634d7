"""Equipment: one serviced device, known by its serial number."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base


class EquipmentStatus(StrEnum):
    ACTIVE = "active"
    REPLACED = "replaced"
    RETIRED = "retired"


class Equipment(Base):
    """A device at a customer's site; its history follows the serial number."""

    __tablename__ = "equipment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    serial_number: Mapped[str] = mapped_column(String(60), unique=True)
    product_model_id: Mapped[int] = mapped_column(ForeignKey("product_models.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    install_date: Mapped[date | None] = mapped_column(Date)
    warranty_end: Mapped[date | None] = mapped_column(Date)
    # The unit that replaced this one (its status is then "replaced").
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id"))
    status: Mapped[str] = mapped_column(String(10), default=EquipmentStatus.ACTIVE)
    version: Mapped[int] = mapped_column(Integer, default=1)
