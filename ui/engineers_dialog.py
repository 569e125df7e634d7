"""Engineers of a region: base and working hours, and absences (leave, training…).

Anyone may look; a dispatcher (or the engineer themself) may change a profile or an
absence — the form is read-only for the others. An absence over visits already booked is
recorded, and the dialog lists those visits so they get moved. Refusals show at the fields
and keep what was typed; another desk's save in between is said, and Save again keeps the
values in the form.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QItemSelection, QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ui.admin_common import failure_text
from ui.admin_users import skill_names
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import INVALID_STYLE, FieldBox
from ui.local_time import local_text
from ui.tasks import TaskRunner
from ui.visit_words import (
    absence_kind_name,
    minute_text,
    span_text,
    weekday_name,
    work_days_text,
)
from workstation.changes import Change
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditConflict, EditRejected
from workstation.services.engineers import (
    ABSENCE_KINDS,
    AbsenceChange,
    AbsenceInput,
    AbsenceRow,
    EngineerRow,
    ProfileInput,
    add_absence,
    cancel_absence,
    list_absences,
    list_engineers,
    may_manage,
    update_profile,
)
from workstation.services.options import RegionOption, regions

WARNING_STYLE = "color: #7a4f00; background: #fff3cd; padding: 4px;"
FOLLOWED = ("engineer", "engineer_absence", "user")


def to_instant(stamp: QDateTime) -> datetime:
    return datetime.fromtimestamp(stamp.toSecsSinceEpoch(), UTC)


def minutes_of(at: QTime) -> int:
    return at.hour() * 60 + at.minute()


class EngineersDialog(QDialog):
    """The engineers of a region (all regions when none), their profiles and absences."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        region_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("engineersDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumSize(980, 640)
        self.db = db
        self.runner = runner
        self.user = user
        self.region_id = region_id
        self.current: EngineerRow | None = None
        self.absences: tuple[AbsenceRow, ...] = ()
        self.fields: dict[str, FieldBox] = {}
        self._regions: tuple[RegionOption, ...] = ()
        self._build()
        self.retranslate()
        self.runner.read(regions, db, on_done=self._regions_read, key=f"eng-regions:{id(self)}")
        self.reload()

    # --- layout -----------------------------------------------------------------------

    def _box(self, name: str, editor: QWidget) -> FieldBox:
        box = FieldBox(editor)
        box.setObjectName(f"field_{name}")
        self.fields[name] = box
        return box

    def _build(self) -> None:
        self.region = QComboBox()
        self.region.setObjectName("regionFilter")
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.region.currentIndexChanged.connect(self._region_chosen)
        self.region_caption = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.region_caption)
        top.addWidget(self.region)
        top.addStretch(1)

        self.model = RowsModel(
            [
                Column(lambda: self.tr("Engineer"), lambda r: r.display_name),
                Column(lambda: self.tr("Region"), lambda r: r.region_name),
                Column(lambda: self.tr("Skills"), lambda r: skill_names(r.skills)),
                Column(lambda: self.tr("Base"), lambda r: r.base_city),
                Column(
                    lambda: self.tr("Hours"),
                    lambda r: (
                        f"{minute_text(r.work_start_minute)}–{minute_text(r.work_end_minute)}"
                    ),
                ),
                Column(lambda: self.tr("Days"), lambda r: work_days_text(r.work_days)),
            ],
            self,
        )
        self.table = rows_table(self.model, "engineersTable")
        self.table.selectionModel().selectionChanged.connect(self._selected)

        # The profile.
        self.base_city = QLineEdit()
        self.base_city.setObjectName("baseCity")
        self.base_city.setMaxLength(100)
        self.latitude = QLineEdit()
        self.latitude.setObjectName("baseLatitude")
        self.longitude = QLineEdit()
        self.longitude.setObjectName("baseLongitude")
        self.work_start = QTimeEdit()
        self.work_start.setObjectName("workStart")
        self.work_start.setDisplayFormat("HH:mm")
        self.work_end = QTimeEdit()
        self.work_end.setObjectName("workEnd")
        self.work_end.setDisplayFormat("HH:mm")
        self.day_boxes = [QCheckBox() for _ in range(7)]
        days = QWidget()
        days_row = QHBoxLayout(days)
        days_row.setContentsMargins(0, 0, 0, 0)
        for number, day_box in enumerate(self.day_boxes, start=1):
            day_box.setObjectName(f"workDay{number}")
            days_row.addWidget(day_box)
        days_row.addStretch(1)
        self.profile_form = QFormLayout()
        self._captions: dict[str, QLabel] = {}
        for name, editor in (
            ("base_city", self.base_city),
            ("base_latitude", self.latitude),
            ("base_longitude", self.longitude),
            ("work_start_minute", self.work_start),
            ("work_end_minute", self.work_end),
            ("work_days", days),
        ):
            box = self._box(name, editor)
            self._captions[name] = box.caption
            self.profile_form.addRow(box.caption, box)
        self.save_profile = QPushButton()
        self.save_profile.setObjectName("saveProfile")
        self.save_profile.clicked.connect(self.save)
        self.profile_box = QGroupBox()
        profile_layout = QVBoxLayout(self.profile_box)
        profile_layout.addLayout(self.profile_form)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_profile)
        profile_layout.addLayout(save_row)

        # Absences.
        self.absence_model = RowsModel(
            [
                Column(lambda: self.tr("Kind"), lambda a: absence_kind_name(a.kind)),
                Column(lambda: self.tr("From"), lambda a: local_text(a.starts_at)),
                Column(lambda: self.tr("To"), lambda a: local_text(a.ends_at)),
                Column(lambda: self.tr("Note"), lambda a: a.note),
            ],
            self,
        )
        self.absence_table = rows_table(self.absence_model, "absencesTable")
        rows = self.absence_table.verticalHeader().defaultSectionSize()
        self.absence_table.setMinimumHeight(rows * 3)
        self.absence_table.setMaximumHeight(rows * 6)
        self.absence_kind = QComboBox()
        self.absence_kind.setObjectName("absenceKind")
        self.absence_from = QDateTimeEdit()
        self.absence_from.setObjectName("absenceFrom")
        self.absence_to = QDateTimeEdit()
        self.absence_to.setObjectName("absenceTo")
        for edit in (self.absence_from, self.absence_to):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        tomorrow = QDate.currentDate().addDays(1)
        self.absence_from.setDateTime(QDateTime(tomorrow, QTime(0, 0)))
        self.absence_to.setDateTime(QDateTime(tomorrow.addDays(1), QTime(0, 0)))
        self.absence_note = QLineEdit()
        self.absence_note.setObjectName("absenceNote")
        self.absence_note.setMaxLength(500)
        absence_form = QFormLayout()
        self._absence_captions: dict[str, QLabel] = {}
        for name, editor in (
            ("kind", self.absence_kind),
            ("starts_at", self.absence_from),
            ("ends_at", self.absence_to),
            ("note", self.absence_note),
        ):
            box = self._box(name, editor)
            self._absence_captions[name] = box.caption
            absence_form.addRow(box.caption, box)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addAbsence")
        self.add_button.clicked.connect(self.add)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelAbsence")
        self.cancel_button.clicked.connect(self.cancel_selected)
        cancel_row = QHBoxLayout()
        cancel_row.addStretch(1)
        cancel_row.addWidget(self.cancel_button)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        self.clash = QLabel()
        self.clash.setObjectName("absenceClash")
        self.clash.setWordWrap(True)
        self.clash.setStyleSheet(WARNING_STYLE)
        self.clash.hide()
        self.absence_box = QGroupBox()
        absence_layout = QVBoxLayout(self.absence_box)
        absence_layout.addWidget(self.absence_table)
        absence_layout.addLayout(cancel_row)
        absence_layout.addLayout(absence_form)
        absence_layout.addLayout(add_row)
        absence_layout.addWidget(self.clash)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.profile_box)
        right_layout.addWidget(self.absence_box)
        right_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(right)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 520])

        self.status = QLabel()
        self.status.setObjectName("engineersStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._set_editable(False)

    # --- reading ----------------------------------------------------------------------

    def reload(self) -> None:
        self.runner.read(
            list_engineers,
            self.db,
            self.user,
            self.region_id,
            on_done=self._engineers_read,
            on_error=self._failed,
            key=f"engineers:{id(self)}",
        )

    def _regions_read(self, found: tuple[RegionOption, ...]) -> None:
        self._regions = found
        self._fill_regions()

    def _fill_regions(self) -> None:
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(self.tr("All regions"), None)
        for option in self._regions:
            self.region.addItem(option.name, option.id)
        index = self.region.findData(self.region_id)
        self.region.setCurrentIndex(max(index, 0))
        self.region.blockSignals(False)

    @Slot()
    def _region_chosen(self) -> None:
        self.region_id = self.region.currentData()
        self.reload()

    def _engineers_read(self, rows: tuple[EngineerRow, ...]) -> None:
        keep = self.current.user_id if self.current is not None else None
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        ids = [r.user_id for r in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
            self.current = rows[ids.index(keep)]
        elif rows:
            self.table.selectRow(0)
        else:
            self.current = None
            self._set_editable(False)

    @Slot(QItemSelection, QItemSelection)
    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row: EngineerRow = self.model.row(rows[0].row())
        changed = self.current is None or self.current.user_id != row.user_id
        self.current = row
        if changed:
            self._fill_profile(row)
            self.clash.hide()
            self._clear_errors()
            self.read_absences()
        self._set_editable(may_manage(self.user, row.user_id))

    def read_absences(self) -> None:
        if self.current is None:
            return
        self.runner.read(
            list_absences,
            self.db,
            self.user,
            self.current.user_id,
            on_done=self._absences_read,
            on_error=self._failed,
            key=f"absences:{id(self)}",
        )

    def _absences_read(self, rows: tuple[AbsenceRow, ...]) -> None:
        self.absences = rows
        self.absence_model.set_rows(rows)
        self.absence_table.resizeColumnsToContents()

    def on_changes(self, changes: list[Change]) -> None:
        """Another desk changed an engineer or an absence: show it."""
        if any(c.entity in FOLLOWED for c in changes):
            self.reload()
            self.read_absences()

    # --- the profile ------------------------------------------------------------------

    def _fill_profile(self, row: EngineerRow) -> None:
        self.base_city.setText(row.base_city)
        self.latitude.setText("" if row.base_latitude is None else f"{row.base_latitude:g}")
        self.longitude.setText("" if row.base_longitude is None else f"{row.base_longitude:g}")
        self.work_start.setTime(QTime(row.work_start_minute // 60, row.work_start_minute % 60))
        end = min(row.work_end_minute, 24 * 60 - 1)
        self.work_end.setTime(QTime(end // 60, end % 60))
        for number, day_box in enumerate(self.day_boxes, start=1):
            day_box.setChecked(str(number) in row.work_days)

    def _set_editable(self, editable: bool) -> None:
        for widget in (
            self.base_city,
            self.latitude,
            self.longitude,
            self.work_start,
            self.work_end,
            *self.day_boxes,
            self.save_profile,
            self.absence_kind,
            self.absence_from,
            self.absence_to,
            self.absence_note,
            self.add_button,
            self.cancel_button,
        ):
            widget.setEnabled(editable)

    def _coordinate(self, name: str, text: str, errors: list[FieldError]) -> float | None:
        text = text.strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            errors.append(FieldError(name, "not_a_number"))
            return None

    @Slot()
    def save(self) -> None:
        row = self.current
        if row is None:
            return
        self._clear_errors()
        errors: list[FieldError] = []
        values = ProfileInput(
            base_city=self.base_city.text(),
            base_latitude=self._coordinate("base_latitude", self.latitude.text(), errors),
            base_longitude=self._coordinate("base_longitude", self.longitude.text(), errors),
            work_start_minute=minutes_of(self.work_start.time()),
            work_end_minute=minutes_of(self.work_end.time()),
            work_days="".join(
                str(n) for n, day in enumerate(self.day_boxes, start=1) if day.isChecked()
            ),
        )
        if errors:
            self._show_errors(errors)
            return
        self.runner.write(
            update_profile,
            self.db,
            self.user,
            row.user_id,
            row.version,
            values,
            on_done=self._profile_saved,
            on_error=self._failed,
        )

    def _profile_saved(self, row: EngineerRow) -> None:
        self.current = row
        rows = [row if r.user_id == row.user_id else r for r in self.model.rows()]
        self.model.set_rows(rows)
        ids = [r.user_id for r in rows]
        if row.user_id in ids:
            self.table.selectRow(ids.index(row.user_id))
        self._say(self.tr("Saved: {name}.").format(name=row.display_name))

    # --- absences ---------------------------------------------------------------------

    @Slot()
    def add(self) -> None:
        row = self.current
        if row is None:
            return
        self._clear_errors()
        values = AbsenceInput(
            kind=str(self.absence_kind.currentData() or ""),
            starts_at=to_instant(self.absence_from.dateTime()),
            ends_at=to_instant(self.absence_to.dateTime()),
            note=self.absence_note.text(),
        )
        self.runner.write(
            add_absence,
            self.db,
            self.user,
            row.user_id,
            values,
            on_done=self._absence_added,
            on_error=self._failed,
        )

    def _absence_added(self, change: AbsenceChange) -> None:
        self.absence_note.clear()
        self._say(
            self.tr("Absence recorded: {kind}, {time}.").format(
                kind=absence_kind_name(change.absence.kind),
                time=span_text(change.absence.starts_at, change.absence.ends_at),
            )
        )
        if change.clashing_visits:
            lines = [
                " · ".join(
                    p
                    for p in (
                        span_text(v.starts_at, v.ends_at),
                        v.customer_name,
                        v.ticket_number,
                    )
                    if p
                )
                for v in change.clashing_visits
            ]
            self.clash.setText(
                self.tr("Visits already booked in this absence — move them:")
                + "\n"
                + "\n".join(lines)
            )
            self.clash.show()
        else:
            self.clash.hide()
        self.read_absences()

    @Slot()
    def cancel_selected(self) -> None:
        rows = self.absence_table.selectionModel().selectedRows()
        if not rows:
            self._say(self.tr("Choose the absence to cancel."), error=True)
            return
        absence: AbsenceRow = self.absence_model.row(rows[0].row())
        self.runner.write(
            cancel_absence,
            self.db,
            self.user,
            absence.id,
            on_done=self._absence_cancelled,
            on_error=self._failed,
        )

    def _absence_cancelled(self, change: AbsenceChange) -> None:
        self._say(
            self.tr("Absence cancelled: {kind}, {time}.").format(
                kind=absence_kind_name(change.absence.kind),
                time=span_text(change.absence.starts_at, change.absence.ends_at),
            )
        )
        self.clash.hide()
        self.read_absences()

    # --- outcomes ---------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, EditRejected):
            self._show_errors(error.errors)
            return
        if isinstance(error, EditConflict) and isinstance(error.current, EngineerRow):
            # Keep the form; the next save goes over the version now stored.
            if self.current is not None:
                self.current = replace(self.current, version=error.current.version)
            self._say(
                self.tr(
                    "Another desk saved this engineer's profile meanwhile. Your values are "
                    "still in the form: save again to keep them."
                ),
                error=True,
            )
            return
        self._say(failure_text(error), error=True)

    def _show_errors(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        loose = []
        for error in errors:
            box = self.fields.get(error.field)
            if box is None:
                loose.append(error)
            else:
                box.show_error(error)
        if loose:
            self._say(failure_text(EditRejected(loose)), error=True)
        else:
            self._say(self.tr("Not saved: see the marked fields."), error=True)

    def _clear_errors(self) -> None:
        for box in self.fields.values():
            box.clear_error()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #c62828;" if error else "color: #1b5e20;")
        self.status.setText(text)

    # --- words ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Engineers"))
        self.region_caption.setText(self.tr("Region:"))
        if self._regions:
            self._fill_regions()
        self.profile_box.setTitle(self.tr("Base and working hours"))
        captions = {
            "base_city": self.tr("Base city"),
            "base_latitude": self.tr("Latitude"),
            "base_longitude": self.tr("Longitude"),
            "work_start_minute": self.tr("Work starts"),
            "work_end_minute": self.tr("Work ends"),
            "work_days": self.tr("Working days"),
        }
        for name, text in captions.items():
            self._captions[name].setText(text)
        self.latitude.setPlaceholderText(self.tr("e.g. 31.2304"))
        self.longitude.setPlaceholderText(self.tr("e.g. 121.4737"))
        for number, day_box in enumerate(self.day_boxes, start=1):
            day_box.setText(weekday_name(number))
        self.save_profile.setText(self.tr("Save profile"))
        self.absence_box.setTitle(self.tr("Absences"))
        absence_captions = {
            "kind": self.tr("Kind"),
            "starts_at": self.tr("From"),
            "ends_at": self.tr("To"),
            "note": self.tr("Note"),
        }
        for name, text in absence_captions.items():
            self._absence_captions[name].setText(text)
        chosen = self.absence_kind.currentData()
        self.absence_kind.clear()
        for kind in ABSENCE_KINDS:
            self.absence_kind.addItem(absence_kind_name(kind), kind)
        self.absence_kind.setCurrentIndex(max(self.absence_kind.findData(chosen), 0))
        self.add_button.setText(self.tr("Add absence"))
        self.cancel_button.setText(self.tr("Cancel the chosen absence"))
        for box in self.fields.values():
            box.retranslate()
        self.model.retranslate()
        self.absence_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
