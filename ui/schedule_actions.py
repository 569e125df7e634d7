"""What the schedule page's gestures do.

A drag books the new time at once (warnings such as "outside working hours" are asked
about; an overlap or an absence is refused and the block goes back); the menus open the
move and cancel dialogs; a double click opens the visit window (the service sheet); the
"Engineers…" button opens their profiles and absences. The page itself only paints and
emits; the services decide.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.engineers_dialog import EngineersDialog
from ui.problems import problem_message
from ui.roles import refusal_text
from ui.schedule_page import SchedulePage
from ui.tasks import TaskRunner, is_problem
from ui.visit_dialogs import CancelVisitDialog, MoveVisitDialog
from ui.visit_window import VisitWindow
from ui.visit_words import visit_problem_text
from workstation.changes import Change
from workstation.db import Database
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.scheduling import (
    ScheduleConflict,
    VisitChange,
    VisitConflict,
    VisitRef,
    load_visit,
    move_visit,
)


class ScheduleActions(QObject):
    """Connects a SchedulePage to the booking services and the visit screens."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        page: SchedulePage,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._db, self._runner, self._user = db, runner, user
        self.page = page
        self._window = window
        self.visit_windows: dict[int, VisitWindow] = {}
        self.dialog: QWidget | None = None
        self.box: QMessageBox | None = None  # the last question or refusal shown
        page.move_requested.connect(self.move)
        page.visit_opened.connect(self.open_visit)
        page.move_dialog_requested.connect(lambda visit_id: self._with_visit(visit_id, "move"))
        page.cancel_requested.connect(lambda visit_id: self._with_visit(visit_id, "cancel"))
        page.engineers_requested.connect(self.open_engineers)

    # -- drag ---------------------------------------------------------------------------

    def move(
        self,
        visit_id: int,
        version: int,
        engineer_id: int,
        starts_at: datetime,
        ends_at: datetime,
        accept_warnings: bool = False,
    ) -> None:
        """Book the dropped place (a to-schedule visit too); the board settles on reload."""

        def refused(error: BaseException) -> None:
            self._move_refused(error, (visit_id, version, engineer_id, starts_at, ends_at))

        self._runner.write(
            partial(move_visit, accept_warnings=accept_warnings),
            self._db,
            self._user,
            visit_id,
            version,
            engineer_id,
            starts_at,
            ends_at,
            on_done=self._moved,
            on_error=refused,
        )

    def _moved(self, change: VisitChange) -> None:
        self.page.reload()
        self.message.emit(self.tr("Visit booked for the new time."))

    def _move_refused(
        self, error: BaseException, move: tuple[int, int, int, datetime, datetime]
    ) -> None:
        self.page.reload()  # the block goes back where the database has it, until booked
        if not isinstance(error, ScheduleConflict):
            self.message.emit(self.failure_text(error))
            return
        reasons = "\n".join(visit_problem_text(p) for p in error.problems)
        box = QMessageBox(self._window)
        box.setObjectName("moveRefusedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if error.overridable:
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("Book anyway?"))
            box.setText(self.tr("This time needs a second look:"))
            box.setInformativeText(reasons + "\n\n" + self.tr("Book it anyway?"))
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)

            def answered(button: int) -> None:
                if button == QMessageBox.StandardButton.Yes:
                    self.move(*move, accept_warnings=True)

            box.finished.connect(answered)
        else:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Not booked"))
            box.setText(self.tr("The visit cannot go there:"))
            box.setInformativeText(reasons)
        self.box = box
        box.open()

    def failure_text(self, error: BaseException) -> str:
        if isinstance(error, VisitConflict):
            return self.tr("Another desk changed this visit just now: the schedule shows it.")
        if isinstance(error, PermissionDenied):
            return refusal_text(error.role, error.permission.value)
        problem = is_problem(error)
        if problem is not None:
            return problem_message(problem)
        return self.tr("The visit was not changed: an internal error was logged.")

    # -- dialogs and windows ------------------------------------------------------------

    def _with_visit(self, visit_id: int, what: str) -> None:
        def loaded(visit: VisitRef) -> None:
            dialog: MoveVisitDialog | CancelVisitDialog
            if what == "move":
                dialog = MoveVisitDialog(self._db, self._runner, self._user, visit, self._window)
            else:
                dialog = CancelVisitDialog(self._db, self._runner, self._user, visit, self._window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(self.page.reload)
            self.dialog = dialog
            dialog.open()

        self._runner.read(
            load_visit,
            self._db,
            visit_id,
            on_done=loaded,
            on_error=lambda error: self.message.emit(self.failure_text(error)),
        )

    def open_visit(self, visit_id: int) -> VisitWindow:
        """The visit's window with its service sheet (one per visit)."""
        window = self.visit_windows.get(visit_id)
        if window is None:
            window = VisitWindow(
                db=self._db, runner=self._runner, user=self._user, visit_id=visit_id
            )
            window.message.connect(self.message)
            window.saved.connect(lambda _result: self.page.reload())
            window.destroyed.connect(lambda _obj=None, v=visit_id: self.visit_windows.pop(v, None))
            self.visit_windows[visit_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_engineers(self, region_id: int | None) -> EngineersDialog:
        dialog = EngineersDialog(self._db, self._runner, self._user, region_id, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.page.reload())
        self.dialog = dialog
        dialog.open()
        return dialog

    def on_changes(self, changes: list[Change]) -> None:
        for window in list(self.visit_windows.values()):
            window.on_changes(changes)

    def close_windows(self) -> None:
        for window in list(self.visit_windows.values()):
            window.close()
