"""Wrapping up a call: a wrap-up code and the call's duration, recorded when the agent ends it.

The codes are the centre's active wrap-up codes (administered), read when the dialog opens,
named in the desk's language.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import speaks_chinese
from ui.problems import problem_message
from ui.tasks import TaskRunner, is_problem
from workstation.db import Database
from workstation.services.options import CodeOption, wrap_up_codes


def duration_text(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60:d}:{whole % 60:02d}"


class WrapUpDialog(QDialog):
    """Pick how the call ended; shows how long it has lasted."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        started_at: datetime,
        suggested: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpDialog")
        self._started_at = started_at
        self._suggested = suggested
        self._options: tuple[CodeOption, ...] = ()
        self.duration = QLabel()
        self.codes = QListWidget()
        self.codes.setObjectName("wrapUpCodes")
        self.codes.itemActivated.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._prompt = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self._prompt)
        layout.addWidget(self.codes)
        layout.addWidget(self.duration)
        layout.addWidget(self.buttons)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        layout.insertWidget(2, self.problem)
        self.retranslate()
        self.codes.setFocus()
        runner.read(wrap_up_codes, db, on_done=self._loaded, on_error=self._failed)

    def ready(self) -> bool:
        return self.codes.count() > 0

    def code(self) -> str:
        """The chosen code ("" until the codes have arrived)."""
        item = self.codes.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def accept(self) -> None:
        if self.code():  # nothing to record before the codes arrive
            super().accept()

    def _loaded(self, options: tuple[CodeOption, ...]) -> None:
        self._options = options
        for option in options:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, option.code)
            self.codes.addItem(item)
        codes = [o.code for o in options]
        self.codes.setCurrentRow(codes.index(self._suggested) if self._suggested in codes else 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(options))
        self._name_codes()

    def _failed(self, error: BaseException) -> None:
        problem = is_problem(error)
        self.problem.setText(
            problem_message(problem)
            if problem is not None
            else self.tr("The wrap-up codes could not be read ({error}).").format(
                error=type(error).__name__
            )
        )
        self.problem.show()

    def _name_codes(self) -> None:
        chinese = speaks_chinese()
        names = {o.code: (o.name_zh if chinese else o.name_en) for o in self._options}
        for row in range(self.codes.count()):
            item = self.codes.item(row)
            code = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(names.get(code) or code)

    def _tick(self) -> None:
        seconds = (datetime.now(UTC) - self._started_at).total_seconds()
        self.duration.setText(
            self.tr("Call duration: {duration}").format(duration=duration_text(seconds))
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Wrap up the call"))
        self._prompt.setText(self.tr("How did the call end?"))
        self._name_codes()
        self._tick()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
