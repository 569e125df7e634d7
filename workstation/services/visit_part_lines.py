"""The lines of a visit's parts as screens, the service sheet and its PDF read them.

(Reserving, returning and consuming them is workstation/services/visit_parts.py.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from workstation.db import Database
from workstation.models import (
    Customer,
    Equipment,
    Part,
    ProductModel,
    Site,
    StockLocation,
    User,
    Visit,
    VisitPart,
    VisitPartStatus,
)
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound

# --- what callers send and get back ------------------------------------------------------


@dataclass(frozen=True)
class VisitPartRow:
    """A line of a visit's parts as the visit window lists it."""

    id: int
    visit_id: int
    part_id: int
    part_code: str
    name_en: str
    name_zh: str
    serialised: bool
    location_id: int
    location_code: str
    location_name: str
    quantity: int
    status: str  # reserved, consumed, returned
    removed_serial: str
    fitted_serial: str
    unit_price: Decimal
    line_total: Decimal
    reserved_by: str
    reserved_at: datetime
    settled_at: datetime | None


@dataclass(frozen=True)
class ConsumedPart:
    """A part fitted at a visit, for the sheet and its PDF: unit price and line total."""

    visit_part_id: int
    part_id: int
    part_code: str
    name_en: str
    name_zh: str
    location_id: int
    quantity: int
    removed_serial: str
    fitted_serial: str
    unit_price: Decimal
    line_total: Decimal


@dataclass(frozen=True)
class ReserveContext:
    """What the reserve dialog needs to know of the visit: its device's model (parts that
    fit come first), its region (nearest stock first) and the engineer's van."""

    visit_id: int
    status: str
    region_id: int | None
    product_model_id: int | None
    model_name: str
    engineer_id: int | None
    van_location_id: int | None


# --- reading -----------------------------------------------------------------------------


def line_query() -> Any:
    reserver = aliased(User)
    return (
        select(
            VisitPart.id,
            VisitPart.visit_id,
            VisitPart.part_id,
            Part.code,
            Part.name_en,
            Part.name_zh,
            Part.serialised,
            VisitPart.location_id,
            StockLocation.code,
            StockLocation.name,
            VisitPart.quantity,
            VisitPart.status,
            VisitPart.removed_serial,
            VisitPart.fitted_serial,
            Part.unit_price,
            reserver.display_name,
            VisitPart.reserved_at,
            VisitPart.settled_at,
        )
        .join(Part, Part.id == VisitPart.part_id)
        .join(StockLocation, StockLocation.id == VisitPart.location_id)
        .outerjoin(reserver, reserver.id == VisitPart.reserved_by_id)
        .order_by(VisitPart.id)
    )


def line_rows(session: Session, query: Any) -> tuple[VisitPartRow, ...]:
    rows = []
    for v in session.execute(query):
        price = Decimal(v[14])
        rows.append(
            VisitPartRow(
                id=v[0],
                visit_id=v[1],
                part_id=v[2],
                part_code=v[3],
                name_en=v[4],
                name_zh=v[5],
                serialised=v[6],
                location_id=v[7],
                location_code=v[8],
                location_name=v[9],
                quantity=v[10],
                status=v[11],
                removed_serial=v[12],
                fitted_serial=v[13],
                unit_price=price,
                line_total=price * v[10],
                reserved_by=v[15] or "",
                reserved_at=v[16],
                settled_at=v[17],
            )
        )
    return tuple(rows)


def visit_part_rows(session: Session, visit_id: int) -> tuple[VisitPartRow, ...]:
    """Every line of a visit, in the order they were written (caller's session)."""
    return line_rows(session, line_query().where(VisitPart.visit_id == visit_id))


def visit_parts(db: Database, user: SignedInUser, visit_id: int) -> tuple[VisitPartRow, ...]:
    """The visit's parts: reserved, consumed and returned lines."""
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        if session.get(Visit, visit_id) is None:
            raise RecordNotFound("visit", visit_id)
        return visit_part_rows(session, visit_id)


def consumed_parts(session: Session, visit_id: int) -> tuple[ConsumedPart, ...]:
    """The parts fitted at a visit with names, serials, unit price and line total (for the
    service sheet and its PDF; the price is the catalogue's price now)."""
    return tuple(
        ConsumedPart(
            visit_part_id=r.id,
            part_id=r.part_id,
            part_code=r.part_code,
            name_en=r.name_en,
            name_zh=r.name_zh,
            location_id=r.location_id,
            quantity=r.quantity,
            removed_serial=r.removed_serial,
            fitted_serial=r.fitted_serial,
            unit_price=r.unit_price,
            line_total=r.line_total,
        )
        for r in line_rows(
            session,
            line_query().where(
                VisitPart.visit_id == visit_id, VisitPart.status == VisitPartStatus.CONSUMED
            ),
        )
    )


def parts_total(parts: Sequence[ConsumedPart]) -> Decimal:
    """What the parts of a sheet cost together."""
    return sum((p.line_total for p in parts), Decimal("0.00"))


def visit_region(session: Session, visit: Visit) -> int | None:
    """Where the visit is: its site's region, else its customer's, else its engineer's."""
    if visit.site_id is not None:
        region = session.scalar(select(Site.region_id).where(Site.id == visit.site_id))
        if region is not None:
            return region
    region = session.scalar(select(Customer.region_id).where(Customer.id == visit.customer_id))
    if region is None and visit.engineer_id is not None:
        region = session.scalar(select(User.region_id).where(User.id == visit.engineer_id))
    return region


def reserve_context(db: Database, user: SignedInUser, visit_id: int) -> ReserveContext:
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise RecordNotFound("visit", visit_id)
        model_id, model_name = None, ""
        if visit.equipment_id is not None:
            found = session.execute(
                select(ProductModel.id, ProductModel.name)
                .join(Equipment, Equipment.product_model_id == ProductModel.id)
                .where(Equipment.id == visit.equipment_id)
            ).first()
            if found is not None:
                model_id, model_name = found
        van = None
        if visit.engineer_id is not None:
            van = session.scalar(
                select(StockLocation.id).where(StockLocation.engineer_id == visit.engineer_id)
            )
        return ReserveContext(
            visit.id,
            visit.status,
            visit_region(session, visit),
            model_id,
            model_name,
            visit.engineer_id,
            van,
        )
