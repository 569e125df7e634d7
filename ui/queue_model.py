"""The queue's table model: open tickets as plain rows, kept sorted, updated in place.

A live update never resets the model: a changed row is replaced (dataChanged) or moved to its
new place (beginMoveRows), a new one inserted at its sorted position (beginInsertRows), a
departed one removed (beginRemoveRows). Views keep their selection and scroll position
through all of these, so another desk's change never throws the user off the row they are on.

The SLA state and time left of each row are computed here from the instants the row carries
(`sla_state_of`): `tick(now)` re-evaluates them without reading the database and repaints the
time-left and SLA columns (the whole row where the state changed colour).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.customer_card import tier_label
from ui.local_time import local_text
from ui.vocabulary import ticket_status_name
from workstation.services.queue import (
    AT_RISK,
    BREACHED,
    ON_TRACK,
    OPEN_STATUSES,
    PAUSED,
    QueueRow,
    SlaView,
    queue_sort_key,
    sla_state_of,
)

Index = QModelIndex | QPersistentModelIndex

TICKET_ID_ROLE = Qt.ItemDataRole.UserRole
SLA_STATE_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NUMBER = 0
    PRIORITY = 1
    STATUS = 2
    CUSTOMER = 3
    MODEL = 4
    QUEUE = 5
    ASSIGNEE = 6
    REPORTED = 7
    TIME_LEFT = 8
    SLA = 9


# (text, background) of the SLA column; the row's background is a lighter tint of it.
SLA_CELL = {
    AT_RISK: ("#6b4100", "#ffd666"),
    BREACHED: ("#ffffff", "#c62828"),
}
ROW_TINT = {
    AT_RISK: "#fff3cf",
    BREACHED: "#fde2e2",
}
PAUSED_GREY = "#7d7d7d"
ON_TRACK_GREEN = "#1b6e20"

_STATE_RANK = {BREACHED: 0, AT_RISK: 1, ON_TRACK: 2, PAUSED: 3}
_STATUS_RANK = {status: i for i, status in enumerate(OPEN_STATUSES)}


def duration_text(left: timedelta) -> str:
    """Time left as a desk reads it: "2 h 15 min", "3 d 4 h", "−35 min" when overdue."""
    seconds = left.total_seconds()
    overdue = seconds < 0
    # Whole minutes left (rounded down); overdue by a part of a minute is a minute overdue.
    minutes = int(-(seconds // 60)) if overdue else int(seconds // 60)
    if minutes == 0 and not overdue:
        return QCoreApplication.translate("QueueTableModel", "< 1 min")
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = QCoreApplication.translate("QueueTableModel", "{d} d {h} h").format(d=days, h=hours)
    elif hours:
        text = QCoreApplication.translate("QueueTableModel", "{h} h {m} min").format(
            h=hours, m=mins
        )
    else:
        text = QCoreApplication.translate("QueueTableModel", "{m} min").format(m=mins)
    return f"\u2212{text}" if overdue else text


def sla_state_name(state: str) -> str:
    names = {
        ON_TRACK: QCoreApplication.translate("QueueTableModel", "On track"),
        AT_RISK: QCoreApplication.translate("QueueTableModel", "At risk"),
        BREACHED: QCoreApplication.translate("QueueTableModel", "Breached"),
        PAUSED: QCoreApplication.translate("QueueTableModel", "Paused"),
    }
    return names.get(state, state)


def _text_key(text: str) -> str:
    return text.casefold()


_SORT_KEYS: dict[Column, Callable[[QueueRow, SlaView], Any]] = {
    Column.NUMBER: lambda r, _s: r.number,
    Column.PRIORITY: lambda r, _s: r.priority,
    Column.STATUS: lambda r, _s: _STATUS_RANK.get(r.status, len(_STATUS_RANK)),
    Column.CUSTOMER: lambda r, _s: _text_key(r.customer_name),
    Column.MODEL: lambda r, _s: _text_key(r.product_model_name),
    Column.QUEUE: lambda r, _s: _text_key(r.queue_name),
    Column.ASSIGNEE: lambda r, _s: (r.assignee_id is None, _text_key(r.assignee_name)),
    Column.REPORTED: lambda r, _s: r.reported_at,
    Column.TIME_LEFT: lambda _r, _s: 0,
    Column.SLA: lambda _r, s: _STATE_RANK.get(s.state, 9),
}


class QueueTableModel(QAbstractTableModel):
    """Rows of the queue in the chosen order; `upsert`/`remove` keep them in place."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._states: list[SlaView] = []
        self._now = datetime.now(UTC)
        self._sort_column = Column.TIME_LEFT
        self._descending = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- reading ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    @property
    def rows(self) -> tuple[QueueRow, ...]:
        return tuple(self._rows)

    def row_at(self, position: int) -> QueueRow:
        return self._rows[position]

    def state_at(self, position: int) -> SlaView:
        return self._states[position]

    def position_of(self, ticket_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row.ticket_id == ticket_id:
                return position
        return None

    def find(self, ticket_id: int) -> QueueRow | None:
        position = self.position_of(ticket_id)
        return None if position is None else self._rows[position]

    @property
    def sort_column(self) -> Column:
        return self._sort_column

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(Column(section))
        return None

    def _header(self, column: Column) -> str:
        match column:
            case Column.NUMBER:
                return self.tr("Ticket")
            case Column.PRIORITY:
                return self.tr("Priority")
            case Column.STATUS:
                return self.tr("Status")
            case Column.CUSTOMER:
                return self.tr("Customer")
            case Column.MODEL:
                return self.tr("Model")
            case Column.QUEUE:
                return self.tr("Queue")
            case Column.ASSIGNEE:
                return self.tr("Assignee")
            case Column.REPORTED:
                return self.tr("Reported")
            case Column.TIME_LEFT:
                return self.tr("Time left")
            case Column.SLA:
                return self.tr("SLA")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        state = self._states[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, state, column)
        if role == TICKET_ID_ROLE:
            return row.ticket_id
        if role == SLA_STATE_ROLE:
            return state.state
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(state.state, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, state.state, column)
        if role == Qt.ItemDataRole.FontRole:
            if column is Column.SLA and state.state in (AT_RISK, BREACHED):
                return self._bold
            if column is Column.PRIORITY and row.priority == "P1":
                return self._bold
            if column is Column.ASSIGNEE and row.assignee_id is None:
                return self._italic
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, state, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.TIME_LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: QueueRow, state: SlaView, column: Column) -> str:
        match column:
            case Column.NUMBER:
                return row.number
            case Column.PRIORITY:
                return row.priority
            case Column.STATUS:
                return ticket_status_name(row.status)
            case Column.CUSTOMER:
                if row.customer_tier in ("vip", "key"):
                    return self.tr("{name} · {tier}").format(
                        name=row.customer_name, tier=tier_label(row.customer_tier)
                    )
                return row.customer_name
            case Column.MODEL:
                return row.product_model_name
            case Column.QUEUE:
                return row.queue_name
            case Column.ASSIGNEE:
                return row.assignee_name or self.tr("Unassigned")
            case Column.REPORTED:
                return local_text(row.reported_at)
            case Column.TIME_LEFT:
                if state.time_left is None:
                    return self.tr("No deadline")
                text = duration_text(state.time_left)
                if row.sla_paused_at is not None:
                    return self.tr("{time} (paused)").format(time=text)
                return text
            case Column.SLA:
                if state.time_left is None and state.state == ON_TRACK:
                    return self.tr("No SLA")
                if self._response_only(row, state):
                    if state.state == AT_RISK:
                        return self.tr("Response at risk")
                    return self.tr("Response overdue")
                return sla_state_name(state.state)

    def _response_only(self, row: QueueRow, state: SlaView) -> bool:
        """Whether the state comes from the first-response deadline alone (the resolution
        deadline is still fine): the SLA column says so, the time left is the resolution's."""
        if state.state == AT_RISK:
            at = row.resolution_at_risk_at
            return at is None or at > self._now
        if state.state == BREACHED:
            due = row.resolution_due_at
            return due is None or due >= (row.sla_paused_at or self._now)
        return False

    def _background(self, state: str, column: Column) -> QBrush | None:
        if column is Column.SLA and state in SLA_CELL:
            return QBrush(QColor(SLA_CELL[state][1]))
        tint = ROW_TINT.get(state)
        return QBrush(QColor(tint)) if tint else None

    def _foreground(self, row: QueueRow, state: str, column: Column) -> QBrush | None:
        if column is Column.SLA and state in SLA_CELL:
            return QBrush(QColor(SLA_CELL[state][0]))
        if state == PAUSED or (column is Column.ASSIGNEE and row.assignee_id is None):
            return QBrush(QColor(PAUSED_GREY))
        if column is Column.SLA and state == ON_TRACK:
            return QBrush(QColor(ON_TRACK_GREEN))
        if state in ROW_TINT:
            return QBrush(QColor("#202020"))  # dark text on the light tint in any palette
        return None

    def _tooltip(self, row: QueueRow, state: SlaView, column: Column) -> str | None:
        if column not in (Column.TIME_LEFT, Column.SLA):
            return None
        lines = []
        if row.response_due_at is not None:
            if row.first_response_at is None:
                lines.append(
                    self.tr("First response due {at}").format(at=local_text(row.response_due_at))
                )
            else:
                lines.append(self.tr("Responded {at}").format(at=local_text(row.first_response_at)))
        if row.resolution_due_at is not None:
            lines.append(
                self.tr("Resolution due {at}").format(at=local_text(row.resolution_due_at))
            )
        if row.sla_paused_at is not None:
            lines.append(
                self.tr("Clock stopped {at} (waiting for the customer)").format(
                    at=local_text(row.sla_paused_at)
                )
            )
        return "\n".join(lines) or None

    # -- loading and updating --------------------------------------------------------------

    def _key(self, row: QueueRow, state: SlaView) -> tuple[Any, ...]:
        return (_SORT_KEYS[self._sort_column](row, state), queue_sort_key(row))

    def _before(self, a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
        return a > b if self._descending else a < b

    def _place(self, row: QueueRow, state: SlaView, skip: int | None = None) -> int:
        """Where a row belongs among the others (binary search; `skip`: its current place)."""
        key = self._key(row, state)
        keys = [
            self._key(r, s)
            for i, (r, s) in enumerate(zip(self._rows, self._states, strict=True))
            if i != skip
        ]
        low, high = 0, len(keys)
        while low < high:
            middle = (low + high) // 2
            if self._before(keys[middle], key):
                low = middle + 1
            else:
                high = middle
        return low

    def set_rows(self, rows: Sequence[QueueRow], now: datetime) -> None:
        """A new page (first load, another filter): the one place the model resets."""
        self.beginResetModel()
        self._now = now
        pairs = [(r, sla_state_of(r, now)) for r in rows]
        pairs.sort(key=lambda p: self._key(*p), reverse=self._descending)
        self._rows = [p[0] for p in pairs]
        self._states = [p[1] for p in pairs]
        self.endResetModel()

    def upsert(self, rows: Iterable[QueueRow]) -> tuple[int, int]:
        """Put each row in place: replaced, moved to its new place, or inserted where it sorts.
        Returns (inserted, updated)."""
        inserted = updated = 0
        for row in rows:
            state = sla_state_of(row, self._now)
            current = self.position_of(row.ticket_id)
            if current is None:
                at = self._place(row, state)
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, row)
                self._states.insert(at, state)
                self.endInsertRows()
                inserted += 1
                continue
            updated += 1
            self._rows[current] = row
            self._states[current] = state
            self._emit_row(current)
            self._reposition(current)
        return inserted, updated

    def remove(self, ticket_ids: Iterable[int]) -> int:
        """Take these tickets out (no longer matching, resolved, gone); the count removed."""
        removed = 0
        for ticket_id in ticket_ids:
            position = self.position_of(ticket_id)
            if position is None:
                continue
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            del self._states[position]
            self.endRemoveRows()
            removed += 1
        return removed

    def replace_all(self, rows: Sequence[QueueRow]) -> None:
        """Bring the held rows to a freshly read page without a reset (after a reconnect)."""
        keep = {row.ticket_id for row in rows}
        self.remove([r.ticket_id for r in self._rows if r.ticket_id not in keep])
        self.upsert(rows)

    def _reposition(self, current: int) -> None:
        row, state = self._rows[current], self._states[current]
        target = self._place(row, state, skip=current)
        if target == current:
            return
        # beginMoveRows names the destination in the numbering before the move.
        destination = target + 1 if target > current else target
        self.beginMoveRows(QModelIndex(), current, current, QModelIndex(), destination)
        del self._rows[current]
        del self._states[current]
        self._rows.insert(target, row)
        self._states.insert(target, state)
        self.endMoveRows()

    def _emit_row(self, position: int, first: Column = Column.NUMBER) -> None:
        self.dataChanged.emit(
            self.index(position, first), self.index(position, len(Column) - 1), []
        )

    def tick(self, now: datetime) -> list[int]:
        """Re-evaluate every row's SLA at `now` (no database read): the time-left and SLA
        columns repaint; a row whose state changed repaints whole (its colour). Returns the
        ticket ids whose state changed."""
        self._now = now
        changed: list[int] = []
        for position, row in enumerate(self._rows):
            state = sla_state_of(row, now)
            if state.state != self._states[position].state:
                changed.append(row.ticket_id)
            self._states[position] = state
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.TIME_LEFT),
                self.index(len(self._rows) - 1, Column.SLA),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )
        for ticket_id in changed:
            place = self.position_of(ticket_id)
            if place is not None:
                self._emit_row(place)
                if self._sort_column is Column.SLA:
                    self._reposition(place)
        return changed

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: another order of the same rows (persistent indexes follow)."""
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._sort_column = Column(column)
        self._descending = order == Qt.SortOrder.DescendingOrder
        pairs = list(zip(self._rows, self._states, strict=True))
        pairs.sort(key=lambda p: self._key(*p), reverse=self._descending)
        self._rows = [p[0] for p in pairs]
        self._states = [p[1] for p in pairs]
        where = {row.ticket_id: i for i, row in enumerate(self._rows)}
        previous = self.persistentIndexList()
        self.changePersistentIndexList(
            previous,
            [
                self.index(where[old[p.row()].ticket_id], p.column())
                if p.row() < len(old)
                else QModelIndex()
                for p in previous
            ],
        )
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1), []
            )
