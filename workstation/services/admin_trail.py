"""One administration change on the record: the audit trail and the change log, together.

Every administration service writes through here in its own transaction, so what changed,
who changed it and the wake-up for other desks commit together or not at all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import audit


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
