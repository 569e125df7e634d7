"""Side panel of the call form: resolved faults like the one being typed, with their solutions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from ui.local_time import date_text
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.similar import SimilarFault, similar_faults

DEBOUNCE_MS = 300
_Index = QModelIndex | QPersistentModelIndex


class SimilarFaultsModel(QAbstractListModel):
    """The similar faults as rows: number and date, the description, the solution."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[SimilarFault, ...] = ()

    def set_rows(self, rows: tuple[SimilarFault, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> SimilarFault:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        fault = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = ""
            if fault.resolved_at is not None:
                when = date_text(fault.resolved_at.astimezone().date())
            head = f"{fault.number}  {when}"
            return f"{head}\n{fault.description}\n→ {fault.solution}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{fault.root_cause}\n{fault.solution}"
        return None


class SimilarFaultsPanel(QWidget):
    """Fed by the form as the agent types; offers a past solution to copy into the form."""

    use_solution = Signal(str)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._query: tuple[int | None, str, int | None, str] = (None, "", None, "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._fetch)

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.model = SimilarFaultsModel(self)
        self.list = QListView()
        self.list.setObjectName("similarFaults")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.doubleClicked.connect(lambda _index: self._use())
        self.use_button = QPushButton()
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._use)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.use_button)
        self.retranslate()
        self._show(())

    def query(
        self, product_model_id: int | None, error_code: str, symptom_id: int | None, text: str
    ) -> None:
        """What the form holds now; fetched after the agent pauses typing."""
        query = (product_model_id, error_code.strip(), symptom_id, text.strip())
        if query == self._query:
            return
        self._query = query
        self._timer.start()

    def _fetch(self) -> None:
        model_id, code, symptom, text = self._query
        if model_id is None:
            self._show(())
            return
        self._runner.read(
            similar_faults,
            self._db,
            model_id,
            code,
            symptom,
            text,
            on_done=self._show,
            on_error=lambda _error: None,
            key="similar",
        )

    def _show(self, rows: tuple[SimilarFault, ...]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self._set_empty_text()
        self.use_button.setEnabled(False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.use_button.setEnabled(current.isValid())

    def _use(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.use_solution.emit(self.model.row_at(index.row()).solution)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Similar resolved faults"))
        self._set_empty_text()
        self.use_button.setText(self.tr("&Use this solution"))

    def _set_empty_text(self) -> None:
        if self._query[0] is None:
            self.empty.setText(
                self.tr("Choose the model and give the error code or symptom to see past fixes.")
            )
        else:
            self.empty.setText(self.tr("No resolved fault of this model matches yet."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
