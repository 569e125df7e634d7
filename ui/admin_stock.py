"""The Locations and stock page of the Parts and stock tab.

On the left the stock locations (the central warehouse, each region's store, each engineer's
van) with their form; on the right what the chosen location holds, and the three movements
an administrator makes there: receive a delivery, adjust with a reason (a count, a damaged
unit), transfer to another location. Only units not reserved for a visit can leave.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit
from ui.i18n import speaks_chinese
from ui.parts_words import location_kind_name
from workstation.outcomes import FieldError
from workstation.services.parts_catalogue import (
    LOCATION_KINDS,
    LocationInput,
    LocationRow,
    PartsSetup,
    save_location,
    set_location_active,
)
from workstation.services.stock import (
    MAX_QUANTITY,
    StockRow,
    StockShortage,
    adjust,
    location_stock,
    receive,
    transfer,
)

if TYPE_CHECKING:
    from ui.admin_parts import PartsTab

_CLOSED = ("#9e9e9e", None)


def _location_columns() -> list[Column]:
    def grey(row: LocationRow) -> tuple[str | None, str | None] | None:
        return None if row.active else _CLOSED

    def state(row: LocationRow) -> str:
        if row.active:
            return QCoreApplication.translate("AdminStock", "Open")
        return QCoreApplication.translate("AdminStock", "Closed")

    return [
        Column(lambda: QCoreApplication.translate("AdminStock", "Code"), lambda r: r.code, grey),
        Column(lambda: QCoreApplication.translate("AdminStock", "Name"), lambda r: r.name, grey),
        Column(
            lambda: QCoreApplication.translate("AdminStock", "Kind"),
            lambda r: location_kind_name(r.kind),
            grey,
        ),
        Column(
            lambda: QCoreApplication.translate("AdminStock", "Region"),
            lambda r: r.region_name,
            grey,
        ),
        Column(
            lambda: QCoreApplication.translate("AdminStock", "Engineer"),
            lambda r: r.engineer_name,
            grey,
        ),
        Column(lambda: QCoreApplication.translate("AdminStock", "State"), state, grey),
    ]


def _stock_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("AdminStock", "Code"), lambda r: r.part_code),
        Column(
            lambda: QCoreApplication.translate("AdminStock", "Part"),
            lambda r: (r.name_zh if speaks_chinese() else r.name_en) or r.name_en,
        ),
        Column(
            lambda: QCoreApplication.translate("AdminStock", "On hand"), lambda r: str(r.on_hand)
        ),
        Column(
            lambda: QCoreApplication.translate("AdminStock", "Reserved"),
            lambda r: str(r.reserved),
        ),
        Column(
            lambda: QCoreApplication.translate("AdminStock", "Available"),
            lambda r: str(r.available),
            bold=lambda r: True,
        ),
    ]


class LocationsBox(QObject):
    """The locations table and the chosen (or new) location's form."""

    # The location now chosen (LocationRow), or None for a new one.
    chosen = Signal(object)

    def __init__(self, tab: PartsTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.editing: LocationRow | None = None
        self.model = RowsModel(_location_columns(), tab)
        self.table = rows_table(self.model, "locationsTable")
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.code = line_edit(30, "locationCode")
        self.name = line_edit(100, "locationName")
        self.kind = QComboBox()
        self.kind.setObjectName("locationKind")
        for kind in LOCATION_KINDS:
            self.kind.addItem("", str(kind))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.region = QComboBox()
        self.region.setObjectName("locationRegion")
        self.engineer = QComboBox()
        self.engineer.setObjectName("locationEngineer")
        self.new_button, self.save_button = QPushButton(), QPushButton()
        self.new_button.setObjectName("newLocation")
        self.save_button.setObjectName("saveLocation")
        self.active_button = QPushButton()
        self.active_button.setObjectName("closeLocation")
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.active_button.clicked.connect(self.toggle_active)

        form = QFormLayout()
        for name, editor in (
            ("location.code", self.code),
            ("location.name", self.name),
            ("location.kind", self.kind),
            ("location.region_id", self.region),
            ("location.engineer_id", self.engineer),
        ):
            field = tab.box(name, editor)
            form.addRow(field.caption, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.active_button)
        buttons.addWidget(self.save_button)
        self.box = QGroupBox()
        column = QVBoxLayout(self.box)
        column.addWidget(self.table, 1)
        column.addLayout(form)
        column.addLayout(buttons)

    def show(self, setup: PartsSetup) -> None:
        region, engineer = self.region.currentData(), self.engineer.currentData()
        self.region.clear()
        self.region.addItem("", None)
        for choice in setup.regions:
            self.region.addItem(choice.name, choice.id)
        self.engineer.clear()
        self.engineer.addItem("", None)
        for choice in setup.engineers:
            self.engineer.addItem(f"{choice.name} ({choice.code})", choice.id)
        self.region.setCurrentIndex(max(self.region.findData(region), 0))
        self.engineer.setCurrentIndex(max(self.engineer.findData(engineer), 0))
        self.model.set_rows(setup.locations)
        self.table.resizeColumnsToContents()
        wanted = self.editing.id if self.editing else None
        for index, row in enumerate(setup.locations):
            if row.id == wanted:
                self.table.selectRow(index)
                self._fill(row)
        if wanted is None and setup.locations and not self.code.text():
            self.table.selectRow(0)  # show the first location's stock at once

    def _chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            row: LocationRow = self.model.row(index.row())
            if self.editing is None or self.editing.id != row.id:
                self.tab.clear_errors()
            self._fill(row)

    def _fill(self, row: LocationRow) -> None:
        self.editing = row
        self.code.setText(row.code)
        self.name.setText(row.name)
        self.kind.setCurrentIndex(max(self.kind.findData(row.kind), 0))
        own_region = row.region_id if row.kind == "regional" else None
        self.region.setCurrentIndex(max(self.region.findData(own_region), 0))
        self.engineer.setCurrentIndex(max(self.engineer.findData(row.engineer_id), 0))
        if row.engineer_id is not None and self.engineer.findData(row.engineer_id) < 0:
            self.engineer.addItem(row.engineer_name, row.engineer_id)  # deactivated since
            self.engineer.setCurrentIndex(self.engineer.count() - 1)
        self._kind_changed()
        self.titles()
        self.chosen.emit(row)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.tab.fields["location.region_id"].setVisible(kind == "regional")
        self.tab.fields["location.region_id"].caption.setVisible(kind == "regional")
        self.tab.fields["location.engineer_id"].setVisible(kind == "van")
        self.tab.fields["location.engineer_id"].caption.setVisible(kind == "van")

    def new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.tab.clear_errors()
        self.code.clear()
        self.name.clear()
        self.kind.setCurrentIndex(max(self.kind.findData("regional"), 0))
        self.region.setCurrentIndex(0)
        self.engineer.setCurrentIndex(0)
        self._kind_changed()
        self.titles()
        self.chosen.emit(None)

    def save(self) -> None:
        self.tab.clear_errors()
        values = LocationInput(
            self.code.text(),
            self.name.text(),
            str(self.kind.currentData()),
            self.region.currentData(),
            self.engineer.currentData(),
        )
        code = values.code.strip().upper()
        self.tab.write(
            save_location,
            self.editing.id if self.editing else None,
            values,
            show=lambda setup: self._saved(setup, code),
            prefix="location",
            message=self.tr("Location {code} saved.").format(code=code),
        )

    def _saved(self, setup: PartsSetup, code: str) -> None:
        self.editing = next((r for r in setup.locations if r.code == code), self.editing)
        self.tab.show_setup(setup)

    def toggle_active(self) -> None:
        if self.editing is None:
            return
        active = not self.editing.active
        code = self.editing.code
        message = (
            self.tr("Location {code} open again.") if active else self.tr("Location {code} closed.")
        )
        self.tab.write(
            set_location_active,
            self.editing.id,
            active,
            show=lambda setup: self._saved(setup, code),
            prefix="location",
            message=message.format(code=code),
        )

    def titles(self) -> None:
        editing = self.editing
        self.box.setTitle(
            self.tr("Stock locations — new location")
            if editing is None
            else self.tr("Stock locations — {code}").format(code=editing.code)
        )
        self.active_button.setVisible(editing is not None)
        if editing is not None:
            self.active_button.setText(
                self.tr("&Open again") if not editing.active else self.tr("C&lose")
            )

    def retranslate(self) -> None:
        for index, kind in enumerate(LOCATION_KINDS):
            self.kind.setItemText(index, location_kind_name(kind))
        if self.region.count():
            self.region.setItemText(0, self.tr("(choose a region)"))
        if self.engineer.count():
            self.engineer.setItemText(0, self.tr("(choose an engineer)"))
        for name, caption in (
            ("location.code", self.tr("Co&de:")),
            ("location.name", self.tr("Na&me:")),
            ("location.kind", self.tr("&Kind:")),
            ("location.region_id", self.tr("&Region:")),
            ("location.engineer_id", self.tr("&Engineer:")),
        ):
            self.tab.fields[name].caption.setText(caption)
        self.new_button.setText(self.tr("New &location"))
        self.save_button.setText(self.tr("Save locat&ion"))
        self.model.retranslate()
        self.titles()


class StockBox(QObject):
    """What the chosen location holds, and receive / adjust / transfer there."""

    def __init__(self, tab: PartsTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.location: LocationRow | None = None
        self.model = RowsModel(_stock_columns(), tab)
        self.table = rows_table(self.model, "locationStockTable")
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.part = QComboBox()
        self.part.setObjectName("stockPart")
        self.quantity = QSpinBox()
        self.quantity.setObjectName("stockQuantity")
        self.quantity.setRange(-MAX_QUANTITY, MAX_QUANTITY)
        self.quantity.setValue(1)
        self.quantity.setMaximumWidth(self.quantity.fontMetrics().horizontalAdvance("0") * 14)
        self.target = QComboBox()
        self.target.setObjectName("stockTarget")
        self.reason = line_edit(500, "stockReason")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.receive_button = QPushButton()
        self.receive_button.setObjectName("receiveStock")
        self.adjust_button = QPushButton()
        self.adjust_button.setObjectName("adjustStock")
        self.transfer_button = QPushButton()
        self.transfer_button.setObjectName("transferStock")
        self.receive_button.clicked.connect(self.receive)
        self.adjust_button.clicked.connect(self.adjust)
        self.transfer_button.clicked.connect(self.transfer)

        form = QFormLayout()
        for name, editor in (
            ("stock.part_id", self.part),
            ("stock.quantity", self.quantity),
            ("stock.to_location_id", self.target),
            ("stock.reason", self.reason),
        ):
            field = tab.box(name, editor)
            form.addRow(field.caption, field)
        tab.fields["stock.delta"] = tab.fields["stock.quantity"]  # adjust names it "delta"
        buttons = QHBoxLayout()
        buttons.addWidget(self.receive_button)
        buttons.addWidget(self.adjust_button)
        buttons.addWidget(self.transfer_button)
        buttons.addStretch(1)
        self.box = QGroupBox()
        column = QVBoxLayout(self.box)
        column.addWidget(self.table, 1)
        column.addLayout(form)
        column.addWidget(self.hint)
        column.addLayout(buttons)
        self._enable()

    def show_setup(self, setup: PartsSetup) -> None:
        part, target = self.part.currentData(), self.target.currentData()
        self.part.clear()
        chinese = speaks_chinese()
        for row in setup.parts:
            if row.active:
                self.part.addItem(f"{row.code}  {row.name(chinese)}", row.id)
        self.part.setCurrentIndex(max(self.part.findData(part), 0))
        self.target.clear()
        for location in setup.locations:
            if location.active:
                self.target.addItem(f"{location.code}  {location.name}", location.id)
        self.target.setCurrentIndex(max(self.target.findData(target), 0))
        if self.location is not None:
            self.read()

    def show_location(self, location: LocationRow | None) -> None:
        if location is None or self.location is None or location.id != self.location.id:
            self.model.set_rows([])
        self.location = location
        self.titles()
        self._enable()
        self.read()

    def read(self) -> None:
        if self.location is None:
            return
        self.tab.runner.read(
            location_stock,
            self.tab.db,
            self.tab.user,
            self.location.id,
            on_done=self._stock_read,
            on_error=self.tab.failed,
            key="admin-location-stock",
        )

    def _stock_read(self, rows: tuple[StockRow, ...]) -> None:
        if self.location is None or any(r.location_id != self.location.id for r in rows):
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()

    def _row_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            row: StockRow = self.model.row(index.row())
            self.part.setCurrentIndex(max(self.part.findData(row.part_id), 0))

    def _enable(self) -> None:
        usable = self.location is not None and self.location.active
        for button in (self.receive_button, self.adjust_button, self.transfer_button):
            button.setEnabled(usable)

    # -- the movements -------------------------------------------------------

    def _move(self, fn: Callable[..., Any], *args: object, message: str) -> None:
        if self.location is None:
            return
        self.tab.clear_errors()
        self.tab.write(
            fn,
            *args,
            show=lambda _result: self.read(),
            prefix="stock",
            message=message,
        )

    def receive(self) -> None:
        if self.location is None:
            return
        self._move(
            receive,
            self.location.id,
            self.part.currentData(),
            self.quantity.value(),
            self.reason.text(),
            message=self.tr("Received {quantity} × {part} at {location}.").format(
                quantity=self.quantity.value(),
                part=self.part.currentText(),
                location=self.location.name,
            ),
        )

    def adjust(self) -> None:
        if self.location is None:
            return
        self._move(
            adjust,
            self.location.id,
            self.part.currentData(),
            self.quantity.value(),
            self.reason.text(),
            message=self.tr("Adjusted {part} at {location} by {delta}.").format(
                part=self.part.currentText(),
                location=self.location.name,
                delta=f"{self.quantity.value():+d}",
            ),
        )

    def transfer(self) -> None:
        if self.location is None:
            return
        self._move(
            transfer,
            self.location.id,
            self.target.currentData(),
            self.part.currentData(),
            self.quantity.value(),
            self.reason.text(),
            message=self.tr("Moved {quantity} × {part} to {target}.").format(
                quantity=self.quantity.value(),
                part=self.part.currentText(),
                target=self.target.currentText(),
            ),
        )

    def shortage(self, error: StockShortage) -> None:
        """Too few free here: said at the quantity; the status line names where else."""
        self.tab.show_errors([FieldError("stock.quantity", e.code, e.params) for e in error.errors])
        if error.elsewhere:
            places = ", ".join(f"{r.location_name} ({r.available})" for r in error.elsewhere)
            self.tab.show_status(
                self.tr("Not moved. In stock elsewhere: {places}.").format(places=places),
                error=True,
            )
        else:
            self.tab.show_status(self.tr("Not moved."), error=True)
        self.read()

    def titles(self) -> None:
        self.box.setTitle(
            self.tr("Stock — choose a location")
            if self.location is None
            else self.tr("Stock at {location}").format(location=self.location.name)
        )

    def retranslate(self) -> None:
        for name, caption in (
            ("stock.part_id", self.tr("P&art:")),
            ("stock.quantity", self.tr("&Quantity:")),
            ("stock.to_location_id", self.tr("&To location:")),
            ("stock.reason", self.tr("Rea&son:")),
        ):
            self.tab.fields[name].caption.setText(caption)
        self.hint.setText(
            self.tr(
                "Receive and transfer take a positive quantity; adjust adds or takes away"
                " (a negative quantity) and needs a reason. Reserved units stay."
            )
        )
        self.receive_button.setText(self.tr("Re&ceive"))
        self.adjust_button.setText(self.tr("Ad&just"))
        self.transfer_button.setText(self.tr("Trans&fer"))
        self.model.retranslate()
        self.titles()
