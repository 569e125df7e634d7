"""Administering regions and work queues (admins only).

Regions and queues are created and renamed, never deleted here: users, customers, sites
and tickets point at them. Every change is on the audit trail and in the change log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import Queue, Region, User
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require
from workstation.services.admin_trail import save_admin_record
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")
QUEUE_LEVELS = (1, 2)  # first line, second line


@dataclass(frozen=True)
class RegionRow:
    id: int
    code: str
    name: str
    users: int  # active users of the region
    queues: int


@dataclass(frozen=True)
class QueueRow:
    id: int
    code: str
    name: str
    level: int
    region_id: int | None
    region_name: str


@dataclass(frozen=True)
class QueueInput:
    code: str
    name: str
    level: int
    region_id: int | None


@dataclass(frozen=True)
class Organisation:
    regions: tuple[RegionRow, ...]
    queues: tuple[QueueRow, ...]


def organisation(db: Database, user: SignedInUser) -> Organisation:
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        return _organisation(session)


def _organisation(session: Session) -> Organisation:
    users = dict(
        session.execute(
            select(User.region_id, func.count(User.id))
            .where(User.active.is_(True))
            .group_by(User.region_id)
        ).all()
    )
    queue_counts = dict(
        session.execute(
            select(Queue.region_id, func.count(Queue.id)).group_by(Queue.region_id)
        ).all()
    )
    regions = tuple(
        RegionRow(r.id, r.code, r.name, int(users.get(r.id, 0)), int(queue_counts.get(r.id, 0)))
        for r in session.scalars(select(Region).order_by(Region.code))
    )
    names = {r.id: r.name for r in regions}
    queues = tuple(
        QueueRow(q.id, q.code, q.name, q.level, q.region_id, names.get(q.region_id or 0, ""))
        for q in session.scalars(select(Queue).order_by(Queue.level, Queue.code))
    )
    return Organisation(regions, queues)


def _check_code(
    session: Session,
    errors: list[FieldError],
    model: Any,
    code: str,
    own_id: int | None,
    limit: int,
) -> None:
    if not code:
        errors.append(FieldError("code", "required"))
    elif len(code) > limit:
        errors.append(FieldError("code", "too_long", {"max": str(limit)}))
    elif not _CODE.match(code):
        errors.append(FieldError("code", "invalid_code"))
    else:
        same = session.scalar(select(model.id).where(model.code == code))
        if same is not None and same != own_id:
            errors.append(FieldError("code", "taken"))


def _check_name(errors: list[FieldError], name: str) -> None:
    if not name:
        errors.append(FieldError("name", "required"))
    elif len(name) > 100:
        errors.append(FieldError("name", "too_long", {"max": "100"}))


def save_region(
    db: Database, user: SignedInUser, region_id: int | None, code: str, name: str
) -> Organisation:
    """Create (region_id None) or rename a region."""
    require(user.role, Permission.ADMINISTER)
    code, name = code.strip().upper(), name.strip()
    with db.session() as session:
        region = None
        if region_id is not None:
            region = session.get(Region, region_id)
            if region is None:
                raise RecordNotFound("region", region_id)
        errors: list[FieldError] = []
        _check_code(session, errors, Region, code, region_id, 20)
        _check_name(errors, name)
        if errors:
            raise EditRejected(errors)
        new = {"code": code, "name": name}
        save_admin_record(session, user, "region", region or Region(**new), new)
        result = _organisation(session)
        session.commit()
    return result


def save_queue(
    db: Database, user: SignedInUser, queue_id: int | None, values: QueueInput
) -> Organisation:
    """Create (queue_id None) or change a queue: its name, line and region."""
    require(user.role, Permission.ADMINISTER)
    code, name = values.code.strip().upper(), values.name.strip()
    with db.session() as session:
        queue = None
        if queue_id is not None:
            queue = session.get(Queue, queue_id)
            if queue is None:
                raise RecordNotFound("queue", queue_id)
        errors: list[FieldError] = []
        _check_code(session, errors, Queue, code, queue_id, 30)
        _check_name(errors, name)
        if values.level not in QUEUE_LEVELS:
            errors.append(FieldError("level", "unknown"))
        if values.region_id is not None and session.get(Region, values.region_id) is None:
            errors.append(FieldError("region_id", "unknown"))
        if errors:
            raise EditRejected(errors)
        new = {"code": code, "name": name, "level": values.level, "region_id": values.region_id}
        save_admin_record(session, user, "queue", queue or Queue(**new), new)
        result = _organisation(session)
        session.commit()
    return result
