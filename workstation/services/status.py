"""Small read-only figures for the workstation's shell: the open-ticket count, a region's name."""

from __future__ import annotations

from sqlalchemy import func, select

from workstation.db import Database
from workstation.models import OPEN_STATUSES, Region, Ticket


def open_ticket_count(db: Database) -> int:
    """How many tickets are not yet resolved or closed (the status bar's live figure)."""
    with db.session() as session:
        count = session.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.status.in_(OPEN_STATUSES))
        )
        return int(count or 0)


def region_name(db: Database, region_id: int) -> str | None:
    """The name of a region (华东, 华北, …), or None if there is no such region."""
    with db.session() as session:
        return session.scalar(select(Region.name).where(Region.id == region_id))
