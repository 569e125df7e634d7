"""The Regions & queues tab: the service regions and the work queues, each with its form.

Neither is deleted here (users, customers and tickets point at them); a code is kept in
capitals so it reads the same on every screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.admin_common import AdminTab
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.admin_org import (
    QUEUE_LEVELS,
    Organisation,
    QueueInput,
    QueueRow,
    RegionRow,
    organisation,
    save_queue,
    save_region,
)
from workstation.services.auth import SignedInUser


def level_name(level: int) -> str:
    if level == 1:
        return QCoreApplication.translate("AdminOrg", "First line")
    return QCoreApplication.translate("AdminOrg", "Second line")


def _region_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("AdminOrg", "Code"), lambda r: r.code),
        Column(lambda: QCoreApplication.translate("AdminOrg", "Region"), lambda r: r.name),
        Column(
            lambda: QCoreApplication.translate("AdminOrg", "Active users"), lambda r: str(r.users)
        ),
        Column(lambda: QCoreApplication.translate("AdminOrg", "Queues"), lambda r: str(r.queues)),
    ]


def _queue_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("AdminOrg", "Code"), lambda r: r.code),
        Column(lambda: QCoreApplication.translate("AdminOrg", "Queue"), lambda r: r.name),
        Column(
            lambda: QCoreApplication.translate("AdminOrg", "Line"), lambda r: level_name(r.level)
        ),
        Column(lambda: QCoreApplication.translate("AdminOrg", "Region"), lambda r: r.region_name),
    ]


class OrgTab(AdminTab):
    """Regions on the left, queues on the right; a row's values fill the form under it."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("adminOrg")
        self.org: Organisation | None = None
        self._region: RegionRow | None = None
        self._queue: QueueRow | None = None

        self.regions = RowsModel(_region_columns(), self)
        self.region_table = rows_table(self.regions, "regionsTable")
        self.region_table.selectionModel().currentRowChanged.connect(self._region_chosen)
        self.region_code = line_edit(20, "regionCode")
        self.region_name = line_edit(100, "regionName")
        self.region_box = QGroupBox()
        self.new_region_button, self.save_region_button = QPushButton(), QPushButton()
        self.new_region_button.clicked.connect(self.new_region)
        self.save_region_button.clicked.connect(self.save_region)
        region_form = self._form(
            (("region.code", self.region_code), ("region.name", self.region_name))
        )
        self._layout_half(
            self.region_box,
            self.region_table,
            region_form,
            self.new_region_button,
            self.save_region_button,
        )

        self.queues = RowsModel(_queue_columns(), self)
        self.queue_table = rows_table(self.queues, "queuesTable")
        self.queue_table.selectionModel().currentRowChanged.connect(self._queue_chosen)
        self.queue_code = line_edit(30, "queueCode")
        self.queue_name = line_edit(100, "queueName")
        self.queue_level = QComboBox()
        self.queue_level.setObjectName("queueLevel")
        for level in QUEUE_LEVELS:
            self.queue_level.addItem("", level)
        self.queue_region = QComboBox()
        self.queue_region.setObjectName("queueRegion")
        self.queue_box = QGroupBox()
        self.new_queue_button, self.save_queue_button = QPushButton(), QPushButton()
        self.new_queue_button.clicked.connect(self.new_queue)
        self.save_queue_button.clicked.connect(self.save_queue)
        queue_form = self._form(
            (
                ("queue.code", self.queue_code),
                ("queue.name", self.queue_name),
                ("queue.level", self.queue_level),
                ("queue.region_id", self.queue_region),
            )
        )
        self._layout_half(
            self.queue_box,
            self.queue_table,
            queue_form,
            self.new_queue_button,
            self.save_queue_button,
        )

        halves = QHBoxLayout()
        halves.addWidget(self.region_box, 1)
        halves.addWidget(self.queue_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(halves, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def _form(self, editors: tuple[tuple[str, QWidget], ...]) -> QFormLayout:
        form = QFormLayout()
        for name, editor in editors:
            field = self.box(name, editor)
            form.addRow(field.caption, field)
        return form

    @staticmethod
    def _layout_half(
        box: QGroupBox, table: QWidget, form: QFormLayout, new: QPushButton, save: QPushButton
    ) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addStretch(1)
        buttons.addWidget(save)
        column = QVBoxLayout(box)
        column.addWidget(table, 1)
        column.addLayout(form)
        column.addLayout(buttons)

    # -- reading -------------------------------------------------------------

    def ready(self) -> bool:
        return self.org is not None

    def reload(self) -> None:
        self.runner.read(
            organisation, self.db, self.user, on_done=self._show, on_error=self.failed, key="org"
        )

    def _show(self, org: Organisation) -> None:
        self.org = org
        self.regions.set_rows(org.regions)
        self.queues.set_rows(org.queues)
        for table in (self.region_table, self.queue_table):
            table.resizeColumnsToContents()
        chosen = self.queue_region.currentData()
        self.queue_region.clear()
        self.queue_region.addItem(self.tr("(all regions)"), None)
        for region in org.regions:
            self.queue_region.addItem(region.name, region.id)
        self.queue_region.setCurrentIndex(max(self.queue_region.findData(chosen), 0))

    def _region_chosen(self) -> None:
        index = self.region_table.currentIndex()
        if index.isValid():
            self._region = self.regions.row(index.row())
            self.region_code.setText(self._region.code)
            self.region_name.setText(self._region.name)
            self._titles()

    def _queue_chosen(self) -> None:
        index = self.queue_table.currentIndex()
        if index.isValid():
            queue: QueueRow = self.queues.row(index.row())
            self._queue = queue
            self.queue_code.setText(queue.code)
            self.queue_name.setText(queue.name)
            self.queue_level.setCurrentIndex(max(self.queue_level.findData(queue.level), 0))
            self.queue_region.setCurrentIndex(max(self.queue_region.findData(queue.region_id), 0))
            self._titles()

    def new_region(self) -> None:
        self._region = None
        self.region_table.clearSelection()
        self._clear((self.region_code, self.region_name))
        self.region_code.setFocus()

    def new_queue(self) -> None:
        self._queue = None
        self.queue_table.clearSelection()
        self._clear((self.queue_code, self.queue_name))
        self.queue_code.setFocus()

    def _clear(self, edits: tuple[QLineEdit, ...]) -> None:
        self.clear_errors()
        for edit in edits:
            edit.clear()
        self._titles()

    # -- writing -------------------------------------------------------------

    def save_region(self) -> None:
        self.clear_errors()
        region_id = self._region.id if self._region is not None else None
        self.write(
            save_region,
            region_id,
            self.region_code.text(),
            self.region_name.text(),
            show=self._show,
            prefix="region",
            message=self.tr("Region {name} saved.").format(name=self.region_name.text().strip()),
        )

    def save_queue(self) -> None:
        self.clear_errors()
        queue_id = self._queue.id if self._queue is not None else None
        values = QueueInput(
            self.queue_code.text(),
            self.queue_name.text(),
            int(self.queue_level.currentData()),
            self.queue_region.currentData(),
        )
        self.write(
            save_queue,
            queue_id,
            values,
            show=self._show,
            prefix="queue",
            message=self.tr("Queue {name} saved.").format(name=values.name.strip()),
        )

    def _titles(self) -> None:
        self.region_box.setTitle(
            self.tr("Regions — new region")
            if self._region is None
            else self.tr("Regions — {code}").format(code=self._region.code)
        )
        self.queue_box.setTitle(
            self.tr("Queues — new queue")
            if self._queue is None
            else self.tr("Queues — {code}").format(code=self._queue.code)
        )

    def retranslate(self) -> None:
        super().retranslate()
        captions = {
            "region.code": self.tr("&Code:"),
            "region.name": self.tr("&Name:"),
            "queue.code": self.tr("C&ode:"),
            "queue.name": self.tr("N&ame:"),
            "queue.level": self.tr("&Line:"),
            "queue.region_id": self.tr("&Region:"),
        }
        for name, caption in captions.items():
            self.fields[name].caption.setText(caption)
        for index, level in enumerate(QUEUE_LEVELS):
            self.queue_level.setItemText(index, level_name(level))
        if self.queue_region.count():
            self.queue_region.setItemText(0, self.tr("(all regions)"))
        self.new_region_button.setText(self.tr("New re&gion"))
        self.save_region_button.setText(self.tr("Save region"))
        self.new_queue_button.setText(self.tr("New &queue"))
        self.save_queue_button.setText(self.tr("Save queue"))
        self.regions.retranslate()
        self.queues.retranslate()
        self._titles()
