"""Sign-in: check a user's password and hand back who they are and what they may do."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from workstation.passwords import hash_password, verify_password
from workstation.permissions import Permission, allowed

if TYPE_CHECKING:
    from workstation.db import Database


@cache
def _dummy_hash() -> str:
    """Checked against when the user name is unknown, so both failures cost the same time.
    Made on first use, not at import: the sign-in window must not wait for a scrypt."""
    return hash_password("not a password", salt=b"0" * 16)


@dataclass(frozen=True)
class SignedInUser:
    """The user at this desk; carried on every service call that writes."""

    id: int
    username: str
    display_name: str
    role: str
    region_id: int | None
    skills: tuple[str, ...]

    def may(self, permission: Permission) -> bool:
        return allowed(self.role, permission)


class SignInFailed(Exception):
    """Wrong user name or password (deliberately not saying which)."""


def sign_in(db: Database, username: str, password: str) -> SignedInUser:
    """The active user with this name and password, or SignInFailed."""
    # SQLAlchemy and the ORM load after the sign-in window is up (cold-start budget).
    from sqlalchemy import select

    from workstation.models import User

    with db.session() as session:
        user = session.scalars(
            select(User).where(User.username == username.strip().lower())
        ).one_or_none()
        if user is None or not user.active:
            verify_password(password, _dummy_hash())
            raise SignInFailed()
        if not verify_password(password, user.password_hash):
            raise SignInFailed()
        return SignedInUser(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            region_id=user.region_id,
            skills=tuple(user.skills or ()),
        )
