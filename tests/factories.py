"""Small, explicit rows for tests of the agent desk: a customer with contacts, phones, a site,
devices, a contract and tickets, written with the ORM (tests may; the screens may not).

Each builder commits and returns plain ids. Reference data (regions, SLA plans, calendars,
the catalogue) comes from the real loader, so tests see the shipped defaults.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    Contact,
    ContactPhone,
    Customer,
    Equipment,
    ProductModel,
    ServiceContract,
    Site,
    SlaPlan,
    SymptomCategory,
    Ticket,
    TicketEvent,
    contract_equipment,
)
from workstation.phones import parse_phone
from workstation.search_keys import name_search_keys
from workstation.services.auth import SignedInUser
from workstation.services.reference import load_reference_data

_serials = itertools.count(1)
# Far above what the real yearly counter hands out in a test (SR-2026-000001…), so a ticket
# numbered by the services (a complaint, a logged call) never collides with a factory's.
_tickets = itertools.count(900_001)


@dataclass(frozen=True)
class CustomerIds:
    customer_id: int
    contact_ids: tuple[int, ...]
    site_id: int
    equipment_ids: tuple[int, ...] = field(default=())


def with_reference_data(db: Database) -> None:
    """Regions, queues, calendars, SLA plans, the priority matrix and the catalogue."""
    load_reference_data(db)


def model_id(db: Database, code: str | None = None) -> int:
    """A product model's id (the first of the catalogue when no code is given)."""
    with db.session() as session:
        query = select(ProductModel.id).order_by(ProductModel.id)
        if code is not None:
            query = query.where(ProductModel.code == code)
        found = session.scalars(query.limit(1)).first()
        assert found is not None, "load the reference data first"
        return found


def symptom_id(db: Database, product_model: int) -> int:
    """The first symptom category of a model's product kind."""
    with db.session() as session:
        category = session.scalar(
            select(ProductModel.category).where(ProductModel.id == product_model)
        )
        found = session.scalars(
            select(SymptomCategory.id)
            .where(SymptomCategory.product_category == category)
            .order_by(SymptomCategory.id)
            .limit(1)
        ).first()
        assert found is not None
        return found


def add_customer(
    db: Database,
    name: str = "上海精密仪器有限公司",
    *,
    kind: str = "company",
    tier: str = "standard",
    contacts: tuple[tuple[str, tuple[str, ...]], ...] = (("张三", ("138 1234 5678",)),),
    site: str = "总部",
    city: str = "上海",
    region_id: int | None = None,
) -> CustomerIds:
    """A customer with contacts (name, phones as typed) and one site."""
    with db.session() as session:
        full, initials = name_search_keys(name)
        customer = Customer(
            name=name,
            kind=kind,
            tier=tier,
            region_id=region_id,
            pinyin_full=full,
            pinyin_initials=initials,
        )
        session.add(customer)
        session.flush()
        contact_ids = []
        for contact_name, phones in contacts:
            c_full, c_initials = name_search_keys(contact_name)
            contact = Contact(
                customer_id=customer.id,
                name=contact_name,
                pinyin_full=c_full,
                pinyin_initials=c_initials,
            )
            session.add(contact)
            session.flush()
            contact_ids.append(contact.id)
            for raw in phones:
                phone = parse_phone(raw)
                assert phone is not None, f"not a valid phone: {raw}"
                session.add(
                    ContactPhone(
                        contact_id=contact.id,
                        kind="mobile",
                        raw=phone.raw,
                        e164=phone.e164,
                        national=phone.national,
                        reversed_digits=phone.reversed_digits,
                    )
                )
        site_row = Site(customer_id=customer.id, name=site, city=city, region_id=region_id)
        session.add(site_row)
        session.flush()
        record_change(session, "customer", customer.id, "create", None)
        session.commit()
        return CustomerIds(customer.id, tuple(contact_ids), site_row.id)


def add_equipment(
    db: Database,
    customer: CustomerIds,
    *,
    serial: str | None = None,
    product_model: int | None = None,
    install_date: date | None = date(2025, 3, 1),
    warranty_end: date | None = date(2026, 3, 1),
) -> int:
    """A device at the customer's site."""
    product_model = product_model or model_id(db)
    with db.session() as session:
        device = Equipment(
            serial_number=serial or f"TST-2025-{next(_serials):08d}",
            product_model_id=product_model,
            customer_id=customer.customer_id,
            site_id=customer.site_id,
            install_date=install_date,
            warranty_end=warranty_end,
        )
        session.add(device)
        session.flush()
        record_change(session, "equipment", device.id, "create", None)
        session.commit()
        return device.id


def add_contract(
    db: Database,
    customer: CustomerIds,
    *,
    plan_name: str | None = None,
    valid_from: date = date(2026, 1, 1),
    valid_to: date = date(2026, 12, 31),
    equipment_ids: tuple[int, ...] = (),
) -> int:
    """A service contract on an SLA plan (the first non-default plan unless named)."""
    with db.session() as session:
        query = select(SlaPlan.id).order_by(SlaPlan.is_default, SlaPlan.id)
        if plan_name is not None:
            query = query.where(SlaPlan.name == plan_name)
        plan_id = session.scalars(query.limit(1)).first()
        assert plan_id is not None, "load the reference data first"
        contract = ServiceContract(
            number=f"CT-{customer.customer_id:06d}-{next(_serials):04d}",
            customer_id=customer.customer_id,
            sla_plan_id=plan_id,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        session.add(contract)
        session.flush()
        for equipment_id in equipment_ids:
            session.execute(
                contract_equipment.insert().values(
                    contract_id=contract.id, equipment_id=equipment_id
                )
            )
        session.commit()
        return contract.id


def add_ticket(
    db: Database,
    customer: CustomerIds,
    *,
    equipment_id: int | None = None,
    status: str = "new",
    reported_at: datetime | None = None,
    resolved_at: datetime | None = None,
    error_code: str = "",
    description: str = "打印机卡纸，提示E-201",
    solution: str = "",
    product_model: int | None = None,
    severity: str = "major",
    priority: str = "P2",
) -> int:
    """A ticket with its "created" timeline event and change-log row."""
    reported = reported_at or datetime.now(UTC)
    with db.session() as session:
        if product_model is None and equipment_id is not None:
            product_model = session.scalar(
                select(Equipment.product_model_id).where(Equipment.id == equipment_id)
            )
        ticket = Ticket(
            number=f"SR-2026-{next(_tickets):06d}",
            channel="phone",
            customer_id=customer.customer_id,
            contact_id=customer.contact_ids[0] if customer.contact_ids else None,
            equipment_id=equipment_id,
            product_model_id=product_model,
            reported_at=reported,
            error_code=error_code,
            description=description,
            severity=severity,
            priority=priority,
            status=status,
            resolved_at=resolved_at,
            solution=solution,
        )
        session.add(ticket)
        session.flush()
        session.add(TicketEvent(ticket_id=ticket.id, at=reported, kind="created", details={}))
        record_change(session, "ticket", ticket.id, "create", None, {"status": status})
        session.commit()
        return ticket.id


def add_desk_user(db: Database, username: str = "agent1", role: str = "agent") -> SignedInUser:
    """A signed-in desk user (no password check: the row only carries who did what)."""
    from workstation.models import User

    with db.session() as session:
        user = User(
            username=username,
            display_name=username,
            password_hash="-",
            role=role,
            skills=[],
            active=True,
        )
        session.add(user)
        session.commit()
        return SignedInUser(user.id, username, username, role, None, ())


def add_call(
    db: Database,
    customer: CustomerIds | None,
    *,
    started_at: datetime,
    ended_at: datetime | None = None,
    ticket_id: int | None = None,
    direction: str = "in",
    channel: str = "phone",
    wrap_up_code: str = "",
    caller_name: str = "",
    phone: str = "",
    agent_id: int | None = None,
) -> int:
    """A call of the customer (its first contact), maybe on a ticket."""
    from workstation.models import Call

    with db.session() as session:
        call = Call(
            direction=direction,
            channel=channel,
            phone=phone,
            phone_e164="",
            customer_id=customer.customer_id if customer else None,
            contact_id=customer.contact_ids[0] if customer and customer.contact_ids else None,
            caller_name=caller_name,
            agent_id=agent_id,
            started_at=started_at,
            ended_at=ended_at,
            ticket_id=ticket_id,
            wrap_up_code=wrap_up_code,
        )
        session.add(call)
        session.commit()
        return call.id


def add_ticket_event(
    db: Database,
    ticket_id: int,
    kind: str,
    at: datetime,
    details: dict[str, object] | None = None,
    user_id: int | None = None,
) -> int:
    """One more line on a ticket's timeline."""
    with db.session() as session:
        event = TicketEvent(
            ticket_id=ticket_id, at=at, kind=kind, details=details or {}, user_id=user_id
        )
        session.add(event)
        session.commit()
        return event.id
