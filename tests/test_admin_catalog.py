"""Product models and symptom categories as an administrator keeps them; the fault form
offers what was added."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import add_desk_user, with_reference_data
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry
from workstation.services.admin_catalog import (
    ModelInput,
    SymptomInput,
    catalog,
    save_model,
    save_symptom,
)
from workstation.services.customer_edit import EditRejected
from workstation.services.options import product_models, symptom_categories


def test_models_and_symptoms_reach_the_fault_form(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    found = save_model(
        db, admin, None, ModelInput(" LP-9000 ", "LP-9000 A3 colour", "laser_printer", 24)
    )
    model = next(m for m in found.models if m.code == "LP-9000")
    found = save_symptom(
        db, admin, None, SymptomInput("laser_printer", "Toner_Smear", "Toner smear", "碳粉污迹")
    )
    symptom = next(s for s in found.symptoms if s.code == "toner_smear")
    assert model.id in {m.id for m in product_models(db)}
    assert "碳粉污迹" in {s.name_zh for s in symptom_categories(db, model.id)}

    save_model(
        db, admin, model.id, ModelInput("LP-9000", "LP-9000 A3 colour MFP", "laser_printer", 36)
    )
    save_symptom(
        db,
        admin,
        symptom.id,
        SymptomInput("laser_printer", "toner_smear", "Toner smear", "碳粉污渍"),
    )
    with db.session() as session:
        audit = session.execute(
            select(AuditRecord.entity, AuditRecord.action, AuditRecord.details).order_by(
                AuditRecord.id
            )
        ).all()
        logged = session.scalars(select(ChangeLogEntry.entity).order_by(ChangeLogEntry.id)).all()
    assert [(e, a) for e, a, _ in audit] == [
        ("product_model", "create"),
        ("symptom_category", "create"),
        ("product_model", "update"),
        ("symptom_category", "update"),
    ]
    assert audit[2][2] == {
        "name": ["LP-9000 A3 colour", "LP-9000 A3 colour MFP"],
        "warranty_months": [24, 36],
    }
    assert audit[3][2] == {"name_zh": ["碳粉污迹", "碳粉污渍"]}
    assert list(logged) == [e for e, _, _ in audit]
    codes = {(e.product_category, e.code) for e in catalog(db, admin).error_codes}
    assert ("laser_printer", "E-0213") in codes


def test_bad_models_and_symptoms_are_refused_at_their_fields(db: Database) -> None:
    with_reference_data(db)
    admin = add_desk_user(db, "root", role="admin")
    with pytest.raises(EditRejected) as refused:
        save_model(db, admin, None, ModelInput("LP-2020", "", "toaster", 500))
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("code", "taken"),
        ("name", "required"),
        ("category", "unknown"),
        ("warranty_months", "out_of_range"),
    }
    with pytest.raises(EditRejected) as refused:
        save_symptom(db, admin, None, SymptomInput("laser_printer", "paper_jam", "Jam", ""))
    assert {(e.field, e.code) for e in refused.value.errors} == {
        ("code", "taken"),
        ("name_zh", "required"),
    }
    with db.session() as session:
        assert session.scalars(select(AuditRecord)).all() == []
