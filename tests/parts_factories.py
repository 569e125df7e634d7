"""Parts, locations, stock and visits for the tests of spare parts.

Parts, locations and stock go through the real services (an administrator's); a visit is
written with the ORM (the booking service is someone else's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests.factories import (
    CustomerIds,
    add_customer,
    add_desk_user,
    add_equipment,
    model_id,
    with_reference_data,
)
from tests.ticket_factories import add_worker
from workstation.db import Database
from workstation.models import Region, StockLevel, Visit, VisitPart, VisitPartStatus
from workstation.services.auth import SignedInUser
from workstation.services.parts_catalogue import (
    LocationInput,
    PartInput,
    save_location,
    save_part,
)
from workstation.services.stock import receive

START = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def add_part(
    db: Database,
    admin: SignedInUser,
    code: str,
    *,
    name_en: str = "",
    name_zh: str = "",
    price: str = "100.00",
    serialised: bool = False,
    model_ids: tuple[int, ...] = (),
) -> int:
    setup = save_part(
        db,
        admin,
        None,
        PartInput(
            code, name_en or f"Part {code}", name_zh or f"备件{code}", price, serialised, model_ids
        ),
    )
    return next(p.id for p in setup.parts if p.code == code.strip().upper())


def add_location(
    db: Database,
    admin: SignedInUser,
    code: str,
    kind: str,
    *,
    region_id: int | None = None,
    engineer_id: int | None = None,
    name: str = "",
) -> int:
    setup = save_location(
        db, admin, None, LocationInput(code, name or code.title(), kind, region_id, engineer_id)
    )
    return next(loc.id for loc in setup.locations if loc.code == code.upper())


def add_region_row(db: Database, code: str, name: str) -> int:
    with db.session() as session:
        region = Region(code=code, name=name)
        session.add(region)
        session.commit()
        return region.id


def add_visit(
    db: Database,
    customer: CustomerIds,
    *,
    equipment_id: int | None = None,
    engineer_id: int | None = None,
    status: str = "booked",
) -> int:
    with db.session() as session:
        visit = Visit(
            kind="repair",
            status=status,
            customer_id=customer.customer_id,
            site_id=customer.site_id,
            equipment_id=equipment_id,
            engineer_id=engineer_id,
            starts_at=START,
            ends_at=START + timedelta(hours=2),
            checklist=[],
        )
        session.add(visit)
        session.commit()
        return visit.id


def level(db: Database, location_id: int, part_id: int) -> tuple[int, int]:
    """(on_hand, reserved) now; (0, 0) where there is no level."""
    with db.session() as session:
        found = session.execute(
            select(StockLevel.on_hand, StockLevel.reserved).where(
                StockLevel.location_id == location_id, StockLevel.part_id == part_id
            )
        ).first()
        return (found[0], found[1]) if found else (0, 0)


def reserved_in_lines(db: Database, location_id: int, part_id: int) -> int:
    with db.session() as session:
        return int(
            session.scalar(
                select(func.coalesce(func.sum(VisitPart.quantity), 0)).where(
                    VisitPart.location_id == location_id,
                    VisitPart.part_id == part_id,
                    VisitPart.status == VisitPartStatus.RESERVED,
                )
            )
            or 0
        )


@dataclass(frozen=True)
class Field:
    """A small field-service world: two regions, the warehouse, a store per region, an
    engineer of the east with a van, a customer in the east with a device and a visit."""

    admin: SignedInUser
    agent: SignedInUser
    engineer: SignedInUser
    east: int
    north: int
    warehouse: int
    east_store: int
    north_store: int
    van: int
    model_id: int
    part: int
    customer: CustomerIds
    equipment_id: int
    visit: int


def field_world(db: Database, *, stock: int = 5) -> Field:
    """The world above, with `stock` units of the part at the warehouse (none elsewhere)."""
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    agent = add_desk_user(db, "agent1", role="agent")
    east = add_region_row(db, "E-T", "华东测试")
    north = add_region_row(db, "N-T", "华北测试")
    engineer = add_worker(db, "eng1", region_id=east)
    warehouse = add_location(db, admin, "WH", "warehouse", name="Central warehouse")
    east_store = add_location(db, admin, "ST-E", "regional", region_id=east, name="East store")
    north_store = add_location(db, admin, "ST-N", "regional", region_id=north, name="North store")
    van = add_location(db, admin, "VAN-1", "van", engineer_id=engineer.id, name="Van eng1")
    model = model_id(db)
    part = add_part(
        db,
        admin,
        "FU-100",
        name_en="Fuser unit",
        name_zh="定影组件",
        price="250.50",
        model_ids=(model,),
    )
    if stock:
        receive(db, admin, warehouse, part, stock, "first delivery")
    customer = add_customer(db, region_id=east)
    equipment = add_equipment(db, customer, product_model=model)
    visit = add_visit(db, customer, equipment_id=equipment, engineer_id=engineer.id)
    return Field(
        admin,
        agent,
        engineer,
        east,
        north,
        warehouse,
        east_store,
        north_store,
        van,
        model,
        part,
        customer,
        equipment,
        visit,
    )
