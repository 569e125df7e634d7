"""One administration change on the record: the audit trail and the change log, together.

Every administration service writes through here in its own transaction, so what changed,
who changed it and the wake-up for other desks commit together or not at all.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import audit, diff


def record_admin_change(
    session: Session,
    user: SignedInUser,
    entity: str,
    entity_id: int,
    action: str,
    details: dict[str, Any],
) -> None:
    """Audit `details` (never a secret) and tell other desks `entity` `entity_id` changed."""
    session.flush()
    audit(session, user, entity, entity_id, action, details)
    record_change(session, entity, entity_id, action, user.id, {"action": action})


def save_admin_record(
    session: Session, user: SignedInUser, entity: str, row: Any, new: dict[str, Any]
) -> None:
    """Create `row` (not yet in the session, built from `new`) or write `new` over it, on the
    audit trail and the change log; an edit that changes nothing writes nothing."""
    if row.id is None:
        session.add(row)
        session.flush()
        # The flush gave it its id (the check above narrowed the attribute to None).
        record_admin_change(session, user, entity, cast(int, row.id), "create", new)
        return
    changes = diff({key: getattr(row, key) for key in new}, new)
    if not changes:
        return
    for key, value in new.items():
        setattr(row, key, value)
    record_admin_change(session, user, entity, row.id, "update", changes)
