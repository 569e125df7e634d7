"""Working on a ticket: status moves, assignment, priority or plan changes, edits, escalation.

Every write locks the ticket row (PostgreSQL `FOR UPDATE`; SQLite takes its single write lock
first, so the check and the write cannot be overtaken), refuses a stale `version` with
TicketConflict (nothing is overwritten), appends TicketEvent rows (who, when, what, with the
deadlines before and after any change of the SLA clock), bumps the version and logs the change
for the other desks, all in one transaction.

The SLA clock: only waiting for the customer stops it (a pause row; `sla_paused_at` set). When
it runs again both deadlines and at-risk instants are recomputed from the plan with every pause
of the ticket kept out, so they move by exactly the paused working time. A resolved stretch
that ends in a reopen is recorded as a pause too (reason "resolved"): the time the ticket sat
resolved does not count against its SLA.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, false, func, select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    OPEN_STATUSES,
    Customer,
    Equipment,
    FollowUp,
    FollowUpStatus,
    ProductModel,
    Queue,
    Site,
    SlaFlag,
    SlaPause,
    SlaPlan,
    SymptomCategory,
    Ticket,
    TicketEvent,
    TicketStatus,
    User,
)
from workstation.outcomes import FieldError, Refused
from workstation.permissions import ROLE_PERMISSIONS, Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound
from workstation.services.follow_up_plan import plan_follow_up
from workstation.services.intake import SEVERITIES, URGENCIES
from workstation.services.sla_plans import plan_targets
from workstation.services.sla_timeline import deadlines_detail
from workstation.services.ticket_detail import (
    CONTEXT_FIELDS,
    EDITABLE_FIELDS,
    PRIORITIES,
    REOPENED,
    RESOLUTION_TYPES,
    TicketDetail,
    TicketEdit,
    allowed_transitions,
    open_pauses,
    ticket_detail,
)
from workstation.services.triage import calendar_of, deadlines
from workstation.services.working_minutes import stamp_resolution, stamp_response
from workstation.sla import Pause

PAUSE_WAITING_CUSTOMER = "waiting_customer"
PAUSE_RESOLVED = "resolved"
MAX_ERROR_CODE = 40
MAX_REASON = 500

# --- refusals ----------------------------------------------------------------------------


class TicketRefused(Refused):
    """The request did not validate: `errors` name the fields (nothing was written)."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)


class IllegalTransition(Refused):
    """The workflow does not allow `from_status` → `to_status` (the screen words it)."""

    code = "illegal_transition"

    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"a ticket cannot go from {from_status} to {to_status}")
        self.from_status = from_status
        self.to_status = to_status


@dataclass(frozen=True)
class FieldChange:
    """One field another desk changed: what this desk loaded, what is stored now."""

    field: str
    loaded_value: Any
    current_value: Any


class TicketConflict(Refused):
    """Another desk saved the ticket since this desk loaded it: nothing was written.

    `changes` lists what the other desk changed (empty when the caller only sent a version:
    compare with `differences(loaded_detail, conflict.current)`); `current` is the ticket as
    stored now, to show and to reapply the edit on (`current.version`).
    """

    def __init__(self, changes: Sequence[FieldChange], current: TicketDetail) -> None:
        super().__init__(f"ticket {current.number} was changed by another desk")
        self.changes = tuple(changes)
        self.current = current

    @property
    def current_version(self) -> int:
        return self.current.version


# --- what the screen sends and gets back -------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """How the ticket was resolved: all three are required to resolve."""

    resolution_type: str
    root_cause: str
    solution: str


@dataclass(frozen=True)
class TicketChange:
    """The ticket after a write: what the screen needs to refresh without reloading."""

    ticket_id: int
    number: str
    status: str
    version: int
    priority: str
    queue_id: int | None
    assignee_id: int | None
    sla_plan_id: int | None
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    response_at_risk_at: datetime | None
    resolution_at_risk_at: datetime | None
    response_sla_flag: str
    resolution_sla_flag: str
    sla_paused_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    allowed_transitions: tuple[str, ...]
    changed: bool = True  # False: nothing to change (same assignee, same values)
    follow_up_id: int | None = None  # planned by a resolve


@dataclass(frozen=True)
class AssigneeSuggestion:
    """Someone who may work the ticket, and why they are suggested."""

    user_id: int
    display_name: str
    role: str
    region_id: int | None
    region_match: bool
    skill_match: bool
    open_tickets: int


def differences(
    loaded: TicketDetail | TicketEdit, current: TicketDetail
) -> tuple[FieldChange, ...]:
    """What changed between a loaded ticket and the current one (editable and context fields)."""
    return tuple(
        FieldChange(name, getattr(loaded, name), getattr(current, name))
        for name in (*EDITABLE_FIELDS, *CONTEXT_FIELDS)
        if getattr(loaded, name) != getattr(current, name)
    )


# --- shared steps ------------------------------------------------------------------------


def _locked(db: Database, session: Session, ticket_id: int) -> Ticket:
    """The ticket row, locked for this transaction.

    SQLite: a no-op UPDATE first takes the database's write lock (waiting its busy timeout),
    so a deferred transaction never reads and then fails to upgrade to a writer.
    """
    if db.backend == "sqlite":
        session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id)
            .values(version=Ticket.version)
            .execution_options(synchronize_session=False)
        )
    ticket = session.get(Ticket, ticket_id, with_for_update=db.backend != "sqlite")
    if ticket is None:
        raise RecordNotFound("ticket", ticket_id)
    return ticket


def _check_version(session: Session, ticket: Ticket, version: int, now: datetime) -> None:
    if ticket.version != version:
        raise TicketConflict((), ticket_detail(session, ticket.id, now))


def _event(
    session: Session,
    ticket: Ticket,
    user_id: int | None,
    kind: str,
    now: datetime,
    details: dict[str, Any],
) -> None:
    session.add(
        TicketEvent(ticket_id=ticket.id, at=now, user_id=user_id, kind=kind, details=details)
    )


def _touch(session: Session, ticket: Ticket, user_id: int | None, now: datetime) -> None:
    """Version bump, updated_at and the change-log row the other desks follow."""
    ticket.version += 1
    ticket.updated_at = now
    session.flush()
    record_change(
        session,
        "ticket",
        ticket.id,
        "update",
        user_id,
        {
            "status": ticket.status,
            "assignee_id": ticket.assignee_id,
            "queue_id": ticket.queue_id,
            "number": ticket.number,
            "version": ticket.version,
            "customer_id": ticket.customer_id,
            "equipment_id": ticket.equipment_id,
        },
    )


def _result(
    ticket: Ticket, *, changed: bool = True, follow_up_id: int | None = None
) -> TicketChange:
    return TicketChange(
        ticket_id=ticket.id,
        number=ticket.number,
        status=str(ticket.status),
        version=ticket.version,
        priority=ticket.priority,
        queue_id=ticket.queue_id,
        assignee_id=ticket.assignee_id,
        sla_plan_id=ticket.sla_plan_id,
        response_due_at=ticket.response_due_at,
        resolution_due_at=ticket.resolution_due_at,
        response_at_risk_at=ticket.response_at_risk_at,
        resolution_at_risk_at=ticket.resolution_at_risk_at,
        response_sla_flag=ticket.response_sla_flag,
        resolution_sla_flag=ticket.resolution_sla_flag,
        sla_paused_at=ticket.sla_paused_at,
        first_response_at=ticket.first_response_at,
        resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        allowed_transitions=allowed_transitions(ticket.status, ticket.assignee_id is not None),
        changed=changed,
        follow_up_id=follow_up_id,
    )


def _due(ticket: Ticket) -> tuple[datetime | None, datetime | None]:
    return ticket.response_due_at, ticket.resolution_due_at


def _pauses(session: Session, ticket_id: int) -> list[Pause]:
    return [
        Pause(start, end)
        for start, end in session.execute(
            select(SlaPause.started_at, SlaPause.ended_at).where(SlaPause.ticket_id == ticket_id)
        )
    ]


def _recompute(session: Session, ticket: Ticket, now: datetime) -> None:
    """Both deadlines and at-risk instants from the plan, every pause kept out; flags settled.

    A flag goes back when the new deadline is not yet at risk (or no longer breached), so the
    SLA watch warns again at the new crossing.
    """
    if ticket.sla_plan_id is None:
        return
    triage = deadlines(
        session,
        ticket.sla_plan_id,
        ticket.priority,
        ticket.reported_at,
        _pauses(session, ticket.id),
        now,
    )
    ticket.response_due_at = triage.response_due_at
    ticket.resolution_due_at = triage.resolution_due_at
    ticket.response_at_risk_at = triage.response_at_risk_at
    ticket.resolution_at_risk_at = triage.resolution_at_risk_at
    if ticket.first_response_at is None:
        ticket.response_sla_flag = _settled(
            ticket.response_sla_flag, triage.response_at_risk_at, triage.response_due_at, now
        )
    ticket.resolution_sla_flag = _settled(
        ticket.resolution_sla_flag, triage.resolution_at_risk_at, triage.resolution_due_at, now
    )


def _settled(flag: str, at_risk_at: datetime, due_at: datetime, now: datetime) -> str:
    if at_risk_at > now:
        return SlaFlag.NONE
    if due_at >= now and flag == SlaFlag.BREACHED:
        return SlaFlag.AT_RISK
    return flag


def _paused_minutes(session: Session, ticket: Ticket, start: datetime, end: datetime) -> float:
    if ticket.sla_plan_id is None:
        return 0.0
    targets = plan_targets(session, ticket.sla_plan_id, ticket.priority)
    minutes = calendar_of(session, targets.calendar_id).working_minutes_between(start, end)
    return round(minutes, 1)


def _resume(session: Session, ticket: Ticket, user: SignedInUser, now: datetime) -> None:
    """Close the running pause(s), move the deadlines by the paused working time."""
    pauses = open_pauses(session, ticket.id)
    if not pauses and ticket.sla_paused_at is None:
        return
    before = _due(ticket)
    minutes = 0.0
    reason = PAUSE_WAITING_CUSTOMER
    for pause in pauses:
        pause.ended_at = now
        pause.ended_by_id = user.id
        reason = pause.reason
        minutes += _paused_minutes(session, ticket, pause.started_at, now)
    ticket.sla_paused_at = None
    session.flush()
    _recompute(session, ticket, now)
    _event(
        session,
        ticket,
        user.id,
        "sla_resumed",
        now,
        {
            "reason": reason,
            "paused_minutes": minutes,
            "deadlines": deadlines_detail(before, _due(ticket)),
        },
    )


def _validate_resolution(resolution: Resolution | None) -> Resolution:
    values = resolution or Resolution("", "", "")
    cleaned = Resolution(
        values.resolution_type.strip(), values.root_cause.strip(), values.solution.strip()
    )
    errors = [
        FieldError(name, "required")
        for name in ("resolution_type", "root_cause", "solution")
        if not getattr(cleaned, name)
    ]
    if cleaned.resolution_type and cleaned.resolution_type not in RESOLUTION_TYPES:
        errors.append(FieldError("resolution_type", "unknown"))
    if errors:
        raise TicketRefused(errors)
    return cleaned


# --- status workflow ---------------------------------------------------------------------


def change_status(
    db: Database,
    user: SignedInUser,
    ticket_id: int,
    version: int,
    to_status: str,
    *,
    resolution: Resolution | None = None,
    note: str = "",
    now: datetime | None = None,
) -> TicketChange:
    """Move the ticket along the workflow (`allowed_transitions`; "reopened" to reopen).

    Refusals: IllegalTransition; TicketConflict (stale version); TicketRefused with field
    errors (resolve without resolution_type/root_cause/solution; reopen without a `note`
    as its reason; new → assigned without an assignee).
    """
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    note = note.strip()
    with db.session() as session:
        ticket = _locked(db, session, ticket_id)
        _check_version(session, ticket, version, now)
        from_status = ticket.status
        if to_status not in allowed_transitions(from_status):
            raise IllegalTransition(from_status, to_status)
        if to_status == TicketStatus.ASSIGNED and ticket.assignee_id is None:
            raise TicketRefused([FieldError("assignee_id", "required")])
        follow_up_id: int | None = None
        details: dict[str, Any] = {"from": from_status}
        if note:
            details["note"] = note[:MAX_REASON]

        if to_status == REOPENED:
            if not note:
                raise TicketRefused([FieldError("note", "required")])
            _reopen(session, ticket, user, now, details)
        elif to_status == TicketStatus.RESOLVED:
            resolved = _validate_resolution(resolution)
            if from_status == TicketStatus.WAITING_CUSTOMER:
                _resume(session, ticket, user, now)
            follow_up_id = _resolve(session, ticket, user, now, resolved, details)
        else:
            if from_status == TicketStatus.WAITING_CUSTOMER:
                _resume(session, ticket, user, now)
            ticket.status = to_status
            details["to"] = to_status
            kind = "status_changed"
            if to_status == TicketStatus.IN_PROGRESS:
                _first_response(session, ticket, now, details)
            if to_status == TicketStatus.WAITING_CUSTOMER:
                session.add(
                    SlaPause(
                        ticket_id=ticket.id,
                        started_at=now,
                        reason=PAUSE_WAITING_CUSTOMER,
                        started_by_id=user.id,
                    )
                )
                ticket.sla_paused_at = now
            elif to_status == TicketStatus.CLOSED:
                kind = "closed"
                ticket.closed_at = now
            _event(session, ticket, user.id, kind, now, details)
            if to_status == TicketStatus.WAITING_CUSTOMER:
                _event(
                    session,
                    ticket,
                    user.id,
                    "sla_paused",
                    now,
                    {"reason": PAUSE_WAITING_CUSTOMER, **({"note": note} if note else {})},
                )
        _touch(session, ticket, user.id, now)
        session.commit()
        return _result(ticket, follow_up_id=follow_up_id)


def _first_response(
    session: Session, ticket: Ticket, now: datetime, details: dict[str, Any]
) -> None:
    """Work starts (in progress or resolved): the first response, if none was stamped yet."""
    if ticket.first_response_at is None:
        ticket.first_response_at = now
        details["first_response"] = True
        stamp_response(session, ticket)


def _resolve(
    session: Session,
    ticket: Ticket,
    user: SignedInUser,
    now: datetime,
    resolved: Resolution,
    details: dict[str, Any],
) -> int | None:
    """Resolved with this resolution: stamps, the timeline's "resolved", the follow-up call
    planned (its id). The caller resumed a running pause and bumps the version."""
    ticket.status = TicketStatus.RESOLVED
    details["to"] = TicketStatus.RESOLVED.value
    _first_response(session, ticket, now, details)
    ticket.resolution_type = resolved.resolution_type
    ticket.root_cause = resolved.root_cause
    ticket.solution = resolved.solution
    ticket.resolved_at = now
    details["resolution_type"] = resolved.resolution_type
    stamp_resolution(session, ticket)
    _event(session, ticket, user.id, "resolved", now, details)
    session.flush()
    return plan_follow_up(session, ticket.id, now)


def _reopen(
    session: Session,
    ticket: Ticket,
    user: SignedInUser,
    now: datetime,
    details: dict[str, Any],
) -> None:
    """Back to work: the resolved stretch becomes a pause, the open follow-up is cancelled."""
    before = _due(ticket)
    resolved_at = ticket.resolved_at or ticket.closed_at or now
    minutes = _paused_minutes(session, ticket, resolved_at, now)
    session.add(
        SlaPause(
            ticket_id=ticket.id,
            started_at=resolved_at,
            ended_at=now,
            reason=PAUSE_RESOLVED,
            started_by_id=None,
            ended_by_id=user.id,
        )
    )
    ticket.status = TicketStatus.IN_PROGRESS if ticket.assignee_id else TicketStatus.NEW
    ticket.resolved_at = None
    ticket.closed_at = None
    stamp_resolution(session, ticket)
    session.flush()
    _recompute(session, ticket, now)
    for follow_up in session.scalars(
        select(FollowUp).where(
            FollowUp.ticket_id == ticket.id, FollowUp.status == FollowUpStatus.OPEN
        )
    ):
        follow_up.status = FollowUpStatus.CANCELLED
        follow_up.version += 1
        record_change(
            session, "follow_up", follow_up.id, "update", user.id, {"ticket_id": ticket.id}
        )
    details.update(
        {
            "to": ticket.status,
            "reason": details.get("note", ""),
            "paused_minutes": minutes,
            "deadlines": deadlines_detail(before, _due(ticket)),
        }
    )
    _event(session, ticket, user.id, "reopened", now, details)


def reopen_in_session(
    session: Session, user: SignedInUser, ticket: Ticket, now: datetime, reason: str
) -> None:
    """Reopen in the caller's transaction (a follow-up call found the fault back)."""
    if REOPENED not in allowed_transitions(ticket.status):
        raise IllegalTransition(ticket.status, REOPENED)
    details: dict[str, Any] = {"from": ticket.status, "note": reason.strip()[:MAX_REASON]}
    _reopen(session, ticket, user, now, details)
    _touch(session, ticket, user.id, now)


def close_in_session(session: Session, user: SignedInUser, ticket: Ticket, now: datetime) -> None:
    """Close a resolved ticket in the caller's transaction (the follow-up confirmed the fix)."""
    if TicketStatus.CLOSED not in allowed_transitions(ticket.status):
        raise IllegalTransition(ticket.status, TicketStatus.CLOSED)
    details = {"from": ticket.status, "to": TicketStatus.CLOSED.value}
    ticket.status = TicketStatus.CLOSED
    ticket.closed_at = now
    _event(session, ticket, user.id, "closed", now, details)
    _touch(session, ticket, user.id, now)


def lock_ticket(db: Database, session: Session, ticket_id: int) -> Ticket:
    """The ticket row, locked for the caller's transaction (as every write here locks it)."""
    return _locked(db, session, ticket_id)


def append_event(
    session: Session,
    ticket: Ticket,
    user_id: int | None,
    kind: str,
    now: datetime,
    details: dict[str, Any],
) -> None:
    """One line on the ticket's timeline in the caller's transaction (no version bump: the
    caller ends with `resolve_in_session` or `work_on_in_session`, which bump it)."""
    _event(session, ticket, user_id, kind, now, details)


def resolve_in_session(
    session: Session,
    user: SignedInUser,
    ticket: Ticket,
    now: datetime,
    resolution: Resolution,
) -> int | None:
    """Resolve in the caller's transaction (an engineer's service sheet); the follow-up's id.

    From any open status, not only those `allowed_transitions` offers at a desk: the work was
    done on site, whatever the desk's status still said (new, assigned, waiting); a running
    pause ends first. Refused: TicketRefused (resolution incomplete), IllegalTransition (the
    ticket is resolved or closed already).
    """
    resolved = _validate_resolution(resolution)
    if ticket.status not in OPEN_STATUSES:
        raise IllegalTransition(ticket.status, TicketStatus.RESOLVED)
    details: dict[str, Any] = {"from": ticket.status}
    if ticket.status == TicketStatus.WAITING_CUSTOMER:
        _resume(session, ticket, user, now)
    follow_up_id = _resolve(session, ticket, user, now, resolved, details)
    _touch(session, ticket, user.id, now)
    return follow_up_id


def work_on_in_session(session: Session, user: SignedInUser, ticket: Ticket, now: datetime) -> bool:
    """The ticket stays open and is worked (a visit found more to do), in the caller's
    transaction: assigned or waiting for the customer → in progress (the pause ends); new
    (nobody assigned), waiting for parts (still waiting) and in progress stay as they are.
    Always bumps the version and logs the change; whether the status moved."""
    moved = ticket.status in (TicketStatus.ASSIGNED, TicketStatus.WAITING_CUSTOMER)
    if moved:
        details: dict[str, Any] = {"from": ticket.status, "to": TicketStatus.IN_PROGRESS.value}
        if ticket.status == TicketStatus.WAITING_CUSTOMER:
            _resume(session, ticket, user, now)
        ticket.status = TicketStatus.IN_PROGRESS
        _first_response(session, ticket, now, details)
        _event(session, ticket, user.id, "status_changed", now, details)
    _touch(session, ticket, user.id, now)
    return moved


# --- assignment --------------------------------------------------------------------------

_WORKING_ROLES = tuple(
    sorted(role for role, perms in ROLE_PERMISSIONS.items() if Permission.WORK_TICKETS in perms)
)


def assign(
    db: Database,
    user: SignedInUser,
    ticket_id: int,
    version: int,
    assignee_id: int,
    now: datetime | None = None,
) -> TicketChange:
    """Give the ticket to `assignee_id` (supervisors, admins): new → assigned; a reassign
    keeps the status. Refused (TicketRefused at "assignee_id") for an unknown or inactive
    user or one who may not work tickets, and at "status" for a resolved or closed ticket."""
    require(user.role, Permission.ASSIGN_TICKETS)
    now = now or datetime.now(UTC)
    with db.session() as session:
        ticket = _locked(db, session, ticket_id)
        _check_version(session, ticket, version, now)
        if ticket.status not in OPEN_STATUSES:
            raise TicketRefused([FieldError("status", "not_open", {"status": ticket.status})])
        target = session.get(User, assignee_id)
        if target is None:
            raise TicketRefused([FieldError("assignee_id", "not_found")])
        if not target.active:
            raise TicketRefused([FieldError("assignee_id", "inactive")])
        if target.role not in _WORKING_ROLES:
            raise TicketRefused([FieldError("assignee_id", "may_not_work_tickets")])
        if ticket.assignee_id == assignee_id:
            return _result(ticket, changed=False)
        details: dict[str, Any] = {
            "assignee_id": assignee_id,
            "assignee": target.display_name,
            "from_assignee_id": ticket.assignee_id,
            "queue_id": ticket.queue_id,
        }
        if ticket.status == TicketStatus.NEW:
            details.update({"from": "new", "to": "assigned"})
            ticket.status = TicketStatus.ASSIGNED
        ticket.assignee_id = assignee_id
        _event(session, ticket, user.id, "assigned", now, details)
        _touch(session, ticket, user.id, now)
        session.commit()
        return _result(ticket)


def _ticket_region(session: Session, ticket: Ticket) -> int | None:
    """The region a ticket belongs to: its queue's, else its device site's, else its
    customer's."""
    if ticket.queue_id is not None:
        region = session.scalar(select(Queue.region_id).where(Queue.id == ticket.queue_id))
        if region is not None:
            return region
    if ticket.equipment_id is not None:
        region = session.scalar(
            select(Site.region_id)
            .join(Equipment, Equipment.site_id == Site.id)
            .where(Equipment.id == ticket.equipment_id)
        )
        if region is not None:
            return region
    return session.scalar(select(Customer.region_id).where(Customer.id == ticket.customer_id))


def suggest_assignees(
    db: Database, ticket_id: int, limit: int = 5
) -> tuple[AssigneeSuggestion, ...]:
    """Who could take the ticket, best first: same region, knows the product kind, fewest
    open tickets. The current assignee is left out. One query counts everyone's load."""
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise RecordNotFound("ticket", ticket_id)
        region_id = _ticket_region(session, ticket)
        category = None
        if ticket.product_model_id is not None:
            category = session.scalar(
                select(ProductModel.category).where(ProductModel.id == ticket.product_model_id)
            )
        load = func.count(Ticket.id)
        rows = session.execute(
            select(User.id, User.display_name, User.role, User.region_id, User.skills, load)
            .outerjoin(
                Ticket,
                and_(Ticket.assignee_id == User.id, Ticket.status.in_(list(OPEN_STATUSES))),
            )
            .where(User.active.is_(True), User.role.in_(_WORKING_ROLES))
            .group_by(User.id, User.display_name, User.role, User.region_id, User.skills)
        ).all()
    suggestions = [
        AssigneeSuggestion(
            user_id=uid,
            display_name=name,
            role=role,
            region_id=user_region,
            region_match=region_id is not None and user_region == region_id,
            skill_match=category is not None and category in (skills or []),
            open_tickets=int(count),
        )
        for uid, name, role, user_region, skills, count in rows
        if uid != ticket.assignee_id
    ]
    suggestions.sort(
        key=lambda s: (not s.region_match, not s.skill_match, s.open_tickets, s.display_name)
    )
    return tuple(suggestions[:limit])


# --- priority and plan -------------------------------------------------------------------


def change_priority_or_plan(
    db: Database,
    user: SignedInUser,
    ticket_id: int,
    version: int,
    *,
    priority: str | None = None,
    sla_plan_id: int | None = None,
    reason: str,
    now: datetime | None = None,
) -> TicketChange:
    """A new priority and/or SLA plan mid-way: the deadlines follow from the working time
    already used (pauses kept out), flags go back if the new deadlines are not yet at risk.

    A supervisor's decision (it moves the ticket's promise to the customer), like assigning.
    """
    require(user.role, Permission.ASSIGN_TICKETS)
    now = now or datetime.now(UTC)
    reason = reason.strip()
    with db.session() as session:
        ticket = _locked(db, session, ticket_id)
        _check_version(session, ticket, version, now)
        errors = []
        if not reason:
            errors.append(FieldError("reason", "required"))
        if priority is not None and priority not in PRIORITIES:
            errors.append(FieldError("priority", "unknown"))
        plan_name = ""
        if sla_plan_id is not None:
            plan_name = session.scalar(select(SlaPlan.name).where(SlaPlan.id == sla_plan_id)) or ""
            if not plan_name:
                errors.append(FieldError("sla_plan_id", "unknown"))
        if ticket.status not in OPEN_STATUSES:
            errors.append(FieldError("status", "not_open", {"status": ticket.status}))
        if errors:
            raise TicketRefused(errors)
        new_priority = priority or ticket.priority
        new_plan = sla_plan_id or ticket.sla_plan_id
        if new_priority == ticket.priority and new_plan == ticket.sla_plan_id:
            return _result(ticket, changed=False)
        if new_plan is None:
            raise TicketRefused([FieldError("sla_plan_id", "required")])
        old_plan_name = ""
        if ticket.sla_plan_id is not None:
            old_plan_name = (
                session.scalar(select(SlaPlan.name).where(SlaPlan.id == ticket.sla_plan_id)) or ""
            )
        before = _due(ticket)
        details: dict[str, Any] = {
            "reason": reason[:MAX_REASON],
            "priority_before": ticket.priority,
            "priority_after": new_priority,
            "plan_before": old_plan_name,
            "plan_after": plan_name or old_plan_name,
            "sla_plan_id_before": ticket.sla_plan_id,
            "sla_plan_id_after": new_plan,
        }
        kind = "priority_changed" if new_priority != ticket.priority else "sla_plan_changed"
        ticket.priority = new_priority
        ticket.sla_plan_id = new_plan
        _recompute(session, ticket, now)
        details["deadlines"] = deadlines_detail(before, _due(ticket))
        _event(session, ticket, user.id, kind, now, details)
        _touch(session, ticket, user.id, now)
        session.commit()
        return _result(ticket)


# --- edits -------------------------------------------------------------------------------


def edit_ticket(
    db: Database,
    user: SignedInUser,
    ticket_id: int,
    loaded: TicketEdit,
    edited: TicketEdit,
    now: datetime | None = None,
) -> TicketChange:
    """Save the edited fields. If another desk saved since `loaded` (its version moved),
    nothing is written: TicketConflict lists what they changed and carries the fresh ticket;
    the screen reapplies its edits and calls again with `loaded = conflict.current.edit`."""
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    with db.session() as session:
        ticket = _locked(db, session, ticket_id)
        if ticket.version != loaded.version:
            current = ticket_detail(session, ticket_id, now)
            raise TicketConflict(differences(loaded, current), current)
        new = {
            "description": edited.description.strip(),
            "error_code": edited.error_code.strip(),
            "symptom_category_id": edited.symptom_category_id,
            "severity": edited.severity,
            "urgency": edited.urgency,
            "resolution_type": edited.resolution_type.strip(),
            "root_cause": edited.root_cause.strip(),
            "solution": edited.solution.strip(),
        }
        errors = _validate_edit(session, ticket, new)
        if errors:
            raise TicketRefused(errors)
        changed = {
            name: [getattr(ticket, name), value]
            for name, value in new.items()
            if getattr(ticket, name) != value
        }
        if not changed:
            return _result(ticket, changed=False)
        for name, (_old, value) in changed.items():
            setattr(ticket, name, value)
        _event(session, ticket, user.id, "edited", now, {"changes": changed})
        _touch(session, ticket, user.id, now)
        session.commit()
        return _result(ticket)


def _validate_edit(session: Session, ticket: Ticket, new: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    if new["severity"] not in SEVERITIES:
        errors.append(FieldError("severity", "unknown"))
    if new["urgency"] not in URGENCIES:
        errors.append(FieldError("urgency", "unknown"))
    if len(new["error_code"]) > MAX_ERROR_CODE:
        errors.append(FieldError("error_code", "too_long", {"max": str(MAX_ERROR_CODE)}))
    if new["resolution_type"] and new["resolution_type"] not in RESOLUTION_TYPES:
        errors.append(FieldError("resolution_type", "unknown"))
    if ticket.status in (TicketStatus.RESOLVED, TicketStatus.CLOSED):
        for name in ("resolution_type", "root_cause", "solution"):
            if not new[name]:
                errors.append(FieldError(name, "required"))
    if new["symptom_category_id"] is not None:
        exists = session.scalar(
            select(SymptomCategory.id).where(SymptomCategory.id == new["symptom_category_id"])
        )
        if exists is None:
            errors.append(FieldError("symptom_category_id", "unknown"))
    return errors


# --- escalation --------------------------------------------------------------------------


def escalate(
    db: Database,
    user: SignedInUser,
    ticket_id: int,
    version: int,
    reason: str,
    now: datetime | None = None,
) -> TicketChange:
    """Hand a hard case to second line: the level-2 queue of the ticket's region (else the
    level-2 queue of no region, else any), unassigned and `new` there so its engineers take
    it. A running pause ends (the second line works it now); the deadlines stay."""
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    reason = reason.strip()
    with db.session() as session:
        ticket = _locked(db, session, ticket_id)
        _check_version(session, ticket, version, now)
        if not reason:
            raise TicketRefused([FieldError("reason", "required")])
        if ticket.status not in OPEN_STATUSES:
            raise TicketRefused([FieldError("status", "not_open", {"status": ticket.status})])
        target = _second_line_queue(session, ticket)
        if target is None:
            raise TicketRefused([FieldError("queue_id", "no_second_line")])
        from_queue = session.get(Queue, ticket.queue_id) if ticket.queue_id else None
        if ticket.status == TicketStatus.WAITING_CUSTOMER:
            _resume(session, ticket, user, now)
        details = {
            "from": ticket.status,
            "to": TicketStatus.NEW.value,
            "from_queue_id": ticket.queue_id,
            "from_queue": from_queue.name if from_queue else "",
            "to_queue_id": target.id,
            "to_queue": target.name,
            "from_assignee_id": ticket.assignee_id,
            "reason": reason[:MAX_REASON],
        }
        ticket.queue_id = target.id
        ticket.assignee_id = None
        ticket.status = TicketStatus.NEW
        _event(session, ticket, user.id, "escalated", now, details)
        _touch(session, ticket, user.id, now)
        session.commit()
        return _result(ticket)


def _second_line_queue(session: Session, ticket: Ticket) -> Queue | None:
    """The level-2 queue of the ticket's region, else one of no region, else any other."""
    region_id = _ticket_region(session, ticket)
    query = select(Queue).where(Queue.level == 2)
    if ticket.queue_id is not None:
        query = query.where(Queue.id != ticket.queue_id)
    rank = case(
        (Queue.region_id == region_id, 0) if region_id is not None else (false(), 0),
        (Queue.region_id.is_(None), 1),
        else_=2,
    )
    return session.scalars(query.order_by(rank, Queue.id).limit(1)).first()
