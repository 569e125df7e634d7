"""Booking engineers' visits: book, move, cancel, and suggest a slot for a ticket.

An engineer is never booked twice at once. On PostgreSQL the exclusion constraint
`ex_visits_engineer_time` (migration 0011) refuses the second of two overlapping bookings
even when two dispatchers commit at the same moment; the service turns that refusal into
the same ScheduleConflict (`overlap`) its own check gives. On SQLite the write lock is
taken first (a no-op UPDATE, as ticket_work does), then the rules are checked, then the
visit is written: SQLite runs such transactions one at a time, so the check holds.

The rules (workstation/services/visit_rules.py): overlap, absence, a start in the past and
a bad time range refuse the booking; outside working hours, not a working day and too
little travel time are warnings the dispatcher may accept (`accept_warnings`: overtime, a
weekend job, a tight drive), and the result then carries them in `warnings`.

What a visit does to its ticket (the ticket's timeline and status follow):
- booked: "visit_booked" on the timeline (engineer, time, kind). A *new* ticket nobody has
  yet is given to the engineer and becomes *assigned* (the visit is the dispatch); a ticket
  someone already works keeps its assignee and status (the visit is part of their work).
- moved: "visit_moved" (from → to). When the visit goes to another engineer and the ticket
  was the old engineer's, the ticket goes with it to the new one ("assigned" on the
  timeline); otherwise the ticket stays as it is. Booking an unscheduled visit (one a
  maintenance plan or an installation created) is a "visit_booked".
- cancelled: "visit_cancelled" with the reason. Nothing else changes: the ticket keeps its
  status and assignee (no silent reopen or unassign); the agent books again or reassigns.
- a visit cannot be booked on a resolved or closed ticket (reopen it first).
Every write bumps the ticket's version and logs its change, so open ticket windows reload.

An installation visit is due by its contract's delivery date (`due_on`); any visit with a
due date that starts (centre's local day) after it is `late` in the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    OPEN_STATUSES,
    Customer,
    Equipment,
    ProductModel,
    ServiceContract,
    Site,
    Ticket,
    TicketStatus,
    User,
    Visit,
    VisitKind,
    VisitStatus,
)
from workstation.outcomes import FieldError, Refused
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound, audit
from workstation.services.engineers import ENGINEER_ROLE
from workstation.services.ticket_work import append_event, lock_ticket, touch_ticket
from workstation.services.travel import Point, TravelModel, point, travel_model
from workstation.services.visit_parts import release_visit_in_session
from workstation.services.visit_rules import (
    CENTRE_ZONE,
    EngineerCalendar,
    check_slot,
    engineer_calendars,
    is_hard,
    local,
    visit_problems,
)

VISIT_KINDS: tuple[str, ...] = tuple(kind.value for kind in VisitKind)
MOVABLE = (VisitStatus.BOOKED.value, VisitStatus.UNSCHEDULED.value)
MAX_NOTES = 2000
MAX_REASON = 500
# Slot suggestions look this far ahead, in steps of this many minutes.
SUGGEST_DAYS = 14
SLOT_STEP_MINUTES = 15
# An engineer's load: minutes booked from now over this many days.
LOAD_DAYS = 7
EXCLUSION_VIOLATION = "23P01"  # PostgreSQL's SQLSTATE


# --- refusals -------------------------------------------------------------------------------


class ScheduleConflict(Refused):
    """The time does not work for the engineer: `problems` say why (visit_rules codes).

    `overridable`: only warnings (hours, day, travel); booking again with
    `accept_warnings=True` books it. Otherwise (overlap, absence, past, bad range) it
    cannot be booked at that time.
    """

    def __init__(self, problems: Sequence[FieldError]) -> None:
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = tuple(problems)

    @property
    def errors(self) -> tuple[FieldError, ...]:
        return self.problems

    @property
    def overridable(self) -> bool:
        return bool(self.problems) and not is_hard(self.problems)


class VisitRefused(Refused):
    """The request did not validate (`errors` name the fields); nothing was written."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)


# --- what the screens send and get back -----------------------------------------------------


@dataclass(frozen=True)
class VisitRef:
    """A visit as the screens hand it around (the move and cancel dialogs take one)."""

    visit_id: int
    version: int
    engineer_id: int | None
    starts_at: datetime | None
    ends_at: datetime | None
    customer_name: str
    kind: str = VisitKind.REPAIR.value
    status: str = VisitStatus.BOOKED.value
    engineer_name: str = ""
    ticket_id: int | None = None
    ticket_number: str = ""


class VisitConflict(Refused):
    """Another desk changed the visit since it was loaded: nothing was written; `current`
    is the visit now (its version to retry with)."""

    def __init__(self, current: VisitRef) -> None:
        super().__init__(f"visit {current.visit_id} was changed by another desk")
        self.current = current


@dataclass(frozen=True)
class Booking:
    """A visit to book: from a ticket (customer, device and site follow from it) or for a
    customer, site or device without one. `kind` is a VisitKind (or its value)."""

    kind: VisitKind | str
    engineer_id: int
    starts_at: datetime
    ends_at: datetime
    ticket_id: int | None = None
    customer_id: int | None = None
    site_id: int | None = None
    equipment_id: int | None = None
    contract_id: int | None = None
    due_on: date | None = None
    notes: str = ""
    accept_warnings: bool = False


@dataclass(frozen=True)
class VisitChange:
    """The visit after a write, and what happened to its ticket."""

    visit_id: int
    version: int
    kind: str
    status: str
    engineer_id: int | None
    engineer_name: str
    starts_at: datetime | None
    ends_at: datetime | None
    customer_id: int
    customer_name: str
    site_id: int | None
    ticket_id: int | None
    ticket_number: str
    ticket_status: str
    due_on: date | None
    late: bool
    warnings: tuple[FieldError, ...] = ()
    changed: bool = True

    @property
    def ref(self) -> VisitRef:
        return VisitRef(
            self.visit_id,
            self.version,
            self.engineer_id,
            self.starts_at,
            self.ends_at,
            self.customer_name,
            self.kind,
            self.status,
            self.engineer_name,
            self.ticket_id,
            self.ticket_number,
        )


@dataclass(frozen=True)
class SlotSuggestion:
    """An engineer and their earliest free slot for the ticket, and why they are offered."""

    engineer_id: int
    engineer_name: str
    starts_at: datetime
    ends_at: datetime
    load_minutes: int  # booked over the next LOAD_DAYS days
    meets_deadline: bool | None  # None: the ticket has no resolution deadline
    region_match: bool
    skill_match: bool  # knows the ticket's product kind
    generalist: bool  # has no skills listed: may go, after the specialists
    distance_km: float | None  # road estimate from the engineer's base, when both are known


# --- shared steps ---------------------------------------------------------------------------


def _lock_engineer_time(db: Database, session: Session, engineer_id: int) -> None:
    """SQLite: take the write lock before reading the engineer's visits (a no-op UPDATE)."""
    if db.backend == "sqlite":
        session.execute(
            update(User)
            .where(User.id == engineer_id)
            .values(active=User.active)
            .execution_options(synchronize_session=False)
        )


def _lock_visit(db: Database, session: Session, visit_id: int) -> Visit:
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


def _engineer(session: Session, engineer_id: int | None, errors: list[FieldError]) -> User | None:
    if engineer_id is None:
        errors.append(FieldError("engineer_id", "required"))
        return None
    found = session.get(User, engineer_id)
    if found is None:
        errors.append(FieldError("engineer_id", "not_found"))
    elif found.role != ENGINEER_ROLE:
        errors.append(FieldError("engineer_id", "not_engineer"))
    elif not found.active:
        errors.append(FieldError("engineer_id", "inactive"))
    else:
        return found
    return None


def _place(session: Session, site_id: int | None) -> Point | None:
    if site_id is None:
        return None
    row = session.execute(select(Site.latitude, Site.longitude).where(Site.id == site_id)).first()
    return point(row[0], row[1]) if row is not None else None


def _refuse(problems: tuple[FieldError, ...], accept_warnings: bool) -> tuple[FieldError, ...]:
    """Raise for hard problems, and for warnings not accepted; the accepted warnings."""
    if problems and (is_hard(problems) or not accept_warnings):
        raise ScheduleConflict(problems)
    return problems


def _is_exclusion(error: IntegrityError) -> bool:
    return getattr(error.orig, "sqlstate", None) == EXCLUSION_VIOLATION


def _overlaps(
    session: Session, engineer_id: int, starts_at: datetime, ends_at: datetime, ignore: int | None
) -> tuple[FieldError, ...]:
    """The overlap problems as they stand now (after a race lost on the constraint)."""
    calendar = engineer_calendars(session, [engineer_id], starts_at, ends_at)[engineer_id]
    found = tuple(
        FieldError(
            "starts_at",
            "overlap",
            {
                "visit_id": str(v.visit_id),
                "starts_at": v.starts_at.isoformat(),
                "ends_at": v.ends_at.isoformat(),
                "customer": v.customer_name,
            },
        )
        for v in calendar.visits
        if v.visit_id != ignore
    )
    return found or (FieldError("starts_at", "overlap"),)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _late(due_on: date | None, starts_at: datetime | None) -> bool:
    return due_on is not None and starts_at is not None and local(starts_at).date() > due_on


def _visit_data(visit: Visit) -> dict[str, Any]:
    """What the week view needs to refresh a visit's cell (change log)."""
    return {
        "engineer_id": visit.engineer_id,
        "starts_at": _iso(visit.starts_at),
        "ends_at": _iso(visit.ends_at),
        "status": visit.status,
        "ticket_id": visit.ticket_id,
        "customer_id": visit.customer_id,
        "kind": visit.kind,
        "version": visit.version,
    }


def _names(session: Session, visit: Visit) -> tuple[str, str, str, str]:
    """(engineer, customer, ticket number, ticket status) of a visit."""
    engineer = session.get(User, visit.engineer_id) if visit.engineer_id else None
    customer = session.get(Customer, visit.customer_id)
    ticket = session.get(Ticket, visit.ticket_id) if visit.ticket_id else None
    return (
        engineer.display_name if engineer else "",
        customer.name if customer else "",
        ticket.number if ticket else "",
        str(ticket.status) if ticket else "",
    )


def _ref(session: Session, visit: Visit) -> VisitRef:
    engineer, customer, number, _status = _names(session, visit)
    return VisitRef(
        visit.id,
        visit.version,
        visit.engineer_id,
        visit.starts_at,
        visit.ends_at,
        customer,
        visit.kind,
        visit.status,
        engineer,
        visit.ticket_id,
        number,
    )


def _change(
    session: Session,
    visit: Visit,
    warnings: tuple[FieldError, ...] = (),
    *,
    changed: bool = True,
) -> VisitChange:
    engineer, customer, number, status = _names(session, visit)
    return VisitChange(
        visit_id=visit.id,
        version=visit.version,
        kind=visit.kind,
        status=visit.status,
        engineer_id=visit.engineer_id,
        engineer_name=engineer,
        starts_at=visit.starts_at,
        ends_at=visit.ends_at,
        customer_id=visit.customer_id,
        customer_name=customer,
        site_id=visit.site_id,
        ticket_id=visit.ticket_id,
        ticket_number=number,
        ticket_status=status,
        due_on=visit.due_on,
        late=_late(visit.due_on, visit.starts_at),
        warnings=warnings,
        changed=changed,
    )


def _visit_details(visit: Visit, engineer_name: str) -> dict[str, Any]:
    details: dict[str, Any] = {
        "visit_id": visit.id,
        "kind": visit.kind,
        "engineer_id": visit.engineer_id,
        "engineer": engineer_name,
        "starts_at": _iso(visit.starts_at),
        "ends_at": _iso(visit.ends_at),
    }
    if visit.due_on is not None:
        details["due_on"] = visit.due_on.isoformat()
        details["late"] = _late(visit.due_on, visit.starts_at)
    return details


def _give_ticket(
    session: Session,
    ticket: Ticket,
    user: SignedInUser,
    engineer: User,
    now: datetime,
    visit_id: int,
    *,
    previous_engineer_id: int | None = None,
) -> None:
    """The ticket follows the engineer: a new unassigned ticket is theirs (assigned); one
    the previous engineer of the visit had goes to the new one. Otherwise nothing."""
    if ticket.status == TicketStatus.NEW and ticket.assignee_id is None:
        ticket.assignee_id = engineer.id
        ticket.status = TicketStatus.ASSIGNED
        details: dict[str, Any] = {
            "assignee_id": engineer.id,
            "assignee": engineer.display_name,
            "from_assignee_id": None,
            "queue_id": ticket.queue_id,
            "from": "new",
            "to": "assigned",
            "visit_id": visit_id,
        }
        append_event(session, ticket, user.id, "assigned", now, details)
    elif (
        previous_engineer_id is not None
        and previous_engineer_id != engineer.id
        and ticket.assignee_id == previous_engineer_id
        and ticket.status in OPEN_STATUSES
    ):
        ticket.assignee_id = engineer.id
        details = {
            "assignee_id": engineer.id,
            "assignee": engineer.display_name,
            "from_assignee_id": previous_engineer_id,
            "queue_id": ticket.queue_id,
            "visit_id": visit_id,
        }
        append_event(session, ticket, user.id, "assigned", now, details)


def _clean_notes(notes: str, errors: list[FieldError]) -> str:
    cleaned = notes.strip()
    if len(cleaned) > MAX_NOTES:
        errors.append(FieldError("notes", "too_long", {"max": str(MAX_NOTES)}))
    return cleaned


# --- booking --------------------------------------------------------------------------------


@dataclass
class _Where:
    customer: Customer | None  # held, so the result reads its name without a query
    customer_id: int | None
    site_id: int | None
    equipment_id: int | None
    contract_id: int | None
    due_on: date | None


def _where(
    session: Session, booking: Booking, ticket: Ticket | None, errors: list[FieldError]
) -> _Where:
    """Customer, device, site and contract of the visit, each checked to be the customer's."""
    equipment_id = booking.equipment_id or (ticket.equipment_id if ticket else None)
    equipment = session.get(Equipment, equipment_id) if equipment_id else None
    site = session.get(Site, booking.site_id) if booking.site_id else None
    customer_id = (
        ticket.customer_id
        if ticket
        else booking.customer_id
        or (equipment.customer_id if equipment else None)
        or (site.customer_id if site else None)
    )
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    if customer_id is None or customer is None:
        errors.append(FieldError("customer_id", "required" if customer_id is None else "unknown"))
        return _Where(None, None, None, None, None, None)
    if equipment_id and equipment is None:
        errors.append(FieldError("equipment_id", "unknown"))
    elif equipment is not None and equipment.customer_id != customer_id:
        errors.append(FieldError("equipment_id", "not_this_customer"))
    if booking.site_id and site is None:
        errors.append(FieldError("site_id", "unknown"))
    elif site is not None and site.customer_id != customer_id:
        errors.append(FieldError("site_id", "not_this_customer"))
    site_id = booking.site_id or (equipment.site_id if equipment else None)
    if site_id is None:
        sites = session.scalars(select(Site.id).where(Site.customer_id == customer_id)).all()
        site_id = sites[0] if len(sites) == 1 else None
    due_on = booking.due_on
    if booking.contract_id:
        contract = session.get(ServiceContract, booking.contract_id)
        if contract is None:
            errors.append(FieldError("contract_id", "unknown"))
        elif contract.customer_id != customer_id:
            errors.append(FieldError("contract_id", "not_this_customer"))
        elif due_on is None and booking.kind == VisitKind.INSTALLATION:
            due_on = contract.delivery_date
    return _Where(customer, customer_id, site_id, equipment_id, booking.contract_id, due_on)


def book_visit(
    db: Database, user: SignedInUser, booking: Booking, now: datetime | None = None
) -> VisitChange:
    """Book an engineer for a visit. Refusals: VisitRefused (fields), ScheduleConflict (the
    rules; also a race lost to another desk), RecordNotFound (the ticket)."""
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    errors: list[FieldError] = []
    if booking.kind not in VISIT_KINDS:
        errors.append(FieldError("kind", "unknown"))
    notes = _clean_notes(booking.notes, errors)
    with db.session() as session:
        _lock_engineer_time(db, session, booking.engineer_id)
        ticket = lock_ticket(db, session, booking.ticket_id) if booking.ticket_id else None
        if ticket is not None and ticket.status not in OPEN_STATUSES:
            errors.append(FieldError("ticket_id", "not_open", {"status": str(ticket.status)}))
        engineer = _engineer(session, booking.engineer_id, errors)
        where = _where(session, booking, ticket, errors)
        if errors or engineer is None or where.customer_id is None:
            raise VisitRefused(errors)
        problems = visit_problems(
            session,
            engineer.id,
            booking.starts_at,
            booking.ends_at,
            _place(session, where.site_id),
            now=now,
        )
        warnings = _refuse(problems, booking.accept_warnings)
        try:
            visit = Visit(
                kind=VisitKind(booking.kind).value,
                status=VisitStatus.BOOKED.value,
                ticket_id=ticket.id if ticket else None,
                customer_id=where.customer_id,
                site_id=where.site_id,
                equipment_id=where.equipment_id,
                contract_id=where.contract_id,
                due_on=where.due_on,
                engineer_id=engineer.id,
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
                priority=ticket.priority if ticket else "",
                notes=notes,
                checklist=[],
                created_by_id=user.id,
                created_at=now,
                updated_at=now,
                version=1,
            )
            session.add(visit)
            session.flush()
            details = _visit_details(visit, engineer.display_name)
            if ticket is not None:
                append_event(session, ticket, user.id, "visit_booked", now, details)
                _give_ticket(session, ticket, user, engineer, now, visit.id)
                touch_ticket(session, ticket, user.id, now)
            audit(
                session,
                user,
                "visit",
                visit.id,
                "create",
                {**details, "ticket_id": visit.ticket_id, "warnings": [w.code for w in warnings]},
            )
            record_change(session, "visit", visit.id, "create", user.id, _visit_data(visit))
            session.commit()
        except IntegrityError as error:
            if not _is_exclusion(error):
                raise
            session.rollback()
            raise ScheduleConflict(
                _overlaps(session, engineer.id, booking.starts_at, booking.ends_at, None)
            ) from None
        return _change(session, visit, warnings)


# --- moving and cancelling ------------------------------------------------------------------


def move_visit(
    db: Database,
    user: SignedInUser,
    visit_id: int,
    version: int,
    engineer_id: int,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime | None = None,
    *,
    accept_warnings: bool = False,
) -> VisitChange:
    """Give a visit another time and/or engineer; an unscheduled visit becomes booked.

    Refusals: VisitConflict (stale version), VisitRefused (a completed or cancelled visit,
    a bad engineer), ScheduleConflict (the rules, or a race lost), RecordNotFound.
    """
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    with db.session() as session:
        visit = _lock_visit(db, session, visit_id)
        if visit.version != version:
            raise VisitConflict(_ref(session, visit))
        errors: list[FieldError] = []
        if visit.status not in MOVABLE:
            errors.append(FieldError("status", "not_movable", {"status": visit.status}))
        engineer = _engineer(session, engineer_id, errors)
        if errors or engineer is None:
            raise VisitRefused(errors)
        if (
            visit.status == VisitStatus.BOOKED
            and visit.engineer_id == engineer_id
            and visit.starts_at == starts_at
            and visit.ends_at == ends_at
        ):
            return _change(session, visit, changed=False)
        ticket = lock_ticket(db, session, visit.ticket_id) if visit.ticket_id else None
        problems = visit_problems(
            session,
            engineer_id,
            starts_at,
            ends_at,
            _place(session, visit.site_id),
            ignore_visit_id=visit.id,
            now=now,
        )
        warnings = _refuse(problems, accept_warnings)
        was_unscheduled = visit.status == VisitStatus.UNSCHEDULED
        previous_engineer_id = visit.engineer_id
        before = {
            "from_engineer_id": visit.engineer_id,
            "from_starts_at": _iso(visit.starts_at),
            "from_ends_at": _iso(visit.ends_at),
        }
        previous_engineer = session.get(User, visit.engineer_id) if visit.engineer_id else None
        try:
            visit.engineer_id = engineer_id
            visit.starts_at = starts_at
            visit.ends_at = ends_at
            visit.status = VisitStatus.BOOKED.value
            visit.version += 1
            visit.updated_at = now
            session.flush()
            details = _visit_details(visit, engineer.display_name)
            if not was_unscheduled:
                details.update(before)
                details["from_engineer"] = (
                    previous_engineer.display_name if previous_engineer else ""
                )
            if ticket is not None:
                kind = "visit_booked" if was_unscheduled else "visit_moved"
                append_event(session, ticket, user.id, kind, now, details)
                _give_ticket(
                    session,
                    ticket,
                    user,
                    engineer,
                    now,
                    visit.id,
                    previous_engineer_id=previous_engineer_id,
                )
                touch_ticket(session, ticket, user.id, now)
            action = "book" if was_unscheduled else "move"
            audit(
                session,
                user,
                "visit",
                visit.id,
                action,
                {**details, "warnings": [w.code for w in warnings]},
            )
            record_change(
                session, "visit", visit.id, "update", user.id, {**_visit_data(visit), **before}
            )
            session.commit()
        except IntegrityError as error:
            if not _is_exclusion(error):
                raise
            session.rollback()
            raise ScheduleConflict(
                _overlaps(session, engineer_id, starts_at, ends_at, visit_id)
            ) from None
        return _change(session, visit, warnings)


def cancel_visit(
    db: Database,
    user: SignedInUser,
    visit_id: int,
    version: int,
    reason: str,
    now: datetime | None = None,
) -> VisitChange:
    """Cancel a booked or unscheduled visit, with its reason (required). The visit stays on
    record; the engineer's time is free again. Refusals: VisitConflict, VisitRefused,
    RecordNotFound."""
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    reason = reason.strip()
    with db.session() as session:
        visit = _lock_visit(db, session, visit_id)
        if visit.version != version:
            raise VisitConflict(_ref(session, visit))
        errors = []
        if not reason:
            errors.append(FieldError("reason", "required"))
        elif len(reason) > MAX_REASON:
            errors.append(FieldError("reason", "too_long", {"max": str(MAX_REASON)}))
        if visit.status not in MOVABLE:
            errors.append(FieldError("status", "not_cancellable", {"status": visit.status}))
        if errors:
            raise VisitRefused(errors)
        ticket = lock_ticket(db, session, visit.ticket_id) if visit.ticket_id else None
        engineer = session.get(User, visit.engineer_id) if visit.engineer_id else None
        visit.status = VisitStatus.CANCELLED.value
        visit.cancel_reason = reason
        visit.version += 1
        visit.updated_at = now
        session.flush()
        released = release_visit_in_session(session, user.id, visit.id, now)  # parts go back
        details = {
            **_visit_details(visit, engineer.display_name if engineer else ""),
            "reason": reason,
        }
        if released:
            details["parts_returned"] = released
        if ticket is not None:
            append_event(session, ticket, user.id, "visit_cancelled", now, details)
            touch_ticket(session, ticket, user.id, now)
        audit(session, user, "visit", visit.id, "cancel", details)
        record_change(session, "visit", visit.id, "cancel", user.id, _visit_data(visit))
        session.commit()
        return _change(session, visit)


def load_visit(db: Database, visit_id: int) -> VisitRef:
    """A visit as the dialogs take it."""
    with db.session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise RecordNotFound("visit", visit_id)
        return _ref(session, visit)


# --- suggestions ----------------------------------------------------------------------------


def _ceil_step(moment: datetime) -> datetime:
    """Up to the next whole step of the centre's clock (10:07 → 10:15)."""
    midnight = datetime.combine(local(moment).date(), time(), CENTRE_ZONE)
    step = timedelta(minutes=SLOT_STEP_MINUTES)
    steps = -((midnight - moment) // step)  # ceiling division
    return (midnight + steps * step).astimezone(UTC)


def earliest_slot(
    calendar: EngineerCalendar,
    duration: timedelta,
    place: Point | None,
    travel: TravelModel,
    now: datetime,
    days: int = SUGGEST_DAYS,
) -> datetime | None:
    """The engineer's earliest start (on the step) from now that breaks no rule at all.

    The earliest free start is the start of the working day, now, or the end of something
    in the way (a visit, plus the drive from its site; an absence): only those candidates
    are tried, each with the full rule check.
    """
    pattern = calendar.pattern
    first_day = local(now).date()
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if str(day.isoweekday()) not in pattern.work_days:
            continue
        midnight = datetime.combine(day, time(), CENTRE_ZONE)
        day_start = (midnight + timedelta(minutes=pattern.work_start_minute)).astimezone(UTC)
        day_end = (midnight + timedelta(minutes=pattern.work_end_minute)).astimezone(UTC)
        if day_end <= now:
            continue
        candidates = {day_start, now}
        for visit in calendar.visits:
            if day_start <= visit.ends_at < day_end:
                candidates.add(
                    visit.ends_at + timedelta(minutes=travel.minutes(visit.place, place))
                )
        for absence in calendar.absences:
            if day_start <= absence.ends_at < day_end:
                candidates.add(absence.ends_at)
        for candidate in sorted({_ceil_step(max(c, day_start, now)) for c in candidates}):
            if candidate + duration > day_end:
                break
            if not check_slot(calendar, candidate, candidate + duration, place, travel, now):
                return candidate
    return None


def _booked_minutes(calendar: EngineerCalendar, since: datetime, until: datetime) -> int:
    total = 0.0
    for visit in calendar.visits:
        overlap = min(visit.ends_at, until) - max(visit.starts_at, since)
        total += max(overlap.total_seconds(), 0.0)
    return int(total // 60)


def suggest_slots(
    db: Database,
    user: SignedInUser,
    ticket_id: int,
    duration_minutes: int = 120,
    now: datetime | None = None,
    limit: int = 5,
) -> tuple[SlotSuggestion, ...]:
    """Who can go for the ticket, and when, best first.

    The engineers of the ticket's region (its device's site's, else its customer's; all
    regions, flagged, when that region has nobody suitable) who know the ticket's product
    kind — those with no skills listed count as generalists, after the specialists — each
    with their earliest free slot in the next SUGGEST_DAYS days that obeys every rule
    (hours, days, absences, overlap, travel from the previous visit's site). Ranked: slots
    that end before the ticket's resolution deadline first, specialists before
    generalists, the least loaded (minutes booked over the next LOAD_DAYS days), the
    earliest. One query reads every candidate's visits for the whole horizon.
    """
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    duration = timedelta(minutes=max(int(duration_minutes), SLOT_STEP_MINUTES))
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise RecordNotFound("ticket", ticket_id)
        equipment = session.get(Equipment, ticket.equipment_id) if ticket.equipment_id else None
        site = session.get(Site, equipment.site_id) if equipment and equipment.site_id else None
        if site is None:
            sites = session.scalars(select(Site).where(Site.customer_id == ticket.customer_id))
            only = list(sites)
            site = only[0] if len(only) == 1 else None
        customer_region = session.scalar(
            select(Customer.region_id).where(Customer.id == ticket.customer_id)
        )
        region_id = site.region_id if site and site.region_id is not None else customer_region
        place = point(site.latitude, site.longitude) if site else None
        model_id = ticket.product_model_id or (equipment.product_model_id if equipment else None)
        category = (
            session.scalar(select(ProductModel.category).where(ProductModel.id == model_id))
            if model_id
            else None
        )
        engineers = session.execute(
            select(User.id, User.display_name, User.region_id, User.skills).where(
                User.role == ENGINEER_ROLE, User.active.is_(True)
            )
        ).all()
        suitable = [
            (uid, name, uregion, tuple(skills or ()))
            for uid, name, uregion, skills in engineers
            if not skills or category is None or category in skills
        ]
        in_region = [e for e in suitable if region_id is None or e[2] == region_id]
        chosen = in_region or suitable
        horizon = now + timedelta(days=SUGGEST_DAYS + 1)
        calendars = engineer_calendars(
            session, [e[0] for e in chosen], now - timedelta(days=1), horizon
        )
        travel = travel_model(session)
        deadline = ticket.resolution_due_at
    suggestions = []
    load_until = now + timedelta(days=LOAD_DAYS)
    for uid, name, uregion, skills in chosen:
        calendar = calendars[uid]
        start = earliest_slot(calendar, duration, place, travel, now)
        if start is None:
            continue
        suggestions.append(
            SlotSuggestion(
                engineer_id=uid,
                engineer_name=name,
                starts_at=start,
                ends_at=start + duration,
                load_minutes=_booked_minutes(calendar, now, load_until),
                meets_deadline=None if deadline is None else start + duration <= deadline,
                region_match=region_id is not None and uregion == region_id,
                skill_match=category is not None and category in skills,
                generalist=not skills,
                distance_km=travel.road_km(calendar.pattern.base, place),
            )
        )
    suggestions.sort(
        key=lambda s: (
            s.meets_deadline is False,
            s.generalist and category is not None,
            s.load_minutes,
            s.starts_at,
            s.engineer_name,
        )
    )
    return tuple(suggestions[:limit])


def warnings_of(problems: Iterable[FieldError]) -> tuple[FieldError, ...]:
    """The problems a dispatcher may accept (for screens that show them apart)."""
    return tuple(p for p in problems if not is_hard([p]))
