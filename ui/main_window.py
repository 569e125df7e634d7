"""The main window: area navigation, menus with shortcuts, the live status bar."""

from __future__ import annotations

import importlib.metadata
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ui.admin_page import AdminPage
from ui.agent_desk import AgentDeskPage
from ui.area_pages import NoticePage, WelcomeLine
from ui.areas import AREAS, Area, area_icon, area_title, may_open, refusal
from ui.customers_page import CustomersPage
from ui.dashboard_page import DashboardPage
from ui.draft_offer import offer_drafts
from ui.follow_ups_page import FollowUpsPage
from ui.i18n import LANGUAGES, Translations
from ui.live import LiveConnection, LiveState
from ui.open_tickets import OpenTicketCount
from ui.queue_area import QueueArea
from ui.queue_page import QueuePage
from ui.reports_page import ReportsPage
from ui.roles import refusal_text
from ui.schedule_actions import ScheduleActions
from ui.schedule_page import SchedulePage
from ui.settings import DeskSettings
from ui.status_bar import WorkstationStatusBar
from ui.tasks import TaskRunner
from ui.ticket_view import TicketView
from workstation.changes import Change
from workstation.db import Database
from workstation.drafts import Draft, DraftStore
from workstation.permissions import Permission, PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.claims import ClaimedTicket, take_next
from workstation.services.sla_watch import sweep_sla
from workstation.services.status import region_name

log = logging.getLogger(__name__)


def user_may_log_calls(user: SignedInUser) -> bool:
    return user.may(Permission.LOG_CALLS)


DEFAULT_SIZE = QSize(1200, 750)
MESSAGE_MS = 8000  # how long a status-bar message stays
# How often this desk looks for deadlines that turned at risk or were breached. Every desk
# sweeps; a conditional update flags each crossing once, whichever desk comes first.
SLA_SWEEP_MS = 30_000
_NAV_WIDTH = 230


def _sweep_failed(_error: BaseException) -> None:
    """A sweep that did not get through is simply repeated by the next one."""


def drafts_folder(user: SignedInUser) -> Path:
    """Where this desk keeps the calls being typed (per user): the user's data folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "drafts" / user.username


def _version() -> str:
    try:
        return importlib.metadata.version("service-desk-workstation")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


class MainWindow(QMainWindow):
    """The signed-in user's window. `closed(signed_out)` says how it ended."""

    closed = Signal(bool)

    def __init__(
        self,
        *,
        db: Database,
        database_label: str,
        user: SignedInUser,
        runner: TaskRunner,
        live: LiveConnection,
        translations: Translations,
        settings: DeskSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._db = db
        self._user = user
        self._runner = runner
        self._live = live
        self._translations = translations
        self._settings = settings
        self._signing_out = False
        # Set when an administrator deactivated the signed-in user: the desk signs out.
        self.deactivated = False
        self._finished = False

        self._welcome = WelcomeLine(user)
        self.drafts = DraftStore(drafts_folder(user))
        self.agent_desk = AgentDeskPage(
            db=db, runner=runner, user=user, drafts=self.drafts, lead=self._welcome
        )
        self.customers = CustomersPage(db=db, runner=runner, user=user)
        self.ticket_views: dict[int, TicketView] = {}
        self.agent_desk.ticket_opened.connect(self.open_ticket)
        self.customers.ticket_opened.connect(self.open_ticket)
        self.queue = QueuePage(db=db, runner=runner, user=user)
        self.follow_ups = FollowUpsPage(db=db, runner=runner, user=user)
        self.follow_ups.ticket_activated.connect(self.open_ticket)
        self.queue_area = QueueArea(self.queue, self.follow_ups)
        self.admin = (
            AdminPage(db=db, runner=runner, user=user)
            if may_open(user, Area.ADMINISTRATION)
            else None
        )
        self.dashboard = (
            DashboardPage(db=db, runner=runner, user=user)
            if may_open(user, Area.DASHBOARD)
            else None
        )
        self.schedule = SchedulePage(db=db, runner=runner, user=user)
        self.schedule_actions = ScheduleActions(
            db=db, runner=runner, user=user, page=self.schedule, window=self
        )
        self.schedule_actions.message.connect(self._say)
        self._pages: dict[Area, QWidget] = {}
        self.reports: ReportsPage | None = None
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setSpacing(2)
        self.navigation.setFixedWidth(_NAV_WIDTH)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { outline: 0; }"  # the selection shows where focus is
            "QListWidget#navigation::item { padding: 7px 6px; }"
        )
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        for area in AREAS:
            page: QWidget
            if area is Area.AGENT_DESK:
                page = self.agent_desk
            elif area is Area.CUSTOMERS:
                page = self.customers
            elif area is Area.QUEUE:
                page = self.queue_area
            elif area is Area.SCHEDULE:
                page = self.schedule
            elif area is Area.ADMINISTRATION and self.admin is not None:
                page = self.admin
            elif area is Area.REPORTS and may_open(user, area):
                page = self.reports = ReportsPage(db=db, runner=runner, user=user)
            elif area is Area.DASHBOARD and self.dashboard is not None:
                page = self.dashboard
            else:
                page = NoticePage(area)
            self._pages[area] = page
            self.pages.addWidget(page)
            item = QListWidgetItem(area_icon(area, self.style()), "")
            item.setData(Qt.ItemDataRole.UserRole, area.value)
            item.setSizeHint(QSize(_NAV_WIDTH - 8, 38))
            if not may_open(user, area):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.status = WorkstationStatusBar(database_label, user)
        self.setStatusBar(self.status)

        self._build_actions()
        self._build_menus()
        self.queue.set_take_next_action(self.take_next_action)
        self.queue.ticket_activated.connect(self.open_ticket)
        self.follow_ups.message.connect(lambda text: self.status.showMessage(text, MESSAGE_MS))

        self._count = OpenTicketCount(db, runner, parent=self)
        self._count.counted.connect(self.status.set_open_tickets)
        live.changes.connect(self._on_changes)
        live.state_changed.connect(self._on_live_state)
        runner.internal_error.connect(self._on_internal_error)
        translations.changed.connect(self._show_language)
        self.status.set_live_state(live.state, live.problem)

        self.retranslate()
        self._restore()
        self._count.request()
        if user_may_log_calls(user):
            self.follow_ups.reload()
        else:
            self.queue_area.setTabEnabled(1, False)  # follow-up calls are the agents' work
        self._sla_sweep = QTimer(self)
        self._sla_sweep.setInterval(SLA_SWEEP_MS)
        self._sla_sweep.timeout.connect(self.sweep_sla)
        if user.may(Permission.WORK_TICKETS):
            self._sla_sweep.start()
            QTimer.singleShot(0, self.sweep_sla)
        QTimer.singleShot(0, self.offer_saved_drafts)
        if user.region_id is not None:
            runner.read(
                region_name, db, user.region_id, on_done=self._region_read, key="welcome-region"
            )

    # -- areas ---------------------------------------------------------------

    @property
    def current_area(self) -> Area:
        page = self.pages.currentWidget()
        return next(area for area, widget in self._pages.items() if widget is page)

    def page(self, area: Area) -> QWidget:
        return self._pages[area]

    def notice_page(self, area: Area) -> NoticePage:
        """The page of an area not built yet."""
        page = self._pages[area]
        assert isinstance(page, NoticePage), f"{area} is built"
        return page

    def open_area(self, area: Area) -> bool:
        """Show the area; False (and nothing changes) if the user's role does not allow it."""
        if not may_open(self._user, area):
            return False
        self.navigation.setCurrentRow(AREAS.index(area))
        return True

    @Slot(int)
    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        area = AREAS[row]
        self.pages.setCurrentWidget(self._pages[area])
        self._area_actions[area].setChecked(True)

    # -- menus ---------------------------------------------------------------

    def _build_actions(self) -> None:
        self.sign_out_action = QAction(self)
        self.sign_out_action.setObjectName("signOutAction")
        self.sign_out_action.triggered.connect(self.sign_out)
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self._area_group = QActionGroup(self)
        self._area_group.setExclusive(True)
        self._area_actions: dict[Area, QAction] = {}
        for number, area in enumerate(AREAS, start=1):
            action = QAction(area_icon(area, self.style()), "", self)
            action.setObjectName(f"open_{area.value}")
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setCheckable(True)
            action.setEnabled(may_open(self._user, area))
            action.triggered.connect(lambda _checked=False, a=area: self.open_area(a))
            self._area_group.addAction(action)
            self._area_actions[area] = action

        self._language_group = QActionGroup(self)
        self._language_group.setExclusive(True)
        self._language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES:
            action = QAction(name, self)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == self._translations.current)
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            self._language_group.addAction(action)
            self._language_actions[code] = action

        self.find_action = QAction(self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("F2")])
        self.find_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.new_call_action = QAction(self)
        self.new_call_action.setObjectName("newCallAction")
        self.new_call_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_call_action.setEnabled(user_may_log_calls(self._user))
        self.new_call_action.triggered.connect(self.new_call)
        self.take_next_action = QAction(self)
        self.take_next_action.setObjectName("takeNextAction")
        self.take_next_action.setShortcut(QKeySequence("Ctrl+T"))
        self.take_next_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.take_next_action.setEnabled(self._user.may(Permission.WORK_TICKETS))
        self.take_next_action.triggered.connect(self.take_next)
        self.addAction(self.take_next_action)
        self.unsaved_calls_action = QAction(self)
        self.unsaved_calls_action.setObjectName("unsavedCallsAction")
        self.unsaved_calls_action.setEnabled(user_may_log_calls(self._user))
        self.unsaved_calls_action.triggered.connect(self.show_unsaved_calls)
        self.addAction(self.find_action)
        self.addAction(self.new_call_action)

        self.import_action = QAction(self)
        self.import_action.setObjectName("importAction")
        # Administrators only (the service checks it again); hidden from everyone else.
        self.import_action.setVisible(self._user.may(Permission.ADMINISTER))
        self.import_action.triggered.connect(self.show_import)
        self.import_wizard: QWidget | None = None

        self.about_action = QAction(self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._file_menu = QMenu(self)
        self._file_menu.addAction(self.new_call_action)
        self._file_menu.addAction(self.find_action)
        self._file_menu.addAction(self.unsaved_calls_action)
        self._file_menu.addAction(self.take_next_action)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self.import_action)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self.sign_out_action)
        self._file_menu.addSeparator()
        self._file_menu.addAction(self.quit_action)
        self._view_menu = QMenu(self)
        for action in self._area_actions.values():
            self._view_menu.addAction(action)
        self._view_menu.addSeparator()
        self._language_menu = QMenu(self)
        for action in self._language_actions.values():
            self._language_menu.addAction(action)
        self._view_menu.addMenu(self._language_menu)
        self._help_menu = QMenu(self)
        self._help_menu.addAction(self.about_action)
        for menu in (self._file_menu, self._view_menu, self._help_menu):
            bar.addMenu(menu)

    def area_action(self, area: Area) -> QAction:
        return self._area_actions[area]

    def language_action(self, code: str) -> QAction:
        return self._language_actions[code]

    @Slot()
    def focus_search(self) -> None:
        """Ctrl+K / F2: the search of the page in view (the agent desk's from anywhere else)."""
        if self.current_area is Area.CUSTOMERS:
            self.customers.focus_search()
            return
        self.open_area(Area.AGENT_DESK)
        self.agent_desk.focus_search()

    @Slot()
    def new_call(self) -> None:
        """Ctrl+N: log a call, filled in from what the agent desk has open."""
        if not user_may_log_calls(self._user):
            return
        self.open_area(Area.AGENT_DESK)
        self.agent_desk.new_call()

    @Slot()
    def show_import(self) -> None:
        """File ▸ Import customers/equipment…: the import wizard (one at a time)."""
        if not self._user.may(Permission.ADMINISTER):
            return
        if self.import_wizard is not None:
            self.import_wizard.raise_()
            self.import_wizard.activateWindow()
            return
        from ui.import_wizard import ImportWizard  # openpyxl and the import load when first used

        wizard = ImportWizard(self._db, self._runner, self._user, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.destroyed.connect(self._import_closed)
        self.import_wizard = wizard
        wizard.show()

    @Slot()
    def _import_closed(self) -> None:
        self.import_wizard = None

    @Slot()
    def take_next(self) -> None:
        """Ctrl+T: the most urgent ticket waiting for me becomes mine; its customer opens."""
        if not self._user.may(Permission.WORK_TICKETS):
            return
        self.take_next_action.setEnabled(False)  # one claim at a time
        self._runner.write(
            take_next, self._db, self._user, on_done=self._taken, on_error=self._take_failed
        )

    def _taken(self, claimed: ClaimedTicket | None) -> None:
        self.take_next_action.setEnabled(True)
        if claimed is None:
            self.status.showMessage(self.tr("No ticket is waiting for you."), MESSAGE_MS)
            return
        self.status.showMessage(
            self.tr("Ticket {number} ({priority}) is now yours.").format(
                number=claimed.number, priority=claimed.priority
            ),
            MESSAGE_MS,
        )
        self.open_area(Area.AGENT_DESK)
        self.agent_desk.show_customer(claimed.customer_id, 0)
        self.open_ticket(claimed.ticket_id)

    @Slot(int)
    def _take_failed(self, error: BaseException) -> None:
        self.take_next_action.setEnabled(True)
        if isinstance(error, PermissionDenied):
            self.status.showMessage(refusal_text(error.role, error.permission.value), MESSAGE_MS)
            return
        self.status.showMessage(
            self.tr("No ticket was taken: the database did not answer. Try again."), MESSAGE_MS
        )

    @Slot(str)
    def _say(self, text: str) -> None:
        """A passing message in the status bar."""
        self.status.showMessage(text, MESSAGE_MS)

    @Slot(int)
    def open_ticket(self, ticket_id: int) -> TicketView:
        """The ticket's window (one per ticket: an open one comes to the front)."""
        view = self.ticket_views.get(ticket_id)
        if view is None:
            view = TicketView(
                db=self._db, runner=self._runner, user=self._user, ticket_id=ticket_id
            )
            view.resize(1100, 720)
            view.open_customer.connect(self._show_ticket_customer)
            view.message.connect(lambda text: self.status.showMessage(text, MESSAGE_MS))
            view.destroyed.connect(lambda _obj=None, t=ticket_id: self.ticket_views.pop(t, None))
            self.ticket_views[ticket_id] = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    @Slot(int)
    def _show_ticket_customer(self, customer_id: int) -> None:
        self.open_area(Area.AGENT_DESK)
        self.agent_desk.show_customer(customer_id, 0)
        self.raise_()
        self.activateWindow()

    @Slot()
    def sweep_sla(self) -> None:
        """Flag deadlines that crossed their at-risk share or passed (the notices follow by
        the change feed, on every desk concerned)."""
        self._runner.write(sweep_sla, self._db, on_error=_sweep_failed)

    def _sla_notice(self, changes: list[Change]) -> None:
        """A status-bar notice for the assignee and the supervisors of a ticket at risk."""
        supervisor = self._user.may(Permission.ASSIGN_TICKETS)
        for change in changes:
            level = change.data.get("sla_warning")
            if not level:
                continue
            if not supervisor and change.data.get("assignee_id") != self._user.id:
                continue
            number = str(change.data.get("number", ""))
            if level == "breached":
                text = self.tr("{number} breached its SLA and was escalated to the supervisors.")
            else:
                text = self.tr("{number} is at risk of breaching its SLA.")
            self.status.showMessage(text.format(number=number), MESSAGE_MS * 2)

    def screen_pop(self, phone: str, call_id: str = "") -> None:
        """An incoming call from telephony: the agent desk shows the caller, a call starts."""
        self.open_area(Area.AGENT_DESK)
        self.agent_desk.screen_pop(phone, call_id)

    def offer_saved_drafts(self) -> QMessageBox | None:
        """Calls typed but not saved when the desk last stopped (a crash, a lost connection)."""
        if not user_may_log_calls(self._user):
            return None
        return offer_drafts(
            self, self.drafts, self._restore_draft, self.agent_desk.call_form.draft_id
        )

    @Slot()
    def show_unsaved_calls(self) -> QMessageBox:
        """File → Unsaved calls: the kept calls, one after the other, or that there are none."""
        box = self.offer_saved_drafts()
        if box is None:
            box = QMessageBox(self)
            box.setObjectName("noUnsavedCalls")
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(self.tr("Unsaved calls"))
            box.setText(self.tr("No unsaved calls are kept on this desk."))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        return box

    def _restore_draft(self, draft: Draft) -> None:
        self.open_area(Area.AGENT_DESK)
        self.agent_desk.restore_draft(draft)

    @Slot()
    def sign_out(self) -> None:
        """Close the window and go back to the sign-in dialog."""
        self._signing_out = True
        if not self.close():
            self._signing_out = False

    @Slot()
    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("About Service Desk Workstation"))
        box.setText(self.tr("Service Desk Workstation {version}").format(version=_version()))
        box.setInformativeText(
            self.tr(
                "For the after-sales service centre: take fault calls, see the history of "
                "every customer and device, triage, dispatch and schedule engineers' visits, "
                "and report on service levels."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _choose_language(self, code: str) -> None:
        in_effect = self._translations.switch(code)
        self._settings.language = in_effect
        self._show_language(in_effect)

    @Slot(str)
    def _show_language(self, code: str) -> None:
        action = self._language_actions.get(code)
        if action is not None:
            action.setChecked(True)

    # -- live updates --------------------------------------------------------

    @Slot(object)
    def _on_changes(self, changes: list[Change]) -> None:
        if self._finished:
            return
        if any(_deactivates(change, self._user.id) for change in changes):
            self.deactivated = True
            self.sign_out()
            return
        if any(change.entity == "ticket" for change in changes):
            self._count.request()
        self.agent_desk.on_changes(changes)
        self.customers.on_changes(changes)
        for view in list(self.ticket_views.values()):
            view.on_changes(changes)
        self._sla_notice(changes)
        self.queue.on_changes(changes)
        self.follow_ups.on_changes(changes)
        self.schedule.on_changes(changes)
        self.schedule_actions.on_changes(changes)
        if self.admin is not None:
            self.admin.on_changes(changes)
        if self.dashboard is not None:
            self.dashboard.on_changes(changes)

    @Slot(str)
    def _on_live_state(self, state: str) -> None:
        if self._finished:
            return
        live_state = LiveState(state)
        self.status.set_live_state(live_state, self._live.problem)
        if live_state is LiveState.LIVE:
            self._count.request()  # whatever was missed while away
            self.queue.on_live()
            self.schedule.reload()
            if self.dashboard is not None:
                self.dashboard.on_live()
            if user_may_log_calls(self._user):
                self.follow_ups.reload()

    def _region_read(self, name: str | None) -> None:
        if not self._finished:
            self._welcome.set_region(name)

    @Slot(str)
    def _on_internal_error(self, message: str) -> None:
        if self._finished:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Internal error"))
        box.setText(self.tr("Something went wrong inside the program. The details are in the log."))
        box.setDetailedText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- translation ---------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Service Desk Workstation — {name}").format(name=self._user.display_name)
        )
        self._file_menu.setTitle(self.tr("&File"))
        self._view_menu.setTitle(self.tr("&View"))
        self._language_menu.setTitle(self.tr("&Language"))
        self._help_menu.setTitle(self.tr("&Help"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About Service Desk Workstation"))
        self.find_action.setText(self.tr("&Find caller…"))
        self.new_call_action.setText(self.tr("&New call"))
        self.unsaved_calls_action.setText(self.tr("&Unsaved calls…"))
        self.import_action.setText(self.tr("&Import customers/equipment…"))
        self.take_next_action.setText(self.tr("&Take next ticket"))
        self.navigation.setAccessibleName(self.tr("Areas"))
        for row, area in enumerate(AREAS):
            title = area_title(area)
            item = self.navigation.item(row)
            item.setText(title)
            self._area_actions[area].setText(title.replace("&", "&&"))  # "&" is no mnemonic
            tip = "" if may_open(self._user, area) else refusal(area)
            item.setToolTip(tip)
            self._area_actions[area].setToolTip(tip or title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- window state --------------------------------------------------------

    def _restore(self) -> None:
        geometry = self._settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        state = self._settings.window_state
        if state is not None:
            self.restoreState(state)
        area = Area.AGENT_DESK
        saved = self._settings.last_area
        if saved in {a.value for a in AREAS} and may_open(self._user, Area(saved)):
            area = Area(saved)
        self.open_area(area)

    def _save(self) -> None:
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.last_area = self.current_area.value
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            event.accept()
            return
        self._save()
        self._finished = True
        self.agent_desk.shutdown()  # the call being typed stays kept as a draft
        self._count.stop()
        self._sla_sweep.stop()
        for view in list(self.ticket_views.values()):
            view.close()
        self.schedule_actions.close_windows()
        self.queue.stop()
        self.follow_ups.stop()
        if self.dashboard is not None:
            self.dashboard.stop()
        self._live.changes.disconnect(self._on_changes)
        self._live.state_changed.disconnect(self._on_live_state)
        self._runner.internal_error.disconnect(self._on_internal_error)
        self._translations.changed.disconnect(self._show_language)
        event.accept()
        self.closed.emit(self._signing_out)


def _deactivates(change: Change, user_id: int) -> bool:
    """An administrator deactivated this user (on any desk): they may not go on working."""
    return (
        change.entity == "user"
        and change.entity_id == user_id
        and change.data.get("action") == "deactivate"
    )
