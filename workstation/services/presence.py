"""Presence: who else has a ticket open right now ("张伟 is editing this ticket").

A desk announces a ticket when it opens it and every 30 seconds while it stays open (a
heartbeat refreshing `seen_at`), and leaves it when it closes it. A row whose heartbeat
stopped (a crashed or cut-off desk) counts as gone after `STALE_AFTER`. Opening and leaving
go to the change feed, so other desks showing the ticket update at once; heartbeats do not
(they would wake every desk every 30 seconds per open ticket for nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, delete, func, not_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import TicketPresence, User
from workstation.services.auth import SignedInUser

STALE_AFTER = timedelta(seconds=90)
HEARTBEAT_SECONDS = 30
ENTITY = "presence"


@dataclass(frozen=True)
class Viewer:
    """Another user who has the ticket open, since when (the earliest of their desks)."""

    user_id: int
    display_name: str
    since: datetime


def _upsert(session: Session, values: dict[str, Any], stale_before: datetime) -> Any:
    """INSERT … ON CONFLICT (ticket, user, desk) DO UPDATE, in the back end's own dialect.

    A fresh row only gets its `seen_at` moved on; a stale one counts as opened anew."""
    table = TicketPresence
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(**values)
    reopened = case(
        (table.seen_at < stale_before, statement.excluded.opened_at),
        else_=table.opened_at,
    )
    return statement.on_conflict_do_update(
        index_elements=[table.ticket_id, table.user_id, table.desk],
        set_={"seen_at": statement.excluded.seen_at, "opened_at": reopened},
    ).returning(table.opened_at, table.seen_at)


def announce(
    db: Database, user: SignedInUser, desk: str, ticket_id: int, now: datetime | None = None
) -> None:
    """This desk has the ticket open: on opening and as the heartbeat while it stays open.

    Tells other desks (change feed) only when it is newly open here (or was stale)."""
    now = now or datetime.now(UTC)
    values = {
        "ticket_id": ticket_id,
        "user_id": user.id,
        "desk": desk,
        "opened_at": now,
        "seen_at": now,
    }
    with db.session() as session:
        opened_at, seen_at = session.execute(_upsert(session, values, now - STALE_AFTER)).one()
        if opened_at == seen_at:  # inserted, or a stale row taken up again
            _tell(session, user, desk, ticket_id, "update")
        session.commit()


def leave(db: Database, user: SignedInUser, desk: str, ticket_id: int) -> None:
    """This desk closed the ticket (or switched to another one)."""
    with db.session() as session:
        result = session.execute(
            delete(TicketPresence).where(
                TicketPresence.ticket_id == ticket_id,
                TicketPresence.user_id == user.id,
                TicketPresence.desk == desk,
            )
        )
        if result.rowcount:  # type: ignore[attr-defined]
            _tell(session, user, desk, ticket_id, "delete")
        session.commit()


def _tell(session: Session, user: SignedInUser, desk: str, ticket_id: int, action: str) -> None:
    data = {"ticket_id": ticket_id, "desk": desk}
    record_change(session, ENTITY, ticket_id, action, user.id, data)


def viewers(
    db: Database,
    ticket_id: int,
    except_user_id: int,
    except_desk: str,
    now: datetime | None = None,
    stale_after: timedelta = STALE_AFTER,
) -> tuple[Viewer, ...]:
    """Who else has the ticket open (not this desk's own row; stale rows left out), one entry
    per user, the longest open first. The same user at another desk is listed."""
    now = now or datetime.now(UTC)
    with db.session() as session:
        rows = session.execute(
            select(User.id, User.display_name, func.min(TicketPresence.opened_at))
            .join(User, User.id == TicketPresence.user_id)
            .where(
                TicketPresence.ticket_id == ticket_id,
                TicketPresence.seen_at >= now - stale_after,
                not_(
                    and_(
                        TicketPresence.user_id == except_user_id,
                        TicketPresence.desk == except_desk,
                    )
                ),
            )
            .group_by(User.id, User.display_name)
            .order_by(func.min(TicketPresence.opened_at), User.id)
        ).all()
    return tuple(Viewer(int(r[0]), r[1] or "", r[2]) for r in rows)


def purge_stale(
    db: Database, now: datetime | None = None, stale_after: timedelta = STALE_AFTER
) -> int:
    """Delete rows of desks that stopped beating (crashed, cut off); how many went.

    Nobody needs telling: `viewers` already leaves stale rows out."""
    now = now or datetime.now(UTC)
    with db.session() as session:
        result = session.execute(
            delete(TicketPresence).where(TicketPresence.seen_at < now - stale_after)
        )
        session.commit()
        return int(result.rowcount)  # type: ignore[attr-defined]
