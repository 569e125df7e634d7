"""Sign-in and roles: salted slow hashes, one message for any wrong part, rights by role."""

from __future__ import annotations

import pytest

from workstation.db import Database
from workstation.models import User
from workstation.passwords import hash_password, verify_password
from workstation.permissions import Permission, PermissionDenied, allowed, require
from workstation.services.auth import SignInFailed, sign_in


def _add_user(db: Database, username: str, password: str, role: str, active: bool = True) -> None:
    with db.session() as session:
        session.add(
            User(
                username=username,
                display_name="张伟",
                password_hash=hash_password(password),
                role=role,
                skills=["printer"],
                active=active,
            )
        )
        session.commit()


def test_a_password_is_stored_only_as_a_salted_hash() -> None:
    first, second = hash_password("s3cret"), hash_password("s3cret")
    assert first != second and "s3cret" not in first
    assert first.startswith("scrypt$")
    assert verify_password("s3cret", first) and not verify_password("S3cret", first)
    assert not verify_password("s3cret", "garbage")


def test_the_right_password_signs_in_with_role_and_skills(db: Database) -> None:
    _add_user(db, "zhangwei", "pw-1", "agent")
    user = sign_in(db, " ZhangWei ", "pw-1")
    assert (user.username, user.display_name, user.role, user.skills) == (
        "zhangwei",
        "张伟",
        "agent",
        ("printer",),
    )
    assert user.may(Permission.LOG_CALLS) and not user.may(Permission.ADMINISTER)


@pytest.mark.parametrize("username,password", [("zhangwei", "wrong"), ("nobody", "pw-1")])
def test_a_wrong_name_or_password_fails_the_same_way(
    db: Database, username: str, password: str
) -> None:
    _add_user(db, "zhangwei", "pw-1", "agent")
    with pytest.raises(SignInFailed) as failed:
        sign_in(db, username, password)
    assert str(failed.value) == ""  # nothing that tells which part was wrong


def test_a_deactivated_user_cannot_sign_in(db: Database) -> None:
    _add_user(db, "left", "pw", "agent", active=False)
    with pytest.raises(SignInFailed):
        sign_in(db, "left", "pw")


def test_roles_grant_what_the_design_says() -> None:
    assert allowed("agent", Permission.LOG_CALLS)
    assert not allowed("agent", Permission.ASSIGN_TICKETS)
    assert allowed("engineer", Permission.RECORD_VISITS)
    assert not allowed("engineer", Permission.EXPORT_REPORTS)
    assert allowed("supervisor", Permission.EXPORT_REPORTS)
    assert not allowed("supervisor", Permission.ADMINISTER)
    assert all(allowed("admin", p) for p in Permission)
    assert not allowed("stranger", Permission.LOG_CALLS)
    with pytest.raises(PermissionDenied):
        require("agent", Permission.ADMINISTER)
