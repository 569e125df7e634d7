"""The schedule board read: whom it shows, which blocks, local day edges, late flags,
absences, the "to schedule" list; on both back ends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from tests.board_factories import (
    add_absence,
    add_engineer,
    add_visit,
    region_ids,
    set_delivery_date,
)
from tests.factories import (
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from tests.ticket_factories import beijing
from workstation.db import Database
from workstation.models import Ticket
from workstation.services.auth import SignedInUser
from workstation.services.schedule_board import (
    LateReason,
    schedule_options,
    week_board,
    week_start,
)

MONDAY = date(2026, 11, 23)
NOW = beijing(2026, 11, 20, 10)


@pytest.fixture
def east(db: Database) -> dict[str, int]:
    with_reference_data(db)
    return region_ids(db)


_BOSS: dict[int, SignedInUser] = {}


def _supervisor(db: Database) -> SignedInUser:
    """One supervisor per database (asked for several times in a test)."""
    key = id(db)
    if key not in _BOSS:
        _BOSS[key] = add_desk_user(db, f"boss{len(_BOSS)}", "supervisor")
    return _BOSS[key]


def test_a_region_shows_its_engineers_with_their_hours_and_defaults(
    db: Database, east: dict[str, int]
) -> None:
    a = add_engineer(db, "a", name="李工", region_id=east["EAST"], work=(8 * 60, 16 * 60, "123456"))
    b = add_engineer(db, "b", name="王工", region_id=east["EAST"])
    add_engineer(db, "north", name="赵工", region_id=east["NORTH"])
    add_engineer(db, "gone", name="钱工", region_id=east["EAST"], active=False)
    board = week_board(db, _supervisor(db), MONDAY, region_id=east["EAST"], now=NOW)
    assert [e.id for e in board.engineers] == sorted(
        [a, b], key=lambda i: {a: "李工", b: "王工"}[i]
    )
    first = next(e for e in board.engineers if e.id == a)
    assert (first.work_start_minute, first.work_end_minute, first.work_days) == (480, 960, "123456")
    assert first.works_on(MONDAY + timedelta(days=5)) and not first.works_on(MONDAY + timedelta(6))
    second = next(e for e in board.engineers if e.id == b)
    assert (second.work_start_minute, second.work_end_minute, second.work_days) == (
        510,
        1050,
        "12345",
    )
    assert second.region_name.startswith("华东")
    assert board.end == MONDAY + timedelta(days=6)
    assert board.today == date(2026, 11, 20)


def test_an_engineer_sees_their_own_row_by_default_and_others_when_asked(
    db: Database, east: dict[str, int]
) -> None:
    me = add_engineer(db, "me", region_id=east["EAST"])
    other = add_engineer(db, "other", region_id=east["EAST"])
    user = SignedInUser(me, "me", "me", "engineer", east["EAST"], ())
    assert [e.id for e in week_board(db, user, MONDAY, now=NOW).engineers] == [me]
    region = week_board(db, user, MONDAY, region_id=east["EAST"], now=NOW)
    assert {e.id for e in region.engineers} == {me, other}
    one = week_board(db, _supervisor(db), MONDAY, engineer_id=other, now=NOW)
    assert [e.id for e in one.engineers] == [other]
    everyone = week_board(db, _supervisor(db), MONDAY, now=NOW)
    assert {me, other} <= {e.id for e in everyone.engineers}


def test_blocks_overlapping_the_local_days_are_shown_and_cancelled_ones_are_not(
    db: Database, east: dict[str, int]
) -> None:
    engineer = add_engineer(db, "e1", region_id=east["EAST"])
    customer = add_customer(db, region_id=east["EAST"], city="苏州", site="二号厂房")
    device = add_equipment(db, customer, serial="SN-BOARD-1")

    def visit(starts: datetime, ends: datetime, **kw: object) -> int:
        return add_visit(
            db,
            customer.customer_id,
            engineer_id=engineer,
            starts_at=starts,
            ends_at=ends,
            site_id=customer.site_id,
            equipment_id=device,
            **kw,  # type: ignore[arg-type]
        )

    # Monday 00:30 Beijing is Sunday 16:30 UTC: inside the week.
    early = visit(beijing(2026, 11, 23, 0, 30), beijing(2026, 11, 23, 1, 30), priority="P1")
    # Sunday 23:00–Monday 00:15 Beijing: overlaps the first local day.
    across = visit(beijing(2026, 11, 22, 23), beijing(2026, 11, 23, 0, 15))
    # Sunday 22:00–23:00 Beijing: the day before, out.
    visit(beijing(2026, 11, 22, 22), beijing(2026, 11, 22, 23))
    # The next Monday 00:00 Beijing: the day after the last, out.
    visit(beijing(2026, 11, 30, 0), beijing(2026, 11, 30, 1))
    last = visit(beijing(2026, 11, 29, 23), beijing(2026, 11, 29, 23, 59))
    visit(beijing(2026, 11, 24, 9), beijing(2026, 11, 24, 11), status="cancelled")
    done = visit(beijing(2026, 11, 25, 9), beijing(2026, 11, 25, 11), status="completed")
    board = week_board(db, _supervisor(db), MONDAY, region_id=east["EAST"], now=NOW)
    assert [b.id for b in board.blocks] == [across, early, done, last]
    block = board.blocks[1]
    assert (block.customer_name, block.site_name, block.site_city) == (
        "上海精密仪器有限公司",
        "二号厂房",
        "苏州",
    )
    assert block.serial == "SN-BOARD-1" and block.model_code and block.model_name
    assert block.priority == "P1" and block.movable and not block.late
    assert block.starts_at == beijing(2026, 11, 23, 0, 30)
    assert not board.blocks[2].movable
    day = week_board(db, _supervisor(db), MONDAY, days=1, region_id=east["EAST"], now=NOW)
    assert [b.id for b in day.blocks] == [across, early]


def test_late_installations_and_visits_after_the_resolution_deadline_stand_out(
    db: Database, east: dict[str, int]
) -> None:
    engineer = add_engineer(db, "e1", region_id=east["EAST"])
    customer = add_customer(db, region_id=east["EAST"])
    contract = add_contract(db, customer)
    set_delivery_date(db, contract, date(2026, 11, 24))
    on_time = add_visit(
        db,
        customer.customer_id,
        kind="installation",
        engineer_id=engineer,
        contract_id=contract,
        starts_at=beijing(2026, 11, 24, 9),
        ends_at=beijing(2026, 11, 24, 17),
    )
    late = add_visit(
        db,
        customer.customer_id,
        kind="installation",
        engineer_id=engineer,
        contract_id=contract,
        starts_at=beijing(2026, 11, 25, 9),
        ends_at=beijing(2026, 11, 25, 17),
    )
    ticket = add_ticket(db, customer, priority="P2")
    with db.session() as session:
        session.execute(
            update(Ticket)
            .where(Ticket.id == ticket)
            .values(resolution_due_at=beijing(2026, 11, 26, 10))
        )
        session.commit()
    after_deadline = add_visit(
        db,
        customer.customer_id,
        engineer_id=engineer,
        ticket_id=ticket,
        starts_at=beijing(2026, 11, 26, 9),
        ends_at=beijing(2026, 11, 26, 11),
    )
    before_deadline = add_visit(
        db,
        customer.customer_id,
        engineer_id=engineer,
        ticket_id=ticket,
        starts_at=beijing(2026, 11, 26, 7),
        ends_at=beijing(2026, 11, 26, 9),
    )
    board = week_board(db, _supervisor(db), MONDAY, region_id=east["EAST"], now=NOW)
    reasons = {b.id: b.late_reasons for b in board.blocks}
    assert reasons == {
        on_time: (),
        late: (LateReason.AFTER_DELIVERY,),
        after_deadline: (LateReason.AFTER_RESOLUTION_DEADLINE,),
        before_deadline: (),
    }
    block = next(b for b in board.blocks if b.id == after_deadline)
    assert block.priority == "P2"  # the ticket's, the visit has none of its own
    assert block.ticket_number.startswith("SR-")
    assert next(b for b in board.blocks if b.id == late).delivery_date == date(2026, 11, 24)


def test_absences_in_the_period_and_not_cancelled(db: Database, east: dict[str, int]) -> None:
    engineer = add_engineer(db, "e1", region_id=east["EAST"])
    leave = add_absence(
        db, engineer, beijing(2026, 11, 16, 0), beijing(2026, 11, 24, 0), kind="leave"
    )
    add_absence(db, engineer, beijing(2026, 11, 9, 0), beijing(2026, 11, 23, 0))  # ends before
    add_absence(
        db,
        engineer,
        beijing(2026, 11, 26, 9),
        beijing(2026, 11, 26, 12),
        cancelled_at=beijing(2026, 11, 20, 9),
    )
    training = add_absence(
        db, engineer, beijing(2026, 11, 27, 13), beijing(2026, 11, 27, 17), kind="training"
    )
    board = week_board(db, _supervisor(db), MONDAY, region_id=east["EAST"], now=NOW)
    assert [(a.id, a.kind) for a in board.absences] == [(leave, "leave"), (training, "training")]


def test_an_inactive_engineer_shows_only_with_work_in_the_period(
    db: Database, east: dict[str, int]
) -> None:
    gone = add_engineer(db, "gone", region_id=east["EAST"], active=False)
    customer = add_customer(db, region_id=east["EAST"])
    user = _supervisor(db)
    assert not week_board(db, user, MONDAY, region_id=east["EAST"], now=NOW).engineers
    add_visit(
        db,
        customer.customer_id,
        engineer_id=gone,
        starts_at=beijing(2026, 11, 23, 9),
        ends_at=beijing(2026, 11, 23, 10),
    )
    board = week_board(db, user, MONDAY, region_id=east["EAST"], now=NOW)
    assert [(e.id, e.active) for e in board.engineers] == [(gone, False)]


def test_to_schedule_lists_the_regions_due_visits_soonest_first_with_overdue_flagged(
    db: Database, east: dict[str, int]
) -> None:
    add_engineer(db, "e1", region_id=east["EAST"])
    here = add_customer(db, "苏州客户", region_id=east["EAST"])
    there = add_customer(db, "北京客户", region_id=east["NORTH"])
    nowhere = add_customer(db, "无区域客户", region_id=None)

    def due(customer_id: int, day: date | None, kind: str = "preventive_maintenance") -> int:
        return add_visit(db, customer_id, kind=kind, status="unscheduled", due_on=day)

    overdue = due(here.customer_id, date(2026, 11, 10))
    soon = due(here.customer_id, date(2026, 12, 1), "installation")
    due(here.customer_id, date(2027, 2, 1))  # too far ahead
    undated = due(here.customer_id, None, "repair")
    due(there.customer_id, date(2026, 11, 25))  # another region
    unknown = due(nowhere.customer_id, date(2026, 11, 26))
    add_visit(db, here.customer_id, status="cancelled", due_on=date(2026, 11, 24))
    board = week_board(db, _supervisor(db), MONDAY, region_id=east["EAST"], now=NOW)
    rows = board.to_schedule
    assert [r.id for r in rows] == [overdue, unknown, soon, undated]
    assert [r.overdue for r in rows] == [True, False, False, False]
    assert rows[0].customer_name == "苏州客户"
    assert [r.duration_minutes for r in rows] == [120, 120, 240, 120]
    everyone = week_board(db, _supervisor(db), MONDAY, now=NOW)
    assert len(everyone.to_schedule) == 5


def test_the_options_and_the_calendar_helpers(db: Database, east: dict[str, int]) -> None:
    add_engineer(db, "e1", name="李工", region_id=east["EAST"])
    add_engineer(db, "gone", region_id=east["EAST"], active=False)
    options = schedule_options(db, _supervisor(db))
    assert [e.name for e in options.engineers] == ["李工"]
    assert {r.code for r in options.regions} >= {"EAST", "NORTH"}
    assert week_start(date(2026, 11, 29)) == MONDAY
    with pytest.raises(ValueError):
        week_board(db, _supervisor(db), MONDAY, days=0)


@pytest.mark.parametrize("role", ["agent", "engineer", "supervisor", "admin"])
def test_every_signed_in_role_may_read_the_board(
    db: Database, east: dict[str, int], role: str
) -> None:
    engineer = add_engineer(db, "e1", region_id=east["EAST"])
    user = add_desk_user(db, f"reader_{role}", role)
    board = week_board(db, user, MONDAY, region_id=east["EAST"], now=NOW)
    assert [e.id for e in board.engineers] == [engineer]
    assert schedule_options(db, user).engineers
