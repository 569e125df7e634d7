"""The rules a visit's time obeys, every code on both back ends, and the travel estimate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from tests.factories import CustomerIds, add_customer, add_desk_user, with_reference_data
from tests.ticket_factories import beijing
from tests.visit_factories import (
    BEIJING,
    LUJIAZUI,
    PEOPLES_SQUARE,
    SUZHOU,
    add_absence_row,
    add_engineer,
    add_site,
    add_visit,
    place_site,
)
from workstation.db import Database
from workstation.outcomes import FieldError
from workstation.services.auth import SignedInUser
from workstation.services.centre_settings import change_setting
from workstation.services.travel import TravelModel, point, straight_km, travel_model
from workstation.services.visit_rules import HARD_CODES, SOFT_CODES, is_hard, visit_problems

NOW = beijing(2026, 6, 1, 7)  # Monday 07:00 in Shanghai


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return beijing(2026, 6, day, hour, minute)


@dataclass(frozen=True)
class Scene:
    customer: CustomerIds
    engineer: SignedInUser


@pytest.fixture
def scene(db: Database) -> Scene:
    with_reference_data(db)
    customer = add_customer(db, "上海精密仪器有限公司")
    place_site(db, customer.site_id, PEOPLES_SQUARE)
    return Scene(customer, add_engineer(db, "王工"))


def _codes(problems: tuple[FieldError, ...]) -> list[str]:
    return [p.code for p in problems]


def _check(
    db: Database,
    scene: Scene,
    start: datetime,
    end: datetime,
    *,
    place: tuple[float, float] | None = PEOPLES_SQUARE,
    ignore_visit_id: int | None = None,
) -> tuple[FieldError, ...]:
    with db.session() as session:
        return visit_problems(
            session, scene.engineer.id, start, end, place, ignore_visit_id=ignore_visit_id, now=NOW
        )


# --- travel ---------------------------------------------------------------------------------


def test_straight_line_distance_and_travel_minutes() -> None:
    assert straight_km(PEOPLES_SQUARE, BEIJING) == pytest.approx(1067, abs=5)
    assert straight_km(PEOPLES_SQUARE, PEOPLES_SQUARE) == 0
    model = TravelModel(road_factor=1.3, speed_kmh=40)
    km = straight_km(PEOPLES_SQUARE, SUZHOU)
    assert model.road_km(PEOPLES_SQUARE, SUZHOU) == pytest.approx(km * 1.3)
    assert model.minutes(PEOPLES_SQUARE, SUZHOU) == int(-(-km * 1.3 / 40 * 60 // 1))
    assert 150 < model.minutes(PEOPLES_SQUARE, SUZHOU) < 180
    assert model.minutes(None, SUZHOU) == 0
    assert model.road_km(PEOPLES_SQUARE, None) is None
    assert point(31.0, None) is None and point(31.0, 121.0) == (31.0, 121.0)


def test_travel_follows_the_centre_settings(db: Database) -> None:
    admin = add_desk_user(db, "admin1", "admin")
    with db.session() as session:
        assert travel_model(session) == TravelModel(1.3, 40.0)
    change_setting(db, "road_factor", "1.5", admin)
    change_setting(db, "travel_speed_kmh", "60", admin)
    with db.session() as session:
        model = travel_model(session)
    assert model == TravelModel(1.5, 60.0)
    assert model.minutes(PEOPLES_SQUARE, SUZHOU) < TravelModel().minutes(PEOPLES_SQUARE, SUZHOU)


# --- each rule ------------------------------------------------------------------------------


def test_a_free_slot_in_working_hours_has_no_problem(db: Database, scene: Scene) -> None:
    assert _check(db, scene, at(1, 9), at(1, 11)) == ()
    # Exactly the working day (08:30–17:30 by default) is fine too.
    assert _check(db, scene, at(1, 8, 30), at(1, 17, 30)) == ()


def test_bad_range(db: Database, scene: Scene) -> None:
    assert _codes(_check(db, scene, at(1, 11), at(1, 11))) == ["bad_range"]
    assert _codes(_check(db, scene, at(1, 11), at(1, 10))) == ["bad_range"]
    (problem,) = _check(db, scene, at(1, 9), at(2, 10))
    assert (problem.field, problem.code) == ("ends_at", "bad_range")


def test_past(db: Database, scene: Scene) -> None:
    problems = _check(db, scene, NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    assert "past" in _codes(problems)


def test_overlap_names_the_other_visit(db: Database, scene: Scene) -> None:
    other = add_visit(db, scene.customer, scene.engineer.id, at(1, 10), at(1, 12))
    (problem,) = _check(db, scene, at(1, 11), at(1, 13))
    assert (problem.field, problem.code) == ("starts_at", "overlap")
    assert problem.params["visit_id"] == str(other)
    assert problem.params["customer"] == "上海精密仪器有限公司"
    assert problem.params["starts_at"] == at(1, 10).isoformat()
    # Back to back is not an overlap; the visit itself (a move) is ignored.
    assert _check(db, scene, at(1, 12), at(1, 13)) == ()
    assert _check(db, scene, at(1, 11), at(1, 13), ignore_visit_id=other) == ()


def test_cancelled_visits_and_other_engineers_do_not_hold_the_time(
    db: Database, scene: Scene
) -> None:
    add_visit(db, scene.customer, scene.engineer.id, at(1, 10), at(1, 12), status="cancelled")
    colleague = add_engineer(db, "李工")
    add_visit(db, scene.customer, colleague.id, at(1, 10), at(1, 12))
    assert _check(db, scene, at(1, 10), at(1, 12)) == ()


def test_absence(db: Database, scene: Scene) -> None:
    add_absence_row(db, scene.engineer.id, at(2, 0), at(3, 0), "training")
    add_absence_row(db, scene.engineer.id, at(1, 0), at(2, 0), cancelled_at=NOW)
    assert _check(db, scene, at(1, 9), at(1, 10)) == ()
    (problem,) = _check(db, scene, at(2, 9), at(2, 10))
    assert (problem.field, problem.code) == ("engineer_id", "absence")
    assert problem.params["kind"] == "training"


def test_not_a_working_day(db: Database, scene: Scene) -> None:
    (problem,) = _check(db, scene, at(6, 9), at(6, 10))  # Saturday
    assert problem.code == "not_working_day"
    assert problem.params == {"weekday": "6", "work_days": "12345"}


def test_outside_hours_at_either_end(db: Database, scene: Scene) -> None:
    early = _check(db, scene, at(1, 8), at(1, 10))
    assert _codes(early) == ["outside_hours"]
    assert early[0].params == {"work_start": "08:30", "work_end": "17:30"}
    assert _codes(_check(db, scene, at(1, 16), at(1, 18))) == ["outside_hours"]
    assert _codes(_check(db, scene, at(1, 16), at(2, 9))) == ["outside_hours"]


def test_the_engineers_own_hours_and_days(db: Database) -> None:
    with_reference_data(db)
    customer = add_customer(db)
    engineer = add_engineer(db, "周末工程师", work_start=10 * 60, work_end=19 * 60, work_days="67")
    scene = Scene(customer, engineer)
    assert _check(db, scene, at(6, 17), at(6, 19)) == ()
    assert _codes(_check(db, scene, at(1, 11), at(1, 12))) == ["not_working_day"]
    assert _codes(_check(db, scene, at(7, 9), at(7, 11))) == ["outside_hours"]


def test_travel_time_from_the_previous_and_to_the_next_visit(db: Database, scene: Scene) -> None:
    suzhou = add_site(db, scene.customer, "苏州工厂", SUZHOU)
    lujiazui = add_site(db, scene.customer, "陆家嘴办公室", LUJIAZUI)
    add_visit(db, scene.customer, scene.engineer.id, at(1, 9), at(1, 10), site_id=suzhou)
    add_visit(db, scene.customer, scene.engineer.id, at(1, 15), at(1, 16), site_id=lujiazui)
    needed = TravelModel().minutes(SUZHOU, PEOPLES_SQUARE)

    (problem,) = _check(db, scene, at(1, 10, 30), at(1, 11, 30))
    assert (problem.field, problem.code) == ("starts_at", "travel_time")
    assert problem.params["direction"] == "from"
    assert problem.params["needed_minutes"] == str(needed)
    assert problem.params["available_minutes"] == "30"
    # Far enough after Suzhou; Lujiazui is a few minutes away, so ending at 14:50 is fine…
    start = at(1, 10) + timedelta(minutes=needed)
    assert _check(db, scene, start, at(1, 14, 50)) == ()
    # …but a visit in Suzhou just before the Lujiazui one leaves no time to drive back.
    (problem,) = _check(db, scene, at(1, 14), at(1, 14, 55), place=SUZHOU)
    assert (problem.code, problem.params["direction"]) == ("travel_time", "to")
    assert problem.params["available_minutes"] == "5"


def test_travel_to_the_next_visit(db: Database, scene: Scene) -> None:
    suzhou = add_site(db, scene.customer, "苏州工厂", SUZHOU)
    add_visit(db, scene.customer, scene.engineer.id, at(1, 14), at(1, 15), site_id=suzhou)
    (problem,) = _check(db, scene, at(1, 12), at(1, 13))
    assert problem.code == "travel_time" and problem.params["direction"] == "to"
    assert int(problem.params["needed_minutes"]) > 60
    assert problem.params["km"] == f"{TravelModel().road_km(SUZHOU, PEOPLES_SQUARE):.0f}"


def test_no_coordinates_no_travel_problem(db: Database, scene: Scene) -> None:
    nowhere = add_site(db, scene.customer, "地址不详", None)
    add_visit(db, scene.customer, scene.engineer.id, at(1, 9), at(1, 10), site_id=nowhere)
    assert _check(db, scene, at(1, 10), at(1, 11)) == ()
    assert _check(db, scene, at(1, 10), at(1, 11), place=None) == ()


def test_hard_and_soft_codes() -> None:
    assert {"bad_range", "past", "overlap", "absence"} == HARD_CODES
    assert {"not_working_day", "outside_hours", "travel_time"} == SOFT_CODES
    assert is_hard([FieldError("starts_at", "overlap")])
    assert not is_hard([FieldError("starts_at", "outside_hours")])
