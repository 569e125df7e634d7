"""The parts fitted at a visit, as the service sheet records them.

Every line the visit has reserved is listed with how many were used (all, by default) and,
for a serialised part, the serials of the removed and the fitted unit. Lines used 0 times
go back to stock when the sheet is saved; to fit a part from the van that was not reserved,
reserve it first (the parts panel), then it is listed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui.visit_parts_panel import part_name
from workstation.services.visit_part_lines import VisitPartRow
from workstation.services.visit_parts import PartUse

PART, RESERVED, USED, REMOVED, FITTED = range(5)
_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_FIXED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class PartsUsedTable(QTableWidget):
    """A handful of lines (a visit's reservations), edited in place."""

    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setObjectName("partsUsedTable")
        self.lines: list[VisitPartRow] = []
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.horizontalHeader()
        header.setSectionResizeMode(PART, QHeaderView.ResizeMode.Stretch)
        for column in (RESERVED, USED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (REMOVED, FITTED):
            header.resizeSection(column, 90)
        self.setMaximumHeight(140)
        self.retranslate()

    def set_lines(self, rows: Sequence[VisitPartRow]) -> None:
        """The reserved lines; what was typed for a line still listed is kept."""
        typed = {line.id: self._typed(index) for index, line in enumerate(self.lines)}
        self.lines = [row for row in rows if row.status == "reserved"]
        self.setRowCount(len(self.lines))
        for index, line in enumerate(self.lines):
            used, removed, fitted = typed.get(line.id, (str(line.quantity), "", ""))
            name = part_name(line.part_code, line.name_en, line.name_zh)
            self._put(index, PART, f"{name} ({line.location_name})", editable=False)
            self._put(index, RESERVED, str(line.quantity), editable=False)
            self._put(index, USED, used, editable=True)
            self._put(index, REMOVED, removed, editable=line.serialised)
            self._put(index, FITTED, fitted, editable=line.serialised)
        self.setVisible(bool(self.lines))

    def _put(self, row: int, column: int, text: str, *, editable: bool) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(_EDITABLE if editable else _FIXED)
        if column in (RESERVED, USED):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, column, item)

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def _typed(self, row: int) -> tuple[str, str, str]:
        return self._text(row, USED), self._text(row, REMOVED), self._text(row, FITTED)

    def uses(self) -> tuple[PartUse, ...] | None:
        """The parts used as typed; None (the bad cell chosen) when a count is not a number
        from 0 to what was reserved."""
        found: list[PartUse] = []
        for index, line in enumerate(self.lines):
            text = self._text(index, USED)
            if not text.isdigit() or int(text) > line.quantity:
                self.setCurrentCell(index, USED)
                return None
            if int(text) == 0:
                continue
            found.append(
                PartUse(
                    visit_part_id=line.id,
                    part_id=line.part_id,
                    location_id=line.location_id,
                    quantity=int(text),
                    removed_serial=self._text(index, REMOVED) if line.serialised else "",
                    fitted_serial=self._text(index, FITTED) if line.serialised else "",
                )
            )
        return tuple(found)

    def priced(self) -> Decimal:
        """What the parts used as typed cost at the catalogue's prices (bad counts left out)."""
        total = Decimal("0.00")
        for index, line in enumerate(self.lines):
            text = self._text(index, USED)
            if text.isdigit() and int(text) <= line.quantity:
                total += line.unit_price * int(text)
        return total

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("Part (from)"),
                self.tr("Reserved"),
                self.tr("Used"),
                self.tr("Removed serial"),
                self.tr("Fitted serial"),
            ]
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
