"""Parts for a visit: reserved with a stock check, consumed on completion with serials,
returned when unused; the last unit raced for by two desks; the sheet's rollback."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from tests.parts_factories import (
    Field,
    add_part,
    add_visit,
    field_world,
    level,
    reserved_in_lines,
)
from workstation.db import Database
from workstation.models import ChangeLogEntry, StockLevel, Visit, VisitPart
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected
from workstation.services.parts_catalogue import set_part_active
from workstation.services.stock import SAME_REGION, WAREHOUSE, receive
from workstation.services.visit_parts import (
    PartUse,
    StockShortage,
    VisitPartRow,
    consume_in_session,
    consumed_parts,
    parts_total,
    release_visit_in_session,
    reserve_context,
    reserve_part,
    return_part,
    visit_parts,
)

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def _codes(error: EditRejected) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in error.errors}


def test_reserve_then_return(db: Database) -> None:
    w = field_world(db, stock=5)
    row = reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 2, NOW)
    assert (row.status, row.quantity, row.location_code, row.reserved_by) == (
        "reserved",
        2,
        "WH",
        "agent1",
    )
    assert (row.unit_price, row.line_total) == (Decimal("250.50"), Decimal("501.00"))
    assert level(db, w.warehouse, w.part) == (5, 2)
    returned = return_part(db, w.engineer, row.id, NOW)
    assert (returned.status, returned.settled_at) == ("returned", NOW)
    assert level(db, w.warehouse, w.part) == (5, 0)
    with pytest.raises(EditRejected) as refused:
        return_part(db, w.agent, row.id, NOW)
    assert _codes(refused.value) == {("status", "not_reserved")}
    assert level(db, w.warehouse, w.part) == (5, 0), "not returned twice"
    assert [r.status for r in visit_parts(db, w.agent, w.visit)] == ["returned"]
    with db.session() as session:
        logged = session.execute(
            select(ChangeLogEntry.entity, ChangeLogEntry.action)
            .where(ChangeLogEntry.entity.in_(["visit_parts", "stock"]))
            .where(ChangeLogEntry.action != "receive")
            .order_by(ChangeLogEntry.id)
        ).all()
    assert [tuple(x) for x in logged] == [
        ("visit_parts", "reserve"),
        ("stock", "reserve"),
        ("visit_parts", "return"),
        ("stock", "return"),
    ]


def test_a_shortage_says_what_is_free_here_and_where_else_nearest_first(db: Database) -> None:
    w = field_world(db, stock=4)
    receive(db, w.admin, w.east_store, w.part, 2)
    receive(db, w.admin, w.north_store, w.part, 7)
    receive(db, w.admin, w.van, w.part, 1)
    with pytest.raises(StockShortage) as short:
        reserve_part(db, w.agent, w.visit, w.part, w.van, 3, NOW)
    shortage = short.value
    assert (shortage.available, shortage.wanted) == (1, 3)
    assert [(r.location_code, r.available, r.nearness) for r in shortage.elsewhere] == [
        ("ST-E", 2, SAME_REGION),
        ("WH", 4, WAREHOUSE),
        ("ST-N", 7, 2),
    ]
    assert shortage.errors[0].field == "quantity"
    assert level(db, w.van, w.part) == (1, 0)
    with db.session() as session:
        assert session.scalar(select(func.count(VisitPart.id))) == 0


def test_no_reservation_for_a_closed_visit_a_retired_part_or_a_bad_quantity(
    db: Database,
) -> None:
    w = field_world(db, stock=5)
    set_part_active(db, w.admin, w.part, False)
    with pytest.raises(EditRejected) as refused:
        reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 0, NOW)
    assert _codes(refused.value) == {("part_id", "retired"), ("quantity", "out_of_range")}
    set_part_active(db, w.admin, w.part, True)
    for status in ("cancelled", "completed"):
        with db.session() as session:
            session.execute(update(Visit).where(Visit.id == w.visit).values(status=status))
            session.commit()
        with pytest.raises(EditRejected) as refused:
            reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 1, NOW)
        assert [(e.field, e.code, dict(e.params)) for e in refused.value.errors] == [
            ("visit_id", "visit_closed", {"status": status})
        ]
    assert level(db, w.warehouse, w.part) == (5, 0)


def test_the_reserve_context_names_the_model_region_and_van(db: Database) -> None:
    w = field_world(db, stock=0)
    context = reserve_context(db, w.agent, w.visit)
    assert (context.product_model_id, context.region_id, context.van_location_id) == (
        w.model_id,
        w.east,
        w.van,
    )


def _consume(db: Database, w: Field, uses: list[PartUse]) -> tuple[object, ...]:
    with db.session() as session:
        result = consume_in_session(session, w.engineer.id, w.visit, uses, NOW)
        session.commit()
    return result


def test_consume_reserved_direct_from_the_van_and_unused_lines_go_back(db: Database) -> None:
    w = field_world(db, stock=5)
    receive(db, w.admin, w.van, w.part, 2)
    used = reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 3, NOW)
    unused = reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 1, NOW)
    consumed = _consume(
        db,
        w,
        [
            PartUse(used.id, w.part, w.warehouse, 2),  # 2 of the 3 reserved
            PartUse(None, w.part, w.van, 1),  # one more from the van, not reserved
        ],
    )
    assert level(db, w.warehouse, w.part) == (3, 0)  # 2 fitted, 1 + 1 back
    assert level(db, w.van, w.part) == (1, 0)
    rows = visit_parts(db, w.agent, w.visit)
    assert sorted((r.location_code, r.quantity, r.status) for r in rows) == [
        ("VAN-1", 1, "consumed"),
        ("WH", 1, "returned"),  # the rest of the line used in part
        ("WH", 1, "returned"),  # the line not used
        ("WH", 2, "consumed"),
    ]
    assert next(r for r in rows if r.id == unused.id).status == "returned"
    with db.session() as session:
        lines = consumed_parts(session, w.visit)
    assert lines == consumed
    assert [(p.quantity, p.line_total) for p in lines] == [
        (2, Decimal("501.00")),
        (1, Decimal("250.50")),
    ]
    assert parts_total(lines) == Decimal("751.50")
    assert reserved_in_lines(db, w.warehouse, w.part) == 0


def test_a_serialised_part_needs_both_serials_one_unit_at_a_time(db: Database) -> None:
    w = field_world(db, stock=0)
    board = add_part(db, w.admin, "MB-1", serialised=True, model_ids=(w.model_id,))
    receive(db, w.admin, w.van, board, 3)
    line = reserve_part(db, w.agent, w.visit, board, w.van, 2, NOW)
    with db.session() as session, pytest.raises(EditRejected) as refused:
        consume_in_session(
            session,
            w.engineer.id,
            w.visit,
            [PartUse(line.id, board, w.van, 2, "", " "), PartUse(None, 987654, w.van, 1)],
            NOW,
        )
    assert _codes(refused.value) == {
        ("uses.0.quantity", "one_per_serial"),
        ("uses.0.removed_serial", "required"),
        ("uses.0.fitted_serial", "required"),
        ("uses.1.part_id", "unknown"),
    }
    consumed = _consume(
        db,
        w,
        [
            PartUse(line.id, board, w.van, 1, "OLD-0001", "NEW-0001"),
            PartUse(line.id, board, w.van, 1, "OLD-0002", "NEW-0002"),
        ],
    )
    assert [(c.removed_serial, c.fitted_serial) for c in consumed] == [
        ("OLD-0001", "NEW-0001"),
        ("OLD-0002", "NEW-0002"),
    ]
    assert level(db, w.van, board) == (1, 0)


def test_more_than_reserved_or_a_line_of_another_visit_is_refused(db: Database) -> None:
    w = field_world(db, stock=5)
    line = reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 1, NOW)
    with db.session() as session, pytest.raises(EditRejected) as refused:
        consume_in_session(
            session,
            w.engineer.id,
            w.visit,
            [PartUse(line.id, w.part, w.warehouse, 2), PartUse(line.id + 99, w.part, 1, 1)],
            NOW,
        )
    assert _codes(refused.value) == {
        ("uses.0.quantity", "more_than_reserved"),
        ("uses.1.visit_part_id", "not_reserved"),
    }
    assert level(db, w.warehouse, w.part) == (5, 1)


def test_a_shortage_on_the_sheet_and_its_rollback_leave_stock_as_it_was(db: Database) -> None:
    w = field_world(db, stock=5)
    receive(db, w.admin, w.van, w.part, 1)
    line = reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 2, NOW)
    before = (level(db, w.warehouse, w.part), level(db, w.van, w.part))
    with db.session() as session, pytest.raises(StockShortage) as short:
        consume_in_session(
            session,
            w.engineer.id,
            w.visit,
            [PartUse(line.id, w.part, w.warehouse, 2), PartUse(None, w.part, w.van, 2)],
            NOW,
        )
    assert short.value.errors[0].field == "uses.1.quantity"
    assert [r.location_code for r in short.value.elsewhere] == ["WH"]
    # The sheet's transaction committed nothing: a rollback after a successful consume too.
    with db.session() as session:
        consume_in_session(
            session, w.engineer.id, w.visit, [PartUse(line.id, w.part, w.warehouse, 2)], NOW
        )
        on_hand = session.scalar(
            select(StockLevel.on_hand).where(
                StockLevel.location_id == w.warehouse, StockLevel.part_id == w.part
            )
        )
        assert on_hand == 3
        session.rollback()
    assert (level(db, w.warehouse, w.part), level(db, w.van, w.part)) == before
    assert [r.status for r in visit_parts(db, w.agent, w.visit)] == ["reserved"]


def test_cancelling_a_visit_releases_its_reservations(db: Database) -> None:
    w = field_world(db, stock=5)
    reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 2, NOW)
    reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 1, NOW)
    with db.session() as session:
        assert release_visit_in_session(session, w.agent.id, w.visit, NOW) == 2
        session.commit()
    assert level(db, w.warehouse, w.part) == (5, 0)
    assert {r.status for r in visit_parts(db, w.agent, w.visit)} == {"returned"}


ROUNDS = 12
ON_HAND = 3


def _race(
    desks: list[Database], users: list[SignedInUser], visits: list[int], part: int, location: int
) -> list[object]:
    """Each desk reserves one unit for its visit, all at the same instant: what each got."""
    outcomes: list[object] = [None] * len(desks)
    start = threading.Barrier(len(desks))

    def desk(index: int) -> None:
        try:
            start.wait()
            outcomes[index] = reserve_part(
                desks[index], users[index], visits[index], part, location, 1, NOW
            )
        except BaseException as error:  # kept for the asserts
            outcomes[index] = error

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_desks_reserve_the_last_unit_at_once_exactly_one_gets_it(db: Database) -> None:
    """Each round: all but one unit reserved, two desks (each its own Database, its own
    connection) reserve the last one at the same instant (a barrier), each for its own visit
    (no shared visit lock: the stock level's conditional UPDATE decides). Exactly one gets
    it, the other is told of the shortage; stock never goes negative and what is reserved
    equals the reserved lines. Then everything goes back for the next round."""
    w = field_world(db, stock=ON_HAND)
    other_visit = add_visit(db, w.customer, equipment_id=w.equipment_id)
    visits = [w.visit, other_visit]
    desks = [Database.connect(db.url), Database.connect(db.url)]
    users = [w.agent, w.engineer]
    try:
        for _round in range(ROUNDS):
            reserve_part(db, w.admin, w.visit, w.part, w.warehouse, ON_HAND - 1, NOW)
            outcomes = _race(desks, users, visits, w.part, w.warehouse)
            shortages = [o for o in outcomes if isinstance(o, StockShortage)]
            successes = [o for o in outcomes if isinstance(o, VisitPartRow)]
            assert (len(successes), len(shortages)) == (1, 1), outcomes
            assert shortages[0].available == 0
            assert level(db, w.warehouse, w.part) == (ON_HAND, ON_HAND)
            assert reserved_in_lines(db, w.warehouse, w.part) == ON_HAND
            for visit in visits:
                for row in visit_parts(db, w.agent, visit):
                    if row.status == "reserved":
                        return_part(db, w.agent, row.id, NOW)
            assert level(db, w.warehouse, w.part) == (ON_HAND, 0)
    finally:
        for desk_db in desks:
            desk_db.dispose()
    with db.session() as session:
        lines = session.scalar(
            select(func.count(VisitPart.id)).where(VisitPart.status == "returned")
        )
    assert lines == ROUNDS * 2  # one winner's line and the all-but-one line each round


def test_consume_inside_a_sheet_that_completes_the_visit_first(db: Database) -> None:
    """As the service sheet will call it: its transaction locks and completes the visit, then
    consumes; both commit together."""
    w = field_world(db, stock=2)
    line = reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 1, NOW)
    with db.session() as session:
        if db.backend == "sqlite":
            session.execute(update(Visit).where(Visit.id == w.visit).values(version=Visit.version))
        visit = session.get(Visit, w.visit, with_for_update=db.backend != "sqlite")
        assert visit is not None
        visit.status = "completed"
        visit.version += 1
        consumed = consume_in_session(
            session, w.engineer.id, w.visit, [PartUse(line.id, w.part, w.warehouse, 1)], NOW
        )
        assert visit.status == "completed", "the sheet's own change is kept"
        session.commit()
    assert [(c.visit_part_id, c.quantity) for c in consumed] == [(line.id, 1)]
    assert level(db, w.warehouse, w.part) == (1, 0)
    with db.session() as session:
        stored = session.get(Visit, w.visit)
        assert stored is not None and (stored.status, stored.version) == ("completed", 2)
