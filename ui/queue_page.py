"""The Queue area: open tickets by time left, their SLA state, counts per queue, live.

The page reads a page of rows on a worker when it is first shown and whenever the filter
changes. After that it never reloads for another desk's change: `on_changes` collects the
ticket ids the change feed names and reads exactly those rows (coalesced: at most a few reads
a second however fast tickets change), then puts them in place (`QueueTableModel.upsert` /
`remove`), so the selection and the scroll position stay where the user left them. Counts are
re-read (throttled) after ticket changes. A timer re-evaluates every row's SLA state every
30 s from the instants the rows carry, without a database read. After a reconnect the page
is read again once and merged in place (changes might have been missed).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.areas import Area, area_title
from ui.cell_tips import show_cut_text_as_tips
from ui.customer_card import tier_label
from ui.flow_layout import FlowLayout
from ui.queue_model import TICKET_ID_ROLE, Column, QueueTableModel
from ui.tasks import TaskRunner, is_problem
from ui.vocabulary import ticket_status_name
from workstation.changes import Change
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.queue import (
    OPEN_STATUSES,
    PRIORITIES,
    TIERS,
    Assignee,
    QueueCount,
    QueueFilter,
    QueueFilterOptions,
    QueueRow,
    queue_counts,
    queue_filter_options,
    queue_page,
    queue_rows,
)
from workstation.services.queue import QueuePage as PageOfRows

log = logging.getLogger(__name__)

TICK_MS = 30_000  # time left and SLA states re-evaluated (no database read)
ROWS_INTERVAL_MS = 250  # at most four row reads a second
COUNTS_INTERVAL_MS = 1_000  # at most one count read a second after changes
COUNTS_REFRESH_MS = 60_000  # counts drift with time (at risk, breached): re-read while shown

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Coalescer(QObject):
    """Runs `start` now if idle, else once the running read and a cool-down are over: any
    number of requests meanwhile fold into one. `start` calls `finished()` when its read
    is back (answered or failed)."""

    def __init__(self, interval_ms: int, start: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._start = start
        self._busy = False
        self._again = False
        self._cooldown = QTimer(self)
        self._cooldown.setSingleShot(True)
        self._cooldown.setInterval(interval_ms)
        self._cooldown.timeout.connect(self._cooled_down)

    def request(self) -> None:
        if self._busy or self._cooldown.isActive():
            self._again = True
            return
        self._again = False
        self._busy = self._start()

    def finished(self) -> None:
        self._busy = False
        self._cooldown.start()

    def stop(self) -> None:
        self._cooldown.stop()
        self._again = False

    @Slot()
    def _cooled_down(self) -> None:
        if self._again:
            self.request()


class QueueTable(QTableView):
    """The queue's table: Enter or a double click on a row opens its ticket."""

    ticket_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(self._activate)
        show_cut_text_as_tips(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    @Slot(QModelIndex)
    def _activate(self, index: QModelIndex) -> None:
        ticket_id = index.data(TICKET_ID_ROLE)
        if ticket_id is not None:
            self.ticket_activated.emit(int(ticket_id))


class QueuePage(QWidget):
    """The Queue area. `ticket_activated(ticket_id)` when a row is opened."""

    ticket_activated = Signal(int)
    loaded = Signal()  # a page (first or after a filter change) is shown

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        clock: Clock = _utc_now,
        tick_ms: int = TICK_MS,
        rows_interval_ms: int = ROWS_INTERVAL_MS,
        counts_interval_ms: int = COUNTS_INTERVAL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_queue")
        self._db = db
        self._runner = runner
        self._user = user
        self._clock = clock
        self._filter = QueueFilter(user_id=user.id)
        self._options: QueueFilterOptions | None = None
        self._counts: tuple[QueueCount, ...] = ()
        self._total = 0
        self._started = False
        self._stopped = False
        self._page_in_flight = False
        self._pending: set[int] = set()
        self.reads = 0  # database reads this page asked for (rows, pages, counts, options)

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        # One chip per queue, wrapping between chips (a queue's name never breaks).
        self.counts_strip = QWidget()
        self.counts_strip.setObjectName("queueCounts")
        self._chips_layout = FlowLayout(self.counts_strip, spacing=8)
        self._chips: list[QLabel] = []
        self.take_next_button = QToolButton()
        self.take_next_button.setObjectName("takeNextButton")
        self.take_next_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.queue_filter = self._combo("queueFilter")
        self.status_filter = self._combo("statusFilter")
        self.priority_filter = self._combo("priorityFilter")
        self.assignee_filter = self._combo("assigneeFilter")
        self.tier_filter = self._combo("tierFilter")
        self.region_filter = self._combo("regionFilter")
        # No captions beside the choices: each first choice says what it filters ("All queues",
        # "Anyone", …), so the bar fits a narrow window; the names are for screen readers.
        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.filter_label = QLabel()
        filters.addWidget(self.filter_label)
        for combo in (
            self.queue_filter,
            self.status_filter,
            self.priority_filter,
            self.assignee_filter,
            self.tier_filter,
            self.region_filter,
        ):
            filters.addWidget(combo)
        self.filter_label.setBuddy(self.queue_filter)
        filters.addStretch(1)
        self._fill_fixed_filters()

        self.model = QueueTableModel(self)
        self.table = QueueTable()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)  # the SLA tints carry meaning
        self.table.setWordWrap(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.TIME_LEFT, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self.table.ticket_activated.connect(self.ticket_activated)
        self._set_column_widths()

        self.shown_label = QLabel()
        self.shown_label.setObjectName("queueShown")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("queueEmpty")
        self.empty_label.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.counts_strip, 1)
        top.addWidget(self.take_next_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.shown_label)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.find_action = QAction(self)
        self.find_action.setObjectName("queueFindAction")
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_filter)
        self.addAction(self.find_action)

        self._rows_reads = Coalescer(rows_interval_ms, self._read_rows, self)
        self._counts_reads = Coalescer(counts_interval_ms, self._read_counts, self)
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.tick)
        self._counts_timer = QTimer(self)
        self._counts_timer.setInterval(COUNTS_REFRESH_MS)
        self._counts_timer.timeout.connect(self._refresh_counts_if_shown)
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumWidth(60)  # shrinks (eliding) in a narrow window
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    def _fill_fixed_filters(self) -> None:
        self._filling = True
        self.status_filter.addItem("", OPEN_STATUSES)
        for status in OPEN_STATUSES:
            self.status_filter.addItem("", (status,))
        self.priority_filter.addItem("", ())
        for priority in PRIORITIES:
            self.priority_filter.addItem(priority, (priority,))
        for value in (None, "me", "unassigned"):
            self.assignee_filter.addItem("", value)
        self.tier_filter.addItem("", None)
        for tier in TIERS:
            self.tier_filter.addItem("", tier)
        self.queue_filter.addItem("", None)
        self.region_filter.addItem("", None)
        self._filling = False

    def _set_column_widths(self) -> None:
        metrics = self.table.fontMetrics()
        widths = {
            Column.NUMBER: "SR-2026-000000",
            Column.PRIORITY: "Priority",
            Column.STATUS: "Waiting for customer",
            Column.MODEL: "LP-2020 A4 mono laser printer",
            Column.QUEUE: "华东现场服务 Field service East",
            Column.ASSIGNEE: "Unassigned name",
            Column.REPORTED: "2026-11-23 14:05",
            Column.TIME_LEFT: "−23 h 59 min (paused)",
            Column.SLA: "Response overdue",
        }
        for column, sample in widths.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    def set_take_next_action(self, action: QAction) -> None:
        """The main window's Ctrl+T: the button shows its text and follows its enabled state."""
        self.take_next_button.setDefaultAction(action)

    # -- starting and stopping ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start()

    def start(self) -> None:
        """Read the filter's choices and the first page (once: on first show)."""
        if self._started or self._stopped:
            return
        self._started = True
        self.reads += 1
        self._runner.read(
            queue_filter_options,
            self._db,
            on_done=self._options_read,
            on_error=self._read_failed,
            key="queue-options",
        )
        self._load_page()
        self._ticker.start()
        self._counts_timer.start()

    def stop(self) -> None:
        """No more reads or ticks; answers still on their way are dropped."""
        self._stopped = True
        self._ticker.stop()
        self._counts_timer.stop()
        self._rows_reads.stop()
        self._counts_reads.stop()

    @property
    def started(self) -> bool:
        return self._started

    @property
    def options(self) -> QueueFilterOptions | None:
        """The filter bar's choices once read."""
        return self._options

    @property
    def current_filter(self) -> QueueFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    @property
    def counts(self) -> tuple[QueueCount, ...]:
        return self._counts

    def row(self, ticket_id: int) -> QueueRow | None:
        return self.model.find(ticket_id)

    def selected_ticket_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(TICKET_ID_ROLE)) if rows else None

    @Slot()
    def focus_filter(self) -> None:
        """Ctrl+F: the filter bar (its first choice, the queue)."""
        self.queue_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- the filter ------------------------------------------------------------------------

    def set_filter(self, flt: QueueFilter) -> None:
        """Show the tickets of another filter (a new page read; the one place rows reset)."""
        self._filter = flt
        if self._started:
            self._load_page()

    @Slot()
    def _filter_changed(self) -> None:
        if getattr(self, "_filling", True):
            return
        assignee: Assignee = self.assignee_filter.currentData()
        self.set_filter(
            QueueFilter(
                queue_id=self.queue_filter.currentData(),
                region_id=self.region_filter.currentData(),
                statuses=tuple(self.status_filter.currentData() or OPEN_STATUSES),
                priorities=tuple(self.priority_filter.currentData() or ()),
                assignee=assignee,
                tier=self.tier_filter.currentData(),
                user_id=self._user.id,
            )
        )

    def _options_read(self, options: QueueFilterOptions) -> None:
        if self._stopped:
            return
        self._options = options
        self._filling = True
        for combo, items in (
            (self.queue_filter, [(q.name, q.id) for q in options.queues]),
            (self.region_filter, [(r.name, r.id) for r in options.regions]),
            (
                self.assignee_filter,
                [(u.display_name, u.id) for u in options.users if u.id != self._user.id],
            ),
        ):
            current = combo.currentData()
            keep = 3 if combo is self.assignee_filter else 1
            while combo.count() > keep:
                combo.removeItem(keep)
            for text, value in items:
                combo.addItem(text, value)
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else 0)
        self._filling = False
        self._show_counts()

    @Slot(str)
    def _count_link(self, link: str) -> None:
        """A queue's name in the counts strip: show that queue."""
        if link.startswith("queue:"):
            value = link.split(":", 1)[1]
            index = self.queue_filter.findData(None if value == "all" else int(value))
            if index >= 0:
                self.queue_filter.setCurrentIndex(index)

    # -- reading ---------------------------------------------------------------------------

    def _load_page(self) -> None:
        flt = self._filter
        self._page_in_flight = True
        self._pending.clear()  # the page is read after these changes were committed
        self.reads += 1
        self._runner.read(
            queue_page,
            self._db,
            flt,
            on_done=partial(self._page_read, flt),
            on_error=self._page_failed,
            key="queue-page",
        )

    def _page_read(self, flt: QueueFilter, page: PageOfRows) -> None:
        if self._stopped or flt != self._filter:
            return
        self._page_in_flight = False
        self.model.set_rows(page.rows, self._clock())
        self._total = page.total
        self._counts = page.counts
        self._show_counts()
        self._show_shown()
        self.loaded.emit()
        if self._pending:
            self._rows_reads.request()

    def _page_failed(self, error: BaseException) -> None:
        self._page_in_flight = False
        self._read_failed(error)

    def refresh_page(self) -> None:
        """Read the page again and merge it in place (after a reconnect: changes may have been
        missed while away). Selection and scroll position stay."""
        if not self._started or self._stopped or self._page_in_flight:
            return
        flt = self._filter
        self.reads += 1
        self._runner.read(
            queue_page,
            self._db,
            flt,
            on_done=partial(self._page_merged, flt),
            on_error=self._read_failed,
            key="queue-page",
        )

    def _page_merged(self, flt: QueueFilter, page: PageOfRows) -> None:
        if self._stopped or flt != self._filter:
            return
        self.model.replace_all(page.rows)
        self._total = page.total
        self._counts = page.counts
        self._show_counts()
        self._show_shown()

    def on_changes(self, changes: list[Change]) -> None:
        """Other desks' (and this desk's) changes: re-read exactly the tickets they name."""
        ids = {c.entity_id for c in changes if c.entity == "ticket"}
        if not ids or not self._started or self._stopped:
            return
        self._pending |= ids
        if not self._page_in_flight:
            self._rows_reads.request()
        self._counts_reads.request()

    def on_live(self) -> None:
        """The desk is live again after a reconnect: catch up once."""
        self.refresh_page()
        self._counts_reads.request()

    def _read_rows(self) -> bool:
        if self._stopped or self._page_in_flight or not self._pending:
            return False
        ids = sorted(self._pending)
        self._pending.clear()
        flt = self._filter
        self.reads += 1
        self._runner.read(
            queue_rows,
            self._db,
            ids,
            flt,
            on_done=partial(self._rows_read, flt),
            on_error=self._rows_failed,
        )
        return True

    def _rows_read(self, flt: QueueFilter, rows: dict[int, QueueRow | None]) -> None:
        self._rows_reads.finished()
        if self._stopped or flt != self._filter or self._page_in_flight:
            return
        removed = self.model.remove([i for i, row in rows.items() if row is None])
        inserted, _updated = self.model.upsert(row for row in rows.values() if row is not None)
        self._total = max(0, self._total + inserted - removed)
        self._show_shown()

    def _rows_failed(self, error: BaseException) -> None:
        self._rows_reads.finished()
        self._read_failed(error)

    def _read_counts(self) -> bool:
        if self._stopped:
            return False
        self.reads += 1
        self._runner.read(
            queue_counts,
            self._db,
            on_done=self._counts_read,
            on_error=self._counts_failed,
            key="queue-counts",
        )
        return True

    def _counts_read(self, counts: tuple[QueueCount, ...]) -> None:
        self._counts_reads.finished()
        if self._stopped:
            return
        self._counts = counts
        self._show_counts()

    def _counts_failed(self, error: BaseException) -> None:
        self._counts_reads.finished()
        self._read_failed(error)

    @Slot()
    def _refresh_counts_if_shown(self) -> None:
        if self.isVisible():
            self._counts_reads.request()

    def _read_failed(self, error: BaseException) -> None:
        # The status bar shows a lost connection; the page catches up when live again.
        if is_problem(error) is None:
            log.error("queue read failed: %s", error)

    # -- time ------------------------------------------------------------------------------

    @Slot()
    def tick(self) -> None:
        """Time moves on: states and time left from the rows held (no database read)."""
        if not self._stopped:
            self.model.tick(self._clock())

    @Slot(int, Qt.SortOrder)
    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)

    # -- what is shown ---------------------------------------------------------------------

    def _show_shown(self) -> None:
        shown = self.model.rowCount()
        if self._total > shown:
            text = self.tr("Showing the {shown} most urgent of {total} tickets.").format(
                shown=f"{shown:,}", total=f"{self._total:,}"
            )
        else:
            text = self.tr("Tickets: {count}").format(count=f"{shown:,}")
        self.shown_label.setText(text)
        self.empty_label.setVisible(self._started and not self._page_in_flight and shown == 0)

    def _count_words(self, count: QueueCount) -> tuple[str, str, str, str]:
        return (
            self.tr("{count} open").format(count=count.open),
            self.tr("unassigned {count}").format(count=count.unassigned),
            self.tr("at risk {count}").format(count=count.at_risk),
            self.tr("breached {count}").format(count=count.breached),
        )

    def _count_text(self, name: str, link: str, count: QueueCount) -> str:
        def words(text: str) -> str:
            return html.escape(text)

        opened, unassigned, at_risk, breached = (words(w) for w in self._count_words(count))
        title = f"<b>{words(name)}</b>"
        if link:
            title = f'<a href="{link}" style="text-decoration:none">{title}</a>'
        if count.at_risk:
            at_risk = f'<span style="color:#8a5a00"><b>{at_risk}</b></span>'
        if count.breached:
            breached = f'<span style="color:#c62828"><b>{breached}</b></span>'
        return " · ".join((title, opened, unassigned, at_risk, breached))

    def count_texts(self) -> list[str]:
        """The strip's entries as plain text (the first: every queue together)."""
        return [
            " · ".join((name, *self._count_words(count)))
            for name, _link, count in self._count_entries()
        ]

    def _count_entries(self) -> list[tuple[str, str, QueueCount]]:
        total = QueueCount(
            None,
            "",
            sum(c.open for c in self._counts),
            sum(c.unassigned for c in self._counts),
            sum(c.at_risk for c in self._counts),
            sum(c.breached for c in self._counts),
            sum(c.paused for c in self._counts),
        )
        entries = [(self.tr("All queues"), "queue:all", total)]
        for count in self._counts:
            if count.queue_id is None:
                entries.append((self.tr("No queue"), "", count))
            else:
                entries.append((count.queue_name, f"queue:{count.queue_id}", count))
        return entries

    def _show_counts(self) -> None:
        entries = self._count_entries()
        while len(self._chips) < len(entries):
            chip = QLabel()
            chip.setObjectName("queueCountChip")
            chip.setTextFormat(Qt.TextFormat.RichText)
            chip.setWordWrap(False)
            chip.setStyleSheet(
                "QLabel#queueCountChip { background: #eef1f5; border: 1px solid #d5dae1;"
                " border-radius: 4px; padding: 2px 8px; color: #202020; }"
            )
            chip.linkActivated.connect(self._count_link)
            self._chips_layout.addWidget(chip)
            self._chips.append(chip)
        while len(self._chips) > len(entries):
            chip = self._chips.pop()
            self._chips_layout.removeWidget(chip)
            chip.deleteLater()
        for chip, entry in zip(self._chips, entries, strict=True):
            chip.setText(self._count_text(*entry))

    # -- translation -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(area_title(Area.QUEUE))
        self.filter_label.setText(self.tr("&Show:"))
        names = {
            self.queue_filter: self.tr("Queue"),
            self.status_filter: self.tr("Status"),
            self.priority_filter: self.tr("Priority"),
            self.assignee_filter: self.tr("Assignee"),
            self.tier_filter: self.tr("Customer tier"),
            self.region_filter: self.tr("Region"),
        }
        for combo, name in names.items():
            combo.setAccessibleName(name)
            combo.setToolTip(name)
        self.queue_filter.setItemText(0, self.tr("All queues"))
        self.region_filter.setItemText(0, self.tr("All regions"))
        self.status_filter.setItemText(0, self.tr("All open statuses"))
        for i, status in enumerate(OPEN_STATUSES, start=1):
            self.status_filter.setItemText(i, ticket_status_name(status))
        self.priority_filter.setItemText(0, self.tr("Any priority"))
        self.assignee_filter.setItemText(0, self.tr("Any assignee"))
        self.assignee_filter.setItemText(1, self.tr("Mine"))
        self.assignee_filter.setItemText(2, self.tr("Unassigned"))
        self.tier_filter.setItemText(0, self.tr("Any tier"))
        for i, tier in enumerate(TIERS, start=1):
            self.tier_filter.setItemText(i, tier_label(tier))
        self.empty_label.setText(self.tr("No tickets match the filter."))
        self.table.setAccessibleName(self.tr("Tickets in the queue"))
        self.find_action.setText(self.tr("Filter the queue"))
        self.model.retranslate()
        self._show_counts()
        self._show_shown()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
