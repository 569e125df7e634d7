"""The desk's round: sign in, work in the main window, sign out (or quit), and stop cleanly."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from ui.i18n import Translations
from ui.live import LiveConnection
from ui.settings import DeskSettings
from ui.sign_in import SignInDialog
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from workstation.db import Database
    from workstation.services.plan_generator import GenerationResult

log = logging.getLogger(__name__)

# Loaded on a worker while the user types a password, so the window shows without waiting for
# them (cold-start budget) and the main window opens without waiting for them either.
_LOADED_AFTER_SIGN_IN_SHOWN = (
    "workstation.models",
    "workstation.changes",
    "workstation.services.auth",
    "ui.main_window",
)

LOAD_MODULES_AFTER_MS = 50
# The plan generator (due maintenance, inspection and installation visits) runs on the write
# worker this long after the main window opens (its first reads go first), then every few
# hours while a desk stays signed in. Every desk runs it: it creates each visit once.
PLAN_RUN_AFTER_MS = 1500
PLAN_RUN_EVERY_MS = 4 * 3600 * 1000


def _load_modules() -> None:
    for name in _LOADED_AFTER_SIGN_IN_SHOWN:
        importlib.import_module(name)


class Workstation(QObject):
    """Owns the workers (task runner, live connection) and the two windows; `finished(code)`."""

    finished = Signal(int)

    def __init__(
        self,
        db: Database | None,
        database_label: str,
        *,
        translations: Translations,
        settings: DeskSettings,
        runner: TaskRunner | None = None,
        live: LiveConnection | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._database_label = database_label
        self._translations = translations
        self._settings = settings
        self.runner = runner if runner is not None else TaskRunner(self)
        if live is None and db is not None:
            live = LiveConnection(db, self.runner, parent=self)
        self.live: LiveConnection | None = live
        self.sign_in_dialog = SignInDialog(
            db=db,
            database_label=database_label,
            runner=self.runner,
            translations=translations,
            settings=settings,
        )
        self.sign_in_dialog.finished.connect(self._sign_in_finished)
        self.main_window: MainWindow | None = None
        self._stopped = False
        # A screen pop that came before anyone signed in: shown once the main window opens.
        self._pending_pop: dict[str, str] | None = None
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.timeout.connect(self._run_plan_generator)
        self.last_plan_run: GenerationResult | None = None

    def start(self) -> None:
        """Show the sign-in dialog."""
        self.sign_in_dialog.prepare()
        self.sign_in_dialog.show()
        # After the first paint, so the window shows before the worker competes for the GIL.
        QTimer.singleShot(LOAD_MODULES_AFTER_MS, self._load_modules)

    @Slot()
    def _load_modules(self) -> None:
        if not self._stopped:
            self.runner.read(_load_modules, key="load-modules")

    def attach_database(self, db: Database, database_label: str) -> None:
        """The database opened (behind the sign-in window): signing in is possible now."""
        self._db = db
        self._database_label = database_label
        if self.live is None:
            self.live = LiveConnection(db, self.runner, parent=self)
        self.sign_in_dialog.set_database(db, database_label)

    def shutdown(self) -> None:
        """Close the windows and stop every worker; waits for them. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._plan_timer.stop()
        if self.main_window is not None:
            self.main_window.close()
        self.sign_in_dialog.hide()
        if self.live is not None:
            self.live.stop()
        self.runner.shutdown()

    @Slot(object)
    def handle_message(self, message: dict[str, object]) -> None:
        """A message from another start on this desk: come to the front; pop a caller."""
        if self._stopped:
            return
        if message.get("command") == "pop":
            self._pending_pop = {
                "phone": str(message.get("phone") or ""),
                "call_id": str(message.get("call_id") or ""),
            }
        window = self.main_window
        if window is None:
            _to_front(self.sign_in_dialog)
            return
        _to_front(window)
        self._deliver_pop()

    def _deliver_pop(self) -> None:
        pop, self._pending_pop = self._pending_pop, None
        if pop is not None and self.main_window is not None:
            self.main_window.screen_pop(pop["phone"], pop["call_id"])

    @Slot(int)
    def _sign_in_finished(self, result: int) -> None:
        user = self.sign_in_dialog.user
        if result != QDialog.DialogCode.Accepted or user is None:
            self.finished.emit(0)
            return
        from ui.main_window import MainWindow

        assert self._db is not None and self.live is not None  # signing in needs the database
        self.live.start()
        window = MainWindow(
            db=self._db,
            database_label=self._database_label,
            user=user,
            runner=self.runner,
            live=self.live,
            translations=self._translations,
            settings=self._settings,
        )
        window.closed.connect(self._window_closed)
        self.main_window = window
        window.show()
        self._deliver_pop()
        self._plan_timer.start(PLAN_RUN_AFTER_MS)

    @Slot()
    def _run_plan_generator(self) -> None:
        """Create the due visits no desk created yet, off the GUI thread; again in a while."""
        if self._stopped or self._db is None or self.main_window is None:
            return
        from workstation.services.plan_generator import generate_due_visits

        self.runner.write(
            generate_due_visits,
            self._db,
            on_done=self._plan_generator_ran,
            on_error=self._plan_generator_failed,
            key="plan-generator",
        )
        self._plan_timer.start(PLAN_RUN_EVERY_MS)

    def _plan_generator_ran(self, result: GenerationResult) -> None:
        self.last_plan_run = result
        log.info(
            "plan generator: %d visits created, %d already there, %d moved",
            result.created,
            result.skipped,
            result.moved,
        )

    def _plan_generator_failed(self, error: BaseException) -> None:
        # A lost connection shows in the status bar (the runner's problem signal); the next
        # run, or another desk's, creates what this one could not.
        log.warning("plan generator did not run: %s: %s", type(error).__name__, error)

    @Slot(bool)
    def _window_closed(self, signed_out: bool) -> None:
        window = self.main_window
        self.main_window = None
        self._plan_timer.stop()
        deactivated = window is not None and window.deactivated
        if window is not None:
            window.deleteLater()
        if signed_out and not self._stopped:
            self.start()
            if deactivated:
                self.sign_in_dialog.set_notice(
                    lambda: self.tr(
                        "An administrator deactivated your account, so you were signed out. "
                        "A call you were typing is kept as a draft."
                    )
                )
        else:
            self.finished.emit(0)


def _to_front(window: QWidget) -> None:
    """Show the window above the others (restored if minimised) and give it the keyboard."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
