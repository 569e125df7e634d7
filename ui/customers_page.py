"""Customers & equipment: find a customer or device, see its card, create and edit records.

The search and the cards are the agent desk's; this page adds the record keeping: a new
customer (with its first contact and site), contacts, sites, devices (register, edit, move,
replace) and merging two records of one customer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import CustomerCardView
from ui.edit_actions import EditActions
from ui.equipment_card import EquipmentCardView
from ui.search_panel import SearchPanel
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import CreatedCustomer
from workstation.services.customer_merge import MergeResult
from workstation.services.equipment_edit import ReplacedEquipment


class CustomersPage(QWidget):
    """The Customers & equipment area."""

    ticket_opened = Signal(int)  # a ticket chosen on a card, its history or the search

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_customers")
        self.editing = EditActions(db, runner, user, self)
        self.editing.saved.connect(self._saved)

        self.search = SearchPanel(db, runner)
        self.customer_card = CustomerCardView(db, runner)
        self.equipment_card = EquipmentCardView(db, runner)
        self.hint = QLabel()
        self.hint.setObjectName("customersHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setMargin(24)
        self.cards = QStackedWidget()
        self.cards.setMinimumWidth(440)  # fits a small screen; the card's heading squeezes
        for widget in (self.hint, self.customer_card, self.equipment_card):
            self.cards.addWidget(widget)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("customersToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_customer_action = self._action("newCustomerAction", self.editing.new_customer)
        self.new_customer_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_customer_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_contact_action = self._action(
            "addContactAction", lambda: self.editing.add_contact(self._customer_id())
        )
        self.add_site_action = self._action(
            "addSiteAction", lambda: self.editing.add_site(self._customer_id())
        )
        self.register_device_action = self._action(
            "registerDeviceAction", lambda: self.editing.register_device(self._customer_id())
        )
        self.merge_action = self._action(
            "mergeAction", lambda: self.editing.merge(self._customer_id())
        )
        self.toolbar.addSeparator()
        self.edit_device_action = self._action(
            "editDeviceAction", lambda: self.editing.edit("equipment", self._equipment_id())
        )
        self.move_device_action = self._action(
            "moveDeviceAction", lambda: self.editing.move_device(self._equipment_id())
        )
        self.replace_device_action = self._action(
            "replaceDeviceAction", lambda: self.editing.replace_device(self._equipment_id())
        )

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.toolbar)
        right_layout.addWidget(self.cards, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.search)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 880])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        self.search.customer_chosen.connect(lambda cid, _contact: self.show_customer(cid))
        self.search.equipment_chosen.connect(self.show_equipment)
        self.search.ticket_chosen.connect(self._ticket_chosen)
        self.customer_card.ticket_chosen.connect(self.ticket_opened)
        self.equipment_card.ticket_chosen.connect(self.ticket_opened)
        self.customer_card.equipment_chosen.connect(self.show_equipment)
        self.customer_card.edit_requested.connect(self._edit_requested)
        self.equipment_card.customer_chosen.connect(self.show_customer)
        self.equipment_card.plans_requested.connect(
            lambda device: self.editing.maintenance_plans(equipment_id=device)
        )
        for card in (self.customer_card, self.equipment_card):
            card.contract_plans_requested.connect(
                lambda contract: self.editing.maintenance_plans(contract_id=contract)
            )
        self._update_actions()
        self.retranslate()

    def _action(self, name: str, slot: object) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.toolbar.addAction(action)
        return action

    def _customer_id(self) -> int:
        if self.cards.currentWidget() is self.equipment_card:
            card = self.equipment_card.card
            return card.customer_id if card is not None else 0
        return self.customer_card.current_customer_id or 0

    def _equipment_id(self) -> int:
        return self.equipment_card.current_equipment_id or 0

    def _update_actions(self) -> None:
        has_customer = bool(self._customer_id())
        has_device = self.cards.currentWidget() is self.equipment_card and bool(
            self._equipment_id()
        )
        for action in (
            self.add_contact_action,
            self.add_site_action,
            self.register_device_action,
            self.merge_action,
        ):
            action.setEnabled(has_customer)
        for action in (
            self.edit_device_action,
            self.move_device_action,
            self.replace_device_action,
        ):
            action.setEnabled(has_device)

    # -- what is shown ---------------------------------------------------------------

    @Slot(int)
    def show_customer(self, customer_id: int) -> None:
        self.customer_card.show_customer(customer_id)
        self.cards.setCurrentWidget(self.customer_card)
        self._update_actions()

    @Slot(int, int)
    def _ticket_chosen(self, ticket_id: int, customer_id: int) -> None:
        self.show_customer(customer_id)
        self.ticket_opened.emit(ticket_id)

    @Slot(int)
    def show_equipment(self, equipment_id: int) -> None:
        self.equipment_card.show_equipment(equipment_id)
        self.cards.setCurrentWidget(self.equipment_card)
        self._update_actions()

    def focus_search(self) -> None:
        self.search.focus_search()

    @Slot(str, int)
    def _edit_requested(self, what: str, record_id: int) -> None:
        self.editing.edit(what, record_id, self.customer_card.current_customer_id or 0)

    @Slot(str, object)
    def _saved(self, _what: str, result: object) -> None:
        """Show what was just made; other changes arrive through the live feed as well."""
        if isinstance(result, CreatedCustomer):
            self.show_customer(result.customer_id)
        elif isinstance(result, MergeResult):
            self.show_customer(result.keep_id)
        elif isinstance(result, ReplacedEquipment):
            self.show_equipment(result.new_id)
        elif self.cards.currentWidget() is self.customer_card:
            self.customer_card.refresh()
        elif self.cards.currentWidget() is self.equipment_card:
            self.equipment_card.refresh()

    def on_changes(self, changes: list[Change]) -> None:
        self.customer_card.on_changes(changes)
        self.equipment_card.on_changes(changes)
        self._update_actions()

    # -- translation -----------------------------------------------------------------

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr(
                "Find a customer or a device in the search on the left, or create a new "
                "customer (Ctrl+Shift+N) with its first contact and site."
            )
        )
        self.new_customer_action.setText(self.tr("New customer…"))
        self.add_contact_action.setText(self.tr("Add contact…"))
        self.add_site_action.setText(self.tr("Add site…"))
        self.register_device_action.setText(self.tr("Register device…"))
        self.merge_action.setText(self.tr("Merge with…"))
        self.edit_device_action.setText(self.tr("Edit device…"))
        self.move_device_action.setText(self.tr("Move device…"))
        self.replace_device_action.setText(self.tr("Replace device…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
