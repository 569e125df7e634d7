"""The customer, contact and site dialogs, driven by keyboard as an agent would."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import add_customer, add_desk_user, with_reference_data
from ui.customer_dialogs import ContactDialog, CustomerDialog, EditDialog, SiteDialog
from ui.i18n import Translations
from ui.merge_dialog import MergeCustomersDialog
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.customer_edit import (
    ContactInput,
    CreatedCustomer,
    CustomerChanges,
    contact_for_edit,
    customer_for_edit,
    find_customers,
    update_contact,
    update_customer,
)

SHOTS = Path("/tmp/brief")


def _open(qtbot: QtBot, dialog: EditDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.is_ready)


def _key_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Latin text as key presses; Chinese as an input method commits it (one event per word)."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _type(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the focus, then Tab on."""
    focused = QApplication.focusWidget()
    assert focused is not None
    if text:
        _key_in(qtbot, focused, text)
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def _focused_name() -> str:
    focused = QApplication.focusWidget()
    return focused.objectName() if focused is not None else ""


def _error_text(dialog: EditDialog, field: str) -> str:
    box = dialog.fields[field]
    return box.message.text() if box.message.isVisible() else ""


def test_an_agent_creates_a_customer_by_keyboard(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    dialog = CustomerDialog(db, runner, user)
    _open(qtbot, dialog)
    qtbot.waitUntil(lambda: _focused_name() == "customerName")
    _type(qtbot, "杭州海纳科技有限公司")
    for _ in range(3):  # kind, tier, region: the defaults
        _type(qtbot, "")
    _type(qtbot, "西湖区文三路 90 号")
    _type(qtbot, "")  # notes
    assert _focused_name() == "contactName"
    _type(qtbot, "李娜")
    _type(qtbot, "139 8765 4321")
    _type(qtbot, "")  # a second phone is optional
    _type(qtbot, "li@haina.cn")
    _type(qtbot, "lina_88")
    assert _focused_name() == "siteName"
    _key_in(qtbot, QApplication.focusWidget(), "总部机房")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    created = saved.args[0]
    assert isinstance(created, CreatedCustomer)
    assert not dialog.isVisible()
    customer = customer_for_edit(db, created.customer_id)
    assert (customer.name, customer.kind, customer.address) == (
        "杭州海纳科技有限公司",
        "company",
        "西湖区文三路 90 号",
    )
    assert customer.contacts[0].phones == ("139 8765 4321",)
    assert customer.sites[0].name == "总部机房"
    assert [c.id for c in find_customers(db, "13987654321")] == [created.customer_id]


def test_a_bad_phone_is_shown_at_the_phone_field_and_the_text_is_kept(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    dialog = CustomerDialog(db, runner, user)
    _open(qtbot, dialog)
    dialog.name.setText("杭州海纳科技有限公司")
    assert dialog.contact is not None and dialog.site is not None
    dialog.contact.name.setText("李娜")
    dialog.contact.phones[0].setText("138 1234")
    dialog.contact.email.setText("li@haina")
    dialog.site.name.setText("总部机房")
    qtbot.keyClick(dialog.site.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _error_text(dialog, "contact.phones.0") != "")
    assert _error_text(dialog, "contact.phones.0") == "138 1234 is not a valid phone number."
    assert _error_text(dialog, "contact.email").startswith("Not a valid e-mail address")
    assert dialog.contact.phones[0].property("invalid") is True
    assert _focused_name() == "contactPhone0"
    assert dialog.isVisible()
    assert (dialog.name.text(), dialog.contact.phones[0].text()) == (
        "杭州海纳科技有限公司",
        "138 1234",
    )
    dialog.resize(dialog.sizeHint())
    assert dialog.grab().save(str(SHOTS / "dialog_en.png"))
    translations.switch("zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "新建客户")
    assert _error_text(dialog, "contact.phones.0") == "138 1234 不是有效的电话号码。"
    assert dialog.grab().save(str(SHOTS / "dialog_zh.png"))
    translations.switch("en")
    qtbot.waitUntil(lambda: "客" not in dialog.windowTitle())
    # Correcting the number clears its message as soon as it is typed.
    dialog.contact.phones[0].setFocus()
    qtbot.keyClicks(dialog.contact.phones[0], "5678")
    assert _error_text(dialog, "contact.phones.0") == ""


def test_a_possible_duplicate_is_listed_and_saved_once_confirmed(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    add_customer(db, "海纳科技", contacts=(("王五", ("139 8765 4321",)),))
    dialog = CustomerDialog(db, runner, user)
    _open(qtbot, dialog)
    assert dialog.contact is not None and dialog.site is not None
    dialog.name.setText("杭州海纳科技有限公司")
    dialog.contact.name.setText("李娜")
    dialog.contact.phones[0].setText("13987654321")
    dialog.site.name.setText("总部")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.not_duplicate.isVisible)
    assert "海纳科技 (Standard), same phone 139 8765 4321" in dialog.duplicates.text()
    dialog.not_duplicate.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()


def test_a_conflict_shows_what_the_other_desk_changed_and_saves_mine_again(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    dialog = CustomerDialog(db, runner, user, ids.customer_id)
    _open(qtbot, dialog)
    assert dialog.name.text() == "上海精密仪器有限公司"
    seen = customer_for_edit(db, ids.customer_id)
    update_customer(  # another desk, meanwhile
        db,
        user,
        ids.customer_id,
        seen.version,
        CustomerChanges(seen.name, seen.kind, "vip", None, "", ""),
    )
    dialog.address.setText("浦东新区张江路 1 号")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.conflict.isVisible)
    assert "Tier: Standard → VIP" in dialog.conflict_text.text()
    assert dialog.address.text() == "浦东新区张江路 1 号"
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.reapply.click()
    after = customer_for_edit(db, ids.customer_id)
    assert (after.address, after.version) == ("浦东新区张江路 1 号", seen.version + 2)


def test_a_contact_changed_by_another_desk_shows_the_conflict_and_saves_mine_again(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    contact_id = ids.contact_ids[0]
    dialog = ContactDialog(db, runner, user, ids.customer_id, contact_id)
    _open(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.contact.name.text() == "张三", timeout=5000)
    seen = contact_for_edit(db, contact_id)
    other = ContactInput(seen.name, ("139 1111 2222",), seen.email, seen.wechat)
    update_contact(db, user, contact_id, other, seen)  # another desk, meanwhile
    dialog.contact.email.setText("zhangsan@example.cn")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.conflict.isVisible, timeout=5000)
    assert "Phone: 138 1234 5678 → 139 1111 2222" in dialog.conflict_text.text()
    assert dialog.contact.email.text() == "zhangsan@example.cn"  # nothing typed is lost
    assert contact_for_edit(db, contact_id).email == seen.email
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.reapply.click()
    after = contact_for_edit(db, contact_id)
    assert (after.email, after.phones) == ("zhangsan@example.cn", ("138 1234 5678",))


def test_a_lost_connection_keeps_the_dialog_open_and_save_tries_again(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db)
    dialog = SiteDialog(db, runner, user, ids.customer_id)
    _open(qtbot, dialog)
    dialog.site.name.setText("浦东仓库")
    dialog.db = Database.connect("postgresql+psycopg://nobody@127.0.0.1:1/gone")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.status.isVisible, timeout=10_000)
    assert "Cannot reach the database" in dialog.status.text()
    assert "press Save to try again" in dialog.status.text()
    assert dialog.isVisible() and dialog.site.name.text() == "浦东仓库"
    dialog.db.dispose()
    dialog.db = db
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    assert [s.name for s in customer_for_edit(db, ids.customer_id).sites] == ["总部", "浦东仓库"]


def test_editing_a_contact_shows_every_phone_and_replaces_the_list(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    ids = add_customer(db, contacts=(("张三", ("138 1234 5678", "021-6888 1234")),))
    dialog = ContactDialog(db, runner, user, ids.customer_id, ids.contact_ids[0])
    _open(qtbot, dialog)
    phones = [edit.text() for edit in dialog.contact.phones]
    assert phones == ["138 1234 5678", "021-6888 1234", ""]
    dialog.contact.phones[1].clear()
    dialog.contact.phones[2].setText("139 0000 1111")
    order: list[QWidget] = []
    widget: QWidget = dialog.contact.name
    for _ in range(5):
        widget = widget.nextInFocusChain()
        while not isinstance(widget, QLineEdit):
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert [w.objectName() for w in order] == [
        "contactPhone0",
        "contactPhone1",
        "contactPhone2",
        "contactEmail",
        "contactWechat",
    ]
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    assert contact_for_edit(db, ids.contact_ids[0]).phones == ("138 1234 5678", "139 0000 1111")


def test_merging_two_records_shows_both_what_moves_and_keeps_vip(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    keep = add_customer(db, "上海精密仪器有限公司", tier="standard")
    dup = add_customer(
        db, "上海精密仪器", tier="vip", contacts=(("王五", ("13900001111",)),), site="浦东厂区"
    )
    dialog = MergeCustomersDialog(db, runner, user, keep.customer_id)
    _open(qtbot, dialog)
    qtbot.waitUntil(lambda: _focused_name() == "customerSearch")
    _key_in(qtbot, dialog.picker.search, "139000")
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 1)
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.merge_cells["name"].text() == f"上海精密仪器  (#{dup.customer_id})"
    assert dialog.merge_cells["tier"].text() == "VIP"
    assert dialog.merge_cells["moves"].text().startswith("Contacts: 1, sites: 1, devices: 0,")
    assert "Tier after the merge: VIP." in dialog.outcome.text()
    assert not dialog.save_button.isEnabled()  # not before the explicit confirmation
    dialog.reason.setText("同一家公司，重复建档")
    dialog.confirm.setChecked(True)
    assert dialog.save_button.isEnabled()
    dialog.resize(dialog.sizeHint())
    assert dialog.grab().save(str(SHOTS / "merge_en.png"))
    translations.switch("zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "合并客户记录")
    assert dialog.merge_cells["tier"].text() == "VIP客户"
    assert dialog.save_button.text() == "合并"
    assert dialog.grab().save(str(SHOTS / "merge_zh.png"))
    translations.switch("en")
    qtbot.waitUntil(lambda: "客" not in dialog.windowTitle())
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save_button.click()
    result = saved.args[0]
    assert (result.keep_id, result.merge_id, result.tier) == (
        keep.customer_id,
        dup.customer_id,
        "vip",
    )
    kept = customer_for_edit(db, keep.customer_id)
    assert kept.tier == "vip"
    assert [s.name for s in kept.sites] == ["总部", "浦东厂区"]
    assert customer_for_edit(db, dup.customer_id).merged_into_id == keep.customer_id


def test_merging_a_record_into_itself_is_refused_before_saving(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    user = add_desk_user(db)
    ids = add_customer(db)
    dialog = MergeCustomersDialog(db, runner, user, ids.customer_id, ids.customer_id)
    _open(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.status.text() == "A customer cannot be merged into itself."
    assert not dialog.confirm.isEnabled() and not dialog.save_button.isEnabled()
