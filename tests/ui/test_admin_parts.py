"""The Parts and stock tab as an administrator uses it: a part with its models, errors at the
fields with nothing typed lost, retire; locations of the three kinds; receive, transfer,
adjust with a reason; a shortage at the quantity with where else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.factories import add_desk_user, with_reference_data
from tests.parts_factories import add_region_row, level
from tests.ticket_factories import add_worker
from tests.ui.test_visit_parts_panel import shot
from ui.admin_page import AdminPage
from ui.admin_parts import PartsTab
from ui.tasks import TaskRunner
from workstation.db import Database


def _open(qtbot: QtBot, db: Database, runner: TaskRunner) -> tuple[AdminPage, PartsTab]:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    page = AdminPage(db=db, runner=runner, user=admin)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    page.tabs.setCurrentWidget(page.parts)
    tab = page.parts
    qtbot.waitUntil(lambda: tab.setup is not None)
    return page, tab


def test_a_part_with_its_models_errors_at_the_fields_and_retired(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    page, tab = _open(qtbot, db, runner)
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Parts and stock"
    box = tab.catalogue
    box.code.setText("fu-200")
    box.price.setText("abc")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.fields["part.name_en"].message.isVisible())
    assert tab.fields["part.name_en"].message.text() == "Required."
    assert tab.fields["part.unit_price"].message.text() == "Enter a number."
    assert box.code.text() == "fu-200", "nothing typed is lost"

    box.name_en.setText("Fuser unit 220V")
    box.name_zh.setText("定影组件 220V")
    box.price.setText("318.5")
    box.serialised.setChecked(True)
    box.models.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "FU-200 saved" in tab.status.text())
    row = box.model.row(0)
    assert (row.code, str(row.unit_price), row.serialised, len(row.model_ids)) == (
        "FU-200",
        "318.50",
        True,
        1,
    )
    assert box.form_box.title() == "Part FU-200"
    shot(page, "admin_parts_catalogue_en")

    qtbot.mouseClick(box.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "retired" in tab.status.text())
    assert not box.model.row(0).active
    assert box.active_button.text() == "&Offer again"


def test_locations_and_their_stock_received_moved_adjusted(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    east = add_region_row(db, "E-T", "华东测试")
    engineer = add_worker(db, "eng1", region_id=east)
    page, tab = _open(qtbot, db, runner)
    tab.catalogue.code.setText("DR-1")
    tab.catalogue.name_en.setText("Drum unit")
    tab.catalogue.name_zh.setText("硒鼓")
    tab.catalogue.save()
    qtbot.waitUntil(lambda: tab.catalogue.model.rowCount() == 1)
    tab.pages.setCurrentIndex(1)
    places = tab.locations

    def add(code: str, name: str, kind: str, region: int | None, who: int | None) -> None:
        places.new()
        places.code.setText(code)
        places.name.setText(name)
        places.kind.setCurrentIndex(places.kind.findData(kind))
        places.region.setCurrentIndex(places.region.findData(region))
        places.engineer.setCurrentIndex(places.engineer.findData(who))
        qtbot.mouseClick(places.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: f"{code} saved" in tab.status.text())

    places.new()
    places.code.setText("ST-E")
    places.name.setText("East store")
    qtbot.mouseClick(places.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.fields["location.region_id"].message.isVisible())
    assert tab.fields["location.region_id"].message.text() == "Required."
    add("WH", "Central warehouse", "warehouse", None, None)
    add("ST-E", "East store", "regional", east, None)
    add("VAN-1", "Van of eng1", "van", None, engineer.id)
    assert [r.code for r in places.model.rows()] == ["WH", "ST-E", "VAN-1"]
    assert places.model.row(2).region_name == "华东测试"

    places.table.selectRow(0)
    stock = tab.stock
    assert stock.box.title() == "Stock at Central warehouse"
    stock.quantity.setValue(5)
    qtbot.mouseClick(stock.receive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stock.model.rowCount() == 1)
    assert stock.model.row(0).on_hand == 5
    stock.quantity.setValue(3)
    stock.target.setCurrentIndex(stock.target.findData(places.model.row(1).id))
    qtbot.mouseClick(stock.transfer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stock.model.row(0).on_hand == 2)
    part_id = stock.model.row(0).part_id
    assert level(db, places.model.row(1).id, part_id) == (3, 0)

    stock.quantity.setValue(-1)
    qtbot.mouseClick(stock.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.fields["stock.reason"].message.isVisible())
    assert tab.fields["stock.reason"].message.text() == "Required."
    stock.reason.setText("one damaged")
    qtbot.mouseClick(stock.adjust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stock.model.row(0).on_hand == 1)

    stock.quantity.setValue(10)
    qtbot.mouseClick(stock.transfer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.fields["stock.quantity"].message.isVisible())
    assert tab.fields["stock.quantity"].message.text() == "Only 1 available here, 10 wanted."
    assert tab.status.text() == "Not moved. In stock elsewhere: East store (3)."
    assert stock.quantity.value() == 10 and stock.reason.text() == "one damaged"
    shot(page, "admin_parts_stock_en")
