"""The history timeline of a customer and of a device: newest first, paged by cursor without
duplicates or gaps, filtered by kind and date, and a device's history following the device."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import (
    CustomerIds,
    add_call,
    add_customer,
    add_desk_user,
    add_equipment,
    add_ticket,
    add_ticket_event,
    with_reference_data,
)
from workstation.db import Database
from workstation.services.customer_edit import SiteInput, add_site
from workstation.services.equipment_edit import move_equipment
from workstation.services.history import (
    HistoryCursor,
    HistoryEntry,
    customer_history,
    equipment_history,
)

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _all_pages(fetch: object, limit: int) -> list[HistoryEntry]:
    assert callable(fetch)
    entries: list[HistoryEntry] = []
    cursor: HistoryCursor | None = None
    for _ in range(200):
        page = fetch(before=cursor, limit=limit)
        entries += page.entries
        cursor = page.next_cursor
        if cursor is None:
            return entries
        assert len(page.entries) == limit  # only the last page is short
    raise AssertionError("paging never ended")


def _busy_customer(db: Database) -> tuple[CustomerIds, int]:
    """Twelve tickets (some at the very same instant), each with its call and events."""
    with_reference_data(db)
    agent = add_desk_user(db, "wangfang")
    customer = add_customer(db, "北京华信科技有限公司", tier="vip")
    device = add_equipment(db, customer, serial="SN-BUSY-1")
    for i in range(12):
        reported = T0 + timedelta(hours=6 * (i // 2))  # pairs share their instant
        ticket = add_ticket(
            db, customer, equipment_id=device if i % 2 else None, reported_at=reported
        )
        add_call(
            db,
            customer,
            started_at=reported - timedelta(minutes=3),
            ended_at=reported + timedelta(minutes=4),
            ticket_id=ticket,
            wrap_up_code="ticket_created",
            agent_id=agent.id,
        )
        add_ticket_event(
            db,
            ticket,
            "assigned",
            reported + timedelta(hours=1),
            {"assignee_id": agent.id, "queue_id": None},
            agent.id,
        )
        add_ticket_event(
            db,
            ticket,
            "status_changed",
            reported + timedelta(hours=2),
            {"from": "assigned", "to": "in_progress"},
            agent.id,
        )
    # A call that opened no ticket, and a follow-up call.
    add_call(db, customer, started_at=T0 + timedelta(days=5), wrap_up_code="info_only")
    add_call(
        db,
        customer,
        started_at=T0 + timedelta(days=6),
        direction="out",
        wrap_up_code="follow_up",
    )
    return customer, device


def test_the_history_is_newest_first_with_every_kind(db: Database) -> None:
    customer, _ = _busy_customer(db)

    page = customer_history(db, customer.customer_id, limit=500)

    keys = [e.key for e in page.entries]
    assert keys == sorted(keys, reverse=True)
    assert page.next_cursor is None
    kinds = {e.kind for e in page.entries}
    assert kinds == {"ticket", "call", "assignment", "status", "follow_up"}
    assert len(page.entries) == 12 * 4 + 2
    newest = page.entries[0]
    assert (newest.kind, newest.summary_code) == ("follow_up", "out")
    assignment = next(e for e in page.entries if e.kind == "assignment")
    assert assignment.user_name == "wangfang"
    assert assignment.details["assignee_name"] == "wangfang"
    assert assignment.ticket_number.startswith("SR-")
    ticket = next(e for e in page.entries if e.kind == "ticket")
    assert ticket.details["description"] == "打印机卡纸，提示E-201"
    assert ticket.customer_name == "北京华信科技有限公司"
    call = next(e for e in page.entries if e.kind == "call" and e.ticket_id)
    assert call.details["duration_seconds"] == 7 * 60
    assert call.details["caller"] == "张三"  # the contact, when no caller name was taken
    # The wrap-up code's administered words; none for a code the table does not keep.
    assert (call.details["wrap_up_en"], call.details["wrap_up_zh"]) == (
        "Ticket created",
        "已建工单",
    )
    follow_up = next(e for e in page.entries if e.kind == "follow_up")
    assert (follow_up.details["wrap_up_code"], follow_up.details["wrap_up_en"]) == ("follow_up", "")


@pytest.mark.parametrize("limit", [1, 5, 7, 50])
def test_pages_follow_each_other_without_duplicates_or_gaps(db: Database, limit: int) -> None:
    customer, _ = _busy_customer(db)
    whole = customer_history(db, customer.customer_id, limit=500).entries

    def fetch(**kw: object) -> object:
        return customer_history(db, customer.customer_id, **kw)  # type: ignore[arg-type]

    paged = _all_pages(fetch, limit)

    assert [e.key for e in paged] == [e.key for e in whole]
    assert len({e.key for e in paged}) == len(paged)


def test_filter_by_kind(db: Database) -> None:
    customer, _ = _busy_customer(db)

    calls = customer_history(db, customer.customer_id, kinds=frozenset({"call"}), limit=500)
    status = customer_history(db, customer.customer_id, kinds=frozenset({"status"}), limit=3)
    follow = customer_history(db, customer.customer_id, kinds=frozenset({"follow_up"}))

    assert {e.kind for e in calls.entries} == {"call"}
    assert len(calls.entries) == 13  # twelve intake calls and the information call
    assert [e.kind for e in status.entries] == ["status"] * 3
    assert status.next_cursor is not None
    assert [e.summary_code for e in follow.entries] == ["out"]
    statuses = _all_pages(
        lambda **kw: customer_history(
            db,
            customer.customer_id,
            kinds=frozenset({"status"}),
            **kw,  # type: ignore[arg-type]
        ),
        5,
    )
    assert len(statuses) == 12


def test_filter_by_date_range(db: Database) -> None:
    customer, _ = _busy_customer(db)
    since = T0 + timedelta(hours=6)
    until = T0 + timedelta(hours=12)

    page = customer_history(db, customer.customer_id, since=since, until=until, limit=500)

    assert page.entries
    assert all(since <= e.at < until for e in page.entries)
    # Tickets reported at since (two), their events, and the calls of the next pair start
    # three minutes before `until`.
    assert sum(e.kind == "ticket" for e in page.entries) == 2
    assert sum(e.kind == "call" for e in page.entries) == 2


def test_a_devices_history_holds_only_its_own_tickets(db: Database) -> None:
    _, device = _busy_customer(db)

    page = equipment_history(db, device, limit=500)

    tickets = [e for e in page.entries if e.kind == "ticket"]
    assert len(tickets) == 6
    assert all(e.details["serial"] == "SN-BUSY-1" for e in tickets)
    # The calls and events of those tickets come with them.
    assert sum(e.kind == "call" for e in page.entries) == 6
    assert sum(e.kind == "assignment" for e in page.entries) == 6
    paged = _all_pages(lambda **kw: equipment_history(db, device, **kw), 4)  # type: ignore[arg-type]
    assert [e.key for e in paged] == [e.key for e in page.entries]


def test_a_moved_device_keeps_its_whole_history(db: Database) -> None:
    with_reference_data(db)
    user = add_desk_user(db)
    first = add_customer(db, "杭州西湖电子有限公司")
    second = add_customer(db, "宁波港务集团", contacts=(("王五", ("137 0000 1111",)),))
    device = add_equipment(db, first, serial="SN-MOVER")
    old_ticket = add_ticket(db, first, equipment_id=device, reported_at=T0)
    new_site = add_site(db, user, second.customer_id, SiteInput(name="仓库", city="宁波"))
    move_equipment(db, user, device, second.customer_id, new_site.site_id, "sold with the plant")
    new_ticket = add_ticket(db, second, equipment_id=device, reported_at=datetime.now(UTC))

    history = equipment_history(db, device, limit=500)

    tickets = [e for e in history.entries if e.kind == "ticket"]
    assert [e.ticket_id for e in tickets] == [new_ticket, old_ticket]
    assert [e.customer_name for e in tickets] == ["宁波港务集团", "杭州西湖电子有限公司"]
    moved = [e for e in history.entries if e.kind == "equipment" and e.summary_code == "moved"]
    assert len(moved) == 1
    assert moved[0].details["from_customer_id"] == first.customer_id
    assert moved[0].details["to_customer_id"] == second.customer_id
    assert moved[0].details["serial"] == "SN-MOVER"
    assert moved[0].user_name == user.display_name
    # The first owner's history still holds the ticket it had on the device.
    old_owner = customer_history(db, first.customer_id, kinds=frozenset({"ticket"}))
    assert [e.ticket_id for e in old_owner.entries] == [old_ticket]
    # The new owner's history shows the device's audit lines now it is theirs.
    new_owner = customer_history(db, second.customer_id, kinds=frozenset({"equipment"}))
    assert "moved" in {e.summary_code for e in new_owner.entries}


def test_an_unknown_customer_or_device_is_a_lookup_error(db: Database) -> None:
    with pytest.raises(LookupError):
        customer_history(db, 424242)
    with pytest.raises(LookupError):
        equipment_history(db, 424242)
