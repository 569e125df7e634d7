"""The SLA plans tab: each plan's targets per priority and at-risk share; the priority matrix.

Changes apply to tickets logged (or re-prioritised) from then on; the tab says so.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.admin_common import AdminTab
from ui.call_form import severity_name
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit, tier_name
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.admin_sla import (
    MAX_TARGET_MINUTES,
    PRIORITIES,
    SEVERITIES,
    TIERS,
    PlanInput,
    PlanRow,
    SlaSettings,
    Target,
    save_matrix,
    save_plan,
    sla_settings,
)
from workstation.services.auth import SignedInUser


def _columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("AdminSla", "Plan"), lambda r: r.name),
        Column(
            lambda: QCoreApplication.translate("AdminSla", "Calendar"), lambda r: r.calendar_name
        ),
        Column(
            lambda: QCoreApplication.translate("AdminSla", "At risk at"),
            lambda r: f"{r.at_risk_ratio:.0%}",
        ),
        Column(
            lambda: QCoreApplication.translate("AdminSla", "Default"),
            lambda r: QCoreApplication.translate("AdminSla", "Default") if r.is_default else "",
        ),
    ]


def _minutes_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(0, MAX_TARGET_MINUTES)
    box.setSingleStep(15)
    return box


class SlaTab(AdminTab):
    """Plans on the left, the chosen plan's form on the right, the matrix below."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("adminSla")
        self.settings: SlaSettings | None = None
        self._editing: PlanRow | None = None

        self.model = RowsModel(_columns(), self)
        self.table = rows_table(self.model, "plansTable")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPlan")
        self.new_button.clicked.connect(self.new_plan)
        self.note = QLabel()
        self.note.setWordWrap(True)

        self.name = line_edit(100, "planName")
        self.calendar = QComboBox()
        self.calendar.setObjectName("planCalendar")
        self.at_risk = QSpinBox()
        self.at_risk.setObjectName("atRisk")
        self.at_risk.setRange(10, 99)
        self.at_risk.setSuffix(" %")
        self.is_default = QCheckBox()
        self.is_default.setObjectName("isDefault")
        self.form_box = QGroupBox()
        form = QFormLayout()
        self._captions: dict[str, QLabel] = {}
        for name, editor in (
            ("name", self.name),
            ("calendar_id", self.calendar),
            ("at_risk_ratio", self.at_risk),
            ("is_default", self.is_default),
        ):
            field = self.box(name, editor)
            self._captions[name] = field.caption
            form.addRow(field.caption, field)
        targets = QGridLayout()
        self._response_caption = QLabel()
        self._resolution_caption = QLabel()
        targets.addWidget(self._response_caption, 0, 1)
        targets.addWidget(self._resolution_caption, 0, 2)
        self.targets: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for row, priority in enumerate(PRIORITIES, start=1):
            response = _minutes_box(f"response{priority}")
            resolution = _minutes_box(f"resolution{priority}")
            self.targets[priority] = (response, resolution)
            targets.addWidget(QLabel(priority), row, 0)
            targets.addWidget(self.box(f"targets.{priority}.response", response), row, 1)
            targets.addWidget(self.box(f"targets.{priority}.resolution", resolution), row, 2)
        self.save_button = QPushButton()
        self.save_button.setObjectName("savePlan")
        self.save_button.clicked.connect(self.save_plan)
        plan_column = QVBoxLayout(self.form_box)
        plan_column.addLayout(form)
        plan_column.addLayout(targets)
        plan_column.addWidget(self.save_button)

        self.matrix_box = QGroupBox()
        grid = QGridLayout(self.matrix_box)
        self._tier_labels = [QLabel() for _ in TIERS]
        self._severity_labels = [QLabel() for _ in SEVERITIES]
        self.matrix: dict[tuple[str, str], QComboBox] = {}
        for column, label in enumerate(self._tier_labels, start=1):
            grid.addWidget(label, 0, column)
        for row, severity in enumerate(SEVERITIES, start=1):
            grid.addWidget(self._severity_labels[row - 1], row, 0)
            for column, tier in enumerate(TIERS, start=1):
                cell = QComboBox()
                cell.setObjectName(f"matrix_{severity}_{tier}")
                for priority in PRIORITIES:
                    cell.addItem(priority, priority)
                self.matrix[(severity, tier)] = cell
                grid.addWidget(cell, row, column)
        self.save_matrix_button = QPushButton()
        self.save_matrix_button.setObjectName("saveMatrix")
        self.save_matrix_button.clicked.connect(self.save_matrix)
        grid.addWidget(self.save_matrix_button, len(SEVERITIES) + 1, len(TIERS))

        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addStretch(1)
        left.addLayout(top)
        left.addWidget(self.table, 1)
        left.addWidget(self.matrix_box)
        right = QVBoxLayout()
        right.addWidget(self.form_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        self.retranslate()

    # -- reading -------------------------------------------------------------

    def ready(self) -> bool:
        return self.settings is not None

    def reload(self) -> None:
        self.runner.read(
            sla_settings, self.db, self.user, on_done=self._show, on_error=self.failed, key="sla"
        )

    def _show(self, settings: SlaSettings) -> None:
        self.settings = settings
        chosen = self.calendar.currentData()
        self.calendar.clear()
        for calendar_id, name in settings.calendars:
            self.calendar.addItem(name, calendar_id)
        self.calendar.setCurrentIndex(max(self.calendar.findData(chosen), 0))
        for cell, combo in self.matrix.items():
            combo.setCurrentIndex(max(combo.findData(settings.matrix.get(cell)), 0))
        self.model.set_rows(settings.plans)
        self.table.resizeColumnsToContents()
        wanted = self._editing.id if self._editing is not None else None
        for index, plan in enumerate(settings.plans):
            if plan.id == wanted or (wanted is None and index == 0):
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(index, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self._fill(plan)
                break

    def _row_changed(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._fill(self.model.row(index.row()))

    def _fill(self, plan: PlanRow) -> None:
        self._editing = plan
        self.clear_errors()
        self.name.setText(plan.name)
        self.calendar.setCurrentIndex(max(self.calendar.findData(plan.calendar_id), 0))
        self.at_risk.setValue(round(plan.at_risk_ratio * 100))
        self.is_default.setChecked(plan.is_default)
        for priority, (response, resolution) in self.targets.items():
            target = plan.targets.get(priority)
            response.setValue(target.response_minutes if target else 0)
            resolution.setValue(target.resolution_minutes if target else 0)
        self._refresh()

    def new_plan(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.clear_errors()
        self.name.clear()
        self.is_default.setChecked(False)
        self.at_risk.setValue(80)
        self._refresh()
        self.name.setFocus()

    def _refresh(self) -> None:
        self.form_box.setTitle(
            self.tr("New SLA plan")
            if self._editing is None
            else self.tr("SLA plan {name}").format(name=self._editing.name)
        )

    # -- writing -------------------------------------------------------------

    def save_plan(self) -> None:
        self.clear_errors()
        values = PlanInput(
            name=self.name.text(),
            calendar_id=int(self.calendar.currentData() or 0),
            at_risk_ratio=self.at_risk.value() / 100,
            is_default=self.is_default.isChecked(),
            targets={
                priority: Target(response.value(), resolution.value())
                for priority, (response, resolution) in self.targets.items()
            },
        )
        plan_id = self._editing.id if self._editing is not None else None
        name = values.name.strip()
        self.runner.write(
            save_plan,
            self.db,
            self.user,
            plan_id,
            values,
            on_done=lambda settings: self._saved(
                settings, name, self.tr("SLA plan {name} saved.").format(name=name)
            ),
            on_error=self.failed,
        )

    def save_matrix(self) -> None:
        self.clear_errors()
        matrix = {cell: str(combo.currentData()) for cell, combo in self.matrix.items()}
        self.runner.write(
            save_matrix,
            self.db,
            self.user,
            matrix,
            on_done=lambda settings: self._saved(settings, None, self.tr("Priority matrix saved.")),
            on_error=self.failed,
        )

    def _saved(self, settings: SlaSettings, plan_name: str | None, message: str) -> None:
        if plan_name is not None:
            self._editing = next((p for p in settings.plans if p.name == plan_name), None)
        self._show(settings)
        self.show_status(message)

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(
            self.tr(
                "Changes apply to tickets logged from now on (other desks within a minute); "
                "tickets already logged keep their deadlines."
            )
        )
        self.new_button.setText(self.tr("&New plan"))
        for name, caption in (
            ("name", self.tr("&Name:")),
            ("calendar_id", self.tr("&Calendar:")),
            ("at_risk_ratio", self.tr("At &risk at:")),
            ("is_default", self.tr("&Default plan:")),
        ):
            self._captions[name].setText(caption)
        self.is_default.setText(self.tr("for customers without a contract"))
        self._response_caption.setText(self.tr("Response (working minutes)"))
        self._resolution_caption.setText(self.tr("Resolution (working minutes)"))
        self.save_button.setText(self.tr("&Save plan"))
        self.matrix_box.setTitle(self.tr("Priority matrix: severity × customer tier"))
        for label, tier in zip(self._tier_labels, TIERS, strict=True):
            label.setText(tier_name(tier))
        for label, severity in zip(self._severity_labels, SEVERITIES, strict=True):
            label.setText(severity_name(severity))
        self.save_matrix_button.setText(self.tr("Save &matrix"))
        self.model.retranslate()
        self._refresh()
