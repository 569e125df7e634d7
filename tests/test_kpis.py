"""KPIs on a hand-built month whose every answer is worked out by hand below.

The period is November 2026 in Beijing local days: [1 Nov 00:00, 1 Dec 00:00) +08:00.
Customers: A (region EAST, vip), B (region NORTH, standard). Models M1 and M2 of two
product kinds. Engineers E1 (EAST) and E2 (NORTH).

ticket cust model reported     1st response  resolved      notes
T1     A    M1     2 Nov 10:00  2 Nov 10:30   3 Nov 10:00   device D1, E-201, S1; resolved late
T2     A    M1     5 Nov 09:00  5 Nov 09:10   5 Nov 09:10   D1, first call, repeat of T1, E-201, S1
T3     B    M2    10 Nov 17:00 11 Nov 09:30  12 Nov 17:00   E-305, S2, reopened once; answered late
T4     B    M2    20 Nov 17:00 23 Nov 09:30  (open)         queue FIELD-EAST (region EAST); late
T5     A    M1    30 Oct 10:00 30 Oct 11:00   1 Nov 00:30   resolved 30 min into the period
T6     B    M1    30 Nov 23:50 -             -              last 10 minutes of the period
T7     A    M1     1 Dec 00:00 -             -              first instant after the period
T8     A    M2     1 Oct 10:00  1 Oct 11:00   1 Dec 08:00   open at the period's end
T9     A    -     15 Nov 10:00 -             -              a complaint, open
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import (
    CustomerIds,
    add_customer,
    add_desk_user,
    add_equipment,
    with_reference_data,
)
from tests.ticket_factories import (
    add_office_plan,
    add_planned_ticket,
    add_scored_follow_up,
    add_worked_ticket,
    add_worker,
    beijing,
    queue_id,
)
from workstation.db import Database
from workstation.models import ProductModel, Region, SymptomCategory, Ticket
from workstation.permissions import PermissionDenied
from workstation.schema import downgrade, upgrade
from workstation.services.auth import SignedInUser
from workstation.services.intake import CallForm, save_call
from workstation.services.kpi_filters import KpiFilter, Period
from workstation.services.kpis import (
    EngineerLoad,
    FailureRow,
    RepeatRow,
    engineer_load,
    failures_by_error_code,
    failures_by_model,
    failures_by_symptom,
    kpi_summary,
    repeat_faults_by_model,
)
from workstation.services.ticket_detail import load_ticket
from workstation.services.ticket_work import Resolution, change_status

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
NOW = beijing(2026, 12, 10, 9)


@dataclass(frozen=True)
class Month:
    boss: SignedInUser
    east: int
    north: int
    m1: str
    m2: str
    m2_category: str
    s1: str
    s2: str
    e1: int
    e2: int
    tickets: dict[str, int]


def _region(db: Database, code: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Region.id).where(Region.code == code))
        assert found is not None
        return found


def _two_models(db: Database) -> tuple[int, int, str]:
    """Two models of different product kinds, and the second one's kind."""
    with db.session() as session:
        first = session.execute(select(ProductModel.id, ProductModel.category).limit(1)).one()
        second = session.execute(
            select(ProductModel.id, ProductModel.category)
            .where(ProductModel.category != first.category)
            .limit(1)
        ).one()
    return first.id, second.id, second.category


def _symptom(db: Database, model: int) -> tuple[int, str]:
    with db.session() as session:
        category = session.scalar(select(ProductModel.category).where(ProductModel.id == model))
        row = session.execute(
            select(SymptomCategory.id, SymptomCategory.code)
            .where(SymptomCategory.product_category == category)
            .order_by(SymptomCategory.id)
            .limit(1)
        ).one()
    return row.id, row.code


def _code(db: Database, model: int) -> str:
    with db.session() as session:
        code = session.scalar(select(ProductModel.code).where(ProductModel.id == model))
    assert code is not None
    return code


@pytest.fixture
def month(db: Database) -> Month:
    with_reference_data(db)
    east, north = _region(db, "EAST"), _region(db, "NORTH")
    a: CustomerIds = add_customer(db, "客户甲", tier="vip", region_id=east)
    b = add_customer(db, "客户乙", contacts=(("李四", ("139 1111 2222",)),), region_id=north)
    m1, m2, m2_category = _two_models(db)
    s1, s1_code = _symptom(db, m1)
    s2, s2_code = _symptom(db, m2)
    d1 = add_equipment(db, a, product_model=m1)
    e1 = add_worker(db, "e1", region_id=east).id
    e2 = add_worker(db, "e2", region_id=north).id
    agent = add_desk_user(db, "agent1")
    t: dict[str, int] = {}
    t["T1"] = add_worked_ticket(
        db, a, beijing(2026, 11, 2, 10),
        first_response_at=beijing(2026, 11, 2, 10, 30), response_working_minutes=30,
        resolved_at=beijing(2026, 11, 3, 10), resolution_working_minutes=450,
        response_due_at=beijing(2026, 11, 2, 11), resolution_due_at=beijing(2026, 11, 3, 9),
        product_model=m1, equipment_id=d1, error_code="E-201", symptom=s1, assignee_id=e1,
    )  # fmt: skip
    t["T2"] = add_worked_ticket(
        db, a, beijing(2026, 11, 5, 9),
        first_response_at=beijing(2026, 11, 5, 9, 10), response_working_minutes=10,
        resolved_at=beijing(2026, 11, 5, 9, 10), resolution_working_minutes=10,
        response_due_at=beijing(2026, 11, 5, 9, 30), resolution_due_at=beijing(2026, 11, 5, 18),
        product_model=m1, equipment_id=d1, error_code="E-201", symptom=s1,
        assignee_id=agent.id, resolved_on_first_call=True, repeat_of_id=t["T1"],
    )  # fmt: skip
    t["T3"] = add_worked_ticket(
        db, b, beijing(2026, 11, 10, 17),
        first_response_at=beijing(2026, 11, 11, 9, 30), response_working_minutes=90,
        resolved_at=beijing(2026, 11, 12, 17), resolution_working_minutes=900,
        response_due_at=beijing(2026, 11, 11, 9), resolution_due_at=beijing(2026, 11, 13, 9),
        product_model=m2, error_code="E-305", symptom=s2, assignee_id=e2,
        reopened_at=beijing(2026, 11, 12, 10),
    )  # fmt: skip
    t["T4"] = add_worked_ticket(
        db, b, beijing(2026, 11, 20, 17),
        first_response_at=beijing(2026, 11, 23, 9, 30), response_working_minutes=90,
        response_due_at=beijing(2026, 11, 23, 9), resolution_due_at=beijing(2026, 11, 25, 9),
        product_model=m2, queue=queue_id(db, "FIELD-EAST"), assignee_id=e2,
    )  # fmt: skip
    t["T5"] = add_worked_ticket(
        db, a, beijing(2026, 10, 30, 10),
        first_response_at=beijing(2026, 10, 30, 11), response_working_minutes=60,
        resolved_at=beijing(2026, 11, 1, 0, 30), resolution_working_minutes=900,
        response_due_at=beijing(2026, 10, 30, 12), resolution_due_at=beijing(2026, 11, 2, 18),
        product_model=m1, assignee_id=e1,
    )  # fmt: skip
    t["T6"] = add_worked_ticket(db, b, beijing(2026, 11, 30, 23, 50), product_model=m1)
    t["T7"] = add_worked_ticket(db, a, beijing(2026, 12, 1, 0), product_model=m1)
    t["T8"] = add_worked_ticket(
        db, a, beijing(2026, 10, 1, 10),
        first_response_at=beijing(2026, 10, 1, 11), response_working_minutes=60,
        resolved_at=beijing(2026, 12, 1, 8), resolution_working_minutes=20000,
        product_model=m2, assignee_id=e1,
    )  # fmt: skip
    t["T9"] = add_worked_ticket(db, a, beijing(2026, 11, 15, 10), kind="complaint")
    add_scored_follow_up(db, t["T1"], beijing(2026, 11, 6, 10), 5)
    add_scored_follow_up(db, t["T2"], beijing(2026, 11, 8, 10), 4)
    add_scored_follow_up(db, t["T3"], beijing(2026, 11, 15, 10), 2)
    add_scored_follow_up(db, t["T5"], beijing(2026, 10, 31, 23, 59), 1)  # the day before
    add_scored_follow_up(db, t["T1"], beijing(2026, 11, 7, 10), None, reached=False)
    return Month(
        add_desk_user(db, "boss", "supervisor"),
        east,
        north,
        _code(db, m1),
        _code(db, m2),
        m2_category,
        s1_code,
        s2_code,
        e1,
        e2,
        t,
    )


def test_every_kpi_of_the_month(db: Database, month: Month) -> None:
    k = kpi_summary(db, month.boss, NOVEMBER, now=NOW)
    # Reported in November: T1 T2 T3 T4 T6 T9 (T5, T8 before; T7 the first instant after).
    assert (k.tickets_reported, k.faults_reported) == (6, 5)  # T9 is a complaint
    assert k.first_call_resolution_rate == pytest.approx(1 / 5)  # T2 of five faults
    # Faults on a known device: T1, T2; T2 is a repeat of T1 (same device, fixed 2 days before).
    assert (k.repeat_faults, k.repeat_fault_rate) == (1, pytest.approx(1 / 2))

    # First responses in November: T1 T2 T3 T4 (T5 and T8 responded in October).
    assert k.responded == 4
    # working 30, 10, 90, 90 → mean 220/4 = 55 min; median (30 + 90)/2 = 60 min
    assert k.mean_response_working_hours == pytest.approx(55 / 60)
    assert k.median_response_working_hours == pytest.approx(1.0)
    # clock 30, 10, 990 (17:00 → 09:30), 3870 (Fri 17:00 → Mon 09:30) → mean 4900/4 = 1225 min;
    # median (30 + 990)/2 = 510 min
    assert k.mean_response_clock_hours == pytest.approx(1225 / 60)
    assert k.median_response_clock_hours == pytest.approx(8.5)
    assert k.response_compliance == pytest.approx(2 / 4)  # T1, T2 in time; T3, T4 late

    # Resolved in November: T1 T2 T3 T5 (T5 at 00:30 on the 1st; T8 on 1 Dec).
    assert k.resolved == 4
    # working 450, 10, 900, 900 → mean 2260/4 = 565 min; median (450 + 900)/2 = 675 min
    assert k.mean_resolution_working_hours == pytest.approx(565 / 60)
    assert k.median_resolution_working_hours == pytest.approx(675 / 60)
    # clock 1440, 10, 2880, 2310 (30 Oct 10:00 → 1 Nov 00:30) → mean 6640/4 = 1660 min;
    # median (1440 + 2310)/2 = 1875 min
    assert k.mean_resolution_clock_hours == pytest.approx(1660 / 60)
    assert k.median_resolution_clock_hours == pytest.approx(1875 / 60)
    assert k.resolution_compliance == pytest.approx(3 / 4)  # T1 late
    assert k.reopen_rate == pytest.approx(1 / 4)  # T3

    # Open at 1 Dec 00:00: T4, T6, T8 (resolved after), T9. Ages in hours:
    # T4 10 d 7 h = 247; T6 10 min = 1/6; T8 61 d − 10 h = 1454; T9 15 d 14 h = 374
    assert k.backlog == 4
    assert k.backlog_as_of == beijing(2026, 12, 1, 0)
    assert k.backlog_mean_age_hours == pytest.approx((247 + 1 / 6 + 1454 + 374) / 4)
    assert k.backlog_median_age_hours == pytest.approx((247 + 374) / 2)

    # Scores given in November: 5, 4, 2 (31 Oct's 1 and the unreached call do not count).
    assert k.follow_ups_scored == 3
    assert k.satisfaction_average == pytest.approx(11 / 3)
    assert k.satisfied_share == pytest.approx(2 / 3)


def test_an_odd_count_takes_the_middle_value(db: Database, month: Month) -> None:
    # Customer A (vip) resolved T1, T2, T5 in November.
    k = kpi_summary(db, month.boss, NOVEMBER, KpiFilter(tiers=("vip",)), now=NOW)
    assert k.resolved == 3
    assert k.median_resolution_working_hours == pytest.approx(450 / 60)  # 10, 450, 900
    assert k.median_resolution_clock_hours == pytest.approx(24.0)  # 10, 1440, 2310 min
    assert k.median_response_working_hours == pytest.approx(20 / 60)  # T1 30, T2 10: even


def test_filters(db: Database, month: Month) -> None:
    def reported(flt: KpiFilter) -> int:
        return kpi_summary(db, month.boss, NOVEMBER, flt, now=NOW).tickets_reported

    assert reported(KpiFilter(tiers=("vip",))) == 3  # T1 T2 T9
    assert reported(KpiFilter(tiers=("standard",))) == 3  # T3 T4 T6
    # A ticket's region is its queue's, else its customer's: T4 (B, queue FIELD-EAST) is EAST.
    assert reported(KpiFilter(region_ids=(month.east,))) == 4  # T1 T2 T4 T9
    assert reported(KpiFilter(region_ids=(month.north,))) == 2  # T3 T6
    assert reported(KpiFilter(region_ids=(month.east, month.north))) == 6
    assert reported(KpiFilter(queue_ids=(queue_id(db, "FIELD-EAST"),))) == 1  # T4
    assert reported(KpiFilter(product_categories=(month.m2_category,))) == 2  # T3 T4
    both = KpiFilter(region_ids=(month.north,), product_categories=(month.m2_category,))
    assert reported(both) == 1  # T3


def test_period_edges_are_the_centres_local_days(db: Database, month: Month) -> None:
    first_day = kpi_summary(db, month.boss, Period(date(2026, 11, 1), date(2026, 11, 1)), now=NOW)
    assert first_day.resolved == 1  # T5 at 00:30 Beijing (still 31 Oct in UTC)
    last_day = kpi_summary(db, month.boss, Period(date(2026, 11, 30), date(2026, 11, 30)), now=NOW)
    assert last_day.tickets_reported == 1  # T6 at 23:50 Beijing (T7 at midnight is December)
    december = kpi_summary(db, month.boss, Period(date(2026, 12, 1), date(2026, 12, 1)), now=NOW)
    assert december.tickets_reported == 1  # T7


def test_periods() -> None:
    assert Period.month(2026, 11) == NOVEMBER
    assert NOVEMBER.days == 30
    assert NOVEMBER.previous() == Period(date(2026, 10, 2), date(2026, 10, 31))
    # Equal length, not the previous calendar month: December has 31 days.
    assert Period.month(2026, 12).previous() == Period(date(2026, 10, 31), date(2026, 11, 30))
    low, high = NOVEMBER.bounds()
    assert (low, high) == (beijing(2026, 11, 1, 0), beijing(2026, 12, 1, 0))
    assert high - low == timedelta(days=30)
    with pytest.raises(ValueError):
        Period(date(2026, 11, 2), date(2026, 11, 1))


def test_a_period_with_nothing_in_it_gives_none(db: Database, month: Month) -> None:
    k = kpi_summary(db, month.boss, Period(date(2020, 1, 1), date(2020, 1, 31)), now=NOW)
    assert (k.tickets_reported, k.responded, k.resolved, k.backlog, k.follow_ups_scored) == (
        0,
        0,
        0,
        0,
        0,
    )
    for name in (
        "first_call_resolution_rate",
        "mean_response_working_hours",
        "median_response_working_hours",
        "mean_response_clock_hours",
        "median_response_clock_hours",
        "response_compliance",
        "mean_resolution_working_hours",
        "median_resolution_working_hours",
        "mean_resolution_clock_hours",
        "median_resolution_clock_hours",
        "resolution_compliance",
        "reopen_rate",
        "backlog_mean_age_hours",
        "backlog_median_age_hours",
        "satisfaction_average",
        "satisfied_share",
        "repeat_fault_rate",
    ):
        assert getattr(k, name) is None, name
    empty = Period(date(2020, 1, 1), date(2020, 1, 31))
    assert failures_by_model(db, month.boss, empty) == ()
    assert repeat_faults_by_model(db, month.boss, empty) == ()


def test_a_period_not_over_yet_counts_the_backlog_now(db: Database, month: Month) -> None:
    k = kpi_summary(db, month.boss, NOVEMBER, now=beijing(2026, 11, 21, 0))
    # At 21 Nov 00:00: T4 (open), T8 (resolved in December), T9 (open). T6 not reported yet.
    assert k.backlog_as_of == beijing(2026, 11, 21, 0)
    assert k.backlog == 3


def test_failures_for_r_and_d(db: Database, month: Month) -> None:
    # Faults reported in November: T1 M1, T2 M1, T3 M2, T4 M2, T6 M1 → shares of 5.
    models = failures_by_model(db, month.boss, NOVEMBER)
    assert [(r.key, r.faults, r.share) for r in models] == [
        (month.m1, 3, pytest.approx(0.6)),
        (month.m2, 2, pytest.approx(0.4)),
    ]
    symptoms = failures_by_symptom(db, month.boss, NOVEMBER)
    assert [(r.key, r.faults) for r in symptoms] == [(month.s1, 2), (month.s2, 1)]
    assert symptoms[0].share == pytest.approx(0.4)
    assert symptoms[0].name and symptoms[0].name_zh
    codes = failures_by_error_code(db, month.boss, NOVEMBER)
    assert codes == (
        FailureRow("E-201", "E-201", "E-201", 2, pytest.approx(0.4)),
        FailureRow("E-305", "E-305", "E-305", 1, pytest.approx(0.2)),
    )
    north = failures_by_model(db, month.boss, NOVEMBER, KpiFilter(region_ids=(month.north,)))
    assert [(r.key, r.faults, r.share) for r in north] == [
        (month.m1, 1, pytest.approx(0.5)),  # T6
        (month.m2, 1, pytest.approx(0.5)),  # T3
    ]


def test_repeat_faults_by_model(db: Database, month: Month) -> None:
    [row] = repeat_faults_by_model(db, month.boss, NOVEMBER)
    assert row == RepeatRow(row.model_code, row.model_name, 2, 1, 0.5)
    assert row.model_code == month.m1


def test_engineer_load(db: Database, month: Month) -> None:
    rows = engineer_load(db, month.boss, NOVEMBER)
    # E1 resolved T1 and T5 in November, has nothing open; E2 resolved T3 and has T4 open.
    assert rows == (
        EngineerLoad(month.e1, "e1", 2, 2 / 30, 0),
        EngineerLoad(month.e2, "e2", 1, 1 / 30, 1),
    )
    # The region filter picks the engineers of the region and the tickets of the region:
    # T4 sits in FIELD-EAST, so it is not part of North's load.
    assert engineer_load(db, month.boss, NOVEMBER, KpiFilter(region_ids=(month.north,))) == (
        EngineerLoad(month.e2, "e2", 1, 1 / 30, 0),
    )


def test_only_readers_of_the_dashboard_or_reports(db: Database, month: Month) -> None:
    agent = add_desk_user(db, "agent2")
    with pytest.raises(PermissionDenied):
        kpi_summary(db, agent, NOVEMBER)
    with pytest.raises(PermissionDenied):
        failures_by_model(db, agent, NOVEMBER)
    admin = add_desk_user(db, "admin1", "admin")
    assert kpi_summary(db, admin, NOVEMBER, now=NOW).resolved == 4


# --- working minutes stored when the first response and the resolution are written --------

FIX = Resolution("remote_fix", "配置错误", "远程修改设置，测试正常")


def _move(db: Database, user: SignedInUser, ticket_id: int, to: str, at: datetime) -> None:
    change_status(
        db,
        user,
        ticket_id,
        load_ticket(db, ticket_id, at).version,
        to,
        resolution=FIX if to == "resolved" else None,
        note="客户说又坏了" if to == "reopened" else "",
        now=at,
    )


def _stored(db: Database, ticket_id: int) -> tuple[int | None, int | None]:
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.response_working_minutes, ticket.resolution_working_minutes


def _timeline_minutes(db: Database, ticket_id: int, at: datetime) -> float:
    """What the ticket's SLA timeline says the working time to its resolution was."""
    return sum(p.working_minutes for p in load_ticket(db, ticket_id, at).where_time_went)


def _worked_ticket(db: Database) -> tuple[int, SignedInUser]:
    """Office calendar (Mon–Fri 09:00–12:00, 13:30–18:00). Reported Wed 1 Apr 09:00;
    answered 10:00; waits for the customer 11:00 → Thu 10:00; resolved Thu 11:00."""
    with_reference_data(db)
    plan = add_office_plan(db)
    agent = add_desk_user(db, "agent1")
    customer = add_customer(db)
    ticket_id = add_planned_ticket(
        db, customer, plan, beijing(2026, 4, 1, 9), assignee_id=agent.id, status="assigned"
    )
    _move(db, agent, ticket_id, "in_progress", beijing(2026, 4, 1, 10))
    _move(db, agent, ticket_id, "waiting_customer", beijing(2026, 4, 1, 11))
    _move(db, agent, ticket_id, "in_progress", beijing(2026, 4, 2, 10))
    _move(db, agent, ticket_id, "resolved", beijing(2026, 4, 2, 11))
    return ticket_id, agent


def test_working_minutes_are_stored_as_the_sla_timeline_counts_them(db: Database) -> None:
    ticket_id, agent = _worked_ticket(db)
    # Response: 09:00 → 10:00 = 60. Resolution: Wed 09:00–11:00 (120) + Thu 10:00–11:00 (60);
    # the wait (11:00–12:00, 13:30–18:00, Thu 09:00–10:00 = 390) is kept out → 180.
    assert _stored(db, ticket_id) == (60, 180)
    assert _timeline_minutes(db, ticket_id, beijing(2026, 4, 2, 12)) == pytest.approx(180)
    # Reopened Fri 09:00: no resolution any more; resolved again 10:00 → the resolved stretch
    # (Thu 11:00 → Fri 09:00) is kept out like a wait: 180 + 60 = 240.
    _move(db, agent, ticket_id, "reopened", beijing(2026, 4, 3, 9))
    assert _stored(db, ticket_id) == (60, None)
    _move(db, agent, ticket_id, "resolved", beijing(2026, 4, 3, 10))
    assert _stored(db, ticket_id) == (60, 240)
    assert _timeline_minutes(db, ticket_id, beijing(2026, 4, 3, 12)) == pytest.approx(240)


def test_a_call_resolved_on_the_phone_stores_its_working_minutes(db: Database) -> None:
    with_reference_data(db)
    agent = add_desk_user(db, "agent1")
    customer = add_customer(db)
    now = beijing(2026, 3, 10, 10)  # a Tuesday morning: working time on every plan
    form = CallForm(
        channel="phone",
        phone="138 1234 5678",
        customer_id=customer.customer_id,
        contact_id=customer.contact_ids[0],
        description="卡纸",
        severity="minor",
        outcome="resolved",
        resolution_type="remote_fix",
        solution="重新装纸",
        call_started_at=now - timedelta(minutes=4),
    )
    saved = save_call(db, agent, form, now)
    assert saved.ticket_id is not None
    assert _stored(db, saved.ticket_id) == (4, 4)


def test_the_migration_fills_the_minutes_of_existing_tickets(db: Database) -> None:
    ticket_id, _ = _worked_ticket(db)
    with_reference_data(db)
    unplanned = add_worked_ticket(
        db,
        add_customer(db, "无合同客户", contacts=(("赵六", ("137 0000 2222",)),)),
        beijing(2026, 4, 1, 9),
        resolved_at=beijing(2026, 4, 1, 10),
    )
    downgrade(db.engine, "0007")
    upgrade(db.engine)
    assert _stored(db, ticket_id) == (60, 180)
    assert _stored(db, unplanned) == (None, None)  # no SLA plan: no calendar to count on
