"""Rows the shell's tests need, written with the ORM (tests may; the screens may not)."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import Customer, Region, Ticket, TicketStatus, User
from workstation.passwords import hash_password

_numbers = itertools.count(1)


def add_region(db: Database, code: str = "EAST", name: str = "华东") -> int:
    with db.session() as session:
        region = Region(code=code, name=name)
        session.add(region)
        session.commit()
        return region.id


def add_user(
    db: Database,
    username: str = "zhangwei",
    password: str = "correct horse",
    *,
    role: str = "agent",
    display_name: str = "张伟",
    region_id: int | None = None,
) -> int:
    with db.session() as session:
        user = User(
            username=username,
            display_name=display_name,
            password_hash=hash_password(password),
            role=role,
            region_id=region_id,
            skills=[],
            active=True,
        )
        session.add(user)
        session.commit()
        return user.id


def add_open_ticket(db: Database, *, status: str = TicketStatus.NEW) -> int:
    """A ticket and its change-log row, committed together as a service would."""
    with db.session() as session:
        customer = session.scalars(select(Customer).limit(1)).first()
        if customer is None:
            customer = Customer(name="上海精密仪器有限公司", kind="company")
            session.add(customer)
            session.flush()
        ticket = Ticket(
            number=f"SR-{next(_numbers):05d}-{uuid.uuid4().hex[:8]}",
            channel="phone",
            customer_id=customer.id,
            reported_at=datetime.now(UTC),
            severity="major",
            priority="P2",
            status=status,
        )
        session.add(ticket)
        session.flush()
        record_change(session, "ticket", ticket.id, "create", None, {"status": status})
        session.commit()
        return ticket.id
