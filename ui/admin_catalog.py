"""The Products & faults tab: a product kind's models, symptoms and error codes; wrap-up codes.

One product kind at a time: its models (code, name, warranty) and its symptom categories
(both languages) above, the device error codes the fault form completes for it below,
beside the wrap-up codes every call ends with (ui/admin_codes.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.admin_codes import CodeBoxes
from ui.admin_common import AdminTab
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit
from ui.i18n import speaks_chinese
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.admin_catalog import (
    MAX_WARRANTY_MONTHS,
    Catalog,
    ModelInput,
    ModelRow,
    SymptomInput,
    SymptomRow,
    catalog,
    save_model,
    save_symptom,
)
from workstation.services.auth import SignedInUser


def _model_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("AdminCatalog", "Code"), lambda r: r.code),
        Column(lambda: QCoreApplication.translate("AdminCatalog", "Model"), lambda r: r.name),
        Column(
            lambda: QCoreApplication.translate("AdminCatalog", "Warranty (months)"),
            lambda r: str(r.warranty_months),
        ),
    ]


def _symptom_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("AdminCatalog", "Code"), lambda r: r.code),
        Column(lambda: QCoreApplication.translate("AdminCatalog", "English"), lambda r: r.name_en),
        Column(lambda: QCoreApplication.translate("AdminCatalog", "Chinese"), lambda r: r.name_zh),
    ]


class CatalogTab(AdminTab):
    """Models and symptoms of the chosen product kind, each with its form."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("adminCatalog")
        self.data: Catalog | None = None
        self._model: ModelRow | None = None
        self._symptom: SymptomRow | None = None

        self.kind = QComboBox()
        self.kind.setObjectName("productKind")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.currentIndexChanged.connect(self._kind_picked)
        self._kind_caption = QLabel()
        self._kind_caption.setBuddy(self.kind)
        self.codes = CodeBoxes(self, lambda: str(self.kind.currentData()), self._show)

        self.models = RowsModel(_model_columns(), self)
        self.model_table = rows_table(self.models, "modelsTable")
        self.model_table.selectionModel().currentRowChanged.connect(self._model_chosen)
        self.model_code = line_edit(40, "modelCode")
        self.model_name = line_edit(200, "modelName")
        self.warranty = QSpinBox()
        self.warranty.setObjectName("warrantyMonths")
        self.warranty.setRange(0, MAX_WARRANTY_MONTHS)
        self.warranty.setValue(12)
        self.model_box = QGroupBox()
        self.new_model_button, self.save_model_button = QPushButton(), QPushButton()
        self.new_model_button.clicked.connect(self.new_model)
        self.save_model_button.clicked.connect(self.save_model)
        self._half(
            self.model_box,
            self.model_table,
            (
                ("model.code", self.model_code),
                ("model.name", self.model_name),
                ("model.warranty_months", self.warranty),
            ),
            self.new_model_button,
            self.save_model_button,
        )

        self.symptoms = RowsModel(_symptom_columns(), self)
        self.symptom_table = rows_table(self.symptoms, "symptomsTable")
        self.symptom_table.selectionModel().currentRowChanged.connect(self._symptom_chosen)
        self.symptom_code = line_edit(40, "symptomCode")
        self.symptom_en = line_edit(100, "symptomEn")
        self.symptom_zh = line_edit(100, "symptomZh")
        self.symptom_box = QGroupBox()
        self.new_symptom_button, self.save_symptom_button = QPushButton(), QPushButton()
        self.new_symptom_button.clicked.connect(self.new_symptom)
        self.save_symptom_button.clicked.connect(self.save_symptom)
        self._half(
            self.symptom_box,
            self.symptom_table,
            (
                ("symptom.code", self.symptom_code),
                ("symptom.name_en", self.symptom_en),
                ("symptom.name_zh", self.symptom_zh),
            ),
            self.new_symptom_button,
            self.save_symptom_button,
        )

        top = QHBoxLayout()
        top.addWidget(self._kind_caption)
        top.addWidget(self.kind)
        top.addStretch(1)
        halves = QHBoxLayout()
        halves.addWidget(self.model_box, 1)
        halves.addWidget(self.symptom_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        lower = QHBoxLayout()
        lower.addWidget(self.codes.errors.box, 1)
        lower.addWidget(self.codes.wrap_ups.box, 1)
        layout.addLayout(halves, 1)
        layout.addLayout(lower, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def _half(
        self,
        box: QGroupBox,
        table: QWidget,
        editors: tuple[tuple[str, QWidget], ...],
        new: QPushButton,
        save: QPushButton,
    ) -> None:
        form = QFormLayout()
        for name, editor in editors:
            field = self.box(name, editor)
            form.addRow(field.caption, field)
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
        return self.data is not None

    def reload(self) -> None:
        self.runner.read(
            catalog, self.db, self.user, on_done=self._show, on_error=self.failed, key="catalog"
        )

    def _show(self, data: Catalog) -> None:
        self.data = data
        chosen = self.kind.currentData()
        chinese = speaks_chinese()
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in data.kinds:
            self.kind.addItem(kind.name_zh if chinese else kind.name_en, kind.code)
        self.kind.setCurrentIndex(max(self.kind.findData(chosen), 0))
        self.kind.blockSignals(False)
        self._kind_changed()

    def _kind_picked(self) -> None:
        self.codes.errors.new()  # a code being edited was of the other kind
        self._kind_changed()

    def _kind_changed(self) -> None:
        if self.data is None:
            return
        code = self.kind.currentData()
        self.models.set_rows([m for m in self.data.models if m.category == code])
        self.symptoms.set_rows([s for s in self.data.symptoms if s.product_category == code])
        for table in (self.model_table, self.symptom_table):
            table.resizeColumnsToContents()
        self.codes.show(self.data)

    def _model_chosen(self) -> None:
        index = self.model_table.currentIndex()
        if index.isValid():
            self._model = self.models.row(index.row())
            self.model_code.setText(self._model.code)
            self.model_name.setText(self._model.name)
            self.warranty.setValue(self._model.warranty_months)
            self._titles()

    def _symptom_chosen(self) -> None:
        index = self.symptom_table.currentIndex()
        if index.isValid():
            symptom: SymptomRow = self.symptoms.row(index.row())
            self._symptom = symptom
            self.symptom_code.setText(symptom.code)
            self.symptom_en.setText(symptom.name_en)
            self.symptom_zh.setText(symptom.name_zh)
            self._titles()

    def new_model(self) -> None:
        self._model = None
        self.model_table.clearSelection()
        self.clear_errors()
        self.model_code.clear()
        self.model_name.clear()
        self.warranty.setValue(12)
        self._titles()
        self.model_code.setFocus()

    def new_symptom(self) -> None:
        self._symptom = None
        self.symptom_table.clearSelection()
        self.clear_errors()
        for edit in (self.symptom_code, self.symptom_en, self.symptom_zh):
            edit.clear()
        self._titles()
        self.symptom_code.setFocus()

    # -- writing -------------------------------------------------------------

    def save_model(self) -> None:
        self.clear_errors()
        values = ModelInput(
            self.model_code.text(),
            self.model_name.text(),
            str(self.kind.currentData()),
            self.warranty.value(),
        )
        self.write(
            save_model,
            self._model.id if self._model is not None else None,
            values,
            show=self._show,
            prefix="model",
            message=self.tr("Model {code} saved.").format(code=values.code.strip()),
        )

    def save_symptom(self) -> None:
        self.clear_errors()
        values = SymptomInput(
            str(self.kind.currentData()),
            self.symptom_code.text(),
            self.symptom_en.text(),
            self.symptom_zh.text(),
        )
        self.write(
            save_symptom,
            self._symptom.id if self._symptom is not None else None,
            values,
            show=self._show,
            prefix="symptom",
            message=self.tr("Symptom {name} saved.").format(name=values.name_en.strip()),
        )

    def _titles(self) -> None:
        self.model_box.setTitle(
            self.tr("Product models — new model")
            if self._model is None
            else self.tr("Product models — {code}").format(code=self._model.code)
        )
        self.symptom_box.setTitle(
            self.tr("Symptom categories — new symptom")
            if self._symptom is None
            else self.tr("Symptom categories — {code}").format(code=self._symptom.code)
        )

    def retranslate(self) -> None:
        super().retranslate()
        self._kind_caption.setText(self.tr("Product &kind:"))
        captions = {
            "model.code": self.tr("&Code:"),
            "model.name": self.tr("&Name:"),
            "model.warranty_months": self.tr("&Warranty (months):"),
            "symptom.code": self.tr("C&ode:"),
            "symptom.name_en": self.tr("&English:"),
            "symptom.name_zh": self.tr("C&hinese:"),
        }
        for name, caption in captions.items():
            self.fields[name].caption.setText(caption)
        self.new_model_button.setText(self.tr("New &model"))
        self.save_model_button.setText(self.tr("Save model"))
        self.new_symptom_button.setText(self.tr("New &symptom"))
        self.save_symptom_button.setText(self.tr("Save symptom"))
        self.models.retranslate()
        self.symptoms.retranslate()
        self.codes.retranslate()
        if self.data is not None:
            self._show(self.data)  # kind names in the new language
        self._titles()
