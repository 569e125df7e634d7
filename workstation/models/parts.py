"""Spare parts: the catalogue, stock per location, and the parts of a visit.

Stock never goes negative: every change is one conditional UPDATE, and the CHECK
constraints refuse what a bug would let through.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
)
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, UTCDateTime, utcnow


class LocationKind(StrEnum):
    WAREHOUSE = "warehouse"  # the central warehouse
    REGIONAL = "regional"  # a regional store
    VAN = "van"  # an engineer's van


class VisitPartStatus(StrEnum):
    RESERVED = "reserved"
    CONSUMED = "consumed"
    RETURNED = "returned"


# Which product models a part fits.
part_models = Table(
    "part_models",
    Base.metadata,
    Column("part_id", ForeignKey("parts.id"), primary_key=True),
    Column("product_model_id", ForeignKey("product_models.id"), primary_key=True, index=True),
)


class Part(Base):
    """A spare part; retired parts stay (visits keep what they used)."""

    __tablename__ = "parts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    # Serialised parts record the serials of the removed and the fitted unit.
    serialised: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StockLocation(Base):
    """Where parts are kept: the central warehouse, a regional store, an engineer's van."""

    __tablename__ = "stock_locations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(12))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StockLevel(Base):
    """How many of a part a location holds, and how many of those are reserved."""

    __tablename__ = "stock_levels"

    location_id: Mapped[int] = mapped_column(ForeignKey("stock_locations.id"), primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id"), primary_key=True, index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("on_hand >= reserved", name="reserved_within_on_hand"),
    )


class VisitPart(Base):
    """Parts for a visit: reserved from a location, then consumed or returned."""

    __tablename__ = "visit_parts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("stock_locations.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=VisitPartStatus.RESERVED)
    removed_serial: Mapped[str] = mapped_column(String(60), default="")
    fitted_serial: Mapped[str] = mapped_column(String(60), default="")
    reserved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reserved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)
