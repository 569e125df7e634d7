"""Follow-up calls (回访) to work through: the due list and the answer form beside it.

The agent picks the longest-waiting follow-up, calls the number shown, and records the
answer. A dissatisfied customer must get a next step (reopen the ticket or open a
complaint); what was typed stays on the form when the save is refused or fails.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import ERROR_COLOUR, field_error_text
from ui.local_time import local_text
from ui.roles import refusal_text
from ui.tasks import TaskRunner, is_problem
from workstation.changes import Change
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.follow_ups import (
    FollowUpAction,
    FollowUpAnswer,
    FollowUpChanged,
    FollowUpRecorded,
    FollowUpRejected,
    FollowUpRow,
    dissatisfied,
    follow_ups_due,
)
from workstation.services.follow_ups import record_follow_up as record_answer

# Another desk's follow-up changes re-read the list at most this often.
RELOAD_COOLDOWN_MS = 1000
OVERDUE = ("#8a1c1c", "#fde2e1")
# The customer and device columns are at most this many average characters wide.
WIDE_COLUMN_CHARS = 22
CUSTOMER_COLUMN, DEVICE_COLUMN = 2, 5


def _error_text(error: FieldError) -> str:
    match (error.field, error.code):
        case ("action", "required"):
            return QCoreApplication.translate(
                "FollowUps", "The customer is not satisfied: reopen the ticket or open a complaint."
            )
        case ("action", "not_reached"):
            return QCoreApplication.translate(
                "FollowUps", "Only a customer who was reached can reopen or complain."
            )
        case ("comments", "required"):
            return QCoreApplication.translate(
                "FollowUps", "Write down what the customer complains about."
            )
    return field_error_text(error)


def _late(row: FollowUpRow) -> bool:
    """More than a day past its due time: it stands out."""
    return datetime.now(UTC) - row.due_at > timedelta(days=1)


def _columns() -> list[Column]:
    return [
        Column(
            lambda: QCoreApplication.translate("FollowUps", "Due"),
            lambda r: local_text(r.due_at),
            colours=lambda r: OVERDUE if _late(r) else None,
        ),
        Column(
            lambda: QCoreApplication.translate("FollowUps", "Ticket"), lambda r: r.ticket_number
        ),
        Column(
            lambda: QCoreApplication.translate("FollowUps", "Customer"), lambda r: r.customer_name
        ),
        Column(
            lambda: QCoreApplication.translate("FollowUps", "Contact"), lambda r: r.contact_name
        ),
        Column(lambda: QCoreApplication.translate("FollowUps", "Phone"), lambda r: r.phone),
        Column(lambda: QCoreApplication.translate("FollowUps", "Device"), lambda r: r.device),
        Column(
            lambda: QCoreApplication.translate("FollowUps", "Resolved"),
            lambda r: local_text(r.resolved_at)[:10],  # the day is enough here
        ),
        Column(
            lambda: QCoreApplication.translate("FollowUps", "Tries"),
            lambda r: str(r.attempts) if r.attempts else "",
        ),
    ]


class _Choice(QWidget):
    """Two or more exclusive buttons with an error line under them."""

    changed = Signal()

    def __init__(self, names: list[str], object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for number, name in enumerate(names):
            button = QRadioButton()
            button.setObjectName(f"{object_name}_{name}")
            self.group.addButton(button, number)
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.message)
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.message.hide()
            self.changed.emit()

    def chosen(self) -> int | None:
        number = self.group.checkedId()
        return None if number < 0 else number

    def choose(self, number: int | None) -> None:
        if number is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[number].setChecked(True)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class FollowUpsPage(QWidget):
    """The follow-ups due, oldest first, and the form to record the answer."""

    count_changed = Signal(int)
    ticket_activated = Signal(int)
    message = Signal(str)

    def __init__(
        self, *, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpsPage")
        self._db = db
        self._runner = runner
        self._user = user
        self._current: FollowUpRow | None = None
        self._saving = False
        self._stopped = False
        self._reload_again = False
        self._cooldown = QTimer(self)
        self._cooldown.setSingleShot(True)
        self._cooldown.setInterval(RELOAD_COOLDOWN_MS)
        self._cooldown.timeout.connect(self._cooled_down)

        self.model = RowsModel(_columns(), self)
        self.table = rows_table(self.model, "followUpsTable")
        self.table.doubleClicked.connect(self._open_ticket)
        self.empty = QLabel()
        self.empty.setObjectName("followUpsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setMargin(12)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)

        self.form = QGroupBox()
        self.form.setObjectName("followUpForm")
        self.summary = QLabel()
        self.summary.setObjectName("followUpSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reached = _Choice(["yes", "no"], "reached")
        self.fixed = _Choice(["yes", "no"], "fixed")
        self.score = _Choice([str(n) for n in range(1, 6)], "satisfaction")
        self.score_hint = QLabel()
        self.score_hint.setObjectName("satisfactionHint")
        self.comments = QPlainTextEdit()
        self.comments.setObjectName("followUpComments")
        self.comments.setTabChangesFocus(True)
        self.comments.setMaximumHeight(110)
        self.comments_error = QLabel()
        self.comments_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.comments_error.setWordWrap(True)
        self.comments_error.hide()
        self.next_step = _Choice(["reopen", "complaint"], "nextStep")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveFollowUp")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status_line = QLabel()
        self.status_line.setObjectName("followUpStatus")
        self.status_line.setWordWrap(True)

        self._layout = QFormLayout()
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._captions = [QLabel() for _ in range(5)]
        self._layout.addRow(self._captions[0], self.reached)
        self._layout.addRow(self._captions[1], self.fixed)
        score_box = QWidget()
        score_layout = QVBoxLayout(score_box)
        score_layout.setContentsMargins(0, 0, 0, 0)
        score_layout.setSpacing(0)
        score_layout.addWidget(self.score)
        score_layout.addWidget(self.score_hint)
        self._layout.addRow(self._captions[2], score_box)
        comments_box = QWidget()
        comments_layout = QVBoxLayout(comments_box)
        comments_layout.setContentsMargins(0, 0, 0, 0)
        comments_layout.setSpacing(2)
        comments_layout.addWidget(self.comments)
        comments_layout.addWidget(self.comments_error)
        self._layout.addRow(self._captions[3], comments_box)
        self._layout.addRow(self._captions[4], self.next_step)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        form_layout = QVBoxLayout(self.form)
        form_layout.addWidget(self.summary)
        form_layout.addWidget(rule)
        form_layout.addLayout(self._layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_line, 1)
        buttons.addWidget(self.save_button)
        form_layout.addLayout(buttons)
        form_layout.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([650, 350])  # the list needs the room; the form fits in a third
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        for choice in (self.reached, self.fixed, self.score):
            choice.changed.connect(self._update_form)
        self.comments.textChanged.connect(self.comments_error.hide)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.form)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)
        self.retranslate()
        self._show(None)

    # -- the list ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the due list again (throttled; the answer replaces the list, keeping the row)."""
        if self._stopped:
            return
        if self._cooldown.isActive():
            self._reload_again = True
            return
        self._reload_again = False
        self._cooldown.start()
        self._runner.read(
            follow_ups_due, self._db, on_done=self._loaded, on_error=self._failed, key="follow-ups"
        )

    @Slot()
    def _cooled_down(self) -> None:
        if self._reload_again:
            self.reload()

    def _loaded(self, rows: tuple[FollowUpRow, ...]) -> None:
        keep = self._current.id if self._current is not None else None
        self.model.set_rows(rows)
        self.count_changed.emit(len(rows))
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.table.resizeColumnsToContents()
        self._cap_columns()
        index = next((i for i, r in enumerate(rows) if r.id == keep), None)
        if index is None and keep is not None and self._typed():
            return  # the one being answered was done elsewhere: keep what was typed in view
        if index is None:
            index = 0 if rows else None
        if index is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(index, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._show(rows[index], keep_answer=rows[index].id == keep)
        else:
            self._show(None)

    def _cap_columns(self) -> None:
        """Long names and device descriptions give way so the later columns stay in view."""
        widest = self.table.fontMetrics().averageCharWidth() * WIDE_COLUMN_CHARS
        for column in (CUSTOMER_COLUMN, DEVICE_COLUMN):
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        # The stretched last column kept the width it had before the cap: fit it again.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self.table.resizeColumnToContents(self.model.columnCount() - 1)
        header.setStretchLastSection(True)

    def _failed(self, error: BaseException) -> None:
        if is_problem(error):
            self.status_line.setText(
                self.tr("The list could not be read: the database did not answer.")
            )

    def on_changes(self, changes: list[Change]) -> None:
        if any(c.entity == "follow_up" for c in changes):
            self.reload()

    def stop(self) -> None:
        self._stopped = True
        self._cooldown.stop()

    @Slot(QModelIndex, QModelIndex)
    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.row(current.row())
        if self._current is not None and row.id == self._current.id:
            return
        self._show(row)

    @Slot(QModelIndex)
    def _open_ticket(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ticket_activated.emit(self.model.row(index.row()).ticket_id)

    # -- the form ----------------------------------------------------------------

    def _typed(self) -> bool:
        return (
            self.reached.chosen() is not None
            or self.score.chosen() is not None
            or bool(self.comments.toPlainText().strip())
        )

    def _show(self, row: FollowUpRow | None, *, keep_answer: bool = False) -> None:
        self._current = row
        self.form.setEnabled(row is not None)
        if not keep_answer:
            for choice in (self.reached, self.fixed, self.score, self.next_step):
                choice.choose(None)
                choice.message.hide()
            self.comments.clear()
            self.status_line.clear()
        self._show_summary()
        self._update_form()

    def _show_summary(self) -> None:
        row = self._current
        if row is None:
            self.summary.setText(self.tr("Choose a follow-up on the left."))
            return
        lines = [
            self.tr("<b>{number}</b> · {customer}").format(
                number=row.ticket_number, customer=row.customer_name
            ),
            self.tr("Call {contact} on <b>{phone}</b>").format(
                contact=row.contact_name or self.tr("the customer"),
                phone=row.phone or self.tr("(no number on file)"),
            ),
        ]
        if row.device:
            lines.append(self.tr("Device: {device}").format(device=row.device))
        if row.solution and row.resolved_by:
            lines.append(
                self.tr("Fixed by {who}: {solution}").format(
                    who=row.resolved_by, solution=row.solution
                )
            )
        elif row.solution:
            lines.append(self.tr("Fix: {solution}").format(solution=row.solution))
        self.summary.setText("<br>".join(lines))

    @Slot()
    def _update_form(self) -> None:
        reached = self.reached.chosen() == 0
        for widget in (self.fixed, self.score, self.score_hint, self.next_step):
            widget.setEnabled(reached)
        for caption in (self._captions[1], self._captions[2], self._captions[4]):
            caption.setEnabled(reached)
        unhappy = reached and dissatisfied(self.answer())
        self.next_step.setVisible(unhappy)
        self._captions[4].setVisible(unhappy)

    def answer(self) -> FollowUpAnswer:
        """The answer as the form holds it now."""
        reached = self.reached.chosen() == 0
        fixed = self.fixed.chosen()
        score = self.score.chosen()
        step = self.next_step.chosen()
        action = FollowUpAction.NONE
        if reached and step is not None and self.next_step.isVisible():
            action = FollowUpAction.REOPEN if step == 0 else FollowUpAction.COMPLAINT
        return FollowUpAnswer(
            reached=reached,
            confirmed_fixed=None if fixed is None or not reached else fixed == 0,
            satisfaction=None if score is None or not reached else score + 1,
            comments=self.comments.toPlainText(),
            action=action,
        )

    @Slot()
    def save(self) -> None:
        row = self._current
        if row is None or self._saving:
            return
        if self.reached.chosen() is None:
            self.reached.show_error(self.tr("Say whether the customer was reached."))
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.status_line.setText(self.tr("Saving…"))
        self._runner.write(
            record_answer,
            self._db,
            self._user,
            row.id,
            row.version,
            self.answer(),
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, result: FollowUpRecorded) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if not result.done:
            text = self.tr("{number}: not reached; the follow-up comes back tomorrow.")
        elif result.complaint_number:
            text = self.tr("{number}: complaint {complaint} opened.")
        elif result.ticket_status in ("in_progress", "new", "assigned"):
            text = self.tr("{number}: reopened.")
        else:
            text = self.tr("{number}: follow-up recorded, ticket closed.")
        message = text.format(number=result.ticket_number, complaint=result.complaint_number)
        self.message.emit(message)
        self._show(None)
        self.status_line.setText(message)
        self._cooldown.stop()
        self.reload()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, FollowUpRejected):
            self.status_line.setText(self.tr("Please complete the answer."))
            fields = {
                "confirmed_fixed": self.fixed,
                "satisfaction": self.score,
                "action": self.next_step,
                "reached": self.reached,
            }
            for field_error in error.errors:
                if field_error.field == "comments":
                    self.comments_error.setText(_error_text(field_error))
                    self.comments_error.show()
                elif field_error.field in fields:
                    fields[field_error.field].show_error(_error_text(field_error))
            return
        if isinstance(error, FollowUpChanged):
            self.status_line.setText(
                self.tr(
                    "Another desk recorded this follow-up meanwhile. Your notes are still here; "
                    "the list has been refreshed."
                )
            )
            self._cooldown.stop()
            self.reload()
            return
        if isinstance(error, PermissionDenied):
            self.status_line.setText(refusal_text(error.role, error.permission.value))
            return
        self.status_line.setText(
            self.tr("Not saved: the database did not answer. Your answer is kept; try again.")
        )

    # -- language ----------------------------------------------------------------

    def retranslate(self) -> None:
        self.form.setTitle(self.tr("Follow-up call"))
        captions = (
            self.tr("Reached the customer?"),
            self.tr("Fault fixed?"),
            self.tr("Satisfaction"),
            self.tr("Comments"),
            self.tr("Next step"),
        )
        for label, text in zip(self._captions, captions, strict=True):
            label.setText(text)
        self.reached.buttons[0].setText(self.tr("Yes"))
        self.reached.buttons[1].setText(self.tr("No answer"))
        self.fixed.buttons[0].setText(self.tr("Yes, it works"))
        self.fixed.buttons[1].setText(self.tr("No, the fault is back"))
        for number, button in enumerate(self.score.buttons, start=1):
            button.setText(str(number))
        self.score_hint.setText(self.tr("1 = very dissatisfied … 5 = very satisfied"))
        self.next_step.buttons[0].setText(self.tr("Reopen the ticket"))
        self.next_step.buttons[1].setText(self.tr("Open a complaint"))
        self.save_button.setText(self.tr("Record answer"))
        self.save_button.setToolTip(self.tr("Record the answer (Ctrl+Enter)"))
        self.empty.setText(self.tr("No follow-up calls are due. Well done."))
        self.model.retranslate()
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
