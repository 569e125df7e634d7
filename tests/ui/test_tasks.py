"""The task runner: results on the GUI thread, superseded and orphaned results dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


def test_a_result_comes_back_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[int, bool]] = []
    runner.read(
        lambda x: x * 2,
        21,
        on_done=lambda v: seen.append((v, threading.current_thread() is threading.main_thread())),
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen == [(42, True)]


def test_an_older_search_never_overwrites_a_newer_one(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    shown: list[str] = []

    def slow(text: str) -> str:
        release.wait(5)
        return text

    runner.read(slow, "old", on_done=shown.append, key="search")
    runner.read(lambda text: text, "new", on_done=shown.append, key="search")
    qtbot.waitUntil(lambda: shown == ["new"], timeout=2000)
    release.set()
    qtbot.wait(100)
    assert shown == ["new"]


def test_a_result_for_a_closed_widget_is_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    label = QLabel()
    runner.read(lambda: release.wait(5) and "method", on_done=label.setText)
    runner.read(lambda: release.wait(5) and "lambda", on_done=lambda t: label.setText(t))
    errors: list[str] = []
    runner.internal_error.connect(errors.append)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _valid(label), timeout=2000)
    release.set()
    qtbot.wait(200)  # neither callback ran on the deleted label (it would raise)
    assert errors == []


def test_a_failure_goes_to_on_error_or_is_reported_as_internal(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def broken() -> None:
        raise ValueError("bad")

    handled: list[BaseException] = []
    runner.read(broken, on_error=handled.append)
    qtbot.waitUntil(lambda: bool(handled), timeout=2000)
    assert isinstance(handled[0], ValueError)
    with qtbot.waitSignal(runner.internal_error, timeout=2000) as reported:
        runner.read(broken)
    assert reported.args == ["ValueError: bad"]


def _valid(obj: object) -> bool:
    from shiboken6 import Shiboken

    return bool(Shiboken.isValid(obj))
