"""First start of an embedded database: demo data loads behind a progress window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from ui.first_start import load_demo_data_with_progress
from workstation.db import Database
from workstation.demo import demo_data_present
from workstation.services.auth import sign_in


def _watch_for_progress_window(qapp: QApplication, seen: list[str]) -> QTimer:
    timer = QTimer()
    timer.setInterval(20)

    def look() -> None:
        dialog = qapp.activeModalWidget() or next(
            (w for w in qapp.topLevelWidgets() if w.objectName() == "firstStartProgress"), None
        )
        if isinstance(dialog, QProgressDialog) and dialog.isVisible():
            seen.append(dialog.labelText())

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_demo_data_loads_while_a_progress_window_shows(
    qtbot: QtBot, qapp: QApplication, db: Database
) -> None:
    seen: list[str] = []
    timer = _watch_for_progress_window(qapp, seen)
    load_demo_data_with_progress(db, 40)
    timer.stop()
    assert seen and "40 customers" in seen[0]
    assert demo_data_present(db)
    assert sign_in(db, "agent", "agent").role == "agent"
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in qapp.topLevelWidgets())


def test_a_failed_load_is_raised_to_the_caller_and_leaves_no_thread(
    qtbot: QtBot, db: Database
) -> None:
    def broken(_db: Database, _customers: int, **_kwargs: object) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        load_demo_data_with_progress(db, 40, load=broken)
