"""The history timeline of a customer or a device: a paged table, filtered by kind and date.

The service returns codes and plain values; this module words them (translated) for people.
The next page is read on a worker when the table is scrolled to its end (fetchMore).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.cell_tips import show_cut_text_as_tips
from ui.i18n import speaks_chinese
from ui.local_time import local_text
from ui.tasks import TaskRunner, is_problem
from ui.ticket_words import event_text
from ui.vocabulary import ticket_status_name
from workstation.db import Database
from workstation.services.history import (
    ALL_KINDS,
    HistoryCursor,
    HistoryEntry,
    HistoryPage,
    customer_history,
    equipment_history,
)

PAGE_SIZE = 50
# A refresh re-reads as many rows as are shown (so the scroll position holds), up to this.
MAX_RELOAD = 500

Index = QModelIndex | QPersistentModelIndex


def kind_name(kind: str) -> str:
    names = {
        "ticket": QCoreApplication.translate("History", "Ticket opened"),
        "call": QCoreApplication.translate("History", "Call"),
        "status": QCoreApplication.translate("History", "Status"),
        "assignment": QCoreApplication.translate("History", "Assignment"),
        "note": QCoreApplication.translate("History", "Note"),
        "visit": QCoreApplication.translate("History", "Visit"),
        "part": QCoreApplication.translate("History", "Part"),
        "follow_up": QCoreApplication.translate("History", "Follow-up"),
        "equipment": QCoreApplication.translate("History", "Equipment"),
        "customer": QCoreApplication.translate("History", "Customer record"),
        "other": QCoreApplication.translate("History", "Other"),
    }
    return names.get(kind, kind)


def channel_name(channel: str) -> str:
    names = {
        "phone": QCoreApplication.translate("History", "phone"),
        "email": QCoreApplication.translate("History", "e-mail"),
        "wechat": QCoreApplication.translate("History", "WeChat"),
        "web": QCoreApplication.translate("History", "web"),
        "walk_in": QCoreApplication.translate("History", "walk-in"),
    }
    return names.get(channel, channel)


def wrap_up_name(code: str) -> str:
    """Words for a wrap-up code without administered words: follow-up calls, older codes."""
    names = {
        "resolved": QCoreApplication.translate("History", "resolved on the call"),
        "resolved_on_call": QCoreApplication.translate("History", "resolved on the call"),
        "ticket_created": QCoreApplication.translate("History", "ticket created"),
        "added_to_ticket": QCoreApplication.translate("History", "added to a ticket"),
        "information_only": QCoreApplication.translate("History", "information only"),
        "info_only": QCoreApplication.translate("History", "information only"),
        "wrong_number": QCoreApplication.translate("History", "wrong number"),
        "callback_requested": QCoreApplication.translate("History", "callback requested"),
        "complaint": QCoreApplication.translate("History", "complaint"),
        "follow_up": QCoreApplication.translate("History", "follow-up"),
    }
    return names.get(code, code)


def _duration(seconds: Any) -> str:
    if not isinstance(seconds, int):
        return ""
    minutes, secs = divmod(seconds, 60)
    return QCoreApplication.translate("History", "{minutes} min {seconds} s").format(
        minutes=minutes, seconds=secs
    )


def _fields(changed: Any) -> str:
    return ", ".join(sorted(changed)) if isinstance(changed, dict) else ""


def describe(entry: HistoryEntry) -> str:
    """The details column: what happened, in words of the current language."""
    d = entry.details
    code = entry.summary_code
    if entry.kind == "ticket":
        text = QCoreApplication.translate("History", "{priority}, {status}: {description}").format(
            priority=d.get("priority", ""),
            status=ticket_status_name(str(d.get("status", ""))),
            description=d.get("description", ""),
        )
        if d.get("serial"):
            text += " " + QCoreApplication.translate("History", "(serial {serial})").format(
                serial=d["serial"]
            )
        return text
    if entry.kind in ("call", "follow_up"):
        if code == "out":
            text = QCoreApplication.translate("History", "Outgoing {channel} call to {caller}")
        else:
            text = QCoreApplication.translate("History", "Incoming {channel} call from {caller}")
        caller = (
            d.get("caller")
            or d.get("phone")
            or QCoreApplication.translate("History", "an unknown caller")
        )
        parts = [text.format(channel=channel_name(str(d.get("channel", ""))), caller=caller)]
        if d.get("wrap_up_code"):
            named = d.get("wrap_up_zh" if speaks_chinese() else "wrap_up_en")
            parts.append(str(named) if named else wrap_up_name(str(d["wrap_up_code"])))
        if d.get("duration_seconds") is not None:
            parts.append(_duration(d["duration_seconds"]))
        if d.get("notes"):
            parts.append(str(d["notes"]))
        return "; ".join(parts)
    if code == "status_changed":
        return QCoreApplication.translate("History", "Status {old} → {new}").format(
            old=ticket_status_name(str(d.get("from", ""))),
            new=ticket_status_name(str(d.get("to", ""))),
        )
    if code == "resolved":
        return QCoreApplication.translate("History", "Resolved ({how})").format(
            how=d.get("resolution_type", "")
        )
    if code == "closed":
        return QCoreApplication.translate("History", "Closed")
    if code == "reopened":
        return QCoreApplication.translate("History", "Reopened")
    if code in ("assigned", "reassigned"):
        name = d.get("assignee_name") or QCoreApplication.translate("History", "nobody")
        if d.get("queue_name"):
            return QCoreApplication.translate("History", "Assigned to {name} ({queue})").format(
                name=name, queue=d["queue_name"]
            )
        return QCoreApplication.translate("History", "Assigned to {name}").format(name=name)
    if code == "call_added":
        return QCoreApplication.translate("History", "Call added to the ticket: {note}").format(
            note=d.get("note", "")
        )
    if code in ("note", "comment"):
        return str(d.get("text") or d.get("note") or "")
    if code == "visit_completed":
        return event_text(code, d)
    if entry.kind == "equipment":
        serial = d.get("serial", "")
        if code == "moved":
            return QCoreApplication.translate(
                "History", "{serial} moved from {old} ({old_site}) to {new} ({new_site})"
            ).format(
                serial=serial,
                old=d.get("from_customer_name") or d.get("from_customer_id", ""),
                old_site=d.get("from_site_name") or "-",
                new=d.get("to_customer_name") or d.get("to_customer_id", ""),
                new_site=d.get("to_site_name") or "-",
            )
        if code == "replaced":
            return QCoreApplication.translate("History", "{serial} replaced by {new}").format(
                serial=serial, new=d.get("new_serial", "")
            )
        if code == "registered":
            if d.get("replaces_serial"):
                return QCoreApplication.translate(
                    "History", "{serial} registered, replacing {old}"
                ).format(serial=serial, old=d["replaces_serial"])
            return QCoreApplication.translate("History", "{serial} registered").format(
                serial=serial
            )
        return QCoreApplication.translate("History", "{serial} edited: {fields}").format(
            serial=serial, fields=_fields(d)
        )
    if entry.kind == "customer":
        if code == "merged_in":
            return QCoreApplication.translate("History", "Merged in the record {name}").format(
                name=d.get("merged_name", "")
            )
        if code == "merged_into":
            return QCoreApplication.translate("History", "Merged into {name}").format(
                name=d.get("into_name", "")
            )
        if code in ("created", "create"):
            return QCoreApplication.translate("History", "Created ({what})").format(
                what=d.get("entity", "")
            )
        return QCoreApplication.translate("History", "Edited ({what}): {fields}").format(
            what=d.get("entity", ""), fields=_fields(d)
        )
    return code


class HistoryModel(QAbstractTableModel):
    """Entries, newest first; asks for the next page when the view reaches the end."""

    COLUMNS = ("when", "what", "ticket", "who", "details")
    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryEntry] = []
        self._texts: list[str] = []
        self.next_cursor: HistoryCursor | None = None
        self.loading = False
        # Set by the view: reads the page after the cursor.
        self.fetch_page: Callable[[HistoryCursor], None] | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def entry(self, row: int) -> HistoryEntry:
        return self._rows[row]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            0: self.tr("When"),
            1: self.tr("What"),
            2: self.tr("Ticket"),
            3: self.tr("Who"),
            4: self.tr("Details"),
        }.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == self.EntryRole:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return self._texts[index.row()]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return local_text(entry.at)
        if column == 1:
            return kind_name(entry.kind)
        if column == 2:
            return entry.ticket_number
        if column == 3:
            return entry.user_name
        return self._texts[index.row()]

    def set_page(self, page: HistoryPage) -> None:
        """Replace every row with a first page."""
        self.beginResetModel()
        self._rows = list(page.entries)
        self._texts = [describe(e) for e in self._rows]
        self.next_cursor = page.next_cursor
        self.loading = False
        self.endResetModel()

    def append_page(self, page: HistoryPage) -> None:
        self.loading = False
        self.next_cursor = page.next_cursor
        if not page.entries:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
        self._rows.extend(page.entries)
        self._texts.extend(describe(e) for e in page.entries)
        self.endInsertRows()

    def clear(self) -> None:
        self.set_page(HistoryPage((), None))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.next_cursor is not None and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self.fetch_page is None:
            return
        assert self.next_cursor is not None
        self.loading = True
        self.fetch_page(self.next_cursor)

    def retranslate(self) -> None:
        self._texts = [describe(e) for e in self._rows]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )


class HistoryView(QWidget):
    """A customer's or a device's timeline with its kind and date filters."""

    ticket_chosen = Signal(int)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._scope: tuple[str, int] | None = None
        self._key = f"history-{id(self)}"
        self._state = "blank"  # "blank", "loading", "empty", "error" or "" (rows shown)
        self._error: BaseException | None = None

        self.model = HistoryModel(self)
        self.model.fetch_page = self._fetch_more

        self._kind_label = QLabel()
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("historyKind")
        self._from_label = QLabel()
        self.from_date = self._date_edit("historyFrom")
        self._to_label = QLabel()
        self.to_date = self._date_edit("historyTo")
        self.status = QLabel()
        self.status.setObjectName("historyStatus")

        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        show_cut_text_as_tips(self.table)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        width = self.table.fontMetrics().horizontalAdvance("2026-12-31 23:59") + 24
        header.resizeSection(0, width)
        header.resizeSection(1, width * 2 // 3 + 10)
        header.resizeSection(2, width)
        header.resizeSection(3, width * 2 // 3)
        self.table.activated.connect(self._open)

        bar = QHBoxLayout()
        bar.addWidget(self._kind_label)
        bar.addWidget(self.kind_filter)
        bar.addSpacing(12)
        bar.addWidget(self._from_label)
        bar.addWidget(self.from_date)
        bar.addWidget(self._to_label)
        bar.addWidget(self.to_date)
        bar.addStretch(1)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.retranslate()
        self.kind_filter.currentIndexChanged.connect(self._filters_changed)
        self.from_date.dateChanged.connect(self._filters_changed)
        self.to_date.dateChanged.connect(self._filters_changed)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setDate(edit.minimumDate())  # the minimum shows as "any"
        return edit

    # --- what is shown -------------------------------------------------------------------

    @property
    def scope(self) -> tuple[str, int] | None:
        return self._scope

    def show_customer(self, customer_id: int) -> None:
        self._scope = ("customer", customer_id)
        self.reload(keep_position=False)

    def show_equipment(self, equipment_id: int) -> None:
        self._scope = ("equipment", equipment_id)
        self.reload(keep_position=False)

    def kinds(self) -> frozenset[str] | None:
        kind = self.kind_filter.currentData()
        return frozenset({kind}) if kind else None

    def date_range(self) -> tuple[datetime | None, datetime | None]:
        """(since, until) as aware instants: local midnight of "from", of the day after "to"."""

        def midnight(day: QDate, days: int = 0) -> datetime:
            plain = date(day.year(), day.month(), day.day()) + timedelta(days=days)
            return datetime.combine(plain, time(0)).astimezone()

        since = until = None
        if self.from_date.date() != self.from_date.minimumDate():
            since = midnight(self.from_date.date())
        if self.to_date.date() != self.to_date.minimumDate():
            until = midnight(self.to_date.date(), days=1)
        return since, until

    def reload(self, keep_position: bool = True) -> None:
        """Read the first page again (as many rows as shown, when keeping the position)."""
        if self._scope is None:
            return
        scroll = self.table.verticalScrollBar().value() if keep_position else 0
        limit = PAGE_SIZE
        if keep_position:
            limit = min(MAX_RELOAD, max(PAGE_SIZE, self.model.rowCount()))
        else:
            self.model.clear()
        self.model.loading = True
        self._set_state("loading")
        self._runner.read(
            self._service(),
            self._db,
            self._scope[1],
            *self._arguments(None, limit),
            on_done=lambda page: self._first_page(page, scroll),
            on_error=self._failed,
            key=self._key,
        )

    # --- reading -------------------------------------------------------------------------

    def _service(self) -> Callable[..., HistoryPage]:
        assert self._scope is not None
        service = customer_history if self._scope[0] == "customer" else equipment_history

        def read(db: Database, scope_id: int, *args: Any) -> HistoryPage:
            kinds, since, until, before, limit = args
            return service(
                db, scope_id, kinds=kinds, since=since, until=until, before=before, limit=limit
            )

        return read

    def _arguments(self, before: HistoryCursor | None, limit: int) -> tuple[Any, ...]:
        since, until = self.date_range()
        return self.kinds(), since, until, before, limit

    def _fetch_more(self, cursor: HistoryCursor) -> None:
        if self._scope is None:
            return
        self._set_state("loading")
        self._runner.read(
            self._service(),
            self._db,
            self._scope[1],
            *self._arguments(cursor, PAGE_SIZE),
            on_done=self._next_page,
            on_error=self._failed,
            key=self._key,
        )

    # One task key for every read of this view: the runner drops any answer a newer read
    # superseded (a reload after a filter change, a page asked before it).

    def _first_page(self, page: HistoryPage, scroll: int) -> None:
        self.model.set_page(page)
        self.table.verticalScrollBar().setValue(scroll)
        self._set_state("" if page.entries else "empty")

    def _next_page(self, page: HistoryPage) -> None:
        self.model.append_page(page)
        self._set_state("")

    def _failed(self, error: BaseException) -> None:
        self.model.loading = False
        self._error = error
        self._set_state("error")

    def _filters_changed(self) -> None:
        self.reload(keep_position=False)

    def _open(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry.ticket_id is not None:
            self.ticket_chosen.emit(entry.ticket_id)

    # --- words ---------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self._state = state
        if state == "blank":
            self.status.setText("")
        elif state == "loading":
            self.status.setText(self.tr("Loading…"))
        elif state == "empty":
            self.status.setText(self.tr("Nothing in this period."))
        elif state == "error":
            if self._error is not None and is_problem(self._error) is not None:
                self.status.setText(
                    self.tr("The history could not be read: the database is not reachable.")
                )
            else:
                self.status.setText(self.tr("The history could not be read."))
        else:
            self.status.setText(
                self.tr("{count} entries shown").format(count=self.model.rowCount())
            )

    def retranslate(self) -> None:
        self._kind_label.setText(self.tr("Show:"))
        self._from_label.setText(self.tr("From:"))
        self._to_label.setText(self.tr("To:"))
        for edit in (self.from_date, self.to_date):
            edit.setSpecialValueText(self.tr("any date"))
        current = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(self.tr("Everything"), None)
        for kind in ALL_KINDS:
            self.kind_filter.addItem(kind_name(kind), kind)
        found = self.kind_filter.findData(current) if current else 0
        self.kind_filter.setCurrentIndex(max(0, found))
        self.kind_filter.blockSignals(False)
        self.model.retranslate()
        self._set_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
