"""The visit window driven as an engineer would: the facts, the live cost, saving the sheet,
refusals at the fields with nothing typed lost, a conflict with another desk, the PDFs."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.factories import add_customer, add_desk_user, add_equipment
from tests.sheet_factories import add_visit
from tests.ticket_factories import add_office_plan, add_planned_ticket, add_worker
from ui.equipment_card import EquipmentCardView
from ui.tasks import TaskRunner
from ui.visit_window import VisitWindow
from workstation.db import Database
from workstation.models import Ticket, Visit
from workstation.services.auth import SignedInUser
from workstation.services.reference import load_reference_data
from workstation.services.service_sheet import SheetInput, record_sheet

WAIT_MS = 8000
# Yesterday's visit, 09:00–11:00 UTC: the booked times are past, so the form is valid as filled.
BOOKED = (datetime.now(UTC) - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Job:
    visit_id: int
    ticket_id: int
    device: int
    engineer: SignedInUser
    agent: SignedInUser


@pytest.fixture
def job(db: Database) -> Job:
    load_reference_data(db)
    customer = add_customer(db)
    device = add_equipment(db, customer, serial="SN-WIN-0001")
    engineer = add_worker(db, "王工")
    ticket = add_planned_ticket(
        db,
        customer,
        add_office_plan(db),
        BOOKED - timedelta(days=1),
        status="assigned",
        assignee_id=engineer.id,
        equipment_id=device,
    )
    visit = add_visit(
        db,
        customer,
        BOOKED,
        engineer_id=engineer.id,
        ticket_id=ticket,
        equipment_id=device,
        checklist=("检查定影器", "打印测试页"),
    )
    return Job(visit, ticket, device, engineer, add_desk_user(db, "agent1", "agent"))


@pytest.fixture
def window(qtbot: QtBot, db: Database, runner: TaskRunner, job: Job) -> Iterator[VisitWindow]:
    widget = VisitWindow(db=db, runner=runner, user=job.engineer, visit_id=job.visit_id)
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.detail is not None, timeout=WAIT_MS)
    yield widget
    runner.shutdown()
    QApplication.processEvents()


def _fill(qtbot: QtBot, window: VisitWindow) -> None:
    """As the engineer types it: 09:10–10:40, work, fixed, 12.5 km, confirmed by 李经理."""
    start = QDateTime.fromSecsSinceEpoch(int((BOOKED + timedelta(minutes=10)).timestamp()))
    window.arrived.setDateTime(start)
    window.departed.setDateTime(start.addSecs(90 * 60))
    window.work_done.setPlainText("更换定影组件，测试正常")
    window.result.setCurrentIndex(window.result.findData("fixed"))
    window.root_cause.setText("定影组件老化")
    window.travel_km.setValue(12.5)
    window.confirmed_by.setText("李经理")


def test_the_window_shows_the_visit_and_previews_the_cost_live(
    qtbot: QtBot, window: VisitWindow, job: Job
) -> None:
    facts = {key: value.text() for key, (_caption, value) in window.fact_labels.items()}
    assert facts["customer"] == "上海精密仪器有限公司"
    assert "SN-WIN-0001" in facts["device"]
    assert facts["engineer"] == "王工"
    assert facts["ticket"].startswith("SR-2026-")
    assert facts["fault"] == "打印机卡纸"
    assert facts["checklist"] == "☐ 检查定影器\n☐ 打印测试页"
    assert window.number.text() == f"V-{job.visit_id:06d}"
    # The form starts from the booking: 2 hours on site, nothing travelled.
    assert window.cost_labels["total"][1].text() == "300.00"
    _fill(qtbot, window)
    assert window.cost_labels["labour"][1].text() == "90 min × 150.00 per hour = 225.00"
    assert window.cost_labels["travel"][1].text() == "12.5 km × 2.00 per km = 25.00"
    assert window.cost_labels["total"][1].text() == "250.00"
    cost = window.preview_cost()
    assert cost is not None and cost.total == Decimal("250.00")


def test_advice_is_asked_only_for_customer_misuse(qtbot: QtBot, window: VisitWindow) -> None:
    window.result.setCurrentIndex(window.result.findData("fixed"))
    assert not window.advice.isEnabled() and not window.new_serial.isEnabled()
    window.result.setCurrentIndex(window.result.findData("customer_misuse"))
    assert window.advice.isEnabled()
    window.result.setCurrentIndex(window.result.findData("unit_replaced"))
    assert window.new_serial.isEnabled() and not window.advice.isEnabled()


def test_save_records_the_sheet_and_resolves_the_ticket(
    qtbot: QtBot, window: VisitWindow, db: Database, job: Job
) -> None:
    _fill(qtbot, window)
    with qtbot.waitSignal(window.saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].cost.total == Decimal("250.00")
    assert "is resolved" in window.status_line.text()
    qtbot.waitUntil(
        lambda: window.detail is not None and window.detail.status == "completed",
        timeout=WAIT_MS,
    )
    assert not window.save_button.isEnabled() and not window.work_done.isEnabled()
    assert window.work_done.toPlainText() == "更换定影组件，测试正常"
    assert window.cost_labels["total"][1].text() == "250.00"
    with db.session() as session:
        assert session.scalar(select(Ticket.status).where(Ticket.id == job.ticket_id)) == (
            "resolved"
        )


def test_a_refused_save_marks_the_fields_and_keeps_what_was_typed(
    qtbot: QtBot, window: VisitWindow, db: Database, job: Job
) -> None:
    _fill(qtbot, window)
    window.work_done.setPlainText("")
    window.confirmed_by.setText("")
    window.result.setCurrentIndex(window.result.findData("customer_misuse"))
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    boxes = window.boxes
    qtbot.waitUntil(lambda: boxes["work_done"].error is not None, timeout=WAIT_MS)
    assert {name for name, box in boxes.items() if box.error is not None} == {
        "work_done",
        "confirmed_by",
        "advice",
    }
    assert boxes["work_done"].message.isVisible()
    assert boxes["work_done"].message.text() == "Required."
    assert "correct the marked fields" in window.status_line.text()
    # Nothing typed is lost, and the visit is still booked.
    assert window.root_cause.text() == "定影组件老化" and window.travel_km.value() == 12.5
    assert window.save_button.isEnabled()
    with db.session() as session:
        assert session.scalar(select(Visit.status).where(Visit.id == job.visit_id)) == "booked"
    # Departure before arrival is refused at the departure.
    window.advice.setPlainText("请使用原装耗材")
    window.work_done.setPlainText("检查")
    window.confirmed_by.setText("李经理")
    window.departed.setDateTime(window.arrived.dateTime().addSecs(-600))
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: boxes["departed_at"].error is not None, timeout=WAIT_MS)
    assert boxes["departed_at"].message.text() == "Departure must be after arrival."


def test_a_sheet_another_desk_recorded_first_is_a_conflict_and_the_form_stays(
    qtbot: QtBot, window: VisitWindow, db: Database, job: Job
) -> None:
    record_sheet(
        db,
        job.agent,
        job.visit_id,
        1,
        SheetInput(
            BOOKED,
            BOOKED + timedelta(hours=1),
            "电话记录",
            "another_visit",
            confirmed_by="张三",
        ),
    )
    _fill(qtbot, window)
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "another desk" in window.status_line.text(), timeout=WAIT_MS)
    assert "Completed" in window.status_line.text()
    assert window.work_done.toPlainText() == "更换定影组件，测试正常"  # still what was typed
    assert not window.save_button.isEnabled()  # a completed visit takes no second sheet


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_print_and_passport_label_write_their_pdfs(
    qtbot: QtBot, window: VisitWindow, tmp_path: Path, job: Job
) -> None:
    sheet = tmp_path / "sheet.pdf"
    assert window.print_sheet(str(sheet)) == str(sheet)
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True).stdout
    assert f"V-{job.visit_id:06d}" in text and "Work done 维修内容" in text
    label = tmp_path / "label.pdf"
    window.passport_label(str(label))
    qtbot.waitUntil(label.exists, timeout=WAIT_MS)
    text = subprocess.run(["pdftotext", str(label), "-"], capture_output=True, text=True).stdout
    assert "SN-WIN-0001" in text
    assert "Passport label saved" in window.status_line.text()


def test_the_equipment_card_prints_the_passport_label(
    qtbot: QtBot, db: Database, runner: TaskRunner, job: Job, tmp_path: Path
) -> None:
    card = EquipmentCardView(db, runner)
    qtbot.addWidget(card)
    card.show_equipment(job.device)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    assert card.label_button.isEnabled()
    label = tmp_path / "passport.pdf"
    card.passport_label(str(label))
    qtbot.waitUntil(label.exists, timeout=WAIT_MS)
    assert label.stat().st_size > 1000
    runner.shutdown()


@pytest.fixture
def board_reserved(db: Database, job: Job) -> int:
    """A serialised main board reserved for the visit from the warehouse (2 in stock)."""
    from tests.parts_factories import add_location, add_part
    from workstation.services.stock import receive
    from workstation.services.visit_parts import reserve_part

    admin = add_desk_user(db, "root", "admin")
    warehouse = add_location(db, admin, "WH", "warehouse", name="Central warehouse")
    board = add_part(
        db, admin, "MB-7", name_en="Main board", name_zh="主板", price="880.00", serialised=True
    )
    receive(db, admin, warehouse, board, 2, "delivery")
    return reserve_part(db, job.agent, job.visit_id, board, warehouse, 1).id


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_parts_used_go_with_the_sheet_serials_asked_and_printed(
    qtbot: QtBot, db: Database, runner: TaskRunner, job: Job, board_reserved: int, tmp_path: Path
) -> None:
    from ui.parts_used import FITTED, REMOVED, USED

    window = VisitWindow(db=db, runner=runner, user=job.engineer, visit_id=job.visit_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(window.parts_used.lines) == 1, timeout=WAIT_MS)
    table = window.parts_used
    assert table.item(0, USED).text() == "1"  # all of a reservation, unless told otherwise
    qtbot.waitUntil(lambda: "880.00" in window.cost_labels["parts"][1].text(), timeout=WAIT_MS)
    _fill(qtbot, window)

    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Parts, line 1:" in window.status_line.text(), timeout=WAIT_MS)
    assert window.work_done.toPlainText() == "更换定影组件，测试正常"  # nothing typed is lost

    table.item(0, REMOVED).setText("OLD-MB-1")
    table.item(0, FITTED).setText("NEW-MB-9")
    with qtbot.waitSignal(window.saved, timeout=WAIT_MS):
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.detail is not None and len(window.detail.parts) == 1, timeout=WAIT_MS
    )
    assert window.detail.parts[0].fitted_serial == "NEW-MB-9"

    sheet = tmp_path / "sheet.pdf"
    window.print_sheet(str(sheet))
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True).stdout
    assert "MB-7 Main board 主板 × 1" in text and "NEW-MB-9" in text
    assert "Total with parts 含备件合计" in text
    runner.shutdown()
    QApplication.processEvents()
