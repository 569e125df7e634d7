"""The SLA clock across evenings, lunch breaks, weekends, holidays, make-up days and pauses."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from workstation.db import Database
from workstation.services.reference import load_reference_data
from workstation.services.sla_plans import default_plan_id, load_calendar, plan_targets
from workstation.sla import (
    Pause,
    SlaState,
    WorkingCalendar,
    deadline,
    elapsed_working_minutes,
    sla_state,
)

SHANGHAI = "Asia/Shanghai"
WORKDAY = ((time(9), time(12)), (time(13, 30), time(18)))  # 7.5 working hours
OFFICE = WorkingCalendar(weekly=(WORKDAY,) * 5 + ((), ()), timezone=SHANGHAI)
# National Day 2025: 1-8 October off; Sunday 28 September and Saturday 11 October worked.
NATIONAL_DAY = WorkingCalendar(
    weekly=(WORKDAY,) * 5 + ((), ()),
    timezone=SHANGHAI,
    holidays=frozenset(date(2025, 10, d) for d in range(1, 9)),
    workdays={date(2025, 9, 28): 0, date(2025, 10, 11): 0},
)
ALWAYS = WorkingCalendar(weekly=(((time(0), time(23, 59, 59, 999999)),),) * 7, timezone="UTC")


def beijing(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Beijing wall-clock time as the aware UTC instant the database stores."""
    local = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(SHANGHAI))
    return local.astimezone(UTC)


def test_minutes_inside_one_working_period() -> None:
    # Tuesday 4 March 2025, 10:00 + 60 working minutes = 11:00.
    assert OFFICE.add_working_minutes(beijing(2025, 3, 4, 10), 60) == beijing(2025, 3, 4, 11)


def test_the_lunch_break_does_not_count() -> None:
    # 11:30 + 60 min: 30 before lunch, 30 after 13:30 → 14:00.
    assert OFFICE.add_working_minutes(beijing(2025, 3, 4, 11, 30), 60) == beijing(2025, 3, 4, 14)


def test_a_call_in_the_evening_starts_the_clock_next_morning() -> None:
    assert OFFICE.add_working_minutes(beijing(2025, 3, 4, 20), 120) == beijing(2025, 3, 5, 11)


def test_a_friday_afternoon_call_runs_over_the_weekend() -> None:
    # Friday 7 March 17:00 + 120 min: 60 on Friday, 60 on Monday 10 March from 09:00.
    assert OFFICE.add_working_minutes(beijing(2025, 3, 7, 17), 120) == beijing(2025, 3, 10, 10)


def test_a_target_that_ends_at_the_end_of_a_period_ends_there() -> None:
    assert OFFICE.add_working_minutes(beijing(2025, 3, 4, 11), 60) == beijing(2025, 3, 4, 12)


def test_public_holidays_stop_the_clock() -> None:
    # Tuesday 30 Sept 2025 17:00 + 120 min: 60 that day, then 1-8 October off,
    # Thursday 9 October from 09:00 → 10:00.
    start = beijing(2025, 9, 30, 17)
    assert NATIONAL_DAY.add_working_minutes(start, 120) == beijing(2025, 10, 9, 10)
    assert OFFICE.add_working_minutes(start, 120) == beijing(2025, 10, 1, 10)


def test_a_make_up_working_day_on_a_sunday_runs_the_clock() -> None:
    # Saturday 27 Sept 2025 10:00: the clock starts on Sunday 28 Sept (worked), 09:00.
    start = beijing(2025, 9, 27, 10)
    assert NATIONAL_DAY.add_working_minutes(start, 30) == beijing(2025, 9, 28, 9, 30)
    assert OFFICE.add_working_minutes(start, 30) == beijing(2025, 9, 29, 9, 30)


def test_a_resolution_target_of_several_days() -> None:
    # 2250 min = 5 working days of 7.5 h: Monday 09:00 → the next Monday 09:00 is day 6,
    # so Friday 18:00 exactly.
    assert OFFICE.add_working_minutes(beijing(2025, 3, 3, 9), 2250) == beijing(2025, 3, 7, 18)


def test_a_24x7_plan_counts_every_minute() -> None:
    start = datetime(2025, 3, 8, 23, 30, tzinfo=UTC)
    assert ALWAYS.add_working_minutes(start, 90) == datetime(2025, 3, 9, 1, 0, tzinfo=UTC)


def test_working_minutes_between_is_the_inverse_of_adding() -> None:
    start = beijing(2025, 9, 26, 16, 45)
    for minutes in (1, 59, 75, 450, 1350, 4500):
        end = NATIONAL_DAY.add_working_minutes(start, minutes)
        assert NATIONAL_DAY.working_minutes_between(start, end) == pytest.approx(minutes)


def test_a_pause_moves_the_deadline_by_the_working_time_it_took() -> None:
    start = beijing(2025, 3, 4, 9)
    # Waiting for the customer from 10:00 to 14:30: 2 h + 1 h of working time.
    pauses = [Pause(beijing(2025, 3, 4, 10), beijing(2025, 3, 4, 14, 30))]
    assert deadline(OFFICE, start, 120) == beijing(2025, 3, 4, 11)
    assert deadline(OFFICE, start, 120, pauses) == beijing(2025, 3, 4, 15, 30)
    now = beijing(2025, 3, 4, 16)
    assert elapsed_working_minutes(OFFICE, start, now, pauses) == pytest.approx(150)


def test_a_pause_after_the_deadline_does_not_move_it() -> None:
    start = beijing(2025, 3, 4, 9)
    pauses = [Pause(beijing(2025, 3, 4, 15), beijing(2025, 3, 4, 16))]
    assert deadline(OFFICE, start, 60, pauses) == beijing(2025, 3, 4, 10)


def test_a_ticket_paused_now_has_its_deadline_pushed_as_long_as_the_pause_lasts() -> None:
    start = beijing(2025, 3, 4, 9)
    pauses = [Pause(beijing(2025, 3, 4, 9, 30))]
    now = beijing(2025, 3, 4, 11)
    assert deadline(OFFICE, start, 60, pauses, now=now) == beijing(2025, 3, 4, 11, 30)
    assert elapsed_working_minutes(OFFICE, start, now, pauses) == pytest.approx(30)


@pytest.mark.parametrize(
    ("used", "state"),
    [
        (0, SlaState.ON_TRACK),
        (79, SlaState.ON_TRACK),
        (80, SlaState.AT_RISK),
        (100, SlaState.AT_RISK),
        (100.5, SlaState.BREACHED),
    ],
)
def test_sla_state_by_the_share_of_the_target_used(used: float, state: SlaState) -> None:
    assert sla_state(used, 100, 0.8) is state


def test_naive_times_and_bad_calendars_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        OFFICE.add_working_minutes(datetime(2025, 3, 4, 9), 10)
    with pytest.raises(ValueError, match="seven"):
        WorkingCalendar(weekly=(WORKDAY,) * 5)
    with pytest.raises(ValueError, match="end after"):
        WorkingCalendar(weekly=(((time(12), time(9)),),) * 7)
    with pytest.raises(ValueError, match="no working time"):
        WorkingCalendar(weekly=((),) * 7).add_working_minutes(beijing(2025, 3, 4, 9), 1)


def test_is_working_time_follows_holidays_and_make_up_days() -> None:
    assert NATIONAL_DAY.is_working_time(beijing(2025, 9, 28, 10))  # a worked Sunday
    assert not NATIONAL_DAY.is_working_time(beijing(2025, 10, 2, 10))  # National Day
    assert not OFFICE.is_working_time(beijing(2025, 3, 4, 12, 30))  # lunch


def test_the_reference_calendar_from_the_database_knows_chinas_holidays(db: Database) -> None:
    load_reference_data(db)
    with db.session() as session:
        plan_id = default_plan_id(session)
        targets = plan_targets(session, plan_id, "P2")
        calendar = load_calendar(session, targets.calendar_id)
    assert targets.response_minutes > 0 and targets.resolution_minutes > targets.response_minutes
    assert calendar.timezone == SHANGHAI
    assert date(2025, 10, 1) in calendar.holidays
    assert calendar.is_working_time(beijing(2025, 9, 28, 10))  # make-up Sunday
    assert NATIONAL_DAY.add_working_minutes(beijing(2025, 9, 30, 17), 120) == (
        calendar.add_working_minutes(beijing(2025, 9, 30, 17), 120)
    )


def test_a_plan_without_a_target_for_the_priority_is_an_error(db: Database) -> None:
    load_reference_data(db)
    with db.session() as session, pytest.raises(LookupError, match="P9"):
        plan_targets(session, default_plan_id(session), "P9")
