"""Regions and queues as an administrator keeps them: checked, audited, never deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import add_desk_user
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry
from workstation.services.admin_org import QueueInput, organisation, save_queue, save_region
from workstation.services.customer_edit import EditRejected
from workstation.services.options import queue_options


def test_regions_and_queues_are_created_and_changed_on_the_record(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    org = save_region(db, admin, None, " south ", "华南")
    south = next(r for r in org.regions if r.code == "SOUTH")
    org = save_queue(db, admin, None, QueueInput("l1-south", "华南一线", 1, south.id))
    queue = next(q for q in org.queues if q.code == "L1-SOUTH")
    assert (queue.region_name, queue.level) == ("华南", 1)
    assert next(r for r in org.regions if r.id == south.id).queues == 1
    save_region(db, admin, south.id, "SOUTH", "华南区")
    save_region(db, admin, south.id, "SOUTH", "华南区")  # unchanged: nothing recorded
    save_queue(db, admin, queue.id, QueueInput("L1-SOUTH", "华南一线", 2, None))
    with db.session() as session:
        options = {q.code: q for q in queue_options(session)}
        audit = session.execute(
            select(AuditRecord.entity, AuditRecord.action, AuditRecord.details).order_by(
                AuditRecord.id
            )
        ).all()
        logged = session.scalars(select(ChangeLogEntry.entity).order_by(ChangeLogEntry.id)).all()
    assert options["L1-SOUTH"].level == 2 and options["L1-SOUTH"].region_id is None
    assert [(e, a) for e, a, _ in audit] == [
        ("region", "create"),
        ("queue", "create"),
        ("region", "update"),
        ("queue", "update"),
    ]
    assert audit[2][2] == {"name": ["华南", "华南区"]}
    assert audit[3][2] == {"level": [1, 2], "region_id": [south.id, None]}
    assert list(logged) == [e for e, _, _ in audit]
    assert [r.code for r in organisation(db, admin).regions] == ["SOUTH"]


def test_bad_codes_and_names_are_refused_at_their_fields(db: Database) -> None:
    admin = add_desk_user(db, "root", role="admin")
    save_region(db, admin, None, "EAST", "华东")
    with pytest.raises(EditRejected) as refused:
        save_region(db, admin, None, "east", "")
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("code", "taken"),
        ("name", "required"),
    }
    with pytest.raises(EditRejected) as refused:
        save_queue(db, admin, None, QueueInput("bad code", "x", 3, 999))
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("code", "invalid_code"),
        ("level", "unknown"),
        ("region_id", "unknown"),
    }
