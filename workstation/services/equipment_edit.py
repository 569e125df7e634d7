"""Register, edit, move and replace equipment: validated, audited, on the change log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    Customer,
    Equipment,
    EquipmentStatus,
    ProductModel,
    ServiceContract,
    Site,
    contract_equipment,
)
from workstation.months import add_months
from workstation.permissions import require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import (
    EDIT_PERMISSION,
    EditConflict,
    EditRejected,
    FieldError,
    RecordNotFound,
    audit,
    diff,
    live_customer,
)

SERIAL_MAX = 60
REASON_MAX = 500


@dataclass(frozen=True)
class EquipmentForEdit:
    """A device's current values and version, with the names a dialog shows."""

    id: int
    serial: str
    product_model_id: int
    product_model_name: str
    customer_id: int
    customer_name: str
    site_id: int | None
    site_name: str
    install_date: date | None
    warranty_end: date | None
    status: str
    replaced_by_id: int | None
    version: int


@dataclass(frozen=True)
class EquipmentChanges:
    """Every editable field of a device (the whole form)."""

    product_model_id: int
    install_date: date | None
    warranty_end: date | None
    site_id: int | None


@dataclass(frozen=True)
class SavedEquipment:
    equipment_id: int
    customer_id: int
    serial: str
    version: int
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class MovedEquipment:
    equipment_id: int
    from_customer_id: int
    to_customer_id: int
    to_site_id: int
    contracts_removed: tuple[int, ...]
    version: int


@dataclass(frozen=True)
class ReplacedEquipment:
    old_id: int
    new_id: int
    new_serial: str
    customer_id: int
    contracts: tuple[int, ...]


def normalise_serial(serial: str) -> str:
    """Serials as stored: no surrounding blanks, upper case (scanners and people differ)."""
    return serial.strip().upper()


def _load(session: Session, equipment_id: int) -> Equipment:
    device = session.get(Equipment, equipment_id)
    if device is None:
        raise RecordNotFound("equipment", equipment_id)
    return device


def _for_edit(session: Session, device: Equipment) -> EquipmentForEdit:
    model_name = session.scalar(
        select(ProductModel.name).where(ProductModel.id == device.product_model_id)
    )
    customer_name = session.scalar(select(Customer.name).where(Customer.id == device.customer_id))
    site_name = (
        session.scalar(select(Site.name).where(Site.id == device.site_id)) if device.site_id else ""
    )
    return EquipmentForEdit(
        id=device.id,
        serial=device.serial_number,
        product_model_id=device.product_model_id,
        product_model_name=model_name or "",
        customer_id=device.customer_id,
        customer_name=customer_name or "",
        site_id=device.site_id,
        site_name=site_name or "",
        install_date=device.install_date,
        warranty_end=device.warranty_end,
        status=device.status,
        replaced_by_id=device.replaced_by_id,
        version=device.version,
    )


def equipment_for_edit(db: Database, equipment_id: int) -> EquipmentForEdit:
    with db.session() as session:
        return _for_edit(session, _load(session, equipment_id))


def _check_serial(session: Session, errors: list[FieldError], field: str, raw: str) -> str:
    serial = normalise_serial(raw)
    if not serial:
        errors.append(FieldError(field, "required"))
    elif len(serial) > SERIAL_MAX:
        errors.append(FieldError(field, "too_long", {"max": str(SERIAL_MAX)}))
    else:
        owner = session.execute(
            select(Equipment.id, Equipment.customer_id, Customer.name)
            .join(Customer, Customer.id == Equipment.customer_id)
            .where(Equipment.serial_number.in_({serial, raw.strip()}))
            .limit(1)
        ).first()
        if owner is not None:
            errors.append(
                FieldError(
                    field,
                    "serial_exists",
                    {
                        "equipment_id": str(owner.id),
                        "customer_id": str(owner.customer_id),
                        "customer_name": owner.name,
                    },
                )
            )
    return serial


def _model_months(
    session: Session, errors: list[FieldError], field: str, model_id: int | None
) -> int:
    if model_id is None:
        errors.append(FieldError(field, "required"))
        return 0
    months = session.scalar(select(ProductModel.warranty_months).where(ProductModel.id == model_id))
    if months is None:
        errors.append(FieldError(field, "unknown"))
        return 0
    return months


def _check_site(
    session: Session, errors: list[FieldError], field: str, site_id: int | None, customer_id: int
) -> None:
    if site_id is None:
        return
    owner = session.scalar(select(Site.customer_id).where(Site.id == site_id))
    if owner is None:
        errors.append(FieldError(field, "unknown"))
    elif owner != customer_id:
        errors.append(FieldError(field, "not_this_customer"))


def _check_dates(
    errors: list[FieldError], install_date: date | None, warranty_end: date | None
) -> None:
    if install_date is not None and install_date > date.today():
        errors.append(FieldError("install_date", "in_future"))
    if install_date is not None and warranty_end is not None and warranty_end < install_date:
        errors.append(FieldError("warranty_end", "before_install"))


def _check_reason(errors: list[FieldError], reason: str) -> str:
    reason = reason.strip()
    if not reason:
        errors.append(FieldError("reason", "required"))
    elif len(reason) > REASON_MAX:
        errors.append(FieldError("reason", "too_long", {"max": str(REASON_MAX)}))
    return reason


def _check_active(errors: list[FieldError], device: Equipment) -> None:
    if device.status != EquipmentStatus.ACTIVE:
        errors.append(FieldError("equipment", "not_active", {"status": device.status}))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _add_device(
    session: Session,
    customer_id: int,
    site_id: int | None,
    serial: str,
    model_id: int,
    install_date: date | None,
    warranty_end: date | None,
) -> Equipment:
    device = Equipment(
        serial_number=serial,
        product_model_id=model_id,
        customer_id=customer_id,
        site_id=site_id,
        install_date=install_date,
        warranty_end=warranty_end,
        status=EquipmentStatus.ACTIVE.value,
        version=1,
    )
    session.add(device)
    session.flush()
    return device


def register_equipment(
    db: Database,
    user: SignedInUser,
    customer_id: int,
    site_id: int | None,
    serial: str,
    product_model_id: int | None,
    install_date: date | None,
    warranty_end: date | None = None,
) -> SavedEquipment:
    """A new device at a customer's site; warranty defaults to install date + model's months."""
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        live_customer(session, customer_id, "customer")
        errors: list[FieldError] = []
        normalised = _check_serial(session, errors, "serial", serial)
        months = _model_months(session, errors, "product_model_id", product_model_id)
        _check_site(session, errors, "site_id", site_id, customer_id)
        _check_dates(errors, install_date, warranty_end)
        if errors:
            raise EditRejected(errors)
        assert product_model_id is not None
        if warranty_end is None and install_date is not None:
            warranty_end = add_months(install_date, months)
        device = _add_device(
            session, customer_id, site_id, normalised, product_model_id, install_date, warranty_end
        )
        audit(
            session,
            user,
            "equipment",
            device.id,
            "registered",
            {
                "serial": normalised,
                "product_model_id": product_model_id,
                "customer_id": customer_id,
                "site_id": site_id,
                "install_date": _iso(install_date),
                "warranty_end": _iso(warranty_end),
            },
        )
        record_change(
            session, "equipment", device.id, "create", user.id, {"customer_id": customer_id}
        )
        session.commit()
        return SavedEquipment(device.id, customer_id, normalised, 1, ())


def update_equipment(
    db: Database,
    user: SignedInUser,
    equipment_id: int,
    expected_version: int,
    changes: EquipmentChanges,
) -> SavedEquipment:
    """Save a device's model, dates and site (of the same customer); EditConflict if stale."""
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        device = _load(session, equipment_id)
        errors: list[FieldError] = []
        _model_months(session, errors, "product_model_id", changes.product_model_id)
        _check_site(session, errors, "site_id", changes.site_id, device.customer_id)
        _check_dates(errors, changes.install_date, changes.warranty_end)
        if errors:
            raise EditRejected(errors)
        if device.version != expected_version:
            raise EditConflict(_for_edit(session, device))
        old: dict[str, Any] = {
            "product_model_id": device.product_model_id,
            "install_date": _iso(device.install_date),
            "warranty_end": _iso(device.warranty_end),
            "site_id": device.site_id,
        }
        new: dict[str, Any] = {
            "product_model_id": changes.product_model_id,
            "install_date": _iso(changes.install_date),
            "warranty_end": _iso(changes.warranty_end),
            "site_id": changes.site_id,
        }
        changed = diff(old, new)
        if not changed:
            return SavedEquipment(
                device.id, device.customer_id, device.serial_number, device.version
            )
        _bump(session, device, expected_version)
        device.product_model_id = changes.product_model_id
        device.install_date = changes.install_date
        device.warranty_end = changes.warranty_end
        device.site_id = changes.site_id
        audit(session, user, "equipment", device.id, "updated", changed)
        record_change(
            session,
            "equipment",
            device.id,
            "update",
            user.id,
            {"customer_id": device.customer_id, "fields": sorted(changed)},
        )
        session.commit()
        return SavedEquipment(
            device.id,
            device.customer_id,
            device.serial_number,
            device.version,
            tuple(sorted(changed)),
        )


def _bump(session: Session, device: Equipment, expected_version: int) -> None:
    """Claim the next version with a conditional update; EditConflict if another desk did."""
    result = session.execute(
        update(Equipment)
        .where(Equipment.id == device.id, Equipment.version == expected_version)
        .values(version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise EditConflict(_for_edit(session, _load_fresh(session, device.id)))
    # The row already holds the new version: the ORM must not write it again.
    set_committed_value(device, "version", expected_version + 1)


def _load_fresh(session: Session, equipment_id: int) -> Equipment:
    device = session.get(Equipment, equipment_id, populate_existing=True)
    if device is None:
        raise RecordNotFound("equipment", equipment_id)
    return device


def move_equipment(
    db: Database,
    user: SignedInUser,
    equipment_id: int,
    to_customer_id: int,
    to_site_id: int | None,
    reason: str,
    expected_version: int | None = None,
) -> MovedEquipment:
    """Move a device to another site or customer; it keeps its tickets (they follow the id).

    Moving to another customer removes the old customer's contract coverage of the device.
    """
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        device = _load(session, equipment_id)
        target = live_customer(session, to_customer_id, "to_customer_id")
        errors: list[FieldError] = []
        _check_active(errors, device)
        if to_site_id is None:
            errors.append(FieldError("to_site_id", "required"))
        else:
            _check_site(session, errors, "to_site_id", to_site_id, to_customer_id)
        if not errors and device.customer_id == to_customer_id and device.site_id == to_site_id:
            errors.append(FieldError("to_site_id", "same_place"))
        clean_reason = _check_reason(errors, reason)
        if errors:
            raise EditRejected(errors)
        assert to_site_id is not None
        version = device.version if expected_version is None else expected_version
        if device.version != version:
            raise EditConflict(_for_edit(session, device))
        from_customer_id, from_site_id = device.customer_id, device.site_id
        from_customer = session.scalar(select(Customer.name).where(Customer.id == from_customer_id))
        from_site = (
            session.scalar(select(Site.name).where(Site.id == from_site_id))
            if from_site_id
            else None
        )
        to_site = session.scalar(select(Site.name).where(Site.id == to_site_id))
        removed: list[int] = []
        if from_customer_id != to_customer_id:
            removed = list(
                session.scalars(
                    select(contract_equipment.c.contract_id)
                    .join(ServiceContract, ServiceContract.id == contract_equipment.c.contract_id)
                    .where(contract_equipment.c.equipment_id == equipment_id)
                    .where(ServiceContract.customer_id == from_customer_id)
                    .order_by(contract_equipment.c.contract_id)
                )
            )
            if removed:
                session.execute(
                    delete(contract_equipment).where(
                        contract_equipment.c.equipment_id == equipment_id,
                        contract_equipment.c.contract_id.in_(removed),
                    )
                )
        _bump(session, device, version)
        device.customer_id = to_customer_id
        device.site_id = to_site_id
        audit(
            session,
            user,
            "equipment",
            equipment_id,
            "moved",
            {
                "from_customer_id": from_customer_id,
                "from_customer_name": from_customer,
                "from_site_id": from_site_id,
                "from_site_name": from_site,
                "to_customer_id": to_customer_id,
                "to_customer_name": target.name,
                "to_site_id": to_site_id,
                "to_site_name": to_site,
                "contracts_removed": removed,
                "reason": clean_reason,
            },
        )
        record_change(
            session,
            "equipment",
            equipment_id,
            "moved",
            user.id,
            {"customer_id": to_customer_id, "from_customer_id": from_customer_id},
        )
        session.commit()
        return MovedEquipment(
            equipment_id,
            from_customer_id,
            to_customer_id,
            to_site_id,
            tuple(removed),
            device.version,
        )


def replace_equipment(
    db: Database,
    user: SignedInUser,
    equipment_id: int,
    new_serial: str,
    new_model_id: int | None,
    install_date: date | None,
    reason: str,
    expected_version: int | None = None,
) -> ReplacedEquipment:
    """Record a replacement unit: the old one becomes "replaced" and points at the new one,
    which stands at the same customer and site and takes over the old one's contract coverage.
    `new_model_id` None keeps the old unit's model."""
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        old = _load(session, equipment_id)
        replaced = replace_in_session(
            session,
            user,
            old,
            new_serial,
            new_model_id,
            install_date,
            reason,
            expected_version,
            today=date.today(),
        )
        session.commit()
        return replaced


def replace_in_session(
    session: Session,
    user: SignedInUser,
    old: Equipment,
    new_serial: str,
    new_model_id: int | None,
    install_date: date | None,
    reason: str,
    expected_version: int | None = None,
    *,
    today: date,
) -> ReplacedEquipment:
    """`replace_equipment` in the caller's transaction (a service sheet that replaced the
    unit); the caller checked the role. Refused: EditRejected (fields "new_serial",
    "new_model_id", "install_date", "reason", "equipment"), EditConflict."""
    live_customer(session, old.customer_id, "equipment")
    errors: list[FieldError] = []
    _check_active(errors, old)
    serial = _check_serial(session, errors, "new_serial", new_serial)
    model_id = new_model_id if new_model_id is not None else old.product_model_id
    months = _model_months(session, errors, "new_model_id", model_id)
    if install_date is not None and install_date > today:
        errors.append(FieldError("install_date", "in_future"))
    clean_reason = _check_reason(errors, reason)
    if errors:
        raise EditRejected(errors)
    version = old.version if expected_version is None else expected_version
    if old.version != version:
        raise EditConflict(_for_edit(session, old))
    warranty_end = add_months(install_date, months) if install_date is not None else None
    new = _add_device(
        session, old.customer_id, old.site_id, serial, model_id, install_date, warranty_end
    )
    contracts = list(
        session.scalars(
            select(contract_equipment.c.contract_id)
            .where(contract_equipment.c.equipment_id == old.id)
            .order_by(contract_equipment.c.contract_id)
        )
    )
    if contracts:
        session.execute(
            delete(contract_equipment).where(contract_equipment.c.equipment_id == old.id)
        )
        session.execute(
            insert(contract_equipment),
            [{"contract_id": c, "equipment_id": new.id} for c in contracts],
        )
    _bump(session, old, version)
    old.status = EquipmentStatus.REPLACED.value
    old.replaced_by_id = new.id
    audit(
        session,
        user,
        "equipment",
        old.id,
        "replaced",
        {
            "replaced_by_id": new.id,
            "new_serial": serial,
            "contracts_transferred": contracts,
            "reason": clean_reason,
        },
    )
    audit(
        session,
        user,
        "equipment",
        new.id,
        "registered",
        {
            "serial": serial,
            "product_model_id": model_id,
            "customer_id": old.customer_id,
            "site_id": old.site_id,
            "install_date": _iso(install_date),
            "warranty_end": _iso(warranty_end),
            "replaces_id": old.id,
            "replaces_serial": old.serial_number,
            "contracts": contracts,
            "reason": clean_reason,
        },
    )
    change = {"customer_id": old.customer_id}
    record_change(session, "equipment", old.id, "replaced", user.id, change)
    record_change(session, "equipment", new.id, "create", user.id, change)
    return ReplacedEquipment(old.id, new.id, serial, old.customer_id, tuple(contracts))
