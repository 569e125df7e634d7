"""The Settings tab: the centre-wide settings every desk shares (follow-up delay, cost rates…).

Each setting shows its value, whether it is the program's default, and what it means; a
value out of range is refused at its field and nothing is lost.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.admin_common import AdminTab
from ui.customer_dialogs import line_edit
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.centre_settings import (
    SPECS,
    InvalidSetting,
    SettingValue,
    all_settings,
    change_setting,
)


def setting_title(name: str) -> str:
    titles = {
        "repeat_window_days": QCoreApplication.translate(
            "AdminSettings", "Repeat fault window (days)"
        ),
        "follow_up_delay_days": QCoreApplication.translate(
            "AdminSettings", "Follow-up call delay (days)"
        ),
        "labour_rate_per_hour": QCoreApplication.translate("AdminSettings", "Labour rate per hour"),
        "distance_rate_per_km": QCoreApplication.translate("AdminSettings", "Distance rate per km"),
        "urgency_surcharge": QCoreApplication.translate("AdminSettings", "Urgency surcharge"),
        "road_factor": QCoreApplication.translate("AdminSettings", "Road factor"),
        "travel_speed_kmh": QCoreApplication.translate("AdminSettings", "Travel speed (km/h)"),
    }
    return titles.get(name, name)


def setting_meaning(name: str) -> str:
    meanings = {
        "repeat_window_days": QCoreApplication.translate(
            "AdminSettings",
            "A new fault on a device fixed within this many days is flagged as a repeat.",
        ),
        "follow_up_delay_days": QCoreApplication.translate(
            "AdminSettings",
            "A follow-up call is due this many days after a ticket is resolved.",
        ),
        "labour_rate_per_hour": QCoreApplication.translate(
            "AdminSettings", "What an engineer's hour of work on a visit costs."
        ),
        "distance_rate_per_km": QCoreApplication.translate(
            "AdminSettings", "What each kilometre travelled to a visit, there and back, costs."
        ),
        "urgency_surcharge": QCoreApplication.translate(
            "AdminSettings", "Added once to a visit the customer asked to be urgent."
        ),
        "road_factor": QCoreApplication.translate(
            "AdminSettings",
            "Road distance is the straight-line distance times this (1.3: roads are 30% longer).",
        ),
        "travel_speed_kmh": QCoreApplication.translate(
            "AdminSettings",
            "Average speed between sites: with the road factor it gives the travel time a "
            "schedule must leave between two visits.",
        ),
    }
    return meanings.get(name, name)


class SettingsTab(AdminTab):
    """One row per setting: title, value, default or not, meaning; Save saves what changed."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("adminSettings")
        self.values: dict[str, SettingValue] = {}
        self.edits: dict[str, QLineEdit] = {}
        self._titles: dict[str, QLabel] = {}
        self._meanings: dict[str, QLabel] = {}
        self._sources: dict[str, QLabel] = {}
        self._pending = 0
        self._saved_names: list[str] = []
        self.group = QGroupBox()
        grid = QGridLayout(self.group)
        grid.setColumnStretch(3, 1)
        for row, name in enumerate(SPECS):
            edit = line_edit(20, f"setting_{name}")
            edit.setMaximumWidth(140)
            self.edits[name] = edit
            field = self.box(name, edit)
            self._titles[name] = field.caption
            self._sources[name] = QLabel()
            self._meanings[name] = QLabel()
            self._meanings[name].setWordWrap(True)
            grid.addWidget(field.caption, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(self._sources[name], row, 2)
            grid.addWidget(self._meanings[name], row, 3)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.group)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate()

    def ready(self) -> bool:
        return bool(self.values)

    def reload(self) -> None:
        self.runner.read(all_settings, self.db, on_done=self._show, key="admin-settings")

    def _show(self, values: list[SettingValue]) -> None:
        self.values = {v.spec.name: v for v in values}
        for name, value in self.values.items():
            self.edits[name].setText(str(value.value))
        self._show_sources()

    def _show_sources(self) -> None:
        for name, value in self.values.items():
            self._sources[name].setText(
                self.tr("(set by the centre)") if value.changed else self.tr("(default)")
            )

    def save(self) -> None:
        """Each changed setting is its own change (and its own line on the audit trail)."""
        self.clear_errors()
        self._saved_names = []
        changed = [
            (name, edit.text())
            for name, edit in self.edits.items()
            if name in self.values and edit.text().strip() != str(self.values[name].value)
        ]
        if not changed:
            self.show_status(self.tr("Nothing to save."))
            return
        self._pending = len(changed)
        for name, text in changed:
            self.runner.write(
                change_setting,
                self.db,
                name,
                text,
                self.user,
                on_done=partial(self._one_saved, name),
                on_error=partial(self._one_failed, name),
            )

    def _one_saved(self, name: str, _value: object) -> None:
        self._saved_names.append(name)
        self._one_done()

    def _one_failed(self, name: str, error: BaseException) -> None:
        if isinstance(error, InvalidSetting):
            self.fields[name].show_error(error.error)
        else:
            self.failed(error)
        self._one_done()

    def _one_done(self) -> None:
        self._pending -= 1
        if self._pending:
            return
        if self._saved_names:
            titles = ", ".join(setting_title(n) for n in self._saved_names)
            errors = any(f.error is not None for f in self.fields.values())
            self.show_status(self.tr("Saved: {settings}.").format(settings=titles), error=errors)
        elif any(f.error is not None for f in self.fields.values()):
            self.show_status(self.tr("Not saved: see the marked fields."), error=True)
        self.runner.read(all_settings, self.db, on_done=self._refreshed, key="admin-settings")

    def _refreshed(self, values: list[SettingValue]) -> None:
        """Stored values for what was saved; what was refused stays as typed."""
        self.values = {v.spec.name: v for v in values}
        for name in self._saved_names:
            self.edits[name].setText(str(self.values[name].value))
        self._show_sources()

    def retranslate(self) -> None:
        super().retranslate()
        self.group.setTitle(self.tr("Settings every desk shares"))
        self.note.setText(
            self.tr(
                "Amounts are in the centre's currency. A change is used by every desk from "
                "then on and is on the audit trail."
            )
        )
        for name in SPECS:
            self._titles[name].setText(setting_title(name) + ":")
            self._meanings[name].setText(setting_meaning(name))
        self._show_sources()
        self.save_button.setText(self.tr("&Save settings"))
