"""Logging a call: validation at the field, the checks before saving, the one-transaction save."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    add_ticket,
    model_id,
    symptom_id,
    with_reference_data,
)
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    Call,
    ChangeLogEntry,
    Equipment,
    Ticket,
    TicketCounter,
    TicketEvent,
)
from workstation.outcomes import FieldError
from workstation.permissions import PermissionDenied
from workstation.services import intake
from workstation.services.auth import SignedInUser
from workstation.services.centre_settings import change_setting
from workstation.services.intake import (
    CallForm,
    CallRejected,
    call_context,
    end_call,
    intake_checks,
    save_call,
    validate_call,
)

# Tuesday 10 March 2026, 10:00 in Beijing.
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


@pytest.fixture
def desk(db: Database) -> tuple[SignedInUser, CustomerIds, int]:
    """Reference data, an agent, a customer with one device; ticket numbers past the factory's."""
    with_reference_data(db)
    with db.session() as session:
        # The counter starts far from 1 so the numbers these tests expect are distinctive.
        session.add(TicketCounter(year=2026, last_number=500_000))
        session.commit()
    customer = add_customer(db, tier="standard")
    device = add_equipment(db, customer, serial="LP-2020-0001")
    return add_desk_user(db), customer, device


def queue_form(customer: CustomerIds, device: int | None, **changes: Any) -> CallForm:
    form = CallForm(
        channel="phone",
        phone="138 1234 5678",
        caller_name="张三",
        customer_id=customer.customer_id,
        contact_id=customer.contact_ids[0],
        equipment_id=device,
        fault_started_at=NOW - timedelta(hours=3),
        description="卡纸，面板显示 E-0213",
        error_code="E-0213",
        external_factors=("power_cut",),
        urgency="high",
        severity="major",
        outcome="queue",
        call_started_at=NOW - timedelta(minutes=4),
    )
    return replace(form, **changes)


def count(db: Database, model: Any) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def codes(errors: tuple[Any, ...]) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in errors}


# -- validation --------------------------------------------------------------------------


def test_a_complete_form_has_no_errors(db: Database, desk: Any) -> None:
    _, customer, device = desk
    assert validate_call(db, queue_form(customer, device), NOW) == ()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"description": "  "}, ("description", "required")),
        ({"severity": ""}, ("severity", "required")),
        ({"phone": "12345"}, ("phone", "phone_invalid")),
        ({"fault_started_at": NOW + timedelta(hours=2)}, ("fault_started_at", "in_future")),
        ({"install_date": date(2026, 3, 9), "fault_started_at": NOW - timedelta(days=3)},
         ("install_date", "after_fault_start")),
        ({"install_date": date(2026, 4, 1)}, ("install_date", "in_future")),
        ({"outcome": "resolved"}, ("solution", "required")),
        ({"outcome": "resolved", "solution": "重新装纸"}, ("resolution_type", "required")),
        ({"outcome": "add_to_ticket"}, ("add_to_ticket_id", "required")),
        ({"equipment_id": None, "serial": "NEW-SERIAL-1"},
         ("product_model_id", "model_required_for_new_serial")),
        ({"customer_id": None, "contact_id": None, "caller_name": ""},
         ("caller_name", "required")),
        ({"customer_id": None, "contact_id": None},
         ("customer_id", "customer_required_for_ticket")),
        ({"external_factors": ("aliens",)}, ("external_factors", "invalid")),
    ],
)  # fmt: skip
def test_each_rule_reports_its_field_and_code(
    db: Database, desk: Any, changes: dict[str, Any], expected: tuple[str, str]
) -> None:
    _, customer, device = desk
    errors = validate_call(db, queue_form(customer, device, **changes), NOW)
    assert expected in codes(errors)


def test_an_unknown_caller_may_leave_only_an_information_call(db: Database, desk: Any) -> None:
    _, customer, _ = desk
    form = queue_form(customer, None, customer_id=None, contact_id=None, outcome="info_only")
    assert validate_call(db, form, NOW) == ()


def test_a_serial_of_another_customer_needs_a_reason(db: Database, desk: Any) -> None:
    user, customer, _ = desk
    other = add_customer(db, "北京新华书店", contacts=(("李四", ("13912345678",)),))
    theirs = add_equipment(db, other, serial="THEIRS-1")
    form = queue_form(customer, None, serial="THEIRS-1")
    errors = validate_call(db, form, NOW)
    assert [(e.field, e.code, dict(e.params)) for e in errors] == [
        ("serial", "serial_other_customer", {"owner": "北京新华书店"})
    ]
    saved = save_call(db, user, replace(form, serial_owner_reason="设备已转卖给本客户"), NOW)
    assert saved.equipment_id == theirs
    with db.session() as session:
        created = session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == saved.ticket_id)
        ).one()
        assert created.details["serial_owner_reason"] == "设备已转卖给本客户"


# -- saving ------------------------------------------------------------------------------


def test_save_writes_call_ticket_events_and_change_log_together(db: Database, desk: Any) -> None:
    user, customer, device = desk
    changes_before = count(db, ChangeLogEntry)
    saved = save_call(db, user, queue_form(customer, device), NOW)

    assert saved.ticket_number == "SR-2026-500001"
    assert saved.status == "new" and saved.priority == "P3"  # major × standard
    assert saved.plan_name == "Basic warranty"
    # Reported 09:56 (call start) + 480 working minutes: 394 left on Tuesday (lunch 12:00-13:30
    # not counted), 86 on Wednesday → Wednesday 10:26 in Beijing.
    assert saved.response_due_at == datetime(2026, 3, 11, 2, 26, tzinfo=UTC)
    with db.session() as session:
        ticket = session.get(Ticket, saved.ticket_id)
        assert ticket is not None
        assert (ticket.customer_id, ticket.equipment_id) == (customer.customer_id, device)
        assert ticket.product_model_id == model_id(db)
        assert ticket.external_factors == ["power_cut"] and ticket.urgency == "high"
        assert ticket.created_by_id == user.id and not ticket.resolved_on_first_call
        call = session.get(Call, saved.call_id)
        assert call is not None
        assert call.ticket_id == ticket.id and call.phone_e164 == "+8613812345678"
        assert call.caller_name == "张三" and call.agent_id == user.id
        assert call.started_at == NOW - timedelta(minutes=4)
        kinds = session.scalars(
            select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket.id)
        ).all()
        assert kinds == ["created"]
        logged = session.execute(
            select(ChangeLogEntry.entity, ChangeLogEntry.entity_id, ChangeLogEntry.data).where(
                ChangeLogEntry.id > changes_before
            )
        ).all()
    entities = {(entity, entity_id) for entity, entity_id, _ in logged}
    assert entities == {("ticket", saved.ticket_id), ("call", saved.call_id)}
    for _, _, data in logged:
        assert data["customer_id"] == customer.customer_id and data["equipment_id"] == device


def test_an_invalid_form_writes_nothing(db: Database, desk: Any) -> None:
    user, customer, device = desk
    with pytest.raises(CallRejected) as rejected:
        save_call(db, user, queue_form(customer, device, description="", severity=""), NOW)
    assert codes(rejected.value.errors) == {("description", "required"), ("severity", "required")}
    assert count(db, Call) == count(db, Ticket) == 0


def test_a_failure_midway_leaves_nothing_behind(
    db: Database, desk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, customer, device = desk
    real = intake.record_change

    def failing(session: Any, entity: str, *args: Any) -> None:
        if entity == "call":
            raise RuntimeError("disk gone")
        real(session, entity, *args)

    monkeypatch.setattr(intake, "record_change", failing)
    with pytest.raises(RuntimeError):
        save_call(db, user, queue_form(customer, device, serial="", equipment_id=device), NOW)
    assert count(db, Call) == count(db, Ticket) == count(db, TicketEvent) == 0
    with db.session() as session:
        assert session.get(TicketCounter, 2026).last_number == 500_000  # type: ignore[union-attr]


def test_a_retried_save_is_not_saved_twice(db: Database, desk: Any) -> None:
    user, customer, device = desk
    form = queue_form(customer, device)
    first = save_call(db, user, form, NOW)
    again = save_call(db, user, form, NOW + timedelta(seconds=20))
    assert again.replayed and (again.call_id, again.ticket_id) == (first.call_id, first.ticket_id)
    assert again.ticket_number == first.ticket_number
    assert count(db, Call) == count(db, Ticket) == 1


def test_resolved_on_the_call_counts_as_first_call_resolution(db: Database, desk: Any) -> None:
    user, customer, device = desk
    form = queue_form(
        customer, device, outcome="resolved", resolution_type="remote_fix", solution="重新装纸"
    )
    saved = save_call(db, user, form, NOW)
    assert saved.status == "resolved"
    with db.session() as session:
        ticket = session.get(Ticket, saved.ticket_id)
        assert ticket is not None and ticket.resolved_on_first_call
        assert ticket.resolved_at == NOW and ticket.solution == "重新装纸"
        kinds = session.scalars(
            select(TicketEvent.kind)
            .where(TicketEvent.ticket_id == ticket.id)
            .order_by(TicketEvent.id)
        ).all()
    assert kinds == ["created", "resolved"]


def test_ticket_numbers_rise_and_a_new_year_starts_its_own_counter(db: Database, desk: Any) -> None:
    user, customer, device = desk
    first = save_call(db, user, queue_form(customer, device), NOW)
    second = save_call(
        db, user, queue_form(customer, device, call_started_at=NOW - timedelta(minutes=1)), NOW
    )
    assert (first.ticket_number, second.ticket_number) == ("SR-2026-500001", "SR-2026-500002")
    next_year = datetime(2027, 1, 4, 2, tzinfo=UTC)
    third = save_call(
        db,
        user,
        queue_form(customer, device, call_started_at=next_year, fault_started_at=None),
        next_year,
    )
    assert third.ticket_number == "SR-2027-000001"


def test_two_desks_saving_at_once_never_get_the_same_number(db: Database, desk: Any) -> None:
    if db.backend != "postgresql":
        pytest.skip("a shared centre runs PostgreSQL; an SQLite desk writes from one worker")
    user, customer, device = desk
    numbers: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def desk_saving(offset: int) -> None:
        try:
            for i in range(10):
                started = NOW - timedelta(minutes=30, seconds=offset + 2 * i)
                saved = save_call(db, user, queue_form(customer, device, call_started_at=started))
                with lock:
                    numbers.append(saved.ticket_number)
        except BaseException as error:  # reported by the test below
            failures.append(error)

    threads = [threading.Thread(target=desk_saving, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert sorted(numbers) == [f"SR-2026-{n:06d}" for n in range(500_001, 500_021)]


# -- the checks before saving ------------------------------------------------------------


def test_an_open_ticket_on_the_device_is_found_and_the_call_can_be_added_to_it(
    db: Database, desk: Any
) -> None:
    user, customer, device = desk
    open_id = add_ticket(db, customer, equipment_id=device, reported_at=NOW - timedelta(days=1))
    checks = intake_checks(db, customer.customer_id, device, NOW)
    assert [t.id for t in checks.open_tickets] == [open_id]
    assert checks.device is not None and checks.device.serial == "LP-2020-0001"

    form = queue_form(customer, device, outcome="add_to_ticket", add_to_ticket_id=open_id)
    saved = save_call(db, user, form, NOW)
    assert saved.ticket_id == open_id and saved.outcome == "add_to_ticket"
    assert count(db, Ticket) == 1
    with db.session() as session:
        call = session.get(Call, saved.call_id)
        assert call is not None and call.ticket_id == open_id
        event = session.scalars(
            select(TicketEvent).where(
                TicketEvent.ticket_id == open_id, TicketEvent.kind == "call_added"
            )
        ).one()
        assert event.details["call_id"] == saved.call_id


def test_adding_to_a_closed_ticket_is_refused(db: Database, desk: Any) -> None:
    _, customer, device = desk
    closed = add_ticket(db, customer, equipment_id=device, status="closed")
    form = queue_form(customer, device, outcome="add_to_ticket", add_to_ticket_id=closed)
    assert ("add_to_ticket_id", "ticket_not_open") in codes(validate_call(db, form, NOW))


@pytest.mark.parametrize(("days_ago", "repeat"), [(29, True), (31, False)])
def test_a_fault_within_30_days_of_the_last_fix_is_a_linked_repeat(
    db: Database, desk: Any, days_ago: int, repeat: bool
) -> None:
    user, customer, device = desk
    fixed_at = NOW - timedelta(days=days_ago)
    last = add_ticket(
        db,
        customer,
        equipment_id=device,
        status="closed",
        reported_at=fixed_at - timedelta(days=1),
        resolved_at=fixed_at,
    )
    checks = intake_checks(db, customer.customer_id, device, NOW)
    assert (checks.repeat_of is not None) is repeat
    saved = save_call(db, user, queue_form(customer, device), NOW)
    with db.session() as session:
        ticket = session.get(Ticket, saved.ticket_id)
        assert ticket is not None
        assert ticket.repeat_of_id == (last if repeat else None)
    assert bool(saved.repeat_of_number) is repeat
    # The centre's setting: with a 40-day window the older fix counts too, on every desk.
    change_setting(db, "repeat_window_days", "40", user=None)
    assert intake_checks(db, customer.customer_id, device, NOW).repeat_of


def test_an_unknown_serial_is_registered_inline_at_the_customers_site(
    db: Database, desk: Any
) -> None:
    user, customer, _ = desk
    printer = model_id(db, "LP-C5500")
    form = queue_form(
        customer,
        None,
        serial=" NEW-C55-0042 ",
        product_model_id=printer,
        install_date=date(2025, 6, 1),
        symptom_category_id=symptom_id(db, printer),
    )
    saved = save_call(db, user, form, NOW)
    assert saved.registered_equipment
    with db.session() as session:
        device = session.get(Equipment, saved.equipment_id)
        assert device is not None
        assert (device.serial_number, device.product_model_id) == ("NEW-C55-0042", printer)
        assert device.site_id == customer.site_id and device.install_date == date(2025, 6, 1)
        audit = session.scalars(select(AuditRecord).where(AuditRecord.entity_id == device.id)).one()
        assert (audit.entity, audit.action, audit.user_id) == ("equipment", "registered", user.id)
        ticket = session.get(Ticket, saved.ticket_id)
        assert ticket is not None and ticket.equipment_id == device.id


def test_a_vip_with_a_24x7_contract_gets_p1_answered_within_fifteen_minutes(
    db: Database, desk: Any
) -> None:
    user, _, _ = desk
    vip = add_customer(db, "招商银行上海分行", tier="vip", contacts=(("王五", ("13700001111",)),))
    server = add_equipment(db, vip, serial="SRV-1")
    add_contract(db, vip, plan_name="VIP 24x7", equipment_ids=(server,))
    saturday_night = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)  # 22:00 in Beijing
    form = queue_form(
        vip,
        server,
        contact_id=vip.contact_ids[0],
        severity="critical",
        call_started_at=saturday_night,
        fault_started_at=None,
    )
    saved = save_call(db, user, form, saturday_night)
    assert (saved.priority, saved.plan_name) == ("P1", "VIP 24x7")
    assert saved.response_due_at == saturday_night + timedelta(minutes=15)


def test_an_engineer_may_not_log_calls(db: Database, desk: Any) -> None:
    _, customer, device = desk
    engineer = add_desk_user(db, "eng", role="engineer")
    with pytest.raises(PermissionDenied):
        save_call(db, engineer, queue_form(customer, device), NOW)


def test_an_information_call_has_no_ticket(db: Database, desk: Any) -> None:
    user, customer, _ = desk
    form = queue_form(customer, None, outcome="info_only", description="询问保修期")
    saved = save_call(db, user, form, NOW)
    assert saved.ticket_id is None and count(db, Ticket) == 0
    with db.session() as session:
        call = session.get(Call, saved.call_id)
        assert call is not None and call.notes == "询问保修期"


def test_end_call_records_wrap_up_and_duration(db: Database, desk: Any) -> None:
    user, customer, device = desk
    saved = save_call(db, user, queue_form(customer, device), NOW)
    ended = end_call(db, user, saved.call_id, "ticket_created", NOW + timedelta(seconds=30))
    assert ended.duration_seconds == pytest.approx(270)
    with db.session() as session:
        call = session.get(Call, saved.call_id)
        assert call is not None and call.wrap_up_code == "ticket_created"
        assert call.ended_at == NOW + timedelta(seconds=30)
    with pytest.raises(CallRejected) as refused:
        end_call(db, user, saved.call_id, "bored")
    assert refused.value.errors == (FieldError("wrap_up_code", "unknown"),)


def test_call_context_lists_contacts_with_phones_and_devices(db: Database, desk: Any) -> None:
    _, customer, device = desk
    context = call_context(db, customer.customer_id)
    assert context.name == "上海精密仪器有限公司" and context.tier == "standard"
    assert [(c.name, c.phones) for c in context.contacts] == [("张三", ("138 1234 5678",))]
    assert [d.id for d in context.devices] == [device]
    assert context.devices[0].in_warranty(date(2026, 2, 1))
    assert not context.devices[0].in_warranty(date(2026, 3, 10))
