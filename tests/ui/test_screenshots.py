"""Screenshots of the desk in English and Chinese, for people to look at (artifacts/screenshots/).

Set WORKSTATION_DOCS_SCREENSHOT=docs/main-window.png (`make docs-screenshot`) to
also refresh the README's picture from the English main window.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.desk import OpenDesk
from tests.ui.helpers import add_open_ticket
from ui.i18n import CHINESE, ENGLISH, Translations
from workstation.db import Database

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
SIZE = QSize(1200, 750)


def save(widget: QWidget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    image = widget.grab().toImage()
    assert not image.isNull()
    assert image.save(str(path))
    return path


def test_screenshots_of_the_main_window_and_sign_in_in_both_languages(
    qtbot: QtBot,
    open_desk: OpenDesk,
    db: Database,
    translations: Translations,
    request: pytest.FixtureRequest,
) -> None:
    backend = request.node.callspec.params["database_url"]
    for _ in range(3):
        add_open_ticket(db)
    desk, window = open_desk("supervisor")
    window.resize(SIZE)
    qtbot.waitUntil(lambda: window.status.connection.text() == "● Live", timeout=5000)
    qtbot.waitUntil(lambda: window.status.open_tickets.text() == "Open tickets: 3", timeout=5000)
    welcome = window.findChild(QLabel, "welcomeLine")
    assert isinstance(welcome, QLabel)
    qtbot.waitUntil(lambda: "region 华东" in welcome.text(), timeout=5000)
    qtbot.wait(50)
    shots = {ENGLISH: save(window, f"main_window_en_{backend}")}
    assert window.size() == SIZE
    ratio = window.devicePixelRatio()

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "客服工作台", timeout=1000)
    qtbot.wait(50)
    shots[CHINESE] = save(window, f"main_window_zh_CN_{backend}")

    window.sign_out_action.trigger()
    dialog = desk.sign_in_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    qtbot.wait(50)
    save(dialog, f"sign_in_zh_CN_{backend}")
    translations.switch(ENGLISH)
    qtbot.waitUntil(lambda: dialog.sign_in_button.text() == "Sign in", timeout=1000)
    qtbot.wait(50)
    save(dialog, f"sign_in_en_{backend}")

    for path in shots.values():
        image = QImage(str(path))
        assert image.size() == SIZE * ratio

    docs = os.environ.get("WORKSTATION_DOCS_SCREENSHOT")
    if docs:
        target = ROOT / docs
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shots[ENGLISH].read_bytes())
