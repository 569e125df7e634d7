"""Fixtures for the Qt shell: settings in tmp_path, compiled translations, workers that stop."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from ui.fonts import add_cjk_fallback
from ui.i18n import ENGLISH, TRANSLATIONS_DIR, Translations
from ui.live import LiveConnection
from ui.settings import APPLICATION, ORGANISATION, DeskSettings
from ui.tasks import TaskRunner
from workstation.db import Database

TS_FILE = TRANSLATIONS_DIR / "workstation_zh_CN.ts"
QM_FILE = TRANSLATIONS_DIR / "workstation_zh_CN.qm"


def qt_tool(name: str) -> str:
    """A PySide6 tool (pyside6-lupdate, pyside6-lrelease) of this venv."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    raise FileNotFoundError(f"{name} not found beside {sys.executable}")


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> Path:
    """The .qm the program loads, compiled from the .ts (a build output) when missing or stale."""
    if not QM_FILE.exists() or QM_FILE.stat().st_mtime < TS_FILE.stat().st_mtime:
        subprocess.run(
            [qt_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(QM_FILE)],
            check=True,
            capture_output=True,
        )
    return QM_FILE


@pytest.fixture(scope="session", autouse=True)
def _chinese_font(qapp: QApplication) -> str | None:
    return add_cjk_fallback(qapp)


@pytest.fixture(autouse=True)
def settings_dir(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """QSettings and the data folder (drafts) are in tmp_path: tests never touch the real
    user's settings or kept calls."""
    folder = tmp_path / "settings"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def settings(settings_dir: Path) -> DeskSettings:
    return DeskSettings()


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The language switch; English again after the test."""
    language = Translations(qapp)
    yield language
    language.switch(ENGLISH)
    language.deleteLater()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()
    QCoreApplication.processEvents()  # deliver what finished while shutting down


@pytest.fixture
def live(db: Database, runner: TaskRunner) -> Iterator[LiveConnection]:
    connection = LiveConnection(db, runner)
    yield connection
    connection.stop()


# The offscreen platform (headless CI) warns whenever a window has a minimum or
# maximum size, and cannot raise a window; a real display does not. Nothing else is ignored.
_OFFSCREEN_NOISE = r"^This plugin does not support (propagateSizeHints|raise)\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


from tests.ui.desk import open_desk  # noqa: E402  (a fixture shared by the window tests)

__all__ = ["open_desk"]
