"""Similar past faults: same model and error code first, then same symptom, ranked by text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from tests.factories import add_customer, add_ticket, model_id, symptom_id, with_reference_data
from workstation.db import Database
from workstation.models import Ticket
from workstation.services.similar import similar_faults, similarity, trigrams

NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def test_trigram_similarity_finds_chinese_and_latin_overlap() -> None:
    jam = trigrams("卡纸，面板显示E-0213")
    assert similarity(jam, trigrams("卡纸 E-0213")) > similarity(jam, trigrams("无法开机"))
    assert similarity(trigrams("paper jam in tray 2"), trigrams("Paper jam, tray 2")) > 0.5
    assert similarity(trigrams(""), jam) == 0.0


def test_same_error_code_comes_first_then_same_symptom_ranked_by_text(db: Database) -> None:
    with_reference_data(db)
    customer = add_customer(db)
    printer = model_id(db, "LP-2020")
    other_model = model_id(db, "LP-C5500")
    jam = symptom_id(db, printer)

    def resolved(description: str, code: str = "", model: int = printer, days: int = 10) -> int:
        return add_ticket(
            db,
            customer,
            product_model=model,
            status="closed",
            error_code=code,
            description=description,
            solution=f"fixed: {description}",
            reported_at=NOW - timedelta(days=days + 1),
            resolved_at=NOW - timedelta(days=days),
        )

    close_text = resolved("卡纸，面板显示 E-0213，搓纸轮打滑", "E-0213", days=40)
    far_text = resolved("打印发淡 E-0213", "E-0213", days=5)
    by_symptom = resolved("纸盒卡纸 搓纸轮", days=3)
    other = resolved("卡纸，面板显示 E-0213", "E-0213", model=other_model)
    open_one = add_ticket(db, customer, product_model=printer, error_code="E-0213")
    with db.session() as session:
        session.execute(
            update(Ticket).where(Ticket.id == by_symptom).values(symptom_category_id=jam)
        )
        session.commit()

    found = similar_faults(db, printer, "E-0213", jam, "卡纸 面板显示E-0213 搓纸轮")
    ids = [f.ticket_id for f in found]
    assert ids == [close_text, far_text, by_symptom]
    assert [f.match for f in found] == ["error_code", "error_code", "symptom"]
    assert found[0].solution.startswith("fixed:") and found[0].resolved_at is not None
    assert other not in ids and open_one not in ids
    assert similar_faults(db, printer, "E-0213", jam, "x", limit=1)[0].match == "error_code"
    assert similar_faults(db, None, "E-0213", jam, "卡纸") == ()
    # Neither code nor symptom given: only tickets whose text resembles what was typed.
    text_only = similar_faults(db, printer, "", None, "纸盒卡纸，搓纸轮")
    assert [f.ticket_id for f in text_only][:1] == [by_symptom]
    assert all(f.match == "text" for f in text_only)
