"""The Dashboard area: tiles, loads and charts for supervisors, live from the change feed.

The page reads one snapshot (`dashboard_snapshot`: every tile and series, aggregated in SQL)
on a worker. Changes from the feed only mark it dirty; a refresh then runs at most once per
`interval_ms` while changes keep coming, and only while the page is visible (a hidden page
refreshes when it is shown again). A snapshot replaces the data in place: the tiles' text
and the charts' curves (setData); no widget is rebuilt. pyqtgraph (a third of a second to
import) loads when the page is first shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import rows_table, tier_label
from ui.dashboard_tiles import LoadsModel, TilesPanel
from ui.i18n import speaks_chinese
from ui.local_time import local_text
from ui.queue_page import Coalescer
from ui.tasks import TaskRunner, is_problem
from workstation.changes import Change
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.dashboard import (
    DashboardOptions,
    DashboardSnapshot,
    dashboard_options,
    dashboard_snapshot,
    last_days,
    today_of,
)
from workstation.services.kpi_filters import KpiFilter, Period
from workstation.services.queue import TIERS

if TYPE_CHECKING:
    from ui.dashboard_charts import BacklogChart, ComplianceChart, HourlyChart, ResponseChart

log = logging.getLogger(__name__)

REFRESH_INTERVAL_MS = 750  # at most about one refresh a second while changes keep coming
CHART_STEP_MS = 10  # between two charts' updates: the first one's repaint runs in between
# Changes to these records can move a tile or a chart.
LIVE_ENTITIES = frozenset({"ticket", "call"})
TODAY, DAYS_7, DAYS_30, CUSTOM = range(4)

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DashboardPage(QWidget):
    """The Dashboard area. `refreshed` when a snapshot is shown."""

    refreshed = Signal()

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
        self.setObjectName("page_dashboard")
        self._db = db
        self._runner = runner
        self._user = user
        self._clock = clock
        self._filter = KpiFilter()
        self._period: Period | None = None
        self._options: DashboardOptions | None = None
        self._snapshot: DashboardSnapshot | None = None
        self._started = False
        self._stopped = False
        self._dirty = True
        self._filling = False
        self.refreshes = 0  # snapshot reads started
        self.hourly_chart: HourlyChart | None = None
        self.response_chart: ResponseChart | None = None
        self.compliance_chart: ComplianceChart | None = None
        self.backlog_chart: BacklogChart | None = None

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.updated_label = QLabel()
        self.updated_label.setObjectName("dashboardUpdated")

        self.region_filter = self._combo("dashboardRegion")
        self.queue_filter = self._combo("dashboardQueue")
        self.kind_filter = self._combo("dashboardKind")
        self.tier_filter = self._combo("dashboardTier")
        self.period_filter = self._combo("dashboardPeriod")
        self.first_day = self._date_edit("dashboardFirstDay")
        self.last_day = self._date_edit("dashboardLastDay")
        self.to_label = QLabel()
        self._fill_fixed_filters()

        self.tiles = TilesPanel()
        self.tiles.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.loads_model = LoadsModel(self)
        self.loads_table = rows_table(self.loads_model, "dashboardLoads")
        self.loads_table.setMinimumWidth(260)
        self.loads_table.setMaximumHeight(self.tiles.sizeHint().height() + 40)
        self.loads_title = QLabel()
        bold = QFont(self.loads_title.font())
        bold.setBold(True)
        self.loads_title.setFont(bold)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.updated_label)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        for widget in (
            self.region_filter,
            self.queue_filter,
            self.kind_filter,
            self.tier_filter,
            self.period_filter,
            self.first_day,
            self.to_label,
            self.last_day,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)

        loads = QVBoxLayout()
        loads.setContentsMargins(0, 0, 0, 0)
        loads.addWidget(self.loads_title)
        loads.addWidget(self.loads_table, 1)
        head = QHBoxLayout()
        head.addWidget(self.tiles, 3)
        head.addLayout(loads, 1)

        self.charts = QWidget()
        self.charts.setObjectName("dashboardCharts")
        self._charts_grid = QGridLayout(self.charts)
        self._charts_grid.setContentsMargins(0, 0, 0, 0)
        self._charts_grid.setSpacing(8)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(8)
        body_layout.addLayout(head)
        body_layout.addWidget(self.charts, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(scroll, 1)

        self._refreshes = Coalescer(interval_ms, self._start_refresh, self)
        self._chart_steps: list[Callable[[], None]] = []
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(CHART_STEP_MS)
        self._step_timer.timeout.connect(self._next_chart)
        self.retranslate()

    # -- building ----------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumWidth(60)
        combo.currentIndexChanged.connect(self._filter_changed)
        return combo

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setVisible(False)
        edit.dateChanged.connect(self._filter_changed)
        return edit

    def _fill_fixed_filters(self) -> None:
        self._filling = True
        for combo in (self.region_filter, self.queue_filter, self.kind_filter, self.tier_filter):
            combo.addItem("", None)
        for tier in TIERS:
            self.tier_filter.addItem("", tier)
        for choice in (TODAY, DAYS_7, DAYS_30, CUSTOM):
            self.period_filter.addItem("", choice)
        self.period_filter.setCurrentIndex(DAYS_7)
        today = self._today()
        self.first_day.setDate(_qdate(today - timedelta(days=6)))
        self.last_day.setDate(_qdate(today))
        self.to_label.setVisible(False)
        self._filling = False

    def _build_charts(self) -> None:
        """The charts, once: the first time the page is shown (pyqtgraph loads here)."""
        from ui.dashboard_charts import BacklogChart, ComplianceChart, HourlyChart, ResponseChart

        self.hourly_chart = HourlyChart()
        self.response_chart = ResponseChart()
        self.compliance_chart = ComplianceChart()
        self.backlog_chart = BacklogChart()
        self.hourly_chart.setObjectName("hourlyChart")
        self.response_chart.setObjectName("responseChart")
        self.compliance_chart.setObjectName("complianceChart")
        self.backlog_chart.setObjectName("backlogChart")
        self._charts_grid.addWidget(self.hourly_chart, 0, 0)
        self._charts_grid.addWidget(self.response_chart, 0, 1)
        self._charts_grid.addWidget(self.compliance_chart, 1, 0)
        self._charts_grid.addWidget(self.backlog_chart, 1, 1)
        for n in range(2):
            self._charts_grid.setRowStretch(n, 1)
            self._charts_grid.setColumnStretch(n, 1)

    # -- starting and stopping ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start()
        if self._dirty:
            self._refreshes.request()

    def start(self) -> None:
        """Build the charts and read the filter's choices (once: on first show)."""
        if self._started or self._stopped:
            return
        self._started = True
        self._build_charts()
        self._runner.read(
            dashboard_options,
            self._db,
            self._user,
            on_done=self._options_read,
            on_error=self._read_failed,
            key="dashboard-options",
        )

    def stop(self) -> None:
        """No more reads (the window closes)."""
        self._stopped = True
        self._refreshes.stop()
        self._step_timer.stop()

    # -- filters -----------------------------------------------------------------------------

    def _today(self) -> date:
        return today_of(self._db, self._clock())

    def current_filter(self) -> KpiFilter:
        """One choice per attribute (the KPI filter takes several: a report may)."""

        def chosen(combo: QComboBox) -> tuple[Any, ...]:
            value = combo.currentData()
            return () if value is None else (value,)

        return KpiFilter(
            region_ids=chosen(self.region_filter),
            queue_ids=chosen(self.queue_filter),
            product_categories=chosen(self.kind_filter),
            tiers=chosen(self.tier_filter),
        )

    def current_period(self) -> Period:
        today = self._today()
        choice = self.period_filter.currentData()
        if choice == TODAY:
            return Period(today, today)
        if choice == DAYS_30:
            return last_days(30, today)
        if choice == CUSTOM:
            first, last = self.first_day.date().toPython(), self.last_day.date().toPython()
            assert isinstance(first, date) and isinstance(last, date)
            return Period(min(first, last), max(first, last))
        return last_days(7, today)

    def _filter_changed(self) -> None:
        if self._filling:
            return
        custom = self.period_filter.currentData() == CUSTOM
        for widget in (self.first_day, self.to_label, self.last_day):
            widget.setVisible(custom)
        self._dirty = True
        if self._started and not self._stopped:
            self._refreshes.request()

    def _options_read(self, options: DashboardOptions) -> None:
        self._options = options
        self._filling = True
        try:
            for combo, values in (
                (self.region_filter, [(r.name, r.id) for r in options.regions]),
                (self.queue_filter, [(q.name, q.id) for q in options.queues]),
                (
                    self.kind_filter,
                    [(self._kind_name(c.name_en, c.name_zh), c.code) for c in options.categories],
                ),
            ):
                chosen = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for text, value in values:
                    combo.addItem(text, value)
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
        finally:
            self._filling = False

    @staticmethod
    def _kind_name(name_en: str, name_zh: str) -> str:
        return name_zh if speaks_chinese() and name_zh else name_en

    # -- live --------------------------------------------------------------------------------

    def on_changes(self, changes: list[Change]) -> None:
        """Changes from the feed: mark the numbers stale; refresh (throttled) if shown."""
        if not any(change.entity in LIVE_ENTITIES for change in changes):
            return
        self._dirty = True
        if self._started and not self._stopped and self.isVisible():
            self._refreshes.request()

    def on_live(self) -> None:
        """The desk is live again after a reconnect: changes may have been missed."""
        self._dirty = True
        if self._started and not self._stopped and self.isVisible():
            self._refreshes.request()

    def _start_refresh(self) -> bool:
        if self._stopped or not self.isVisible() or not self._dirty:
            return False
        self._dirty = False
        flt, period = self.current_filter(), self.current_period()
        self._filter, self._period = flt, period
        self.refreshes += 1
        self._runner.read(
            dashboard_snapshot,
            self._db,
            self._user,
            flt,
            period,
            self._clock(),
            on_done=partial(self._snapshot_read, flt, period),
            on_error=self._refresh_failed,
        )
        return True

    def _snapshot_read(self, flt: KpiFilter, period: Period, snapshot: DashboardSnapshot) -> None:
        self._refreshes.finished()
        if self._stopped or flt != self._filter or period != self._period:
            return
        self.show_snapshot(snapshot)

    def _refresh_failed(self, error: BaseException) -> None:
        self._refreshes.finished()
        self._dirty = True  # try again with the next change or the next showing
        self._read_failed(error)

    def _read_failed(self, error: BaseException) -> None:
        # The status bar shows a lost connection; the page catches up when live again.
        if is_problem(error) is None:
            log.error("dashboard read failed: %s", error)

    # -- showing -----------------------------------------------------------------------------

    @property
    def snapshot(self) -> DashboardSnapshot | None:
        return self._snapshot

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        """The snapshot's numbers in place: tiles' text and the loads' rows at once, then
        one chart per turn of the event loop (each chart's setData and its repaint stay a
        short step of the GUI thread; all four at once were measured at 50-110 ms)."""
        self._snapshot = snapshot
        self.tiles.set_tiles(snapshot.tiles, snapshot.now)
        self.loads_model.set_loads(snapshot.loads)
        self._show_updated()
        self._chart_steps = [
            partial(self._chart_step, chart, snapshot)
            for chart in (
                self.hourly_chart,
                self.response_chart,
                self.compliance_chart,
                self.backlog_chart,
            )
            if chart is not None
        ]
        self._next_chart()

    @property
    def charts_pending(self) -> bool:
        """Whether charts of the last snapshot are still to be updated."""
        return bool(self._chart_steps) or self._step_timer.isActive()

    def _next_chart(self) -> None:
        if not self._chart_steps:
            self.refreshed.emit()
            return
        self._chart_steps.pop(0)()
        self._step_timer.start()

    def _chart_step(self, chart: object, snapshot: DashboardSnapshot) -> None:
        if chart is self.hourly_chart and self.hourly_chart is not None:
            self.hourly_chart.set_hourly(snapshot.hourly, snapshot.hourly.hour_now)
        elif chart is self.response_chart and self.response_chart is not None:
            self.response_chart.set_days(snapshot.days, snapshot.response_target_minutes)
        elif chart is self.compliance_chart and self.compliance_chart is not None:
            self.compliance_chart.set_days(snapshot.days)
        elif chart is self.backlog_chart and self.backlog_chart is not None:
            self.backlog_chart.set_backlog(snapshot.backlog)

    def _show_updated(self) -> None:
        if self._snapshot is None:
            self.updated_label.setText("")
            return
        self.updated_label.setText(
            self.tr("Updated {when}").format(when=local_text(self._snapshot.now))
        )

    # -- words -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dashboard"))
        self.loads_title.setText(self.tr("Agents and engineers: open tickets"))
        self.to_label.setText(self.tr("to"))
        self.region_filter.setItemText(0, self.tr("All regions"))
        self.queue_filter.setItemText(0, self.tr("All queues"))
        self.kind_filter.setItemText(0, self.tr("All product kinds"))
        self.tier_filter.setItemText(0, self.tr("Any tier"))
        for i, tier in enumerate(TIERS, start=1):
            self.tier_filter.setItemText(i, tier_label(tier))
        periods = {
            TODAY: self.tr("Today"),
            DAYS_7: self.tr("Last 7 days"),
            DAYS_30: self.tr("Last 30 days"),
            CUSTOM: self.tr("Custom period"),
        }
        for i in range(self.period_filter.count()):
            self.period_filter.setItemText(i, periods[self.period_filter.itemData(i)])
        names = {
            self.region_filter: self.tr("Region"),
            self.queue_filter: self.tr("Queue"),
            self.kind_filter: self.tr("Product kind"),
            self.tier_filter: self.tr("Customer tier"),
            self.period_filter: self.tr("Period"),
            self.first_day: self.tr("First day"),
            self.last_day: self.tr("Last day"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
            widget.setToolTip(name)
        if self._options is not None:
            for i, category in enumerate(self._options.categories, start=1):
                self.kind_filter.setItemText(i, self._kind_name(category.name_en, category.name_zh))
        self.tiles.retranslate()
        self.loads_model.retranslate()
        for chart in (
            self.hourly_chart,
            self.response_chart,
            self.compliance_chart,
            self.backlog_chart,
        ):
            if chart is not None:
                chart.retranslate()
        if self._snapshot is not None:
            self.show_snapshot(self._snapshot)
        else:
            self._show_updated()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
