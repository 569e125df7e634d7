"""The Reports area: choose a report, its period and filters, preview it, export it to Excel.

Every read and the export run on a worker (ui/tasks.py); the export reports its progress by
signal and stops at Cancel, leaving no file. What the user chose stays as it was after a
failure, so trying again is one click.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import tier_label
from ui.i18n import speaks_chinese
from ui.kpi_help import KpiHelpDialog
from ui.local_time import date_text
from ui.problems import problem_message
from ui.tasks import TaskRunner, is_problem
from workstation.db import Database
from workstation.export.columns import Column, ColumnKind, local_naive
from workstation.export.workbook import ExportCancelled, ExportFailed
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.kpi_filters import KpiFilter, Period
from workstation.services.reports import (
    REPORTS,
    ExportResult,
    ReportChoices,
    ReportPreview,
    customer_for_report,
    default_file_name,
    export_report,
    preview_report,
    report_choices,
)
from workstation.services.reports.base import ReportRequest
from workstation.services.reports.scheduled import BadReportInput

Index = QModelIndex | QPersistentModelIndex
THIS_MONTH, LAST_MONTH, CUSTOM = "this_month", "last_month", "custom"


class PreviewModel(QAbstractTableModel):
    """The preview's rows (plain tuples) under the report's typed columns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[Column, ...] = ()
        self._rows: tuple[tuple[Any, ...], ...] = ()

    def show(self, columns: tuple[Column, ...], rows: tuple[tuple[Any, ...], ...]) -> None:
        self.beginResetModel()
        self._columns, self._rows = columns, rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(column.kind, self._rows[index.row()][index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (
            *_NUMBERS,
            ColumnKind.BY_ROW,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


_NUMBERS = (ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.PERCENT, ColumnKind.HOURS)


def cell_text(kind: ColumnKind, value: Any) -> str:
    """A preview cell as the workbook will show it (instants in the centre's time)."""
    if kind is ColumnKind.BY_ROW and isinstance(value, tuple):
        kind, value = value
    if value is None:
        return ""
    if isinstance(value, datetime):
        moment = local_naive(value)
        return (
            moment.strftime("%Y-%m-%d %H:%M")
            if kind is ColumnKind.DATETIME
            else date_text(moment.date())
        )
    if isinstance(value, date):
        return date_text(value)
    if kind is ColumnKind.PERCENT:
        return f"{float(value) * 100:.1f}%"
    if kind in (ColumnKind.HOURS,):
        return f"{float(value):,.1f}"
    if kind is ColumnKind.DECIMAL:
        return f"{float(value):,.2f}"
    if kind is ColumnKind.INTEGER:
        return f"{int(value):,}"
    return str(value)


class _Relay(QObject):
    """Carries the export's progress from the worker to the GUI thread."""

    moved = Signal(int, int)


def month_of(day: date) -> Period:
    return Period.month(day.year, day.month)


class ReportsPage(QWidget):
    """Choose, preview, export."""

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_reports")
        self._db, self._runner, self._user = db, runner, user
        self._cancel: threading.Event | None = None
        # No parent: a worker still holding it after the page is gone emits into nothing.
        self._relay = _Relay()
        self._relay.moved.connect(self._moved)
        self._choices: ReportChoices | None = None

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)

        self.report = QComboBox()
        self.period = QComboBox()
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.region = QComboBox()
        self.queue = QComboBox()
        self.product_kind = QComboBox()
        self.tier = QComboBox()
        self.customer = QLineEdit()
        self.preview_button = QPushButton()
        self.export_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.form = QFormLayout()
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addWidget(self.start)
        self._dash = QLabel("–")
        period_row.addWidget(self._dash)
        period_row.addWidget(self.end)
        period_row.addStretch(1)
        filters = QHBoxLayout()
        for combo in (self.region, self.queue, self.product_kind, self.tier):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(combo)
        filters.addStretch(1)
        self._labels = [QLabel() for _ in range(4)]
        self.form.addRow(self._labels[0], self.report)
        self.form.addRow(self._labels[1], period_row)
        self.form.addRow(self._labels[2], filters)
        self.form.addRow(self._labels[3], self.customer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        self.help_button = _kpi_help_button(self)
        buttons.addWidget(self.help_button)
        buttons.addStretch(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        today = QDate.currentDate()
        self.start.setDate(QDate(today.year(), today.month(), 1))
        self.end.setDate(today)
        self.retranslate()
        self.report.currentIndexChanged.connect(self._report_changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.preview_button.clicked.connect(self.refresh_preview)
        self.export_button.clicked.connect(self._ask_where)
        self.cancel_button.clicked.connect(self.cancel_export)
        self._period_changed()
        self._report_changed()
        self._runner.read(
            report_choices, db, user, on_done=self._choices_read, on_error=self._failed
        )

    # -- words -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        language = self.language()
        self.title.setText(self.tr("Reports"))
        current = self.report.currentData()
        self.report.blockSignals(True)
        self.report.clear()
        for definition in REPORTS:
            self.report.addItem(definition.title(language), definition.name)
        self.report.setCurrentIndex(max(0, self.report.findData(current)))
        self.report.blockSignals(False)
        chosen = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItem(self.tr("This month"), THIS_MONTH)
        self.period.addItem(self.tr("Last month"), LAST_MONTH)
        self.period.addItem(self.tr("Custom"), CUSTOM)
        self.period.setCurrentIndex(max(0, self.period.findData(chosen)))
        self.period.blockSignals(False)
        for label, text in zip(
            self._labels,
            (self.tr("Report"), self.tr("Period"), self.tr("Filters"), self.tr("Customer")),
            strict=True,
        ):
            label.setText(text)
        self.customer.setPlaceholderText(self.tr("Customer id or phone number"))
        self.preview_button.setText(self.tr("Preview"))
        self.export_button.setText(self.tr("Export…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.help_button.setText(self.tr("KPI definitions"))
        self._fill_filters()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def language(self) -> str:
        return "zh" if speaks_chinese() else "en"

    # -- choices ---------------------------------------------------------------------------

    def _choices_read(self, choices: ReportChoices) -> None:
        self._choices = choices
        self._fill_filters()

    def _fill_filters(self) -> None:
        choices = self._choices
        zh = self.language() == "zh"
        lists: list[tuple[QComboBox, str, list[tuple[str, Any]]]] = [
            (self.region, self.tr("All regions"),
             [(f"{r.code} {r.name}", r.id) for r in choices.regions] if choices else []),
            (self.queue, self.tr("All queues"),
             [(f"{q.code} {q.name}", q.id) for q in choices.queues] if choices else []),
            (self.product_kind, self.tr("All product kinds"),
             [(k.name_zh if zh else k.name_en, k.code) for k in choices.product_kinds]
             if choices else []),
            (self.tier, self.tr("All tiers"),
             [(tier_label(t), t) for t in choices.tiers] if choices else []),
        ]  # fmt: skip
        for combo, everything, items in lists:
            kept = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(kept)) if kept is not None else 0)

    def _report_changed(self) -> None:
        name = self.report.currentData()
        needs = any(r.needs_customer for r in REPORTS if r.name == name)
        self.customer.setEnabled(needs)
        self._labels[3].setEnabled(needs)
        self.model.show((), ())

    def _period_changed(self) -> None:
        custom = self.period.currentData() == CUSTOM
        for widget in (self.start, self.end, self._dash):
            widget.setEnabled(custom)

    def chosen_period(self, today: date | None = None) -> Period:
        today = today or date.today()
        match self.period.currentData():
            case "this_month":
                return Period(today.replace(day=1), today)
            case "last_month":
                return month_of(today.replace(day=1) - timedelta(days=1))
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return Period(start, end)  # type: ignore[arg-type]

    def request(self) -> ReportRequest:
        def picked(combo: QComboBox) -> tuple[Any, ...]:
            value = combo.currentData()
            return () if value is None else (value,)

        flt = KpiFilter(
            picked(self.region), picked(self.queue), picked(self.product_kind), picked(self.tier)
        )
        return ReportRequest(self.chosen_period(), flt, None, self.language())

    def needs_customer(self) -> bool:
        return self.customer.isEnabled()

    def show_kpi_definitions(self) -> None:
        dialog = KpiHelpDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- preview ---------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        try:
            request = self.request()
        except ValueError:
            self._say(self.tr("The period ends before it starts."))
            return
        name = self.report.currentData()
        customer = self.customer.text().strip() if self.needs_customer() else None
        db, user = self._db, self._user
        self._say(self.tr("Reading…"))

        def task() -> ReportPreview:  # on the worker: plain values only, no widget
            return preview_report(db, user, name, with_customer(db, user, request, customer))

        self._runner.read(task, on_done=self._previewed, on_error=self._failed, key="preview")

    def _previewed(self, preview: ReportPreview) -> None:
        self.model.show(preview.columns, preview.rows)
        self.table.resizeColumnsToContents()
        shown = len(preview.rows)
        text = self.tr("%1 rows in all; the first %2 are shown.")
        text = text.replace("%1", f"{preview.total:,}").replace("%2", f"{shown:,}")
        self._say(" ".join((text, *preview.notes)))

    # -- export ----------------------------------------------------------------------------

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        try:
            name = default_file_name(self.report.currentData(), self.request())
        except ValueError:
            name = f"{self.report.currentData()}.xlsx"
        return Path(folder or ".") / name

    def _ask_where(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), str(self.default_path()), self.tr("Excel (*.xlsx)")
        )
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx"))

    def export_to(self, target: Path) -> None:
        """Write the chosen report to `target` on a worker, with progress and Cancel."""
        try:
            request = self.request()
        except ValueError:
            self._say(self.tr("The period ends before it starts."))
            return
        name = self.report.currentData()
        customer = self.customer.text().strip() if self.needs_customer() else None
        db, user = self._db, self._user
        self._cancel = cancel = threading.Event()
        relay = self._relay
        # A page closed while its export runs stops the export (nothing is left behind).
        self.destroyed.connect(lambda: cancel.set())

        def task() -> ExportResult:  # on the worker: plain values only, no widget
            return export_report(
                db,
                user,
                name,
                with_customer(db, user, request, customer),
                target,
                progress=relay.moved.emit,
                cancel=cancel,
            )

        self._busy(True)
        self._say(self.tr("Writing %1…").replace("%1", str(target)))
        self._runner.read(
            task, on_done=self._exported, on_error=functools.partial(self._export_failed, target)
        )

    def cancel_export(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)

    def exporting(self) -> bool:
        return self._cancel is not None

    def _moved(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _busy(self, busy: bool) -> None:
        for widget in (self.preview_button, self.export_button, self.report, self.period):
            widget.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        else:
            self._cancel = None

    def _exported(self, result: ExportResult) -> None:
        self._busy(False)
        text = self.tr("Written: %1 (%2 rows).")
        self._say(text.replace("%1", str(result.path)).replace("%2", f"{result.rows:,}"))

    def _export_failed(self, target: Path, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, ExportCancelled):
            self._say(self.tr("Export cancelled: no file was written."))
            return
        if isinstance(error, ExportFailed):
            self._say(self._failure_text(error))
            return
        self._failed(error)

    def _failure_text(self, error: ExportFailed) -> str:
        where = str(error.path)
        match error.reason:
            case "folder_missing":
                text = self.tr("The folder of %1 does not exist. Choose another place.")
            case "not_writable":
                text = self.tr(
                    "Cannot write %1: no permission, or the file is open in another program."
                )
            case "disk_full":
                text = self.tr("The disk is full: %1 was not written.")
            case _:
                text = self.tr("Cannot write %1: %2").replace("%2", error.detail)
        return text.replace("%1", where)

    def _failed(self, error: BaseException) -> None:
        problem = is_problem(error)
        if problem is not None:
            self._say(problem_message(problem))
        elif isinstance(error, PermissionDenied):
            self._say(self.tr("Your role may not export reports."))
        elif isinstance(error, BadReportInput):
            self._say(self.tr("Name the customer by id or phone number."))
        else:
            self._say(self.tr("The report failed: %1").replace("%1", str(error)))

    def _say(self, text: str) -> None:
        self.status.setText(text)


def with_customer(
    db: Database, user: SignedInUser, request: ReportRequest, customer: str | None
) -> ReportRequest:
    """The request for the customer named (by id or phone) in the customer field; runs on
    the worker. `None`: the report needs no customer."""
    if customer is None:
        return request
    if not customer:
        raise BadReportInput("customer")
    customer_id, _ = customer_for_report(db, user, customer)
    return replace(request, customer_id=customer_id)


def _kpi_help_button(page: ReportsPage) -> QPushButton:
    """The "KPI definitions" button: what each KPI of the summary counts."""
    button = QPushButton()
    button.setObjectName("kpiDefinitionsButton")
    button.clicked.connect(page.show_kpi_definitions)
    return button
