"""Engineers' profiles and absences: who may change them, validation at the fields,
conflicts, the audit trail and change log, and the warning about visits in an absence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import pytest
from sqlalchemy import select

from tests.factories import CustomerIds, add_customer, add_desk_user, with_reference_data
from tests.ticket_factories import beijing
from tests.visit_factories import add_engineer, add_visit, region_id
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry
from workstation.permissions import Permission, PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditConflict, EditRejected
from workstation.services.engineers import (
    AbsenceInput,
    ProfileInput,
    add_absence,
    cancel_absence,
    engineer,
    list_absences,
    list_engineers,
    update_profile,
)

NOW = beijing(2026, 6, 1, 7)
HOME = ProfileInput("上海", 31.2304, 121.4737, 9 * 60, 18 * 60, "123456")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return beijing(2026, 6, day, hour, minute)


@dataclass(frozen=True)
class Team:
    east: int
    wang: SignedInUser
    li: SignedInUser
    agent: SignedInUser
    boss: SignedInUser
    customer: CustomerIds


@pytest.fixture
def team(db: Database) -> Team:
    with_reference_data(db)
    east = region_id(db, "EAST")
    return Team(
        east,
        add_engineer(db, "王工", region=east, skills=("laser_printer",)),
        add_engineer(db, "李工", region=region_id(db, "NORTH")),
        add_desk_user(db, "agent1", "agent"),
        add_desk_user(db, "boss", "supervisor"),
        add_customer(db),
    )


def _errors(refused: pytest.ExceptionInfo[EditRejected]) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in refused.value.errors]


def test_anyone_lists_engineers_by_region_with_the_defaults_of_the_model(
    db: Database, team: Team
) -> None:
    add_engineer(db, "离职工程师", region=team.east, active=False)
    rows = list_engineers(db, team.agent)
    assert [r.display_name for r in rows] == ["李工", "王工"]
    (east,) = list_engineers(db, team.agent, team.east)
    assert (east.user_id, east.region_name, east.skills) == (
        team.wang.id,
        "华东 East China",
        ("laser_printer",),
    )
    assert (east.work_start_minute, east.work_end_minute, east.work_days) == (510, 1050, "12345")
    assert (east.version, east.base_latitude) == (0, None)
    assert len(list_engineers(db, team.agent, team.east, include_inactive=True)) == 2


def test_a_dispatcher_or_the_engineer_themself_saves_the_profile(db: Database, team: Team) -> None:
    saved = update_profile(db, team.boss, team.wang.id, 0, HOME)
    assert (saved.version, saved.base_city, saved.work_days) == (1, "上海", "123456")
    assert (saved.base_latitude, saved.work_start_minute) == (31.2304, 540)
    own = update_profile(db, team.wang, team.wang.id, 1, replace(HOME, base_city="苏州"))
    assert (own.version, own.base_city) == (2, "苏州")
    assert engineer(db, team.agent, team.wang.id).base_city == "苏州"
    with db.session() as session:
        trail = session.scalars(
            select(AuditRecord)
            .where(AuditRecord.entity == "engineer_profile")
            .order_by(AuditRecord.id)
        ).all()
        logged = session.scalars(
            select(ChangeLogEntry).where(ChangeLogEntry.entity == "engineer")
        ).all()
    assert [t.details.get("base_city") for t in trail] == [["", "上海"], ["上海", "苏州"]]
    assert [c.data["version"] for c in logged] == [1, 2]
    # Saving the same values again changes nothing.
    same = update_profile(db, team.wang, team.wang.id, 2, own_input(own))
    assert same.version == 2


def own_input(row: object) -> ProfileInput:
    return ProfileInput(
        *(
            getattr(row, name)
            for name in (
                "base_city",
                "base_latitude",
                "base_longitude",
                "work_start_minute",
                "work_end_minute",
                "work_days",
            )
        )
    )


def test_others_may_not_change_an_engineers_profile_or_absences(db: Database, team: Team) -> None:
    for who in (team.agent, team.li):
        with pytest.raises(PermissionDenied) as refused:
            update_profile(db, who, team.wang.id, 0, HOME)
        assert refused.value.permission is Permission.ASSIGN_TICKETS
        with pytest.raises(PermissionDenied):
            add_absence(db, who, team.wang.id, AbsenceInput("leave", at(2, 0), at(3, 0)))
    mine = add_absence(db, team.wang, team.wang.id, AbsenceInput("leave", at(2, 0), at(3, 0)))
    with pytest.raises(PermissionDenied):
        cancel_absence(db, team.li, mine.absence.id)
    with pytest.raises(PermissionDenied):
        cancel_absence(db, team.agent, mine.absence.id)
    assert engineer(db, team.agent, team.wang.id).version == 0


def test_bad_profile_values_are_refused_at_their_fields(db: Database, team: Team) -> None:
    with pytest.raises(EditRejected) as refused:
        update_profile(
            db, team.boss, team.wang.id, 0, ProfileInput("x" * 101, 95.0, None, 600, 540, "")
        )
    assert _errors(refused) == [
        ("base_city", "too_long"),
        ("base_latitude", "out_of_range"),
        ("base_longitude", "required"),
        ("work_end_minute", "end_before_start"),
        ("work_days", "required"),
    ]
    with pytest.raises(EditRejected) as days:
        update_profile(db, team.boss, team.wang.id, 0, ProfileInput("", None, None, 0, 1440, "18"))
    assert _errors(days) == [("work_days", "unknown")]
    # Work days come back sorted and without repeats.
    saved = update_profile(
        db, team.boss, team.wang.id, 0, ProfileInput("", None, None, 0, 1440, "5311")
    )
    assert saved.work_days == "135"


def test_a_stale_profile_save_is_a_conflict_with_the_values_now(db: Database, team: Team) -> None:
    update_profile(db, team.boss, team.wang.id, 0, HOME)
    with pytest.raises(EditConflict) as stale:
        update_profile(db, team.wang, team.wang.id, 0, HOME)
    assert stale.value.current.version == 1
    assert stale.value.current.base_city == "上海"


def test_an_absence_over_booked_visits_is_kept_and_lists_them(db: Database, team: Team) -> None:
    booked = add_visit(db, team.customer, team.wang.id, at(2, 9), at(2, 11))
    add_visit(db, team.customer, team.wang.id, at(2, 13), at(2, 14), status="cancelled")
    add_visit(db, team.customer, team.wang.id, at(4, 9), at(4, 11))
    change = add_absence(
        db,
        team.boss,
        team.wang.id,
        AbsenceInput("training", at(2, 0), at(3, 0), " 新产品培训 "),
        NOW,
    )
    assert (change.absence.kind, change.absence.note, change.absence.created_by) == (
        "training",
        "新产品培训",
        "boss",
    )
    assert [(c.visit_id, c.customer_name) for c in change.clashing_visits] == [
        (booked, "上海精密仪器有限公司")
    ]
    (listed,) = list_absences(db, team.agent, team.wang.id, now=NOW)
    assert listed.id == change.absence.id
    with db.session() as session:
        logged = session.scalars(
            select(ChangeLogEntry).where(ChangeLogEntry.entity == "engineer_absence")
        ).one()
    assert (logged.action, logged.data["engineer_id"]) == ("create", team.wang.id)


def test_cancelling_an_absence_keeps_it_on_record(db: Database, team: Team) -> None:
    change = add_absence(db, team.wang, team.wang.id, AbsenceInput("sick", at(2, 0), at(3, 0)))
    cancelled = cancel_absence(db, team.wang, change.absence.id, NOW)
    assert cancelled.absence.cancelled_at == NOW
    assert cancel_absence(db, team.boss, change.absence.id).absence.cancelled_at == NOW
    assert list_absences(db, team.agent, team.wang.id, now=NOW) == ()
    (kept,) = list_absences(db, team.agent, team.wang.id, include_cancelled=True, now=NOW)
    assert kept.cancelled_at == NOW
    with db.session() as session:
        actions = session.scalars(
            select(AuditRecord.action).where(AuditRecord.entity == "engineer_absence")
        ).all()
    assert sorted(actions) == ["cancel", "create"]


def test_bad_absences_are_refused_at_their_fields(db: Database, team: Team) -> None:
    with pytest.raises(EditRejected) as refused:
        add_absence(db, team.boss, team.wang.id, AbsenceInput("holiday", at(3, 0), at(2, 0)))
    assert _errors(refused) == [("kind", "unknown"), ("ends_at", "end_before_start")]
    with pytest.raises(EditRejected) as note:
        add_absence(
            db, team.boss, team.wang.id, AbsenceInput("other", at(2, 0), at(3, 0), "长" * 501)
        )
    assert _errors(note) == [("note", "too_long")]
    assert list_absences(db, team.agent, team.wang.id, now=NOW) == ()
