"""The Parts and stock tab of the Administration: the parts catalogue, the stock locations,
and the stock of each location with receive, adjust and transfer.

Two pages: the catalogue (each part with its names in both languages, price, whether it is
serialised, and the product models it fits) and the locations with their stock. The boxes
write through the tab, so errors land at their fields and the status line says what happened.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.admin_common import AdminTab
from ui.admin_stock import LocationsBox, StockBox
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit
from ui.i18n import speaks_chinese
from ui.parts_words import parts_error_text, parts_failure_text
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected
from workstation.services.parts_catalogue import (
    PartInput,
    PartRow,
    PartsSetup,
    parts_setup,
    save_part,
    set_part_active,
)
from workstation.services.stock import StockShortage

_RETIRED = ("#9e9e9e", None)


def _part_columns() -> list[Column]:
    def grey(row: PartRow) -> tuple[str | None, str | None] | None:
        return None if row.active else _RETIRED

    def state(row: PartRow) -> str:
        if row.active:
            return QCoreApplication.translate("AdminParts", "Offered")
        return QCoreApplication.translate("AdminParts", "Retired")

    def serialised(row: PartRow) -> str:
        return QCoreApplication.translate("AdminParts", "Serialised") if row.serialised else ""

    return [
        Column(lambda: QCoreApplication.translate("AdminParts", "Code"), lambda r: r.code, grey),
        Column(
            lambda: QCoreApplication.translate("AdminParts", "Part"),
            lambda r: r.name(speaks_chinese()),
            grey,
        ),
        Column(
            lambda: QCoreApplication.translate("AdminParts", "Unit price"),
            lambda r: f"{r.unit_price:.2f}",
            grey,
        ),
        Column(lambda: QCoreApplication.translate("AdminParts", "Serials"), serialised, grey),
        Column(
            lambda: QCoreApplication.translate("AdminParts", "Models"),
            lambda r: str(len(r.model_ids)),
            grey,
        ),
        Column(lambda: QCoreApplication.translate("AdminParts", "State"), state, grey),
    ]


class CatalogueBox(QObject):
    """The parts: a filtered table on the left, the chosen (or new) part's form on the right."""

    def __init__(self, tab: PartsTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.editing: PartRow | None = None
        self.filter = QLineEdit()
        self.filter.setObjectName("partsFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filtered)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPart")
        self.new_button.clicked.connect(self.new)
        self.model = RowsModel(_part_columns(), tab)
        self.table = rows_table(self.model, "partsTable")
        self.table.selectionModel().currentRowChanged.connect(self._chosen)

        self.code = line_edit(40, "partCode")
        self.name_en = line_edit(200, "partNameEn")
        self.name_zh = line_edit(200, "partNameZh")
        self.price = line_edit(16, "partPrice")
        self.serialised = QCheckBox()
        self.serialised.setObjectName("partSerialised")
        self.models = QListWidget()
        self.models.setObjectName("partModels")
        self.save_button = QPushButton()
        self.save_button.setObjectName("savePart")
        self.save_button.clicked.connect(self.save)
        self.active_button = QPushButton()
        self.active_button.setObjectName("retirePart")
        self.active_button.clicked.connect(self.toggle_active)

        self.form_box = QGroupBox()
        form = QFormLayout()
        for name, editor in (
            ("part.code", self.code),
            ("part.name_en", self.name_en),
            ("part.name_zh", self.name_zh),
            ("part.unit_price", self.price),
            ("part.serialised", self.serialised),
            ("part.model_ids", self.models),
        ):
            field = tab.box(name, editor)
            form.addRow(field.caption, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.active_button)
        column = QVBoxLayout(self.form_box)
        column.addLayout(form, 1)
        column.addLayout(buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        self.page = QSplitter()
        self.page.setObjectName("partsCatalogue")
        self.page.addWidget(left)
        self.page.addWidget(self.form_box)
        self.page.setStretchFactor(0, 3)
        self.page.setStretchFactor(1, 2)

    # -- showing -------------------------------------------------------------

    def show(self, setup: PartsSetup) -> None:
        checked = self._checked_models()
        self.models.clear()
        for model in setup.models:
            same = model.name.startswith(model.code)
            item = QListWidgetItem(model.name if same else f"{model.code}  {model.name}")
            item.setData(Qt.ItemDataRole.UserRole, model.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.models.addItem(item)
        self._check_models(checked)
        self._filtered()

    def _filtered(self) -> None:
        setup = self.tab.setup
        if setup is None:
            return
        text = self.filter.text().strip().lower()
        rows = [
            p
            for p in setup.parts
            if not text
            or text in p.code.lower()
            or text in p.name_en.lower()
            or text in p.name_zh.lower()
        ]
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        wanted = self.editing.id if self.editing else None
        for index, row in enumerate(rows):
            if row.id == wanted:
                self.table.selectRow(index)
                self._fill(row)

    def _chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            row: PartRow = self.model.row(index.row())
            if self.editing is None or self.editing.id != row.id:
                self.tab.clear_errors()
            self._fill(row)

    def _fill(self, row: PartRow) -> None:
        self.editing = row
        self.code.setText(row.code)
        self.name_en.setText(row.name_en)
        self.name_zh.setText(row.name_zh)
        self.price.setText(f"{row.unit_price:.2f}")
        self.serialised.setChecked(row.serialised)
        self._check_models(row.model_ids)
        self.titles()

    def new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.tab.clear_errors()
        for edit in (self.code, self.name_en, self.name_zh):
            edit.clear()
        self.price.setText("0.00")
        self.serialised.setChecked(False)
        self._check_models(())
        self.titles()
        self.code.setFocus()

    def _checked_models(self) -> tuple[int, ...]:
        return tuple(
            int(self.models.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.models.count())
            if self.models.item(i).checkState() == Qt.CheckState.Checked
        )

    def _check_models(self, model_ids: Iterable[int]) -> None:
        chosen = set(model_ids)
        for i in range(self.models.count()):
            item = self.models.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # -- writing -------------------------------------------------------------

    def values(self) -> PartInput:
        return PartInput(
            self.code.text(),
            self.name_en.text(),
            self.name_zh.text(),
            self.price.text(),
            self.serialised.isChecked(),
            self._checked_models(),
        )

    def save(self) -> None:
        self.tab.clear_errors()
        values = self.values()
        code = values.code.strip().upper()
        self.tab.write(
            save_part,
            self.editing.id if self.editing else None,
            values,
            show=lambda setup: self._saved(setup, code),
            prefix="part",
            message=self.tr("Part {code} saved.").format(code=code),
        )

    def _saved(self, setup: PartsSetup, code: str) -> None:
        self.editing = next((p for p in setup.parts if p.code == code), self.editing)
        self.tab.show_setup(setup)

    def toggle_active(self) -> None:
        if self.editing is None:
            return
        active = not self.editing.active
        code = self.editing.code
        message = (
            self.tr("Part {code} offered again.")
            if active
            else self.tr("Part {code} retired: it can no longer be reserved.")
        )
        self.tab.write(
            set_part_active,
            self.editing.id,
            active,
            show=lambda setup: self._saved(setup, code),
            message=message.format(code=code),
        )

    def titles(self) -> None:
        editing = self.editing
        self.form_box.setTitle(
            self.tr("New part")
            if editing is None
            else self.tr("Part {code}").format(code=editing.code)
        )
        self.active_button.setVisible(editing is not None)
        if editing is not None:
            self.active_button.setText(
                self.tr("&Offer again") if not editing.active else self.tr("Re&tire")
            )

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter by code or name"))
        self.new_button.setText(self.tr("&New part"))
        self.save_button.setText(self.tr("&Save part"))
        self.serialised.setText(self.tr("Record the serial of each unit"))
        for name, caption in (
            ("part.code", self.tr("&Code:")),
            ("part.name_en", self.tr("&English name:")),
            ("part.name_zh", self.tr("C&hinese name:")),
            ("part.unit_price", self.tr("Unit &price:")),
            ("part.serialised", self.tr("Serials:")),
            ("part.model_ids", self.tr("Fits &models:")),
        ):
            self.tab.fields[name].caption.setText(caption)
        self.model.retranslate()
        self.titles()


class PartsTab(AdminTab):
    """The catalogue on one page, the locations and their stock on the other."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("adminParts")
        self.setup: PartsSetup | None = None
        self.catalogue = CatalogueBox(self)
        self.locations = LocationsBox(self)
        self.stock = StockBox(self)
        self.locations.chosen.connect(self.stock.show_location)

        stock_page = QSplitter()
        stock_page.setObjectName("locationsAndStock")
        stock_page.addWidget(self.locations.box)
        stock_page.addWidget(self.stock.box)
        stock_page.setStretchFactor(0, 1)
        stock_page.setStretchFactor(1, 1)
        self.pages = QTabWidget()
        self.pages.setObjectName("partsPages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.catalogue.page, "")
        self.pages.addTab(stock_page, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self.catalogue.new()
        self.locations.new()

    def reload(self) -> None:
        self.runner.read(
            parts_setup,
            self.db,
            self.user,
            on_done=self.show_setup,
            on_error=self.failed,
            key="admin-parts",
        )

    def show_setup(self, setup: PartsSetup) -> None:
        self.setup = setup
        self.catalogue.show(setup)
        self.locations.show(setup)
        self.stock.show_setup(setup)

    # -- refusals: the parts services' own words -------------------------------

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        self.clear_errors()
        loose: list[str] = []
        for error in errors:
            field = self.fields.get(error.field)
            if field is None:
                loose.append(parts_error_text(error))
            else:
                field.show_error(error)
                field.message.setText(parts_error_text(error))
        if loose:
            self.show_status(" ".join(loose), error=True)

    def failed(self, error: BaseException) -> None:
        if isinstance(error, StockShortage):
            self.stock.shortage(error)
            return
        if isinstance(error, EditRejected):
            super().failed(error)
            return
        self.show_status(parts_failure_text(error), error=True)

    def retranslate(self) -> None:
        super().retranslate()
        self.pages.setTabText(0, self.tr("Catalogue"))
        self.pages.setTabText(1, self.tr("Locations and stock"))
        self.catalogue.retranslate()
        self.locations.retranslate()
        self.stock.retranslate()
