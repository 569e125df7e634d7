"""The entry point main.py calls: a whole run from sign-in to quit, and the start-up refusal box."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import add_user
from ui.app import run_workstation, show_fatal_message
from ui.main_window import MainWindow
from ui.settings import DeskSettings
from ui.sign_in import SignInDialog
from workstation.db import Database, describe_url
from workstation.startup import DeskDatabase, SchemaMismatch


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    qapp.setQuitOnLastWindowClosed(True)


def visible(app: QApplication, kind: type[QWidget]) -> QWidget | None:
    for widget in app.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


class Script:
    """Steps run one after another from the event loop, each until it returns True."""

    def __init__(self, app: QApplication, steps: list[Callable[[], bool]]) -> None:
        self.steps = steps
        self.done: list[int] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        # A stuck script fails instead of hanging (and is stopped before the next test).
        self._deadline = QTimer()
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: app.exit(99))
        self._deadline.start(20_000)

    def stop(self) -> None:
        self._timer.stop()
        self._deadline.stop()

    def _tick(self) -> None:
        if len(self.done) == len(self.steps):
            self._timer.stop()
            return
        if self.steps[len(self.done)]():
            self.done.append(len(self.done))


def test_a_whole_run_signs_in_shows_the_desk_and_stops_every_worker_on_quit(
    qtbot: QtBot, app: QApplication, db: Database, settings: DeskSettings
) -> None:
    add_user(db, "zhangwei", "correct horse", display_name="张伟")
    settings.language = "en"
    seen: dict[str, object] = {}

    def sign_in() -> bool:
        dialog = visible(app, SignInDialog)
        if not isinstance(dialog, SignInDialog):
            return False
        dialog.username.setText("zhangwei")
        dialog.password.setText("correct horse")
        dialog.sign_in_button.click()
        return True

    def main_window_is_live() -> bool:
        window = visible(app, MainWindow)
        if not isinstance(window, MainWindow):
            return False
        if window.status.connection.text() != "● Live":
            return False
        seen["title"] = window.windowTitle()
        seen["database"] = window.status.database.full_text()
        return True

    def quit_by_menu() -> bool:
        window = visible(app, MainWindow)
        assert isinstance(window, MainWindow)
        window.quit_action.trigger()
        return True

    script = Script(app, [sign_in, main_window_is_live, quit_by_menu])
    try:
        code = run_workstation(
            lambda: DeskDatabase(db, describe_url(db.url), 0), argv=["workstation"]
        )
    finally:
        script.stop()
    assert code == 0
    assert len(script.done) == 3
    assert seen["title"] == "Service Desk Workstation — 张伟"
    assert seen["database"] == describe_url(db.url)
    assert visible(app, MainWindow) is None
    assert visible(app, SignInDialog) is None
    assert DeskSettings().last_area == "agent_desk"  # window state saved on the way out


def test_the_start_up_refusal_is_shown_in_a_message_box(qtbot: QtBot, app: QApplication) -> None:
    shown: list[str] = []

    def read_and_close() -> None:
        box = visible(app, QMessageBox)
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(100, read_and_close)
    show_fatal_message(
        "Service Desk Workstation", "The database schema is newer than this program."
    )
    assert shown == ["The database schema is newer than this program."]


def test_a_shared_database_at_another_schema_is_refused_with_the_administrators_command(
    qtbot: QtBot, app: QApplication
) -> None:
    shown: list[str] = []

    def read_and_close() -> bool:
        box = visible(app, QMessageBox)
        if not isinstance(box, QMessageBox):
            return False
        shown.append(box.text())
        box.accept()
        return True

    def refuse() -> DeskDatabase:
        raise SchemaMismatch("ask the administrator to run python main.py db upgrade")

    script = Script(app, [read_and_close])
    try:
        code = run_workstation(refuse, argv=["workstation"])
    finally:
        script.stop()
    assert code == 3
    assert shown == ["ask the administrator to run python main.py db upgrade"]
    assert visible(app, SignInDialog) is None


def test_an_unreachable_server_is_said_in_the_sign_in_window_and_retried(
    qtbot: QtBot, app: QApplication, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.opening.RETRY_MS", 50)
    unreachable = Database.connect("postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    attempts: list[int] = []
    seen: list[str] = []

    def open_database() -> DeskDatabase:
        attempts.append(1)
        if len(attempts) < 3:
            with unreachable.engine.connect():
                pass  # raises: nobody listens on port 1
        return DeskDatabase(db, describe_url(db.url), 0)

    def problem_shown() -> bool:
        dialog = visible(app, SignInDialog)
        if isinstance(dialog, SignInDialog) and dialog.message.isVisible():
            seen.append(dialog.message.text())
            return True
        return False

    def opened_then_quit() -> bool:
        dialog = visible(app, SignInDialog)
        assert isinstance(dialog, SignInDialog)
        if dialog.database.text() != f"Database: {describe_url(db.url)}":
            return False
        seen.append("opened" if not dialog.message.isVisible() else "message still shown")
        dialog.quit_button.click()
        return True

    script = Script(app, [problem_shown, opened_then_quit])
    try:
        code = run_workstation(open_database, argv=["workstation"])
    finally:
        script.stop()
        unreachable.dispose()
    assert code == 0
    assert len(attempts) == 3
    assert seen[0].startswith("The database is not available yet; trying again.")
    assert seen[-1] == "opened"
