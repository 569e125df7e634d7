"""One visit: its facts, and the service sheet the engineer (or an agent on the engineer's
call) records after it, with its cost previewed live; the printed sheet and passport label.

Reads and the save go through the task runner. What was typed is never lost: a refused save
marks the fields and keeps the form; a save over another desk's change (the visit moved,
cancelled or already recorded) says so and keeps the form on the fresh version.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDateTime, QEvent, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.customer_card import badge_style, model_text, warranty_label
from ui.customer_dialogs import ERROR_COLOUR, FieldBox
from ui.local_time import date_text, local_text, to_qdatetime
from ui.parts_used import PartsUsedTable
from ui.parts_words import parts_error_text
from ui.roles import refusal_text
from ui.service_sheet_pdf import write_passport_label, write_service_sheet
from ui.tasks import TaskRunner, is_problem
from ui.visit_parts_panel import VisitPartsPanel
from ui.visit_words import kind_name, result_name, sheet_error_text, visit_status_name
from ui.vocabulary import ticket_status_name
from workstation.changes import Change
from workstation.db import Database
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound
from workstation.services.passport import PassportFacts, passport_facts
from workstation.services.service_sheet import (
    MAX_TRAVEL_KM,
    RESULTS,
    SheetConflict,
    SheetDetail,
    SheetInput,
    SheetRefused,
    SheetResult,
    record_sheet,
    sheet_detail,
)
from workstation.services.visit_cost import VisitCost, labour_minutes, visit_cost

STATUS_COLOURS = {
    "booked": ("#0d47a1", "#e3f2fd"),
    "completed": ("#1b5e20", "#e8f5e9"),
    "cancelled": ("#455a64", "#eceff1"),
    "unscheduled": ("#7a4f00", "#fff3cd"),
}
FORM_FIELDS = (
    "arrived_at",
    "departed_at",
    "work_done",
    "result",
    "advice",
    "root_cause",
    "new_serial",
    "travel_km",
    "confirmed_by",
)


def money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f}"


def to_utc(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class VisitWindow(QWidget):
    """The visit window. `saved(SheetResult)` after a sheet is recorded."""

    saved = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        *,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        visit_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("visitWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._db = db
        self._runner = runner
        self._user = user
        self.visit_id = visit_id
        self.detail: SheetDetail | None = None
        self._version: int | None = None
        self._filled = False  # the form holds this visit's values (typed or loaded)
        self._busy = False
        self._closed = False
        self._build()
        self.retranslate()
        self.reload()

    # -- layout ------------------------------------------------------------------

    def _build(self) -> None:
        self.number = QLabel()
        self.number.setObjectName("visitNumber")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_badge = QLabel()
        self.kind_badge.setObjectName("kindBadge")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        header = QHBoxLayout()
        header.addWidget(self.number)
        header.addWidget(self.kind_badge)
        header.addWidget(self.status_badge)
        header.addStretch(1)

        self.facts_box = QGroupBox()
        facts = QFormLayout(self.facts_box)
        self.fact_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in (
            "customer",
            "site",
            "contact",
            "device",
            "engineer",
            "booked",
            "ticket",
            "fault",
            "checklist",
        ):
            caption, value = QLabel(), QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(caption, value)
            self.fact_labels[key] = (caption, value)

        self.arrived = QDateTimeEdit()
        self.arrived.setObjectName("arrivedAt")
        self.departed = QDateTimeEdit()
        self.departed.setObjectName("departedAt")
        for edit in (self.arrived, self.departed):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.dateTimeChanged.connect(self._preview)
        self.work_done = QPlainTextEdit()
        self.work_done.setObjectName("workDone")
        self.work_done.setTabChangesFocus(True)
        self.work_done.setMinimumHeight(80)
        self.work_done.setMaximumHeight(130)
        self.result = QComboBox()
        self.result.setObjectName("result")
        self.result.currentIndexChanged.connect(self._result_changed)
        self.advice = QPlainTextEdit()
        self.advice.setObjectName("advice")
        self.advice.setTabChangesFocus(True)
        self.advice.setMaximumHeight(60)
        self.root_cause = QLineEdit()
        self.root_cause.setObjectName("rootCause")
        self.new_serial = QLineEdit()
        self.new_serial.setObjectName("newSerial")
        self.travel_km = QDoubleSpinBox()
        self.travel_km.setObjectName("travelKm")
        self.travel_km.setDecimals(1)
        self.travel_km.setRange(0.0, float(MAX_TRAVEL_KM))
        self.travel_km.setSingleStep(1.0)
        self.travel_km.setSuffix(" km")
        self.travel_km.valueChanged.connect(self._preview)
        self.confirmed_by = QLineEdit()
        self.confirmed_by.setObjectName("confirmedBy")
        self.confirmed_by.setMaxLength(100)

        editors: dict[str, QWidget] = {
            "arrived_at": self.arrived,
            "departed_at": self.departed,
            "work_done": self.work_done,
            "result": self.result,
            "advice": self.advice,
            "root_cause": self.root_cause,
            "new_serial": self.new_serial,
            "travel_km": self.travel_km,
            "confirmed_by": self.confirmed_by,
        }
        self.boxes: dict[str, FieldBox] = {}
        self.sheet_box = QGroupBox()
        form = QFormLayout(self.sheet_box)
        for name, editor in editors.items():
            box = FieldBox(editor)
            self.boxes[name] = box
            form.addRow(box.caption, box)
        self.travel_km.valueChanged.connect(self.boxes["travel_km"].clear_error)
        self.arrived.dateTimeChanged.connect(self.boxes["arrived_at"].clear_error)
        self.departed.dateTimeChanged.connect(self.boxes["departed_at"].clear_error)
        self._form = form

        # Parts: reserve and return (the panel); what was fitted goes with the sheet.
        self.parts_box = QGroupBox()
        self.parts_panel = VisitPartsPanel(
            db=self._db, runner=self._runner, user=self._user, visit_id=self.visit_id
        )
        self.parts_used = PartsUsedTable()
        self.parts_panel.rows_shown.connect(self.parts_used.set_lines)
        self.parts_panel.rows_shown.connect(self._preview)
        self._used_caption = QLabel()
        self._used_caption.setWordWrap(True)
        self.parts_panel.rows_shown.connect(
            lambda _rows: self._used_caption.setVisible(bool(self.parts_used.lines))
        )
        self.parts_used.itemChanged.connect(self._preview)
        self.parts_panel.table.setMaximumHeight(110)
        self.parts_used.setMaximumHeight(90)
        parts = QVBoxLayout(self.parts_box)
        parts.addWidget(self.parts_panel)
        parts.addWidget(self._used_caption)
        parts.addWidget(self.parts_used)

        self.cost_box = QGroupBox()
        cost = QFormLayout(self.cost_box)
        self.cost_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("labour", "travel", "surcharge", "total", "parts"):
            caption, value = QLabel(), QLabel()
            value.setObjectName(f"cost_{key}")
            cost.addRow(caption, value)
            self.cost_labels[key] = (caption, value)
        bold = QFont(self.cost_labels["total"][1].font())
        bold.setBold(True)
        self.cost_labels["total"][1].setFont(bold)

        self.status_line = QLabel()
        self.status_line.setObjectName("statusLine")
        self.status_line.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSheet")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printSheet")
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.label_button = QPushButton()
        self.label_button.setObjectName("passportLabel")
        self.label_button.clicked.connect(lambda: self.passport_label())
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.label_button)

        right = QVBoxLayout()
        right.addWidget(self.sheet_box)
        right.addWidget(self.cost_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.facts_box)
        left.addWidget(self.parts_box)
        left.addStretch(1)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(header)
        inner.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status_line)
        layout.addLayout(buttons)
        self.resize(1040, 720)

    # -- reading -----------------------------------------------------------------

    def reload(self) -> None:
        self._runner.read(
            sheet_detail,
            self._db,
            self._user,
            self.visit_id,
            on_done=self._loaded,
            on_error=self._read_failed,
            key=f"visit-window:{id(self)}",
        )

    def _loaded(self, detail: SheetDetail) -> None:
        self.detail = detail
        self._version = detail.version
        if not self._filled or not detail.recordable:
            self._fill(detail)
        self._show()

    def _read_failed(self, error: BaseException) -> None:
        self._say(self._error_text(error), error=True)

    def on_changes(self, changes: list[Change]) -> None:
        """Re-read when another desk changed this visit (what is typed stays)."""
        self.parts_panel.on_changes(changes)
        if any(c.entity == "visit" and c.entity_id == self.visit_id for c in changes):
            self.reload()

    # -- showing -----------------------------------------------------------------

    def _fill(self, d: SheetDetail) -> None:
        """The form from the stored sheet, or from the booking for a visit not recorded."""
        arrived = d.arrived_at or d.starts_at
        departed = d.departed_at or d.ends_at
        now = QDateTime.currentDateTime()
        self.arrived.setDateTime(to_qdatetime(arrived) if arrived else now)
        self.departed.setDateTime(to_qdatetime(departed) if departed else now)
        self.work_done.setPlainText(d.work_done)
        self._set_result(d.result)
        self.advice.setPlainText(d.advice)
        self.root_cause.setText(d.root_cause)  # the ticket's, when the desk already found one
        self.new_serial.setText(d.replaced_by_serial)
        self.travel_km.setValue(float(d.travel_km or 0))
        self.confirmed_by.setText(d.confirmed_by)
        self._filled = True
        for box in self.boxes.values():
            box.clear_error()

    def _set_result(self, code: str) -> None:
        index = self.result.findData(code)
        self.result.setCurrentIndex(max(index, 0))

    def _show(self) -> None:
        d = self.detail
        if d is None:
            return
        self.number.setText(d.number)
        self.setWindowTitle(self.tr("Visit {number}").format(number=d.number))
        self.kind_badge.setText(kind_name(d.kind))
        self.kind_badge.setStyleSheet(badge_style(("#263238", "#cfd8dc")))
        self.status_badge.setText(visit_status_name(d.status))
        self.status_badge.setStyleSheet(
            badge_style(STATUS_COLOURS.get(d.status, STATUS_COLOURS["booked"]))
        )
        site = " · ".join(part for part in (d.site_name, d.site_address) if part)
        contact = " · ".join(part for part in (d.contact_name, d.contact_phone) if part)
        device = ""
        if d.serial:
            device = f"{model_text(d.model_code, d.model_name)} · {d.serial}"
            if d.install_date:
                device += "\n" + self.tr("Installed {day}").format(day=date_text(d.install_date))
            if d.warranty_state:
                device += "\n" + self.tr("Warranty until {day} ({state})").format(
                    day=date_text(d.warranty_end) or "-", state=warranty_label(d.warranty_state)
                )
        booked = local_text(d.starts_at)
        if d.ends_at is not None:
            booked += " – " + local_text(d.ends_at)[-5:]
        ticket = ""
        if d.ticket_id is not None:
            ticket = f"{d.ticket_number} · {ticket_status_name(d.ticket_status)}"
        fault = d.fault_description
        if d.error_code:
            fault = f"[{d.error_code}] {fault}"
        values = {
            "customer": d.customer_name,
            "site": site or d.customer_address,
            "contact": contact,
            "device": device,
            "engineer": d.engineer_name,
            "booked": booked or date_text(d.due_on),
            "ticket": ticket,
            "fault": fault,
            "checklist": "\n".join(f"☐ {item}" for item in d.checklist),
        }
        for key, (_caption, value) in self.fact_labels.items():
            value.setText(values[key] or "-")
        self._enable()
        self._preview()

    def _enable(self) -> None:
        d = self.detail
        editable = d is not None and d.recordable and not self._busy
        for name, box in self.boxes.items():
            box.editor.setEnabled(editable)
            if name == "root_cause":
                box.setVisible(d is not None and (d.ticket_open or bool(d.root_cause)))
        result = self.result.currentData()
        self.advice.setEnabled(editable and result == "customer_misuse")
        has_device = d is not None and d.equipment_id is not None
        self.new_serial.setEnabled(editable and result == "unit_replaced" and has_device)
        self.save_button.setEnabled(editable)
        self.print_button.setEnabled(d is not None and not self._busy)
        self.label_button.setEnabled(has_device and not self._busy)

    @Slot()
    def _result_changed(self) -> None:
        self._enable()
        self.boxes["advice"].clear_error()
        self.boxes["new_serial"].clear_error()

    def preview_cost(self) -> VisitCost | None:
        """The cost of what is typed now, at the centre's rates (None before the read)."""
        d = self.detail
        if d is None:
            return None
        if not d.recordable and d.total_cost is not None:
            return VisitCost(
                d.labour_minutes or 0,
                d.labour_cost or Decimal(0),
                d.distance_cost or Decimal(0),
                d.surcharge or Decimal(0),
                d.total_cost,
            )
        minutes = labour_minutes(to_utc(self.arrived.dateTime()), to_utc(self.departed.dateTime()))
        km = Decimal(str(round(self.travel_km.value(), 1)))
        return visit_cost(minutes, km, d.urgent, d.rates)

    @Slot()
    def _preview(self) -> None:
        d = self.detail
        cost = self.preview_cost()
        if d is None or cost is None:
            for _caption, value in self.cost_labels.values():
                value.setText("")
            return
        rate = d.rates
        self.cost_labels["labour"][1].setText(
            self.tr("{minutes} min × {rate} per hour = {amount}").format(
                minutes=cost.labour_minutes,
                rate=money(rate.labour_per_hour),
                amount=money(cost.labour),
            )
        )
        km = d.travel_km if not d.recordable and d.travel_km is not None else self.travel_km.value()
        self.cost_labels["travel"][1].setText(
            self.tr("{km} km × {rate} per km = {amount}").format(
                km=f"{km:.1f}", rate=money(rate.distance_per_km), amount=money(cost.distance)
            )
        )
        surcharge = money(cost.surcharge)
        self.cost_labels["surcharge"][1].setText(
            self.tr("{amount} (urgent visit)").format(amount=surcharge)
            if d.urgent
            else self.tr("{amount} (not urgent)").format(amount=surcharge)
        )
        self.cost_labels["total"][1].setText(money(cost.total))
        parts = d.parts_cost if not d.recordable else self.parts_used.priced()
        self.cost_labels["parts"][1].setText(
            self.tr("{amount} (charged apart from the service)").format(amount=money(parts))
        )

    # -- saving ------------------------------------------------------------------

    def sheet(self) -> SheetInput:
        """The sheet as typed."""
        result = self.result.currentData()
        return SheetInput(
            arrived_at=to_utc(self.arrived.dateTime()),
            departed_at=to_utc(self.departed.dateTime()),
            work_done=self.work_done.toPlainText(),
            result=str(result) if result else "",
            advice=self.advice.toPlainText() if result == "customer_misuse" else "",
            travel_km=Decimal(str(round(self.travel_km.value(), 1))),
            confirmed_by=self.confirmed_by.text(),
            root_cause=self.root_cause.text() if self.boxes["root_cause"].isVisible() else "",
            new_serial=self.new_serial.text() if result == "unit_replaced" else "",
            parts_used=self.parts_used.uses() or (),
        )

    @Slot()
    def save(self) -> None:
        if self.detail is None or self._version is None or self._busy:
            return
        for box in self.boxes.values():
            box.clear_error()
        if self.parts_used.uses() is None:
            self._say(
                self.tr("Used parts: a whole number from 0 to the number reserved."), error=True
            )
            self.parts_used.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._busy = True
        self._enable()
        self._say(self.tr("Saving…"))
        self._runner.write(
            record_sheet,
            self._db,
            self._user,
            self.visit_id,
            self._version,
            self.sheet(),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, result: SheetResult) -> None:
        self._busy = False
        self._version = result.version
        if result.ticket_resolved:
            text = self.tr("Sheet saved: total {total}. Ticket {number} is resolved.").format(
                total=money(result.cost.total), number=result.ticket_number
            )
        elif result.ticket_id is not None:
            text = self.tr("Sheet saved: total {total}. Ticket {number} stays open.").format(
                total=money(result.cost.total), number=result.ticket_number
            )
        else:
            text = self.tr("Sheet saved: total {total}.").format(total=money(result.cost.total))
        self._say(text)
        self.message.emit(text)
        self.saved.emit(result)
        self._filled = False
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, SheetRefused):
            self._show_errors(error)
        elif isinstance(error, SheetConflict):
            self._show_conflict(error)
        else:
            self._say(self._error_text(error), error=True)
        self._enable()

    def _show_errors(self, refused: SheetRefused) -> None:
        loose: list[str] = []
        first: QWidget | None = None
        for error in refused.errors:
            box = self.boxes.get(error.field)
            if box is not None and box.isVisible():
                box.show_error(error)
                box.message.setText(sheet_error_text(error))
                first = first or box.editor
            elif error.field == "parts_used":
                loose.append(
                    self.tr("Parts, line {line}:").format(line=error.params.get("line", "?"))
                    + " "
                    + parts_error_text(error)
                )
            else:
                loose.append(sheet_error_text(error))
        self._say(" ".join(loose) or self.tr("Not saved: please correct the marked fields."), True)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_conflict(self, conflict: SheetConflict) -> None:
        """Another desk changed the visit: the facts are fresh, the form keeps what is typed."""
        current = conflict.current
        old = self.detail
        self.detail = current
        self._version = current.version
        what: list[str] = []
        if old is not None and old.status != current.status:
            what.append(
                self.tr("it is now {status}").format(status=visit_status_name(current.status))
            )
        if old is not None and (old.starts_at, old.ends_at) != (current.starts_at, current.ends_at):
            what.append(self.tr("booked for {time}").format(time=local_text(current.starts_at)))
        if old is not None and old.engineer_id != current.engineer_id:
            what.append(self.tr("engineer {name}").format(name=current.engineer_name or "-"))
        text = self.tr("Not saved: another desk changed this visit since you opened it.")
        if what:
            text += " " + "; ".join(what) + "."
        if current.recordable:
            text += " " + self.tr("Your entries are kept: check them and save again.")
        self._say(text, error=True)
        self._show()

    def _error_text(self, error: BaseException) -> str:
        if isinstance(error, PermissionDenied):
            return refusal_text(error.role, error.permission.value)
        if is_problem(error):
            return self.tr("Not saved: the database did not answer. Nothing typed is lost.")
        if isinstance(error, (LookupError, RecordNotFound)):
            return self.tr("There is no such visit.")
        return self.tr("Not saved: {reason}").format(reason=str(error))

    def _say(self, text: str, error: bool = False) -> None:
        self.status_line.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.status_line.setText(text)

    # -- paper -------------------------------------------------------------------

    def _documents(self, name: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return str(Path(folder) / name) if folder else name

    def print_sheet(self, path: str | None = None) -> str | None:
        """Save the service sheet as a PDF (asks where, unless `path` is given); the path."""
        d = self.detail
        if d is None:
            return None
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the service sheet"),
                self._documents(f"{d.number}.pdf"),
                self.tr("PDF files (*.pdf)"),
            )
            if not path:
                return None
        try:
            write_service_sheet(d, path)
        except OSError as error:
            self._say(
                self.tr("Could not write {path}: {reason}").format(path=path, reason=error), True
            )
            return None
        self._say(self.tr("Service sheet saved to {path}.").format(path=path))
        return path

    def passport_label(self, path: str | None = None) -> None:
        """Save the device's passport label as a PDF (asks where, unless `path` is given)."""
        d = self.detail
        if d is None or d.equipment_id is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the passport label"),
                self._documents(f"passport-{d.serial}.pdf"),
                self.tr("PDF files (*.pdf)"),
            )
            if not path:
                return
        chosen = path
        self._runner.read(
            passport_facts,
            self._db,
            d.equipment_id,
            on_done=lambda facts: self._write_label(facts, chosen),
            on_error=self._read_failed,
        )

    def _write_label(self, facts: PassportFacts, path: str) -> None:
        try:
            write_passport_label(facts, path)
        except OSError as error:
            self._say(
                self.tr("Could not write {path}: {reason}").format(path=path, reason=error), True
            )
            return
        self._say(self.tr("Passport label saved to {path}.").format(path=path))

    # -- window ------------------------------------------------------------------

    def retranslate(self) -> None:
        captions = {
            "customer": self.tr("Customer"),
            "site": self.tr("Site"),
            "contact": self.tr("Contact"),
            "device": self.tr("Device"),
            "engineer": self.tr("Engineer"),
            "booked": self.tr("Booked"),
            "ticket": self.tr("Ticket"),
            "fault": self.tr("Fault"),
            "checklist": self.tr("Checklist"),
        }
        for key, (caption, _value) in self.fact_labels.items():
            caption.setText(captions[key])
        fields = {
            "arrived_at": self.tr("Arrived"),
            "departed_at": self.tr("Departed"),
            "work_done": self.tr("Work done"),
            "result": self.tr("Result"),
            "advice": self.tr("Advice given"),
            "root_cause": self.tr("Cause found"),
            "new_serial": self.tr("New unit's serial"),
            "travel_km": self.tr("Travel (there and back)"),
            "confirmed_by": self.tr("Confirmed by (customer)"),
        }
        for name, box in self.boxes.items():
            box.caption.setText(fields[name])
            box.retranslate()
            error = box.error
            if error is not None:
                box.message.setText(sheet_error_text(error))
        self.work_done.setPlaceholderText(self.tr("What was found and done on site"))
        self.advice.setPlaceholderText(
            self.tr("What the customer was advised (required for misuse)")
        )
        self.root_cause.setPlaceholderText(self.tr("Why the fault happened (for the ticket)"))
        self.new_serial.setPlaceholderText(self.tr("Serial of the replacement unit, if known"))
        self.confirmed_by.setPlaceholderText(self.tr("Name of the customer's person who confirmed"))
        chosen = self.result.currentData()
        self.result.blockSignals(True)
        self.result.clear()
        self.result.addItem(self.tr("— choose —"), "")
        for code in RESULTS:
            self.result.addItem(result_name(code), code)
        self.result.blockSignals(False)
        self._set_result(str(chosen or ""))
        self.facts_box.setTitle(self.tr("Visit"))
        self.sheet_box.setTitle(self.tr("Service sheet"))
        self.cost_box.setTitle(self.tr("Cost (at the centre's rates)"))
        cost_captions = {
            "labour": self.tr("Labour"),
            "travel": self.tr("Travel"),
            "surcharge": self.tr("Urgency surcharge"),
            "total": self.tr("Total"),
            "parts": self.tr("Parts"),
        }
        self._used_caption.setText(
            self.tr(
                "Used at this visit (saved with the sheet; reserved parts used 0 times go "
                "back to stock):"
            )
        )
        for key, (caption, _value) in self.cost_labels.items():
            caption.setText(cost_captions[key])
        self.save_button.setText(self.tr("&Save sheet"))
        self.print_button.setText(self.tr("&Print service sheet…"))
        self.label_button.setText(self.tr("Passport &label…"))
        if self.detail is None:
            self.setWindowTitle(self.tr("Visit"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        super().closeEvent(event)
