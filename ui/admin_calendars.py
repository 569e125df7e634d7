"""The Calendars tab: weekly working hours, special days, public holidays, a deadline preview.

Hours are typed as "09:00-12:00, 13:30-18:00" (empty: a day off; "24:00" ends at midnight).
Changes apply to deadlines computed from then on; tickets already logged keep theirs.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication, QDate, QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.admin_common import AdminTab
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.services.admin_calendars import (
    CalendarDetail,
    CalendarSummary,
    DayRow,
    HolidaysLoaded,
    Preview,
    calendar_detail,
    create_calendar,
    list_calendars,
    load_public_holidays,
    preview_deadline,
    remove_day,
    save_day,
    set_weekly_hours,
)
from workstation.services.auth import SignedInUser

_END_OF_DAY = time(23, 59, 59, 999999)
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–~]\s*(\d{1,2}):(\d{2})\s*$")


def weekday_name(weekday: int) -> str:
    names = (
        QCoreApplication.translate("AdminCalendars", "Monday"),
        QCoreApplication.translate("AdminCalendars", "Tuesday"),
        QCoreApplication.translate("AdminCalendars", "Wednesday"),
        QCoreApplication.translate("AdminCalendars", "Thursday"),
        QCoreApplication.translate("AdminCalendars", "Friday"),
        QCoreApplication.translate("AdminCalendars", "Saturday"),
        QCoreApplication.translate("AdminCalendars", "Sunday"),
    )
    return names[weekday]


def kind_name(kind: str) -> str:
    if kind == "holiday":
        return QCoreApplication.translate("AdminCalendars", "Holiday")
    return QCoreApplication.translate("AdminCalendars", "Make-up working day")


def periods_text(periods: tuple[tuple[time, time], ...]) -> str:
    """ "09:00-12:00, 13:30-18:00"; an end at the last instant of the day shows as 24:00."""

    def end_text(end: time) -> str:
        return "24:00" if end >= time(23, 59, 59) else f"{end:%H:%M}"

    return ", ".join(f"{start:%H:%M}-{end_text(end)}" for start, end in periods)


def parse_periods(text: str) -> tuple[tuple[time, time], ...] | None:
    """The periods typed, or None when the text is not "HH:MM-HH:MM, …"."""
    periods = []
    for part in filter(None, (p.strip() for p in text.replace("，", ",").split(","))):
        match = _SPAN.match(part)
        if match is None:
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
            return None
        end = _END_OF_DAY if h2 == 24 else time(h2, m2)
        periods.append((time(h1, m1), end))
    return tuple(periods)


def _day_columns() -> list[Column]:
    return [
        Column(
            lambda: QCoreApplication.translate("AdminCalendars", "Date"),
            lambda r: f"{r.day.isoformat()} {weekday_name(r.day.weekday())}",
        ),
        Column(
            lambda: QCoreApplication.translate("AdminCalendars", "Kind"),
            lambda r: kind_name(r.kind),
            colours=lambda r: ("#1b5e20", "#e8f5e9") if r.kind == "workday" else None,
        ),
        Column(
            lambda: QCoreApplication.translate("AdminCalendars", "Works like"),
            lambda r: (
                weekday_name(r.works_like_weekday) if r.works_like_weekday is not None else ""
            ),
        ),
        Column(lambda: QCoreApplication.translate("AdminCalendars", "Name"), lambda r: r.name),
    ]


class CalendarsTab(AdminTab):
    """One calendar at a time: its week, its special days of a year, the preview."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("adminCalendars")
        self.detail: CalendarDetail | None = None

        self.calendar = QComboBox()
        self.calendar.setObjectName("calendarChoice")
        self.calendar.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.calendar.currentIndexChanged.connect(self._calendar_chosen)
        self.zone = QLabel()
        # A new calendar: its name and time zone; its hours are set after.
        self.new_name = line_edit(100, "newCalendarName")
        self.new_name.setMinimumWidth(180)
        self.new_zone = QComboBox()
        self.new_zone.setObjectName("newCalendarZone")
        self.new_zone.setEditable(True)
        self.new_zone.addItems(sorted(available_timezones()))
        self.new_zone.setCurrentText("Asia/Shanghai")
        self.add_button = QPushButton()
        self.add_button.setObjectName("addCalendar")
        self.add_button.clicked.connect(self.add_calendar)
        self.note = QLabel()
        self.note.setWordWrap(True)

        # Weekly hours.
        self.week_box = QGroupBox()
        week = QGridLayout(self.week_box)
        self.hours: list[QLineEdit] = []
        self._weekday_labels: list[QLabel] = []
        for weekday in range(7):
            edit = line_edit(120, f"hours{weekday}")
            field = self.box(f"weekly.{weekday}", edit)
            self.hours.append(edit)
            label = field.caption
            self._weekday_labels.append(label)
            week.addWidget(label, weekday, 0)
            week.addWidget(field, weekday, 1)
        self.save_hours_button = QPushButton()
        self.save_hours_button.setObjectName("saveHours")
        self.save_hours_button.clicked.connect(self.save_hours)
        self._hours_hint = QLabel()
        self._hours_hint.setWordWrap(True)
        week.addWidget(self._hours_hint, 7, 0, 1, 2)
        week.addWidget(self.save_hours_button, 8, 1)

        # Special days of one year.
        self.days_box = QGroupBox()
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(self._show_days)
        self.model = RowsModel(_day_columns(), self)
        self.table = rows_table(self.model, "daysTable")
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._day_selected)
        self.day = QDateEdit()
        self.day.setObjectName("day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem("", "holiday")
        self.kind.addItem("", "workday")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.day_name = line_edit(100, "dayName")
        self.works_like = QComboBox()
        self.works_like.setObjectName("worksLike")
        for weekday in range(7):
            self.works_like.addItem("", weekday)
        self.save_day_button = QPushButton()
        self.save_day_button.setObjectName("saveDay")
        self.save_day_button.clicked.connect(self.save_day)
        self.remove_day_button = QPushButton()
        self.remove_day_button.setObjectName("removeDay")
        self.remove_day_button.clicked.connect(self.remove_day)
        self.country = line_edit(2, "country")
        self.country.setText("CN")
        self.country.setMaximumWidth(50)
        self.load_button = QPushButton()
        self.load_button.setObjectName("loadHolidays")
        self.load_button.clicked.connect(self.load_holidays)

        day_form = QFormLayout()
        self._day_captions: dict[str, QLabel] = {}
        for name, editor in (
            ("day", self.day),
            ("kind", self.kind),
            ("name", self.day_name),
            ("works_like_weekday", self.works_like),
        ):
            field = self.box(name, editor)
            self._day_captions[name] = field.caption
            day_form.addRow(field.caption, field)
        day_buttons = QHBoxLayout()
        day_buttons.addWidget(self.save_day_button)
        day_buttons.addWidget(self.remove_day_button)
        day_buttons.addStretch(1)
        year_row = QHBoxLayout()
        self._year_caption = QLabel()
        self._year_caption.setBuddy(self.year)
        self._country_caption = QLabel()
        self._country_caption.setBuddy(self.country)
        year_row.addWidget(self._year_caption)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        year_row.addWidget(self._country_caption)
        year_row.addWidget(self.box("country", self.country))
        year_row.addWidget(self.load_button)
        days = QVBoxLayout(self.days_box)
        days.addLayout(year_row)
        days.addWidget(self.table, 1)
        days.addLayout(day_form)
        days.addLayout(day_buttons)

        # Preview.
        self.preview_box = QGroupBox()
        self.start = QDateTimeEdit()
        self.start.setObjectName("previewStart")
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setCalendarPopup(True)
        self.start.setDateTime(QDateTime.currentDateTime())
        self.target = QSpinBox()
        self.target.setObjectName("previewMinutes")
        self.target.setRange(1, 100000)
        self.target.setValue(480)
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("preview")
        self.preview_button.clicked.connect(self.preview)
        self.preview_result = QLabel()
        self.preview_result.setObjectName("previewResult")
        self.preview_result.setWordWrap(True)
        preview_form = QFormLayout(self.preview_box)
        self._start_caption = QLabel()
        self._target_caption = QLabel()
        preview_form.addRow(self._start_caption, self.start)
        preview_form.addRow(self._target_caption, self.box("minutes", self.target))
        preview_form.addRow("", self.preview_button)
        preview_form.addRow(self.preview_result)

        top = QHBoxLayout()
        self._calendar_caption = QLabel()
        self._calendar_caption.setBuddy(self.calendar)
        top.addWidget(self._calendar_caption)
        top.addWidget(self.calendar)
        top.addWidget(self.zone)
        top.addStretch(1)
        self._new_caption = QLabel()
        self._new_caption.setBuddy(self.new_name)
        top.addWidget(self._new_caption)
        top.addWidget(self.box("new.name", self.new_name))
        top.addWidget(self.box("new.timezone", self.new_zone))
        top.addWidget(self.add_button)
        left = QVBoxLayout()
        left.addWidget(self.week_box)
        left.addWidget(self.preview_box)
        left.addStretch(1)
        middle = QHBoxLayout()
        middle.addLayout(left, 2)
        middle.addWidget(self.days_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self._kind_changed()

    # -- reading -------------------------------------------------------------

    def ready(self) -> bool:
        return self.detail is not None

    def reload(self) -> None:
        self.runner.read(
            list_calendars,
            self.db,
            self.user,
            on_done=self._listed,
            on_error=self.failed,
            key="admin-calendars",
        )

    def _listed(self, calendars: tuple[CalendarSummary, ...]) -> None:
        current = self.calendar.currentData()
        self.calendar.blockSignals(True)
        self.calendar.clear()
        for summary in calendars:
            self.calendar.addItem(summary.name, summary.id)
        index = self.calendar.findData(current)
        self.calendar.setCurrentIndex(max(index, 0))
        self.calendar.blockSignals(False)
        self._calendar_chosen()

    def add_calendar(self) -> None:
        self.clear_errors()
        self.write(
            create_calendar,
            self.new_name.text(),
            self.new_zone.currentText(),
            show=self._added,
            message=self.tr("Calendar added: set its weekly hours."),
            prefix="new",
        )

    def _added(self, detail: CalendarDetail) -> None:
        self.new_name.clear()
        self.calendar.blockSignals(True)
        self.calendar.addItem(detail.name, detail.id)
        self.calendar.setCurrentIndex(self.calendar.count() - 1)
        self.calendar.blockSignals(False)
        self._show(detail)

    def _calendar_chosen(self) -> None:
        calendar_id = self.calendar.currentData()
        if calendar_id is None:
            return
        self.runner.read(
            calendar_detail,
            self.db,
            self.user,
            calendar_id,
            on_done=self._show,
            on_error=self.failed,
            key="admin-calendar",
        )

    def _show(self, detail: CalendarDetail) -> None:
        self.detail = detail
        self.zone.setText(detail.timezone)
        for weekday, edit in enumerate(self.hours):
            edit.setText(periods_text(detail.weekly[weekday]))
        self._show_days()

    def _show_days(self) -> None:
        if self.detail is None:
            return
        year = self.year.value()
        self.model.set_rows([d for d in self.detail.days if d.day.year == year])

    def _day_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row: DayRow = self.model.row(index.row())
        self.day.setDate(QDate(row.day.year, row.day.month, row.day.day))
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        self.day_name.setText(row.name)
        self.works_like.setCurrentIndex(row.works_like_weekday or 0)

    def _kind_changed(self) -> None:
        self.works_like.setEnabled(self.kind.currentData() == "workday")

    # -- writing -------------------------------------------------------------

    def _calendar_id(self) -> int | None:
        return self.detail.id if self.detail is not None else None

    def save_hours(self) -> None:
        calendar_id = self._calendar_id()
        if calendar_id is None:
            return
        self.clear_errors()
        weekly, errors = [], []
        for weekday, edit in enumerate(self.hours):
            periods = parse_periods(edit.text())
            if periods is None:
                errors.append(FieldError(f"weekly.{weekday}", "invalid_hours"))
            weekly.append(periods or ())
        if errors:
            self.show_errors(errors)
            return
        self.runner.write(
            set_weekly_hours,
            self.db,
            self.user,
            calendar_id,
            weekly,
            on_done=lambda d: self._saved(d, self.tr("Working hours saved.")),
            on_error=self.failed,
        )

    def _day_input(self) -> DayRow:
        picked = self.day.date()
        workday = self.kind.currentData() == "workday"
        return DayRow(
            date(picked.year(), picked.month(), picked.day()),
            str(self.kind.currentData()),
            self.day_name.text(),
            int(self.works_like.currentData()) if workday else None,
        )

    def save_day(self) -> None:
        calendar_id = self._calendar_id()
        if calendar_id is None:
            return
        self.clear_errors()
        row = self._day_input()
        self.runner.write(
            save_day,
            self.db,
            self.user,
            calendar_id,
            row,
            on_done=lambda d: self._saved(d, self.tr("{day} saved.").format(day=row.day)),
            on_error=self.failed,
        )

    def remove_day(self) -> None:
        calendar_id = self._calendar_id()
        if calendar_id is None:
            return
        day = self._day_input().day
        self.runner.write(
            remove_day,
            self.db,
            self.user,
            calendar_id,
            day,
            on_done=lambda d: self._saved(
                d, self.tr("{day} follows the weekly hours again.").format(day=day)
            ),
            on_error=self.failed,
        )

    def load_holidays(self) -> None:
        calendar_id = self._calendar_id()
        if calendar_id is None:
            return
        self.clear_errors()
        self.runner.write(
            load_public_holidays,
            self.db,
            self.user,
            calendar_id,
            self.country.text(),
            self.year.value(),
            on_done=self._loaded,
            on_error=self.failed,
        )

    def _loaded(self, result: HolidaysLoaded) -> None:
        self.show_status(
            self.tr(
                "{added} days added for {year}; {kept} already on the calendar were kept as "
                "they are."
            ).format(added=result.added, year=self.year.value(), kept=result.kept)
        )
        self._calendar_chosen()

    def _saved(self, detail: CalendarDetail, message: str) -> None:
        self._show(detail)
        self.show_status(message)

    def preview(self) -> None:
        calendar_id = self._calendar_id()
        if calendar_id is None:
            return
        moment = self.start.dateTime()
        start = datetime(
            moment.date().year(),
            moment.date().month(),
            moment.date().day(),
            moment.time().hour(),
            moment.time().minute(),
        )
        self.runner.read(
            preview_deadline,
            self.db,
            self.user,
            calendar_id,
            start,
            self.target.value(),
            on_done=self._previewed,
            on_error=self.failed,
            key="admin-preview",
        )

    def _previewed(self, preview: Preview) -> None:
        deadline = preview.deadline_local
        text = self.tr("Deadline: {deadline}, {weekday}.").format(
            deadline=f"{deadline:%Y-%m-%d %H:%M}", weekday=weekday_name(deadline.weekday())
        )
        if preview.exceptions_crossed:
            days = ", ".join(
                f"{d.day:%m-%d} {kind_name(d.kind)}" for d in preview.exceptions_crossed[:12]
            )
            more = len(preview.exceptions_crossed) - 12
            if more > 0:
                days += " …"
            text += " " + self.tr("Special days on the way: {days}.").format(days=days)
        self.preview_result.setText(text)

    def retranslate(self) -> None:
        super().retranslate()
        self._calendar_caption.setText(self.tr("&Calendar:"))
        self._new_caption.setText(self.tr("N&ew calendar:"))
        self.new_name.setPlaceholderText(self.tr("Name"))
        self.new_zone.setToolTip(self.tr("Time zone of the new calendar"))
        self.add_button.setText(self.tr("&Add calendar"))
        self.note.setText(
            self.tr(
                "Changes apply to deadlines computed from now on (other desks within a "
                "minute); tickets already logged keep their deadlines."
            )
        )
        self.week_box.setTitle(self.tr("Weekly working hours"))
        for weekday, label in enumerate(self._weekday_labels):
            label.setText(weekday_name(weekday) + ":")
        self._hours_hint.setText(
            self.tr('For example "09:00-12:00, 13:30-18:00"; empty for a day off.')
        )
        self.save_hours_button.setText(self.tr("Save &hours"))
        self.days_box.setTitle(self.tr("Holidays and make-up working days"))
        self._year_caption.setText(self.tr("&Year:"))
        self._country_caption.setText(self.tr("C&ountry:"))
        self.load_button.setText(self.tr("&Load public holidays"))
        self.kind.setItemText(0, kind_name("holiday"))
        self.kind.setItemText(1, kind_name("workday"))
        for weekday in range(7):
            self.works_like.setItemText(weekday, weekday_name(weekday))
        for name, caption in (
            ("day", self.tr("&Date:")),
            ("kind", self.tr("&Kind:")),
            ("name", self.tr("&Name:")),
            ("works_like_weekday", self.tr("&Works like:")),
        ):
            self._day_captions[name].setText(caption)
        self.save_day_button.setText(self.tr("Save &day"))
        self.remove_day_button.setText(self.tr("&Remove day"))
        self.preview_box.setTitle(self.tr("Deadline preview"))
        self._start_caption.setText(self.tr("Start (calendar time):"))
        self._target_caption.setText(self.tr("Target (working minutes):"))
        self.preview_button.setText(self.tr("&Preview"))
        self.model.retranslate()
