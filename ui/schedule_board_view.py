"""The painted schedule board: a row per engineer, the centre's local time along the columns.

One widget paints everything (no widget per block) and only what is visible: the rows in
view, and in them the blocks of the days in view. The top header (days and hours) and the
left column (engineers) stay put while the rest scrolls. Each day shows the same window of
hours, wide enough for every engineer's working hours and every block of the period;
non-working time (before and after an engineer's hours, their days off) is shaded,
absences are hatched, visits are blocks coloured by kind with their priority, customer
and device (elided to fit); a late one has a red edge and a "!" and its tooltip says why.

Dragging a block (or a "to schedule" row dropped here) asks for a move: the time snaps to
the quarter hour, the engineer is the row under the pointer. The block then waits, dimmed,
at its new place until the next board settles it.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QEvent,
    QLocale,
    QMimeData,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMenu, QToolTip, QWidget

from ui.schedule_paint import MUTED_TEXT, TEXT_COLOUR, BlockPainter
from ui.schedule_words import (
    absence_name,
    absence_tip,
    block_tip,
    engineer_tip,
    hours_text,
)
from workstation.services.schedule_board import (
    SNAP_MINUTES,
    AbsenceBar,
    BoardEngineer,
    ScheduleBoard,
    UnscheduledVisit,
    VisitBlock,
)

# What a "to schedule" row carries when dragged onto the board: {"id": …, "version": …}.
VISIT_MIME = "application/x-workstation-visit"
DAY_MINUTES = 24 * 60

OFF_TIME = "#ececec"  # outside an engineer's working hours
WORK_TIME = "#ffffff"
TODAY_TINT = "#fff8e1"
ABSENCE_COLOUR = "#8d8d8d"
GRID_COLOUR = "#e2e2e2"
DAY_LINE = "#b9b9b9"
NOW_COLOUR = "#e53935"


def visit_mime(visit_id: int, version: int) -> QMimeData:
    data = QMimeData()
    payload = json.dumps({"id": visit_id, "version": version}).encode()
    data.setData(VISIT_MIME, QByteArray(payload))
    return data


def _mime_visit(data: QMimeData) -> tuple[int, int] | None:
    if not data.hasFormat(VISIT_MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(VISIT_MIME).data()).decode())
        return int(payload["id"]), int(payload["version"])
    except (ValueError, KeyError, TypeError):
        return None


class _Timed(Protocol):
    """A block or an absence: an engineer's stretch of time."""

    @property
    def engineer_id(self) -> int: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...


_T = TypeVar("_T", bound=_Timed)


@dataclass(frozen=True, slots=True)
class _Segment:
    """The part of a block or absence on one day: minutes after that day's local midnight."""

    day: int
    start: int
    end: int


@dataclass
class _Drag:
    """A block being dragged (or a press that may become a drag)."""

    block: VisitBlock
    press: QPoint
    grab: timedelta  # from the block's start to the pointer's time when pressed
    moving: bool = False


class BoardView(QAbstractScrollArea):
    """The board. Signals as the schedule page's (it passes them on)."""

    move_requested = Signal(int, int, int, object, object)  # id, version, engineer, start, end
    visit_opened = Signal(int)
    move_dialog_requested = Signal(int)
    cancel_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleBoard")
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.board: ScheduleBoard | None = None
        self.menu: QMenu | None = None  # the last context menu (tests trigger its actions)
        self._zone = ZoneInfo("Asia/Shanghai")
        self._now: datetime | None = None
        self._rows: dict[int, int] = {}  # engineer id → row
        self._engineers: list[BoardEngineer] = []
        self._blocks: dict[int, list[tuple[VisitBlock, _Segment]]] = {}  # by row
        self._absences: dict[int, list[tuple[AbsenceBar, _Segment]]] = {}
        self._unscheduled: dict[int, UnscheduledVisit] = {}
        self._pending: dict[int, tuple[VisitBlock, int]] = {}  # id → (moved block, version)
        self._pending_segments: dict[int, list[tuple[VisitBlock, _Segment]]] = {}
        self._ghost: VisitBlock | None = None  # where a drag would put its block
        self._drag: _Drag | None = None
        self._window = (8 * 60, 18 * 60)  # minutes of each day shown
        self._painter = BlockPainter(self.font())
        self._bold = self._painter.bold
        self._small = self._painter.small
        self._metrics()
        self._hscroll = self._vscroll = 0  # the scroll bars' values (read at every x and y)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- data --------------------------------------------------------------------------------

    def set_board(
        self, board: ScheduleBoard, *, now: datetime | None = None, settle: bool = False
    ) -> None:
        """Show `board`. `settle`: moves waiting for it are over (shown as the board says);
        else a waiting move stays until its visit's version changes."""
        self.board = board
        self._now = now
        self._painter.forget()
        self._zone = ZoneInfo(board.timezone)
        self._engineers = list(board.engineers)
        self._rows = {e.id: row for row, e in enumerate(self._engineers)}
        self._unscheduled = {v.id: v for v in board.to_schedule}
        self._blocks = {}
        for block in board.blocks:
            self._place(self._blocks, block)
        self._absences = {}
        for absence in board.absences:
            self._place(self._absences, absence)
        if settle:
            self._pending.clear()
        else:
            versions = {b.id: b.version for b in board.blocks}
            versions.update((v.id, v.version) for v in board.to_schedule)
            self._pending = {
                vid: moved for vid, moved in self._pending.items() if versions.get(vid) == moved[1]
            }
        self._place_pending()
        self._window = self._hours_shown()
        self._metrics()
        self._update_scrollbars()
        self.viewport().update()

    def clear_pending(self) -> None:
        self._pending.clear()
        self._place_pending()
        self.viewport().update()

    @property
    def pending(self) -> dict[int, VisitBlock]:
        """Moves asked for and not settled yet: the visit at its new place."""
        return {vid: moved for vid, (moved, _version) in self._pending.items()}

    def _place(self, into: dict[int, list[tuple[_T, _Segment]]], item: _T) -> None:
        row = self._rows.get(item.engineer_id)
        if row is None:
            return
        for segment in self._segments(item.starts_at, item.ends_at):
            into.setdefault(row, []).append((item, segment))

    def _segments(self, starts: datetime, ends: datetime) -> Iterator[_Segment]:
        """The pieces of [starts, ends) on each day of the board."""
        board = self.board
        assert board is not None
        first, last = starts.astimezone(self._zone), ends.astimezone(self._zone)
        day = max(first.date(), board.start)
        stop = min(last.date(), board.end)
        while day <= stop:
            index = (day - board.start).days
            begin = first.hour * 60 + first.minute if day == first.date() else 0
            end = last.hour * 60 + last.minute if day == last.date() else DAY_MINUTES
            if end > begin:
                yield _Segment(index, begin, end)
            day += timedelta(days=1)

    def _place_pending(self) -> None:
        self._pending_segments = {}
        for moved, _version in self._pending.values():
            self._place(self._pending_segments, moved)

    def _hours_shown(self) -> tuple[int, int]:
        """Whole hours covering every engineer's working hours and every block of the board,
        an hour more each side in the day view."""
        low = min((e.work_start_minute for e in self._engineers), default=8 * 60 + 30)
        high = max((e.work_end_minute for e in self._engineers), default=17 * 60 + 30)
        for segments in (*self._blocks.values(), *self._pending_segments.values()):
            for _block, segment in segments:
                low, high = min(low, segment.start), max(high, segment.end)
        pad = 60 if self._days() == 1 else 0
        low = max(0, (low // 60) * 60 - pad)
        high = min(DAY_MINUTES, math.ceil(high / 60) * 60 + pad)
        if high - low < 4 * 60:
            high = min(DAY_MINUTES, low + 4 * 60)
            low = min(low, high - 4 * 60)
        return low, high

    def _days(self) -> int:
        return self.board.days if self.board is not None else 7

    # -- geometry ----------------------------------------------------------------------------

    def _metrics(self) -> None:
        metrics = QFontMetrics(self.font())
        self._line = metrics.height()
        self._name_width = max(150, metrics.horizontalAdvance("M") * 13)
        self._header_height = 2 * self._line + 12
        self._layout()

    def _layout(self) -> None:
        """Row height and day columns for the viewport's size.

        Rows grow (up to two lines more) to fill the height when there are few engineers.
        A day nobody works and nothing happens on is narrower, so the others get the room.
        """
        lines = 3 if self._days() == 1 else 2
        least = lines * self._line + 14
        room = self.viewport().height() - self._header_height
        rows = max(1, len(self._engineers))
        self._row_height = min(least + 2 * self._line, max(least, room // rows))
        weights = [self._day_weight(day) for day in range(self._days())]
        hours = (self._window[1] - self._window[0]) / 60
        narrowest = hours * (56 if self._days() == 1 else 12)
        width = self.viewport().width() - self._name_width
        unit = max(narrowest, width / sum(weights))
        self._day_widths = [w * unit for w in weights]
        self._day_lefts = [sum(self._day_widths[:day]) for day in range(self._days())]

    def _day_weight(self, day: int) -> float:
        if self.board is None or self._days() == 1:
            return 1.0
        date_ = self.board.start + timedelta(days=day)
        if any(e.works_on(date_) for e in self._engineers):
            return 1.0
        for source in (self._blocks, self._absences):
            for segments in source.values():
                if any(segment.day == day for _item, segment in segments):
                    return 1.0
        return 0.4

    def _day_width(self, day: int) -> float:
        return self._day_widths[day]

    def _per_minute(self, day: int) -> float:
        return self._day_widths[day] / (self._window[1] - self._window[0])

    def _update_scrollbars(self) -> None:
        self._layout()
        room = self.viewport().width() - self._name_width
        wide = sum(self._day_widths)
        self.horizontalScrollBar().setRange(0, max(0, math.floor(wide - room)))
        self.horizontalScrollBar().setPageStep(max(1, room))
        self.horizontalScrollBar().setSingleStep(max(1, int(max(self._day_widths) / 8)))
        tall = len(self._engineers) * self._row_height
        height = self.viewport().height() - self._header_height
        self.verticalScrollBar().setRange(0, max(0, tall - height))
        self.verticalScrollBar().setPageStep(max(1, height))
        self.verticalScrollBar().setSingleStep(self._row_height)

    def _scrolled(self) -> None:
        self._hscroll = self.horizontalScrollBar().value()
        self._vscroll = self.verticalScrollBar().value()
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._scrolled()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def sizeHint(self) -> QSize:
        return QSize(900, 500)

    def _x(self, day: int, minute: float) -> float:
        left = self._name_width + self._day_lefts[day] - self._hscroll
        return left + (minute - self._window[0]) * self._per_minute(day)

    def _day_at(self, offset: float) -> int:
        """The day column at `offset` pixels right of the first day's left edge."""
        return max(0, min(self._days() - 1, bisect_right(self._day_lefts, offset) - 1))

    def _row_top(self, row: int) -> int:
        return self._header_height + row * self._row_height - self._vscroll

    def _row_at(self, y: float) -> int | None:
        if y < self._header_height:
            return None
        row = int((y - self._header_height + self._vscroll) // self._row_height)
        return row if 0 <= row < len(self._engineers) else None

    def _time_at(self, x: float) -> datetime | None:
        """The instant under x (None over the engineers' column)."""
        if self.board is None or x < self._name_width:
            return None
        offset = x - self._name_width + self._hscroll
        day = self._day_at(offset)
        within = offset - self._day_lefts[day]
        minute = self._window[0] + within / self._per_minute(day)
        minute = min(max(minute, 0.0), float(DAY_MINUTES))
        midnight = datetime.combine(self.board.start + timedelta(days=day), time(0), self._zone)
        return (midnight + timedelta(minutes=minute)).astimezone(UTC)

    def _segment_rect(self, row: int, segment: _Segment, inset: int = 3) -> QRectF:
        start = max(segment.start, self._window[0])
        end = min(segment.end, self._window[1])
        left = self._x(segment.day, start)
        width = max(3.0, self._x(segment.day, end) - left)
        top = self._row_top(row)
        return QRectF(left, top + inset, width, self._row_height - 2 * inset)

    def _block_at(self, pos: QPoint) -> VisitBlock | None:
        row = self._row_at(pos.y())
        if row is None or pos.x() < self._name_width:
            return None
        point = QPointF(pos)
        for block, segment in reversed(self._pending_segments.get(row, [])):
            if self._segment_rect(row, segment).contains(point):
                return block
        for block, segment in reversed(self._blocks.get(row, [])):
            if block.id not in self._pending and self._segment_rect(row, segment).contains(point):
                return block
        return None

    def _absence_at(self, pos: QPoint) -> AbsenceBar | None:
        row = self._row_at(pos.y())
        if row is None or pos.x() < self._name_width:
            return None
        for absence, segment in self._absences.get(row, []):
            if self._segment_rect(row, segment, inset=1).contains(QPointF(pos)):
                return absence
        return None

    def block_rect(self, visit_id: int) -> QRect:
        """Where a visit's (first) block is in the viewport; empty if not shown (tests)."""
        for source in (self._pending_segments, self._blocks):
            for row, segments in source.items():
                for block, segment in segments:
                    if block.id == visit_id and (
                        source is self._pending_segments or block.id not in self._pending
                    ):
                        return self._segment_rect(row, segment).toAlignedRect()
        return QRect()

    def slot_point(self, engineer_id: int, moment: datetime) -> QPoint:
        """The viewport point of an engineer's row at an instant (tests, drops)."""
        assert self.board is not None
        local = moment.astimezone(self._zone)
        day = (local.date() - self.board.start).days
        x = self._x(day, local.hour * 60 + local.minute)
        y = self._row_top(self._rows[engineer_id]) + self._row_height // 2
        return QPoint(round(x), y)

    def engineer_ids(self) -> list[int]:
        return [e.id for e in self._engineers]

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self._paint(painter, event.rect())
        finally:
            painter.end()

    def _visible_days(self, left: int, right: int) -> range:
        scroll = self._hscroll
        first = self._day_at(left - self._name_width + scroll)
        last = self._day_at(right - self._name_width + scroll)
        return range(first, last + 1)

    def _paint(self, painter: QPainter, area: QRect) -> None:
        palette = self.palette()
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        if self.board is None:
            return
        rows = self._visible_rows(area)
        days = self._visible_days(max(area.left(), self._name_width), area.right())
        painter.setClipRect(
            QRect(self._name_width, self._header_height, self.viewport().width(), 10**6)
        )
        for row in rows:
            self._paint_row_background(painter, row, days)
        self._paint_grid(painter, rows, days)
        shown: list[tuple[VisitBlock, QRectF]] = []
        moving: list[tuple[VisitBlock, QRectF]] = []
        left, right = area.left() - 1, area.right() + 1
        for row in rows:
            for absence, segment in self._absences.get(row, []):
                if segment.day in days:
                    self._paint_absence(painter, row, absence, segment)
            for block, segment in self._blocks.get(row, []):
                if segment.day in days and block.id not in self._pending:
                    rect = self._segment_rect(row, segment)
                    if rect.right() >= left and rect.left() <= right:
                        shown.append((block, rect))
            for block, segment in self._pending_segments.get(row, []):
                if segment.day in days:
                    moving.append((block, self._segment_rect(row, segment)))
        self._painter.paint(painter, shown, self._zone)
        self._painter.paint(painter, moving, self._zone, dimmed=True)
        self._paint_ghost(painter, days)
        self._paint_now(painter, days)
        painter.setClipping(False)
        if area.top() < self._header_height:
            self._paint_header(painter, days)
        if area.left() < self._name_width:
            self._paint_names(painter, rows)
        painter.fillRect(
            QRect(0, 0, self._name_width, self._header_height),
            palette.color(QPalette.ColorRole.Window),
        )
        painter.setPen(QColor(DAY_LINE))
        painter.drawLine(
            0, self._header_height - 1, self.viewport().width(), self._header_height - 1
        )
        painter.drawLine(self._name_width - 1, 0, self._name_width - 1, self.viewport().height())

    def _visible_rows(self, area: QRect) -> range:
        scroll = self._vscroll
        first = max(0, (area.top() - self._header_height + scroll) // self._row_height)
        last = min(
            len(self._engineers) - 1,
            (area.bottom() - self._header_height + scroll) // self._row_height,
        )
        return range(first, last + 1)

    def _paint_row_background(self, painter: QPainter, row: int, days: range) -> None:
        assert self.board is not None
        engineer = self._engineers[row]
        top = self._row_top(row)
        off, work, today = QColor(OFF_TIME), QColor(WORK_TIME), QColor(TODAY_TINT)
        for day in days:
            date_ = self.board.start + timedelta(days=day)
            left, right = self._x(day, self._window[0]), self._x(day, self._window[1])
            whole = QRectF(left, top, right - left, self._row_height)
            if not engineer.works_on(date_):
                painter.fillRect(whole, off)
                continue
            painter.fillRect(whole, off)
            start = max(engineer.work_start_minute, self._window[0])
            end = min(engineer.work_end_minute, self._window[1])
            if end > start:
                band = QRectF(
                    self._x(day, start),
                    top,
                    self._x(day, end) - self._x(day, start),
                    self._row_height,
                )
                painter.fillRect(band, today if date_ == self.board.today else work)

    def _paint_grid(self, painter: QPainter, rows: range, days: range) -> None:
        if not rows:
            return
        top = self._row_top(rows[0])
        bottom = self._row_top(rows[-1]) + self._row_height
        painter.setPen(QPen(QColor(GRID_COLOUR), 1))
        for day in days:
            step = self._hour_step(day)
            for minute in range(self._window[0], self._window[1], 60 * step):
                if minute != self._window[0]:
                    x = round(self._x(day, minute))
                    painter.drawLine(x, top, x, bottom)
        for row in rows:
            y = self._row_top(row) + self._row_height - 1
            painter.drawLine(self._name_width, y, self.viewport().width(), y)
        painter.setPen(QPen(QColor(DAY_LINE), 1))
        for day in days:
            x = round(self._x(day, self._window[0]))
            painter.drawLine(x, min(top, self._header_height), x, bottom)

    def _hour_step(self, day: int) -> int:
        """Hours between two grid lines and labels: an hour label needs room to be read."""
        per_hour = self._per_minute(day) * 60
        room = QFontMetrics(self._small).horizontalAdvance("00:00") + 8
        for step in (1, 2, 3, 4, 6, 12):
            if per_hour * step >= room:
                return step
        return 24

    def _paint_absence(
        self, painter: QPainter, row: int, absence: AbsenceBar, segment: _Segment
    ) -> None:
        rect = self._segment_rect(row, segment, inset=1)
        if rect.right() <= rect.left():
            return
        colour = QColor(ABSENCE_COLOUR)
        fill = QColor(colour)
        fill.setAlpha(60)
        painter.fillRect(rect, fill)
        painter.fillRect(rect, QBrush(colour, Qt.BrushStyle.BDiagPattern))
        painter.setPen(QPen(colour, 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        label = absence_name(absence.kind)
        painter.setFont(self._bold)
        metrics = painter.fontMetrics()
        text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width()) - 8)
        if text:
            box = metrics.boundingRect(text).adjusted(-3, -1, 3, 1)
            box.moveCenter(rect.center().toPoint())
            painter.fillRect(box, QColor(255, 255, 255, 215))
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_ghost(self, painter: QPainter, days: range) -> None:
        ghost = self._ghost
        if ghost is None:
            return
        row = self._rows.get(ghost.engineer_id)
        if row is None:
            return
        pieces = [
            (ghost, self._segment_rect(row, segment))
            for segment in self._segments(ghost.starts_at, ghost.ends_at)
            if segment.day in days
        ]
        self._painter.paint(painter, pieces, self._zone, dimmed=True)
        # The time it would start, above the pointer's row.
        local = ghost.starts_at.astimezone(self._zone)
        text = local.strftime("%H:%M")
        painter.setFont(self._bold)
        metrics = painter.fontMetrics()
        point = self.slot_point(ghost.engineer_id, ghost.starts_at)
        box = QRect(
            point.x(),
            self._row_top(row) - metrics.height() - 2,
            metrics.horizontalAdvance(text) + 8,
            metrics.height() + 2,
        )
        painter.fillRect(box, QColor(TEXT_COLOUR))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_now(self, painter: QPainter, days: range) -> None:
        if self._now is None or self.board is None:
            return
        local = self._now.astimezone(self._zone)
        day = (local.date() - self.board.start).days
        minute = local.hour * 60 + local.minute
        if day not in days or not self._window[0] <= minute <= self._window[1]:
            return
        x = round(self._x(day, minute))
        painter.setPen(QPen(QColor(NOW_COLOUR), 2))
        painter.drawLine(x, self._header_height, x, self.viewport().height())

    def _paint_header(self, painter: QPainter, days: range) -> None:
        assert self.board is not None
        palette = self.palette()
        painter.fillRect(
            QRect(0, 0, self.viewport().width(), self._header_height),
            palette.color(QPalette.ColorRole.Window),
        )
        painter.save()
        painter.setClipRect(
            QRect(self._name_width, 0, self.viewport().width(), self._header_height)
        )
        for day in days:
            step = self._hour_step(day)
            left, right = self._x(day, self._window[0]), self._x(day, self._window[1])
            date_ = self.board.start + timedelta(days=day)
            top_line = QRectF(left, 2, right - left, self._line + 4)
            if date_ == self.board.today:
                painter.fillRect(top_line, QColor(TODAY_TINT).darker(104))
            painter.setFont(self._bold)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            label = self._day_label(date_)
            text = painter.fontMetrics().elidedText(
                label, Qt.TextElideMode.ElideRight, int(right - left) - 8
            )
            painter.drawText(top_line.adjusted(6, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, text)
            painter.setFont(self._small)
            painter.setPen(QColor(MUTED_TEXT))
            hour_top = self._line + 8
            for minute in range(self._window[0], self._window[1], 60 * step):
                x = self._x(day, minute)
                painter.drawText(
                    QPointF(x + 3, hour_top + painter.fontMetrics().ascent()),
                    f"{minute // 60:02d}:00",
                )
            painter.setPen(QColor(DAY_LINE))
            painter.drawLine(round(left), 0, round(left), self._header_height)
        painter.restore()

    def _day_label(self, day: date) -> str:
        qdate = QDate(day.year, day.month, day.day)
        if self._days() == 1:
            return QLocale().toString(qdate, "dddd yyyy-MM-dd")
        return QLocale().toString(qdate, "ddd MM-dd")

    def _paint_names(self, painter: QPainter, rows: range) -> None:
        palette = self.palette()
        painter.save()
        painter.setClipRect(QRect(0, self._header_height, self._name_width, 10**6))
        painter.fillRect(
            QRect(0, self._header_height, self._name_width, self.viewport().height()),
            palette.color(QPalette.ColorRole.Window),
        )
        for row in rows:
            engineer = self._engineers[row]
            top = self._row_top(row)
            painter.setFont(self._bold)
            metrics = painter.fontMetrics()
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            if not engineer.active:
                painter.setPen(QColor(MUTED_TEXT))
            width = self._name_width - 14
            name = metrics.elidedText(engineer.name, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QPointF(8, top + 6 + metrics.ascent()), name)
            painter.setFont(self._small)
            small = painter.fontMetrics()
            detail = " · ".join(
                p for p in (hours_text(engineer), engineer.base_city or engineer.region_name) if p
            )
            painter.setPen(QColor(MUTED_TEXT))
            painter.drawText(
                QPointF(8, top + 6 + metrics.height() + small.ascent()),
                small.elidedText(detail, Qt.TextElideMode.ElideRight, width),
            )
            painter.setPen(QColor(GRID_COLOUR))
            y = top + self._row_height - 1
            painter.drawLine(0, y, self._name_width, y)
        painter.restore()

    # -- pointer -----------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.tip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tip_at(self, pos: QPoint) -> str:
        """The tooltip at a viewport point: a visit's, an absence's or an engineer's."""
        block = self._block_at(pos)
        if block is not None:
            engineer = self._engineers[self._rows[block.engineer_id]].name
            tip = block_tip(block, engineer, self._zone)
            if block.id in self._pending:
                tip += "\n" + self.tr("Moving: waiting for the booking to be saved.")
            return tip
        absence = self._absence_at(pos)
        if absence is not None:
            return absence_tip(absence, self._zone)
        row = self._row_at(pos.y())
        if row is not None and pos.x() < self._name_width:
            return engineer_tip(self._engineers[row])
        return ""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        block = self._block_at(pos)
        if event.button() == Qt.MouseButton.LeftButton and block is not None and block.movable:
            moment = self._time_at(pos.x())
            if moment is not None:
                self._drag = _Drag(block, pos, moment - block.starts_at)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        pos = event.position().toPoint()
        if drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not drag.moving and (
                (pos - drag.press).manhattanLength() >= QApplication.startDragDistance()
            ):
                drag.moving = True
            if drag.moving:
                self._set_ghost(self._moved(drag.block, pos, drag.grab))
        elif self._block_at(pos) is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        ghost = self._ghost
        self._set_ghost(None)
        if drag is not None and drag.moving and event.button() == Qt.MouseButton.LeftButton:
            if ghost is not None:
                self._request_move(drag.block, ghost)
            self.viewport().update()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = None
            self._set_ghost(None)
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        block = self._block_at(event.position().toPoint())
        if block is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag = None
            self.visit_opened.emit(block.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        block = self._block_at(event.pos())
        if block is None:
            event.ignore()
            return
        self.menu = self.block_menu(block)
        self.menu.popup(event.globalPos())
        event.accept()

    def block_menu(self, block: VisitBlock) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("scheduleBlockMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        opened = QAction(self.tr("Open"), menu)
        opened.setObjectName("openVisit")
        opened.triggered.connect(lambda: self.visit_opened.emit(block.id))
        move = QAction(self.tr("Move…"), menu)
        move.setObjectName("moveVisit")
        move.setEnabled(block.movable)
        move.triggered.connect(lambda: self.move_dialog_requested.emit(block.id))
        cancel = QAction(self.tr("Cancel visit…"), menu)
        cancel.setObjectName("cancelVisit")
        cancel.setEnabled(block.movable)
        cancel.triggered.connect(lambda: self.cancel_requested.emit(block.id))
        menu.addActions([opened, move, cancel])
        menu.setDefaultAction(opened)
        return menu

    # -- moving ------------------------------------------------------------------------------

    def _set_ghost(self, ghost: VisitBlock | None) -> None:
        """Show where a drag would put its block; repaint only where it was and is."""
        before = self._ghost_area()
        self._ghost = ghost
        self.viewport().update(before.united(self._ghost_area()))

    def _ghost_area(self) -> QRect:
        ghost = self._ghost
        row = None if ghost is None else self._rows.get(ghost.engineer_id)
        if ghost is None or row is None:
            return QRect()
        area = QRect()
        for segment in self._segments(ghost.starts_at, ghost.ends_at):
            area = area.united(self._segment_rect(row, segment).toAlignedRect())
        label = QFontMetrics(self._bold)
        point = self.slot_point(ghost.engineer_id, ghost.starts_at)
        top = self._row_top(row) - label.height() - 2
        width = label.horizontalAdvance("00:00") + 12
        area = area.united(QRect(point.x(), top, width, label.height() + 2))
        return area.adjusted(-3, -3, 3, 3)

    def _moved(self, block: VisitBlock, pos: QPoint, grab: timedelta) -> VisitBlock | None:
        """The block at the snapped time and engineer under the pointer; None off the rows."""
        row = self._row_at(min(max(pos.y(), self._header_height), self.viewport().height() - 1))
        moment = self._time_at(max(pos.x(), self._name_width))
        if row is None or moment is None:
            return None
        starts = _snapped(moment - grab)
        return replace(
            block,
            engineer_id=self._engineers[row].id,
            starts_at=starts,
            ends_at=starts + (block.ends_at - block.starts_at),
        )

    def _request_move(self, original: VisitBlock, moved: VisitBlock) -> None:
        if (moved.engineer_id, moved.starts_at) == (original.engineer_id, original.starts_at):
            return
        self._pending[original.id] = (moved, original.version)
        self._place_pending()
        self.viewport().update()
        self.move_requested.emit(
            original.id, original.version, moved.engineer_id, moved.starts_at, moved.ends_at
        )

    def _unscheduled_block(self, visit: UnscheduledVisit) -> VisitBlock:
        """A "to schedule" visit as a block (where a drop would book it)."""
        starts = datetime.now(UTC)
        return VisitBlock(
            id=visit.id,
            version=visit.version,
            kind=visit.kind,
            status="booked",
            engineer_id=-1,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=visit.duration_minutes),
            customer_id=visit.customer_id,
            customer_name=visit.customer_name,
            site_name=visit.site_name,
            site_city=visit.site_city,
            equipment_id=None,
            serial=visit.serial,
            model_code=visit.model_code,
            model_name=visit.model_name,
            priority=visit.priority,
            ticket_id=visit.ticket_id,
            ticket_number=visit.ticket_number,
            due_on=visit.due_on,
            delivery_date=None,
            resolution_due_at=None,
            late_reasons=(),
        )

    def _dropped_block(self, data: QMimeData) -> VisitBlock | None:
        found = _mime_visit(data)
        if found is None:
            return None
        visit = self._unscheduled.get(found[0])
        if visit is None or visit.version != found[1]:
            return None
        return self._unscheduled_block(visit)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_block(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        block = self._dropped_block(event.mimeData())
        ghost = None
        if block is not None:
            ghost = self._moved(block, event.position().toPoint(), timedelta())
        self._set_ghost(ghost)
        if ghost is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_ghost(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_ghost(None)
        block = self._dropped_block(event.mimeData())
        moved = (
            self._moved(block, event.position().toPoint(), timedelta())
            if block is not None
            else None
        )
        if block is None or moved is None:
            event.ignore()
            self.viewport().update()
            return
        event.acceptProposedAction()
        self._pending[block.id] = (moved, block.version)
        self._place_pending()
        self.viewport().update()
        self.move_requested.emit(
            block.id, block.version, moved.engineer_id, moved.starts_at, moved.ends_at
        )


def _snapped(moment: datetime) -> datetime:
    """To the nearest quarter hour."""
    step = SNAP_MINUTES * 60
    return datetime.fromtimestamp(round(moment.timestamp() / step) * step, UTC)
