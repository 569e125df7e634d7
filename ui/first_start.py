"""First start of an embedded database: load the demo data while a progress window shows.

The load takes a few seconds; without a window the user would see nothing happen and start the
program again. It runs on a worker thread so the window stays drawn and responsive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtWidgets import QProgressDialog

if TYPE_CHECKING:
    from workstation.db import Database


class _Relay(QObject):
    """Carries the worker's progress and outcome to the GUI thread (queued signals)."""

    progressed = Signal(int)  # percent of the current stage
    done = Signal(object)  # None, or the exception that stopped the load


def load_demo_data_with_progress(
    db: Database, customers: int, *, load: Callable[..., object] | None = None
) -> None:
    """Fill a new, empty embedded database with `customers` demo customers; raises what the
    load raised. `load` replaces the generator in tests."""
    dialog = QProgressDialog()
    dialog.setObjectName("firstStartProgress")
    dialog.setWindowTitle(QCoreApplication.translate("Startup", "Service Desk Workstation"))
    dialog.setLabelText(
        QCoreApplication.translate(
            "Startup", "First start: preparing a demo database with {count} customers…"
        ).format(count=customers)
    )
    dialog.setCancelButton(None)  # no cancel: a half-loaded demo database helps nobody
    # Not modal: a modal QProgressDialog runs processEvents() inside every setValue(), re-entering
    # this function's own event loop. Nothing else can act meanwhile: the sign-in waits for the
    # database, which is attached only after this load.
    dialog.setMinimumWidth(460)
    dialog.setRange(0, 100)
    dialog.setMinimumDuration(0)
    dialog.setValue(0)
    dialog.show()

    relay = _Relay()
    loop = QEventLoop()
    outcome: list[BaseException | None] = []
    relay.progressed.connect(dialog.setValue)

    def finished(error: BaseException | None) -> None:
        outcome.append(error)
        loop.quit()

    relay.done.connect(finished)

    def report(_stage: str, done: int, total: int) -> None:
        relay.progressed.emit(100 * done // total if total else 100)

    def work() -> None:
        try:
            # Imported here: the generator takes a second to import, the window shows meanwhile.
            from workstation.demo import demo_data_present, generate_demo_data

            if not demo_data_present(db):
                (load or generate_demo_data)(db, customers, progress=report)
        except BaseException as error:  # handed to the GUI thread and raised there
            relay.done.emit(error)
        else:
            relay.done.emit(None)

    worker = threading.Thread(target=work, name="first-start-demo-data")
    worker.start()
    loop.exec()
    worker.join()
    dialog.close()
    dialog.deleteLater()
    if outcome and outcome[0] is not None:
        raise outcome[0]
