"""The service sheet fits the visit's parts: reserved lines consumed (serials recorded),
unused ones back in stock, refusals at the sheet's parts in one transaction with the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from tests.parts_factories import START, Field, add_part, field_world, level
from workstation.db import Database
from workstation.services.service_sheet import (
    SheetInput,
    SheetRefused,
    record_sheet,
    sheet_detail,
)
from workstation.services.stock import receive
from workstation.services.visit_parts import PartUse, reserve_part

NOW = START + timedelta(hours=3)
SHEET = SheetInput(
    arrived_at=START + timedelta(minutes=10),
    departed_at=START + timedelta(minutes=100),
    work_done="Replaced the fuser unit and the main board",
    result="fixed",
    travel_km=Decimal("8.0"),
    confirmed_by="李经理",
)


def _board(db: Database, world: Field) -> int:
    board = add_part(
        db, world.admin, "MB-7", name_en="Main board", name_zh="主板", price="880.00",
        serialised=True, model_ids=(world.model_id,),
    )  # fmt: skip
    receive(db, world.admin, world.warehouse, board, 2, "delivery")
    return board


def test_the_sheet_consumes_what_was_used_and_returns_the_rest(db: Database) -> None:
    world = field_world(db, stock=5)
    board = _board(db, world)
    fuser_line = reserve_part(db, world.agent, world.visit, world.part, world.warehouse, 2)
    board_line = reserve_part(db, world.agent, world.visit, board, world.warehouse, 1)
    assert level(db, world.warehouse, world.part) == (5, 2)

    used = (
        PartUse(fuser_line.id, world.part, world.warehouse, 1),
        PartUse(board_line.id, board, world.warehouse, 1, "OLD-MB-1", "NEW-MB-9"),
    )
    result = record_sheet(db, world.engineer, world.visit, 1, replace(SHEET, parts_used=used), NOW)

    assert result.status == "completed"
    assert level(db, world.warehouse, world.part) == (4, 0)  # one fitted, one back
    assert level(db, world.warehouse, board) == (1, 0)
    detail = sheet_detail(db, world.engineer, world.visit)
    fitted = {(p.part_code, p.quantity, p.removed_serial, p.fitted_serial) for p in detail.parts}
    assert fitted == {("FU-100", 1, "", ""), ("MB-7", 1, "OLD-MB-1", "NEW-MB-9")}
    assert detail.parts_cost == Decimal("250.50") + Decimal("880.00")
    # The service total is labour, travel and surcharge; the parts are charged apart.
    assert detail.labour_cost is not None and detail.distance_cost is not None
    assert detail.total_cost == detail.labour_cost + detail.distance_cost + (detail.surcharge or 0)


def test_a_serialised_part_without_its_serials_refuses_the_whole_sheet(db: Database) -> None:
    world = field_world(db, stock=5)
    board = _board(db, world)
    board_line = reserve_part(db, world.agent, world.visit, board, world.warehouse, 1)

    with pytest.raises(SheetRefused) as refused:
        record_sheet(
            db,
            world.engineer,
            world.visit,
            1,
            replace(SHEET, parts_used=(PartUse(board_line.id, board, world.warehouse, 1),)),
            NOW,
        )

    errors = {(e.field, e.code, e.params.get("line")) for e in refused.value.errors}
    assert ("parts_used", "required", "1") in errors
    detail = sheet_detail(db, world.engineer, world.visit)
    assert detail.status == "booked" and detail.parts == ()
    assert level(db, world.warehouse, board) == (2, 1)  # still reserved, nothing consumed


def test_a_part_from_stock_that_ran_out_is_a_shortage_at_the_sheets_parts(db: Database) -> None:
    world = field_world(db, stock=0)
    with pytest.raises(SheetRefused) as refused:
        record_sheet(
            db,
            world.engineer,
            world.visit,
            1,
            replace(SHEET, parts_used=(PartUse(None, world.part, world.warehouse, 1),)),
            NOW,
        )
    assert [(e.field, e.code) for e in refused.value.errors] == [("parts_used", "shortage")]
    assert sheet_detail(db, world.engineer, world.visit).status == "booked"
