"""The main window: areas by mouse and keyboard, role gating, language, status bar, saved state."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import URL

from tests.ui.desk import OpenDesk, sign_in_through_dialog
from tests.ui.helpers import add_open_ticket
from ui.areas import AREAS, Area
from ui.live import LiveState
from workstation.db import Database, describe_url

NOT_YET = "This area is not available yet in this version."
CHINESE_HINT = "查找来电客户"


def test_signing_in_opens_the_main_window_on_the_agent_desk(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    desk, window = open_desk("agent")
    assert not desk.sign_in_dialog.isVisible()
    assert window.windowTitle() == "Service Desk Workstation — 张伟"
    assert window.current_area is Area.AGENT_DESK
    assert window.page(Area.AGENT_DESK) is window.agent_desk
    assert window.agent_desk.cards.currentWidget() is window.agent_desk.hint
    assert not window.agent_desk.call_form.isVisible()
    qtbot.waitUntil(
        lambda: "Signed in as 张伟 (Agent), region 华东." in _texts(window), timeout=5000
    )


def _texts(window: object) -> list[str]:
    from PySide6.QtWidgets import QLabel, QWidget

    assert isinstance(window, QWidget)
    return [label.text() for label in window.findChildren(QLabel)]


def test_every_area_opens_with_its_keyboard_shortcut(qtbot: QtBot, open_desk: OpenDesk) -> None:
    _desk, window = open_desk("admin")
    for number in (3, 1, 7, 2, 5, 4, 6):
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        area = AREAS[number - 1]
        assert window.current_area is area, f"Ctrl+{number}"
        assert window.navigation.currentRow() == number - 1
        if area is Area.AGENT_DESK:
            assert window.page(area) is window.agent_desk
        elif area is Area.CUSTOMERS:
            assert window.page(area) is window.customers
        elif area is Area.QUEUE:
            assert window.page(area) is window.queue_area
        elif area is Area.ADMINISTRATION:
            assert window.page(area) is window.admin
        elif area is Area.REPORTS:
            assert window.page(area) is window.reports
        elif area is Area.DASHBOARD:
            assert window.page(area) is window.dashboard
        elif area is Area.SCHEDULE:
            assert window.page(area) is window.schedule
        else:
            assert window.notice_page(area).notice_text() == NOT_YET
        assert window.area_action(area).isChecked()


def test_an_agent_cannot_open_administration_dashboard_or_reports(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    _desk, window = open_desk("agent")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area is Area.QUEUE
    for area in (Area.DASHBOARD, Area.REPORTS, Area.ADMINISTRATION):
        number = AREAS.index(area) + 1
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        assert window.current_area is Area.QUEUE
        assert not window.area_action(area).isEnabled()
        item = window.navigation.item(number - 1)
        assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
        assert item.toolTip()
        rect = window.navigation.visualItemRect(item)
        qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_area is Area.QUEUE
        assert not window.open_area(area)


def test_a_supervisor_opens_the_dashboard_but_not_administration(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    _desk, window = open_desk("supervisor")
    rect = window.navigation.visualItemRect(window.navigation.item(AREAS.index(Area.DASHBOARD)))
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_area is Area.DASHBOARD
    assert window.area_action(Area.REPORTS).isEnabled()
    assert not window.area_action(Area.ADMINISTRATION).isEnabled()


def test_switching_to_chinese_changes_the_visible_texts_at_once(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    _desk, window = open_desk("agent")
    qtbot.waitUntil(lambda: window.status.connection.text() == "● Live", timeout=5000)
    window.language_action("zh_CN").trigger()
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "客服工作台", timeout=1000)
    assert window.windowTitle() == "售后服务工作站 — 张伟"
    assert [m.title() for m in (window._file_menu, window._view_menu, window._help_menu)] == [
        "文件(&F)",
        "视图(&V)",
        "帮助(&H)",
    ]
    assert window.area_action(Area.QUEUE).text() == "工单队列"
    assert window.agent_desk.hint.text().startswith(CHINESE_HINT)
    assert window.notice_page(Area.DASHBOARD).notice_text() == "此版本尚未提供该功能区。"
    assert window.queue.title.text() == "工单队列"
    assert window.status.connection.text() == "● 实时连接"
    assert window.status.user.text() == "张伟 · 客服"
    assert window.status.open_tickets.text().startswith("未关闭工单：")
    window.language_action("en").trigger()
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "Agent desk", timeout=1000)
    assert window.status.connection.text() == "● Live"


def test_the_status_bar_shows_database_user_and_live_state(
    qtbot: QtBot, open_desk: OpenDesk, db: Database
) -> None:
    _desk, window = open_desk("supervisor", display_name="李娜", username="lina")
    status = window.status
    assert status.database.full_text() == describe_url(db.url)
    assert status.database.text().startswith(("SQLite ", "PostgreSQL "))
    assert describe_url(db.url) in status.database.toolTip()
    assert status.user.text() == "李娜 · Supervisor"
    qtbot.waitUntil(lambda: status.connection.text() == "● Live", timeout=5000)
    assert "other desks" in status.connection.toolTip()
    qtbot.waitUntil(lambda: status.open_tickets.text() == "Open tickets: 0", timeout=5000)


def test_a_lost_connection_shows_reconnecting_with_the_problem(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    from workstation.errors import DatabaseProblem, ProblemKind

    desk, window = open_desk("agent")
    qtbot.waitUntil(lambda: desk.live.state is LiveState.LIVE, timeout=5000)
    desk.runner.problem.emit(DatabaseProblem(ProblemKind.CONNECTION_LOST, "server went away"))
    assert window.status.connection.text() == "● Reconnecting…"
    assert "server went away" in window.status.connection.toolTip()
    qtbot.waitUntil(lambda: window.status.connection.text() == "● Live", timeout=5000)


def test_the_open_ticket_count_follows_tickets_saved_at_another_desk(
    qtbot: QtBot, open_desk: OpenDesk, database_url: URL
) -> None:
    _desk, window = open_desk("agent")
    label = window.status.open_tickets
    qtbot.waitUntil(lambda: label.text() == "Open tickets: 0", timeout=5000)
    other_desk = Database.connect(database_url)
    try:
        add_open_ticket(other_desk)
        qtbot.waitUntil(lambda: label.text() == "Open tickets: 1", timeout=5000)
        add_open_ticket(other_desk)
        add_open_ticket(other_desk)
        qtbot.waitUntil(lambda: label.text() == "Open tickets: 3", timeout=5000)
    finally:
        other_desk.dispose()


ANOTHER_DESK = """
import sys
from tests.ui.helpers import add_open_ticket
from workstation.db import Database
db = Database.connect(sys.argv[1])
add_open_ticket(db)
db.dispose()
"""


def test_a_ticket_saved_by_another_desk_process_shows_here_without_a_refresh(
    qtbot: QtBot, open_desk: OpenDesk, database_url: URL
) -> None:
    """Two programs side by side on one database, as in a real centre."""
    _desk, window = open_desk("agent")
    label = window.status.open_tickets
    qtbot.waitUntil(lambda: label.text() == "Open tickets: 0", timeout=5000)
    subprocess.run(
        [sys.executable, "-c", ANOTHER_DESK, database_url.render_as_string(hide_password=False)],
        cwd=Path(__file__).resolve().parents[2],
        check=True,
        timeout=60,
    )
    qtbot.waitUntil(lambda: label.text() == "Open tickets: 1", timeout=5000)


def test_window_size_place_and_last_area_come_back_after_signing_in_again(
    qtbot: QtBot, open_desk: OpenDesk
) -> None:
    desk, window = open_desk("agent")
    window.resize(QSize(780, 600))
    window.move(QPoint(40, 30))
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: desk.sign_in_dialog.isVisible(), timeout=2000)
    assert desk.main_window is None
    assert desk.sign_in_dialog.username.text() == "zhangwei"
    again = sign_in_through_dialog(qtbot, desk, "zhangwei")
    assert again is not window
    assert again.size() == QSize(780, 600)
    assert again.current_area is Area.SCHEDULE


def test_a_saved_area_the_user_may_not_open_falls_back_to_the_agent_desk(
    open_desk: OpenDesk,
) -> None:
    from ui.settings import DeskSettings

    DeskSettings().last_area = Area.ADMINISTRATION.value
    _desk, window = open_desk("agent")
    assert window.current_area is Area.AGENT_DESK


def test_a_user_deactivated_by_an_administrator_is_signed_out_at_once(
    qtbot: QtBot, open_desk: OpenDesk, db: Database
) -> None:
    from tests.factories import add_desk_user
    from workstation.services import admin_users

    desk, window = open_desk("agent")
    admin = add_desk_user(db, "admin_elsewhere", "admin")
    admin_users.set_active(db, admin, window._user.id, False)
    qtbot.waitUntil(desk.sign_in_dialog.isVisible, timeout=5000)
    assert desk.main_window is None
    assert "deactivated your account" in desk.sign_in_dialog.message.text()


def test_quit_ends_the_round(qtbot: QtBot, open_desk: OpenDesk) -> None:
    desk, window = open_desk("agent")
    with qtbot.waitSignal(desk.finished, timeout=2000) as finished:
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert finished.args == [0]
    assert not desk.sign_in_dialog.isVisible()


def test_quitting_at_the_sign_in_dialog_ends_the_round(qtbot: QtBot, open_desk: OpenDesk) -> None:
    desk, window = open_desk("agent")
    window.sign_out_action.trigger()
    qtbot.waitUntil(desk.sign_in_dialog.isVisible, timeout=2000)
    with qtbot.waitSignal(desk.finished, timeout=2000):
        qtbot.mouseClick(desk.sign_in_dialog.quit_button, Qt.MouseButton.LeftButton)
    assert desk.sign_in_dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("role", ["agent", "admin"])
def test_about_names_the_program(qtbot: QtBot, open_desk: OpenDesk, role: str) -> None:
    _desk, window = open_desk(role)
    box = window.show_about()
    assert box.text().startswith("Service Desk Workstation ")
    box.close()
