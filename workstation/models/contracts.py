"""Service contracts: which equipment of a customer is covered, on which SLA plan."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base

contract_equipment = Table(
    "contract_equipment",
    Base.metadata,
    Column("contract_id", ForeignKey("service_contracts.id"), primary_key=True),
    Column("equipment_id", ForeignKey("equipment.id"), primary_key=True, index=True),
)


class ServiceContract(Base):
    """A customer's contract with its SLA plan and validity."""

    __tablename__ = "service_contracts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    sla_plan_id: Mapped[int] = mapped_column(ForeignKey("sla_plans.id"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    # When the equipment is delivered: installation and commissioning is due then.
    delivery_date: Mapped[date | None] = mapped_column(Date)
