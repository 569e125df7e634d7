"""The service sheet of a visit: what the engineer did on site, its cost, and what follows.

The engineer records it (or an agent, from the engineer's call): arrival and departure, work
done, the result, advice given, travel, who at the customer confirmed. One transaction locks
the visit (and its ticket), refuses a stale `version` with SheetConflict, stores the sheet
and its cost (services/visit_cost.py, rates from the centre settings), marks the visit
completed and settles the ticket:

- fixed, unit replaced, no fault found, customer misuse → the ticket resolves (ticket_work's
  resolution path: resolution type from the result, root cause as entered, the work done
  and the advice as the solution; the follow-up call is planned);
- another visit needed → the ticket stays open and is worked (in progress; see
  ticket_work.work_on_in_session);
- a unit replaced with the new unit's serial given → the replacement is registered at the
  same site (equipment_edit.replace_in_session: the old unit points at it, contracts move).

The ticket's timeline gets "visit_completed" (result and cost); the visit an audit line;
both are on the change log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    OPEN_STATUSES,
    Contact,
    Customer,
    Equipment,
    ProductModel,
    ServiceContract,
    Site,
    Ticket,
    User,
    Visit,
    VisitResult,
    VisitStatus,
    contract_equipment,
)
from workstation.outcomes import FieldError, Refused
from workstation.permissions import Permission, require_any
from workstation.services.auth import SignedInUser
from workstation.services.centre_settings import (
    DISTANCE_RATE_PER_KM,
    LABOUR_RATE_PER_HOUR,
    URGENCY_SURCHARGE,
    amount,
)
from workstation.services.customer_card import warranty_state
from workstation.services.customer_edit import EditConflict, EditRejected, RecordNotFound, audit
from workstation.services.customer_edit import first_phone as contact_phone
from workstation.services.equipment_edit import replace_in_session
from workstation.services.intake import CENTRE_TIMEZONE, CLOCK_TOLERANCE
from workstation.services.stock import StockShortage
from workstation.services.ticket_work import (
    Resolution,
    append_event,
    lock_ticket,
    resolve_in_session,
    work_on_in_session,
)
from workstation.services.visit_cost import Rates, VisitCost, is_urgent, labour_minutes, visit_cost
from workstation.services.visit_part_lines import ConsumedPart, consumed_parts, parts_total
from workstation.services.visit_parts import PartUse, consume_in_session

# Who may record a sheet: the engineer, or an agent taking the engineer's call.
RECORD_PERMISSIONS = (Permission.RECORD_VISITS, Permission.LOG_CALLS)

RESULTS = tuple(r.value for r in VisitResult)
# The ticket's resolution type when the visit's result resolves it (ticket_detail's types).
RESOLUTION_OF_RESULT = {
    VisitResult.FIXED.value: "onsite_repair",
    VisitResult.UNIT_REPLACED.value: "device_replaced",
    VisitResult.NO_FAULT_FOUND.value: "no_fault_found",
    VisitResult.CUSTOMER_MISUSE.value: "customer_side",
}
MAX_WORK_DONE = 4000
MAX_ADVICE = 2000
MAX_ROOT_CAUSE = 1000
MAX_CONFIRMED_BY = 100  # visits.confirmed_by
MAX_SERIAL = 60
# Longer is a typing mistake (a wrong day): several days of work are several visits.
MAX_ON_SITE_HOURS = 24
MAX_ON_SITE = timedelta(hours=MAX_ON_SITE_HOURS)
# Travel there and back; more is a typing mistake (visits.travel_km holds one decimal).
MAX_TRAVEL_KM = Decimal(2000)
KM_STEP = Decimal("0.1")


def visit_number(visit_id: int) -> str:
    """How a visit is named on screens and paper ("V-000123")."""
    return f"V-{visit_id:06d}"


# --- what the screen sends and gets back -------------------------------------------------


@dataclass(frozen=True)
class SheetInput:
    """The service sheet as entered. `root_cause` feeds the ticket's resolution (required
    when the visit resolves an open ticket); `new_serial` names the replacement unit of a
    unit_replaced visit (optional). `parts_used`: the parts fitted, from the visit's
    reservations or straight from a location (the engineer's van); reserved lines not
    named here go back to stock (visit_parts.consume_in_session)."""

    arrived_at: datetime | None
    departed_at: datetime | None
    work_done: str
    result: str
    advice: str = ""
    travel_km: Decimal = Decimal(0)
    confirmed_by: str = ""
    root_cause: str = ""
    new_serial: str = ""
    parts_used: tuple[PartUse, ...] = ()


@dataclass(frozen=True)
class SheetResult:
    """The visit after its sheet was saved, and what became of its ticket."""

    visit_id: int
    number: str
    version: int
    status: str
    result: str
    cost: VisitCost
    ticket_id: int | None
    ticket_number: str
    ticket_status: str  # "" without a ticket
    ticket_version: int | None
    ticket_resolved: bool
    follow_up_id: int | None
    replacement_equipment_id: int | None


@dataclass(frozen=True)
class SheetDetail:
    """Everything the visit window and the printed sheet show.

    Times are aware UTC instants; amounts Decimal; `rates` are those in force now (the
    window's live preview), the stored costs those of the saved sheet. `centre_name` and
    `hotline` stay "" while the centre has no such setting.
    """

    visit_id: int
    number: str
    kind: str
    status: str
    version: int
    priority: str
    due_on: date | None
    starts_at: datetime | None
    ends_at: datetime | None
    notes: str
    checklist: tuple[str, ...]
    cancel_reason: str
    customer_id: int
    customer_name: str
    customer_address: str
    site_name: str
    site_address: str
    contact_name: str
    contact_phone: str
    equipment_id: int | None
    serial: str
    model_code: str
    model_name: str
    install_date: date | None
    warranty_end: date | None
    warranty_state: str  # customer_card's in_warranty / under_contract / chargeable; ""
    replaced_by_serial: str
    engineer_id: int | None
    engineer_name: str
    arrived_at: datetime | None
    departed_at: datetime | None
    work_done: str
    result: str
    advice: str
    travel_km: Decimal | None
    labour_minutes: int | None
    labour_cost: Decimal | None
    distance_cost: Decimal | None
    surcharge: Decimal | None
    total_cost: Decimal | None
    confirmed_by: str
    completed_by_name: str
    completed_at: datetime | None
    ticket_id: int | None
    ticket_number: str
    ticket_status: str
    ticket_version: int | None
    fault_description: str
    error_code: str
    urgency: str
    ticket_priority: str
    root_cause: str
    urgent: bool
    rates: Rates
    centre_name: str = ""
    hotline: str = ""
    # The parts fitted (a completed visit), priced from the catalogue; not in total_cost.
    parts: tuple[ConsumedPart, ...] = ()

    @property
    def parts_cost(self) -> Decimal:
        return parts_total(self.parts)

    @property
    def ticket_open(self) -> bool:
        """The sheet will resolve or work the ticket (it is not resolved or closed yet)."""
        return self.ticket_id is not None and self.ticket_status in OPEN_STATUSES

    @property
    def recordable(self) -> bool:
        """Booked: the sheet may be recorded."""
        return self.status == VisitStatus.BOOKED


# --- refusals ----------------------------------------------------------------------------


class SheetRefused(Refused):
    """The sheet did not validate: `errors` name the fields (nothing was written)."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)


class SheetConflict(Refused):
    """Another desk changed the visit since it was loaded (moved, cancelled, recorded it):
    nothing was written; `current` is the visit as stored now."""

    def __init__(self, current: SheetDetail) -> None:
        super().__init__(f"visit {current.number} was changed by another desk")
        self.current = current


# --- reading -----------------------------------------------------------------------------


def rates_in_force(session: Session) -> Rates:
    """The centre's cost rates now, in the caller's transaction."""
    return Rates(
        amount(session, LABOUR_RATE_PER_HOUR),
        amount(session, DISTANCE_RATE_PER_KM),
        amount(session, URGENCY_SURCHARGE),
    )


def sheet_detail(
    db: Database, user: SignedInUser, visit_id: int, today: date | None = None
) -> SheetDetail:
    """The visit with its sheet, for the window and the printout (RecordNotFound)."""
    require_any(user.role, *RECORD_PERMISSIONS)
    with db.session() as session:
        return _detail(session, visit_id, today or date.today())


def _name(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    return session.scalar(select(User.display_name).where(User.id == user_id)) or ""


def _detail(session: Session, visit_id: int, today: date) -> SheetDetail:
    visit = session.get(Visit, visit_id, populate_existing=True)
    if visit is None:
        raise RecordNotFound("visit", visit_id)
    customer = session.get(Customer, visit.customer_id)
    assert customer is not None
    site = session.get(Site, visit.site_id) if visit.site_id is not None else None
    ticket = session.get(Ticket, visit.ticket_id) if visit.ticket_id is not None else None
    device = session.get(Equipment, visit.equipment_id) if visit.equipment_id else None
    if site is None and device is not None and device.site_id is not None:
        site = session.get(Site, device.site_id)
    model = session.get(ProductModel, device.product_model_id) if device else None
    contact_id = ticket.contact_id if ticket is not None else None
    if contact_id is None:
        contact_id = session.scalar(
            select(Contact.id)
            .where(Contact.customer_id == customer.id)
            .order_by(Contact.id)
            .limit(1)
        )
    contact = session.get(Contact, contact_id) if contact_id is not None else None
    state = ""
    replaced_by = ""
    if device is not None:
        covered = session.scalar(
            select(ServiceContract.id)
            .join(contract_equipment, contract_equipment.c.contract_id == ServiceContract.id)
            .where(
                contract_equipment.c.equipment_id == device.id,
                ServiceContract.valid_from <= today,
                ServiceContract.valid_to >= today,
            )
            .limit(1)
        )
        state = warranty_state(device.warranty_end, covered is not None, today)
        if device.replaced_by_id is not None:
            replaced_by = (
                session.scalar(
                    select(Equipment.serial_number).where(Equipment.id == device.replaced_by_id)
                )
                or ""
            )
    site_address = " ".join(p for p in (site.city, site.address) if p) if site else ""
    urgency = ticket.urgency if ticket is not None else ""
    ticket_priority = ticket.priority if ticket is not None else ""
    return SheetDetail(
        visit_id=visit.id,
        number=visit_number(visit.id),
        kind=visit.kind,
        status=visit.status,
        version=visit.version,
        priority=visit.priority,
        due_on=visit.due_on,
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        notes=visit.notes,
        checklist=tuple(str(item) for item in visit.checklist or ()),
        cancel_reason=visit.cancel_reason,
        customer_id=customer.id,
        customer_name=customer.name,
        customer_address=customer.address,
        site_name=site.name if site else "",
        site_address=site_address,
        contact_name=contact.name if contact else "",
        contact_phone=contact_phone(session, contact.id if contact else None),
        equipment_id=device.id if device else None,
        serial=device.serial_number if device else "",
        model_code=model.code if model else "",
        model_name=model.name if model else "",
        install_date=device.install_date if device else None,
        warranty_end=device.warranty_end if device else None,
        warranty_state=state,
        replaced_by_serial=replaced_by,
        engineer_id=visit.engineer_id,
        engineer_name=_name(session, visit.engineer_id),
        arrived_at=visit.arrived_at,
        departed_at=visit.departed_at,
        work_done=visit.work_done,
        result=visit.result,
        advice=visit.advice,
        travel_km=visit.travel_km,
        labour_minutes=visit.labour_minutes,
        labour_cost=visit.labour_cost,
        distance_cost=visit.distance_cost,
        surcharge=visit.surcharge,
        total_cost=visit.total_cost,
        confirmed_by=visit.confirmed_by,
        completed_by_name=_name(session, visit.completed_by_id),
        completed_at=visit.completed_at,
        ticket_id=ticket.id if ticket else None,
        ticket_number=ticket.number if ticket else "",
        ticket_status=ticket.status if ticket else "",
        ticket_version=ticket.version if ticket else None,
        fault_description=ticket.description if ticket else "",
        error_code=ticket.error_code if ticket else "",
        urgency=urgency,
        ticket_priority=ticket_priority,
        root_cause=ticket.root_cause if ticket else "",
        urgent=is_urgent(urgency, ticket_priority, visit.priority),
        rates=rates_in_force(session),
        parts=consumed_parts(session, visit.id),
    )


# --- parts -------------------------------------------------------------------------------


def _consume_parts(
    session: Session, user: SignedInUser, visit_id: int, uses: Sequence[PartUse], now: datetime
) -> None:
    """Fit the parts named, return the reserved ones not used; refusals as the sheet's own,
    at `parts_used` with the line (1-based) and the line's field in the params."""
    try:
        consume_in_session(session, user.id, visit_id, uses, now)
    except StockShortage as shortage:
        raise SheetRefused([_parts_error(e) for e in shortage.errors]) from shortage
    except EditRejected as rejected:
        raise SheetRefused([_parts_error(e) for e in rejected.errors]) from rejected


def _parts_error(error: FieldError) -> FieldError:
    """uses.<i>.<field> (consume_in_session's naming) as parts_used, line i + 1."""
    parts = error.field.split(".")
    params = dict(error.params)
    if len(parts) == 3 and parts[0] == "uses" and parts[1].isdigit():
        params.update(line=str(int(parts[1]) + 1), column=parts[2])
    return FieldError("parts_used", error.code, params)


# --- validation --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Clean:
    arrived_at: datetime
    departed_at: datetime
    work_done: str
    result: str
    advice: str
    travel_km: Decimal
    confirmed_by: str
    root_cause: str
    new_serial: str


def _text(errors: list[FieldError], field: str, value: str, limit: int, *, required: bool) -> str:
    value = value.strip()
    if required and not value:
        errors.append(FieldError(field, "required"))
    elif len(value) > limit:
        errors.append(FieldError(field, "too_long", {"max": str(limit)}))
    return value


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _validate(
    sheet: SheetInput, now: datetime, *, resolves_ticket: bool, has_device: bool
) -> tuple[_Clean | None, list[FieldError]]:
    """The cleaned sheet, or the problems at its fields (every one, not the first)."""
    errors: list[FieldError] = []
    arrived = _aware(sheet.arrived_at) if sheet.arrived_at is not None else None
    departed = _aware(sheet.departed_at) if sheet.departed_at is not None else None
    latest = now + CLOCK_TOLERANCE
    if arrived is None:
        errors.append(FieldError("arrived_at", "required"))
    elif arrived > latest:
        errors.append(FieldError("arrived_at", "in_future"))
    if departed is None:
        errors.append(FieldError("departed_at", "required"))
    elif departed > latest:
        errors.append(FieldError("departed_at", "in_future"))
    elif arrived is not None and departed <= arrived:
        errors.append(FieldError("departed_at", "not_after_arrival"))
    elif arrived is not None and departed - arrived > MAX_ON_SITE:
        errors.append(
            FieldError("departed_at", "too_long_on_site", {"hours": str(MAX_ON_SITE_HOURS)})
        )
    work_done = _text(errors, "work_done", sheet.work_done, MAX_WORK_DONE, required=True)
    result = sheet.result.strip()
    if not result:
        errors.append(FieldError("result", "required"))
    elif result not in RESULTS:
        errors.append(FieldError("result", "unknown"))
    misuse = result == VisitResult.CUSTOMER_MISUSE
    advice = _text(errors, "advice", sheet.advice, MAX_ADVICE, required=misuse)
    km = sheet.travel_km
    if not km.is_finite():
        errors.append(FieldError("travel_km", "not_a_number"))
    elif km < 0:
        errors.append(FieldError("travel_km", "negative"))
    elif km > MAX_TRAVEL_KM:
        errors.append(FieldError("travel_km", "too_large", {"max": str(MAX_TRAVEL_KM)}))
    elif km != km.quantize(KM_STEP):
        errors.append(FieldError("travel_km", "too_precise", {"decimals": "1"}))
    confirmed_by = _text(
        errors, "confirmed_by", sheet.confirmed_by, MAX_CONFIRMED_BY, required=True
    )
    root_cause = _text(
        errors,
        "root_cause",
        sheet.root_cause,
        MAX_ROOT_CAUSE,
        required=resolves_ticket and result in RESOLUTION_OF_RESULT,
    )
    new_serial = sheet.new_serial.strip()
    if new_serial:
        if result != VisitResult.UNIT_REPLACED:
            errors.append(FieldError("new_serial", "not_replaced"))
        elif not has_device:
            errors.append(FieldError("new_serial", "no_device"))
        elif len(new_serial) > MAX_SERIAL:
            errors.append(FieldError("new_serial", "too_long", {"max": str(MAX_SERIAL)}))
    if errors or arrived is None or departed is None:
        return None, errors
    clean = _Clean(
        arrived,
        departed,
        work_done,
        result,
        advice,
        km.quantize(KM_STEP),
        confirmed_by,
        root_cause,
        new_serial,
    )
    return clean, errors


# --- writing -----------------------------------------------------------------------------


def _locked_visit(db: Database, session: Session, visit_id: int) -> Visit:
    """The visit row, locked for this transaction (SQLite: the write lock taken first)."""
    if db.backend == "sqlite":
        session.execute(
            update(Visit)
            .where(Visit.id == visit_id)
            .values(version=Visit.version)
            .execution_options(synchronize_session=False)
        )
    visit = session.get(Visit, visit_id, with_for_update=db.backend != "sqlite")
    if visit is None:
        raise RecordNotFound("visit", visit_id)
    return visit


def _status_error(status: str) -> FieldError | None:
    if status == VisitStatus.BOOKED:
        return None
    code = {
        VisitStatus.UNSCHEDULED.value: "not_booked",
        VisitStatus.CANCELLED.value: "cancelled",
        VisitStatus.COMPLETED.value: "already_completed",
    }.get(status, "not_booked")
    return FieldError("status", code, {"status": status})


def record_sheet(
    db: Database,
    user: SignedInUser,
    visit_id: int,
    version: int,
    sheet: SheetInput,
    now: datetime | None = None,
) -> SheetResult:
    """Store the sheet of a booked visit, complete it, settle its ticket (see the module doc).

    Refusals: PermissionDenied (neither RECORD_VISITS nor LOG_CALLS); RecordNotFound;
    SheetConflict (stale `version`); SheetRefused with FieldErrors at arrived_at,
    departed_at, work_done, result, advice, travel_km, confirmed_by, root_cause, new_serial
    and "status" (the visit is not booked: not_booked, cancelled, already_completed).
    """
    require_any(user.role, *RECORD_PERMISSIONS)
    now = now or datetime.now(UTC)
    with db.session() as session:
        visit = _locked_visit(db, session, visit_id)
        if visit.version != version:
            raise SheetConflict(_detail(session, visit_id, now.date()))
        ticket = lock_ticket(db, session, visit.ticket_id) if visit.ticket_id else None
        status_error = _status_error(visit.status)
        if status_error is not None:
            raise SheetRefused([status_error])
        ticket_open = ticket is not None and ticket.status in OPEN_STATUSES
        clean, errors = _validate(
            sheet, now, resolves_ticket=ticket_open, has_device=visit.equipment_id is not None
        )
        if clean is None:
            raise SheetRefused(errors)

        urgency = ticket.urgency if ticket is not None else ""
        priority = ticket.priority if ticket is not None else ""
        minutes = labour_minutes(clean.arrived_at, clean.departed_at)
        cost = visit_cost(
            minutes,
            clean.travel_km,
            is_urgent(urgency, priority, visit.priority),
            rates_in_force(session),
        )
        replacement_id = _replace_unit(session, user, visit, clean)
        _consume_parts(session, user, visit.id, sheet.parts_used, now)

        visit.arrived_at = clean.arrived_at
        visit.departed_at = clean.departed_at
        visit.work_done = clean.work_done
        visit.result = clean.result
        visit.advice = clean.advice
        visit.travel_km = clean.travel_km
        visit.labour_minutes = cost.labour_minutes
        visit.labour_cost = cost.labour
        visit.distance_cost = cost.distance
        visit.surcharge = cost.surcharge
        visit.total_cost = cost.total
        visit.confirmed_by = clean.confirmed_by
        visit.completed_by_id = user.id
        visit.completed_at = now
        visit.status = VisitStatus.COMPLETED
        visit.version += 1
        visit.updated_at = now
        number = visit_number(visit.id)
        audit(session, user, "visit", visit.id, "completed", _sheet_record(clean, cost, number))
        record_change(
            session,
            "visit",
            visit.id,
            "update",
            user.id,
            {
                "status": VisitStatus.COMPLETED.value,
                "version": visit.version,
                "engineer_id": visit.engineer_id,
                "ticket_id": visit.ticket_id,
                "customer_id": visit.customer_id,
                "equipment_id": visit.equipment_id,
            },
        )

        follow_up_id: int | None = None
        resolved = False
        if ticket is not None:
            details: dict[str, Any] = {
                "visit_id": visit.id,
                "visit": number,
                "result": clean.result,
                "total_cost": str(cost.total),
                "engineer": _name(session, visit.engineer_id),
                "confirmed_by": clean.confirmed_by,
            }
            if clean.new_serial:
                details["new_serial"] = clean.new_serial.upper()
            append_event(session, ticket, user.id, "visit_completed", now, details)
            if ticket_open and clean.result in RESOLUTION_OF_RESULT:
                follow_up_id = resolve_in_session(session, user, ticket, now, _resolution(clean))
                resolved = True
            else:
                work_on_in_session(session, user, ticket, now)
        session.commit()
        return SheetResult(
            visit_id=visit.id,
            number=number,
            version=visit.version,
            status=visit.status,
            result=visit.result,
            cost=cost,
            ticket_id=ticket.id if ticket else None,
            ticket_number=ticket.number if ticket else "",
            ticket_status=ticket.status if ticket else "",
            ticket_version=ticket.version if ticket else None,
            ticket_resolved=resolved,
            follow_up_id=follow_up_id,
            replacement_equipment_id=replacement_id,
        )


def _resolution(clean: _Clean) -> Resolution:
    solution = clean.work_done if not clean.advice else f"{clean.work_done}\n{clean.advice}"
    return Resolution(RESOLUTION_OF_RESULT[clean.result], clean.root_cause, solution)


def _replace_unit(session: Session, user: SignedInUser, visit: Visit, clean: _Clean) -> int | None:
    """Register the replacement unit when its serial was given (installed the day of the
    arrival, in the centre's calendar); its refusals become the sheet's, at new_serial."""
    if not clean.new_serial or visit.equipment_id is None:
        return None
    old = session.get(Equipment, visit.equipment_id)
    if old is None:
        raise RecordNotFound("equipment", visit.equipment_id)
    installed = clean.arrived_at.astimezone(ZoneInfo(CENTRE_TIMEZONE)).date()
    try:
        replaced = replace_in_session(
            session,
            user,
            old,
            clean.new_serial,
            None,
            installed,
            clean.work_done[:500],
            today=installed,
        )
    except EditRejected as rejected:
        raise SheetRefused(
            [
                FieldError("new_serial", e.code, e.params)
                if e.field in ("new_serial", "equipment")
                else e
                for e in rejected.errors
            ]
        ) from None
    except EditConflict:
        raise SheetRefused([FieldError("new_serial", "device_changed")]) from None
    return replaced.new_id


def _sheet_record(clean: _Clean, cost: VisitCost, number: str) -> dict[str, Any]:
    """The sheet as the audit trail keeps it (amounts as exact text)."""
    return {
        "visit": number,
        "arrived_at": clean.arrived_at.isoformat(),
        "departed_at": clean.departed_at.isoformat(),
        "result": clean.result,
        "work_done": clean.work_done,
        "advice": clean.advice,
        "travel_km": str(clean.travel_km),
        "labour_minutes": cost.labour_minutes,
        "labour_cost": str(cost.labour),
        "distance_cost": str(cost.distance),
        "surcharge": str(cost.surcharge),
        "total_cost": str(cost.total),
        "confirmed_by": clean.confirmed_by,
        "new_serial": clean.new_serial,
    }
