"""Administering users: every change checked, refused where it would lock the centre out,
and on the audit trail and the change log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import add_desk_user
from tests.ui.helpers import add_region
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry, User
from workstation.permissions import PermissionDenied
from workstation.services.admin_users import (
    UserInput,
    create_user,
    list_users,
    reset_password,
    set_active,
    update_user,
)
from workstation.services.auth import SignedInUser, SignInFailed, sign_in
from workstation.services.customer_edit import EditRejected, RecordNotFound


def _trail(db: Database, user_id: int) -> list[tuple[str, dict[str, object]]]:
    with db.session() as session:
        audit = session.execute(
            select(AuditRecord.action, AuditRecord.details)
            .where(AuditRecord.entity == "user", AuditRecord.entity_id == user_id)
            .order_by(AuditRecord.id)
        ).all()
        changes = session.scalars(
            select(ChangeLogEntry.action)
            .where(ChangeLogEntry.entity == "user", ChangeLogEntry.entity_id == user_id)
            .order_by(ChangeLogEntry.id)
        ).all()
    assert [a for a, _ in audit] == list(changes), "every audited change is in the change log"
    return [(a, d) for a, d in audit]


def _codes(error: EditRejected) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in error.errors}


def test_create_edit_deactivate_reactivate_and_reset(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    east = add_region(db)
    created = create_user(
        db,
        admin,
        UserInput(" 李娜 ", "engineer", east, (" Server ", "server", "", "printer"), " LiNa "),
        "first password",
    )
    assert (created.username, created.display_name, created.role) == ("lina", "李娜", "engineer")
    assert (created.region_name, created.skills, created.active) == (
        "华东",
        ("server", "printer"),
        True,
    )
    assert sign_in(db, "lina", "first password").role == "engineer"

    edited = update_user(db, admin, created.id, UserInput("李娜", "supervisor", None, ["server"]))
    assert (edited.role, edited.region_id, edited.skills) == ("supervisor", None, ("server",))
    # Saving the same values again writes nothing.
    update_user(db, admin, created.id, UserInput("李娜", "supervisor", None, ["server"]))

    set_active(db, admin, created.id, False)
    with pytest.raises(SignInFailed):
        sign_in(db, "lina", "first password")
    assert [u.active for u in list_users(db, admin) if u.id == created.id] == [False]
    set_active(db, admin, created.id, True)
    reset_password(db, admin, created.id, "second password")
    with pytest.raises(SignInFailed):
        sign_in(db, "lina", "first password")
    assert sign_in(db, "lina", "second password").id == created.id

    trail = _trail(db, created.id)
    assert [action for action, _ in trail] == [
        "create",
        "update",
        "deactivate",
        "reactivate",
        "reset_password",
    ]
    assert trail[1][1] == {
        "role": ["engineer", "supervisor"],
        "region_id": [east, None],
        "skills": [["server", "printer"], ["server"]],
    }
    assert trail[2][1] == {"active": [True, False]}
    details = str([d for _, d in trail])
    assert "password" not in details and "scrypt" not in details, "no password, nor its hash"
    with db.session() as session:
        assert (
            session.scalars(select(AuditRecord.user_id).where(AuditRecord.entity == "user")).all()
            == [admin.id] * 5
        )


def test_bad_values_are_refused_at_their_field(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    add_desk_user(db, "taken")
    with pytest.raises(EditRejected) as refused:
        create_user(db, admin, UserInput("", "boss", 999, (), "Taken"), "short")
    assert _codes(refused.value) == {
        ("username", "taken"),
        ("display_name", "required"),
        ("role", "unknown"),
        ("region_id", "unknown"),
        ("password", "too_short"),
    }
    with pytest.raises(EditRejected) as refused:
        create_user(db, admin, UserInput("x", "agent", None, (), "has space"), "long enough")
    assert _codes(refused.value) == {("username", "invalid_username")}
    with pytest.raises(RecordNotFound):
        update_user(db, admin, 9999, UserInput("x", "agent", None))
    with pytest.raises(EditRejected):
        reset_password(db, admin, admin.id, "1234567")
    with db.session() as session:
        assert session.scalar(select(User.id).where(User.username == "has space")) is None
        assert session.scalars(select(AuditRecord)).all() == []


def test_nobody_locks_the_centre_out(db: Database) -> None:
    root = add_desk_user(db, "root", role="admin")
    with pytest.raises(EditRejected) as refused:
        set_active(db, root, root.id, False)
    assert _codes(refused.value) == {("active", "self")}
    with pytest.raises(EditRejected) as refused:
        update_user(db, root, root.id, UserInput("root", "supervisor", None))
    assert _codes(refused.value) == {("role", "last_admin")}

    # With another active administrator, root may step down; then the other is the last one.
    created = create_user(db, root, UserInput("Second", "admin", None, (), "second"), "password2")
    update_user(db, root, root.id, UserInput("root", "supervisor", None))
    second = SignedInUser(created.id, "second", "Second", "admin", None, ())
    third = add_desk_user(db, "third", role="admin")
    set_active(db, second, third.id, False)
    # The third's desk still signed in as an administrator cannot take the last one away.
    with pytest.raises(EditRejected) as refused:
        set_active(db, third, second.id, False)
    assert _codes(refused.value) == {("active", "last_admin")}
    assert [u.username for u in list_users(db, second) if u.active and u.role == "admin"] == [
        "second"
    ]


@pytest.mark.parametrize("role", ["agent", "engineer", "supervisor"])
def test_only_administrators_administer_users(db: Database, role: str) -> None:
    admin = add_desk_user(db, "root", role="admin")
    someone = add_desk_user(db, f"some_{role}", role=role)
    for call in (
        lambda: list_users(db, someone),
        lambda: create_user(db, someone, UserInput("X", "admin", None, (), "x"), "password1"),
        lambda: update_user(db, someone, someone.id, UserInput("X", "admin", None)),
        lambda: set_active(db, someone, admin.id, False),
        lambda: reset_password(db, someone, admin.id, "password1"),
    ):
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert refused.value.permission == "administer"
    with db.session() as session:
        assert session.scalars(select(AuditRecord)).all() == []
