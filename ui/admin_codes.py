"""The code lists of the Products & faults tab: a kind's error codes and the wrap-up codes.

Each list is a table with a small form under it: new, save, and deactivate / reactivate
(nothing is deleted: old tickets and calls keep their code). The boxes live in the
catalogue tab and write through it, so errors land at their fields and the tab's status
line says what happened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ui.admin_common import AdminTab
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit
from ui.i18n import speaks_chinese
from workstation.services.admin_catalog import Catalog, ErrorCodeRow, WrapUpRow
from workstation.services.admin_codes import (
    MAX_ERROR_CODE,
    MAX_NAME,
    MAX_WRAP_UP_CODE,
    ErrorCodeInput,
    WrapUpInput,
    save_error_code,
    save_wrap_up_code,
    set_error_code_active,
    set_wrap_up_code_active,
)

_INACTIVE = ("#9e9e9e", None)  # a retired code, still listed


def _state(row: ErrorCodeRow | WrapUpRow) -> str:
    if row.active:
        return QCoreApplication.translate("AdminCodes", "Offered")
    return QCoreApplication.translate("AdminCodes", "Deactivated")


def _columns() -> list[Column]:
    def grey(row: Any) -> tuple[str | None, str | None] | None:
        return None if row.active else _INACTIVE

    return [
        Column(lambda: QCoreApplication.translate("AdminCodes", "Code"), lambda r: r.code, grey),
        Column(
            lambda: QCoreApplication.translate("AdminCodes", "English"), lambda r: r.name_en, grey
        ),
        Column(
            lambda: QCoreApplication.translate("AdminCodes", "Chinese"), lambda r: r.name_zh, grey
        ),
        Column(lambda: QCoreApplication.translate("AdminCodes", "State"), _state, grey),
    ]


class CodeList(QObject):
    """One code list: its table, its form (code, English, Chinese) and its three buttons."""

    def __init__(self, tab: AdminTab, prefix: str, max_code: int, *, fixed_code: bool) -> None:
        super().__init__(tab)
        self.tab = tab
        self.prefix = prefix
        self.fixed_code = fixed_code  # a saved code cannot change, only its words
        self.editing: Any = None  # the row being edited; None: a new code
        self.model = RowsModel(_columns(), tab)
        self.table: QTableView = rows_table(self.model, f"{prefix}Table")
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.code = line_edit(max_code, f"{prefix}Code")
        self.name_en = line_edit(MAX_NAME, f"{prefix}En")
        self.name_zh = line_edit(MAX_NAME, f"{prefix}Zh")
        self.new_button, self.save_button = QPushButton(), QPushButton()
        self.active_button = QPushButton()
        self.active_button.setObjectName(f"{prefix}Active")
        self.new_button.clicked.connect(self.new)
        self.box = QGroupBox()
        self.box.setObjectName(f"{prefix}Box")
        form = QFormLayout()
        for name, editor in (("code", self.code), ("name_en", self.name_en)):
            field = tab.box(f"{prefix}.{name}", editor)
            form.addRow(field.caption, field)
        field = tab.box(f"{prefix}.name_zh", self.name_zh)
        form.addRow(field.caption, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.active_button)
        buttons.addWidget(self.save_button)
        column = QVBoxLayout(self.box)
        column.addWidget(self.table, 1)
        column.addLayout(form)
        column.addLayout(buttons)
        self.refresh()

    def show_rows(self, rows: Sequence[ErrorCodeRow | WrapUpRow]) -> None:
        """New rows; the row being edited stays chosen (with its new state)."""
        editing = self.editing.id if self.editing is not None else None
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.editing = next((r for r in rows if r.id == editing), None)
        if self.editing is not None:
            row = list(rows).index(self.editing)
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.refresh()

    def _chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.editing = self.model.row(index.row())
            self.code.setText(self.editing.code)
            self.name_en.setText(self.editing.name_en)
            self.name_zh.setText(self.editing.name_zh)
            self.tab.clear_errors()
            self.refresh()

    def new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.tab.clear_errors()
        for edit in (self.code, self.name_en, self.name_zh):
            edit.clear()
        self.refresh()
        self.code.setFocus()

    def refresh(self) -> None:
        self.code.setReadOnly(self.fixed_code and self.editing is not None)
        self.active_button.setVisible(self.editing is not None)
        if self.editing is not None:
            self.active_button.setText(
                self.tr("Deactivate") if self.editing.active else self.tr("Reactivate")
            )

    def texts(self) -> tuple[str, str, str]:
        return self.code.text(), self.name_en.text(), self.name_zh.text()

    def captions(self, code: str, english: str, chinese: str) -> None:
        for name, caption in (("code", code), ("name_en", english), ("name_zh", chinese)):
            self.tab.fields[f"{self.prefix}.{name}"].caption.setText(caption)
        self.model.retranslate()


class CodeBoxes(QObject):
    """The error codes of the tab's product kind and the centre's wrap-up codes."""

    def __init__(
        self, tab: AdminTab, kind: Callable[[], str], show_catalog: Callable[[Catalog], None]
    ) -> None:
        super().__init__(tab)
        self.tab = tab
        self._kind = kind  # the product kind the tab shows now
        self._show_catalog = show_catalog  # the tab shows the whole catalogue, then calls show()
        self.errors = CodeList(tab, "error", MAX_ERROR_CODE, fixed_code=False)
        # Calls and reports count by a wrap-up code: once saved, only its words change.
        self.wrap_ups = CodeList(tab, "wrap", MAX_WRAP_UP_CODE, fixed_code=True)
        self.errors.save_button.clicked.connect(self.save_error_code)
        self.errors.active_button.clicked.connect(self.toggle_error_code)
        self.wrap_ups.save_button.clicked.connect(self.save_wrap_up)
        self.wrap_ups.active_button.clicked.connect(self.toggle_wrap_up)

    def show(self, data: Catalog) -> None:
        kind = self._kind()
        self.errors.show_rows([e for e in data.error_codes if e.product_category == kind])
        self.wrap_ups.show_rows(data.wrap_up_codes)
        self.titles()

    # -- writing -------------------------------------------------------------

    def save_error_code(self) -> None:
        self.tab.clear_errors()
        editing = self.errors.editing
        code, english, chinese = self.errors.texts()
        self.tab.write(
            save_error_code,
            editing.id if editing is not None else None,
            ErrorCodeInput(str(self._kind()), code, english, chinese),
            show=self._saved,
            prefix="error",
            message=self.tr("Error code {code} saved.").format(code=code.strip()),
        )

    def toggle_error_code(self) -> None:
        row = self.errors.editing
        if row is None:
            return
        message = (
            self.tr("Error code {code} reactivated: the fault form suggests it again.")
            if not row.active
            else self.tr(
                "Error code {code} deactivated: the fault form no longer suggests it; "
                "tickets that have it keep it."
            )
        )
        self.tab.write(
            set_error_code_active,
            row.id,
            not row.active,
            show=self._show_catalog,
            message=message.format(code=row.code),
        )

    def save_wrap_up(self) -> None:
        self.tab.clear_errors()
        editing = self.wrap_ups.editing
        code, english, chinese = self.wrap_ups.texts()
        self.tab.write(
            save_wrap_up_code,
            editing.id if editing is not None else None,
            WrapUpInput(code, english, chinese),
            show=self._saved,
            prefix="wrap",
            message=self.tr("Wrap-up code {name} saved.").format(
                name=(chinese if speaks_chinese() else english).strip()
            ),
        )

    def toggle_wrap_up(self) -> None:
        row = self.wrap_ups.editing
        if row is None:
            return
        message = (
            self.tr("Wrap-up code {name} reactivated: agents can end calls with it again.")
            if not row.active
            else self.tr(
                "Wrap-up code {name} deactivated: it is no longer offered; "
                "calls that have it keep it."
            )
        )
        self.tab.write(
            set_wrap_up_code_active,
            row.id,
            not row.active,
            show=self._show_catalog,
            prefix="wrap",
            message=message.format(name=row.name_zh if speaks_chinese() else row.name_en),
        )

    def _saved(self, data: Catalog) -> None:
        """After a save the saved code stays chosen: a new one is found by its code."""
        for codes, rows in (
            (self.errors, data.error_codes),
            (self.wrap_ups, data.wrap_up_codes),
        ):
            if codes.editing is None:
                typed = codes.code.text().strip().lower()
                codes.editing = next((r for r in rows if r.code.lower() == typed), None)
        self._show_catalog(data)

    # -- words ---------------------------------------------------------------

    def titles(self) -> None:
        row = self.errors.editing
        self.errors.box.setTitle(
            self.tr("Error codes of this kind — new code")
            if row is None
            else self.tr("Error codes of this kind — {code}").format(code=row.code)
        )
        wrap = self.wrap_ups.editing
        self.wrap_ups.box.setTitle(
            self.tr("Wrap-up codes (how any call ended) — new code")
            if wrap is None
            else self.tr("Wrap-up codes (how any call ended) — {code}").format(code=wrap.code)
        )

    def retranslate(self) -> None:
        self.errors.captions(self.tr("Erro&r code:"), self.tr("English:"), self.tr("Chinese:"))
        self.wrap_ups.captions(self.tr("Wra&p-up code:"), self.tr("English:"), self.tr("Chinese:"))
        self.errors.new_button.setText(self.tr("New error code"))
        self.errors.save_button.setText(self.tr("Save error code"))
        self.wrap_ups.new_button.setText(self.tr("New wrap-up code"))
        self.wrap_ups.save_button.setText(self.tr("Save wrap-up code"))
        self.errors.refresh()
        self.wrap_ups.refresh()
        self.titles()
