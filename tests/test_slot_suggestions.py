"""Slot suggestions for a ticket: right region and skill (generalists after), least loaded,
earliest free slot obeying every rule, meeting the resolution deadline first."""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from tests.factories import (
    CustomerIds,
    add_customer,
    add_desk_user,
    add_equipment,
    model_id,
    with_reference_data,
)
from tests.ticket_factories import add_office_plan, add_planned_ticket, beijing
from tests.visit_factories import (
    PEOPLES_SQUARE,
    SUZHOU,
    add_absence_row,
    add_engineer,
    add_site,
    add_visit,
    place_site,
    region_id,
)
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound
from workstation.services.scheduling import SlotSuggestion, suggest_slots
from workstation.services.travel import TravelModel

NOW = beijing(2026, 6, 1, 7)  # Monday 07:00 in Shanghai; the working day starts 08:30


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return beijing(2026, 6, day, hour, minute)


@dataclass(frozen=True)
class Scene:
    east: int
    customer: CustomerIds
    ticket: int
    agent: SignedInUser


@pytest.fixture
def scene(db: Database) -> Scene:
    """A P3 ticket on a laser printer in Shanghai (East), reported Monday 06:00: its
    resolution is due Tuesday 18:00 (two working days of the office calendar)."""
    with_reference_data(db)
    east = region_id(db, "EAST")
    customer = add_customer(db, "上海精密仪器有限公司", region_id=east)
    place_site(db, customer.site_id, PEOPLES_SQUARE, east)
    device = add_equipment(db, customer, product_model=model_id(db, "LP-2020"))
    ticket = add_planned_ticket(
        db, customer, add_office_plan(db), NOW - timedelta(hours=1), equipment_id=device
    )
    return Scene(east, customer, ticket, add_desk_user(db, "agent1", "agent"))


def _suggest(db: Database, scene: Scene, **kwargs: object) -> tuple[SlotSuggestion, ...]:
    return suggest_slots(db, scene.agent, scene.ticket, now=NOW, **kwargs)  # type: ignore[arg-type]


def _names(found: tuple[SlotSuggestion, ...]) -> list[str]:
    return [s.engineer_name for s in found]


def test_engineers_of_the_region_with_the_skill_then_generalists(
    db: Database, scene: Scene
) -> None:
    north = region_id(db, "NORTH")
    add_engineer(db, "王工", region=scene.east, skills=("laser_printer", "server"))
    add_engineer(db, "赵工", region=scene.east)  # no skills listed: a generalist
    add_engineer(db, "孙工", region=scene.east, skills=("server",))  # the wrong kind
    add_engineer(db, "钱工", region=north, skills=("laser_printer",))  # the wrong region
    add_engineer(db, "周工", region=scene.east, skills=("laser_printer",), active=False)
    found = _suggest(db, scene)
    assert _names(found) == ["王工", "赵工"]
    wang, zhao = found
    assert (wang.skill_match, wang.generalist, wang.region_match) == (True, False, True)
    assert (zhao.skill_match, zhao.generalist) == (False, True)
    # Both free: the start of Monday's working day, two hours, well before Tuesday 18:00.
    assert (wang.starts_at, wang.ends_at) == (at(1, 8, 30), at(1, 10, 30))
    assert wang.meets_deadline is True and wang.load_minutes == 0


def test_the_least_loaded_first(db: Database, scene: Scene) -> None:
    busy = add_engineer(db, "王工", region=scene.east, skills=("laser_printer",))
    add_engineer(db, "李工", region=scene.east, skills=("laser_printer",))
    add_visit(db, scene.customer, busy.id, at(4, 9), at(4, 13))  # Thursday, 4 h
    add_visit(db, scene.customer, busy.id, at(20, 9), at(20, 13))  # beyond the 7 days
    found = _suggest(db, scene)
    assert _names(found) == ["李工", "王工"]
    assert [s.load_minutes for s in found] == [0, 240]


def test_the_earliest_slot_keeps_clear_of_visits_absences_and_the_drive(
    db: Database, scene: Scene
) -> None:
    wang = add_engineer(db, "王工", region=scene.east, skills=("laser_printer",))
    li = add_engineer(db, "李工", region=scene.east, skills=("laser_printer",))
    suzhou = add_site(db, scene.customer, "苏州工厂", SUZHOU)
    add_visit(db, scene.customer, wang.id, at(1, 8, 30), at(1, 12), site_id=suzhou)
    add_absence_row(db, li.id, at(1, 0), at(1, 12, 10))  # a morning off
    found = {s.engineer_name: s for s in _suggest(db, scene, duration_minutes=90)}
    # Li: after the absence, on the next quarter hour.
    assert found["李工"].starts_at == at(1, 12, 15)
    # Wang: after Suzhou plus the drive back to Shanghai, on the next quarter hour.
    drive = TravelModel().minutes(SUZHOU, PEOPLES_SQUARE)
    ready = at(1, 12) + timedelta(minutes=drive)
    assert ready <= found["王工"].starts_at < ready + timedelta(minutes=15)
    assert found["王工"].ends_at == found["王工"].starts_at + timedelta(minutes=90)


def test_no_room_today_means_the_next_working_day(db: Database, scene: Scene) -> None:
    add_engineer(db, "王工", region=scene.east, skills=("laser_printer",))
    friday_late = beijing(2026, 6, 5, 16, 7)
    (slot,) = suggest_slots(db, scene.agent, scene.ticket, 120, now=friday_late)
    assert slot.starts_at == at(8, 8, 30)  # Monday
    (soon,) = suggest_slots(db, scene.agent, scene.ticket, 60, now=friday_late)
    assert soon.starts_at == beijing(2026, 6, 5, 16, 15)  # today, on the quarter hour


def test_slots_that_meet_the_deadline_come_first(db: Database, scene: Scene) -> None:
    busy = add_engineer(db, "王工", region=scene.east, skills=("laser_printer",))
    away = add_engineer(db, "李工", region=scene.east, skills=("laser_printer",))
    add_visit(db, scene.customer, busy.id, at(5, 9), at(5, 17))  # loaded, but free Monday
    add_absence_row(db, away.id, at(1, 0), at(3, 0), "training")  # back on Wednesday
    found = _suggest(db, scene)
    assert _names(found) == ["王工", "李工"]
    assert [s.meets_deadline for s in found] == [True, False]
    assert found[1].starts_at == at(3, 8, 30)
    assert found[0].load_minutes > found[1].load_minutes


def test_a_region_without_anyone_suitable_falls_back_to_the_others(
    db: Database, scene: Scene
) -> None:
    north = region_id(db, "NORTH")
    add_engineer(db, "钱工", region=north, skills=("laser_printer",))
    (slot,) = _suggest(db, scene)
    assert (slot.engineer_name, slot.region_match) == ("钱工", False)


def test_distance_from_the_base_and_limit(db: Database, scene: Scene) -> None:
    for number in range(7):
        add_engineer(
            db, f"工程师{number}", region=scene.east, skills=("laser_printer",), base=SUZHOU
        )
    found = _suggest(db, scene, limit=3)
    assert len(found) == 3
    assert found[0].distance_km == pytest.approx(TravelModel().road_km(SUZHOU, PEOPLES_SQUARE))
    with pytest.raises(RecordNotFound):
        suggest_slots(db, scene.agent, 987654, now=NOW)


def test_one_read_for_all_engineers_visits(db: Database, scene: Scene) -> None:
    """The number of statements does not grow with the engineers or their visits."""
    engineers = [
        add_engineer(db, f"工程师{n}", region=scene.east, skills=("laser_printer",))
        for n in range(30)
    ]
    for engineer in engineers:
        for day in range(1, 13):
            if beijing(2026, 6, day, 9).isoweekday() <= 5:
                add_visit(db, scene.customer, engineer.id, at(day, 8, 30), at(day, 15))
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        started = clock.perf_counter()
        found = _suggest(db, scene)
        elapsed_ms = (clock.perf_counter() - started) * 1000
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(found) == 5
    assert all(s.starts_at == at(1, 15) for s in found)  # after each Monday's visit
    visit_reads = [s for s in statements if "FROM visits" in s]
    assert len(visit_reads) == 1
    assert len(statements) <= 12
    print(f"suggest_slots, 30 engineers × 10 visits: {elapsed_ms:.1f} ms")
