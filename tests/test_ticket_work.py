"""Working a ticket: the workflow, resolving, reopening, conflicts, assignment, escalation."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tests.factories import CustomerIds, add_customer, add_desk_user, model_id, with_reference_data
from tests.ticket_factories import (
    add_office_plan,
    add_planned_ticket,
    add_worker,
    beijing,
    queue_id,
)
from workstation.db import Database
from workstation.models import ChangeLogEntry, FollowUp, ProductModel, Region, SlaPause
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.ticket_detail import TRANSITIONS, TicketEdit, load_ticket, options
from workstation.services.ticket_work import (
    IllegalTransition,
    Resolution,
    TicketConflict,
    TicketRefused,
    assign,
    change_status,
    edit_ticket,
    escalate,
    suggest_assignees,
)

REPORTED = beijing(2026, 4, 1, 9)  # a Wednesday
FIX = Resolution("remote_fix", "配置错误", "远程修改设置，测试正常")


@dataclass(frozen=True)
class Desk:
    plan: int
    customer: CustomerIds
    agent: SignedInUser
    supervisor: SignedInUser


@pytest.fixture
def desk(db: Database) -> Desk:
    with_reference_data(db)
    return Desk(
        add_office_plan(db),
        add_customer(db),
        add_desk_user(db, "agent1", "agent"),
        add_desk_user(db, "boss", "supervisor"),
    )


def _ticket(db: Database, desk: Desk, **kwargs: Any) -> int:
    return add_planned_ticket(db, desk.customer, desk.plan, REPORTED, **kwargs)


def _walk(db: Database, desk: Desk, ticket_id: int, *moves: str) -> int:
    """Apply status moves one after the other; the last version."""
    agent = desk.agent
    version = load_ticket(db, ticket_id).version
    at = REPORTED
    for move in moves:
        at += timedelta(minutes=10)
        change = change_status(
            db,
            agent,
            ticket_id,
            version,
            move,
            resolution=FIX if move == "resolved" else None,
            note="客户要求重新处理" if move == "reopened" else "",
            now=at,
        )
        version = change.version
    return version


def test_every_allowed_transition_works(db: Database, desk: Desk) -> None:
    agent = desk.agent
    paths = [
        ("assigned", "in_progress", "waiting_customer", "in_progress", "resolved", "closed"),
        ("assigned", "in_progress", "waiting_parts", "in_progress", "resolved", "reopened"),
        ("assigned", "resolved", "closed", "reopened"),
    ]
    seen: set[tuple[str, str]] = set()
    for path in paths:
        ticket_id = _ticket(db, desk, assignee_id=agent.id)
        status = "new"
        _walk(db, desk, ticket_id, *path)
        for move in path:
            seen.add((status, move))
            status = "in_progress" if move == "reopened" else move
        assert load_ticket(db, ticket_id).status == status
    expected = {(f, t) for f, moves in TRANSITIONS.items() for t in moves}
    assert seen == expected


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), "in_progress"),
        ((), "resolved"),
        (("assigned",), "waiting_customer"),
        (("assigned", "in_progress"), "closed"),
        (("assigned", "in_progress", "waiting_parts"), "resolved"),
        (("assigned", "resolved", "closed"), "in_progress"),
        (("assigned", "in_progress"), "bogus"),
    ],
)
def test_illegal_moves_are_refused_with_from_and_to(
    db: Database, desk: Desk, path: tuple[str, ...], illegal: str
) -> None:
    ticket_id = _ticket(db, desk, assignee_id=desk.agent.id)
    version = _walk(db, desk, ticket_id, *path)
    status = load_ticket(db, ticket_id).status
    with pytest.raises(IllegalTransition) as refused:
        change_status(db, desk.agent, ticket_id, version, illegal, now=REPORTED)
    assert (refused.value.from_status, refused.value.to_status) == (status, illegal)
    assert refused.value.code == "illegal_transition"
    assert load_ticket(db, ticket_id).version == version


def test_new_to_assigned_needs_an_assignee(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk)
    assert load_ticket(db, ticket_id).allowed_transitions == ()
    with pytest.raises(TicketRefused) as refused:
        change_status(db, desk.agent, ticket_id, 1, "assigned")
    assert [(e.field, e.code) for e in refused.value.errors] == [("assignee_id", "required")]


def test_resolving_without_the_fields_is_refused_per_field(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk, assignee_id=desk.agent.id)
    version = _walk(db, desk, ticket_id, "assigned", "in_progress")
    with pytest.raises(TicketRefused) as refused:
        change_status(db, desk.agent, ticket_id, version, "resolved")
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("resolution_type", "required"),
        ("root_cause", "required"),
        ("solution", "required"),
    }
    with pytest.raises(TicketRefused) as refused:
        change_status(
            db,
            desk.agent,
            ticket_id,
            version,
            "resolved",
            resolution=Resolution("magic", " ", "换了硒鼓"),
        )
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("resolution_type", "unknown"),
        ("root_cause", "required"),
    }
    assert load_ticket(db, ticket_id).status == "in_progress"


def test_resolving_plans_the_follow_up_and_records_the_resolution(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk, assignee_id=desk.agent.id)
    version = _walk(db, desk, ticket_id, "assigned", "in_progress")
    at = REPORTED + timedelta(hours=2)
    change = change_status(
        db,
        desk.agent,
        ticket_id,
        version,
        "resolved",
        resolution=FIX,
        now=at,
    )
    assert change.status == "resolved" and change.resolved_at == at
    assert change.follow_up_id is not None
    assert change.allowed_transitions == ("closed", "reopened")
    detail = load_ticket(db, ticket_id)
    assert (detail.resolution_type, detail.root_cause, detail.solution) == (
        FIX.resolution_type,
        FIX.root_cause,
        FIX.solution,
    )
    assert detail.timeline[-1].kind == "resolved"
    assert detail.timeline[-1].user == "agent1"
    with db.session() as session:
        follow_up = session.get(FollowUp, change.follow_up_id)
        assert follow_up is not None and follow_up.status == "open" and follow_up.due_at > at


def test_first_move_to_in_progress_stops_the_response_clock(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk, assignee_id=desk.agent.id)
    _walk(db, desk, ticket_id, "assigned", "in_progress", "waiting_parts", "in_progress")
    detail = load_ticket(db, ticket_id)
    # The first move to in_progress was the second step, ten minutes after the first.
    assert detail.first_response_at == REPORTED + timedelta(minutes=20)
    changes = [e for e in detail.timeline if e.kind == "status_changed"]
    assert [(e.details["from"], e.details["to"]) for e in changes] == [
        ("new", "assigned"),
        ("assigned", "in_progress"),
        ("in_progress", "waiting_parts"),
        ("waiting_parts", "in_progress"),
    ]
    assert changes[1].details.get("first_response") is True
    assert "first_response" not in changes[3].details


def test_every_step_bumps_the_version_and_tells_the_other_desks(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk, assignee_id=desk.agent.id)
    version = _walk(db, desk, ticket_id, "assigned", "in_progress")
    assert version == 3
    with db.session() as session:
        logged = session.scalars(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.entity == "ticket", ChangeLogEntry.entity_id == ticket_id)
            .order_by(ChangeLogEntry.id)
        ).all()
    last = logged[-1]
    assert last.action == "update" and last.user_id == desk.agent.id
    assert last.data["status"] == "in_progress"
    assert last.data["assignee_id"] == desk.agent.id
    assert "queue_id" in last.data


def test_reopen_needs_a_reason_and_goes_back_to_work(db: Database, desk: Desk) -> None:
    agent = desk.agent
    ticket_id = _ticket(db, desk, assignee_id=agent.id)
    version = _walk(db, desk, ticket_id, "assigned", "in_progress", "resolved", "closed")
    with pytest.raises(TicketRefused) as refused:
        change_status(db, agent, ticket_id, version, "reopened", note=" ")
    assert [(e.field, e.code) for e in refused.value.errors] == [("note", "required")]
    before = load_ticket(db, ticket_id)
    resolved_at = before.resolved_at
    assert resolved_at is not None and before.closed_at is not None
    at = resolved_at + timedelta(days=1)
    change = change_status(
        db,
        agent,
        ticket_id,
        version,
        "reopened",
        note="故障复现",
        now=at,
    )
    assert change.status == "in_progress"
    assert change.resolved_at is None and change.closed_at is None
    detail = load_ticket(db, ticket_id, now=at)
    reopened = detail.timeline[-1]
    assert reopened.kind == "reopened"
    assert (reopened.details["from"], reopened.details["to"]) == ("closed", "in_progress")
    assert reopened.details["reason"] == "故障复现"
    # The stretch it sat resolved is a pause: the resolution deadline moved by its working time.
    assert before.resolution_due_at is not None and detail.resolution_due_at is not None
    assert detail.resolution_due_at > before.resolution_due_at
    with db.session() as session:
        pause = session.scalars(select(SlaPause).where(SlaPause.ticket_id == ticket_id)).one()
        assert (pause.reason, pause.started_at, pause.ended_at) == ("resolved", resolved_at, at)
        follow_ups = session.scalars(select(FollowUp).where(FollowUp.ticket_id == ticket_id)).all()
        assert [f.status for f in follow_ups] == ["cancelled"]


def test_reopen_without_an_assignee_goes_back_to_new(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk, assignee_id=desk.agent.id)
    version = _walk(db, desk, ticket_id, "assigned", "resolved")
    with db.session() as session:
        from workstation.models import Ticket

        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.assignee_id = None
        session.commit()
    change = change_status(
        db,
        desk.agent,
        ticket_id,
        version,
        "reopened",
        note="again",
        now=REPORTED + timedelta(hours=3),
    )
    assert change.status == "new"


# --- optimistic locking ------------------------------------------------------------------


def test_a_stale_edit_lists_what_the_other_desk_changed_and_a_reapply_succeeds(
    db: Database, desk: Desk
) -> None:
    ticket_id = _ticket(db, desk, assignee_id=desk.agent.id)
    mine = load_ticket(db, ticket_id)
    theirs = load_ticket(db, ticket_id)
    # The other desk corrects the error code and starts work.
    edit_ticket(
        db,
        desk.supervisor,
        ticket_id,
        theirs.edit,
        _edited(theirs.edit, error_code="E-201"),
    )
    change_status(db, desk.supervisor, ticket_id, theirs.version + 1, "assigned")
    edited = _edited(mine.edit, description="卡纸，已清理进纸轮", severity="critical")
    with pytest.raises(TicketConflict) as conflict:
        edit_ticket(db, desk.agent, ticket_id, mine.edit, edited)
    changes = {c.field: (c.loaded_value, c.current_value) for c in conflict.value.changes}
    assert changes == {"error_code": ("", "E-201"), "status": ("new", "assigned")}
    current = conflict.value.current
    assert current.version == conflict.value.current_version == mine.version + 2
    assert current.description == mine.description  # nothing of mine was written
    # The agent reapplies the edit on the fresh version: the other desk's change stays.
    again = _edited(current.edit, description=edited.description, severity="critical")
    saved = edit_ticket(db, desk.agent, ticket_id, current.edit, again)
    assert saved.version == current.version + 1
    final = load_ticket(db, ticket_id)
    assert (final.description, final.severity, final.error_code, final.status) == (
        "卡纸，已清理进纸轮",
        "critical",
        "E-201",
        "assigned",
    )
    edited_event = final.timeline[-1]
    assert edited_event.kind == "edited"
    assert edited_event.details["changes"]["severity"] == ["major", "critical"]


def test_stale_versions_are_refused_for_every_write(db: Database, desk: Desk) -> None:
    agent, boss = desk.agent, desk.supervisor
    ticket_id = _ticket(db, desk, assignee_id=agent.id)
    change_status(db, agent, ticket_id, 1, "assigned")
    for write in (
        lambda: change_status(db, agent, ticket_id, 1, "in_progress"),
        lambda: assign(db, boss, ticket_id, 1, boss.id),
        lambda: escalate(db, agent, ticket_id, 1, "需要二线"),
    ):
        with pytest.raises(TicketConflict) as conflict:
            write()
        assert conflict.value.current.status == "assigned"
        assert conflict.value.current_version == 2
    assert load_ticket(db, ticket_id).version == 2


def test_invalid_edits_are_refused_per_field(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk)
    loaded = load_ticket(db, ticket_id).edit
    with pytest.raises(TicketRefused) as refused:
        edit_ticket(
            db,
            desk.agent,
            ticket_id,
            loaded,
            _edited(loaded, severity="huge", urgency="now", error_code="E" * 41),
        )
    assert {e.field for e in refused.value.errors} == {"severity", "urgency", "error_code"}
    unchanged = edit_ticket(db, desk.agent, ticket_id, loaded, loaded)
    assert not unchanged.changed and unchanged.version == loaded.version


def _edited(loaded: TicketEdit, **values: Any) -> TicketEdit:
    return replace(loaded, **values)


# --- assignment --------------------------------------------------------------------------


def test_only_supervisors_and_admins_assign(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk)
    engineer = add_worker(db, "eng1")
    with pytest.raises(PermissionDenied):
        assign(db, desk.agent, ticket_id, 1, engineer.id)
    change = assign(db, desk.supervisor, ticket_id, 1, engineer.id)
    assert (change.status, change.assignee_id, change.version) == ("assigned", engineer.id, 2)
    # A reassign keeps the status.
    version = _walk(db, desk, ticket_id, "in_progress")
    other = add_worker(db, "eng2")
    change = assign(db, desk.supervisor, ticket_id, version, other.id)
    assert (change.status, change.assignee_id) == ("in_progress", other.id)
    event = load_ticket(db, ticket_id).timeline[-1]
    assert event.kind == "assigned" and event.details["from_assignee_id"] == engineer.id


def test_assign_refuses_inactive_users_and_users_who_may_not_work(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk)
    gone = add_worker(db, "gone", active=False)
    odd = add_worker(db, "odd", role="visitor")
    for user_id, code in (
        (gone.id, "inactive"),
        (odd.id, "may_not_work_tickets"),
        (99999, "not_found"),
    ):
        with pytest.raises(TicketRefused) as refused:
            assign(db, desk.supervisor, ticket_id, 1, user_id)
        assert [(e.field, e.code) for e in refused.value.errors] == [("assignee_id", code)]


def test_suggestions_rank_region_then_skill_then_load(db: Database, desk: Desk) -> None:
    with db.session() as session:
        east = session.scalar(select(Region.id).where(Region.code == "EAST"))
        north = session.scalar(select(Region.id).where(Region.code == "NORTH"))
        category = session.scalar(
            select(ProductModel.category).where(ProductModel.id == model_id(db))
        )
    assert east is not None and north is not None and category is not None
    field_east = queue_id(db, "FIELD-EAST")
    busy = add_worker(db, "busy-east-skilled", region_id=east, skills=(category,))
    idle = add_worker(db, "idle-east-skilled", region_id=east, skills=(category,))
    unskilled = add_worker(db, "east-unskilled", region_id=east, skills=("other",))
    northern = add_worker(db, "north-skilled", region_id=north, skills=(category,))
    add_worker(db, "inactive-east", region_id=east, skills=(category,), active=False)
    for _ in range(2):
        _ticket(db, desk, assignee_id=busy.id, status="in_progress")
    _ticket(db, desk, assignee_id=unskilled.id, status="assigned")
    _ticket(db, desk, assignee_id=idle.id, status="closed")  # closed work is not load
    ticket_id = _ticket(db, desk, queue=field_east, product_model=model_id(db))
    suggestions = suggest_assignees(db, ticket_id, limit=4)
    assert [s.user_id for s in suggestions] == [idle.id, busy.id, unskilled.id, northern.id]
    first = suggestions[0]
    assert (first.region_match, first.skill_match, first.open_tickets) == (True, True, 0)
    assert suggestions[1].open_tickets == 2
    assert (suggestions[2].region_match, suggestions[2].skill_match) == (True, False)
    assert (suggestions[3].region_match, suggestions[3].skill_match) == (False, True)


def test_suggestions_use_the_customer_region_when_the_queue_has_none(
    db: Database, desk: Desk
) -> None:
    with db.session() as session:
        north = session.scalar(select(Region.id).where(Region.code == "NORTH"))
    customer = add_customer(db, "北京客户", region_id=north)
    northern = add_worker(db, "north", region_id=north)
    add_worker(db, "nowhere")
    ticket_id = add_planned_ticket(db, customer, desk.plan, REPORTED, queue=queue_id(db, "FRONT"))
    assert suggest_assignees(db, ticket_id)[0].user_id == northern.id


# --- escalation --------------------------------------------------------------------------


def test_escalation_goes_to_the_second_line_of_the_region(db: Database, desk: Desk) -> None:
    with db.session() as session:
        east = session.scalar(select(Region.id).where(Region.code == "EAST"))
    customer = add_customer(db, "杭州客户", region_id=east)
    agent = desk.agent
    ticket_id = add_planned_ticket(
        db,
        customer,
        desk.plan,
        REPORTED,
        queue=queue_id(db, "FRONT"),
        assignee_id=agent.id,
        status="in_progress",
    )
    with pytest.raises(TicketRefused) as refused:
        escalate(db, agent, ticket_id, 1, "  ")
    assert [(e.field, e.code) for e in refused.value.errors] == [("reason", "required")]
    change = escalate(db, agent, ticket_id, 1, "需要现场更换主板", now=REPORTED)
    assert change.queue_id == queue_id(db, "FIELD-EAST")
    assert (change.status, change.assignee_id) == ("new", None)
    event = load_ticket(db, ticket_id).timeline[-1]
    assert event.kind == "escalated"
    assert event.details["from_queue_id"] == queue_id(db, "FRONT")
    assert event.details["to_queue_id"] == queue_id(db, "FIELD-EAST")
    assert event.details["reason"] == "需要现场更换主板"
    # From a regional second-line queue it goes on to the one of no region.
    again = escalate(db, agent, ticket_id, change.version, "现场无法解决")
    assert again.queue_id == queue_id(db, "TECH")


def test_escalation_without_a_region_goes_to_the_national_second_line(
    db: Database, desk: Desk
) -> None:
    ticket_id = _ticket(db, desk, queue=queue_id(db, "FRONT"))
    change = escalate(db, desk.agent, ticket_id, 1, "hard case")
    assert change.queue_id == queue_id(db, "TECH")


def test_options_list_queues_plans_and_resolution_types(db: Database, desk: Desk) -> None:
    found = options(db)
    assert "TECH" in {q.code for q in found.queues}
    assert desk.plan in {p.id for p in found.sla_plans}
    assert "remote_fix" in found.resolution_types and "part_replaced" in found.resolution_types
