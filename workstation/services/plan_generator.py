"""The plan generator: due maintenance, inspection and installation visits, created ahead.

A system job (no user): every desk runs it after sign-in (and every few hours while it is
open), `python main.py plans run` runs it from the command line. It creates UNSCHEDULED
visits, which the schedule lists "to schedule" until a dispatcher books them.

Maintenance and inspection: each active plan's due dates, `first_due_on + k × interval`
months (each counted from the first date: 31 Jan, 28 Feb, 31 Mar, …), for each active device
the plan covers (a contract plan: the contract's devices, on dates the contract is valid),
from a window start up to `today + lead_days`. The window starts at the latest of the first
due date, a month before the plan was created (a plan entered a little late still yields the
visit it just missed) and a year before today (a date that never got its visit in a year is
not made now: a back-dated plan must not flood the schedule with years of overdue visits).
Idempotent by the unique (plan, device, due date) of visits: INSERT … ON CONFLICT DO NOTHING,
so two desks starting at the same moment create each visit once, without an error.

Installation and commissioning: each contract with a delivery date from
INSTALLATION_LOOKBACK_DAYS ago to INSTALLATION_LEAD_DAYS ahead gets one installation visit
per active device it covers, due on the delivery date. No constraint can say "one per
contract and device" (the due date may move), so it is check-and-insert under a lock: SQLite's
single write lock taken before the check; on PostgreSQL the contracts' rows locked FOR UPDATE,
so a second desk waits and then sees the first one's visits. A visit not booked yet follows a
changed delivery date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    Equipment,
    EquipmentStatus,
    MaintenancePlan,
    ServiceContract,
    Visit,
    VisitKind,
    VisitStatus,
    contract_equipment,
)
from workstation.months import due_dates

# Due dates up to this long before a plan was created are still generated.
LOOKBACK_DAYS = 31
# Due dates older than this (before today) are never generated.
CATCH_UP_DAYS = 366
# Installation visits appear this many days before the delivery date …
INSTALLATION_LEAD_DAYS = 30
# … and deliveries longer ago than this without one are taken as installed outside the system.
INSTALLATION_LOOKBACK_DAYS = 90
# A run that creates more visits than this writes one change-log entry instead of one each.
MANY = 20
CHANGE_ENTITY = "visit"
_CHUNK = 500


@dataclass(frozen=True)
class GenerationResult:
    """What one run did: visits created (by source), due visits that were already there."""

    created: int
    skipped: int
    maintenance: int  # preventive maintenance and inspection visits created
    installations: int  # installation visits created
    moved: int  # unbooked installation visits moved to a changed delivery date
    visit_ids: tuple[int, ...]
    today: date


@dataclass(frozen=True)
class PlanSeries:
    """What the generator needs of a plan (a plain copy of its row)."""

    id: int
    name: str
    equipment_id: int | None
    contract_id: int | None
    visit_kind: str
    interval_months: int
    first_due_on: date
    lead_days: int
    checklist: tuple[str, ...]
    created_on: date


def centre_today(now: datetime | None = None) -> date:
    """The centre's local date (due dates are local days)."""
    from workstation.services.intake import CENTRE_TIMEZONE

    return (now or datetime.now(UTC)).astimezone(ZoneInfo(CENTRE_TIMEZONE)).date()


# --- the window ---------------------------------------------------------------------------


def window_start(plan: PlanSeries, today: date) -> date:
    """The earliest due date the generator still creates for `plan` (see the module)."""
    return max(
        plan.first_due_on,
        plan.created_on - timedelta(days=LOOKBACK_DAYS),
        today - timedelta(days=CATCH_UP_DAYS),
    )


# --- reading what is due ------------------------------------------------------------------


@dataclass(frozen=True)
class _Device:
    id: int
    customer_id: int
    site_id: int | None


@dataclass(frozen=True)
class _Contract:
    id: int
    number: str
    valid_from: date
    valid_to: date
    delivery_date: date | None


def plan_series(plan: MaintenancePlan) -> PlanSeries:
    return PlanSeries(
        id=plan.id,
        name=plan.name,
        equipment_id=plan.equipment_id,
        contract_id=plan.contract_id,
        visit_kind=plan.visit_kind,
        interval_months=plan.interval_months,
        first_due_on=plan.first_due_on,
        lead_days=plan.lead_days,
        checklist=tuple(plan.checklist or ()),
        created_on=centre_today(plan.created_at),
    )


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def _active_devices(session: Session, ids: Sequence[int]) -> dict[int, _Device]:
    found: dict[int, _Device] = {}
    for chunk in _chunks(sorted(set(ids))):
        for row in session.execute(
            select(Equipment.id, Equipment.customer_id, Equipment.site_id).where(
                Equipment.id.in_(chunk), Equipment.status == EquipmentStatus.ACTIVE
            )
        ):
            found[row.id] = _Device(row.id, row.customer_id, row.site_id)
    return found


def _contracts(session: Session, ids: Sequence[int]) -> dict[int, _Contract]:
    found: dict[int, _Contract] = {}
    for chunk in _chunks(sorted(set(ids))):
        for c in session.execute(
            select(
                ServiceContract.id,
                ServiceContract.number,
                ServiceContract.valid_from,
                ServiceContract.valid_to,
                ServiceContract.delivery_date,
            ).where(ServiceContract.id.in_(chunk))
        ):
            found[c.id] = _Contract(c.id, c.number, c.valid_from, c.valid_to, c.delivery_date)
    return found


def _covered(session: Session, contract_ids: Sequence[int]) -> dict[int, list[_Device]]:
    """Each contract's active devices, in id order."""
    covered: dict[int, list[_Device]] = {}
    for chunk in _chunks(sorted(set(contract_ids))):
        rows = session.execute(
            select(
                contract_equipment.c.contract_id,
                Equipment.id,
                Equipment.customer_id,
                Equipment.site_id,
            )
            .join(Equipment, Equipment.id == contract_equipment.c.equipment_id)
            .where(
                contract_equipment.c.contract_id.in_(chunk),
                Equipment.status == EquipmentStatus.ACTIVE,
            )
            .order_by(contract_equipment.c.contract_id, Equipment.id)
        )
        for row in rows:
            covered.setdefault(row.contract_id, []).append(
                _Device(row.id, row.customer_id, row.site_id)
            )
    return covered


def plan_visit_rows(
    session: Session, plans: Sequence[PlanSeries], today: date, now: datetime
) -> list[dict[str, Any]]:
    """The visit rows every due date of `plans` calls for (existing ones included)."""
    device_plans = [p for p in plans if p.equipment_id is not None]
    contract_plans = [p for p in plans if p.contract_id is not None]
    devices = _active_devices(session, [p.equipment_id for p in device_plans if p.equipment_id])
    contract_ids = [p.contract_id for p in contract_plans if p.contract_id is not None]
    contracts = _contracts(session, contract_ids)
    covered = _covered(session, contract_ids)
    rows: list[dict[str, Any]] = []
    for plan in sorted(plans, key=lambda p: p.id):
        days = due_dates(
            plan.first_due_on,
            plan.interval_months,
            window_start(plan, today),
            today + timedelta(days=plan.lead_days),
        )
        if plan.equipment_id is not None:
            device = devices.get(plan.equipment_id)
            targets = [(device, day) for day in days] if device is not None else []
        else:
            assert plan.contract_id is not None
            contract = contracts.get(plan.contract_id)
            valid = [d for d in days if contract and contract.valid_from <= d <= contract.valid_to]
            targets = [(dev, day) for day in valid for dev in covered.get(plan.contract_id, [])]
        for device, day in targets:
            rows.append(
                _visit_row(
                    kind=plan.visit_kind,
                    device=device,
                    contract_id=plan.contract_id,
                    plan_id=plan.id,
                    due_on=day,
                    checklist=list(plan.checklist),
                    notes=plan.name,
                    now=now,
                )
            )
    return rows


def _visit_row(
    *,
    kind: str,
    device: _Device,
    contract_id: int | None,
    plan_id: int | None,
    due_on: date,
    checklist: list[str],
    notes: str,
    now: datetime,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "status": VisitStatus.UNSCHEDULED.value,
        "customer_id": device.customer_id,
        "site_id": device.site_id,
        "equipment_id": device.id,
        "contract_id": contract_id,
        "plan_id": plan_id,
        "due_on": due_on,
        "priority": "",
        "notes": notes,
        "checklist": checklist,
        "cancel_reason": "",
        "work_done": "",
        "result": "",
        "advice": "",
        "confirmed_by": "",
        "created_by_id": None,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def existing_plan_keys(
    session: Session, plan_ids: Sequence[int], since: date
) -> set[tuple[int, int, date]]:
    """(plan, device, due date) of the plans' visits due on or after `since`, any status."""
    keys: set[tuple[int, int, date]] = set()
    for chunk in _chunks(sorted(set(plan_ids))):
        for plan_id, equipment_id, due_on in session.execute(
            select(Visit.plan_id, Visit.equipment_id, Visit.due_on).where(
                Visit.plan_id.in_(chunk), Visit.due_on >= since
            )
        ):
            if plan_id is not None and equipment_id is not None and due_on is not None:
                keys.add((plan_id, equipment_id, due_on))
    return keys


def _key(row: dict[str, Any]) -> tuple[int, int, date]:
    return (row["plan_id"], row["equipment_id"], row["due_on"])


def insert_plan_visits(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert the rows; a (plan, device, due date) that exists already is skipped, also one
    another desk committed a moment ago. The ids of the visits created."""
    if not rows:
        return []
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    created: list[int] = []
    for i in range(0, len(rows), _CHUNK):
        statement = (
            insert(Visit)
            .values(list(rows[i : i + _CHUNK]))
            .on_conflict_do_nothing(index_elements=["plan_id", "equipment_id", "due_on"])
            .returning(Visit.id)
        )
        created.extend(session.scalars(statement))
    return sorted(created)


# --- installations ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Installation:
    contract: _Contract
    device: _Device


def _delivered_contracts(session: Session, today: date) -> list[_Contract]:
    rows = session.execute(
        select(
            ServiceContract.id,
            ServiceContract.number,
            ServiceContract.valid_from,
            ServiceContract.valid_to,
            ServiceContract.delivery_date,
        )
        .where(
            ServiceContract.delivery_date >= today - timedelta(days=INSTALLATION_LOOKBACK_DAYS),
            ServiceContract.delivery_date <= today + timedelta(days=INSTALLATION_LEAD_DAYS),
        )
        .order_by(ServiceContract.id)
    )
    return [_Contract(r.id, r.number, r.valid_from, r.valid_to, r.delivery_date) for r in rows]


def _installation_visits(
    session: Session, contract_ids: Sequence[int]
) -> dict[tuple[int, int], tuple[int, str, date | None]]:
    """(contract, device) → (visit id, status, due date) of existing installation visits."""
    found: dict[tuple[int, int], tuple[int, str, date | None]] = {}
    for chunk in _chunks(sorted(set(contract_ids))):
        rows = session.execute(
            select(Visit.id, Visit.contract_id, Visit.equipment_id, Visit.status, Visit.due_on)
            .where(Visit.kind == VisitKind.INSTALLATION, Visit.contract_id.in_(chunk))
            .order_by(Visit.id)
        )
        for row in rows:
            found.setdefault((row.contract_id, row.equipment_id), (row.id, row.status, row.due_on))
    return found


def _installations_due(
    session: Session, contracts: Sequence[_Contract]
) -> tuple[list[_Installation], list[tuple[int, date]], int]:
    """(installations to create, (visit, new due date) to move, how many are there already)."""
    covered = _covered(session, [c.id for c in contracts])
    existing = _installation_visits(session, [c.id for c in contracts])
    create: list[_Installation] = []
    move: list[tuple[int, date]] = []
    present = 0
    for contract in contracts:
        assert contract.delivery_date is not None
        for device in covered.get(contract.id, []):
            visit = existing.get((contract.id, device.id))
            if visit is None:
                create.append(_Installation(contract, device))
                continue
            present += 1
            visit_id, status, due_on = visit
            if status == VisitStatus.UNSCHEDULED and due_on != contract.delivery_date:
                move.append((visit_id, contract.delivery_date))
    return create, move, present


# --- the run ------------------------------------------------------------------------------


def _active_plans(session: Session, *, lock: bool = False) -> list[PlanSeries]:
    """The active plans; `lock`: on PostgreSQL share-locked, so a plan being deactivated right now
    is either seen inactive or deactivated only after this run's visits (and removes them)."""
    query = (
        select(MaintenancePlan).where(MaintenancePlan.active.is_(True)).order_by(MaintenancePlan.id)
    )
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(read=True)
    return [plan_series(p) for p in session.scalars(query)]


def _missing_plan_rows(
    session: Session, plans: Sequence[PlanSeries], today: date, now: datetime
) -> tuple[list[dict[str, Any]], int]:
    rows = plan_visit_rows(session, plans, today, now)
    if not rows:
        return [], 0
    since = min(row["due_on"] for row in rows)
    existing = existing_plan_keys(session, sorted({r["plan_id"] for r in rows}), since)
    missing = [row for row in rows if _key(row) not in existing]
    return missing, len(rows) - len(missing)


def take_write_lock(session: Session) -> None:
    """SQLite: take the single write lock now, before reading what will be checked (a
    deferred transaction that read first could not become the writer later). A no-op
    UPDATE that matches no row is enough. PostgreSQL: nothing (row locks do it there)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(MaintenancePlan)
            .where(MaintenancePlan.id == -1)
            .values(version=MaintenancePlan.version)
            .execution_options(synchronize_session=False)
        )


def generate_due_visits(db: Database, now: datetime | None = None) -> GenerationResult:
    """Create the due visits no run created yet (see the module); safe to run on many desks
    at once. Reads first without a lock: a run with nothing to do writes nothing."""
    now = now or datetime.now(UTC)
    today = centre_today(now)
    with db.session() as session:
        plans = _active_plans(session)
        plan_rows, skipped = _missing_plan_rows(session, plans, today, now)
        contracts = _delivered_contracts(session, today)
        create, move, present = _installations_due(session, contracts)
    if not plan_rows and not create and not move:
        return GenerationResult(0, skipped + present, 0, 0, 0, (), today)
    with db.session() as session:
        # Again under the lock: what another desk or a plan's change did meanwhile counts.
        take_write_lock(session)
        plan_rows, skipped = _missing_plan_rows(
            session, _active_plans(session, lock=True), today, now
        )
        maintenance = insert_plan_visits(session, plan_rows)
        skipped += len(plan_rows) - len(maintenance)
        installations, moved, present = _write_installations(db, session, today, now)
        created = sorted(maintenance + installations)
        if created or moved:
            session.add(
                AuditRecord(
                    user_id=None,
                    entity="visit_generator",
                    entity_id=0,
                    action="generated",
                    details={
                        "today": today.isoformat(),
                        "maintenance": len(maintenance),
                        "installations": len(installations),
                        "moved": [visit_id for visit_id, _day in moved],
                        "visit_ids": created,
                    },
                )
            )
            record_visit_changes(session, created, [v for v, _d in moved], None)
        session.commit()
    return GenerationResult(
        created=len(created),
        skipped=skipped + present,
        maintenance=len(maintenance),
        installations=len(installations),
        moved=len(moved),
        visit_ids=tuple(created),
        today=today,
    )


def _write_installations(
    db: Database, session: Session, today: date, now: datetime
) -> tuple[list[int], list[tuple[int, date]], int]:
    """Check again under the lock, then create and move installation visits."""
    contracts = _delivered_contracts(session, today)
    if not contracts:
        return [], [], 0
    if db.backend != "sqlite":
        # Another desk's run waits here until this one commits, then sees its visits.
        session.execute(
            select(ServiceContract.id)
            .where(ServiceContract.id.in_([c.id for c in contracts]))
            .order_by(ServiceContract.id)
            .with_for_update()
        ).all()
    create, move, present = _installations_due(session, contracts)
    created: list[int] = []
    for item in create:
        assert item.contract.delivery_date is not None
        visit = Visit(
            **_visit_row(
                kind=VisitKind.INSTALLATION.value,
                device=item.device,
                contract_id=item.contract.id,
                plan_id=None,
                due_on=item.contract.delivery_date,
                checklist=[],
                notes=item.contract.number,
                now=now,
            )
        )
        session.add(visit)
        session.flush()
        created.append(visit.id)
    for visit_id, day in move:
        session.execute(
            update(Visit)
            .where(Visit.id == visit_id, Visit.status == VisitStatus.UNSCHEDULED)
            .values(due_on=day, version=Visit.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    return created, move, present


def record_visit_changes(
    session: Session,
    created: Sequence[int],
    changed: Sequence[int],
    user_id: int | None,
    removed: Sequence[int] = (),
) -> None:
    """Tell the other desks (the schedule): one entry a visit, or one for the lot when there
    are more than MANY ({"many": true}: re-read the list)."""
    total = len(created) + len(changed) + len(removed)
    if total == 0:
        return
    if total > MANY:
        counts = {"created": len(created), "changed": len(changed), "removed": len(removed)}
        record_change(session, CHANGE_ENTITY, 0, "generated", user_id, {"many": True} | counts)
        return
    unscheduled = {"status": VisitStatus.UNSCHEDULED.value}
    for visit_id in created:
        record_change(session, CHANGE_ENTITY, visit_id, "create", user_id, unscheduled)
    for visit_id in changed:
        record_change(session, CHANGE_ENTITY, visit_id, "update", user_id, unscheduled)
    for visit_id in removed:
        record_change(session, CHANGE_ENTITY, visit_id, "delete", user_id, {})
