"""The search panel driven by keyboard, as an agent (and a barcode scanner) would."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

import ui.search_panel as search_panel_module
from tests.factories import (
    CustomerIds,
    add_customer,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from ui.i18n import CHINESE, Translations
from ui.search_panel import SearchPanel, SearchResultsModel
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.device_code import device_payload
from workstation.services.lookup import LookupResult, lookup

WAIT_MS = 5000


@dataclass(frozen=True)
class Desk:
    acme: CustomerIds
    beijing: CustomerIds
    printer: int
    ticket: int
    ticket_number: str


@pytest.fixture
def desk(db: Database) -> Desk:
    with_reference_data(db)
    acme = add_customer(
        db,
        "上海精密仪器有限公司",
        contacts=(("张三", ("138 1234 5678",)), ("李四", ("139 0000 0123",))),
    )
    beijing = add_customer(
        db, "北京华信科技有限公司", tier="vip", contacts=(("王芳", ("010-6552 1234",)),)
    )
    add_customer(db, "上海东方电子有限公司", contacts=(("赵六", ("137 1111 2222",)),))
    printer = add_equipment(db, acme, serial="LP-2020-2024-00001234")
    add_equipment(db, acme, serial="LP-2020-2024-00001299")
    ticket = add_ticket(db, beijing)
    with db.engine.connect() as conn:
        number = conn.execute(
            text("SELECT number FROM tickets WHERE id = :id"), {"id": ticket}
        ).scalar_one()
    return Desk(acme, beijing, printer, ticket, number)


@pytest.fixture
def panel(qtbot: QtBot, db: Database, runner: TaskRunner, desk: Desk) -> Iterator[SearchPanel]:
    widget = SearchPanel(db, runner)
    qtbot.addWidget(widget)
    widget.resize(720, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_search()
    yield widget
    runner.shutdown()
    QApplication.processEvents()


def _titles(panel: SearchPanel) -> list[str]:
    model = panel.model
    return [str(model.data(index)) for index in model.hit_indexes()]


def _type(qtbot: QtBot, panel: SearchPanel, typed: str) -> None:
    """Keys as typed; Chinese characters as a Chinese input method commits them (QTest has
    no key for them), one word at a time."""
    if typed.isascii():
        qtbot.keyClicks(panel.field, typed)
        return
    event = QInputMethodEvent()
    event.setCommitString(typed)
    QApplication.sendEvent(panel.field, event)


def _wait_for(qtbot: QtBot, panel: SearchPanel, title: str) -> None:
    """Until the answer to everything typed so far is shown, and holds `title`."""

    def shown() -> bool:
        answered = panel.result is not None and panel.result.query == panel.field.text()
        return answered and title in _titles(panel)

    qtbot.waitUntil(shown, timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("138 1234 5678", "张三"),
        ("+86-138-1234-5678", "张三"),
        ("0086 138 1234 5678", "张三"),
        ("010-6552 1234", "王芳"),
        ("138 123", "张三"),
        ("5678", "张三"),
        ("zs", "张三"),
        ("wangfang", "王芳"),
        ("张三", "张三"),
        ("精密仪器", "上海精密仪器有限公司"),
        ("lp-2020-2024", "LP-2020-2024-00001234"),
    ],
)
def test_each_kind_of_key_typed_shows_the_caller(
    qtbot: QtBot, panel: SearchPanel, typed: str, title: str
) -> None:
    _type(qtbot, panel, typed)
    _wait_for(qtbot, panel, title)
    assert panel.field.text() == typed


def test_a_ticket_number_shows_the_ticket_with_its_status_and_customer(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, desk.ticket_number[3:])  # "2026-000012": without the SR-
    _wait_for(qtbot, panel, desk.ticket_number)
    index = panel.model.hit_indexes()[0]
    assert panel.model.data(index.siblingAtColumn(1)) == "New · 北京华信科技有限公司"
    assert "Ticket number" in panel.model.data(index.siblingAtColumn(2))


def test_results_are_grouped_with_headers_and_a_vip_badge(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, "华信科技")
    _wait_for(qtbot, panel, "北京华信科技有限公司")
    panel.set_query("wf")
    _wait_for(qtbot, panel, "王芳")
    model = panel.model
    group = model.index(0, 0)
    assert model.data(group) == "Contacts (1)"
    assert not (model.flags(group) & Qt.ItemFlag.ItemIsSelectable)
    hit = model.hit_indexes()[0]
    badge = model.data(hit, Qt.ItemDataRole.DecorationRole)
    assert isinstance(badge, QPixmap) and not badge.isNull()
    assert model.data(hit.siblingAtColumn(2)) == "Pinyin: wf"
    assert panel.status.text() == "1 match · Enter opens it"


def test_arrows_move_through_the_hits_and_enter_opens_the_chosen_customer(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, "上海")
    qtbot.waitUntil(lambda: len(_titles(panel)) == 2, timeout=WAIT_MS)
    assert panel.status.text() == "2 matches · ↓ to choose, Enter to open"
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    first, second = panel.model.hit_indexes()
    assert panel.view.currentIndex().siblingAtColumn(0) == first
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.view.currentIndex().siblingAtColumn(0) == second
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # the last hit stays chosen
    assert panel.view.currentIndex().siblingAtColumn(0) == second
    chosen = panel.model.hit(second)
    assert chosen is not None
    with qtbot.waitSignal(panel.customer_chosen, timeout=WAIT_MS) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [chosen.id, 0]
    # Up from the first hit, or Esc, goes back to the field.
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    assert panel.field.hasFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)
    assert panel.field.hasFocus() and panel.field.selectedText() == "上海"


def test_the_cursor_steps_over_group_headers_into_the_next_group(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, "0123")  # 李四's last digits and a ticket's number could both match
    _wait_for(qtbot, panel, "李四")
    add_ticket_hits = panel.model.hit_indexes()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    for expected in add_ticket_hits[1:]:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
        assert panel.view.currentIndex().siblingAtColumn(0) == expected
        assert not panel.model.is_group(panel.view.currentIndex())


def test_enter_on_a_contact_opens_its_customer_with_the_contact(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, "5678")
    _wait_for(qtbot, panel, "张三")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.customer_chosen, timeout=WAIT_MS) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Enter)
    assert opened.args == [desk.acme.customer_id, desk.acme.contact_ids[0]]


def test_enter_in_the_field_opens_the_first_ticket_hit(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, desk.ticket_number)
    _wait_for(qtbot, panel, desk.ticket_number)
    with qtbot.waitSignal(panel.ticket_chosen, timeout=WAIT_MS) as opened:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert opened.args == [desk.ticket, desk.beijing.customer_id]


def test_a_scanned_serial_and_enter_open_the_device_at_once(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    with qtbot.waitSignal(panel.equipment_chosen, timeout=WAIT_MS) as opened:
        qtbot.keyClicks(panel.field, "lp-2020-2024-00001234")
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)  # before any answer came back
    assert opened.args == [desk.printer]
    # Only once, although both the serial check and the search answer afterwards.
    with qtbot.assertNotEmitted(panel.equipment_chosen, wait=300):
        qtbot.waitUntil(lambda: panel.result is not None, timeout=WAIT_MS)


def test_a_scanned_device_qr_code_and_enter_open_the_device_once(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    """The passport label's code, typed by the scanner key by key, then Enter."""
    with qtbot.waitSignal(panel.equipment_chosen, timeout=WAIT_MS) as opened:
        qtbot.keyClicks(panel.field, device_payload("LP-2020-2024-00001234"))
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert opened.args == [desk.printer]
    with qtbot.assertNotEmitted(panel.equipment_chosen, wait=300):
        qtbot.waitUntil(lambda: panel.result is not None, timeout=WAIT_MS)
    assert _titles(panel) == ["LP-2020-2024-00001234"]


def test_a_pasted_device_qr_code_opens_the_device_without_enter(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    QApplication.clipboard().setText(device_payload("LP-2020-2024-00001234"))
    with qtbot.waitSignal(panel.equipment_chosen, timeout=WAIT_MS) as opened:
        panel.field.paste()
    assert opened.args == [desk.printer]
    with qtbot.assertNotEmitted(panel.equipment_chosen, wait=300):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)  # already open: not a second time


def test_a_device_qr_code_of_an_unknown_serial_opens_nothing(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, "SDW:EQ:LP-2020-2024")  # only the beginning of two serials
    qtbot.waitUntil(
        lambda: panel.result is not None and panel.result.query == panel.field.text(),
        timeout=WAIT_MS,
    )
    assert len(_titles(panel)) == 2
    with qtbot.assertNotEmitted(panel.equipment_chosen, wait=300):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)


def test_enter_after_the_results_of_a_serial_opens_the_device(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, "LP-2020-2024-00001234")
    _wait_for(qtbot, panel, "LP-2020-2024-00001234")
    with qtbot.waitSignal(panel.equipment_chosen, timeout=WAIT_MS) as opened:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert opened.args == [desk.printer]


def test_a_late_answer_to_an_older_query_never_replaces_the_newer_one(
    qtbot: QtBot, panel: SearchPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_for_the_first(db: Database, query: str, limit: int = 20) -> LookupResult:
        if query == "zs":
            release.wait(WAIT_MS / 1000)
        return lookup(db, query, limit)

    monkeypatch.setattr(search_panel_module, "lookup", slow_for_the_first)
    panel.set_query("zs")
    panel.set_query("wf")
    _wait_for(qtbot, panel, "王芳")
    release.set()
    qtbot.wait(300)  # the slow answer arrives now, and is dropped
    assert _titles(panel) == ["王芳"]
    assert panel.result is not None and panel.result.query == "wf"


def test_fast_typing_is_searched_far_fewer_times_than_keys_pressed(
    qtbot: QtBot, panel: SearchPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def counting(db: Database, query: str, limit: int = 20) -> LookupResult:
        asked.append(query)
        return lookup(db, query, limit)

    monkeypatch.setattr(search_panel_module, "lookup", counting)
    _type(qtbot, panel, "shanghaijingmi")
    qtbot.waitUntil(
        lambda: panel.result is not None and panel.result.query == "shanghaijingmi",
        timeout=WAIT_MS,
    )
    assert _titles(panel) == ["上海精密仪器有限公司"]
    assert len(asked) < len("shanghaijingmi")


def test_no_match_says_so_and_escape_clears_the_field(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    _type(qtbot, panel, "xqzv")
    qtbot.waitUntil(lambda: panel.status.text() == "No match for “xqzv”", timeout=WAIT_MS)
    assert panel.model.rowCount() == 0
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert panel.field.text() == ""
    qtbot.waitUntil(lambda: panel.status.text() == "", timeout=WAIT_MS)


def test_the_panel_speaks_chinese_after_a_language_switch(
    qtbot: QtBot, panel: SearchPanel, translations: Translations
) -> None:
    _type(qtbot, panel, "wf")
    _wait_for(qtbot, panel, "王芳")
    translations.switch(CHINESE)
    model = panel.model
    assert model.data(model.index(0, 0)) == "联系人 (1)"
    assert model.data(model.hit_indexes()[0].siblingAtColumn(2)) == "拼音：wf"
    qtbot.waitUntil(lambda: panel.status.text() == "找到 1 条 · 按回车打开", timeout=WAIT_MS)
    assert "电话" in panel.field.placeholderText()
    assert model.headerData(2, Qt.Orientation.Horizontal) == "匹配方式"


def _results(db: Database) -> Callable[[str], LookupResult]:
    return lambda query: lookup(db, query)


def test_the_results_model_obeys_the_model_rules(
    qtmodeltester: Any, db: Database, desk: Desk
) -> None:
    model = SearchResultsModel()
    search = _results(db)
    model.set_result(search("上海"))
    qtmodeltester.check(model)
    model.set_result(search("0123"))
    qtmodeltester.check(model)
    model.set_result(None)
    qtmodeltester.check(model)
