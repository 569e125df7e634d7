"""The customer and device cards as an agent sees them: read on a worker, VIP badge, expired
contracts marked, warranty and SLA states, a device opened by Enter or double-click."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from ui.customer_card import CustomerCardView
from ui.equipment_card import EquipmentCardView
from ui.i18n import CHINESE, Translations
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.models import Customer

SHOTS = Path("/tmp/brief")


def _customer(db: Database) -> tuple[CustomerIds, dict[str, int]]:
    with_reference_data(db)
    today = date.today()
    customer = add_customer(
        db,
        "上海精密仪器有限公司",
        tier="vip",
        contacts=(("张三", ("138 1234 5678", "021-6552 1234")), ("李四", ("139 8765 4321",))),
        site="浦东工厂",
    )
    devices = {
        "warranty": add_equipment(
            db, customer, serial="SN-WARRANTY", warranty_end=today + timedelta(days=300)
        ),
        "contract": add_equipment(
            db, customer, serial="SN-CONTRACT", warranty_end=today - timedelta(days=400)
        ),
        "chargeable": add_equipment(db, customer, serial="SN-CHARGE", warranty_end=None),
    }
    add_contract(
        db,
        customer,
        valid_from=today - timedelta(days=30),
        valid_to=today + timedelta(days=330),
        equipment_ids=(devices["contract"],),
    )
    add_contract(
        db,
        customer,
        valid_from=today - timedelta(days=800),
        valid_to=today - timedelta(days=70),
        equipment_ids=(devices["chargeable"],),
    )
    now = datetime.now(UTC)
    add_ticket(db, customer, equipment_id=devices["warranty"], reported_at=now - timedelta(days=9))
    add_ticket(db, customer, reported_at=now, description="屏幕不亮\n第二行")
    return customer, devices


def _open(qtbot: QtBot, db: Database, runner: TaskRunner, customer_id: int) -> CustomerCardView:
    view = CustomerCardView(db, runner)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.show_customer(customer_id)
    qtbot.waitUntil(lambda: view.card is not None and view.status.text() == "", timeout=5000)
    return view


def _texts(model: object, column: int) -> list[str]:
    from ui.customer_card import RowsModel

    assert isinstance(model, RowsModel)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_card_shows_what_an_agent_needs(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    customer, _ = _customer(db)

    view = _open(qtbot, db, runner, customer.customer_id)

    assert view.name.full_text() == "上海精密仪器有限公司"
    assert view.tier_badge.text() == "VIP"
    assert view.tier_badge.isVisible()
    assert "#ffd75e" in view.tier_badge.styleSheet()  # gold: VIP stands out
    contacts = [view.contacts.topLevelItem(i) for i in range(view.contacts.topLevelItemCount())]
    assert [c.text(0) for c in contacts if c] == ["张三", "李四"]
    assert contacts[0] is not None and "138 1234 5678" in contacts[0].text(1)
    states = {
        item.text(3)
        for i in range(view.contracts.topLevelItemCount())
        if (item := view.contracts.topLevelItem(i)) is not None
    }
    assert states == {"valid", "expired"}
    warranty = dict(
        zip(_texts(view.equipment_model, 1), _texts(view.equipment_model, 5), strict=True)
    )
    assert warranty == {
        "SN-WARRANTY": "In warranty",
        "SN-CONTRACT": "Under contract",
        "SN-CHARGE": "Chargeable",
    }
    assert _texts(view.tickets_model, 4) == ["On track", "Breached"]
    assert _texts(view.tickets_model, 7)[0] == "屏幕不亮"
    breached = view.tickets_model.index(1, 4)
    assert breached.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#c62828"
    assert view.tabs.tabText(1) == "History"
    qtbot.waitUntil(lambda: view.history.model.rowCount() == 2, timeout=5000)
    assert view.history.model.index(0, 1).data() == "Ticket opened"


def test_enter_or_double_click_on_a_device_opens_it(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    customer, devices = _customer(db)
    view = _open(qtbot, db, runner, customer.customer_id)
    row = _texts(view.equipment_model, 1).index("SN-CONTRACT")
    index = view.equipment_model.index(row, 0)
    view.equipment.setFocus()
    view.equipment.setCurrentIndex(index)

    with qtbot.waitSignal(view.equipment_chosen, timeout=1000) as by_key:
        qtbot.keyClick(view.equipment, Qt.Key.Key_Return)
    assert by_key.args == [devices["contract"]]

    seen: list[int] = []
    view.equipment_chosen.connect(seen.append)
    centre = view.equipment.visualRect(index).center()
    viewport = view.equipment.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)  # a double-click starts
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)  # with a press
    assert seen == [devices["contract"]]

    with qtbot.waitSignal(view.new_call_requested, timeout=1000) as call:
        view.new_call_button.click()
    assert call.args == [customer.customer_id, 0, devices["contract"]]


def test_a_merged_record_opens_its_survivor_and_changes_refresh_the_card(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    customer, _ = _customer(db)
    old = add_customer(db, "上海精密仪器公司（旧）")
    with db.session() as session:
        session.execute(
            update(Customer)
            .where(Customer.id == old.customer_id)
            .values(merged_into_id=customer.customer_id)
        )
        session.commit()

    view = _open(qtbot, db, runner, old.customer_id)
    qtbot.waitUntil(lambda: view.current_customer_id == customer.customer_id, timeout=5000)
    qtbot.waitUntil(lambda: view.card is not None and view.card.id == customer.customer_id)
    assert view.notice.isVisible()
    assert "上海精密仪器公司（旧）" in view.notice.text()

    ticket = add_ticket(db, customer, reported_at=datetime.now(UTC))
    change = Change(
        1,
        datetime.now(UTC),
        "ticket",
        ticket,
        "create",
        None,
        {"customer_id": customer.customer_id},
    )
    view.on_changes([change])
    qtbot.waitUntil(lambda: view.tickets_model.rowCount() == 3, timeout=5000)
    assert view._tickets_box.title() == "Open tickets (3)"


def test_the_device_card_and_screenshots_in_both_languages(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    customer, devices = _customer(db)
    view = _open(qtbot, db, runner, customer.customer_id)
    qtbot.waitUntil(lambda: view.history.model.rowCount() == 2, timeout=5000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(SHOTS / "card_en.png"))

    device = EquipmentCardView(db, runner)
    qtbot.addWidget(device)
    device.resize(1100, 760)
    device.show()
    device.show_equipment(devices["warranty"])
    qtbot.waitUntil(lambda: device.card is not None and device.status.text() == "", timeout=5000)
    qtbot.waitUntil(lambda: device.history.model.rowCount() == 1, timeout=5000)
    assert device.serial.text() == "SN-WARRANTY"
    assert device.current_customer_id == customer.customer_id
    assert device.warranty_badge.text() == "In warranty"
    assert device.customer_button.text() == "上海精密仪器有限公司"
    assert device.tickets_model.rowCount() == 1
    with qtbot.waitSignal(device.customer_chosen, timeout=1000) as chosen:
        device.customer_button.click()
    assert chosen.args == [customer.customer_id]
    assert device.grab().save(str(SHOTS / "device_en.png"))

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: view.tabs.tabText(1) == "历史记录", timeout=2000)
    assert view.tier_badge.text() == "VIP"
    assert view.new_call_button.text() == "新建来电"
    assert _texts(view.equipment_model, 5)[0] in {"保修期内", "合同保障", "收费维修"}
    assert device.warranty_badge.text() == "保修期内"
    assert view.grab().save(str(SHOTS / "card_zh.png"))
    view.tabs.setCurrentIndex(1)
    assert view.grab().save(str(SHOTS / "card_history_zh.png"))
    assert device.grab().save(str(SHOTS / "device_zh.png"))
