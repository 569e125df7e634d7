"""The maintenance plans dialog: the list with next due dates, the form, deactivation, roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    with_reference_data,
)
from ui.customers_page import CustomersPage
from ui.maintenance_plans_dialog import MaintenancePlansDialog, PlanEditorDialog
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.models import MaintenancePlan, ServiceContract, Visit
from workstation.services.auth import SignedInUser
from workstation.services.maintenance_plans import PlanInput, create_plan, update_plan
from workstation.services.plan_generator import centre_today, generate_due_visits


@dataclass(frozen=True)
class Centre:
    boss: SignedInUser
    agent: SignedInUser
    customer: CustomerIds
    device: int
    contract: int


@pytest.fixture
def centre(db: Database) -> Centre:
    with_reference_data(db)
    customer = add_customer(db)
    device = add_equipment(db, customer, serial="SRV-2025-0001")
    today = centre_today()
    contract = add_contract(
        db, customer, valid_from=today - timedelta(days=30), valid_to=today + timedelta(days=700),
        equipment_ids=(device,),
    )  # fmt: skip
    return Centre(
        add_desk_user(db, "boss", "supervisor"),
        add_desk_user(db, "agent1", "agent"),
        customer,
        device,
        contract,
    )


def _dialog(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    user: SignedInUser,
    *,
    equipment_id: int | None = None,
    contract_id: int | None = None,
) -> MaintenancePlansDialog:
    dialog = MaintenancePlansDialog(
        db, runner, user, equipment_id=equipment_id, contract_id=contract_id
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.show()
    return dialog


def _editor(qtbot: QtBot, dialog: MaintenancePlansDialog) -> PlanEditorDialog:
    editor = dialog.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    return editor


def test_a_supervisor_adds_a_plan_to_a_device_with_errors_at_the_fields(
    qtbot: QtBot, db: Database, runner: TaskRunner, centre: Centre
) -> None:
    dialog = _dialog(qtbot, db, runner, centre.boss, equipment_id=centre.device)
    assert dialog.heading.text().startswith("Device SRV-2025-0001")
    assert dialog.model.rowCount() == 0
    assert dialog.new_button.isVisible() and dialog.new_button.isEnabled()
    assert not dialog.notice.isVisible()

    dialog.new_button.click()
    editor = _editor(qtbot, dialog)
    assert editor.windowTitle() == "New maintenance plan"
    # The name follows kind and interval until one is typed.
    assert editor.name.text() == "Preventive maintenance, every 6 months"
    editor.interval.setValue(3)
    assert editor.name.text() == "Preventive maintenance, every 3 months"
    due = centre_today() + timedelta(days=10)
    editor.first_due.setDate(QDate(due.year, due.month, due.day))
    assert editor.preview.text().startswith(due.isoformat())
    editor.name.clear()
    editor.checklist.setPlainText("清洁风扇\n" + "x" * 201)
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.fields["name"].message.isVisible(), timeout=5000)
    assert editor.fields["name"].message.text() == "Required."
    assert editor.fields["checklist"].message.text() == "Too long: at most 200 characters."
    assert QApplication.focusWidget() is editor.name
    assert editor.checklist.toPlainText().startswith("清洁风扇\nxxx"), "nothing typed is lost"

    editor.name.setText("季度保养")
    editor.checklist.setPlainText("清洁风扇\n检查电源")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        editor.save_button.click()
    assert dialog.status.text() == "Saved. Visits to schedule: 1 new, 0 removed."
    (row,) = dialog.model.rows()
    assert (row.name, row.interval_months, row.next_due_on) == ("季度保养", 3, due)
    assert row.checklist == ("清洁风扇", "检查电源")
    assert dialog.model.index(0, 3).data() == due.isoformat()
    assert dialog.model.index(0, 6).data() == "This device"
    with db.session() as session:
        assert session.scalars(select(Visit.due_on)).all() == [due]


def test_a_device_shows_its_contracts_plans_and_deactivation_asks_first(
    qtbot: QtBot, db: Database, runner: TaskRunner, centre: Centre
) -> None:
    due = centre_today() + timedelta(days=5)
    create_plan(
        db, centre.boss, PlanInput("年度巡检", "inspection", 12, due, lead_days=30),
        contract_id=centre.contract,
    )  # fmt: skip
    dialog = _dialog(qtbot, db, runner, centre.boss, equipment_id=centre.device)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "Inspection"
    assert dialog.model.index(0, 2).data() == "every year"
    assert dialog.model.index(0, 6).data().startswith("Contract CT-")
    assert dialog.model.index(0, 7).data() == "Active"
    assert dialog.active_button.text() == "&Deactivate…"

    dialog.active_button.click()
    box = dialog.confirmation
    assert box is not None and "年度巡检" in box.text()
    qtbot.waitExposed(box)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(50)
    assert dialog.model.rows()[0].active
    dialog.active_button.click()
    box = dialog.confirmation
    assert box is not None
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert dialog.status.text() == "Saved. Visits to schedule: 0 new, 1 removed."
    assert dialog.model.index(0, 7).data() == "Inactive"
    assert dialog.model.index(0, 3).data() == "—"
    assert dialog.active_button.text() == "&Take up again"
    with db.session() as session:
        assert session.scalars(select(Visit)).all() == []
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.active_button.click()
    assert dialog.model.rows()[0].active


def test_a_stale_edit_shows_what_the_other_desk_changed(
    qtbot: QtBot, db: Database, runner: TaskRunner, centre: Centre
) -> None:
    plan = PlanInput("季度保养", "preventive_maintenance", 3, centre_today() + timedelta(days=40))
    saved = create_plan(db, centre.boss, plan, equipment_id=centre.device)
    dialog = _dialog(qtbot, db, runner, centre.boss, contract_id=centre.contract)
    assert dialog.model.rowCount() == 0  # a device's plan is not the contract's
    dialog.close()
    dialog = _dialog(qtbot, db, runner, centre.boss, equipment_id=centre.device)
    dialog.edit_button.click()
    editor = _editor(qtbot, dialog)
    assert editor.windowTitle() == "Edit maintenance plan"
    editor.lead_days.setValue(14)
    update_plan(  # another desk, meanwhile
        db, centre.boss, saved.plan_id, saved.version,
        PlanInput("季度保养", "preventive_maintenance", 6, plan.first_due_on),
    )  # fmt: skip
    editor.save_button.click()
    qtbot.waitUntil(editor.conflict.isVisible, timeout=5000)
    assert "Interval: every 3 months → every 6 months" in editor.conflict_text.text()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        editor.reapply.click()
    (row,) = dialog.model.rows()
    assert (row.lead_days, row.interval_months, row.version) == (14, 3, 3)


def test_an_agent_sees_the_plans_read_only(
    qtbot: QtBot, db: Database, runner: TaskRunner, centre: Centre
) -> None:
    create_plan(
        db, centre.boss,
        PlanInput("年度巡检", "inspection", 12, centre_today() + timedelta(days=90),
                  checklist=("检查接地",)),
        contract_id=centre.contract,
    )  # fmt: skip
    with db.session() as session:  # delivered three days ago, not installed: late
        session.execute(
            update(ServiceContract)
            .where(ServiceContract.id == centre.contract)
            .values(delivery_date=centre_today() - timedelta(days=3))
        )
        session.commit()
    generate_due_visits(db)
    dialog = _dialog(qtbot, db, runner, centre.agent, contract_id=centre.contract)
    assert dialog.heading.text().startswith("Contract CT-")
    assert "installations: 0 done, 0 booked, 1 to schedule" in dialog.facts.text()
    assert dialog.late.isVisible() and dialog.late.text() == "1 late"
    assert dialog.notice.isVisible()
    assert not dialog.new_button.isVisible() and not dialog.active_button.isVisible()
    assert dialog.edit_button.text() == "&View…"
    assert dialog.new_plan() is None
    dialog.table.activated.emit(dialog.model.index(0, 0))
    editor = _editor(qtbot, dialog)
    assert editor.windowTitle() == "Maintenance plan (read only)"
    assert not editor.save_button.isVisible()
    assert editor.name.isReadOnly() and editor.checklist.isReadOnly()
    assert not editor.interval.isEnabled() and not editor.kind.isEnabled()
    assert editor.checklist.toPlainText() == "检查接地"


def test_the_device_card_and_the_customers_contracts_open_the_plans(
    qtbot: QtBot, db: Database, runner: TaskRunner, centre: Centre
) -> None:
    page = CustomersPage(db=db, runner=runner, user=centre.boss)
    qtbot.addWidget(page)
    page.show()
    page.show_equipment(centre.device)
    card = page.equipment_card
    qtbot.waitUntil(lambda: card.plans_button.isEnabled(), timeout=5000)
    assert card.plans_button.text() == "Maintenance plans…"
    card.plans_button.click()
    dialog = _last_plans(page)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    assert dialog.plan_list is not None and dialog.plan_list.target.equipment_id == centre.device
    dialog.close()

    page.show_customer(centre.customer.customer_id)
    tree = page.customer_card.contracts
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1, timeout=5000)
    item = tree.topLevelItem(0)
    assert item is not None and "maintenance plans" in item.toolTip(0)
    tree.itemActivated.emit(item, 0)
    dialog = _last_plans(page)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    assert dialog.plan_list is not None and dialog.plan_list.target.contract_id == centre.contract
    with db.session() as session:  # looking saves nothing
        assert session.scalars(select(MaintenancePlan)).all() == []


def _last_plans(page: CustomersPage) -> MaintenancePlansDialog:
    dialog = page.editing.last_dialog
    assert isinstance(dialog, MaintenancePlansDialog)
    return dialog
