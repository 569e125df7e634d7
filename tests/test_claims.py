"""Take next: the most urgent ticket a user may work, claimed exactly once under contention."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from tests.factories import add_customer, add_desk_user, model_id, with_reference_data
from workstation.db import Database
from workstation.models import ProductModel, Queue, Region, Ticket, TicketEvent
from workstation.services.auth import SignedInUser
from workstation.services.claims import take_next

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _queues(db: Database) -> dict[str, int]:
    with db.session() as session:
        east = Region(code="E1", name="华东")
        north = Region(code="N1", name="华北")
        session.add_all([east, north])
        session.flush()
        queues = [
            Queue(code="Q-FRONT", name="First line", level=1),
            Queue(code="Q-EAST", name="华东 field", level=2, region_id=east.id),
            Queue(code="Q-NORTH", name="华北 field", level=2, region_id=north.id),
        ]
        session.add_all(queues)
        session.commit()
        return {
            "front": queues[0].id,
            "east": queues[1].id,
            "north": queues[2].id,
            "east_region": east.id,
        }


def _tickets(db: Database, rows: list[dict[str, object]]) -> list[int]:
    customer = add_customer(db)
    base = {
        "channel": "phone",
        "customer_id": customer.customer_id,
        "reported_at": NOW,
        "severity": "minor",
        "status": "new",
        "version": 1,
    }
    with db.session() as session:
        first = int(session.scalar(select(func.count()).select_from(Ticket)) or 0)
        values = [
            {**base, "number": f"SR-2026-{900_000 + first + i:06d}", "priority": "P3", **row}
            for i, row in enumerate(rows)
        ]
        session.execute(insert(Ticket), values)
        session.commit()
        return list(
            session.scalars(
                select(Ticket.id)
                .where(Ticket.number.in_([v["number"] for v in values]))
                .order_by(Ticket.number)
            )
        )


def _user(
    db: Database, name: str, region_id: int | None = None, skills: tuple[str, ...] = ()
) -> SignedInUser:
    user = add_desk_user(db, name)
    return SignedInUser(user.id, user.username, user.display_name, user.role, region_id, skills)


def test_the_most_urgent_ticket_is_taken_first_then_the_nearest_deadline(db: Database) -> None:
    q = _queues(db)
    later, p1, sooner, _assigned = _tickets(
        db,
        [
            {"queue_id": q["front"], "resolution_due_at": NOW + timedelta(hours=8)},
            {"queue_id": q["front"], "priority": "P1"},
            {"queue_id": q["front"], "resolution_due_at": NOW + timedelta(hours=2)},
            {"queue_id": q["front"], "priority": "P1", "status": "assigned"},
        ],
    )
    agent = _user(db, "agent1")
    taken = [take_next(db, agent, q["front"], NOW) for _ in range(4)]
    assert [t.ticket_id if t else None for t in taken] == [p1, sooner, later, None]
    first = taken[0]
    assert first is not None and first.priority == "P1" and first.version == 2
    with db.session() as session:
        ticket = session.get(Ticket, p1)
        assert ticket is not None and (ticket.assignee_id, ticket.status) == (agent.id, "assigned")
        event = session.scalars(select(TicketEvent).where(TicketEvent.ticket_id == p1)).one()
        assert (event.kind, event.user_id, event.details["assignee_id"]) == (
            "assigned",
            agent.id,
            agent.id,
        )


def test_only_tickets_of_my_region_and_skills_are_taken(db: Database) -> None:
    with_reference_data(db)
    q = _queues(db)
    printer = model_id(db)
    with db.session() as session:
        cat = session.scalar(select(ProductModel.category).where(ProductModel.id == printer))
    assert cat
    north, east_other_kind, east_printer = _tickets(
        db,
        [
            {"queue_id": q["north"], "priority": "P1"},
            {
                "queue_id": q["east"],
                "priority": "P1",
                "product_model_id": _other_model(db, cat),
            },
            {"queue_id": q["east"], "product_model_id": printer},
        ],
    )
    engineer = _user(db, "eng1", region_id=q["east_region"], skills=(cat,))
    taken = take_next(db, engineer, now=NOW)
    assert taken is not None and taken.ticket_id == east_printer
    assert take_next(db, engineer, now=NOW) is None
    assert {north, east_other_kind}  # still unassigned: another region, another product kind


def _other_model(db: Database, category: str) -> int:
    with db.session() as session:
        other = session.scalar(
            select(ProductModel.id).where(ProductModel.category != category).limit(1)
        )
    assert other is not None
    return int(other)


def test_twenty_desks_claim_a_thousand_tickets_each_exactly_once(db: Database) -> None:
    q = _queues(db)
    ids = _tickets(db, [{"queue_id": q["front"], "priority": f"P{1 + i % 4}"} for i in range(1000)])
    desks = [_user(db, f"desk{i:02d}") for i in range(20)]
    claimed: list[list[int]] = [[] for _ in desks]
    errors: list[BaseException] = []
    start = threading.Barrier(len(desks))

    def work(index: int) -> None:
        try:
            start.wait()
            while (ticket := take_next(db, desks[index], q["front"])) is not None:
                claimed[index].append(ticket.ticket_id)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    every = [ticket for mine in claimed for ticket in mine]
    assert sorted(every) == sorted(ids)  # none twice, none lost
    assert sum(1 for mine in claimed if mine) > 1  # the work really was shared
    with db.session() as session:
        events = session.scalar(
            select(func.count()).select_from(TicketEvent).where(TicketEvent.kind == "assigned")
        )
        assignees = dict(
            session.execute(select(Ticket.id, Ticket.assignee_id).where(Ticket.id.in_(ids))).all()
        )
    assert events == 1000
    for desk, mine in zip(desks, claimed, strict=True):
        assert all(assignees[ticket] == desk.id for ticket in mine)
