"""Maintenance plans of a device or of a contract: the list with next due dates, and the form.

Supervisors and administrators create, edit, deactivate and take up plans again; everyone
else sees them read-only (the form opens with its fields locked). A device's list also shows
the plans of the contracts covering it. Saving a plan creates its due visits at once; the
list says how many, and the schedule shows them "to schedule".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import ERROR_COLOUR, EditDialog, change_line, field_error_text, line_edit
from ui.problems import problem_message
from ui.roles import refusal_text
from ui.tasks import TaskRunner, is_problem
from ui.visit_words import kind_name
from workstation.db import Database
from workstation.months import upcoming_due_dates
from workstation.permissions import Permission, PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditConflict, EditRejected, RecordNotFound
from workstation.services.maintenance_plans import (
    DURATION_MAX,
    DURATION_MIN,
    INTERVAL_MAX,
    INTERVAL_MIN,
    LEAD_DAYS_MAX,
    LEAD_DAYS_MIN,
    NAME_MAX,
    PLAN_KINDS,
    PlanInput,
    PlanList,
    PlanRow,
    SavedPlan,
    create_plan,
    plans_for_contract,
    plans_for_equipment,
    set_plan_active,
    update_plan,
)
from workstation.services.plan_generator import centre_today

OVERDUE_COLOURS = ("#b71c1c", "#fdecea")
INACTIVE_GREY = "#8a8a8a"


def every_text(months: int) -> str:
    if months == 1:
        return QCoreApplication.translate("MaintenancePlans", "every month")
    if months == 12:
        return QCoreApplication.translate("MaintenancePlans", "every year")
    return QCoreApplication.translate("MaintenancePlans", "every {months} months").format(
        months=months
    )


def suggested_name(kind: str, months: int) -> str:
    """What the form fills in as the plan's name until the user types one."""
    return QCoreApplication.translate("MaintenancePlans", "{kind}, {every}").format(
        kind=kind_name(kind), every=every_text(months)
    )


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _covers(row: PlanRow) -> str:
    if row.contract_id is not None:
        return QCoreApplication.translate(
            "MaintenancePlans", "Contract {number} ({count} devices)"
        ).format(number=row.target, count=row.devices)
    return QCoreApplication.translate("MaintenancePlans", "This device")


def _state(row: PlanRow) -> str:
    if not row.active:
        return QCoreApplication.translate("MaintenancePlans", "Inactive")
    if row.overdue:
        return QCoreApplication.translate("MaintenancePlans", "{count} overdue").format(
            count=row.overdue
        )
    return QCoreApplication.translate("MaintenancePlans", "Active")


def _state_colours(row: PlanRow) -> tuple[str | None, str | None] | None:
    if not row.active:
        return (INACTIVE_GREY, None)
    if row.overdue:
        return OVERDUE_COLOURS
    return None


def plan_columns() -> list[Column]:
    def grey(row: PlanRow) -> tuple[str | None, str | None] | None:
        return (INACTIVE_GREY, None) if not row.active else None

    return [
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "Plan"), lambda r: r.name,
               grey),
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "Kind"),
               lambda r: kind_name(r.visit_kind), grey),
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "Interval"),
               lambda r: every_text(r.interval_months), grey),
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "Next due"),
               lambda r: _day(r.next_due_on), grey, lambda r: r.active),
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "Lead days"),
               lambda r: str(r.lead_days), grey),
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "Duration"),
               lambda r: QCoreApplication.translate("MaintenancePlans", "{minutes} min").format(
                   minutes=r.duration_minutes), grey),
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "Covers"), _covers, grey),
        Column(lambda: QCoreApplication.translate("MaintenancePlans", "State"), _state,
               _state_colours, lambda r: r.overdue > 0 and r.active),
    ]  # fmt: skip


def _create(
    db: Database,
    user: SignedInUser,
    values: PlanInput,
    equipment_id: int | None,
    contract_id: int | None,
) -> SavedPlan:
    return create_plan(db, user, values, equipment_id=equipment_id, contract_id=contract_id)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PlanEditorDialog(EditDialog):
    """One plan's form: kind, interval, first due date, lead days, duration, checklist."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        *,
        plan: PlanRow | None = None,
        equipment_id: int | None = None,
        contract_id: int | None = None,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("planEditorDialog")
        self.plan = plan
        self._equipment_id = equipment_id
        self._contract_id = contract_id
        self._version = plan.version if plan is not None else 0
        self.read_only = read_only
        self._today = centre_today()
        # The name follows kind and interval until the user types one of their own.
        self._name_typed = plan is not None

        self.name = line_edit(NAME_MAX, "planName")
        self.name.textEdited.connect(self._name_edited)
        self.kind = QComboBox()
        self.kind.setObjectName("planKind")
        for kind in PLAN_KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.interval = self._spin("planInterval", INTERVAL_MIN, INTERVAL_MAX)
        self.first_due = QDateEdit()
        self.first_due.setObjectName("planFirstDue")
        self.first_due.setCalendarPopup(True)
        self.first_due.setDisplayFormat("yyyy-MM-dd")
        self.lead_days = self._spin("planLeadDays", LEAD_DAYS_MIN, LEAD_DAYS_MAX)
        self.duration = self._spin("planDuration", DURATION_MIN, DURATION_MAX)
        self.duration.setSingleStep(15)
        self.checklist = QPlainTextEdit()
        self.checklist.setObjectName("planChecklist")
        self.checklist.setTabChangesFocus(True)
        self.checklist.setMinimumHeight(110)
        self.preview = QLabel()
        self.preview.setObjectName("planPreview")
        self.preview.setWordWrap(True)
        self.target = QLabel()
        self.target.setObjectName("planTarget")
        self.target.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_field(form, "name", self.name)
        self.add_field(form, "visit_kind", self.kind)
        self.add_field(form, "interval_months", self.interval)
        self.add_field(form, "first_due_on", self.first_due)
        self.add_field(form, "lead_days", self.lead_days)
        self.add_field(form, "duration_minutes", self.duration)
        self.add_field(form, "checklist", self.checklist)
        self._preview_caption = QLabel()
        form.addRow(self._preview_caption, self.preview)
        self.body.addWidget(self.target)
        self.body.addLayout(form)

        if plan is not None:
            self.name.setText(plan.name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(plan.visit_kind)))
            self.interval.setValue(plan.interval_months)
            self.first_due.setDate(_qdate(plan.first_due_on))
            self.lead_days.setValue(plan.lead_days)
            self.duration.setValue(plan.duration_minutes)
            self.checklist.setPlainText("\n".join(plan.checklist))
        else:
            self.interval.setValue(6)
            self.first_due.setDate(_qdate(self._today).addDays(30))
            self.lead_days.setValue(30)
            self.duration.setValue(120)
        self.kind.currentIndexChanged.connect(self._follow)
        self.interval.valueChanged.connect(self._follow)
        self.first_due.dateChanged.connect(self._show_preview)
        if read_only:
            for box in self.fields.values():
                editor = box.editor
                if isinstance(editor, (QLineEdit, QPlainTextEdit)):
                    editor.setReadOnly(True)
                else:
                    editor.setEnabled(False)
            self.save_button.hide()
        self.initial_focus = self.name
        self.retranslate()

    @staticmethod
    def _spin(name: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setAccelerated(True)
        return spin

    # --- what the form holds -----------------------------------------------------------

    def values(self) -> PlanInput:
        picked = self.first_due.date()
        return PlanInput(
            name=self.name.text(),
            visit_kind=str(self.kind.currentData()),
            interval_months=self.interval.value(),
            first_due_on=date(picked.year(), picked.month(), picked.day()),
            lead_days=self.lead_days.value(),
            duration_minutes=self.duration.value(),
            checklist=tuple(self.checklist.toPlainText().splitlines()),
        )

    @Slot(str)
    def _name_edited(self, text: str) -> None:
        self._name_typed = bool(text.strip())

    @Slot()
    def _follow(self) -> None:
        if not self._name_typed:
            self.name.setText(suggested_name(str(self.kind.currentData()), self.interval.value()))
        self._show_preview()

    @Slot()
    def _show_preview(self) -> None:
        values = self.values()
        assert values.first_due_on is not None
        days = upcoming_due_dates(values.first_due_on, values.interval_months, self._today)
        self.preview.setText(", ".join(day.isoformat() for day in days))

    # --- saving ------------------------------------------------------------------------

    def submit(self) -> None:
        if self.read_only:
            return
        if self.plan is None:
            self.write(
                _create, self.db, self.user, self.values(), self._equipment_id, self._contract_id
            )
        else:
            self.write(update_plan, self.db, self.user, self.plan.id, self._version, self.values())

    def describe_conflict(self, current: Any) -> list[str]:
        """What the other desk changed: the stored plan as loaded → as stored now."""
        stored = self.plan
        if not isinstance(current, PlanRow) or stored is None:
            return []
        pairs = (
            (self.tr("Name"), stored.name, current.name),
            (self.tr("Kind"), kind_name(stored.visit_kind),
             kind_name(current.visit_kind)),
            (self.tr("Interval"), every_text(stored.interval_months),
             every_text(current.interval_months)),
            (self.tr("First due"), _day(stored.first_due_on), _day(current.first_due_on)),
            (self.tr("Lead days"), stored.lead_days, current.lead_days),
            (self.tr("Duration"), stored.duration_minutes, current.duration_minutes),
            (self.tr("Checklist"), " / ".join(stored.checklist), " / ".join(current.checklist)),
        )  # fmt: skip
        lines = [change_line(label, old, new) for label, old, new in pairs if old != new]
        if stored.active and not current.active:
            lines.append(self.tr("The plan was deactivated."))
        return lines

    def adopt_version(self, current: Any) -> None:
        if isinstance(current, PlanRow):
            self.plan = current
            self._version = current.version

    # --- words -------------------------------------------------------------------------

    def save_text(self) -> str:
        return self.tr("Save plan")

    def retranslate(self) -> None:
        self.retranslate_base()
        if self.read_only:
            self.setWindowTitle(self.tr("Maintenance plan (read only)"))
        elif self.plan is None:
            self.setWindowTitle(self.tr("New maintenance plan"))
        else:
            self.setWindowTitle(self.tr("Edit maintenance plan"))
        self.caption("name", self.tr("&Name:"))
        self.caption("visit_kind", self.tr("&Kind:"))
        self.caption("interval_months", self.tr("&Every:"))
        self.caption("first_due_on", self.tr("&First due:"))
        self.caption("lead_days", self.tr("&Lead days:"))
        self.caption("duration_minutes", self.tr("&Duration:"))
        self.caption("checklist", self.tr("&Checklist:"))
        self._preview_caption.setText(self.tr("Next due dates:"))
        self.interval.setSuffix(self.tr(" months"))
        self.lead_days.setSuffix(self.tr(" days"))
        self.duration.setSuffix(self.tr(" min"))
        self.checklist.setPlaceholderText(
            self.tr("One check per line, as the engineer ticks them off on site.")
        )
        self.lead_days.setToolTip(
            self.tr("The visit is created this many days before it is due, to be booked.")
        )
        for index, kind in enumerate(PLAN_KINDS):
            self.kind.setItemText(index, kind_name(kind))
        if self.plan is not None and self.plan.contract_id is not None:
            self.target.setText(
                self.tr("For every device of contract {number} ({count} devices).").format(
                    number=self.plan.target, count=self.plan.devices
                )
            )
        elif self._contract_id is not None:
            self.target.setText(self.tr("For every device the contract covers."))
        else:
            self.target.setText(self.tr("For this device."))
        if not self._name_typed:
            self.name.setText(suggested_name(str(self.kind.currentData()), self.interval.value()))
        self._show_preview()


class MaintenancePlansDialog(QDialog):
    """The plans of one device (with its contracts' plans) or of one contract."""

    # A plan was saved, deactivated or taken up again (the service's SavedPlan).
    saved = Signal(object)
    # The list was read (tests wait for it).
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        *,
        equipment_id: int | None = None,
        contract_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if (equipment_id is None) == (contract_id is None):
            raise ValueError("the plans of a device or of a contract")
        self.setObjectName("maintenancePlansDialog")
        self._db = db
        self._runner = runner
        self._user = user
        self._equipment_id = equipment_id
        self._contract_id = contract_id
        self.may_change = user.may(Permission.ASSIGN_TICKETS)
        self.plan_list: PlanList | None = None
        self.editor: PlanEditorDialog | None = None
        self.confirmation: QMessageBox | None = None
        self._key = f"maintenance-plans-{id(self)}"
        self._message: tuple[str, bool] = ("", False)
        self._error: BaseException | None = None

        self.heading = QLabel()
        self.heading.setObjectName("plansHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.facts.setObjectName("plansFacts")
        self.facts.setWordWrap(True)
        self.late = QLabel()
        self.late.setObjectName("lateInstallations")
        self.late.setStyleSheet(
            f"color: {OVERDUE_COLOURS[0]}; background: {OVERDUE_COLOURS[1]}; font-weight: bold;"
            " padding: 1px 6px; border-radius: 3px;"
        )
        self.late.hide()
        self.notice = QLabel()
        self.notice.setObjectName("plansReadOnlyNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(not self.may_change)

        self.model = RowsModel(plan_columns(), self)
        self.table = rows_table(self.model, "plansTable")
        self.table.setMinimumHeight(180)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.new_button = QPushButton()
        self.new_button.setObjectName("newPlanButton")
        self.new_button.clicked.connect(self.new_plan)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editPlanButton")
        self.edit_button.clicked.connect(self.open_selected)
        self.active_button = QPushButton()
        self.active_button.setObjectName("planActiveButton")
        self.active_button.clicked.connect(self.toggle_active)
        for button in (self.new_button, self.active_button):
            button.setVisible(self.may_change)
        self.status = QLabel()
        self.status.setObjectName("plansStatus")
        self.status.setWordWrap(True)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_box.rejected.connect(self.reject)

        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.active_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        facts_row = QHBoxLayout()
        facts_row.addWidget(self.facts, 1)
        facts_row.addWidget(self.late, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(facts_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.close_box)
        self.resize(860, 420)
        self.retranslate()
        self._update_buttons()
        self.reload()

    # --- reading -------------------------------------------------------------------------

    def reload(self, *, keep_message: bool = False) -> None:
        if not keep_message:
            self._set_message(self.tr("Loading…"), False)
        fn: Any = plans_for_equipment if self._equipment_id is not None else plans_for_contract
        record_id = self._equipment_id if self._equipment_id is not None else self._contract_id
        self._runner.read(
            fn, self._db, record_id, on_done=self._loaded, on_error=self._failed, key=self._key
        )

    def _loaded(self, plan_list: PlanList) -> None:
        selected = self.selected()
        self.plan_list = plan_list
        self.model.set_rows(plan_list.plans)
        if plan_list.plans:
            self.table.resizeColumnsToContents()
        ids = [row.id for row in plan_list.plans]
        if selected is not None and selected.id in ids:
            self.table.selectRow(ids.index(selected.id))
        elif ids:
            self.table.selectRow(0)
        if self._message[0] == self.tr("Loading…"):
            self._set_message("", False)
        self._words()
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._error = error
        self._set_message(self._error_text(error), True)

    def _error_text(self, error: BaseException) -> str:
        problem = is_problem(error)
        if problem is not None:
            return problem_message(problem)
        if isinstance(error, PermissionDenied):
            return refusal_text(error.role, error.permission.value)
        if isinstance(error, RecordNotFound):
            return self.tr("This plan or record no longer exists.")
        if isinstance(error, EditConflict):
            return self.tr("Another desk changed this plan meanwhile: the list shows it now.")
        if isinstance(error, EditRejected):
            return " ".join(field_error_text(e) for e in error.errors)
        return self.tr("The plans could not be read or saved (internal error).")

    # --- the selection -------------------------------------------------------------------

    def selected(self) -> PlanRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row: PlanRow = self.model.row(rows[0].row())
        return row

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        target_open = self.plan_list is not None and self.plan_list.target.open
        self.new_button.setEnabled(self.may_change and target_open)
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(self.may_change and row is not None)
        if row is not None and not row.active:
            self.active_button.setText(self.tr("&Take up again"))
        else:
            self.active_button.setText(self.tr("&Deactivate…"))
        if self.plan_list is not None and not target_open:
            self.new_button.setToolTip(
                self.tr("The device is no longer in service or the contract has ended.")
            )
        else:
            self.new_button.setToolTip("")

    # --- actions -------------------------------------------------------------------------

    def new_plan(self) -> PlanEditorDialog | None:
        if not self.may_change:
            return None
        return self._open_editor(None)

    def open_selected(self) -> PlanEditorDialog | None:
        row = self.selected()
        if row is None:
            return None
        return self._open_editor(row)

    def _open_editor(self, row: PlanRow | None) -> PlanEditorDialog:
        editor = PlanEditorDialog(
            self._db,
            self._runner,
            self._user,
            plan=row,
            equipment_id=self._equipment_id if row is None else None,
            contract_id=self._contract_id if row is None else None,
            read_only=not self.may_change,
            parent=self,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._plan_saved)
        editor.open()
        self.editor = editor
        return editor

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None or not self.may_change:
            return
        if not row.active:
            self._set_active(row, True)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Deactivate plan"),
            self.tr(
                "Deactivate “{name}”? Its visits not booked yet leave the schedule; booked and "
                "completed visits stay. The plan stays on record and can be taken up again."
            ).format(name=row.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("deactivatePlanQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda answer: (
                self._set_active(row, False) if answer == QMessageBox.StandardButton.Yes else None
            )
        )
        self.confirmation = box
        box.open()

    def _set_active(self, row: PlanRow, active: bool) -> None:
        self.active_button.setEnabled(False)
        self._runner.write(
            set_plan_active,
            self._db,
            self._user,
            row.id,
            row.version,
            active,
            on_done=self._plan_saved,
            on_error=self._write_failed,
        )

    def _plan_saved(self, saved: SavedPlan) -> None:
        if saved.visits_created or saved.visits_removed:
            text = self.tr("Saved. Visits to schedule: {created} new, {removed} removed.").format(
                created=saved.visits_created, removed=saved.visits_removed
            )
        else:
            text = self.tr("Saved.")
        self._set_message(text, False)
        self.saved.emit(saved)
        self.reload(keep_message=True)

    def _write_failed(self, error: BaseException) -> None:
        self._set_message(self._error_text(error), True)
        self._update_buttons()
        if isinstance(error, EditConflict):
            self.reload()

    # --- words ---------------------------------------------------------------------------

    def _set_message(self, text: str, problem: bool) -> None:
        self._message = (text, problem)
        self.status.setText(text)
        colour = ERROR_COLOUR if problem else ""
        self.status.setStyleSheet(f"color: {colour};" if colour else "")

    def _words(self) -> None:
        target = self.plan_list.target if self.plan_list is not None else None
        if self._equipment_id is not None:
            self.setWindowTitle(self.tr("Maintenance plans of a device"))
            self.heading.setText(
                self.tr("Device {label}").format(label=target.label) if target else ""
            )
        else:
            self.setWindowTitle(self.tr("Maintenance plans of a contract"))
            self.heading.setText(
                self.tr("Contract {label}").format(label=target.label) if target else ""
            )
        if target is None:
            self.facts.setText("")
            return
        facts = [target.customer_name]
        if target.valid_from and target.valid_to:
            facts.append(
                self.tr("valid {start} – {end}").format(
                    start=target.valid_from.isoformat(), end=target.valid_to.isoformat()
                )
            )
        if target.delivery_date:
            facts.append(
                self.tr("delivery {day}: installation and commissioning due then").format(
                    day=target.delivery_date.isoformat()
                )
            )
        state = target.installations
        if state is not None:
            progress = self.tr("installations: {done} done, {booked} booked, {waiting} to schedule")
            facts.append(
                progress.format(
                    done=state.completed, booked=state.booked, waiting=state.to_schedule
                )
            )
            late = self.tr("{count} late").format(count=state.late) if state.late else ""
            self.late.setText(late)
            self.late.setVisible(bool(late))
        if not target.open:
            facts.append(
                self.tr("no new plans: the device is out of service")
                if self._equipment_id is not None
                else self.tr("no new plans: the contract has ended")
            )
        self.facts.setText("  ·  ".join(facts))

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("&New plan…"))
        self.edit_button.setText(self.tr("&Edit…") if self.may_change else self.tr("&View…"))
        self.notice.setText(
            self.tr(
                "You can see these plans; supervisors and administrators create and change them."
            )
        )
        self.model.retranslate()
        if self._error is not None:
            self._set_message(self._error_text(self._error), True)
        self._words()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def open_plans_dialog(
    db: Database,
    runner: TaskRunner,
    user: SignedInUser,
    parent: QWidget,
    *,
    equipment_id: int | None = None,
    contract_id: int | None = None,
) -> MaintenancePlansDialog:
    """Open (not modal: the window stays usable) the plans of a device or a contract."""
    dialog = MaintenancePlansDialog(
        db, runner, user, equipment_id=equipment_id, contract_id=contract_id, parent=parent
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
