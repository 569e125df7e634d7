"""The device dialogs: edit, move to another customer, record a replacement unit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.factories import add_contract, add_customer, add_desk_user, add_equipment
from tests.factories import with_reference_data as reference
from ui.customer_dialogs import EditDialog
from ui.equipment_dialogs import (
    EquipmentDialog,
    MoveEquipmentDialog,
    RegisterEquipmentDialog,
    ReplaceEquipmentDialog,
)
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.models import AuditRecord
from workstation.services.customer_edit import SiteInput, add_site
from workstation.services.equipment_edit import (
    EquipmentChanges,
    add_months,
    equipment_for_edit,
    update_equipment,
)
from workstation.services.options import product_models


def _open(qtbot: QtBot, dialog: EditDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.is_ready)


def test_editing_a_device_saves_its_dates_and_shows_a_conflict(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    reference(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    device_id = add_equipment(db, ids, serial="LP20-0001")
    dialog = EquipmentDialog(db, runner, user, device_id)
    _open(qtbot, dialog)
    assert dialog.device.text().startswith("LP20-0001")
    assert dialog.install_date.value() == date(2025, 3, 1)
    dialog.warranty_end.setDate(QDate(2024, 1, 1))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.fields["warranty_end"].message.isVisible())
    assert dialog.fields["warranty_end"].message.text() == (
        "The warranty cannot end before the installation date."
    )
    dialog.warranty_end.setDate(QDate(2027, 3, 1))
    seen = equipment_for_edit(db, device_id)
    update_equipment(  # another desk, meanwhile
        db,
        user,
        device_id,
        seen.version,
        EquipmentChanges(seen.product_model_id, date(2025, 2, 1), seen.warranty_end, ids.site_id),
    )
    dialog.save_button.click()
    qtbot.waitUntil(dialog.conflict.isVisible)
    assert "Installed: 2025-03-01 → 2025-02-01" in dialog.conflict_text.text()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.reapply.click()
    after = equipment_for_edit(db, device_id)
    assert (after.install_date, after.warranty_end) == (date(2025, 3, 1), date(2027, 3, 1))


def test_moving_a_device_to_another_customer_found_by_phone(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    reference(db)
    user = add_desk_user(db)
    old = add_customer(db, "上海精密仪器有限公司")
    new = add_customer(db, "北京华诚电子", contacts=(("李四", ("13900001111",)),), site="北京分部")
    device_id = add_equipment(db, old)
    add_contract(db, old, equipment_ids=(device_id,))
    dialog = MoveEquipmentDialog(db, runner, user, device_id)
    _open(qtbot, dialog)
    assert dialog.chosen.text() == "上海精密仪器有限公司"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.picker.search)
    qtbot.keyClicks(dialog.picker.search, "1390000")
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 1)
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: dialog.chosen.text() == "北京华诚电子" and dialog.is_ready())
    assert dialog.site.currentText() == "北京分部  ·  上海"  # the factory puts every site there
    dialog.save_button.click()  # no reason yet
    qtbot.waitUntil(lambda: dialog.fields["reason"].message.isVisible())
    assert dialog.fields["reason"].message.text() == "Required."
    assert QApplication.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, "sold to Beijing branch")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert saved.args[0].to_customer_id == new.customer_id
    assert len(saved.args[0].contracts_removed) == 1
    moved = equipment_for_edit(db, device_id)
    assert (moved.customer_id, moved.site_name) == (new.customer_id, "北京分部")


def test_recording_a_replacement_unit_keeps_the_model_by_default(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    reference(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    device_id = add_equipment(db, ids, serial="OLD-0001")
    add_equipment(db, ids, serial="TAKEN-0001")
    dialog = ReplaceEquipmentDialog(db, runner, user, device_id)
    _open(qtbot, dialog)
    assert dialog.model.currentText() == "Same model as the old unit"
    assert dialog.install_date.value() == date.today()
    qtbot.keyClicks(dialog.new_serial, "taken-0001")
    dialog.reason.setText("main board failed")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.fields["new_serial"].message.isVisible())
    assert dialog.fields["new_serial"].message.text() == (
        "This serial number is already registered to 上海精密仪器有限公司."
    )
    assert dialog.new_serial.text() == "taken-0001"
    dialog.new_serial.setText("new-0002")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save_button.click()
    result = saved.args[0]
    assert result.new_serial == "NEW-0002"
    old = equipment_for_edit(db, device_id)
    new = equipment_for_edit(db, result.new_id)
    assert (old.status, old.replaced_by_id) == ("replaced", result.new_id)
    assert new.product_model_id == old.product_model_id


def test_registering_a_device_by_keyboard_at_the_second_site_computes_its_warranty(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    reference(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    plant = add_site(db, user, ids.customer_id, SiteInput("二厂", "苏州")).site_id
    first_model = product_models(db)[0]
    dialog = RegisterEquipmentDialog(db, runner, user, ids.customer_id)
    _open(qtbot, dialog)
    assert dialog.windowTitle() == "Register a device"
    assert dialog.model.currentText() == "Choose the model"
    assert dialog.site.currentText() == "总部  ·  上海"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.serial)
    qtbot.keyClicks(dialog.serial, " lp20-0099 ")
    qtbot.keyClick(dialog.serial, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.model, Qt.Key.Key_Down)  # the first model of the catalogue
    qtbot.keyClick(dialog.model, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.site, Qt.Key.Key_Down)  # the second site
    qtbot.keyClick(dialog.site, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.install_date
    qtbot.keyClicks(dialog.install_date, "20250301")
    assert dialog.install_date.value() == date(2025, 3, 1)
    expected_end = add_months(date(2025, 3, 1), first_model.warranty_months)
    assert dialog.warranty_hint.text() == (
        f"Leave empty for installation + {first_model.warranty_months} months: "
        f"{expected_end.isoformat()}."
    )
    assert dialog.warranty_end.value() is None
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.keyClick(dialog.install_date, Qt.Key.Key_Return)
    result = saved.args[0]
    assert result.serial == "LP20-0099"
    device = equipment_for_edit(db, result.equipment_id)
    assert (device.customer_id, device.site_id, device.site_name) == (
        ids.customer_id,
        plant,
        "二厂",
    )
    assert device.product_model_id == first_model.id
    assert (device.install_date, device.warranty_end) == (date(2025, 3, 1), expected_end)
    with db.session() as session:
        audit = session.scalars(
            select(AuditRecord).where(
                AuditRecord.entity == "equipment", AuditRecord.entity_id == result.equipment_id
            )
        ).one()
        assert (audit.action, audit.user_id) == ("registered", user.id)
        assert audit.details["warranty_end"] == expected_end.isoformat()


def test_registering_a_taken_serial_shows_the_owner_at_the_serial_field_and_keeps_the_form(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    reference(db)
    user = add_desk_user(db)
    owner = add_customer(db, "北京华诚电子")
    add_equipment(db, owner, serial="TAKEN-0001")
    ids = add_customer(db)
    dialog = RegisterEquipmentDialog(db, runner, user, ids.customer_id)
    _open(qtbot, dialog)
    qtbot.keyClicks(dialog.serial, "taken-0001")
    dialog.warranty_end.setDate(QDate(2028, 6, 30))
    dialog.save_button.click()  # no model chosen yet either
    qtbot.waitUntil(lambda: dialog.fields["serial"].message.isVisible())
    assert dialog.fields["serial"].message.text() == (
        "This serial number is already registered to 北京华诚电子."
    )
    assert dialog.fields["product_model_id"].message.text() == "Required."
    assert QApplication.focusWidget() is dialog.serial
    assert dialog.serial.text() == "taken-0001"
    assert dialog.warranty_end.value() == date(2028, 6, 30)
    qtbot.keyClick(dialog.model, Qt.Key.Key_Down)
    assert not dialog.fields["product_model_id"].message.isVisible()
    qtbot.keyClicks(dialog.serial, "new-0002")  # the taken serial is selected: typing replaces it
    assert not dialog.fields["serial"].message.isVisible()
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save_button.click()
    device = equipment_for_edit(db, saved.args[0].equipment_id)
    assert (device.serial, device.customer_id, device.warranty_end) == (
        "NEW-0002",
        ids.customer_id,
        date(2028, 6, 30),
    )
