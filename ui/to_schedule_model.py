"""The "to schedule" list: visits due but not booked, rows a dispatcher drags onto the board."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ui.customer_card import Column, RowsModel
from ui.schedule_board_view import VISIT_MIME, visit_mime
from ui.schedule_words import device_text, unscheduled_tip
from ui.visit_words import kind_name
from workstation.services.schedule_board import UnscheduledVisit

Index = QModelIndex | QPersistentModelIndex
OVERDUE = ("#8a1c1c", "#fde2e1")


def _columns() -> list[Column]:
    def overdue(row: UnscheduledVisit) -> tuple[str | None, str | None] | None:
        return OVERDUE if row.overdue else None

    return [
        Column(
            lambda: QCoreApplication.translate("ToScheduleModel", "Due"),
            lambda r: r.due_on.isoformat() if r.due_on else "",
            colours=overdue,
        ),
        Column(
            lambda: QCoreApplication.translate("ToScheduleModel", "Kind"),
            lambda r: kind_name(r.kind),
        ),
        Column(
            lambda: QCoreApplication.translate("ToScheduleModel", "Customer"),
            lambda r: r.customer_name,
        ),
        Column(
            lambda: QCoreApplication.translate("ToScheduleModel", "Device"),
            lambda r: device_text(r.model_code, "", r.serial),
        ),
        Column(
            lambda: QCoreApplication.translate("ToScheduleModel", "City"),
            lambda r: r.site_city or r.site_name,
        ),
        Column(
            lambda: QCoreApplication.translate("ToScheduleModel", "Priority"), lambda r: r.priority
        ),
    ]


class ToScheduleModel(RowsModel):
    """Rows of `UnscheduledVisit`; each drags as the visit's id and version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_columns(), parent)

    def set_visits(self, visits: Sequence[UnscheduledVisit]) -> None:
        self.set_rows(visits)

    def visit(self, row: int) -> UnscheduledVisit:
        found = self.row(row)
        assert isinstance(found, UnscheduledVisit)
        return found

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return unscheduled_tip(self.visit(index.row()))
        return super().data(index, role)

    def mimeTypes(self) -> list[str]:
        return [VISIT_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if not rows:
            return QMimeData()
        visit = self.visit(rows[0])
        return visit_mime(visit.id, visit.version)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
