"""The Administration area as an administrator uses it: users created and edited through
the form with errors at the field, deactivated, passwords reset; every tab in pictures."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.factories import add_desk_user, with_reference_data
from tests.ui.helpers import add_region
from ui.admin_page import AdminPage
from ui.i18n import CHINESE, Translations
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.models import AuditRecord
from workstation.services.auth import SignedInUser, SignInFailed, sign_in
from workstation.services.options import error_codes, wrap_up_codes

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"


def open_admin(qtbot: QtBot, db: Database, runner: TaskRunner) -> tuple[AdminPage, SignedInUser]:
    admin = add_desk_user(db, "root", role="admin")
    page = AdminPage(db=db, runner=runner, user=admin)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    return page, admin


def shot(widget: AdminPage, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = widget.grab().toImage()
    assert not image.isNull()
    assert image.save(str(SHOTS / f"{name}.png"))


def test_an_administrator_creates_edits_and_deactivates_a_user(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    add_region(db, "NORTH-T", "华北测试")
    page, _admin = open_admin(qtbot, db, runner)
    users = page.users
    qtbot.waitUntil(lambda: users.model.rowCount() == 1)
    qtbot.waitUntil(lambda: users.region.count() > 1)

    users.new_user()
    users.username.setText("li na")
    users.password.setText("short")
    users.save()
    qtbot.waitUntil(lambda: users.fields["username"].message.isVisible())
    assert users.fields["display_name"].message.text() == "Required."
    assert "at least 8" in users.fields["password"].message.text()
    assert "lower-case" in users.fields["username"].message.text()
    assert users.username.text() == "li na", "nothing typed is lost"

    users.username.setText("lina")
    users.display_name.setText("李娜")
    users.role.setCurrentIndex(users.role.findData("engineer"))
    users.region.setCurrentIndex(users.region.findText("华北测试"))
    users.skills.item(0).setCheckState(users.skills.item(0).checkState().Checked)
    users.password.setText("first password")
    users.save()
    qtbot.waitUntil(lambda: users.model.rowCount() == 2)
    qtbot.waitUntil(lambda: "created" in users.status.text())
    assert users.username.isReadOnly()
    assert sign_in(db, "lina", "first password").role == "engineer"
    row = next(r for r in users.model.rows() if r.username == "lina")
    assert row.region_name == "华北测试" and len(row.skills) == 1

    users.active_button.click()
    qtbot.waitUntil(lambda: "deactivated" in users.status.text())
    try:
        sign_in(db, "lina", "first password")
        raise AssertionError("a deactivated user signed in")
    except SignInFailed:
        pass
    users.password.setText("second password")
    users.reset_button.click()
    qtbot.waitUntil(lambda: "reset" in users.status.text())
    with db.session() as session:
        actions = session.scalars(
            select(AuditRecord.action).where(AuditRecord.entity == "user").order_by(AuditRecord.id)
        ).all()
    assert actions == ["create", "deactivate", "reset_password"]


def test_deactivating_yourself_is_refused_with_a_clear_message(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    page, _admin = open_admin(qtbot, db, runner)
    users = page.users
    qtbot.waitUntil(lambda: users.model.rowCount() == 1)
    users.table.selectRow(0)
    assert users.username.text() == "root"
    users.active_button.click()
    qtbot.waitUntil(lambda: "own account" in users.status.text())


def test_a_page_opened_by_a_non_administrator_says_the_role_may_not(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    supervisor = add_desk_user(db, "boss", role="supervisor")
    page = AdminPage(db=db, runner=runner, user=supervisor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: bool(page.users.status.text()))
    assert page.users.status.text() == (
        "Refused: a user with the role Supervisor may not administer the centre."
    )


def test_calendars_hours_days_holidays_and_the_preview(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    page, _admin = open_admin(qtbot, db, runner)
    tab = page.calendars
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.ready)
    tab.calendar.setCurrentIndex(tab.calendar.findText("China standard"))
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.name == "China standard")
    assert tab.hours[0].text() == "09:00-12:00, 13:30-18:00"
    assert tab.hours[6].text() == ""

    tab.hours[5].setText("9-12")
    tab.save_hours()
    assert tab.fields["weekly.5"].message.isVisible()
    tab.hours[5].setText("09:00-12:00")
    tab.save_hours()
    qtbot.waitUntil(lambda: tab.status.text() == "Working hours saved.")
    assert tab.detail.weekly[5] == ((time(9), time(12)),)

    tab.year.setValue(2026)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 30)
    workdays = [r.day for r in tab.model.rows() if r.kind == "workday"]
    assert date(2026, 2, 14) in workdays and date(2026, 2, 28) in workdays

    tab.start.setDateTime(QDateTime(QDate(2026, 2, 13), QTime(17, 0)))
    tab.target.setValue(600)
    tab.preview()
    qtbot.waitUntil(lambda: "Deadline" in tab.preview_result.text())
    # The make-up Saturday 14 Feb works like a Monday, not like the Saturday just set.
    assert "2026-02-24 10:30, Tuesday" in tab.preview_result.text()
    assert "Make-up working day" in tab.preview_result.text()

    tab.day.setDate(QDate(2026, 3, 2))
    tab.kind.setCurrentIndex(tab.kind.findData("holiday"))
    tab.day_name.setText("公司活动")
    tab.save_day()
    qtbot.waitUntil(lambda: "2026-03-02" in tab.status.text())
    assert any(r.day == date(2026, 3, 2) for r in tab.model.rows())
    tab.remove_day()
    qtbot.waitUntil(lambda: "weekly hours again" in tab.status.text())
    assert not any(r.day == date(2026, 3, 2) for r in tab.model.rows())
    with db.session() as session:
        actions = session.scalars(
            select(AuditRecord.action)
            .where(AuditRecord.entity == "business_calendar")
            .order_by(AuditRecord.id)
        ).all()
    assert actions == ["weekly_hours", "day_set", "day_removed"]


def test_a_new_calendar_is_added_from_the_tab_and_chosen(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    page, _admin = open_admin(qtbot, db, runner)
    tab = page.calendars
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.ready)
    tab.new_name.setText("China standard")
    tab.add_button.click()
    qtbot.waitUntil(lambda: tab.fields["new.name"].message.isVisible())
    assert tab.new_name.text() == "China standard"  # nothing typed is lost

    tab.new_name.setText("Singapore office")
    tab.new_zone.setCurrentText("Asia/Singapore")
    tab.add_button.click()
    qtbot.waitUntil(lambda: tab.detail is not None and tab.detail.name == "Singapore office")
    assert tab.calendar.currentText() == "Singapore office"
    assert tab.zone.text() == "Asia/Singapore"
    assert all(edit.text() == "" for edit in tab.hours)  # no working time until it is set
    assert tab.new_name.text() == ""


def test_sla_plans_and_the_matrix_are_saved_from_the_tab(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    page, _admin = open_admin(qtbot, db, runner)
    tab = page.sla
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.ready)
    assert "tickets already logged keep their deadlines" in tab.note.text()
    qtbot.waitUntil(lambda: tab.name.text() != "")
    tab.targets["P2"][1].setValue(1)  # resolution shorter than response
    tab.save_plan()
    qtbot.waitUntil(lambda: tab.fields["targets.P2.resolution"].message.isVisible())
    assert "cannot be shorter" in tab.fields["targets.P2.resolution"].message.text()
    tab.targets["P2"][1].setValue(600)
    tab.at_risk.setValue(70)
    tab.save_plan()
    qtbot.waitUntil(lambda: tab.status.text().startswith("SLA plan"))
    edited = next(p for p in tab.settings.plans if p.name == tab.name.text())
    assert edited.at_risk_ratio == 0.7 and edited.targets["P2"].resolution_minutes == 600

    cell = tab.matrix[("minor", "vip")]
    cell.setCurrentIndex(cell.findData("P2"))
    tab.save_matrix()
    qtbot.waitUntil(lambda: tab.status.text() == "Priority matrix saved.")
    assert tab.settings.matrix[("minor", "vip")] == "P2"
    with db.session() as session:
        entities = session.scalars(select(AuditRecord.entity).order_by(AuditRecord.id)).all()
    assert entities == ["sla_plan", "priority_matrix"]


def test_settings_follow_up_delay_and_cost_rates(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    page, _admin = open_admin(qtbot, db, runner)
    tab = page.settings
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.ready)
    assert tab.edits["labour_rate_per_hour"].text() == "150.00"
    assert tab._sources["labour_rate_per_hour"].text() == "(default)"
    tab.edits["follow_up_delay_days"].setText("5")
    tab.edits["labour_rate_per_hour"].setText("180.5")
    tab.edits["distance_rate_per_km"].setText("2.555")
    tab.save()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Saved"))
    qtbot.waitUntil(lambda: tab.edits["labour_rate_per_hour"].text() == "180.50")
    assert tab.fields["distance_rate_per_km"].message.text() == "At most 2 decimal places."
    assert tab.edits["distance_rate_per_km"].text() == "2.555", "a refused value stays as typed"
    assert tab._sources["follow_up_delay_days"].text() == "(set by the centre)"
    with db.session() as session:
        names = session.scalars(
            select(AuditRecord.details).where(AuditRecord.entity == "centre_setting")
        ).all()
    assert sorted(d["name"] for d in names) == ["follow_up_delay_days", "labour_rate_per_hour"]


def test_regions_and_queues_from_the_tab(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    with_reference_data(db)
    page, _admin = open_admin(qtbot, db, runner)
    tab = page.org
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.ready)
    regions = tab.regions.rowCount()
    tab.new_region()
    tab.region_code.setText("EAST")  # taken by the reference data
    tab.save_region()
    qtbot.waitUntil(lambda: tab.fields["region.code"].message.isVisible())
    assert tab.fields["region.name"].message.text() == "Required."
    tab.region_code.setText("hk")
    tab.region_name.setText("香港")
    tab.save_region()
    qtbot.waitUntil(lambda: tab.regions.rowCount() == regions + 1)
    assert tab.status.text() == "Region 香港 saved."

    tab.new_queue()
    tab.queue_code.setText("L2-HK")
    tab.queue_name.setText("香港二线")
    tab.queue_level.setCurrentIndex(tab.queue_level.findData(2))
    tab.queue_region.setCurrentIndex(tab.queue_region.findText("香港"))
    tab.save_queue()
    qtbot.waitUntil(lambda: any(q.code == "L2-HK" for q in tab.queues.rows()))
    queue = next(q for q in tab.queues.rows() if q.code == "L2-HK")
    assert (queue.level, queue.region_name) == (2, "香港")


def test_products_and_symptoms_from_the_tab(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    with_reference_data(db)
    page, _admin = open_admin(qtbot, db, runner)
    tab = page.catalog
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.ready)
    tab.kind.setCurrentIndex(tab.kind.findData("laser_printer"))
    assert "E-0213" in {r.code for r in tab.codes.errors.model.rows()}
    models = tab.models.rowCount()
    tab.new_model()
    tab.model_code.setText("LP-2020")  # taken
    tab.save_model()
    qtbot.waitUntil(lambda: tab.fields["model.code"].message.isVisible())
    assert tab.fields["model.name"].message.text() == "Required."
    tab.model_code.setText("LP-9000")
    tab.model_name.setText("LP-9000 A3 colour")
    tab.warranty.setValue(24)
    tab.save_model()
    qtbot.waitUntil(lambda: tab.models.rowCount() == models + 1)
    assert tab.status.text() == "Model LP-9000 saved."

    tab.new_symptom()
    tab.symptom_code.setText("toner_smear")
    tab.symptom_en.setText("Toner smear")
    tab.symptom_zh.setText("碳粉污迹")
    tab.save_symptom()
    qtbot.waitUntil(lambda: any(s.code == "toner_smear" for s in tab.symptoms.rows()))


def test_error_and_wrap_up_codes_from_the_tab(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    with_reference_data(db)
    page, _admin = open_admin(qtbot, db, runner)
    tab = page.catalog
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.ready)
    tab.kind.setCurrentIndex(tab.kind.findData("server"))
    errors = tab.codes.errors
    assert {r.code for r in errors.model.rows()} >= {"SV-0102", "SV-0906"}
    assert not any(r.product_category != "server" for r in errors.model.rows())
    count = errors.model.rowCount()

    errors.new()
    errors.code.setText("sv-0102")  # taken, whatever the case
    tab.codes.save_error_code()
    qtbot.waitUntil(lambda: tab.fields["error.code"].message.isVisible())
    assert tab.fields["error.code"].message.text() == "This name is already in use."
    errors.code.setText("SV-0999")
    errors.name_en.setText("Fan tray missing")
    errors.name_zh.setText("风扇托架缺失")
    tab.codes.save_error_code()
    qtbot.waitUntil(lambda: errors.model.rowCount() == count + 1)
    assert tab.status.text() == "Error code SV-0999 saved."
    assert errors.editing is not None and errors.editing.code == "SV-0999", "it stays chosen"
    assert errors.box.title() == "Error codes of this kind — SV-0999"

    errors.name_en.setText("Fan tray absent")
    tab.codes.save_error_code()
    qtbot.waitUntil(lambda: errors.editing.name_en == "Fan tray absent")
    assert errors.active_button.text() == "Deactivate"
    errors.active_button.click()
    qtbot.waitUntil(lambda: not errors.editing.active)
    assert "no longer suggests it" in tab.status.text()
    assert errors.active_button.text() == "Reactivate"
    row = next(r for r in errors.model.rows() if r.code == "SV-0999")
    index = errors.model.index(errors.model.rows().index(row), 3)
    assert index.data() == "Deactivated", "a retired code stays listed"
    assert {c.code for c in error_codes(db, "server")} == {
        r.code for r in errors.model.rows() if r.active
    }

    wraps = tab.codes.wrap_ups
    wraps.new()
    wraps.code.setText("follow_up")
    tab.codes.save_wrap_up()
    qtbot.waitUntil(lambda: tab.fields["wrap.code"].message.isVisible())
    assert tab.fields["wrap.name_en"].message.text() == "Required."
    wraps.code.setText("transferred")
    wraps.name_en.setText("Transferred to a partner")
    wraps.name_zh.setText("已转合作方")
    tab.codes.save_wrap_up()
    qtbot.waitUntil(lambda: wraps.model.rowCount() == 8)
    assert tab.status.text() == "Wrap-up code Transferred to a partner saved."
    assert wraps.code.isReadOnly(), "a saved call keeps its code: only the words change"
    wraps.new()
    assert not wraps.code.isReadOnly() and wraps.code.text() == ""
    wraps.table.selectRow(0)
    assert wraps.code.isReadOnly() and wraps.code.text() == "resolved"
    assert wrap_up_codes(db)[-1].code == "transferred"
    with db.session() as session:
        trail = session.execute(
            select(AuditRecord.entity, AuditRecord.action).order_by(AuditRecord.id)
        ).all()
    assert [tuple(t) for t in trail] == [
        ("error_code", "create"),
        ("error_code", "update"),
        ("error_code", "deactivate"),
        ("wrap_up_code", "create"),
    ]
    for language in ("en", CHINESE):
        translations.switch(language)
        qtbot.wait(50)
        shot(page, f"admin-codes-{language}")


def test_screenshots_of_every_administration_tab_in_english_and_chinese(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    with_reference_data(db)
    east = add_region(db, "EAST-T", "华东测试")
    page, admin = open_admin(qtbot, db, runner)
    from workstation.services.admin_users import UserInput, create_user

    create_user(db, admin, UserInput("王强", "engineer", east, ("server",), "wangqiang"), "x" * 8)
    create_user(db, admin, UserInput("赵敏", "supervisor", east, (), "zhaomin"), "x" * 8)
    page.users.reload()
    qtbot.waitUntil(lambda: page.users.model.rowCount() == 3)
    page.tabs.setCurrentWidget(page.calendars)
    qtbot.waitUntil(page.calendars.ready)
    page.calendars.calendar.setCurrentIndex(page.calendars.calendar.findText("China standard"))
    qtbot.waitUntil(lambda: page.calendars.detail.name == "China standard")
    page.calendars.year.setValue(2026)
    page.calendars.table.selectRow(6)
    page.calendars.start.setDateTime(QDateTime(QDate(2026, 2, 13), QTime(17, 0)))
    page.calendars.target.setValue(600)
    page.calendars.preview()
    qtbot.waitUntil(lambda: bool(page.calendars.preview_result.text()))
    for language in ("en", CHINESE):
        translations.switch(language)
        for index in range(page.tabs.count()):
            page.tabs.setCurrentIndex(index)
            tab = page.tabs.widget(index)
            qtbot.waitUntil(lambda t=tab: getattr(t, "ready", lambda: True)())
            page.users.table.selectRow(1)
            qtbot.wait(50)
            if tab is page.calendars:
                page.calendars.preview()
                qtbot.wait(100)
            shot(page, f"admin-{tab.objectName()}-{language}")
