"""The Reports area as a supervisor uses it: choose, preview, export with progress, cancel
(no file), a failed export that keeps the choices; screenshots in English and Chinese."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

import ui.reports_page as reports_page
from tests.factories import add_customer, add_desk_user, add_ticket, model_id, with_reference_data
from tests.ticket_factories import beijing
from tests.ui.desk import OpenDesk
from tests.ui.test_screenshots import save
from ui.areas import Area
from ui.i18n import CHINESE, Translations
from ui.kpi_help import KpiHelpDialog
from ui.reports_page import CUSTOM, LAST_MONTH, THIS_MONTH, ReportsPage
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.services.kpi_filters import Period
from workstation.services.reports.kpi_reports import KPI_LINES

TICKETS = 12


def _scene(db: Database) -> None:
    with_reference_data(db)
    model = model_id(db)
    names = ("上海精密仪器有限公司", "北京华信科技有限公司", '=HYPERLINK("x") 杭州西湖医疗')
    customers = [
        add_customer(db, name, contacts=((f"联系人{i}", (f"138 0000 000{i}",)),))
        for i, name in enumerate(names)
    ]
    for n in range(TICKETS):
        add_ticket(
            db,
            customers[n % 3],
            reported_at=beijing(2026, 11, 2 + n, 9) + timedelta(minutes=7 * n),
            product_model=model,
            description=("打印机卡纸，提示E-201", "屏幕不亮", "-无法开机")[n % 3],
        )


def _page(qtbot: QtBot, db: Database, runner: TaskRunner) -> ReportsPage:
    _scene(db)
    boss = add_desk_user(db, "boss", "supervisor")
    page = ReportsPage(db=db, runner=runner, user=boss)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.region.count() > 1, timeout=5000)
    page.period.setCurrentIndex(page.period.findData(CUSTOM))
    page.start.setDate(QDate(2026, 11, 1))
    page.end.setDate(QDate(2026, 11, 30))
    return page


def _choose(page: ReportsPage, name: str) -> None:
    page.report.setCurrentIndex(page.report.findData(name))


def test_preview_then_export_writes_the_workbook(
    qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    page = _page(qtbot, db, runner)
    _choose(page, "tickets")
    assert not page.customer.isEnabled()
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == TICKETS, timeout=5000)
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Reported"
    assert page.model.data(page.model.index(0, 1)) == "2026-11-02 09:00"
    assert "12 rows in all" in page.status.text()
    assert page.default_path().name == "tickets_2026-11-01_2026-11-30.xlsx"

    target = tmp_path / "tickets.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.status.text().startswith("Written"), timeout=10000)
    assert not page.progress.isVisible() and page.export_button.isEnabled()
    sheet = openpyxl.load_workbook(target)["Tickets"]
    assert sheet.max_row == TICKETS + 1
    assert sheet["E4"].value == '=HYPERLINK("x") 杭州西湖医疗' and sheet["E4"].data_type == "s"


def test_monthly_summary_previews_its_kpis_and_explains_them(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    page = _page(qtbot, db, runner)
    _choose(page, "monthly-summary")
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() > 10, timeout=5000)
    assert page.model.data(page.model.index(0, 0)) == "Tickets reported"
    assert page.model.data(page.model.index(0, 1)) == "12"
    page.help_button.click()
    dialog = page.findChild(KpiHelpDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    dialog.reject()


def test_periods_this_month_last_month_and_custom(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    page = _page(qtbot, db, runner)
    today = date(2026, 3, 15)
    page.period.setCurrentIndex(page.period.findData(THIS_MONTH))
    assert not page.start.isEnabled()
    assert page.chosen_period(today) == Period(date(2026, 3, 1), date(2026, 3, 15))
    page.period.setCurrentIndex(page.period.findData(LAST_MONTH))
    assert page.chosen_period(today) == Period(date(2026, 2, 1), date(2026, 2, 28))
    page.period.setCurrentIndex(page.period.findData(CUSTOM))
    assert page.start.isEnabled()
    assert page.chosen_period(today) == Period(date(2026, 11, 1), date(2026, 11, 30))


def test_customer_report_by_phone(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    page = _page(qtbot, db, runner)
    _choose(page, "customer")
    assert page.customer.isEnabled()
    page.preview_button.click()
    qtbot.waitUntil(lambda: "id or phone" in page.status.text(), timeout=5000)
    page.customer.setText("138 0000 0001")
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == TICKETS // 3, timeout=5000)


def test_cancel_leaves_no_file_and_the_window_answers(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = _page(qtbot, db, runner)
    _choose(page, "tickets")
    started, release = threading.Event(), threading.Event()
    real: Callable[..., Any] = reports_page.export_report

    def held(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(reports_page, "export_report", held)
    out = tmp_path / "out"
    out.mkdir()
    page.export_to(out / "cancelled.xlsx")
    qtbot.waitUntil(started.is_set, timeout=5000)
    # The export is running on its worker; the window still answers.
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    assert not page.export_button.isEnabled()
    page.start.setDate(QDate(2026, 11, 2))
    page.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: "no file was written" in page.status.text(), timeout=10000)
    assert list(out.iterdir()) == []
    assert page.export_button.isEnabled() and not page.cancel_button.isVisible()


def test_failed_export_says_why_and_keeps_the_choices(
    qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    page = _page(qtbot, db, runner)
    _choose(page, "sla-breaches")
    page.tier.setCurrentIndex(page.tier.findData("vip"))
    page.export_to(tmp_path / "missing" / "x.xlsx")
    qtbot.waitUntil(lambda: "does not exist" in page.status.text(), timeout=10000)
    assert page.report.currentData() == "sla-breaches"
    assert page.tier.currentData() == "vip"
    assert page.start.date() == QDate(2026, 11, 1)
    assert page.export_button.isEnabled()


def test_screenshots_in_english_and_chinese(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    page = _page(qtbot, db, runner)

    def shoot(name: str, rows: int, suffix: str) -> None:
        _choose(page, name)
        page.preview_button.click()
        qtbot.waitUntil(lambda: page.model.rowCount() == rows, timeout=5000)
        qtbot.wait(100)
        save(page, f"reports-{name}-{suffix}")

    shoot("tickets", TICKETS, "en")
    shoot("monthly-summary", len(KPI_LINES), "en")
    translations.switch(CHINESE)
    qtbot.wait(100)  # the language change reaches the page
    shoot("tickets", TICKETS, "zh")
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "报障时间"
    shoot("monthly-summary", len(KPI_LINES), "zh")
    assert page.model.data(page.model.index(0, 0)) == "新报工单"


def test_a_supervisor_opens_the_reports_area(qtbot: QtBot, open_desk: OpenDesk) -> None:
    _desk, window = open_desk("supervisor")
    assert window.open_area(Area.REPORTS)
    assert isinstance(window.reports, ReportsPage)
    assert window.pages.currentWidget() is window.reports
    qtbot.waitUntil(lambda: window.reports.region.count() > 1, timeout=5000)
