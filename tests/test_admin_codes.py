"""Error codes and wrap-up codes: seeded once by the migration, kept by administrators
(added, renamed, retired, brought back, never deleted, audited), and what the desks offer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import add_call, add_customer, add_desk_user, with_reference_data
from workstation.db import Database
from workstation.models import AuditRecord, Call, ChangeLogEntry, ErrorCode, WrapUpCode
from workstation.outcomes import FieldError
from workstation.services.admin_codes import (
    ErrorCodeInput,
    WrapUpInput,
    save_error_code,
    save_wrap_up_code,
    set_error_code_active,
    set_wrap_up_code_active,
)
from workstation.services.customer_edit import EditRejected
from workstation.services.history import FOLLOW_UP_WRAP_UP
from workstation.services.intake import CallRejected, end_call
from workstation.services.options import error_codes, wrap_up_codes
from workstation.services.reference import load_reference_data, product_kinds

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _audit(db: Database, entity: str) -> list[tuple[str, dict[str, object]]]:
    with db.session() as session:
        rows = session.execute(
            select(AuditRecord.action, AuditRecord.details)
            .where(AuditRecord.entity == entity)
            .order_by(AuditRecord.id)
        ).all()
    return [(a, d) for a, d in rows]


def _logged(db: Database, entity: str) -> int:
    with db.session() as session:
        return int(
            session.scalar(
                select(func.count(ChangeLogEntry.id)).where(ChangeLogEntry.entity == entity)
            )
            or 0
        )


def test_the_migration_seeds_each_code_once_and_the_reference_load_adds_none(
    db: Database,
) -> None:
    shipped = {(k.code, c) for k in product_kinds() for c in k.error_codes}
    load_reference_data(db)
    load_reference_data(db)  # twice, as the demo generator and the tests may
    with db.session() as session:
        pairs = session.execute(select(ErrorCode.product_category, ErrorCode.code)).all()
        wrap_ups = session.execute(
            select(
                WrapUpCode.code, WrapUpCode.name_en, WrapUpCode.name_zh, WrapUpCode.active
            ).order_by(WrapUpCode.sort_order)
        ).all()
    assert len(pairs) == len(shipped) == 67
    assert {tuple(p) for p in pairs} == shipped
    assert [tuple(w) for w in wrap_ups] == [
        ("resolved", "Resolved on the call", "电话中已解决", True),
        ("ticket_created", "Ticket created", "已建工单", True),
        ("added_to_ticket", "Added to an open ticket", "已追加到未关闭工单", True),
        ("information_only", "Information only", "仅咨询", True),
        ("wrong_number", "Wrong number", "打错电话", True),
        ("callback_requested", "Callback requested", "需要回电", True),
        ("complaint", "Complaint", "投诉", True),
    ]
    assert FOLLOW_UP_WRAP_UP not in {w.code for w in wrap_ups}


def test_error_codes_added_renamed_retired_and_back_with_their_trail(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    catalog = save_error_code(
        db, admin, None, ErrorCodeInput("laser_printer", " E-7001 ", "Laser unit", "激光单元")
    )
    added = next(e for e in catalog.error_codes if e.code == "E-7001")
    assert (added.product_category, added.active) == ("laser_printer", True)
    assert "E-7001" in {c.code for c in error_codes(db, "laser_printer")}
    assert "E-7001" not in {c.code for c in error_codes(db, "server")}

    save_error_code(
        db,
        admin,
        added.id,
        ErrorCodeInput("laser_printer", "E-7001", "Laser unit fault", "激光单元"),
    )
    offered = {c.code: c for c in error_codes(db, "laser_printer")}
    assert offered["E-7001"].name_en == "Laser unit fault"

    catalog = set_error_code_active(db, admin, added.id, False)
    assert not next(e for e in catalog.error_codes if e.id == added.id).active
    assert "E-7001" not in {c.code for c in error_codes(db, "laser_printer")}
    set_error_code_active(db, admin, added.id, False)  # already retired: nothing written
    set_error_code_active(db, admin, added.id, True)
    assert "E-7001" in {c.code for c in error_codes(db, "laser_printer")}

    assert _audit(db, "error_code") == [
        (
            "create",
            {
                "product_category": "laser_printer",
                "code": "E-7001",
                "name_en": "Laser unit",
                "name_zh": "激光单元",
            },
        ),
        ("update", {"name_en": ["Laser unit", "Laser unit fault"]}),
        ("deactivate", {"code": "E-7001", "active": [True, False]}),
        ("reactivate", {"code": "E-7001", "active": [False, True]}),
    ]
    assert _logged(db, "error_code") == 4


def test_bad_error_codes_are_refused_at_their_fields(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    cases = [
        (ErrorCodeInput("laser_printer", "  "), {("code", "required")}),
        (ErrorCodeInput("laser_printer", "e-0213"), {("code", "taken")}),  # E-0213, any case
        (ErrorCodeInput("laser_printer", "E" * 41), {("code", "too_long")}),
        (ErrorCodeInput("laser_printer", "#12"), {("code", "invalid_code")}),
        (ErrorCodeInput("toaster", "T-1"), {("product_category", "unknown")}),
        (ErrorCodeInput("laser_printer", "E-9", "x" * 101), {("name_en", "too_long")}),
    ]
    for values, expected in cases:
        with pytest.raises(EditRejected) as refused:
            save_error_code(db, admin, None, values)
        assert {(e.field, e.code) for e in refused.value.errors} == expected, values
    # The same code in another kind is another code.
    save_error_code(db, admin, None, ErrorCodeInput("server", "E-0213"))
    assert _audit(db, "error_code")[0][0] == "create" and len(_audit(db, "error_code")) == 1


def test_a_new_wrap_up_code_ends_calls_and_a_retired_one_no_longer_does(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    agent = add_desk_user(db, "agent1")
    customer = add_customer(db)
    calls = [
        add_call(db, customer, started_at=NOW - timedelta(minutes=5 + i), agent_id=agent.id)
        for i in range(3)
    ]
    catalog = save_wrap_up_code(
        db, admin, None, WrapUpInput("Transferred", "Transferred to a partner", "已转合作方")
    )
    added = next(w for w in catalog.wrap_up_codes if w.code == "transferred")
    assert added.sort_order == max(w.sort_order for w in catalog.wrap_up_codes)
    assert wrap_up_codes(db)[-1].code == "transferred"
    assert end_call(db, agent, calls[0], "transferred", NOW).wrap_up_code == "transferred"

    save_wrap_up_code(
        db, admin, added.id, WrapUpInput("transferred", "Passed to a partner", "已转合作方")
    )
    assert wrap_up_codes(db)[-1].name_en == "Passed to a partner"
    set_wrap_up_code_active(db, admin, added.id, False)
    assert "transferred" not in {w.code for w in wrap_up_codes(db)}
    with pytest.raises(CallRejected) as refused:
        end_call(db, agent, calls[1], "transferred", NOW)
    assert refused.value.errors == (FieldError("wrap_up_code", "unknown"),)
    # The built-in follow-up code is never in the table and always accepted.
    assert end_call(db, agent, calls[2], FOLLOW_UP_WRAP_UP, NOW).wrap_up_code == "follow_up"
    with db.session() as session:
        kept = session.get(Call, calls[0])
        assert kept is not None and kept.wrap_up_code == "transferred", "an old call keeps it"
    assert [a for a, _ in _audit(db, "wrap_up_code")] == ["create", "update", "deactivate"]
    assert _logged(db, "wrap_up_code") == 3


def test_bad_wrap_up_codes_are_refused(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    cases = [
        (
            WrapUpInput("", "", ""),
            {("code", "required"), ("name_en", "required"), ("name_zh", "required")},
        ),
        (WrapUpInput("complaint", "Complaint", "投诉"), {("code", "taken")}),
        (WrapUpInput("follow_up", "Follow-up", "回访"), {("code", "reserved")}),
        (WrapUpInput("no good", "X", "X"), {("code", "invalid_key")}),
        (WrapUpInput("x" * 31, "X", "X"), {("code", "too_long")}),
    ]
    for values, expected in cases:
        with pytest.raises(EditRejected) as refused:
            save_wrap_up_code(db, admin, None, values)
        assert {(e.field, e.code) for e in refused.value.errors} == expected, values
    with db.session() as session:
        rows = {w.code: w.id for w in session.scalars(select(WrapUpCode))}
    with pytest.raises(EditRejected) as refused:
        save_wrap_up_code(
            db, admin, rows["complaint"], WrapUpInput("grievance", "Complaint", "投诉")
        )
    assert refused.value.errors == (FieldError("code", "fixed"),)
    for code in list(rows)[:-1]:
        set_wrap_up_code_active(db, admin, rows[code], False)
    with pytest.raises(EditRejected) as refused:
        set_wrap_up_code_active(db, admin, rows[list(rows)[-1]], False)
    assert refused.value.errors == (FieldError("active", "last_active"),)
    assert len(wrap_up_codes(db)) == 1
