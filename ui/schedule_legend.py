"""The schedule's legend: what each colour, edge and hatching of the board means."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.schedule_board_view import ABSENCE_COLOUR, OFF_TIME
from ui.schedule_paint import KIND_COLOURS, LATE_COLOUR, PENDING_OPACITY, kind_colours
from ui.visit_words import kind_name

_SWATCH = 14
_GAP = 6
_SPACING = 16


class ScheduleLegend(QWidget):
    """One line of swatches with their meaning, painted (it repaints in the new language)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleLegend")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def entries(self) -> list[tuple[str, str]]:
        """(what, its text), in the order shown."""
        kinds = [(kind, kind_name(kind)) for kind in KIND_COLOURS]
        return [
            *kinds,
            ("late", self.tr("Late")),
            ("completed", self.tr("Done")),
            ("absence", self.tr("Absent")),
            ("off", self.tr("Off hours")),
            ("pending", self.tr("Being moved")),
        ]

    def _line_height(self) -> int:
        return max(_SWATCH, self.fontMetrics().height()) + 6

    def _places(self, width: int) -> list[tuple[str, str, float, int]]:
        """(what, text, x, line) of each entry, wrapping between entries at `width`."""
        metrics = self.fontMetrics()
        places = []
        x, line = 2.0, 0
        for what, text in self.entries():
            wide = _SWATCH + _GAP + metrics.horizontalAdvance(text)
            if x > 2 and x + wide > width:
                x, line = 2.0, line + 1
            places.append((what, text, x, line))
            x += wide + _SPACING
        return places

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = sum(
            _SWATCH + _GAP + metrics.horizontalAdvance(text) + _SPACING
            for _what, text in self.entries()
        )
        return QSize(width, self._line_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self._line_height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        lines = 1 + max((line for *_rest, line in self._places(width)), default=0)
        return lines * self._line_height()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            metrics = painter.fontMetrics()
            high = self._line_height()
            for what, text, x, line in self._places(self.width()):
                top = line * high
                swatch = QRectF(x, top + (high - _SWATCH) / 2, _SWATCH, _SWATCH)
                self._swatch(painter, what, swatch)
                painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
                painter.drawText(
                    QRectF(x + _SWATCH + _GAP, top, metrics.horizontalAdvance(text) + 2, high),
                    Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
        finally:
            painter.end()

    @staticmethod
    def _swatch(painter: QPainter, what: str, rect: QRectF) -> None:
        painter.save()
        if what in KIND_COLOURS:
            fill, edge = kind_colours(what)
            painter.setPen(QPen(QColor(edge), 1))
            painter.setBrush(QColor(fill))
            painter.drawRect(rect)
        elif what == "late":
            fill, edge = kind_colours("repair")
            painter.setPen(QPen(QColor(LATE_COLOUR), 1.5))
            painter.setBrush(QColor(fill))
            painter.drawRect(rect)
            painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), QColor(LATE_COLOUR))
        elif what == "completed":
            fill, edge = kind_colours("repair")
            painter.setPen(QPen(QColor(edge), 1))
            painter.setBrush(QColor(fill).lighter(108))
            painter.drawRect(rect)
            painter.setPen(QColor("#1d1d1d"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "✓")
        elif what == "absence":
            colour = QColor(ABSENCE_COLOUR)
            tint = QColor(colour)
            tint.setAlpha(60)
            painter.fillRect(rect, tint)
            painter.fillRect(rect, QBrush(colour, Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(colour, 1))
            painter.drawRect(rect)
        elif what == "off":
            painter.setPen(QPen(QColor("#c8c8c8"), 1))
            painter.setBrush(QColor(OFF_TIME))
            painter.drawRect(rect)
        elif what == "pending":
            fill, edge = kind_colours("repair")
            painter.setOpacity(PENDING_OPACITY)
            painter.setPen(QPen(QColor(edge), 1, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(fill))
            painter.drawRect(rect)
        painter.restore()
