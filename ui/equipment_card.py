"""The device card: one serial number, its owner, warranty, contracts, open tickets, history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import (
    TIER_COLOURS,
    WARRANTY_COLOURS,
    RowsModel,
    badge_style,
    contract_item,
    contract_label,
    device_status_label,
    error_text,
    model_text,
    open_ticket_columns,
    rows_table,
    small_tree,
    tier_label,
    warranty_label,
)
from ui.history_view import HistoryView
from ui.service_sheet_pdf import write_passport_label
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.services.customer_card import EquipmentCard, equipment_card
from workstation.services.passport import PassportFacts, passport_facts


class EquipmentCardView(QWidget):
    """One device at a glance, with its history wherever it stood."""

    customer_chosen = Signal(int)
    ticket_chosen = Signal(int)
    new_call_requested = Signal(int, int, int)  # customer, contact (0), equipment
    plans_requested = Signal(int)  # the device's maintenance plans
    contract_plans_requested = Signal(int)  # a covering contract's maintenance plans

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._equipment_id: int | None = None
        self._card: EquipmentCard | None = None
        self._key = f"equipment-card-{id(self)}"
        self._state = ""
        self._error: BaseException | None = None

        self.serial = QLabel()
        self.serial.setObjectName("deviceSerial")
        font = QFont(self.serial.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.serial.setFont(font)
        self.serial.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warranty_badge = QLabel()
        self.warranty_badge.setObjectName("warrantyBadge")
        self.status = QLabel()
        self.status.setObjectName("cardStatus")
        self.new_call_button = QPushButton()
        self.new_call_button.setObjectName("newCallButton")
        self.new_call_button.clicked.connect(self._new_call)
        self.plans_button = QPushButton()
        self.plans_button.setObjectName("plansButton")
        self.plans_button.clicked.connect(self._plans)
        self.label_button = QPushButton()
        self.label_button.setObjectName("passportLabelButton")
        self.label_button.clicked.connect(lambda: self.passport_label())

        self.model = QLabel()
        self.model.setObjectName("deviceModel")
        self.customer_button = QPushButton()
        self.customer_button.setObjectName("customerButton")
        self.customer_button.setFlat(True)
        self.customer_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.customer_button.clicked.connect(self._open_customer)
        self.tier_badge = QLabel()
        self.tier_badge.setObjectName("tierBadge")
        self.site = QLabel()
        self.installed = QLabel()
        self.warranty_end = QLabel()
        self.device_status = QLabel()
        self.replacement = QLabel()
        self.replacement.setObjectName("deviceReplacement")
        self.replacement.setTextFormat(Qt.TextFormat.RichText)
        self.replacement.linkActivated.connect(lambda link: self.show_equipment(int(link)))

        customer_row = QHBoxLayout()
        customer_row.setContentsMargins(0, 0, 0, 0)
        customer_row.addWidget(self.customer_button)
        customer_row.addWidget(self.tier_badge)
        customer_row.addStretch(1)
        self._form = QFormLayout()
        self._labels = [QLabel() for _ in range(7)]
        fields: list[QWidget | QHBoxLayout] = [
            self.model,
            customer_row,
            self.site,
            self.installed,
            self.warranty_end,
            self.device_status,
            self.replacement,
        ]
        for label, field in zip(self._labels, fields, strict=True):
            self._form.addRow(label, field)
        facts = QWidget()
        facts.setLayout(self._form)

        self.contracts = small_tree("contractsTree")
        self.contracts.itemActivated.connect(
            lambda item: self.contract_plans_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))
        )
        self._contracts_box = QGroupBox()
        QVBoxLayout(self._contracts_box).addWidget(self.contracts)
        top = QWidget()
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(facts, 1)
        top_row.addWidget(self._contracts_box, 1)

        self.tickets_model = RowsModel(open_ticket_columns(with_serial=False), self)
        self.tickets = rows_table(self.tickets_model, "openTicketsTable")
        self.tickets.activated.connect(self._ticket_activated)
        self._tickets_box = QGroupBox()
        QVBoxLayout(self._tickets_box).addWidget(self.tickets)

        self.history = HistoryView(db, runner)
        self.history.ticket_chosen.connect(self.ticket_chosen)
        self._history_box = QGroupBox()
        QVBoxLayout(self._history_box).addWidget(self.history)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(self._tickets_box)
        split.addWidget(self._history_box)
        split.setSizes([190, 130, 300])

        heading = QHBoxLayout()
        heading.addWidget(self.serial)
        heading.addWidget(self.warranty_badge)
        heading.addStretch(1)
        heading.addWidget(self.status)
        heading.addWidget(self.plans_button)
        heading.addWidget(self.label_button)
        heading.addWidget(self.new_call_button)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(rule)
        layout.addWidget(split, 1)
        self.retranslate()

    # --- public --------------------------------------------------------------------------

    @property
    def current_equipment_id(self) -> int | None:
        return self._equipment_id

    @property
    def current_customer_id(self) -> int | None:
        """The customer the device stands at now (None until the card is read)."""
        return self._card.customer_id if self._card is not None else None

    @property
    def card(self) -> EquipmentCard | None:
        return self._card

    def show_equipment(self, equipment_id: int) -> None:
        if equipment_id != self._equipment_id:
            self._equipment_id = equipment_id
            self._card = None
            self._show_card()
            self.history.show_equipment(equipment_id)
        self._read()

    def refresh(self) -> None:
        if self._equipment_id is not None:
            self._read()

    def on_changes(self, changes: list[Change]) -> None:
        """Re-read when a change touches this device (or its tickets)."""
        me = self._equipment_id
        if me is None:
            return
        tickets = {row.id for row in self.tickets_model.rows()}
        card_too = history_too = False
        for change in changes:
            data = change.data or {}
            if (change.entity == "equipment" and change.entity_id == me) or (
                change.entity == "import"
                and (data.get("many") or me in data.get("equipment_ids", ()))
            ):
                card_too = history_too = True
            elif change.entity in ("ticket", "call"):
                if data.get("equipment_id") == me:
                    card_too = history_too = True
                elif change.entity_id in tickets or "equipment_id" not in data:
                    card_too = True
            elif (
                change.entity == "customer"
                and self._card is not None
                and change.entity_id == self._card.customer_id
            ):
                card_too = True
        if card_too:
            self.refresh()
        if history_too:
            self.history.reload(keep_position=True)

    # --- reading -------------------------------------------------------------------------

    def _read(self) -> None:
        assert self._equipment_id is not None
        self._set_state("loading")
        self._runner.read(
            equipment_card,
            self._db,
            self._equipment_id,
            on_done=self._loaded,
            on_error=self._failed,
            key=self._key,  # a newer read supersedes this one: its late answer is dropped
        )

    def _loaded(self, card: EquipmentCard) -> None:
        self._card = card
        self._show_card()
        self._set_state("")

    def _failed(self, error: BaseException) -> None:
        self._error = error
        self._set_state("error")

    # --- showing -------------------------------------------------------------------------

    def _show_card(self) -> None:
        card = self._card
        scroll = self.tickets.verticalScrollBar().value()
        self.tickets_model.set_rows(card.open_tickets if card else ())
        self.tickets.verticalScrollBar().setValue(scroll)
        self.contracts.clear()
        for contract in card.contracts if card else ():
            self.contracts.addTopLevelItem(contract_item(contract))
        if card is not None and card.contracts:
            for column in range(3):
                self.contracts.resizeColumnToContents(column)
        if card is not None and card.open_tickets:
            self.tickets.resizeColumnsToContents()
        self.new_call_button.setEnabled(card is not None)
        self.plans_button.setEnabled(card is not None)
        self.label_button.setEnabled(card is not None)
        self._words()

    def _words(self) -> None:
        card = self._card
        self._contracts_box.setTitle(self.tr("Contracts covering it"))
        self._tickets_box.setTitle(
            self.tr("Open tickets ({count})").format(count=len(card.open_tickets) if card else 0)
        )
        self._history_box.setTitle(self.tr("History of this device"))
        labels = [
            self.tr("Model:"),
            self.tr("Customer:"),
            self.tr("Site:"),
            self.tr("Installed:"),
            self.tr("Warranty until:"),
            self.tr("Status:"),
            self.tr("Replacement:"),
        ]
        for label, text in zip(self._labels, labels, strict=True):
            label.setText(text)
        if card is None:
            for blank in (self.serial, self.model, self.site, self.installed):
                blank.setText("")
            for blank in (self.warranty_end, self.device_status, self.replacement):
                blank.setText("")
            self.customer_button.setText("")
            self.warranty_badge.hide()
            self.tier_badge.hide()
            return
        self.serial.setText(card.serial)
        for index, contract in enumerate(card.contracts):
            item = self.contracts.topLevelItem(index)
            if item is not None:
                item.setText(3, contract_label(contract.state))
        self.model.setText(model_text(card.model_code, card.model_name))
        self.customer_button.setText(card.customer_name)
        self.tier_badge.setText(tier_label(card.customer_tier))
        self.tier_badge.setStyleSheet(
            badge_style(TIER_COLOURS.get(card.customer_tier, TIER_COLOURS["standard"]))
        )
        self.tier_badge.show()
        self.site.setText(card.site_name or "-")
        self.installed.setText(card.install_date.isoformat() if card.install_date else "-")
        self.warranty_end.setText(card.warranty_end.isoformat() if card.warranty_end else "-")
        self.device_status.setText(device_status_label(card.status))
        self.warranty_badge.setText(warranty_label(card.warranty_state))
        self.warranty_badge.setStyleSheet(
            badge_style(WARRANTY_COLOURS.get(card.warranty_state, WARRANTY_COLOURS["chargeable"]))
        )
        self.warranty_badge.show()
        parts = []
        if card.replaced_by is not None:
            parts.append(
                self.tr("replaced by {serial}").format(
                    serial=f'<a href="{card.replaced_by.id}">{card.replaced_by.serial}</a>'
                )
            )
        if card.replaces is not None:
            parts.append(
                self.tr("replaces {serial}").format(
                    serial=f'<a href="{card.replaces.id}">{card.replaces.serial}</a>'
                )
            )
        self.replacement.setText("; ".join(parts) or "-")

    def _set_state(self, state: str) -> None:
        self._state = state
        if state == "loading":
            self.status.setText(self.tr("Loading…"))
        elif state == "error" and self._error is not None:
            self.status.setText(error_text(self._error, self.tr("There is no such device.")))
        else:
            self.status.setText("")

    # --- actions -------------------------------------------------------------------------

    def _open_customer(self) -> None:
        if self._card is not None:
            self.customer_chosen.emit(self._card.customer_id)

    def _ticket_activated(self, index: QModelIndex) -> None:
        self.ticket_chosen.emit(self.tickets_model.row(index.row()).id)

    def _new_call(self) -> None:
        if self._card is not None:
            self.new_call_requested.emit(self._card.customer_id, 0, self._card.id)

    def _plans(self) -> None:
        if self._card is not None:
            self.plans_requested.emit(self._card.id)

    def passport_label(self, path: str | None = None) -> None:
        """Save the device's passport label (its QR code and key facts) as a PDF to stick on
        it; asks where unless `path` is given."""
        card = self._card
        if card is None:
            return
        if path is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            name = f"passport-{card.serial}.pdf"
            path, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the passport label"),
                str(Path(folder) / name) if folder else name,
                self.tr("PDF files (*.pdf)"),
            )
            if not path:
                return
        chosen = path
        self._runner.read(
            passport_facts,
            self._db,
            card.id,
            on_done=lambda facts: self._write_label(facts, chosen),
            on_error=self._failed,
        )

    def _write_label(self, facts: PassportFacts, path: str) -> None:
        try:
            write_passport_label(facts, path)
        except OSError as error:
            self.status.setText(
                self.tr("Could not write {path}: {reason}").format(path=path, reason=error)
            )
            return
        self.status.setText(self.tr("Passport label saved to {path}.").format(path=path))

    def retranslate(self) -> None:
        self.new_call_button.setText(self.tr("New call"))
        self.plans_button.setText(self.tr("Maintenance plans…"))
        self.plans_button.setToolTip(
            self.tr("Preventive maintenance and inspection plans of this device")
        )
        self.label_button.setText(self.tr("Passport &label…"))
        self.label_button.setToolTip(
            self.tr("A label with the device's QR code to stick on it: scanning it opens this card")
        )
        self.contracts.setHeaderLabels(
            [self.tr("Contract"), self.tr("SLA plan"), self.tr("Valid"), self.tr("State")]
        )
        self.tickets_model.retranslate()
        self._words()
        self._set_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
