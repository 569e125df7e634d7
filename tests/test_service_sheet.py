"""The service sheet: stored with its cost, the visit completed, the ticket resolved or kept
open, every refusal at its field, stale versions and races refused."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.factories import CustomerIds, add_customer, add_desk_user, add_equipment
from tests.sheet_factories import add_visit
from tests.ticket_factories import add_office_plan, add_planned_ticket, add_worker, beijing
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    ChangeLogEntry,
    Equipment,
    FollowUp,
    Ticket,
    TicketEvent,
    Visit,
)
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.centre_settings import change_setting
from workstation.services.reference import load_reference_data
from workstation.services.service_sheet import (
    SheetConflict,
    SheetInput,
    SheetRefused,
    record_sheet,
    sheet_detail,
    visit_number,
)
from workstation.services.ticket_work import change_status

BOOKED = beijing(2026, 4, 1, 9)  # a Wednesday
ARRIVED = beijing(2026, 4, 1, 9, 10)
DEPARTED = beijing(2026, 4, 1, 10, 40)  # 90 minutes
NOW = beijing(2026, 4, 1, 11)
SHEET = SheetInput(
    arrived_at=ARRIVED,
    departed_at=DEPARTED,
    work_done="更换定影组件，打印测试页正常",
    result="fixed",
    travel_km=Decimal("12.5"),
    confirmed_by="李经理",
    root_cause="定影组件老化",
)


@dataclass(frozen=True)
class Site:
    customer: CustomerIds
    device: int
    plan: int
    engineer: SignedInUser
    agent: SignedInUser


@pytest.fixture
def site(db: Database) -> Site:
    load_reference_data(db)
    customer = add_customer(db)
    return Site(
        customer,
        add_equipment(db, customer, serial="SN-SHEET-0001"),
        add_office_plan(db),
        add_worker(db, "eng1"),
        add_desk_user(db, "agent1", "agent"),
    )


def _ticket(db: Database, site: Site, *, status: str = "assigned", **kwargs: Any) -> int:
    return add_planned_ticket(
        db,
        site.customer,
        site.plan,
        BOOKED - timedelta(days=1),
        status=status,
        assignee_id=site.engineer.id,
        equipment_id=site.device,
        **kwargs,
    )


def _visit(db: Database, site: Site, ticket_id: int | None, **kwargs: Any) -> int:
    return add_visit(
        db,
        site.customer,
        BOOKED,
        engineer_id=site.engineer.id,
        ticket_id=ticket_id,
        equipment_id=site.device,
        **kwargs,
    )


def _version(db: Database, visit_id: int) -> int:
    with db.session() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit.version


def _events(db: Database, ticket_id: int) -> list[tuple[str, dict[str, Any]]]:
    with db.session() as session:
        rows = session.execute(
            select(TicketEvent.kind, TicketEvent.details)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.id)
        ).all()
    return [(kind, details) for kind, details in rows]


def _codes(refused: SheetRefused) -> dict[str, str]:
    return {e.field: e.code for e in refused.errors}


# --- outcomes ----------------------------------------------------------------------------


def test_a_fixed_visit_completes_and_resolves_its_ticket(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    result = record_sheet(db, site.engineer, visit_id, 1, SHEET, NOW)

    assert (result.status, result.version, result.result) == ("completed", 2, "fixed")
    assert result.number == visit_number(visit_id) == f"V-{visit_id:06d}"
    # Default rates: 150 an hour, 2 a km, no surcharge (P3, normal urgency).
    assert result.cost.labour_minutes == 90
    assert (result.cost.labour, result.cost.distance, result.cost.surcharge) == (
        Decimal("225.00"),
        Decimal("25.00"),
        Decimal("0.00"),
    )
    assert result.cost.total == Decimal("250.00")
    assert result.ticket_resolved and result.ticket_status == "resolved"
    assert result.follow_up_id is not None

    with db.session() as session:
        visit = session.get(Visit, visit_id)
        ticket = session.get(Ticket, ticket_id)
        assert visit is not None and ticket is not None
        assert visit.status == "completed" and visit.version == 2
        assert (visit.arrived_at, visit.departed_at) == (ARRIVED, DEPARTED)
        assert visit.travel_km == Decimal("12.5") and visit.labour_minutes == 90
        assert visit.total_cost == Decimal("250.00") and visit.labour_cost == Decimal("225.00")
        assert visit.confirmed_by == "李经理" and visit.completed_by_id == site.engineer.id
        assert visit.completed_at == NOW
        assert ticket.status == "resolved" and ticket.resolved_at == NOW
        assert ticket.resolution_type == "onsite_repair"
        assert ticket.root_cause == "定影组件老化"
        assert ticket.solution == "更换定影组件，打印测试页正常"
        assert ticket.version == result.ticket_version
        audit = session.scalars(
            select(AuditRecord).where(
                AuditRecord.entity == "visit", AuditRecord.entity_id == visit_id
            )
        ).one()
        assert audit.action == "completed" and audit.details["total_cost"] == "250.00"
        changes = session.execute(
            select(ChangeLogEntry.entity, ChangeLogEntry.entity_id, ChangeLogEntry.data).where(
                ChangeLogEntry.entity.in_(("visit", "ticket")),
                ChangeLogEntry.action == "update",
            )
        ).all()
        assert {(e, i) for e, i, _d in changes} == {("visit", visit_id), ("ticket", ticket_id)}
        visit_change = next(d for e, _i, d in changes if e == "visit")
        assert visit_change["status"] == "completed" and visit_change["ticket_id"] == ticket_id
        follow_up = session.get(FollowUp, result.follow_up_id)
        assert follow_up is not None and follow_up.ticket_id == ticket_id

    kinds = [kind for kind, _ in _events(db, ticket_id)]
    assert kinds[-2:] == ["visit_completed", "resolved"]
    completed = dict(_events(db, ticket_id))["visit_completed"]
    assert completed["result"] == "fixed" and completed["total_cost"] == "250.00"
    assert completed["visit"] == visit_number(visit_id) and completed["engineer"] == "eng1"
    assert completed["confirmed_by"] == "李经理"


def test_another_visit_needed_keeps_the_ticket_open_in_progress(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    sheet = replace(SHEET, result="another_visit", root_cause="", work_done="需订购主板，下次更换")
    result = record_sheet(db, site.engineer, visit_id, 1, sheet, NOW)
    assert result.status == "completed" and not result.ticket_resolved
    assert result.ticket_status == "in_progress" and result.follow_up_id is None
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        assert ticket.status == "in_progress" and ticket.resolved_at is None
        assert ticket.first_response_at == NOW
    events = _events(db, ticket_id)
    assert [k for k, _ in events][-2:] == ["visit_completed", "status_changed"]
    assert events[-2][1]["result"] == "another_visit"
    assert events[-1][1] == {"from": "assigned", "to": "in_progress", "first_response": True}


def test_another_visit_leaves_a_ticket_waiting_for_parts_waiting(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site, status="waiting_parts")
    visit_id = _visit(db, site, ticket_id)
    result = record_sheet(
        db, site.engineer, visit_id, 1, replace(SHEET, result="another_visit"), NOW
    )
    assert result.ticket_status == "waiting_parts"
    assert [k for k, _ in _events(db, ticket_id)][-1] == "visit_completed"


def test_misuse_needs_the_advice_given_and_resolves_on_the_customer_side(
    db: Database, site: Site
) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    misuse = replace(SHEET, result="customer_misuse", root_cause="客户使用非原装耗材")
    with pytest.raises(SheetRefused) as refused:
        record_sheet(db, site.engineer, visit_id, 1, misuse, NOW)
    assert _codes(refused.value) == {"advice": "required"}
    advised = replace(misuse, advice="请使用原装硒鼓")
    record_sheet(db, site.engineer, visit_id, 1, advised, NOW)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        visit = session.get(Visit, visit_id)
        assert ticket is not None and visit is not None
        assert ticket.resolution_type == "customer_side"
        assert ticket.solution == "更换定影组件，打印测试页正常\n请使用原装硒鼓"
        assert visit.advice == "请使用原装硒鼓"


@pytest.mark.parametrize(
    ("result", "resolution_type"),
    [("no_fault_found", "no_fault_found"), ("unit_replaced", "device_replaced")],
)
def test_each_resolving_result_maps_to_a_resolution_type(
    db: Database, site: Site, result: str, resolution_type: str
) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    record_sheet(db, site.engineer, visit_id, 1, replace(SHEET, result=result), NOW)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.resolution_type == resolution_type


def test_a_unit_replaced_with_its_serial_registers_the_new_unit(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    sheet = replace(SHEET, result="unit_replaced", new_serial=" sn-new-0002 ")
    result = record_sheet(db, site.engineer, visit_id, 1, sheet, NOW)
    assert result.replacement_equipment_id is not None
    with db.session() as session:
        old = session.get(Equipment, site.device)
        new = session.get(Equipment, result.replacement_equipment_id)
        assert old is not None and new is not None
        assert (old.status, old.replaced_by_id) == ("replaced", new.id)
        assert new.serial_number == "SN-NEW-0002" and new.status == "active"
        assert (new.customer_id, new.site_id) == (old.customer_id, old.site_id)
        assert new.install_date == ARRIVED.date()  # the day of the visit, in Beijing
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.equipment_id == site.device  # history stays
    assert dict(_events(db, ticket_id))["visit_completed"]["new_serial"] == "SN-NEW-0002"
    detail = sheet_detail(db, site.engineer, visit_id)
    assert detail.replaced_by_serial == "SN-NEW-0002"


def test_a_replacement_serial_already_registered_is_refused_at_its_field(
    db: Database, site: Site
) -> None:
    add_equipment(db, site.customer, serial="SN-TAKEN-0003")
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    sheet = replace(SHEET, result="unit_replaced", new_serial="SN-TAKEN-0003")
    with pytest.raises(SheetRefused) as refused:
        record_sheet(db, site.engineer, visit_id, 1, sheet, NOW)
    assert _codes(refused.value) == {"new_serial": "serial_exists"}
    assert _version(db, visit_id) == 1  # nothing written


def test_a_visit_without_a_ticket_completes_without_a_root_cause(db: Database, site: Site) -> None:
    visit_id = _visit(db, site, None, kind="preventive_maintenance", checklist=("清洁", "校准"))
    sheet = replace(SHEET, root_cause="", work_done="按清单保养完成")
    result = record_sheet(db, site.engineer, visit_id, 1, sheet, NOW)
    assert result.ticket_id is None and result.status == "completed"
    assert result.ticket_status == "" and not result.ticket_resolved


def test_a_resolved_ticket_only_gets_the_visit_on_its_timeline(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site, status="resolved")
    visit_id = _visit(db, site, ticket_id)
    result = record_sheet(db, site.engineer, visit_id, 1, replace(SHEET, root_cause=""), NOW)
    assert result.ticket_status == "resolved" and not result.ticket_resolved
    assert [k for k, _ in _events(db, ticket_id)][-1] == "visit_completed"


def test_a_ticket_waiting_for_the_customer_resumes_then_resolves(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site, status="in_progress")
    with db.session() as session:
        version = session.scalar(select(Ticket.version).where(Ticket.id == ticket_id))
    assert version is not None
    change_status(
        db, site.engineer, ticket_id, version, "waiting_customer", now=BOOKED - timedelta(hours=20)
    )
    visit_id = _visit(db, site, ticket_id)
    record_sheet(db, site.engineer, visit_id, 1, SHEET, NOW)
    kinds = [k for k, _ in _events(db, ticket_id)]
    assert kinds[-3:] == ["visit_completed", "sla_resumed", "resolved"]
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.sla_paused_at is None


def test_an_agent_records_the_sheet_from_the_engineers_call(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    record_sheet(db, site.agent, visit_id, 1, SHEET, NOW)
    detail = sheet_detail(db, site.agent, visit_id)
    assert detail.completed_by_name == "agent1" and detail.engineer_name == "eng1"


def test_urgent_tickets_carry_the_surcharge_at_the_centres_rates(db: Database, site: Site) -> None:
    admin = add_desk_user(db, "admin1", "admin")
    change_setting(db, "labour_rate_per_hour", "120", admin)
    change_setting(db, "distance_rate_per_km", "3.5", admin)
    change_setting(db, "urgency_surcharge", "300", admin)
    ticket_id = _ticket(db, site, priority="P1")
    visit_id = _visit(db, site, ticket_id)
    detail = sheet_detail(db, site.engineer, visit_id)
    assert detail.urgent and detail.rates.urgency_surcharge == Decimal("300.00")
    result = record_sheet(db, site.engineer, visit_id, 1, SHEET, NOW)
    # 90 min × 120 / 60 = 180; 12.5 km × 3.5 = 43.75; + 300.
    assert (result.cost.labour, result.cost.distance, result.cost.surcharge) == (
        Decimal("180.00"),
        Decimal("43.75"),
        Decimal("300.00"),
    )
    assert result.cost.total == Decimal("523.75")


# --- refusals ----------------------------------------------------------------------------


BAD_SHEETS: list[tuple[dict[str, Any], dict[str, str]]] = [
    ({"departed_at": ARRIVED - timedelta(minutes=5)}, {"departed_at": "not_after_arrival"}),
    ({"departed_at": ARRIVED}, {"departed_at": "not_after_arrival"}),
    (
        {"arrived_at": NOW + timedelta(hours=1), "departed_at": NOW + timedelta(hours=2)},
        {"arrived_at": "in_future", "departed_at": "in_future"},
    ),
    ({"departed_at": ARRIVED + timedelta(hours=25)}, {"departed_at": "in_future"}),
    (
        {"arrived_at": ARRIVED - timedelta(days=2)},
        {"departed_at": "too_long_on_site"},
    ),
    (
        {"arrived_at": None, "departed_at": None},
        {"arrived_at": "required", "departed_at": "required"},
    ),
    ({"work_done": "  "}, {"work_done": "required"}),
    ({"work_done": "x" * 4001}, {"work_done": "too_long"}),
    ({"result": ""}, {"result": "required"}),
    ({"result": "exploded"}, {"result": "unknown"}),
    ({"travel_km": Decimal("-1")}, {"travel_km": "negative"}),
    ({"travel_km": Decimal("2000.1")}, {"travel_km": "too_large"}),
    ({"travel_km": Decimal("12.25")}, {"travel_km": "too_precise"}),
    ({"travel_km": Decimal("NaN")}, {"travel_km": "not_a_number"}),
    ({"confirmed_by": ""}, {"confirmed_by": "required"}),
    ({"confirmed_by": "王" * 101}, {"confirmed_by": "too_long"}),
    ({"root_cause": ""}, {"root_cause": "required"}),  # the open ticket resolves
    ({"new_serial": "SN-X"}, {"new_serial": "not_replaced"}),
    (
        {"work_done": "", "confirmed_by": "", "result": "customer_misuse"},
        {"work_done": "required", "confirmed_by": "required", "advice": "required"},
    ),
]


def test_a_bad_sheet_is_refused_at_its_fields_and_nothing_is_written(
    db: Database, site: Site
) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    for changes, expected in BAD_SHEETS:
        with pytest.raises(SheetRefused) as refused:
            record_sheet(db, site.engineer, visit_id, 1, replace(SHEET, **changes), NOW)
        assert _codes(refused.value) == expected, changes
    assert _version(db, visit_id) == 1
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.status == "assigned"


@pytest.mark.parametrize(
    ("status", "code"), [("cancelled", "cancelled"), ("unscheduled", "not_booked")]
)
def test_only_a_booked_visit_takes_a_sheet(
    db: Database, site: Site, status: str, code: str
) -> None:
    visit_id = _visit(db, site, None, status=status)
    with pytest.raises(SheetRefused) as refused:
        record_sheet(db, site.engineer, visit_id, 1, SHEET, NOW)
    assert _codes(refused.value) == {"status": code}


def test_a_completed_visit_is_not_recorded_twice(db: Database, site: Site) -> None:
    visit_id = _visit(db, site, None)
    done = record_sheet(db, site.engineer, visit_id, 1, SHEET, NOW)
    with pytest.raises(SheetRefused) as refused:
        record_sheet(db, site.engineer, visit_id, done.version, SHEET, NOW)
    assert _codes(refused.value) == {"status": "already_completed"}


def test_a_stale_version_is_a_conflict_showing_the_visit_now(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    record_sheet(db, site.engineer, visit_id, 1, SHEET, NOW)
    with pytest.raises(SheetConflict) as conflict:
        record_sheet(db, site.agent, visit_id, 1, replace(SHEET, confirmed_by="别人"), NOW)
    current = conflict.value.current
    assert (current.status, current.version, current.confirmed_by) == ("completed", 2, "李经理")
    with db.session() as session:
        count = session.scalar(
            select(func.count()).select_from(AuditRecord).where(AuditRecord.entity == "visit")
        )
    assert count == 1


def test_two_desks_saving_the_same_sheet_at_once_write_it_once(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id)
    outcomes: list[object] = []
    start = threading.Barrier(2)

    def save(user: SignedInUser) -> None:
        start.wait()
        try:
            outcomes.append(record_sheet(db, user, visit_id, 1, SHEET, NOW))
        except BaseException as error:  # kept for the asserts below
            outcomes.append(error)

    threads = [threading.Thread(target=save, args=(u,)) for u in (site.engineer, site.agent)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    kinds = sorted(type(o).__name__ for o in outcomes)
    assert kinds == ["SheetConflict", "SheetResult"]
    resolved = [k for k, _ in _events(db, ticket_id) if k in ("resolved", "visit_completed")]
    assert resolved == ["visit_completed", "resolved"]


def test_who_may_record_and_read_a_sheet(db: Database, site: Site) -> None:
    visit_id = _visit(db, site, None)
    nobody = SignedInUser(site.agent.id, "x", "x", "guest", None, ())
    with pytest.raises(PermissionDenied):
        record_sheet(db, nobody, visit_id, 1, SHEET, NOW)
    with pytest.raises(PermissionDenied):
        sheet_detail(db, nobody, visit_id)


# --- what the sheet shows ----------------------------------------------------------------


def test_the_detail_has_everything_the_printed_sheet_shows(db: Database, site: Site) -> None:
    ticket_id = _ticket(db, site)
    visit_id = _visit(db, site, ticket_id, checklist=("检查定影器", "打印测试页"), notes="带备件")
    before = sheet_detail(db, site.engineer, visit_id)
    assert before.recordable and before.ticket_open and not before.urgent
    assert before.number == visit_number(visit_id) and before.kind == "repair"
    assert before.customer_name == "上海精密仪器有限公司"
    assert before.site_name == "总部" and before.site_address == "上海"
    assert (before.contact_name, before.contact_phone) == ("张三", "138 1234 5678")
    assert before.serial == "SN-SHEET-0001" and before.model_name
    assert before.engineer_name == "eng1" and before.starts_at == BOOKED
    assert before.checklist == ("检查定影器", "打印测试页") and before.notes == "带备件"
    assert before.ticket_number.startswith("SR-2026-")
    assert before.fault_description == "打印机卡纸"
    assert before.rates.labour_per_hour == Decimal("150.00")
    assert before.total_cost is None and before.arrived_at is None

    record_sheet(db, site.engineer, visit_id, 1, SHEET, NOW)
    after = sheet_detail(db, site.engineer, visit_id)
    assert not after.recordable and after.status == "completed"
    assert after.total_cost == Decimal("250.00") and after.travel_km == Decimal("12.5")
    assert after.work_done == SHEET.work_done and after.result == "fixed"
    assert after.root_cause == "定影组件老化" and after.ticket_status == "resolved"
    assert after.completed_by_name == "eng1" and after.completed_at == NOW
