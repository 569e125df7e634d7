"""Merging two customer records: everything moves, VIP stays VIP, the merged row stays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.factories import (
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    Call,
    ChangeLogEntry,
    Contact,
    Customer,
    Equipment,
    ServiceContract,
    Site,
    Ticket,
)
from workstation.permissions import PermissionDenied
from workstation.services.customer_edit import EditRejected, find_customers
from workstation.services.customer_merge import merge_customers, merge_preview


def _call(db: Database, customer_id: int) -> int:
    with db.session() as session:
        call = Call(
            direction="in",
            channel="phone",
            customer_id=customer_id,
            started_at=datetime.now(UTC),
        )
        session.add(call)
        session.commit()
        return call.id


def _two(db: Database) -> tuple[int, int, dict[str, int]]:
    """A standard record to keep and a VIP duplicate with one of everything."""
    with_reference_data(db)
    keep = add_customer(db, "上海精密仪器有限公司", tier="standard")
    dup = add_customer(
        db, "上海精密仪器", tier="vip", contacts=(("王五", ("13900001111",)),), site="浦东厂区"
    )
    device = add_equipment(db, dup)
    made = {
        "device": device,
        "ticket": add_ticket(db, dup, equipment_id=device),
        "call": _call(db, dup.customer_id),
        "contract": add_contract(db, dup, equipment_ids=(device,)),
        "contact": dup.contact_ids[0],
        "site": dup.site_id,
    }
    return keep.customer_id, dup.customer_id, made


def test_the_preview_shows_both_records_what_moves_and_the_resulting_tier(db: Database) -> None:
    keep, dup, _ = _two(db)
    preview = merge_preview(db, keep, dup)
    assert (preview.keep.name, preview.merge.name) == ("上海精密仪器有限公司", "上海精密仪器")
    assert preview.merge.counts.as_dict() == {
        "contacts": 1,
        "sites": 1,
        "equipment": 1,
        "tickets": 1,
        "calls": 1,
        "contracts": 1,
    }
    assert preview.merge.phones == ("13900001111",)
    assert preview.resulting_tier == "vip"
    assert preview.problems == ()


def test_a_merge_moves_everything_keeps_vip_and_the_merged_row(db: Database) -> None:
    keep, dup, made = _two(db)
    user = add_desk_user(db)
    result = merge_customers(db, user, keep, dup, "同一家公司，重复建档")
    assert result.tier == "vip"
    assert result.moved.tickets == 1
    with db.session() as session:
        for model, key in (
            (Contact, "contact"),
            (Site, "site"),
            (Equipment, "device"),
            (Ticket, "ticket"),
            (Call, "call"),
            (ServiceContract, "contract"),
        ):
            row = session.get(model, made[key])
            assert row is not None and row.customer_id == keep, model.__name__
        kept = session.get(Customer, keep)
        merged = session.get(Customer, dup)
        assert kept is not None and merged is not None
        assert (kept.tier, kept.version) == ("vip", 2)
        assert (merged.merged_into_id, merged.name) == (keep, "上海精密仪器")
        # The device's ticket history is found by the device, whoever owns it now.
        assert session.scalars(
            select(Ticket.id).where(Ticket.equipment_id == made["device"])
        ).all() == [made["ticket"]]
        records = {
            r.entity_id: r
            for r in session.scalars(select(AuditRecord).where(AuditRecord.entity == "customer"))
        }
        assert records[keep].action == "merged_in"
        assert records[keep].details["changed"] == {"tier": ["standard", "vip"]}
        assert records[keep].details["moved"]["equipment"] == 1
        assert records[dup].action == "merged_into"
        assert records[dup].details["into_id"] == keep
        changes = session.scalars(
            select(ChangeLogEntry.entity_id, ChangeLogEntry.action).where(
                ChangeLogEntry.action.in_(("merged_in", "merged_into"))
            )
        ).all()
        assert sorted(changes) == sorted([keep, dup])
    # The merged record no longer comes up in pickers.
    assert [c.id for c in find_customers(db, "上海精密")] == [keep]


def test_a_merge_is_refused_into_itself_into_a_merged_record_or_without_reason(
    db: Database,
) -> None:
    keep, dup, _ = _two(db)
    user = add_desk_user(db)
    with pytest.raises(EditRejected) as error:
        merge_customers(db, user, keep, keep, "同一个")
    assert [(e.field, e.code) for e in error.value.errors] == [("merge_id", "same_customer")]
    with pytest.raises(EditRejected) as error:
        merge_customers(db, user, keep, dup, "  ")
    assert [(e.field, e.code) for e in error.value.errors] == [("reason", "required")]
    merge_customers(db, user, keep, dup, "重复")
    third = add_customer(db, "第三家", contacts=(("赵六", ("13600000001",)),)).customer_id
    with pytest.raises(EditRejected) as error:
        merge_customers(db, user, dup, third, "合到已合并的")
    assert [(e.field, e.code) for e in error.value.errors] == [("keep_id", "already_merged")]
    with pytest.raises(EditRejected) as error:
        merge_customers(db, user, third, dup, "再合一次")
    assert [(e.field, e.code, e.params) for e in error.value.errors] == [
        ("merge_id", "already_merged", {"into_id": str(keep)})
    ]
    assert merge_preview(db, third, dup).problems[0].code == "already_merged"


def test_an_engineer_may_not_merge(db: Database) -> None:
    keep, dup, _ = _two(db)
    engineer = add_desk_user(db, "eng1", role="engineer")
    with pytest.raises(PermissionDenied):
        merge_customers(db, engineer, keep, dup, "重复")
