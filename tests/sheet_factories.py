"""Rows for tests of the service sheet: a booked visit of an engineer, maybe on a ticket."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.factories import CustomerIds
from workstation.changes import record_change
from workstation.db import Database
from workstation.models import Visit


def add_visit(
    db: Database,
    customer: CustomerIds,
    starts_at: datetime,
    *,
    engineer_id: int | None,
    ticket_id: int | None = None,
    equipment_id: int | None = None,
    status: str = "booked",
    kind: str = "repair",
    priority: str = "",
    hours: int = 2,
    checklist: tuple[str, ...] = (),
    notes: str = "",
) -> int:
    """A visit at the customer's site, booked for `hours` from `starts_at`."""
    with db.session() as session:
        visit = Visit(
            kind=kind,
            status=status,
            ticket_id=ticket_id,
            customer_id=customer.customer_id,
            site_id=customer.site_id,
            equipment_id=equipment_id,
            engineer_id=engineer_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            priority=priority,
            checklist=list(checklist),
            notes=notes,
            created_at=starts_at - timedelta(days=1),
            updated_at=starts_at - timedelta(days=1),
        )
        session.add(visit)
        session.flush()
        record_change(session, "visit", visit.id, "create", None, {"status": status})
        session.commit()
        return visit.id
