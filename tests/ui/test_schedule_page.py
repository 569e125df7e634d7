"""The schedule page with qtbot on a seeded week (tests/ui/schedule_seed.py): blocks, the week
and day views, the region and engineer filters, dragging a block or a "to schedule" row,
the block menu, double click, live refresh from the change feed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from tests.board_factories import add_visit
from tests.factories import add_desk_user
from tests.ui.schedule_seed import NOW, SeededWeek, at, seed_week
from ui.schedule_board_view import BoardView
from ui.schedule_page import SchedulePage
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.schedule_board import VisitBlock

WAIT = 10_000


def _now() -> datetime:
    return NOW


@pytest.fixture
def week(db: Database) -> SeededWeek:
    return seed_week(db, engineers=4)


@pytest.fixture
def dispatcher(db: Database, week: SeededWeek) -> SignedInUser:
    return replace(add_desk_user(db, "dispatcher", "supervisor"), region_id=week.region_id)


@pytest.fixture
def make_page(
    qtbot: QtBot, db: Database, runner: TaskRunner, dispatcher: SignedInUser
) -> Iterator[Callable[..., SchedulePage]]:
    def make(user: SignedInUser | None = None) -> SchedulePage:
        page = SchedulePage(
            db=db, runner=runner, user=user or dispatcher, clock=_now, interval_ms=50
        )
        qtbot.addWidget(page)
        page.resize(1400, 800)
        page.show()
        qtbot.waitUntil(lambda: page.board.board is not None, timeout=WAIT)
        qtbot.waitUntil(lambda: page.region_filter.count() > 1, timeout=WAIT)
        return page

    yield make


def _board(page: SchedulePage) -> BoardView:
    return page.board


def _block(page: SchedulePage, visit_id: int) -> VisitBlock:
    board = page.board.board
    assert board is not None
    return next(b for b in board.blocks if b.id == visit_id)


def _booked_on(page: SchedulePage, engineer_id: int, day: date) -> VisitBlock:
    board = page.board.board
    assert board is not None
    return next(
        b
        for b in board.blocks
        if b.engineer_id == engineer_id
        and b.status == "booked"
        and b.starts_at.astimezone(NOW.tzinfo).date() >= day
        and not b.late
    )


def _mouse(widget: QWidget, kind: QEvent.Type, pos: QPoint, held: bool) -> None:
    left = Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        left if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        left if held else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def _drag(view: BoardView, start: QPoint, end: QPoint) -> None:
    port = view.viewport()
    _mouse(port, QEvent.Type.MouseButtonPress, start, True)
    middle = (start + end) / 2
    _mouse(port, QEvent.Type.MouseMove, QPoint(middle.x(), middle.y()), True)
    _mouse(port, QEvent.Type.MouseMove, end, True)
    _mouse(port, QEvent.Type.MouseButtonRelease, end, False)


def test_the_week_shows_the_engineers_blocks_absences_and_the_list_to_schedule(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    board = page.board.board
    assert board is not None
    assert board.start == date(2026, 11, 23) and board.days == 7
    assert page.range_label.text() == "2026-11-23 – 2026-11-29"
    assert {e.id for e in board.engineers} == set(week.engineers)
    assert {b.id for b in board.blocks} == {*week.visits, week.late_installation, week.late_repair}
    assert len(board.absences) == 2
    for visit_id in week.visits[:10]:
        assert not page.board.block_rect(visit_id).isEmpty()
    late = page.board.block_rect(week.late_installation)
    tip = page.board.tip_at(late.center())
    assert "Late: booked after the delivery date 2026-11-24." in tip
    assert "杭州数码科技股份有限公司" in tip
    assert page.to_schedule_model.rowCount() == 4
    assert page.to_schedule_title.text() == "To schedule (4)"
    assert page.to_schedule_model.visit(0).overdue
    assert page.message.isHidden()
    assert not page.grab().toImage().isNull()


def test_day_view_and_stepping_through_days_and_weeks(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    page.day_button.click()
    qtbot.waitUntil(
        lambda: page.board.board is not None and page.board.board.days == 1, timeout=WAIT
    )
    assert page.board.board is not None and page.board.board.start == date(2026, 11, 25)
    assert page.range_label.text() == "2026-11-25"
    page.next_button.click()
    qtbot.waitUntil(
        lambda: page.board.board is not None and page.board.board.start == date(2026, 11, 26),
        timeout=WAIT,
    )
    assert week.late_installation in {b.id for b in page.board.board.blocks}
    assert not page.board.block_rect(week.late_installation).isEmpty()
    page.week_button.click()
    qtbot.waitUntil(
        lambda: page.board.board is not None and page.board.board.days == 7, timeout=WAIT
    )
    assert page.board.board.start == date(2026, 11, 23)
    page.next_button.click()
    qtbot.waitUntil(
        lambda: page.board.board is not None and page.board.board.start == date(2026, 11, 30),
        timeout=WAIT,
    )
    assert page.board.board.blocks == ()
    page.today_button.click()
    qtbot.waitUntil(
        lambda: page.board.board is not None and page.board.board.start == date(2026, 11, 23),
        timeout=WAIT,
    )


def test_the_region_and_engineer_filters(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    assert page.region_filter.currentData() == week.region_id
    assert page.engineer_filter.count() == 1 + len(week.engineers)
    page.region_filter.setCurrentIndex(page.region_filter.findData(week.other_region_id))
    qtbot.waitUntil(
        lambda: page.board.board is not None and page.board.board.region_id == week.other_region_id,
        timeout=WAIT,
    )
    assert page.board.board.engineers == ()
    assert page.message.isVisible()
    assert page.message.text() == "No engineers to show for this choice."
    assert page.engineer_filter.count() == 1
    assert page.to_schedule_model.rowCount() == 0
    page.region_filter.setCurrentIndex(page.region_filter.findData(week.region_id))
    qtbot.waitUntil(
        lambda: page.board.board is not None and len(page.board.board.engineers) == 4,
        timeout=WAIT,
    )
    engineer = week.engineers[2]
    page.engineer_filter.setCurrentIndex(page.engineer_filter.findData(engineer))
    qtbot.waitUntil(
        lambda: (
            page.board.board is not None
            and [e.id for e in page.board.board.engineers] == [engineer]
        ),
        timeout=WAIT,
    )
    assert {b.engineer_id for b in page.board.board.blocks} == {engineer}
    assert page.message.isHidden()


def test_an_engineer_sees_their_own_row_first(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    me = week.engineers[1]
    page = make_page(SignedInUser(me, "eng1", "王芳", "engineer", week.region_id, ()))
    assert page.board.board is not None
    assert [e.id for e in page.board.board.engineers] == [me]
    assert page.engineer_filter.currentData() == me


def test_dragging_a_block_asks_to_move_it_to_the_engineer_and_quarter_hour_under_the_pointer(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    first, other = week.engineers[0], week.engineers[2]
    block = _booked_on(page, first, date(2026, 11, 25))
    grab = block.starts_at + (block.ends_at - block.starts_at) / 2
    start = page.board.slot_point(first, grab)
    # A day later and 2 h 02 min later, on another engineer's row: the start snaps to 2 h.
    end = page.board.slot_point(other, grab + timedelta(days=1, hours=2, minutes=2))
    with qtbot.waitSignal(page.move_requested, timeout=2000) as moved:
        _drag(page.board, start, end)
    visit_id, version, engineer_id, starts_at, ends_at = moved.args
    assert (visit_id, version, engineer_id) == (block.id, block.version, other)
    assert starts_at == block.starts_at + timedelta(days=1, hours=2)
    assert ends_at - starts_at == block.ends_at - block.starts_at
    assert starts_at.minute % 15 == 0 and starts_at.second == 0
    # It waits, dimmed, at its new place.
    assert page.board.pending[block.id].engineer_id == other
    rect = page.board.block_rect(block.id)
    assert rect.contains(page.board.slot_point(other, starts_at + timedelta(minutes=20)))
    assert "Moving:" in page.board.tip_at(rect.center())
    page.reload()
    qtbot.waitUntil(lambda: not page.board.pending, timeout=WAIT)
    assert page.board.block_rect(block.id).contains(start)


def test_a_short_click_or_a_completed_visit_asks_for_nothing(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    asked: list[tuple[object, ...]] = []
    page.move_requested.connect(lambda *args: asked.append(args))
    done = next(b for b in page.board.board.blocks if b.status == "completed")  # type: ignore[union-attr]
    point = page.board.block_rect(done.id).center()
    _drag(page.board, point, point + QPoint(120, 0))
    booked = _booked_on(page, week.engineers[0], date(2026, 11, 25))
    point = page.board.block_rect(booked.id).center()
    _drag(page.board, point, point + QPoint(1, 0))
    assert asked == []
    assert not page.board.pending


@pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise)\(\)|grabbing the keyboard"
)
def test_the_block_menu_and_double_click(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    block = _booked_on(page, week.engineers[0], date(2026, 11, 25))
    point = page.board.block_rect(block.id).center()
    port = page.board.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, port.mapToGlobal(point))
    QApplication.sendEvent(port, event)
    menu = page.board.menu
    assert isinstance(menu, QMenu)
    actions = {a.objectName(): a for a in menu.actions()}
    assert [a.text() for a in menu.actions()] == ["Open", "Move…", "Cancel visit…"]
    with qtbot.waitSignal(page.move_dialog_requested) as moving:
        actions["moveVisit"].trigger()
    with qtbot.waitSignal(page.cancel_requested) as cancelling:
        actions["cancelVisit"].trigger()
    with qtbot.waitSignal(page.visit_opened) as opening:
        actions["openVisit"].trigger()
    assert moving.args == cancelling.args == opening.args == [block.id]
    menu.close()
    done = next(b for b in page.board.board.blocks if b.status == "completed")  # type: ignore[union-attr]
    point = page.board.block_rect(done.id).center()
    QApplication.sendEvent(
        port, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, port.mapToGlobal(point))
    )
    assert page.board.menu is not menu
    enabled = {a.objectName(): a.isEnabled() for a in page.board.menu.actions()}
    assert enabled == {"openVisit": True, "moveVisit": False, "cancelVisit": False}
    page.board.menu.close()
    with qtbot.waitSignal(page.visit_opened) as opened:
        qtbot.mouseDClick(port, Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [done.id]


def test_dropping_a_row_to_schedule_on_the_board_books_it(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    model = page.to_schedule_model
    row = next(r for r in range(model.rowCount()) if model.visit(r).kind == "inspection")
    visit = model.visit(row)
    data = model.mimeData([model.index(row, 0)])
    assert isinstance(data, QMimeData)
    engineer = week.engineers[3]
    port = page.board.viewport()
    point = page.board.slot_point(engineer, at(14, 7, day=3))
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, data, buttons, keys)
    QApplication.sendEvent(port, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(port, QDragMoveEvent(point, actions, data, buttons, keys))
    with qtbot.waitSignal(page.move_requested, timeout=2000) as moved:
        QApplication.sendEvent(port, QDropEvent(QPointF(point), actions, data, buttons, keys))
    visit_id, version, engineer_id, starts_at, ends_at = moved.args
    assert (visit_id, version, engineer_id) == (visit.id, visit.version, engineer)
    assert starts_at == at(14, 0, day=3)
    assert ends_at - starts_at == timedelta(minutes=visit.duration_minutes)
    assert visit.id not in {model.visit(r).id for r in range(model.rowCount())}
    assert not page.board.block_rect(visit.id).isEmpty()
    # Something that is not a visit to schedule is refused.
    other = QMimeData()
    other.setText("hello")
    refused = QDragEnterEvent(point, actions, other, buttons, keys)
    refused.setAccepted(False)
    QApplication.sendEvent(port, refused)
    assert not refused.isAccepted()


def test_changes_to_visits_absences_and_profiles_refresh_the_board(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek, db: Database
) -> None:
    page = make_page()
    qtbot.wait(100)
    reads = page.board_reads
    page.on_changes([Change(0, NOW, "ticket", 1, "update", None, {})])
    qtbot.wait(200)
    assert page.board_reads == reads
    customer = week.customers[0]
    added = add_visit(
        db,
        customer.customer_id,
        kind="inspection",
        engineer_id=week.engineers[0],
        starts_at=at(19, 0, day=5),
        ends_at=at(20, 0, day=5),
    )
    page.on_changes([Change(0, NOW, "visit", added, "create", None, {})])
    qtbot.waitUntil(
        lambda: page.board.board is not None and added in {b.id for b in page.board.board.blocks},
        timeout=WAIT,
    )
    assert page.board_reads == reads + 1
    page.hide()
    page.on_changes([Change(0, NOW, "engineer_absence", 1, "create", None, {})])
    qtbot.wait(200)
    assert page.board_reads == reads + 1  # hidden: read when shown again
    page.show()
    qtbot.waitUntil(lambda: page.board_reads == reads + 2, timeout=WAIT)


@pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise)\(\)|grabbing the keyboard"
)
def test_the_menu_of_a_row_to_schedule(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    table = page.to_schedule
    first = page.to_schedule_model.visit(0)
    point = table.visualRect(page.to_schedule_model.index(0, 1)).center()
    table.customContextMenuRequested.emit(point)
    menu = page.menu
    assert isinstance(menu, QMenu)
    assert [a.text() for a in menu.actions()] == ["Open", "Book…", "Cancel visit…"]
    actions = {a.objectName(): a for a in menu.actions()}
    with qtbot.waitSignal(page.move_dialog_requested) as booking:
        actions["moveVisit"].trigger()
    with qtbot.waitSignal(page.cancel_requested) as cancelling:
        actions["cancelVisit"].trigger()
    with qtbot.waitSignal(page.visit_opened) as opening:
        actions["openVisit"].trigger()
    assert booking.args == cancelling.args == opening.args == [first.id]
    menu.close()
    tip = page.to_schedule_model.data(
        page.to_schedule_model.index(0, 0), Qt.ItemDataRole.ToolTipRole
    )
    assert "Overdue." in tip and "Drag it onto an engineer's row" in tip


def test_tooltips_of_absences_and_engineers(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek
) -> None:
    page = make_page()
    view = page.board
    leave = view.slot_point(week.engineers[1], at(10, 0, day=2))
    assert view.tip_at(leave).splitlines() == [
        "Leave",
        "2026-11-25 00:00 – 2026-11-27 00:00",
        "年假",
    ]
    name = QPoint(20, view.slot_point(week.engineers[2], at(10, 0)).y())
    tip = view.tip_at(name)
    assert tip.startswith("刘洋\nRegion: 华东")
    assert "Works 08:00–16:30 on Mon Tue Wed Thu Fri Sat" in tip
    assert "Base: 苏州" in tip


def test_a_change_of_users_or_regions_reads_the_filters_again(
    qtbot: QtBot, make_page: Callable[..., SchedulePage], week: SeededWeek, db: Database
) -> None:
    from tests.board_factories import add_engineer

    page = make_page()
    count = page.engineer_filter.count()
    added = add_engineer(db, "newcomer", name="新同事", region_id=week.region_id)
    page.on_changes([Change(0, NOW, "user", added, "create", None, {})])
    qtbot.waitUntil(lambda: page.engineer_filter.count() == count + 1, timeout=WAIT)
    qtbot.waitUntil(
        lambda: (
            page.board.board is not None and added in {e.id for e in page.board.board.engineers}
        ),
        timeout=WAIT,
    )
