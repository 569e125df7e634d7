"""Languages: install and switch Qt translators at run time; widgets retranslate on LanguageChange.

The product's own catalogue is `resources/translations/workstation_<lang>.qm`,
compiled from the .ts by `make translations`. If it is missing (a desk without
make), the program says so in the log and stays English. Qt's own catalogue
(`qtbase_<lang>.qm`, standard dialog buttons) is loaded from Qt's translations
folder when present.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

log = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"
# Each language is named in its own language, so anyone can find theirs: not translated.
LANGUAGES: tuple[tuple[str, str], ...] = ((ENGLISH, "English"), (CHINESE, "简体中文"))
SOURCE_LANGUAGE = ENGLISH
CATALOGUE = "workstation"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"


def default_language() -> str:
    """The language for a desk that has not chosen one: Chinese on a Chinese system."""
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def catalogue_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    """Where the compiled catalogue of `language` is expected."""
    return directory / f"{CATALOGUE}_{language}.qm"


class Translations(QObject):
    """The language in effect; switching installs the new translators at once."""

    # The language now in effect ("en" or "zh_CN").
    changed = Signal(str)

    def __init__(
        self,
        app: QCoreApplication,
        directory: Path = TRANSLATIONS_DIR,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._directory = directory
        self._installed: list[QTranslator] = []
        self._current = SOURCE_LANGUAGE

    @property
    def current(self) -> str:
        return self._current

    def switch(self, language: str) -> str:
        """Put `language` into effect and return the language now in effect.

        Stays English (and logs a warning) when the language is unknown or its
        catalogue cannot be loaded.
        """
        if language not in dict(LANGUAGES):
            log.warning("unknown language %r: staying with English", language)
            language = SOURCE_LANGUAGE
        if language == self._current:
            return language
        translators: list[QTranslator] = []
        if language != SOURCE_LANGUAGE:
            own = QTranslator(self)
            path = catalogue_path(language, self._directory)
            if own.load(str(path)):
                translators.append(own)
                translators.extend(self._qt_translators(language))
            else:
                log.warning(
                    "translation catalogue %s is missing or unreadable (run `make translations`):"
                    " staying with English",
                    path,
                )
                language = SOURCE_LANGUAGE
                if language == self._current:
                    return language
        # The locale first: the LanguageChange events below retranslate screens, and
        # they pick a record's English or Chinese name by it (speaks_chinese()).
        QLocale.setDefault(QLocale(language))
        for old in self._installed:
            self._app.removeTranslator(old)
        self._installed = translators
        for translator in translators:
            self._app.installTranslator(translator)
        self._current = language
        self.changed.emit(language)
        return language

    def _qt_translators(self, language: str) -> list[QTranslator]:
        """Qt's own catalogue for the standard dialogs' buttons, when Qt ships one."""
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(self)
        if translator.load(f"qtbase_{language}", folder):
            return [translator]
        log.info("no Qt catalogue qtbase_%s in %s: standard buttons stay English", language, folder)
        return []


def speaks_chinese() -> bool:
    """Whether the desk shows Chinese now: which of a record's two names to show."""
    return QLocale().language() == QLocale.Language.Chinese
