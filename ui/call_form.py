"""The structured fault form an agent logs a call on: validated at the field, kept as a draft,
saved once even across a lost connection, then wrapped up."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import speaks_chinese
from ui.local_time import date_text, local_text
from ui.problems import problem_message
from ui.roles import refusal_text
from ui.similar_faults import SimilarFaultsPanel
from ui.tasks import TaskRunner, is_problem
from ui.wrap_up import WrapUpDialog
from workstation.db import Database
from workstation.drafts import Draft, DraftStore, form_from_data, form_to_data
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.intake import (
    CHANNELS,
    EXTERNAL_FACTORS,
    FIRST_CALL_RESOLUTION_TYPES,
    SEVERITIES,
    URGENCIES,
    CallContext,
    CallForm,
    CallRejected,
    DeviceInfo,
    FieldError,
    IntakeChecks,
    SavedCall,
    call_context,
    device_by_serial,
    end_call,
    intake_checks,
    save_call,
    validate_call,
)
from workstation.services.options import (
    CodeOption,
    ProductModelOption,
    SymptomOption,
    error_codes,
    product_models,
    symptom_categories,
)

DRAFT_DEBOUNCE_MS = 300
DRAFT_EVERY_MS = 5000
LOOKUP_DEBOUNCE_MS = 300
RETRY_EVERY_MS = 5000
_NO_DATE = QDate(1990, 1, 1)
_NO_DATETIME = QDateTime(QDate(2000, 1, 1), QTime(0, 0))
_INVALID_STYLE = '*[invalid="true"] { border: 1px solid #c62828; }'
_WRAP_UP_FOR = {
    "queue": "ticket_created",
    "resolved": "resolved",
    "add_to_ticket": "added_to_ticket",
    "info_only": "information_only",
}


def channel_name(code: str) -> str:
    return {
        "phone": QCoreApplication.translate("CallForm", "Phone"),
        "email": QCoreApplication.translate("CallForm", "E-mail"),
        "wechat": QCoreApplication.translate("CallForm", "WeChat"),
        "web": QCoreApplication.translate("CallForm", "Web form"),
        "walk_in": QCoreApplication.translate("CallForm", "Walk-in"),
    }.get(code, code)


def urgency_name(code: str) -> str:
    return {
        "low": QCoreApplication.translate("CallForm", "Low"),
        "normal": QCoreApplication.translate("CallForm", "Normal"),
        "high": QCoreApplication.translate("CallForm", "High"),
        "urgent": QCoreApplication.translate("CallForm", "Urgent"),
    }.get(code, code)


def severity_name(code: str) -> str:
    return {
        "critical": QCoreApplication.translate("CallForm", "Critical: down, no workaround"),
        "major": QCoreApplication.translate("CallForm", "Major: impaired"),
        "minor": QCoreApplication.translate("CallForm", "Minor: inconvenience"),
    }.get(code, code)


def resolution_name(code: str) -> str:
    return {
        "first_call_fix": QCoreApplication.translate("CallForm", "Fixed with the caller's help"),
        "remote_fix": QCoreApplication.translate("CallForm", "Fixed remotely"),
        "no_fault_found": QCoreApplication.translate("CallForm", "No fault found"),
        "customer_side": QCoreApplication.translate("CallForm", "Cause on the customer's side"),
    }.get(code, code)


def factor_name(code: str) -> str:
    return {
        "power_cut": QCoreApplication.translate("CallForm", "Power cut"),
        "environment_change": QCoreApplication.translate("CallForm", "Environment change"),
        "moved": QCoreApplication.translate("CallForm", "Device moved"),
        "opened_by_customer": QCoreApplication.translate(
            "CallForm", "Opened or modified by the customer"
        ),
        "lightning": QCoreApplication.translate("CallForm", "Lightning or surge"),
        "water": QCoreApplication.translate("CallForm", "Water or humidity"),
        "dropped": QCoreApplication.translate("CallForm", "Dropped or knocked"),
    }.get(code, code)


def error_message(error: FieldError) -> str:
    """The message shown under the field for one validation code."""
    match (error.field, error.code):
        case (_, "required"):
            return QCoreApplication.translate("CallForm", "Required.")
        case (_, "phone_invalid"):
            return QCoreApplication.translate("CallForm", "Not a valid phone number.")
        case ("fault_started_at", "in_future"):
            return QCoreApplication.translate("CallForm", "The fault cannot start in the future.")
        case (_, "in_future"):
            return QCoreApplication.translate("CallForm", "The date cannot be in the future.")
        case (_, "after_fault_start"):
            return QCoreApplication.translate(
                "CallForm", "Installed after the fault started? Check both dates."
            )
        case (_, "serial_other_customer"):
            return QCoreApplication.translate(
                "CallForm",
                "This serial belongs to {owner}. Give a reason to log it for this customer.",
            ).format(owner=error.params.get("owner", ""))
        case (_, "model_required_for_new_serial"):
            return QCoreApplication.translate("CallForm", "New device: choose its model.")
        case (_, "customer_required_for_new_serial"):
            return QCoreApplication.translate(
                "CallForm", "Open the customer first: a new device needs an owner."
            )
        case (_, "customer_required_for_ticket"):
            return QCoreApplication.translate(
                "CallForm", "Open the customer's card first: a ticket needs a customer."
            )
        case (_, "contact_other_customer"):
            return QCoreApplication.translate(
                "CallForm", "This contact belongs to another customer."
            )
        case (_, "ticket_not_open"):
            return QCoreApplication.translate("CallForm", "That ticket is no longer open.")
        case (_, "not_found"):
            return QCoreApplication.translate("CallForm", "Not found: it may have been removed.")
    return QCoreApplication.translate("CallForm", "Not a valid value.")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def _banner(object_name: str, colour: str) -> QFrame:
    frame = QFrame()
    frame.setObjectName(object_name)
    frame.setStyleSheet(f"QFrame#{object_name} {{ background: {colour}; border-radius: 4px; }}")
    frame.setVisible(False)
    return frame


class CallFormView(QWidget):
    """New call: who, which device, what happened; then resolved, queued or added to a ticket."""

    saved = Signal(object)  # SavedCall
    ended = Signal()
    ticket_opened = Signal(int)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        drafts: DraftStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callForm")
        self._db = db
        self._runner = runner
        self._user = user
        self._drafts = drafts
        self._draft_id = uuid.uuid4().hex
        self._dirty = False  # changed since the draft was last written
        self._call_started_at = datetime.now(UTC)
        self._customer_id: int | None = None
        self._customer_name = ""
        self._external_call_id = ""
        self._context: CallContext | None = None
        self._models: tuple[ProductModelOption, ...] = ()
        self._symptoms: tuple[SymptomOption, ...] = ()
        self._error_options: tuple[CodeOption, ...] = ()
        self._device: DeviceInfo | None = None
        self._checks: IntakeChecks | None = None
        self._pending: CallForm | None = None  # a save waiting for the database to come back
        self._saving = False
        self._result: SavedCall | None = None
        self._last_errors: tuple[FieldError, ...] = ()
        self._want: dict[str, Any] = {}  # selections to apply when their lists arrive
        self._filling = 0

        self._build()
        self._connect()
        self.retranslate()
        self._runner.read(
            product_models, db, on_done=self._models_loaded, on_error=self._read_failed
        )

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = _bold(QLabel(), 1.4)
        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setStyleSheet("color: #c62828;")
        self.general_error.setWordWrap(True)
        self.general_error.setVisible(False)

        self.duplicate_banner = _banner("duplicateBanner", "#fff3cd")
        self.duplicate_text = QLabel()
        self.duplicate_text.setWordWrap(True)
        self.add_to_ticket_button = QPushButton()
        self.open_duplicate_button = QPushButton()
        row = QHBoxLayout(self.duplicate_banner)
        row.addWidget(self.duplicate_text, 1)
        row.addWidget(self.add_to_ticket_button)
        row.addWidget(self.open_duplicate_button)

        self.repeat_banner = _banner("repeatBanner", "#fde2e1")
        self.repeat_text = QLabel()
        self.repeat_text.setWordWrap(True)
        QHBoxLayout(self.repeat_banner).addWidget(self.repeat_text)

        self.connection_banner = _banner("connectionBanner", "#fde2e1")
        self.connection_text = QLabel()
        self.connection_text.setWordWrap(True)
        QHBoxLayout(self.connection_banner).addWidget(self.connection_text)

        self.result_banner = _banner("resultBanner", "#e3f2e1")
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.wrap_up_button = QPushButton()
        self.open_ticket_button = QPushButton()
        result_row = QHBoxLayout(self.result_banner)
        result_row.addWidget(self.result_text, 1)
        result_row.addWidget(self.open_ticket_button)
        result_row.addWidget(self.wrap_up_button)

        # The fields, in the order of the intake step (and the tab order).
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem("", code)
        self.caller_name = QLineEdit()
        self.phone = QLineEdit()
        self.contact = QComboBox()
        self.serial = QComboBox()
        self.serial.setEditable(True)
        self.serial.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.serial_hint = QLabel()
        self.serial_hint.setWordWrap(True)
        self.serial_owner_reason = QLineEdit()
        self.product_model = QComboBox()
        self.install_date = QDateEdit()
        self.install_date.setDisplayFormat("yyyy-MM-dd")  # as the cards show dates
        self.install_date.setCalendarPopup(True)
        self.install_date.setMinimumDate(_NO_DATE)
        self.install_date.setDate(_NO_DATE)
        self.warranty = QLabel()
        self.fault_started = QDateTimeEdit()
        self.fault_started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.fault_started.setCalendarPopup(True)
        self.fault_started.setMinimumDateTime(_NO_DATETIME)
        self.fault_started.setDateTime(_NO_DATETIME)
        self.symptom = QComboBox()
        self.error_code = QLineEdit()
        # The popup shows "E-0213  Fuser error"; typing matches, and inserts, the code alone.
        self.error_codes = QStandardItemModel(self)
        self.error_completer = QCompleter(self.error_codes, self.error_code)
        self.error_completer.setCompletionRole(Qt.ItemDataRole.UserRole)
        self.error_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.error_code.setCompleter(self.error_completer)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(70)
        self.description.setMaximumHeight(140)
        self.factors: dict[str, QCheckBox] = {}
        factors_box = QWidget()
        grid = QGridLayout(factors_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, code in enumerate(EXTERNAL_FACTORS):
            box = QCheckBox()
            self.factors[code] = box
            grid.addWidget(box, i, 0)  # one column: the form stays narrow beside the card
        self.urgency = QComboBox()
        for code in URGENCIES:
            self.urgency.addItem("", code)
        self.urgency.setCurrentIndex(URGENCIES.index("normal"))
        self.severity = QComboBox()
        self.severity.addItem("", "")
        for code in SEVERITIES:
            self.severity.addItem("", code)
        self.resolution_type = QComboBox()
        self.resolution_type.addItem("", "")
        for code in FIRST_CALL_RESOLUTION_TYPES:
            self.resolution_type.addItem("", code)
        self.solution = QPlainTextEdit()
        self.solution.setTabChangesFocus(True)
        self.solution.setMinimumHeight(60)
        self.solution.setMaximumHeight(120)

        self.queue_button = QPushButton()
        self.queue_button.setObjectName("submitToQueue")
        self.resolved_button = QPushButton()
        self.resolved_button.setObjectName("resolvedOnCall")
        self.info_button = QPushButton()
        self.info_button.setObjectName("informationOnly")

        # field name → (label, the widget, its error line)
        self._fields: dict[str, tuple[QLabel, QWidget, QLabel]] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def add(name: str, widget: QWidget, *extra: QWidget) -> None:
            label = QLabel()
            label.setBuddy(widget)
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setStyleSheet("color: #c62828;")
            error.setWordWrap(True)
            error.setVisible(False)
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            for item in extra:
                column.addWidget(item)
            column.addWidget(error)
            form.addRow(label, box)
            self._fields[name] = (label, widget, error)

        add("channel", self.channel)
        add("caller_name", self.caller_name)
        add("phone", self.phone)
        add("contact_id", self.contact)
        add("serial", self.serial, self.serial_hint)
        add("serial_owner_reason", self.serial_owner_reason)
        add("product_model_id", self.product_model)
        add("install_date", self.install_date, self.warranty)
        add("fault_started_at", self.fault_started)
        add("symptom_category_id", self.symptom)
        add("error_code", self.error_code)
        add("description", self.description)
        add("external_factors", factors_box)
        add("urgency", self.urgency)
        add("severity", self.severity)
        self.resolution_heading = _bold(QLabel())
        form.addRow(self.resolution_heading)
        add("resolution_type", self.resolution_type)
        add("solution", self.solution)
        self._set_row_visible("serial_owner_reason", False)

        fields_widget = QWidget()
        fields_widget.setObjectName("callFormFields")
        fields_widget.setStyleSheet(_INVALID_STYLE)
        fields_widget.setLayout(form)
        for combo in fields_widget.findChildren(QComboBox):
            # Long model and contact names must not widen the form beyond its pane.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields_widget)
        self._scroll = scroll

        buttons = QHBoxLayout()
        buttons.addWidget(self.info_button)
        buttons.addStretch(1)
        buttons.addWidget(self.resolved_button)
        buttons.addWidget(self.queue_button)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        for widget in (
            self.result_banner,
            self.connection_banner,
            self.duplicate_banner,
            self.repeat_banner,
            self.general_error,
        ):
            column.addWidget(widget)
        column.addWidget(scroll, 1)
        column.addLayout(buttons)

        self.similar = SimilarFaultsPanel(self._db, self._runner)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.similar)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

        self.setTabOrder(self.solution, self.queue_button)
        self.setTabOrder(self.queue_button, self.resolved_button)
        self.setTabOrder(self.resolved_button, self.info_button)

    def _connect(self) -> None:
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self._draft_clock = QTimer(self)
        self._draft_clock.setInterval(DRAFT_EVERY_MS)
        self._draft_clock.timeout.connect(self._save_draft)
        self._draft_clock.start()
        self._serial_timer = QTimer(self)
        self._serial_timer.setSingleShot(True)
        self._serial_timer.setInterval(LOOKUP_DEBOUNCE_MS)
        self._serial_timer.timeout.connect(self._look_up_serial)
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_EVERY_MS)
        self._retry_timer.timeout.connect(self._retry)
        self._runner.reachable.connect(self._retry)

        for edit in (self.caller_name, self.phone, self.error_code, self.serial_owner_reason):
            edit.textChanged.connect(self._changed)
        for text in (self.description, self.solution):
            text.textChanged.connect(self._changed)
        for combo in (self.channel, self.urgency, self.severity, self.resolution_type):
            combo.currentIndexChanged.connect(self._changed)
        self.contact.currentIndexChanged.connect(self._contact_changed)
        self.product_model.currentIndexChanged.connect(self._model_changed)
        self.symptom.currentIndexChanged.connect(self._changed)
        self.serial.editTextChanged.connect(self._serial_changed)
        self.install_date.dateChanged.connect(self._changed)
        self.fault_started.dateTimeChanged.connect(self._changed)
        for box in self.factors.values():
            box.toggled.connect(self._changed)

        self.queue_button.clicked.connect(lambda: self.submit("queue"))
        self.resolved_button.clicked.connect(lambda: self.submit("resolved"))
        self.info_button.clicked.connect(lambda: self.submit("info_only"))
        self.add_to_ticket_button.clicked.connect(self._add_to_open_ticket)
        self.open_duplicate_button.clicked.connect(self._open_duplicate)
        self.open_ticket_button.clicked.connect(self._open_saved_ticket)
        self.wrap_up_button.clicked.connect(self.wrap_up)
        self.similar.use_solution.connect(self._use_solution)
        for keys, outcome in (
            ("Ctrl+Return", "queue"),
            ("Ctrl+Enter", "queue"),
            ("Ctrl+Shift+Return", "resolved"),
            ("Ctrl+Shift+Enter", "resolved"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda o=outcome: self.submit(o))

    def _set_row_visible(self, name: str, visible: bool) -> None:
        label, widget, _error = self._fields[name]
        label.setVisible(visible)
        parent = widget.parentWidget()
        if parent is not None:
            parent.setVisible(visible)

    # -- starting a call ---------------------------------------------------------------

    def start_call(
        self,
        customer_id: int = 0,
        contact_id: int = 0,
        equipment_id: int = 0,
        phone: str = "",
        external_call_id: str = "",
    ) -> None:
        """A new call, prefilled from what is open (the customer card, a screen pop)."""
        self._reset()
        self._customer_id = customer_id or None
        self._external_call_id = external_call_id
        self._want = {"contact_id": contact_id or None, "equipment_id": equipment_id or None}
        with self._programmatic():
            self.phone.setText(phone)
        if self._customer_id is not None:
            self._load_context()
        self._refresh_title()
        self.caller_name.setFocus()

    def restore_draft(self, data: dict[str, Any]) -> None:
        """Bring back a draft (from `pending_drafts()`) as it was typed."""
        self._reset()
        self._draft_id = str(data.get("draft_id") or self._draft_id)
        form = form_from_data(dict(data.get("form", {})))
        self._customer_name = str(data.get("customer_name", ""))
        self._customer_id = form.customer_id
        self._external_call_id = form.external_call_id
        if form.call_started_at is not None:
            self._call_started_at = form.call_started_at
        self._want = {
            "contact_id": form.contact_id,
            "product_model_id": form.product_model_id,
            "symptom_category_id": form.symptom_category_id,
        }
        with self._programmatic():
            self._set_combo(self.channel, form.channel)
            self.caller_name.setText(form.caller_name)
            self.phone.setText(form.phone)
            self.serial.setEditText(form.serial)
            self.serial_owner_reason.setText(form.serial_owner_reason)
            if form.install_date is not None:
                self.install_date.setDate(_qdate(form.install_date))
            if form.fault_started_at is not None:
                self.fault_started.setDateTime(
                    QDateTime.fromSecsSinceEpoch(int(form.fault_started_at.timestamp()))
                )
            self.error_code.setText(form.error_code)
            self.description.setPlainText(form.description)
            for code, box in self.factors.items():
                box.setChecked(code in form.external_factors)
            self._set_combo(self.urgency, form.urgency)
            self._set_combo(self.severity, form.severity)
            self._set_combo(self.resolution_type, form.resolution_type)
            self.solution.setPlainText(form.solution)
        self._apply_models()
        if self._customer_id is not None:
            self._load_context()
        if form.serial:
            self._serial_timer.start()
        self._dirty = True
        self._refresh_title()

    @property
    def draft_id(self) -> str:
        """The id this call's draft is kept under."""
        return self._draft_id

    def pending_drafts(self) -> list[Draft]:
        """Drafts left from earlier calls (a crash, a killed window), newest first."""
        return [d for d in self._drafts.load_all() if d.id != self._draft_id]

    def has_unsaved_call(self) -> bool:
        """The agent wrote something about the fault that is not in the database yet.

        Only what no prefill supplies counts (description, error code, factors, severity,
        solution): a form filled from the card or a screen pop alone is no work to lose.
        """
        if self._result is not None:
            return False
        form = self.current_form()
        written = (form.description, form.solution, form.error_code, form.serial_owner_reason)
        return any(text.strip() for text in written) or bool(form.external_factors or form.severity)

    def _reset(self) -> None:
        self._save_draft()  # a call given up for another stays kept as its draft
        self._draft_id = uuid.uuid4().hex
        self._dirty = False
        self._call_started_at = datetime.now(UTC)
        self._context = None
        self._device = None
        self._checks = None
        self._pending = None
        self._saving = False
        self._result = None
        self._customer_name = ""
        self._retry_timer.stop()
        with self._programmatic():
            self.channel.setCurrentIndex(0)
            for edit in (self.caller_name, self.phone, self.error_code, self.serial_owner_reason):
                edit.clear()
            self.description.clear()
            self.solution.clear()
            self.contact.clear()
            self.serial.clear()
            self.serial.setEditText("")
            self.product_model.setCurrentIndex(0)
            self.install_date.setDate(_NO_DATE)
            self.fault_started.setDateTime(_NO_DATETIME)
            for box in self.factors.values():
                box.setChecked(False)
            self.urgency.setCurrentIndex(URGENCIES.index("normal"))
            self.severity.setCurrentIndex(0)
            self.resolution_type.setCurrentIndex(0)
        for banner in (
            self.result_banner,
            self.connection_banner,
            self.duplicate_banner,
            self.repeat_banner,
        ):
            banner.setVisible(False)
        self._show_errors(())
        self._set_row_visible("serial_owner_reason", False)
        self.serial_hint.clear()
        self.warranty.clear()
        self._set_editable(True)

    # -- reading what the form needs -----------------------------------------------------

    def _load_context(self) -> None:
        assert self._customer_id is not None
        self._runner.read(
            call_context,
            self._db,
            self._customer_id,
            on_done=self._context_loaded,
            on_error=self._read_failed,
            key="call_context",
        )

    def _context_loaded(self, context: CallContext) -> None:
        if context.customer_id != self._customer_id:
            return
        self._context = context
        self._customer_name = context.name
        with self._programmatic():
            self.contact.clear()
            self.contact.addItem(self.tr("(not a known contact)"), None)
            for contact in context.contacts:
                phones = ", ".join(contact.phones)
                self.contact.addItem(f"{contact.name}  {phones}".strip(), contact.id)
            typed = self.serial.currentText()
            self.serial.clear()
            for device in context.devices:
                self.serial.addItem(device.serial, device.id)
            self.serial.setEditText(typed)
        wanted_contact = self._want.pop("contact_id", None)
        if wanted_contact is not None:
            self._set_combo(self.contact, wanted_contact)
        wanted_device = self._want.pop("equipment_id", None)
        if wanted_device is not None:
            for device in context.devices:
                if device.id == wanted_device:
                    self.serial.setEditText(device.serial)
        self._refresh_title()

    def _models_loaded(self, models: tuple[ProductModelOption, ...]) -> None:
        self._models = models
        with self._programmatic():
            self.product_model.clear()
            self.product_model.addItem(self.tr("(choose the model)"), None)
            chinese = speaks_chinese()
            for model in models:
                kind = model.kind_zh if chinese else model.kind_en
                self.product_model.addItem(f"{model.code} — {kind}", model.id)
        self._apply_models()

    def _apply_models(self) -> None:
        if not self._models:
            return
        wanted = self._want.pop("product_model_id", None)
        if wanted is None and self._device is not None:
            wanted = self._device.product_model_id
        if wanted is not None:
            self._set_combo(self.product_model, wanted)

    def _model_changed(self) -> None:
        model_id = self.product_model.currentData()
        self._symptoms = ()
        with self._programmatic():
            self.symptom.clear()
            self.symptom.addItem(self.tr("(choose a symptom)"), None)
        model = next((m for m in self._models if m.id == model_id), None)
        self._error_options = ()
        self.error_codes.clear()
        if model is not None:
            self._runner.read(
                error_codes,
                self._db,
                model.kind,
                on_done=self._error_codes_loaded,
                on_error=self._read_failed,
                key="error_codes",
            )
            self._runner.read(
                symptom_categories,
                self._db,
                model.id,
                on_done=self._symptoms_loaded,
                on_error=self._read_failed,
                key="symptoms",
            )
        self._changed()

    def _symptoms_loaded(self, symptoms: tuple[SymptomOption, ...]) -> None:
        self._symptoms = symptoms
        chinese = speaks_chinese()
        with self._programmatic():
            self.symptom.clear()
            self.symptom.addItem(self.tr("(choose a symptom)"), None)
            for symptom in symptoms:
                self.symptom.addItem(symptom.name_zh if chinese else symptom.name_en, symptom.id)
        wanted = self._want.pop("symptom_category_id", None)
        if wanted is not None:
            self._set_combo(self.symptom, wanted)

    def _error_codes_loaded(self, options: tuple[CodeOption, ...]) -> None:
        self._error_options = options
        self.error_codes.clear()
        for option in options:
            item = QStandardItem()
            item.setData(option.code, Qt.ItemDataRole.UserRole)
            self.error_codes.appendRow(item)
        self._name_error_codes()

    def _name_error_codes(self) -> None:
        chinese = speaks_chinese()
        for row, option in enumerate(self._error_options):
            name = option.name_zh if chinese else option.name_en
            self.error_codes.item(row).setText(f"{option.code}  {name}" if name else option.code)

    def offered_error_codes(self) -> list[str]:
        """The error codes the completer offers for the chosen model's kind."""
        return [o.code for o in self._error_options]

    def _contact_changed(self) -> None:
        contact_id = self.contact.currentData()
        if self._context is not None and contact_id is not None and not self._filling:
            contact = next((c for c in self._context.contacts if c.id == contact_id), None)
            if contact is not None:
                if not self.caller_name.text().strip():
                    self.caller_name.setText(contact.name)
                if not self.phone.text().strip() and contact.phones:
                    self.phone.setText(contact.phones[0])
        self._changed()

    def _serial_changed(self, text: str) -> None:
        self._device = None
        self._checks = None
        self.duplicate_banner.setVisible(False)
        self.repeat_banner.setVisible(False)
        known = None
        if self._context is not None:
            known = next((d for d in self._context.devices if d.serial == text.strip()), None)
        if known is not None:
            self._device_found(known)
        else:
            self.serial_hint.clear()
            self.warranty.clear()
            self._set_row_visible("serial_owner_reason", False)
            if text.strip():
                self._serial_timer.start()
        self._changed()

    def _look_up_serial(self) -> None:
        serial = self.serial.currentText().strip()
        if not serial:
            return
        self._runner.read(
            device_by_serial,
            self._db,
            serial,
            on_done=lambda device: self._serial_looked_up(serial, device),
            on_error=self._read_failed,
            key="serial",
        )

    def _serial_looked_up(self, serial: str, device: DeviceInfo | None) -> None:
        if serial != self.serial.currentText().strip():
            return
        if device is None:
            self.serial_hint.setText(self.tr("New device: choose its model to register it."))
            self.warranty.clear()
            return
        self._device_found(device)

    def _device_found(self, device: DeviceInfo) -> None:
        self._device = device
        other = self._customer_id is not None and device.customer_id != self._customer_id
        if other:
            self.serial_hint.setText(
                self.tr("This serial belongs to {owner}.").format(owner=device.customer_name)
            )
        else:
            self.serial_hint.setText(f"{device.model_code} · {device.model_name}")
        self._set_row_visible("serial_owner_reason", other)
        with self._programmatic():
            if device.install_date is not None:
                self.install_date.setDate(_qdate(device.install_date))
        self._set_combo(self.product_model, device.product_model_id)
        self._show_warranty(device)
        self._runner.read(
            intake_checks,
            self._db,
            self._customer_id,
            device.id,
            datetime.now(UTC),
            on_done=self._checks_loaded,
            on_error=self._read_failed,
            key="intake_checks",
        )

    def _show_warranty(self, device: DeviceInfo) -> None:
        if device.warranty_end is None:
            self.warranty.setText(self.tr("Warranty: unknown"))
            return
        until = date_text(device.warranty_end)
        if device.in_warranty(date.today()):
            self.warranty.setText(self.tr("In warranty until {date}").format(date=until))
        else:
            self.warranty.setText(self.tr("Out of warranty since {date}").format(date=until))

    def _checks_loaded(self, checks: IntakeChecks) -> None:
        if self._device is None or checks.device is None or checks.device.id != self._device.id:
            return
        self._checks = checks
        self._refresh_banners()

    def _refresh_banners(self) -> None:
        checks = self._checks
        if checks is not None and checks.open_tickets and self._result is None:
            ticket = checks.open_tickets[0]
            self.duplicate_text.setText(
                self.tr(
                    "This device already has an open ticket {number} (reported {reported}). "
                    "Add this call to it instead of opening a duplicate?"
                ).format(number=ticket.number, reported=local_text(ticket.reported_at) or "–")
            )
            self.add_to_ticket_button.setText(
                self.tr("&Add to {number}").format(number=ticket.number)
            )
            self.open_duplicate_button.setText(
                self.tr("Open {number}").format(number=ticket.number)
            )
            self.duplicate_banner.setVisible(True)
        else:
            self.duplicate_banner.setVisible(False)
        if checks is not None and checks.repeat_of is not None and self._result is None:
            last = checks.repeat_of
            self.repeat_text.setText(
                self.tr(
                    "Repeat fault: the last ticket {number} was resolved on {resolved}. "
                    "The new ticket will be linked to it."
                ).format(number=last.number, resolved=local_text(last.resolved_at) or "–")
            )
            self.repeat_banner.setVisible(True)
        else:
            self.repeat_banner.setVisible(False)

    def _read_failed(self, error: BaseException) -> None:
        problem = is_problem(error)
        if problem is not None:
            self.general_error.setText(problem_message(problem))
            self.general_error.setVisible(True)

    # -- the values --------------------------------------------------------------------

    def current_form(self, outcome: str = "queue", add_to_ticket_id: int | None = None) -> CallForm:
        """What the form holds now, as the service takes it."""
        install: date | None = None
        if self.install_date.date() != _NO_DATE:
            install = self.install_date.date().toPython()  # type: ignore[assignment]
        started: datetime | None = None
        if self.fault_started.dateTime() != _NO_DATETIME:
            started = datetime.fromtimestamp(self.fault_started.dateTime().toSecsSinceEpoch(), UTC)
        serial = self.serial.currentText().strip()
        equipment_id = self._device.id if self._device and self._device.serial == serial else None
        return CallForm(
            channel=str(self.channel.currentData()),
            phone=self.phone.text().strip(),
            caller_name=self.caller_name.text().strip(),
            customer_id=self._customer_id,
            contact_id=self.contact.currentData(),
            equipment_id=equipment_id,
            serial=serial,
            product_model_id=self.product_model.currentData(),
            install_date=install,
            fault_started_at=started,
            symptom_category_id=self.symptom.currentData(),
            error_code=self.error_code.text().strip(),
            description=self.description.toPlainText(),
            external_factors=tuple(c for c, box in self.factors.items() if box.isChecked()),
            urgency=str(self.urgency.currentData()),
            severity=str(self.severity.currentData() or ""),
            outcome=outcome,
            resolution_type=str(self.resolution_type.currentData() or ""),
            solution=self.solution.toPlainText(),
            add_to_ticket_id=add_to_ticket_id,
            serial_owner_reason=self.serial_owner_reason.text().strip(),
            call_started_at=self._call_started_at,
            external_call_id=self._external_call_id,
        )

    def _set_combo(self, combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    class _Filling:
        def __init__(self, view: CallFormView) -> None:
            self.view = view

        def __enter__(self) -> None:
            self.view._filling += 1

        def __exit__(self, *_exc: object) -> None:
            self.view._filling -= 1

    def _programmatic(self) -> CallFormView._Filling:
        return CallFormView._Filling(self)

    def _changed(self, *_args: object) -> None:
        if self._result is not None:
            return
        self._dirty = True
        self._draft_timer.start()
        self.similar.query(
            self.product_model.currentData(),
            self.error_code.text(),
            self.symptom.currentData(),
            self.description.toPlainText(),
        )

    def _use_solution(self, text: str) -> None:
        self.solution.setPlainText(text)
        self.solution.setFocus()

    # -- drafts ------------------------------------------------------------------------

    def _save_draft(self) -> None:
        if not self._dirty or self._result is not None:
            return
        if not self.has_unsaved_call():  # nothing of the agent's own: no draft to offer back
            self._drafts.discard(self._draft_id)
            self._dirty = False
            return
        data = {
            "draft_id": self._draft_id,
            "customer_name": self._customer_name,
            "form": form_to_data(self.current_form()),
        }
        try:
            self._drafts.save(self._draft_id, data)
        except OSError as error:
            self.general_error.setText(
                self.tr("The draft could not be saved locally: {reason}").format(reason=error)
            )
            self.general_error.setVisible(True)
            return
        self._dirty = False

    # -- saving ------------------------------------------------------------------------

    def submit(self, outcome: str, add_to_ticket_id: int | None = None) -> None:
        """Save the call as resolved, queued, added to a ticket or information only."""
        if self._saving or self._result is not None:
            return
        form = self.current_form(outcome, add_to_ticket_id)
        self._save_draft()
        self._attempt(form)

    def _attempt(self, form: CallForm) -> None:
        """Check the form on a reader, then save it on the write worker."""
        self._saving = True
        self._pending = form
        self._set_buttons_enabled(False)
        # A form with mistakes never goes to the write worker.
        self._runner.read(
            validate_call,
            self._db,
            form,
            datetime.now(UTC),
            on_done=lambda errors: self._validated(form, errors),
            on_error=self._save_failed,
            key="validate_call",
        )

    def _validated(self, form: CallForm, errors: tuple[FieldError, ...]) -> None:
        if errors:
            self._save_failed(CallRejected(errors))
            return
        self._runner.write(
            save_call,
            self._db,
            self._user,
            form,
            on_done=self._saved,
            on_error=self._save_failed,
            key="save_call",
        )

    def _retry(self) -> None:
        # The same form (same call start) again: the service hands back a call that the lost
        # attempt did commit, so a retry never saves it twice.
        if self._pending is not None and not self._saving and self._result is None:
            self._attempt(self._pending)

    def _saved(self, result: SavedCall) -> None:
        self._saving = False
        self._pending = None
        self._retry_timer.stop()
        self._result = result
        self._drafts.discard(self._draft_id)
        self._dirty = False
        self._show_errors(())
        self.connection_banner.setVisible(False)
        self.duplicate_banner.setVisible(False)
        self.repeat_banner.setVisible(False)
        self._set_editable(False)
        self._show_result()
        self.result_banner.setVisible(True)
        self.wrap_up_button.setFocus()
        self.saved.emit(result)

    def _show_result(self) -> None:
        result = self._result
        if result is None:
            return
        if result.ticket_number and result.outcome in ("queue", "resolved"):
            text = self.tr(
                "Saved as ticket {number}, priority {priority}. "
                "Response due {response}, resolution due {resolution}."
            ).format(
                number=result.ticket_number,
                priority=result.priority,
                response=local_text(result.response_due_at) or "–",
                resolution=local_text(result.resolution_due_at) or "–",
            )
            if result.repeat_of_number:
                text += " " + self.tr("Linked as a repeat of {number}.").format(
                    number=result.repeat_of_number
                )
        elif result.ticket_number:
            text = self.tr("The call was added to ticket {number}.").format(
                number=result.ticket_number
            )
        else:
            text = self.tr("The call was saved (no ticket).")
        self.result_text.setText(text)
        self.open_ticket_button.setVisible(result.ticket_id is not None)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, CallRejected):
            self._pending = None
            self._set_buttons_enabled(True)
            self._show_errors(error.errors)
            return
        if isinstance(error, PermissionDenied):
            self._pending = None
            self._set_buttons_enabled(True)
            self.general_error.setText(refusal_text(error.role, error.permission.value))
            return
        problem = is_problem(error)
        if problem is not None:
            # Keep everything; the same form (same call start) is sent again, saved once.
            self.connection_text.setText(
                self.tr(
                    "Database unreachable — your call is kept and will be saved when the "
                    "connection is back."
                )
            )
            self.connection_banner.setVisible(True)
            self._retry_timer.start()
            return
        self._pending = None
        self._set_buttons_enabled(True)
        self.general_error.setText(
            self.tr("The call could not be saved because of an internal error: {error}").format(
                error=type(error).__name__
            )
        )
        self.general_error.setVisible(True)

    def _show_errors(self, errors: tuple[FieldError, ...]) -> None:
        self._last_errors = errors
        by_field: dict[str, list[FieldError]] = {}
        for error in errors:
            by_field.setdefault(error.field, []).append(error)
        first: QWidget | None = None
        general: list[str] = []
        for name, (_label, widget, line) in self._fields.items():
            found = by_field.pop(name, [])
            widget.setProperty("invalid", bool(found))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            line.setText(" ".join(error_message(e) for e in found))
            line.setVisible(bool(found))
            if found and name == "serial_owner_reason":
                self._set_row_visible(name, True)
            if found and first is None:
                first = widget
        if any(e.code == "serial_other_customer" for e in errors):
            self._set_row_visible("serial_owner_reason", True)
        for rest in by_field.values():
            general.extend(error_message(e) for e in rest)
        self.general_error.setText(" ".join(general))
        self.general_error.setVisible(bool(general))
        if first is not None:
            first.setFocus()
            self._scroll.ensureWidgetVisible(first)

    def field_error(self, name: str) -> str:
        """The message shown under a field ("" when none)."""
        line = self._fields[name][2]
        return line.text() if line.isVisible() or line.text() else ""

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in (
            self.queue_button,
            self.resolved_button,
            self.info_button,
            self.add_to_ticket_button,
        ):
            button.setEnabled(enabled)

    def _set_editable(self, editable: bool) -> None:
        for _label, widget, _line in self._fields.values():
            widget.setEnabled(editable)
        self._set_buttons_enabled(editable)

    def _add_to_open_ticket(self) -> None:
        if self._checks is not None and self._checks.open_tickets:
            self.submit("add_to_ticket", self._checks.open_tickets[0].id)

    def _open_duplicate(self) -> None:
        if self._checks is not None and self._checks.open_tickets:
            self.ticket_opened.emit(self._checks.open_tickets[0].id)

    def _open_saved_ticket(self) -> None:
        if self._result is not None and self._result.ticket_id is not None:
            self.ticket_opened.emit(self._result.ticket_id)

    # -- wrap-up -----------------------------------------------------------------------

    def wrap_up(self) -> WrapUpDialog | None:
        """Open the wrap-up dialog of the saved call (returns it, already open)."""
        result = self._result
        if result is None:
            return None
        dialog = WrapUpDialog(
            self._db, self._runner, result.started_at, _WRAP_UP_FOR.get(result.outcome, ""), self
        )
        dialog.accepted.connect(lambda: self._end(result.call_id, dialog.code()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _end(self, call_id: int, code: str) -> None:
        self._runner.write(
            end_call,
            self._db,
            self._user,
            call_id,
            code,
            on_done=lambda _ended: self.ended.emit(),
            on_error=self._end_failed,
        )

    def _end_failed(self, error: BaseException) -> None:
        if isinstance(error, CallRejected):  # the code was retired while the dialog was open
            self.general_error.setText(
                self.tr("That wrap-up code is no longer offered: wrap the call up again.")
            )
            self.general_error.setVisible(True)
            return
        self._read_failed(error)

    # -- language ----------------------------------------------------------------------

    def _refresh_title(self) -> None:
        if self._customer_id is None:
            self.title.setText(self.tr("New call — new caller"))
        else:
            name = self._customer_name or "…"
            self.title.setText(self.tr("New call — {customer}").format(customer=name))

    def retranslate(self) -> None:
        labels = {
            "channel": self.tr("C&hannel"),
            "caller_name": self.tr("&Caller"),
            "phone": self.tr("&Phone"),
            "contact_id": self.tr("C&ontact"),
            "serial": self.tr("&Serial number"),
            "serial_owner_reason": self.tr("Reason for this &serial"),
            "product_model_id": self.tr("Product &model"),
            "install_date": self.tr("&Installed on"),
            "fault_started_at": self.tr("&Fault started"),
            "symptom_category_id": self.tr("S&ymptom"),
            "error_code": self.tr("&Error code"),
            "description": self.tr("&Description"),
            "external_factors": self.tr("External factors"),
            "urgency": self.tr("&Urgency (as stated)"),
            "severity": self.tr("Se&verity"),
            "resolution_type": self.tr("&Resolution type"),
            "solution": self.tr("Sol&ution"),
        }
        for name, (label, _widget, _line) in self._fields.items():
            label.setText(labels[name])
        for i in range(self.channel.count()):
            self.channel.setItemText(i, channel_name(str(self.channel.itemData(i))))
        for i in range(self.urgency.count()):
            self.urgency.setItemText(i, urgency_name(str(self.urgency.itemData(i))))
        self.severity.setItemText(0, self.tr("(choose the severity)"))
        for i in range(1, self.severity.count()):
            self.severity.setItemText(i, severity_name(str(self.severity.itemData(i))))
        self.resolution_type.setItemText(0, self.tr("(how was it resolved?)"))
        for i in range(1, self.resolution_type.count()):
            self.resolution_type.setItemText(
                i, resolution_name(str(self.resolution_type.itemData(i)))
            )
        for code, box in self.factors.items():
            box.setText(factor_name(code))
        self.install_date.setSpecialValueText(self.tr("unknown"))
        self.fault_started.setSpecialValueText(self.tr("unknown"))
        self.caller_name.setPlaceholderText(self.tr("Who is calling"))
        self.phone.setPlaceholderText(self.tr("e.g. 138 1234 5678 or 010-6552 1234"))
        serial_edit = self.serial.lineEdit()
        if serial_edit is not None:
            serial_edit.setPlaceholderText(self.tr("Type or scan the serial number"))
        self.description.setPlaceholderText(self.tr("What happens, in the caller's words"))
        self.resolution_heading.setText(self.tr("Resolved on the call"))
        self.queue_button.setText(self.tr("Submit to &queue"))
        self.queue_button.setToolTip(
            QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.resolved_button.setText(self.tr("&Resolved on the call"))
        self.resolved_button.setToolTip(
            QKeySequence("Ctrl+Shift+Return").toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.info_button.setText(self.tr("Information &only"))
        self.wrap_up_button.setText(self.tr("&Wrap up the call…"))
        self.open_ticket_button.setText(self.tr("Open ticket"))
        chinese = speaks_chinese()
        for i in range(1, self.product_model.count()):
            model = next((m for m in self._models if m.id == self.product_model.itemData(i)), None)
            if model is not None:
                kind = model.kind_zh if chinese else model.kind_en
                self.product_model.setItemText(i, f"{model.code} — {kind}")
        for i in range(1, self.symptom.count()):
            found = next((x for x in self._symptoms if x.id == self.symptom.itemData(i)), None)
            if found is not None:
                self.symptom.setItemText(i, found.name_zh if chinese else found.name_en)
        self._name_error_codes()
        if self.contact.count():
            self.contact.setItemText(0, self.tr("(not a known contact)"))
        if self.product_model.count():
            self.product_model.setItemText(0, self.tr("(choose the model)"))
        if self.symptom.count():
            self.symptom.setItemText(0, self.tr("(choose a symptom)"))
        self._refresh_title()
        self._refresh_banners()
        if self._device is not None:
            self._show_warranty(self._device)
        self._show_errors(self._last_errors)
        self._show_result()
        if self.connection_banner.isVisible():
            self.connection_text.setText(
                self.tr(
                    "Database unreachable — your call is kept and will be saved when the "
                    "connection is back."
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:
        self._save_draft()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Keep what was typed and stop the timers (before the window goes away)."""
        self._save_draft()
        for timer in (self._draft_timer, self._draft_clock, self._serial_timer, self._retry_timer):
            timer.stop()
