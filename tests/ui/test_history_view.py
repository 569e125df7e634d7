"""The history view: the first page, the next page when scrolled to the end, kind and date
filters, a ticket opened from its line, words in Chinese."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from tests.factories import (
    add_call,
    add_customer,
    add_desk_user,
    add_ticket,
    add_ticket_event,
    with_reference_data,
)
from ui.history_view import HistoryView
from ui.i18n import CHINESE, Translations
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.admin_codes import (
    WrapUpInput,
    save_wrap_up_code,
    set_wrap_up_code_active,
)

START = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


def _long_history(db: Database) -> int:
    """40 tickets a day apart, each with its call and a status change: 120 entries."""
    with_reference_data(db)
    customer = add_customer(db, "深圳南山医院")
    for day in range(40):
        at = START + timedelta(days=day)
        ticket = add_ticket(db, customer, reported_at=at)
        add_call(db, customer, started_at=at - timedelta(minutes=5), ended_at=at, ticket_id=ticket)
        add_ticket_event(
            db,
            ticket,
            "status_changed",
            at + timedelta(hours=3),
            {"from": "new", "to": "in_progress"},
        )
    return customer.customer_id


def _view(qtbot: QtBot, db: Database, runner: TaskRunner) -> HistoryView:
    view = HistoryView(db, runner)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    return view


def test_scrolling_to_the_end_loads_the_next_page(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    customer_id = _long_history(db)
    view = _view(qtbot, db, runner)

    view.show_customer(customer_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 50, timeout=5000)
    assert view.status.text() == "50 entries shown"
    first = view.model.index(0, 4).data()
    assert first == "Status New → In progress"
    assert view.model.index(0, 1).data() == "Status"

    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 100, timeout=5000)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 120, timeout=5000)
    assert not view.model.canFetchMore()
    times = [view.model.entry(r).at for r in range(120)]
    assert times == sorted(times, reverse=True)


def test_kind_and_date_filters(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    customer_id = _long_history(db)
    view = _view(qtbot, db, runner)
    view.show_customer(customer_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 50, timeout=5000)

    view.kind_filter.setCurrentIndex(view.kind_filter.findData("call"))
    qtbot.waitUntil(lambda: view.status.text() == "40 entries shown", timeout=5000)
    assert {view.model.index(r, 1).data() for r in range(40)} == {"Call"}
    assert "Incoming phone call from 张三" in view.model.index(0, 4).data()

    local_start = START.astimezone()
    view.from_date.setDate(QDate(local_start.year, local_start.month, local_start.day + 10))
    view.to_date.setDate(QDate(local_start.year, local_start.month, local_start.day + 12))
    qtbot.waitUntil(lambda: view.status.text() == "3 entries shown", timeout=5000)

    view.kind_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.status.text() == "9 entries shown", timeout=5000)


def test_a_line_opens_its_ticket_and_speaks_chinese(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    customer_id = _long_history(db)
    view = _view(qtbot, db, runner)
    view.show_customer(customer_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 50, timeout=5000)
    index = view.model.index(0, 0)
    view.table.setFocus()
    view.table.setCurrentIndex(index)

    with qtbot.waitSignal(view.ticket_chosen, timeout=1000) as chosen:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert chosen.args == [view.model.entry(0).ticket_id]

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: view.kind_filter.itemText(0) == "全部", timeout=2000)
    assert view.model.index(0, 1).data() == "状态"
    assert view.model.index(0, 4).data() == "状态 新建 → 处理中"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "时间"
    assert view.status.text() == "显示 50 条记录"


def test_a_call_keeps_the_words_of_its_wrap_up_code_after_it_is_retired(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    created = save_wrap_up_code(
        db, admin, None, WrapUpInput("transferred", "Transferred", "已转合作方")
    )
    code_id = next(w.id for w in created.wrap_up_codes if w.code == "transferred")
    customer = add_customer(db, "深圳南山医院")
    add_call(db, customer, started_at=START, ended_at=START, wrap_up_code="transferred")
    add_call(db, customer, started_at=START - timedelta(days=1), wrap_up_code="follow_up")
    set_wrap_up_code_active(db, admin, code_id, False)
    view = _view(qtbot, db, runner)
    view.show_customer(customer.customer_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    assert "; Transferred" in view.model.index(0, 4).data()
    assert "; follow-up" in view.model.index(1, 4).data()
    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: "已转合作方" in view.model.index(0, 4).data(), timeout=2000)
