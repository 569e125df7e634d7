"""SLA plans and the priority matrix as an administrator keeps them; changes reach the next
ticket's triage and leave tickets already logged alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.factories import add_customer, add_desk_user, add_ticket, with_reference_data
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry, Ticket
from workstation.services.admin_sla import (
    PlanInput,
    Target,
    save_matrix,
    save_plan,
    sla_settings,
)
from workstation.services.customer_edit import EditRejected
from workstation.services.triage import deadlines, priority_for

TARGETS = {
    "P1": Target(30, 240),
    "P2": Target(60, 480),
    "P3": Target(120, 960),
    "P4": Target(240, 1920),
}


def _audit(db: Database, entity: str) -> list[tuple[str, dict[str, object]]]:
    with db.session() as session:
        rows = session.execute(
            select(AuditRecord.action, AuditRecord.details)
            .where(AuditRecord.entity == entity)
            .order_by(AuditRecord.id)
        ).all()
        logged = session.scalars(
            select(ChangeLogEntry.action).where(ChangeLogEntry.entity == entity)
        ).all()
    assert [a for a, _ in rows] == list(logged)
    return [(a, d) for a, d in rows]


def test_a_plan_is_created_made_default_and_edited(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    settings = sla_settings(db, admin)
    calendar_id = dict((name, id_) for id_, name in settings.calendars)["China standard"]
    before = next(p for p in settings.plans if p.is_default)

    settings = save_plan(db, admin, None, PlanInput(" Gold ", calendar_id, 0.75, True, TARGETS))
    gold = next(p for p in settings.plans if p.name == "Gold")
    assert gold.is_default and gold.targets["P2"] == Target(60, 480)
    assert [p.name for p in settings.plans if p.is_default] == ["Gold"], "one default only"

    changed = {**TARGETS, "P1": Target(15, 240)}
    save_plan(db, admin, gold.id, PlanInput("Gold", calendar_id, 0.8, True, changed))
    save_plan(db, admin, gold.id, PlanInput("Gold", calendar_id, 0.8, True, changed))  # no-op
    trail = _audit(db, "sla_plan")
    assert [a for a, _ in trail] == ["create", "update"]
    assert trail[1][1] == {
        "at_risk_ratio": [0.75, 0.8],
        "targets": [
            {p: [t.response_minutes, t.resolution_minutes] for p, t in TARGETS.items()},
            {p: [t.response_minutes, t.resolution_minutes] for p, t in changed.items()},
        ],
    }
    # The former default may not simply lose the flag: another plan must take it.
    with pytest.raises(EditRejected) as refused:
        save_plan(db, admin, gold.id, PlanInput("Gold", calendar_id, 0.8, False, changed))
    assert [(e.field, e.code) for e in refused.value.errors] == [("is_default", "default_needed")]
    assert before.name != "Gold"


def test_bad_plans_are_refused_at_their_fields(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    bad = {**TARGETS, "P3": Target(120, 60), "P4": Target(0, 100)}
    del bad["P1"]
    with pytest.raises(EditRejected) as refused:
        save_plan(db, admin, None, PlanInput("Basic warranty", 999, 1.5, False, bad))
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("name", "taken"),
        ("calendar_id", "unknown"),
        ("at_risk_ratio", "out_of_range"),
        ("targets.P1.response", "required"),
        ("targets.P3.resolution", "before_response"),
        ("targets.P4.response", "out_of_range"),
    }
    assert _audit(db, "sla_plan") == []


def test_the_matrix_and_targets_apply_to_the_next_ticket_only(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    customer = add_customer(db)
    logged = add_ticket(db, customer)
    with db.session() as session:
        kept_due = session.get(Ticket, logged).response_due_at  # type: ignore[union-attr]
        assert priority_for(session, "minor", "standard") == "P4"
    settings = sla_settings(db, admin)
    assert settings.matrix[("critical", "vip")] == "P1"
    matrix = dict(settings.matrix)
    matrix[("minor", "standard")] = "P3"
    save_matrix(db, admin, matrix)
    save_matrix(db, admin, matrix)  # the same again: nothing on the record
    assert _audit(db, "priority_matrix") == [("update", {"minor × standard": ["P4", "P3"]})]

    default = next(p for p in settings.plans if p.is_default)
    faster = {
        p: Target(t.response_minutes // 2, t.resolution_minutes) for p, t in default.targets.items()
    }
    save_plan(
        db,
        admin,
        default.id,
        PlanInput(default.name, default.calendar_id, default.at_risk_ratio, True, faster),
    )
    reported = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
    with db.session() as session:
        assert priority_for(session, "minor", "standard") == "P3"
        triage = deadlines(session, default.id, "P1", reported)
        assert triage.response_minutes == default.targets["P1"].response_minutes // 2
        assert session.get(Ticket, logged).response_due_at == kept_due  # type: ignore[union-attr]
    with pytest.raises(EditRejected) as refused:
        save_matrix(db, admin, {**matrix, ("major", "key"): "P9"})
    assert [e.field for e in refused.value.errors] == ["matrix.major.key"]
