"""Administering users: create, edit, deactivate/reactivate, reset a password (admins only).

A user is never deleted (tickets, calls and the audit trail keep their name); a deactivated
user cannot sign in. Every change is on the audit trail and in the change log. Two guards
keep the centre administrable: nobody deactivates themselves, and the last active
administrator stays an active administrator.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import Region, Role, User
from workstation.outcomes import FieldError
from workstation.passwords import hash_password
from workstation.permissions import Permission, require
from workstation.services.admin_trail import record_admin_change
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound, diff

MIN_PASSWORD_LENGTH = 8
MAX_SKILLS = 20
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ROLES: tuple[str, ...] = tuple(role.value for role in Role)


@dataclass(frozen=True)
class UserRow:
    """A user as the administration list shows it (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    region_id: int | None
    region_name: str
    skills: tuple[str, ...]
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class UserInput:
    """What the form sends; `username` only counts when creating (it never changes)."""

    display_name: str
    role: str
    region_id: int | None
    skills: Sequence[str] = ()
    username: str = ""


def _row(session: Session, user: User) -> UserRow:
    region = session.get(Region, user.region_id) if user.region_id is not None else None
    return UserRow(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        region_id=user.region_id,
        region_name=region.name if region is not None else "",
        skills=tuple(user.skills or ()),
        active=user.active,
        created_at=user.created_at,
    )


def list_users(db: Database, user: SignedInUser) -> tuple[UserRow, ...]:
    """Every user, active first, then by user name."""
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        rows = session.execute(
            select(User, Region.name)
            .outerjoin(Region, Region.id == User.region_id)
            .order_by(User.active.desc(), User.username)
        ).all()
        return tuple(
            UserRow(
                id=u.id,
                username=u.username,
                display_name=u.display_name,
                role=u.role,
                region_id=u.region_id,
                region_name=region or "",
                skills=tuple(u.skills or ()),
                active=u.active,
                created_at=u.created_at,
            )
            for u, region in rows
        )


def clean_skills(skills: Sequence[str]) -> list[str]:
    """Skills as stored: trimmed, lower case, no blanks, each once, in the order given."""
    seen: list[str] = []
    for skill in skills:
        word = skill.strip().lower()
        if word and word not in seen:
            seen.append(word)
    return seen


def _check(session: Session, values: UserInput) -> tuple[dict[str, Any], list[FieldError]]:
    errors: list[FieldError] = []
    name = values.display_name.strip()
    if not name:
        errors.append(FieldError("display_name", "required"))
    elif len(name) > 100:
        errors.append(FieldError("display_name", "too_long", {"max": "100"}))
    if values.role not in ROLES:
        errors.append(FieldError("role", "unknown"))
    if values.region_id is not None and session.get(Region, values.region_id) is None:
        errors.append(FieldError("region_id", "unknown"))
    skills = clean_skills(values.skills)
    if len(skills) > MAX_SKILLS or any(len(s) > 40 for s in skills):
        errors.append(FieldError("skills", "too_long", {"max": "40"}))
    clean = {
        "display_name": name,
        "role": values.role,
        "region_id": values.region_id,
        "skills": skills,
    }
    return clean, errors


def _check_password(password: str) -> list[FieldError]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [FieldError("password", "too_short", {"min": str(MIN_PASSWORD_LENGTH)})]
    return []


def _load(session: Session, user_id: int) -> User:
    target = session.get(User, user_id, with_for_update=True)
    if target is None:
        raise RecordNotFound("user", user_id)
    return target


def _other_active_admins(session: Session, user_id: int) -> int:
    return int(
        session.scalar(
            select(func.count(User.id)).where(
                User.role == Role.ADMIN.value, User.active.is_(True), User.id != user_id
            )
        )
        or 0
    )


def _write(
    session: Session, admin: SignedInUser, target: User, action: str, details: dict[str, Any]
) -> UserRow:
    session.flush()
    record_admin_change(session, admin, "user", target.id, action, details)
    row = _row(session, target)
    session.commit()
    return row


def create_user(db: Database, admin: SignedInUser, values: UserInput, password: str) -> UserRow:
    """A new active user with an initial password (they should change it)."""
    require(admin.role, Permission.ADMINISTER)
    username = values.username.strip().lower()
    with db.session() as session:
        clean, errors = _check(session, values)
        if not username:
            errors.insert(0, FieldError("username", "required"))
        elif len(username) > 60:
            errors.insert(0, FieldError("username", "too_long", {"max": "60"}))
        elif not _USERNAME.match(username):
            errors.insert(0, FieldError("username", "invalid_username"))
        elif session.scalar(select(User.id).where(User.username == username)) is not None:
            errors.insert(0, FieldError("username", "taken"))
        errors.extend(_check_password(password))
        if errors:
            raise EditRejected(errors)
        target = User(
            username=username, password_hash=hash_password(password), active=True, **clean
        )
        session.add(target)
        return _write(session, admin, target, "create", {"username": username, **clean})


def update_user(db: Database, admin: SignedInUser, user_id: int, values: UserInput) -> UserRow:
    """Change a user's name, role, region and skills (the user name stays)."""
    require(admin.role, Permission.ADMINISTER)
    with db.session() as session:
        target = _load(session, user_id)
        clean, errors = _check(session, values)
        if (
            not errors
            and target.active
            and target.role == Role.ADMIN.value
            and clean["role"] != Role.ADMIN.value
            and _other_active_admins(session, target.id) == 0
        ):
            errors.append(FieldError("role", "last_admin"))
        if errors:
            raise EditRejected(errors)
        old = {
            "display_name": target.display_name,
            "role": target.role,
            "region_id": target.region_id,
            "skills": list(target.skills or ()),
        }
        changes = diff(old, clean)
        if not changes:
            return _row(session, target)
        for key, value in clean.items():
            setattr(target, key, value)
        return _write(session, admin, target, "update", changes)


def set_active(db: Database, admin: SignedInUser, user_id: int, active: bool) -> UserRow:
    """Deactivate (cannot sign in any more; history keeps the name) or reactivate a user."""
    require(admin.role, Permission.ADMINISTER)
    with db.session() as session:
        target = _load(session, user_id)
        if target.active == active:
            return _row(session, target)
        if not active:
            if target.id == admin.id:
                raise EditRejected([FieldError("active", "self")])
            if target.role == Role.ADMIN.value and _other_active_admins(session, target.id) == 0:
                raise EditRejected([FieldError("active", "last_admin")])
        target.active = active
        action = "reactivate" if active else "deactivate"
        return _write(session, admin, target, action, {"active": [not active, active]})


def reset_password(db: Database, admin: SignedInUser, user_id: int, password: str) -> UserRow:
    """Give a user a new password (the audit trail says it was reset, never what to)."""
    require(admin.role, Permission.ADMINISTER)
    errors = _check_password(password)
    if errors:
        raise EditRejected(errors)
    with db.session() as session:
        target = _load(session, user_id)
        target.password_hash = hash_password(password)
        return _write(session, admin, target, "reset_password", {})
