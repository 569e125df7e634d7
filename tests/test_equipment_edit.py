"""Registering, editing, moving and replacing equipment: codes, audit, coverage, history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import (
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    add_ticket,
    model_id,
    with_reference_data,
)
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    ChangeLogEntry,
    Equipment,
    ProductModel,
    Ticket,
    contract_equipment,
)
from workstation.services.customer_edit import (
    EditConflict,
    EditRejected,
    SiteInput,
    add_site,
)
from workstation.services.equipment_edit import (
    EquipmentChanges,
    add_months,
    equipment_for_edit,
    move_equipment,
    register_equipment,
    replace_equipment,
    update_equipment,
)


def _codes(error: pytest.ExceptionInfo[EditRejected]) -> dict[str, str]:
    return {e.field: e.code for e in error.value.errors}


def _audit(db: Database, entity_id: int) -> list[AuditRecord]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditRecord)
                .where(AuditRecord.entity == "equipment", AuditRecord.entity_id == entity_id)
                .order_by(AuditRecord.id)
            )
        )


def _coverage(db: Database, equipment_id: int) -> list[int]:
    with db.session() as session:
        return sorted(
            session.scalars(
                select(contract_equipment.c.contract_id).where(
                    contract_equipment.c.equipment_id == equipment_id
                )
            )
        )


def _warranty_months(db: Database, product_model: int) -> int:
    with db.session() as session:
        months = session.scalar(
            select(ProductModel.warranty_months).where(ProductModel.id == product_model)
        )
        assert months is not None
        return months


def test_months_are_added_to_the_last_day_of_a_short_month() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 3, 15), 24) == date(2027, 3, 15)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_a_device_is_registered_with_a_clean_serial_and_the_models_warranty(
    db: Database,
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    printer = model_id(db, "LP-2020")
    saved = register_equipment(
        db, user, ids.customer_id, ids.site_id, "  lp20-abc-001 ", printer, date(2025, 1, 31)
    )
    assert saved.serial == "LP20-ABC-001"
    device = equipment_for_edit(db, saved.equipment_id)
    assert device.serial == "LP20-ABC-001"
    assert device.warranty_end == add_months(date(2025, 1, 31), _warranty_months(db, printer))
    assert (device.customer_id, device.site_id, device.status) == (
        ids.customer_id,
        ids.site_id,
        "active",
    )
    record = _audit(db, saved.equipment_id)[0]
    assert record.action == "registered" and record.user_id == user.id
    assert record.details["serial"] == "LP20-ABC-001"
    with db.session() as session:
        change = session.scalars(
            select(ChangeLogEntry).where(
                ChangeLogEntry.entity == "equipment",
                ChangeLogEntry.entity_id == saved.equipment_id,
            )
        ).one()
        assert change.data == {"customer_id": ids.customer_id}


def test_a_serial_already_registered_names_its_owner(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    owner = add_customer(db, "上海精密仪器有限公司")
    other = add_customer(db, "北京华诚电子", contacts=(("李四", ("13900001111",)),))
    existing = add_equipment(db, owner, serial="SN-0001")
    with pytest.raises(EditRejected) as error:
        register_equipment(
            db, user, other.customer_id, other.site_id, " sn-0001", model_id(db), None
        )
    (problem,) = error.value.errors
    assert (problem.field, problem.code) == ("serial", "serial_exists")
    assert problem.params == {
        "equipment_id": str(existing),
        "customer_id": str(owner.customer_id),
        "customer_name": "上海精密仪器有限公司",
    }


def test_registering_checks_every_field(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    other = add_customer(db, "北京华诚电子", contacts=(("李四", ("13900001111",)),))
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(EditRejected) as error:
        register_equipment(
            db, user, ids.customer_id, other.site_id, "  ", 999_999, tomorrow, date(2020, 1, 1)
        )
    assert _codes(error) == {
        "serial": "required",
        "product_model_id": "unknown",
        "site_id": "not_this_customer",
        "install_date": "in_future",
        "warranty_end": "before_install",
    }
    with pytest.raises(EditRejected) as error:
        register_equipment(db, user, ids.customer_id, None, "X" * 61, None, None)
    assert _codes(error) == {"serial": "too_long", "product_model_id": "required"}


def test_a_device_edit_is_audited_and_a_stale_one_refused(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    second_site = add_site(db, user, ids.customer_id, SiteInput("二号楼")).site_id
    device_id = add_equipment(db, ids)
    seen = equipment_for_edit(db, device_id)
    changes = EquipmentChanges(
        seen.product_model_id, date(2025, 2, 1), date(2027, 2, 1), second_site
    )
    saved = update_equipment(db, user, device_id, seen.version, changes)
    assert saved.changed == ("install_date", "site_id", "warranty_end")
    assert _audit(db, device_id)[-1].details == {
        "install_date": ["2025-03-01", "2025-02-01"],
        "warranty_end": ["2026-03-01", "2027-02-01"],
        "site_id": [ids.site_id, second_site],
    }
    with pytest.raises(EditConflict) as conflict:
        update_equipment(db, user, device_id, seen.version, changes)
    assert conflict.value.current.version == seen.version + 1
    assert conflict.value.current.site_name == "二号楼"


def test_a_moved_device_keeps_its_tickets_and_loses_the_old_contract(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    old = add_customer(db, "上海精密仪器有限公司")
    new = add_customer(db, "北京华诚电子", contacts=(("李四", ("13900001111",)),), site="北京分部")
    device_id = add_equipment(db, old)
    contract = add_contract(db, old, equipment_ids=(device_id,))
    ticket = add_ticket(db, old, equipment_id=device_id)
    moved = move_equipment(db, user, device_id, new.customer_id, new.site_id, "客户转让设备")
    assert moved.contracts_removed == (contract,)
    assert _coverage(db, device_id) == []
    device = equipment_for_edit(db, device_id)
    assert (device.customer_id, device.site_id, device.customer_name) == (
        new.customer_id,
        new.site_id,
        "北京华诚电子",
    )
    with db.session() as session:
        history = session.scalars(select(Ticket.id).where(Ticket.equipment_id == device_id)).all()
        assert history == [ticket]
        row = session.get(Equipment, device_id)
        assert row is not None and row.version == 2
    record = _audit(db, device_id)[-1]
    assert record.action == "moved"
    assert record.details == {
        "from_customer_id": old.customer_id,
        "from_customer_name": "上海精密仪器有限公司",
        "from_site_id": old.site_id,
        "from_site_name": "总部",
        "to_customer_id": new.customer_id,
        "to_customer_name": "北京华诚电子",
        "to_site_id": new.site_id,
        "to_site_name": "北京分部",
        "contracts_removed": [contract],
        "reason": "客户转让设备",
    }


def test_a_move_within_the_customer_keeps_the_contract(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    other_site = add_site(db, user, ids.customer_id, SiteInput("仓库")).site_id
    device_id = add_equipment(db, ids)
    contract = add_contract(db, ids, equipment_ids=(device_id,))
    move_equipment(db, user, device_id, ids.customer_id, other_site, "搬到仓库")
    assert _coverage(db, device_id) == [contract]


def test_a_move_needs_a_reason_a_site_of_the_target_and_a_new_place(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    other = add_customer(db, "北京华诚电子", contacts=(("李四", ("13900001111",)),))
    device_id = add_equipment(db, ids)
    with pytest.raises(EditRejected) as error:
        move_equipment(db, user, device_id, other.customer_id, ids.site_id, " ")
    assert _codes(error) == {"to_site_id": "not_this_customer", "reason": "required"}
    with pytest.raises(EditRejected) as error:
        move_equipment(db, user, device_id, ids.customer_id, ids.site_id, "原地")
    assert _codes(error) == {"to_site_id": "same_place"}


def test_a_replacement_links_both_units_and_takes_over_the_contract(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    device_id = add_equipment(db, ids, serial="OLD-001")
    contract = add_contract(db, ids, equipment_ids=(device_id,))
    ticket = add_ticket(db, ids, equipment_id=device_id)
    result = replace_equipment(
        db, user, device_id, "new-002", None, date(2026, 1, 10), "主板损坏，整机更换"
    )
    assert result.new_serial == "NEW-002"
    assert result.contracts == (contract,)
    old = equipment_for_edit(db, device_id)
    new = equipment_for_edit(db, result.new_id)
    assert (old.status, old.replaced_by_id) == ("replaced", result.new_id)
    assert (new.customer_id, new.site_id, new.product_model_id, new.status) == (
        ids.customer_id,
        ids.site_id,
        old.product_model_id,
        "active",
    )
    assert new.warranty_end == add_months(
        date(2026, 1, 10), _warranty_months(db, old.product_model_id)
    )
    assert _coverage(db, device_id) == [] and _coverage(db, result.new_id) == [contract]
    assert _audit(db, device_id)[-1].details["replaced_by_id"] == result.new_id
    registered = _audit(db, result.new_id)[-1]
    assert registered.action == "registered"
    assert registered.details["replaces_id"] == device_id
    assert registered.details["replaces_serial"] == "OLD-001"
    with db.session() as session:
        assert session.scalars(select(Ticket.id).where(Ticket.equipment_id == device_id)).all() == [
            ticket
        ]
    with pytest.raises(EditRejected) as error:
        replace_equipment(db, user, device_id, "NEW-003", None, None, "再换一次")
    assert _codes(error) == {"equipment": "not_active"}
    with pytest.raises(EditRejected) as error:
        move_equipment(db, user, device_id, ids.customer_id, ids.site_id, "移动")
    assert _codes(error)["equipment"] == "not_active"


def test_a_replacement_serial_must_be_new(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    device_id = add_equipment(db, ids, serial="OLD-001")
    add_equipment(db, ids, serial="TAKEN-1")
    with pytest.raises(EditRejected) as error:
        replace_equipment(db, user, device_id, "taken-1", 999_999, None, "")
    assert _codes(error) == {
        "new_serial": "serial_exists",
        "new_model_id": "unknown",
        "reason": "required",
    }
    assert equipment_for_edit(db, device_id).status == "active"
