"""The sign-in dialog: a user signs in on a real database; mistakes and outages are said plainly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import add_user
from ui.i18n import CHINESE, Translations
from ui.settings import DeskSettings
from ui.sign_in import SignInDialog
from ui.tasks import TaskRunner
from workstation.db import Database, describe_url

WRONG = "The user name or password is not correct."


def make_dialog(
    qtbot: QtBot,
    db: Database | None,
    runner: TaskRunner,
    translations: Translations,
    settings: DeskSettings,
) -> SignInDialog:
    """The dialog on screen; with `db` None, as at start-up while the database still opens."""
    dialog = SignInDialog(
        db=db,
        database_label=describe_url(db.url) if db is not None else "",
        runner=runner,
        translations=translations,
        settings=settings,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def submit(qtbot: QtBot, dialog: SignInDialog, username: str, password: str) -> None:
    """Type like a user and press Enter; wait until the answer is back."""
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=10_000)


@pytest.fixture
def dialog(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    translations: Translations,
    settings: DeskSettings,
) -> Iterator[SignInDialog]:
    yield make_dialog(qtbot, db, runner, translations, settings)


def test_a_user_signs_in_with_name_and_password(
    qtbot: QtBot, db: Database, dialog: SignInDialog, settings: DeskSettings
) -> None:
    add_user(db, "zhangwei", "correct horse", display_name="张伟", role="agent")
    dialog.username.setText("ZhangWei ")
    dialog.password.setText("correct horse")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        # The check runs on a worker: the form says so and cannot be sent twice.
        assert dialog.waiting
        assert not dialog.sign_in_button.isEnabled()
        assert dialog.sign_in_button.text() == "Signing in…"
    assert dialog.user is not None
    assert (dialog.user.username, dialog.user.display_name, dialog.user.role) == (
        "zhangwei",
        "张伟",
        "agent",
    )
    assert settings.last_username == "zhangwei"


def test_a_wrong_password_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, db: Database, dialog: SignInDialog
) -> None:
    add_user(db, "zhangwei", "correct horse")
    submit(qtbot, dialog, "zhangwei", "wrong horse")
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == WRONG
    assert dialog.username.text() == "zhangwei"
    assert dialog.password.text() == "wrong horse"
    assert dialog.sign_in_button.isEnabled()
    assert dialog.sign_in_button.text() == "Sign in"
    assert dialog.user is None


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(
    qtbot: QtBot, db: Database, dialog: SignInDialog
) -> None:
    add_user(db, "zhangwei", "correct horse")
    submit(qtbot, dialog, "nobody", "correct horse")
    assert dialog.message.text() == WRONG


def test_empty_fields_are_pointed_out_without_asking_the_database(
    qtbot: QtBot, dialog: SignInDialog
) -> None:
    dialog.username.clear()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.waiting
    assert dialog.message.text() == "Enter your user name."
    qtbot.keyClicks(dialog.username, "zhangwei")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.message.text() == "Enter your password."


def test_the_last_user_name_is_filled_in_next_time(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    translations: Translations,
    settings: DeskSettings,
) -> None:
    settings.last_username = "lina"
    dialog = make_dialog(qtbot, db, runner, translations, settings)
    assert dialog.username.text() == "lina"
    assert dialog.password.text() == ""


def test_choosing_chinese_translates_the_form_at_once_and_is_remembered(
    qtbot: QtBot, db: Database, dialog: SignInDialog, settings: DeskSettings
) -> None:
    add_user(db, "zhangwei", "correct horse")
    submit(qtbot, dialog, "zhangwei", "wrong")
    dialog.language.setCurrentIndex(dialog.language.findData(CHINESE))
    # Qt posts LanguageChange to every widget: it arrives on the next turn of the event loop.
    qtbot.waitUntil(lambda: dialog.windowTitle() == "登录 — 售后服务工作站", timeout=1000)
    assert dialog.sign_in_button.text() == "登录"
    assert dialog.message.text() == "用户名或密码不正确。"  # the shown message too
    assert dialog.database.text().startswith("数据库：")
    assert settings.language == CHINESE
    dialog.language.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.sign_in_button.text() == "Sign in", timeout=1000)
    assert dialog.message.text() == WRONG


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_unreachable_database_is_said_plainly_and_the_form_kept(
    qtbot: QtBot,
    tmp_path: Path,
    runner: TaskRunner,
    translations: Translations,
    settings: DeskSettings,
    backend: str,
) -> None:
    if backend == "sqlite":
        unreachable = Database.connect(f"sqlite:///{tmp_path}/no/such/folder/desk.db")
    else:
        unreachable = Database.connect("postgresql+psycopg://desk@127.0.0.1:1/workstation")
    try:
        dialog = make_dialog(qtbot, unreachable, runner, translations, settings)
        submit(qtbot, dialog, "zhangwei", "correct horse")
        assert dialog.message.text() == (
            "Cannot reach the database. Check the network connection, then try again."
        )
        assert (dialog.username.text(), dialog.password.text()) == ("zhangwei", "correct horse")
        assert dialog.sign_in_button.isEnabled()
    finally:
        unreachable.dispose()


def test_enter_before_the_database_has_opened_signs_in_once_it_opens(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    translations: Translations,
    settings: DeskSettings,
) -> None:
    add_user(db, "zhangwei", "correct horse", display_name="张伟", role="agent")
    dialog = make_dialog(qtbot, None, runner, translations, settings)
    assert dialog.database.text() == "Opening the database…"
    dialog.set_opening_problem(lambda: "The database is not available yet; trying again.")
    qtbot.keyClicks(dialog.username, "zhangwei")
    qtbot.keyClicks(dialog.password, "correct horse")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    # Nothing is lost, nothing can be sent twice, and the reason for the wait stays in view.
    assert dialog.message.isVisible()
    assert dialog.message.text() == "The database is not available yet; trying again."
    assert dialog.sign_in_button.text() == "Signing in…"
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.password.isReadOnly()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.set_database(db, describe_url(db.url))
    assert dialog.database.text() == f"Database: {describe_url(db.url)}"
    assert dialog.user is not None and dialog.user.username == "zhangwei"
