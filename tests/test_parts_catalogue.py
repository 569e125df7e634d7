"""The parts catalogue and the stock locations as an administrator keeps them, and as a desk
searches them (code, either language, the parts that fit a model first)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.factories import add_desk_user, model_id, with_reference_data
from tests.parts_factories import add_location, add_part, add_region_row
from tests.ticket_factories import add_worker
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry, ProductModel
from workstation.services.customer_edit import EditRejected
from workstation.services.parts_catalogue import (
    LocationInput,
    PartInput,
    get_part,
    list_locations,
    parts_for_model,
    parts_setup,
    save_location,
    save_part,
    search_parts,
    set_location_active,
    set_part_active,
)
from workstation.services.stock import receive


def _two_models(db: Database) -> tuple[int, int]:
    with db.session() as session:
        first, second = session.scalars(select(ProductModel.id).order_by(ProductModel.id).limit(2))
    return first, second


def test_parts_are_created_changed_retired_with_their_models_on_the_record(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    first, second = _two_models(db)
    name = {"name_en": "Fuser unit", "name_zh": "定影组件"}
    part_id = add_part(db, admin, " fu-100 ", **name, price="250.5", model_ids=(first,))
    part = get_part(db, admin, part_id)
    assert (part.code, part.unit_price, part.model_ids) == ("FU-100", Decimal("250.50"), (first,))

    changed = PartInput("FU-100", "Fuser unit", "定影组件", "260", False, (first, second))
    save_part(db, admin, part_id, changed)
    # The same again, models in another order: nothing changes, nothing is written.
    save_part(db, admin, part_id, PartInput(**{**changed.__dict__, "model_ids": (second, first)}))
    set_part_active(db, admin, part_id, False)
    assert not get_part(db, admin, part_id).active
    with db.session() as session:
        audit = session.execute(
            select(AuditRecord.action, AuditRecord.details)
            .where(AuditRecord.entity == "part")
            .order_by(AuditRecord.id)
        ).all()
        logged = session.scalars(
            select(ChangeLogEntry.action).where(ChangeLogEntry.entity == "part")
        ).all()
    assert [a for a, _ in audit] == ["create", "update", "retire"]
    assert audit[1][1] == {
        "unit_price": ["250.50", "260.00"],
        "model_ids": [[first], [first, second]],
    }
    assert list(logged) == ["create", "update", "retire"]


def test_a_bad_part_is_refused_at_its_fields(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    add_part(db, admin, "FU-100")
    with pytest.raises(EditRejected) as refused:
        save_part(db, admin, None, PartInput("fu-100", "", "定影", "12.345", False, (987654,)))
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("code", "taken"),
        ("name_en", "required"),
        ("unit_price", "too_precise"),
        ("model_ids", "unknown"),
    }
    with pytest.raises(EditRejected) as refused:
        save_part(db, admin, None, PartInput("FU 2", "x", "x", "abc", False))
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("code", "invalid_code"),
        ("unit_price", "not_a_number"),
    }


def test_search_by_code_or_either_name_fitting_parts_first(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    agent = add_desk_user(db, "agent1", role="agent")
    first, second = _two_models(db)
    add_part(db, admin, "AA-1", name_en="Drum unit", name_zh="硒鼓", model_ids=(second,))
    add_part(db, admin, "ZZ-9", name_en="Fuser unit", name_zh="定影组件", model_ids=(first,))
    retired = add_part(db, admin, "BB-2", name_en="Old drum", name_zh="旧硒鼓")
    set_part_active(db, admin, retired, False)

    assert [p.code for p in search_parts(db, agent, "zz")] == ["ZZ-9"]
    assert [p.code for p in search_parts(db, agent, "DRUM")] == ["AA-1"]
    assert [p.code for p in search_parts(db, agent, "硒鼓")] == ["AA-1"]
    assert [p.code for p in search_parts(db, agent, "硒鼓", include_retired=True)] == [
        "AA-1",
        "BB-2",
    ]
    assert [p.code for p in search_parts(db, agent, "%")] == []
    fitting = search_parts(db, agent, "", fits_model_id=first)
    assert [(p.code, p.fits) for p in fitting] == [("ZZ-9", True), ("AA-1", False)]
    assert [p.code for p in parts_for_model(db, agent, second)] == ["AA-1"]
    assert fitting[0].name(chinese=True) == "定影组件"
    assert fitting[0].name(chinese=False) == "Fuser unit"


def test_locations_warehouse_regional_store_and_an_engineers_van(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    east = add_region_row(db, "E-T", "华东测试")
    engineer = add_worker(db, "eng1", region_id=east)
    agent = add_desk_user(db, "agent1", role="agent")
    warehouse = add_location(db, admin, "wh", "warehouse", region_id=east)  # region ignored
    store = add_location(db, admin, "st-e", "regional", region_id=east)
    van = add_location(db, admin, "van-1", "van", engineer_id=engineer.id)
    rows = {r.id: r for r in list_locations(db, agent)}
    assert [r.code for r in list_locations(db, agent)] == ["WH", "ST-E", "VAN-1"]
    assert rows[warehouse].region_id is None
    assert (rows[store].region_id, rows[store].region_name) == (east, "华东测试")
    assert (rows[van].engineer_name, rows[van].region_id) == ("eng1", east)

    with pytest.raises(EditRejected) as refused:
        save_location(db, admin, None, LocationInput("VAN-2", "Van", "van", None, engineer.id))
    assert [(e.field, e.code) for e in refused.value.errors] == [("engineer_id", "taken")]
    with pytest.raises(EditRejected) as refused:
        save_location(db, admin, None, LocationInput("ST-X", "Store", "regional", None, None))
    assert [(e.field, e.code) for e in refused.value.errors] == [("region_id", "required")]
    with pytest.raises(EditRejected) as refused:
        save_location(db, admin, None, LocationInput("VAN-3", "Van", "van", None, agent.id))
    assert [(e.field, e.code) for e in refused.value.errors] == [("engineer_id", "unknown")]

    part = add_part(db, admin, "FU-1", model_ids=(model_id(db),))
    receive(db, admin, store, part, 2)
    with pytest.raises(EditRejected) as refused:
        set_location_active(db, admin, store, False)
    assert [(e.field, e.code) for e in refused.value.errors] == [("active", "holds_stock")]
    set_location_active(db, admin, warehouse, False)
    assert [r.code for r in list_locations(db, agent)] == ["ST-E", "VAN-1"]
    setup = parts_setup(db, admin)
    assert [e.name for e in setup.engineers] == ["eng1"]
    assert {r.code for r in setup.regions} >= {"E-T"}
    assert len(setup.locations) == 3
