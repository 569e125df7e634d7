"""Drive the whole desk as a user does: sign in through the real dialog, get the main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import add_region, add_user
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.session import Workstation
from ui.settings import DeskSettings
from workstation.db import Database, describe_url

PASSWORD = "correct horse"


def sign_in_through_dialog(qtbot: QtBot, desk: Workstation, username: str) -> MainWindow:
    dialog = desk.sign_in_dialog
    qtbot.waitExposed(dialog)
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    window = desk.main_window
    assert window is not None
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


OpenDesk = Callable[..., tuple[Workstation, MainWindow]]


@pytest.fixture
def open_desk(
    qtbot: QtBot, db: Database, translations: Translations, settings: DeskSettings
) -> Iterator[OpenDesk]:
    """Start a desk and sign a new user of `role` in; every worker stops after the test."""
    desks: list[Workstation] = []

    def start(
        role: str = "agent",
        *,
        username: str = "zhangwei",
        display_name: str = "张伟",
        region: str | None = "华东",
    ) -> tuple[Workstation, MainWindow]:
        region_id = add_region(db, f"R{len(desks)}", region) if region else None
        add_user(db, username, PASSWORD, role=role, display_name=display_name, region_id=region_id)
        desk = Workstation(db, describe_url(db.url), translations=translations, settings=settings)
        desks.append(desk)
        desk.start()
        return desk, sign_in_through_dialog(qtbot, desk, username)

    yield start
    for desk in desks:
        desk.shutdown()
        desk.sign_in_dialog.deleteLater()
