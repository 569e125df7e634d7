"""Screenshots of the schedule's week and day views in English and Chinese, for people to
look at (artifacts/screenshots/schedule_*.png): nine engineers of region East, every kind
of visit, a leave and a course, a late installation (Thursday) and a repair booked after
its ticket's deadline (Friday), visits still to schedule.

The Chinese comes from the shipped catalogue; WORKSTATION_SCREENSHOT_QM_DIR may name
another folder holding a workstation_zh_CN.qm (one compiled with strings not merged yet).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import add_desk_user
from tests.ui.schedule_seed import NOW, seed_week
from ui.i18n import CHINESE, ENGLISH, TRANSLATIONS_DIR, Translations
from ui.schedule_page import SchedulePage
from ui.tasks import TaskRunner
from workstation.db import Database

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
SIZE = QSize(1500, 820)
WAIT = 10_000


def _now() -> datetime:
    return NOW


def _save(widget: QWidget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    image = widget.grab().toImage()
    assert not image.isNull()
    assert image.save(str(path))
    return path


@pytest.fixture
def language(qapp: QApplication) -> Iterator[Translations]:
    folder = Path(os.environ.get("WORKSTATION_SCREENSHOT_QM_DIR", str(TRANSLATIONS_DIR)))
    translations = Translations(qapp, directory=folder)
    yield translations
    translations.switch(ENGLISH)
    translations.deleteLater()


def test_screenshots_of_the_week_and_day_views_in_both_languages(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    language: Translations,
    request: pytest.FixtureRequest,
) -> None:
    backend = request.node.callspec.params["database_url"]
    week = seed_week(db)
    user = replace(add_desk_user(db, "dispatcher", "supervisor"), region_id=week.region_id)
    page = SchedulePage(db=db, runner=runner, user=user, clock=_now, interval_ms=50)
    qtbot.addWidget(page)
    page.resize(SIZE)
    page.show()
    qtbot.waitUntil(lambda: page.board.board is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: page.region_filter.count() > 1, timeout=WAIT)
    board = page.board.board
    assert board is not None and len(board.engineers) == 9
    assert sum(1 for b in board.blocks if b.late) == 2
    qtbot.wait(50)

    def day_view() -> None:
        page.day_button.click()
        page.next_button.click()  # Thursday: the late installation
        qtbot.waitUntil(
            lambda: page.board.board is not None and page.board.board.start == date(2026, 11, 26),
            timeout=WAIT,
        )
        qtbot.wait(50)

    def week_view() -> None:
        page.week_button.click()
        qtbot.waitUntil(
            lambda: page.board.board is not None and page.board.board.days == 7, timeout=WAIT
        )
        qtbot.wait(50)

    _save(page, f"schedule_week_en_{backend}")
    day_view()
    assert not page.board.block_rect(week.late_installation).isEmpty()
    _save(page, f"schedule_day_en_{backend}")

    assert language.switch(CHINESE) == CHINESE
    qtbot.waitUntil(lambda: page.title.text() == "排程", timeout=2000)
    qtbot.wait(50)
    _save(page, f"schedule_day_zh_CN_{backend}")
    week_view()
    _save(page, f"schedule_week_zh_CN_{backend}")
