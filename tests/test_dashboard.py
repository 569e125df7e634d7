"""The dashboard snapshot on a hand-built centre with known answers (tests/dashboard_data.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.dashboard_data import NOW, Centre, build_centre, resolve
from tests.factories import add_desk_user
from workstation.db import Database
from workstation.models import DashboardDayRollup, Ticket
from workstation.permissions import PermissionDenied
from workstation.services.dashboard import (
    DashboardSnapshot,
    DayPoint,
    dashboard_options,
    dashboard_snapshot,
    days_of,
    last_days,
    percentile,
)
from workstation.services.dashboard_sql import bucket_of
from workstation.services.kpi_filters import KpiFilter, Period
from workstation.services.ticket_work import reopen_in_session

WEEK = Period(date(2026, 11, 17), date(2026, 11, 23))


@pytest.fixture
def centre(db: Database) -> Centre:
    return build_centre(db)


def _snapshot(db: Database, centre: Centre, **flt: tuple[object, ...]) -> DashboardSnapshot:
    return dashboard_snapshot(db, centre.supervisor, KpiFilter(**flt), WEEK, NOW)  # type: ignore[arg-type]


def _day(snapshot: DashboardSnapshot, day: int) -> DayPoint:
    return next(p for p in snapshot.days if p.day == date(2026, 11, day))


def test_tiles_count_the_open_tickets(db: Database, centre: Centre) -> None:
    tiles = _snapshot(db, centre).tiles
    assert tiles.open == 4
    assert dict(tiles.by_status) == {
        "new": 2,
        "assigned": 1,
        "in_progress": 1,
        "waiting_customer": 0,
        "waiting_parts": 0,
    }
    assert dict(tiles.by_priority) == {"P1": 0, "P2": 4, "P3": 0, "P4": 0}
    assert (tiles.unassigned, tiles.at_risk, tiles.breached) == (3, 1, 1)
    assert tiles.oldest_open_since == date_time(20, 9, 0)


def date_time(day: int, hour: int, minute: int) -> object:
    from tests.ticket_factories import beijing

    return beijing(2026, 11, day, hour, minute)


def test_backlog_ages_and_loads(db: Database, centre: Centre) -> None:
    snapshot = _snapshot(db, centre)
    assert {b.key: b.tickets for b in snapshot.backlog} == {
        "under_1h": 1,
        "1h_4h": 2,
        "4h_1d": 0,
        "1d_3d": 0,
        "3d_7d": 1,
        "over_7d": 0,
    }
    loads = {load.display_name: load.open_tickets for load in snapshot.loads}
    assert loads["eng1"] == 1
    assert "boss" not in loads  # supervisors are not a load


def test_tickets_and_calls_per_hour_against_the_same_weekday(db: Database, centre: Centre) -> None:
    hourly = _snapshot(db, centre).hourly
    assert hourly.day == date(2026, 11, 23) and hourly.weeks == 4
    assert (hourly.tickets[8], hourly.tickets[9], hourly.tickets[10]) == (1, 1, 1)
    assert sum(hourly.tickets) == 3
    assert hourly.calls[8] == 2 and sum(hourly.calls) == 2
    assert hourly.calls_average[8] == 1.0 and sum(hourly.calls_average) == 1.0
    assert hourly.tickets_average[8] == 0.5 and sum(hourly.tickets_average) == 0.5


def test_per_day_response_percentiles_and_compliance(db: Database, centre: Centre) -> None:
    snapshot = _snapshot(db, centre)
    assert [p.day for p in snapshot.days] == list(days_of(WEEK))
    day20 = _day(snapshot, 20)
    assert (day20.tickets, day20.responded) == (5, 5)
    assert (day20.response_median_minutes, day20.response_p90_minutes) == (30, 200)
    assert day20.resolution_judged == 0 and day20.compliance is None  # resolved on the 21st
    day21 = _day(snapshot, 21)
    assert (day21.tickets, day21.resolution_met, day21.resolution_judged) == (0, 3, 4)
    assert day21.compliance == pytest.approx(0.75)
    day22 = _day(snapshot, 22)
    assert (day22.response_median_minutes, day22.compliance) == (70, 1.0)
    today = _day(snapshot, 23)
    assert (today.tickets, today.responded, today.response_median_minutes) == (3, 1, 5)
    assert today.resolution_judged == 0 and today.compliance is None
    assert _day(snapshot, 18).tickets == 0 and _day(snapshot, 18).response_median_minutes is None
    assert snapshot.response_target_minutes == 480  # the default plan's P3 (reference data)


def test_filters(db: Database, centre: Centre) -> None:
    vip = _snapshot(db, centre, tiers=("vip",))
    day20 = _day(vip, 20)
    assert (day20.response_median_minutes, day20.response_p90_minutes) == (20, 40)
    assert (_day(vip, 21).resolution_met, _day(vip, 21).resolution_judged) == (3, 4)
    assert vip.tiles.open == 3 and vip.tiles.breached == 0
    region_b = _snapshot(db, centre, region_ids=(centre.region_b,))
    assert region_b.tiles.open == 1 and region_b.tiles.breached == 1
    assert _day(region_b, 20).tickets == 1 and sum(region_b.hourly.calls) == 0
    assert region_b.hourly.calls_average[8] == 1.0
    both = _snapshot(db, centre, region_ids=(centre.region_a, centre.region_b))
    assert both.tiles.open == 4 and _day(both, 20).tickets == 5
    kind = _snapshot(db, centre, product_categories=(centre.category,))
    assert _day(kind, 20).tickets == 4 and kind.tiles.open == 3
    assert sum(kind.hourly.calls) == 0  # the calls are on no ticket of that kind
    nothing = _snapshot(db, centre, queue_ids=(-1,))
    assert nothing.tiles.open == 0 and all(p.tickets == 0 for p in nothing.days)


def test_past_days_are_summed_once_and_again_after_a_change(db: Database, centre: Centre) -> None:
    first = _snapshot(db, centre)
    assert first.summed_days == days_of(WEEK)[:-1]  # today is never summed
    again = _snapshot(db, centre)
    assert again.summed_days == ()
    assert again.days == first.days
    resolve(db, centre.open_ticket_20, date_time(21, 11, 0))  # type: ignore[arg-type]
    changed = _snapshot(db, centre)
    # Its days: reported and first responded on the 20th, resolved on the 21st.
    assert changed.summed_days == (date(2026, 11, 20), date(2026, 11, 21))
    assert (_day(changed, 21).resolution_met, _day(changed, 21).resolution_judged) == (4, 5)
    assert _day(changed, 20) == _day(first, 20)
    with db.session() as session:
        summed = session.scalar(
            select(func.sum(DashboardDayRollup.tickets)).where(
                DashboardDayRollup.day == date(2026, 11, 21)
            )
        )
    assert summed == 5


def test_a_reopened_ticket_leaves_the_day_it_was_resolved(db: Database, centre: Centre) -> None:
    """Reopening clears resolved_at: the day it was resolved on is found through the pause
    that keeps the resolved stretch, and summed again."""
    _snapshot(db, centre)
    with db.session() as session:
        ticket = session.get_one(Ticket, centre.late_ticket)
        reopen_in_session(session, centre.supervisor, ticket, NOW, "the fault is back")
        session.commit()
    again = _snapshot(db, centre)
    assert date(2026, 11, 21) in again.summed_days
    day21 = _day(again, 21)
    assert (day21.resolution_met, day21.resolution_judged) == (3, 3)


def test_a_longer_period_sums_only_the_new_days(db: Database, centre: Centre) -> None:
    _snapshot(db, centre)
    month = last_days(30, date(2026, 11, 23))
    snapshot = dashboard_snapshot(db, centre.supervisor, KpiFilter(), month, NOW)
    assert len(snapshot.summed_days) == 23
    assert snapshot.days[0].day == date(2026, 10, 25)
    assert sum(p.tickets for p in snapshot.days) == 11


def test_only_supervisors_see_the_dashboard(db: Database, centre: Centre) -> None:
    agent = add_desk_user(db, "agent9", "agent")
    with pytest.raises(PermissionDenied):
        dashboard_snapshot(db, agent, KpiFilter(), WEEK, NOW)
    with pytest.raises(PermissionDenied):
        dashboard_options(db, agent)
    options = dashboard_options(db, centre.supervisor)
    assert centre.category in {c.code for c in options.categories}
    assert options.tiers == ("vip", "key", "standard")


def test_percentile_is_the_nearest_rank_bucket() -> None:
    assert percentile({}, 0.5) is None
    assert percentile({10: 1, 20: 1, 30: 1, 40: 1}, 0.5) == 20
    assert percentile({10: 1, 20: 1, 30: 1, 40: 1}, 0.9) == 40
    assert [bucket_of(m) for m in (0, 59, 60, 479, 480, 2879, 2880, 3000)] == [
        0,
        59,
        60,
        470,
        480,
        2820,
        2880,
        2880,
    ]
    assert bucket_of(-3) == 0
    assert days_of(WEEK)[-1] - days_of(WEEK)[0] == timedelta(days=6)
