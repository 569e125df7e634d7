"""The plan generator: due visits of maintenance plans and deliveries, created once, ahead."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    with_reference_data,
)
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    ChangeLogEntry,
    Equipment,
    MaintenancePlan,
    ServiceContract,
    Visit,
)
from workstation.months import due_dates, next_due_date, upcoming_due_dates
from workstation.services.auth import SignedInUser
from workstation.services.maintenance_plans import PlanInput, create_plan, set_plan_active
from workstation.services.plan_generator import (
    CATCH_UP_DAYS,
    INSTALLATION_LEAD_DAYS,
    LOOKBACK_DAYS,
    MANY,
    GenerationResult,
    generate_due_visits,
)

# 10:00 in Beijing on Monday 2 March 2026.
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)


# --- due-date arithmetic (no database) ----------------------------------------------------


def test_month_ends_clamp_and_come_back() -> None:
    days = due_dates(date(2026, 1, 31), 1, date(2026, 1, 1), date(2026, 6, 30))
    assert days == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),  # counted from 31 Jan, not from 28 Feb
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
    ]
    leap = due_dates(date(2027, 11, 30), 3, date(2028, 1, 1), date(2028, 12, 31))
    assert leap == [date(2028, 2, 29), date(2028, 5, 30), date(2028, 8, 30), date(2028, 11, 30)]
    # A window far into the series starts where it should (the skip never loses a date).
    assert due_dates(date(2020, 1, 31), 1, date(2026, 2, 1), date(2026, 3, 31)) == [
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]
    assert due_dates(date(2026, 5, 1), 6, date(2026, 1, 1), date(2026, 4, 30)) == []


def test_next_and_upcoming_due_dates() -> None:
    assert next_due_date(date(2026, 1, 31), 1, date(2026, 2, 1)) == date(2026, 2, 28)
    assert next_due_date(date(2026, 1, 31), 1, date(2026, 2, 28)) == date(2026, 2, 28)
    assert next_due_date(date(2026, 6, 15), 12, date(2026, 1, 1)) == date(2026, 6, 15)
    assert next_due_date(date(2020, 8, 31), 6, date(2026, 3, 1)) == date(2026, 8, 31)
    assert upcoming_due_dates(date(2025, 8, 31), 6, TODAY, 3) == (
        date(2026, 8, 31),
        date(2027, 2, 28),
        date(2027, 8, 31),
    )
    with pytest.raises(ValueError):
        due_dates(TODAY, 0, TODAY, TODAY)


# --- a centre ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Centre:
    boss: SignedInUser
    customer: CustomerIds
    devices: tuple[int, ...]


@pytest.fixture
def centre(db: Database) -> Centre:
    with_reference_data(db)
    customer = add_customer(db)
    devices = tuple(add_equipment(db, customer) for _ in range(3))
    return Centre(add_desk_user(db, "boss", "supervisor"), customer, devices)


def plan_input(
    first_due_on: date, interval: int = 3, lead_days: int = 30, kind: str = "preventive_maintenance"
) -> PlanInput:
    return PlanInput(
        name="季度保养",
        visit_kind=kind,
        interval_months=interval,
        first_due_on=first_due_on,
        lead_days=lead_days,
        duration_minutes=90,
        checklist=("清洁风扇", "检查电源"),
    )


def visits(db: Database) -> list[Visit]:
    with db.session() as session:
        return list(session.scalars(select(Visit).order_by(Visit.id)))


def keys(db: Database) -> list[tuple[int, int, date]]:
    """(plan, device, due date) of the plans' visits."""
    return sorted(
        (v.plan_id, v.equipment_id, v.due_on)
        for v in visits(db)
        if v.plan_id is not None and v.equipment_id is not None and v.due_on is not None
    )


def clear_visits(db: Database) -> None:
    """Start from nothing (a plan's save creates its visits at once; the run is the subject)."""
    with db.session() as session:
        session.query(Visit).delete()
        session.commit()


# --- maintenance plans ---------------------------------------------------------------------


def test_a_device_plan_creates_its_due_visits_once(db: Database, centre: Centre) -> None:
    device = centre.devices[0]
    plan = create_plan(
        db, centre.boss, plan_input(date(2026, 3, 20)), equipment_id=device, now=NOW
    ).plan_id
    clear_visits(db)

    first = generate_due_visits(db, NOW)
    assert (first.created, first.maintenance, first.installations) == (1, 1, 0)
    (visit,) = visits(db)
    assert (visit.kind, visit.status, visit.due_on) == (
        "preventive_maintenance",
        "unscheduled",
        date(2026, 3, 20),
    )
    assert (visit.plan_id, visit.equipment_id, visit.customer_id, visit.site_id) == (
        plan,
        device,
        centre.customer.customer_id,
        centre.customer.site_id,
    )
    assert visit.checklist == ["清洁风扇", "检查电源"] and visit.notes == "季度保养"
    assert visit.engineer_id is None and visit.starts_at is None and visit.created_by_id is None
    assert visit.contract_id is None
    assert first.visit_ids == (visit.id,) and first.today == TODAY

    second = generate_due_visits(db, NOW)
    assert (second.created, second.skipped, second.visit_ids) == (0, 1, ())
    assert len(visits(db)) == 1
    # Three months on, the next one is due within its lead days.
    later = generate_due_visits(db, NOW + timedelta(days=90))
    assert later.created == 1
    assert [v.due_on for v in visits(db)] == [date(2026, 3, 20), date(2026, 6, 20)]


def test_the_lead_days_decide_how_far_ahead(db: Database, centre: Centre) -> None:
    create_plan(
        db, centre.boss, plan_input(date(2026, 4, 10), 1, lead_days=10),
        equipment_id=centre.devices[0], now=NOW,
    )  # fmt: skip
    assert visits(db) == []  # 10 April is 39 days away: beyond 10 lead days
    assert generate_due_visits(db, NOW + timedelta(days=28)).created == 0
    assert generate_due_visits(db, NOW + timedelta(days=29)).created == 1  # 31 March
    assert [v.due_on for v in visits(db)] == [date(2026, 4, 10)]


def test_a_contract_plan_covers_the_contracts_active_devices_while_valid(
    db: Database, centre: Centre
) -> None:
    covered = centre.devices[:2]
    contract = add_contract(
        db, centre.customer, valid_from=date(2025, 7, 1), valid_to=date(2026, 6, 30),
        equipment_ids=(*covered, centre.devices[2]),
    )  # fmt: skip
    with db.session() as session:  # the third device was retired
        session.execute(
            update(Equipment).where(Equipment.id == centre.devices[2]).values(status="retired")
        )
        session.commit()
    plan = create_plan(
        db, centre.boss, plan_input(date(2026, 3, 15), 1, lead_days=120),
        contract_id=contract, now=NOW,
    ).plan_id  # fmt: skip
    # Due 15 Mar, 15 Apr, 15 May, 15 Jun (then the contract ends), for each covered device.
    expected = sorted(
        (plan, device, day)
        for device in covered
        for day in (date(2026, 3, 15), date(2026, 4, 15), date(2026, 5, 15), date(2026, 6, 15))
    )
    assert keys(db) == expected
    assert {v.contract_id for v in visits(db)} == {contract}
    clear_visits(db)
    result = generate_due_visits(db, NOW)
    assert result.created == 8 and keys(db) == expected
    assert generate_due_visits(db, NOW).created == 0


def test_deactivated_plans_and_retired_devices_create_nothing(db: Database, centre: Centre) -> None:
    kept = create_plan(
        db, centre.boss, plan_input(date(2026, 3, 10)), equipment_id=centre.devices[0], now=NOW
    )
    set_plan_active(db, centre.boss, kept.plan_id, kept.version, False, now=NOW)
    create_plan(
        db, centre.boss, plan_input(date(2026, 3, 10)), equipment_id=centre.devices[1], now=NOW
    )
    with db.session() as session:
        session.execute(
            update(Equipment).where(Equipment.id == centre.devices[1]).values(status="retired")
        )
        session.commit()
    clear_visits(db)
    assert generate_due_visits(db, NOW).created == 0
    assert visits(db) == []


def test_past_due_dates_go_back_a_month_before_the_plan_and_a_year_at_most(
    db: Database, centre: Centre
) -> None:
    # A monthly plan entered today with a first due date two years ago.
    create_plan(
        db, centre.boss, plan_input(date(2024, 3, 5), 1, lead_days=0),
        equipment_id=centre.devices[0], now=NOW,
    )  # fmt: skip
    clear_visits(db)
    generate_due_visits(db, NOW)
    assert LOOKBACK_DAYS == 31
    # From 30 Jan (a month before creation) to today: 5 Feb; 5 Mar is after today.
    assert [v.due_on for v in visits(db)] == [date(2026, 2, 5)]
    # A plan created long ago whose visits never came: a year back at most.
    with db.session() as session:
        session.execute(update(MaintenancePlan).values(created_at=NOW - timedelta(days=900)))
        session.commit()
    clear_visits(db)
    generate_due_visits(db, NOW)
    days = [v.due_on or TODAY for v in visits(db)]
    assert days[0] >= TODAY - timedelta(days=CATCH_UP_DAYS) and days[0] == date(2025, 3, 5)
    assert days[-1] == date(2026, 2, 5) and len(days) == 12


def test_one_change_log_entry_a_visit_or_one_for_many(db: Database, centre: Centre) -> None:
    create_plan(
        db, centre.boss, plan_input(date(2026, 3, 10)), equipment_id=centre.devices[0], now=NOW
    )
    clear_visits(db)
    with db.session() as session:
        before = session.scalar(select(func.max(ChangeLogEntry.id))) or 0
    generate_due_visits(db, NOW)
    with db.session() as session:
        entries = session.scalars(select(ChangeLogEntry).where(ChangeLogEntry.id > before)).all()
        assert [(e.entity, e.action, e.user_id) for e in entries] == [("visit", "create", None)]
        audit = session.scalars(
            select(AuditRecord).where(AuditRecord.entity == "visit_generator")
        ).one()
        assert audit.user_id is None and audit.details["maintenance"] == 1
    # More visits than MANY in one run: one entry for the lot.
    devices = [add_equipment(db, centre.customer) for _ in range(MANY + 1)]
    contract = add_contract(
        db, centre.customer, valid_from=date(2026, 1, 1), equipment_ids=tuple(devices)
    )
    with db.session() as session:
        session.add(
            MaintenancePlan(
                name="巡检", contract_id=contract, visit_kind="inspection", interval_months=1,
                first_due_on=date(2026, 3, 20), lead_days=30, duration_minutes=60, checklist=[],
                active=True, created_at=NOW, version=1,
            )
        )  # fmt: skip
        session.commit()
        before = session.scalar(select(func.max(ChangeLogEntry.id))) or 0
    result = generate_due_visits(db, NOW)
    assert result.created == MANY + 1
    with db.session() as session:
        entries = session.scalars(select(ChangeLogEntry).where(ChangeLogEntry.id > before)).all()
        assert [(e.entity, e.entity_id, e.action) for e in entries] == [("visit", 0, "generated")]
        assert entries[0].data["many"] is True and entries[0].data["created"] == MANY + 1


# --- installations ---------------------------------------------------------------------------


def _deliver(db: Database, contract_id: int, day: date | None) -> None:
    with db.session() as session:
        session.execute(
            update(ServiceContract)
            .where(ServiceContract.id == contract_id)
            .values(delivery_date=day)
        )
        session.commit()


def test_installation_visits_against_the_delivery_date(db: Database, centre: Centre) -> None:
    near = add_contract(db, centre.customer, equipment_ids=centre.devices[:2])
    far = add_contract(db, centre.customer, equipment_ids=centre.devices[2:])
    _deliver(db, near, TODAY + timedelta(days=INSTALLATION_LEAD_DAYS))
    _deliver(db, far, TODAY + timedelta(days=INSTALLATION_LEAD_DAYS + 1))

    result = generate_due_visits(db, NOW)
    assert (result.created, result.installations, result.maintenance) == (2, 2, 0)
    assert [(v.kind, v.status, v.contract_id, v.equipment_id, v.due_on, v.plan_id) for v in
            visits(db)] == [
        ("installation", "unscheduled", near, device, TODAY + timedelta(days=30), None)
        for device in centre.devices[:2]
    ]  # fmt: skip
    assert generate_due_visits(db, NOW).created == 0

    # The delivery moves: the visits nobody booked yet move with it; a booked one stays.
    _first, second = visits(db)
    with db.session() as session:
        session.execute(
            update(Visit)
            .where(Visit.id == second.id)
            .values(status="booked", engineer_id=centre.boss.id)
        )
        session.commit()
    _deliver(db, near, TODAY + timedelta(days=5))
    moved = generate_due_visits(db, NOW)
    assert (moved.created, moved.moved) == (0, 1)
    assert [v.due_on for v in visits(db)] == [TODAY + timedelta(days=5), second.due_on]
    # The other contract's date comes into the window a day later.
    assert generate_due_visits(db, NOW + timedelta(days=1)).installations == 1


def test_late_installations_stay_and_old_deliveries_are_left_alone(
    db: Database, centre: Centre
) -> None:
    late = add_contract(db, centre.customer, equipment_ids=centre.devices[:1])
    old = add_contract(db, centre.customer, equipment_ids=centre.devices[1:2])
    _deliver(db, late, TODAY - timedelta(days=20))
    _deliver(db, old, TODAY - timedelta(days=200))
    generate_due_visits(db, NOW)
    (visit,) = visits(db)
    assert visit.contract_id == late and visit.due_on == TODAY - timedelta(
        days=20
    )  # overdue: the schedule shows it


# --- many desks at once ----------------------------------------------------------------------


def desks_at_once(db: Database, count: int) -> list[GenerationResult]:
    """`count` desks start the generator at the same moment, each on its own connection."""
    start = threading.Barrier(count)
    results: list[GenerationResult | BaseException | None] = [None] * count

    def desk(index: int) -> None:
        start.wait()
        try:
            results[index] = generate_due_visits(db, NOW)
        except Exception as error:  # pragma: no cover - the failure itself
            results[index] = error

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done = [r for r in results if isinstance(r, GenerationResult)]
    assert len(done) == count, results
    return done


def test_two_desks_starting_at_once_create_each_visit_once(db: Database, centre: Centre) -> None:
    devices = [add_equipment(db, centre.customer) for _ in range(12)]
    contract = add_contract(db, centre.customer, equipment_ids=tuple(devices))
    _deliver(db, contract, TODAY + timedelta(days=3))
    for n, device in enumerate(centre.devices):
        create_plan(
            db, centre.boss, plan_input(date(2026, 3, 10 + n), 1, lead_days=60),
            equipment_id=device, now=NOW,
        )  # fmt: skip
    create_plan(
        db, centre.boss, plan_input(date(2026, 3, 25), 1, lead_days=60),
        contract_id=contract, now=NOW,
    )  # fmt: skip
    expected = len(visits(db)) + len(devices)  # the plans made theirs; installations to come
    clear_visits(db)
    first = desks_at_once(db, 3)
    assert sum(r.created for r in first) == expected
    again = desks_at_once(db, 3)
    assert sum(r.created for r in again) == 0
    assert sum(r.skipped for r in again) == 3 * expected
    all_visits = visits(db)
    assert len(all_visits) == expected
    installation_keys = [(v.contract_id, v.equipment_id) for v in all_visits if v.plan_id is None]
    assert len(installation_keys) == len(set(installation_keys)) == len(devices)
    plan_keys = keys(db)
    assert len(plan_keys) == len(set(plan_keys)) == expected - len(devices)


def test_desks_racing_on_installations_create_each_once(db: Database, centre: Centre) -> None:
    """No constraint guards installations: the lock does (run without plans, so nothing else
    puts the desks one after the other)."""
    devices = [add_equipment(db, centre.customer) for _ in range(8)]
    contracts = [add_contract(db, centre.customer, equipment_ids=(d,)) for d in devices]
    for contract in contracts:
        _deliver(db, contract, TODAY + timedelta(days=2))
    results = desks_at_once(db, 4)
    assert sum(r.installations for r in results) == len(devices)
    assert sorted(v.equipment_id or 0 for v in visits(db)) == devices
