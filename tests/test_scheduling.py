"""Booking, moving and cancelling visits: the rules refuse or warn, the ticket's timeline and
status follow, stale versions conflict, and two desks racing for one engineer cannot both
win (PostgreSQL: the exclusion constraint; SQLite: the write lock before the check)."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import URL

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    model_id,
    with_reference_data,
)
from tests.ticket_factories import add_office_plan, add_planned_ticket, beijing
from tests.visit_factories import (
    PEOPLES_SQUARE,
    add_absence_row,
    add_engineer,
    add_visit,
    place_site,
    region_id,
)
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry, ServiceContract, Visit
from workstation.services import scheduling
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import RecordNotFound
from workstation.services.scheduling import (
    Booking,
    ScheduleConflict,
    VisitChange,
    VisitConflict,
    VisitRefused,
    book_visit,
    cancel_visit,
    load_visit,
    move_visit,
)
from workstation.services.ticket_detail import load_ticket

NOW = beijing(2026, 6, 1, 7)  # Monday 07:00 in Shanghai


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return beijing(2026, 6, day, hour, minute)


@dataclass(frozen=True)
class Desk:
    plan: int
    customer: CustomerIds
    device: int
    agent: SignedInUser
    wang: SignedInUser
    li: SignedInUser


@pytest.fixture
def desk(db: Database) -> Desk:
    with_reference_data(db)
    east = region_id(db, "EAST")
    customer = add_customer(db, "上海精密仪器有限公司", region_id=east)
    place_site(db, customer.site_id, PEOPLES_SQUARE, east)
    device = add_equipment(db, customer, product_model=model_id(db, "LP-2020"))
    return Desk(
        add_office_plan(db),
        customer,
        device,
        add_desk_user(db, "agent1", "agent"),
        add_engineer(db, "王工", region=east, skills=("laser_printer",)),
        add_engineer(db, "李工", region=east, skills=("laser_printer",)),
    )


def _ticket(db: Database, desk: Desk, **kwargs: Any) -> int:
    return add_planned_ticket(
        db, desk.customer, desk.plan, NOW - timedelta(hours=1), equipment_id=desk.device, **kwargs
    )


def _book(
    db: Database,
    desk: Desk,
    start: datetime,
    minutes: int = 120,
    *,
    engineer: SignedInUser | None = None,
    ticket_id: int | None = None,
    **kwargs: Any,
) -> VisitChange:
    booking = Booking(
        kind=kwargs.pop("kind", "repair"),
        engineer_id=(engineer or desk.wang).id,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        ticket_id=ticket_id,
        customer_id=None if ticket_id else desk.customer.customer_id,
        **kwargs,
    )
    return book_visit(db, desk.agent, booking, now=NOW)


def _changes(db: Database, entity: str) -> list[ChangeLogEntry]:
    with db.session() as session:
        return list(
            session.scalars(
                select(ChangeLogEntry)
                .where(ChangeLogEntry.entity == entity)
                .order_by(ChangeLogEntry.id)
            )
        )


def _visits(db: Database) -> list[Visit]:
    with db.session() as session:
        return list(session.scalars(select(Visit).order_by(Visit.id)))


# --- booking --------------------------------------------------------------------------------


def test_booking_from_a_new_ticket_gives_it_to_the_engineer_and_puts_it_on_the_timeline(
    db: Database, desk: Desk
) -> None:
    ticket_id = _ticket(db, desk)
    change = _book(db, desk, at(1, 9), ticket_id=ticket_id)

    assert (change.status, change.kind, change.engineer_name) == ("booked", "repair", "王工")
    assert (change.starts_at, change.ends_at) == (at(1, 9), at(1, 11))
    assert change.customer_name == "上海精密仪器有限公司"
    assert change.site_id == desk.customer.site_id  # the device's site
    assert (change.ticket_id, change.ticket_status) == (ticket_id, "assigned")
    assert change.warnings == () and change.late is False and change.version == 1

    ticket = load_ticket(db, ticket_id, NOW)
    assert (ticket.status, ticket.assignee_id, ticket.version) == ("assigned", desk.wang.id, 2)
    kinds = [entry.kind for entry in ticket.timeline]
    assert kinds[-2:] == ["visit_booked", "assigned"]
    booked = ticket.timeline[-2]
    assert booked.user_id == desk.agent.id
    assert booked.details["engineer"] == "王工"
    assert booked.details["starts_at"] == at(1, 9).isoformat()
    assert booked.details["visit_id"] == change.visit_id

    (logged,) = _changes(db, "visit")
    assert (logged.entity_id, logged.action) == (change.visit_id, "create")
    assert logged.data["engineer_id"] == desk.wang.id
    assert logged.data["starts_at"] == at(1, 9).isoformat()
    assert (logged.data["status"], logged.data["ticket_id"]) == ("booked", ticket_id)
    assert _changes(db, "ticket")[-1].data["status"] == "assigned"
    with db.session() as session:
        trail = session.scalars(select(AuditRecord).where(AuditRecord.entity == "visit")).one()
    assert (trail.entity_id, trail.action, trail.user_id) == (
        change.visit_id,
        "create",
        desk.agent.id,
    )


def test_booking_for_a_ticket_someone_works_keeps_its_assignee_and_status(
    db: Database, desk: Desk
) -> None:
    ticket_id = _ticket(db, desk, status="in_progress", assignee_id=desk.agent.id)
    change = _book(db, desk, at(1, 9), ticket_id=ticket_id)
    ticket = load_ticket(db, ticket_id, NOW)
    assert (ticket.status, ticket.assignee_id) == ("in_progress", desk.agent.id)
    assert change.ticket_status == "in_progress"
    assert [e.kind for e in ticket.timeline][-1] == "visit_booked"


def test_an_overlap_is_refused_naming_the_other_visit_and_nothing_is_written(
    db: Database, desk: Desk
) -> None:
    first = _book(db, desk, at(1, 9))
    ticket_id = _ticket(db, desk)
    with pytest.raises(ScheduleConflict) as refused:
        _book(db, desk, at(1, 10), ticket_id=ticket_id, accept_warnings=True)
    (problem,) = refused.value.problems
    assert (problem.code, problem.params["visit_id"]) == ("overlap", str(first.visit_id))
    assert refused.value.overridable is False
    assert len(_visits(db)) == 1
    assert load_ticket(db, ticket_id, NOW).version == 1


def test_warnings_refuse_until_accepted_then_the_result_carries_them(
    db: Database, desk: Desk
) -> None:
    with pytest.raises(ScheduleConflict) as refused:
        _book(db, desk, at(1, 17), 90)  # ends 18:30, after 17:30
    assert [p.code for p in refused.value.problems] == ["outside_hours"]
    assert refused.value.overridable is True
    assert _visits(db) == []

    change = _book(db, desk, at(1, 17), 90, accept_warnings=True)
    assert [w.code for w in change.warnings] == ["outside_hours"]
    with db.session() as session:
        trail = session.scalars(select(AuditRecord).where(AuditRecord.entity == "visit")).one()
    assert trail.details["warnings"] == ["outside_hours"]


def test_hard_problems_cannot_be_accepted(db: Database, desk: Desk) -> None:
    add_absence_row(db, desk.wang.id, at(2, 0), at(3, 0))
    with pytest.raises(ScheduleConflict) as refused:
        _book(db, desk, at(2, 9), accept_warnings=True)
    assert [p.code for p in refused.value.problems] == ["absence"]
    assert not refused.value.overridable
    with pytest.raises(ScheduleConflict) as past:
        _book(db, desk, NOW - timedelta(hours=2), accept_warnings=True)
    assert "past" in [p.code for p in past.value.problems]
    assert _visits(db) == []


def test_bad_requests_are_refused_at_their_fields(db: Database, desk: Desk) -> None:
    def refused(**kwargs: Any) -> list[tuple[str, str]]:
        with pytest.raises(VisitRefused) as caught:
            _book(db, desk, at(1, 9), **kwargs)
        return [(e.field, e.code) for e in caught.value.errors]

    sleepy = add_engineer(db, "休假工程师", active=False)
    other = add_customer(db, "别家公司")
    assert refused(engineer=desk.agent) == [("engineer_id", "not_engineer")]
    assert refused(engineer=sleepy) == [("engineer_id", "inactive")]
    assert refused(kind="picnic") == [("kind", "unknown")]
    assert refused(site_id=other.site_id) == [("site_id", "not_this_customer")]
    assert refused(notes="很长" * 1001) == [("notes", "too_long")]
    closed = _ticket(db, desk, status="resolved", assignee_id=desk.li.id)
    assert refused(ticket_id=closed) == [("ticket_id", "not_open")]
    with pytest.raises(VisitRefused) as nobody:
        book_visit(
            db,
            desk.agent,
            Booking("repair", desk.wang.id, at(1, 9), at(1, 10)),
            now=NOW,
        )
    assert [(e.field, e.code) for e in nobody.value.errors] == [("customer_id", "required")]
    with pytest.raises(RecordNotFound):
        _book(db, desk, at(1, 9), ticket_id=987654)
    assert _visits(db) == []


def test_an_installation_after_the_delivery_date_stands_out_as_late(
    db: Database, desk: Desk
) -> None:
    contract_id = add_contract(db, desk.customer)
    with db.session() as session:
        contract = session.get(ServiceContract, contract_id)
        assert contract is not None
        contract.delivery_date = date(2026, 6, 2)
        session.commit()
    in_time = _book(db, desk, at(2, 9), kind="installation", contract_id=contract_id)
    assert (in_time.due_on, in_time.late, in_time.ticket_id) == (date(2026, 6, 2), False, None)
    late = _book(db, desk, at(3, 9), engineer=desk.li, kind="installation", contract_id=contract_id)
    assert (late.due_on, late.late) == (date(2026, 6, 2), True)
    assert load_visit(db, late.visit_id).kind == "installation"


# --- moving ---------------------------------------------------------------------------------


def test_moving_a_visit_puts_from_and_to_on_the_ticket(db: Database, desk: Desk) -> None:
    ticket_id = _ticket(db, desk, status="in_progress", assignee_id=desk.agent.id)
    booked = _book(db, desk, at(1, 9), ticket_id=ticket_id)
    moved = move_visit(
        db, desk.agent, booked.visit_id, booked.version, desk.wang.id, at(2, 14), at(2, 16), NOW
    )
    assert (moved.starts_at, moved.ends_at, moved.version) == (at(2, 14), at(2, 16), 2)
    last = load_ticket(db, ticket_id, NOW).timeline[-1]
    assert last.kind == "visit_moved"
    assert last.details["from_starts_at"] == at(1, 9).isoformat()
    assert last.details["starts_at"] == at(2, 14).isoformat()
    logged = _changes(db, "visit")[-1]
    assert (logged.action, logged.data["starts_at"]) == ("update", at(2, 14).isoformat())
    assert logged.data["from_starts_at"] == at(1, 9).isoformat()
    # The old time is free again.
    assert _book(db, desk, at(1, 9)).status == "booked"


def test_moving_to_another_engineer_takes_the_ticket_along_when_it_was_theirs(
    db: Database, desk: Desk
) -> None:
    ticket_id = _ticket(db, desk)
    booked = _book(db, desk, at(1, 9), ticket_id=ticket_id)
    assert load_ticket(db, ticket_id, NOW).assignee_id == desk.wang.id
    moved = move_visit(
        db, desk.agent, booked.visit_id, booked.version, desk.li.id, at(1, 9), at(1, 11), NOW
    )
    ticket = load_ticket(db, ticket_id, NOW)
    assert (moved.engineer_name, ticket.assignee_id, ticket.status) == (
        "李工",
        desk.li.id,
        "assigned",
    )
    assert [e.kind for e in ticket.timeline][-2:] == ["visit_moved", "assigned"]
    assert ticket.timeline[-1].details["from_assignee_id"] == desk.wang.id
    assert ticket.timeline[-2].details["from_engineer"] == "王工"


def test_an_unchanged_move_writes_nothing(db: Database, desk: Desk) -> None:
    booked = _book(db, desk, at(1, 9))
    same = move_visit(db, desk.agent, booked.visit_id, 1, desk.wang.id, at(1, 9), at(1, 11), NOW)
    assert (same.changed, same.version) == (False, 1)
    assert len(_changes(db, "visit")) == 1


def test_moving_obeys_the_rules_and_ignores_the_visit_itself(db: Database, desk: Desk) -> None:
    first = _book(db, desk, at(1, 9))
    second = _book(db, desk, at(1, 13))
    # Overlapping its own old time is fine; overlapping the other visit is not.
    later = move_visit(db, desk.agent, first.visit_id, 1, desk.wang.id, at(1, 10), at(1, 12), NOW)
    assert later.starts_at == at(1, 10)
    with pytest.raises(ScheduleConflict) as refused:
        move_visit(db, desk.agent, first.visit_id, 2, desk.wang.id, at(1, 12), at(1, 14), NOW)
    assert refused.value.problems[0].params["visit_id"] == str(second.visit_id)
    assert load_visit(db, first.visit_id).starts_at == at(1, 10)


def test_booking_an_unscheduled_visit(db: Database, desk: Desk) -> None:
    due = add_visit(
        db,
        desk.customer,
        None,
        None,
        None,
        status="unscheduled",
        kind="preventive_maintenance",
        due_on=date(2026, 6, 3),
    )
    booked = move_visit(db, desk.agent, due, 1, desk.li.id, at(4, 9), at(4, 10), NOW)
    assert (booked.status, booked.engineer_id, booked.late) == ("booked", desk.li.id, True)
    logged = _changes(db, "visit")[-1]
    assert (logged.data["status"], logged.data["from_engineer_id"]) == ("booked", None)
    with db.session() as session:
        trail = session.scalars(select(AuditRecord).where(AuditRecord.entity == "visit")).one()
    assert trail.action == "book"


def test_a_stale_version_is_a_conflict_carrying_the_visit_now(db: Database, desk: Desk) -> None:
    booked = _book(db, desk, at(1, 9))
    move_visit(db, desk.agent, booked.visit_id, 1, desk.wang.id, at(1, 13), at(1, 15), NOW)
    with pytest.raises(VisitConflict) as stale:
        move_visit(db, desk.agent, booked.visit_id, 1, desk.li.id, at(1, 9), at(1, 11), NOW)
    assert (stale.value.current.version, stale.value.current.starts_at) == (2, at(1, 13))
    assert stale.value.current.engineer_name == "王工"
    with pytest.raises(VisitConflict):
        cancel_visit(db, desk.agent, booked.visit_id, 1, "客户改期", NOW)
    assert load_visit(db, booked.visit_id).status == "booked"


def test_completed_or_cancelled_visits_do_not_move(db: Database, desk: Desk) -> None:
    done = add_visit(db, desk.customer, desk.wang.id, at(1, 9), at(1, 10), status="completed")
    with pytest.raises(VisitRefused) as refused:
        move_visit(db, desk.agent, done, 1, desk.wang.id, at(1, 13), at(1, 14), NOW)
    assert [(e.field, e.code) for e in refused.value.errors] == [("status", "not_movable")]
    with pytest.raises(VisitRefused) as cancelled:
        cancel_visit(db, desk.agent, done, 1, "没必要", NOW)
    assert [(e.field, e.code) for e in cancelled.value.errors] == [("status", "not_cancellable")]
    with pytest.raises(RecordNotFound):
        move_visit(db, desk.agent, 987654, 1, desk.wang.id, at(1, 13), at(1, 14), NOW)


# --- cancelling -----------------------------------------------------------------------------


def test_cancelling_needs_a_reason_frees_the_time_and_leaves_the_ticket_where_it_is(
    db: Database, desk: Desk
) -> None:
    ticket_id = _ticket(db, desk)
    booked = _book(db, desk, at(1, 9), ticket_id=ticket_id)
    with pytest.raises(VisitRefused) as refused:
        cancel_visit(db, desk.agent, booked.visit_id, 1, "   ", NOW)
    assert [(e.field, e.code) for e in refused.value.errors] == [("reason", "required")]

    cancelled = cancel_visit(db, desk.agent, booked.visit_id, 1, "客户要求改期", NOW)
    assert (cancelled.status, cancelled.version) == ("cancelled", 2)
    ticket = load_ticket(db, ticket_id, NOW)
    assert (ticket.status, ticket.assignee_id) == ("assigned", desk.wang.id)
    last = ticket.timeline[-1]
    assert (last.kind, last.details["reason"], last.details["engineer"]) == (
        "visit_cancelled",
        "客户要求改期",
        "王工",
    )
    (visit,) = _visits(db)
    assert (visit.status, visit.cancel_reason) == ("cancelled", "客户要求改期")
    assert _changes(db, "visit")[-1].action == "cancel"
    assert _book(db, desk, at(1, 9), ticket_id=ticket_id).status == "booked"


# --- two desks at once ----------------------------------------------------------------------


def test_two_desks_booking_one_engineer_at_the_same_moment_exactly_one_wins(
    db: Database,
    desk: Desk,
    database_url: URL,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    """Both desks check before either writes (a barrier holds them after the check). On
    PostgreSQL both checks pass and the exclusion constraint refuses the second insert; on
    SQLite the second desk cannot even check before the first commits (the write lock comes
    first), so its check finds the overlap."""
    backend = request.node.callspec.params["database_url"]
    other_customer = add_customer(db, "北京客户", site="北京总部")
    barrier = threading.Barrier(2)
    checked: list[int] = []
    original = scheduling.visit_problems

    def check_then_wait(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        checked.append(len(found))
        # SQLite: the other desk is waiting for the write lock, so the barrier breaks.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1.0)
        return found

    monkeypatch.setattr(scheduling, "visit_problems", check_then_wait)
    results: list[object] = []
    bookings = [
        Booking("repair", desk.wang.id, at(1, 9), at(1, 11), customer_id=c.customer_id)
        for c in (desk.customer, other_customer)
    ]

    def desk_books(booking: Booking) -> None:
        own = Database.connect(database_url)
        try:
            results.append(book_visit(own, desk.agent, booking, now=NOW))
        except ScheduleConflict as conflict:
            results.append(conflict)
        except BaseException as error:  # pragma: no cover - reported below
            results.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk_books, args=(b,)) for b in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    wins = [r for r in results if isinstance(r, VisitChange)]
    losses = [r for r in results if isinstance(r, ScheduleConflict)]
    assert (len(wins), len(losses)) == (1, 1), results
    (problem,) = losses[0].problems
    assert (problem.code, problem.params["visit_id"]) == ("overlap", str(wins[0].visit_id))
    if backend == "postgresql":
        assert checked == [0, 0]  # both passed the check: the constraint decided
    else:
        assert sorted(checked) == [0, 1]  # the second check saw the first booking
    assert [v.status for v in _visits(db)] == ["booked"]


def test_on_postgresql_the_constraint_refuses_a_move_the_check_missed(
    db: Database, desk: Desk, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """With the check bypassed (as when another desk commits between check and write), the
    exclusion constraint still refuses, and the refusal is the same ScheduleConflict."""
    if request.node.callspec.params["database_url"] != "postgresql":
        pytest.skip("SQLite has no such constraint: the check under the write lock guards it")
    first = _book(db, desk, at(1, 9))
    second = _book(db, desk, at(1, 13))
    monkeypatch.setattr(scheduling, "visit_problems", lambda *args, **kwargs: ())
    with pytest.raises(ScheduleConflict) as refused:
        move_visit(db, desk.agent, second.visit_id, 1, desk.wang.id, at(1, 10), at(1, 12), NOW)
    (problem,) = refused.value.problems
    assert (problem.code, problem.params["visit_id"]) == ("overlap", str(first.visit_id))
    with pytest.raises(ScheduleConflict):
        _book(db, desk, at(1, 8, 30))
    assert load_visit(db, second.visit_id).starts_at == at(1, 13)
    assert len(_visits(db)) == 2
