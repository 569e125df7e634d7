"""Booking a visit from the ticket window, moving and cancelling one, and the engineers
dialog, driven as an agent or a dispatcher would."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import (
    CustomerIds,
    add_customer,
    add_equipment,
    model_id,
    with_reference_data,
)
from tests.ticket_factories import add_planned_ticket, add_worker
from tests.visit_factories import PEOPLES_SQUARE, add_engineer, add_visit, place_site, region_id
from ui.book_visit_dialog import BookVisitDialog
from ui.engineers_dialog import EngineersDialog
from ui.i18n import CHINESE, ENGLISH, Translations
from ui.local_time import to_qdatetime
from ui.tasks import TaskRunner
from ui.ticket_view import TicketView
from ui.visit_dialogs import CancelVisitDialog, MoveVisitDialog, VisitDialog
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.engineers import cancel_absence, engineer, list_absences
from workstation.services.scheduling import load_visit, move_visit
from workstation.services.sla_plans import default_plan_id

WAIT_MS = 8000
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def next_monday() -> date:
    """The coming Monday (tomorrow at the earliest), in Shanghai."""
    today = datetime.now(SHANGHAI).date()
    return today + timedelta(days=7 - today.weekday())


def bj(day: date, hour: int, minute: int = 0) -> datetime:
    """A Shanghai wall-clock time as an aware UTC instant."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


@dataclass(frozen=True)
class Scene:
    customer: CustomerIds
    ticket: int
    agent: SignedInUser
    boss: SignedInUser
    wang: SignedInUser
    monday: date


@pytest.fixture
def scene(db: Database) -> Scene:
    with_reference_data(db)
    east = region_id(db, "EAST")
    customer = add_customer(db, "上海精密仪器有限公司", region_id=east)
    place_site(db, customer.site_id, PEOPLES_SQUARE, east)
    device = add_equipment(db, customer, product_model=model_id(db, "LP-2020"))
    with db.session() as session:
        plan = default_plan_id(session)
    ticket = add_planned_ticket(
        db, customer, plan, datetime.now(UTC) - timedelta(hours=1), equipment_id=device
    )
    return Scene(
        customer,
        ticket,
        add_worker(db, "张伟", role="agent"),
        add_worker(db, "调度员", role="supervisor"),
        add_engineer(db, "王工", region=east, skills=("laser_printer",)),
        next_monday(),
    )


def _show(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)


def _set_time(dialog: VisitDialog, starts_at: datetime, minutes: int) -> None:
    stamp = to_qdatetime(starts_at)
    dialog.day.setDate(stamp.date())
    dialog.start_time.setTime(stamp.time())
    dialog.duration.setValue(minutes)


@pytest.fixture
def book(qtbot: QtBot, db: Database, runner: TaskRunner, scene: Scene) -> Iterator[BookVisitDialog]:
    dialog = BookVisitDialog(
        db,
        runner,
        scene.agent,
        scene.ticket,
        ticket_number="SR-TEST",
        customer_name="上海精密仪器有限公司",
    )
    _show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.is_ready() and dialog.model.rowCount() > 0, timeout=WAIT_MS)
    yield dialog


def test_book_a_visit_from_the_ticket_window_end_to_end(
    qtbot: QtBot, db: Database, runner: TaskRunner, scene: Scene
) -> None:
    view = TicketView(db=db, runner=runner, user=scene.agent, ticket_id=scene.ticket, desk="d1")
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT_MS)
    assert view.visit_button.isVisible() and view.visit_button.text() == "Book visit…"

    qtbot.mouseClick(view.visit_button, Qt.MouseButton.LeftButton)
    dialog = view.book_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and dialog.is_ready(), timeout=WAIT_MS)
    suggestion = dialog.model.row(0)
    assert suggestion.engineer_name == "王工" and suggestion.skill_match
    # The first suggestion is in the form, ready to confirm with the customer.
    assert dialog.engineer_id() == scene.wang.id
    assert dialog.starts_at() == suggestion.starts_at
    assert "王工" in dialog.table.model().index(0, 0).data()
    dialog.notes.setPlainText("带备用搓纸轮")

    dialog.save_button.click()
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.status == "assigned", timeout=WAIT_MS
    )
    assert view.status_line.text().startswith("Visit booked: 王工")
    assert view.detail.assignee_name == "王工"
    texts = [
        view.timeline_model.index(row, 2).data() for row in range(view.timeline_model.rowCount())
    ]
    assert any(t.startswith("Visit booked: 王工") for t in texts), texts
    assert any(t == "Assigned to 王工" for t in texts), texts
    stored = load_visit(db, dialog.change.visit_id if dialog.change else 0)
    assert (stored.engineer_id, stored.ticket_id) == (scene.wang.id, scene.ticket)


def test_a_refused_time_is_shown_at_the_fields_and_nothing_typed_is_lost(
    qtbot: QtBot, db: Database, scene: Scene, book: BookVisitDialog
) -> None:
    monday = scene.monday
    add_visit(db, scene.customer, scene.wang.id, bj(monday, 9), bj(monday, 11))
    book.engineer.setCurrentIndex(book.engineer.findData(scene.wang.id))
    _set_time(book, bj(monday, 10), 60)
    book.kind.setCurrentIndex(book.kind.findData("inspection"))
    book.notes.setPlainText("客户下午不在")
    book.save_button.click()
    box = book.fields["time"]
    qtbot.waitUntil(lambda: box.message.isVisible(), timeout=WAIT_MS)
    assert box.message.text().startswith("Already booked then: 上海精密仪器有限公司")
    assert not book.accept_warnings.isVisible()  # an overlap cannot be accepted
    assert book.notes.toPlainText() == "客户下午不在"
    assert book.kind.currentData() == "inspection"
    assert book.result() != QDialog.DialogCode.Accepted

    # Saturday: only a warning, at the date; booked once accepted.
    _set_time(book, bj(monday + timedelta(days=5), 10), 60)
    assert not box.message.isVisible()  # changing the time cleared the old problem
    book.save_button.click()
    day_box = book.fields["date"]
    qtbot.waitUntil(lambda: day_box.message.isVisible(), timeout=WAIT_MS)
    assert day_box.message.text().startswith("Not one of the engineer's working days")
    assert book.accept_warnings.isVisible() and not book.accept_warnings.isChecked()
    book.accept_warnings.setChecked(True)
    book.save_button.click()
    qtbot.waitUntil(lambda: book.change is not None, timeout=WAIT_MS)
    assert book.change is not None
    assert [w.code for w in book.change.warnings] == ["not_working_day"]
    assert (book.change.kind, book.result()) == ("inspection", QDialog.DialogCode.Accepted)


def test_move_a_visit_and_apply_it_over_another_desks_move(
    qtbot: QtBot, db: Database, runner: TaskRunner, scene: Scene
) -> None:
    monday = scene.monday
    visit_id = add_visit(db, scene.customer, scene.wang.id, bj(monday, 9), bj(monday, 11))
    dialog = MoveVisitDialog(db, runner, scene.boss, load_visit(db, visit_id))
    _show(qtbot, dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=WAIT_MS)
    assert dialog.engineer_id() == scene.wang.id
    assert dialog.starts_at() == bj(monday, 9) and dialog.duration.value() == 120
    assert "上海精密仪器有限公司" in dialog.summary.text()

    # Another desk moves it first.
    move_visit(db, scene.boss, visit_id, 1, scene.wang.id, bj(monday, 13), bj(monday, 14))
    _set_time(dialog, bj(monday + timedelta(days=1), 14), 90)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.conflict.isVisible(), timeout=WAIT_MS)
    assert "Now:" in dialog.conflict_text.text()
    assert dialog.duration.value() == 90  # the form keeps what was chosen
    dialog.reapply.click()
    qtbot.waitUntil(lambda: dialog.change is not None, timeout=WAIT_MS)
    stored = load_visit(db, visit_id)
    assert (stored.starts_at, stored.version) == (bj(monday + timedelta(days=1), 14), 3)


def test_cancel_a_visit_needs_a_reason(
    qtbot: QtBot, db: Database, runner: TaskRunner, scene: Scene
) -> None:
    monday = scene.monday
    visit_id = add_visit(db, scene.customer, scene.wang.id, bj(monday, 9), bj(monday, 11))
    dialog = CancelVisitDialog(db, runner, scene.agent, load_visit(db, visit_id))
    _show(qtbot, dialog)
    dialog.save_button.click()
    assert dialog.fields["reason"].message.isVisible()
    assert dialog.fields["reason"].message.text() == "Required."
    dialog.reason.setPlainText("客户设备已自行恢复")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.change is not None, timeout=WAIT_MS)
    assert dialog.change is not None and dialog.change.status == "cancelled"
    assert load_visit(db, visit_id).status == "cancelled"


def test_engineers_dialog_edits_a_profile_and_warns_of_visits_in_an_absence(
    qtbot: QtBot, db: Database, runner: TaskRunner, scene: Scene
) -> None:
    monday = scene.monday
    add_visit(db, scene.customer, scene.wang.id, bj(monday, 9), bj(monday, 11))
    dialog = EngineersDialog(db, runner, scene.boss, region_id(db, "EAST"))
    _show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    assert dialog.model.rowCount() == 1 and dialog.save_profile.isEnabled()
    assert dialog.work_start.time().toString("HH:mm") == "08:30"

    dialog.base_city.setText("上海")
    dialog.latitude.setText("北纬31")
    dialog.save_profile.click()
    assert dialog.fields["base_latitude"].message.text() == "Enter a number."
    dialog.latitude.setText("31.2304")
    dialog.longitude.setText("121.4737")
    dialog.day_boxes[5].setChecked(True)  # Saturday
    dialog.save_profile.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved"), timeout=WAIT_MS)
    saved = engineer(db, scene.boss, scene.wang.id)
    assert (saved.base_city, saved.work_days, saved.version) == ("上海", "123456", 1)
    assert dialog.model.index(0, 5).data().endswith("Sat")

    start = to_qdatetime(bj(monday, 0))
    dialog.absence_kind.setCurrentIndex(dialog.absence_kind.findData("training"))
    dialog.absence_from.setDateTime(start)
    dialog.absence_to.setDateTime(start.addDays(1))
    dialog.absence_note.setText("新产品培训")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.clash.isVisible(), timeout=WAIT_MS)
    assert "上海精密仪器有限公司" in dialog.clash.text()
    qtbot.waitUntil(lambda: dialog.absence_model.rowCount() == 1, timeout=WAIT_MS)

    dialog.absence_table.selectRow(0)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.absence_model.rowCount() == 0, timeout=WAIT_MS)
    assert list_absences(db, scene.boss, scene.wang.id) == ()


def test_engineers_dialog_is_read_only_for_an_agent_and_refuses_a_bad_absence(
    qtbot: QtBot, db: Database, runner: TaskRunner, scene: Scene
) -> None:
    dialog = EngineersDialog(db, runner, scene.agent)
    _show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    assert not dialog.save_profile.isEnabled() and not dialog.add_button.isEnabled()

    own = EngineersDialog(db, runner, scene.wang)
    _show(qtbot, own)
    qtbot.waitUntil(lambda: own.current is not None, timeout=WAIT_MS)
    assert own.add_button.isEnabled()
    later = QDateTime.currentDateTime().addDays(3)
    own.absence_from.setDateTime(later)
    own.absence_to.setDateTime(later.addDays(-1))
    own.absence_note.setText("年假")
    own.add_button.click()
    box = own.fields["ends_at"]
    qtbot.waitUntil(lambda: box.message.isVisible(), timeout=WAIT_MS)
    assert box.message.text() == "A period must end after it starts."
    assert own.absence_note.text() == "年假"


def test_screenshots_of_booking_and_engineers_in_both_languages(
    qtbot: QtBot, db: Database, runner: TaskRunner, scene: Scene, translations: Translations
) -> None:
    """artifacts/screenshots/book_visit_{en,zh_CN}.png, book_visit_problem_…, engineers_…"""
    east = region_id(db, "EAST")
    li = add_engineer(db, "李工", region=east, skills=("laser_printer",), base=(31.30, 121.50))
    add_engineer(db, "赵工", region=east, base=(31.10, 121.30))
    monday = scene.monday
    add_visit(db, scene.customer, scene.wang.id, bj(monday, 9), bj(monday, 11))
    add_visit(db, scene.customer, li.id, bj(monday, 13), bj(monday, 17))
    for language in (ENGLISH, CHINESE):
        translations.switch(language)
        book = BookVisitDialog(
            db,
            runner,
            scene.boss,
            scene.ticket,
            ticket_number="SR-2026-000123",
            customer_name="上海精密仪器有限公司",
            resolution_due_at=bj(monday, 18),
        )
        _show(qtbot, book)
        book.resize(820, 640)
        qtbot.waitUntil(lambda b=book: b.is_ready() and b.model.rowCount() == 3, timeout=WAIT_MS)
        save_shot(book, f"book_visit_{language}")
        book.engineer.setCurrentIndex(book.engineer.findData(scene.wang.id))
        _set_time(book, bj(monday + timedelta(days=5), 16), 120)
        book.save_button.click()
        qtbot.waitUntil(lambda b=book: b.accept_warnings.isVisible(), timeout=WAIT_MS)
        qtbot.wait(50)
        save_shot(book, f"book_visit_problem_{language}")
        book.close()

        engineers = EngineersDialog(db, runner, scene.boss, east)
        _show(qtbot, engineers)
        engineers.resize(1100, 720)
        qtbot.waitUntil(lambda e=engineers: e.current is not None, timeout=WAIT_MS)
        start = to_qdatetime(bj(monday, 0))
        engineers.absence_from.setDateTime(start)
        engineers.absence_to.setDateTime(start.addDays(1))
        engineers.absence_note.setText("新产品培训")
        engineers.add_button.click()
        qtbot.waitUntil(lambda e=engineers: e.absence_model.rowCount() > 0, timeout=WAIT_MS)
        save_shot(engineers, f"engineers_{language}")
        cancel_absence(db, scene.boss, engineers.absences[0].id)
        engineers.close()


def save_shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() > 400
    assert image.save(str(SHOTS / f"{name}.png"))
