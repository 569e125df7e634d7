"""The Queue area: the open tickets and the follow-up calls due, as two tabs.

The follow-ups tab says how many calls are due, so an agent sees them waiting without
opening the tab.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.follow_ups_page import FollowUpsPage
from ui.queue_page import QueuePage


class QueueArea(QTabWidget):
    def __init__(
        self, queue: QueuePage, follow_ups: FollowUpsPage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_queue")
        self.setDocumentMode(True)
        self.queue = queue
        self.follow_ups = follow_ups
        self._due: int | None = None
        self.addTab(queue, "")
        self.addTab(follow_ups, "")
        follow_ups.count_changed.connect(self._count_changed)
        self.retranslate()

    def _count_changed(self, due: int) -> None:
        self._due = due
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("Open tickets"))
        if self._due:
            self.setTabText(1, self.tr("Follow-up calls ({count})").format(count=self._due))
        else:
            self.setTabText(1, self.tr("Follow-up calls"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
