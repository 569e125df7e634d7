"""The parts of a visit, inside the visit window: reserve with a stock check, return unused.

The panel lists the visit's lines (part, location, quantity, status, serials). "Reserve
part…" opens a dialog: the parts that fit the visit's device come first, the chosen part's
stock per location nearest first, a quantity. When the location has too few, the message at
the quantity says so and names where else the part is in stock, each a button that picks
that location: one click, and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import INVALID_STYLE, FieldBox
from ui.flow_layout import FlowLayout
from ui.i18n import speaks_chinese
from ui.local_time import local_text
from ui.parts_words import (
    line_status_name,
    location_kind_name,
    nearness_name,
    parts_error_text,
    parts_failure_text,
)
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected
from workstation.services.parts_catalogue import PartRow, search_parts
from workstation.services.stock import StockRow, StockShortage, part_stock
from workstation.services.visit_parts import (
    MAX_PER_LINE,
    ReserveContext,
    VisitPartRow,
    reserve_context,
    reserve_part,
    return_part,
    visit_parts,
)

SEARCH_DELAY_MS = 200
MOST_ALTERNATIVES = 6
CLOSED = ("cancelled", "completed")


def part_name(code: str, name_en: str, name_zh: str) -> str:
    name = (name_zh if speaks_chinese() else name_en) or name_en or name_zh
    return f"{code}  {name}"


def _line_columns() -> list[Column]:
    def serials(row: VisitPartRow) -> str:
        if not (row.removed_serial or row.fitted_serial):
            return ""
        return f"{row.removed_serial or '-'} → {row.fitted_serial or '-'}"

    return [
        Column(
            lambda: QCoreApplication.translate("VisitPartsPanel", "Part"),
            lambda r: part_name(r.part_code, r.name_en, r.name_zh),
        ),
        Column(
            lambda: QCoreApplication.translate("VisitPartsPanel", "Location"),
            lambda r: r.location_name,
        ),
        Column(
            lambda: QCoreApplication.translate("VisitPartsPanel", "Qty"), lambda r: str(r.quantity)
        ),
        Column(
            lambda: QCoreApplication.translate("VisitPartsPanel", "Status"),
            lambda r: line_status_name(r.status),
            colours=lambda r: ("#6b6b6b", None) if r.status == "returned" else None,
        ),
        Column(
            lambda: QCoreApplication.translate("VisitPartsPanel", "Removed → fitted serial"),
            serials,
        ),
        Column(
            lambda: QCoreApplication.translate("VisitPartsPanel", "Reserved"),
            lambda r: f"{local_text(r.reserved_at)}  {r.reserved_by}",
        ),
    ]


def _part_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("ReservePartDialog", "Code"), lambda r: r.code),
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "Part"),
            lambda r: r.name(speaks_chinese()),
        ),
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "Fits this device"),
            lambda r: "✓" if r.fits else "",
            bold=lambda r: bool(r.fits),
        ),
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "Unit price"),
            lambda r: f"{r.unit_price:.2f}",
        ),
    ]


def _stock_columns() -> list[Column]:
    return [
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "Location"),
            lambda r: r.location_name,
        ),
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "Kind"),
            lambda r: location_kind_name(r.location_kind),
        ),
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "Where"),
            lambda r: nearness_name(r.nearness),
        ),
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "Available"),
            lambda r: str(r.available),
            bold=lambda r: r.available > 0,
            colours=lambda r: ("#6b6b6b", None) if r.available <= 0 else None,
        ),
        Column(
            lambda: QCoreApplication.translate("ReservePartDialog", "On hand"),
            lambda r: str(r.on_hand),
        ),
    ]


def _select(table: QWidget, model: RowsModel, index: int) -> None:
    table.selectionModel().setCurrentIndex(  # type: ignore[attr-defined]
        model.index(index, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


class ReservePartDialog(QDialog):
    """Choose a part, a location and a quantity; reserve it for the visit."""

    # The reserved line (VisitPartRow) after a successful reservation.
    reserved = Signal(object)

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        visit_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reservePartDialog")
        self.setMinimumWidth(640)
        self.setStyleSheet(INVALID_STYLE)
        self.db, self.runner, self.user, self.visit_id = db, runner, user, visit_id
        self.context: ReserveContext | None = None
        self.part: PartRow | None = None
        self.shortage: StockShortage | None = None
        self._wanted_location: int | None = None
        self._saving = False

        self.context_label = QLabel()
        self.context_label.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("partSearch")
        self.search.setClearButtonEnabled(True)
        self._search_caption = QLabel()
        self._search_caption.setBuddy(self.search)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())

        self.parts = RowsModel(_part_columns(), self)
        self.parts_table = rows_table(self.parts, "partsTable")
        self.parts_table.selectionModel().currentRowChanged.connect(self._part_chosen)
        self.part_message = QLabel()
        self.part_message.setObjectName("partMessage")
        self.part_message.setWordWrap(True)
        self.part_message.setStyleSheet("color: #b3261e;")
        self.part_message.hide()

        self._stock_caption = QLabel()
        self.stock = RowsModel(_stock_columns(), self)
        self.stock_table = rows_table(self.stock, "stockTable")
        self.stock_table.selectionModel().currentRowChanged.connect(self._location_chosen)

        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantity")
        self.quantity.setRange(1, MAX_PER_LINE)
        self.quantity.setMaximumWidth(self.quantity.fontMetrics().horizontalAdvance("0") * 12)
        self.quantity_box = FieldBox(self.quantity)
        self.quantity.valueChanged.connect(self._clear_shortage)
        self.alternatives = QWidget()
        self.alternatives.setObjectName("alternatives")
        self._alternatives_layout = FlowLayout(self.alternatives, spacing=6)
        self.alternative_buttons: list[QPushButton] = []
        self.alternatives.hide()

        self.status = QLabel()
        self.status.setObjectName("dialogStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b3261e;")
        self.status.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reserve_button = QPushButton()
        self.reserve_button.setObjectName("reserveButton")
        self.reserve_button.setEnabled(False)
        self.buttons.addButton(self.reserve_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        search_row = QHBoxLayout()
        search_row.addWidget(self._search_caption)
        search_row.addWidget(self.search, 1)
        quantity_row = QHBoxLayout()
        quantity_row.addWidget(self.quantity_box.caption, 0, Qt.AlignmentFlag.AlignTop)
        quantity_column = QVBoxLayout()
        quantity_column.addWidget(self.quantity_box)
        quantity_column.addWidget(self.alternatives)
        quantity_row.addLayout(quantity_column, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.context_label)
        layout.addLayout(search_row)
        layout.addWidget(self.parts_table, 3)
        layout.addWidget(self.part_message)
        layout.addWidget(self._stock_caption)
        layout.addWidget(self.stock_table, 2)
        layout.addLayout(quantity_row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.runner.read(
            reserve_context,
            self.db,
            self.user,
            self.visit_id,
            on_done=self._context_read,
            on_error=self._failed,
        )

    # -- reading -------------------------------------------------------------

    def _context_read(self, context: ReserveContext) -> None:
        self.context = context
        self._describe()
        self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        model_id = self.context.product_model_id if self.context else None
        self.runner.read(
            partial(search_parts, fits_model_id=model_id),
            self.db,
            self.user,
            self.search.text(),
            on_done=self._parts_found,
            on_error=self._failed,
            key=f"reserve-search-{id(self)}",
        )

    def _parts_found(self, rows: Sequence[PartRow]) -> None:
        chosen = self.part.id if self.part else None
        self.parts.set_rows(rows)
        self.parts_table.resizeColumnsToContents()
        for index, row in enumerate(rows):
            if row.id == chosen:
                _select(self.parts_table, self.parts, index)
                return

    def _part_chosen(self) -> None:
        index = self.parts_table.currentIndex()
        if not index.isValid():
            return
        part: PartRow = self.parts.row(index.row())
        if self.part is None or part.id != self.part.id:
            self._wanted_location = None
            self._clear_shortage()
            self.stock.set_rows([])
        self.part = part
        self.part_message.hide()
        self._refresh_button()
        self.read_stock()

    def read_stock(self) -> None:
        if self.part is None:
            return
        region = self.context.region_id if self.context else None
        self.runner.read(
            partial(part_stock, near_region_id=region),
            self.db,
            self.user,
            self.part.id,
            on_done=self._stock_read,
            on_error=self._failed,
            key=f"reserve-stock-{id(self)}",
        )

    def _stock_read(self, rows: Sequence[StockRow]) -> None:
        if self.part is None or any(r.part_id != self.part.id for r in rows):
            return  # an answer about a part no longer chosen
        wanted = self._wanted_location or self.location_id()
        if wanted is None and self.context and self.context.van_location_id:
            wanted = self.context.van_location_id  # the engineer's own van first
        self.stock.set_rows(rows)
        self.stock_table.resizeColumnsToContents()
        for index, row in enumerate(rows):
            if row.location_id == wanted:
                _select(self.stock_table, self.stock, index)
                break
        else:
            if rows:
                first_free = next((i for i, r in enumerate(rows) if r.available > 0), 0)
                _select(self.stock_table, self.stock, first_free)
        self._wanted_location = None
        self._refresh_button()

    def location_id(self) -> int | None:
        index = self.stock_table.currentIndex()
        if not index.isValid():
            return None
        row: StockRow = self.stock.row(index.row())
        return row.location_id

    def _location_chosen(self) -> None:
        self._refresh_button()

    def pick_location(self, location_id: int) -> None:
        """Choose `location_id` in the stock list (an alternative's button)."""
        self._clear_shortage()
        for index, row in enumerate(self.stock.rows()):
            if row.location_id == location_id:
                _select(self.stock_table, self.stock, index)
                self.quantity.setFocus()
                return
        self._wanted_location = location_id
        self.read_stock()

    # -- writing -------------------------------------------------------------

    def _refresh_button(self) -> None:
        closed = self.context is not None and self.context.status in CLOSED
        ready = self.part is not None and self.location_id() is not None
        self.reserve_button.setEnabled(ready and not closed and not self._saving)

    def submit(self) -> None:
        location_id = self.location_id()
        if self.part is None or location_id is None or self._saving:
            return
        self._saving = True
        self._refresh_button()
        self.status.hide()
        self.runner.write(
            reserve_part,
            self.db,
            self.user,
            self.visit_id,
            self.part.id,
            location_id,
            self.quantity.value(),
            on_done=self._done,
            on_error=self._refused,
        )

    def _done(self, row: VisitPartRow) -> None:
        self._saving = False
        self.reserved.emit(row)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._saving = False
        self._refresh_button()
        if isinstance(error, StockShortage):
            self.show_shortage(error)
            self.read_stock()  # the numbers have moved: show them as they are now
            return
        if isinstance(error, EditRejected):
            self._field_errors(error.errors)
            return
        self._failed(error)

    def _field_errors(self, errors: Sequence[FieldError]) -> None:
        loose = []
        for error in errors:
            if error.field == "quantity":
                self.quantity_box.show_error(error)
                self.quantity_box.message.setText(parts_error_text(error))
            elif error.field == "part_id":
                self.part_message.setText(parts_error_text(error))
                self.part_message.show()
            else:
                loose.append(parts_error_text(error))
        if loose:
            self.status.setText(" ".join(loose))
            self.status.show()

    def show_shortage(self, shortage: StockShortage) -> None:
        """The message at the quantity, and a button per location that has the part."""
        self.shortage = shortage
        self._clear_alternatives()
        self.quantity_box.show_error(shortage.errors[0])
        self.quantity_box.message.setText(self._shortage_text(shortage))
        for row in shortage.elsewhere[:MOST_ALTERNATIVES]:
            button = QPushButton(
                self.tr("{location}: {available} available").format(
                    location=row.location_name, available=row.available
                )
            )
            button.setObjectName(f"alternative_{row.location_id}")
            button.setToolTip(
                self.tr("Reserve from {location} ({kind}, {where})").format(
                    location=row.location_name,
                    kind=location_kind_name(row.location_kind),
                    where=nearness_name(row.nearness),
                )
            )
            button.clicked.connect(lambda _checked=False, i=row.location_id: self.pick_location(i))
            self._alternatives_layout.addWidget(button)
            self.alternative_buttons.append(button)
        self.alternatives.setVisible(bool(self.alternative_buttons))

    def _shortage_text(self, shortage: StockShortage) -> str:
        here = next(
            (r.location_name for r in self.stock.rows() if r.location_id == shortage.location_id),
            "",
        )
        text = self.tr("Only {available} of {wanted} available at {location}.").format(
            available=shortage.available, wanted=shortage.wanted, location=here
        )
        if shortage.elsewhere:
            return text + " " + self.tr("In stock at (click to choose):")
        return text + " " + self.tr("No other location has it in stock.")

    def _clear_alternatives(self) -> None:
        for button in self.alternative_buttons:
            self._alternatives_layout.removeWidget(button)
            button.deleteLater()
        self.alternative_buttons = []
        self.alternatives.hide()

    def _clear_shortage(self) -> None:
        if self.shortage is None and not self.quantity_box.message.isVisible():
            return
        self.shortage = None
        self.quantity_box.clear_error()
        self._clear_alternatives()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(parts_failure_text(error))
        self.status.show()

    # -- words ---------------------------------------------------------------

    def _describe(self) -> None:
        context = self.context
        if context is None:
            self.context_label.setText("")
        elif context.status in CLOSED:
            error = FieldError("visit_id", "visit_closed", {"status": context.status})
            self.context_label.setText(parts_error_text(error))
        elif context.model_name:
            self.context_label.setText(
                self.tr("Parts that fit {model} come first.").format(model=context.model_name)
            )
        else:
            self.context_label.setText(self.tr("The visit names no device: all parts are shown."))
        self._refresh_button()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reserve a part for the visit"))
        self._search_caption.setText(self.tr("&Find part:"))
        self.search.setPlaceholderText(self.tr("Code or name"))
        self._stock_caption.setText(self.tr("Stock by location, nearest first:"))
        self.quantity_box.caption.setText(self.tr("&Quantity:"))
        self.reserve_button.setText(self.tr("&Reserve"))
        self.parts.retranslate()
        self.stock.retranslate()
        self._describe()
        if self.shortage is not None:
            self.show_shortage(self.shortage)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class VisitPartsPanel(QWidget):
    """The visit's parts with "Reserve part…" and "Return" (for a reserved line)."""

    # A line was reserved or returned here: the visit window may refresh its totals.
    changed = Signal()
    # The lines as read (tuple[VisitPartRow, ...]): the sheet lists the reserved ones.
    rows_shown = Signal(object)

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        visit_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitPartsPanel")
        self.db, self.runner, self.user, self.visit_id = db, runner, user, visit_id
        self.context: ReserveContext | None = None
        self.dialog: ReservePartDialog | None = None
        self._title = QLabel()
        self._title.setObjectName("visitPartsTitle")
        self.model = RowsModel(_line_columns(), self)
        self.table = rows_table(self.model, "visitPartsTable")
        self.table.selectionModel().currentRowChanged.connect(self._refresh_buttons)
        self.reserve_button = QPushButton()
        self.reserve_button.setObjectName("reservePart")
        self.reserve_button.clicked.connect(self.open_reserve)
        self.return_button = QPushButton()
        self.return_button.setObjectName("returnPart")
        self.return_button.clicked.connect(self.return_selected)
        self.status = QLabel()
        self.status.setObjectName("partsStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self._title)
        buttons.addStretch(1)
        buttons.addWidget(self.reserve_button)
        buttons.addWidget(self.return_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self._refresh_buttons()
        self.reload()

    def reload(self) -> None:
        self.runner.read(
            reserve_context,
            self.db,
            self.user,
            self.visit_id,
            on_done=self._context_read,
            on_error=self._failed,
            key=f"visit-parts-context-{self.visit_id}-{id(self)}",
        )
        self.runner.read(
            visit_parts,
            self.db,
            self.user,
            self.visit_id,
            on_done=self._show,
            on_error=self._failed,
            key=f"visit-parts-{self.visit_id}-{id(self)}",
        )

    def on_changes(self, changes: list[Change]) -> None:
        """Re-read when another desk changed this visit's parts (or the visit itself)."""
        if any(
            c.entity in ("visit_parts", "visit") and c.entity_id == self.visit_id for c in changes
        ):
            self.reload()

    def _context_read(self, context: ReserveContext) -> None:
        self.context = context
        self._refresh_buttons()

    def _show(self, rows: Sequence[VisitPartRow]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        self.rows_shown.emit(tuple(rows))
        self.table.resizeColumnsToContents()
        for index, row in enumerate(rows):
            if chosen is not None and row.id == chosen.id:
                _select(self.table, self.model, index)
        self._refresh_buttons()

    def selected(self) -> VisitPartRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: VisitPartRow = self.model.row(index.row())
        return row

    def _refresh_buttons(self) -> None:
        closed = self.context is not None and self.context.status in CLOSED
        self.reserve_button.setEnabled(self.context is not None and not closed)
        line = self.selected()
        self.return_button.setEnabled(line is not None and line.status == "reserved")

    def open_reserve(self) -> ReservePartDialog:
        dialog = ReservePartDialog(
            db=self.db, runner=self.runner, user=self.user, visit_id=self.visit_id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reserved.connect(self._reserved)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self) -> None:
        self.dialog = None

    def _reserved(self, row: VisitPartRow) -> None:
        self._say(
            self.tr("Reserved {quantity} × {part} at {location}.").format(
                quantity=row.quantity,
                part=part_name(row.part_code, row.name_en, row.name_zh),
                location=row.location_name,
            )
        )
        self.reload()
        self.changed.emit()

    def return_selected(self) -> None:
        line = self.selected()
        if line is None or line.status != "reserved":
            return
        self.return_button.setEnabled(False)
        self.runner.write(
            return_part,
            self.db,
            self.user,
            line.id,
            on_done=self._returned,
            on_error=self._return_refused,
        )

    def _returned(self, row: VisitPartRow) -> None:
        self._say(
            self.tr("Returned {quantity} × {part} to {location}.").format(
                quantity=row.quantity,
                part=part_name(row.part_code, row.name_en, row.name_zh),
                location=row.location_name,
            )
        )
        self.reload()
        self.changed.emit()

    def _return_refused(self, error: BaseException) -> None:
        self._say(parts_failure_text(error), error=True)
        self.reload()  # another desk may have settled the line: show it as it is

    def _failed(self, error: BaseException) -> None:
        self._say(parts_failure_text(error), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b3261e;" if error else "color: #1b5e20;")
        self.status.setText(text)

    def retranslate(self) -> None:
        self._title.setText(self.tr("Parts"))
        self.reserve_button.setText(self.tr("Reserve &part…"))
        self.return_button.setText(self.tr("Re&turn"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
