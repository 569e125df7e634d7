"""The choices forms offer come from the loaded reference data, in both languages."""

from __future__ import annotations

from tests.factories import with_reference_data
from workstation.db import Database
from workstation.services.options import error_codes, product_models, regions, symptom_categories


def test_forms_offer_the_catalogue_models_with_their_kind_and_symptoms(db: Database) -> None:
    with_reference_data(db)
    models = product_models(db)
    assert len(models) > 20
    printer = next(m for m in models if m.code == "LP-2020")
    assert printer.kind == "laser_printer"
    assert printer.kind_zh == "激光打印机"
    symptoms = symptom_categories(db, printer.id)
    assert any(s.name_zh == "卡纸" and s.name_en == "Paper jam" for s in symptoms)
    assert "E-0213" in {c.code for c in error_codes(db, "laser_printer")}
    assert error_codes(db, "toaster") == ()
    assert symptom_categories(db, 999_999) == ()


def test_forms_offer_every_region(db: Database) -> None:
    with_reference_data(db)
    assert len(regions(db)) >= 3
