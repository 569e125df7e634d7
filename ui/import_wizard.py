"""The import wizard (administrators): choose a file and sheet, map its columns, check every
row, import. Reading, checking and importing run on the task runner's workers with a
progress bar and Cancel; the wizard keeps what was chosen when the user goes Back."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui.customer_card import Column, RowsModel
from ui.problems import problem_message
from ui.tasks import TaskRunner, is_problem
from workstation.db import Database
from workstation.importing.columns import REQUIRED, Field, ImportKind, fields_of, missing_required
from workstation.importing.plan import ImportCancelled, ImportCounts, RowError
from workstation.importing.report import write_error_report
from workstation.importing.sources import SourceError
from workstation.services.auth import SignedInUser
from workstation.services.data_import import (
    FileOverview,
    ImportChanged,
    ImportCheck,
    ImportRequest,
    ImportResult,
    check_import,
    inspect_file,
    run_import,
)

PREVIEW_ROWS = 8
ERRORS_SHOWN = 5000  # the table shows this many; the saved report has every one


def field_name(field: Field) -> str:
    names = {
        Field.CUSTOMER_NAME: QCoreApplication.translate("ImportWords", "Customer name"),
        Field.CUSTOMER_KIND: QCoreApplication.translate("ImportWords", "Customer kind"),
        Field.TIER: QCoreApplication.translate("ImportWords", "Tier"),
        Field.ADDRESS: QCoreApplication.translate("ImportWords", "Address"),
        Field.CONTACT_NAME: QCoreApplication.translate("ImportWords", "Contact"),
        Field.PHONE: QCoreApplication.translate("ImportWords", "Phone"),
        Field.MOBILE: QCoreApplication.translate("ImportWords", "Mobile"),
        Field.EMAIL: QCoreApplication.translate("ImportWords", "E-mail"),
        Field.WECHAT: QCoreApplication.translate("ImportWords", "WeChat"),
        Field.SITE_NAME: QCoreApplication.translate("ImportWords", "Site"),
        Field.CITY: QCoreApplication.translate("ImportWords", "City"),
        Field.SITE_ADDRESS: QCoreApplication.translate("ImportWords", "Site address"),
        Field.SERIAL: QCoreApplication.translate("ImportWords", "Serial number"),
        Field.MODEL: QCoreApplication.translate("ImportWords", "Product model"),
        Field.INSTALL_DATE: QCoreApplication.translate("ImportWords", "Install date"),
        Field.WARRANTY_END: QCoreApplication.translate("ImportWords", "Warranty end"),
        Field.CONTRACT: QCoreApplication.translate("ImportWords", "Contract number"),
    }
    return names[field]


def problem_text(error: RowError) -> str:
    """One row's problem in words (the codes of workstation.importing.plan)."""
    t = QCoreApplication.translate
    texts = {
        "required": t("ImportWords", "required, but empty"),
        "too_long": t("ImportWords", "longer than {max} characters"),
        "invalid_phone": t("ImportWords", "not a valid phone number"),
        "invalid_email": t("ImportWords", "not a valid e-mail address"),
        "unknown_kind": t("ImportWords", "unknown customer kind (company or person)"),
        "unknown_tier": t("ImportWords", "unknown tier (VIP, key or standard)"),
        "bad_date": t("ImportWords", "not a date (2026-03-01, 2026/3/1, 2026年3月1日 or 20260301)"),
        "in_future": t("ImportWords", "the install date is in the future"),
        "before_install": t("ImportWords", "the warranty ends before the install date"),
        "unknown_model": t("ImportWords", "unknown product model"),
        "model_differs": t("ImportWords", "the serial number is registered with another model"),
        "duplicate_serial": t("ImportWords", "the serial number appears already in row {row}"),
        "serial_of_other_customer": t(
            "ImportWords", "the serial number belongs to another customer ({customer})"
        ),
        "unknown_customer": t("ImportWords", "no such customer in the database"),
        "unknown_contract": t("ImportWords", "no such contract"),
        "contract_of_other_customer": t("ImportWords", "the contract belongs to another customer"),
        "phone_of_other_customer": t(
            "ImportWords", "the phone number belongs to another customer ({customer})"
        ),
        "phones_of_two_customers": t(
            "ImportWords", "the phone numbers belong to two different customers"
        ),
        "conflict": t("ImportWords", "row {row} says otherwise for the same record"),
    }
    template = texts.get(error.code, error.code)
    return template.format_map(dict(error.params))


def counts_text(counts: ImportCounts, done: bool) -> str:
    t = QCoreApplication.translate
    if done:
        lines = t(
            "ImportWords",
            "{rows} rows: {created} created, {updated} updated, {unchanged} unchanged, "
            "{rejected} rejected (left out).",
        )
    else:
        lines = t(
            "ImportWords",
            "{rows} rows: {created} would be created, {updated} updated, {unchanged} "
            "unchanged, {rejected} rejected.",
        )
    records = t(
        "ImportWords",
        "New: {customers} customers, {contacts} contacts, {sites} sites, {equipment} devices; "
        "{records} records updated.",
    )
    return (
        lines.format(
            rows=f"{counts.rows:,}",
            created=f"{counts.created:,}",
            updated=f"{counts.updated:,}",
            unchanged=f"{counts.unchanged:,}",
            rejected=f"{counts.rejected:,}",
        )
        + "\n"
        + records.format(
            customers=f"{counts.new_customers:,}",
            contacts=f"{counts.new_contacts:,}",
            sites=f"{counts.new_sites:,}",
            equipment=f"{counts.new_equipment:,}",
            records=f"{counts.updated_records:,}",
        )
    )


def stage_text(stage: str) -> str:
    t = QCoreApplication.translate
    stages = {
        "reading": t("ImportWords", "Reading the file…"),
        "checking": t("ImportWords", "Checking the rows against the database…"),
        "writing": t("ImportWords", "Writing…"),
    }
    return stages.get(stage, stage)


class _Progress(QObject):
    """Progress reported on a worker, delivered on the GUI thread; and the Cancel flag."""

    progressed = Signal(str, int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel = threading.Event()
        self._last: tuple[str, int] = ("", -1)

    def report(self, stage: str, done: int, total: int) -> None:  # on the worker
        step = 1000 * done // total if total else done // 1000
        if (stage, step) != self._last:
            self._last = (stage, step)
            self.progressed.emit(stage, done, total)

    def should_stop(self) -> bool:  # on the worker
        return self.cancel.is_set()


def _progress_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 1000)
    bar.setValue(0)
    return bar


def _show_progress(bar: QProgressBar, label: QLabel, stage: str, done: int, total: int) -> None:
    label.setText(stage_text(stage))
    if total:
        bar.setRange(0, 1000)
        bar.setValue(1000 * done // total)
    else:
        bar.setRange(0, 0)  # the sheet does not say how many rows it has: busy


@dataclass
class _Choice:
    """What the user chose so far; the pages read and write it."""

    kind: ImportKind = ImportKind.CUSTOMERS
    path: Path | None = None
    sheet: str | None = None
    overview: FileOverview | None = None
    mapping: dict[Field, int] | None = None
    check: ImportCheck | None = None
    checked_for: ImportRequest | None = None

    def request(self) -> ImportRequest:
        assert self.path is not None and self.mapping is not None
        return ImportRequest(self.path, self.kind, dict(self.mapping), self.sheet)


# --- page 1: file and sheet --------------------------------------------------------------


class ImportFilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr(
                "An Excel workbook (.xlsx) or a CSV file (UTF-8 or GBK, as Chinese Excel saves "
                "it). The first row must hold the column names."
            )
        )
        self.customers_radio = QRadioButton(self.tr("Customers with contacts, sites and devices"))
        self.equipment_radio = QRadioButton(self.tr("Equipment of existing customers"))
        self.customers_radio.setChecked(True)
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.customers_radio)
        self._kinds.addButton(self.equipment_radio)
        self._kinds.buttonToggled.connect(self._kind_changed)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText(self.tr("Choose a file…"))
        self.path_edit.editingFinished.connect(self._path_typed)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self._browse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("importSheet")
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("importFileStatus")

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        kinds = QVBoxLayout()
        kinds.addWidget(self.customers_radio)
        kinds.addWidget(self.equipment_radio)
        form.addRow(self.tr("Import"), kinds)
        form.addRow(self.tr("File"), path_row)
        form.addRow(self.tr("Sheet"), self.sheet_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)

    @property
    def choice(self) -> _Choice:
        return self._wizard.choice

    @Slot()
    def _kind_changed(self) -> None:
        kind = ImportKind.EQUIPMENT if self.equipment_radio.isChecked() else ImportKind.CUSTOMERS
        if kind is not self.choice.kind:
            self.choice.kind = kind
            self.choice.mapping = None  # guessed again for the other kind's fields
            if self.choice.path is not None:
                self.load(self.choice.path, self.choice.sheet)

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import from"),
            str(self.choice.path.parent) if self.choice.path else "",
            self.tr("Spreadsheets (*.xlsx *.xlsm *.csv *.txt)"),
        )
        if path:
            self.load(Path(path))

    @Slot()
    def _path_typed(self) -> None:
        text = self.path_edit.text().strip()
        if text and (self.choice.path is None or Path(text) != self.choice.path):
            self.load(Path(text))

    @Slot(int)
    def _sheet_chosen(self, index: int) -> None:
        sheet = self.sheet_combo.itemText(index)
        if self.choice.path is not None and sheet != self.choice.sheet:
            self.load(self.choice.path, sheet)

    def load(self, path: Path, sheet: str | None = None) -> None:
        """Read the file's sheets, header and first rows (on a worker)."""
        self.path_edit.setText(str(path))
        self.choice.path, self.choice.sheet, self.choice.overview = path, sheet, None
        self.choice.mapping = None
        self.status.setText(self.tr("Reading {name}…").format(name=path.name))
        self.completeChanged.emit()
        self._wizard.runner.read(
            inspect_file,
            self._wizard.user,
            path,
            self.choice.kind,
            sheet,
            on_done=self._loaded,
            on_error=self._failed,
            key="import-inspect",
        )

    def _loaded(self, overview: FileOverview) -> None:
        self.choice.overview = overview
        self.choice.sheet = overview.preview.sheet or None
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(overview.preview.sheets))
        self.sheet_combo.setEnabled(bool(overview.preview.sheets))
        if overview.preview.sheet:
            self.sheet_combo.setCurrentText(overview.preview.sheet)
        columns = len(overview.preview.headers)
        if overview.preview.encoding:
            encoding = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gb18030": "GBK/GB18030"}.get(
                overview.preview.encoding, overview.preview.encoding
            )
            self.status.setText(
                self.tr("{columns} columns, read as {encoding}.").format(
                    columns=columns, encoding=encoding
                )
            )
        else:
            self.status.setText(self.tr("{columns} columns.").format(columns=columns))
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.choice.overview = None
        self.sheet_combo.clear()
        self.sheet_combo.setEnabled(False)
        if isinstance(error, SourceError):
            texts = {
                "not_found": self.tr("There is no such file."),
                "unsupported": self.tr("Only .xlsx and .csv files can be imported."),
                "unreadable": self.tr("This file is not an Excel workbook that can be read."),
                "no_sheet": self.tr("The workbook has no such sheet."),
            }
            self.status.setText(texts.get(error.code, str(error)))
        elif isinstance(error, (OSError, UnicodeError, ValueError)):
            self.status.setText(self.tr("The file cannot be read: {error}").format(error=error))
        else:
            self.status.setText(self.tr("The file cannot be read."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        overview = self.choice.overview
        return overview is not None and bool(overview.preview.headers)


# --- page 2: columns ---------------------------------------------------------------------


class ImportMappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Each field takes its values from the column chosen here (guessed from the "
                "column names). Fields marked * must have a column."
            )
        )
        # Two columns of fields, so the preview keeps room for its rows.
        self._forms = (QFormLayout(), QFormLayout())
        self.combos: dict[Field, QComboBox] = {}
        self._built_for: tuple[object, ...] | None = None
        self.missing = QLabel()
        self.missing.setObjectName("importMissing")
        self.missing.setStyleSheet("color: #b3261e;")
        self.missing.setWordWrap(True)
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self._preview_model: RowsModel | None = None
        top = QHBoxLayout()
        for form in self._forms:
            top.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.missing)
        layout.addWidget(QLabel(self.tr("The first rows of the file:")))
        layout.addWidget(self.preview, 1)

    @property
    def choice(self) -> _Choice:
        return self._wizard.choice

    def initializePage(self) -> None:
        overview = self.choice.overview
        assert overview is not None
        key = (self.choice.path, self.choice.sheet, self.choice.kind, overview.preview.headers)
        if key == self._built_for and self.choice.mapping is not None:
            return  # back and forth: keep what the user chose
        self._built_for = key
        for form in self._forms:
            while form.rowCount():
                form.removeRow(0)
        self.combos = {}
        headers = overview.preview.headers
        if self.choice.mapping is None:
            self.choice.mapping = dict(overview.guessed)
        required = set(REQUIRED[self.choice.kind])
        fields = fields_of(self.choice.kind)
        half = (len(fields) + 1) // 2
        for number, field in enumerate(fields):
            combo = QComboBox()
            combo.setObjectName(f"column_{field.value}")
            combo.addItem(self.tr("(not imported)"), -1)
            for index, header in enumerate(headers):
                combo.addItem(header or self.tr("column {n}").format(n=index + 1), index)
            chosen = self.choice.mapping.get(field)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.currentIndexChanged.connect(lambda _i, f=field: self._column_chosen(f))
            self.combos[field] = combo
            label = field_name(field) + (" *" if field in required else "")
            self._forms[0 if number < half else 1].addRow(label, combo)
        self._show_preview(headers, overview.preview.rows)
        self._show_missing()

    def _show_preview(self, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
        columns = [_preview_column(i, h) for i, h in enumerate(headers)]
        model = RowsModel(columns, self)
        model.set_rows(list(rows[:PREVIEW_ROWS]))
        self.preview.setModel(model)
        self._preview_model = model
        self.preview.resizeColumnsToContents()

    def _column_chosen(self, field: Field) -> None:
        assert self.choice.mapping is not None
        index = self.combos[field].currentData()
        if index is None or index < 0:
            self.choice.mapping.pop(field, None)
        else:
            self.choice.mapping[field] = int(index)
        self._show_missing()

    def _show_missing(self) -> None:
        missing = missing_required(self.choice.mapping or {}, self.choice.kind)
        if missing:
            names = ", ".join(field_name(f) for f in missing)
            self.missing.setText(self.tr("Choose a column for: {fields}").format(fields=names))
        else:
            self.missing.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.choice.mapping is not None and not missing_required(
            self.choice.mapping, self.choice.kind
        )


def _preview_column(index: int, header: str) -> Column:
    def text(row: tuple[str, ...]) -> str:
        return row[index] if index < len(row) else ""

    return Column(header=lambda: header, text=text)


# --- page 3: check -----------------------------------------------------------------------


def _error_columns() -> list[Column]:
    t = QCoreApplication.translate
    return [
        Column(lambda: t("ImportWords", "Row"), lambda e: str(e.row)),
        Column(lambda: t("ImportWords", "Column"), lambda e: e.column),
        Column(lambda: t("ImportWords", "Value in the file"), lambda e: e.value),
        Column(lambda: t("ImportWords", "Problem"), problem_text),
    ]


class ImportCheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._progress = _Progress(self)
        self._progress.progressed.connect(self._progressed)
        self._running = False
        self.setTitle(self.tr("Check every row"))
        self.setSubTitle(
            self.tr("Nothing is written yet. Rows with problems are listed; fix them in the file.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.stage = QLabel()
        self.bar = _progress_bar()
        self.cancel_button = QPushButton(self.tr("Cancel check"))
        self.cancel_button.clicked.connect(self._progress.cancel.set)
        self.summary = QLabel()
        self.summary.setObjectName("importCheckSummary")
        self.summary.setWordWrap(True)
        self.errors_model = RowsModel(_error_columns(), self)
        self.errors = QTableView()
        self.errors.setObjectName("importErrors")
        self.errors.setModel(self.errors_model)
        self.errors.verticalHeader().setVisible(False)
        self.errors.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton(self.tr("Save error report…"))
        self.save_button.setObjectName("saveErrorReport")
        self.save_button.clicked.connect(self._save_report)
        self.skip_box = QCheckBox(
            self.tr("Import the accepted rows and leave the rejected ones out")
        )
        self.skip_box.setObjectName("skipRejected")
        self.skip_box.toggled.connect(self.completeChanged)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.bar, 1)
        progress_row.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_box, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage)
        layout.addLayout(progress_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addLayout(buttons)

    @property
    def choice(self) -> _Choice:
        return self._wizard.choice

    def initializePage(self) -> None:
        request = self.choice.request()
        if self.choice.check is not None and self.choice.checked_for == request:
            return  # checked already: Back and Next do not read the file again
        self.start()

    def start(self) -> None:
        self.choice.check = None
        self.choice.checked_for = self.choice.request()
        self._running = True
        self._progress.cancel.clear()
        self.summary.setText("")
        self.errors_model.set_rows([])
        self.save_button.setEnabled(False)
        self.skip_box.setVisible(False)
        self.cancel_button.setEnabled(True)
        self.bar.setValue(0)
        self.stage.setText(stage_text("reading"))
        self.completeChanged.emit()
        self._wizard.runner.read(
            check_import,
            self._wizard.db,
            self._wizard.user,
            self.choice.checked_for,
            self._progress.report,
            self._progress.should_stop,
            on_done=self._checked,
            on_error=self._failed,
        )

    def cancel(self) -> None:
        self._progress.cancel.set()

    @Slot(str, int, int)
    def _progressed(self, stage: str, done: int, total: int) -> None:
        _show_progress(self.bar, self.stage, stage, done, total)

    def _checked(self, check: ImportCheck) -> None:
        self._running = False
        self.choice.check = check
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1000)
        self.bar.setValue(1000)
        self.stage.setText(self.tr("Checked."))
        text = counts_text(check.counts, done=False)
        if not check.counts.created and not check.counts.updated:
            text += "\n" + self.tr("Nothing to import: the database has every accepted row.")
        self.summary.setText(text)
        self.errors_model.set_rows(list(check.errors[:ERRORS_SHOWN]))
        self.errors.resizeColumnsToContents()
        self.errors.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.save_button.setEnabled(bool(check.errors))
        self.skip_box.setVisible(bool(check.counts.rejected))
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        if isinstance(error, ImportCancelled):
            self.stage.setText(self.tr("Check cancelled. Go Back and Next to check again."))
        else:
            self.stage.setText(_failure_text(error))
        self.choice.checked_for = None
        self.completeChanged.emit()

    @Slot()
    def _save_report(self) -> None:
        check = self.choice.check
        if check is None or not check.errors:
            return
        suggested = ""
        if self.choice.path is not None:
            suggested = str(self.choice.path.with_name(self.choice.path.stem + "_errors.xlsx"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save error report"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        """The rejected rows with their problems in the language on screen."""
        check = self.choice.check
        assert check is not None
        t = QCoreApplication.translate
        headers = [
            t("ImportWords", "Row"),
            t("ImportWords", "Column"),
            t("ImportWords", "Value in the file"),
            t("ImportWords", "Problem"),
        ]
        try:
            write_error_report(path, check.errors, problem_text, headers, self.tr("Errors"))
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Error report not saved"),
                self.tr("The file could not be written: {error}").format(error=error),
            )
            return
        self.stage.setText(self.tr("Error report saved to {path}.").format(path=path))

    def isComplete(self) -> bool:
        check = self.choice.check
        if self._running or check is None:
            return False
        if not check.counts.created and not check.counts.updated:
            return False
        return not check.counts.rejected or self.skip_box.isChecked()


# --- page 4: import ----------------------------------------------------------------------


class ImportRunPage(QWizardPage):
    finished_import = Signal(object)  # ImportResult

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._progress = _Progress(self)
        self._progress.progressed.connect(self._progressed)
        self.result: ImportResult | None = None
        self._running = False
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr(
                "Every accepted row is written in one go, or none: Cancel leaves the "
                "database as it was."
            )
        )
        self.stage = QLabel()
        self.bar = _progress_bar()
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.clicked.connect(self._progress.cancel.set)
        self.summary = QLabel()
        self.summary.setObjectName("importResult")
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    @property
    def choice(self) -> _Choice:
        return self._wizard.choice

    def initializePage(self) -> None:
        check = self.choice.check
        assert check is not None
        self._running = True
        self.result = None
        self._progress.cancel.clear()
        self.cancel_button.setEnabled(True)
        self.summary.setText("")
        self.stage.setText(stage_text("reading"))
        self.completeChanged.emit()
        self._wizard.runner.write(
            run_import,
            self._wizard.db,
            self._wizard.user,
            self.choice.request(),
            self._progress.report,
            self._progress.should_stop,
            bool(check.counts.rejected),
            check.counts,
            on_done=self._done,
            on_error=self._failed,
        )

    def cancel(self) -> None:
        self._progress.cancel.set()

    @property
    def running(self) -> bool:
        return self._running

    @Slot(str, int, int)
    def _progressed(self, stage: str, done: int, total: int) -> None:
        _show_progress(self.bar, self.stage, stage, done, total)

    def _done(self, result: ImportResult) -> None:
        self._running = False
        self.result = result
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1000)
        self.bar.setValue(1000)
        self.stage.setText(self.tr("Imported."))
        self.summary.setText(counts_text(result.counts, done=True))
        self.completeChanged.emit()
        self.finished_import.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        if isinstance(error, ImportCancelled):
            self.stage.setText(self.tr("Import cancelled: nothing was written."))
        elif isinstance(error, ImportChanged):
            self.stage.setText(
                self.tr(
                    "Nothing was written: the file or the database changed since the check. "
                    "Run the wizard again."
                )
            )
        else:
            self.stage.setText(_failure_text(error) + " " + self.tr("Nothing was written."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._running


def _failure_text(error: BaseException) -> str:
    problem = is_problem(error)
    if problem is not None:
        return problem_message(problem)
    if isinstance(error, SourceError | OSError):
        return QCoreApplication.translate("ImportWords", "The file cannot be read any more.")
    return QCoreApplication.translate(
        "ImportWords", "An internal error stopped it; it has been logged."
    )


# --- the wizard --------------------------------------------------------------------------


class ImportWizard(QWizard):
    """File ▸ Import customers/equipment…: four pages, the work on the runner's workers."""

    imported = Signal(object)  # ImportResult

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
        self.choice = _Choice()
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import customers and equipment"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.file_page = ImportFilePage(self)
        self.mapping_page = ImportMappingPage(self)
        self.check_page = ImportCheckPage(self)
        self.run_page = ImportRunPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.run_page):
            self.addPage(page)
        self.run_page.finished_import.connect(self.imported)
        self.resize(860, 620)

    def reject(self) -> None:
        """Cancel: stop what runs (an import rolls back); while it winds down, stay open."""
        self.check_page.cancel()
        self.run_page.cancel()
        if self.run_page.running:
            return  # the import answers "cancelled" in a moment; then Cancel closes
        super().reject()
