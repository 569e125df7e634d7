"""Tables show a cell's whole text as a tooltip when the column is too narrow for it.

A shortened cell ("Shenzhen Hua…") hides what the agent needs; a tooltip on every cell
would be noise. So the tip appears only where the text does not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

Index = QModelIndex | QPersistentModelIndex
_PADDING = 12  # the style's text margins on both sides of a cell


class CellTipDelegate(QStyledItemDelegate):
    """Shows a cell's full text as a tooltip only when it is cut short."""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        if index.data(Qt.ItemDataRole.ToolTipRole):
            return super().helpEvent(event, view, option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if isinstance(text, str) and text and is_cut_short(view, index, text):
            QToolTip.showText(event.globalPos(), text, view)
            return True
        QToolTip.hideText()
        event.ignore()
        return True


def is_cut_short(view: QAbstractItemView, index: Index, text: str) -> bool:
    """Whether `text` is wider than the cell it is drawn in."""
    metrics = view.fontMetrics()
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [text])
    if isinstance(index, QPersistentModelIndex):
        index = view.model().index(index.row(), index.column())
    return widest + _PADDING > view.visualRect(index).width()


def show_cut_text_as_tips(view: QAbstractItemView) -> None:
    """Install the tooltip on a table whose cells may be cut short."""
    view.setItemDelegate(CellTipDelegate(view))
