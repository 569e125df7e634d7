"""Stock per location: received, adjusted with a reason, transferred; never below what is
reserved; where else a part is, nearest first."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from tests.parts_factories import add_location, field_world, level
from tests.ticket_factories import add_worker
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry
from workstation.services.customer_edit import EditRejected
from workstation.services.parts_catalogue import set_location_active
from workstation.services.stock import (
    ELSEWHERE,
    SAME_REGION,
    WAREHOUSE,
    StockShortage,
    adjust,
    location_stock,
    part_stock,
    receive,
    transfer,
    where_in_stock,
)
from workstation.services.visit_parts import reserve_part


def test_receive_adjust_transfer_each_audited_and_on_the_change_log(db: Database) -> None:
    w = field_world(db, stock=0)
    row = receive(db, w.admin, w.warehouse, w.part, 10, "delivery 4711")
    assert (row.on_hand, row.reserved, row.available) == (10, 0, 10)
    row = receive(db, w.admin, w.warehouse, w.part, 5)
    assert row.on_hand == 15
    row = adjust(db, w.admin, w.warehouse, w.part, -2, "two damaged in transit")
    assert (row.on_hand, row.available) == (13, 13)
    source, target = transfer(db, w.admin, w.warehouse, w.east_store, w.part, 4, "east needs")
    assert (source.on_hand, target.on_hand) == (9, 4)
    assert level(db, w.east_store, w.part) == (4, 0)
    with db.session() as session:
        audit = session.execute(
            select(AuditRecord.entity_id, AuditRecord.action, AuditRecord.details)
            .where(AuditRecord.entity == "stock")
            .order_by(AuditRecord.id)
        ).all()
        logged = session.execute(
            select(ChangeLogEntry.entity_id, ChangeLogEntry.action, ChangeLogEntry.data)
            .where(ChangeLogEntry.entity == "stock")
            .order_by(ChangeLogEntry.id)
        ).all()
    assert [(loc, action) for loc, action, _ in audit] == [
        (w.warehouse, "receive"),
        (w.warehouse, "receive"),
        (w.warehouse, "adjust"),
        (w.warehouse, "transfer_out"),
        (w.east_store, "transfer_in"),
    ]
    assert audit[2][2] == {"part_id": w.part, "delta": -2, "reason": "two damaged in transit"}
    assert [action for _, action, _ in logged] == ["receive"] * 2 + ["adjust"] + ["transfer"] * 2
    assert logged[-1][2] == {
        "part_id": w.part,
        "location_id": w.east_store,
        "on_hand": 4,
        "reserved": 0,
    }


def test_never_below_what_is_reserved(db: Database) -> None:
    w = field_world(db, stock=3)
    reserve_part(db, w.agent, w.visit, w.part, w.warehouse, 2)
    with pytest.raises(StockShortage) as short:
        adjust(db, w.admin, w.warehouse, w.part, -2, "count")
    assert (short.value.available, short.value.errors[0].field) == (1, "delta")
    with pytest.raises(StockShortage) as short:
        transfer(db, w.admin, w.warehouse, w.van, w.part, 2)
    assert short.value.available == 1
    assert level(db, w.warehouse, w.part) == (3, 2), "nothing moved"
    adjust(db, w.admin, w.warehouse, w.part, -1, "count")
    assert level(db, w.warehouse, w.part) == (2, 2)


def test_bad_movements_are_refused_at_their_fields(db: Database) -> None:
    w = field_world(db, stock=3)
    with pytest.raises(EditRejected) as refused:
        adjust(db, w.admin, w.warehouse, w.part, 0, " ")
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("delta", "required"),
        ("reason", "required"),
    }
    with pytest.raises(EditRejected) as refused:
        transfer(db, w.admin, w.warehouse, w.warehouse, w.part, 0)
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("quantity", "out_of_range"),
        ("to_location_id", "same_location"),
    }
    closed = add_location(db, w.admin, "OLD", "warehouse")
    set_location_active(db, w.admin, closed, False)
    with pytest.raises(EditRejected) as refused:
        receive(db, w.admin, closed, 987654, 1)
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("location_id", "closed"),
        ("part_id", "unknown"),
    }


def test_where_in_stock_same_region_then_the_warehouse_then_others(db: Database) -> None:
    w = field_world(db, stock=2)
    receive(db, w.admin, w.north_store, w.part, 9)
    receive(db, w.admin, w.east_store, w.part, 1)
    other_engineer = add_worker(db, "eng2", region_id=w.east)
    other_van = add_location(db, w.admin, "VAN-2", "van", engineer_id=other_engineer.id)
    receive(db, w.admin, other_van, w.part, 3)
    receive(db, w.admin, w.van, w.part, 1)
    reserve_part(db, w.agent, w.visit, w.part, w.van, 1)  # nothing free left in my van

    found = where_in_stock(db, w.agent, w.part, near_region_id=w.east, exclude_location_id=w.van)
    assert [(r.location_code, r.available, r.nearness) for r in found] == [
        ("VAN-2", 3, SAME_REGION),
        ("ST-E", 1, SAME_REGION),
        ("WH", 2, WAREHOUSE),
        ("ST-N", 9, ELSEWHERE),
    ]
    everywhere = part_stock(db, w.agent, w.part, near_region_id=w.north)
    assert [r.location_code for r in everywhere][:2] == ["ST-N", "WH"]
    assert ("VAN-1", 1, 1, 0) in {
        (r.location_code, r.on_hand, r.reserved, r.available) for r in everywhere
    }
    assert [(r.part_code, r.on_hand) for r in location_stock(db, w.agent, w.north_store)] == [
        ("FU-100", 9)
    ]


def test_two_desks_receiving_the_first_units_at_once_add_up(db: Database) -> None:
    """The first receipt of a part at a location creates its level: INSERT … ON CONFLICT, so
    two at once neither fail nor lose a delivery."""
    w = field_world(db, stock=0)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def desk(quantity: int) -> None:
        other = Database.connect(db.url)
        try:
            start.wait()
            receive(other, w.admin, w.east_store, w.part, quantity)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            other.dispose()

    threads = [threading.Thread(target=desk, args=(q,)) for q in (3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert level(db, w.east_store, w.part) == (7, 0)
