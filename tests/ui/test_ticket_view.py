"""The ticket window as an agent works it: moves along the workflow, a refused resolve that
keeps what was typed, a save over another desk's change (shown, then reapplied), presence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.factories import add_customer, model_id, with_reference_data
from tests.ticket_factories import add_planned_ticket, add_worker
from ui.i18n import CHINESE, Translations
from ui.tasks import TaskRunner
from ui.ticket_view import TicketView
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.options import symptom_categories
from workstation.services.sla_plans import default_plan_id
from workstation.services.ticket_detail import load_ticket
from workstation.services.ticket_work import edit_ticket

WAIT_MS = 5000


def _ticket(db: Database, agent: SignedInUser, status: str = "assigned") -> int:
    with db.session() as session:
        plan = default_plan_id(session)
    customer = add_customer(db, "上海精密仪器有限公司")
    return add_planned_ticket(
        db,
        customer,
        plan,
        datetime.now(UTC) - timedelta(hours=1),
        status=status,
        assignee_id=agent.id,
    )


def _view(
    qtbot: QtBot, db: Database, runner: TaskRunner, user: SignedInUser, ticket_id: int
) -> TicketView:
    view = TicketView(db=db, runner=runner, user=user, ticket_id=ticket_id, desk=user.username)
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    return view


def test_the_agent_starts_work_waits_for_the_customer_and_resumes(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    agent = add_worker(db, "张伟", role="agent")
    view = _view(qtbot, db, runner, agent, _ticket(db, agent))
    assert view.number.text().startswith("SR-2026-")
    assert set(view.move_buttons) == {"in_progress", "resolved"}

    qtbot.mouseClick(view.move_buttons["in_progress"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.status == "in_progress")
    qtbot.waitUntil(lambda: "waiting_customer" in view.move_buttons)
    view.move_buttons["waiting_customer"].click()
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.sla_paused_at is not None)
    assert view.sla_badge.text().startswith("Paused")
    qtbot.waitUntil(lambda: "in_progress" in view.move_buttons)
    assert view.move_buttons["in_progress"].text() == "Resume work"
    view.move_buttons["in_progress"].click()
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.sla_paused_at is None)
    kinds = [entry.kind for entry in view.detail.timeline]
    assert "sla_paused" in kinds and "sla_resumed" in kinds
    assert view.timeline_model.rowCount() == len(view.detail.timeline)


def test_a_resolve_without_its_fields_is_refused_at_the_fields_keeping_what_was_typed(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    agent = add_worker(db, "张伟", role="agent")
    view = _view(qtbot, db, runner, agent, _ticket(db, agent, status="in_progress"))
    qtbot.waitUntil(lambda: view.resolution_type.count() > 1)
    view.move_buttons["resolved"].click()
    assert view.resolution_box.isVisible()
    view.solution.setPlainText("清洁搓纸轮并校准")
    view.confirm_resolve.click()
    box = view.resolution_boxes["root_cause"]
    qtbot.waitUntil(lambda: box.message.isVisible(), timeout=WAIT_MS)
    assert box.message.text() == "Required."
    assert view.resolution_boxes["resolution_type"].message.isVisible()
    assert view.solution.toPlainText() == "清洁搓纸轮并校准"

    view.resolution_type.setCurrentIndex(1)
    view.root_cause.setPlainText("搓纸轮磨损")
    view.confirm_resolve.click()
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.status == "resolved")
    assert view.detail.solution == "清洁搓纸轮并校准"
    assert "closed" in view.move_buttons and "reopened" in view.move_buttons


def test_a_save_over_another_desks_change_shows_it_and_reapplies_on_the_new_version(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    agent = add_worker(db, "张伟", role="agent")
    other = add_worker(db, "李娜", role="agent")
    ticket_id = _ticket(db, agent, status="in_progress")
    view = _view(qtbot, db, runner, agent, ticket_id)
    qtbot.waitUntil(lambda: view.severity.count() > 0)

    view.description.setPlainText("打印机卡纸；客户补充：每天早上第一次打印时出现")
    assert view.dirty()

    loaded = load_ticket(db, ticket_id)
    edit_ticket(
        db,
        other,
        ticket_id,
        loaded.edit,
        loaded.edit.__class__(**{**loaded.edit.__dict__, "severity": "critical"}),
    )

    view.save_button.click()
    qtbot.waitUntil(lambda: view.conflict.isVisible(), timeout=WAIT_MS)
    text = view.conflict_text.text()
    assert "李娜" in text and "Severity" in text and "Critical" in text
    assert view.description.toPlainText().endswith("每天早上第一次打印时出现")
    # The field the agent did not touch shows the other desk's value; a plain save waits.
    assert view.severity.currentData() == "critical"
    assert not view.save_button.isEnabled()
    assert view.reapply_button.isVisible()

    view.reapply_button.click()
    qtbot.waitUntil(lambda: not view.dirty() and not view.conflict.isVisible(), timeout=WAIT_MS)
    stored = load_ticket(db, ticket_id)
    assert stored.severity == "critical"  # the other desk's change stays
    assert stored.description.endswith("每天早上第一次打印时出现")  # and ours is applied


def test_a_move_on_a_ticket_another_desk_moved_is_refused_with_what_changed(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    from workstation.services.ticket_work import change_status

    with_reference_data(db)
    agent = add_worker(db, "张伟", role="agent")
    ticket_id = _ticket(db, agent)
    view = _view(qtbot, db, runner, agent, ticket_id)
    assert view.detail is not None
    change_status(db, agent, ticket_id, view.detail.version, "in_progress")
    view.move_buttons["resolved"].click()
    view.resolution_type.setCurrentIndex(1)
    view.root_cause.setPlainText("x")
    view.solution.setPlainText("y")
    view.confirm_resolve.click()
    qtbot.waitUntil(lambda: view.conflict.isVisible(), timeout=WAIT_MS)
    assert "In progress" in view.conflict_text.text()
    assert view.solution.toPlainText() == "y"


def test_two_agents_on_one_ticket_see_each_other(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    agent = add_worker(db, "张伟", role="agent")
    other = add_worker(db, "李娜", role="agent")
    ticket_id = _ticket(db, agent)
    first = _view(qtbot, db, runner, agent, ticket_id)
    second = _view(qtbot, db, runner, other, ticket_id)
    qtbot.waitUntil(lambda: "张伟" in second.presence.banner.text(), timeout=WAIT_MS)
    first.presence.refresh()
    qtbot.waitUntil(lambda: "李娜" in first.presence.banner.text(), timeout=WAIT_MS)


def test_the_symptom_is_chosen_from_the_devices_product_kind_and_saved(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    with_reference_data(db)
    agent = add_worker(db, "张伟", role="agent")
    model = model_id(db)
    symptoms = symptom_categories(db, model)
    with db.session() as session:
        plan = default_plan_id(session)
    ticket_id = add_planned_ticket(
        db,
        add_customer(db),
        plan,
        datetime.now(UTC) - timedelta(hours=1),
        status="in_progress",
        assignee_id=agent.id,
        product_model=model,
    )
    view = _view(qtbot, db, runner, agent, ticket_id)
    qtbot.waitUntil(lambda: view.symptom.count() == len(symptoms) + 1, timeout=WAIT_MS)
    assert view.symptom.currentData() is None  # not classified yet
    assert view.symptom.itemText(1) == symptoms[0].name_en

    view.symptom.setCurrentIndex(view.symptom.findData(symptoms[1].id))
    assert view.dirty()
    view.save_button.click()
    qtbot.waitUntil(lambda: not view.dirty(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.symptom_category_id == symptoms[1].id,
        timeout=WAIT_MS,
    )
    assert load_ticket(db, ticket_id).symptom_category_id == symptoms[1].id

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: view.symptom.currentText() == symptoms[1].name_zh, timeout=2000)
    assert not view.dirty()
