"""Translations: every message has its Chinese, the .ts is current, a missing .qm means English."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import TS_FILE, qt_tool
from ui.fonts import add_cjk_fallback, cjk_family
from ui.i18n import CHINESE, ENGLISH, Translations

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_MNEMONIC = re.compile(r"&(?=\w)")
# Words Chinese service centres write in Latin letters themselves.
KEPT_AS_IS = frozenset({"VIP"})


def messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in a .ts file."""
    found = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source", ""), translation))
    return found


def test_every_message_has_a_finished_chinese_translation() -> None:
    found = messages(TS_FILE)
    assert len(found) > 50
    for context, source, translation in found:
        where = f"{context}: {source!r}"
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        text = (translation.text or "").strip()
        assert text, f"{where} has no translation"
        english_left = text == source and source not in KEPT_AS_IS
        assert not english_left or not re.search("[A-Za-z]{3}", _PLACEHOLDER.sub("", source)), (
            f"{where} is left in English"
        )
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), where
        assert len(_MNEMONIC.findall(text)) == len(_MNEMONIC.findall(source)), where


def test_lupdate_finds_no_source_string_missing_from_the_ts(tmp_path: Path) -> None:
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    sources = sorted(str(path) for path in UI_DIR.glob("*.py"))
    subprocess.run(
        [qt_tool("pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    before = {(context, source) for context, source, _ in messages(TS_FILE)}
    after = {(context, source) for context, source, _ in messages(copy)}
    assert after - before == set(), "new strings: run `make update-translations` and translate"
    assert before - after == set(), "strings gone from the code: run `make update-translations`"


def test_chinese_comes_with_qts_own_buttons(qapp: QApplication, translations: Translations) -> None:
    assert translations.switch(CHINESE) == CHINESE
    assert QCoreApplication.translate("SignInDialog", "Sign in") == "登录"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QLocale().name() == "zh_CN"
    assert translations.switch(ENGLISH) == ENGLISH
    assert QCoreApplication.translate("SignInDialog", "Sign in") == "Sign in"


def test_a_missing_catalogue_logs_a_warning_and_stays_english(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    translations = Translations(qapp, directory=tmp_path)
    try:
        with caplog.at_level(logging.WARNING, logger="ui.i18n"):
            assert translations.switch(CHINESE) == ENGLISH
        assert "make translations" in caplog.text
        assert translations.current == ENGLISH
        assert QCoreApplication.translate("SignInDialog", "Sign in") == "Sign in"
    finally:
        translations.deleteLater()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fallback is for Linux desks")
def test_chinese_text_has_a_font_on_linux(qapp: QApplication) -> None:
    family = cjk_family()
    assert family is not None, "install fonts-wqy-microhei"
    assert add_cjk_fallback(qapp) == family
    assert family in qapp.font().families()
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    fallback = QFont(qapp.font())
    fallback.setFamilies([family])
    assert QFontInfo(fallback).family() == family
