"""Moving and cancelling a visit, and what every visit dialog shares.

The schedule page opens MoveVisitDialog and CancelVisitDialog with a plain visit
description (`VisitRef`: id, version, engineer, times, customer); BookVisitDialog (ui/
book_visit_dialog.py) builds on the same base. A refused time shows its problems at the
fields (the engineer, the day, the time, the duration); when they are only warnings
(outside hours, not a working day, a tight drive) a box lets the dispatcher book anyway.
Nothing typed is lost: a refusal, a conflict with another desk or a lost connection leaves
the form as it was. `change` holds the VisitChange once saved (also sent by `saved`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from ui.customer_dialogs import EditDialog, FieldBox
from ui.local_time import to_qdatetime
from ui.tasks import TaskRunner
from ui.visit_words import kind_name, span_text, visit_problem_text, visit_status_name
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound
from workstation.services.engineers import EngineerRow, list_engineers
from workstation.services.scheduling import (
    ScheduleConflict,
    VisitChange,
    VisitConflict,
    VisitRef,
    VisitRefused,
    cancel_visit,
    move_visit,
)

DEFAULT_MINUTES = 120
STEP_MINUTES = 15
MAX_MINUTES = 12 * 60


def instant(day: QDate, at: QTime) -> datetime:
    """A day and time on the desk's clock as an aware UTC instant."""
    stamp = QDateTime(day, at)
    return datetime.fromtimestamp(stamp.toSecsSinceEpoch(), UTC)


class ProblemBox(FieldBox):
    """A field whose errors are scheduling problems (several may concern one field)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(editor, parent)
        self.problems: list[FieldError] = []

    def show_problems(self, problems: Sequence[FieldError]) -> None:
        self.problems = list(problems)
        self.show_error(problems[0])
        self.retranslate()

    def clear_error(self) -> None:
        self.problems = []
        super().clear_error()

    def retranslate(self) -> None:
        if self.error is not None:
            problems = self.problems or [self.error]
            self.message.setText(" ".join(visit_problem_text(p) for p in problems))


class VisitDialog(EditDialog):
    """The base: engineer, day, time and duration fields, problems at them, refusals."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.change: VisitChange | None = None
        self.engineers: tuple[EngineerRow, ...] = ()
        self._chosen_engineer: int | None = None
        self.engineer = QComboBox()
        self.engineer.setObjectName("engineerCombo")
        self.day = QDateEdit()
        self.day.setObjectName("visitDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.start_time = QTimeEdit()
        self.start_time.setObjectName("visitTime")
        self.start_time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setObjectName("visitDuration")
        self.duration.setRange(STEP_MINUTES, MAX_MINUTES)
        self.duration.setSingleStep(STEP_MINUTES)
        self.duration.setValue(DEFAULT_MINUTES)
        self.accept_warnings = QCheckBox()
        self.accept_warnings.setObjectName("acceptWarnings")
        self.accept_warnings.hide()
        self.accept_warnings.toggled.connect(lambda _on: self.refresh_save())
        for signal in (
            self.engineer.currentIndexChanged,
            self.day.dateChanged,
            self.start_time.timeChanged,
            self.duration.valueChanged,
        ):
            signal.connect(self._time_changed)

    # --- building ---------------------------------------------------------------------

    def add_box(self, form: QFormLayout, name: str, editor: QWidget) -> ProblemBox:
        box = ProblemBox(editor)
        box.setObjectName(f"field_{name}")
        self.fields[name] = box
        form.addRow(box.caption, box)
        return box

    def add_time_fields(self, form: QFormLayout) -> None:
        self.add_box(form, "engineer_id", self.engineer)
        self.add_box(form, "date", self.day)
        self.add_box(form, "time", self.start_time)
        self.add_box(form, "duration", self.duration)

    def load_engineers(self, chosen: int | None) -> None:
        self._chosen_engineer = chosen
        self.load(list_engineers, self.db, self.user, on_done=self._engineers_read)

    def _engineers_read(self, rows: tuple[EngineerRow, ...]) -> None:
        self.engineers = rows
        current = self.engineer.currentData()
        self._fill_engineers(current if current is not None else self._chosen_engineer)

    def _fill_engineers(self, chosen: int | None) -> None:
        self.engineer.blockSignals(True)
        self.engineer.clear()
        for row in self.engineers:
            text = row.display_name
            if row.region_name:
                text += f" — {row.region_name}"
            self.engineer.addItem(text, row.user_id)
        index = self.engineer.findData(chosen) if chosen is not None else -1
        self.engineer.setCurrentIndex(index if index >= 0 else (0 if self.engineers else -1))
        self.engineer.blockSignals(False)

    def choose_engineer(self, engineer_id: int, name: str = "") -> None:
        """Select an engineer (added to the list when not in it yet, e.g. not loaded)."""
        index = self.engineer.findData(engineer_id)
        if index < 0:
            self.engineer.addItem(name or str(engineer_id), engineer_id)
            index = self.engineer.count() - 1
        self.engineer.setCurrentIndex(index)

    # --- the time in the form ---------------------------------------------------------

    def set_times(self, starts_at: datetime, ends_at: datetime) -> None:
        stamp = to_qdatetime(starts_at)
        self.day.setDate(stamp.date())
        self.start_time.setTime(stamp.time())
        minutes = round((ends_at - starts_at).total_seconds() / 60)
        self.duration.setValue(max(STEP_MINUTES, min(MAX_MINUTES, minutes)))

    def set_default_times(self) -> None:
        """Tomorrow 09:00 for two hours: a starting point, not a suggestion."""
        tomorrow = QDate.currentDate().addDays(1)
        self.day.setDate(tomorrow)
        self.start_time.setTime(QTime(9, 0))
        self.duration.setValue(DEFAULT_MINUTES)

    def starts_at(self) -> datetime:
        return instant(self.day.date(), self.start_time.time())

    def ends_at(self) -> datetime:
        return self.starts_at() + timedelta(minutes=self.duration.value())

    def engineer_id(self) -> int | None:
        value = self.engineer.currentData()
        return int(value) if value is not None else None

    @Slot()
    def _time_changed(self) -> None:
        """Another time or engineer: the warnings accepted were about the old one."""
        if self.accept_warnings.isVisible():
            self.accept_warnings.setChecked(False)
            self.accept_warnings.hide()
        for name in ("engineer_id", "date", "time", "duration"):
            box = self.fields.get(name)
            if box is not None:
                box.clear_error()

    def need_engineer(self) -> bool:
        """False (and the error shown) when no engineer is chosen."""
        if self.engineer_id() is not None:
            return True
        self.show_problems([FieldError("engineer_id", "required")])
        return False

    # --- outcomes ---------------------------------------------------------------------

    def box_for(self, problem: FieldError) -> str:
        """Which of the dialog's fields a service's problem belongs at."""
        match problem.field:
            case "starts_at":
                return "date" if problem.code == "not_working_day" else "time"
            case "ends_at":
                return "duration"
        return problem.field

    def show_problems(self, problems: Iterable[FieldError]) -> None:
        self.clear_errors()
        grouped: dict[str, list[FieldError]] = {}
        loose: list[str] = []
        for problem in problems:
            name = self.box_for(problem)
            if name in self.fields:
                grouped.setdefault(name, []).append(problem)
            else:
                loose.append(visit_problem_text(problem))
        for name, found in grouped.items():
            box = self.fields[name]
            if isinstance(box, ProblemBox):
                box.show_problems(found)
            else:
                box.show_error(found[0])
                box.message.setText(" ".join(visit_problem_text(p) for p in found))
        if loose:
            self.show_status(" ".join(loose))
        else:
            self.status.hide()
        self._fit()

    def _saved(self, result: Any) -> None:
        self.change = result
        self.accept_warnings.hide()
        super()._saved(result)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ScheduleConflict):
            self._saving = False
            self.refresh_save()
            self.show_problems(error.problems)
            self.accept_warnings.setChecked(False)
            self.accept_warnings.setVisible(error.overridable)
            if error.overridable:
                self.show_status(self.warning_text())
            self._fit()
        elif isinstance(error, VisitRefused):
            self._saving = False
            self.refresh_save()
            self.show_problems(error.errors)
        elif isinstance(error, VisitConflict):
            self._saving = False
            self.refresh_save()
            self.on_conflict(error.current)
        elif isinstance(error, RecordNotFound) and error.entity == "visit":
            self._saving = False
            self.refresh_save()
            self.show_status(self.tr("This visit no longer exists."))
        else:
            super()._failed(error)

    def warning_text(self) -> str:
        return self.tr(
            "These are warnings: choose another time, or tick the box to book it anyway."
        )

    def describe_conflict(self, current: Any) -> list[str]:
        if not isinstance(current, VisitRef):
            return []
        engineer = current.engineer_name or "—"
        return [
            self.tr("Now: {time} with {engineer} ({status}).").format(
                time=span_text(current.starts_at, current.ends_at) or "—",
                engineer=engineer,
                status=visit_status_name(current.status),
            )
        ]

    def retranslate_base(self) -> None:
        super().retranslate_base()
        self.accept_warnings.setText(self.tr("Book anyway: I accept these warnings"))
        captions = {
            "engineer_id": self.tr("Engineer"),
            "date": self.tr("Date"),
            "time": self.tr("Start"),
            "duration": self.tr("Duration"),
        }
        for name, text in captions.items():
            if name in self.fields:
                self.caption(name, text)
        self.duration.setSuffix(" " + self.tr("min"))


def describe(visit: VisitRef) -> str:
    """ "Customer · kind · 2026-06-01 09:00–11:00 · engineer"."""
    parts = [visit.customer_name, kind_name(visit.kind)]
    if visit.starts_at is not None:
        parts.append(span_text(visit.starts_at, visit.ends_at))
    if visit.engineer_name:
        parts.append(visit.engineer_name)
    return " · ".join(p for p in parts if p)


class MoveVisitDialog(VisitDialog):
    """Another engineer, day, time or duration for a visit (books an unscheduled one)."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        visit: VisitRef,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("moveVisitDialog")
        self.visit = visit
        self.summary = QLabel()
        self.summary.setObjectName("visitSummary")
        self.summary.setWordWrap(True)
        form = QFormLayout()
        self.add_time_fields(form)
        self.body.addWidget(self.summary)
        self.body.addLayout(form)
        self.body.addWidget(self.accept_warnings)
        if visit.starts_at is not None and visit.ends_at is not None:
            self.set_times(visit.starts_at, visit.ends_at)
        else:
            self.set_default_times()
        if visit.engineer_id is not None:
            self.choose_engineer(visit.engineer_id, visit.engineer_name)
        self.initial_focus = self.day
        self.load_engineers(visit.engineer_id)
        self.retranslate()

    def submit(self) -> None:
        engineer_id = self.engineer_id()
        if not self.need_engineer() or engineer_id is None:
            return
        self.write(
            partial(move_visit, accept_warnings=self.accept_warnings.isChecked()),
            self.db,
            self.user,
            self.visit.visit_id,
            self.visit.version,
            engineer_id,
            self.starts_at(),
            self.ends_at(),
        )

    def adopt_version(self, current: Any) -> None:
        if isinstance(current, VisitRef):
            self.visit = current
            self.summary.setText(describe(current))

    def save_text(self) -> str:
        if self.visit.status == "unscheduled":
            return self.tr("Book visit")
        return self.tr("Move visit")

    def retranslate(self) -> None:
        self.retranslate_base()
        if self.visit.status == "unscheduled":
            self.setWindowTitle(self.tr("Book a visit to schedule"))
        else:
            self.setWindowTitle(self.tr("Move a visit"))
        self.summary.setText(describe(self.visit))


class CancelVisitDialog(VisitDialog):
    """Cancel a visit, with its reason (required: it goes on the ticket's timeline)."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        visit: VisitRef,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("cancelVisitDialog")
        self.visit = visit
        self.summary = QLabel()
        self.summary.setObjectName("visitSummary")
        self.summary.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("cancelReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        form = QFormLayout()
        self.add_box(form, "reason", self.reason)
        self.body.addWidget(self.summary)
        self.body.addLayout(form)
        self.initial_focus = self.reason
        self.retranslate()

    def submit(self) -> None:
        if not self.reason.toPlainText().strip():
            self.show_problems([FieldError("reason", "required")])
            self.reason.setFocus()
            return
        self.write(
            cancel_visit,
            self.db,
            self.user,
            self.visit.visit_id,
            self.visit.version,
            self.reason.toPlainText().strip(),
        )

    def adopt_version(self, current: Any) -> None:
        if isinstance(current, VisitRef):
            self.visit = current
            self.summary.setText(describe(current))

    def save_text(self) -> str:
        return self.tr("Cancel visit")

    def retranslate(self) -> None:
        self.retranslate_base()
        self.setWindowTitle(self.tr("Cancel a visit"))
        self.summary.setText(describe(self.visit))
        self.caption("reason", self.tr("Reason"))
        cancel = self.buttons.button(self.buttons.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(self.tr("Keep the visit"))
