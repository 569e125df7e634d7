"""Wrapping up a call: a wrap-up code and the call's duration, recorded when the agent ends it."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.services.intake import WRAP_UP_CODES


def wrap_up_name(code: str) -> str:
    """The words for a wrap-up code in the desk's language."""
    names = {
        "resolved": QCoreApplication.translate("WrapUp", "Resolved on the call"),
        "ticket_created": QCoreApplication.translate("WrapUp", "Ticket created"),
        "added_to_ticket": QCoreApplication.translate("WrapUp", "Added to an open ticket"),
        "information_only": QCoreApplication.translate("WrapUp", "Information only"),
        "wrong_number": QCoreApplication.translate("WrapUp", "Wrong number"),
        "callback_requested": QCoreApplication.translate("WrapUp", "Callback requested"),
        "complaint": QCoreApplication.translate("WrapUp", "Complaint"),
    }
    return names.get(code, code)


def duration_text(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60:d}:{whole % 60:02d}"


class WrapUpDialog(QDialog):
    """Pick how the call ended; shows how long it has lasted."""

    def __init__(
        self, started_at: datetime, suggested: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpDialog")
        self._started_at = started_at
        self.duration = QLabel()
        self.codes = QListWidget()
        for code in WRAP_UP_CODES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.codes.addItem(item)
        self.codes.setCurrentRow(
            WRAP_UP_CODES.index(suggested) if suggested in WRAP_UP_CODES else 0
        )
        self.codes.itemActivated.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
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
        self.retranslate()
        self.codes.setFocus()

    def code(self) -> str:
        item = self.codes.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else WRAP_UP_CODES[0]

    def _tick(self) -> None:
        seconds = (datetime.now(UTC) - self._started_at).total_seconds()
        self.duration.setText(
            self.tr("Call duration: {duration}").format(duration=duration_text(seconds))
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Wrap up the call"))
        self._prompt.setText(self.tr("How did the call end?"))
        for row in range(self.codes.count()):
            item = self.codes.item(row)
            item.setText(wrap_up_name(str(item.data(Qt.ItemDataRole.UserRole))))
        self._tick()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
