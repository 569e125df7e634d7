"""Sign-in accepted to the desk ready: the real dialog and main window, driven in-process.

"Ready" means the main window is on screen and its first live figure (the open-ticket count in
the status bar) has arrived from the database, i.e. the agent can start work.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    QThread,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure, time_ms
from ui.i18n import Translations
from ui.session import Workstation
from ui.settings import DeskSettings
from workstation.db import Database, describe_url
from workstation.services.auth import sign_in

RUNS = 9
USERNAME, PASSWORD = "agent", "agent"  # a demo sign-in, present in every bench data set


def _quiet_offscreen_noise(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """The offscreen platform warns on every window shown; anything else still gets printed."""
    if not message.startswith("This plugin does not support propagateSizeHints"):
        print(message, file=sys.stderr)


def _wait_until(condition: object, timeout_s: float = 20.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the desk did not become ready")
        QCoreApplication.processEvents()
        QThread.msleep(1)


def _sign_in_once(db: Database, translations: Translations, settings: DeskSettings) -> float:
    desk = Workstation(db, describe_url(db.url), translations=translations, settings=settings)
    try:
        desk.start()
        dialog = desk.sign_in_dialog
        dialog.username.setText(USERNAME)
        dialog.password.setText(PASSWORD)
        QCoreApplication.processEvents()
        started = time.perf_counter()
        dialog.sign_in_button.click()
        _wait_until(
            lambda: (
                desk.main_window is not None
                and desk.main_window.isVisible()
                and desk.main_window.status.open_tickets_shown()
            )
        )
        return (time.perf_counter() - started) * 1000
    finally:
        desk.shutdown()
        desk.sign_in_dialog.deleteLater()
        QCoreApplication.processEvents()


def sign_in_to_desk(url: URL) -> Figure:
    """Median and p95 over several sign-ins; floor: the password check (scrypt) alone."""
    qInstallMessageHandler(_quiet_offscreen_noise)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    db = Database.connect(url)
    with TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        settings = DeskSettings(
            QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        )
        translations = Translations(app)
        translations.switch("en")
        try:
            _sign_in_once(db, translations, settings)  # warm-up: imports, first paint
            samples = [_sign_in_once(db, translations, settings) for _ in range(RUNS)]
            floor = time_ms(lambda: sign_in(db, USERNAME, PASSWORD), repeat=RUNS, warmup=1)
        finally:
            db.engine.dispose()
    return figure("sign_in_to_desk", samples, floor, note="floor: sign_in() service (scrypt) alone")
