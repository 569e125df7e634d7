"""The queue screen: rows by time left, SLA colours, in-place live updates that keep the user's
selection and scroll position, the 30-second tick without reads, filters, two real desks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from tests.factories import with_reference_data
from tests.queue_data import (
    add_client,
    add_person,
    add_queue,
    add_queue_ticket,
    change_ticket,
)
from tests.ui.desk import OpenDesk
from ui.areas import Area
from ui.live import LiveConnection, LiveState
from ui.queue_model import (
    PAUSED_GREY,
    ROW_TINT,
    SLA_CELL,
    SLA_STATE_ROLE,
    TICKET_ID_ROLE,
    Column,
    duration_text,
)
from ui.queue_page import QueuePage
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.services.auth import SignedInUser

H = timedelta(hours=1)
M = timedelta(minutes=1)


class Clock:
    """The page's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def me(db: Database) -> SignedInUser:
    user_id = add_person(db, "张伟", role="agent")
    return SignedInUser(user_id, "zhangwei", "张伟", "agent", None, ())


@pytest.fixture
def make_page(
    qtbot: QtBot, db: Database, runner: TaskRunner, me: SignedInUser, clock: Clock
) -> Iterator[Callable[[], QueuePage]]:
    pages: list[QueuePage] = []

    def make() -> QueuePage:
        page = QueuePage(db=db, runner=runner, user=me, clock=clock, rows_interval_ms=50)
        qtbot.addWidget(page)
        page.resize(1300, 420)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.stop()


def shown(qtbot: QtBot, page: QueuePage) -> QueuePage:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    qtbot.waitUntil(lambda: page.options is not None, timeout=5000)
    return page


def ids(page: QueuePage) -> list[int]:
    return [row.ticket_id for row in page.model.rows]


def text(page: QueuePage, ticket_id: int, column: Column) -> str:
    position = page.model.position_of(ticket_id)
    assert position is not None
    return str(page.model.index(position, column).data())


def brush(page: QueuePage, ticket_id: int, column: Column, role: Qt.ItemDataRole) -> str | None:
    position = page.model.position_of(ticket_id)
    assert position is not None
    value = page.model.index(position, column).data(role)
    return value.color().name() if isinstance(value, QBrush) else None


def ticket_changed(*ticket_ids: int) -> list[Change]:
    now = datetime.now(UTC)
    return [Change(0, now, "ticket", i, "update", None, {}) for i in ticket_ids]


def test_rows_by_time_left_with_their_sla_state_colours_and_words(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], clock: Clock
) -> None:
    first = add_queue(db, "First line")
    vip = add_client(db, "中国银行上海分行", tier="vip")
    std = add_client(db, "北京小店")
    now = clock.now
    on_track = add_queue_ticket(db, std, now=now, left=6 * H, queue_id=first)
    at_risk = add_queue_ticket(db, vip, now=now, left=1 * H + 30 * M, queue_id=first)
    breached = add_queue_ticket(db, std, now=now, left=-35 * M, queue_id=first, priority="P1")
    paused = add_queue_ticket(
        db, vip, now=now, left=2 * H, paused_ago=H, status="waiting_customer", queue_id=first
    )
    page = shown(qtbot, make_page())

    assert ids(page) == [breached, at_risk, on_track, paused]
    assert text(page, at_risk, Column.CUSTOMER) == "中国银行上海分行 · VIP"
    assert text(page, at_risk, Column.ASSIGNEE) == "Unassigned"
    assert text(page, paused, Column.STATUS) == "Waiting for customer"
    assert [text(page, t, Column.TIME_LEFT) for t in (breached, at_risk, on_track, paused)] == [
        "\u221235 min",
        "1 h 30 min",
        "6 h 0 min",
        "3 h 0 min (paused)",
    ]
    assert [text(page, t, Column.SLA) for t in (breached, at_risk, on_track, paused)] == [
        "Breached",
        "At risk",
        "On track",
        "Paused",
    ]
    background = Qt.ItemDataRole.BackgroundRole
    foreground = Qt.ItemDataRole.ForegroundRole
    assert brush(page, at_risk, Column.NUMBER, background) == ROW_TINT["at_risk"]
    assert brush(page, at_risk, Column.SLA, background) == SLA_CELL["at_risk"][1]
    assert brush(page, breached, Column.NUMBER, background) == ROW_TINT["breached"]
    assert brush(page, breached, Column.SLA, background) == SLA_CELL["breached"][1]
    assert brush(page, on_track, Column.NUMBER, background) is None
    assert brush(page, paused, Column.CUSTOMER, foreground) == PAUSED_GREY
    sla = page.model.index(page.model.position_of(breached) or 0, Column.SLA)
    assert sla.data(Qt.ItemDataRole.FontRole).bold()
    assert page.count_texts() == [
        "All queues · 4 open · unassigned 4 · at risk 1 · breached 1",
        "First line · 4 open · unassigned 4 · at risk 1 · breached 1",
    ]
    assert page.shown_label.text() == "Tickets: 4"


def test_duration_words() -> None:
    assert duration_text(timedelta(minutes=135)) == "2 h 15 min"
    assert duration_text(timedelta(seconds=-30)) == "\u22121 min"
    assert duration_text(timedelta(seconds=59)) == "< 1 min"
    assert duration_text(timedelta(days=2, hours=3, minutes=5)) == "2 d 3 h"
    assert duration_text(-timedelta(hours=1, minutes=5)) == "\u22121 h 5 min"


def test_another_desks_changes_update_rows_in_place_keeping_selection_and_scroll(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], clock: Clock
) -> None:
    customer = add_client(db)
    engineer = add_person(db, "李工")
    tickets = [
        add_queue_ticket(db, customer, now=clock.now, left=(i + 1) * 10 * M) for i in range(60)
    ]
    page = shown(qtbot, make_page())
    assert ids(page) == tickets
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))

    chosen = tickets[30]
    page.table.selectRow(30)
    page.table.scrollTo(page.model.index(30, 0))
    scroll = page.table.verticalScrollBar()
    assert scroll.value() > 0
    where = scroll.value()

    # Another desk: one ticket assigned (stays in place), one's deadline pushed out (moves
    # down past the chosen row), one resolved (leaves), and a new urgent ticket arrives.
    change_ticket(db, tickets[5], assignee_id=engineer, status="assigned")
    change_ticket(db, tickets[2], resolution_due_at=clock.now + 20 * H)
    change_ticket(db, tickets[10], status="resolved")
    urgent = add_queue_ticket(db, customer, now=clock.now, left=15 * M)
    page.on_changes(ticket_changed(tickets[5], tickets[2], tickets[10], urgent))

    qtbot.waitUntil(lambda: page.model.position_of(urgent) is not None, timeout=5000)
    assert text(page, tickets[5], Column.ASSIGNEE) == "李工"
    assert text(page, tickets[5], Column.STATUS) == "Assigned"
    assert page.model.position_of(tickets[10]) is None
    assert page.model.position_of(urgent) == 1  # between the 10 and 20 minute tickets
    assert ids(page)[-1] == tickets[2]
    assert page.selected_ticket_id() == chosen
    assert page.table.currentIndex().data(TICKET_ID_ROLE) == chosen
    assert scroll.value() == where
    assert not resets
    assert page.shown_label.text() == "Tickets: 60"


def test_a_burst_of_changes_is_read_in_few_queries(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], clock: Clock
) -> None:
    customer = add_client(db)
    tickets = [add_queue_ticket(db, customer, now=clock.now, left=(i + 1) * H) for i in range(20)]
    page = shown(qtbot, make_page())
    before = page.reads
    for ticket in tickets:
        change_ticket(db, ticket, priority="P1")
        page.on_changes(ticket_changed(ticket))
    qtbot.waitUntil(
        lambda: all(text(page, t, Column.PRIORITY) == "P1" for t in tickets), timeout=5000
    )
    # Rows: the first read at once, the rest folded; counts likewise.
    assert page.reads - before <= 6


def test_the_tick_moves_a_row_into_at_risk_then_breached_without_reading(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], clock: Clock
) -> None:
    customer = add_client(db)
    ticket = add_queue_ticket(db, customer, now=clock.now, left=3 * H)  # at risk at 2 h left
    page = shown(qtbot, make_page())
    assert text(page, ticket, Column.SLA) == "On track"
    reads = page.reads
    repainted: list[tuple[int, int]] = []
    page.model.dataChanged.connect(lambda a, b, _r: repainted.append((a.column(), b.column())))

    clock.now += 61 * M
    page.tick()
    assert text(page, ticket, Column.SLA) == "At risk"
    assert text(page, ticket, Column.TIME_LEFT) == "1 h 59 min"
    assert brush(page, ticket, Column.NUMBER, Qt.ItemDataRole.BackgroundRole) == ROW_TINT["at_risk"]
    assert repainted[0] == (Column.TIME_LEFT, Column.SLA)

    clock.now += 2 * H
    page.tick()
    assert page.model.index(0, 0).data(SLA_STATE_ROLE) == "breached"
    assert text(page, ticket, Column.TIME_LEFT) == "\u22121 min"
    assert page.reads == reads


def test_filters_for_me_and_unassigned(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], me: SignedInUser, clock: Clock
) -> None:
    customer = add_client(db)
    other = add_person(db, "李工")
    mine = add_queue_ticket(db, customer, now=clock.now, assignee_id=me.id, status="assigned")
    theirs = add_queue_ticket(db, customer, now=clock.now, assignee_id=other, status="assigned")
    nobody = add_queue_ticket(db, customer, now=clock.now)
    page = shown(qtbot, make_page())
    assert set(ids(page)) == {mine, theirs, nobody}

    combo = page.assignee_filter
    with qtbot.waitSignal(page.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData("me"))
    assert ids(page) == [mine]
    with qtbot.waitSignal(page.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData("unassigned"))
    assert ids(page) == [nobody]
    # Another desk takes it: it leaves the unassigned view.
    change_ticket(db, nobody, assignee_id=other, status="assigned")
    page.on_changes(ticket_changed(nobody))
    qtbot.waitUntil(lambda: ids(page) == [], timeout=5000)
    assert page.empty_label.isVisibleTo(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData(other))
    assert set(ids(page)) == {theirs, nobody}


def test_enter_and_double_click_open_the_ticket(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], clock: Clock
) -> None:
    customer = add_client(db)
    ticket = add_queue_ticket(db, customer, now=clock.now)
    page = shown(qtbot, make_page())
    page.table.setFocus()
    page.table.selectRow(0)
    with qtbot.waitSignal(page.ticket_activated, timeout=1000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [ticket]
    rect = page.table.visualRect(page.model.index(0, Column.CUSTOMER))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.ticket_activated, timeout=1000) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ticket]


def test_header_click_sorts_and_live_rows_land_in_that_order(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], clock: Clock
) -> None:
    b = add_client(db, "B 公司")
    a = add_client(db, "A 公司")
    t_b = add_queue_ticket(db, b, now=clock.now, left=H)
    t_a = add_queue_ticket(db, a, now=clock.now, left=2 * H)
    page = shown(qtbot, make_page())
    page.table.selectRow(0)
    page.table.horizontalHeader().setSortIndicator(Column.CUSTOMER, Qt.SortOrder.AscendingOrder)
    assert ids(page) == [t_a, t_b]
    assert page.selected_ticket_id() == t_b
    c = add_client(db, "AA 公司")
    t_c = add_queue_ticket(db, c, now=clock.now, left=3 * H)
    page.on_changes(ticket_changed(t_c))
    qtbot.waitUntil(lambda: ids(page) == [t_a, t_c, t_b], timeout=5000)
    assert page.selected_ticket_id() == t_b


def test_two_desks_through_the_real_live_connection(
    qtbot: QtBot,
    db: Database,
    live: LiveConnection,
    make_page: Callable[[], QueuePage],
    clock: Clock,
) -> None:
    """Desk B's page follows the real change feed while desk A (another thread, its own
    sessions) changes and creates tickets."""
    customer = add_client(db)
    engineer = add_person(db, "李工")
    ticket = add_queue_ticket(db, customer, now=clock.now, left=5 * H)
    page = shown(qtbot, make_page())
    live.changes.connect(page.on_changes)
    live.start()
    qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
    page.table.selectRow(0)

    created: list[int] = []

    def desk_a() -> None:
        change_ticket(db, ticket, assignee_id=engineer, status="in_progress")
        created.append(add_queue_ticket(db, customer, now=clock.now, left=-5 * M))

    worker = threading.Thread(target=desk_a)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(ids(page)) == 2, timeout=5000)
    qtbot.waitUntil(lambda: text(page, ticket, Column.STATUS) == "In progress", timeout=5000)
    assert ids(page) == [created[0], ticket]
    assert text(page, created[0], Column.SLA) == "Breached"
    assert page.selected_ticket_id() == ticket
    qtbot.waitUntil(lambda: page.counts and page.counts[0].breached == 1, timeout=5000)


def test_the_queue_area_of_the_main_window(qtbot: QtBot, open_desk: OpenDesk, db: Database) -> None:
    with_reference_data(db)  # the customer card needs the default SLA plan
    customer = add_client(db, "上海精密仪器有限公司")
    add_queue_ticket(db, customer)
    _desk, window = open_desk("agent")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area is Area.QUEUE
    page = window.queue
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.take_next_button.text() == "Take next ticket"
    assert page.take_next_button.isEnabled()
    # Ctrl+F: the filter bar.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.queue_filter.hasFocus()
    # Opening a row opens the ticket's window.
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    ticket_id = page.model.row_at(0).ticket_id
    assert ticket_id in window.ticket_views
    view = window.ticket_views[ticket_id]
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    view.close()
    # Take next from the queue's button: the ticket becomes mine, live.
    page.take_next_button.click()
    qtbot.waitUntil(lambda: page.model.row_at(0).assignee_name == "张伟", timeout=5000)


def test_after_a_reconnect_the_page_is_read_again_and_merged_in_place(
    qtbot: QtBot, db: Database, make_page: Callable[[], QueuePage], clock: Clock
) -> None:
    """Changes made while this desk was away (no feed): the page catches up without a reset."""
    customer = add_client(db)
    engineer = add_person(db, "李工")
    tickets = [add_queue_ticket(db, customer, now=clock.now, left=(i + 1) * H) for i in range(5)]
    page = shown(qtbot, make_page())
    page.table.selectRow(3)
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    change_ticket(db, tickets[0], status="resolved")
    change_ticket(db, tickets[1], assignee_id=engineer, status="assigned")
    added = add_queue_ticket(db, customer, now=clock.now, left=-H)
    page.on_live()
    qtbot.waitUntil(lambda: ids(page) == [added, *tickets[1:]], timeout=5000)
    assert text(page, tickets[1], Column.ASSIGNEE) == "李工"
    assert page.selected_ticket_id() == tickets[3]
    assert not resets
    qtbot.waitUntil(lambda: bool(page.counts) and page.counts[0].breached == 1, timeout=5000)
