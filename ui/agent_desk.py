"""The agent desk: find the caller, see their card and history, log the call — on one screen.

Left the search (Ctrl+K / F2), in the middle the customer's or device's card with its history,
on the right the call being logged (Ctrl+N) with similar past faults beside it. A screen pop
from telephony opens the caller's card and starts the call; an unknown number starts a call
for a new caller with the number filled in.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.call_form import CallFormView
from ui.customer_card import CustomerCardView
from ui.equipment_card import EquipmentCardView
from ui.maintenance_plans_dialog import MaintenancePlansDialog, open_plans_dialog
from ui.search_panel import SearchPanel
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.drafts import Draft, DraftStore
from workstation.services.auth import SignedInUser
from workstation.services.screen_pop import IncomingCall, identify_caller

SEARCH_WIDTH = 320
SEARCH_MIN_WIDTH = 220


class _StartHint(QWidget):
    """What the middle shows before a caller is found: how to start, in plain words."""

    def __init__(self, lead: QWidget | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = QLabel()
        self._text.setObjectName("deskHint")
        self._text.setWordWrap(True)
        self._text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        if lead is not None:
            layout.addWidget(lead)
        layout.addWidget(self._text)
        layout.addStretch(1)
        self.retranslate()

    def text(self) -> str:
        return self._text.text()

    def retranslate(self) -> None:
        self._text.setText(
            self.tr(
                "Find the caller: type a phone number (or only its last digits), a name, pinyin "
                "initials, a company, a serial number or a ticket number in the search on the "
                "left (Ctrl+K or F2). A scanned serial number opens its device at once.\n\n"
                "New call: Ctrl+N, filled in from the customer or device that is open."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AgentDeskPage(QWidget):
    """The area an agent lives in all day; the main window routes shortcuts and pops here."""

    # The number of the ticket a saved call opened or added to (for the status bar).
    call_saved = Signal(str)
    ticket_opened = Signal(int)  # a ticket chosen on a card, its history or the search

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        drafts: DraftStore,
        lead: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page_agent_desk")
        self._db = db
        self._runner = runner
        self._user = user
        self._contact_id = 0
        self._equipment_id = 0
        self.unsaved_question: QMessageBox | None = None  # the last one asked (for tests)

        self.search = SearchPanel(db, runner)
        self.customer_card = CustomerCardView(db, runner)
        self.equipment_card = EquipmentCardView(db, runner)
        self.hint = _StartHint(lead)
        self.cards = QStackedWidget()
        self.cards.setObjectName("deskCards")
        # Below the cards' natural width their heading squeezes; the desk still fits a small
        # (800 px wide) screen beside the navigation.
        self.cards.setMinimumWidth(440)
        for widget in (self.hint, self.customer_card, self.equipment_card):
            self.cards.addWidget(widget)

        self.call_form = CallFormView(db, runner, user, drafts)
        self.call_form.setVisible(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("deskSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.search)
        self.splitter.addWidget(self.cards)
        self.splitter.addWidget(self.call_form)
        self.splitter.setCollapsible(0, True)  # the search folds away for a call on a small screen
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([SEARCH_WIDTH, 560, 520])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.search.customer_chosen.connect(self.show_customer)
        self.search.equipment_chosen.connect(self.show_equipment)
        self.search.ticket_chosen.connect(self._ticket_chosen)
        self.customer_card.equipment_chosen.connect(self.show_equipment)
        self.customer_card.new_call_requested.connect(self._call_requested)
        self.equipment_card.customer_chosen.connect(lambda cid: self.show_customer(cid, 0))
        self.equipment_card.new_call_requested.connect(self._call_requested)
        self.customer_card.ticket_chosen.connect(self.ticket_opened)
        self.equipment_card.ticket_chosen.connect(self.ticket_opened)
        self.equipment_card.plans_requested.connect(lambda eid: self._plans(equipment_id=eid))
        for card in (self.customer_card, self.equipment_card):
            card.contract_plans_requested.connect(lambda cid: self._plans(contract_id=cid))
        self.call_form.saved.connect(self._call_saved)
        self.call_form.ended.connect(self._call_ended)

    # -- what is open ----------------------------------------------------------------

    @Slot(int, int)
    def show_customer(self, customer_id: int, contact_id: int = 0) -> None:
        self._contact_id = contact_id
        self._equipment_id = 0
        self.customer_card.show_customer(customer_id)
        self.cards.setCurrentWidget(self.customer_card)

    @Slot(int)
    def show_equipment(self, equipment_id: int) -> None:
        self._equipment_id = equipment_id
        self.equipment_card.show_equipment(equipment_id)
        self.cards.setCurrentWidget(self.equipment_card)

    @Slot(int, int)
    def _ticket_chosen(self, ticket_id: int, customer_id: int) -> None:
        # The caller's card beside the call, the ticket in a window of its own.
        self.show_customer(customer_id, 0)
        self.ticket_opened.emit(ticket_id)

    # -- calls -----------------------------------------------------------------------

    def new_call(self) -> None:
        """Ctrl+N: a call for what is open (customer, contact, device), else a blank one."""
        customer_id = equipment_id = 0
        if self.cards.currentWidget() is self.customer_card:
            customer_id = self.customer_card.current_customer_id or 0
        elif self.cards.currentWidget() is self.equipment_card:
            equipment_id = self._equipment_id
            customer_id = self.equipment_card.current_customer_id or 0
        self._start_call(customer_id, self._contact_id, equipment_id, "", "")

    @Slot(int, int, int)
    def _call_requested(self, customer_id: int, contact_id: int, equipment_id: int) -> None:
        self._start_call(customer_id, contact_id, equipment_id, "", "")

    def _start_call(
        self, customer_id: int, contact_id: int, equipment_id: int, phone: str, call_id: str
    ) -> None:
        """Start the call; over an unsaved one only once the agent agrees (it stays a draft)."""
        start = partial(self._start_now, customer_id, contact_id, equipment_id, phone, call_id)
        if not self.call_form.has_unsaved_call():
            start()
            return
        box = QMessageBox(self)
        box.setObjectName("unsavedCallQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Call not saved"))
        box.setText(self.tr("The call on the form is not saved yet. Start a new call?"))
        box.setInformativeText(
            self.tr(
                "What was typed stays kept as an unsaved call; File → Unsaved calls brings it back."
            )
        )
        new_button = box.addButton(self.tr("Start &new call"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(new_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _code: start() if box.clickedButton() is new_button else None)
        self.unsaved_question = box
        box.open()

    def _start_now(
        self, customer_id: int, contact_id: int, equipment_id: int, phone: str, call_id: str
    ) -> None:
        self._show_form()
        self.call_form.start_call(
            customer_id=customer_id,
            contact_id=contact_id,
            equipment_id=equipment_id,
            phone=phone,
            external_call_id=call_id,
        )

    def screen_pop(self, phone: str, call_id: str = "") -> None:
        """Telephony says who is calling: open their card and start the call."""
        self._runner.read(
            identify_caller,
            self._db,
            phone,
            on_done=lambda call: self._popped(call, call_id),
            key="screen-pop",
        )

    def _popped(self, call: IncomingCall, call_id: str) -> None:
        if call.callers:
            first = call.callers[0]
            self.show_customer(first.customer_id, first.contact_id)
            if len(call.callers) > 1:
                self.search.set_query(call.phone)  # the agent sees who else has this number
            self._start_call(first.customer_id, first.contact_id, 0, call.phone, call_id)
        else:
            self.cards.setCurrentWidget(self.hint)
            self._start_call(0, 0, 0, call.phone, call_id)

    def restore_draft(self, draft: Draft) -> None:
        """A call kept when the desk last stopped: back on the form as it was typed."""
        self._show_form()
        self.call_form.restore_draft(draft.data)

    def _show_form(self) -> None:
        """The form beside the card. Where the three panes do not fit, the search folds away
        while the call is typed (Ctrl+K brings it back)."""
        if self.call_form.isVisible():
            return
        self.call_form.setVisible(True)
        search, card, form = self.splitter.sizes()
        room = search + card + form
        card_min = self.cards.minimumWidth()
        form_min = self.call_form.minimumSizeHint().width()
        search = min(max(search, SEARCH_WIDTH), room - card_min - form_min)
        if search < SEARCH_MIN_WIDTH:
            search = 0
        rest = room - search
        form = max(form_min, rest // 2)
        self.splitter.setSizes([search, rest - form, form])

    def focus_search(self) -> None:
        """Ctrl+K / F2: the search, unfolded again if the call form had folded it away."""
        search, card, form = self.splitter.sizes()
        if search == 0 and not self.call_form.isVisible():
            self.splitter.setSizes([SEARCH_WIDTH, card + form - SEARCH_WIDTH, 0])
        elif search == 0:
            width = min(SEARCH_WIDTH, card + form - self.cards.minimumWidth())
            if width < SEARCH_MIN_WIDTH:  # no room beside the card: the form gives way
                width = SEARCH_WIDTH
            taken_from_card = min(width, max(0, card - self.cards.minimumWidth()))
            self.splitter.setSizes([width, card - taken_from_card, form - width + taken_from_card])
        self.search.focus_search()

    def _plans(
        self, *, equipment_id: int | None = None, contract_id: int | None = None
    ) -> MaintenancePlansDialog:
        """The maintenance plans of the device or contract on the card (not modal)."""
        return open_plans_dialog(
            self._db,
            self._runner,
            self._user,
            self,
            equipment_id=equipment_id,
            contract_id=contract_id,
        )

    @Slot(object)
    def _call_saved(self, saved: object) -> None:
        number = getattr(saved, "ticket_number", "") or ""
        self.call_saved.emit(number)
        if self.cards.currentWidget() is self.customer_card:
            self.customer_card.refresh()
        elif self.cards.currentWidget() is self.equipment_card:
            self.equipment_card.refresh()

    @Slot()
    def _call_ended(self) -> None:
        self.call_form.setVisible(False)
        self.focus_search()

    def shutdown(self) -> None:
        """Before the window goes: what is typed on the call form stays kept as a draft."""
        self.call_form.shutdown()

    # -- live ------------------------------------------------------------------------

    def on_changes(self, changes: list[Change]) -> None:
        self.customer_card.on_changes(changes)
        self.equipment_card.on_changes(changes)
