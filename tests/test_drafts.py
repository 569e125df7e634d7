"""Drafts of the call form: atomic saves, newest first, corrupt files set aside, full round trip."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from workstation.drafts import DraftStore, form_from_data, form_to_data
from workstation.services.intake import CallForm

EVERY_FIELD = CallForm(
    channel="wechat",
    phone="+86 138 1234 5678",
    caller_name="张三",
    customer_id=7,
    contact_id=8,
    equipment_id=9,
    serial="LP-2020-0001",
    product_model_id=3,
    install_date=date(2025, 3, 1),
    fault_started_at=datetime(2026, 3, 9, 23, 30, tzinfo=UTC),
    symptom_category_id=4,
    error_code="E-0213",
    description="卡纸\n第二行",
    external_factors=("power_cut", "moved"),
    urgency="urgent",
    severity="critical",
    outcome="resolved",
    resolution_type="remote_fix",
    solution="重新装纸",
    add_to_ticket_id=11,
    serial_owner_reason="转卖",
    call_started_at=datetime(2026, 3, 10, 2, 0, 5, 123456, tzinfo=UTC),
    external_call_id="pbx-42",
)


def test_every_form_field_survives_a_round_trip_through_a_draft(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.save("call-1", {"form": form_to_data(EVERY_FIELD), "customer_name": "上海精密"})
    [draft] = store.load_all()
    assert draft.id == "call-1" and draft.data["customer_name"] == "上海精密"
    assert draft.data["form"]["install_date"] == "2025-03-01"  # dates as ISO text
    assert form_from_data(draft.data["form"]) == EVERY_FIELD
    assert form_from_data({"description": "x", "added_later": 1}) == CallForm(description="x")


def test_drafts_come_back_newest_first_and_discard_forgets_one(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("old", {"n": 1}, now=datetime(2026, 3, 10, 1, tzinfo=UTC))
    store.save("new", {"n": 2}, now=datetime(2026, 3, 10, 2, tzinfo=UTC))
    store.save("old", {"n": 3}, now=datetime(2026, 3, 10, 1, 30, tzinfo=UTC))
    assert [(d.id, d.data["n"]) for d in store.load_all()] == [("new", 2), ("old", 3)]
    store.discard("new")
    store.discard("never-saved")
    assert [d.id for d in store.load_all()] == ["old"]


def test_a_crash_while_writing_leaves_the_previous_draft_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DraftStore(tmp_path)
    store.save("call", {"description": "first version"})

    def crash(*_args: object) -> None:
        raise OSError("power cut mid-write")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.save("call", {"description": "second version"})
    monkeypatch.undo()
    assert [d.data for d in store.load_all()] == [{"description": "first version"}]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["call.json"]  # no temp file left


def test_a_corrupt_draft_is_set_aside_and_reported_not_fatal(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("good", {"description": "kept"})
    (tmp_path / "broken.json").write_text('{"id": "broken", "saved_at": ', encoding="utf-8")
    drafts = store.load_all()
    assert [d.id for d in drafts] == ["good"]
    assert [p.name for p in store.corrupt] == ["broken.json.corrupt"]
    assert store.load_all() and store.corrupt == []  # reported once, the rest still offered


def test_a_draft_id_cannot_escape_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        DraftStore(tmp_path).save("../evil", {})
