"""Start the workstation's GUI: application, language, fonts, sign-in, main window; stop cleanly."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.fonts import add_cjk_fallback
from ui.i18n import Translations, default_language
from ui.session import Workstation
from ui.settings import DeskSettings, ensure_application_names
from workstation.db import Database

log = logging.getLogger(__name__)

# The benchmark suite measures a cold start from outside the process: with this variable set to
# "sign-in-shown" the workstation prints that line once the sign-in window is up, then exits.
EXIT_AFTER_VARIABLE = "WORKSTATION_EXIT_AFTER"


def _application(argv: list[str]) -> QApplication:
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:
        raise RuntimeError("a non-GUI QCoreApplication already exists")
    return QApplication(argv)


def _install_language(app: QApplication, settings: DeskSettings) -> Translations:
    # No parent: when the caller lets go of it, its translators leave the application.
    translations = Translations(app)
    translations.switch(settings.language or default_language())
    return translations


def run_workstation(
    db: Database, database_label: str, *, argv: list[str], demo_customers: int = 0
) -> int:
    """Creates the QApplication (if none), loads translations per saved language, loads
    `demo_customers` demo customers into a new embedded database (with a progress window), shows
    the sign-in dialog; on success the main window; runs the event loop; stops all workers
    (TaskRunner.shutdown, change-feed thread) before returning the exit code."""
    app = _application(argv)
    ensure_application_names()
    app.setQuitOnLastWindowClosed(False)  # the round below decides when the desk is done
    add_cjk_fallback(app)
    settings = DeskSettings()
    translations = _install_language(app, settings)
    if demo_customers:
        from ui.first_start import load_demo_data_with_progress

        load_demo_data_with_progress(db, demo_customers)
    workstation = Workstation(db, database_label, translations=translations, settings=settings)
    workstation.finished.connect(app.exit)
    try:
        workstation.start()
        if os.environ.get(EXIT_AFTER_VARIABLE) == "sign-in-shown":
            QTimer.singleShot(0, lambda: _report_and_exit(app, "sign-in-shown"))
        code = app.exec()
    finally:
        workstation.shutdown()
        settings.sync()
    log.info("workstation closed (exit code %s)", code)
    return int(code)


def _report_and_exit(app: QApplication, milestone: str) -> None:
    print(milestone, flush=True, file=sys.stdout)
    app.exit(0)


def show_fatal_message(title: str, text: str) -> None:
    """A message box for start-up refusals (schema mismatch); creates a QApplication if needed."""
    app = _application([])
    ensure_application_names()
    add_cjk_fallback(app)
    translations = _install_language(app, DeskSettings())
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
    box.exec()
    del translations
