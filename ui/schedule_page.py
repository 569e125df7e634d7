"""The Schedule area: engineers' visits by week or day, per region or engineer, live.

The board (ui/schedule_board_view.py) paints a row per engineer; beside it, the visits still
to schedule. The page reads one board (`week_board`) on a worker; changes from the feed to
visits, absences or engineers' profiles only mark it stale, and a refresh then runs at most
once per `interval_ms` while they keep coming, and only while the page is shown (a hidden
page refreshes when it is shown again), as the dashboard does.

The page books nothing itself: a drag on the board, a drop of a "to schedule" row, and the
block menu's entries come out as signals (`move_requested`, `move_dialog_requested`,
`cancel_requested`, `visit_opened`) for the booking services and dialogs. A moved block
waits dimmed at its new place until `reload()` brings the board as it now is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.areas import Area, area_title
from ui.customer_card import rows_table
from ui.flow_layout import FlowLayout
from ui.queue_page import Coalescer
from ui.schedule_board_view import BoardView
from ui.schedule_legend import ScheduleLegend
from ui.tasks import TaskRunner, is_problem
from ui.to_schedule_model import ToScheduleModel
from workstation.changes import Change
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.schedule_board import (
    ScheduleBoard,
    ScheduleOptions,
    centre_today,
    schedule_options,
    week_board,
    week_start,
)

log = logging.getLogger(__name__)

REFRESH_INTERVAL_MS = 500
# Changes to these records can move, add or remove something on the board.
LIVE_ENTITIES = frozenset({"visit", "engineer_absence", "engineer_profile", "user"})
# ... and these, what the filters offer (regions, engineers).
OPTION_ENTITIES = frozenset({"user", "region"})
WEEK, DAY = 7, 1
SIDE_WIDTH = 340  # the "to schedule" list, at first

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SchedulePage(QWidget):
    """The Schedule area's page. Its surface: the signals, `reload()`, `on_changes()`."""

    move_requested = Signal(int, int, int, object, object)  # id, version, engineer, start, end
    visit_opened = Signal(int)
    move_dialog_requested = Signal(int)
    cancel_requested = Signal(int)
    engineers_requested = Signal(object)  # the region chosen (int | None)

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        clock: Clock = _utc_now,
        interval_ms: int = REFRESH_INTERVAL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_schedule")
        self._db = db
        self._runner = runner
        self._user = user
        self._clock = clock
        self._anchor = centre_today(clock())
        self._days = WEEK
        self._region_id: int | None = user.region_id
        self._engineer_id: int | None = user.id if user.role == "engineer" else None
        self._options: ScheduleOptions | None = None
        self._asked: tuple[date, int, int | None, int | None] | None = None
        self._settle_next = False
        self._started = False
        self._dirty = True
        self._filling = False
        self.board_reads = 0  # board reads started
        self.menu: QMenu | None = None  # the last "to schedule" menu (tests)

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.previous_button = QToolButton()
        self.previous_button.setObjectName("schedulePrevious")
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.today_button = QToolButton()
        self.today_button.setObjectName("scheduleToday")
        self.next_button = QToolButton()
        self.next_button.setObjectName("scheduleNext")
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.range_label = QLabel()
        self.range_label.setObjectName("scheduleRange")
        range_font = QFont(self.range_label.font())
        range_font.setBold(True)
        self.range_label.setFont(range_font)
        self.week_button = QToolButton()
        self.week_button.setObjectName("scheduleWeek")
        self.day_button = QToolButton()
        self.day_button.setObjectName("scheduleDay")
        self._views = QButtonGroup(self)
        for number, button in ((WEEK, self.week_button), (DAY, self.day_button)):
            button.setCheckable(True)
            self._views.addButton(button, number)
        self.week_button.setChecked(True)
        self.region_label = QLabel()
        self.region_filter = QComboBox()
        self.region_filter.setObjectName("scheduleRegion")
        self.region_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.engineer_label = QLabel()
        self.engineer_filter = QComboBox()
        self.engineer_filter.setObjectName("scheduleEngineer")
        self.engineer_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.region_label.setBuddy(self.region_filter)
        self.engineer_label.setBuddy(self.engineer_filter)
        self.engineers_button = QToolButton()
        self.engineers_button.setObjectName("scheduleEngineers")
        self.engineers_button.clicked.connect(
            lambda: self.engineers_requested.emit(self.region_filter.currentData())
        )
        self.legend = ScheduleLegend()
        self.message = QLabel()
        self.message.setObjectName("scheduleMessage")
        self.message.setVisible(False)

        self.board = BoardView()
        self.to_schedule_model = ToScheduleModel(self)
        self.to_schedule = rows_table(self.to_schedule_model, "toScheduleTable")
        self.to_schedule.setDragEnabled(True)
        self.to_schedule.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.to_schedule.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.to_schedule_title = QLabel()
        self.to_schedule_title.setObjectName("toScheduleTitle")
        self.to_schedule_title.setFont(range_font)
        self.to_schedule_hint = QLabel()
        self.to_schedule_hint.setWordWrap(True)
        self.to_schedule_hint.setObjectName("toScheduleHint")

        # The tool strip wraps between its groups when the window is narrow.
        self.tools = QWidget()
        self.tools.setObjectName("scheduleTools")
        strip = FlowLayout(self.tools, spacing=14)
        groups: tuple[tuple[QWidget, ...], ...] = (
            (self.title,),
            (self.previous_button, self.today_button, self.next_button, self.range_label),
            (self.week_button, self.day_button),
            (self.region_label, self.region_filter),
            (self.engineer_label, self.engineer_filter),
            (self.engineers_button,),
        )
        for members in groups:
            group = QWidget()
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            for widget in members:
                row.addWidget(widget)
            strip.addWidget(group)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(4)
        side_layout.addWidget(self.to_schedule_title)
        side_layout.addWidget(self.to_schedule_hint)
        side_layout.addWidget(self.to_schedule, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.board)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        side.setMinimumWidth(SIDE_WIDTH // 2)
        self.splitter.setSizes([4 * SIDE_WIDTH, SIDE_WIDTH])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(6)
        layout.addWidget(self.tools)
        layout.addWidget(self.legend)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self._refreshes = Coalescer(interval_ms, self._start_refresh, self)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.today_button.clicked.connect(self._go_today)
        self._views.idClicked.connect(self._view_chosen)
        self.region_filter.currentIndexChanged.connect(self._region_chosen)
        self.engineer_filter.currentIndexChanged.connect(self._engineer_chosen)
        self.board.move_requested.connect(self._move_asked)
        self.board.visit_opened.connect(self.visit_opened)
        self.board.move_dialog_requested.connect(self.move_dialog_requested)
        self.board.cancel_requested.connect(self.cancel_requested)
        self.to_schedule.doubleClicked.connect(
            lambda index: self.visit_opened.emit(self.to_schedule_model.visit(index.row()).id)
        )
        self.to_schedule.customContextMenuRequested.connect(self._to_schedule_menu)
        self._fill_filters()
        self.retranslate()

    # -- the public surface -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the board again now; moves waiting for it are settled by what it says."""
        self._settle_next = True
        self._dirty = True
        if self.isVisible():
            self._refreshes.request()

    def on_changes(self, changes: list[Change]) -> None:
        """Changes from the feed: mark the board stale; refresh (throttled) if shown."""
        if self._started and any(change.entity in OPTION_ENTITIES for change in changes):
            self._read_options()
        if not any(change.entity in LIVE_ENTITIES for change in changes):
            return
        self._dirty = True
        if self.isVisible():
            self._refreshes.request()

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._read_options()
        if self._dirty:
            self._refreshes.request()

    def _read_options(self) -> None:
        self._runner.read(
            schedule_options,
            self._db,
            self._user,
            on_done=self._options_read,
            on_error=self._read_failed,
            key="schedule-options",
        )

    def _period(self) -> tuple[date, int]:
        """The first day shown and how many."""
        if self._days == WEEK:
            return week_start(self._anchor), WEEK
        return self._anchor, DAY

    def _start_refresh(self) -> bool:
        if not self.isVisible() or not self._dirty:
            return False
        self._dirty = False
        settle, self._settle_next = self._settle_next, False
        start, days = self._period()
        asked = (start, days, self._region_id, self._engineer_id)
        self._asked = asked
        self.board_reads += 1
        now = self._clock()
        self._runner.read(
            week_board,
            self._db,
            self._user,
            start,
            days,
            self._region_id,
            self._engineer_id,
            now,
            on_done=partial(self._board_read, asked, settle, now),
            on_error=self._refresh_failed,
            key="schedule-board",
        )
        return True

    def _board_read(
        self,
        asked: tuple[date, int, int | None, int | None],
        settle: bool,
        now: datetime,
        board: ScheduleBoard,
    ) -> None:
        self._refreshes.finished()
        if asked != self._asked:
            return
        self.board.set_board(board, now=now, settle=settle)
        self._show_to_schedule()
        self._show_message()

    def _show_to_schedule(self) -> None:
        board = self.board.board
        if board is None:
            return
        pending = self.board.pending
        self.to_schedule_model.set_visits([v for v in board.to_schedule if v.id not in pending])
        self._title_to_schedule()

    def _title_to_schedule(self) -> None:
        self.to_schedule_title.setText(
            self.tr("To schedule ({count})").format(count=self.to_schedule_model.rowCount())
        )

    def _show_message(self) -> None:
        board = self.board.board
        if board is not None and not board.engineers:
            self.message.setText(self.tr("No engineers to show for this choice."))
            self.message.setVisible(True)
        else:
            self.message.setVisible(False)

    def _refresh_failed(self, error: BaseException) -> None:
        self._refreshes.finished()
        self._dirty = True  # again with the next change or the next showing
        self._read_failed(error)

    def _read_failed(self, error: BaseException) -> None:
        # A lost connection shows in the status bar; the page catches up when live again.
        if is_problem(error) is None:
            log.error("schedule read failed: %s", error)
            self.message.setText(
                self.tr("The schedule could not be read: {error}").format(error=error)
            )
            self.message.setVisible(True)

    def _changed(self) -> None:
        """The period or a filter changed: read the board for it."""
        self._show_range()
        self._dirty = True
        if self.isVisible():
            self._refreshes.request()

    # -- period and filters --------------------------------------------------------------------

    def _step(self, direction: int) -> None:
        self._anchor += timedelta(days=direction * self._days)
        self._changed()

    def _go_today(self) -> None:
        self._anchor = centre_today(self._clock())
        self._changed()

    def _view_chosen(self, days: int) -> None:
        if days != self._days:
            self._days = days
            self._changed()

    def _show_range(self) -> None:
        start, days = self._period()
        if days == 1:
            self.range_label.setText(start.isoformat())
        else:
            end = start + timedelta(days=days - 1)
            self.range_label.setText(f"{start.isoformat()} – {end.isoformat()}")

    def _fill_filters(self) -> None:
        self._filling = True
        try:
            self.region_filter.clear()
            self.region_filter.addItem("", None)
            regions = self._options.regions if self._options else ()
            for region in regions:
                self.region_filter.addItem(region.name, region.id)
            self.region_filter.setCurrentIndex(max(0, self.region_filter.findData(self._region_id)))
            if self._options is not None and self.region_filter.currentData() != self._region_id:
                self._region_id = None  # a region that is no more
            self._fill_engineers()
        finally:
            self._filling = False
        self._name_all_choices()

    def _fill_engineers(self) -> None:
        self.engineer_filter.clear()
        self.engineer_filter.addItem("", None)
        engineers = self._options.engineers if self._options else ()
        for engineer in engineers:
            if self._region_id is None or engineer.region_id == self._region_id:
                self.engineer_filter.addItem(engineer.name, engineer.id)
        found = self.engineer_filter.findData(self._engineer_id)
        if found < 0 and self._options is not None:
            self._engineer_id = None
        self.engineer_filter.setCurrentIndex(max(0, found))

    def _name_all_choices(self) -> None:
        if self.region_filter.count():
            self.region_filter.setItemText(0, self.tr("All regions"))
        if self.engineer_filter.count():
            self.engineer_filter.setItemText(0, self.tr("All engineers"))

    def _options_read(self, options: ScheduleOptions) -> None:
        self._options = options
        before = (self._region_id, self._engineer_id)
        self._fill_filters()
        if (self._region_id, self._engineer_id) != before:
            self._changed()

    def _region_chosen(self) -> None:
        if self._filling:
            return
        self._region_id = self.region_filter.currentData()
        self._engineer_id = None
        self._filling = True
        try:
            self._fill_engineers()
        finally:
            self._filling = False
        self._name_all_choices()
        self._changed()

    def _engineer_chosen(self) -> None:
        if self._filling:
            return
        self._engineer_id = self.engineer_filter.currentData()
        self._changed()

    # -- moves and menus -----------------------------------------------------------------------

    def _move_asked(
        self, visit_id: int, version: int, engineer_id: int, starts: object, ends: object
    ) -> None:
        self._show_to_schedule()  # a booked "to schedule" row leaves the list meanwhile
        self.move_requested.emit(visit_id, version, engineer_id, starts, ends)

    def _to_schedule_menu(self, pos: QPoint) -> None:
        index = self.to_schedule.indexAt(pos)
        if not index.isValid():
            return
        visit_id = self.to_schedule_model.visit(index.row()).id
        menu = QMenu(self)
        menu.setObjectName("toScheduleMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        opened = QAction(self.tr("Open"), menu)
        opened.setObjectName("openVisit")
        opened.triggered.connect(lambda: self.visit_opened.emit(visit_id))
        book = QAction(self.tr("Book…"), menu)
        book.setObjectName("moveVisit")
        book.triggered.connect(lambda: self.move_dialog_requested.emit(visit_id))
        cancel = QAction(self.tr("Cancel visit…"), menu)
        cancel.setObjectName("cancelVisit")
        cancel.triggered.connect(lambda: self.cancel_requested.emit(visit_id))
        menu.addActions([opened, book, cancel])
        self.menu = menu
        menu.popup(self.to_schedule.viewport().mapToGlobal(pos))

    # -- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(area_title(Area.SCHEDULE))
        self.previous_button.setToolTip(self.tr("Earlier"))
        self.next_button.setToolTip(self.tr("Later"))
        self.today_button.setText(self.tr("Today"))
        self.week_button.setText(self.tr("Week"))
        self.day_button.setText(self.tr("Day"))
        self.region_label.setText(self.tr("&Region:"))
        self.engineer_label.setText(self.tr("&Engineer:"))
        self.engineers_button.setText(self.tr("Engi&neers…"))
        self.engineers_button.setToolTip(
            self.tr("Engineers' base, working hours and absences (leave, training)")
        )
        self.to_schedule_hint.setText(self.tr("Drag a visit onto an engineer's row to book it."))
        self._name_all_choices()
        self._title_to_schedule()
        self._show_range()
        if self.message.isVisible():
            self._show_message()
        self.to_schedule_model.retranslate()
        self.board.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
