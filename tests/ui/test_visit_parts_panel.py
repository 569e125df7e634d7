"""The parts panel of a visit as a desk uses it: reserve through the dialog (fitting parts
first, stock nearest first), a shortage told at the quantity with where else, one click to
take it from there, nothing typed lost; return a reserved line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from tests.parts_factories import Field, add_part, field_world, level
from ui.tasks import TaskRunner
from ui.visit_parts_panel import ReservePartDialog, VisitPartsPanel
from workstation.changes import Change
from workstation.db import Database
from workstation.models import Visit
from workstation.services.stock import receive
from workstation.services.visit_parts import reserve_part

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def _stocked(db: Database) -> Field:
    """The part: 1 in the engineer's van, 2 at the east store, 4 at the warehouse."""
    w = field_world(db, stock=4)
    receive(db, w.admin, w.van, w.part, 1)
    receive(db, w.admin, w.east_store, w.part, 2)
    add_part(db, w.admin, "AA-0", name_en="Cable kit", name_zh="线缆套件")  # fits no model
    return w


def _panel(qtbot: QtBot, db: Database, runner: TaskRunner, w: Field) -> VisitPartsPanel:
    panel = VisitPartsPanel(db=db, runner=runner, user=w.agent, visit_id=w.visit)
    qtbot.addWidget(panel)
    panel.resize(760, 300)
    panel.show()
    qtbot.waitUntil(lambda: panel.reserve_button.isEnabled())
    return panel


def _dialog_ready(qtbot: QtBot, dialog: ReservePartDialog) -> None:
    qtbot.waitUntil(lambda: dialog.parts.rowCount() == 2)
    qtbot.waitUntil(lambda: dialog.context is not None)


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = widget.grab().toImage()  # type: ignore[attr-defined]
    assert not image.isNull()
    assert image.save(str(SHOTS / f"{name}.png"))


def test_a_shortage_names_where_else_and_one_click_takes_it_from_there(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    w = _stocked(db)
    panel = _panel(qtbot, db, runner, w)
    dialog = panel.open_reserve()
    _dialog_ready(qtbot, dialog)
    parts = [(r.code, r.fits) for r in dialog.parts.rows()]
    assert parts == [("FU-100", True), ("AA-0", False)], "what fits the device comes first"

    dialog.parts_table.selectRow(0)
    qtbot.waitUntil(lambda: dialog.stock.rowCount() == 3)
    assert [r.location_code for r in dialog.stock.rows()] == ["ST-E", "VAN-1", "WH"]
    assert dialog.location_id() == w.van, "the engineer's own van is chosen first"
    dialog.quantity.setValue(3)
    qtbot.mouseClick(dialog.reserve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.quantity_box.message.isVisible())
    message = dialog.quantity_box.message.text()
    assert message.startswith("Only 1 of 3 available at Van eng1.")
    assert "In stock at" in message
    assert [b.text() for b in dialog.alternative_buttons] == [
        "East store: 2 available",
        "Central warehouse: 4 available",
    ]
    assert dialog.quantity.value() == 3 and dialog.part is not None, "nothing typed is lost"
    assert level(db, w.van, w.part) == (1, 0)
    shot(dialog, "visit_parts_shortage_en")

    warehouse_button = dialog.alternative_buttons[1]
    qtbot.mouseClick(warehouse_button, Qt.MouseButton.LeftButton)
    assert dialog.location_id() == w.warehouse
    assert not dialog.quantity_box.message.isVisible()
    assert dialog.quantity.value() == 3
    with qtbot.waitSignal(dialog.reserved):
        qtbot.mouseClick(dialog.reserve_button, Qt.MouseButton.LeftButton)
    assert level(db, w.warehouse, w.part) == (4, 3)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert "Reserved 3 × FU-100" in panel.status.text()
    line = panel.model.row(0)
    assert (line.location_name, line.quantity, line.status) == ("Central warehouse", 3, "reserved")
    shot(panel, "visit_parts_panel_en")


def test_search_finds_by_code_or_name_and_no_stock_anywhere_is_said(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    w = _stocked(db)
    panel = _panel(qtbot, db, runner, w)
    dialog = panel.open_reserve()
    _dialog_ready(qtbot, dialog)
    qtbot.keyClicks(dialog.search, "cable")
    qtbot.waitUntil(lambda: [r.code for r in dialog.parts.rows()] == ["AA-0"])
    dialog.parts_table.selectRow(0)
    qtbot.wait(50)
    assert dialog.stock.rowCount() == 0 and not dialog.reserve_button.isEnabled()
    receive(db, w.admin, w.north_store, dialog.parts.row(0).id, 1)
    dialog.read_stock()
    qtbot.waitUntil(lambda: dialog.stock.rowCount() == 1)
    dialog.quantity.setValue(2)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.quantity_box.message.isVisible())
    assert dialog.quantity_box.message.text() == (
        "Only 1 of 2 available at North store. No other location has it in stock."
    )
    assert dialog.alternative_buttons == []
    assert dialog.search.text() == "cable"


def test_return_a_reserved_line_and_nothing_for_a_closed_visit(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    w = _stocked(db)
    reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 2)
    panel = _panel(qtbot, db, runner, w)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert not panel.return_button.isEnabled()
    panel.table.selectRow(0)
    assert panel.return_button.isEnabled()
    qtbot.mouseClick(panel.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Returned 2 × FU-100" in panel.status.text())
    qtbot.waitUntil(lambda: panel.model.row(0).status == "returned")
    assert level(db, w.warehouse, w.part) == (4, 0)
    assert not panel.return_button.isEnabled()

    # Another desk reserves: the change feed tells the panel, which re-reads.
    other = reserve_part(db, w.engineer, w.visit, w.part, w.warehouse, 1)
    panel.on_changes([Change(1, NOW, "visit_parts", w.visit, "reserve", w.engineer.id, {})])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert panel.model.row(1).id == other.id

    with db.session() as session:
        session.execute(update(Visit).where(Visit.id == w.visit).values(status="completed"))
        session.commit()
    panel.reload()
    qtbot.waitUntil(lambda: not panel.reserve_button.isEnabled())
