"""Maintenance plans: validation, saving with their due visits, changes, deactivation, lists."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    with_reference_data,
)
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry, Equipment, Visit
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditConflict, EditRejected, RecordNotFound
from workstation.services.maintenance_plans import (
    PlanInput,
    active_plans,
    check_plan,
    create_plan,
    plans_for_contract,
    plans_for_equipment,
    set_plan_active,
    update_plan,
)

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 on Monday 2 March 2026 in Beijing
TODAY = date(2026, 3, 2)
QUARTERLY = PlanInput(
    name="季度保养",
    visit_kind="preventive_maintenance",
    interval_months=3,
    first_due_on=date(2026, 3, 20),
    lead_days=30,
    duration_minutes=120,
    checklist=("清洁风扇", "  ", "检查电源 "),
)


@dataclass(frozen=True)
class Centre:
    boss: SignedInUser
    agent: SignedInUser
    customer: CustomerIds
    devices: tuple[int, ...]
    contract: int


@pytest.fixture
def centre(db: Database) -> Centre:
    with_reference_data(db)
    customer = add_customer(db)
    devices = tuple(add_equipment(db, customer) for _ in range(3))
    contract = add_contract(db, customer, equipment_ids=devices[:2])
    return Centre(
        add_desk_user(db, "boss", "supervisor"),
        add_desk_user(db, "agent1", "agent"),
        customer,
        devices,
        contract,
    )


def visits_of(db: Database, plan_id: int) -> list[Visit]:
    with db.session() as session:
        return list(
            session.scalars(select(Visit).where(Visit.plan_id == plan_id).order_by(Visit.id))
        )


def codes(error: EditRejected) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in error.errors}


# --- validation ----------------------------------------------------------------------------


def test_every_field_is_checked() -> None:
    bad = PlanInput(
        name=" ",
        visit_kind="repair",
        interval_months=61,
        first_due_on=None,
        lead_days=181,
        duration_minutes=10,
        checklist=tuple(f"line {n}" for n in range(41)),
    )
    _clean, errors = check_plan(bad, TODAY)
    assert {(e.field, e.code) for e in errors} == {
        ("name", "required"),
        ("visit_kind", "unknown"),
        ("interval_months", "out_of_range"),
        ("first_due_on", "required"),
        ("lead_days", "out_of_range"),
        ("duration_minutes", "out_of_range"),
        ("checklist", "too_many_lines"),
    }
    interval = next(e for e in errors if e.field == "interval_months")
    assert dict(interval.params) == {"min": "1", "max": "60"}
    _clean, errors = check_plan(
        replace(
            QUARTERLY,
            interval_months=0,
            lead_days=-1,
            first_due_on=date(2037, 1, 1),
            checklist=("ok", "x" * 201),
        ),
        TODAY,
    )
    assert {(e.field, e.code) for e in errors} == {
        ("interval_months", "out_of_range"),
        ("lead_days", "out_of_range"),
        ("first_due_on", "out_of_range"),
        ("checklist", "too_long"),
    }
    assert dict(next(e for e in errors if e.field == "checklist").params)["line"] == "2"
    tidy = replace(QUARTERLY, name="  季度保养 ", visit_kind="inspection")
    clean, errors = check_plan(tidy, TODAY)
    assert errors == [] and clean["name"] == "季度保养"
    assert clean["checklist"] == ["清洁风扇", "检查电源"]
    for months in (1, 60):
        assert check_plan(replace(QUARTERLY, interval_months=months), TODAY)[1] == []


def test_a_plan_is_for_a_device_or_a_contract(db: Database, centre: Centre) -> None:
    with pytest.raises(EditRejected) as both:
        create_plan(
            db, centre.boss, QUARTERLY, equipment_id=centre.devices[0],
            contract_id=centre.contract, now=NOW,
        )  # fmt: skip
    assert codes(both.value) == {("target", "device_or_contract")}
    with pytest.raises(EditRejected) as neither:
        create_plan(db, centre.boss, QUARTERLY, now=NOW)
    assert codes(neither.value) == {("target", "device_or_contract")}
    with pytest.raises(RecordNotFound):
        create_plan(db, centre.boss, QUARTERLY, equipment_id=987654, now=NOW)
    with pytest.raises(RecordNotFound):
        create_plan(db, centre.boss, QUARTERLY, contract_id=987654, now=NOW)


def test_retired_devices_and_ended_contracts_get_no_plan(db: Database, centre: Centre) -> None:
    with db.session() as session:
        session.execute(
            update(Equipment).where(Equipment.id == centre.devices[2]).values(status="retired")
        )
        session.commit()
    with pytest.raises(EditRejected) as retired:
        create_plan(db, centre.boss, QUARTERLY, equipment_id=centre.devices[2], now=NOW)
    assert codes(retired.value) == {("equipment_id", "not_active")}
    ended = add_contract(
        db, centre.customer, valid_from=date(2024, 1, 1), valid_to=date(2025, 12, 31)
    )
    with pytest.raises(EditRejected) as old:
        create_plan(db, centre.boss, replace(QUARTERLY, name=""), contract_id=ended, now=NOW)
    assert codes(old.value) == {("contract_id", "contract_ended"), ("name", "required")}


def test_only_supervisors_and_admins_change_plans(db: Database, centre: Centre) -> None:
    engineer = add_desk_user(db, "eng", "engineer")
    for user in (centre.agent, engineer):
        with pytest.raises(PermissionDenied):
            create_plan(db, user, QUARTERLY, equipment_id=centre.devices[0], now=NOW)
    admin = add_desk_user(db, "root", "admin")
    saved = create_plan(db, admin, QUARTERLY, equipment_id=centre.devices[0], now=NOW)
    for user in (centre.agent, engineer):
        with pytest.raises(PermissionDenied):
            update_plan(db, user, saved.plan_id, saved.version, QUARTERLY, now=NOW)
        with pytest.raises(PermissionDenied):
            set_plan_active(db, user, saved.plan_id, saved.version, False, now=NOW)
    # Everyone reads them.
    assert [p.id for p in plans_for_equipment(db, centre.devices[0], NOW).plans] == [saved.plan_id]


# --- saving --------------------------------------------------------------------------------


def test_creating_a_plan_creates_its_due_visits_audited(db: Database, centre: Centre) -> None:
    saved = create_plan(db, centre.boss, QUARTERLY, contract_id=centre.contract, now=NOW)
    assert (saved.version, saved.active, saved.visits_created) == (1, True, 2)
    made = visits_of(db, saved.plan_id)
    assert sorted(v.equipment_id or 0 for v in made) == list(centre.devices[:2])
    assert {(v.status, v.due_on, v.created_by_id) for v in made} == {
        ("unscheduled", date(2026, 3, 20), None)
    }
    with db.session() as session:
        audit = session.scalars(
            select(AuditRecord).where(AuditRecord.entity == "maintenance_plan")
        ).one()
        assert audit.user_id == centre.boss.id and audit.action == "create"
        assert audit.details["interval_months"] == 3
        assert audit.details["first_due_on"] == "2026-03-20"
        assert audit.details["visits_created"] == [v.id for v in made]
        changes = session.execute(
            select(ChangeLogEntry.entity, ChangeLogEntry.action, ChangeLogEntry.user_id).where(
                ChangeLogEntry.entity.in_(("maintenance_plan", "visit"))
            )
        ).all()
        assert sorted(changes) == sorted(
            [("maintenance_plan", "create", centre.boss.id)]
            + [("visit", "create", centre.boss.id)] * 2
        )


def test_changing_the_dates_moves_unbooked_visits_and_keeps_booked_ones(
    db: Database, centre: Centre
) -> None:
    monthly = replace(QUARTERLY, interval_months=1, lead_days=60)
    saved = create_plan(db, centre.boss, monthly, equipment_id=centre.devices[0], now=NOW)
    assert [v.due_on for v in visits_of(db, saved.plan_id)] == [
        date(2026, 3, 20),
        date(2026, 4, 20),
    ]
    booked = visits_of(db, saved.plan_id)[1]
    with db.session() as session:
        session.execute(
            update(Visit)
            .where(Visit.id == booked.id)
            .values(
                status="booked",
                engineer_id=centre.boss.id,
                starts_at=NOW + timedelta(days=49),
                ends_at=NOW + timedelta(days=49, hours=2),
            )
        )
        session.commit()
    changed = update_plan(
        db, centre.boss, saved.plan_id, saved.version,
        replace(monthly, first_due_on=date(2026, 3, 25), checklist=("新清单",)), now=NOW,
    )  # fmt: skip
    assert changed.version == 2 and changed.visits_removed == 1 and changed.visits_created == 2
    assert set(changed.changed) == {"first_due_on", "checklist"}
    after = visits_of(db, saved.plan_id)
    assert [(v.due_on, v.status) for v in sorted(after, key=lambda v: v.due_on or TODAY)] == [
        (date(2026, 3, 25), "unscheduled"),
        (date(2026, 4, 20), "booked"),  # a dispatcher's booking is not undone
        (date(2026, 4, 25), "unscheduled"),
    ]
    assert {tuple(v.checklist) for v in after if v.status == "unscheduled"} == {("新清单",)}
    assert next(v for v in after if v.status == "booked").checklist == ["清洁风扇", "检查电源"]

    # Only the kind and the words: the unbooked visits take them, nothing is removed.
    again = update_plan(
        db, centre.boss, saved.plan_id, changed.version,
        replace(monthly, first_due_on=date(2026, 3, 25), checklist=("新清单",),
                visit_kind="inspection", name="月度巡检"), now=NOW,
    )  # fmt: skip
    assert (again.visits_removed, again.visits_created) == (0, 0)
    kinds = {(v.kind, v.notes) for v in visits_of(db, saved.plan_id) if v.status == "unscheduled"}
    assert kinds == {("inspection", "月度巡检")}

    # Nothing changed: nothing written, the version stays.
    same = update_plan(
        db, centre.boss, saved.plan_id, again.version,
        replace(monthly, first_due_on=date(2026, 3, 25), checklist=("新清单",),
                visit_kind="inspection", name="月度巡检"), now=NOW,
    )  # fmt: skip
    assert same.version == again.version and same.changed == ()


def test_a_stale_save_is_a_conflict_with_the_stored_plan(db: Database, centre: Centre) -> None:
    saved = create_plan(db, centre.boss, QUARTERLY, equipment_id=centre.devices[0], now=NOW)
    update_plan(
        db, centre.boss, saved.plan_id, saved.version, replace(QUARTERLY, lead_days=45), now=NOW
    )
    with pytest.raises(EditConflict) as conflict:
        update_plan(
            db, centre.boss, saved.plan_id, saved.version, replace(QUARTERLY, lead_days=10),
            now=NOW,
        )  # fmt: skip
    assert conflict.value.current.lead_days == 45 and conflict.value.current.version == 2
    with pytest.raises(EditConflict):
        set_plan_active(db, centre.boss, saved.plan_id, saved.version, False, now=NOW)
    with pytest.raises(RecordNotFound):
        update_plan(db, centre.boss, 987654, 1, QUARTERLY, now=NOW)


def test_deactivating_removes_unbooked_visits_and_reactivating_brings_them_back(
    db: Database, centre: Centre
) -> None:
    saved = create_plan(db, centre.boss, QUARTERLY, contract_id=centre.contract, now=NOW)
    _first, second = visits_of(db, saved.plan_id)
    with db.session() as session:
        session.execute(
            update(Visit)
            .where(Visit.id == second.id)
            .values(
                status="booked",
                engineer_id=centre.boss.id,
                starts_at=NOW + timedelta(days=18),
                ends_at=NOW + timedelta(days=18, hours=2),
            )
        )
        session.commit()
    off = set_plan_active(db, centre.boss, saved.plan_id, saved.version, False, now=NOW)
    assert (off.active, off.visits_removed) == (False, 1)
    assert [v.id for v in visits_of(db, saved.plan_id)] == [second.id]
    (row,) = plans_for_contract(db, centre.contract, NOW).plans
    assert row.active is False and row.next_due_on is None
    assert active_plans(db, NOW) == ()
    on = set_plan_active(db, centre.boss, saved.plan_id, off.version, True, now=NOW)
    assert (on.active, on.visits_created) == (True, 1)
    assert sorted(v.equipment_id or 0 for v in visits_of(db, saved.plan_id)) == list(
        centre.devices[:2]
    )
    with db.session() as session:
        actions = session.scalars(
            select(AuditRecord.action)
            .where(AuditRecord.entity == "maintenance_plan")
            .order_by(AuditRecord.id)
        ).all()
    assert actions == ["create", "deactivate", "reactivate"]


# --- lists ---------------------------------------------------------------------------------


def test_a_devices_list_holds_its_own_and_its_contracts_plans(db: Database, centre: Centre) -> None:
    own = create_plan(
        db, centre.boss, replace(QUARTERLY, name="年检", visit_kind="inspection",
                                 interval_months=12, first_due_on=date(2025, 6, 30)),
        equipment_id=centre.devices[0], now=NOW,
    )  # fmt: skip
    via_contract = create_plan(
        db, centre.boss, replace(QUARTERLY, first_due_on=date(2026, 1, 31), interval_months=1),
        contract_id=centre.contract, now=NOW,
    )  # fmt: skip
    create_plan(db, centre.boss, QUARTERLY, equipment_id=centre.devices[2], now=NOW)

    listed = plans_for_equipment(db, centre.devices[0], NOW)
    assert listed.target.equipment_id == centre.devices[0] and listed.target.open
    assert listed.target.customer_name == "上海精密仪器有限公司"
    rows = {row.id: row for row in listed.plans}
    assert set(rows) == {own.plan_id, via_contract.plan_id}
    assert rows[own.plan_id].next_due_on == date(2026, 6, 30)
    assert rows[own.plan_id].devices == 1 and rows[own.plan_id].target.startswith("TST-")
    assert rows[via_contract.plan_id].next_due_on == date(2026, 3, 31)
    assert rows[via_contract.plan_id].devices == 2
    assert rows[via_contract.plan_id].created_by == "boss"
    # Due 31 Jan and 28 Feb (within a month before the plan was made), never booked, for
    # two devices: overdue, and the list says so.
    assert rows[via_contract.plan_id].overdue == 4

    contract_list = plans_for_contract(db, centre.contract, NOW)
    assert [p.id for p in contract_list.plans] == [via_contract.plan_id]
    assert contract_list.target.valid_to == date(2026, 12, 31)
    assert contract_list.target.delivery_date is None
    assert len(active_plans(db, NOW)) == 3
    # Past the contract's end there is no next due date.
    late = datetime(2026, 12, 31, 20, 0, tzinfo=UTC)  # 1 Jan 2027 in Beijing
    (row,) = plans_for_contract(db, centre.contract, late).plans
    assert row.next_due_on is None
    assert plans_for_contract(db, centre.contract, late).target.open is False
    with pytest.raises(RecordNotFound):
        plans_for_equipment(db, 987654, NOW)
    with pytest.raises(RecordNotFound):
        plans_for_contract(db, 987654, NOW)


def test_a_delivered_contract_says_how_far_its_installation_is(
    db: Database, centre: Centre
) -> None:
    from workstation.models import ServiceContract
    from workstation.services.plan_generator import generate_due_visits

    assert plans_for_contract(db, centre.contract, NOW).target.installations is None
    with db.session() as session:
        session.execute(
            update(ServiceContract)
            .where(ServiceContract.id == centre.contract)
            .values(delivery_date=TODAY - timedelta(days=3))
        )
        session.commit()
    generate_due_visits(db, NOW)
    first, _second = sorted(
        (v for v in visits_of_contract(db, centre.contract)), key=lambda v: v.id
    )
    with db.session() as session:
        session.execute(update(Visit).where(Visit.id == first.id).values(status="completed"))
        session.commit()
    state = plans_for_contract(db, centre.contract, NOW).target.installations
    assert state is not None
    assert (state.completed, state.booked, state.to_schedule, state.late) == (1, 0, 1, 1)


def visits_of_contract(db: Database, contract_id: int) -> list[Visit]:
    with db.session() as session:
        return list(session.scalars(select(Visit).where(Visit.contract_id == contract_id)))
