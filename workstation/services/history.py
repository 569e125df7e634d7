"""One timeline of a customer or of one device: tickets, calls, ticket events, audit lines.

Newest first, paged by a keyset cursor (never OFFSET). Each source is read with an
index-driven `ORDER BY at DESC LIMIT n` bounded by the cursor, and the sources are merged
in Python. Entries carry codes and plain values only: the screens turn them into text.
A device's history follows the device by its id, wherever it stands now.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Row, Select, and_, bindparam, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.db import Database
from workstation.models import (
    AuditRecord,
    Call,
    Contact,
    Customer,
    Equipment,
    Queue,
    Site,
    Ticket,
    TicketEvent,
    User,
    WrapUpCode,
)

# The kinds of history entry (what the kind filter offers).
TICKET = "ticket"
CALL = "call"
STATUS = "status"
ASSIGNMENT = "assignment"
NOTE = "note"
VISIT = "visit"
PART = "part"
FOLLOW_UP = "follow_up"
EQUIPMENT = "equipment"
CUSTOMER = "customer"
OTHER = "other"

ALL_KINDS: tuple[str, ...] = (
    TICKET,
    CALL,
    STATUS,
    ASSIGNMENT,
    NOTE,
    VISIT,
    PART,
    FOLLOW_UP,
    EQUIPMENT,
    CUSTOMER,
    OTHER,
)

# Ticket event kind → history kind. "created" is the ticket entry itself.
EVENT_KINDS: dict[str, str] = {
    "assigned": ASSIGNMENT,
    "reassigned": ASSIGNMENT,
    "unassigned": ASSIGNMENT,
    "escalated": ASSIGNMENT,
    "status_changed": STATUS,
    "resolved": STATUS,
    "closed": STATUS,
    "reopened": STATUS,
    "paused": STATUS,
    "resumed": STATUS,
    "note": NOTE,
    "comment": NOTE,
    "call_added": NOTE,
    "visit_scheduled": VISIT,
    "visit_started": VISIT,
    "visit_done": VISIT,
    "visit_cancelled": VISIT,
    "part_reserved": PART,
    "part_used": PART,
    "part_returned": PART,
    "follow_up": FOLLOW_UP,
}
SKIPPED_EVENTS = frozenset({"created"})
# A call with this wrap-up code is a follow-up call (回访), not an intake call.
FOLLOW_UP_WRAP_UP = "follow_up"

# Order of sources among entries at the same instant (higher first).
SOURCE_TICKET = 4
SOURCE_EVENT = 3
SOURCE_CALL = 2
SOURCE_AUDIT = 1

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True, order=True)
class HistoryCursor:
    """Where a page ended: the page after it starts strictly below this key."""

    at: datetime
    source: int
    id: int


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the timeline. `details` holds plain values; the screen words them."""

    at: datetime
    kind: str
    summary_code: str  # what happened within the kind: event kind, audit action, call direction
    ticket_id: int | None
    ticket_number: str
    customer_id: int | None
    customer_name: str
    user_name: str
    details: dict[str, Any] = field(hash=False, compare=False)
    source: int = 0
    source_id: int = 0

    @property
    def key(self) -> HistoryCursor:
        return HistoryCursor(self.at, self.source, self.source_id)


@dataclass(frozen=True)
class HistoryPage:
    entries: tuple[HistoryEntry, ...]
    next_cursor: HistoryCursor | None


Key = tuple[datetime, int, int]
_Pending = tuple[Key, int, Row[Any]]
# (cursor relation "", "le", "lt" or "eq"; a lower bound; an upper bound)
_Shape = tuple[str, bool, bool]
_Statement = Select[*tuple[Any, ...]]

_STATEMENTS: dict[tuple[Any, ...], _Statement] = {}


def _cached(key: tuple[Any, ...], build: Callable[[], _Statement]) -> _Statement:
    """Statements are built once per shape (building one costs more than running it)."""
    statement = _STATEMENTS.get(key)
    if statement is None:
        statement = _STATEMENTS[key] = build()
    return statement


@dataclass(frozen=True)
class _Query:
    """What the caller asked for, shared by every source."""

    scope: str  # "customer" or "equipment"
    scope_id: int
    kinds: frozenset[str] | None
    since: datetime | None
    until: datetime | None
    before: HistoryCursor | None
    limit: int

    def wants(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds

    def _low(self, floor: datetime | None) -> datetime | None:
        if floor is None or (self.since is not None and self.since >= floor):
            return self.since
        return floor

    def shape(self, source: int, floor: datetime | None) -> _Shape:
        relation = ""
        if self.before is not None:
            if source < self.before.source:
                relation = "le"
            elif source > self.before.source:
                relation = "lt"
            else:
                relation = "eq"
        return relation, self._low(floor) is not None, self.until is not None

    def params(self, floor: datetime | None) -> dict[str, Any]:
        values: dict[str, Any] = {"scope": self.scope_id}
        if self.before is not None:
            values["c_at"] = self.before.at
            values["c_id"] = self.before.id
        low = self._low(floor)
        if low is not None:
            values["low"] = low
        if self.until is not None:
            values["high"] = self.until
        return values


def _bounds(
    at: InstrumentedAttribute[datetime], row_id: InstrumentedAttribute[int], shape: _Shape
) -> list[ColumnElement[bool]]:
    relation, low, high = shape
    found: list[ColumnElement[bool]] = []
    if relation == "le":
        found.append(at <= bindparam("c_at"))
    elif relation == "lt":
        found.append(at < bindparam("c_at"))
    elif relation == "eq":
        found.append(at <= bindparam("c_at"))
        found.append(or_(at < bindparam("c_at"), row_id < bindparam("c_id")))
    if low:
        found.append(at >= bindparam("low"))
    if high:
        found.append(at < bindparam("high"))
    return found


def _event_filter(kinds: frozenset[str] | None) -> ColumnElement[bool] | None:
    """The condition on ticket_events.kind for the wanted kinds; None when none can match."""
    if kinds is None:
        return TicketEvent.kind.not_in(sorted(SKIPPED_EVENTS))
    unwanted = sorted(
        SKIPPED_EVENTS | {name for name, kind in EVENT_KINDS.items() if kind not in kinds}
    )
    if OTHER in kinds:
        return TicketEvent.kind.not_in(unwanted)
    wanted = sorted(name for name, kind in EVENT_KINDS.items() if kind in kinds)
    return TicketEvent.kind.in_(wanted) if wanted else None


def _call_filter(kinds: frozenset[str] | None) -> ColumnElement[bool] | None:
    """Intake and other calls are CALL; follow-up calls are FOLLOW_UP."""
    if kinds is None or (CALL in kinds and FOLLOW_UP in kinds):
        return true()
    if CALL in kinds:
        return Call.wrap_up_code != FOLLOW_UP_WRAP_UP
    if FOLLOW_UP in kinds:
        return Call.wrap_up_code == FOLLOW_UP_WRAP_UP
    return None


def _ticket_scope(scope: str) -> ColumnElement[bool]:
    column = Ticket.customer_id if scope == "customer" else Ticket.equipment_id
    return column == bindparam("scope")


def _tickets_statement(q: _Query, shape: _Shape) -> _Statement | None:
    if not q.wants(TICKET):
        return None
    return _cached(
        ("ticket", q.scope, shape, q.limit),
        lambda: (
            select(
                Ticket.id,
                Ticket.number,
                Ticket.reported_at,
                Ticket.status,
                Ticket.priority,
                Ticket.severity,
                Ticket.channel,
                Ticket.description,
                Ticket.created_by_id,
                Ticket.customer_id,
                Ticket.equipment_id,
                Equipment.serial_number,
            )
            .outerjoin(Equipment, Equipment.id == Ticket.equipment_id)
            .where(_ticket_scope(q.scope), *_bounds(Ticket.reported_at, Ticket.id, shape))
            .order_by(Ticket.reported_at.desc(), Ticket.id.desc())
            .limit(q.limit + 1)
        ),
    )


def _calls_statement(q: _Query, shape: _Shape) -> _Statement | None:
    condition = _call_filter(q.kinds)
    if condition is None:
        return None

    def build() -> _Statement:
        query = select(
            Call.id,
            Call.started_at,
            Call.ended_at,
            Call.direction,
            Call.channel,
            Call.phone,
            Call.caller_name,
            Call.wrap_up_code,
            WrapUpCode.name_en.label("wrap_up_en"),
            WrapUpCode.name_zh.label("wrap_up_zh"),
            Call.notes,
            Call.agent_id,
            Call.customer_id,
            Call.ticket_id,
            Ticket.number,
            Contact.name.label("contact_name"),
        )
        if q.scope == "customer":
            query = query.outerjoin(Ticket, Ticket.id == Call.ticket_id).where(
                Call.customer_id == bindparam("scope")
            )
        else:
            # A device's calls are the calls on its tickets.
            query = query.join(Ticket, Ticket.id == Call.ticket_id).where(
                Ticket.equipment_id == bindparam("scope")
            )
        assert condition is not None
        return (
            query.outerjoin(Contact, Contact.id == Call.contact_id)
            # The administered words of the wrap-up code (none for follow_up and older codes).
            .outerjoin(WrapUpCode, WrapUpCode.code == Call.wrap_up_code)
            .where(condition, *_bounds(Call.started_at, Call.id, shape))
            .order_by(Call.started_at.desc(), Call.id.desc())
            .limit(q.limit + 1)
        )

    return _cached(("call", q.scope, shape, q.limit, q.kinds), build)


def _events_statement(q: _Query, shape: _Shape) -> _Statement | None:
    condition = _event_filter(q.kinds)
    if condition is None:
        return None
    return _cached(
        ("event", q.scope, shape, q.limit, q.kinds),
        lambda: (
            select(
                TicketEvent.id,
                TicketEvent.at,
                TicketEvent.kind,
                TicketEvent.details,
                TicketEvent.user_id,
                TicketEvent.ticket_id,
                Ticket.number,
                Ticket.customer_id,
            )
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(
                _ticket_scope(q.scope), condition, *_bounds(TicketEvent.at, TicketEvent.id, shape)
            )
            .order_by(TicketEvent.at.desc(), TicketEvent.id.desc())
            .limit(q.limit + 1)
        ),
    )


def _audit_targets(scope: str) -> list[tuple[str, str, ColumnElement[bool]]]:
    """(history kind, audited entity, condition on its id) of a customer's or device's audit."""
    me: BindParameter[int] = bindparam("scope")
    if scope == "equipment":
        return [(EQUIPMENT, "equipment", AuditRecord.entity_id == me)]
    return [
        (CUSTOMER, "customer", AuditRecord.entity_id == me),
        (
            CUSTOMER,
            "contact",
            AuditRecord.entity_id.in_(select(Contact.id).where(Contact.customer_id == me)),
        ),
        (
            CUSTOMER,
            "site",
            AuditRecord.entity_id.in_(select(Site.id).where(Site.customer_id == me)),
        ),
        (
            EQUIPMENT,
            "equipment",
            AuditRecord.entity_id.in_(select(Equipment.id).where(Equipment.customer_id == me)),
        ),
    ]


def _audit_statement(q: _Query, shape: _Shape) -> _Statement | None:
    wanted = [t for t in _audit_targets(q.scope) if q.wants(t[0])]
    if not wanted:
        return None
    return _cached(
        ("audit", q.scope, shape, q.limit, q.kinds),
        lambda: (
            select(
                AuditRecord.id,
                AuditRecord.at,
                AuditRecord.entity,
                AuditRecord.entity_id,
                AuditRecord.action,
                AuditRecord.details,
                AuditRecord.user_id,
                Equipment.serial_number,
            )
            .outerjoin(
                Equipment,
                and_(AuditRecord.entity == "equipment", Equipment.id == AuditRecord.entity_id),
            )
            .where(
                or_(*(and_(AuditRecord.entity == entity, cond) for _, entity, cond in wanted)),
                *_bounds(AuditRecord.at, AuditRecord.id, shape),
            )
            .order_by(AuditRecord.at.desc(), AuditRecord.id.desc())
            .limit(q.limit + 1)
        ),
    )


_SOURCES: tuple[tuple[int, Callable[[_Query, _Shape], _Statement | None]], ...] = (
    (SOURCE_TICKET, _tickets_statement),
    (SOURCE_CALL, _calls_statement),
    (SOURCE_EVENT, _events_statement),
    (SOURCE_AUDIT, _audit_statement),
)


def _floor(pending: list[_Pending], limit: int) -> datetime | None:
    """No entry older than the (limit+1)-th newest seen so far can be on this page."""
    if len(pending) <= limit:
        return None
    return heapq.nlargest(limit + 1, (p[0] for p in pending))[-1][0]


def _first_line(text: str, limit: int = 200) -> str:
    stripped = text.strip()
    line = stripped.splitlines()[0] if stripped else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _who(source: int, r: Row[Any]) -> int | None:
    """The id of the user who did what the row records."""
    if source == SOURCE_TICKET:
        return r.created_by_id
    if source == SOURCE_CALL:
        return r.agent_id
    return r.user_id


def _entry(source: int, r: Row[Any], users: dict[int, str], customer: str) -> HistoryEntry:
    """The entry of one row, with the names of the page."""
    user_name = users.get(_who(source, r) or 0, "")
    if source == SOURCE_TICKET:
        return HistoryEntry(
            at=r.reported_at,
            kind=TICKET,
            summary_code="opened",
            ticket_id=r.id,
            ticket_number=r.number,
            customer_id=r.customer_id,
            customer_name=customer,
            user_name=user_name,
            details={
                "status": r.status,
                "priority": r.priority,
                "severity": r.severity,
                "channel": r.channel,
                "description": _first_line(r.description),
                "equipment_id": r.equipment_id,
                "serial": r.serial_number or "",
            },
            source=source,
            source_id=r.id,
        )
    if source == SOURCE_CALL:
        duration = (r.ended_at - r.started_at).total_seconds() if r.ended_at else None
        return HistoryEntry(
            at=r.started_at,
            kind=FOLLOW_UP if r.wrap_up_code == FOLLOW_UP_WRAP_UP else CALL,
            summary_code=r.direction,
            ticket_id=r.ticket_id,
            ticket_number=r.number or "",
            customer_id=r.customer_id,
            customer_name=customer,
            user_name=user_name,
            details={
                "call_id": r.id,
                "direction": r.direction,
                "channel": r.channel,
                "phone": r.phone,
                "caller": r.caller_name or r.contact_name or "",
                "wrap_up_code": r.wrap_up_code,
                "wrap_up_en": r.wrap_up_en or "",
                "wrap_up_zh": r.wrap_up_zh or "",
                "duration_seconds": int(duration) if duration is not None else None,
                "notes": _first_line(r.notes),
            },
            source=source,
            source_id=r.id,
        )
    if source == SOURCE_EVENT:
        return HistoryEntry(
            at=r.at,
            kind=EVENT_KINDS.get(r.kind, OTHER),
            summary_code=r.kind,
            ticket_id=r.ticket_id,
            ticket_number=r.number,
            customer_id=r.customer_id,
            customer_name=customer,
            user_name=user_name,
            details=dict(r.details or {}),
            source=source,
            source_id=r.id,
        )
    details = dict(r.details or {})
    details["entity"] = r.entity
    details["entity_id"] = r.entity_id
    if r.entity == "equipment":
        details.setdefault("serial", r.serial_number or "")
    return HistoryEntry(
        at=r.at,
        kind=EQUIPMENT if r.entity == "equipment" else CUSTOMER,
        summary_code=r.action,
        ticket_id=None,
        ticket_number="",
        customer_id=r.entity_id if r.entity == "customer" else None,
        customer_name=customer,
        user_name=user_name,
        details=details,
        source=source,
        source_id=r.id,
    )


def _names(session: Session, model: Any, column: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(model.id, column).where(model.id.in_(sorted(ids)))).all()
    return {row[0]: row[1] for row in rows}


def _page(session: Session, q: _Query, customer_name: str | None) -> HistoryPage:
    connection = session.connection()
    pending: list[_Pending] = []
    floor: datetime | None = None
    for source, statement_of in _SOURCES:
        statement = statement_of(q, q.shape(source, floor))
        if statement is None:
            continue
        for row in connection.execute(statement, q.params(floor)):
            pending.append(
                ((row[1] if source != SOURCE_TICKET else row[2], source, row[0]), source, row)
            )
        floor = _floor(pending, q.limit)
    pending.sort(key=lambda p: p[0], reverse=True)
    chosen = pending[: q.limit]
    user_ids: set[int] = set()
    queue_ids: set[int] = set()
    customer_ids: set[int] = set()
    for _, source, row in chosen:
        if (user := _who(source, row)) is not None:
            user_ids.add(user)
        if source == SOURCE_EVENT and row.details:
            if isinstance(assignee := row.details.get("assignee_id"), int):
                user_ids.add(assignee)
            if isinstance(queue := row.details.get("queue_id"), int):
                queue_ids.add(queue)
        if source != SOURCE_AUDIT and row.customer_id is not None:
            customer_ids.add(row.customer_id)
    users = _names(session, User, User.display_name, user_ids)
    queues = _names(session, Queue, Queue.name, queue_ids)
    if customer_name is None:
        customers = _names(session, Customer, Customer.name, customer_ids)
    else:
        customers = {q.scope_id: customer_name}
    entries = []
    for _, source, row in chosen:
        customer_id = (
            row.customer_id
            if source != SOURCE_AUDIT
            else (row.entity_id if row.entity == "customer" else None)
        )
        entry = _entry(source, row, users, customers.get(customer_id or 0, ""))
        details = entry.details
        if isinstance(assignee := details.get("assignee_id"), int):
            details["assignee_name"] = users.get(assignee, "")
        if isinstance(queue := details.get("queue_id"), int):
            details["queue_name"] = queues.get(queue, "")
        entries.append(entry)
    more = len(pending) > q.limit and chosen
    return HistoryPage(tuple(entries), HistoryCursor(*chosen[-1][0]) if more else None)


def _query(
    scope: str,
    scope_id: int,
    kinds: frozenset[str] | None,
    since: datetime | None,
    until: datetime | None,
    before: HistoryCursor | None,
    limit: int,
) -> _Query:
    if limit < 1:
        raise ValueError("a history page holds at least one entry")
    return _Query(scope, scope_id, kinds, since, until, before, min(limit, MAX_LIMIT))


def customer_history(
    db: Database,
    customer_id: int,
    *,
    kinds: frozenset[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before: HistoryCursor | None = None,
    limit: int = DEFAULT_LIMIT,
) -> HistoryPage:
    """The customer's timeline, newest first: its tickets, calls, ticket events, and the audit
    lines of the customer, its contacts and sites, and of the devices it has now.

    `since` is inclusive, `until` exclusive; `before` is the previous page's next_cursor.
    LookupError for an unknown customer.
    """
    q = _query("customer", customer_id, kinds, since, until, before, limit)
    with db.session() as session:
        name = session.execute(
            _cached(
                ("customer-name",),
                lambda: select(Customer.name).where(Customer.id == bindparam("scope")),
            ),
            {"scope": customer_id},
        ).scalar()
        if name is None:
            raise LookupError(f"no customer {customer_id}")
        return _page(session, q, name)


def equipment_history(
    db: Database,
    equipment_id: int,
    *,
    kinds: frozenset[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before: HistoryCursor | None = None,
    limit: int = DEFAULT_LIMIT,
) -> HistoryPage:
    """The device's timeline, newest first, whichever customer or site it stood at: its
    tickets, their calls and events, and its own audit lines (registered, edited, moved,
    replaced). LookupError for an unknown device."""
    q = _query("equipment", equipment_id, kinds, since, until, before, limit)
    with db.session() as session:
        found = session.execute(
            _cached(
                ("equipment-id",),
                lambda: select(Equipment.id).where(Equipment.id == bindparam("scope")),
            ),
            {"scope": equipment_id},
        ).scalar()
        if found is None:
            raise LookupError(f"no equipment {equipment_id}")
        return _page(session, q, None)
