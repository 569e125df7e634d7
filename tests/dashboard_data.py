"""A small hand-built service centre with known dashboard answers (Beijing days, UTC stored).

"Now" is Monday 23 November 2026, 10:30 in Beijing. Known answers (all filters off):
- 20 Nov: five tickets; responses 10, 20, 30, 40 min (VIP customer in region A) and 200 min
  (standard customer in region B): median 30, p90 200 (VIP only: 20 and 40). Resolution due
  21 Nov 12:00: three VIP tickets resolved in time, one late, the standard one still open
  and past due: compliance 3/5 (VIP: 3/4).
- 22 Nov: one VIP ticket, responded in 75 min (bucket 70), resolved in time.
- today: three open VIP tickets (08:10, 09:20, 10:00), one of them assigned to engineer
  "eng1"; calls at 08:05 and 08:40; on each of the last four Mondays one call at 08:30
  and two tickets at 08:00-09:00 on 16 Nov only.
Open tickets: today's three plus the standard one of 20 Nov (breached); the 08:10 one is
at risk.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update

from tests.factories import CustomerIds, add_call, add_customer, model_id, with_reference_data
from tests.ticket_factories import add_worker, beijing
from workstation.changes import record_change
from workstation.db import Database
from workstation.models import ProductModel, Ticket
from workstation.services.auth import SignedInUser
from workstation.services.options import regions

NOW = beijing(2026, 11, 23, 10, 30)
DUE_20 = beijing(2026, 11, 21, 12, 0)

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Centre:
    region_a: int
    region_b: int
    vip: CustomerIds
    standard: CustomerIds
    engineer: SignedInUser
    supervisor: SignedInUser
    category: str
    late_ticket: int
    open_ticket_20: int


def add_dashboard_ticket(
    db: Database,
    customer: CustomerIds,
    reported_at: datetime,
    *,
    status: str = "new",
    priority: str = "P2",
    first_response_at: datetime | None = None,
    resolution_due_at: datetime | None = None,
    resolved_at: datetime | None = None,
    resolution_at_risk_at: datetime | None = None,
    assignee_id: int | None = None,
    product_model: int | None = None,
    number: str | None = None,
) -> int:
    with db.session() as session:
        ticket = Ticket(
            number=number or f"SR-2026-{700_000 + next(_numbers):06d}",
            channel="phone",
            customer_id=customer.customer_id,
            product_model_id=product_model,
            reported_at=reported_at,
            severity="major",
            priority=priority,
            status=status,
            first_response_at=first_response_at,
            resolution_due_at=resolution_due_at,
            resolution_at_risk_at=resolution_at_risk_at,
            resolved_at=resolved_at,
            assignee_id=assignee_id,
            created_at=reported_at,
            updated_at=reported_at,
        )
        session.add(ticket)
        session.flush()
        record_change(session, "ticket", ticket.id, "create", None, {"status": status})
        session.commit()
        return ticket.id


def resolve(db: Database, ticket_id: int, at: datetime) -> None:
    """Resolve a ticket as a desk would: the row and its change-log entry together."""
    with db.session() as session:
        session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id)
            .values(status="resolved", resolved_at=at, version=Ticket.version + 1)
        )
        record_change(session, "ticket", ticket_id, "update", None, {"status": "resolved"})
        session.commit()


def build_centre(db: Database) -> Centre:
    with_reference_data(db)
    region_list = regions(db)
    region_a, region_b = region_list[0].id, region_list[1].id
    vip = add_customer(db, "北京VIP客户", tier="vip", region_id=region_a)
    standard = add_customer(
        db,
        "广州标准客户",
        tier="standard",
        region_id=region_b,
        contacts=(("李四", ("139 0000 1111",)),),
    )
    engineer = add_worker(db, "eng1", "engineer", region_id=region_a)
    supervisor = add_worker(db, "boss", "supervisor")
    model = model_id(db)
    with db.session() as session:
        category = session.get_one(ProductModel, model).category

    day20 = beijing(2026, 11, 20, 9, 0)
    late = 0
    for n, minutes in enumerate((10, 20, 30, 40)):
        resolved = DUE_20 - timedelta(hours=1) if n < 3 else DUE_20 + timedelta(hours=2)
        ticket = add_dashboard_ticket(
            db,
            vip,
            day20,
            status="resolved",
            first_response_at=day20 + timedelta(minutes=minutes),
            resolution_due_at=DUE_20,
            resolved_at=resolved,
            product_model=model,
        )
        late = ticket if n == 3 else late
    open_20 = add_dashboard_ticket(
        db,
        standard,
        day20,
        first_response_at=day20 + timedelta(minutes=200, seconds=30),
        resolution_due_at=DUE_20,
        status="in_progress",
    )
    day22 = beijing(2026, 11, 22, 14, 0)
    add_dashboard_ticket(
        db,
        vip,
        day22,
        status="resolved",
        first_response_at=day22 + timedelta(minutes=75),
        resolution_due_at=day22 + timedelta(days=1),
        resolved_at=day22 + timedelta(hours=3),
        product_model=model,
    )
    add_dashboard_ticket(
        db,
        vip,
        beijing(2026, 11, 23, 8, 10),
        resolution_due_at=NOW + timedelta(hours=5),
        resolution_at_risk_at=NOW - timedelta(minutes=5),
        product_model=model,
    )
    add_dashboard_ticket(
        db,
        vip,
        beijing(2026, 11, 23, 9, 20),
        status="assigned",
        assignee_id=engineer.id,
        first_response_at=beijing(2026, 11, 23, 9, 25),
        product_model=model,
    )
    add_dashboard_ticket(db, vip, beijing(2026, 11, 23, 10, 0), product_model=model)
    for minute in (5, 40):
        add_call(db, vip, started_at=beijing(2026, 11, 23, 8, minute))
    for week in range(1, 5):
        add_call(db, standard, started_at=beijing(2026, 11, 23, 8, 30) - timedelta(weeks=week))
    for minute in (0, 59):
        add_dashboard_ticket(
            db,
            standard,
            beijing(2026, 11, 16, 8, minute),
            status="closed",
            resolution_due_at=beijing(2026, 11, 17, 8, 0),
            resolved_at=beijing(2026, 11, 16, 12, 0),
        )
    return Centre(region_a, region_b, vip, standard, engineer, supervisor, category, late, open_20)
