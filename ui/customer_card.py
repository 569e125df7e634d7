"""The customer card: name and tier, contacts, sites, contracts, equipment, open tickets, history.

Read on a worker (one service call); re-read when a change from any desk touches it. The
tables of equipment and open tickets are models over plain rows; the editing dialogs are
another screen's: this card only asks for them (`edit_requested`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.cell_tips import show_cut_text_as_tips
from ui.elided_label import ElidedLabel
from ui.history_view import HistoryView
from ui.local_time import local_text
from ui.tasks import TaskRunner, is_problem
from ui.vocabulary import customer_kind_name, ticket_status_name
from workstation.changes import Change
from workstation.db import Database
from workstation.services.customer_card import (
    ContractRow,
    CustomerCard,
    EquipmentRow,
    OpenTicketRow,
    customer_card,
)

Index = QModelIndex | QPersistentModelIndex

# Badge and state colours: (text, background).
TIER_COLOURS = {
    "vip": ("#7a4b00", "#ffd75e"),
    "key": ("#0b3d91", "#cfe0ff"),
    "standard": ("#404040", "#e4e4e4"),
}
WARRANTY_COLOURS = {
    "in_warranty": ("#1b6e20", "#dff3df"),
    "under_contract": ("#0b3d91", "#dde8fb"),
    "chargeable": ("#8a3a00", "#fde4cf"),
}
SLA_COLOURS = {
    "on_track": ("#1b6e20", None),
    "at_risk": ("#7a4b00", "#ffe8a8"),
    "breached": ("#ffffff", "#c62828"),
}
EXPIRED_GREY = "#8a8a8a"


def tier_label(tier: str) -> str:
    names = {
        "vip": QCoreApplication.translate("CustomerCard", "VIP"),
        "key": QCoreApplication.translate("CustomerCard", "Key account"),
        "standard": QCoreApplication.translate("CustomerCard", "Standard"),
    }
    return names.get(tier, tier)


def warranty_label(state: str) -> str:
    names = {
        "in_warranty": QCoreApplication.translate("CustomerCard", "In warranty"),
        "under_contract": QCoreApplication.translate("CustomerCard", "Under contract"),
        "chargeable": QCoreApplication.translate("CustomerCard", "Chargeable"),
    }
    return names.get(state, state)


def sla_label(state: str) -> str:
    names = {
        "on_track": QCoreApplication.translate("CustomerCard", "On track"),
        "at_risk": QCoreApplication.translate("CustomerCard", "At risk"),
        "breached": QCoreApplication.translate("CustomerCard", "Breached"),
        "": QCoreApplication.translate("CustomerCard", "No target"),
    }
    return names.get(state, state)


def contract_label(state: str) -> str:
    names = {
        "valid": QCoreApplication.translate("CustomerCard", "valid"),
        "expired": QCoreApplication.translate("CustomerCard", "expired"),
        "not_yet_valid": QCoreApplication.translate("CustomerCard", "not yet valid"),
    }
    return names.get(state, state)


def device_status_label(status: str) -> str:
    names = {
        "active": QCoreApplication.translate("CustomerCard", "active"),
        "replaced": QCoreApplication.translate("CustomerCard", "replaced"),
        "retired": QCoreApplication.translate("CustomerCard", "retired"),
    }
    return names.get(status, status)


def model_text(code: str, name: str) -> str:
    """A model as people name it: its name, with the code in front unless the name has it."""
    return name if name.startswith(code) else f"{code} {name}"


def badge_style(colours: tuple[str, str]) -> str:
    text, background = colours
    return (
        f"QLabel {{ color: {text}; background: {background}; border-radius: 4px;"
        " padding: 2px 8px; font-weight: bold; }"
    )


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else ""


@dataclass(frozen=True)
class Column:
    """One column of a RowsModel: its header and how a row shows in it."""

    header: Callable[[], str]
    text: Callable[[Any], str]
    colours: Callable[[Any], tuple[str | None, str | None] | None] | None = None
    bold: Callable[[Any], bool] | None = None


class RowsModel(QAbstractTableModel):
    """A table over frozen rows with an `id`; columns say how each row shows."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def row(self, index: int) -> Any:
        return self._rows[index]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == self.IdRole:
            return row.id
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            colours = column.colours(row) if column.colours else None
            if not colours:
                return None
            colour = colours[0] if role == Qt.ItemDataRole.ForegroundRole else colours[1]
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.FontRole and column.bold and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )


def rows_table(model: RowsModel, name: str) -> QTableView:
    """A read-only, row-selecting table the cards use."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    show_cut_text_as_tips(table)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def open_ticket_columns(with_serial: bool = True) -> list[Column]:
    """The open tickets table of both cards; SLA at risk / breached stand out."""

    def sla_colours(row: OpenTicketRow) -> tuple[str | None, str | None] | None:
        return SLA_COLOURS.get(row.sla_state)

    columns = [
        Column(lambda: QCoreApplication.translate("CustomerCard", "Ticket"), lambda r: r.number),
        Column(
            lambda: QCoreApplication.translate("CustomerCard", "Reported"),
            lambda r: local_text(r.reported_at),
        ),
        Column(
            lambda: QCoreApplication.translate("CustomerCard", "Priority"), lambda r: r.priority
        ),
        Column(
            lambda: QCoreApplication.translate("CustomerCard", "Status"),
            lambda r: ticket_status_name(r.status),
        ),
        Column(
            lambda: QCoreApplication.translate("CustomerCard", "SLA"),
            lambda r: sla_label(r.sla_state),
            sla_colours,
            lambda r: r.sla_state == "breached",
        ),
        Column(
            lambda: QCoreApplication.translate("CustomerCard", "Due"),
            lambda r: (
                local_text(due)
                if (due := r.response_due_at if r.sla_target == "response" else r.resolution_due_at)
                else ""
            ),
        ),
    ]
    if with_serial:
        columns.append(
            Column(lambda: QCoreApplication.translate("CustomerCard", "Serial"), lambda r: r.serial)
        )
    columns.append(
        Column(lambda: QCoreApplication.translate("CustomerCard", "Fault"), lambda r: r.summary)
    )
    return columns


def contract_item(row: ContractRow) -> QTreeWidgetItem:
    item = QTreeWidgetItem(
        [
            row.number,
            row.plan_name,
            f"{_day(row.valid_from)} – {_day(row.valid_to)}",
            contract_label(row.state),
        ]
    )
    item.setData(0, Qt.ItemDataRole.UserRole, row.id)
    tip = QCoreApplication.translate(
        "CustomerCard", "Double-click: the maintenance plans of this contract"
    )
    for column in range(4):
        item.setToolTip(column, tip)
    if row.state != "valid":
        for column in range(4):
            item.setForeground(column, QBrush(QColor(EXPIRED_GREY)))
    if row.state == "expired":
        font = item.font(3)
        font.setStrikeOut(False)
        font.setItalic(True)
        item.setFont(3, font)
    return item


def small_tree(name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return tree


def error_text(error: BaseException, missing: str) -> str:
    if isinstance(error, LookupError):
        return missing
    if is_problem(error) is not None:
        return QCoreApplication.translate(
            "CustomerCard", "The database is not reachable; the card shows what was read before."
        )
    return QCoreApplication.translate("CustomerCard", "The card could not be read.")


class CustomerCardView(QWidget):
    """One customer at a glance, and its history in a tab."""

    equipment_chosen = Signal(int)
    ticket_chosen = Signal(int)
    new_call_requested = Signal(int, int, int)  # customer, contact or 0, equipment or 0
    edit_requested = Signal(str, int)  # "customer" | "contact" | "site" | "equipment", id
    contract_plans_requested = Signal(int)  # a contract's maintenance plans

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._customer_id: int | None = None
        self._card: CustomerCard | None = None
        self._merged_from: int | None = None
        self._merged_name = ""
        self._key = f"customer-card-{id(self)}"
        self._state = ""
        self._error: BaseException | None = None

        self.name = ElidedLabel()  # a long company name must not push the buttons away
        self.name.setObjectName("cardName")
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tier_badge = QLabel()
        self.tier_badge.setObjectName("tierBadge")
        self.facts = QLabel()
        self.facts.setObjectName("cardFacts")
        self.facts.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("cardNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.status = QLabel()
        self.status.setObjectName("cardStatus")

        self.new_call_button = QPushButton()
        self.new_call_button.setObjectName("newCallButton")
        self.new_call_button.clicked.connect(self._new_call)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editCustomerButton")
        self.edit_button.clicked.connect(self._edit_customer)
        self.edit_device_button = QPushButton()
        self.edit_device_button.setObjectName("editDeviceButton")
        self.edit_device_button.clicked.connect(self._edit_device)
        self.edit_device_button.setEnabled(False)

        self.contacts = small_tree("contactsTree")
        self.contacts.itemActivated.connect(
            lambda item: self.edit_requested.emit("contact", item.data(0, Qt.ItemDataRole.UserRole))
        )
        self.sites = small_tree("sitesTree")
        self.sites.itemActivated.connect(
            lambda item: self.edit_requested.emit("site", item.data(0, Qt.ItemDataRole.UserRole))
        )
        self.contracts = small_tree("contractsTree")
        self.contracts.itemActivated.connect(
            lambda item: self.contract_plans_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))
        )

        self.equipment_model = RowsModel(self._equipment_columns(), self)
        self.equipment = rows_table(self.equipment_model, "equipmentTable")
        self.equipment.activated.connect(self._device_activated)
        self.equipment.selectionModel().selectionChanged.connect(self._selection_changed)

        self.tickets_model = RowsModel(open_ticket_columns(), self)
        self.tickets = rows_table(self.tickets_model, "openTicketsTable")
        self.tickets.activated.connect(self._ticket_activated)

        self.history = HistoryView(db, runner)
        self.history.ticket_chosen.connect(self.ticket_chosen)

        self._contacts_box = self._boxed(self.contacts)
        self._sites_box = self._boxed(self.sites)
        self._contracts_box = self._boxed(self.contracts)
        self._equipment_box = self._boxed(self.equipment)
        self._tickets_box = self._boxed(self.tickets)

        top = QWidget()
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(self._contacts_box, 3)
        top_row.addWidget(self._sites_box, 2)
        top_row.addWidget(self._contracts_box, 3)
        overview = QSplitter(Qt.Orientation.Vertical)
        overview.setChildrenCollapsible(False)
        overview.addWidget(top)
        overview.addWidget(self._equipment_box)
        overview.addWidget(self._tickets_box)
        overview.setSizes([120, 240, 200])

        self.tabs = QTabWidget()
        self.tabs.setObjectName("cardTabs")
        self.tabs.addTab(overview, "")
        self.tabs.addTab(self.history, "")

        heading = QHBoxLayout()
        heading.addWidget(self.name)
        heading.addWidget(self.tier_badge)
        heading.addStretch(1)
        heading.addWidget(self.status)
        heading.addWidget(self.new_call_button)
        heading.addWidget(self.edit_button)
        heading.addWidget(self.edit_device_button)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.notice)
        layout.addWidget(rule)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self._show_card(None)

    @staticmethod
    def _boxed(widget: QWidget) -> QGroupBox:
        box = QGroupBox()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(6, 6, 6, 6)
        inner.addWidget(widget)
        return box

    def _equipment_columns(self) -> list[Column]:
        return [
            Column(
                lambda: QCoreApplication.translate("CustomerCard", "Model"),
                lambda r: model_text(r.model_code, r.model_name),
            ),
            Column(
                lambda: QCoreApplication.translate("CustomerCard", "Serial"), lambda r: r.serial
            ),
            Column(
                lambda: QCoreApplication.translate("CustomerCard", "Site"), lambda r: r.site_name
            ),
            Column(
                lambda: QCoreApplication.translate("CustomerCard", "Installed"),
                lambda r: _day(r.install_date),
            ),
            Column(
                lambda: QCoreApplication.translate("CustomerCard", "Warranty until"),
                lambda r: _day(r.warranty_end),
            ),
            Column(
                lambda: QCoreApplication.translate("CustomerCard", "Warranty"),
                lambda r: warranty_label(r.warranty_state),
                lambda r: WARRANTY_COLOURS.get(r.warranty_state),
                lambda r: True,
            ),
            Column(
                lambda: QCoreApplication.translate("CustomerCard", "Status"),
                lambda r: device_status_label(r.status),
            ),
        ]

    # --- public --------------------------------------------------------------------------

    @property
    def current_customer_id(self) -> int | None:
        return self._customer_id

    @property
    def card(self) -> CustomerCard | None:
        """The card as last read (None while the first read of a customer runs)."""
        return self._card

    def show_customer(self, customer_id: int) -> None:
        if customer_id != self._customer_id:
            self._merged_from = None
            self._customer_id = customer_id
            self._card = None
            self._show_card(None)
            self.history.show_customer(customer_id)
        self._read()

    def refresh(self) -> None:
        """Read the card again; tables keep their scroll position."""
        if self._customer_id is not None:
            self._read()

    def on_changes(self, changes: list[Change]) -> None:
        """Re-read when a change from any desk touches this customer."""
        if self._customer_id is None:
            return
        card_too = history_too = False
        devices = {row.id for row in self.equipment_model.rows()}
        tickets = {row.id for row in self.tickets_model.rows()}
        me = self._customer_id
        for change in changes:
            data = change.data or {}
            customers = {data.get(k) for k in ("customer_id", "from_customer_id", "into_id")}
            if change.entity == "customer" and (change.entity_id == me or me in customers):
                card_too = history_too = True
            elif change.entity in ("contact", "site") and me in customers:
                card_too = True
            elif change.entity == "equipment" and (change.entity_id in devices or me in customers):
                card_too = history_too = True
            elif change.entity == "import" and (
                data.get("many") or me in data.get("customer_ids", ())
            ):
                card_too = history_too = True  # one entry for a whole import: its touched ids
            elif change.entity in ("ticket", "call"):
                if me in customers or (devices and data.get("equipment_id") in devices):
                    card_too = history_too = True
                elif change.entity_id in tickets or "customer_id" not in data:
                    card_too = True  # unsure: the open tickets are cheap to read again
        if card_too:
            self.refresh()
        if history_too:
            self.history.reload(keep_position=True)

    # --- reading -------------------------------------------------------------------------

    def _read(self) -> None:
        assert self._customer_id is not None
        self._set_state("loading")
        self._runner.read(
            customer_card,
            self._db,
            self._customer_id,
            on_done=self._loaded,
            on_error=self._failed,
            key=self._key,  # a newer read supersedes this one: its late answer is dropped
        )

    def _loaded(self, card: CustomerCard) -> None:
        if card.merged_into_id is not None and card.merged_into_id != card.id:
            merged_from = card.id
            self.show_customer(card.merged_into_id)
            self._merged_from = merged_from
            self._merged_name = card.name
            self.retranslate()
            return
        self._card = card
        self._show_card(card)
        self._set_state("")

    def _failed(self, error: BaseException) -> None:
        self._error = error
        self._set_state("error")

    # --- showing -------------------------------------------------------------------------

    def _show_card(self, card: CustomerCard | None) -> None:
        scrolls = [(t, t.verticalScrollBar().value()) for t in (self.equipment, self.tickets)]
        self.equipment_model.set_rows(card.equipment if card else ())
        self.tickets_model.set_rows(card.open_tickets if card else ())
        for table, value in scrolls:
            table.verticalScrollBar().setValue(value)
        self.contacts.clear()
        self.sites.clear()
        self.contracts.clear()
        self.new_call_button.setEnabled(card is not None)
        self.edit_button.setEnabled(card is not None)
        self.edit_device_button.setEnabled(False)
        if card is None:
            self.name.set_full_text("")
            self.tier_badge.hide()
            self.facts.setText("")
            self._retitle()
            return
        self.name.set_full_text(card.name)
        self.name.setToolTip(card.name)
        for contact in card.contacts:
            phones = ", ".join(p.raw for p in contact.phones)
            item = QTreeWidgetItem([contact.name, phones, contact.email or contact.wechat])
            item.setData(0, Qt.ItemDataRole.UserRole, contact.id)
            item.setToolTip(1, "\n".join(p.e164 for p in contact.phones))
            self.contacts.addTopLevelItem(item)
        for site in card.sites:
            item = QTreeWidgetItem([site.name, site.city, site.address])
            item.setData(0, Qt.ItemDataRole.UserRole, site.id)
            self.sites.addTopLevelItem(item)
        for contract in card.contracts:
            self.contracts.addTopLevelItem(contract_item(contract))
        for tree in (self.contacts, self.sites, self.contracts):
            for column in range(tree.columnCount() - 1 if tree.topLevelItemCount() else 0):
                tree.resizeColumnToContents(column)
        for table, value in scrolls:
            if not value and table.model().rowCount():
                table.resizeColumnsToContents()
        self._words_of_card()

    def _words_of_card(self) -> None:
        card = self._card
        self._retitle()
        if card is None:
            return
        self.tier_badge.setText(tier_label(card.tier))
        self.tier_badge.setStyleSheet(
            badge_style(TIER_COLOURS.get(card.tier, TIER_COLOURS["standard"]))
        )
        self.tier_badge.setVisible(True)
        facts = [customer_kind_name(card.kind)]
        if card.region_name:
            facts.append(self.tr("Region {region}").format(region=card.region_name))
        if card.address:
            facts.append(card.address)
        if card.notes:
            facts.append(card.notes)
        self.facts.setText(" · ".join(facts))
        for index in range(self.contracts.topLevelItemCount()):
            item = self.contracts.topLevelItem(index)
            if item is not None:
                item.setText(3, contract_label(card.contracts[index].state))

    def _retitle(self) -> None:
        card = self._card
        self._contacts_box.setTitle(self.tr("Contacts"))
        self._sites_box.setTitle(self.tr("Sites"))
        self._contracts_box.setTitle(self.tr("Contracts"))
        self._equipment_box.setTitle(
            self.tr("Equipment ({count})").format(count=len(card.equipment) if card else 0)
        )
        self._tickets_box.setTitle(
            self.tr("Open tickets ({count})").format(count=len(card.open_tickets) if card else 0)
        )

    def _set_state(self, state: str) -> None:
        self._state = state
        if state == "loading":
            self.status.setText(self.tr("Loading…"))
        elif state == "error" and self._error is not None:
            self.status.setText(error_text(self._error, self.tr("There is no such customer.")))
        else:
            self.status.setText("")

    # --- actions -------------------------------------------------------------------------

    def _selected_device(self) -> int:
        rows = self.equipment.selectionModel().selectedRows()
        return self.equipment_model.row(rows[0].row()).id if rows else 0

    def _selection_changed(self) -> None:
        self.edit_device_button.setEnabled(bool(self._selected_device()))

    def _device_activated(self, index: QModelIndex) -> None:
        row: EquipmentRow = self.equipment_model.row(index.row())
        self.equipment_chosen.emit(row.id)

    def _ticket_activated(self, index: QModelIndex) -> None:
        self.ticket_chosen.emit(self.tickets_model.row(index.row()).id)

    def _new_call(self) -> None:
        if self._card is None:
            return
        item = self.contacts.currentItem()
        contact = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else 0
        self.new_call_requested.emit(self._card.id, contact or 0, self._selected_device())

    def _edit_customer(self) -> None:
        if self._card is not None:
            self.edit_requested.emit("customer", self._card.id)

    def _edit_device(self) -> None:
        device = self._selected_device()
        if device:
            self.edit_requested.emit("equipment", device)

    # --- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.new_call_button.setText(self.tr("New call"))
        self.edit_button.setText(self.tr("Edit customer"))
        self.edit_device_button.setText(self.tr("Edit device"))
        self.contacts.setHeaderLabels(
            [self.tr("Name"), self.tr("Phones"), self.tr("E-mail / WeChat")]
        )
        self.sites.setHeaderLabels([self.tr("Site"), self.tr("City"), self.tr("Address")])
        self.contracts.setHeaderLabels(
            [self.tr("Contract"), self.tr("SLA plan"), self.tr("Valid"), self.tr("State")]
        )
        self.tabs.setTabText(0, self.tr("Card"))
        self.tabs.setTabText(1, self.tr("History"))
        self.equipment_model.retranslate()
        self.tickets_model.retranslate()
        if self._merged_from is not None:
            self.notice.setText(
                self.tr("{name} (no. {old}) was merged into this customer.").format(
                    name=self._merged_name, old=self._merged_from
                )
            )
            self.notice.show()
        else:
            self.notice.hide()
        self._words_of_card()
        self._set_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
