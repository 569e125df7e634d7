"""One ticket, worked: its facts, the moves its status allows, edits with conflict handling,
its timeline and SLA timeline, and who else has it open.

Every read and write goes through the task runner. What the agent typed is never lost:
a refused save keeps the form; a save over another desk's change shows what that desk
changed and offers to apply the agent's edits to the fresh version.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.book_visit_dialog import BookVisitDialog
from ui.call_form import channel_name, resolution_name, severity_name, urgency_name
from ui.customer_card import Column, RowsModel, badge_style, rows_table, tier_label
from ui.customer_dialogs import ERROR_COLOUR, FieldBox
from ui.i18n import speaks_chinese
from ui.local_time import local_text
from ui.presence import TicketPresence
from ui.roles import refusal_text
from ui.tasks import TaskRunner, is_problem
from ui.ticket_words import (
    duration_text,
    event_text,
    field_label,
    move_label,
    pause_reason_text,
    sla_step_text,
    ticket_error_text,
    time_left_text,
    value_text,
)
from ui.visit_words import span_text
from ui.vocabulary import ticket_status_name
from workstation.changes import Change
from workstation.db import Database
from workstation.permissions import Permission, PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.options import SymptomOption, symptom_categories
from workstation.services.scheduling import VisitChange
from workstation.services.sla_timeline import SlaStep
from workstation.services.ticket_detail import (
    REOPENED,
    TicketDetail,
    TicketEdit,
    TicketOptions,
    load_ticket,
    options,
)
from workstation.services.ticket_work import (
    AssigneeSuggestion,
    FieldChange,
    IllegalTransition,
    Resolution,
    TicketChange,
    TicketConflict,
    TicketRefused,
    assign,
    change_priority_or_plan,
    change_status,
    differences,
    edit_ticket,
    escalate,
    suggest_assignees,
)

SLA_COLOURS = {
    "on_track": ("#1b5e20", "#e8f5e9"),
    "at_risk": ("#7a4f00", "#fff3cd"),
    "breached": ("#8a1c1c", "#fde2e1"),
    "paused": ("#455a64", "#eceff1"),
    "done": ("#37474f", "#eceff1"),
}
PRIORITY_COLOURS = {
    "P1": ("#ffffff", "#c62828"),
    "P2": ("#ffffff", "#ef6c00"),
    "P3": ("#263238", "#ffe082"),
    "P4": ("#263238", "#cfd8dc"),
}
# The SLA badge's time left is re-evaluated this often (from the ticket held, no read).
TICK_MS = 30_000


def wrap_last_column(table: QTableView) -> None:
    """The last column (what happened, typed reasons) takes the rest of the width and wraps
    onto more lines instead of being cut off."""
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(
        table.model().columnCount() - 1, QHeaderView.ResizeMode.Stretch
    )
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(table.fontMetrics().height() + 8)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def fit_leading_columns(table: QTableView) -> None:
    """Every column but the last as wide as its contents."""
    for column in range(table.model().columnCount() - 1):
        table.resizeColumnToContents(column)


def sla_state(detail: TicketDetail, now: datetime) -> tuple[str, datetime | None]:
    """(state, the deadline that matters now) of a ticket, from what it holds."""
    if detail.status in ("resolved", "closed"):
        return "done", None
    responding = detail.first_response_at is None
    due = detail.response_due_at if responding else detail.resolution_due_at
    risk = detail.response_at_risk_at if responding else detail.resolution_at_risk_at
    if detail.sla_paused_at is not None:
        return "paused", due
    if detail.resolution_due_at is not None and now > detail.resolution_due_at:
        return "breached", detail.resolution_due_at
    if due is not None and now > due:
        return "breached", due
    if risk is not None and now >= risk:
        return "at_risk", due
    return "on_track", due


def sla_state_text(state: str) -> str:
    match state:
        case "on_track":
            return QCoreApplication.translate("TicketView", "On track")
        case "at_risk":
            return QCoreApplication.translate("TicketView", "At risk")
        case "breached":
            return QCoreApplication.translate("TicketView", "Breached")
        case "paused":
            return QCoreApplication.translate("TicketView", "Paused")
    return QCoreApplication.translate("TicketView", "Done")


class StatusLine(QLabel):
    """The outcome of the last action: takes no room while there is nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class ReasonDialog(QDialog):
    """Asks for the reason of a reopen, an escalation or a priority change."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.box = FieldBox(self.text)
        self.extra = QFormLayout()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(self.extra)
        layout.addWidget(self.box)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    @Slot()
    def _check(self) -> None:
        if not self.reason():
            from workstation.outcomes import FieldError

            self.box.show_error(FieldError("reason", "required"))
            self.text.setFocus()
            return
        self.accept()


class AssignDialog(QDialog):
    """Pick the assignee: the suggestions first, each with why it is suggested."""

    def __init__(
        self, suggestions: tuple[AssigneeSuggestion, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign the ticket"))
        self.setMinimumWidth(460)
        self.list = QListWidget()
        self.list.setObjectName("assigneeList")
        for suggestion in suggestions:
            reasons = []
            if suggestion.region_match:
                reasons.append(self.tr("region"))
            if suggestion.skill_match:
                reasons.append(self.tr("skill"))
            why = " · ".join(reasons)
            text = self.tr("{name} — {load} open tickets").format(
                name=suggestion.display_name, load=suggestion.open_tickets
            )
            if why:
                text += self.tr(" (matches {why})").format(why=why)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, suggestion.user_id)
            self.list.addItem(item)
        if suggestions:
            self.list.setCurrentRow(0)
        self.empty = QLabel(self.tr("Nobody who may work this ticket was found."))
        self.empty.setVisible(not suggestions)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(suggestions))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Suggested by region, skills and current load:")))
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


class TicketView(QWidget):
    """The ticket window. `open_customer(customer_id)` asks the main window to show the card."""

    open_customer = Signal(int)
    message = Signal(str)

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        ticket_id: int,
        desk: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ticketView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._db = db
        self._runner = runner
        self._user = user
        self.ticket_id = ticket_id
        self.detail: TicketDetail | None = None
        self._options: TicketOptions | None = None
        # The editable fields as they were when the agent started typing (the save's `loaded`).
        self._edit_base: TicketEdit | None = None
        # The fields as they were when the agent started typing: what "my edits" are measured
        # against, also after a conflict moved `_edit_base` to the fresh version.
        self._origin: TicketEdit | None = None
        self._busy = False
        self._closed = False
        # A save met another desk's change: apply or discard from the banner first.
        self._conflict_pending = False

        self.presence = TicketPresence(db, runner, user, desk, parent=self)
        self._build()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._show_sla)
        self._tick.start()
        self.retranslate()
        self.reload()
        runner.read(options, db, on_done=self._options_read, key=f"ticket-options:{id(self)}")
        self.presence.open(ticket_id)

    # -- layout ------------------------------------------------------------------

    def _build(self) -> None:
        self.number = QLabel()
        self.number.setObjectName("ticketNumber")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_badge = QLabel()
        self.kind_badge.setObjectName("kindBadge")
        self.priority_badge = QLabel()
        self.priority_badge.setObjectName("priorityBadge")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        self.sla_badge = QLabel()
        self.sla_badge.setObjectName("slaBadge")
        header = QHBoxLayout()
        header.addWidget(self.number)
        for badge in (self.kind_badge, self.priority_badge, self.status_badge, self.sla_badge):
            header.addWidget(badge)
        header.addStretch(1)
        header.addWidget(self.presence.banner)

        self.actions_bar = QHBoxLayout()
        self.actions_bar.setSpacing(6)
        self.move_buttons: dict[str, QPushButton] = {}
        self.assign_button = self._button("assignButton", self._ask_assignee)
        self.escalate_button = self._button("escalateButton", self._ask_escalation)
        self.visit_button = self._button("bookVisitButton", self._ask_visit)
        self.book_dialog: BookVisitDialog | None = None
        self.priority_button = self._button("priorityButton", self._ask_priority)
        self.customer_button = self._button("customerButton", self._show_customer)
        self._moves_row = QHBoxLayout()
        self.actions_bar.addLayout(self._moves_row)
        self.actions_bar.addStretch(1)
        for button in (
            self.assign_button,
            self.visit_button,
            self.escalate_button,
            self.priority_button,
            self.customer_button,
        ):
            self.actions_bar.addWidget(button)

        self.conflict = QFrame()
        self.conflict.setObjectName("conflictBanner")
        self.conflict.setStyleSheet(
            "QFrame#conflictBanner { background: #fff3cd; border: 1px solid #e0b000; "
            "border-radius: 4px; }"
        )
        self.conflict_text = QLabel()
        self.conflict_text.setObjectName("conflictText")
        self.conflict_text.setWordWrap(True)
        self.reapply_button = self._button("reapplyButton", self._reapply)
        self.discard_button = self._button("discardButton", self._discard)
        conflict_layout = QHBoxLayout(self.conflict)
        conflict_layout.addWidget(self.conflict_text, 1)
        conflict_layout.addWidget(self.reapply_button)
        conflict_layout.addWidget(self.discard_button)
        self.conflict.hide()

        self.status_line = StatusLine()
        self.status_line.setObjectName("ticketStatusLine")

        # Facts (read-only).
        self.facts = QFormLayout()
        self.fact_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in (
            "customer",
            "contact",
            "device",
            "symptom",
            "reported",
            "channel",
            "queue",
            "assignee",
            "plan",
            "respond_by",
            "resolve_by",
        ):
            caption, value = QLabel(), QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fact_labels[key] = (caption, value)
            self.facts.addRow(caption, value)
        facts_box = QGroupBox()
        facts_box.setLayout(self.facts)
        self.facts_box = facts_box

        # Editable details.
        self.severity = QComboBox()
        self.severity.setObjectName("severityCombo")
        self.urgency = QComboBox()
        self.urgency.setObjectName("urgencyCombo")
        # The symptom taxonomy of the device's product kind, read once the ticket is known.
        self.symptom = QComboBox()
        self.symptom.setObjectName("symptomCombo")
        self._symptoms: tuple[SymptomOption, ...] = ()
        self._symptoms_of_model: int | None = None
        self.error_code = QLineEdit()
        self.error_code.setObjectName("errorCodeEdit")
        self.error_code.setMaxLength(40)
        self.description = QPlainTextEdit()
        self.description.setObjectName("descriptionEdit")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(80)
        self.edit_boxes = {
            "severity": FieldBox(self.severity),
            "urgency": FieldBox(self.urgency),
            "symptom_category_id": FieldBox(self.symptom),
            "error_code": FieldBox(self.error_code),
            "description": FieldBox(self.description),
        }
        self.save_button = self._button("saveTicketButton", self.save_edits)
        self.edit_form = QFormLayout()
        self._edit_captions = {name: QLabel() for name in self.edit_boxes}
        for name, box in self.edit_boxes.items():
            self.edit_form.addRow(self._edit_captions[name], box)
        edit_box = QGroupBox()
        edit_box.setObjectName("editBox")
        edit_layout = QVBoxLayout(edit_box)
        edit_layout.addLayout(self.edit_form)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        edit_layout.addLayout(save_row)
        self.edit_box = edit_box
        self.severity.currentIndexChanged.connect(self._typed)
        self.urgency.currentIndexChanged.connect(self._typed)
        self.symptom.currentIndexChanged.connect(self._typed)
        self.error_code.textEdited.connect(self._typed)
        self.description.textChanged.connect(self._typed)

        # Resolution.
        self.resolution_type = QComboBox()
        self.resolution_type.setObjectName("resolutionTypeCombo")
        self.root_cause = QPlainTextEdit()
        self.root_cause.setObjectName("rootCauseEdit")
        self.root_cause.setTabChangesFocus(True)
        self.root_cause.setMaximumHeight(70)
        self.solution = QPlainTextEdit()
        self.solution.setObjectName("solutionEdit")
        self.solution.setTabChangesFocus(True)
        self.solution.setMaximumHeight(90)
        self.resolution_boxes = {
            "resolution_type": FieldBox(self.resolution_type),
            "root_cause": FieldBox(self.root_cause),
            "solution": FieldBox(self.solution),
        }
        self._resolution_captions = {name: QLabel() for name in self.resolution_boxes}
        resolution_form = QFormLayout()
        for name, box in self.resolution_boxes.items():
            resolution_form.addRow(self._resolution_captions[name], box)
        self.confirm_resolve = self._button("confirmResolveButton", self._resolve)
        self.cancel_resolve = self._button("cancelResolveButton", self._hide_resolution)
        resolution_box = QGroupBox()
        resolution_box.setObjectName("resolutionBox")
        resolution_layout = QVBoxLayout(resolution_box)
        resolution_layout.addLayout(resolution_form)
        resolve_row = QHBoxLayout()
        resolve_row.addStretch(1)
        resolve_row.addWidget(self.cancel_resolve)
        resolve_row.addWidget(self.confirm_resolve)
        resolution_layout.addLayout(resolve_row)
        resolution_box.hide()
        self.resolution_box = resolution_box

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(facts_box)
        left_layout.addWidget(resolution_box)
        left_layout.addWidget(edit_box)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(left)

        # Timelines.
        self.timeline_model = RowsModel(
            [
                Column(lambda: self.tr("When"), lambda e: local_text(e.at)),
                Column(lambda: self.tr("Who"), lambda e: e.user or self.tr("System")),
                Column(lambda: self.tr("What"), lambda e: event_text(e.kind, dict(e.details))),
            ],
            self,
        )
        self.timeline = rows_table(self.timeline_model, "ticketTimeline")
        wrap_last_column(self.timeline)
        self.sla_model = RowsModel(
            [
                Column(lambda: self.tr("When"), lambda s: local_text(s.at)),
                Column(
                    lambda: self.tr("Step"),
                    lambda s: sla_step_text(s.kind, s.deadline),
                    colours=lambda s: (
                        SLA_COLOURS["breached"]
                        if s.kind == "breached"
                        else (SLA_COLOURS["at_risk"] if s.kind == "at_risk" else None)
                    ),
                ),
                Column(lambda: self.tr("Resolve by"), self._step_deadline),
                Column(lambda: self.tr("Details"), self._step_details),
            ],
            self,
        )
        self.sla_table = rows_table(self.sla_model, "slaTimeline")
        wrap_last_column(self.sla_table)
        self.where_time_went = QLabel()
        self.where_time_went.setObjectName("whereTimeWent")
        self.where_time_went.setWordWrap(True)
        sla_page = QWidget()
        sla_layout = QVBoxLayout(sla_page)
        sla_layout.setContentsMargins(0, 0, 0, 0)
        sla_layout.addWidget(self.sla_table, 1)
        sla_layout.addWidget(self.where_time_went)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ticketTabs")
        self.tabs.addTab(self.timeline, "")
        self.tabs.addTab(sla_page, "")

        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.actions_bar)
        layout.addWidget(self.conflict)
        layout.addWidget(self.status_line)
        layout.addWidget(splitter, 1)

        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save_edits)
        close = QShortcut(QKeySequence("Esc"), self)
        close.activated.connect(self.close)

    def _button(self, name: str, slot: object) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- reading -----------------------------------------------------------------

    def reload(self) -> None:
        self._runner.read(
            load_ticket,
            self._db,
            self.ticket_id,
            on_done=self._loaded,
            on_error=self._read_failed,
            key=f"ticket:{id(self)}",
        )

    def _loaded(self, detail: TicketDetail) -> None:
        if self._closed:
            return
        keep_edits = self.dirty()
        self.detail = detail
        self._read_symptoms(detail)
        if not keep_edits:
            self._fill_edits(detail)
        self._show()

    def _read_failed(self, error: BaseException) -> None:
        if is_problem(error):
            self.status_line.setText(
                self.tr("The ticket could not be read: the database did not answer.")
            )

    def _options_read(self, found: TicketOptions) -> None:
        if self._closed:
            return
        self._options = found
        dirty = self.dirty()
        current = self._current_edit_values() if dirty else None
        self._fill_combos()
        if current is not None:
            self._set_combo(self.severity, current["severity"])
            self._set_combo(self.urgency, current["urgency"])
        elif self.detail is not None:
            self._fill_edits(self.detail)

    def on_changes(self, changes: list[Change]) -> None:
        """Another desk changed this ticket: show it; the agent's own typing stays."""
        if any(c.entity == "ticket" and c.entity_id == self.ticket_id for c in changes):
            self.reload()
        self.presence.on_changes(changes)

    # -- showing -----------------------------------------------------------------

    def _show(self) -> None:
        detail = self.detail
        if detail is None:
            return
        self.setWindowTitle(
            self.tr("{number} — {customer}").format(
                number=detail.number, customer=detail.customer_name
            )
        )
        self.number.setText(detail.number)
        self.kind_badge.setVisible(detail.kind == "complaint")
        self.kind_badge.setText(
            self.tr("Complaint about {number}").format(number=detail.complaint_of_number)
        )
        self.kind_badge.setStyleSheet(badge_style(("#ffffff", "#6a1b9a")))
        self.priority_badge.setText(detail.priority)
        self.priority_badge.setStyleSheet(
            badge_style(PRIORITY_COLOURS.get(detail.priority, PRIORITY_COLOURS["P4"]))
        )
        self.status_badge.setText(ticket_status_name(detail.status))
        self.status_badge.setStyleSheet(badge_style(("#263238", "#e3f2fd")))
        self._show_sla()
        self._show_facts(detail)
        self._show_moves(detail)
        self.timeline_model.set_rows(list(reversed(detail.timeline)))
        fit_leading_columns(self.timeline)
        self.sla_model.set_rows(list(detail.sla_timeline))
        fit_leading_columns(self.sla_table)
        self._show_time_spent(detail)
        resolved = detail.status in ("resolved", "closed")
        if resolved and not self.resolution_box.isVisible():
            self._fill_resolution(detail)
        self.edit_box.setEnabled(not resolved)

    @Slot()
    def _show_sla(self) -> None:
        detail = self.detail
        if detail is None:
            return
        now = datetime.now(UTC)
        state, due = sla_state(detail, now)
        text = sla_state_text(state)
        if state == "paused" and due is not None and detail.sla_paused_at is not None:
            text += " · " + self.tr("{time} left when resumed").format(
                time=duration_text((due - detail.sla_paused_at).total_seconds() / 60)
            )
        elif due is not None and state != "done":
            text += " · " + time_left_text(due - now)
        self.sla_badge.setText(text)
        self.sla_badge.setStyleSheet(badge_style(SLA_COLOURS[state]))

    def _show_facts(self, d: TicketDetail) -> None:
        def put(key: str, text: str) -> None:
            self.fact_labels[key][1].setText(text or "—")

        tier = tier_label(d.customer_tier)
        put("customer", f"{d.customer_name}  ({tier})" if tier else d.customer_name)
        put("contact", " · ".join(p for p in (d.contact_name, d.contact_phone) if p))
        device = " · ".join(
            p for p in (d.product_model_name or d.equipment_model_name, d.serial_number) if p
        )
        put("device", device)
        symptom = d.symptom_name_zh if speaks_chinese() else d.symptom_name_en
        put("symptom", " · ".join(p for p in (symptom, d.error_code) if p))
        put("reported", local_text(d.reported_at))
        put("channel", channel_name(d.channel))
        put("queue", d.queue_name)
        put("assignee", d.assignee_name or self.tr("unassigned"))
        put("plan", d.sla_plan_name)
        put("respond_by", self._deadline_text(d.response_due_at, d.first_response_at))
        put("resolve_by", self._deadline_text(d.resolution_due_at, d.resolved_at))

    def _deadline_text(self, due: datetime | None, met_at: datetime | None) -> str:
        if due is None:
            return ""
        text = local_text(due)
        if met_at is not None and met_at <= due:
            text += " " + self.tr("(met at {time})").format(time=local_text(met_at))
        elif met_at is not None:
            text += " " + self.tr("(late: {time})").format(time=local_text(met_at))
        return text

    def _show_moves(self, d: TicketDetail) -> None:
        while self._moves_row.count():
            item = self._moves_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.move_buttons = {}
        may_work = self._user.may(Permission.WORK_TICKETS)
        may_assign = self._user.may(Permission.ASSIGN_TICKETS)
        for target in d.allowed_transitions:
            if target == "assigned":
                continue  # the Assign… button does it (supervisors)
            button = QPushButton(move_label(d.status, target))
            button.setObjectName(f"move_{target}")
            button.setEnabled(may_work and not self._busy)
            button.clicked.connect(lambda _checked=False, t=target: self.move_to(t))
            self._moves_row.addWidget(button)
            self.move_buttons[target] = button
        open_ticket = d.status not in ("resolved", "closed")
        self.assign_button.setVisible(may_assign and open_ticket)
        self.assign_button.setText(
            self.tr("Reassign…") if d.assignee_id is not None else self.tr("Assign…")
        )
        self.escalate_button.setVisible(may_work and open_ticket and (d.queue_level or 1) < 2)
        self.visit_button.setVisible(may_work and open_ticket)
        self.priority_button.setVisible(may_assign and open_ticket)

    def _step_details(self, step: SlaStep) -> str:
        parts = []
        if step.user:
            parts.append(step.user)
        if step.kind in ("paused", "resumed") and step.reason:
            parts.append(pause_reason_text(step.reason))
        elif step.reason:
            parts.append(step.reason)
        if step.paused_minutes is not None:
            parts.append(
                self.tr("paused {time} of working time").format(
                    time=duration_text(step.paused_minutes)
                )
            )
        if step.change_from or step.change_to:
            parts.append(f"{step.change_from} → {step.change_to}")
        if step.within_deadline is not None:
            parts.append(self.tr("in time") if step.within_deadline else self.tr("late"))
        if step.synthetic:
            parts.append(self.tr("nobody was warned"))
        return " · ".join(parts)

    def _step_deadline(self, step: SlaStep) -> str:
        before, after = step.resolution_due_before, step.resolution_due_after
        if before is not None and after is not None and before != after:
            return f"{local_text(before)} → {local_text(after)}"
        return local_text(after)

    def _show_time_spent(self, d: TicketDetail) -> None:
        if not d.where_time_went:
            self.where_time_went.hide()
            return
        parts = [
            f"{ticket_status_name(p.status)} {duration_text(p.working_minutes)}"
            for p in d.where_time_went
        ]
        self.where_time_went.setText(
            self.tr("Where the working time went: {parts}").format(parts=" · ".join(parts))
        )
        self.where_time_went.show()

    # -- edits -------------------------------------------------------------------

    def _fill_combos(self) -> None:
        found = self._options
        if found is None:
            return
        for combo, codes, name in (
            (self.severity, found.severities, severity_name),
            (self.urgency, found.urgencies, urgency_name),
            (self.resolution_type, found.resolution_types, resolution_name),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if combo is self.resolution_type:
                combo.addItem(self.tr("Choose…"), "")
            for code in codes:
                combo.addItem(name(code), code)
            combo.blockSignals(False)
            self._set_combo(combo, chosen)

    @staticmethod
    def _set_combo(combo: QComboBox, code: object) -> None:
        index = combo.findData(code)
        combo.blockSignals(True)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _edit_widgets(self) -> tuple[QWidget, ...]:
        return (self.severity, self.urgency, self.symptom, self.error_code, self.description)

    def _read_symptoms(self, detail: TicketDetail) -> None:
        """The symptoms the ticket's product kind offers, read once per model."""
        model_id = detail.product_model_id
        if model_id is None or model_id == self._symptoms_of_model:
            return
        self._symptoms_of_model = model_id
        self._runner.read(
            symptom_categories,
            self._db,
            model_id,
            on_done=self._symptoms_read,
            on_error=self._read_failed,
            key=f"ticket-symptoms:{id(self)}",
        )

    def _symptoms_read(self, found: tuple[SymptomOption, ...]) -> None:
        if self._closed:
            return
        self._symptoms = found
        chosen = self.symptom.currentData()
        if not self.dirty() and self.detail is not None:
            chosen = self.detail.symptom_category_id
        self.symptom.blockSignals(True)
        self._fill_symptoms(chosen)
        self.symptom.blockSignals(False)

    def _fill_symptoms(self, chosen: int | None) -> None:
        """The symptom list in the language of the screen, `chosen` selected; a symptom
        outside the list (another product kind's) still shows, so nothing is lost."""
        chinese = speaks_chinese()
        self.symptom.clear()
        self.symptom.addItem(self.tr("(not classified)"), None)
        for option in self._symptoms:
            self.symptom.addItem(option.name_zh if chinese else option.name_en, option.id)
        detail = self.detail
        if chosen is not None and self.symptom.findData(chosen) < 0 and detail is not None:
            stored = detail.symptom_name_zh if chinese else detail.symptom_name_en
            if detail.symptom_category_id == chosen and stored:
                self.symptom.addItem(stored, chosen)
        self._set_combo(self.symptom, chosen)

    def _fill_edits(self, detail: TicketDetail) -> None:
        for widget in self._edit_widgets():
            widget.blockSignals(True)
        self._set_combo(self.severity, detail.severity)
        self._set_combo(self.urgency, detail.urgency)
        self._fill_symptoms(detail.symptom_category_id)
        self.error_code.setText(detail.error_code)
        self.description.setPlainText(detail.description)
        for widget in self._edit_widgets():
            widget.blockSignals(False)
        self._edit_base = None
        self._origin = None
        self.save_button.setEnabled(False)

    def _fill_resolution(self, detail: TicketDetail) -> None:
        self._set_combo(self.resolution_type, detail.resolution_type)
        self.root_cause.setPlainText(detail.root_cause)
        self.solution.setPlainText(detail.solution)
        self.resolution_box.setVisible(bool(detail.resolution_type))
        editable = detail.status not in ("resolved", "closed")
        for widget in (self.resolution_type, self.root_cause, self.solution):
            widget.setEnabled(editable)
        self.confirm_resolve.setVisible(editable)
        self.cancel_resolve.setVisible(editable)

    def _current_edit_values(self) -> dict[str, object]:
        return {
            "severity": self.severity.currentData(),
            "urgency": self.urgency.currentData(),
            "symptom_category_id": self.symptom.currentData(),
            "error_code": self.error_code.text().strip(),
            "description": self.description.toPlainText().strip(),
        }

    def dirty(self) -> bool:
        """Whether the agent has typed edits not saved yet."""
        return self._edit_base is not None

    @Slot()
    def _typed(self) -> None:
        if self.detail is None:
            return
        if self._edit_base is None:
            self._edit_base = self.detail.edit
            self._origin = self.detail.edit
        # During a conflict the banner's buttons decide: a plain save would only be refused.
        self.save_button.setEnabled(not self._conflict_pending)

    def _mine(self) -> dict[str, Any]:
        """The fields the agent changed since starting to type, with their new values."""
        origin = self._origin
        if origin is None:
            return {}
        return {
            name: value
            for name, value in self._current_edit_values().items()
            if value != getattr(origin, name)
        }

    def _edited(self, base: TicketEdit) -> TicketEdit:
        """`base` with the agent's own changes on it: a field they did not touch keeps what
        is stored, so reapplying after a conflict never undoes the other desk's change."""
        return replace(base, **self._mine())

    @Slot()
    def save_edits(self) -> None:
        base = self._edit_base
        if base is None or self._busy:
            return
        self._start(self.tr("Saving…"))
        self._runner.write(
            edit_ticket,
            self._db,
            self._user,
            self.ticket_id,
            base,
            self._edited(base),
            on_done=self._edits_saved,
            on_error=self._failed,
        )

    def _edits_saved(self, change: TicketChange) -> None:
        self._edit_base = None
        self._origin = None
        self.save_button.setEnabled(False)
        self._done(self.tr("Saved."))

    @Slot()
    def _reapply(self) -> None:
        """Apply the agent's edits to the version now stored (the conflict's `current`)."""
        if self.detail is not None and self.dirty():
            self._rebase(self.detail)
        self.conflict.hide()
        self._conflict_pending = False
        self.save_button.setEnabled(self.dirty())
        self.save_edits()

    def _rebase(self, detail: TicketDetail) -> None:
        """Put the agent's edits on `detail`: the fields they did not touch show what is
        stored now, so the form shows what "apply my edits" will save."""
        mine = self._mine()
        self._edit_base = detail.edit
        for widget in self._edit_widgets():
            widget.blockSignals(True)
        if "severity" not in mine:
            self._set_combo(self.severity, detail.severity)
        if "urgency" not in mine:
            self._set_combo(self.urgency, detail.urgency)
        if "symptom_category_id" not in mine:
            self._fill_symptoms(detail.symptom_category_id)
        if "error_code" not in mine:
            self.error_code.setText(detail.error_code)
        if "description" not in mine:
            self.description.setPlainText(detail.description)
        for widget in self._edit_widgets():
            widget.blockSignals(False)
        origin = self._origin
        assert origin is not None
        self._origin = replace(detail.edit, **{name: getattr(origin, name) for name in mine})

    @Slot()
    def _discard(self) -> None:
        self.conflict.hide()
        self._conflict_pending = False
        if self.detail is not None:
            self._fill_edits(self.detail)
        self.status_line.setText(self.tr("Your edits were discarded; this is the ticket now."))

    # -- moves -------------------------------------------------------------------

    def move_to(self, target: str) -> None:
        """Move the ticket to `target` (resolve and reopen ask for more first)."""
        detail = self.detail
        if detail is None or self._busy:
            return
        if target == "resolved":
            self._show_resolution()
            return
        note = ""
        if target == REOPENED:
            dialog = ReasonDialog(
                self.tr("Reopen {number}").format(number=detail.number),
                self.tr("Why is the ticket reopened?"),
                self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            note = dialog.reason()
        self._send_move(target, note=note)

    def _send_move(
        self, target: str, *, note: str = "", resolution: Resolution | None = None
    ) -> None:
        detail = self.detail
        assert detail is not None
        self._start(self.tr("Saving…"))
        self._runner.write(
            partial(change_status, resolution=resolution, note=note),
            self._db,
            self._user,
            self.ticket_id,
            detail.version,
            target,
            on_done=self._moved,
            on_error=self._failed,
        )

    def _moved(self, change: TicketChange) -> None:
        self.resolution_box.setVisible(change.status in ("resolved", "closed"))
        self._done(
            self.tr("{number} is now {status}.").format(
                number=change.number, status=ticket_status_name(change.status)
            )
        )

    def _show_resolution(self) -> None:
        self.resolution_box.show()
        for widget in (self.resolution_type, self.root_cause, self.solution):
            widget.setEnabled(True)
        self.confirm_resolve.setVisible(True)
        self.cancel_resolve.setVisible(True)
        self.resolution_type.setFocus()

    @Slot()
    def _hide_resolution(self) -> None:
        self.resolution_box.hide()

    @Slot()
    def _resolve(self) -> None:
        resolution = Resolution(
            resolution_type=str(self.resolution_type.currentData() or ""),
            root_cause=self.root_cause.toPlainText().strip(),
            solution=self.solution.toPlainText().strip(),
        )
        self._send_move("resolved", resolution=resolution)

    @Slot()
    def _ask_assignee(self) -> None:
        if self.detail is None or self._busy:
            return
        self._runner.read(
            suggest_assignees,
            self._db,
            self.ticket_id,
            on_done=self._suggested,
            on_error=self._failed_read,
            key=f"suggest:{id(self)}",
        )

    def _suggested(self, suggestions: tuple[AssigneeSuggestion, ...]) -> None:
        if self._closed or self.detail is None:
            return
        dialog = AssignDialog(suggestions, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return
        chosen = dialog.chosen()
        assert chosen is not None
        self._start(self.tr("Saving…"))
        self._runner.write(
            assign,
            self._db,
            self._user,
            self.ticket_id,
            self.detail.version,
            chosen,
            on_done=self._moved,
            on_error=self._failed,
        )

    @Slot()
    def _ask_visit(self) -> None:
        """The booking dialog (suggested engineers and slots); the view reloads after."""
        detail = self.detail
        if detail is None or self._busy:
            return
        dialog = BookVisitDialog(
            self._db,
            self._runner,
            self._user,
            self.ticket_id,
            ticket_number=detail.number,
            customer_name=detail.customer_name,
            resolution_due_at=detail.resolution_due_at,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._visit_booked)
        dialog.destroyed.connect(lambda _obj=None: setattr(self, "book_dialog", None))
        self.book_dialog = dialog
        dialog.open()

    def _visit_booked(self, change: VisitChange) -> None:
        if self._closed:
            return
        text = self.tr("Visit booked: {engineer}, {time}.").format(
            engineer=change.engineer_name, time=span_text(change.starts_at, change.ends_at)
        )
        if change.warnings:
            text += " " + self.tr("Booked despite warnings.")
        self._done(text)

    @Slot()
    def _ask_escalation(self) -> None:
        detail = self.detail
        if detail is None or self._busy:
            return
        dialog = ReasonDialog(
            self.tr("Escalate {number}").format(number=detail.number),
            self.tr("The ticket goes to the second-line queue. What should they know?"),
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._start(self.tr("Saving…"))
        self._runner.write(
            escalate,
            self._db,
            self._user,
            self.ticket_id,
            detail.version,
            dialog.reason(),
            on_done=self._moved,
            on_error=self._failed,
        )

    @Slot()
    def _ask_priority(self) -> None:
        detail = self.detail
        if detail is None or self._busy or self._options is None:
            return
        dialog = ReasonDialog(
            self.tr("Priority and SLA plan of {number}").format(number=detail.number),
            self.tr(
                "The deadlines are worked out again from the working time already used "
                "(paused time not counted). Why the change?"
            ),
            self,
        )
        priority = QComboBox()
        priority.setObjectName("priorityChoice")
        for code in self._options.priorities:
            priority.addItem(code, code)
        self._set_combo(priority, detail.priority)
        plan = QComboBox()
        plan.setObjectName("planChoice")
        for option in self._options.sla_plans:
            plan.addItem(option.name, option.id)
        self._set_combo(plan, detail.sla_plan_id)
        dialog.extra.addRow(self.tr("Priority"), priority)
        dialog.extra.addRow(self.tr("SLA plan"), plan)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new_priority = priority.currentData()
        new_plan = plan.currentData()
        self._start(self.tr("Saving…"))
        self._runner.write(
            partial(
                change_priority_or_plan,
                priority=new_priority if new_priority != detail.priority else None,
                sla_plan_id=new_plan if new_plan != detail.sla_plan_id else None,
                reason=dialog.reason(),
            ),
            self._db,
            self._user,
            self.ticket_id,
            detail.version,
            on_done=self._moved,
            on_error=self._failed,
        )

    @Slot()
    def _show_customer(self) -> None:
        if self.detail is not None:
            self.open_customer.emit(self.detail.customer_id)

    # -- outcomes ----------------------------------------------------------------

    def _start(self, text: str) -> None:
        self._busy = True
        self.status_line.setStyleSheet("")
        self.status_line.setText(text)
        for button in self.move_buttons.values():
            button.setEnabled(False)

    def _done(self, text: str) -> None:
        self._busy = False
        self.status_line.setStyleSheet("")
        self.status_line.setText(text)
        self.message.emit(text)
        self.reload()

    def _failed_read(self, error: BaseException) -> None:
        self._read_failed(error)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.status_line.setStyleSheet(f"color: {ERROR_COLOUR};")
        if isinstance(error, TicketConflict):
            self._show_conflict(error)
        elif isinstance(error, TicketRefused):
            self._show_errors(error)
        elif isinstance(error, PermissionDenied):
            self.status_line.setText(refusal_text(error.role, error.permission.value))
        elif isinstance(error, IllegalTransition):
            self.status_line.setText(
                self.tr("A ticket that is {old} cannot become {new}.").format(
                    old=ticket_status_name(error.from_status),
                    new=ticket_status_name(error.to_status),
                )
            )
        elif is_problem(error):
            self.status_line.setText(
                self.tr("Not saved: the database did not answer. Nothing typed is lost; try again.")
            )
        else:
            self.status_line.setText(self.tr("Not saved: {reason}").format(reason=str(error)))
        if self.detail is not None:
            self._show_moves(self.detail)

    def _show_errors(self, error: TicketRefused) -> None:
        boxes = {**self.edit_boxes, **self.resolution_boxes}
        loose = []
        for field_error in error.errors:
            box = boxes.get(field_error.field)
            if box is not None:
                box.show_error(field_error)
                box.message.setText(ticket_error_text(field_error))
            else:
                loose.append(f"{field_label(field_error.field)}: {ticket_error_text(field_error)}")
        self.status_line.setText(
            " ".join(loose) if loose else self.tr("Please correct the marked fields.")
        )

    def _show_conflict(self, conflict: TicketConflict) -> None:
        changes: tuple[FieldChange, ...] = conflict.changes
        if not changes and self.detail is not None:
            changes = differences(self.detail, conflict.current)
        lines = [
            self.tr("{field}: {old} → {new}").format(
                field=field_label(c.field),
                old=value_text(c.field, c.loaded_value),
                new=value_text(c.field, c.current_value),
            )
            for c in changes
        ]
        who = next(
            (e.user for e in reversed(conflict.current.timeline) if e.user_id != self._user.id),
            "",
        )
        heading = (
            self.tr("{who} changed this ticket since you opened it:").format(who=who)
            if who
            else self.tr("Another desk changed this ticket since you opened it:")
        )
        keep = self.tr("Nothing was saved. The form shows your edits on top of their change.")
        self.conflict_text.setText(
            "<b>" + heading + "</b><br>" + "<br>".join(lines) + "<br>" + keep
        )
        self.reapply_button.setVisible(self.dirty())
        self.discard_button.setVisible(self.dirty())
        self.conflict.show()
        self._conflict_pending = self.dirty()
        if self._conflict_pending:
            self.save_button.setEnabled(False)
            self._rebase(conflict.current)
        self.status_line.setText(self.tr("Not saved: the ticket changed on another desk."))
        self.detail = conflict.current
        self._show()

    # -- window ------------------------------------------------------------------

    def retranslate(self) -> None:
        captions = {
            "customer": self.tr("Customer"),
            "contact": self.tr("Contact"),
            "device": self.tr("Device"),
            "symptom": self.tr("Symptom"),
            "reported": self.tr("Reported"),
            "channel": self.tr("Channel"),
            "queue": self.tr("Queue"),
            "assignee": self.tr("Assignee"),
            "plan": self.tr("SLA plan"),
            "respond_by": self.tr("Respond by"),
            "resolve_by": self.tr("Resolve by"),
        }
        for key, (caption, _value) in self.fact_labels.items():
            caption.setText(captions[key])
        self.facts_box.setTitle(self.tr("Ticket"))
        self.edit_box.setTitle(self.tr("Fault details"))
        for name, caption in self._edit_captions.items():
            caption.setText(field_label(name))
        self.resolution_box.setTitle(self.tr("Resolution"))
        for name, caption in self._resolution_captions.items():
            caption.setText(field_label(name))
        self.save_button.setText(self.tr("Save changes"))
        self.save_button.setToolTip(self.tr("Save the fault details (Ctrl+S)"))
        self.confirm_resolve.setText(self.tr("Resolve ticket"))
        self.cancel_resolve.setText(self.tr("Cancel"))
        self.assign_button.setText(self.tr("Assign…"))
        self.escalate_button.setText(self.tr("Escalate…"))
        self.visit_button.setText(self.tr("Book visit…"))
        self.visit_button.setToolTip(
            self.tr("Book an engineer's visit: suggested engineers and slots")
        )
        self.priority_button.setText(self.tr("Priority / SLA…"))
        self.customer_button.setText(self.tr("Open customer"))
        self.reapply_button.setText(self.tr("Apply my edits to this version"))
        self.discard_button.setText(self.tr("Discard my edits"))
        self.tabs.setTabText(0, self.tr("Timeline"))
        self.tabs.setTabText(1, self.tr("SLA timeline"))
        self.timeline_model.retranslate()
        self.sla_model.retranslate()
        self._fill_combos()
        chosen = self.symptom.currentData()
        self.symptom.blockSignals(True)
        self._fill_symptoms(chosen)
        self.symptom.blockSignals(False)
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._tick.stop()
        self.presence.close()
        super().closeEvent(event)
