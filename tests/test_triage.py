"""Triage composes the priority matrix, the contract's plan and its business calendar.

The SLA arithmetic itself is tested in test_sla.py; these tests check that a report on the
shipped reference data (China 2026: holidays and make-up working days) gets the right plan,
priority and deadlines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from tests.factories import add_contract, add_customer, add_equipment, with_reference_data
from workstation.db import Database
from workstation.services.sla_plans import default_plan_id
from workstation.services.triage import deadlines, plan_for, priority_for


def beijing(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    local = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Shanghai"))
    return local.astimezone(UTC)


def _default_deadlines(db: Database, priority: str, reported: datetime) -> tuple[datetime, str]:
    with db.session() as session:
        triage = deadlines(session, default_plan_id(session), priority, reported)
    return triage.response_due_at, triage.plan_name


def test_an_evening_report_starts_the_clock_next_morning(db: Database) -> None:
    with_reference_data(db)
    # Tuesday 10 March 2026, 20:00; P3 on the basic plan answers within 480 working minutes:
    # all of Wednesday (450) and 30 minutes of Thursday.
    due, plan = _default_deadlines(db, "P3", beijing(2026, 3, 10, 20))
    assert plan == "Basic warranty"
    assert due == beijing(2026, 3, 12, 9, 30)


def test_a_friday_afternoon_report_runs_over_the_weekend(db: Database) -> None:
    with_reference_data(db)
    # Friday 13 March 17:00, P2 (240 min): 60 on Friday, 180 on Monday morning.
    due, _ = _default_deadlines(db, "P2", beijing(2026, 3, 13, 17))
    assert due == beijing(2026, 3, 16, 12)


def test_labour_day_holidays_stop_the_clock(db: Database) -> None:
    with_reference_data(db)
    # Thursday 30 April 17:00: 1-5 May are public holidays, the clock resumes Wednesday 6 May.
    due, _ = _default_deadlines(db, "P2", beijing(2026, 4, 30, 17))
    assert due == beijing(2026, 5, 6, 12)


def test_the_make_up_saturday_after_labour_day_runs_the_clock(db: Database) -> None:
    with_reference_data(db)
    # Friday 8 May 17:00: Saturday 9 May is a make-up working day (调休).
    due, _ = _default_deadlines(db, "P2", beijing(2026, 5, 8, 17))
    assert due == beijing(2026, 5, 9, 12)
    with db.session() as session:
        triage = deadlines(session, default_plan_id(session), "P2", beijing(2026, 5, 8, 17))
    # 2250 working minutes = 5 working days: Sat 9 (3h from 09:00 are taken on the Saturday).
    assert triage.resolution_due_at > triage.response_due_at


def test_vip_customers_get_a_better_priority_than_standard_ones(db: Database) -> None:
    with_reference_data(db)
    with db.session() as session:
        assert priority_for(session, "major", "vip") == "P2"
        assert priority_for(session, "major", "standard") == "P3"
        assert priority_for(session, "critical", "key") == "P1"
        assert priority_for(session, "minor", "standard") == "P4"


def test_a_customer_without_a_contract_gets_the_default_plan(db: Database) -> None:
    with_reference_data(db)
    customer = add_customer(db)
    device = add_equipment(db, customer)
    with db.session() as session:
        assert plan_for(session, customer.customer_id, device, date(2026, 3, 10)) == (
            default_plan_id(session)
        )


def test_an_expired_contract_is_ignored(db: Database) -> None:
    with_reference_data(db)
    customer = add_customer(db)
    device = add_equipment(db, customer)
    add_contract(
        db,
        customer,
        plan_name="VIP 24x7",
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 12, 31),
        equipment_ids=(device,),
    )
    with db.session() as session:
        assert plan_for(session, customer.customer_id, device, date(2026, 3, 10)) == (
            default_plan_id(session)
        )
        assert plan_for(session, customer.customer_id, device, date(2025, 6, 1)) != (
            default_plan_id(session)
        )


def test_the_contract_covering_the_device_wins_over_the_customers_other_contract(
    db: Database,
) -> None:
    with_reference_data(db)
    customer = add_customer(db, tier="vip")
    covered = add_equipment(db, customer)
    other = add_equipment(db, customer)
    add_contract(db, customer, plan_name="Standard contract")
    add_contract(db, customer, plan_name="VIP 24x7", equipment_ids=(covered,))
    with db.session() as session:
        covered_plan = plan_for(session, customer.customer_id, covered, date(2026, 3, 10))
        other_plan = plan_for(session, customer.customer_id, other, date(2026, 3, 10))
        # On the 24x7 plan a Friday-evening P1 is answered within 15 minutes, same evening.
        triage = deadlines(session, covered_plan, "P1", beijing(2026, 3, 13, 20))
        standard = deadlines(session, other_plan, "P1", beijing(2026, 3, 13, 20))
    assert triage.plan_name == "VIP 24x7"
    assert triage.response_due_at == beijing(2026, 3, 13, 20, 15)
    assert standard.plan_name == "Standard contract"
    assert standard.response_due_at == beijing(2026, 3, 16, 10)
