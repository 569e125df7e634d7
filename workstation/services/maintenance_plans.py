"""Maintenance plans (定期保养/巡检): the recurring visits of one device or of a contract.

Everyone may read them; supervisors and administrators (ASSIGN_TICKETS: they plan the
engineers' work) create, change and deactivate them. Saving a plan creates its due visits at
once, in the same transaction (plan_generator), so the schedule shows them without waiting
for the next run. Visits a plan made that nobody booked yet follow it: a change of its dates
removes those whose due date left the series, a change of kind or checklist is copied to
them, deactivating removes them all. Booked and completed visits stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from workstation.db import Database
from workstation.models import (
    Customer,
    Equipment,
    EquipmentStatus,
    MaintenancePlan,
    ProductModel,
    ServiceContract,
    User,
    Visit,
    VisitKind,
    VisitPart,
    VisitStatus,
    contract_equipment,
)
from workstation.months import due_dates, next_due_date
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import (
    EditConflict,
    EditRejected,
    RecordNotFound,
    audit,
    diff,
)
from workstation.services.plan_generator import (
    centre_today,
    existing_plan_keys,
    insert_plan_visits,
    plan_series,
    plan_visit_rows,
    record_visit_changes,
    take_write_lock,
    window_start,
)

PLAN_PERMISSION = Permission.ASSIGN_TICKETS
ENTITY = "maintenance_plan"
PLAN_KINDS = (VisitKind.PREVENTIVE_MAINTENANCE.value, VisitKind.INSPECTION.value)
NAME_MAX = 200
INTERVAL_MIN, INTERVAL_MAX = 1, 60
LEAD_DAYS_MIN, LEAD_DAYS_MAX = 0, 180
DURATION_MIN, DURATION_MAX = 15, 720
CHECKLIST_LINES_MAX = 40
CHECKLIST_LINE_MAX = 200
FIRST_DUE_YEARS = 10  # the first due date lies within this many years of today


@dataclass(frozen=True)
class PlanInput:
    """Every field of a plan as the form sends it (blank checklist lines are dropped)."""

    name: str
    visit_kind: str
    interval_months: int
    first_due_on: date | None
    lead_days: int = 30
    duration_minutes: int = 120
    checklist: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanRow:
    """A plan as lists show it, with its next due date."""

    id: int
    version: int
    name: str
    visit_kind: str
    interval_months: int
    first_due_on: date
    lead_days: int
    duration_minutes: int
    checklist: tuple[str, ...]
    active: bool
    equipment_id: int | None
    contract_id: int | None
    target: str  # the device's serial number, or the contract's number
    customer_id: int
    customer_name: str
    next_due_on: date | None  # None: inactive, or no due date left inside the contract
    devices: int  # active devices the plan covers
    overdue: int  # its visits still unscheduled with a due date before today
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class PlanTarget:
    """The device or contract whose plans are listed."""

    equipment_id: int | None
    contract_id: int | None
    label: str  # serial and model, or the contract's number
    customer_id: int
    customer_name: str
    open: bool  # plans may be added: the device is active, the contract has not ended
    valid_from: date | None  # a contract's validity
    valid_to: date | None
    delivery_date: date | None
    installations: InstallationState | None = None  # a delivered contract's installations


@dataclass(frozen=True)
class InstallationState:
    """How far the installation of a contract's delivery is: visits by state; `late` are
    those still to schedule (or booked) after their due date."""

    completed: int
    booked: int
    to_schedule: int
    late: int


@dataclass(frozen=True)
class PlanList:
    target: PlanTarget
    plans: tuple[PlanRow, ...]  # a device's list also holds its contracts' plans


@dataclass(frozen=True)
class SavedPlan:
    plan_id: int
    version: int
    active: bool
    changed: tuple[str, ...]
    visits_created: int
    visits_removed: int


# --- reading ------------------------------------------------------------------------------


def _rows(session: Session, plans: Sequence[MaintenancePlan], today: date) -> list[PlanRow]:
    if not plans:
        return []
    device_ids = {p.equipment_id for p in plans if p.equipment_id is not None}
    contract_ids = {p.contract_id for p in plans if p.contract_id is not None}
    serials: dict[int, tuple[str, int, bool]] = {
        r.id: (r.serial_number, r.customer_id, r.status == EquipmentStatus.ACTIVE)
        for r in session.execute(
            select(
                Equipment.id, Equipment.serial_number, Equipment.customer_id, Equipment.status
            ).where(Equipment.id.in_(device_ids))
        )
    }
    contracts = {
        c.id: c
        for c in session.scalars(
            select(ServiceContract).where(ServiceContract.id.in_(contract_ids))
        )
    }
    covered: dict[int, int] = {
        key: value
        for key, value in session.execute(
            select(contract_equipment.c.contract_id, func.count())
            .join(Equipment, Equipment.id == contract_equipment.c.equipment_id)
            .where(
                contract_equipment.c.contract_id.in_(contract_ids),
                Equipment.status == EquipmentStatus.ACTIVE,
            )
            .group_by(contract_equipment.c.contract_id)
        )
    }
    customer_ids = {serials[i][1] for i in device_ids if i in serials}
    customer_ids |= {c.customer_id for c in contracts.values()}
    names = {
        key: value
        for key, value in session.execute(
            select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids))
        )
    }
    plan_ids = [p.id for p in plans]
    overdue = {
        key: value
        for key, value in session.execute(
            select(Visit.plan_id, func.count())
            .where(
                Visit.plan_id.in_(plan_ids),
                Visit.status == VisitStatus.UNSCHEDULED,
                Visit.due_on < today,
            )
            .group_by(Visit.plan_id)
        )
    }
    creators = {
        key: value
        for key, value in session.execute(
            select(User.id, User.display_name).where(
                User.id.in_({p.created_by_id for p in plans if p.created_by_id})
            )
        )
    }
    rows = []
    for plan in plans:
        if plan.equipment_id is not None:
            serial, customer_id, device_active = serials.get(plan.equipment_id, ("", 0, False))
            target, devices, valid_to = serial, int(device_active), None
        else:
            assert plan.contract_id is not None
            contract = contracts[plan.contract_id]
            target, customer_id = contract.number, contract.customer_id
            devices, valid_to = int(covered.get(contract.id, 0)), contract.valid_to
        next_due = None
        if plan.active and devices:
            next_due = next_due_date(plan.first_due_on, plan.interval_months, today)
            if valid_to is not None and next_due > valid_to:
                next_due = None
        rows.append(
            PlanRow(
                id=plan.id,
                version=plan.version,
                name=plan.name,
                visit_kind=plan.visit_kind,
                interval_months=plan.interval_months,
                first_due_on=plan.first_due_on,
                lead_days=plan.lead_days,
                duration_minutes=plan.duration_minutes,
                checklist=tuple(plan.checklist or ()),
                active=plan.active,
                equipment_id=plan.equipment_id,
                contract_id=plan.contract_id,
                target=target,
                customer_id=customer_id,
                customer_name=names.get(customer_id, ""),
                next_due_on=next_due,
                devices=devices,
                overdue=int(overdue.get(plan.id, 0)),
                created_at=plan.created_at,
                created_by=creators.get(plan.created_by_id or 0, ""),
            )
        )
    return rows


def _ordered(query: Any) -> Any:
    # Active plans first, then by name.
    return query.order_by(MaintenancePlan.active.desc(), MaintenancePlan.name, MaintenancePlan.id)


def plans_for_equipment(db: Database, equipment_id: int, now: datetime | None = None) -> PlanList:
    """A device's own plans and the plans of the contracts covering it."""
    today = centre_today(now)
    with db.session() as session:
        row = session.execute(
            select(
                Equipment.serial_number,
                Equipment.status,
                Equipment.customer_id,
                Customer.name,
                ProductModel.name.label("model"),
            )
            .join(Customer, Customer.id == Equipment.customer_id)
            .join(ProductModel, ProductModel.id == Equipment.product_model_id)
            .where(Equipment.id == equipment_id)
        ).first()
        if row is None:
            raise RecordNotFound("equipment", equipment_id)
        contracts = select(contract_equipment.c.contract_id).where(
            contract_equipment.c.equipment_id == equipment_id
        )
        plans = session.scalars(
            _ordered(
                select(MaintenancePlan).where(
                    (MaintenancePlan.equipment_id == equipment_id)
                    | MaintenancePlan.contract_id.in_(contracts)
                )
            )
        ).all()
        target = PlanTarget(
            equipment_id=equipment_id,
            contract_id=None,
            label=f"{row.serial_number}  ·  {row.model}",
            customer_id=row.customer_id,
            customer_name=row.name,
            open=row.status == EquipmentStatus.ACTIVE,
            valid_from=None,
            valid_to=None,
            delivery_date=None,
        )
        return PlanList(target, tuple(_rows(session, plans, today)))


def plans_for_contract(db: Database, contract_id: int, now: datetime | None = None) -> PlanList:
    """A contract's plans (each covers every active device of the contract)."""
    today = centre_today(now)
    with db.session() as session:
        contract = session.get(ServiceContract, contract_id)
        if contract is None:
            raise RecordNotFound("contract", contract_id)
        name = session.scalar(select(Customer.name).where(Customer.id == contract.customer_id))
        plans = session.scalars(
            _ordered(select(MaintenancePlan).where(MaintenancePlan.contract_id == contract_id))
        ).all()
        target = PlanTarget(
            equipment_id=None,
            contract_id=contract_id,
            label=contract.number,
            customer_id=contract.customer_id,
            customer_name=name or "",
            open=contract.valid_to >= today,
            valid_from=contract.valid_from,
            valid_to=contract.valid_to,
            delivery_date=contract.delivery_date,
            installations=_installations(session, contract_id, today),
        )
        return PlanList(target, tuple(_rows(session, plans, today)))


def _installations(session: Session, contract_id: int, today: date) -> InstallationState | None:
    rows = session.execute(
        select(Visit.status, Visit.due_on).where(
            Visit.contract_id == contract_id, Visit.kind == VisitKind.INSTALLATION
        )
    ).all()
    if not rows:
        return None
    statuses = [status for status, _due in rows]
    waiting = (VisitStatus.UNSCHEDULED, VisitStatus.BOOKED)
    late = sum(1 for status, due in rows if status in waiting and due is not None and due < today)
    return InstallationState(
        completed=statuses.count(VisitStatus.COMPLETED),
        booked=statuses.count(VisitStatus.BOOKED),
        to_schedule=statuses.count(VisitStatus.UNSCHEDULED),
        late=late,
    )


def active_plans(db: Database, now: datetime | None = None) -> tuple[PlanRow, ...]:
    """Every active plan, by name."""
    today = centre_today(now)
    with db.session() as session:
        plans = session.scalars(
            _ordered(select(MaintenancePlan).where(MaintenancePlan.active.is_(True)))
        ).all()
        return tuple(_rows(session, plans, today))


# --- checking -----------------------------------------------------------------------------


def _in_range(errors: list[FieldError], field: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        errors.append(FieldError(field, "out_of_range", {"min": str(low), "max": str(high)}))


def check_plan(values: PlanInput, today: date) -> tuple[dict[str, Any], list[FieldError]]:
    """The plan's columns as they will be stored, and every problem at its field."""
    errors: list[FieldError] = []
    name = values.name.strip()
    if not name:
        errors.append(FieldError("name", "required"))
    elif len(name) > NAME_MAX:
        errors.append(FieldError("name", "too_long", {"max": str(NAME_MAX)}))
    if values.visit_kind not in PLAN_KINDS:
        errors.append(FieldError("visit_kind", "unknown"))
    _in_range(errors, "interval_months", values.interval_months, INTERVAL_MIN, INTERVAL_MAX)
    _in_range(errors, "lead_days", values.lead_days, LEAD_DAYS_MIN, LEAD_DAYS_MAX)
    _in_range(errors, "duration_minutes", values.duration_minutes, DURATION_MIN, DURATION_MAX)
    if values.first_due_on is None:
        errors.append(FieldError("first_due_on", "required"))
    else:
        earliest = today.replace(year=today.year - FIRST_DUE_YEARS, day=min(today.day, 28))
        latest = today.replace(year=today.year + FIRST_DUE_YEARS, day=min(today.day, 28))
        if not earliest <= values.first_due_on <= latest:
            errors.append(
                FieldError(
                    "first_due_on",
                    "out_of_range",
                    {"min": earliest.isoformat(), "max": latest.isoformat()},
                )
            )
    checklist = [line.strip() for line in values.checklist if line.strip()]
    if len(checklist) > CHECKLIST_LINES_MAX:
        errors.append(FieldError("checklist", "too_many_lines", {"max": str(CHECKLIST_LINES_MAX)}))
    long_line = next((n for n, line in enumerate(checklist) if len(line) > CHECKLIST_LINE_MAX), -1)
    if long_line >= 0:
        errors.append(
            FieldError(
                "checklist",
                "too_long",
                {"max": str(CHECKLIST_LINE_MAX), "line": str(long_line + 1)},
            )
        )
    clean = {
        "name": name,
        "visit_kind": values.visit_kind,
        "interval_months": values.interval_months,
        "first_due_on": values.first_due_on,
        "lead_days": values.lead_days,
        "duration_minutes": values.duration_minutes,
        "checklist": checklist,
    }
    return clean, errors


def _check_target(
    session: Session,
    errors: list[FieldError],
    equipment_id: int | None,
    contract_id: int | None,
    today: date,
) -> int | None:
    """The customer of the device or contract (None when it is not there)."""
    if (equipment_id is None) == (contract_id is None):
        errors.append(FieldError("target", "device_or_contract"))
        return None
    if equipment_id is not None:
        device = session.get(Equipment, equipment_id)
        if device is None:
            raise RecordNotFound("equipment", equipment_id)
        if device.status != EquipmentStatus.ACTIVE:
            errors.append(FieldError("equipment_id", "not_active", {"status": device.status}))
        return device.customer_id
    assert contract_id is not None
    contract = session.get(ServiceContract, contract_id)
    if contract is None:
        raise RecordNotFound("contract", contract_id)
    if contract.valid_to < today:
        errors.append(
            FieldError("contract_id", "contract_ended", {"valid_to": contract.valid_to.isoformat()})
        )
    return contract.customer_id


# --- writing ------------------------------------------------------------------------------


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in values.items()
    }


def _generate(session: Session, plan: MaintenancePlan, today: date, now: datetime) -> list[int]:
    """The plan's due visits that do not exist yet (the caller holds the write lock)."""
    if not plan.active:
        return []
    series = plan_series(plan)
    rows = plan_visit_rows(session, [series], today, now)
    if not rows:
        return []
    existing = existing_plan_keys(session, [plan.id], window_start(series, today))
    return insert_plan_visits(
        session,
        [r for r in rows if (r["plan_id"], r["equipment_id"], r["due_on"]) not in existing],
    )


def _unbooked(plan_id: int) -> Any:
    """The plan's visits nobody booked or gave parts to yet (they follow the plan)."""
    return (
        Visit.plan_id == plan_id,
        Visit.status == VisitStatus.UNSCHEDULED,
        Visit.engineer_id.is_(None),
        ~exists().where(VisitPart.visit_id == Visit.id),
    )


def _remove_unbooked(session: Session, plan: MaintenancePlan, keep: set[date] | None) -> list[int]:
    """Delete the plan's unbooked visits (those due on a date outside `keep`: all when None);
    they were never more than a due date. The ids removed."""
    candidates = session.execute(
        select(Visit.id, Visit.due_on).where(*_unbooked(plan.id)).order_by(Visit.id)
    ).all()
    ids = [vid for vid, due_on in candidates if keep is None or due_on not in keep]
    if ids:
        # Conditional again: a dispatcher booking one this moment keeps it.
        session.execute(
            delete(Visit)
            .where(Visit.id.in_(ids), *_unbooked(plan.id))
            .execution_options(synchronize_session=False)
        )
    return ids


def _copy_to_unbooked(session: Session, plan: MaintenancePlan, now: datetime) -> list[int]:
    """The plan's kind, name and checklist onto its unbooked visits; the ids changed."""
    checklist = list(plan.checklist or [])
    ids = [
        visit.id
        for visit in session.scalars(select(Visit).where(*_unbooked(plan.id)).order_by(Visit.id))
        if (visit.kind, visit.notes, list(visit.checklist or []))
        != (plan.visit_kind, plan.name, checklist)
    ]
    if ids:
        session.execute(
            update(Visit)
            .where(Visit.id.in_(ids), *_unbooked(plan.id))
            .values(
                kind=plan.visit_kind,
                notes=plan.name,
                checklist=checklist,
                version=Visit.version + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
    return ids


def _locked_plan(db: Database, session: Session, plan_id: int) -> MaintenancePlan:
    take_write_lock(session)
    plan = session.get(MaintenancePlan, plan_id, with_for_update=db.backend != "sqlite")
    if plan is None:
        raise RecordNotFound(ENTITY, plan_id)
    return plan


def _bump(session: Session, plan: MaintenancePlan, expected_version: int, today: date) -> None:
    """Claim the next version; EditConflict (with the stored plan) if another desk saved."""
    result = session.execute(
        update(MaintenancePlan)
        .where(MaintenancePlan.id == plan.id, MaintenancePlan.version == expected_version)
        .values(version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        current = session.get(MaintenancePlan, plan.id, populate_existing=True)
        assert current is not None
        row = _rows(session, [current], today)[0]
        session.rollback()
        raise EditConflict(row)
    set_committed_value(plan, "version", expected_version + 1)


def create_plan(
    db: Database,
    user: SignedInUser,
    values: PlanInput,
    *,
    equipment_id: int | None = None,
    contract_id: int | None = None,
    now: datetime | None = None,
) -> SavedPlan:
    """A new plan for one device or for one contract (exactly one); its due visits at once."""
    require(user.role, PLAN_PERMISSION)
    now = now or datetime.now(UTC)
    today = centre_today(now)
    clean, errors = check_plan(values, today)
    with db.session() as session:
        take_write_lock(session)
        _check_target(session, errors, equipment_id, contract_id, today)
        if errors:
            raise EditRejected(errors)
        plan = MaintenancePlan(
            equipment_id=equipment_id,
            contract_id=contract_id,
            active=True,
            created_by_id=user.id,
            created_at=now,
            version=1,
            **clean,
        )
        session.add(plan)
        session.flush()
        created = _generate(session, plan, today, now)
        details = _json(clean) | {
            "equipment_id": equipment_id,
            "contract_id": contract_id,
            "visits_created": created,
        }
        audit(session, user, ENTITY, plan.id, "create", details)
        _changed(session, user, plan, "create")
        record_visit_changes(session, created, [], user.id)
        session.commit()
        return SavedPlan(plan.id, plan.version, True, tuple(sorted(clean)), len(created), 0)


def _changed(session: Session, user: SignedInUser, plan: MaintenancePlan, action: str) -> None:
    from workstation.changes import record_change

    record_change(
        session,
        ENTITY,
        plan.id,
        action,
        user.id,
        {"equipment_id": plan.equipment_id, "contract_id": plan.contract_id},
    )


def update_plan(
    db: Database,
    user: SignedInUser,
    plan_id: int,
    expected_version: int,
    values: PlanInput,
    now: datetime | None = None,
) -> SavedPlan:
    """Save a plan's fields (its device or contract stays); EditConflict if stale. Unbooked
    visits follow the new dates, kind and checklist; newly due ones are created."""
    require(user.role, PLAN_PERMISSION)
    now = now or datetime.now(UTC)
    today = centre_today(now)
    clean, errors = check_plan(values, today)
    if errors:
        raise EditRejected(errors)
    with db.session() as session:
        plan = _locked_plan(db, session, plan_id)
        if plan.version != expected_version:
            raise EditConflict(_rows(session, [plan], today)[0])
        old = {key: getattr(plan, key) for key in clean}
        old["checklist"] = list(old["checklist"] or [])
        changed = diff(_json(old), _json(clean))
        if not changed:
            return SavedPlan(plan.id, plan.version, plan.active, (), 0, 0)
        _bump(session, plan, expected_version, today)
        for key, value in clean.items():
            setattr(plan, key, value)
        session.flush()
        removed: list[int] = []
        copied: list[int] = []
        if plan.active:
            if {"first_due_on", "interval_months"} & set(changed):
                removed = _remove_unbooked(session, plan, _series_dates(session, plan))
            copied = _copy_to_unbooked(session, plan, now)
        created = _generate(session, plan, today, now)
        audit(
            session,
            user,
            ENTITY,
            plan.id,
            "update",
            changed | {"visits_created": created, "visits_removed": removed},
        )
        _changed(session, user, plan, "update")
        record_visit_changes(session, created, copied, user.id, removed)
        session.commit()
        return SavedPlan(
            plan.id, plan.version, plan.active, tuple(sorted(changed)), len(created), len(removed)
        )


def _series_dates(session: Session, plan: MaintenancePlan) -> set[date]:
    """The due dates of the plan's unbooked visits that are still in its (new) series."""
    days = session.scalars(select(Visit.due_on).where(*_unbooked(plan.id))).all()
    known = [d for d in days if d is not None]
    if not known:
        return set()
    series = due_dates(plan.first_due_on, plan.interval_months, min(known), max(known))
    return set(series)


def set_plan_active(
    db: Database,
    user: SignedInUser,
    plan_id: int,
    expected_version: int,
    active: bool,
    now: datetime | None = None,
) -> SavedPlan:
    """Deactivate a plan (its unbooked visits are removed; it stays on the record), or take
    it up again (its due visits are created)."""
    require(user.role, PLAN_PERMISSION)
    now = now or datetime.now(UTC)
    today = centre_today(now)
    with db.session() as session:
        plan = _locked_plan(db, session, plan_id)
        if plan.version != expected_version:
            raise EditConflict(_rows(session, [plan], today)[0])
        if plan.active == active:
            return SavedPlan(plan.id, plan.version, active, (), 0, 0)
        if active:
            errors: list[FieldError] = []
            _check_target(session, errors, plan.equipment_id, plan.contract_id, today)
            if errors:
                raise EditRejected(errors)
        _bump(session, plan, expected_version, today)
        plan.active = active
        session.flush()
        removed = [] if active else _remove_unbooked(session, plan, None)
        created = _generate(session, plan, today, now)
        action = "reactivate" if active else "deactivate"
        audit(
            session,
            user,
            ENTITY,
            plan.id,
            action,
            {"active": [not active, active], "visits_created": created, "visits_removed": removed},
        )
        _changed(session, user, plan, action)
        record_visit_changes(session, created, [], user.id, removed)
        session.commit()
        return SavedPlan(plan.id, plan.version, active, ("active",), len(created), len(removed))
