"""Find the caller: one search field, results grouped by kind, keyboard first, scanner aware."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.tasks import TaskRunner
from ui.vocabulary import ticket_status_name
from workstation.db import Database
from workstation.device_code import serial_in_payload
from workstation.services.lookup import KINDS, LookupHit, LookupResult, find_serial, lookup

log = logging.getLogger(__name__)

# Keys typed closer together than this are one search; the first key after a pause searches
# at once.
DEBOUNCE_MS = 60
HITS_PER_GROUP = 20

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_GROUP = 0  # internalId of a group row; a hit's is its group's row + 1
_BADGE_COLOURS = {"vip": QColor("#b8860b"), "key": QColor("#2f6db5")}


class SearchResultsModel(QAbstractItemModel):
    """Hits under one header row per kind (customers, contacts, equipment, tickets)."""

    COLUMNS = 3  # name or number, details, what matched

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, tuple[LookupHit, ...]]] = []
        self._badges: dict[str, QPixmap] = {}

    # ---- contents

    def set_result(self, result: LookupResult | None) -> None:
        self.beginResetModel()
        self._groups = []
        if result is not None:
            for kind in KINDS:
                hits = result.of_kind(kind)
                if hits:
                    self._groups.append((kind, hits))
        self.endResetModel()

    def hit_count(self) -> int:
        return sum(len(hits) for _kind, hits in self._groups)

    def hit(self, index: AnyIndex) -> LookupHit | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def is_group(self, index: AnyIndex) -> bool:
        return index.isValid() and index.internalId() == _GROUP

    def hit_indexes(self) -> list[QModelIndex]:
        """Column 0 of every hit, in the order shown."""
        out: list[QModelIndex] = []
        for row, (_kind, hits) in enumerate(self._groups):
            group = self.index(row, 0)
            out += [self.index(child, 0, group) for child in range(len(hits))]
        return out

    def first_hit(self) -> QModelIndex:
        if not self._groups:
            return QModelIndex()
        return self.index(0, 0, self.index(0, 0))

    def retranslate(self) -> None:
        """Group titles, statuses and badges in the new language."""
        self._badges.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        for row, (_kind, hits) in enumerate(self._groups):
            group = self.index(row, 0)
            self.dataChanged.emit(group, self.index(row, self.COLUMNS - 1))
            self.dataChanged.emit(
                self.index(0, 0, group), self.index(len(hits) - 1, self.COLUMNS - 1, group)
            )

    # ---- QAbstractItemModel

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return self.COLUMNS

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name or number"), self.tr("Details"), self.tr("Found by"))[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index, role)
        hit = self.hit(index)
        assert hit is not None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return hit.title
            if column == 1:
                return self._detail(hit)
            return self.tr("{how}: {text}").format(
                how=self.matched_name(hit.matched), text=hit.matched_text
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._badge(hit.tier)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{self._detail(hit)}"
        if role == Qt.ItemDataRole.UserRole:
            return hit
        return None

    def _group_data(self, index: AnyIndex, role: int) -> Any:
        kind, hits = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return self.tr("{group} ({count})").format(group=self.group_name(kind), count=len(hits))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # ---- words

    def group_name(self, kind: str) -> str:
        return {
            "customer": self.tr("Customers"),
            "contact": self.tr("Contacts"),
            "equipment": self.tr("Equipment"),
            "ticket": self.tr("Tickets"),
        }.get(kind, kind)

    def matched_name(self, code: str) -> str:
        return {
            "phone": self.tr("Phone"),
            "phone_suffix": self.tr("Last digits"),
            "name": self.tr("Name"),
            "pinyin": self.tr("Pinyin"),
            "company": self.tr("Company name"),
            "serial": self.tr("Serial number"),
            "ticket": self.tr("Ticket number"),
        }.get(code, code)

    def _detail(self, hit: LookupHit) -> str:
        if hit.kind == "ticket":
            return f"{ticket_status_name(hit.status)} · {hit.customer_name}"
        return hit.detail

    def _badge(self, tier: str) -> QPixmap | None:
        colour = _BADGE_COLOURS.get(tier)
        if colour is None:
            return None
        if tier not in self._badges:
            label = self.tr("VIP") if tier == "vip" else self.tr("Key")
            self._badges[tier] = _badge_pixmap(label, colour)
        return self._badges[tier]


def _badge_pixmap(label: str, colour: QColor) -> QPixmap:
    """A small rounded tag, e.g. a gold "VIP", drawn once per language."""
    font = QFont()
    font.setBold(True)
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(label) + 8
    height = metrics.height() + 2
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(0, 0, width, height), 4, 4)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return pixmap


class _ResultsView(QTreeView):
    """The tree of hits; the cursor moves from hit to hit, over the group header rows."""

    _PAGE = 10

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        if not isinstance(model, SearchResultsModel):
            return super().moveCursor(action, modifiers)
        hits = model.hit_indexes()
        if not hits:
            return QModelIndex()
        current = self.currentIndex()
        here = current.siblingAtColumn(0) if current.isValid() else QModelIndex()
        position = hits.index(here) if here in hits else -1
        actions = QAbstractItemView.CursorAction
        steps = {
            actions.MoveDown: 1,
            actions.MoveNext: 1,
            actions.MoveUp: -1,
            actions.MovePrevious: -1,
            actions.MovePageDown: self._PAGE,
            actions.MovePageUp: -self._PAGE,
        }
        if action == actions.MoveHome:
            return hits[0]
        if action == actions.MoveEnd:
            return hits[-1]
        if action not in steps:
            return current
        if position < 0:
            return hits[0]
        return hits[max(0, min(len(hits) - 1, position + steps[action]))]


class SearchPanel(QWidget):
    """Type a phone, a name, pinyin, part of a company, a serial or a ticket number."""

    customer_chosen = Signal(int, int)  # customer id, contact id or 0
    equipment_chosen = Signal(int)
    ticket_chosen = Signal(int, int)  # ticket id, customer id

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._db = db
        self._runner = runner
        self._key = f"lookup-{id(self)}"
        self._shown: LookupResult | None = None
        self._asked: str | None = None
        self._open_when_ready: str | None = None
        self._failed = False
        self._typed_again = False
        self._previous_text = ""
        # A device's QR code pasted whole was opened when its answer came: Enter does not
        # open it a second time.
        self._opened_payload: str | None = None

        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.view = _ResultsView()
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._debounced)
        self.field.textChanged.connect(self._text_changed)
        self.field.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.activated.connect(self._open_index)
        self.retranslate()

    # ---- public

    def focus_search(self) -> None:
        """Put the cursor in the field with its text selected (Ctrl+K, F2)."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_query(self, text: str) -> None:
        """Search for `text` at once, as if typed."""
        self.field.setText(text)
        self._debounce.stop()
        self._search_now()

    @property
    def result(self) -> LookupResult | None:
        """The result on screen."""
        return self._shown

    def retranslate(self) -> None:
        self.field.setPlaceholderText(
            self.tr("Phone, name, pinyin, company, serial or ticket number  (Ctrl+K)")
        )
        self.model.retranslate()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- typing and searching

    def _text_changed(self, text: str) -> None:
        self._open_when_ready = None
        self._opened_payload = None
        pasted = len(text) - len(self._previous_text) > 1
        self._previous_text = text
        if pasted and serial_in_payload(text) is not None:
            # A device's QR code pasted (or sent whole by a scanner): open it when found.
            self._open_when_ready = text
        if self._debounce.isActive():
            self._typed_again = True
            self._debounce.start()
            return
        self._search_now()
        self._debounce.start()  # keys within the pause fold into one more search

    def _debounced(self) -> None:
        if self._typed_again:
            self._typed_again = False
            self._search_now()

    def _search_now(self) -> None:
        text = self.field.text()
        self._typed_again = False
        if text == self._asked:
            return
        self._asked = text
        self._runner.read(
            lookup,
            self._db,
            text,
            HITS_PER_GROUP,
            on_done=self._show,
            on_error=self._search_failed,
            key=self._key,
        )

    def _show(self, result: LookupResult) -> None:
        self._failed = False
        self._shown = result
        self.model.set_result(result if result.query.strip() else None)
        self.view.expandAll()
        for row in range(self.model.rowCount()):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        self._show_status()
        if self._open_when_ready is not None and result.query == self._open_when_ready:
            self._open_when_ready = None
            if serial_in_payload(result.query) is not None:
                self._opened_payload = result.query
            self._open_best(result)

    def _search_failed(self, error: BaseException) -> None:
        log.warning("lookup failed: %s", error)
        self._failed = True
        self._asked = None  # the same text may be searched again
        self._show_status()

    def _show_status(self) -> None:
        query = self._shown.query.strip() if self._shown else ""
        count = self.model.hit_count()
        if self._failed:
            text = self.tr("The search could not run. Try again.")
        elif not query:
            text = ""
        elif count == 0:
            text = self.tr("No match for “{query}”").format(query=query)
        elif count == 1:
            text = self.tr("1 match · Enter opens it")
        else:
            text = self.tr("{count} matches · ↓ to choose, Enter to open").format(count=count)
        self.status.setText(text)

    # ---- keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.field:
                return self._field_key(event)
            if watched is self.view:
                return self._view_key(event)
        return super().eventFilter(watched, event)

    def _field_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter_in_field()
            return True
        if key == Qt.Key.Key_Down:
            first = self.model.first_hit()
            if first.isValid():
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                self.view.setCurrentIndex(first)
            return True
        if key == Qt.Key.Key_Escape and self.field.text():
            self.field.clear()
            return True
        return False

    def _view_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.view.currentIndex())
            return True
        if key == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        if key == Qt.Key.Key_Up and self.view.currentIndex() == self.model.first_hit():
            self.focus_search()
            return True
        return False

    def _enter_in_field(self) -> None:
        """Open the best hit for what is typed; a scanned serial opens its device."""
        text = self.field.text()
        if not text.strip() or text == self._opened_payload:
            return
        self._debounce.stop()
        self._search_now()  # nothing new if this text was already asked
        shown = self._shown
        if shown is not None and shown.query == text:
            self._open_best(shown)
            return
        # The answer for this text is not here yet (a scanner types fast): ask for the serial
        # alone, and open whatever answers first for exactly this text.
        self._open_when_ready = text
        self._runner.read(
            find_serial, self._db, text, on_done=self._serial_found, key=f"{self._key}-scan"
        )

    def _serial_found(self, equipment_id: int | None) -> None:
        if self._open_when_ready is None or equipment_id is None:
            return  # already opened, typed on, or not a serial: the lookup's answer decides
        self._open_when_ready = None
        self.equipment_chosen.emit(equipment_id)

    def _open_best(self, result: LookupResult) -> None:
        if result.exact_equipment_id is not None:
            self.equipment_chosen.emit(result.exact_equipment_id)
        elif serial_in_payload(result.query) is not None:
            return  # a device's code opens that device or nothing, never a look-alike
        elif result.hits:
            self._open(result.hits[0])

    def _open_index(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self._open(hit)

    def _open(self, hit: LookupHit) -> None:
        if hit.kind == "customer":
            self.customer_chosen.emit(hit.id, 0)
        elif hit.kind == "contact":
            self.customer_chosen.emit(hit.customer_id, hit.id)
        elif hit.kind == "equipment":
            self.equipment_chosen.emit(hit.id)
        elif hit.kind == "ticket":
            self.ticket_chosen.emit(hit.id, hit.customer_id)
