"""Follow-up calls (回访): planned on resolution, listed when due, answered with consequences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import add_customer, add_desk_user, add_ticket, with_reference_data
from workstation.db import Database
from workstation.models import Call, FollowUp, Ticket, TicketEvent
from workstation.permissions import PermissionDenied
from workstation.services.centre_settings import change_setting
from workstation.services.follow_up_plan import plan_follow_up
from workstation.services.follow_ups import (
    FollowUpAction,
    FollowUpAnswer,
    FollowUpChanged,
    FollowUpRejected,
    check_answer,
    due_count,
    follow_ups_due,
    record_follow_up,
)

RESOLVED = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
LATER = RESOLVED + timedelta(days=4)


def _resolved_ticket(db: Database, resolved_at: datetime = RESOLVED) -> tuple[int, int]:
    """A resolved ticket with its follow-up planned; (ticket id, follow-up id)."""
    customer = add_customer(db, contacts=(("王五", ("139 0000 1111",)),))
    ticket_id = add_ticket(
        db,
        customer,
        status="resolved",
        reported_at=resolved_at - timedelta(hours=5),
        resolved_at=resolved_at,
        solution="更换定影组件",
    )
    with db.session() as session:
        follow_up_id = plan_follow_up(session, ticket_id, resolved_at)
        session.commit()
    return ticket_id, follow_up_id


def _version(db: Database, follow_up_id: int) -> int:
    with db.session() as session:
        follow_up = session.get(FollowUp, follow_up_id)
        assert follow_up is not None
        return follow_up.version


def test_a_resolved_ticket_is_due_for_its_follow_up_after_the_centres_delay(db: Database) -> None:
    with_reference_data(db)
    ticket_id, _ = _resolved_ticket(db)
    assert follow_ups_due(db, RESOLVED + timedelta(days=2, hours=23)) == ()
    [row] = follow_ups_due(db, RESOLVED + timedelta(days=3))
    assert (row.ticket_id, row.contact_name, row.phone) == (ticket_id, "王五", "139 0000 1111")
    assert row.solution == "更换定影组件"
    assert due_count(db, LATER) == 1

    admin = add_desk_user(db, "admin1", role="admin")
    change_setting(db, "follow_up_delay_days", "7", admin)
    _, later_one = _resolved_ticket(db)
    with db.session() as session:
        follow_up = session.get(FollowUp, later_one)
        assert follow_up is not None
        assert follow_up.due_at == RESOLVED + timedelta(days=7)


def test_the_longest_waiting_follow_up_comes_first(db: Database) -> None:
    with_reference_data(db)
    _resolved_ticket(db, RESOLVED)
    older, _ = _resolved_ticket(db, RESOLVED - timedelta(days=1))
    assert follow_ups_due(db, LATER)[0].ticket_id == older


def test_a_satisfied_customer_closes_the_ticket_and_the_call_is_on_the_history(
    db: Database,
) -> None:
    with_reference_data(db)
    agent = add_desk_user(db)
    ticket_id, follow_up_id = _resolved_ticket(db)
    answer = FollowUpAnswer(reached=True, confirmed_fixed=True, satisfaction=5, comments="很好")
    result = record_follow_up(db, agent, follow_up_id, 1, answer, LATER)
    assert (result.done, result.ticket_status, result.complaint_number) == (True, "closed", "")
    assert follow_ups_due(db, LATER) == ()
    with db.session() as session:
        follow_up = session.get(FollowUp, follow_up_id)
        assert follow_up is not None
        assert (follow_up.satisfaction, follow_up.confirmed_fixed, follow_up.done_by_id) == (
            5,
            True,
            agent.id,
        )
        call = session.scalars(select(Call).where(Call.ticket_id == ticket_id)).one()
        assert (call.direction, call.wrap_up_code, call.notes) == ("out", "follow_up", "很好")
        kinds = session.scalars(
            select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket_id)
        ).all()
        assert "follow_up" in kinds


def test_a_customer_not_reached_comes_back_the_next_day(db: Database) -> None:
    with_reference_data(db)
    agent = add_desk_user(db)
    _, follow_up_id = _resolved_ticket(db)
    result = record_follow_up(
        db, agent, follow_up_id, 1, FollowUpAnswer(reached=False, comments="无人接听"), LATER
    )
    assert not result.done
    assert follow_ups_due(db, LATER) == ()
    [row] = follow_ups_due(db, LATER + timedelta(days=1))
    assert row.attempts == 1


def test_an_answer_is_checked_field_by_field() -> None:
    def codes(answer: FollowUpAnswer) -> set[tuple[str, str]]:
        return {(e.field, e.code) for e in check_answer(answer)}

    assert codes(FollowUpAnswer(reached=True)) == {
        ("confirmed_fixed", "required"),
        ("satisfaction", "required"),
    }
    assert ("satisfaction", "out_of_range") in codes(
        FollowUpAnswer(reached=True, confirmed_fixed=True, satisfaction=6)
    )
    assert codes(FollowUpAnswer(reached=True, confirmed_fixed=False, satisfaction=4)) == {
        ("action", "required")
    }
    assert codes(FollowUpAnswer(reached=True, confirmed_fixed=True, satisfaction=1)) == {
        ("action", "required")
    }
    assert codes(
        FollowUpAnswer(
            reached=True, confirmed_fixed=False, satisfaction=2, action=FollowUpAction.COMPLAINT
        )
    ) == {("comments", "required")}
    assert codes(FollowUpAnswer(reached=False, action=FollowUpAction.REOPEN)) == {
        ("action", "not_reached")
    }


def test_a_dissatisfied_answer_without_a_next_step_is_refused_and_nothing_is_written(
    db: Database,
) -> None:
    with_reference_data(db)
    agent = add_desk_user(db)
    _, follow_up_id = _resolved_ticket(db)
    bad = FollowUpAnswer(reached=True, confirmed_fixed=False, satisfaction=2)
    with pytest.raises(FollowUpRejected) as refused:
        record_follow_up(db, agent, follow_up_id, 1, bad, LATER)
    assert [(e.field, e.code) for e in refused.value.errors] == [("action", "required")]
    assert _version(db, follow_up_id) == 1


def test_the_fault_is_back_so_the_ticket_reopens(db: Database) -> None:
    with_reference_data(db)
    agent = add_desk_user(db)
    ticket_id, follow_up_id = _resolved_ticket(db)
    answer = FollowUpAnswer(
        reached=True,
        confirmed_fixed=False,
        satisfaction=3,
        comments="又卡纸了",
        action=FollowUpAction.REOPEN,
    )
    result = record_follow_up(db, agent, follow_up_id, 1, answer, LATER)
    assert result.done
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        assert ticket.status not in ("resolved", "closed")
        assert ticket.resolved_at is None
        follow_up = session.get(FollowUp, follow_up_id)
        assert follow_up is not None
        assert follow_up.outcome == "reopened"


def test_a_complaint_is_a_new_ticket_linked_to_the_one_it_is_about(db: Database) -> None:
    with_reference_data(db)
    agent = add_desk_user(db)
    ticket_id, follow_up_id = _resolved_ticket(db)
    answer = FollowUpAnswer(
        reached=True,
        confirmed_fixed=True,
        satisfaction=1,
        comments="工程师迟到两小时",
        action=FollowUpAction.COMPLAINT,
    )
    result = record_follow_up(db, agent, follow_up_id, 1, answer, LATER)
    assert result.complaint_number.startswith("SR-2026-")
    with db.session() as session:
        complaint = session.get(Ticket, result.complaint_ticket_id)
        assert complaint is not None
        assert (complaint.kind, complaint.complaint_of_id, complaint.status) == (
            "complaint",
            ticket_id,
            "new",
        )
        assert complaint.description == "工程师迟到两小时"
        assert complaint.resolution_due_at is not None and complaint.resolution_due_at > LATER
        follow_up = session.get(FollowUp, follow_up_id)
        assert follow_up is not None
        assert (follow_up.outcome, follow_up.complaint_ticket_id) == ("complaint", complaint.id)


def test_an_answer_on_a_stale_version_is_refused(db: Database) -> None:
    with_reference_data(db)
    agent = add_desk_user(db)
    other = add_desk_user(db, "agent2")
    _, follow_up_id = _resolved_ticket(db)
    record_follow_up(db, other, follow_up_id, 1, FollowUpAnswer(reached=False), LATER)
    satisfied = FollowUpAnswer(reached=True, confirmed_fixed=True, satisfaction=4)
    with pytest.raises(FollowUpChanged):
        record_follow_up(db, agent, follow_up_id, 1, satisfied, LATER)
    assert record_follow_up(db, agent, follow_up_id, 2, satisfied, LATER).done


def test_an_engineer_does_not_record_follow_up_calls(db: Database) -> None:
    with_reference_data(db)
    engineer = add_desk_user(db, "eng1", role="engineer")
    _, follow_up_id = _resolved_ticket(db)
    with pytest.raises(PermissionDenied):
        record_follow_up(db, engineer, follow_up_id, 1, FollowUpAnswer(reached=False), LATER)
