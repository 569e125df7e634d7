"""The schedule page's gestures reach the services: a drag books the new place (a warning
is asked about, an overlap refused and the block goes back), the menus open the move and
cancel dialogs, a double click the visit window, the button the engineers' dialog."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import CustomerIds, add_customer, add_desk_user, with_reference_data
from tests.visit_factories import add_engineer, add_visit, region_id
from ui.engineers_dialog import EngineersDialog
from ui.schedule_actions import ScheduleActions
from ui.schedule_page import SchedulePage
from ui.tasks import TaskRunner
from ui.visit_dialogs import CancelVisitDialog, MoveVisitDialog
from workstation.db import Database
from workstation.models import Visit
from workstation.services.auth import SignedInUser

WAIT = 10_000
CENTRE = ZoneInfo("Asia/Shanghai")


def _next_working_day_at(hour: int) -> datetime:
    """10:00 on a Monday–Thursday at least two days ahead (centre time), as UTC."""
    day = datetime.now(CENTRE).date() + timedelta(days=2)
    while day.isoweekday() > 4:
        day += timedelta(days=1)
    return datetime.combine(day, time(hour), CENTRE)


@dataclass(frozen=True)
class Desk:
    page: SchedulePage
    actions: ScheduleActions
    first: SignedInUser
    second: SignedInUser
    customer: CustomerIds
    visit: int  # the first engineer's, 10:00–12:00
    busy: int  # the second engineer's, 14:00–16:00 the same day
    at: datetime


@pytest.fixture
def desk(qtbot: QtBot, db: Database, runner: TaskRunner) -> Iterator[Desk]:
    with_reference_data(db)
    east = region_id(db, "EAST")
    first = add_engineer(db, "eng_a", region=east)
    second = add_engineer(db, "eng_b", region=east)
    customer = add_customer(db, region_id=east)
    at = _next_working_day_at(10)
    visit = add_visit(db, customer, first.id, at, at + timedelta(hours=2))
    busy = add_visit(db, customer, second.id, at + timedelta(hours=4), at + timedelta(hours=6))
    dispatcher = replace(add_desk_user(db, "dispatcher", "supervisor"), region_id=east)
    window = QWidget()
    qtbot.addWidget(window)
    page = SchedulePage(
        db=db, runner=runner, user=dispatcher, clock=lambda: at, interval_ms=50, parent=window
    )
    actions = ScheduleActions(db=db, runner=runner, user=dispatcher, page=page, window=window)
    window.resize(1300, 700)
    window.show()
    qtbot.waitUntil(lambda: page.board.board is not None, timeout=WAIT)
    yield Desk(page, actions, first, second, customer, visit, busy, at)
    actions.close_windows()


def _where(db: Database, visit_id: int) -> tuple[int | None, datetime | None, int]:
    with db.session() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit.engineer_id, visit.starts_at, visit.version


def test_a_drag_onto_a_free_slot_books_it(qtbot: QtBot, db: Database, desk: Desk) -> None:
    later = desk.at + timedelta(hours=4)
    desk.page.move_requested.emit(desk.visit, 1, desk.first.id, later, later + timedelta(hours=2))
    qtbot.waitUntil(lambda: _where(db, desk.visit)[1] == later, timeout=WAIT)
    assert _where(db, desk.visit) == (desk.first.id, later, 2)


def test_a_drag_onto_a_colleagues_visit_is_refused_and_nothing_moves(
    qtbot: QtBot, db: Database, desk: Desk
) -> None:
    clash = desk.at + timedelta(hours=4)
    desk.page.move_requested.emit(desk.visit, 1, desk.second.id, clash, clash + timedelta(hours=2))
    qtbot.waitUntil(lambda: desk.actions.box is not None, timeout=WAIT)
    box = desk.actions.box
    assert box is not None and box.windowTitle() == "Not booked"
    assert "Already booked then" in box.informativeText()
    box.close()
    assert _where(db, desk.visit) == (desk.first.id, desk.at, 1)


def test_a_drag_outside_working_hours_is_asked_about_then_booked(
    qtbot: QtBot, db: Database, desk: Desk
) -> None:
    evening = desk.at + timedelta(hours=9)  # 19:00, after the default 17:30
    desk.page.move_requested.emit(
        desk.visit, 1, desk.first.id, evening, evening + timedelta(hours=1)
    )
    qtbot.waitUntil(lambda: desk.actions.box is not None, timeout=WAIT)
    box = desk.actions.box
    assert box is not None and box.windowTitle() == "Book anyway?"
    assert _where(db, desk.visit)[1] == desk.at  # nothing yet
    box.done(QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: _where(db, desk.visit)[1] == evening, timeout=WAIT)


def test_the_menus_open_the_move_and_cancel_dialogs_and_a_double_click_the_visit(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.page.move_dialog_requested.emit(desk.visit)
    qtbot.waitUntil(lambda: isinstance(desk.actions.dialog, MoveVisitDialog), timeout=WAIT)
    assert desk.actions.dialog is not None
    desk.actions.dialog.close()
    desk.page.cancel_requested.emit(desk.visit)
    qtbot.waitUntil(lambda: isinstance(desk.actions.dialog, CancelVisitDialog), timeout=WAIT)
    desk.actions.dialog.close()

    window = desk.actions.open_visit(desk.visit)
    qtbot.waitUntil(lambda: window.detail is not None, timeout=WAIT)
    assert desk.actions.open_visit(desk.visit) is window  # one window per visit
    desk.page.engineers_button.click()
    qtbot.waitUntil(lambda: isinstance(desk.actions.dialog, EngineersDialog), timeout=WAIT)
    desk.actions.dialog.close()
