"""Dialogs that create and edit customers, contacts and sites, on a base every edit dialog shares.

`EditDialog` is the behaviour all of them (and the equipment and merge dialogs) share: saves
go through the task runner's write worker; a field error shows at its field (red border, the
message under it) and takes the focus, with everything typed kept; a conflict says what the
other desk changed and offers to apply this desk's values again on the fresh version; a lost
connection keeps the dialog open with a message and Save tries again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.problems import problem_message
from ui.roles import refusal_text
from ui.tasks import TaskRunner, is_problem
from ui.vocabulary import customer_kind_name
from workstation.db import Database
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import (
    ContactForEdit,
    ContactInput,
    CustomerChanges,
    CustomerChoice,
    CustomerForEdit,
    DuplicateMatch,
    EditConflict,
    EditRejected,
    FieldError,
    NewCustomer,
    RecordNotFound,
    SiteForEdit,
    SiteInput,
    add_contact,
    add_site,
    contact_for_edit,
    create_customer,
    customer_for_edit,
    find_customers,
    site_for_edit,
    update_contact,
    update_customer,
    update_site,
)
from workstation.services.options import RegionOption, regions

ERROR_COLOUR = "#c62828"
INVALID_STYLE = (
    f'QLineEdit[invalid="true"], QComboBox[invalid="true"], QDateEdit[invalid="true"], '
    f'QPlainTextEdit[invalid="true"] {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}'
)


def field_error_text(error: FieldError) -> str:
    """The sentence shown under a field for a service's error code."""
    p = dict(error.params)
    match error.code:
        case "required":
            return QCoreApplication.translate("EditErrors", "Required.")
        case "too_long":
            return QCoreApplication.translate(
                "EditErrors", "Too long: at most {max} characters."
            ).format(max=p.get("max", ""))
        case "unknown":
            return QCoreApplication.translate("EditErrors", "Choose one of the list.")
        case "invalid_email":
            return QCoreApplication.translate(
                "EditErrors", "Not a valid e-mail address (name@example.com)."
            )
        case "invalid_phone":
            return QCoreApplication.translate(
                "EditErrors", "{phone} is not a valid phone number."
            ).format(phone=p.get("phone", ""))
        case "duplicate_phone":
            return QCoreApplication.translate(
                "EditErrors", "{phone} is already in this list."
            ).format(phone=p.get("phone", ""))
        case "possible_duplicate":
            return QCoreApplication.translate(
                "EditErrors", "This may be a customer already on file: see below."
            )
        case "merged":
            return QCoreApplication.translate(
                "EditErrors", "This record was merged into customer {id}: edit that one."
            ).format(id=p.get("into_id", ""))
        case "serial_exists":
            return QCoreApplication.translate(
                "EditErrors", "This serial number is already registered to {customer}."
            ).format(customer=p.get("customer_name", ""))
        case "not_this_customer":
            return QCoreApplication.translate(
                "EditErrors", "This site belongs to another customer."
            )
        case "in_future":
            return QCoreApplication.translate("EditErrors", "This date is in the future.")
        case "before_install":
            return QCoreApplication.translate(
                "EditErrors", "The warranty cannot end before the installation date."
            )
        case "same_place":
            return QCoreApplication.translate(
                "EditErrors", "The device is already at this site: choose another one."
            )
        case "not_active":
            return QCoreApplication.translate(
                "EditErrors", "This device was replaced or retired: it cannot be changed."
            )
        case "same_customer":
            return QCoreApplication.translate(
                "EditErrors", "A customer cannot be merged into itself."
            )
        case "already_merged":
            return QCoreApplication.translate(
                "EditErrors", "This record was already merged into customer {id}."
            ).format(id=p.get("into_id", ""))
        case "taken":
            return QCoreApplication.translate("EditErrors", "This name is already in use.")
        case "invalid_username":
            return QCoreApplication.translate(
                "EditErrors", "Use lower-case letters, digits, dots, dashes or underscores."
            )
        case "too_short":
            return QCoreApplication.translate(
                "EditErrors", "Too short: at least {min} characters."
            ).format(min=p.get("min", ""))
        case "self":
            return QCoreApplication.translate(
                "EditErrors", "You cannot deactivate your own account."
            )
        case "last_admin":
            return QCoreApplication.translate(
                "EditErrors", "The centre needs at least one active administrator."
            )
        case "not_a_number":
            return QCoreApplication.translate("EditErrors", "Enter a number.")
        case "out_of_range":
            return QCoreApplication.translate(
                "EditErrors", "Enter a value from {min} to {max}."
            ).format(min=p.get("min", ""), max=p.get("max", ""))
        case "invalid_hours":
            return QCoreApplication.translate(
                "EditErrors", 'Type the hours as "09:00-12:00, 13:30-18:00", or leave empty.'
            )
        case "overlap":
            return QCoreApplication.translate("EditErrors", "These periods overlap.")
        case "end_before_start":
            return QCoreApplication.translate("EditErrors", "A period must end after it starts.")
        case "no_working_time":
            return QCoreApplication.translate(
                "EditErrors", "The calendar has no working time to reach this target."
            )
        case "invalid_key":
            return QCoreApplication.translate(
                "EditErrors",
                "Use lower-case letters, digits or underscores, starting with a letter.",
            )
        case "reserved":
            return QCoreApplication.translate(
                "EditErrors", "This code is kept by the program for its own use."
            )
        case "fixed":
            return QCoreApplication.translate(
                "EditErrors", "Saved calls keep this code: only its words can change."
            )
        case "last_active":
            return QCoreApplication.translate(
                "EditErrors", "At least one wrap-up code must stay offered."
            )
        case "invalid_code":
            return QCoreApplication.translate(
                "EditErrors", "Use capital letters, digits, dashes or underscores."
            )
        case "too_precise":
            return QCoreApplication.translate(
                "EditErrors", "At most {decimals} decimal places."
            ).format(decimals=p.get("decimals", ""))
        case "before_response":
            return QCoreApplication.translate(
                "EditErrors", "The resolution target cannot be shorter than the response target."
            )
        case "default_needed":
            return QCoreApplication.translate(
                "EditErrors", "Make another plan the default first: one plan must be the default."
            )
        case "in_use":
            return QCoreApplication.translate(
                "EditErrors", "This is still in use, so it cannot be removed."
            )
        case "too_many_lines":
            return QCoreApplication.translate(
                "EditErrors", "Too many lines: at most {max}."
            ).format(max=p.get("max", ""))
        case "contract_ended":
            return QCoreApplication.translate(
                "EditErrors", "This contract ended on {day}: it takes no new plans."
            ).format(day=p.get("valid_to", ""))
    return QCoreApplication.translate("EditErrors", "This value cannot be saved.")


DIALOG_MIN_WIDTH = 420


def tier_name(tier: str) -> str:
    match tier:
        case "vip":
            return QCoreApplication.translate("EditDialog", "VIP")
        case "key":
            return QCoreApplication.translate("EditDialog", "Key account")
        case "standard":
            return QCoreApplication.translate("EditDialog", "Standard")
    return tier


class FieldBox(QWidget):
    """One input with its caption and, under it, the message of its error (hidden when none)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.caption = QLabel()
        self.caption.setBuddy(editor)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.message)
        self.error: FieldError | None = None
        changed = _change_signal(editor)
        if changed is not None:
            changed.connect(self.clear_error)

    def show_error(self, error: FieldError) -> None:
        self.error = error
        self.message.setText(field_error_text(error))
        self.message.show()
        self._mark(True)

    @Slot()
    def clear_error(self) -> None:
        if self.error is None:
            return
        self.error = None
        self.message.hide()
        self._mark(False)

    def retranslate(self) -> None:
        if self.error is not None:
            self.message.setText(field_error_text(self.error))

    def _mark(self, invalid: bool) -> None:
        self.editor.setProperty("invalid", invalid)
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)


def _change_signal(editor: QWidget) -> Any:
    if isinstance(editor, QLineEdit):
        return editor.textEdited
    if isinstance(editor, QComboBox):
        return editor.currentIndexChanged
    if isinstance(editor, QPlainTextEdit):
        return editor.textChanged
    signal = getattr(editor, "dateChanged", None)
    return signal


def _top(widget: QWidget, ancestor: QWidget) -> int:
    return widget.mapTo(ancestor, QPoint(0, 0)).y()


def line_edit(max_length: int, name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setObjectName(name)
    return edit


class EditDialog(QDialog):
    """What every edit dialog shares: fields with errors at them, save, conflict, retry."""

    # The service's result after a successful save.
    saved = Signal(object)
    # The initial reads arrived: the form shows the stored values and can be edited.
    ready = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.user = user
        self.fields: dict[str, FieldBox] = {}
        # Where typing starts when the dialog shows (else the field highest up).
        self.initial_focus: QWidget | None = None
        self._saving = False
        self._pending_reads = 0
        self.setStyleSheet(INVALID_STYLE)

        self.status = QLabel()
        self.status.setObjectName("dialogStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        self.conflict = QFrame()
        self.conflict.setObjectName("conflictPanel")
        self.conflict.setFrameShape(QFrame.Shape.StyledPanel)
        self.conflict_text = QLabel()
        self.conflict_text.setWordWrap(True)
        self.reapply = QPushButton()
        self.reapply.setObjectName("reapplyButton")
        self.reapply.clicked.connect(self._reapply)
        conflict_layout = QVBoxLayout(self.conflict)
        conflict_layout.addWidget(self.conflict_text)
        conflict_layout.addWidget(self.reapply, 0, Qt.AlignmentFlag.AlignRight)
        self.conflict.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # Our own button, not the standard Save: the box would re-set a standard one's text on
        # a language change, over a dialog's own word for it ("Merge").
        self.save_button = QPushButton()
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        self.body = QVBoxLayout()
        self.setMinimumWidth(DIALOG_MIN_WIDTH)  # room for a message without a tall thin box
        outer = QVBoxLayout(self)
        outer.addLayout(self.body)
        outer.addWidget(self.conflict)
        outer.addWidget(self.status)
        outer.addWidget(self.buttons)
        # Only once the button is inside the dialog does Enter in any field press it.
        self.save_button.setDefault(True)

    # --- building ------------------------------------------------------------------

    def add_field(self, form: QFormLayout, name: str, editor: QWidget) -> FieldBox:
        box = FieldBox(editor)
        box.setObjectName(f"field_{name}")
        self.fields[name] = box
        form.addRow(box.caption, box)
        return box

    def caption(self, name: str, text: str) -> None:
        self.fields[name].caption.setText(text)

    def load(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None]) -> None:
        """An initial read; the form is enabled and `ready` emitted when all have arrived."""
        self._pending_reads += 1
        self.refresh_save()

        def done(value: Any) -> None:
            on_done(value)
            self._pending_reads -= 1
            self.refresh_save()
            if self._pending_reads == 0:
                self.ready.emit()

        self.runner.read(fn, *args, on_done=done, on_error=self._load_failed)

    def is_ready(self) -> bool:
        return self._pending_reads == 0

    def can_save(self) -> bool:
        """Whether the form may be saved now (dialogs with a confirmation say no until then)."""
        return True

    def refresh_save(self) -> None:
        self.save_button.setEnabled(not self._saving and self.is_ready() and self.can_save())

    def _load_failed(self, error: BaseException) -> None:
        problem = is_problem(error)
        if problem is not None:
            self.show_status(problem_message(problem))
        elif isinstance(error, RecordNotFound):
            self.show_status(
                QCoreApplication.translate("EditDialog", "This record no longer exists.")
            )
        else:
            self.show_status(
                QCoreApplication.translate(
                    "EditDialog", "The form could not be loaded (internal error)."
                )
            )

    # --- saving ----------------------------------------------------------------------

    def submit(self) -> None:
        """Save: subclasses call `self.write(fn, *args)`."""
        raise NotImplementedError

    def write(self, fn: Callable[..., Any], *args: Any) -> None:
        if self._saving or not self.is_ready() or not self.can_save():
            return
        self._saving = True
        self.refresh_save()
        self.status.hide()
        self.runner.write(fn, *args, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: Any) -> None:
        self._saving = False
        self.refresh_save()
        self.clear_errors()
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.refresh_save()
        if isinstance(error, EditRejected):
            self.show_errors(error.errors)
            self.rejected_with(error)
        elif isinstance(error, EditConflict):
            self.on_conflict(error.current)
        elif isinstance(error, PermissionDenied):
            self.show_status(refusal_text(error.role, error.permission.value))
        elif isinstance(error, RecordNotFound):
            self.show_status(
                QCoreApplication.translate("EditDialog", "This record no longer exists.")
            )
        else:
            problem = is_problem(error)
            if problem is not None:
                self.show_status(
                    QCoreApplication.translate(
                        "EditDialog",
                        "Not saved: {problem} Nothing you typed is lost; press Save to try again.",
                    ).format(problem=problem_message(problem))
                )
            else:
                self.show_status(
                    QCoreApplication.translate(
                        "EditDialog", "Not saved because of an internal error: {error}"
                    ).format(error=type(error).__name__)
                )

    def rejected_with(self, error: EditRejected) -> None:
        """Hook for dialogs with more to show (the duplicate list)."""

    # --- errors, status, conflicts ---------------------------------------------------

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        self.clear_errors()
        first: FieldBox | None = None
        loose: list[str] = []
        for error in errors:
            box = self.fields.get(error.field)
            if box is None:
                loose.append(field_error_text(error))
                continue
            box.show_error(error)
            # The focus goes to the error highest up in the form.
            if first is None or _top(box, self) < _top(first, self):
                first = box
        if loose:
            self.show_status(" ".join(loose))
        self._fit()
        if first is not None:
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first.editor, QLineEdit):
                first.editor.selectAll()

    def clear_errors(self) -> None:
        for box in self.fields.values():
            box.clear_error()

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        palette = self.status.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
        self.status.setPalette(palette)
        self.status.show()
        self._fit()

    def on_conflict(self, current: Any) -> None:
        """Show what the other desk saved; subclasses describe it and keep `current`."""
        self._conflict_current = current
        lines = self.describe_conflict(current)
        text = QCoreApplication.translate(
            "EditDialog", "Another desk saved this record while you were editing."
        )
        if lines:
            text += "\n" + "\n".join(lines)
        text += "\n" + QCoreApplication.translate(
            "EditDialog", "Your values are still in the form."
        )
        self.conflict_text.setText(text)
        self.reapply.setText(QCoreApplication.translate("EditDialog", "Save my values over theirs"))
        self.conflict.show()
        self._fit()
        self.reapply.setFocus()

    def _fit(self) -> None:
        """Grow to show a message that just appeared (wrapped text gets no room by itself)."""
        QTimer.singleShot(0, self, self._grow)

    def _grow(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = self.sizeHint().expandedTo(self.size())
        if wanted != self.size():
            self.resize(wanted)

    def describe_conflict(self, current: Any) -> list[str]:
        return []

    def adopt_version(self, current: Any) -> None:
        """Take the fresh version (and stored values the form does not show)."""

    @Slot()
    def _reapply(self) -> None:
        self.adopt_version(self._conflict_current)
        self.conflict.hide()
        self.submit()

    def save_text(self) -> str:
        return QCoreApplication.translate("EditDialog", "Save")

    def retranslate_base(self) -> None:
        self.save_button.setText(self.save_text())
        for box in self.fields.values():
            box.retranslate()
        self.reapply.setText(QCoreApplication.translate("EditDialog", "Save my values over theirs"))

    def retranslate(self) -> None:
        self.retranslate_base()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Qt would focus the default button (or, while it is disabled, Cancel): start typing.
        focused = self.focusWidget()
        if self.initial_focus is not None:
            self.initial_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (focused is None or isinstance(focused, QPushButton)) and self.fields:
            first = min(self.fields.values(), key=lambda box: _top(box, self))
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def change_line(label: str, old: Any, new: Any) -> str:
    return QCoreApplication.translate("EditDialog", "{field}: {old} → {new}").format(
        field=label, old=old if old not in (None, "") else "—", new=new or "—"
    )


# --- reusable groups of fields ---------------------------------------------------------------


class RegionCombo(QComboBox):
    """Regions to choose from, with "none" first."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.addItem("—", None)
        self._wanted: int | None = None

    def set_regions(self, options: Sequence[RegionOption]) -> None:
        wanted = self._wanted if self.count() <= 1 else self.region_id()
        self.clear()
        self.addItem("—", None)
        for option in options:
            self.addItem(option.name, option.id)
        self.select(wanted)

    def select(self, region_id: int | None) -> None:
        """Choose a region; one not listed yet is chosen once the list arrives."""
        self._wanted = region_id
        index = self.findData(region_id)
        self.setCurrentIndex(max(index, 0))

    def name_of(self, region_id: int | None) -> str:
        index = self.findData(region_id)
        return self.itemText(index) if index > 0 else ""

    def region_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None


class ContactFields:
    """Name, phones (one line each), e-mail and WeChat of a contact, in a form."""

    MIN_PHONES = 2

    def __init__(self, dialog: EditDialog, form: QFormLayout, prefix: str = "") -> None:
        self.dialog = dialog
        self.form = form
        self.prefix = prefix
        self.name = line_edit(100, "contactName")
        dialog.add_field(form, prefix + "name", self.name)
        self.phones: list[QLineEdit] = []
        for _ in range(self.MIN_PHONES):
            self._add_phone()
        self.email = line_edit(200, "contactEmail")
        dialog.add_field(form, prefix + "email", self.email)
        self.wechat = line_edit(100, "contactWechat")
        dialog.add_field(form, prefix + "wechat", self.wechat)

    def _add_phone(self) -> QLineEdit:
        index = len(self.phones)
        edit = line_edit(40, f"contactPhone{index}")
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        box = FieldBox(edit)
        box.setObjectName(f"field_{self.prefix}phones.{index}")
        self.dialog.fields[f"{self.prefix}phones.{index}"] = box
        # Phones stay together, after the name (and before e-mail once those exist).
        row = 1 + index
        self.form.insertRow(row, box.caption, box)
        self.phones.append(edit)
        return edit

    def set_values(self, contact: ContactForEdit) -> None:
        self.name.setText(contact.name)
        self.email.setText(contact.email)
        self.wechat.setText(contact.wechat)
        while len(self.phones) < len(contact.phones) + 1:
            self._add_phone()
        for edit, raw in zip(
            self.phones, [*contact.phones, *[""] * len(self.phones)], strict=False
        ):
            edit.setText(raw)
        chain: list[QWidget] = [self.name, *self.phones, self.email, self.wechat]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.retranslate()

    def values(self) -> ContactInput:
        return ContactInput(
            self.name.text(),
            tuple(edit.text() for edit in self.phones),
            self.email.text(),
            self.wechat.text(),
        )

    def retranslate(self) -> None:
        d = self.dialog
        d.caption(self.prefix + "name", QCoreApplication.translate("EditDialog", "Contact name"))
        for index, _ in enumerate(self.phones):
            text = (
                QCoreApplication.translate("EditDialog", "Phone")
                if index == 0
                else QCoreApplication.translate("EditDialog", "Phone {n}").format(n=index + 1)
            )
            d.caption(f"{self.prefix}phones.{index}", text)
        d.caption(self.prefix + "email", QCoreApplication.translate("EditDialog", "E-mail"))
        d.caption(self.prefix + "wechat", QCoreApplication.translate("EditDialog", "WeChat"))
        self.phones[0].setPlaceholderText(
            QCoreApplication.translate("EditDialog", "e.g. 138 1234 5678 or 010-6552 1234")
        )
        self.email.setPlaceholderText(QCoreApplication.translate("EditDialog", "optional"))
        self.wechat.setPlaceholderText(QCoreApplication.translate("EditDialog", "optional"))


class SiteFields:
    """Name, city, address and region of a site, in a form."""

    def __init__(self, dialog: EditDialog, form: QFormLayout, prefix: str = "") -> None:
        self.dialog = dialog
        self.prefix = prefix
        self.name = line_edit(200, "siteName")
        dialog.add_field(form, prefix + "name", self.name)
        self.city = line_edit(100, "siteCity")
        dialog.add_field(form, prefix + "city", self.city)
        self.address = line_edit(300, "siteAddress")
        dialog.add_field(form, prefix + "address", self.address)
        self.region = RegionCombo("siteRegion")
        dialog.add_field(form, prefix + "region_id", self.region)

    def set_values(self, site: SiteForEdit) -> None:
        self.name.setText(site.name)
        self.city.setText(site.city)
        self.address.setText(site.address)
        self.region.select(site.region_id)

    def values(self) -> SiteInput:
        return SiteInput(
            self.name.text(), self.city.text(), self.address.text(), self.region.region_id()
        )

    def retranslate(self) -> None:
        d = self.dialog
        d.caption(self.prefix + "name", QCoreApplication.translate("EditDialog", "Site name"))
        d.caption(self.prefix + "city", QCoreApplication.translate("EditDialog", "City"))
        d.caption(self.prefix + "address", QCoreApplication.translate("EditDialog", "Address"))
        d.caption(self.prefix + "region_id", QCoreApplication.translate("EditDialog", "Region"))
        self.name.setPlaceholderText(
            QCoreApplication.translate("EditDialog", "e.g. Head office, Plant 2")
        )


# --- the dialogs --------------------------------------------------------------------------------


class CustomerDialog(EditDialog):
    """Create a customer with its first contact and site, or edit a customer's own fields."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        customer_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("customerDialog")
        self.setMinimumWidth(480)
        self.customer_id = customer_id
        self.stored: CustomerForEdit | None = None
        self.version = 0
        self._duplicates: tuple[DuplicateMatch, ...] = ()

        self.customer_group = QGroupBox()
        form = QFormLayout(self.customer_group)
        self.name = line_edit(200, "customerName")
        self.add_field(form, "name", self.name)
        self.kind = QComboBox()
        self.kind.setObjectName("customerKind")
        for kind in ("company", "person"):
            self.kind.addItem(customer_kind_name(kind), kind)
        self.add_field(form, "kind", self.kind)
        self.tier = QComboBox()
        self.tier.setObjectName("customerTier")
        for tier in ("standard", "key", "vip"):
            self.tier.addItem(tier_name(tier), tier)
        self.add_field(form, "tier", self.tier)
        self.region = RegionCombo("customerRegion")
        self.add_field(form, "region_id", self.region)
        self.address = line_edit(300, "customerAddress")
        self.add_field(form, "address", self.address)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("customerNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 12)
        self.add_field(form, "notes", self.notes)
        self.body.addWidget(self.customer_group)

        self.contact: ContactFields | None = None
        self.site: SiteFields | None = None
        self.contact_group: QGroupBox | None = None
        self.site_group: QGroupBox | None = None
        if customer_id is None:
            self.contact_group = QGroupBox()
            self.contact = ContactFields(self, QFormLayout(self.contact_group), "contact.")
            self.body.addWidget(self.contact_group)
            self.site_group = QGroupBox()
            self.site = SiteFields(self, QFormLayout(self.site_group), "site.")
            self.body.addWidget(self.site_group)

        self.duplicates = QLabel()
        self.duplicates.setObjectName("duplicateList")
        self.duplicates.setWordWrap(True)
        self.duplicates.hide()
        self.not_duplicate = QCheckBox()
        self.not_duplicate.setObjectName("confirmNotDuplicate")
        self.not_duplicate.hide()
        self.body.addWidget(self.duplicates)
        self.body.addWidget(self.not_duplicate)

        self.retranslate()
        self.load(regions, db, on_done=self._regions)
        if customer_id is not None:
            self.load(customer_for_edit, db, customer_id, on_done=self._loaded)

    def _regions(self, options: tuple[RegionOption, ...]) -> None:
        self.region.set_regions(options)
        if self.site is not None:
            self.site.region.set_regions(options)

    def _loaded(self, customer: CustomerForEdit) -> None:
        self.stored = customer
        self.version = customer.version
        self.name.setText(customer.name)
        self.kind.setCurrentIndex(max(self.kind.findData(customer.kind), 0))
        self.tier.setCurrentIndex(max(self.tier.findData(customer.tier), 0))
        self.region.select(customer.region_id)
        self.address.setText(customer.address)
        self.notes.setPlainText(customer.notes)
        self.retranslate()

    def changes(self) -> CustomerChanges:
        return CustomerChanges(
            self.name.text(),
            str(self.kind.currentData()),
            str(self.tier.currentData()),
            self.region.region_id(),
            self.address.text(),
            self.notes.toPlainText(),
        )

    def submit(self) -> None:
        if self.customer_id is None:
            assert self.contact is not None and self.site is not None
            new = NewCustomer(
                self.changes(),
                self.contact.values(),
                self.site.values(),
                confirmed_not_duplicate=self.not_duplicate.isChecked(),
            )
            self.write(create_customer, self.db, self.user, new)
        else:
            self.write(
                update_customer, self.db, self.user, self.customer_id, self.version, self.changes()
            )

    def rejected_with(self, error: EditRejected) -> None:
        self._duplicates = error.duplicates
        if error.duplicates:
            self._show_duplicates()
            self.not_duplicate.setChecked(False)
            self.not_duplicate.show()

    def _show_duplicates(self) -> None:
        lines = [self.tr("Customers already on file with this name or phone:")]
        for match in self._duplicates:
            why = (
                self.tr("same phone {phone}").format(phone=match.detail)
                if match.reason == "phone"
                else self.tr("same name")
            )
            lines.append(
                self.tr("• {name} ({tier}), {why}").format(
                    name=match.name, tier=tier_name(match.tier), why=why
                )
            )
        self.duplicates.setText("\n".join(lines))
        self.duplicates.show()

    def describe_conflict(self, current: CustomerForEdit) -> list[str]:
        stored = self.stored
        if stored is None:
            return []
        region = self.region.name_of
        return [
            change_line(label, old, new)
            for label, old, new in (
                (self.tr("Name"), stored.name, current.name),
                (
                    self.tr("Kind"),
                    customer_kind_name(stored.kind),
                    customer_kind_name(current.kind),
                ),
                (self.tr("Tier"), tier_name(stored.tier), tier_name(current.tier)),
                (self.tr("Region"), region(stored.region_id), region(current.region_id)),
                (self.tr("Address"), stored.address, current.address),
                (self.tr("Notes"), stored.notes, current.notes),
            )
            if old != new
        ]

    def adopt_version(self, current: CustomerForEdit) -> None:
        self.stored = current
        self.version = current.version

    def retranslate(self) -> None:
        editing = self.customer_id is not None
        self.setWindowTitle(self.tr("Edit customer") if editing else self.tr("New customer"))
        self.customer_group.setTitle(self.tr("Customer"))
        self.caption("name", self.tr("Name"))
        self.caption("kind", self.tr("Kind"))
        self.caption("tier", self.tr("Tier"))
        self.caption("region_id", self.tr("Region"))
        self.caption("address", self.tr("Address"))
        self.caption("notes", self.tr("Notes"))
        self.name.setPlaceholderText(self.tr("Company or person, as on the contract"))
        for combo, namer in ((self.kind, customer_kind_name), (self.tier, tier_name)):
            for index in range(combo.count()):
                combo.setItemText(index, namer(str(combo.itemData(index))))
        if self.contact is not None and self.contact_group is not None:
            self.contact_group.setTitle(self.tr("First contact"))
            self.contact.retranslate()
        if self.site is not None and self.site_group is not None:
            self.site_group.setTitle(self.tr("First site"))
            self.site.retranslate()
        self.not_duplicate.setText(
            self.tr("I have checked: this is a new customer, not one of these")
        )
        if self._duplicates:
            self._show_duplicates()
        self.retranslate_base()


class ContactDialog(EditDialog):
    """Add a contact to a customer, or edit one (its phone list is replaced as shown)."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        customer_id: int,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("contactDialog")
        self.customer_id = customer_id
        self.contact_id = contact_id
        form = QFormLayout()
        self.body.addLayout(form)
        self.contact = ContactFields(self, form)
        self.stored: ContactForEdit | None = None  # as loaded: a conflict is measured from it
        self.retranslate()
        if contact_id is not None:
            self.load(contact_for_edit, db, contact_id, on_done=self._loaded)

    def _loaded(self, contact: ContactForEdit) -> None:
        self.stored = contact
        self.contact.set_values(contact)

    def submit(self) -> None:
        values = self.contact.values()
        if self.contact_id is None:
            self.write(add_contact, self.db, self.user, self.customer_id, values)
        else:
            self.write(update_contact, self.db, self.user, self.contact_id, values, self.stored)

    def describe_conflict(self, current: ContactForEdit) -> list[str]:
        stored = self.stored
        if stored is None:
            return []
        translate = QCoreApplication.translate
        return [
            change_line(label, old, new)
            for label, old, new in (
                (translate("EditDialog", "Contact name"), stored.name, current.name),
                (
                    translate("EditDialog", "Phone"),
                    " / ".join(stored.phones),
                    " / ".join(current.phones),
                ),
                (translate("EditDialog", "E-mail"), stored.email, current.email),
                (translate("EditDialog", "WeChat"), stored.wechat, current.wechat),
            )
            if old != new
        ]

    def adopt_version(self, current: ContactForEdit) -> None:
        self.stored = current

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Edit contact") if self.contact_id is not None else self.tr("New contact")
        )
        self.contact.retranslate()
        self.retranslate_base()


class SiteDialog(EditDialog):
    """Add a site to a customer, or edit one."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        customer_id: int,
        site_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("siteDialog")
        self.customer_id = customer_id
        self.site_id = site_id
        form = QFormLayout()
        self.body.addLayout(form)
        self.site = SiteFields(self, form)
        self.stored: SiteForEdit | None = None  # as loaded: a conflict is measured from it
        self.retranslate()
        self.load(regions, db, on_done=self.site.region.set_regions)
        if site_id is not None:
            self.load(site_for_edit, db, site_id, on_done=self._loaded)

    def _loaded(self, site: SiteForEdit) -> None:
        self.stored = site
        self.site.set_values(site)

    def submit(self) -> None:
        values = self.site.values()
        if self.site_id is None:
            self.write(add_site, self.db, self.user, self.customer_id, values)
        else:
            self.write(update_site, self.db, self.user, self.site_id, values, self.stored)

    def describe_conflict(self, current: SiteForEdit) -> list[str]:
        stored = self.stored
        if stored is None:
            return []
        translate = QCoreApplication.translate
        region = self.site.region.name_of
        return [
            change_line(label, old, new)
            for label, old, new in (
                (translate("EditDialog", "Site name"), stored.name, current.name),
                (translate("EditDialog", "City"), stored.city, current.city),
                (translate("EditDialog", "Address"), stored.address, current.address),
                (
                    translate("EditDialog", "Region"),
                    region(stored.region_id),
                    region(current.region_id),
                ),
            )
            if old != new
        ]

    def adopt_version(self, current: SiteForEdit) -> None:
        self.stored = current

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Edit site") if self.site_id is not None else self.tr("New site")
        )
        self.site.retranslate()
        self.retranslate_base()


# --- choosing a customer (move a device, merge) -------------------------------------------------


class CustomerChoiceModel(QAbstractListModel):
    """The customers a picker search found: name, tier, address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[CustomerChoice, ...] = ()

    def set_rows(self, rows: tuple[CustomerChoice, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{row.name}  ·  {tier_name(row.tier)}"
            return f"{text}  ·  {row.detail}" if row.detail else text
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class CustomerPicker(QWidget):
    """A search field (name, pinyin or phone) over a short result list; `chosen` on a pick."""

    chosen = Signal(object)  # CustomerChoice

    DEBOUNCE_MS = 150

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setClearButtonEnabled(True)
        self.model = CustomerChoiceModel(self)
        self.results = QListView()
        self.results.setObjectName("customerResults")
        self.results.setModel(self.model)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.setMaximumHeight(self.results.fontMetrics().lineSpacing() * 6 + 8)
        self.results.selectionModel().currentRowChanged.connect(self._current_changed)
        self.search.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._find)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self._key = f"customer-picker-{id(self)}"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search field walks into the results.
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _find(self) -> None:
        self.runner.read(
            find_customers, self.db, self.search.text(), 20, on_done=self._found, key=self._key
        )

    def _found(self, rows: tuple[CustomerChoice, ...]) -> None:
        self.model.set_rows(rows)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        choice = current.data(Qt.ItemDataRole.UserRole)
        if isinstance(choice, CustomerChoice):
            self.chosen.emit(choice)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            QCoreApplication.translate("CustomerPicker", "Find a customer by name, pinyin or phone")
        )
