"""The Administration area: one tab per thing an administrator keeps (admins only).

Each tab reads when it is first shown and re-reads when another desk changed what it
shows; every write goes through a service that checks the role again and puts the change
on the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.admin_calendars import CalendarsTab
from ui.admin_catalog import CatalogTab
from ui.admin_common import AdminTab
from ui.admin_org import OrgTab
from ui.admin_parts import PartsTab
from ui.admin_settings import SettingsTab
from ui.admin_sla import SlaTab
from ui.admin_users import UsersTab
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.services.auth import SignedInUser


class AdminPage(QWidget):
    """The tabs of the administration area; a tab loads the first time it shows."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_administration")
        self.users = UsersTab(db, runner, user)
        self.calendars = CalendarsTab(db, runner, user)
        self.org = OrgTab(db, runner, user)
        self.sla = SlaTab(db, runner, user)
        self.catalog = CatalogTab(db, runner, user)
        self.parts = PartsTab(db, runner, user)
        self.settings = SettingsTab(db, runner, user)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        # Which change-log entities each tab shows (another desk's change re-reads it).
        self._watches: list[tuple[AdminTab, frozenset[str]]] = [
            (self.users, frozenset({"user", "region"})),
            (self.org, frozenset({"region", "queue", "user"})),
            (self.sla, frozenset({"sla_plan", "priority_matrix", "business_calendar"})),
            (self.calendars, frozenset({"business_calendar"})),
            (
                self.catalog,
                frozenset({"product_model", "symptom_category", "error_code", "wrap_up_code"}),
            ),
            (
                self.parts,
                frozenset({"part", "stock_location", "stock", "product_model", "user", "region"}),
            ),
            (self.settings, frozenset({"centre_setting"})),
        ]
        for tab, _entities in self._watches:
            self.tabs.addTab(tab, "")
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self._load)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._load(self.tabs.currentIndex())

    def _load(self, index: int) -> None:
        if index < 0 or index in self._loaded or not self.isVisible():
            return
        self._loaded.add(index)
        self._watches[index][0].reload()

    def on_changes(self, changes: list[Change]) -> None:
        """Re-read the tabs already shown whose things another desk changed."""
        entities = {change.entity for change in changes}
        for tab, watched in self._watches:
            if entities & watched and self.tabs.indexOf(tab) in self._loaded:
                tab.reload()

    def retranslate(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.users), self.tr("Users"))
        self.tabs.setTabText(self.tabs.indexOf(self.org), self.tr("Regions && queues"))
        self.tabs.setTabText(self.tabs.indexOf(self.sla), self.tr("SLA plans"))
        self.tabs.setTabText(self.tabs.indexOf(self.calendars), self.tr("Calendars"))
        self.tabs.setTabText(self.tabs.indexOf(self.catalog), self.tr("Products && faults"))
        self.tabs.setTabText(self.tabs.indexOf(self.parts), self.tr("Parts and stock"))
        self.tabs.setTabText(self.tabs.indexOf(self.settings), self.tr("Settings"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
