"""The live work queue: open tickets by time left before their SLA deadline, with counts.

One statement reads a page: the first tickets in queue order (sorted over the tickets alone,
found by the status index), with their customer, model, queue, assignee and region joined in
for those rows only (never one query per row); a count of all matching tickets only when the
page is full. `queue_rows` reads the same columns for a few ticket ids, so a screen refreshes
exactly the rows another desk changed; an id that no longer matches the filter comes back as
None (the screen removes it). `queue_counts` gives, per queue, the open, unassigned, at-risk,
breached and paused tickets in one aggregate statement.

Sort order (the default "time left"): tickets whose clock runs, nearest resolution deadline
first; then paused tickets (waiting for the customer: nothing to do until the customer answers;
among them by deadline); then tickets without a deadline (no SLA plan), oldest first. Ties by
id. `queue_sort_key` is the same order in Python, for a screen that places a row itself.

SLA state (the same rule in SQL for the counts and in Python for the rows, `sla_state_of`):
- breached: a pending deadline is past (resolution due, or response due while not yet
  responded). A paused ticket is judged at the instant its clock stopped, so a breach that
  happened before the pause stays a breach;
- paused: the clock stands still (`sla_paused_at` set) and it was not breached before; time
  left is frozen at `due - sla_paused_at`;
- at risk: the at-risk instant of a pending deadline has passed (resolution, or response while
  not yet responded), not breached, not paused;
- on track otherwise. Time left is always to the resolution deadline (what the queue sorts by).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, NamedTuple

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Row,
    Select,
    and_,
    bindparam,
    case,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import (
    OPEN_STATUSES as _OPEN,
)
from workstation.models import (
    Customer,
    ProductModel,
    Queue,
    Region,
    Role,
    Ticket,
    User,
    UTCDateTime,
)
from workstation.services.options import QueueOption, RegionOption, queue_options, region_options

OPEN_STATUSES: tuple[str, ...] = tuple(str(s) for s in _OPEN)
PRIORITIES: tuple[str, ...] = ("P1", "P2", "P3", "P4")
TIERS: tuple[str, ...] = ("vip", "key", "standard")

DEFAULT_LIMIT = 500
MAX_LIMIT = 5000

# SLA states of a row.
ON_TRACK = "on_track"
AT_RISK = "at_risk"
BREACHED = "breached"
PAUSED = "paused"

Assignee = None | Literal["me", "unassigned"] | int


@dataclass(frozen=True)
class QueueFilter:
    """Which tickets the queue shows. Empty `priorities` means any; `assignee` None: anyone,
    "me" (the ticket is `user_id`'s), "unassigned", or a user's id."""

    queue_id: int | None = None
    region_id: int | None = None
    statuses: tuple[str, ...] = OPEN_STATUSES
    priorities: tuple[str, ...] = ()
    assignee: Assignee = None
    tier: str | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class QueueRow:
    """One ticket as the queue shows it: plain values, the screen words them."""

    ticket_id: int
    number: str
    priority: str
    status: str
    customer_id: int
    customer_name: str
    customer_tier: str
    product_model_name: str
    queue_id: int | None
    queue_name: str
    assignee_id: int | None
    assignee_name: str
    region_name: str
    reported_at: datetime
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    response_at_risk_at: datetime | None
    resolution_at_risk_at: datetime | None
    first_response_at: datetime | None
    sla_paused_at: datetime | None
    version: int
    kind: str


@dataclass(frozen=True)
class QueueCount:
    """The open tickets of one queue (queue_id None: tickets in no queue)."""

    queue_id: int | None
    queue_name: str
    open: int
    unassigned: int
    at_risk: int
    breached: int
    paused: int


@dataclass(frozen=True)
class QueuePage:
    """The first `limit` rows in queue order, how many match in all, and the per-queue counts."""

    rows: tuple[QueueRow, ...]
    total: int
    counts: tuple[QueueCount, ...] = field(default=())


@dataclass(frozen=True)
class UserChoice:
    id: int
    display_name: str
    role: str


@dataclass(frozen=True)
class QueueFilterOptions:
    """What the queue's filter bar offers."""

    queues: tuple[QueueOption, ...]
    regions: tuple[RegionOption, ...]
    users: tuple[UserChoice, ...]


class SlaView(NamedTuple):
    """A row's SLA state now, and the time left to its resolution deadline (None: no deadline;
    negative: overdue; frozen while paused)."""

    state: str
    time_left: timedelta | None


# -- the statement ------------------------------------------------------------------------

_Statement = Select[*tuple[Any, ...]]
_NOW: BindParameter[datetime] = bindparam("now", type_=UTCDateTime())


def _columns() -> tuple[Any, ...]:
    return (
        Ticket.id,
        Ticket.number,
        Ticket.priority,
        Ticket.status,
        Ticket.customer_id,
        Customer.name.label("customer_name"),
        Customer.tier.label("customer_tier"),
        ProductModel.name.label("model_name"),
        Ticket.queue_id,
        Queue.name.label("queue_name"),
        Ticket.assignee_id,
        User.display_name.label("assignee_name"),
        Region.name.label("region_name"),
        Ticket.reported_at,
        Ticket.response_due_at,
        Ticket.resolution_due_at,
        Ticket.response_at_risk_at,
        Ticket.resolution_at_risk_at,
        Ticket.first_response_at,
        Ticket.sla_paused_at,
        Ticket.version,
        Ticket.kind,
    )


def _region_id() -> ColumnElement[int | None]:
    """A ticket's region: its queue's, else its customer's (first-line queues have none)."""
    return func.coalesce(Queue.region_id, Customer.region_id)


def _joined(statement: _Statement) -> _Statement:
    return (
        statement.select_from(Ticket)
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(ProductModel, ProductModel.id == Ticket.product_model_id)
        .outerjoin(Queue, Queue.id == Ticket.queue_id)
        .outerjoin(User, User.id == Ticket.assignee_id)
        .outerjoin(Region, Region.id == _region_id())
    )


# A filter's shape: which conditions it has (the values go in as parameters). Statements are
# built once per shape: building one costs more than running it on a small queue.
_Shape = tuple[bool, bool, bool, bool, bool, str]


def _shape(flt: QueueFilter) -> _Shape:
    if flt.assignee == "me" and flt.user_id is None:
        raise ValueError('the "me" filter needs user_id')
    assignee = "" if flt.assignee is None else "none" if flt.assignee == "unassigned" else "one"
    return (
        bool(flt.statuses),
        flt.queue_id is not None,
        flt.region_id is not None,
        bool(flt.priorities),
        flt.tier is not None,
        assignee,
    )


def _params(flt: QueueFilter) -> dict[str, Any]:
    values: dict[str, Any] = {
        "statuses": list(flt.statuses),
        "queue_id": flt.queue_id,
        "region_id": flt.region_id,
        "priorities": list(flt.priorities),
        "tier": flt.tier,
        "assignee_id": flt.user_id if flt.assignee == "me" else flt.assignee,
    }
    shape = _shape(flt)
    names = ("statuses", "queue_id", "region_id", "priorities", "tier")
    used = {name for name, present in zip(names, shape[:5], strict=True) if present}
    if shape[5] == "one":
        used.add("assignee_id")
    return {name: value for name, value in values.items() if name in used}


def _conditions(shape: _Shape) -> list[ColumnElement[bool]]:
    statuses, queue, region, priorities, tier, assignee = shape
    where: list[ColumnElement[bool]] = []
    if statuses:
        where.append(Ticket.status.in_(bindparam("statuses", expanding=True)))
    if queue:
        where.append(Ticket.queue_id == bindparam("queue_id"))
    if region:
        where.append(_region_id() == bindparam("region_id"))
    if priorities:
        where.append(Ticket.priority.in_(bindparam("priorities", expanding=True)))
    if tier:
        where.append(Customer.tier == bindparam("tier"))
    if assignee == "none":
        where.append(Ticket.assignee_id.is_(None))
    elif assignee == "one":
        where.append(Ticket.assignee_id == bindparam("assignee_id"))
    return where


def _order() -> tuple[Any, ...]:
    group = case(
        (Ticket.resolution_due_at.is_(None), 2),
        (Ticket.sla_paused_at.is_not(None), 1),
        else_=0,
    )
    return (group, Ticket.resolution_due_at, Ticket.reported_at, Ticket.id)


def _row(row: Row[Any]) -> QueueRow:
    return QueueRow(
        ticket_id=row.id,
        number=row.number,
        priority=row.priority,
        status=row.status,
        customer_id=row.customer_id,
        customer_name=row.customer_name,
        customer_tier=row.customer_tier,
        product_model_name=row.model_name or "",
        queue_id=row.queue_id,
        queue_name=row.queue_name or "",
        assignee_id=row.assignee_id,
        assignee_name=row.assignee_name or "",
        region_name=row.region_name or "",
        reported_at=row.reported_at,
        response_due_at=row.response_due_at,
        resolution_due_at=row.resolution_due_at,
        response_at_risk_at=row.response_at_risk_at,
        resolution_at_risk_at=row.resolution_at_risk_at,
        first_response_at=row.first_response_at,
        sla_paused_at=row.sla_paused_at,
        version=row.version,
        kind=row.kind,
    )


def _filtered(statement: _Statement, shape: _Shape) -> _Statement:
    """`statement` over tickets, joined only to what the filter needs, filtered."""
    _statuses, _queue, region, _priorities, tier, _assignee = shape
    statement = statement.select_from(Ticket)
    if tier or region:
        statement = statement.join(Customer, Customer.id == Ticket.customer_id)
    if region:
        statement = statement.outerjoin(Queue, Queue.id == Ticket.queue_id)
    return statement.where(*_conditions(shape))


_STATEMENTS: dict[tuple[Any, ...], _Statement] = {}


def _cached(key: tuple[Any, ...], build: Callable[[], _Statement]) -> _Statement:
    statement = _STATEMENTS.get(key)
    if statement is None:
        statement = _STATEMENTS[key] = build()
    return statement


def _page_statement(shape: _Shape, limit: int) -> _Statement:
    def build() -> _Statement:
        page = _filtered(select(Ticket.id), shape).order_by(*_order()).limit(limit)
        ids = page.subquery("page")
        return _joined(select(*_columns())).join(ids, ids.c.id == Ticket.id).order_by(*_order())

    return _cached(("page", shape, limit), build)


def _total_statement(shape: _Shape) -> _Statement:
    return _cached(("total", shape), lambda: _filtered(select(func.count()), shape))


def _rows_statement(shape: _Shape) -> _Statement:
    return _cached(
        ("rows", shape),
        lambda: _joined(select(*_columns())).where(
            Ticket.id.in_(bindparam("ids", expanding=True)), *_conditions(shape)
        ),
    )


def page_statement(flt: QueueFilter, limit: int) -> _Statement:
    """The page: the first `limit` ticket ids in queue order (sorted over the tickets alone,
    found by the status index), then every column joined for those rows only. (With the
    filter's values bound: for EXPLAIN and the benchmark's floor.)"""
    return _page_statement(_shape(flt), limit).params(**_params(flt))


def total_statement(flt: QueueFilter) -> _Statement:
    """How many tickets match (a count over the status index for filters on ticket columns)."""
    return _total_statement(_shape(flt)).params(**_params(flt))


def rows_statement(ticket_ids: Sequence[int], flt: QueueFilter) -> _Statement:
    return _rows_statement(_shape(flt)).params(ids=list(ticket_ids), **_params(flt))


# -- reading ------------------------------------------------------------------------------


def queue_page(
    db: Database,
    flt: QueueFilter | None = None,
    now: datetime | None = None,
    limit: int = DEFAULT_LIMIT,
) -> QueuePage:
    """The first `limit` tickets matching `flt` in queue order, their total, and the counts."""
    flt = flt or QueueFilter()
    limit = max(1, min(limit, MAX_LIMIT))
    shape, params = _shape(flt), _params(flt)
    with db.session() as session:
        connection = session.connection()
        rows = tuple(_row(r) for r in connection.execute(_page_statement(shape, limit), params))
        total = len(rows)
        if total == limit:
            total = int(connection.execute(_total_statement(shape), params).scalar_one())
        counts = _counts(session, now or datetime.now(UTC))
    return QueuePage(rows, total, counts)


def queue_rows(
    db: Database,
    ticket_ids: Iterable[int],
    flt: QueueFilter | None = None,
    now: datetime | None = None,
) -> dict[int, QueueRow | None]:
    """The rows of these tickets as they are now; None for a ticket that no longer matches
    `flt` (or is gone): the screen removes it. `now` is accepted for symmetry (rows carry
    instants; states are computed by `sla_state_of`)."""
    del now
    flt = flt or QueueFilter()
    wanted = sorted(set(ticket_ids))
    found: dict[int, QueueRow | None] = dict.fromkeys(wanted)
    if not wanted:
        return found
    shape = _shape(flt)
    with db.session() as session:
        rows = session.connection().execute(_rows_statement(shape), {"ids": wanted, **_params(flt)})
        for row in rows:
            found[row.id] = _row(row)
    return found


def _at_instant() -> ColumnElement[datetime]:
    """The instant a ticket's SLA is judged at: when its clock stopped, else now."""
    return func.coalesce(Ticket.sla_paused_at, _NOW)


def breached_condition() -> ColumnElement[bool]:
    at = _at_instant()
    return or_(
        and_(Ticket.resolution_due_at.is_not(None), Ticket.resolution_due_at < at),
        and_(
            Ticket.first_response_at.is_(None),
            Ticket.response_due_at.is_not(None),
            Ticket.response_due_at < at,
        ),
    )


def at_risk_condition() -> ColumnElement[bool]:
    return and_(
        not_(breached_condition()),
        Ticket.sla_paused_at.is_(None),
        or_(
            and_(Ticket.resolution_at_risk_at.is_not(None), Ticket.resolution_at_risk_at <= _NOW),
            and_(
                Ticket.first_response_at.is_(None),
                Ticket.response_at_risk_at.is_not(None),
                Ticket.response_at_risk_at <= _NOW,
            ),
        ),
    )


def counts_statement() -> _Statement:
    """Per queue, the open tickets and how many of them are unassigned, at risk, breached or
    paused: one pass over the open tickets with conditional aggregates (`:now` bound)."""
    return _cached(("counts",), _build_counts)


def _build_counts() -> _Statement:
    return (
        select(
            Ticket.queue_id,
            func.max(Queue.name).label("queue_name"),
            func.count().label("open"),
            func.count().filter(Ticket.assignee_id.is_(None)).label("unassigned"),
            func.count().filter(at_risk_condition()).label("at_risk"),
            func.count().filter(breached_condition()).label("breached"),
            func.count()
            .filter(and_(Ticket.sla_paused_at.is_not(None), not_(breached_condition())))
            .label("paused"),
        )
        .select_from(Ticket)
        .outerjoin(Queue, Queue.id == Ticket.queue_id)
        .where(Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.queue_id)
    )


def _counts(session: Session, now: datetime) -> tuple[QueueCount, ...]:
    rows = session.connection().execute(counts_statement(), {"now": now}).all()
    counts = [
        QueueCount(
            queue_id=row.queue_id,
            queue_name=row.queue_name or "",
            open=int(row.open),
            unassigned=int(row.unassigned),
            at_risk=int(row.at_risk),
            breached=int(row.breached),
            paused=int(row.paused),
        )
        for row in rows
    ]
    counts.sort(key=lambda c: (c.queue_id is None, c.queue_name, c.queue_id or 0))
    return tuple(counts)


def queue_counts(db: Database, now: datetime | None = None) -> tuple[QueueCount, ...]:
    """Per queue with open tickets: open, unassigned, at risk, breached, paused (one statement)."""
    with db.session() as session:
        return _counts(session, now or datetime.now(UTC))


def queue_filter_options(db: Database) -> QueueFilterOptions:
    """The queues, regions and active users who work tickets, for the filter bar."""
    with db.session() as session:
        queues = queue_options(session)
        regions = region_options(session)
        users = tuple(
            UserChoice(row.id, row.display_name, row.role)
            for row in session.execute(
                select(User.id, User.display_name, User.role)
                .where(
                    User.active.is_(True),
                    User.role.in_([Role.AGENT, Role.ENGINEER, Role.SUPERVISOR]),
                )
                .order_by(User.display_name, User.id)
            )
        )
    return QueueFilterOptions(queues, regions, users)


# -- pure helpers the screen uses ----------------------------------------------------------


def sla_state_of(row: QueueRow, now: datetime) -> SlaView:
    """The row's SLA state at `now` and the time left to its resolution deadline.

    The same rule as the counts' SQL (see the module's docstring): no database read, so a
    screen re-evaluates its rows on a timer.
    """
    at = row.sla_paused_at or now
    due = row.resolution_due_at
    time_left = None if due is None else due - at
    responded = row.first_response_at is not None
    breached = (due is not None and due < at) or (
        not responded and row.response_due_at is not None and row.response_due_at < at
    )
    if breached:
        return SlaView(BREACHED, time_left)
    if row.sla_paused_at is not None:
        return SlaView(PAUSED, time_left)
    at_risk = (row.resolution_at_risk_at is not None and row.resolution_at_risk_at <= now) or (
        not responded and row.response_at_risk_at is not None and row.response_at_risk_at <= now
    )
    return SlaView(AT_RISK if at_risk else ON_TRACK, time_left)


_FAR = datetime.max.replace(tzinfo=UTC)


def queue_sort_key(row: QueueRow) -> tuple[int, datetime, datetime, int]:
    """The default queue order in Python, as the page statement sorts (for placing a row)."""
    due = row.resolution_due_at
    group = 2 if due is None else (1 if row.sla_paused_at is not None else 0)
    return (group, due or _FAR, row.reported_at, row.ticket_id)
