"""The merge dialog: both records side by side, what moves, the tier kept, a confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ui.customer_dialogs import (
    CustomerPicker,
    EditDialog,
    field_error_text,
    line_edit,
    tier_name,
)
from ui.tasks import TaskRunner
from ui.vocabulary import customer_kind_name
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import CustomerChoice
from workstation.services.customer_merge import (
    MergePreview,
    MergeSide,
    merge_customers,
    merge_preview,
)

_ROWS = ("name", "kind", "tier", "region", "address", "phones", "moves")


class MergeCustomersDialog(EditDialog):
    """Merge the duplicate record into the one kept; everything of it moves, its row stays."""

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        keep_id: int,
        merge_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("mergeDialog")
        self.setMinimumWidth(720)
        self.keep_id = keep_id
        self.merge_id = merge_id
        self.preview: MergePreview | None = None

        pick_form = QFormLayout()
        self.picker = CustomerPicker(db, runner)
        self.picker.chosen.connect(self._picked)
        self.picker_caption = QLabel()
        self.picker_caption.setBuddy(self.picker.search)
        pick_form.addRow(self.picker_caption, self.picker)
        self.body.addLayout(pick_form)
        self.picker.setVisible(merge_id is None)
        self.picker_caption.setVisible(merge_id is None)

        self.sides = QFrame()
        self.sides.setObjectName("mergeSides")
        self.sides.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.sides)
        grid.setHorizontalSpacing(18)
        self.keep_title = QLabel()
        self.merge_title = QLabel()
        bold = QFont(self.keep_title.font())
        bold.setBold(True)
        for title in (self.keep_title, self.merge_title):
            title.setFont(bold)
        grid.addWidget(self.keep_title, 0, 1)
        grid.addWidget(self.merge_title, 0, 2)
        self.row_captions: dict[str, QLabel] = {}
        self.keep_cells: dict[str, QLabel] = {}
        self.merge_cells: dict[str, QLabel] = {}
        for row, name in enumerate(_ROWS, start=1):
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.row_captions[name] = caption
            grid.addWidget(caption, row, 0)
            for column, cells in ((1, self.keep_cells), (2, self.merge_cells)):
                cell = QLabel()
                cell.setObjectName(f"{'keep' if column == 1 else 'merge'}_{name}")
                cell.setWordWrap(True)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                cell.setMinimumWidth(220)
                cell.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                cells[name] = cell
                grid.addWidget(cell, row, column)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.swap = QPushButton()
        self.swap.setObjectName("swapButton")
        self.swap.clicked.connect(self._swap)
        grid.addWidget(self.swap, len(_ROWS) + 1, 1, 1, 2, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.sides)

        self.outcome = QLabel()
        self.outcome.setObjectName("mergeOutcome")
        self.outcome.setWordWrap(True)
        self.body.addWidget(self.outcome)

        form = QFormLayout()
        self.reason = line_edit(500, "reason")
        self.add_field(form, "reason", self.reason)
        self.body.addLayout(form)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirmMerge")
        self.confirm.toggled.connect(self._update_button)
        self.body.addWidget(self.confirm)

        self.initial_focus = self.picker.search if merge_id is None else self.reason
        self.retranslate()
        if merge_id is not None:
            self._read_preview()
        self._update_button()

    # --- preview -----------------------------------------------------------------------

    def _picked(self, choice: CustomerChoice) -> None:
        self.merge_id = choice.id
        self._read_preview()

    def _swap(self) -> None:
        if self.merge_id is None:
            return
        self.keep_id, self.merge_id = self.merge_id, self.keep_id
        self._read_preview()

    def _read_preview(self) -> None:
        assert self.merge_id is not None
        self.preview = None
        self.confirm.setChecked(False)
        self.load(merge_preview, self.db, self.keep_id, self.merge_id, on_done=self._show)

    def _show(self, preview: MergePreview) -> None:
        if (preview.keep.id, preview.merge.id) != (self.keep_id, self.merge_id):
            return  # an older preview (before a swap or another pick)
        self.preview = preview
        self._fill()
        self.status.hide()
        if preview.problems:
            self.show_status(" ".join(field_error_text(p) for p in preview.problems))
        self._update_button()

    def _fill(self) -> None:
        preview = self.preview
        if preview is None:
            return
        for side, cells in ((preview.keep, self.keep_cells), (preview.merge, self.merge_cells)):
            cells["name"].setText(f"{side.name}  (#{side.id})")
            cells["kind"].setText(customer_kind_name(side.kind))
            cells["tier"].setText(tier_name(side.tier))
            cells["region"].setText(side.region or "—")
            cells["address"].setText(side.address or "—")
            cells["phones"].setText("\n".join(side.phones) or "—")
            cells["moves"].setText(self._counts(side))
        self.outcome.setText(
            self.tr(
                "Everything of {merge} moves to {keep}. {merge} stays on file as merged, "
                "so its history holds. Tier after the merge: {tier}."
            ).format(
                merge=preview.merge.name,
                keep=preview.keep.name,
                tier=tier_name(preview.resulting_tier),
            )
        )

    def _counts(self, side: MergeSide) -> str:
        c = side.counts
        return self.tr(
            "Contacts: {contacts}, sites: {sites}, devices: {equipment},\n"
            "tickets: {tickets}, calls: {calls}, contracts: {contracts}"
        ).format(
            contacts=c.contacts,
            sites=c.sites,
            equipment=c.equipment,
            tickets=c.tickets,
            calls=c.calls,
            contracts=c.contracts,
        )

    def can_save(self) -> bool:
        return self.preview is not None and not self.preview.problems and self.confirm.isChecked()

    def _update_button(self) -> None:
        self.refresh_save()
        self.confirm.setEnabled(self.preview is not None and not self.preview.problems)

    # --- saving -----------------------------------------------------------------------

    def submit(self) -> None:
        if self.preview is None or not self.confirm.isChecked() or self.merge_id is None:
            return
        self.write(
            merge_customers, self.db, self.user, self.keep_id, self.merge_id, self.reason.text()
        )

    def save_text(self) -> str:
        return self.tr("Merge")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Merge customer records"))
        self.picker_caption.setText(self.tr("Duplicate record"))
        self.keep_title.setText(self.tr("Kept"))
        self.merge_title.setText(self.tr("Merged into it"))
        captions = {
            "name": self.tr("Name"),
            "kind": self.tr("Kind"),
            "tier": self.tr("Tier"),
            "region": self.tr("Region"),
            "address": self.tr("Address"),
            "phones": self.tr("Phones"),
            "moves": self.tr("Records"),
        }
        for name, text in captions.items():
            self.row_captions[name].setText(text)
        self.swap.setText(self.tr("Keep the other record instead"))
        self.caption("reason", self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("e.g. the same company entered twice"))
        self.confirm.setText(
            self.tr("I have checked: both records are the same customer. Merge them.")
        )
        self.picker.retranslate()
        self._fill()
        self.retranslate_base()
