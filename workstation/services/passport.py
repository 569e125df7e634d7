"""The equipment passport label: the device's QR code and key facts, stuck on the device."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from workstation.db import Database
from workstation.device_code import device_payload
from workstation.models import Customer, Equipment, ProductModel, Site
from workstation.services.customer_edit import RecordNotFound


@dataclass(frozen=True)
class PassportFacts:
    """What the label prints. `hotline` and `centre_name` stay "" while the centre has no
    such setting (the label then leaves them out)."""

    equipment_id: int
    serial: str
    model_code: str
    model_name: str
    customer_name: str
    site_name: str
    site_address: str
    install_date: date | None
    warranty_end: date | None
    centre_name: str = ""
    hotline: str = ""

    @property
    def payload(self) -> str:
        """The QR code's text: scanning it into the search field opens the device."""
        return device_payload(self.serial)


def passport_facts(db: Database, equipment_id: int) -> PassportFacts:
    """The label's facts of one device (RecordNotFound for an unknown id)."""
    with db.session() as session:
        row = session.execute(
            select(
                Equipment.id,
                Equipment.serial_number,
                ProductModel.code,
                ProductModel.name,
                Customer.name,
                Site.name,
                Site.address,
                Site.city,
                Equipment.install_date,
                Equipment.warranty_end,
            )
            .join(ProductModel, ProductModel.id == Equipment.product_model_id)
            .join(Customer, Customer.id == Equipment.customer_id)
            .outerjoin(Site, Site.id == Equipment.site_id)
            .where(Equipment.id == equipment_id)
        ).one_or_none()
    if row is None:
        raise RecordNotFound("equipment", equipment_id)
    address = " ".join(part for part in (row[7], row[6]) if part)
    return PassportFacts(
        equipment_id=row[0],
        serial=row[1],
        model_code=row[2],
        model_name=row[3],
        customer_name=row[4],
        site_name=row[5] or "",
        site_address=address,
        install_date=row[8],
        warranty_end=row[9],
    )
