"""The KPI definitions dialog: every KPI's definition, found by key, retranslated live."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from ui.i18n import CHINESE, Translations
from ui.kpi_help import KpiHelpDialog, kpi_definitions
from workstation.services.kpis import NOT_MEASURABLE, KpiSummary

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"


def test_every_kpi_of_the_summary_has_a_definition() -> None:
    keys = {d.key for d in kpi_definitions()}
    assert len(keys) == len(kpi_definitions())
    # Each group of the summary's fields is defined under the key its fields start with.
    groups = {
        "first_call_resolution_rate": "first_call_resolution_rate",
        "mean_response": "time_to_respond",
        "mean_resolution": "time_to_resolve",
        "response_compliance": "response_compliance",
        "resolution_compliance": "resolution_compliance",
        "reopen_rate": "reopen_rate",
        "backlog": "backlog",
        "satisfaction_average": "satisfaction",
        "repeat_fault": "repeat_faults",
    }
    fields = set(KpiSummary.__dataclass_fields__)
    for prefix, key in groups.items():
        assert any(f.startswith(prefix) for f in fields), prefix
        assert key in keys
    assert {"failures", "engineer_load", "parts_consumption"} <= keys
    # What cannot be measured yet says so.
    assert len(NOT_MEASURABLE) == 3
    for d in kpi_definitions():
        if d.key in ("engineer_load", "parts_consumption"):
            assert d.text.startswith("Not measurable yet")


def test_the_dialog_lists_every_definition_and_closes(qtbot: QtBot) -> None:
    dialog = KpiHelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.browser.toPlainText()
    for d in kpi_definitions():
        assert d.title in text and d.text in text
    assert dialog.windowTitle() == "KPI definitions"
    dialog.show_kpi("parts_consumption")
    assert dialog.browser.verticalScrollBar().value() > 0
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.click()
    assert not dialog.isVisible()


class _Marked(QTranslator):
    """Every KPI help message "translated" by a mark: the test does not wait for the .ts."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"«{source}»" if context in ("KpiHelp", "KpiHelpDialog") else ""

    def isEmpty(self) -> bool:
        return False


def test_the_dialog_follows_the_language(qtbot: QtBot, qapp: QApplication) -> None:
    dialog = KpiHelpDialog()
    qtbot.addWidget(dialog)
    marked = _Marked()
    qapp.installTranslator(marked)
    try:
        qtbot.waitUntil(lambda: dialog.windowTitle() == "«KPI definitions»", timeout=2000)
        text = dialog.browser.toPlainText()
        assert "«First-call resolution rate»" in text and "«Parts consumption»" in text
    finally:
        qapp.removeTranslator(marked)
    qtbot.waitUntil(lambda: dialog.windowTitle() == "KPI definitions", timeout=2000)


def test_screenshots(qtbot: QtBot, qapp: QApplication, translations: Translations) -> None:
    """The dialog in English and Chinese (artifacts/screenshots/), for people to look at.

    WORKSTATION_QM_DIR may name a folder with a catalogue that already has these strings
    (before the integrator fills the .ts); the Chinese picture is English without one.
    """
    folder = os.environ.get("WORKSTATION_QM_DIR")
    language = Translations(qapp, Path(folder)) if folder else translations
    dialog = KpiHelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "kpi_help_en.png"))
    dialog.show_kpi("repeat_faults")
    assert dialog.grab().save(str(SHOTS / "kpi_help_en_end.png"))
    dialog.show_kpi("period")
    language.switch(CHINESE)
    title = dialog.windowTitle()
    if folder:
        qtbot.waitUntil(lambda: dialog.windowTitle() != title, timeout=2000)
    assert dialog.grab().save(str(SHOTS / "kpi_help_zh.png"))
    dialog.show_kpi("repeat_faults")  # the end: what cannot be measured yet
    assert dialog.grab().save(str(SHOTS / "kpi_help_zh_end.png"))
    language.switch("en")
    if language is not translations:
        language.deleteLater()


def test_the_readme_gives_the_same_definitions() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## KPI definitions", 1)[1].split("\n## ", 1)[0]
    for d in kpi_definitions():
        assert f"- **{d.title}.** {d.text}" in section, d.key
