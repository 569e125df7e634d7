"""How the board paints its visit blocks: colours by kind, late edges, and their text.

A region's week shows hundreds of blocks, and a drag repaints them at every mouse move, so
the painter does the per-block work once: each block's three lines are made when first
needed, each line fitted to a width is kept as a QStaticText (laid out once, drawn fast),
and blocks are painted in passes (all boxes, then all bold lines, then all small lines)
so the font changes three times a paint, not three times a block.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QStaticText

from workstation.services.schedule_board import VisitBlock

# Fill and edge of each visit kind (light fills: dark text stays readable on all of them).
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "repair": ("#cfe2fb", "#2f6db5"),
    "installation": ("#d3efcf", "#3a8a34"),
    "preventive_maintenance": ("#fbe5c0", "#b7741a"),
    "inspection": ("#e4d9f6", "#6a4ca3"),
    "training": ("#cdeeed", "#247c77"),
}
OTHER_KIND = ("#e6e6e6", "#777777")
LATE_COLOUR = "#c62828"
TEXT_COLOUR = "#1d1d1d"
MUTED_TEXT = "#666666"
PENDING_OPACITY = 0.45
LATE_EDGE = 4  # px of red along a late block's left side
_MAX_CACHED = 20_000  # fitted lines kept (a week of a region uses a few thousand)


def kind_colours(kind: str) -> tuple[str, str]:
    return KIND_COLOURS.get(kind, OTHER_KIND)


def fit(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` elided to `width`; cut instead when the ellipsis would leave under two
    characters (a block two characters wide still shows "上海", not "上…")."""
    if width <= 0:
        return ""
    if metrics.horizontalAdvance(text) <= width:
        return text
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if len(elided) >= 3:
        return elided
    count = 0
    while count < len(text) and metrics.horizontalAdvance(text[: count + 1]) <= width:
        count += 1
    return text[:count]


class _Style:
    """The pens and brushes of one kind, made once."""

    def __init__(self, kind: str) -> None:
        fill, edge = kind_colours(kind)
        self.fill = QBrush(QColor(fill))
        self.done = QBrush(QColor(fill).lighter(108))
        self.edge = QPen(QColor(edge), 1)
        self.dashed = QPen(QColor(edge), 1, Qt.PenStyle.DashLine)
        self.mark = QPen(QColor(edge))


class BlockPainter:
    """Paints blocks into rectangles; its caches hold across paints of the same board."""

    def __init__(self, font: QFont) -> None:
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        self._bold_metrics = QFontMetrics(self.bold)
        self._small_metrics = QFontMetrics(self.small)
        self._styles: dict[str, _Style] = {}
        self._lines: dict[tuple[int, datetime, datetime], tuple[str, str, str]] = {}
        self._fitted: dict[tuple[str, int, bool], QStaticText | None] = {}
        self._late_pen = QPen(QColor(LATE_COLOUR), 1.5)
        self._late_fill = QColor(LATE_COLOUR)
        self._text_pen = QPen(QColor(TEXT_COLOUR))
        self._muted_pen = QPen(QColor(MUTED_TEXT))
        self._mark_width = self._bold_metrics.horizontalAdvance("!") + 3

    @property
    def bold_height(self) -> int:
        return self._bold_metrics.height()

    @property
    def small_height(self) -> int:
        return self._small_metrics.height()

    def forget(self) -> None:
        """A new board: its blocks' lines are made afresh."""
        self._lines.clear()
        if len(self._fitted) > _MAX_CACHED:
            self._fitted.clear()

    def lines(self, block: VisitBlock, zone: tzinfo) -> tuple[str, str, str]:
        """Customer; priority and model; time and city."""
        key = (block.id, block.starts_at, block.ends_at)
        found = self._lines.get(key)
        if found is None:
            start = block.starts_at.astimezone(zone).strftime("%H:%M")
            end = block.ends_at.astimezone(zone).strftime("%H:%M")
            found = (
                block.customer_name,
                " · ".join(p for p in (block.priority, block.model_code or block.model_name) if p),
                " · ".join(p for p in (f"{start}–{end}", block.site_city or block.site_name) if p),
            )
            self._lines[key] = found
        return found

    def _style(self, kind: str) -> _Style:
        style = self._styles.get(kind)
        if style is None:
            style = self._styles[kind] = _Style(kind)
        return style

    def _static(self, text: str, width: int, bold: bool) -> QStaticText | None:
        key = (text, width, bold)
        if key in self._fitted:
            return self._fitted[key]
        shown = fit(text, self._bold_metrics if bold else self._small_metrics, width)
        static = None
        if shown:
            static = QStaticText(shown)
            static.setTextFormat(Qt.TextFormat.PlainText)
        self._fitted[key] = static
        return static

    def paint(
        self,
        painter: QPainter,
        blocks: Sequence[tuple[VisitBlock, QRectF]],
        zone: tzinfo,
        *,
        dimmed: bool = False,
    ) -> None:
        if not blocks:
            return
        painter.save()
        if dimmed:
            painter.setOpacity(PENDING_OPACITY)
        texts: list[tuple[VisitBlock, QRectF]] = []
        for block, rect in blocks:
            style = self._style(block.kind)
            box = rect.adjusted(0.5, 0.5, -0.5, -0.5)
            painter.setPen(style.dashed if dimmed else style.edge)
            painter.setBrush(style.done if block.status == "completed" else style.fill)
            painter.drawRect(box)
            if block.late:
                painter.fillRect(
                    QRectF(rect.left(), rect.top(), LATE_EDGE, rect.height()), self._late_fill
                )
                painter.setPen(self._late_pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(box)
            if rect.width() >= 18:
                texts.append((block, rect))
        self._paint_first_lines(painter, texts, zone)
        self._paint_small_lines(painter, texts, zone)
        painter.restore()

    @staticmethod
    def _inner(block: VisitBlock, rect: QRectF) -> QRectF:
        left = 3 + (LATE_EDGE - 1 if block.late else 0)
        return rect.adjusted(left, 2, -2, -2)

    def _paint_first_lines(
        self, painter: QPainter, texts: Sequence[tuple[VisitBlock, QRectF]], zone: tzinfo
    ) -> None:
        painter.setFont(self.bold)
        for block, rect in texts:
            inner = self._inner(block, rect)
            width = int(inner.width())
            if block.late:
                painter.setPen(self._late_pen)
                painter.drawText(
                    QPointF(inner.right() - self._mark_width + 3, inner.top() + self._bold_ascent),
                    "!",
                )
                width -= self._mark_width
            static = self._static(self.lines(block, zone)[0], width, True)
            if static is not None:
                painter.setPen(self._text_pen)
                painter.drawStaticText(inner.topLeft(), static)

    @property
    def _bold_ascent(self) -> int:
        return self._bold_metrics.ascent()

    def _paint_small_lines(
        self, painter: QPainter, texts: Sequence[tuple[VisitBlock, QRectF]], zone: tzinfo
    ) -> None:
        painter.setFont(self.small)
        small = self._small_metrics.height()
        for block, rect in texts:
            inner = self._inner(block, rect)
            width = int(inner.width())
            top = inner.top() + self._bold_metrics.height()
            painter.setPen(self._muted_pen)
            for text in self.lines(block, zone)[1:]:
                if top + small > inner.bottom() + 2:
                    break
                static = self._static(text, width, False) if text else None
                if static is not None:
                    painter.drawStaticText(QPointF(inner.left(), top), static)
                top += small
            if block.status == "completed":
                painter.setPen(self._style(block.kind).mark)
                corner = QRectF(rect.right() - 14, rect.bottom() - 14, 12, 12)
                painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, "✓")
