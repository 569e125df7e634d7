"""Business calendars as an administrator keeps them: weekly hours, exception days, China's
2026 public holidays with their make-up working days, and the deadline preview."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from tests.factories import add_desk_user, with_reference_data
from workstation.db import Database
from workstation.models import AuditRecord, BusinessCalendar, ChangeLogEntry
from workstation.services.admin_calendars import (
    DayRow,
    calendar_detail,
    create_calendar,
    list_calendars,
    load_public_holidays,
    preview_deadline,
    remove_day,
    save_day,
    set_weekly_hours,
)
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected
from workstation.services.sla_plans import default_plan_id
from workstation.services.triage import deadlines

OFFICE = ((time(9), time(12)), (time(13, 30), time(18)))
WORKING_WEEK = (OFFICE,) * 5 + ((), ())


def _calendar(db: Database, admin: SignedInUser) -> int:
    created = create_calendar(db, admin, "Test China", "Asia/Shanghai")
    set_weekly_hours(db, admin, created.id, WORKING_WEEK)
    return created.id


def _trail(db: Database, calendar_id: int) -> list[tuple[str, dict[str, object]]]:
    with db.session() as session:
        audit = session.execute(
            select(AuditRecord.action, AuditRecord.details)
            .where(AuditRecord.entity == "business_calendar", AuditRecord.entity_id == calendar_id)
            .order_by(AuditRecord.id)
        ).all()
        logged = session.scalars(
            select(ChangeLogEntry.action)
            .where(
                ChangeLogEntry.entity == "business_calendar",
                ChangeLogEntry.entity_id == calendar_id,
            )
            .order_by(ChangeLogEntry.id)
        ).all()
    assert [a for a, _ in audit] == list(logged)
    return [(a, d) for a, d in audit]


def test_china_2026_loads_its_holidays_and_make_up_working_days(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    calendar_id = _calendar(db, admin)
    loaded = load_public_holidays(db, admin, calendar_id, "cn", 2026)
    days = {d.day: d for d in calendar_detail(db, admin, calendar_id).days}
    assert loaded.added == len(days) and loaded.kept == 0

    holidays = {d for d, row in days.items() if row.kind == "holiday"}
    spring_festival = {date(2026, 2, day) for day in range(15, 24)}
    assert spring_festival <= holidays
    assert {date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 6, 19)} <= holidays
    assert {date(2026, 9, 25), date(2026, 10, 1), date(2026, 10, 7)} <= holidays
    assert "春节" in days[date(2026, 2, 17)].name
    # 调休: the weekend days worked in 2026, each working like the first weekday (Monday).
    make_up = {d: row.works_like_weekday for d, row in days.items() if row.kind == "workday"}
    assert make_up == {
        date(2026, 1, 4): 0,
        date(2026, 2, 14): 0,
        date(2026, 2, 28): 0,
        date(2026, 5, 9): 0,
        date(2026, 9, 20): 0,
        date(2026, 10, 10): 0,
    }
    assert all(d.year == 2026 for d in days)

    # Edit a loaded day; loading again adds nothing and keeps the edit.
    save_day(db, admin, calendar_id, DayRow(date(2026, 2, 23), "workday", "公司安排上班", 0))
    again = load_public_holidays(db, admin, calendar_id, "CN", 2026)
    assert (again.added, again.kept) == (0, len(days))
    after = {d.day: d for d in calendar_detail(db, admin, calendar_id).days}
    assert after[date(2026, 2, 23)] == DayRow(date(2026, 2, 23), "workday", "公司安排上班", 0)

    trail = _trail(db, calendar_id)
    assert [a for a, _ in trail] == [
        "create",
        "weekly_hours",
        "holidays_loaded",
        "day_set",
        "holidays_loaded",
    ]
    assert trail[2][1]["country"] == "CN" and "2026-02-14" in str(trail[2][1]["added"])
    assert trail[3][1]["old"] == {
        "kind": "holiday",
        "name": days[date(2026, 2, 23)].name,
        "works_like_weekday": None,
    }


def test_the_preview_crosses_the_spring_festival(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    calendar_id = _calendar(db, admin)
    load_public_holidays(db, admin, calendar_id, "CN", 2026)
    # Friday 13 Feb 17:00, ten working hours: one hour on Friday, the make-up Saturday
    # 14 Feb (7.5 h, Monday's hours), then the festival 15–23 Feb: Tuesday 24 Feb 10:30.
    preview = preview_deadline(db, admin, calendar_id, datetime(2026, 2, 13, 17, 0), 600)
    assert preview.deadline_local == datetime(2026, 2, 24, 10, 30)
    assert preview.deadline_utc == datetime(2026, 2, 24, 2, 30, tzinfo=UTC)
    crossed = [(d.day, d.kind) for d in preview.exceptions_crossed]
    assert crossed[0] == (date(2026, 2, 14), "workday")
    assert (date(2026, 2, 16), "holiday") in crossed
    # Without the festival loaded the same target ends on Tuesday 17 Feb.
    for day in [d.day for d in calendar_detail(db, admin, calendar_id).days]:
        remove_day(db, admin, calendar_id, day)
    plain = preview_deadline(db, admin, calendar_id, datetime(2026, 2, 13, 17, 0), 600)
    assert plain.deadline_local == datetime(2026, 2, 17, 10, 30)


def test_other_countries_come_from_the_holidays_package(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    calendar_id = _calendar(db, admin)
    loaded = load_public_holidays(db, admin, calendar_id, "DE", 2026)
    days = {d.day: d for d in calendar_detail(db, admin, calendar_id).days}
    assert loaded.added == len(days) > 5
    assert days[date(2026, 4, 3)].kind == "holiday"  # Good Friday
    assert all(d.kind == "holiday" for d in days.values())
    with pytest.raises(EditRejected) as refused:
        load_public_holidays(db, admin, calendar_id, "XX", 2026)
    assert refused.value.errors[0].field == "country"
    with pytest.raises(EditRejected) as refused:
        load_public_holidays(db, admin, calendar_id, "CN", 2099)
    assert (refused.value.errors[0].field, refused.value.errors[0].code) == (
        "year",
        "out_of_range",
    )


def test_weekly_hours_are_checked_and_audited(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    calendar_id = _calendar(db, admin)
    overlapping = ((time(9), time(13)), (time(12), time(18)))
    with pytest.raises(EditRejected) as refused:
        set_weekly_hours(db, admin, calendar_id, (overlapping, *WORKING_WEEK[1:]))
    assert [(e.field, e.code) for e in refused.value.errors] == [("weekly.0", "overlap")]
    backwards = ((time(18), time(9)),)
    with pytest.raises(EditRejected) as refused:
        set_weekly_hours(db, admin, calendar_id, (*WORKING_WEEK[:5], backwards, ()))
    assert [(e.field, e.code) for e in refused.value.errors] == [("weekly.5", "end_before_start")]
    saturday = ((time(9), time(12)),)
    detail = set_weekly_hours(db, admin, calendar_id, (*WORKING_WEEK[:5], saturday, ()))
    assert detail.weekly[5] == saturday
    assert _trail(db, calendar_id)[-1] == ("weekly_hours", {"5": [[], ["09:00-12:00"]]})
    with pytest.raises(EditRejected) as refused:
        create_calendar(db, admin, "Test China", "Mars/Olympus")
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("name", "taken"),
        ("timezone", "unknown"),
    }
    assert [c.name for c in list_calendars(db, admin)] == ["Test China"]


def test_a_holiday_added_applies_to_the_next_ticket(db: Database) -> None:
    """Changes apply to deadlines computed after them (tickets logged keep theirs)."""
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    reported = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
    with db.session() as session:
        plan_id = default_plan_id(session)
        before = deadlines(session, plan_id, "P1", reported)
        calendar_id = session.scalars(
            select(BusinessCalendar.id).where(BusinessCalendar.name == "China standard")
        ).one()
    save_day(db, admin, calendar_id, DayRow(date(2026, 3, 2), "holiday", "公司活动", None))
    with db.session() as session:
        after = deadlines(session, plan_id, "P1", reported)
    # P1 answers within two working hours: 11:00 that Monday, or 11:00 on Tuesday.
    assert before.response_due_at == datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    assert after.response_due_at == datetime(2026, 3, 3, 3, 0, tzinfo=UTC)
