"""The fault form as an agent uses it: by keyboard, with errors at the field, drafts, a lost
connection, the duplicate warning, the wrap-up; screenshots in English and Chinese."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func
from sqlalchemy import select as sql_select
from sqlalchemy.engine import URL

from tests.factories import (
    CustomerIds,
    add_customer,
    add_desk_user,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from tests.forwarder import Forwarder
from ui import call_form
from ui.call_form import CallFormView
from ui.i18n import CHINESE, Translations
from ui.tasks import TaskRunner
from workstation.db import Database, sqlite_url
from workstation.drafts import DraftStore
from workstation.models import Call, Ticket, TicketCounter, TicketEvent
from workstation.services.admin_catalog import catalog
from workstation.services.admin_codes import (
    ErrorCodeInput,
    WrapUpInput,
    save_error_code,
    save_wrap_up_code,
    set_error_code_active,
    set_wrap_up_code_active,
)
from workstation.services.auth import SignedInUser


@pytest.fixture
def desk(db: Database) -> tuple[SignedInUser, CustomerIds, int]:
    with_reference_data(db)
    with db.session() as session:
        session.add(TicketCounter(year=2026, last_number=500_000))  # past tests.factories' numbers
        session.commit()
    customer = add_customer(db, tier="vip")
    device = add_equipment(db, customer, serial="LP-2020-7777")
    return add_desk_user(db), customer, device


@pytest.fixture
def forms(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> Iterator[tuple[DraftStore, list[CallFormView]]]:
    store = DraftStore(tmp_path / "drafts")
    made: list[CallFormView] = []
    yield store, made
    for view in made:
        view.shutdown()


def new_form(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    user: SignedInUser,
    forms: tuple[DraftStore, list[CallFormView]],
    *,
    killed_later: bool = False,
) -> CallFormView:
    """A shown form; one `killed_later` is left out of qtbot's and the fixture's clean-up."""
    store, made = forms
    view = CallFormView(db, runner, user, store)
    if not killed_later:
        qtbot.addWidget(view)
        made.append(view)
    view.resize(1100, 820)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    qtbot.waitUntil(lambda: view.product_model.count() > 1, timeout=5000)
    return view


def type_in(widget: QWidget, text: str) -> None:
    """Type as an input method does (QTest cannot send Chinese key presses): a committed string."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def rows(db: Database, model: Any) -> int:
    with db.session() as session:
        return int(session.scalar(sql_select(func.count()).select_from(model)) or 0)


def start_for_device(qtbot: QtBot, view: CallFormView, customer: CustomerIds, device: int) -> None:
    view.start_call(customer.customer_id, customer.contact_ids[0], device, "13812345678")
    qtbot.waitUntil(lambda: view.serial.currentText() == "LP-2020-7777", timeout=5000)
    qtbot.waitUntil(lambda: view.product_model.currentData() is not None, timeout=5000)
    qtbot.waitUntil(lambda: view.caller_name.text() == "张三", timeout=5000)


def test_an_agent_logs_a_call_by_keyboard_and_wraps_it_up(
    qtbot: QtBot, db: Database, runner: TaskRunner, desk: Any, forms: Any
) -> None:
    user, customer, device = desk
    view = new_form(qtbot, db, runner, user, forms)
    start_for_device(qtbot, view, customer, device)
    assert "In warranty" in view.warranty.text() or "warranty" in view.warranty.text()

    view.description.setFocus()
    type_in(view.description, "卡纸，面板显示 E-0213")
    qtbot.keyClick(view.description, Qt.Key.Key_Tab)  # Tab leaves the text, it is not typed
    assert view.description.toPlainText() == "卡纸，面板显示 E-0213"
    assert QApplication.focusWidget() is view.factors["power_cut"]
    qtbot.keyClick(view.factors["power_cut"], Qt.Key.Key_Space)
    view.severity.setFocus()
    qtbot.keyClick(view.severity, Qt.Key.Key_Down)
    qtbot.keyClick(view.severity, Qt.Key.Key_Down)  # (choose) → critical → major
    assert view.severity.currentData() == "major"
    qtbot.keyClick(view.severity, Qt.Key.Key_Escape)  # Esc does not discard anything
    assert view.description.toPlainText() == "卡纸，面板显示 E-0213"

    with qtbot.waitSignal(view.saved, timeout=10_000) as saved:
        qtbot.keyClick(view.severity, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    result = saved.args[0]
    assert result.ticket_number == "SR-2026-500001" or result.ticket_number.startswith("SR-")
    assert result.priority == "P2"  # major × VIP
    assert view.result_banner.isVisible()
    assert result.ticket_number in view.result_text.text() and "P2" in view.result_text.text()
    assert forms[0].load_all() == []  # the draft went away with the save
    with db.session() as session:
        ticket = session.get(Ticket, result.ticket_id)
        assert ticket is not None and ticket.external_factors == ["power_cut"]

    assert QApplication.focusWidget() is view.wrap_up_button
    qtbot.keyClick(view.wrap_up_button, Qt.Key.Key_Space)
    dialog = view.findChild(call_form.WrapUpDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.ready)
    codes = dialog.findChild(QListWidget)
    assert codes is not None and dialog.code() == "ticket_created"
    assert codes.currentItem().text() == "Ticket created"
    assert "Call duration" in dialog.duration.text()
    with qtbot.waitSignal(view.ended, timeout=10_000):
        qtbot.keyClick(codes, Qt.Key.Key_Return)
    with db.session() as session:
        call = session.get(Call, result.call_id)
        assert call is not None and call.wrap_up_code == "ticket_created"
        assert call.ended_at is not None and call.ended_at >= call.started_at


def test_errors_show_at_their_fields_and_keep_what_was_typed(
    qtbot: QtBot, db: Database, runner: TaskRunner, desk: Any, forms: Any
) -> None:
    user, customer, device = desk
    view = new_form(qtbot, db, runner, user, forms)
    start_for_device(qtbot, view, customer, device)
    view.phone.clear()
    qtbot.keyClicks(view.phone, "12345")
    qtbot.keyClicks(view.error_code, "X-99")  # (no completion popup: offscreen cannot show it)
    view.queue_button.click()
    qtbot.waitUntil(lambda: view.field_error("phone") != "", timeout=10_000)
    assert view.field_error("phone") == "Not a valid phone number."
    assert view.field_error("description") == "Required."
    assert view.field_error("severity") == "Required."
    assert view.field_error("caller_name") == ""
    assert view.phone.property("invalid") is True
    assert QApplication.focusWidget() is view.phone  # the first field with a problem
    assert view.phone.text() == "12345" and view.error_code.text() == "X-99"
    assert view.caller_name.text() == "张三"
    assert rows(db, Call) == 0
    assert view.queue_button.isEnabled()


def test_another_customers_serial_asks_for_a_reason(
    qtbot: QtBot, db: Database, runner: TaskRunner, desk: Any, forms: Any
) -> None:
    user, customer, _ = desk
    other = add_customer(db, "北京新华书店", contacts=(("李四", ("13912345678",)),))
    add_equipment(db, other, serial="THEIRS-0001")
    view = new_form(qtbot, db, runner, user, forms)
    view.start_call(customer.customer_id)
    qtbot.waitUntil(lambda: view.contact.count() > 1, timeout=5000)
    view.serial.setFocus()
    qtbot.keyClicks(view.serial, "THEIRS-0001")
    qtbot.waitUntil(lambda: "北京新华书店" in view.serial_hint.text(), timeout=5000)
    assert view.serial_owner_reason.isVisible()


def test_an_open_ticket_on_the_device_is_announced_and_the_call_added_to_it(
    qtbot: QtBot, db: Database, runner: TaskRunner, desk: Any, forms: Any
) -> None:
    user, customer, device = desk
    open_id = add_ticket(db, customer, equipment_id=device)
    with db.session() as session:
        number = session.get(Ticket, open_id).number  # type: ignore[union-attr]
    view = new_form(qtbot, db, runner, user, forms)
    start_for_device(qtbot, view, customer, device)
    qtbot.waitUntil(view.duplicate_banner.isVisible, timeout=5000)
    assert number in view.duplicate_text.text()
    assert number in view.add_to_ticket_button.text()
    type_in(view.description, "客户再次来电催促")
    with qtbot.waitSignal(view.saved, timeout=10_000) as saved:
        view.add_to_ticket_button.click()
    assert saved.args[0].ticket_id == open_id and saved.args[0].outcome == "add_to_ticket"
    assert rows(db, Ticket) == 1
    with db.session() as session:
        kinds = session.scalars(
            sql_select(TicketEvent.kind).where(TicketEvent.ticket_id == open_id)
        ).all()
    assert "call_added" in kinds


def test_a_draft_comes_back_after_the_window_was_killed(
    qtbot: QtBot, db: Database, runner: TaskRunner, desk: Any, forms: Any
) -> None:
    user, customer, device = desk
    store, _made = forms
    first = new_form(qtbot, db, runner, user, forms, killed_later=True)
    start_for_device(qtbot, first, customer, device)
    type_in(first.description, "开机后异响")
    first.factors["moved"].setChecked(True)
    first.severity.setCurrentIndex(first.severity.findData("minor"))
    qtbot.waitUntil(
        lambda: (
            bool(store.load_all())
            and store.load_all()[0].data["form"]["description"] == "开机后异响"
        ),
        timeout=5000,
    )
    expected = first.current_form()
    # The window goes away without saving or shutting down: nothing more is written.
    first.hide()
    first.setParent(None)
    first.deleteLater()
    qtbot.wait(20)

    second = new_form(qtbot, db, runner, user, forms)
    [draft] = second.pending_drafts()
    second.restore_draft(draft.data)
    qtbot.waitUntil(lambda: second.contact.currentData() == customer.contact_ids[0], timeout=5000)
    qtbot.waitUntil(lambda: second.product_model.currentData() is not None, timeout=5000)
    restored = second.current_form()
    assert restored.description == "开机后异响"
    assert restored.external_factors == ("moved",) and restored.severity == "minor"
    assert restored.caller_name == "张三" and restored.phone == "13812345678"
    assert restored.call_started_at == expected.call_started_at
    assert restored.product_model_id == expected.product_model_id
    assert restored.serial == "LP-2020-7777"


def test_a_save_during_a_lost_connection_is_kept_retried_and_lands_once(
    qtbot: QtBot,
    db: Database,
    database_url: URL,
    runner: TaskRunner,
    desk: Any,
    forms: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user, customer, device = desk
    monkeypatch.setattr(call_form, "RETRY_EVERY_MS", 200)
    if db.backend == "sqlite":
        assert database_url.database is not None
        live = tmp_path / "share"
        live.mkdir()
        db.dispose()
        for suffix in ("", "-wal"):
            source = Path(database_url.database + suffix)
            if source.exists():
                shutil.copy(source, live / f"workstation.db{suffix}")
        flaky = Database.connect(sqlite_url(live / "workstation.db"))
        checked = flaky

        def down() -> None:
            flaky.dispose()
            live.rename(tmp_path / "share-away")

        def up() -> None:
            (tmp_path / "share-away").rename(live)
    else:
        forwarder = Forwarder(database_url.host or "127.0.0.1", database_url.port or 5432)
        forwarder.up()
        flaky = Database.connect(database_url.set(host="127.0.0.1", port=forwarder.port))
        checked = db

        def down() -> None:
            forwarder.down()
            flaky.dispose()

        def up() -> None:
            forwarder.up()

    try:
        view = new_form(qtbot, flaky, runner, user, forms)
        start_for_device(qtbot, view, customer, device)
        type_in(view.description, "屏幕不亮")
        view.severity.setCurrentIndex(view.severity.findData("critical"))
        down()
        view.queue_button.click()
        qtbot.waitUntil(view.connection_banner.isVisible, timeout=10_000)
        assert "Database unreachable" in view.connection_text.text()
        assert view.description.toPlainText() == "屏幕不亮"  # the form is kept
        qtbot.wait(600)  # a few retries while the database is still away
        assert not view.result_banner.isVisible()
        with qtbot.waitSignal(view.saved, timeout=15_000):
            up()
        qtbot.wait(600)  # no further attempt once saved
        assert not view.connection_banner.isVisible()
        assert rows(checked, Call) == 1 and rows(checked, Ticket) == 1
        with checked.session() as session:
            assert session.scalar(sql_select(Call.caller_name)) == "张三"
    finally:
        for made in forms[1]:
            made.shutdown()
        runner.shutdown()
        if db.backend != "sqlite":
            forwarder.down()
        flaky.dispose()


def test_screenshots_of_the_form_in_english_and_chinese(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    desk: Any,
    forms: Any,
    translations: Translations,
) -> None:
    user, customer, device = desk
    add_ticket(db, customer, equipment_id=device)
    view = new_form(qtbot, db, runner, user, forms)
    view.resize(QSize(1200, 860))
    start_for_device(qtbot, view, customer, device)
    qtbot.waitUntil(view.duplicate_banner.isVisible, timeout=5000)
    type_in(view.description, "卡纸，面板显示 E-0213")
    view.phone.setText("12345")
    view.queue_button.click()
    qtbot.waitUntil(lambda: view.field_error("phone") != "", timeout=10_000)
    qtbot.wait(400)
    shots = Path("/tmp/brief")
    shots.mkdir(exist_ok=True)
    assert view.grab().save(str(shots / "form_en.png"))
    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: view.queue_button.text() != "Submit to &queue", timeout=2000)
    assert view.field_error("phone") != "Not a valid phone number."
    qtbot.wait(100)
    assert view.grab().save(str(shots / "form_zh.png"))


# The completer's popup, offscreen.
@pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise)\(\)|grabbing the keyboard"
)
def test_the_error_code_completer_offers_what_the_administrator_keeps(
    qtbot: QtBot, db: Database, runner: TaskRunner, desk: Any, forms: Any
) -> None:
    user, customer, device = desk
    admin = add_desk_user(db, "root", role="admin")
    codes = {e.code: e.id for e in catalog(db, admin).error_codes}
    set_error_code_active(db, admin, codes["E-0213"], False)
    save_error_code(db, admin, None, ErrorCodeInput("laser_printer", "E-7001", "Laser unit"))
    view = new_form(qtbot, db, runner, user, forms)
    start_for_device(qtbot, view, customer, device)  # an LP-2020: a laser printer
    qtbot.waitUntil(lambda: "E-7001" in view.offered_error_codes())
    assert "E-0213" not in view.offered_error_codes()
    assert "E-0218" in view.offered_error_codes()

    view.error_code.setFocus()
    qtbot.keyClicks(view.error_code, "e-70")
    popup = view.error_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    assert popup.model().index(0, 0).data() == "E-7001  Laser unit"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert view.error_code.text() == "E-7001", "the code alone goes into the field"


def test_the_wrap_up_dialog_offers_a_new_code_and_no_longer_a_retired_one(
    qtbot: QtBot, db: Database, runner: TaskRunner, desk: Any, forms: Any
) -> None:
    user, customer, device = desk
    admin = add_desk_user(db, "root", role="admin")
    wrap_ups = {w.code: w.id for w in catalog(db, admin).wrap_up_codes}
    set_wrap_up_code_active(db, admin, wrap_ups["wrong_number"], False)
    save_wrap_up_code(db, admin, None, WrapUpInput("transferred", "Transferred", "已转合作方"))
    view = new_form(qtbot, db, runner, user, forms)
    start_for_device(qtbot, view, customer, device)
    view.description.setPlainText("卡纸")
    view.severity.setCurrentIndex(view.severity.findData("major"))
    with qtbot.waitSignal(view.saved, timeout=10_000) as saved:
        view.submit("queue")
    dialog = view.wrap_up()
    assert dialog is not None
    qtbot.waitUntil(dialog.ready)
    offered = [dialog.codes.item(i) for i in range(dialog.codes.count())]
    names = {item.data(Qt.ItemDataRole.UserRole): item.text() for item in offered}
    assert "wrong_number" not in names and names["transferred"] == "Transferred"
    dialog.codes.setCurrentRow(len(offered) - 1)
    with qtbot.waitSignal(view.ended, timeout=10_000):
        dialog.accept()
    with db.session() as session:
        call = session.get(Call, saved.args[0].call_id)
        assert call is not None and call.wrap_up_code == "transferred"


def test_the_wrap_up_dialog_names_the_codes_in_chinese(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    with_reference_data(db)
    translations.switch(CHINESE)
    dialog = call_form.WrapUpDialog(db, runner, datetime.now(UTC), "complaint")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ready)
    assert dialog.codes.currentItem().text() == "投诉"
    translations.switch("en")
    qtbot.waitUntil(lambda: dialog.codes.currentItem().text() == "Complaint")
