"""The customer card and the device card: contacts, contracts, warranty states, open tickets'
SLA state on the shipped default plan, replacement units."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from workstation.db import Database
from workstation.models import Ticket
from workstation.services.customer_card import (
    CHARGEABLE,
    CONTRACT_EXPIRED,
    CONTRACT_NOT_YET_VALID,
    CONTRACT_VALID,
    IN_WARRANTY,
    UNDER_CONTRACT,
    customer_card,
    equipment_card,
)
from workstation.services.equipment_edit import replace_equipment

TODAY = date(2026, 3, 11)  # a Wednesday, a normal working day in China
# 16:00 in Shanghai: the "China standard" calendar works 09:00-12:00 and 13:30-18:00.
NOW = datetime(2026, 3, 11, 8, 0, tzinfo=UTC)


def _local(hour: int, minute: int = 0, days_before: int = 0) -> datetime:
    """An instant given in Shanghai local time on TODAY (or days before)."""
    return datetime(2026, 3, 11, hour - 8, minute, tzinfo=UTC) - timedelta(days=days_before)


def _vip_customer(db: Database) -> tuple[CustomerIds, dict[str, int]]:
    with_reference_data(db)
    customer = add_customer(
        db,
        "上海精密仪器有限公司",
        tier="vip",
        contacts=(("张三", ("138 1234 5678", "021-6552 1234")), ("李四", ("139 8765 4321",))),
        site="浦东工厂",
        city="上海",
    )
    devices = {
        "warranty": add_equipment(
            db, customer, serial="SN-WARRANTY", warranty_end=date(2026, 12, 31)
        ),
        "contract": add_equipment(
            db, customer, serial="SN-CONTRACT", warranty_end=date(2025, 1, 1)
        ),
        "chargeable": add_equipment(db, customer, serial="SN-CHARGE", warranty_end=None),
    }
    add_contract(
        db,
        customer,
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
        equipment_ids=(devices["contract"],),
    )
    add_contract(
        db,
        customer,
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 12, 31),
        equipment_ids=(devices["chargeable"],),
    )
    return customer, devices


def test_the_card_shows_the_vip_customer_with_contacts_phones_and_sites(db: Database) -> None:
    customer, _ = _vip_customer(db)

    card = customer_card(db, customer.customer_id, today=TODAY, now=NOW)

    assert card.name == "上海精密仪器有限公司"
    assert card.tier == "vip"
    assert card.merged_into_id is None
    assert [c.name for c in card.contacts] == ["张三", "李四"]
    zhang = card.contacts[0]
    assert [p.e164 for p in zhang.phones] == ["+8613812345678", "+862165521234"]
    assert zhang.phones[0].raw == "138 1234 5678"
    assert [(s.name, s.city) for s in card.sites] == [("浦东工厂", "上海")]


def test_contracts_say_whether_they_are_valid_expired_or_not_yet_valid(db: Database) -> None:
    customer, _ = _vip_customer(db)
    add_contract(db, customer, valid_from=date(2027, 1, 1), valid_to=date(2027, 12, 31))

    card = customer_card(db, customer.customer_id, today=TODAY, now=NOW)

    states = {(c.valid_from.year, c.state) for c in card.contracts}
    assert states == {
        (2026, CONTRACT_VALID),
        (2024, CONTRACT_EXPIRED),
        (2027, CONTRACT_NOT_YET_VALID),
    }
    assert all(c.plan_name for c in card.contracts)


def test_each_device_says_in_warranty_under_contract_or_chargeable(db: Database) -> None:
    customer, _ = _vip_customer(db)

    card = customer_card(db, customer.customer_id, today=TODAY, now=NOW)

    states = {row.serial: row.warranty_state for row in card.equipment}
    assert states == {
        "SN-WARRANTY": IN_WARRANTY,
        "SN-CONTRACT": UNDER_CONTRACT,
        "SN-CHARGE": CHARGEABLE,  # its only contract has expired
    }
    row = next(r for r in card.equipment if r.serial == "SN-WARRANTY")
    assert row.site_name == "浦东工厂"
    assert row.model_code and row.model_name


def test_open_tickets_carry_their_sla_state_on_the_default_plan(db: Database) -> None:
    customer, devices = _vip_customer(db)
    # P2 on "Basic warranty": response within 240 working minutes, at risk from 80 % (192).
    on_track = add_ticket(db, customer, reported_at=_local(15, 30), priority="P2")
    at_risk = add_ticket(
        db, customer, equipment_id=devices["warranty"], reported_at=_local(11), priority="P2"
    )  # 60 + 150 working minutes by 16:00
    breached = add_ticket(db, customer, reported_at=_local(9, days_before=2), priority="P2")
    responded = add_ticket(db, customer, reported_at=_local(9, days_before=2), priority="P2")
    with db.session() as session:
        session.execute(
            update(Ticket).where(Ticket.id == responded).values(first_response_at=_local(10, 0, 2))
        )
        session.commit()
    add_ticket(db, customer, reported_at=_local(9, days_before=5), status="closed")

    card = customer_card(db, customer.customer_id, today=TODAY, now=NOW)

    by_id = {t.id: t for t in card.open_tickets}
    assert set(by_id) == {on_track, at_risk, breached, responded}  # not the closed one
    assert by_id[on_track].sla_state == "on_track"
    assert by_id[at_risk].sla_state == "at_risk"
    assert by_id[at_risk].serial == "SN-WARRANTY"
    assert by_id[breached].sla_state == "breached"
    assert by_id[breached].sla_target == "response"
    # After the first response the resolution target (2250 minutes) counts: on track.
    assert by_id[responded].sla_target == "resolution"
    assert by_id[responded].sla_state == "on_track"
    assert by_id[on_track].summary == "打印机卡纸，提示E-201"
    # Newest first.
    assert card.open_tickets[0].id == on_track


def test_an_unknown_customer_or_device_is_a_lookup_error(db: Database) -> None:
    with_reference_data(db)
    with pytest.raises(LookupError):
        customer_card(db, 999_999)
    with pytest.raises(LookupError):
        equipment_card(db, 999_999)


def test_the_device_card_shows_owner_contracts_and_its_replacement(db: Database) -> None:
    customer, devices = _vip_customer(db)
    user = add_desk_user(db)
    ticket = add_ticket(db, customer, equipment_id=devices["contract"], reported_at=_local(11))

    card = equipment_card(db, devices["contract"], today=TODAY, now=NOW)
    assert card.serial == "SN-CONTRACT"
    assert (card.customer_name, card.customer_tier) == ("上海精密仪器有限公司", "vip")
    assert card.warranty_state == UNDER_CONTRACT
    assert [c.state for c in card.contracts] == [CONTRACT_VALID]
    assert [t.id for t in card.open_tickets] == [ticket]
    assert card.replaced_by is None and card.replaces is None
    assert card.kind  # the product kind of its model

    replaced = replace_equipment(
        db, user, devices["contract"], "SN-NEW-UNIT", None, date(2026, 3, 1), "board burnt"
    )

    old = equipment_card(db, devices["contract"], today=TODAY, now=NOW)
    new = equipment_card(db, replaced.new_id, today=TODAY, now=NOW)
    assert old.status == "replaced"
    assert old.replaced_by is not None and old.replaced_by.serial == "SN-NEW-UNIT"
    assert new.replaces is not None and new.replaces.serial == "SN-CONTRACT"
    assert new.warranty_state == IN_WARRANTY
