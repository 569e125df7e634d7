"""Pages of areas not built yet: their name, what they will do, and that they are not here yet."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.areas import Area, area_purpose, area_title
from ui.roles import role_name
from workstation.services.auth import SignedInUser

_PAGE_MAX_WIDTH = 720


class WelcomeLine(QLabel):
    """The welcome line, e.g. "Signed in as 张伟 (Agent), region 华东.": facts, never made up."""

    def __init__(self, user: SignedInUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user = user
        self._region: str | None = None
        self.setObjectName("welcomeLine")
        self.setWordWrap(True)
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retranslate()

    def set_region(self, name: str | None) -> None:
        self._region = name
        self.retranslate()

    def retranslate(self) -> None:
        role = role_name(self._user.role)
        if self._region:
            text = self.tr("Signed in as {name} ({role}), region {region}.").format(
                name=self._user.display_name, role=role, region=self._region
            )
        else:
            text = self.tr("Signed in as {name} ({role}).").format(
                name=self._user.display_name, role=role
            )
        self.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class NoticePage(QWidget):
    """An area's page while the area is not built: plain words, never made-up data."""

    def __init__(self, area: Area, lead: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.area = area
        self.setObjectName(f"page_{area.value}")

        self._title = QLabel()
        self._title.setObjectName("pageTitle")
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 2.0)
        title_font.setBold(True)
        self._title.setFont(title_font)

        self._purpose = QLabel()
        self._purpose.setObjectName("pagePurpose")
        self._purpose.setWordWrap(True)
        purpose_font = QFont(self._purpose.font())
        purpose_font.setPointSizeF(purpose_font.pointSizeF() * 1.1)
        self._purpose.setFont(purpose_font)

        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)

        self._notice = QLabel()
        self._notice.setObjectName("pageNotice")
        self._notice.setWordWrap(True)
        muted = self._notice.palette()
        muted.setColor(
            QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText)
        )
        self._notice.setPalette(muted)

        column = QWidget()
        column.setMaximumWidth(_PAGE_MAX_WIDTH)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        inner.addWidget(self._title)
        if lead is not None:
            inner.addWidget(lead)
        inner.addWidget(self._purpose)
        inner.addWidget(rule)
        inner.addWidget(self._notice)

        # No alignment flags: they would keep the wrapped labels at their one-line height.
        row = QHBoxLayout()
        row.addWidget(column, 1)
        row.addStretch(0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 32, 36, 32)
        outer.addLayout(row)
        outer.addStretch(1)
        self.retranslate()

    def title_text(self) -> str:
        return self._title.text()

    def notice_text(self) -> str:
        return self._notice.text()

    def retranslate(self) -> None:
        self._title.setText(area_title(self.area))
        self._purpose.setText(area_purpose(self.area))
        self._notice.setText(self.tr("This area is not available yet in this version."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
