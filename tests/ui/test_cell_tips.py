"""A cut-short cell shows its whole text as a tooltip; a cell that fits shows none."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from ui.customer_card import Column, RowsModel, rows_table

LONG = "深圳华强北电子科技有限公司 (Shenzhen Huaqiangbei Electronics Technology Co., Ltd.)"


@dataclass(frozen=True)
class Row:
    id: int
    name: str


def _tip_at(qtbot: QtBot, table: object, row: int) -> str:
    from PySide6.QtWidgets import QTableView

    assert isinstance(table, QTableView)
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    rect = table.visualRect(table.model().index(row, 0))
    where = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, table.viewport().mapToGlobal(where))
    QApplication.sendEvent(table.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


# The offscreen platform cannot raise the tooltip window: nothing to do with the product.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_only_a_cut_short_cell_has_a_tooltip(qtbot: QtBot) -> None:
    model = RowsModel([Column(lambda: "Name", lambda r: r.name)])
    model.set_rows([Row(1, LONG), Row(2, "Li Na")])
    table = rows_table(model, "tipsTable")
    qtbot.addWidget(table)
    table.horizontalHeader().setStretchLastSection(False)
    table.setColumnWidth(0, 120)
    table.resize(300, 200)
    table.show()
    qtbot.waitExposed(table)

    assert _tip_at(qtbot, table, 0) == LONG
    assert _tip_at(qtbot, table, 1) == ""

    table.setColumnWidth(0, table.fontMetrics().horizontalAdvance(LONG) + 40)
    assert _tip_at(qtbot, table, 0) == ""
