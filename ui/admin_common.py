"""What every administration tab shares: fields with their errors, a status line, refusals.

A tab reads and writes through the task runner; a refused save shows its errors at the
fields (or in the status line when no field is theirs), a role refusal says which role
may not do what, a database problem says what to do, and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ui.customer_dialogs import INVALID_STYLE, FieldBox, field_error_text
from ui.problems import problem_message
from ui.roles import refusal_text
from ui.tasks import TaskRunner, is_problem
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound


def failure_text(error: BaseException) -> str:
    """One sentence for a failed administration call (its field errors aside)."""
    if isinstance(error, PermissionDenied):
        return refusal_text(error.role, error.permission.value)
    if isinstance(error, EditRejected):
        return " ".join(field_error_text(e) for e in error.errors)
    if isinstance(error, RecordNotFound):
        return QCoreApplication.translate("Admin", "This record no longer exists.")
    problem = is_problem(error)
    if problem is not None:
        return QCoreApplication.translate(
            "Admin", "Not saved: {problem} Nothing you typed is lost; try again."
        ).format(problem=problem_message(problem))
    return QCoreApplication.translate(
        "Admin", "Not done because of an internal error: {error}"
    ).format(error=type(error).__name__)


class AdminTab(QWidget):
    """Base of a tab: the runner, the signed-in administrator, field boxes and a status."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.user = user
        self.fields: dict[str, FieldBox] = {}
        self.status = QLabel()
        self.status.setObjectName("adminStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(INVALID_STYLE)

    def reload(self) -> None:
        """Read what the tab shows (each tab says what)."""
        raise NotImplementedError

    def box(self, name: str, editor: QWidget) -> FieldBox:
        """`editor` with its error line, known by the service's field name."""
        field = FieldBox(editor)
        self.fields[name] = field
        return field

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        self.clear_errors()
        loose: list[str] = []
        for error in errors:
            field = self.fields.get(error.field)
            if field is None:
                loose.append(field_error_text(error))
            else:
                field.show_error(error)
        if loose:
            self.show_status(" ".join(loose), error=True)

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.clear_error()

    def show_status(self, text: str, *, error: bool = False) -> None:
        palette = self.status.palette()
        colour = Qt.GlobalColor.darkRed if error else Qt.GlobalColor.darkGreen
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.status.setPalette(palette)
        self.status.setText(text)

    def write(
        self,
        fn: Callable[..., Any],
        *args: object,
        show: Callable[[Any], None],
        message: str,
        prefix: str = "",
    ) -> None:
        """Run `fn(db, user, *args)` on the writer; `show` its result and say `message`.

        A tab with several forms gives each a `prefix`: the service names its fields plainly
        ("code"), the tab's boxes are "region.code", "queue.code"…
        """

        def done(result: Any) -> None:
            show(result)
            self.show_status(message)

        def refused(error: BaseException) -> None:
            if prefix and isinstance(error, EditRejected):
                error = EditRejected(
                    [FieldError(f"{prefix}.{e.field}", e.code, e.params) for e in error.errors]
                )
            self.failed(error)

        self.runner.write(fn, self.db, self.user, *args, on_done=done, on_error=refused)

    def failed(self, error: BaseException) -> None:
        """The usual answer to a failed call: errors at the fields, or a sentence."""
        if isinstance(error, EditRejected):
            self.show_errors(error.errors)
            if not any(e.field not in self.fields for e in error.errors):
                self.show_status(
                    QCoreApplication.translate("Admin", "Not saved: see the marked fields."),
                    error=True,
                )
            return
        self.show_status(failure_text(error), error=True)

    def retranslate(self) -> None:
        """Words of the tab; subclasses call this and then set their own."""
        for field in self.fields.values():
            field.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
