"""Queue tickets for tests: queues, tickets with deadlines, and another desk's change to one.

Written with the ORM (tests may; the screens may not). Each builder commits and returns ids;
`change_ticket` is what another desk's service does: update, bump the version and record the
change in one transaction.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import Customer, Queue, Region, Ticket, User

_numbers = itertools.count(1)


def add_queue(
    db: Database,
    name: str,
    *,
    code: str | None = None,
    level: int = 1,
    region_id: int | None = None,
) -> int:
    with db.session() as session:
        queue = Queue(
            code=code or f"Q-{next(_numbers):04d}", name=name, level=level, region_id=region_id
        )
        session.add(queue)
        session.commit()
        return queue.id


def add_region_row(db: Database, name: str, code: str | None = None) -> int:
    with db.session() as session:
        region = Region(code=code or f"R-{next(_numbers):04d}", name=name)
        session.add(region)
        session.commit()
        return region.id


def add_person(db: Database, name: str, role: str = "engineer") -> int:
    with db.session() as session:
        user = User(
            username=f"u{next(_numbers):05d}",
            display_name=name,
            password_hash="-",
            role=role,
            skills=[],
            active=True,
        )
        session.add(user)
        session.commit()
        return user.id


def add_client(
    db: Database,
    name: str = "上海精密仪器有限公司",
    tier: str = "standard",
    region_id: int | None = None,
) -> int:
    with db.session() as session:
        customer = Customer(name=name, kind="company", tier=tier, region_id=region_id)
        session.add(customer)
        session.commit()
        return customer.id


def add_queue_ticket(
    db: Database,
    customer_id: int,
    *,
    now: datetime | None = None,
    left: timedelta | None = timedelta(hours=4),
    target: timedelta = timedelta(hours=8),
    at_risk_ratio: float = 0.75,
    response_left: timedelta | None = None,
    responded: bool = True,
    paused_ago: timedelta | None = None,
    queue_id: int | None = None,
    assignee_id: int | None = None,
    status: str = "new",
    priority: str = "P2",
    product_model_id: int | None = None,
    kind: str = "fault",
) -> int:
    """A ticket whose resolution deadline is `left` from `now` (None: no SLA) on a `target`
    long clock; its at-risk instant at `at_risk_ratio` of the target; response likewise when
    `response_left` is given. `paused_ago`: the clock stopped that long before `now`."""
    now = now or datetime.now(UTC)
    values: dict[str, Any] = {}
    if left is not None:
        due = now + left
        reported = due - target
        values.update(
            resolution_due_at=due,
            resolution_at_risk_at=reported + target * at_risk_ratio,
        )
    else:
        reported = now - timedelta(hours=1)
    if response_left is not None:
        response_due = now + response_left
        response_target = response_due - reported
        values.update(
            response_due_at=response_due,
            response_at_risk_at=reported + response_target * at_risk_ratio,
        )
    if responded:
        values["first_response_at"] = reported + timedelta(minutes=5)
    if paused_ago is not None:
        values["sla_paused_at"] = now - paused_ago
    with db.session() as session:
        ticket = Ticket(
            number=f"SR-2026-{next(_numbers):06d}",
            channel="phone",
            customer_id=customer_id,
            product_model_id=product_model_id,
            reported_at=reported,
            severity="major",
            priority=priority,
            status=status,
            queue_id=queue_id,
            assignee_id=assignee_id,
            kind=kind,
            **values,
        )
        session.add(ticket)
        session.flush()
        record_change(session, "ticket", ticket.id, "create", None, {"status": status})
        session.commit()
        return ticket.id


def change_ticket(db: Database, ticket_id: int, **values: Any) -> None:
    """Another desk's change: the update, the version bump and the change log, one commit."""
    with db.session() as session:
        session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id)
            .values(version=Ticket.version + 1, **values)
        )
        record_change(session, "ticket", ticket_id, "update", None, {"fields": sorted(values)})
        session.commit()
