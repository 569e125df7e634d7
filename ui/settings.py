"""The desk's own settings in QSettings: each declared once, typed, with its default."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

ORGANISATION = "ServiceDesk"
APPLICATION = "Workstation"

_LANGUAGE = "ui/language"
_LAST_USERNAME = "sign_in/last_username"
_WINDOW_GEOMETRY = "main_window/geometry"
_WINDOW_STATE = "main_window/state"
_LAST_AREA = "main_window/last_area"


def ensure_application_names() -> None:
    """Name the organisation and application (QSettings' location) unless already named."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
    if not QCoreApplication.applicationName():
        QCoreApplication.setApplicationName(APPLICATION)


class DeskSettings:
    """What this desk remembers between runs: the user's choices and the window's state."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    def _text(self, key: str) -> str | None:
        value = self._store.value(key, "", type=str)
        return value if isinstance(value, str) and value else None

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def language(self) -> str | None:
        """The language chosen last ("en", "zh_CN"); None until the user chooses."""
        return self._text(_LANGUAGE)

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue(_LANGUAGE, value)

    @property
    def last_username(self) -> str | None:
        return self._text(_LAST_USERNAME)

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._store.setValue(_LAST_USERNAME, value)

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes(_WINDOW_GEOMETRY)

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._store.setValue(_WINDOW_GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes(_WINDOW_STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue(_WINDOW_STATE, value)

    @property
    def last_area(self) -> str | None:
        return self._text(_LAST_AREA)

    @last_area.setter
    def last_area(self, value: str) -> None:
        self._store.setValue(_LAST_AREA, value)

    def sync(self) -> None:
        """Write to disk now (QSettings also does so on its own, later)."""
        self._store.sync()
