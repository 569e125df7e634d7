"""Logging a call: the fault form's values, their validation, the checks before saving, the save.

A save is one transaction: the call, the ticket (numbered, triaged, with its deadlines), its
timeline events, a device registered inline, the audit trail and the change log. The screens
get plain values back; validation problems come back as stable codes the UI translates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    OPEN_STATUSES,
    AuditRecord,
    Call,
    Contact,
    ContactPhone,
    Customer,
    Equipment,
    ProductModel,
    Queue,
    Site,
    Ticket,
    TicketCounter,
    TicketEvent,
    TicketStatus,
)
from workstation.outcomes import FieldError, Refused
from workstation.permissions import Permission, require
from workstation.phones import parse_phone
from workstation.services.auth import SignedInUser
from workstation.services.centre_settings import REPEAT_WINDOW_DAYS, setting
from workstation.services.follow_up_plan import plan_follow_up
from workstation.services.triage import deadlines, plan_for, priority_for
from workstation.services.working_minutes import stamp_resolution, stamp_response

WRAP_UP_CODES = (
    "resolved",
    "ticket_created",
    "added_to_ticket",
    "information_only",
    "wrong_number",
    "callback_requested",
    "complaint",
)
CHANNELS = ("phone", "email", "wechat", "web", "walk_in")
SEVERITIES = ("critical", "major", "minor")
URGENCIES = ("low", "normal", "high", "urgent")
OUTCOMES = ("queue", "resolved", "add_to_ticket", "info_only")
# How a fault resolved on the call was resolved (the demo data's first-call type first).
FIRST_CALL_RESOLUTION_TYPES = ("first_call_fix", "remote_fix", "no_fault_found", "customer_side")
EXTERNAL_FACTORS = (
    "power_cut",
    "environment_change",
    "moved",
    "opened_by_customer",
    "lightning",
    "water",
    "dropped",
)
# Ticket numbers count per year of the service centre's local calendar.
CENTRE_TIMEZONE = "Asia/Shanghai"
FIRST_LINE_QUEUE = "FRONT"
# A fault "starting" a little after now is a clock difference between desks, not a mistake.
CLOCK_TOLERANCE = timedelta(minutes=5)
MAX_DEVICES_IN_CONTEXT = 500


@dataclass(frozen=True)
class CallForm:
    """Everything the agent entered on the fault form, as plain values."""

    channel: str = "phone"
    phone: str = ""
    caller_name: str = ""
    customer_id: int | None = None
    contact_id: int | None = None
    equipment_id: int | None = None
    serial: str = ""
    product_model_id: int | None = None
    install_date: date | None = None
    fault_started_at: datetime | None = None
    symptom_category_id: int | None = None
    error_code: str = ""
    description: str = ""
    external_factors: tuple[str, ...] = ()
    urgency: str = "normal"
    severity: str = ""
    outcome: str = "queue"
    resolution_type: str = ""
    solution: str = ""
    add_to_ticket_id: int | None = None
    serial_owner_reason: str = ""
    call_started_at: datetime | None = None
    external_call_id: str = ""


class CallRejected(Refused):
    """The form did not validate; nothing was written."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class DeviceInfo:
    """A device as the form shows it: model, install date, warranty, owner."""

    id: int
    serial: str
    product_model_id: int
    model_code: str
    model_name: str
    kind: str
    install_date: date | None
    warranty_end: date | None
    customer_id: int
    customer_name: str

    def in_warranty(self, on: date) -> bool:
        return self.warranty_end is not None and on <= self.warranty_end


@dataclass(frozen=True)
class ContactInfo:
    id: int
    name: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class CallContext:
    """What a new call for a known customer starts from."""

    customer_id: int
    name: str
    tier: str
    contacts: tuple[ContactInfo, ...]
    devices: tuple[DeviceInfo, ...]


@dataclass(frozen=True)
class TicketRef:
    """A ticket the intake checks point at."""

    id: int
    number: str
    status: str
    reported_at: datetime
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class IntakeChecks:
    """Said before saving: open tickets on the device, a recent fix (repeat), the device."""

    open_tickets: tuple[TicketRef, ...]
    repeat_of: TicketRef | None
    device: DeviceInfo | None


@dataclass(frozen=True)
class SavedCall:
    """What a save did, for the screen to show."""

    call_id: int
    ticket_id: int | None
    ticket_number: str
    status: str
    priority: str
    plan_name: str
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    repeat_of_number: str
    equipment_id: int | None
    registered_equipment: bool
    started_at: datetime
    outcome: str
    replayed: bool = False  # True: this call had already been saved (a retried save)


@dataclass(frozen=True)
class CallEnded:
    call_id: int
    wrap_up_code: str
    duration_seconds: float


# -- reads -----------------------------------------------------------------------------


_DeviceRow = Select[int, str, int, str, str, str, date | None, date | None, int, str]


def _device_query() -> _DeviceRow:
    return (
        select(
            Equipment.id,
            Equipment.serial_number,
            Equipment.product_model_id,
            ProductModel.code,
            ProductModel.name,
            ProductModel.category,
            Equipment.install_date,
            Equipment.warranty_end,
            Equipment.customer_id,
            Customer.name,
        )
        .join(ProductModel, ProductModel.id == Equipment.product_model_id)
        .join(Customer, Customer.id == Equipment.customer_id)
    )


def _device_rows(session: Session, *where: ColumnElement[bool]) -> list[DeviceInfo]:
    rows = session.execute(_device_query().where(*where))
    return [DeviceInfo(*row) for row in rows]


def device_by_serial(db: Database, serial: str) -> DeviceInfo | None:
    """The device with this serial number (exactly, ignoring surrounding spaces), if known."""
    serial = serial.strip()
    if not serial:
        return None
    with db.session() as session:
        found = _device_rows(session, Equipment.serial_number == serial)
    return found[0] if found else None


def call_context(db: Database, customer_id: int) -> CallContext:
    """The customer's name and tier, contacts with their phones, and devices."""
    with db.session() as session:
        customer = session.execute(
            select(Customer.name, Customer.tier).where(Customer.id == customer_id)
        ).one_or_none()
        if customer is None:
            raise LookupError(f"no customer {customer_id}")
        phones: dict[int, list[str]] = {}
        for contact_id, raw in session.execute(
            select(ContactPhone.contact_id, ContactPhone.raw)
            .join(Contact, Contact.id == ContactPhone.contact_id)
            .where(Contact.customer_id == customer_id)
            .order_by(ContactPhone.id)
        ):
            phones.setdefault(contact_id, []).append(raw)
        contacts = tuple(
            ContactInfo(cid, name, tuple(phones.get(cid, ())))
            for cid, name in session.execute(
                select(Contact.id, Contact.name)
                .where(Contact.customer_id == customer_id)
                .order_by(Contact.id)
            )
        )
        devices = session.execute(
            _device_query()
            .where(Equipment.customer_id == customer_id, Equipment.status == "active")
            .order_by(Equipment.serial_number)
            .limit(MAX_DEVICES_IN_CONTEXT)
        )
        return CallContext(
            customer_id,
            customer.name,
            customer.tier,
            contacts,
            tuple(DeviceInfo(*row) for row in devices),
        )


def _open_tickets(session: Session, equipment_id: int) -> tuple[TicketRef, ...]:
    rows = session.execute(
        select(Ticket.id, Ticket.number, Ticket.status, Ticket.reported_at)
        .where(
            Ticket.equipment_id == equipment_id,
            Ticket.status.in_([str(s) for s in OPEN_STATUSES]),
        )
        .order_by(Ticket.reported_at.desc())
        .limit(5)
    )
    return tuple(TicketRef(*row) for row in rows)


def _recent_fix(
    session: Session, equipment_id: int, now: datetime, repeat_days: int | None
) -> TicketRef | None:
    """The device's last fix within the repeat window (the centre's setting unless given)."""
    if repeat_days is None:
        repeat_days = setting(session, REPEAT_WINDOW_DAYS)
    row = session.execute(
        select(Ticket.id, Ticket.number, Ticket.status, Ticket.reported_at, Ticket.resolved_at)
        .where(
            Ticket.equipment_id == equipment_id,
            Ticket.resolved_at.is_not(None),
            Ticket.resolved_at >= now - timedelta(days=repeat_days),
            Ticket.resolved_at <= now,
        )
        .order_by(Ticket.resolved_at.desc())
        .limit(1)
    ).one_or_none()
    return TicketRef(*row) if row is not None else None


def intake_checks(
    db: Database,
    customer_id: int | None,
    equipment_id: int | None,
    now: datetime,
    repeat_days: int | None = None,
) -> IntakeChecks:
    """Open tickets on the device (offer "add to it"), its last fix within `repeat_days`
    (a repeat fault), and the device for prefilling the form."""
    if equipment_id is None:
        return IntakeChecks((), None, None)
    with db.session() as session:
        found = _device_rows(session, Equipment.id == equipment_id)
        return IntakeChecks(
            open_tickets=_open_tickets(session, equipment_id),
            repeat_of=_recent_fix(session, equipment_id, now, repeat_days),
            device=found[0] if found else None,
        )


# -- validation ------------------------------------------------------------------------


def _error(errors: list[FieldError], name: str, code: str, **params: str) -> None:
    errors.append(FieldError(name, code, params))


def _validate(session: Session, form: CallForm, now: datetime) -> list[FieldError]:
    return _check(session, form, now)[0]


def _check(
    session: Session, form: CallForm, now: datetime
) -> tuple[list[FieldError], DeviceInfo | None]:
    """The form's problems, and the known device it names (read once for the save too)."""
    errors: list[FieldError] = []
    if form.channel not in CHANNELS:
        _error(errors, "channel", "invalid")
    if form.outcome not in OUTCOMES:
        _error(errors, "outcome", "invalid")
    if form.urgency not in URGENCIES:
        _error(errors, "urgency", "invalid")

    # Who called: a known customer, or at least a name and a number to call back.
    if form.customer_id is None:
        if not form.caller_name.strip():
            _error(errors, "caller_name", "required")
        if not form.phone.strip():
            _error(errors, "phone", "required")
        if form.outcome in ("queue", "resolved"):
            _error(errors, "customer_id", "customer_required_for_ticket")
    elif session.get(Customer, form.customer_id) is None:
        _error(errors, "customer_id", "not_found")
    if form.phone.strip() and parse_phone(form.phone) is None:
        _error(errors, "phone", "phone_invalid")
    if form.contact_id is not None:
        contact_customer = session.scalar(
            select(Contact.customer_id).where(Contact.id == form.contact_id)
        )
        if contact_customer is None or contact_customer != form.customer_id:
            _error(errors, "contact_id", "contact_other_customer")

    if not form.description.strip():
        _error(errors, "description", "required")
    if form.outcome == "queue" and not form.severity:
        _error(errors, "severity", "required")
    if form.severity and form.severity not in SEVERITIES:
        _error(errors, "severity", "invalid")
    if form.outcome == "resolved":
        if not form.resolution_type:
            _error(errors, "resolution_type", "required")
        elif form.resolution_type not in FIRST_CALL_RESOLUTION_TYPES:
            _error(errors, "resolution_type", "invalid")
        if not form.solution.strip():
            _error(errors, "solution", "required")
    if form.outcome == "add_to_ticket":
        if form.add_to_ticket_id is None:
            _error(errors, "add_to_ticket_id", "required")
        else:
            status = session.scalar(select(Ticket.status).where(Ticket.id == form.add_to_ticket_id))
            if status not in [str(s) for s in OPEN_STATUSES]:
                _error(errors, "add_to_ticket_id", "ticket_not_open")
    unknown = [f for f in form.external_factors if f not in EXTERNAL_FACTORS]
    if unknown:
        _error(errors, "external_factors", "invalid", factors=", ".join(unknown))

    # When: nothing in the future, no install after the fault began.
    local = ZoneInfo(CENTRE_TIMEZONE)
    if form.fault_started_at is not None and form.fault_started_at > now + CLOCK_TOLERANCE:
        _error(errors, "fault_started_at", "in_future")
    if form.install_date is not None:
        if form.install_date > now.astimezone(local).date():
            _error(errors, "install_date", "in_future")
        elif (
            form.fault_started_at is not None
            and form.install_date > form.fault_started_at.astimezone(local).date()
        ):
            _error(errors, "install_date", "after_fault_start")

    # The device: known (maybe another customer's: allowed with a reason), or new (needs a model).
    device = _resolve_device(session, form)
    if form.equipment_id is not None and device is None:
        _error(errors, "serial", "not_found")
    elif device is not None:
        if (
            form.customer_id is not None
            and device.customer_id != form.customer_id
            and not form.serial_owner_reason.strip()
        ):
            _error(errors, "serial", "serial_other_customer", owner=device.customer_name)
    elif form.serial.strip():
        if form.product_model_id is None:
            _error(errors, "product_model_id", "model_required_for_new_serial")
        if form.customer_id is None:
            _error(errors, "serial", "customer_required_for_new_serial")
    if (
        form.product_model_id is not None
        and session.get(ProductModel, form.product_model_id) is None
    ):
        _error(errors, "product_model_id", "not_found")
    return errors, device


def _resolve_device(session: Session, form: CallForm) -> DeviceInfo | None:
    if form.equipment_id is not None:
        found = _device_rows(session, Equipment.id == form.equipment_id)
    elif form.serial.strip():
        found = _device_rows(session, Equipment.serial_number == form.serial.strip())
    else:
        return None
    return found[0] if found else None


def validate_call(db: Database, form: CallForm, now: datetime) -> tuple[FieldError, ...]:
    """Every problem of the form, at its field; empty when it may be saved."""
    with db.session() as session:
        return tuple(_validate(session, form, now))


# -- saving ----------------------------------------------------------------------------


def next_ticket_number(session: Session, year: int) -> str:
    """The next number of `year` (SR-2026-000123), atomic across desks.

    UPDATE … RETURNING holds the counter row until commit, so two desks never get the
    same number; the year's row is inserted (ON CONFLICT DO NOTHING) when it is missing.
    """
    bump = (
        update(TicketCounter)
        .where(TicketCounter.year == year)
        .values(last_number=TicketCounter.last_number + 1)
        .returning(TicketCounter.last_number)
    )
    number = session.execute(bump).scalar_one_or_none()
    if number is None:
        from sqlalchemy.dialects import postgresql, sqlite

        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(
            dialect.insert(TicketCounter)
            .values(year=year, last_number=0)
            .on_conflict_do_nothing(index_elements=["year"])
        )
        number = session.execute(bump).scalar_one()
    return f"SR-{year}-{number:06d}"


_queues: dict[str, int | None] = {}


def first_line_queue(session: Session) -> int | None:
    """The first-line queue new tickets wait in (looked up once per database)."""
    key = str(session.get_bind().engine.url)
    if key not in _queues:
        _queues[key] = session.scalar(select(Queue.id).where(Queue.code == FIRST_LINE_QUEUE))
    return _queues[key]


def _already_saved(session: Session, user: SignedInUser, started: datetime) -> SavedCall | None:
    """The call this agent started at this instant, if a previous attempt committed it."""
    call = session.scalars(
        select(Call).where(Call.started_at == started, Call.agent_id == user.id).limit(1)
    ).first()
    if call is None:
        return None
    ticket = session.get(Ticket, call.ticket_id) if call.ticket_id is not None else None
    repeat = ""
    if ticket is not None and ticket.repeat_of_id is not None:
        repeat = session.scalar(select(Ticket.number).where(Ticket.id == ticket.repeat_of_id)) or ""
    if ticket is None:
        outcome = "info_only"
    elif ticket.reported_at != call.started_at:
        outcome = "add_to_ticket"
    else:
        outcome = "resolved" if ticket.resolved_on_first_call else "queue"
    return SavedCall(
        call_id=call.id,
        ticket_id=ticket.id if ticket else None,
        ticket_number=ticket.number if ticket else "",
        status=ticket.status if ticket else "",
        priority=ticket.priority if ticket else "",
        plan_name="",
        response_due_at=ticket.response_due_at if ticket else None,
        resolution_due_at=ticket.resolution_due_at if ticket else None,
        repeat_of_number=repeat,
        equipment_id=ticket.equipment_id if ticket else None,
        registered_equipment=False,
        started_at=call.started_at,
        outcome=outcome,
        replayed=True,
    )


def _register_device(session: Session, user: SignedInUser, form: CallForm) -> int:
    assert form.customer_id is not None and form.product_model_id is not None
    site_id = session.scalar(
        select(Site.id).where(Site.customer_id == form.customer_id).order_by(Site.id).limit(1)
    )
    device = Equipment(
        serial_number=form.serial.strip(),
        product_model_id=form.product_model_id,
        customer_id=form.customer_id,
        site_id=site_id,
        install_date=form.install_date,
    )
    session.add(device)
    session.flush()
    session.add(
        AuditRecord(
            user_id=user.id,
            entity="equipment",
            entity_id=device.id,
            action="registered",
            details={
                "serial": device.serial_number,
                "product_model_id": device.product_model_id,
                "customer_id": device.customer_id,
                "site_id": site_id,
                "install_date": form.install_date.isoformat() if form.install_date else None,
            },
        )
    )
    record_change(
        session, "equipment", device.id, "create", user.id, {"customer_id": form.customer_id}
    )
    return device.id


def save_call(
    db: Database,
    user: SignedInUser,
    form: CallForm,
    now: datetime | None = None,
    repeat_days: int | None = None,
) -> SavedCall:
    """Validate and save the call in one transaction; CallRejected (nothing written) if invalid.

    Retrying after a lost connection is safe: a call of this agent with the same start instant
    that already committed is handed back (`replayed`) instead of being saved twice.
    """
    require(user.role, Permission.LOG_CALLS)
    now = now or datetime.now(UTC)
    started = form.call_started_at or now
    with db.session() as session:
        done = _already_saved(session, user, started)
        if done is not None:
            return done
        errors, device = _check(session, form, now)
        if errors:
            raise CallRejected(tuple(errors))

        registered = False
        equipment_id = device.id if device is not None else None
        if equipment_id is None and form.serial.strip() and form.customer_id is not None:
            equipment_id = _register_device(session, user, form)
            registered = True
        model_id = form.product_model_id or (device.product_model_id if device else None)

        ticket: Ticket | None = None
        plan_name = ""
        repeat_number = ""
        if form.outcome in ("queue", "resolved"):
            assert form.customer_id is not None
            customer = session.get(Customer, form.customer_id)  # loaded by the validation
            tier = customer.tier if customer is not None else None
            severity = form.severity or "minor"
            reported = started
            priority = priority_for(session, severity, tier or "standard")
            local_day = reported.astimezone(ZoneInfo(CENTRE_TIMEZONE)).date()
            plan_id = plan_for(session, form.customer_id, equipment_id, local_day)
            triage = deadlines(session, plan_id, priority, reported)
            plan_name = triage.plan_name
            repeat = (
                _recent_fix(session, equipment_id, now, repeat_days)
                if equipment_id is not None
                else None
            )
            repeat_number = repeat.number if repeat else ""
            resolved = form.outcome == "resolved"
            ticket = Ticket(
                number=next_ticket_number(session, local_day.year),
                channel=form.channel,
                customer_id=form.customer_id,
                contact_id=form.contact_id,
                equipment_id=equipment_id,
                product_model_id=model_id,
                reported_at=reported,
                fault_started_at=form.fault_started_at,
                symptom_category_id=form.symptom_category_id,
                error_code=form.error_code.strip(),
                description=form.description.strip(),
                external_factors=list(form.external_factors),
                urgency=form.urgency,
                severity=severity,
                priority=priority,
                status=TicketStatus.RESOLVED if resolved else TicketStatus.NEW,
                queue_id=first_line_queue(session),
                assignee_id=user.id if resolved else None,
                sla_plan_id=triage.plan_id,
                response_due_at=triage.response_due_at,
                resolution_due_at=triage.resolution_due_at,
                response_at_risk_at=triage.response_at_risk_at,
                resolution_at_risk_at=triage.resolution_at_risk_at,
                first_response_at=now if resolved else None,
                resolved_at=now if resolved else None,
                resolution_type=form.resolution_type if resolved else "",
                solution=form.solution.strip() if resolved else "",
                resolved_on_first_call=resolved,
                repeat_of_id=repeat.id if repeat else None,
                created_by_id=user.id,
                created_at=now,
                updated_at=now,
            )
            if resolved:
                stamp_response(session, ticket)
                stamp_resolution(session, ticket)
            session.add(ticket)
            session.flush()
            created = {
                "channel": form.channel,
                "severity": severity,
                "priority": priority,
                "sla_plan": plan_name,
            }
            if repeat is not None:
                created["repeat_of"] = repeat.number
            if form.serial_owner_reason.strip() and device is not None:
                created["serial_owner_reason"] = form.serial_owner_reason.strip()
            session.add(
                TicketEvent(
                    ticket_id=ticket.id,
                    at=reported,
                    user_id=user.id,
                    kind="created",
                    details=created,
                )
            )
            if resolved:
                session.add(
                    TicketEvent(
                        ticket_id=ticket.id,
                        at=now,
                        user_id=user.id,
                        kind="resolved",
                        details={"resolution_type": form.resolution_type, "first_call": True},
                    )
                )
                plan_follow_up(session, ticket.id, now)
            record_change(
                session,
                "ticket",
                ticket.id,
                "create",
                user.id,
                {
                    "customer_id": form.customer_id,
                    "equipment_id": equipment_id,
                    "status": str(ticket.status),
                },
            )
        elif form.outcome == "add_to_ticket":
            assert form.add_to_ticket_id is not None
            ticket = session.get(Ticket, form.add_to_ticket_id)
            assert ticket is not None
            ticket.updated_at = now
            plan_name = ""

        call = Call(
            direction="in",
            channel=form.channel,
            phone=form.phone.strip(),
            phone_e164=(parsed.e164 if (parsed := parse_phone(form.phone)) else ""),
            customer_id=form.customer_id,
            contact_id=form.contact_id,
            caller_name=form.caller_name.strip(),
            agent_id=user.id,
            started_at=started,
            ticket_id=ticket.id if ticket is not None else None,
            external_call_id=form.external_call_id,
            notes=form.description.strip() if ticket is None else "",
        )
        session.add(call)
        session.flush()
        if form.outcome == "add_to_ticket" and ticket is not None:
            session.add(
                TicketEvent(
                    ticket_id=ticket.id,
                    at=now,
                    user_id=user.id,
                    kind="call_added",
                    details={"call_id": call.id, "note": form.description.strip()},
                )
            )
            record_change(
                session,
                "ticket",
                ticket.id,
                "update",
                user.id,
                {"customer_id": ticket.customer_id, "equipment_id": ticket.equipment_id},
            )
        record_change(
            session,
            "call",
            call.id,
            "create",
            user.id,
            {
                "customer_id": form.customer_id,
                "equipment_id": ticket.equipment_id if ticket is not None else equipment_id,
            },
        )
        session.commit()
        return SavedCall(
            call_id=call.id,
            ticket_id=ticket.id if ticket is not None else None,
            ticket_number=ticket.number if ticket is not None else "",
            status=str(ticket.status) if ticket is not None else "",
            priority=ticket.priority if ticket is not None else "",
            plan_name=plan_name,
            response_due_at=ticket.response_due_at if ticket is not None else None,
            resolution_due_at=ticket.resolution_due_at if ticket is not None else None,
            repeat_of_number=repeat_number,
            equipment_id=ticket.equipment_id if ticket is not None else equipment_id,
            registered_equipment=registered,
            started_at=started,
            outcome=form.outcome,
        )


def end_call(
    db: Database,
    user: SignedInUser,
    call_id: int,
    wrap_up_code: str,
    ended_at: datetime | None = None,
) -> CallEnded:
    """Record the wrap-up code and the end of the call; its duration is end − start."""
    require(user.role, Permission.LOG_CALLS)
    if wrap_up_code not in WRAP_UP_CODES:
        raise ValueError(f"unknown wrap-up code {wrap_up_code!r}")
    ended_at = ended_at or datetime.now(UTC)
    with db.session() as session:
        call = session.get(Call, call_id)
        if call is None:
            raise LookupError(f"no call {call_id}")
        ended_at = max(ended_at, call.started_at)
        call.ended_at = ended_at
        call.wrap_up_code = wrap_up_code
        record_change(
            session,
            "call",
            call.id,
            "update",
            user.id,
            {"customer_id": call.customer_id, "wrap_up_code": wrap_up_code},
        )
        duration = (ended_at - call.started_at).total_seconds()
        session.commit()
        return CallEnded(call_id, wrap_up_code, duration)
