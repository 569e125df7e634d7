"""Open the editing dialogs for customers, contacts, sites and devices, one way from any page.

A card asks for an edit (`edit_requested("contact", 12)`) or a toolbar does; this opens the
right dialog (not modal: the rest of the window stays usable) and says what was saved.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ui.customer_dialogs import ContactDialog, CustomerDialog, SiteDialog
from ui.equipment_dialogs import (
    EquipmentDialog,
    MoveEquipmentDialog,
    RegisterEquipmentDialog,
    ReplaceEquipmentDialog,
)
from ui.maintenance_plans_dialog import MaintenancePlansDialog
from ui.merge_dialog import MergeCustomersDialog
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.auth import SignedInUser


class EditActions(QObject):
    """`saved(what, result)`: what ("customer", "contact", "site", "equipment", "moved",
    "replaced", "merged", "plan") and the service's result, once a dialog saved."""

    saved = Signal(str, object)

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._user = user
        self._window = parent
        self.last_dialog: QDialog | None = None

    def _open(self, dialog: QDialog, what: str) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda result: self.saved.emit(what, result))  # type: ignore[attr-defined]
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def edit(self, what: str, record_id: int, customer_id: int = 0) -> QDialog | None:
        """The card's request: edit the customer, a contact, a site or a device."""
        db, runner, user, window = self._db, self._runner, self._user, self._window
        if what == "customer":
            return self._open(CustomerDialog(db, runner, user, record_id, window), what)
        if what == "contact" and customer_id:
            return self._open(ContactDialog(db, runner, user, customer_id, record_id, window), what)
        if what == "site" and customer_id:
            return self._open(SiteDialog(db, runner, user, customer_id, record_id, window), what)
        if what == "equipment":
            return self._open(EquipmentDialog(db, runner, user, record_id, window), what)
        return None

    def new_customer(self) -> QDialog:
        return self._open(
            CustomerDialog(self._db, self._runner, self._user, None, self._window), "customer"
        )

    def add_contact(self, customer_id: int) -> QDialog:
        dialog = ContactDialog(self._db, self._runner, self._user, customer_id, None, self._window)
        return self._open(dialog, "contact")

    def add_site(self, customer_id: int) -> QDialog:
        dialog = SiteDialog(self._db, self._runner, self._user, customer_id, None, self._window)
        return self._open(dialog, "site")

    def register_device(self, customer_id: int) -> QDialog:
        dialog = RegisterEquipmentDialog(
            self._db, self._runner, self._user, customer_id, self._window
        )
        return self._open(dialog, "equipment")

    def move_device(self, equipment_id: int) -> QDialog:
        dialog = MoveEquipmentDialog(self._db, self._runner, self._user, equipment_id, self._window)
        return self._open(dialog, "moved")

    def replace_device(self, equipment_id: int) -> QDialog:
        dialog = ReplaceEquipmentDialog(
            self._db, self._runner, self._user, equipment_id, self._window
        )
        return self._open(dialog, "replaced")

    def merge(self, keep_id: int) -> QDialog:
        dialog = MergeCustomersDialog(
            self._db, self._runner, self._user, keep_id, None, self._window
        )
        return self._open(dialog, "merged")

    def maintenance_plans(
        self, *, equipment_id: int | None = None, contract_id: int | None = None
    ) -> QDialog:
        """The maintenance plans of a device or of a contract (read-only for some roles)."""
        dialog = MaintenancePlansDialog(
            self._db,
            self._runner,
            self._user,
            equipment_id=equipment_id,
            contract_id=contract_id,
            parent=self._window,
        )
        return self._open(dialog, "plan")
