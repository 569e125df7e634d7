"""The main window's status bar: database, live state, who is signed in, open tickets."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ui.elided_label import ElidedLabel
from ui.live import LiveState
from ui.roles import role_name
from workstation.services.auth import SignedInUser

_STATE_COLOURS = {
    LiveState.CONNECTING: "#6e7781",
    LiveState.LIVE: "#1a7f37",
    LiveState.RECONNECTING: "#b35900",
}


class WorkstationStatusBar(QStatusBar):
    """Permanent facts at the window's foot; each label retranslates itself with the bar."""

    def __init__(
        self, database_label: str, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._user = user
        self._state = LiveState.CONNECTING
        self._problem = ""
        self._open_tickets: int | None = None

        self.database = ElidedLabel(database_label)
        self.database.setObjectName("databaseLabel")
        self.connection = QLabel()
        self.connection.setObjectName("connectionState")
        self.user = QLabel()
        self.user.setObjectName("userLabel")
        self.open_tickets = QLabel()
        self.open_tickets.setObjectName("openTickets")
        for label in (self.open_tickets, self.user, self.database, self.connection):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.retranslate()

    def set_live_state(self, state: LiveState, problem: str = "") -> None:
        self._state = state
        self._problem = problem
        self._show_state()

    def set_open_tickets(self, count: int | None) -> None:
        self._open_tickets = count
        self._show_open_tickets()

    def open_tickets_shown(self) -> bool:
        """True once the first count from the database is on screen."""
        return self._open_tickets is not None

    def retranslate(self) -> None:
        self.database.setToolTip(
            self.tr("The database this desk works on:") + "\n" + self.database.full_text()
        )
        self.user.setText(
            self.tr("{name} · {role}").format(
                name=self._user.display_name, role=role_name(self._user.role)
            )
        )
        self.user.setToolTip(
            self.tr("Signed in as {username}").format(username=self._user.username)
        )
        self._show_state()
        self._show_open_tickets()

    def _show_state(self) -> None:
        match self._state:
            case LiveState.LIVE:
                text = self.tr("● Live")
                tip = self.tr("Connected: changes made at other desks appear at once.")
            case LiveState.RECONNECTING:
                text = self.tr("● Reconnecting…")
                tip = self.tr("The connection to the database was lost; trying again every second.")
                if self._problem:
                    tip += "\n" + self.tr("Last problem: {problem}").format(problem=self._problem)
            case _:
                text = self.tr("● Connecting…")
                tip = self.tr("Connecting to the database…")
        self.connection.setText(text)
        self.connection.setToolTip(tip)
        self.connection.setStyleSheet(f"color: {_STATE_COLOURS[self._state]};")

    def _show_open_tickets(self) -> None:
        count = "…" if self._open_tickets is None else QLocale().toString(self._open_tickets)
        self.open_tickets.setText(self.tr("Open tickets: {count}").format(count=count))
        self.open_tickets.setToolTip(
            self.tr("Tickets not yet resolved or closed, across all desks (updated live)")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
