"""Start the workstation's GUI: application, language, fonts, sign-in, main window; stop cleanly."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.first_start import load_demo_data_with_progress
from ui.fonts import add_cjk_fallback
from ui.garbage import GuiThreadGarbageCollector
from ui.i18n import Translations, default_language
from ui.opening import DatabaseOpening
from ui.problems import problem_message
from ui.session import Workstation
from ui.settings import DeskSettings, ensure_application_names
from ui.single_instance import InstanceServer, send_to_running, server_name

if TYPE_CHECKING:
    from workstation.errors import DatabaseProblem
    from workstation.startup import DeskDatabase

log = logging.getLogger(__name__)

# The benchmark suite measures a cold start from outside the process: with this variable set to
# "sign-in-shown" the workstation prints that line once the sign-in window is up, then exits;
# with "sign-in-ready", once the database behind it is open too (the user can sign in).
EXIT_AFTER_VARIABLE = "WORKSTATION_EXIT_AFTER"
# One workstation per desk (user account). Tests and benchmarks that start several desks on one
# machine give each its own instance name with this variable.
INSTANCE_VARIABLE = "WORKSTATION_INSTANCE"


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
    open_database: Callable[[], DeskDatabase],
    *,
    argv: list[str],
    first_message: dict[str, object] | None = None,
) -> int:
    """Creates the QApplication (if none), loads translations per saved language and shows the
    sign-in window at once; meanwhile `open_database` runs on a worker (retried while the server
    cannot be reached). A new embedded database gets its demo data behind a progress window.
    On sign-in the main window; runs the event loop; stops all workers (task runner, change
    feed, opener) and closes the database before returning the exit code.

    If a workstation already runs on this desk, it is asked to come to the front (and to handle
    `first_message`, e.g. a screen pop) and this start ends at once."""
    app = _application(argv)
    ensure_application_names()
    instance_name = server_name(os.environ.get(INSTANCE_VARIABLE, ""))
    if send_to_running(first_message or {"command": "show"}, instance_name):
        log.info("a workstation already runs on this desk: handed over to it")
        return 0
    app.setQuitOnLastWindowClosed(False)  # the round below decides when the desk is done
    add_cjk_fallback(app)
    collector = GuiThreadGarbageCollector()
    settings = DeskSettings()
    translations = _install_language(app, settings)
    workstation = Workstation(None, "", translations=translations, settings=settings)
    workstation.finished.connect(app.exit)
    instance = InstanceServer(instance_name)
    instance.message.connect(workstation.handle_message)
    instance.listen()
    if first_message is not None:
        workstation.handle_message(first_message)
    opening = DatabaseOpening(open_database)
    opened: list[DeskDatabase] = []
    milestone = os.environ.get(EXIT_AFTER_VARIABLE)

    def stop_with_message(code: int, text: str) -> None:
        workstation.sign_in_dialog.hide()
        show_fatal_message(app.translate("Startup", "Service Desk Workstation"), text)
        app.exit(code)

    def database_opened(desk: DeskDatabase) -> None:
        opened.append(desk)
        workstation.sign_in_dialog.set_opening_problem(None)
        if desk.demo_customers:
            try:
                load_demo_data_with_progress(desk.db, desk.demo_customers)
            except Exception as error:
                log.exception("loading the demo data failed")
                stop_with_message(
                    1,
                    app.translate("Startup", "The demo data could not be loaded: {error}").format(
                        error=error
                    ),
                )
                return
        workstation.attach_database(desk.db, desk.label)
        if milestone == "sign-in-ready":
            _report_and_exit(app, milestone)

    def not_open_yet(problem: DatabaseProblem) -> None:
        workstation.sign_in_dialog.set_opening_problem(
            lambda: (
                app.translate("Startup", "The database is not available yet; trying again.")
                + "\n"
                + problem_message(problem)
            )
        )

    def failed(error: BaseException) -> None:
        stop_with_message(
            1,
            app.translate(
                "Startup", "The database could not be opened because of an internal error: {error}"
            ).format(error=error),
        )

    opening.opened.connect(database_opened)
    opening.problem.connect(not_open_yet)
    opening.refused.connect(lambda text: stop_with_message(3, text))
    opening.failed.connect(failed)
    try:
        workstation.start()
        opening.start()
        if milestone == "sign-in-shown":
            QTimer.singleShot(0, lambda: _report_and_exit(app, milestone))
        code = app.exec()
    finally:
        opening.stop()
        instance.close()
        workstation.shutdown()
        settings.sync()
        for desk in opened:
            desk.db.dispose()
        workstation.sign_in_dialog.deleteLater()
        workstation.deleteLater()
        opening.deleteLater()
        instance.deleteLater()
        collector.stop()
    log.info("workstation closed (exit code %s)", code)
    return int(code)


def _report_and_exit(app: QApplication, milestone: str) -> None:
    print(milestone, flush=True, file=sys.stdout)
    app.exit(0)


def show_fatal_message(title: str, text: str) -> None:
    """A message box for a refusal that stops the desk (schema mismatch, failed demo load),
    shown in the running application and its language."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
    box.exec()
