"""The customer card and the device card: what an agent sees of a customer or one device.

Plain frozen rows for the screens: contacts with phones, sites, contracts with their
validity, equipment with its warranty state, and open tickets with their SLA state computed
on each ticket's plan calendar (each calendar loaded once per call).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import (
    OPEN_STATUSES,
    AuditRecord,
    Contact,
    ContactPhone,
    Customer,
    Equipment,
    ProductModel,
    Region,
    ServiceContract,
    Site,
    SlaPlan,
    Ticket,
    contract_equipment,
)
from workstation.services.sla_plans import PlanTargets, default_plan_id, load_calendar, plan_targets
from workstation.sla import WorkingCalendar, elapsed_working_minutes, sla_state

# Contract validity on a day.
CONTRACT_VALID = "valid"
CONTRACT_EXPIRED = "expired"
CONTRACT_NOT_YET_VALID = "not_yet_valid"

# Who pays for a repair of a device today.
IN_WARRANTY = "in_warranty"
UNDER_CONTRACT = "under_contract"
CHARGEABLE = "chargeable"


@dataclass(frozen=True)
class PhoneRow:
    raw: str
    e164: str
    kind: str


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    email: str
    wechat: str
    phones: tuple[PhoneRow, ...]


@dataclass(frozen=True)
class SiteRow:
    id: int
    name: str
    city: str
    address: str


@dataclass(frozen=True)
class ContractRow:
    id: int
    number: str
    plan_name: str
    valid_from: date
    valid_to: date
    state: str  # CONTRACT_VALID | CONTRACT_EXPIRED | CONTRACT_NOT_YET_VALID


@dataclass(frozen=True)
class EquipmentRow:
    id: int
    serial: str
    model_code: str
    model_name: str
    site_id: int | None
    site_name: str
    install_date: date | None
    warranty_end: date | None
    status: str
    warranty_state: str  # IN_WARRANTY | UNDER_CONTRACT | CHARGEABLE


@dataclass(frozen=True)
class OpenTicketRow:
    id: int
    number: str
    status: str
    priority: str
    reported_at: datetime
    equipment_id: int | None
    serial: str
    summary: str  # the first line of the description
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    # "response" until the first response, then "resolution".
    sla_target: str
    # workstation.sla.SlaState value, or "" when the plan has no target for the priority.
    sla_state: str


@dataclass(frozen=True)
class CustomerCard:
    id: int
    name: str
    kind: str
    tier: str
    region_name: str
    address: str
    notes: str
    version: int
    merged_into_id: int | None
    contacts: tuple[ContactRow, ...]
    sites: tuple[SiteRow, ...]
    contracts: tuple[ContractRow, ...]
    equipment: tuple[EquipmentRow, ...]
    open_tickets: tuple[OpenTicketRow, ...]


@dataclass(frozen=True)
class DeviceRef:
    id: int
    serial: str


@dataclass(frozen=True)
class EquipmentCard:
    id: int
    serial: str
    model_code: str
    model_name: str
    kind: str  # the product kind (category) of the model
    customer_id: int
    customer_name: str
    customer_tier: str
    site_id: int | None
    site_name: str
    install_date: date | None
    warranty_end: date | None
    warranty_state: str
    status: str
    replaced_by: DeviceRef | None
    replaces: DeviceRef | None
    contracts: tuple[ContractRow, ...]
    open_tickets: tuple[OpenTicketRow, ...]


def contract_state(valid_from: date, valid_to: date, today: date) -> str:
    """Whether a contract is in force on `today`."""
    if today < valid_from:
        return CONTRACT_NOT_YET_VALID
    if today > valid_to:
        return CONTRACT_EXPIRED
    return CONTRACT_VALID


def warranty_state(warranty_end: date | None, under_contract: bool, today: date) -> str:
    """In warranty beats a contract; a device with neither is chargeable."""
    if warranty_end is not None and warranty_end >= today:
        return IN_WARRANTY
    if under_contract:
        return UNDER_CONTRACT
    return CHARGEABLE


def first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _SlaClock:
    """Targets and calendars looked up once per card, however many tickets share them."""

    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now
        self._default: int | None = None
        self._targets: dict[tuple[int, str], PlanTargets | None] = {}
        self._calendars: dict[int, WorkingCalendar] = {}

    def _plan_id(self, plan_id: int | None) -> int:
        if plan_id is not None:
            return plan_id
        if self._default is None:
            self._default = default_plan_id(self._session)
        return self._default

    def state(self, ticket: Ticket) -> tuple[str, str]:
        """(target name, SLA state) of an open ticket now."""
        target_name = "response" if ticket.first_response_at is None else "resolution"
        key = (self._plan_id(ticket.sla_plan_id), ticket.priority)
        if key not in self._targets:
            try:
                self._targets[key] = plan_targets(self._session, *key)
            except LookupError:
                self._targets[key] = None
        targets = self._targets[key]
        if targets is None:
            return target_name, ""
        calendar = self._calendars.get(targets.calendar_id)
        if calendar is None:
            calendar = load_calendar(self._session, targets.calendar_id)
            self._calendars[targets.calendar_id] = calendar
        minutes = (
            targets.response_minutes
            if ticket.first_response_at is None
            else targets.resolution_minutes
        )
        used = elapsed_working_minutes(calendar, ticket.reported_at, self._now)
        return target_name, sla_state(used, minutes, targets.at_risk_ratio).value


def _open_tickets(
    session: Session, where: Iterable[ColumnElement[bool]], now: datetime
) -> tuple[OpenTicketRow, ...]:
    rows = session.execute(
        select(Ticket, Equipment.serial_number)
        .outerjoin(Equipment, Equipment.id == Ticket.equipment_id)
        .where(*where, Ticket.status.in_([s.value for s in OPEN_STATUSES]))
        .order_by(Ticket.reported_at.desc(), Ticket.id.desc())
    ).all()
    clock = _SlaClock(session, now)
    result = []
    for ticket, serial in rows:
        target, state = clock.state(ticket)
        result.append(
            OpenTicketRow(
                id=ticket.id,
                number=ticket.number,
                status=ticket.status,
                priority=ticket.priority,
                reported_at=ticket.reported_at,
                equipment_id=ticket.equipment_id,
                serial=serial or "",
                summary=first_line(ticket.description),
                response_due_at=ticket.response_due_at,
                resolution_due_at=ticket.resolution_due_at,
                sla_target=target,
                sla_state=state,
            )
        )
    return tuple(result)


def _contract_rows(
    session: Session, where: Iterable[ColumnElement[bool]], today: date
) -> tuple[ContractRow, ...]:
    rows = session.execute(
        select(ServiceContract, SlaPlan.name)
        .join(SlaPlan, SlaPlan.id == ServiceContract.sla_plan_id)
        .where(*where)
        .order_by(ServiceContract.valid_to.desc(), ServiceContract.id)
    ).all()
    return tuple(
        ContractRow(
            id=c.id,
            number=c.number,
            plan_name=plan_name,
            valid_from=c.valid_from,
            valid_to=c.valid_to,
            state=contract_state(c.valid_from, c.valid_to, today),
        )
        for c, plan_name in rows
    )


def _covered(session: Session, equipment_ids: Sequence[int], today: date) -> set[int]:
    """Which of these devices a contract in force today covers."""
    if not equipment_ids:
        return set()
    return set(
        session.scalars(
            select(contract_equipment.c.equipment_id)
            .join(ServiceContract, ServiceContract.id == contract_equipment.c.contract_id)
            .where(
                contract_equipment.c.equipment_id.in_(equipment_ids),
                ServiceContract.valid_from <= today,
                ServiceContract.valid_to >= today,
            )
        )
    )


def _contacts(session: Session, customer_id: int) -> tuple[ContactRow, ...]:
    contacts = session.scalars(
        select(Contact).where(Contact.customer_id == customer_id).order_by(Contact.id)
    ).all()
    phones: dict[int, list[PhoneRow]] = {c.id: [] for c in contacts}
    if contacts:
        for phone in session.scalars(
            select(ContactPhone)
            .where(ContactPhone.contact_id.in_(list(phones)))
            .order_by(ContactPhone.id)
        ):
            phones[phone.contact_id].append(PhoneRow(phone.raw, phone.e164, phone.kind))
    return tuple(
        ContactRow(c.id, c.name, c.email, c.wechat_id, tuple(phones[c.id])) for c in contacts
    )


def _equipment(session: Session, customer_id: int, today: date) -> tuple[EquipmentRow, ...]:
    rows = session.execute(
        select(Equipment, ProductModel.code, ProductModel.name, Site.name)
        .join(ProductModel, ProductModel.id == Equipment.product_model_id)
        .outerjoin(Site, Site.id == Equipment.site_id)
        .where(Equipment.customer_id == customer_id)
        .order_by(Equipment.status, Equipment.install_date.desc(), Equipment.id)
    ).all()
    covered = _covered(session, [device.id for device, *_ in rows], today)
    return tuple(
        EquipmentRow(
            id=device.id,
            serial=device.serial_number,
            model_code=code,
            model_name=model_name,
            site_id=device.site_id,
            site_name=site_name or "",
            install_date=device.install_date,
            warranty_end=device.warranty_end,
            status=device.status,
            warranty_state=warranty_state(device.warranty_end, device.id in covered, today),
        )
        for device, code, model_name, site_name in rows
    )


def customer_card(
    db: Database, customer_id: int, today: date | None = None, now: datetime | None = None
) -> CustomerCard:
    """Everything the card shows of one customer; LookupError for an unknown id."""
    now = now or datetime.now(UTC)
    today = today or date.today()
    with db.session() as session:
        row = session.execute(
            select(Customer, Region.name)
            .outerjoin(Region, Region.id == Customer.region_id)
            .where(Customer.id == customer_id)
        ).one_or_none()
        if row is None:
            raise LookupError(f"no customer {customer_id}")
        customer, region_name = row
        sites = tuple(
            SiteRow(s.id, s.name, s.city, s.address)
            for s in session.scalars(
                select(Site).where(Site.customer_id == customer_id).order_by(Site.id)
            )
        )
        return CustomerCard(
            id=customer.id,
            name=customer.name,
            kind=customer.kind,
            tier=customer.tier,
            region_name=region_name or "",
            address=customer.address,
            notes=customer.notes,
            version=customer.version,
            merged_into_id=customer.merged_into_id,
            contacts=_contacts(session, customer_id),
            sites=sites,
            contracts=_contract_rows(session, [ServiceContract.customer_id == customer_id], today),
            equipment=_equipment(session, customer_id, today),
            open_tickets=_open_tickets(session, [Ticket.customer_id == customer_id], now),
        )


def _replaces(session: Session, device: Equipment) -> DeviceRef | None:
    """The unit this one replaced: from its "registered" audit line, else the old unit that
    still stands at the same customer (equipment.replaced_by_id has no index of its own)."""
    details = session.scalars(
        select(AuditRecord.details)
        .where(
            AuditRecord.entity == "equipment",
            AuditRecord.entity_id == device.id,
            AuditRecord.action == "registered",
        )
        .order_by(AuditRecord.id)
    ).all()
    old_id = next((d.get("replaces_id") for d in details if d.get("replaces_id")), None)
    query = select(Equipment.id, Equipment.serial_number)
    if old_id is not None:
        found = session.execute(query.where(Equipment.id == int(old_id))).first()
    else:
        found = session.execute(
            query.where(
                Equipment.customer_id == device.customer_id,
                Equipment.replaced_by_id == device.id,
            ).limit(1)
        ).first()
    return DeviceRef(found[0], found[1]) if found else None


def equipment_card(
    db: Database, equipment_id: int, today: date | None = None, now: datetime | None = None
) -> EquipmentCard:
    """Everything the device card shows; LookupError for an unknown id."""
    now = now or datetime.now(UTC)
    today = today or date.today()
    with db.session() as session:
        row = session.execute(
            select(Equipment, ProductModel, Customer.name, Customer.tier, Site.name)
            .join(ProductModel, ProductModel.id == Equipment.product_model_id)
            .join(Customer, Customer.id == Equipment.customer_id)
            .outerjoin(Site, Site.id == Equipment.site_id)
            .where(Equipment.id == equipment_id)
        ).one_or_none()
        if row is None:
            raise LookupError(f"no equipment {equipment_id}")
        device, model, customer_name, tier, site_name = row
        contracts = _contract_rows(
            session,
            [
                ServiceContract.id.in_(
                    select(contract_equipment.c.contract_id).where(
                        contract_equipment.c.equipment_id == equipment_id
                    )
                )
            ],
            today,
        )
        covered = any(c.state == CONTRACT_VALID for c in contracts)
        replaced_by = None
        if device.replaced_by_id is not None:
            serial = session.scalar(
                select(Equipment.serial_number).where(Equipment.id == device.replaced_by_id)
            )
            replaced_by = DeviceRef(device.replaced_by_id, serial or "")
        return EquipmentCard(
            id=device.id,
            serial=device.serial_number,
            model_code=model.code,
            model_name=model.name,
            kind=model.category,
            customer_id=device.customer_id,
            customer_name=customer_name,
            customer_tier=tier,
            site_id=device.site_id,
            site_name=site_name or "",
            install_date=device.install_date,
            warranty_end=device.warranty_end,
            warranty_state=warranty_state(device.warranty_end, covered, today),
            status=device.status,
            replaced_by=replaced_by,
            replaces=_replaces(session, device),
            contracts=contracts,
            open_tickets=_open_tickets(session, [Ticket.equipment_id == equipment_id], now),
        )
