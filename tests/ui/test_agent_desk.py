"""The agent desk through the real main window, by keyboard, as an agent works a call."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.factories import CustomerIds, add_customer, add_equipment, with_reference_data
from tests.ui.desk import OpenDesk, sign_in_through_dialog
from ui.main_window import MainWindow
from workstation.db import Database
from workstation.models import Call, Ticket, TicketCounter

WAIT_MS = 5000


@dataclass(frozen=True)
class Shop:
    customer: CustomerIds
    device: int


@pytest.fixture
def shop(db: Database) -> Shop:
    with_reference_data(db)
    with db.session() as session:
        session.add(TicketCounter(year=2026, last_number=500_000))  # past tests.factories' numbers
        session.commit()
    customer = add_customer(
        db, "上海精密仪器有限公司", tier="vip", contacts=(("张三", ("138 1234 5678",)),)
    )
    device = add_equipment(db, customer, serial="LP-2020-7777")
    add_customer(db, "北京华信科技有限公司", contacts=(("王芳", ("010-6552 1234",)),))
    return Shop(customer, device)


def type_in(widget: QWidget, text: str) -> None:
    """Chinese text as an input method commits it (QTest has no keys for it)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def ctrl(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, Qt.KeyboardModifier.ControlModifier)


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_scanned_serial_opens_the_device_and_ctrl_n_logs_a_call_on_it(
    qtbot: QtBot, open_desk: OpenDesk, db: Database, shop: Shop
) -> None:
    _desk, window = open_desk("agent")
    desk = window.agent_desk
    window.navigation.setFocus()  # focus anywhere: Ctrl+K finds the search field
    ctrl(qtbot, window, Qt.Key.Key_K)
    assert QApplication.focusWidget() is desk.search.field
    qtbot.keyClicks(desk.search.field, "lp-2020-7777")  # a scanner types fast, then Enter
    qtbot.keyClick(desk.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.cards.currentWidget() is desk.equipment_card, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: desk.equipment_card.card is not None, timeout=WAIT_MS)
    card = desk.equipment_card.card
    assert card is not None and card.serial == "LP-2020-7777"

    ctrl(qtbot, window, Qt.Key.Key_N)
    form = desk.call_form
    assert form.isVisible() and form.width() >= form.minimumSizeHint().width()
    assert desk.search.width() == 0  # folded away while typing at 1200 px; Ctrl+K unfolds it
    qtbot.waitUntil(lambda: form.serial.currentText() == "LP-2020-7777", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: form.product_model.currentData() is not None, timeout=WAIT_MS)
    form.phone.setFocus()
    qtbot.keyClicks(form.phone, "138 1234 5678")
    type_in(form.caller_name, "张三")
    type_in(form.description, "卡纸，面板显示 E-0213")
    form.severity.setCurrentIndex(form.severity.findData("minor"))
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        qtbot.keyClick(form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    number = saved.args[0].ticket_number
    assert number.startswith("SR-2026-5")
    assert count(db, Ticket) == 1 and count(db, Call) == 1

    # The device's history shows the new ticket without a refresh.
    history = desk.equipment_card.history.model
    qtbot.waitUntil(
        lambda: any(
            history.entry(row).ticket_number == number for row in range(history.rowCount())
        ),
        timeout=WAIT_MS,
    )


def test_the_last_digits_of_a_phone_find_the_caller_and_arrow_keys_open_the_card(
    qtbot: QtBot, open_desk: OpenDesk, shop: Shop
) -> None:
    _desk, window = open_desk("agent")
    desk = window.agent_desk
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is desk.search.field
    qtbot.keyClicks(desk.search.field, "5678")
    qtbot.waitUntil(
        lambda: (
            desk.search.result is not None
            and desk.search.result.query == "5678"
            and bool(desk.search.result.hits)
        ),
        timeout=WAIT_MS,
    )
    qtbot.keyClick(desk.search.field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is desk.search.view
    qtbot.keyClick(desk.search.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.customer_card.card is not None, timeout=WAIT_MS)
    card = desk.customer_card.card
    assert card is not None and card.name == "上海精密仪器有限公司" and card.tier == "vip"

    ctrl(qtbot, window, Qt.Key.Key_N)  # the call knows the customer and the contact found
    form = desk.call_form
    qtbot.waitUntil(lambda: form.caller_name.text() == "张三", timeout=WAIT_MS)
    assert form.contact.currentData() == shop.customer.contact_ids[0]


def test_a_screen_pop_opens_the_callers_card_and_starts_the_call(
    qtbot: QtBot, open_desk: OpenDesk, shop: Shop
) -> None:
    workstation, window = open_desk("agent")
    desk = window.agent_desk
    workstation.handle_message({"command": "pop", "phone": "+86 138-1234-5678", "call_id": "c-1"})
    qtbot.waitUntil(lambda: desk.customer_card.card is not None, timeout=WAIT_MS)
    assert desk.customer_card.card is not None
    assert desk.customer_card.card.id == shop.customer.customer_id
    form = desk.call_form
    assert form.isVisible()
    qtbot.waitUntil(lambda: form.caller_name.text() == "张三", timeout=WAIT_MS)
    assert form.current_form().external_call_id == "c-1"

    # Another call comes in while this one is being typed: the agent is asked first.
    type_in(form.description, "投诉：上次维修后仍有异响")
    workstation.handle_message({"command": "pop", "phone": "021 5555 0000"})
    qtbot.waitUntil(lambda: desk.unsaved_question is not None, timeout=WAIT_MS)
    question = desk.unsaved_question
    assert question is not None and question.isVisible()
    assert form.description.toPlainText() == "投诉：上次维修后仍有异响"
    new_call = next(
        b for b in question.buttons() if question.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    new_call.click()
    # An unknown number: a call for a new caller, the number filled in; the first call kept.
    qtbot.waitUntil(lambda: form.phone.text() == "021 5555 0000", timeout=WAIT_MS)
    assert form.description.toPlainText() == ""
    assert desk.cards.currentWidget() is desk.hint
    kept = window.drafts.load_all()
    assert [d.data["form"]["description"] for d in kept] == ["投诉：上次维修后仍有异响"]


def test_a_call_typed_when_the_desk_went_away_is_offered_back_at_the_next_sign_in(
    qtbot: QtBot, open_desk: OpenDesk, shop: Shop
) -> None:
    workstation, window = open_desk("agent")
    desk = window.agent_desk
    desk.show_customer(shop.customer.customer_id, shop.customer.contact_ids[0])
    ctrl(qtbot, window, Qt.Key.Key_N)
    form = desk.call_form
    qtbot.waitUntil(lambda: form.caller_name.text() == "张三", timeout=WAIT_MS)
    type_in(form.description, "设备无法开机")
    window.sign_out_action.trigger()  # (a crash keeps the draft written while typing, too)
    qtbot.waitUntil(workstation.sign_in_dialog.isVisible, timeout=2000)

    again = sign_in_through_dialog(qtbot, workstation, "zhangwei")
    offer = again.findChild(QMessageBox, "draftOffer")
    qtbot.waitUntil(lambda: again.findChild(QMessageBox, "draftOffer") is not None, timeout=WAIT_MS)
    offer = again.findChild(QMessageBox, "draftOffer")
    assert offer is not None and "张三" in offer.informativeText()
    assert "设备无法开机" in offer.informativeText()
    restore = next(
        b for b in offer.buttons() if offer.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    restore.click()
    restored = again.agent_desk.call_form
    qtbot.waitUntil(lambda: restored.isVisible(), timeout=WAIT_MS)
    assert restored.description.toPlainText() == "设备无法开机"
    qtbot.waitUntil(lambda: restored.caller_name.text() == "张三", timeout=WAIT_MS)
    assert restored.current_form().customer_id == shop.customer.customer_id


def test_unsaved_calls_says_when_there_are_none(qtbot: QtBot, open_desk: OpenDesk) -> None:
    _desk, window = open_desk("agent")
    box = window.show_unsaved_calls()
    assert box.objectName() == "noUnsavedCalls"
    assert box.text() == "No unsaved calls are kept on this desk."
    box.close()


def test_ctrl_t_takes_the_most_urgent_ticket_and_opens_its_customer(
    qtbot: QtBot, open_desk: OpenDesk, db: Database, shop: Shop
) -> None:
    from tests.factories import add_ticket

    routine = add_ticket(db, shop.customer, priority="P3")
    urgent = add_ticket(db, shop.customer, priority="P1")
    _desk, window = open_desk("agent")
    message = window.status.currentMessage
    window.navigation.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: "is now yours" in message(), timeout=WAIT_MS)
    with db.session() as session:
        number = session.get(Ticket, urgent).number  # type: ignore[union-attr]
    assert message() == f"Ticket {number} (P1) is now yours."
    qtbot.waitUntil(lambda: window.agent_desk.customer_card.card is not None, timeout=WAIT_MS)
    assert window.agent_desk.customer_card.card is not None
    assert window.agent_desk.customer_card.card.id == shop.customer.customer_id
    qtbot.waitUntil(window.take_next_action.isEnabled, timeout=WAIT_MS)
    ctrl(qtbot, window, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: "(P3)" in message(), timeout=WAIT_MS)
    qtbot.waitUntil(window.take_next_action.isEnabled, timeout=WAIT_MS)
    ctrl(qtbot, window, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: message() == "No ticket is waiting for you.", timeout=WAIT_MS)
    with db.session() as session:
        assert {session.get(Ticket, t).status for t in (routine, urgent)} == {"assigned"}  # type: ignore[union-attr]
