"""The sign-in dialog: user name and password checked on a worker, language chosen on the spot."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import LANGUAGES, Translations
from ui.problems import problem_message
from ui.settings import DeskSettings
from ui.tasks import TaskRunner, is_problem
from workstation.services.auth import SignedInUser, SignInFailed, sign_in

if TYPE_CHECKING:
    from workstation.db import Database

log = logging.getLogger(__name__)


class SignInDialog(QDialog):
    """Asks who is at the desk. `user` holds the answer once the dialog is accepted."""

    def __init__(
        self,
        *,
        db: Database | None,
        database_label: str,
        runner: TaskRunner,
        translations: Translations,
        settings: DeskSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self._db = db
        self._database_label = database_label
        self._submit_when_open = False
        self._runner = runner
        self._translations = translations
        self._settings = settings
        self._user: SignedInUser | None = None
        self._waiting = False
        self._message: Callable[[], str] | None = None

        self._heading = QLabel()
        heading_font = QFont(self._heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.4)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._intro = QLabel()

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)

        self._form = QFormLayout()
        self._username_label = QLabel()
        self._password_label = QLabel()
        self._language_label = QLabel()
        self._username_label.setBuddy(self.username)
        self._password_label.setBuddy(self.password)
        self._language_label.setBuddy(self.language)
        self._form.addRow(self._username_label, self.username)
        self._form.addRow(self._password_label, self.password)
        self._form.addRow(self._language_label, self.language)

        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b42318;")
        self.message.hide()

        self.database = QLabel()
        self.database.setObjectName("databaseLabel")
        self.database.setWordWrap(True)
        small = QFont(self.database.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.database.setFont(small)
        muted = self.database.palette()
        muted.setColor(
            QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText)
        )
        self.database.setPalette(muted)
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.quit_button = QPushButton()
        self.quit_button.setObjectName("quitButton")
        self._buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self._buttons.accepted.connect(self._submit)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self._heading)
        layout.addWidget(self._intro)
        layout.addSpacing(6)
        layout.addLayout(self._form)
        layout.addWidget(self.message)
        layout.addSpacing(6)
        layout.addWidget(self._buttons)
        layout.addWidget(self.database)
        self.setMinimumWidth(420)

        self._show_language(translations.current)
        translations.changed.connect(self._show_language)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.retranslate()
        self.prepare()

    def set_database(self, db: Database, database_label: str) -> None:
        """The database is open: signing in is possible from now on."""
        self._db = db
        self._database_label = database_label
        self.retranslate()
        if self._submit_when_open:
            self._submit_when_open = False
            self._show_waiting()
            self._submit()

    def set_notice(self, message: Callable[[], str]) -> None:
        """Why the desk came back to signing in (shown until the next attempt)."""
        self._set_message(message)

    def set_opening_problem(self, message: Callable[[], str] | None) -> None:
        """Why the database is not open yet (shown until it opens); None clears it."""
        self._set_message(message)

    @property
    def user(self) -> SignedInUser | None:
        """Who signed in; None until the dialog is accepted."""
        return self._user

    @property
    def waiting(self) -> bool:
        """True while the user name and password are being checked."""
        return self._waiting

    def prepare(self) -> None:
        """Ready for someone to sign in: last user name filled in, password empty."""
        self._user = None
        self.password.clear()
        self._set_message(None)
        last = self._settings.last_username
        if last and not self.username.text():
            self.username.setText(last)
        (self.password if self.username.text() else self.username).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in — Service Desk Workstation"))
        self._heading.setText(self.tr("Service Desk Workstation"))
        self._intro.setText(self.tr("Sign in to start work."))
        self._username_label.setText(self.tr("&User name:"))
        self._password_label.setText(self.tr("&Password:"))
        self._language_label.setText(self.tr("&Language:"))
        self.quit_button.setText(self.tr("Quit"))
        if self._db is None:
            self.database.setText(self.tr("Opening the database…"))
        else:
            self.database.setText(self.tr("Database: {label}").format(label=self._database_label))
        self._show_waiting()
        if self._message is not None:
            self.message.setText(self._message())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self._user is None:
            return  # only a successful sign-in accepts (Enter goes through _submit)
        super().done(result)

    @Slot()
    def _submit(self) -> None:
        if self._waiting:
            return
        username = self.username.text().strip()
        password = self.password.text()
        if not username:
            self._set_message(lambda: self.tr("Enter your user name."))
            self.username.setFocus()
            return
        if not password:
            self._set_message(lambda: self.tr("Enter your password."))
            self.password.setFocus()
            return
        if self._db is None:  # Enter before the database opened: sign in once it has
            self._submit_when_open = True  # why it is not open yet stays on screen
            self._show_waiting()
            return
        self._set_message(None)
        self._set_waiting(True)
        self._runner.read(
            sign_in,
            self._db,
            username,
            password,
            on_done=self._signed_in,
            on_error=self._failed,
            key="sign-in",
        )

    def _signed_in(self, user: SignedInUser) -> None:
        self._set_waiting(False)
        if not self.isVisible():
            return  # the dialog was closed while waiting
        self._settings.last_username = user.username
        self._user = user
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_waiting(False)
        if isinstance(error, SignInFailed):
            self._set_message(lambda: self.tr("The user name or password is not correct."))
            self.password.setFocus()
            self.password.selectAll()
            return
        problem = is_problem(error)
        if problem is not None:
            self._set_message(lambda: problem_message(problem))
            return
        log.error("signing in failed: %s: %s", type(error).__name__, error)
        self._set_message(
            lambda: self.tr(
                "Signing in failed because of an internal error. The details are in the log."
            )
        )

    def _set_message(self, message: Callable[[], str] | None) -> None:
        self._message = message
        self.message.setVisible(message is not None)
        self.message.setText(message() if message is not None else "")

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting = waiting
        self._show_waiting()

    def _show_waiting(self) -> None:
        busy = self._waiting or self._submit_when_open
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)
        self.sign_in_button.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    @Slot(int)
    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if isinstance(code, str):
            in_effect = self._translations.switch(code)
            self._settings.language = in_effect
            self._show_language(in_effect)

    @Slot(str)
    def _show_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0 and index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
