"""Book a visit from a ticket: suggested engineers and slots, or a time chosen by hand.

The suggestions (engineer, start, load, whether the slot ends before the ticket's
resolution deadline, why they are offered) come from scheduling.suggest_slots; picking
one fills in the form, and the agent confirms the time with the customer before pressing
Book. Everything in the form can also be chosen by hand. A refused time shows its
problems at the fields and keeps what was typed; warnings can be accepted.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ui.customer_card import Column, RowsModel, rows_table
from ui.local_time import local_text
from ui.tasks import TaskRunner, is_problem
from ui.ticket_words import duration_text
from ui.visit_dialogs import VisitDialog
from ui.visit_words import kind_name, weekday_of
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.scheduling import (
    VISIT_KINDS,
    Booking,
    SlotSuggestion,
    book_visit,
    suggest_slots,
)

MEETS = ("#1b5e20", "#e8f5e9")
LATE = ("#8a1c1c", "#fde2e1")


class BookVisitDialog(VisitDialog):
    """The booking form of a ticket, with the suggested slots above it."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        ticket_id: int,
        *,
        ticket_number: str = "",
        customer_name: str = "",
        resolution_due_at: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("bookVisitDialog")
        self.ticket_id = ticket_id
        self.ticket_number = ticket_number
        self.customer_name = customer_name
        self.resolution_due_at = resolution_due_at
        self.suggestions: tuple[SlotSuggestion, ...] = ()
        self._filling = False
        self._touched = False
        self._suggesting = False
        self.setMinimumWidth(760)

        self.heading = QLabel()
        self.heading.setObjectName("bookHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.deadline = QLabel()
        self.deadline.setObjectName("bookDeadline")

        self.model = RowsModel(
            [
                Column(lambda: self.tr("Engineer"), lambda s: s.engineer_name),
                Column(lambda: self.tr("Start"), self._start_text),
                Column(lambda: self.tr("Load (7 days)"), lambda s: duration_text(s.load_minutes)),
                Column(
                    lambda: self.tr("Deadline"),
                    self._deadline_text,
                    colours=lambda s: (
                        None if s.meets_deadline is None else MEETS if s.meets_deadline else LATE
                    ),
                ),
                Column(lambda: self.tr("Why"), self._why_text),
            ],
            self,
        )
        self.table = rows_table(self.model, "slotSuggestions")
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(rows * 4)
        self.table.setMaximumHeight(rows * 7)
        self.table.selectionModel().selectionChanged.connect(self._picked)
        self.suggest_note = QLabel()
        self.suggest_note.setObjectName("suggestNote")
        self.suggest_note.setWordWrap(True)
        self.suggest_button = QPushButton()
        self.suggest_button.setObjectName("suggestAgain")
        self.suggest_button.clicked.connect(self.read_suggestions)
        note_row = QHBoxLayout()
        note_row.addWidget(self.suggest_note, 1)
        note_row.addWidget(self.suggest_button)

        self.kind = QComboBox()
        self.kind.setObjectName("visitKind")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("visitNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        form = QFormLayout()
        self.add_box(form, "kind", self.kind)
        self.add_time_fields(form)
        self.add_box(form, "notes", self.notes)

        self.body.addWidget(self.heading)
        self.body.addWidget(self.deadline)
        self.body.addWidget(self.table)
        self.body.addLayout(note_row)
        self.body.addLayout(form)
        self.body.addWidget(self.accept_warnings)
        self.body.addStretch(1)

        self._filling = True
        self.set_default_times()
        self._filling = False
        self.initial_focus = self.table
        self.retranslate()
        self.load_engineers(None)
        self.read_suggestions()

    # --- suggestions ------------------------------------------------------------------

    @Slot()
    def read_suggestions(self) -> None:
        """Ask again (for the duration in the form)."""
        self._suggesting = True
        self._show_note()
        self.runner.read(
            suggest_slots,
            self.db,
            self.user,
            self.ticket_id,
            self.duration.value(),
            on_done=self._suggested,
            on_error=self._suggest_failed,
            key=f"slots:{id(self)}",
        )

    def _suggested(self, found: tuple[SlotSuggestion, ...]) -> None:
        self._suggesting = False
        self.suggestions = found
        self.model.set_rows(found)
        self.table.resizeColumnsToContents()
        self._show_note()
        if found and not self._touched:
            self.table.selectRow(0)

    def _suggest_failed(self, error: BaseException) -> None:
        self._suggesting = False
        if is_problem(error):
            self.suggest_note.setText(
                self.tr("No suggestions: the database did not answer. Choose by hand or retry.")
            )
        else:
            self.suggest_note.setText(self.tr("No suggestions could be made; choose by hand."))

    def _show_note(self) -> None:
        if self._suggesting:
            self.suggest_note.setText(self.tr("Looking for free slots…"))
        elif self.suggestions:
            self.suggest_note.setText(
                self.tr(
                    "Pick a suggestion to fill in the form, or choose by hand. Confirm the "
                    "time with the customer before booking."
                )
            )
        else:
            self.suggest_note.setText(
                self.tr(
                    "No engineer of the region with the skill has a free slot in the next two "
                    "weeks: choose by hand."
                )
            )

    @Slot(QItemSelection, QItemSelection)
    def _picked(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.use(self.model.row(rows[0].row()))

    def use(self, suggestion: SlotSuggestion) -> None:
        """Put a suggestion into the form."""
        self._filling = True
        try:
            self.choose_engineer(suggestion.engineer_id, suggestion.engineer_name)
            self.set_times(suggestion.starts_at, suggestion.ends_at)
        finally:
            self._filling = False

    def _time_changed(self) -> None:
        super()._time_changed()
        if not self._filling:
            self._touched = True

    def _start_text(self, s: SlotSuggestion) -> str:
        return f"{weekday_of(s.starts_at)} {local_text(s.starts_at)}"

    def _deadline_text(self, s: SlotSuggestion) -> str:
        if s.meets_deadline is None:
            return "—"
        return self.tr("in time") if s.meets_deadline else self.tr("after the deadline")

    def _why_text(self, s: SlotSuggestion) -> str:
        parts = []
        parts.append(self.tr("region") if s.region_match else self.tr("other region"))
        if s.skill_match:
            parts.append(self.tr("knows the product"))
        elif s.generalist:
            parts.append(self.tr("generalist"))
        if s.distance_km is not None:
            parts.append(self.tr("{km} km from base").format(km=f"{s.distance_km:.0f}"))
        return " · ".join(parts)

    # --- booking ----------------------------------------------------------------------

    def submit(self) -> None:
        engineer_id = self.engineer_id()
        if not self.need_engineer() or engineer_id is None:
            return
        booking = Booking(
            kind=str(self.kind.currentData() or "repair"),
            engineer_id=engineer_id,
            starts_at=self.starts_at(),
            ends_at=self.ends_at(),
            ticket_id=self.ticket_id,
            notes=self.notes.toPlainText().strip(),
            accept_warnings=self.accept_warnings.isChecked(),
        )
        self.write(book_visit, self.db, self.user, booking)

    def save_text(self) -> str:
        return self.tr("Book visit")

    def retranslate(self) -> None:
        self.retranslate_base()
        self.setWindowTitle(self.tr("Book a visit"))
        self.heading.setText(
            self.tr("Visit for {number} — {customer}").format(
                number=self.ticket_number, customer=self.customer_name
            )
        )
        if self.resolution_due_at is not None:
            self.deadline.setText(
                self.tr("Resolve by {time}").format(time=local_text(self.resolution_due_at))
            )
        self.deadline.setVisible(self.resolution_due_at is not None)
        self.caption("kind", self.tr("Kind of visit"))
        self.caption("notes", self.tr("Notes for the engineer"))
        self.suggest_button.setText(self.tr("Suggest again"))
        self.suggest_button.setToolTip(self.tr("Find slots for the duration in the form"))
        chosen = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for code in VISIT_KINDS:
            self.kind.addItem(kind_name(code), code)
        index = self.kind.findData(chosen if chosen is not None else "repair")
        self.kind.setCurrentIndex(max(index, 0))
        self.kind.blockSignals(False)
        self.model.retranslate()
        self._show_note()
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
