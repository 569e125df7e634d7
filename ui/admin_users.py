"""The Users tab: every user in a table, and a form to create or edit one.

Users are deactivated, never deleted (history keeps their name); a password is set when
the user is created and can be reset. The services check every change again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.admin_common import AdminTab
from ui.customer_card import Column, RowsModel, rows_table
from ui.customer_dialogs import line_edit
from ui.i18n import speaks_chinese
from ui.roles import role_name
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.admin_users import (
    ROLES,
    UserInput,
    UserRow,
    create_user,
    list_users,
    reset_password,
    set_active,
    update_user,
)
from workstation.services.auth import SignedInUser
from workstation.services.options import RegionOption, regions
from workstation.services.reference import product_kinds


def skill_names(codes: tuple[str, ...]) -> str:
    """Skills (product kinds) by their names in the desk's language."""
    chinese = speaks_chinese()
    names = {k.code: k.name_zh if chinese else k.name_en for k in product_kinds()}
    return ", ".join(names.get(code, code) for code in codes)


def _columns() -> list[Column]:
    def active_text(row: UserRow) -> str:
        if row.active:
            return QCoreApplication.translate("AdminUsers", "Active")
        return QCoreApplication.translate("AdminUsers", "Deactivated")

    return [
        Column(lambda: QCoreApplication.translate("AdminUsers", "User name"), lambda r: r.username),
        Column(lambda: QCoreApplication.translate("AdminUsers", "Name"), lambda r: r.display_name),
        Column(
            lambda: QCoreApplication.translate("AdminUsers", "Role"), lambda r: role_name(r.role)
        ),
        Column(lambda: QCoreApplication.translate("AdminUsers", "Region"), lambda r: r.region_name),
        Column(
            lambda: QCoreApplication.translate("AdminUsers", "Skills"),
            lambda r: skill_names(r.skills),
        ),
        Column(
            lambda: QCoreApplication.translate("AdminUsers", "Status"),
            active_text,
            colours=lambda r: None if r.active else ("#6b6b6b", None),
        ),
    ]


class UsersTab(AdminTab):
    """Users: list on the left, the selected (or new) user's form on the right."""

    def __init__(
        self, db: Database, runner: TaskRunner, user: SignedInUser, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, runner, user, parent)
        self.setObjectName("adminUsers")
        self._editing: UserRow | None = None
        self._regions: tuple[RegionOption, ...] = ()

        self.model = RowsModel(_columns(), self)
        self.table = rows_table(self.model, "usersTable")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newUser")
        self.new_button.clicked.connect(self.new_user)

        self.username = line_edit(60, "username")
        self.display_name = line_edit(100, "displayName")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in ROLES:
            self.role.addItem("", role)
        self.region = QComboBox()
        self.region.setObjectName("region")
        self.skills = QListWidget()
        self.skills.setObjectName("skills")
        self.skills.setMaximumHeight(110)
        self.password = line_edit(200, "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveUser")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.active_button = QPushButton()
        self.active_button.setObjectName("toggleActive")
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetPassword")
        self.reset_button.clicked.connect(self.reset_password)

        self.form_box = QGroupBox()
        form = QFormLayout()
        self._captions: dict[str, QLabel] = {}
        for name, editor in (
            ("username", self.username),
            ("display_name", self.display_name),
            ("role", self.role),
            ("region_id", self.region),
            ("skills", self.skills),
            ("password", self.password),
        ):
            field = self.box(name, editor)
            self._captions[name] = field.caption
            form.addRow(field.caption, field)
        self._password_hint = QLabel()
        self._password_hint.setWordWrap(True)
        form.addRow("", self._password_hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.active_button)
        column = QVBoxLayout(self.form_box)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addStretch(1)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_skills(())
        self.retranslate()
        self.new_user()

    # -- reading -------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.runner.read(regions, self.db, on_done=self._regions_read, key="admin-regions")
        self.runner.read(
            list_users,
            self.db,
            self.user,
            on_done=lambda rows: self._listed(rows, select_id),
            on_error=self.failed,
            key="admin-users",
        )

    def _regions_read(self, options: tuple[RegionOption, ...]) -> None:
        current = self.region.currentData()
        self._regions = options
        self.region.clear()
        self.region.addItem(self.tr("(no region)"), None)
        for option in options:
            self.region.addItem(option.name, option.id)
        self._select_region(current)

    def _listed(self, rows: tuple[UserRow, ...], select_id: int | None) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        wanted = select_id if select_id is not None else (self._editing and self._editing.id)
        for index, row in enumerate(rows):
            if row.id == wanted:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(index, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self._show(row)
                return

    def _row_changed(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._show(self.model.row(index.row()))

    # -- the form ------------------------------------------------------------

    def _fill_skills(self, chosen: tuple[str, ...]) -> None:
        """Skills are product kinds (the claims and suggestions match them); others stay."""
        chinese = speaks_chinese()
        self.skills.clear()
        kinds = [(k.code, k.name_zh if chinese else k.name_en) for k in product_kinds()]
        codes = {code for code, _ in kinds}
        kinds += [(code, code) for code in chosen if code not in codes]
        for code, name in kinds:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.skills.addItem(item)

    def _chosen_skills(self) -> list[str]:
        return [
            str(self.skills.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.skills.count())
            if self.skills.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _select_region(self, region_id: int | None) -> None:
        index = self.region.findData(region_id)
        self.region.setCurrentIndex(max(index, 0))

    def new_user(self) -> None:
        """An empty form for a new user (the list's selection is cleared)."""
        self._editing = None
        self.table.clearSelection()
        self.clear_errors()
        self.username.clear()
        self.username.setReadOnly(False)
        self.display_name.clear()
        self.role.setCurrentIndex(0)
        self._select_region(None)
        self._fill_skills(())
        self.password.clear()
        self.show_status("")
        self._refresh()
        self.username.setFocus()

    def _show(self, row: UserRow) -> None:
        if self._editing is None or self._editing.id != row.id:
            self.show_status("")  # what was said was about another user
        self._editing = row
        self.clear_errors()
        self.username.setText(row.username)
        self.username.setReadOnly(True)
        self.display_name.setText(row.display_name)
        self.role.setCurrentIndex(max(self.role.findData(row.role), 0))
        self._select_region(row.region_id)
        self._fill_skills(row.skills)
        self.password.clear()
        self._refresh()

    def _values(self) -> UserInput:
        return UserInput(
            display_name=self.display_name.text(),
            role=str(self.role.currentData()),
            region_id=self.region.currentData(),
            skills=tuple(self._chosen_skills()),
            username=self.username.text(),
        )

    def _refresh(self) -> None:
        editing = self._editing
        self.reset_button.setVisible(editing is not None)
        self.active_button.setVisible(editing is not None)
        if editing is not None:
            self.active_button.setText(
                self.tr("&Reactivate") if not editing.active else self.tr("&Deactivate")
            )
        self.form_box.setTitle(
            self.tr("New user")
            if editing is None
            else self.tr("User {name}").format(name=editing.username)
        )
        self._captions["password"].setText(
            self.tr("Initial &password:") if editing is None else self.tr("New &password:")
        )
        self._password_hint.setText(
            self.tr("At least 8 characters. Tell the user to change it.")
            if editing is None
            else self.tr("Only for a reset: type a new password, then press Reset password.")
        )

    # -- writing -------------------------------------------------------------

    def save(self) -> None:
        self.clear_errors()
        if self._editing is None:
            self.runner.write(
                create_user,
                self.db,
                self.user,
                self._values(),
                self.password.text(),
                on_done=lambda row: self._saved(row, self.tr("User {name} created.")),
                on_error=self.failed,
            )
        else:
            self.runner.write(
                update_user,
                self.db,
                self.user,
                self._editing.id,
                self._values(),
                on_done=lambda row: self._saved(row, self.tr("User {name} saved.")),
                on_error=self.failed,
            )

    def toggle_active(self) -> None:
        if self._editing is None:
            return
        active = not self._editing.active
        message = (
            self.tr("User {name} reactivated: they can sign in again.")
            if active
            else self.tr("User {name} deactivated: they can no longer sign in.")
        )
        self.runner.write(
            set_active,
            self.db,
            self.user,
            self._editing.id,
            active,
            on_done=lambda row: self._saved(row, message),
            on_error=self.failed,
        )

    def reset_password(self) -> None:
        if self._editing is None:
            return
        self.clear_errors()
        self.runner.write(
            reset_password,
            self.db,
            self.user,
            self._editing.id,
            self.password.text(),
            on_done=lambda row: self._saved(row, self.tr("Password of {name} reset.")),
            on_error=self.failed,
        )

    def _saved(self, row: UserRow, message: str) -> None:
        self._show(row)
        self.show_status(message.format(name=row.username))
        self.reload(select_id=row.id)

    def retranslate(self) -> None:
        super().retranslate()
        self.new_button.setText(self.tr("&New user"))
        self.save_button.setText(self.tr("&Save"))
        self.reset_button.setText(self.tr("Reset pass&word"))
        for index, role in enumerate(ROLES):
            self.role.setItemText(index, role_name(role))
        if self.region.count():
            self.region.setItemText(0, self.tr("(no region)"))
        for name, caption in (
            ("username", self.tr("&User name:")),
            ("display_name", self.tr("&Name:")),
            ("role", self.tr("R&ole:")),
            ("region_id", self.tr("Re&gion:")),
            ("skills", self.tr("S&kills:")),
        ):
            self._captions[name].setText(caption)
        self._fill_skills(tuple(self._chosen_skills()))
        self.model.retranslate()
        self._refresh()
