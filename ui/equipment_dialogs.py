"""Device dialogs: register, edit, move to another site or customer, record a replacement unit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from ui.customer_dialogs import (
    CustomerPicker,
    EditDialog,
    change_line,
    line_edit,
)
from ui.i18n import speaks_chinese
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import CustomerChoice, SiteForEdit, sites_of
from workstation.services.equipment_edit import (
    SERIAL_MAX,
    EquipmentChanges,
    EquipmentForEdit,
    add_months,
    equipment_for_edit,
    move_equipment,
    register_equipment,
    replace_equipment,
    update_equipment,
)
from workstation.services.options import ProductModelOption, product_models

_NO_DATE = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date that may be unknown: its lowest value shows as "—" and means none."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText("—")
        self.set_value(None)

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else _NO_DATE)

    def value(self) -> date | None:
        current = self.date()
        if current == _NO_DATE:
            return None
        return date(current.year(), current.month(), current.day())


def model_label(option: ProductModelOption) -> str:
    kind = option.kind_zh if speaks_chinese() else option.kind_en
    return f"{option.code}  {option.name}  ({kind})"


class ModelCombo(QComboBox):
    """Product models, in catalogue order; optionally a first entry meaning "keep the model"."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.options: tuple[ProductModelOption, ...] = ()
        self._wanted: int | None = None
        self._keep_text: str | None = None

    def set_options(self, options: tuple[ProductModelOption, ...]) -> None:
        self.options = options
        self.relabel()

    def relabel(self) -> None:
        wanted = self._wanted if self.count() == 0 else self.model_id()
        self.blockSignals(True)
        self.clear()
        if self._keep_text is not None:
            self.addItem(self._keep_text, None)
        for option in self.options:
            self.addItem(model_label(option), option.id)
        self.blockSignals(False)
        self.select(wanted)

    def set_keep_text(self, text: str) -> None:
        """Offer a first entry (data None): keep the current model, or none chosen yet."""
        self._keep_text = text
        self.relabel()

    def select(self, model_id: int | None) -> None:
        self._wanted = model_id
        self.setCurrentIndex(max(self.findData(model_id), 0))

    def model_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def name_of(self, model_id: int) -> str:
        index = self.findData(model_id)
        return self.itemText(index) if index >= 0 else str(model_id)

    def option(self) -> ProductModelOption | None:
        """The chosen model (None while the first "none" entry is chosen)."""
        model_id = self.model_id()
        return next((o for o in self.options if o.id == model_id), None)


class SiteCombo(QComboBox):
    """The sites of one customer."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._wanted: int | None = None

    def set_sites(self, sites: Sequence[SiteForEdit], wanted: int | None = None) -> None:
        self.clear()
        for site in sites:
            text = f"{site.name}  ·  {site.city}" if site.city else site.name
            self.addItem(text, site.id)
        self.setCurrentIndex(max(self.findData(wanted), 0))

    def site_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None


def _device_line(device: EquipmentForEdit) -> str:
    return f"{device.serial}  ·  {device.customer_name}  ·  {device.site_name or '—'}"


class EquipmentDialog(EditDialog):
    """Edit a device's model, installation date, warranty end and site."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        equipment_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("equipmentDialog")
        self.equipment_id = equipment_id
        self.stored: EquipmentForEdit | None = None
        self.version = 0
        self.device = QLabel()
        self.device.setObjectName("deviceLine")
        self.body.addWidget(self.device)
        form = QFormLayout()
        self.body.addLayout(form)
        self.model = ModelCombo("productModel")
        self.add_field(form, "product_model_id", self.model)
        self.install_date = OptionalDateEdit("installDate")
        self.add_field(form, "install_date", self.install_date)
        self.warranty_end = OptionalDateEdit("warrantyEnd")
        self.add_field(form, "warranty_end", self.warranty_end)
        self.site = SiteCombo("site")
        self.add_field(form, "site_id", self.site)
        self.retranslate()
        self.load(product_models, db, on_done=self.model.set_options)
        self.load(equipment_for_edit, db, equipment_id, on_done=self._loaded)

    def _loaded(self, device: EquipmentForEdit) -> None:
        self.stored = device
        self.version = device.version
        self.device.setText(_device_line(device))
        self.model.select(device.product_model_id)
        self.install_date.set_value(device.install_date)
        self.warranty_end.set_value(device.warranty_end)
        self.load(
            sites_of,
            self.db,
            device.customer_id,
            on_done=lambda sites: self.site.set_sites(sites, device.site_id),
        )

    def submit(self) -> None:
        model_id = self.model.model_id()
        changes = EquipmentChanges(
            model_id if model_id is not None else 0,
            self.install_date.value(),
            self.warranty_end.value(),
            self.site.site_id(),
        )
        self.write(update_equipment, self.db, self.user, self.equipment_id, self.version, changes)

    def describe_conflict(self, current: EquipmentForEdit) -> list[str]:
        stored = self.stored
        if stored is None:
            return []
        pairs: list[tuple[str, Any, Any]] = [
            (
                self.tr("Model"),
                self.model.name_of(stored.product_model_id),
                self.model.name_of(current.product_model_id),
            ),
            (self.tr("Installed"), stored.install_date, current.install_date),
            (self.tr("Warranty ends"), stored.warranty_end, current.warranty_end),
            (self.tr("Site"), stored.site_name, current.site_name),
        ]
        return [change_line(label, old, new) for label, old, new in pairs if old != new]

    def adopt_version(self, current: EquipmentForEdit) -> None:
        self.stored = current
        self.version = current.version

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit device"))
        self.caption("product_model_id", self.tr("Model"))
        self.caption("install_date", self.tr("Installed"))
        self.caption("warranty_end", self.tr("Warranty ends"))
        self.caption("site_id", self.tr("Site"))
        self.model.relabel()
        self.retranslate_base()


class MoveEquipmentDialog(EditDialog):
    """Move a device to another site of its customer or to another customer, with a reason."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        equipment_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("moveEquipmentDialog")
        self.equipment_id = equipment_id
        self.version: int | None = None
        self.target: CustomerChoice | None = None
        self.device = QLabel()
        self.device.setObjectName("deviceLine")
        self.body.addWidget(self.device)
        form = QFormLayout()
        self.body.addLayout(form)
        self.picker = CustomerPicker(db, runner)
        self.picker.chosen.connect(self.choose_customer)
        self.add_field(form, "to_customer_id", self.picker)
        self.fields["to_customer_id"].caption.setBuddy(self.picker.search)
        self.chosen = QLabel()
        self.chosen.setObjectName("chosenCustomer")
        self.chosen_caption = QLabel()
        form.addRow(self.chosen_caption, self.chosen)
        self.site = SiteCombo("toSite")
        self.add_field(form, "to_site_id", self.site)
        self.reason = line_edit(500, "reason")
        self.add_field(form, "reason", self.reason)
        self.initial_focus = self.picker.search
        self.retranslate()
        self.load(equipment_for_edit, db, equipment_id, on_done=self._loaded)

    def _loaded(self, device: EquipmentForEdit) -> None:
        self.version = device.version
        self.device.setText(_device_line(device))
        self.choose_customer(CustomerChoice(device.customer_id, device.customer_name, "", ""))

    def choose_customer(self, choice: CustomerChoice) -> None:
        """The target customer: its sites are offered next."""
        self.target = choice
        self.chosen.setText(choice.name)
        self.fields["to_customer_id"].clear_error()
        self.load(sites_of, self.db, choice.id, on_done=self.site.set_sites)

    def submit(self) -> None:
        if self.target is None:
            return
        self.write(
            move_equipment,
            self.db,
            self.user,
            self.equipment_id,
            self.target.id,
            self.site.site_id(),
            self.reason.text(),
            self.version,
        )

    def adopt_version(self, current: EquipmentForEdit) -> None:
        self.version = current.version
        self.device.setText(_device_line(current))

    def describe_conflict(self, current: EquipmentForEdit) -> list[str]:
        return [self.tr("Now: {device}").format(device=_device_line(current))]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Move device"))
        self.caption("to_customer_id", self.tr("To customer"))
        self.chosen_caption.setText(self.tr("Chosen"))
        self.caption("to_site_id", self.tr("To site"))
        self.caption("reason", self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("e.g. sold to another customer, moved to plant 2"))
        self.picker.retranslate()
        self.retranslate_base()


class ReplaceEquipmentDialog(EditDialog):
    """Record a replacement unit: its serial, model (the same by default), date and reason."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        equipment_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("replaceEquipmentDialog")
        self.equipment_id = equipment_id
        self.version: int | None = None
        self.device = QLabel()
        self.device.setObjectName("deviceLine")
        self.body.addWidget(self.device)
        form = QFormLayout()
        self.body.addLayout(form)
        self.new_serial: QLineEdit = line_edit(60, "newSerial")
        self.add_field(form, "new_serial", self.new_serial)
        self.model = ModelCombo("newModel")
        self.add_field(form, "new_model_id", self.model)
        self.install_date = OptionalDateEdit("installDate")
        self.install_date.set_value(date.today())
        self.add_field(form, "install_date", self.install_date)
        self.reason = line_edit(500, "reason")
        self.add_field(form, "reason", self.reason)
        self.retranslate()
        self.load(product_models, db, on_done=self.model.set_options)
        self.load(equipment_for_edit, db, equipment_id, on_done=self._loaded)

    def _loaded(self, device: EquipmentForEdit) -> None:
        self.version = device.version
        self.device.setText(_device_line(device))

    def submit(self) -> None:
        self.write(
            replace_equipment,
            self.db,
            self.user,
            self.equipment_id,
            self.new_serial.text(),
            self.model.model_id(),
            self.install_date.value(),
            self.reason.text(),
            self.version,
        )

    def adopt_version(self, current: EquipmentForEdit) -> None:
        self.version = current.version

    def describe_conflict(self, current: EquipmentForEdit) -> list[str]:
        return [self.tr("Now: {device}").format(device=_device_line(current))]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record a replacement unit"))
        self.caption("new_serial", self.tr("New serial number"))
        self.caption("new_model_id", self.tr("Model"))
        self.caption("install_date", self.tr("Installed"))
        self.caption("reason", self.tr("Reason"))
        self.new_serial.setPlaceholderText(self.tr("Scan or type the new unit's serial number"))
        self.reason.setPlaceholderText(self.tr("e.g. main board failed, unit swapped"))
        self.model.set_keep_text(self.tr("Same model as the old unit"))
        self.retranslate_base()


class RegisterEquipmentDialog(EditDialog):
    """Register a new device of a customer: serial, model, site, installation and warranty end."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        customer_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("registerEquipmentDialog")
        # Wide enough for a model's full label and an owner's name in the serial's error.
        self.setMinimumWidth(560)
        self.customer_id = customer_id
        form = QFormLayout()
        self.body.addLayout(form)
        self.serial: QLineEdit = line_edit(SERIAL_MAX, "serial")
        self.add_field(form, "serial", self.serial)
        self.model = ModelCombo("productModel")
        self.add_field(form, "product_model_id", self.model)
        self.site = SiteCombo("site")
        self.add_field(form, "site_id", self.site)
        self.install_date = OptionalDateEdit("installDate")
        self.install_date.set_value(date.today())
        self.add_field(form, "install_date", self.install_date)
        self.warranty_end = OptionalDateEdit("warrantyEnd")
        warranty_box = self.add_field(form, "warranty_end", self.warranty_end)
        # Under the field: what an empty warranty end becomes.
        self.warranty_hint = QLabel()
        self.warranty_hint.setObjectName("warrantyHint")
        self.warranty_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        box_layout = warranty_box.layout()
        assert box_layout is not None  # a FieldBox stacks its editor and its error message
        box_layout.addWidget(self.warranty_hint)
        self.model.currentIndexChanged.connect(self._show_warranty_hint)
        self.install_date.dateChanged.connect(self._show_warranty_hint)
        self.retranslate()
        self.load(product_models, db, on_done=self.model.set_options)
        self.load(sites_of, db, customer_id, on_done=self.site.set_sites)

    def submit(self) -> None:
        self.write(
            register_equipment,
            self.db,
            self.user,
            self.customer_id,
            self.site.site_id(),
            self.serial.text(),
            self.model.model_id(),
            self.install_date.value(),
            self.warranty_end.value(),
        )

    def _show_warranty_hint(self) -> None:
        option = self.model.option()
        installed = self.install_date.value()
        if option is None or installed is None:
            self.warranty_hint.setText(
                self.tr("Leave empty for the installation date plus the model's warranty months.")
            )
        else:
            self.warranty_hint.setText(
                self.tr("Leave empty for installation + {months} months: {date}.").format(
                    months=option.warranty_months,
                    date=add_months(installed, option.warranty_months).isoformat(),
                )
            )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register a device"))
        self.caption("serial", self.tr("Serial number"))
        self.caption("product_model_id", self.tr("Model"))
        self.caption("site_id", self.tr("Site"))
        self.caption("install_date", self.tr("Installed"))
        self.caption("warranty_end", self.tr("Warranty ends"))
        self.serial.setPlaceholderText(self.tr("Scan or type the serial number"))
        self.model.set_keep_text(self.tr("Choose the model"))
        self._show_warranty_hint()
        self.retranslate_base()
